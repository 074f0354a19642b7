"""Line rules (textfix.py) on real OCR and pdftotext lines.

Chinese text safety is the contract: NFC kept, full-width punctuation never
folded to ASCII, “” never straightened; ASCII punctuation in Chinese text
becomes full-width, except inside numbers; letter-spacing goes, CJK–Latin
spacing stays.
"""
from __future__ import annotations

import unicodedata

import pytest

from newsarchive import textfix
from newsarchive.textfix import LINE_RULES, fix_line


def fixed(text: str) -> str:
    return fix_line(text)[0]


# --- full-width punctuation is never folded -------------------------------

FULLWIDTH_LINES = [
    # seed 000: already full-width lines must come out unchanged
    "回首，今年以来，淄博高新区在“双招双引”、科技创新、经济发展等方面取得了一定成绩；",
    "高新之上，何以登新高？",
    "第一篇文章：项目在“谋”",
    "《人民日报》（2018年01月17日 第 07 版）",
    "“有解”思维破一切难题！凡事都有解……",
    "‘单引号’与【方括号】、「直角引号」『书名』〈篇名〉～——·",
    "全区ＧＤＰ增长１２．５％",
]


@pytest.mark.parametrize("line", FULLWIDTH_LINES)
def test_fullwidth_punctuation_is_never_folded(line):
    out = fixed(line)
    for ch in "，。、；：？！“”‘’（）《》〈〉【】「」『』…—·～．％":
        assert out.count(ch) == line.count(ch), (ch, line, out)


def test_fullwidth_alphanumerics_fold_but_not_punctuation():
    assert fixed("全区ＧＤＰ增长１２．５％，") == "全区GDP增长12．5％，"


@pytest.mark.parametrize("line", [
    "打造“科创之城”的目标",
    "“四外联动”，做大做强开放",
    "他说：“我们要‘一次办好’。”",
])
def test_curly_quotes_are_never_straightened(line):
    out = fixed(line)
    assert '"' not in out and "'" not in out
    assert out == line


def test_straight_quotes_in_chinese_become_curly():
    assert fixed('打造"科创之城"的目标') == "打造“科创之城”的目标"


def test_straight_quotes_in_english_stay():
    assert fixed('He said "yes" to it') == 'He said "yes" to it'


def test_unbalanced_straight_quote_is_left_alone():
    assert fixed('打造"科创之城的目标') == '打造"科创之城的目标'


# --- NFC ---------------------------------------------------------------------

def test_nfc_is_kept_and_decomposed_text_composed():
    composed = "Café 咖啡馆"
    assert fixed(composed) == composed
    assert fixed(unicodedata.normalize("NFD", composed)) == composed
    assert unicodedata.is_normalized("NFC", fixed("e\u0301与高新区"))


def test_cjk_compatibility_ideographs_are_not_nfkc_folded():
    # NFC keeps U+F900-block characters distinct only where NFC itself maps them;
    # the rule must not apply NFKC (which would fold full-width punctuation).
    line = "淄博高新区，发展。"
    assert fixed(line) == unicodedata.normalize("NFC", line)


def test_invisible_and_control_characters_go():
    assert fixed("淄博\u200b高新区\u00ad发展\ufeff") == "淄博高新区发展"
    assert fixed("淄博\x07高新区") == "淄博高新区"


def test_nonbreaking_space_becomes_a_space():
    assert fixed("5G\u00a0基站") == "5G 基站"


# --- ASCII punctuation in Chinese context -----------------------------------

@pytest.mark.parametrize("raw, want", [
    # seed 000 (OCR with ASCII commas)
    ("今年以来,淄博高新区在“双招双引”、科技创新、经济发展等方面取得了一定成绩,迈上新台阶。",
     "今年以来，淄博高新区在“双招双引”、科技创新、经济发展等方面取得了一定成绩，迈上新台阶。"),
    # seed 002 title
    ("高新之上,何以登新高?", "高新之上，何以登新高？"),
    # seed 002: a colon after a heading-like phrase
    ("第一篇文章:项目在“谋”", "第一篇文章：项目在“谋”"),
    # seed 002: semicolon between figures
    ("完成投资48.8亿元;86个市重大项目", "完成投资48.8亿元；86个市重大项目"),
    ("太好了!", "太好了！"),
    ("方法一: 打开微信", "方法一：打开微信"),
])
def test_ascii_punctuation_beside_chinese_becomes_fullwidth(raw, want):
    assert fixed(raw) == want


@pytest.mark.parametrize("line, kept", [
    ("1-10月,淄博高新区完成区外到位资金97.62亿元", "97.62亿元"),
    ("实现营收1.23亿元", "1.23亿"),
    ("上午10:30在管委会召开", "10:30"),
    ("2020-2024年规划", "2020-2024"),
    ("投资1,000万元", "1,000"),
    ("营收1,280亿元,同比增长20.3%", "1,280亿元"),
    ("比分3:2获胜", "3:2"),
])
def test_punctuation_inside_numbers_is_kept(line, kept):
    assert kept in fixed(line)


def test_numbers_keep_ascii_but_clause_comma_after_number_becomes_fullwidth():
    assert fixed("营收1,280亿元,同比增长20.3%") == "营收1,280亿元，同比增长20.3%"


def test_ascii_punctuation_in_english_is_kept():
    for line in ("Hello, world: yes; no? ok!", "f(x) = (a+b)", "version 1.2.3, build 7"):
        assert fixed(line) == line


def test_ascii_brackets_around_chinese_become_fullwidth():
    assert fixed("本报讯(记者 于大勇)近日") == "本报讯（记者 于大勇）近日"
    assert fixed("急性早幼粒细胞白血病(APL)作出了决定性的贡献") == "急性早幼粒细胞白血病（APL）作出了决定性的贡献"


# --- spacing -------------------------------------------------------------------

def test_letter_spacing_is_removed():
    # pdftotext fixture: a justified line
    raw = "我 国 经 济 已 由 高 速 增 长 阶 段 转 向 高 质 量 发 展 阶 段 ，正 处 在 转 变 发 展 方 式 、优 化"
    assert fixed(raw) == "我国经济已由高速增长阶段转向高质量发展阶段，正处在转变发展方式、优化"


def test_letter_spaced_line_with_ideographic_spaces():
    assert fixed("发\u3000展\u3000阶\u3000段") == "发展阶段"


@pytest.mark.parametrize("line", [
    "► 岳书杰 毛琳琳 曹亚琼 郭方强",                   # byline names stay apart
    "东莞松山湖科学城 首个园镇合作试点项目签约",        # two-part title
    "非线性 Feynman-Kac 公式",                          # CJK–Latin spacing
    "5G 基站建设 AI 赋能",
    "编辑 王兴华 美编 王涛",
])
def test_spaces_that_are_not_letter_spacing_are_kept(line):
    assert fixed(line) == line


def test_cjk_latin_spacing_kept_inside_a_letter_spaced_line():
    out = fixed("采 用 AI 技 术 提 升 效 率")
    assert out == "采用 AI 技术提升效率"


def test_ideographic_indent_is_dropped():
    assert fixed("\u3000\u3000国家高新区是我国实施创新驱动发展战略的重要载体。") == \
        "国家高新区是我国实施创新驱动发展战略的重要载体。"
    assert fixed("    本报讯 近日，") == "本报讯 近日，"


def test_space_after_sentence_end_before_signature_is_kept():
    assert fixed("加速产业恢复提振。 杜明坤 王满") == "加速产业恢复提振。 杜明坤 王满"


def test_space_beside_fullwidth_punctuation_goes():
    assert fixed("咨询热线： 2271234") == "咨询热线：2271234"
    assert fixed("淄博高新区 ，发展") == "淄博高新区，发展"


# --- the registry and the log ---------------------------------------------------

def test_line_rules_are_the_module_functions_in_order():
    names = [rule.__name__ for rule in LINE_RULES]
    assert names[0] == "normalize_unicode"
    assert len(set(names)) == len(names)
    for rule in LINE_RULES:
        assert getattr(textfix, rule.__name__) is rule


def test_fix_line_reports_each_change_with_before_and_after():
    text, changes = fix_line("\u3000\u3000今年以来,淄博高新区(记者)")
    assert text == "今年以来，淄博高新区（记者）"
    rules = [c.rule for c in changes]
    assert sorted(rules) == ["drop_ideographic_indent", "fullwidth_brackets_in_chinese", "fullwidth_punctuation_in_chinese"]
    order = [rule.__name__ for rule in LINE_RULES]
    assert rules == sorted(rules, key=order.index)          # reported in the order the rules run
    # the changes chain: each one's after is the next one's before
    for a, b in zip(changes, changes[1:]):
        assert a.after == b.before
    assert changes[-1].after == text


def test_fix_line_of_a_clean_line_reports_nothing():
    line = "淄博高新区奋力推动跨越式、突破性发展"
    assert fix_line(line) == (line, [])


def test_blank_and_whitespace_lines_become_empty():
    for line in ("", "   ", "\u3000\u3000", "\t", "\u200b"):
        assert fixed(line) == ""


# ── found by the property tests ──

def test_c1_control_characters_go_too():
    """normalize_unicode promises 'no control characters'; C1 controls (U+0080–U+009F)
    are controls too, and U+0085 (NEL) is a line break for str.splitlines and YAML."""
    out = fixed("淄博\x85高新区\x9c发展\x80")
    assert out == "淄博高新区发展"
    assert not [c for c in out if unicodedata.category(c) == "Cc"]


def test_unicode_line_separators_do_not_survive_in_a_line():
    """U+2028/U+2029 split a paragraph for every splitlines() reader (the evaluator)."""
    out = fixed("园区召开大会，\u2028部署全年工作。\u2029会议要求抓好落实。")
    assert out.splitlines() == [out]


@pytest.mark.parametrize("line", ["真的吗 ?!他说", "你好 ,,他", "据悉 :,中"])
def test_fix_line_is_idempotent_when_ascii_punctuation_follows_a_space(line):
    once = fixed(line)
    assert fixed(once) == once
