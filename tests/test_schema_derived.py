"""The article schema is defined once (newsarchive.schema.ARTICLE_FIELDS) and
everything else takes its fields from it: the converter's front matter, the
site's article model, the exports and the search records."""
from __future__ import annotations

import dataclasses

import pytest

from archive_site.collection import Article
from archive_site.exports import CSV_FIELDS, FIELDS
from archive_site.search.records import field_text
from newsarchive.render import in_schema_order
from newsarchive.schema import ARTICLE_FIELDS, NOT_EXPORTED, SEARCH_TEXT_FIELDS


def test_the_site_model_has_every_schema_field():
    names = {f.name for f in dataclasses.fields(Article)}
    assert set(ARTICLE_FIELDS) - set(NOT_EXPORTED) <= names


def test_exports_are_the_schema_fields_in_its_order():
    assert FIELDS[0] == "slug" and FIELDS[-3:] == ("path", "url", "text")
    assert list(FIELDS[1:-3]) == [f for f in ARTICLE_FIELDS if f not in ("slug", *NOT_EXPORTED)]
    assert "text" not in CSV_FIELDS


def test_front_matter_is_written_in_schema_order_and_only_schema_fields():
    meta = {name: "x" for name in reversed(ARTICLE_FIELDS)}
    assert list(in_schema_order(meta)) == list(ARTICLE_FIELDS)
    with pytest.raises(KeyError, match="not in schema.ARTICLE_FIELDS"):
        in_schema_order({"title": "标题", "headline": "多出来的字段"})


def test_search_reads_schema_fields():
    assert set(SEARCH_TEXT_FIELDS) - {"body"} <= set(ARTICLE_FIELDS)
    meta = {"kicker": "引题", "byline": ["记者 甲"], "notes": ["（作者为…）"]}
    assert [field_text(meta, "正文", n) for n in SEARCH_TEXT_FIELDS] == ["引题", "", "记者 甲", "正文", "", "（作者为…）"]
