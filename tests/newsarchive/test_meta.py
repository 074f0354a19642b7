"""meta.py: page facts (newspaper, page, date, editors), dates, keywords."""
from __future__ import annotations

import datetime as dt

import pytest

from newsarchive.meta import editors_of, find_date, infer_year, iso_date, keywords

from converter_pages import FIXTURES, ROOT, page_from, page_of  # noqa: F401


@pytest.mark.parametrize("path, newspaper, number, date, editors", [
    (ROOT / "seeds" / "001_567314c39f3d4d23.txt", "鲁中晨报", "10", "2020-01-01", ["王兴华", "王涛"]),
    (FIXTURES / "multi_news.txt", "科技日报", "3", "2023-06-08", ["李明", "张红"]),
    (FIXTURES / "pdftotext_theory.txt", "人民日报", "7", "2018-01-17", []),
])
def test_page_facts_from_furniture_and_source_lines(path, newspaper, number, date, editors):
    page = page_of(path)
    assert (page.newspaper, page.page, page.date, page.editors) == (newspaper, number, date, editors)
    for article in page.articles:
        assert article.date == date and not article.date_inferred


def test_page_without_furniture_has_no_facts():
    page = page_of(ROOT / "seeds" / "003_d0893501d4b0028e.txt")
    assert (page.newspaper, page.page, page.date) == ("", "", "")


def test_year_is_inferred_from_the_text_and_marked():
    page = page_of(ROOT / "seeds" / "002_db631b9f60482eb9.txt")
    article = page.articles[0]
    assert article.date_inferred
    assert article.date == "2024"         # 回首2023年 … 展望2024年


def test_dateline_with_inferred_year():
    page = page_from("苏州工业园区数字经济增长两成\n\n本报苏州6月7日电 2023年前5个月，苏州工业园区数字经济核心产业实现营收1,280亿元。\n")
    article = page.articles[0]
    assert (article.date, article.date_inferred) == ("2023-06-07", True)


def test_article_without_any_year_has_no_date():
    page = page_from("标题\n\n本报讯 园区召开大会，部署全年工作。\n")
    assert page.articles[0].date == "" and not page.articles[0].date_inferred


def test_infer_year_ignores_the_future_and_other_numbers():
    assert infer_year("展望2035年远景目标", today=dt.date(2024, 1, 1)) is None
    assert infer_year("回首2023年，展望2035年", today=dt.date(2024, 1, 1)) == 2023
    assert infer_year("编号12023年度") is None
    assert infer_year("共有2023家企业") is None


@pytest.mark.parametrize("text, iso", [
    ("2020年1月1日 星期三", "2020-01-01"),
    ("2024 年 3 月 5 日 星期二", "2024-03-05"),
    ("二〇二四年三月五日 星期二", "2024-03-05"),
    ("二〇一九年十二月三十一日", "2019-12-31"),
    ("2020年2月30日", ""),
    ("没有日期", ""),
])
def test_find_date(text, iso):
    assert find_date(text) == iso


def test_iso_date_rejects_impossible_dates():
    assert iso_date(2020, 2, 29) == "2020-02-29"
    assert iso_date(2019, 2, 29) == "" and iso_date(2020, 13, 1) == ""


def test_editors_of():
    assert editors_of("责任编辑 李明  校对 张红") == ["李明", "张红"]
    assert editors_of("编辑：王兴华 美编：王涛") == ["王兴华", "王涛"]


def test_keywords_are_characteristic_and_deterministic():
    text = page_of(ROOT / "seeds" / "003_d0893501d4b0028e.txt").articles[4].text()
    words = keywords(text)
    assert words == keywords(text)
    assert "稀土" in words[:3]
    assert len(words) == 8 and len(set(words)) == 8
    for stop in ("高新区", "发展", "的", "2020"):
        assert stop not in words


def test_keywords_of_empty_text():
    assert keywords("") == []


@pytest.mark.parametrize("line", [
    "2024年3月5日 星期二",
    "2024年3月5日 星期二 农历甲辰年正月廿五",
    "2024年3月5日（星期二）",
    "2024年3月5日 星期二 第12345期",
    "星期二 2024年3月5日 农历正月廿五",
    "2024年3月5日 农历正月廿五 星期二",
])
def test_masthead_date_lines_are_furniture_and_date_the_page(line):
    """Common forms of the date line under a page's running head: each is page
    furniture (not the kicker of the first article) and gives the page its date."""
    page = page_from(f"科技日报 3\n{line}\n\n园区召开大会\n\n本报讯 园区召开大会，部署全年工作。\n")
    assert page.date == "2024-03-05"
    assert line in [r.text for r in page.removed]
    article = page.articles[0]
    assert (article.title, article.kicker) == ("园区召开大会", "")


@pytest.mark.parametrize("line", ["总第12345期", "第12345期"])
def test_issue_number_is_furniture(line):
    page = page_from(f"科技日报 3\n2024年3月5日 星期二\n{line}\n\n园区召开大会\n\n本报讯 园区召开大会，部署全年工作。\n")
    assert line in [r.text for r in page.removed]
    assert (page.articles[0].kicker, page.articles[0].section) == ("", "")


@pytest.mark.parametrize("line, number", [
    ("A3 要闻", ("A3", "3")),
    ("要闻 A3", ("A3", "3")),
    ("第3版 要闻", ("3",)),
    ("要闻·第3版", ("3",)),
    ("2024年3月5日 星期二 第3版", ("3",)),
])
def test_running_head_variants_are_furniture_and_number_the_page(line, number):
    """Running heads with the page number in other common forms (A3, 第3版) are
    furniture, not the first article's column label or kicker, and number the page."""
    page = page_from(f"{line}\n\n园区召开大会\n\n本报讯 5月19日，西安高新区召开大会，部署全年工作，要求各部门抓好落实。\n")
    assert line in [r.text for r in page.removed]
    assert page.page in number
    article = page.articles[0]
    assert (article.title, article.kicker, article.section) == ("园区召开大会", "", "")


def test_newspaper_name_and_date_on_one_line():
    page = page_from("科技日报 2024年3月5日 星期二\n\n园区召开大会\n\n本报讯 5月19日，西安高新区召开大会，部署全年工作。\n")
    assert (page.newspaper, page.date) == ("科技日报", "2024-03-05")
    assert page.articles[0].kicker == ""
