"""Index pages stay bounded as the archive grows (issue 10): long lists move
to pages of their own, split by year, whatever the limits are set to."""
from __future__ import annotations

import re
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
