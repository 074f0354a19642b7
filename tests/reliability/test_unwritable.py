"""Output that cannot be written: a clear message naming the path, no
traceback, the other pages written, exit code 2; the next run, once the
obstacle is gone, writes what was missing."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from helpers import CONVERT, ROOT, env, make_pages, snapshot
from helpers import convert_here as convert

PAGES = 6


@pytest.fixture()
def src(tmp_path):
    return make_pages(tmp_path / "src", PAGES)


def test_a_file_where_a_folder_must_be(src, tmp_path):
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "articles" / "p002").write_text("我挡住了路\n", encoding="utf-8")
    proc = convert("--src", src, "--out", docs)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"error: {docs / 'articles/p002/01.md'}: cannot write it" in proc.stderr, proc.stderr
    assert (docs / "articles" / "p002").read_text(encoding="utf-8") == "我挡住了路\n"
    assert len(list((docs / "sources").glob("*.md"))) == PAGES          # the others are written
    (docs / "articles" / "p002").unlink()
    assert convert("--src", src, "--out", docs).returncode == 0
    assert (docs / "articles" / "p002" / "01.md").is_file()


def test_a_folder_where_a_page_must_be(src, tmp_path):
    docs = tmp_path / "docs"
    (docs / "sources" / "p001.md").mkdir(parents=True)
    proc = convert("--src", src, "--out", docs)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"error: {docs / 'sources/p001.md'}: cannot read it (Is a directory" in proc.stderr, proc.stderr
    assert (docs / "sources" / "p000.md").is_file()


def test_an_output_folder_inside_a_file(src, tmp_path):
    (tmp_path / "file").write_text("x\n", encoding="utf-8")
    proc = convert("--src", src, "--out", tmp_path / "file" / "docs")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"error: cannot write to the output folder {tmp_path / 'file' / 'docs'}" in proc.stderr, proc.stderr


def unprivileged(*args) -> subprocess.CompletedProcess:
    """The CLI without the power to ignore file permissions (root keeps it
    otherwise): capsh drops it for root; other users never had it."""
    cmd = [sys.executable, str(CONVERT), *map(str, args)]
    if os.geteuid() == 0:
        assert shutil.which("capsh"), "running as root: capsh (libcap2-bin) is needed to drop CAP_DAC_OVERRIDE"
        cmd = ["capsh", "--drop=cap_dac_override,cap_dac_read_search,cap_fowner", "--", "-c",
               'exec "$0" "$@"', *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env(), timeout=600)


@pytest.mark.parametrize("where", ["docs", "docs/articles/p003", "docs/sources"])
def test_a_read_only_folder(src, tmp_path, where):
    docs = tmp_path / "docs"
    assert convert("--src", src, "--out", docs).returncode == 0
    changed = make_pages(tmp_path / "changed", PAGES, version=1)
    before = snapshot(docs)
    folder = tmp_path / where
    folder.chmod(0o555)
    try:
        proc = unprivileged("--src", changed, "--out", docs)
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Permission denied" in proc.stderr, proc.stderr
    after = snapshot(docs)
    if where == "docs":      # not even the lock file can be made: nothing is written
        assert f"error: cannot write to the output folder {docs}" in proc.stderr
        assert after == before
    else:                    # the pages elsewhere are updated, those in the folder are named
        inside = [rel for rel in before if (docs / rel).parent == folder]
        assert inside and all(after[rel] == before[rel] for rel in inside)
        for rel in inside:
            assert f"error: {docs / rel}: cannot write it (Permission denied" in proc.stderr, proc.stderr
        assert any(after[rel] != before[rel] for rel in before if rel not in inside and rel.endswith(".md"))
        # and the record stays true: the pages not written keep their old hashes, so no false hand edit
        rerun = convert("--src", changed, "--out", docs)
        assert rerun.returncode == 0 and "kept hand edit" not in rerun.stderr, rerun.stderr
