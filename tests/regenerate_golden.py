#!/usr/bin/env python3
"""Regenerate the golden files of the converter (tests/golden/).

    python tests/regenerate_golden.py          # or: make golden

For each page of seeds/*.txt, tests/fixtures/pages/*.txt and
tests/fixtures/corpus/*.txt (real printed pages as text), and each e-paper
PDF of tests/fixtures/pdf/*.pdf (the corpus pages), runs the
converter (scripts/convert.py, in-process) on that page alone into a scratch
docs folder and stores every file it writes under tests/golden/<stem>/ in
the same layout (articles/<stem>/NN.md, sources/<stem>.md, .converter.json).
The golden test (tests/test_convert_cli.py) converts the same way and
compares file by file. Run this after a deliberate change of the output and
review the diff (git diff tests/golden) before committing it.
"""
from __future__ import annotations

import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
sys.path.insert(0, str(ROOT / "scripts"))


def golden_inputs() -> list[Path]:
    """The pages that have golden output: the seeds, the test fixtures, the corpus pages and PDFs."""
    return (sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))
            + sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
            + sorted((ROOT / "tests" / "fixtures" / "pdf").glob("*.pdf")))


def convert_one(page: Path, out: Path) -> tuple[int, str]:
    """Convert one page alone into the docs folder `out`; (exit code, stderr)."""
    from newsarchive import convert

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        shutil.copyfile(page, src / page.name)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            # page pictures are binary and tested on their own (tests/newsarchive/test_pdfpages.py)
            code = convert.main(["--src", str(src), "--out", str(out), "--no-pictures"])
    return code, err.getvalue()


def read_tree(folder: Path) -> dict[str, str]:
    """Every file under a folder: {relative path: text}."""
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    inputs = golden_inputs()
    stems = {p.stem for p in inputs}
    if len(stems) != len(inputs):
        sys.exit("two input pages have the same stem; golden folders would clash")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.iterdir():
        if old.is_dir() and old.name not in stems:
            shutil.rmtree(old)
            print(f"removed {old.relative_to(ROOT)} (no such input page)")
    for page in inputs:
        target = GOLDEN / page.stem
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "docs"
            code, err = convert_one(page, out)
            if code != 0:
                sys.exit(f"{page}: convert.py exited {code}:\n{err}")
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(out, target)
        files = read_tree(target)
        print(f"{target.relative_to(ROOT)}: {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
