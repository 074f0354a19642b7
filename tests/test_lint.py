"""ruff and mypy, configured in pyproject.toml, run as part of the tests: a
finding fails `make test` (and so CI) before anyone lands it. What each tool
leaves out for now is listed, with the reason, in pyproject.toml."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean():
    proc = run(str(BIN / "ruff"), "check", "--no-cache", "--output-format", "concise", "scripts", "tests")
    assert proc.returncode == 0, f"ruff check (fix these, or `ruff check --fix`):\n{proc.stdout}{proc.stderr}"


def test_mypy_is_clean(tmp_path):
    # The files checked and the leniency are in [tool.mypy] of pyproject.toml;
    # the CLI script is checked too.
    proc = run(str(BIN / "mypy"), "--cache-dir", str(tmp_path / "mypy"), "--no-error-summary")
    assert proc.returncode == 0, f"mypy:\n{proc.stdout}{proc.stderr}"
    script = run(str(BIN / "mypy"), "--cache-dir", str(tmp_path / "mypy"), "--no-error-summary",
                 "scripts/convert.py")
    assert script.returncode == 0, f"mypy scripts/convert.py:\n{script.stdout}{script.stderr}"


def test_the_linters_see_a_finding(tmp_path):
    """Both tools really check (so the tests above can fail)."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n\n\ndef f() -> int:\n    return 'x'\n", encoding="utf-8")
    ruff = run(str(BIN / "ruff"), "check", "--no-cache", "--isolated", "--select", "F", str(bad))
    assert ruff.returncode == 1 and "F401" in ruff.stdout
    mypy = run(str(BIN / "mypy"), "--cache-dir", str(tmp_path / "mypy"), "--no-error-summary", "--config-file", "",
               str(bad))
    assert mypy.returncode == 1 and "return-value" in mypy.stdout
