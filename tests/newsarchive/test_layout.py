"""layout.py: raw lines → paragraph candidates (units).

OCR exports (one paragraph per line, blank lines between blocks) and
pdftotext output (hard-wrapped at the column width, indents start paragraphs,
running heads and page numbers inside the wrapped text) must both come out
as one unit per paragraph.
"""
from __future__ import annotations

from pathlib import Path

from newsarchive.classify import is_standalone
from newsarchive.layout import blocks, column_width, display_width, group_units, join_wrapped, read_lines
from newsarchive.reader import normalize_newlines, read_source

ROOT = Path(__file__).resolve().parents[2]
PDFTOTEXT = ROOT / "tests" / "fixtures" / "pages" / "pdftotext_theory.txt"


def units_of(raw: str):
    log = []
    units = group_units(read_lines(normalize_newlines(raw), log), log, is_standalone)
    return units, log


def texts(raw: str) -> list[str]:
    return [u.text for u in units_of(raw)[0]]


# A pdftotext page: hard-wrapped at 42 characters, 　　 indents start paragraphs.
WRAPPED = """\
推动国家高新区高质量发展

　　国家高新区是我国实施创新驱动发展战略的重要载体。党的十九大以来，各地高新区坚持以
新发展理念为引领，加快建设现代化经济体系，在推动高质量发展中发挥了示范引领作用。当前，
我国高新区发展进入新阶段，面临着新的机遇和挑战。
　　创新是引领发展的第一动力。武汉东湖高新区近年来围绕光电子信息产业，集聚了一批国家
级创新平台，研发投入强度超过百分之五。
"""


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    assert texts(WRAPPED) == [
        "推动国家高新区高质量发展",
        "国家高新区是我国实施创新驱动发展战略的重要载体。党的十九大以来，各地高新区坚持以新发展理念为引领，"
        "加快建设现代化经济体系，在推动高质量发展中发挥了示范引领作用。当前，我国高新区发展进入新阶段，面临着新的机遇和挑战。",
        "创新是引领发展的第一动力。武汉东湖高新区近年来围绕光电子信息产业，集聚了一批国家级创新平台，研发投入强度超过百分之五。",
    ]


def test_joining_is_logged_with_the_line_range():
    units, log = units_of(WRAPPED)
    joins = [e for e in log if e.rule == "join_wrapped_lines"]
    assert [(e.where, e.detail.split()[0]) for e in joins] == [("L3-L5", "3"), ("L6-L7", "2")]
    assert units[1].first == 3 and units[1].last == 5


def test_indent_starts_a_paragraph_even_after_a_full_line():
    raw = ("　　第一段文字很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很\n"
           "　　第二段文字也很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n"
           "　　第三段文字也很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n"
           "　　第四段。\n")
    assert len(texts(raw)) == 4


def test_furniture_inside_wrapped_text_stands_alone():
    """The page footer and the running head of the next page sit between two
    halves of a wrapped paragraph: they must not be glued into it."""
    units, _ = units_of(PDFTOTEXT.read_text(encoding="utf-8"))
    by_text = [u.text for u in units]
    assert "第 30 页" in by_text
    assert "7 理论" in by_text
    assert any(t.startswith("2018 年 1 月 17 日") or t.startswith("2018年1月17日") for t in by_text)
    for u in units:
        if "第 30 页" in u.text or u.text == "7 理论":
            assert len(u.lines) == 1, u.lines
    # the prose on either side is whole up to the footer
    assert any(u.text.endswith("集聚了一批国家") for u in units)
    assert any(u.text.startswith("级创新平台") for u in units)


def test_letter_spaced_wrapped_line_is_joined_without_its_spaces():
    units, _ = units_of(PDFTOTEXT.read_text(encoding="utf-8"))
    paragraph = next(u.text for u in units if u.text.startswith("我国经济已由高速增长阶段"))
    assert "转向高质量发展阶段，正处在转变发展方式、优化经济结构" in paragraph
    assert " " not in paragraph


def test_source_line_stands_alone():
    units, _ = units_of(PDFTOTEXT.read_text(encoding="utf-8"))
    assert units[-1].text == "《人民日报》（2018年01月17日 第 07 版）"
    assert units[-2].text.startswith("（作者为")


def test_byline_and_subtitle_lines_stand_alone_in_wrapped_text():
    raw = ("　　第一段文字很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n"
           "本报记者 钱江\n"
           "——学习贯彻党的十九大精神长长长长长长长长长长长长长长长长长长长长长长\n"
           "　　第二段。\n")
    got = texts(raw)
    assert "本报记者 钱江" in got
    assert any(t.startswith("——学习贯彻") for t in got)


def test_ocr_layout_one_paragraph_per_line_is_kept():
    seed = read_source(ROOT / "seeds" / "000_9d8ca52e2d9cb7fb.txt")
    units, log = units_of(seed.text)
    nonblank = [line for line in seed.text.split("\n") if line.strip()]
    assert len(units) == len(nonblank)
    assert not [e for e in log if e.rule == "join_wrapped_lines"]


def test_short_lines_are_not_a_column():
    """A list of short lines (a label block, names) is not wrapped prose."""
    raw = "礼赞\n2019\n年终特稿\n"
    assert texts(raw) == ["礼赞", "2019", "年终特稿"]
    assert column_width(blocks(read_lines(raw, []))) is None


def test_read_lines_counts_gaps_and_page_breaks():
    lines = read_lines(normalize_newlines("甲\n\n\n乙\f丙\n丁"), [])
    assert [(l.text, l.gap, l.page_break, l.no) for l in lines] == [
        ("甲", 0, False, 1), ("乙", 2, False, 4), ("丙", 0, True, 6), ("丁", 0, False, 7)]


def test_read_lines_logs_line_rule_changes():
    log = []
    read_lines("今年以来,淄博高新区", log)
    assert [(e.rule, e.where) for e in log] == [("fullwidth_punctuation_in_chinese", "L1")]


def test_page_break_splits_blocks():
    lines = read_lines(normalize_newlines("甲\n乙\f丙"), [])
    assert [[l.text for l in b] for b in blocks(lines)] == [["甲", "乙"], ["丙"]]


def test_join_wrapped_spaces_only_between_latin_words():
    assert join_wrapped("高新区", "发展") == "高新区发展"
    assert join_wrapped("Feynman-Kac", "formula") == "Feynman-Kac formula"
    assert join_wrapped("采用5G", "技术") == "采用5G技术"
    assert join_wrapped("营收1,280", "亿元") == "营收1,280亿元"


def test_display_width_counts_chinese_twice():
    assert display_width("淄博ABC") == 7
    assert display_width("，。") == 4


P1 = ("　　国家高新区是我国实施创新驱动发展战略的重要载体。党的十九大以来，各地高新区坚持以\n"
      "新发展理念为引领，加快建设现代化经济体系，在推动高质量发展中发挥了重要示范引领作用。\n"
      "当前，我国高新区发展进入新阶段，面临着新的机遇和挑战。\n")
SPACED = ("　　我 国 经 济 已 由 高 速 增 长 阶 段 转 向 高 质 量 发 展 阶 段 ，正 处 在 转 变 发 展 方 式 、优 化\n"
          "经济结构、转换增长动力的攻关期。高新区要在这一进程中走在前列，必须把科技创新摆在更加\n"
          "突出的位置，着力提升自主创新能力，培育一批具有国际竞争力的创新型企业和产业集群。\n")
P3 = ("　　创新是引领发展的第一动力。武汉东湖高新区近年来围绕光电子信息产业，集聚了一批国家\n"
      "级创新平台，研发投入强度超过百分之五。\n")


def test_wrap_after_a_sentence_end_is_joined_by_the_column_width():
    """A full-width line may end in 。 mid-paragraph; no indent follows, so the
    paragraph goes on. Only the column width can tell (the joins step will not
    join after a sentence end)."""
    assert len(texts(P1 + P3)) == 2


def test_a_letter_spaced_line_does_not_hide_the_column():
    """pdftotext's justified line is wider than the column when its spaces are
    counted (99 against 84 cells here): one such line in a block must not stop
    the layout from seeing that the block is hard-wrapped."""
    got = texts(P1 + SPACED + P3)
    assert len(got) == 3, got
    assert got[1].startswith("我国经济已由") and got[1].endswith("产业集群。")


# ── pdftotext of real e-paper pages: justified, letter-spaced, narrow boxes ──

BODY_COLUMN = ("党的十九大报告指出，中国特色社会主\n义进入新时代，这是我国发展新的历\n史方位。新时代要有新气象，更要有\n"
               "新作为，党员干部要带头撸起袖子加\n油干。\n\n")


def _units(raw: str):
    from newsarchive.classify import is_standalone
    from newsarchive.layout import group_units, read_lines

    log = []
    return group_units(read_lines(raw, log), log, is_standalone)


def test_letter_spaced_lines_wrap_on_and_a_heading_in_a_narrow_box_is_one_line():
    raw = ("明 确 新 目 标 ：分 两\n步走全面建设社会主义\n现代化国家\n\n" + BODY_COLUMN +
           "贯 彻 新 思 想 ：用\n习 近平新时代中国特色\n社会主义思想武装头\n脑、指导实践\n"
           "中 国 共 产 党 领 导 中 国 人 民 90 多 年 革\n命、建设和改革的伟大实践，是救国、兴国、\n"
           "强 国 和 为 人 民 谋 幸 福 、为 民 族 谋 复 兴 的 接\n续奋斗的历史过程。\n")
    texts = [u.text for u in _units(raw)]
    assert "明确新目标：分两步走全面建设社会主义现代化国家" in texts
    at = texts.index("贯彻新思想：用习 近平新时代中国特色社会主义思想武装头脑、指导实践")
    assert texts[at + 1].startswith("中国共产党领导中国人民 90 多年革命、建设") and texts[at + 1].endswith("接续奋斗的历史过程。")


def test_lines_broken_after_a_comma_or_before_closing_punctuation_are_one_paragraph():
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource

    raw = BODY_COLUMN + "中国特色社会主义进入新时\n代，\n这是我国发展新的历史方位，\n也\n是我们奋进新的历史坐标。\n"
    page = build_page(RawSource("t.pdftotext.txt", raw, "utf-8"))
    assert "中国特色社会主义进入新时代，这是我国发展新的历史方位，也是我们奋进新的历史坐标。" in [
        p for a in page.articles for p in a.paragraphs]


def test_a_title_and_its_byline_in_one_block_stay_apart():
    raw = "深刻理解新时代划时代意义\n刘志明\n党的十九大报告指出，中国特\n色社会主义进入新时代，这是我\n国发展新的历史方位。\n"
    texts = [u.text for u in _units(raw)]
    assert texts[:2] == ["深刻理解新时代划时代意义", "刘志明"]


def test_pieces_of_one_printed_line_cut_at_a_font_change_are_one_paragraph():
    # rmrb-2018-01-31-p07 (pdftotext): a run-in sentence set in another font
    # is cut from the rest of its line; the pieces add up to the column width
    raw = ("习近平新时代中国特色社会主义思想\n强调坚持以人民为中心，把人民对美好生活\n的向往作为奋斗目标，依靠人民创造历史伟\n"
           "要，更好推动人的全面发展。\n推动人的全面发展是马克思主义的本\n质要求。\n《共产党宣言》指出：\n“ 代替那存在着\n"
           "阶级和阶级对立的资产阶级旧社会的，将是\n这样一个联合体，在那里，每个人的自由发\n展是一切人的自由发展的条件。”社会发展\n")
    got = texts(raw)
    assert got[-1].startswith("推动人的全面发展是马克思主义的本质要求。《共产党宣言》指出：“")
    assert got[0].endswith("全面发展。")


def test_a_paragraph_end_and_the_next_indented_first_line_are_no_pieces():
    # city-business (pdftotext): 41%。 ends a paragraph; 走进位于园区东部 opens the next
    raw = (ROOT / "tests" / "fixtures" / "news" / "city-business.pdftotext.txt").read_text(encoding="utf-8")
    got = texts(raw)
    assert any(t.endswith("比重达到41%。") for t in got)
    assert any(t.startswith("走进位于园区东部") for t in got)


def test_an_ocr_block_is_one_paragraph_across_a_change_of_column_width():
    """tesseract's block runs on where the column narrows beside a picture and
    widens under it (rmrb-2018-01-02-p07.ocr.txt); a sentence end still ends
    the paragraph, and a pdftotext page keeps its width rules."""
    raw = ("时代新人。\n\n党的十九大报告指出，我们\n党既要政治过硬，也要本领高强。进入新时代，世情国情\n"
           "党情发生深刻变化，党员、干部必须正视本领不足、本领\n恐慌、本领落后的问题。\n")
    log: list = []
    ocr = group_units(read_lines(raw, log), log, is_standalone, ocr=True)
    assert [u.text for u in ocr][1].startswith("党的十九大报告指出，我们党既要政治过硬")
    assert len(ocr) == 2
    assert texts(raw)[1] == "党的十九大报告指出，我们"


def test_an_ocr_title_and_the_longer_subtitle_under_it_are_two_lines():
    """Title and subtitle in one tesseract block, the subtitle's dash lost
    (rmrb-2018-01-23-p07.ocr.txt): the longer line no word crosses to starts
    a line of its own; a heading wrapped in a narrow box stays one."""
    raw = ("让红船精神放射时代光芳\n“红船精神与习近平新时代中国特色\n社会主义思想学术研讨会”述要\n\n萧师俭\n\n"
           "深刻把握实施健\n康中国战略在新时代中\n国特色社会主义事业中\n的重要意义和作用\n")
    log: list = []
    got = [u.text for u in group_units(read_lines(raw, log), log, is_standalone, ocr=True)]
    assert got == ["让红船精神放射时代光芳", "“红船精神与习近平新时代中国特色社会主义思想学术研讨会”述要", "萧师俭",
                   "深刻把握实施健康中国战略在新时代中国特色社会主义事业中的重要意义和作用"]
