"""The PDF layout on small pages the tests make themselves (see pdf_samples):
lines, columns, reading order, typographic hints."""
from __future__ import annotations

import pytest

from newsarchive.model import Kind
from newsarchive.pdflayout import layout_page
from newsarchive.read_pdf import read_pdf

from pdf_samples import NEWS_A, PARA_1, PARA_3, news, scan, stretched, two_columns, vertical_box


@pytest.fixture(scope="module")
def columns(tmp_path_factory):
    return layout_page(read_pdf(two_columns(tmp_path_factory.mktemp("pdf"))).pages[0])


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    return layout_page(read_pdf(vertical_box(tmp_path_factory.mktemp("pdf"))).pages[0])


def texts(layout, hint=None):
    return [u.text for u in layout.units if hint is None or u.hint is hint]


def test_body_size_is_the_most_common_size(columns):
    assert columns.body == 10


def test_running_head_by_its_place(columns):
    assert texts(columns, Kind.FURNITURE) == ["2018年1月2日星期二", "7理论"]


def test_title_across_the_columns_comes_first_with_its_byline(columns):
    content = [u for u in columns.units if u.hint is not Kind.FURNITURE]
    assert content[0].text == "新时代的历史方位" and content[0].hint is Kind.HEADLINE
    assert any(e.kind == "start_article" for e in content[0].evidence)
    assert content[1].text == "陈曙光" and content[1].hint is Kind.BYLINE


def test_reading_order_is_column_by_column(columns):
    body = texts(columns, Kind.BODY)
    assert body[0] == PARA_3
    assert body.index(PARA_1) < body.index("到2035年基本实现现代化，新时代的使命光荣而艰巨。")


def test_paragraph_carried_from_one_column_to_the_next(columns):
    carried = next(t for t in texts(columns, Kind.BODY) if t.startswith("进入新时代"))
    assert carried.endswith("这是我们认识新时代的出发点和落脚点。")
    unit = next(u for u in columns.units if u.text == carried)
    lefts = {line.box.x0 for line in unit.lines}
    assert min(lefts) < 100 and max(lefts) > 300        # lines in both columns


def test_subhead_in_a_column_is_display_type(columns):
    heading = next(u for u in columns.units if u.text == "新时代的鲜明主题")
    assert heading.hint is Kind.HEADLINE
    assert not any(e.kind == "start_article" for e in heading.evidence)


def test_letter_spaced_line_is_plain_text(columns):
    assert any("社会主义初级阶段基本国情" in t for t in texts(columns, Kind.BODY))
    assert not any(" " in t for t in texts(columns, Kind.BODY))


def test_digits_in_another_font_stay_in_their_sentence(columns):
    assert "到2035年基本实现现代化，新时代的使命光荣而艰巨。" in texts(columns, Kind.BODY)


def test_caption_under_an_image_is_small_type(columns):
    assert texts(columns, Kind.CAPTION) == ["图为新时代的建设者。新华社记者王强摄"]


def test_lines_carry_geometry_and_sheet(columns):
    for unit in columns.units:
        for line in unit.lines:
            assert line.box is not None and line.size > 0 and line.font and line.sheet == 0
    assert [line.no for line in columns.lines] == list(range(1, len(columns.lines) + 1))


def test_vertical_title_is_one_title_with_its_byline(box):
    i = texts(box).index("意气风发走进新时代")
    unit = box.units[i]
    assert unit.hint is Kind.HEADLINE and any(e.kind == "start_article" for e in unit.evidence)
    assert box.units[i + 1].text == "欧阳辉" and box.units[i + 1].hint is Kind.BYLINE


def test_ruled_frame_groups_its_text_under_its_title(box):
    order = texts(box)
    boxed = order[order.index("意气风发走进新时代"):]
    assert any(t.startswith("进入新时代") for t in boxed)
    lead = order[:order.index("意气风发走进新时代")]
    assert lead[0] == "深刻理解新时代" and PARA_1 in lead


def test_an_empty_page_has_no_units(tmp_path):
    layout = layout_page(read_pdf(scan(tmp_path)).pages[0])
    assert layout.units == [] and layout.text == ""


def test_news_titles_set_small_are_titles_by_their_place(tmp_path):
    """Titles only 1.5 times the body: one opens the page, two stand under a
    rule side by side; each heads its own text."""
    layout = layout_page(read_pdf(news(tmp_path)).pages[0])
    titles = [u.text for u in layout.units if any(e.kind == "start_article" for e in u.evidence)]
    assert titles == ["高新区二十个重点项目集中开工", "高新技术企业突破五百家", "创新创业大赛落幕"]
    order = texts(layout)
    assert order.index("高新技术企业突破五百家") < order.index(next(t for t in order if "八十六家" in t)) \
        < order.index("创新创业大赛落幕") < order.index(next(t for t in order if "一百五十个" in t))
    assert NEWS_A.replace(" ", "") in texts(layout, Kind.BODY)      # read across both its columns
    assert texts(layout, Kind.FURNITURE) == ["责任编辑李明版式王芳"]       # under the foot rule


def test_a_line_stretched_nearly_to_gutter_gaps_stays_one_line(tmp_path):
    layout = layout_page(read_pdf(stretched(tmp_path)).pages[0])
    body = texts(layout, Kind.BODY)
    assert PARA_1 in body
    assert "实现伟大复兴梦想是近代以来中华民族最伟大的梦想。" in body
    assert (PARA_3 + PARA_3) in body            # the column beside it is read apart
