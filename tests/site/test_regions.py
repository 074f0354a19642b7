"""Zones grouped province → city → zone (archive_site.regions)."""
from __future__ import annotations

from archive_site import config
from archive_site.collection import collect
from archive_site.regions import _entry, by_province, zone_entries


def test_aliases_merge_into_the_canonical_zone(fixture_docs):
    entries = zone_entries(collect(fixture_docs))
    zibo = entries["淄博高新区"]
    # one article says 淄博高新区, the other the variant 淄博国家高新区
    assert [a.src_uri for a in zibo.articles] == ["articles/001_aaaa/01.md", "articles/001_aaaa/02.md"]
    assert "淄博国家高新区" not in entries
    assert entries["东湖高新区"].province == "湖北"   # from the alias 中国光谷


def test_unlisted_zone_is_placed_and_unknown_goes_under_other(fixture_docs):
    entries = zone_entries(collect(fixture_docs))
    xuancheng = entries["宣城高新区"]
    assert (xuancheng.known, xuancheng.province, xuancheng.city) == (False, "安徽", "宣城")
    entries["火星高新区"] = _entry("火星高新区", None)
    mars = entries["火星高新区"]
    assert (mars.known, mars.status, mars.province, mars.city) == (False, "unknown", config.UNKNOWN_PROVINCE, config.UNKNOWN_CITY)
    tree = by_province(entries)
    assert list(tree)[-1] == config.UNKNOWN_PROVINCE
    assert [e.name for e in tree["山东"]["淄博"]] == ["淄博高新区"]


def test_a_lookup_that_knows_nothing_keeps_names_as_written(fixture_docs):
    entries = zone_entries(collect(fixture_docs), lookup=lambda name: None)
    assert all(e.province == config.UNKNOWN_PROVINCE for e in entries.values())
    assert "淄博国家高新区" in entries      # without the registry, names stay as written
