"""The generated index pages (archive_site.pages), on the fixture archive."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from archive_site import config
from archive_site.collection import collect
from archive_site.pages import SiteIndex, generate
from archive_site.regions import registry_lookup
from archive_site.render import Linker



@pytest.fixture(scope="module")
def pages(fixture_docs):
    index = SiteIndex.build(collect(fixture_docs), Linker(), registry_lookup())
    # links are percent-encoded; the tests read them decoded
    return index, {uri: unquote(text) for uri, text in generate(index).items()}


def linked_articles(markdown: str) -> list[str]:
    """The article pages a generated page links to, in order."""
    return re.findall(r'href="(?:\.\./)*articles/([^"#]+)\.html"', markdown)


def test_every_index_page_is_generated(pages):
    _, out = pages
    for _, uri in config.NAV:
        assert uri in out
    assert {"zones/淄博高新区.md", "zones/宣城高新区.md", "topics/人才.md", "dates/2020.md", "dates/undated.md",
            "newspapers/鲁中晨报.md"} <= set(out)


def test_zone_page_lists_its_articles_by_date(pages):
    _, out = pages
    assert linked_articles(out["zones/潍坊高新区.md"]) == ["002_bbbb/01", "004_dddd/01"]
    assert linked_articles(out["zones/淄博高新区.md"]) == ["001_aaaa/01", "001_aaaa/02"]
    assert "topics/人才.html" in out["zones/潍坊高新区.md"]          # topics covered there
    assert "<svg" in out["zones/潍坊高新区.md"]                      # timeline
    assert "不在登记表中（未登记）" in out["zones/宣城高新区.md"] and "未登记" not in out["zones/潍坊高新区.md"]
    assert "{name: 宣城高新区, full_name: 宣城高新技术产业开发区, city: 宣城, province: 安徽" in out["zones/宣城高新区.md"]
    assert "国家级高新区 · 山东 · 潍坊" in out["zones/潍坊高新区.md"]


def test_zone_index_groups_by_province_and_city(pages):
    _, out = pages
    text = out["zones/index.md"]
    assert text.index("## 山东") < text.index("## 湖北") < text.index('id="unlisted"') < text.index("### 安徽")
    assert re.search(r"<dt>潍坊</dt>\s*<dd>.*潍坊高新区.*<span class=\"as-count\">2</span>", text)


def test_topic_page_lists_articles_and_zones(pages):
    _, out = pages
    text = out["topics/人才.md"]
    assert linked_articles(text) == ["002_bbbb/01", "002_bbbb/02", "004_dddd/01"]
    assert "潍坊高新区.html" in text and "宣城高新区.html" in text


def test_dates_by_year_and_month(pages):
    _, out = pages
    year = out["dates/2021.md"]
    assert 'id="m7"' in year and linked_articles(year) == ["004_dddd/01"]
    assert linked_articles(out["dates/2018.md"]) == ["003_cccc/01"]
    assert "推断" in out["dates/2018.md"] and "月份不详" in out["dates/2018.md"]
    assert linked_articles(out["dates/undated.md"]) == ["005_eeee/01"]


def test_newspaper_page_lists_pages_with_articles_in_order(pages):
    _, out = pages
    text = out["newspapers/鲁中晨报.md"]
    assert linked_articles(text) == ["003_cccc/01", "001_aaaa/01", "001_aaaa/02"]
    assert "sources/001_aaaa.html" in text


def test_people_and_organisations(pages):
    _, out = pages
    people = out["people/index.md"]
    assert people.index("江敦涛") < people.index("张三")    # most mentioned first
    assert linked_articles(people)[:2] == ["002_bbbb/01", "001_aaaa/01"]
    assert "淄博市委" in out["organizations/index.md"]


def test_home_page_counts_and_latest(pages):
    index, out = pages
    home = out["index.md"]
    assert '<span class="as-stat-n">7</span>' in home
    assert linked_articles(home)[0] == "004_dddd/01"        # newest first
    assert "005_eeee/01" not in linked_articles(home)       # undated is not "latest"
    assert "articles.jsonl.gz" in home and "exports/articles.csv" in home
    assert 'href="exports/articles.jsonl' not in home                 # the full text is not in the site
    assert home.count("<svg") == 2


def test_latest_is_bounded(pages, monkeypatch):
    from archive_site.pages import home
    index, _ = pages
    monkeypatch.setattr(config, "LIMITS", config.Limits(latest_articles=2))
    assert len(home.latest(index)) == 2


def test_markup_in_titles_is_escaped_everywhere(pages):
    _, out = pages
    for uri, text in out.items():
        assert "<script>" not in text, uri
        assert "<b>" not in text, uri
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in out["zones/淄博高新区.md"]


def test_people_pages_only_when_named(fixture_docs, tmp_path):
    import shutil
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)
    for md in docs.glob("articles/*/*.md"):
        text = md.read_text(encoding="utf-8")
        md.write_text("\n".join(l for l in text.split("\n") if not l.startswith(("people:", "organizations:"))),
                      encoding="utf-8")
    index = SiteIndex.build(collect(docs), Linker(), registry_lookup())
    out = generate(index)
    assert "people/index.md" not in out and "organizations/index.md" not in out
    assert "people/index.html" not in out["index.md"] and "zones/index.html" in out["index.md"]


def test_without_home(fixture_docs):
    index = SiteIndex.build(collect(fixture_docs), Linker(), registry_lookup())
    assert "index.md" not in generate(index, with_home=False)


def test_article_without_source_page(fixture_docs, tmp_path):
    import shutil

    from archive_site.decorate import article_footer, article_header
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)
    (docs / "sources" / "005_eeee.md").unlink()
    index = SiteIndex.build(collect(docs), Linker(), registry_lookup())
    paper = unquote(generate(index)["newspapers/某某报.md"])
    assert "<code>005_eeee.txt</code>" in paper and "sources/005_eeee.html" not in paper
    assert linked_articles(paper) == ["004_dddd/01", "005_eeee/01"]
    article = index.archive.by_uri["articles/005_eeee/01.md"]
    footer = article_footer(index, article)
    assert "找不到本文的 OCR 原文" in footer and "sources/" not in footer
    assert "原始版面" not in article_header(index, article)


def test_pages_without_a_newspaper_are_not_counted_as_a_newspaper(pages, monkeypatch):
    """Source pages that name no newspaper are listed under 未知报纸, but the home
    page's count of newspapers counts real newspapers only."""
    from archive_site.labels import LABELS
    from archive_site.pages import UNKNOWN_NEWSPAPER, home

    index, _ = pages
    monkeypatch.setitem(index.papers, UNKNOWN_NEWSPAPER, [])
    counted = dict(home.counts(index))[LABELS["count_newspapers"]]
    assert counted == len(index.papers) - 1
