"""Shared by the reliability tests: the converter CLI in a subprocess, small
generated pages, and snapshots of a docs folder."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONVERT = ROOT / "scripts" / "convert.py"


def page_text(n: int, version: int = 0) -> str:
    """A small page: a headline and one paragraph; `version` changes its text
    (and so every page the converter makes of it)."""
    return (f"第{n}号重点工作取得新进展\n\n"
            f"本报讯 今年以来，高新区第{n}号重点工作新增企业{n % 40 + 3 + version}家，完成投资{n * 3 + version}亿元。\n")


def make_pages(src: Path, count: int, version: int = 0) -> Path:
    src.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (src / f"p{n:03d}.txt").write_text(page_text(n, version), encoding="utf-8")
    return src


def env() -> dict:
    return {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}


def convert(*args, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run scripts/convert.py to the end."""
    return subprocess.run([sys.executable, str(CONVERT), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env(), timeout=timeout)


def start(*args, stderr=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CONVERT), *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=stderr, cwd=ROOT, env=env())


def lock_holder(docs: Path) -> int | None:
    """The pid written in docs/.converter.lock (the run writing now), or None."""
    try:
        return int((docs / ".converter.lock").read_text(encoding="utf-8").split()[0])
    except (OSError, ValueError, IndexError):
        return None


def wait_for_lock(proc: subprocess.Popen, docs: Path, timeout: float = 300) -> bool:
    """Wait until `proc` holds the docs folder's lock (True) or has ended (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock_holder(docs) == proc.pid:
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    raise AssertionError(f"the converter did not take the lock on {docs} in {timeout} s")


def snapshot(docs: Path) -> dict[str, bytes]:
    """Every file under a docs folder but the backups: {relative path: bytes}."""
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file() and not p.relative_to(docs).as_posix().startswith(".backup/")}


def pages(tree: dict[str, bytes]) -> dict[str, bytes]:
    """The Markdown pages of a snapshot (no manifest, lock, journal or temporary files)."""
    return {rel: data for rel, data in tree.items() if rel.endswith(".md") and not Path(rel).name.startswith(".")}


def stderr_pages(stderr: str, prefix: str) -> set[str]:
    """The pages named on stderr lines that start with `prefix` ("kept hand edit: …")."""
    found = set()
    for line in stderr.splitlines():
        if line.startswith(prefix):
            path = line[len(prefix):].strip().split(" (")[0]
            found.add(path)
    return found


def convert_here(*args) -> subprocess.CompletedProcess:
    """scripts/convert.py's main() in this process (no start-up cost): what
    the CLI prints and returns, as a CompletedProcess."""
    import contextlib
    import io

    sys.path.insert(0, str(ROOT / "scripts"))
    from newsarchive import convert as cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exc:            # argparse
            code = exc.code
    return subprocess.CompletedProcess(["convert.py", *map(str, args)], code, out.getvalue(), err.getvalue())


def strict_build(tmp: Path, docs: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a docs folder with the project's mkdocs.yml."""
    from archive_site.fixtures import write_config

    tmp.mkdir(parents=True, exist_ok=True)
    cfg = write_config(tmp, docs, tmp / "site")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run([str(mkdocs), "build", "--strict", "-f", str(cfg)], capture_output=True, text=True,
                          env={**env(), "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
