"""The article schema is defined once (newsarchive.schema.ARTICLE_FIELDS) and
everything else takes its fields from it: the converter's front matter, the
site's article model, the exports and the search records."""
from __future__ import annotations

import ast
import dataclasses
import datetime
from pathlib import Path

import pytest

from archive_site.collection import Article, Source, article_from_page, source_from_page
from archive_site.exports import CSV_FIELDS, FIELDS
from archive_site.search.records import Record, field_text
from newsarchive.render import in_schema_order
from newsarchive.schema import ARTICLE_FIELDS, NOT_EXPORTED, SEARCH_SHOWN_FIELDS, SEARCH_TEXT_FIELDS, SITE_TYPES, SOURCE_FIELDS

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
SITE_ONLY = {Article: {"src_uri", "body"}, Source: {"src_uri", "raw_text"}}


@pytest.mark.parametrize("model, fields", [(Article, ARTICLE_FIELDS), (Source, SOURCE_FIELDS)])
def test_the_site_models_are_the_schema_fields(model, fields):
    """Exactly the schema's fields (and the site's own), typed and defaulted by their check."""
    got = {f.name: f for f in dataclasses.fields(model)}
    assert set(got) - SITE_ONLY[model] == set(fields)
    for name, (check, _) in fields.items():
        annotation, default, _ = SITE_TYPES[check]
        assert got[name].type == annotation, name
        made = got[name].default_factory() if callable(default) else got[name].default
        assert made == (default() if callable(default) else default), name


def test_a_page_becomes_a_model_through_the_schema():
    article = article_from_page("articles/a/01.md", {"title": "标题", "source": "a.txt", "date": datetime.date(2020, 1, 2),
                                                     "page": 10, "raw_lines": [3, 5], "zones": ["淄博高新区"],
                                                     "order": 2, "continued": True}, "正文")
    assert (article.date, article.page, article.raw_lines, article.zones, article.order, article.continued,
            article.captions, article.region, article.body) == ("2020-01-02", "10", (3, 5), ["淄博高新区"], 2, True,
                                                                [], None, "正文")
    source = source_from_page("sources/a.md", {"type": "source", "source": "a.pdf", "pdf_page": 3}, "")
    assert source.key == ("a.pdf", 3) and source.raw_text is None


def listed_fields(path: Path, names: set[str], at_least: int = 4) -> list[str]:
    """Places in a module that spell out several schema fields by hand: a
    literal holding their names, or a call passing them as keywords."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            spelled = [k.arg for k in node.keywords if k.arg in names]
        elif isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            spelled = [e.value for e in items if isinstance(e, ast.Constant) and e.value in names]
        else:
            continue
        if len(spelled) >= at_least:
            found.append(f"{path.name}:{node.lineno}: {spelled}")
    return found


@pytest.mark.parametrize("module", ["archive_site/collection.py", "archive_site/exports.py",
                                    "archive_site/search/records.py"])
def test_the_site_model_and_exports_list_no_fields(module):
    assert not listed_fields(SCRIPTS / module, set(ARTICLE_FIELDS) | set(SOURCE_FIELDS))


def test_a_search_record_is_the_schema_fields_a_result_shows():
    """Its URL, text and year, then exactly schema.SEARCH_SHOWN_FIELDS, typed by their check."""
    got = {f.name: f.type for f in dataclasses.fields(Record)}
    assert set(got) == {"url", "text", "year", *SEARCH_SHOWN_FIELDS}
    for name in SEARCH_SHOWN_FIELDS:
        assert got[name] == SITE_TYPES[ARTICLE_FIELDS[name][0]][0], name


def test_the_field_lister_finds_a_list(tmp_path):
    (tmp_path / "m.py").write_text("Article(title=t, kicker=k, authors=a, zones=z)\nX = ('title', 'date')\n",
                                   encoding="utf-8")
    assert len(listed_fields(tmp_path / "m.py", set(ARTICLE_FIELDS))) == 1


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
