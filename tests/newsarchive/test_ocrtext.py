"""ocrtext.py: an OCR page's fragments of pictures leave the text, each kept
on the source page with its reason; other pages are not touched."""
from __future__ import annotations

import pytest

from newsarchive.model import Line
from newsarchive.ocrtext import fragment_reason, ocr_punctuation, read_dashes, split_fragments
from newsarchive.pipeline import build_page
from newsarchive.reader import RawSource

PROSE = ("习近平同志强调,全面从严治党,核心是加强党的领导,基础在全面,关键在严,要害在治。"
         "全面从严治党的基础在全面,这就需要从多个角度理解,既突出重点,又以点带面。")
# An OCR page: running text in short lines, a picture read as text between
# two of them, and the logo of the masthead read as text.
OCR_PAGE = ("人ga区\n\n新时代的价值追求\n\n" + PROSE * 2 + "全面贯彻党的十\n\n寺站大口寺[CD\n\n九大精神,以新时代中国特色社会主义思想为指导,"
            + PROSE * 2 + "\n")


def test_an_ocr_page_is_told_by_its_ascii_marks():
    assert ocr_punctuation(OCR_PAGE)
    assert not ocr_punctuation(OCR_PAGE.replace(",", "，"))


def test_fragments_go_to_the_removed_list_with_their_reason():
    page = build_page(RawSource("page.ocr.txt", OCR_PAGE, "utf-8"))
    removed = {r.text: r.reason for r in page.removed}
    assert removed["寺站大口寺[CD"].startswith("OCR 碎片") and removed["人ga区"].startswith("OCR 碎片")
    text = "".join(a.title + a.kicker + a.text() for a in page.articles)
    assert "寺站" not in text and "人ga" not in text
    assert any(e.rule == "drop_ocr_fragment" for e in page.log)


def test_a_page_with_printed_punctuation_is_not_judged_by_ocr_rules():
    page = build_page(RawSource("page.txt", OCR_PAGE.replace(",", "，"), "utf-8"))
    assert not any(r.reason.startswith("OCR 碎片") for r in page.removed)


@pytest.mark.parametrize("text", ["舒国增", "欧阳辉", "刘", "伟", "叶 帆", "方 雷", "结语", "新时代的价值追求", "2013一2016年",
                                  "困难中冲锋。特别是勇于推进改革 ]", "他为借一本《浮士德}》走了几十里山路。", "GDP"])
def test_names_headings_and_prose_are_no_fragments(text):
    assert fragment_reason(text, alone=True) is None


@pytest.mark.parametrize("text", ["_人ga称", "寺[大法[ 4", "aa", "“2 FF", "讲涉习攻"])
def test_pieces_of_pictures_are_fragments(text):
    assert fragment_reason(text, alone=True)


def test_a_fragment_inside_a_block_does_not_split_it():
    lines = [Line(1, "加强党的", "加强党的"), Line(2, "寺站大口寺[CD", "寺站大口寺[CD"), Line(3, "政治建设", "政治建设")]
    kept, gone = split_fragments(lines)
    assert [x.text for x in kept] == ["加强党的", "政治建设"] and kept[1].gap == 0 and len(gone) == 1


def _blocks_of(*texts: str) -> list[Line]:
    return [Line(2 * i + 1, t, t, gap=1 if i else 0) for i, t in enumerate(texts)]


def test_a_chart_read_in_pieces_leaves_the_text_but_not_the_note_above_it():
    lines = _blocks_of(PROSE, "（作者为苏州大学马克思主义研究院教授）", "完善        美元", "建立",
                       "2020年全面建成小康社会              2035年基本实现现代化", "本世纪中叶", PROSE)
    kept, gone = split_fragments(lines)
    assert [x.text for x in kept][:2] == [lines[0].text, "（作者为苏州大学马克思主义研究院教授）"]
    assert {x.no for x, _ in gone} == {5, 7, 9, 11} and all(r.startswith("OCR 图表") for _, r in gone)


def test_one_row_read_across_columns_is_no_chart():
    """A single wide gap in prose is a lost word (习近平新时代    竺色社会主义思想), not a chart."""
    lines = _blocks_of(PROSE, "习近平新时代    竺色社会主义思想", "新时代的价值追求", PROSE)
    kept, gone = split_fragments(lines)
    assert not gone and len(kept) == 4


def test_a_lone_character_is_kept_only_as_a_letter_of_a_vertical_name():
    """刘 … 伟 may be a byline set vertically; 刀, 下 and a lone mark, with no
    surname open above them, are pieces of a picture."""
    lines = _blocks_of(PROSE, "刀", "下", PROSE, "刘", PROSE, "伟", "|", PROSE)
    kept, gone = split_fragments(lines)
    assert [x.text for x, _ in gone] == ["刀", "下", "|"]
    assert all(r.startswith("OCR 碎片") for _, r in gone)
    assert [x.text for x in kept if len(x.text) == 1] == ["刘", "伟"]


def test_a_line_that_makes_almost_no_word_is_a_fragment_but_a_misread_heading_is_not():
    assert fragment_reason("深海总幅间并将斌于", alone=True)
    for heading in ("并族复兴新境界", "全面从严治吉永远在路上的新时代内洱", "促进国有企业和民营企业闫同发展"):
        assert fragment_reason(heading, alone=True) is None


def test_a_subtitle_dash_read_as_yiyi_opens_a_subtitle():
    page = build_page(RawSource("page.ocr.txt", "划时代的思想火炬\n\n一一深刻认识新思想的时代背景、实践基础和理论渊源\n\n"
                                + PROSE * 3 + "\n", "utf-8"))
    article = page.articles[0]
    assert article.title == "划时代的思想火炬"
    assert article.subtitle.startswith("——深刻认识")
    assert any(e.rule == "read_misread_dash" for e in page.log)


def test_running_text_opening_with_yiyi_keeps_it():
    lines = _blocks_of(PROSE) + [Line(3, "一一对应的关系。", "一一对应的关系。")]
    assert read_dashes(lines) == [] and lines[1].text == "一一对应的关系。"
