"""Deleting or renaming article pages by hand, then re-converting (plain and
--force): the pages stay deleted or moved, and `mkdocs build --strict` passes
(a source page's list of articles is made at build time from the articles'
own front matter)."""
from __future__ import annotations

import shutil

import pytest

from helpers import ROOT, convert_here, stderr_pages, strict_build

SEED = ROOT / "seeds" / "003_d0893501d4b0028e.txt"        # six articles


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    base = tmp_path_factory.mktemp("delete")
    src, docs = base / "src", base / "docs"
    src.mkdir()
    shutil.copy(SEED, src / SEED.name)
    assert convert_here("--src", src, "--out", docs).returncode == 0
    stem = SEED.stem
    deleted, renamed = docs / "articles" / stem / "02.md", docs / "articles" / stem / "04.md"
    moved_to = docs / "articles" / "校对" / "人工改名.md"
    deleted.unlink()
    moved_to.parent.mkdir(parents=True)
    renamed.rename(moved_to)
    steps = {}
    for name, extra in (("plain", []), ("force", ["--force"])):
        proc = convert_here("--src", src, "--out", docs, *extra)
        build = strict_build(base / name, docs)
        steps[name] = (proc, build, sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")))
    return dict(docs=docs, deleted=deleted, renamed=renamed, moved_to=moved_to, steps=steps, base=base)


@pytest.mark.parametrize("step", ["plain", "force"])
def test_deleted_and_renamed_pages_stay_so(story, step):
    proc, _, files = story["steps"][step]
    assert proc.returncode == 0, proc.stderr
    docs = story["docs"]
    assert story["deleted"].relative_to(docs).as_posix() not in files
    assert story["renamed"].relative_to(docs).as_posix() not in files
    assert story["moved_to"].relative_to(docs).as_posix() in files
    assert stderr_pages(proc.stderr, "not recreated:") == {str(story["deleted"]), str(story["renamed"])}


@pytest.mark.parametrize("step", ["plain", "force"])
def test_the_strict_build_passes(story, step):
    _, build, _ = story["steps"][step]
    assert build.returncode == 0, build.stdout + build.stderr
    site = story["base"] / step / "site"
    assert not (site / "articles" / story["deleted"].parent.name / "02").exists()
    assert list(site.rglob("人工改名*")), "the renamed page is in the site under its new name"
