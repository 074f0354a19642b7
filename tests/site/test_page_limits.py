"""Index pages stay bounded as the archive grows (issue 10): long lists move
to pages of their own, split by year, whatever the limits are set to."""
from __future__ import annotations

import re
import shutil
from urllib.parse import unquote

from archive_site import config
from archive_site.collection import collect
from archive_site.pages import SiteIndex, generate
from archive_site.regions import registry_lookup
from archive_site.render import Linker


def generated(docs, monkeypatch, **limits) -> dict[str, str]:
    monkeypatch.setattr(config, "LIMITS", config.Limits(**limits))
    index = SiteIndex.build(collect(docs), Linker(), registry_lookup())
    return {uri: unquote(text) for uri, text in generate(index).items()}


def articles_linked(markdown: str) -> list[str]:
    return re.findall(r'href="(?:\.\./)*articles/([^"#]+)\.html"', markdown)


def test_names_index_bounds_the_links_per_name(fixture_docs, monkeypatch):
    out = generated(fixture_docs, monkeypatch, name_links=1)
    people = out["people/index.md"]
    assert articles_linked(people) == ["001_aaaa/01", "002_bbbb/01"]     # the latest of 江敦涛, then 张三's one
    assert 'href="江敦涛.html"' in people and "全部 2 篇" in people      # the rest on the name's own page
    assert articles_linked(out["people/江敦涛.md"]) == ["002_bbbb/01", "001_aaaa/01"]
    assert "people/张三.md" not in out                                   # everything fits on the index


def test_long_lists_of_a_name_are_split_by_year(fixture_docs, monkeypatch):
    out = generated(fixture_docs, monkeypatch, name_links=1, list_articles=1)
    own = out["people/江敦涛.md"]
    assert articles_linked(own) == [] and 'href="江敦涛/2019.html"' in own and 'href="江敦涛/2020.html"' in own
    assert articles_linked(out["people/江敦涛/2019.md"]) == ["002_bbbb/01"]
    assert articles_linked(out["people/江敦涛/2020.md"]) == ["001_aaaa/01"]


def test_long_topic_newspaper_and_year_pages_are_split(fixture_docs, monkeypatch):
    out = generated(fixture_docs, monkeypatch, list_articles=1)
    topic = out["topics/人才.md"]                                        # 2019-05 ×2 and 2021-07
    assert articles_linked(topic) == []
    assert 'href="人才/2019-05.html"' in topic and 'href="人才/2021.html"' in topic
    assert articles_linked(out["topics/人才/2019-05.md"]) == ["002_bbbb/01", "002_bbbb/02"]
    paper = out["newspapers/鲁中晨报.md"]                                # 2018 (1 article), 2020-01 (2)
    assert articles_linked(paper) == [] and 'href="鲁中晨报/2018.html"' in paper
    assert articles_linked(out["newspapers/鲁中晨报/2020-01.md"]) == ["001_aaaa/01", "001_aaaa/02"]
    assert "sources/001_aaaa.html" in out["newspapers/鲁中晨报/2020-01.md"]
    year = out["dates/2020.md"]                                          # two articles in January
    assert articles_linked(year) == [] and 'href="2020/2020-01.html"' in year
    assert articles_linked(out["dates/2020/2020-01.md"]) == ["001_aaaa/01", "001_aaaa/02"]
    assert 'href="2020/2020-01.html"' in out["dates/index.md"]           # the month cell links the month page


def test_every_article_stays_reachable_when_split(fixture_docs, monkeypatch):
    whole = generated(fixture_docs, monkeypatch)
    split = generated(fixture_docs, monkeypatch, list_articles=1, name_links=1)
    for folder in ("topics/", "newspapers/", "dates/", "people/"):
        linked = lambda pages: sorted(a for uri, md in pages.items() if uri.startswith(folder)
                                      for a in articles_linked(md))
        assert set(linked(split)) == set(linked(whole)), folder


def test_many_undated_articles_are_split_into_parts(fixture_docs, monkeypatch, tmp_path):
    """No date divides them, so the undated page lists parts of at most the limit."""
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)      # fixture_docs is shared: edit a copy
    for md in (docs / "articles").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        md.write_text(re.sub(r"(?m)^date: .*\n", "", text), encoding="utf-8")
    whole = generated(docs, monkeypatch)
    assert len(articles_linked(whole["dates/undated.md"])) > 2
    out = generated(docs, monkeypatch, list_articles=2)
    undated = out["dates/undated.md"]
    assert articles_linked(undated) == [] and 'href="undated/undated-2.html"' in undated
    parts = sorted(uri for uri in out if uri.startswith("dates/undated/"))
    assert parts[0] == "dates/undated/undated-2.md" and "dates/undated/undated.md" in parts
    assert all(len(articles_linked(out[uri])) <= 2 for uri in parts)
    assert sorted(a for uri in parts for a in articles_linked(out[uri])) == sorted(articles_linked(whole["dates/undated.md"]))
