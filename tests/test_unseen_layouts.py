"""What the converter must read right on layouts the seeds do not show.

The fixtures in tests/fixtures/pages/ were written for these tests in the
styles of other newspapers and of pdftotext output of PDF e-papers. Each test
states what a careful reader would take from the page; the golden files pin
the exact output, these pin the meaning.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.meta import article_facts
from newsarchive.pipeline import build_page
from newsarchive.reader import read_source

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def page(name: str):
    return build_page(read_source(PAGES / name))


def facts(p, n: int):
    return article_facts(p, p.articles[n])


def removed(p) -> list[str]:
    return [r.text for r in p.removed]


def test_pdftotext_theory_page():
    p = page("pdftotext_theory.txt")
    assert len(p.articles) == 1
    a = p.articles[0]
    assert a.title == "推动国家高新区高质量发展"
    assert a.subtitle == "——学习贯彻党的十九大精神"
    assert a.authors == ["王小明"]                       # name split over two lines
    assert a.notes == ["（作者为中国科学院科技战略咨询研究院研究员）"]
    assert [h for k, h in a.blocks if k == "h"] == ["一、坚持创新驱动，提升核心竞争力", "二、优化营商环境，激发市场活力"]
    # the running head and footer in mid-paragraph are removed and the paragraph rejoined
    assert any("集聚了一批国家级创新平台" in para for para in a.paragraphs)
    assert {"第 30 页", "7 理论"} <= set(removed(p))
    # letter-spacing is gone, hard wraps are joined, one paragraph per block
    assert any(para.startswith("我国经济已由高速增长阶段转向高质量发展阶段，正处在转变发展方式") for para in a.paragraphs)
    assert not any(" " in para for para in a.paragraphs)
    f = facts(p, 0)
    assert (f.newspaper, f.page, f.date) == ("人民日报", "7", "2018-01-17")


def test_pdftotext_pages_split_by_form_feed():
    p = page("pdftotext_news.txt")
    titles = [a.title for a in p.articles]
    assert titles[1:] == ["“一号工程”跑出加速度", "西安高新区：硬科技企业加速集聚"]
    assert p.articles[0].untitled                         # continued from page 1
    assert "（上接第1版）" in removed(p)
    assert p.articles[1].kicker == "杭州高新区（滨江）"
    assert p.articles[1].authors == ["钱江"]
    assert p.articles[1].captions == ["工人在杭州高新区一家企业车间内作业。新华社记者 黄宗治 摄"]
    # the article that runs over the form feed keeps its text together
    assert p.articles[2].paragraphs[-1].startswith("与此同时，西安高新区加快推进秦创原")
    assert p.articles[2].authors == ["张三", "李四"]
    assert all(facts(p, n).date == "2024-03-05" for n in range(3))


def test_compilation_with_a_source_line_after_each_article():
    p = page("pdftotext_compilation.txt")
    assert [a.title for a in p.articles] == ["以科技创新引领现代化产业体系建设", "高新区要当好改革开放排头兵"]
    assert [a.authors for a in p.articles] == [["李强"], ["张伟"]]
    assert [(facts(p, n).newspaper, facts(p, n).page, facts(p, n).date) for n in range(2)] == [
        ("人民日报", "9", "2024-03-12"), ("经济日报", "11", "2024-04-02")]


def test_other_newspaper_with_several_news_items():
    p = page("multi_news.txt")
    assert [a.title for a in p.articles] == ["苏州工业园区：数字经济核心产业增长两成", "合肥高新区发布“科创十条”"]
    first, second = p.articles
    assert first.section == "高新区动态"                   # a column label, not a kicker
    assert first.authors == ["陈晨", "刘洋"]
    assert first.captions == ["园区企业员工在生产线上调试设备。（记者 陈晨 摄）"]
    assert second.authors == ["周涛"] and second.continued   # （下转第4版）
    assert facts(p, 0).editors == ["李明", "张红"]
    assert {"招商热线：0551-65321234", "●写字楼出租 ●厂房出售 电话 13912345678"} <= set(removed(p))


def test_briefs_signed_in_brackets_are_separate_articles():
    p = page("briefs.txt")
    assert [a.authors for a in p.articles] == [["李华"], ["王强"], []]
    assert p.articles[2].byline == ["（新华社）"]
    assert p.articles[0].section == "高新区快讯"


def test_articles_separated_only_by_wide_gaps():
    p = page("gap_separated.txt")
    assert [a.title for a in p.articles] == ["长沙高新区获批国家知识产权示范园区", "成都高新区举办第八届创新创业大赛"]
    assert not any(a.captions for a in p.articles)


def test_numbers_broken_over_column_ends_and_an_ad_box_between_articles():
    p = page("ocr_ads_between.txt")
    assert [a.title for a in p.articles] == ["武汉东湖高新区光谷科创大走廊建设提速", "西安高新区发布“硬科技”政策"]
    first, second = p.articles
    assert "同比增长52.3%，高新技术产业增加值占地区生产总值比重超过70%。" in first.paragraphs[0]
    assert not second.kicker and not second.section
    assert {"招聘启事", "地址：武汉市洪山区光谷大道1号"} <= set(removed(p))


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.txt")))
def test_nothing_is_left_unplaced(name):
    assert not [w for w in page(name).warnings if "not placed" in w]


def test_a_column_of_briefs_under_a_label_is_one_article_titled_by_the_label():
    p = page("county_briefs.txt")
    briefs, own = p.articles
    assert briefs.title == "简讯" and len(briefs.paragraphs) == 3
    assert briefs.authors == ["张三", "李四", "王五"]           # the names signed after the items
    assert own.title == "城关镇启动老旧小区改造"                # an item with its own headline
    assert (facts(p, 0).page, facts(p, 0).date) == ("3", "2024-03-05")


def test_articles_copied_from_news_sites_with_their_page_controls():
    p = page("web_compilation.txt")
    assert [a.title for a in p.articles] == ["国家高新区创新能力持续提升", "苏州工业园区发布人才新政"]
    assert [a.authors for a in p.articles] == [["王明"], ["陈刚"]]
    # the site's line under the title and the e-paper's line after the text name the paper
    assert [(facts(p, n).newspaper, facts(p, n).page, facts(p, n).date) for n in range(2)] == [
        ("人民日报", "4", "2025-10-20"), ("新华网", "", "2025-10-21")]
    assert p.articles[0].paragraphs[-1].endswith("发挥更大作用。")
    assert {"字号 小 中 大", "分享到：", "【纠错】 【责任编辑：赵敏】", "(责编：张三、李四)"} <= set(removed(p))
