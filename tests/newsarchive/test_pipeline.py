"""pipeline.py: build_page (the model), render_page (the files), unplaced_text, safe_stem."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsarchive.model import Kind, Line, Unit
from newsarchive.pipeline import build_page, render_page, safe_stem, unplaced_text
from newsarchive.reader import RawSource, read_source
from newsarchive.schema import split_front_matter

ROOT = Path(__file__).resolve().parents[2]
INPUTS = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))


@pytest.fixture(scope="module")
def pages():
    return {p.name: build_page(read_source(p)) for p in INPUTS}


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_every_input_page_converts_without_warnings(pages, name):
    page = pages[name]
    assert page.articles
    assert page.warnings == [], page.warnings


@pytest.mark.parametrize("name", [p.name for p in INPUTS])
def test_render_page_writes_articles_then_the_source_page(pages, name):
    page = pages[name]
    outputs = render_page(page)
    stem = safe_stem(name)
    assert [o.path for o in outputs] == [f"articles/{stem}/{n:02d}.md" for n in range(1, len(page.articles) + 1)] \
        + [f"sources/{stem}.md"]
    source_meta, source_body = split_front_matter(outputs[-1].content)
    assert "articles" not in source_meta               # the site lists a page's articles at build time
    assert "](../articles/" not in source_body          # no link that a hand deletion could break
    raw_block = re.search(r"^## 原始文本\n\n(`{3,})text\n(.*)\n\1\n\Z", source_body, re.S | re.M)
    assert raw_block and raw_block.group(2) == page.raw        # the raw text, verbatim, at the end
    for n, out in enumerate(outputs[:-1], start=1):
        meta, _ = split_front_matter(out.content)
        assert meta["order"] == n and meta["slug"] == f"{stem}-{n:02d}" and meta["source"] == name


def test_removed_blocks_keep_their_raw_text_and_reason(pages):
    page = pages["multi_news.txt"]
    removed = {r.text: r.reason for r in page.removed}
    assert "科技日报 3" in removed and "招商热线：0551-65321234" in removed
    assert all(reason for reason in removed.values())
    lines = page.raw.split("\n")
    for r in page.removed:
        assert r.text.split()[0] in lines[r.first - 1]


def test_raw_text_is_kept_verbatim_in_the_model(pages):
    for p in INPUTS:
        assert pages[p.name].raw == read_source(p).text


def unit(text: str) -> Unit:
    return Unit([Line(1, text, text)], text, kind=Kind.BODY)


def test_unplaced_text_finds_a_block_in_no_article(pages):
    page = pages["multi_news.txt"]
    assert unplaced_text(page, [unit("据介绍，园区已集聚数字经济企业超过3000家")]) == []
    assert unplaced_text(page, [unit("这段文字不在任何文章里")]) == ["这段文字不在任何文章里"]


def test_build_page_does_not_depend_on_the_file_name():
    text = (ROOT / "seeds" / "003_d0893501d4b0028e.txt").read_text(encoding="utf-8")
    a = build_page(RawSource("a.txt", text, "utf-8"))
    b = build_page(RawSource("其他 名字.txt", text, "utf-8"))
    assert [x.blocks for x in a.articles] == [x.blocks for x in b.articles]


def test_safe_stem_keeps_safe_names():
    assert safe_stem("000_9d8ca52e2d9cb7fb.txt") == "000_9d8ca52e2d9cb7fb"
    assert safe_stem("人民日报_2025-10-20.txt") == "人民日报_2025-10-20"


@pytest.mark.parametrize("name", ["人民日报 2025-10-20.txt", "<script>.txt", "...txt", "a b/c.txt", "报纸 1.txt"])
def test_safe_stem_of_unsafe_names_is_safe_and_stable(name):
    stem = safe_stem(name)
    assert re.fullmatch(r"[\w\-]+", stem), stem
    assert safe_stem(name) == stem
    assert "<" not in stem and "/" not in stem and " " not in stem


def test_safe_stems_never_collide():
    names = ["报纸 1.txt", "报纸-1.txt", "报纸_1.txt", "报纸  1.txt", "报纸/1.txt", "报纸 1.TXT", "...txt", "!!.txt"]
    stems = [safe_stem(n) for n in names]
    assert len(set(stems)) == len(stems), stems
