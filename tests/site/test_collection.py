"""The archive model read from docs/ (archive_site.collection)."""
from __future__ import annotations

import shutil

import pytest

from archive_site.collection import CollectionError, collect, extract_raw_text
from archive_site.fixtures import write_page


def test_collects_every_article_and_source(fixture_docs):
    archive = collect(fixture_docs)
    assert len(archive.articles) == 7
    assert len(archive.sources) == 5
    assert archive.by_uri["articles/001_aaaa/01.md"].zones == ["淄博高新区"]


def test_articles_in_date_order_undated_last(fixture_docs):
    dates = [a.date for a in collect(fixture_docs).articles]
    assert dates == ["2018", "2019-05-20", "2019-05-20", "2020-01-01", "2020-01-01", "2021-07", ""]


def test_raw_text_of_article_is_its_raw_lines(fixture_docs):
    archive = collect(fixture_docs)
    article = archive.by_uri["articles/001_aaaa/01.md"]
    raw = archive.raw_text_of(article)
    assert raw.split("\n")[0] == article.title
    assert raw.split("\n")[1] == archive.body_of(article).strip().split("\n\n")[0]
    assert len(raw.split("\n")) == article.raw_lines[1] - article.raw_lines[0] + 1


def test_raw_text_behind_a_long_fence():
    body = "# x\n\n## 原始文本\n\n`````text\n一\n```\n二\n`````\n\n后记\n"
    assert extract_raw_text(body) == "一\n```\n二"


def test_source_articles_in_page_order(fixture_docs):
    archive = collect(fixture_docs)
    source = archive.source_by_name["001_aaaa.txt"]
    assert [a.order for a in archive.articles_of_source(source)] == [1, 2]


def test_invalid_front_matter_names_every_file(fixture_docs, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)
    bad1 = docs / "articles" / "001_aaaa" / "01.md"
    bad1.write_text(bad1.read_text(encoding="utf-8").replace("zones: [淄博高新区]", "zones: 淄博高新区"), encoding="utf-8")
    write_page(docs / "articles" / "002_bbbb" / "03.md", {"title": "缺少来源"}, "正文\n")
    with pytest.raises(CollectionError) as info:
        collect(docs)
    message = str(info.value)
    assert "articles/001_aaaa/01.md" in message and "'zones' must be a list" in message
    assert "articles/002_bbbb/03.md" in message and "'source' is missing" in message
    assert len(info.value.errors) == 2
