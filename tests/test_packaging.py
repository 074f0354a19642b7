"""The package: what a wheel holds, the pins, the lock files, no sys.path edits.

The wheel is built from a copy of the files the build reads, so the test
writes nothing into the checkout.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("newsarchive", "archive_site")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#\\]+)")


def normal(name: str) -> str:
    """PEP 503 name: ``types-PyYAML`` and ``types_pyyaml`` are one package.

    >>> normal("types-PyYAML"), normal("Markdown")
    ('types-pyyaml', 'markdown')
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """name → version of every ``name==version`` line of a requirements or lock file."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            found[normal(match.group(1))] = match.group(2)
    return found


def requirement_lines(path: Path) -> list[str]:
    return [ln.split("#")[0].strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.split("#")[0].strip()]


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-test.txt", "requirements-zensical.txt"])
def test_every_requirement_is_pinned(name):
    unpinned = [ln for ln in requirement_lines(ROOT / name) if not PIN.match(ln)]
    assert not unpinned, f"{name}: pin these with ==: {unpinned}"


@pytest.mark.parametrize("lock, inputs", [
    ("requirements.lock", ["requirements.txt"]),
    ("requirements-test.lock", ["requirements.txt", "requirements-test.txt", "requirements-zensical.txt"]),
])
def test_lock_files_hold_every_pin(lock, inputs):
    locked = pins(ROOT / lock)
    wanted: dict[str, str] = {}
    for name in inputs:
        wanted.update(pins(ROOT / name))
    stale = {n: v for n, v in wanted.items() if locked.get(n) != v}
    assert not stale, f"{lock} is out of date for {stale}: run `make lock`"
    text = (ROOT / lock).read_text(encoding="utf-8")
    entries = re.findall(r"^[A-Za-z0-9].*?==[^\n]*(?:\n\s+--hash=\S+[^\n]*)*", text, re.M)
    unhashed = [e.split()[0] for e in entries if "--hash=sha256:" not in e]
    assert not unhashed, f"{lock}: entries without hashes: {unhashed}"


def test_runtime_lock_has_no_test_tools():
    runtime = pins(ROOT / "requirements.lock")
    assert not {"pytest", "playwright", "hypothesis", "mypy", "ruff"} & set(runtime)


def test_project_metadata():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = meta["project"]
    assert project["scripts"]["newsarchive"] == "newsarchive.cli:main"
    assert "newsarchive" in project["entry-points"]["mkdocs.plugins"]
    assert project["license"] == "MIT" and (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_no_sys_path_edits_in_the_packages_and_hooks():
    offenders = []
    for folder in [*(ROOT / "scripts" / p for p in PACKAGES), ROOT / "scripts" / "hooks"]:
        for path in folder.rglob("*.py"):
            if re.search(r"sys\.path\.(insert|append)|sys\.path\[", path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, f"imports must come from the installed package, not sys.path edits: {offenders}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """A wheel built (without network) from a copy of what the build reads."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, src / name)
    for package in PACKAGES:
        shutil.copytree(ROOT / "scripts" / package, src / "scripts" / package,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--no-index", "-w", str(out), str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (whl,) = out.glob("newsarchive-*.whl")
    return zipfile.ZipFile(whl)


def test_wheel_holds_every_module_and_data_file(wheel):
    names = set(wheel.namelist())
    expected = {str(p.relative_to(ROOT / "scripts")).replace("\\", "/")
                for package in PACKAGES for p in (ROOT / "scripts" / package).rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    missing = sorted(expected - names)
    assert not missing, f"not in the wheel (add them to package-data in pyproject.toml): {missing}"


def test_wheel_declares_the_command_and_the_plugin(wheel):
    (entry_points,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode("utf-8")
    assert "newsarchive = newsarchive.cli:main" in text
    assert "[mkdocs.plugins]" in text and "archive_site.mkdocs_plugin:ArchivePlugin" in text
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    requires = [ln for ln in wheel.read(metadata).decode("utf-8").splitlines() if ln.startswith("Requires-Dist:")]
    runtime = [r for r in requires if "extra ==" not in r]
    assert runtime and all("==" in r for r in runtime)
    assert any("pytest" in r and 'extra == "test"' in r for r in requires)
