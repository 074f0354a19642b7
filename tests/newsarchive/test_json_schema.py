"""The published JSON Schema is derived from the one schema and agrees with it:
every page the converter writes is valid under both, and every value the
validator refuses, the JSON Schema refuses too."""
from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from newsarchive.schema import ARTICLE_FIELDS, SOURCE_FIELDS, json_schema, split_front_matter, validate, \
    ARTICLE_REQUIRED

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_every_field_is_published():
    defs = json_schema()["$defs"]
    assert set(defs["article"]["properties"]) == set(ARTICLE_FIELDS)
    assert set(defs["source"]["properties"]) == set(SOURCE_FIELDS)


@pytest.mark.parametrize("page", sorted(GOLDEN.rglob("*.md")), ids=lambda p: str(p.relative_to(GOLDEN)))
def test_converter_pages_are_valid(page):
    meta, _ = split_front_matter(page.read_text(encoding="utf-8"), page)
    errors = [e.message for e in VALIDATOR.iter_errors(meta)]
    assert not errors, errors


BAD = [
    {"title": "标题"},                                   # no source
    {"title": "", "source": "a.txt"},                    # empty title
    {"title": "标题", "source": "a.txt", "zones": "淄博高新区"},
    {"title": "标题", "source": "a.txt", "date": "2020/1/1"},
    {"title": "标题", "source": "a.txt", "raw_lines": [3]},
    {"title": "标题", "source": "a.txt", "continued": "yes"},
    {"title": "标题", "source": "a.txt", "slug": "a b"},
    {"title": "标题", "source": "a.txt", "order": 1.5},
    {"type": "source"},                                  # a source page without its source
]


@pytest.mark.parametrize("meta", BAD, ids=repr)
def test_what_the_validator_refuses_the_json_schema_refuses(meta):
    fields, required = (SOURCE_FIELDS, ("type", "source")) if meta.get("type") == "source" \
        else (ARTICLE_FIELDS, ARTICLE_REQUIRED)
    assert validate(meta, fields, required)
    assert list(VALIDATOR.iter_errors(meta))


def test_unknown_keys_and_empty_values_are_allowed():
    meta = {"title": "标题", "source": "a.txt", "kicker": "", "zones": None, "my_note": "人工校对"}
    assert not validate(meta, ARTICLE_FIELDS, ARTICLE_REQUIRED)
    assert not list(VALIDATOR.iter_errors(meta))
