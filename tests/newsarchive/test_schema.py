"""schema.py: the front-matter contract; every error names the file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsarchive.schema import (ARTICLE_FIELDS, ARTICLE_REQUIRED, SOURCE_FIELDS, SOURCE_REQUIRED, FrontMatterError,
                                date_parts, read_page, split_front_matter, validate)

ROOT = Path(__file__).resolve().parents[2]
GOOD = """---
title: 淄博高新区奋力推动跨越式、突破性发展
kicker: 发扬“不怕苦、有韧劲、爱学习”干事创业新品质
authors: [岳书杰, 毛琳琳]
date: '2020-01-01'
page: 10
source: 000_9d8ca52e2d9cb7fb.txt
order: 1
raw_lines: [3, 77]
slug: 000_9d8ca52e2d9cb7fb-01
---

今年以来，淄博高新区在“双招双引”、科技创新、经济发展等方面取得了一定成绩。
"""


def write(tmp_path: Path, text: str | bytes, name: str = "01.md") -> Path:
    path = tmp_path / "articles" / "p" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_good_page(tmp_path):
    page = read_page(write(tmp_path, GOOD))
    assert page.meta["title"] == "淄博高新区奋力推动跨越式、突破性发展"
    assert page.body.strip().startswith("今年以来")
    assert not page.is_source


def test_crlf_page_is_read(tmp_path):
    page = read_page(write(tmp_path, GOOD.replace("\n", "\r\n")))
    assert page.meta["order"] == 1


def test_unquoted_date_is_accepted(tmp_path):
    page = read_page(write(tmp_path, GOOD.replace("date: '2020-01-01'", "date: 2020-01-01")))
    assert page.meta["date"] == dt.date(2020, 1, 1)


def test_unknown_keys_are_allowed(tmp_path):
    page = read_page(write(tmp_path, GOOD.replace("order: 1", "order: 1\n校对人: 张三")))
    assert page.meta["校对人"] == "张三"


BROKEN = [
    ("no front matter", GOOD.split("---\n", 2)[2], "no front matter"),
    ("unclosed", GOOD.replace("\n---\n\n", "\n\n", 1), "no front matter"),
    ("bad yaml", GOOD.replace("authors: [岳书杰, 毛琳琳]", "authors: [岳书杰, 毛琳琳"), "not valid YAML"),
    ("tab yaml", GOOD.replace("page: 10", "page:\t10\n\t- x"), "not valid YAML"),
    ("list", "---\n- a\n- b\n---\n正文\n", "mapping"),
    ("no title", GOOD.replace("title: 淄博高新区奋力推动跨越式、突破性发展\n", ""), "'title' is missing"),
    ("empty title", GOOD.replace("title: 淄博高新区奋力推动跨越式、突破性发展", "title: ''"), "'title' is missing"),
    ("no source", GOOD.replace("source: 000_9d8ca52e2d9cb7fb.txt\n", ""), "'source' is missing"),
    ("authors string", GOOD.replace("authors: [岳书杰, 毛琳琳]", "authors: 岳书杰"), "'authors'"),
    ("bad date", GOOD.replace("date: '2020-01-01'", "date: 2020年1月1日"), "'date'"),
    ("slashed date", GOOD.replace("date: '2020-01-01'", "date: 2020/01/01"), "'date'"),
    ("order text", GOOD.replace("order: 1", "order: 第一"), "'order'"),
    ("order bool", GOOD.replace("order: 1", "order: true"), "'order'"),
    ("raw_lines reversed", GOOD.replace("raw_lines: [3, 77]", "raw_lines: [77, 3]"), "'raw_lines'"),
    ("raw_lines zero", GOOD.replace("raw_lines: [3, 77]", "raw_lines: [0, 3]"), "'raw_lines'"),
    ("slug spaces", GOOD.replace("slug: 000_9d8ca52e2d9cb7fb-01", "slug: a b"), "'slug'"),
    ("title list", GOOD.replace("title: 淄博高新区奋力推动跨越式、突破性发展", "title: [a, b]"), "'title'"),
]


@pytest.mark.parametrize("case, text, words", BROKEN, ids=[c[0] for c in BROKEN])
def test_broken_front_matter_names_the_file(tmp_path, case, text, words):
    path = write(tmp_path, text)
    with pytest.raises(FrontMatterError) as info:
        read_page(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": "), message
    assert words in message, message
    assert info.value.path == str(path)


def test_all_problems_are_reported_at_once(tmp_path):
    text = GOOD.replace("order: 1", "order: x").replace("raw_lines: [3, 77]", "raw_lines: 3")
    with pytest.raises(FrontMatterError) as info:
        read_page(write(tmp_path, text))
    assert len(info.value.problems) == 2


def test_non_utf8_page_names_the_file(tmp_path):
    path = write(tmp_path, GOOD.encode("gb18030"))
    with pytest.raises(FrontMatterError, match="not UTF-8") as info:
        read_page(path)
    assert str(path) in str(info.value)


def test_source_pages_have_their_own_schema(tmp_path):
    good = "---\ntype: source\nsource: a.txt\narticles: [articles/a/01.md]\npage: 3\n---\n# 来源\n"
    assert read_page(write(tmp_path, good, "s.md")).is_source
    with pytest.raises(FrontMatterError, match="'articles'"):
        read_page(write(tmp_path, good.replace("[articles/a/01.md]", "articles/a/01.md"), "s2.md"))


def test_validate_field_tables():
    assert validate({"title": "t", "source": "s"}, ARTICLE_FIELDS, ARTICLE_REQUIRED) == []
    assert validate({"type": "source", "source": "s"}, SOURCE_FIELDS, SOURCE_REQUIRED) == []
    assert validate({}, SOURCE_FIELDS, SOURCE_REQUIRED) == ["'type' is missing", "'source' is missing"]


def test_split_front_matter_of_text():
    assert split_front_matter("---\ntitle: 标题\n---\n正文\n") == ({"title": "标题"}, "正文\n")
    assert split_front_matter("---\n---\n正文") == ({}, "正文")


@pytest.mark.parametrize("value, parts", [
    ("2020-01-01", (2020, 1, 1)), ("2020-01", (2020, 1, None)), ("2020", (2020, None, None)),
    (2020, (2020, None, None)), (dt.date(2019, 12, 31), (2019, 12, 31)), (None, (None, None, None)),
])
def test_date_parts(value, parts):
    assert date_parts(value) == parts


def test_generated_seed_pages_pass():
    for path in sorted((ROOT / "tests" / "golden").glob("*/**/*.md")):
        read_page(path)


def test_impossible_unquoted_date_in_a_hand_edit_names_the_file(tmp_path):
    """YAML reads 2020-02-30 as a timestamp and fails building it (ValueError,
    not a YAMLError): the error must still be a FrontMatterError naming the file."""
    path = write(tmp_path, GOOD.replace("date: '2020-01-01'", "date: 2020-02-30"))
    with pytest.raises(FrontMatterError) as info:
        read_page(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("date", ["'2020-13-45'", "'2020-02-30'", "'2020-00'"])
def test_impossible_iso_date_is_refused(tmp_path, date):
    path = write(tmp_path, GOOD.replace("date: '2020-01-01'", f"date: {date}"))
    with pytest.raises(FrontMatterError, match="'date'"):
        read_page(path)


def test_hand_edit_saved_with_a_utf8_bom_is_read(tmp_path):
    """Some editors (Windows Notepad) save UTF-8 with a BOM: the page is still valid."""
    page = read_page(write(tmp_path, b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8")))
    assert page.meta["title"] == "淄博高新区奋力推动跨越式、突破性发展"


def test_a_key_given_twice_names_the_key_and_its_lines(tmp_path):
    with pytest.raises(FrontMatterError) as info:
        read_page(write(tmp_path, GOOD.replace("order: 1\n", "order: 1\nzones: [甲]\norder: 2\n")))
    assert str(info.value).endswith("01.md: front matter has the key 'order' twice (lines 8 and 10); keep one")


def test_a_page_of_the_wrong_type_for_its_folder_says_so(tmp_path):
    with pytest.raises(FrontMatterError) as info:
        read_page(write(tmp_path, GOOD), kind="source")
    assert info.value.problems == ["a page under sources/ must have 'type: source' (this one has no 'type'; "
                                   "is it an article page in the wrong folder?)"]
    assert read_page(write(tmp_path, GOOD), kind="article").meta["order"] == 1
