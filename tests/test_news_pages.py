"""News pages of other papers than the corpus's, read as a careful reader would.

The pages in tests/fixtures/news/ are made by tests/news_pages.py in the
styles of a county paper (简讯 column, photo over a short story, ad box), a
city evening paper (five columns, 信息快递 under a bold label, a story
continued from page 1, titles stored after their text) and a web
compilation printed to PDF; each in the forms a user brings (.pdf, .ocr.txt,
.pdftotext.txt, .blocks.txt) with its gold reading in gold/, written by the
generator from what it laid out. These tests hold the converter to the
meaning of that reading (titles, kicker and subtitle, authors, first and last
paragraph, the joins at column breaks, paragraphs kept apart, captions, ads
and furniture out of the text): the evaluator's checks, on the page model.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

import news_pages
from newsarchive.meta import article_facts
from newsarchive.model import SourcePage
from newsarchive.pipeline import build_page, build_pdf_pages
from newsarchive.reader import read_source

NEWS = Path(__file__).resolve().parent / "fixtures" / "news"
GOLD = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((NEWS / "gold").glob("*.yaml"))}


def norm(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def model(name: str) -> SourcePage:
    path = NEWS / name
    if path.suffix == ".pdf":
        (page,) = build_pdf_pages(path)
        return page
    return build_page(read_source(path))


def misreadings(page: SourcePage, gold: dict) -> list[str]:
    """Every way the page model's reading differs from the gold's."""
    wrong: list[str] = []
    articles = page.articles
    if len(articles) != len(gold["articles"]):
        wrong.append(f"{len(articles)} articles for {len(gold['articles'])}: {[a.title for a in articles]}")
    for want in gold["articles"]:
        titles = {norm(t) for t in want["title"]}
        found = [a for a in articles if norm(a.title) in titles]
        if not found:
            wrong.append(f"no article titled {want['title'][0]}")
            continue
        a = found[0]
        where = want["title"][0]
        paras = [norm(p) for p in a.paragraphs]
        if [norm(k) for k in want.get("lines_above_title") or []] != ([norm(a.kicker)] if a.kicker else []):
            wrong.append(f"{where}: kicker {a.kicker!r}")
        if norm(want.get("subtitle", "")) != norm(a.subtitle):
            wrong.append(f"{where}: subtitle {a.subtitle!r}")
        if sorted(map(norm, want["authors"])) != sorted(map(norm, a.authors)):
            wrong.append(f"{where}: authors {a.authors}")
        if not paras or norm(want["first"]) not in paras[0]:
            wrong.append(f"{where}: first paragraph {paras[:1]}")
        if not paras or norm(want["last"]) not in paras[-1]:
            wrong.append(f"{where}: last paragraph {paras[-1:]}")
        for x, y in want.get("joins") or []:
            if not any(norm(x) + norm(y) in p for p in paras):
                wrong.append(f"{where}: not joined {x}|{y}")
        for x, y in want.get("keep_apart") or []:
            if any(norm(x) in p and norm(y) in p for p in paras):
                wrong.append(f"{where}: not kept apart {x}|{y}")
        for caption in want.get("captions") or []:
            if not any(norm(caption) in norm(c) for c in a.captions) or any(norm(caption) in p for p in paras):
                wrong.append(f"{where}: caption {caption} (captions {a.captions})")
    for noise in gold.get("noise") or []:
        if any(norm(noise) in norm(a.title) + "".join(map(norm, a.paragraphs)) for a in articles):
            wrong.append(f"noise in an article: {noise}")
    facts = gold.get("page") or {}
    for n in range(len(articles)):
        f = article_facts(page, articles[n])
        got = {"newspaper": f.newspaper, "date": f.date, "page": f.page}
        for key, value in facts.items():
            if norm(got[key] or "") != norm(value):
                wrong.append(f"article {n + 1}: {key} {got[key]!r}")
    return wrong


@pytest.mark.parametrize("name", sorted(GOLD))
def test_pdf_form_reads_as_the_gold_says(name):
    assert misreadings(model(f"{name}.pdf"), GOLD[name]) == []


def test_the_generator_writes_the_committed_gold(tmp_path):
    news_pages.write(tmp_path)
    for name, gold in GOLD.items():
        assert yaml.safe_load((tmp_path / "gold" / f"{name}.yaml").read_text(encoding="utf-8")) == gold
        assert (tmp_path / f"{name}.blocks.txt").read_text(encoding="utf-8") == \
            (NEWS / f"{name}.blocks.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(GOLD))
@pytest.mark.parametrize("form", [".pdf", ".pdftotext.txt", ".blocks.txt", ".ocr.txt"])
def test_nothing_is_left_unplaced(name, form):
    assert not [w for w in model(name + form).warnings if "not placed" in w]


@pytest.mark.parametrize("form", [".pdf", ".pdftotext.txt", ".blocks.txt"])
def test_a_briefs_column_is_one_article_titled_by_its_label_in_every_form(form):
    """DECISIONS: untitled items under a printed label (简讯) are one article
    titled by the label, the items its paragraphs, their signatures its authors."""
    want = next(a for a in GOLD["county-briefs"]["articles"] if a["title"] == ["简讯"])
    page = model("county-briefs" + form)
    (briefs,) = [a for a in page.articles if a.title == "简讯"]
    assert sorted(briefs.authors) == sorted(want["authors"])
    assert len(briefs.paragraphs) == 3 and all(p.startswith("■") for p in briefs.paragraphs)
    assert not any("■" in p for a in page.articles if a is not briefs for p in a.paragraphs)


@pytest.mark.parametrize("form", [".pdf", ".pdftotext.txt", ".blocks.txt"])
def test_a_briefs_column_read_under_a_continued_storys_title_keeps_its_items(form):
    """pdftotext reads the label (信息快递), then a continued story's title and
    its （上接第1版）, then the bullet items, then that story's prose: the items
    are the label's article, the prose the titled story's."""
    gold = {a["title"][0]: a for a in GOLD["city-business"]["articles"]}
    page = model("city-business" + form)
    (briefs,) = [a for a in page.articles if a.title == "信息快递"]
    (story,) = [a for a in page.articles if a.title == "秋收时节稻花香"]
    assert sorted(briefs.authors) == sorted(gold["信息快递"]["authors"])
    assert len(briefs.paragraphs) == 3 and all(p.startswith("●") for p in briefs.paragraphs)
    assert story.paragraphs[0].startswith(gold["秋收时节稻花香"]["first"]) and not story.authors
