"""joins.py: sentences broken by column ends, captions and displaced blocks."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.classify import classify, is_standalone
from newsarchive.joins import join_broken_paragraphs
from newsarchive.text import JOIN_AT, continuation_evidence, looks_like_heading, word_across
from newsarchive.layout import group_units, read_lines
from newsarchive.model import Kind
from newsarchive.pipeline import build_page
from newsarchive.reader import RawSource, normalize_newlines, read_source

ROOT = Path(__file__).resolve().parents[2]


def joined(raw: str):
    log = []
    units = group_units(read_lines(normalize_newlines(raw), log), log, is_standalone)
    classify(units, log)
    content, repaired = join_broken_paragraphs(units, log)
    return content, repaired, log


def body_texts(raw: str) -> list[str]:
    return [u.text for u in joined(raw)[0] if u.kind is Kind.BODY]


@pytest.fixture(scope="module")
def seed003():
    return build_page(read_source(ROOT / "seeds" / "003_d0893501d4b0028e.txt"))


# ── evidence ──

@pytest.mark.parametrize("before, after, word", [
    ("位于包头稀土高新区高新技术特", "色产业基地的拓又达", "特色"),
    ("于今年2月入驻启", "迪之星（聊城）孵化基地", "启迪"),
])
def test_word_across_the_break(before, after, word):
    assert word_across(before, after).startswith(word)


def test_no_word_across_a_break_between_words():
    assert word_across("“有解”思维破一切难题", "凡事都有解") == ""
    assert word_across("", "凡事") == "" and word_across("凡事", "") == ""


def test_evidence_for_a_broken_sentence():
    assert continuation_evidence("向广大学子发出邀请，公布了自", "己的电话号码")[0] >= JOIN_AT
    assert continuation_evidence("全力打造“产业高地、科创高地", "、人才高地”")[0] >= JOIN_AT     # starts with punctuation


def test_no_evidence_after_a_sentence_end():
    assert continuation_evidence("迈上新台阶。", "展望未来，淄博高新区将继续发力")[0] < JOIN_AT


def test_heading_before_text_is_not_joined():
    assert looks_like_heading("紧盯前沿 高端布局拥抱新经济")
    assert continuation_evidence("紧盯前沿 高端布局拥抱新经济", "招商引资，形式多样")[0] < JOIN_AT


def test_enumeration_starts_its_own_paragraph():
    points = continuation_evidence("要坚持以下原则，其中最重要的有三条", "1.坚持创新驱动发展")[0]
    plain = continuation_evidence("要坚持以下原则，其中最重要的有三条", "坚持创新驱动发展")[0]
    assert points < plain


# ── joining ──

TAIL = "色产业基地的拓又达公司，正在加紧生产稀土永磁电机。"


def test_mid_word_break_over_a_blank_line_is_joined():
    raw = f"包头稀土高新区“点土成金”\n\n► 贾婷婷\n\n位于包头稀土高新区高新技术特\n\n{TAIL}\n"
    assert body_texts(raw) == ["位于包头稀土高新区高新技术特" + TAIL]


def test_mid_word_break_over_a_wide_gap_is_joined_not_taken_for_a_caption():
    """Two blank lines (a column or an image between the halves) before the
    short rest of a sentence broken mid-word (特|色): the word across the break
    is stronger evidence than the gap, so it is joined, not made a caption."""
    raw = f"包头稀土高新区“点土成金”\n\n► 贾婷婷\n\n位于包头稀土高新区高新技术特\n\n\n{TAIL}\n"
    assert body_texts(raw) == ["位于包头稀土高新区高新技术特" + TAIL]


def test_join_is_logged_and_counted():
    raw = "标题\n\n本报讯 园区召开大会，会上公布了自\n\n己的电话号码。\n"
    content, repaired, log = joined(raw)
    assert repaired == 1
    entry = next(e for e in log if e.rule == "join_broken_paragraphs")
    assert entry.where == "L3|L5"


def test_caption_between_the_halves_is_lifted_out():
    rest = "己的电话号码，随时为企业解决难题。会上，各部门负责人逐一发言，介绍了本部门服务企业的具体举措和下一步打算。"
    raw = ("标题\n\n本报讯 近日，园区召开企业服务大会，书记要求各部门主动向企业公布了自\n\n"
           f"图为会议现场。资料照片\n\n{rest}\n")
    content, repaired, _ = joined(raw)
    body = [u for u in content if u.kind is Kind.BODY]
    assert body[-1].text.endswith("公布了自" + rest)
    assert any(u.kind is Kind.CAPTION for u in content)
    assert repaired == 1


def test_displaced_paragraph_moves_after_the_joined_one():
    raw = ("标题\n\n本报讯 近日，园区召开企业服务大会，书记要求各部门主动向企业公布了自\n\n"
           "另据了解，园区今年已新增企业三百余家。\n\n己的电话号码，随时为企业解决难题。\n")
    texts = body_texts(raw)
    assert texts == ["本报讯 近日，园区召开企业服务大会，书记要求各部门主动向企业公布了自己的电话号码，随时为企业解决难题。",
                     "另据了解，园区今年已新增企业三百余家。"]


def test_complete_paragraphs_are_not_joined():
    raw = "标题\n\n本报讯 园区召开大会，部署全年工作。\n\n会议要求各部门抓好落实。\n"
    assert body_texts(raw) == ["本报讯 园区召开大会，部署全年工作。", "会议要求各部门抓好落实。"]


def test_seed_breaks_are_repaired(seed003):
    paragraphs = [p for a in seed003.articles for p in a.paragraphs]
    assert any("高新技术特色产业基地" in p for p in paragraphs)
    assert not any(p.endswith("高新技术特") for p in paragraphs)
    assert seed003.breaks_repaired >= 5


def test_section_headings_of_a_seed_stay_headings(seed003):
    heads = [t for a in seed003.articles for k, t in a.blocks if k == "h"]
    assert "建专班、组联盟 壮大招商队伍" in heads
    assert "延伸产业链条 提升稀土产品附加值" in heads


def test_sentence_end_left_alone_on_a_line_is_joined_back():
    """A column break can leave only 。 or ”。 on the next line: the sentence
    gets its end back and the next paragraph stays apart."""
    raw = "标题\n\n本报讯 园区召开大会，书记强调要发扬“不怕苦、有韧劲、爱学习\n\n”。\n\n会议要求抓好落实。\n"
    page = build_page(RawSource("t.txt", raw, "utf-8"))
    assert page.articles[0].paragraphs == ["本报讯 园区召开大会，书记强调要发扬“不怕苦、有韧劲、爱学习”。", "会议要求抓好落实。"]


def test_ad_between_the_halves_of_a_sentence_does_not_swallow_the_rest():
    """An ad placed between two halves of a broken sentence: the ad is
    removed, the sentence is joined, and the text after the ad is not taken
    for more of an ad column."""
    raw = ("园区召开企业服务大会\n\n本报讯（记者 王磊）5月19日，西安高新区召开企业服务大会，书记要求各部门主动向企业公布自\n\n"
           "●写字楼出租 电话 13912345678\n\n己的电话号码，随时为企业解决难题。\n\n会议还部署了下一阶段的重点工作。\n")
    page = build_page(RawSource("t.txt", raw, "utf-8"))
    assert page.articles[0].paragraphs == [
        "本报讯（记者 王磊）5月19日，西安高新区召开企业服务大会，书记要求各部门主动向企业公布自己的电话号码，随时为企业解决难题。",
        "会议还部署了下一阶段的重点工作。"]
    assert [r.text for r in page.removed] == ["●写字楼出租 电话 13912345678"]


@pytest.mark.parametrize("first, second", [
    ("1.坚持创新驱动，推动高质量发展。", "2.坚持开放合作，扩大对外交流。"),
    ("（一）坚持创新驱动，推动高质量发展。", "（二）坚持开放合作，扩大对外交流。"),
    ("第一，坚持创新驱动，推动高质量发展。", "第二，坚持开放合作，扩大对外交流。"),
    ("一是坚持创新驱动，推动高质量发展。", "二是坚持开放合作，扩大对外交流。"),
])
def test_numbered_points_after_a_colon_are_paragraphs_of_their_own(first, second):
    """'…提出三点要求：' introduces a list; its first point is a paragraph of its
    own like the others (not joined to the colon while the second stays apart)."""
    lead = "本报讯 5月19日，西安高新区召开大会，会议对下一步工作提出三点要求："
    page = build_page(RawSource("t.txt", f"园区召开大会\n\n{lead}\n\n{first}\n\n{second}\n", "utf-8"))
    assert page.articles[0].paragraphs == [lead, first, second]


@pytest.mark.parametrize("rest", ["1.5倍，创历史新高。", "12.3%，创历史新高。"])
def test_a_number_after_the_break_is_no_numbered_point(rest):
    """1.5倍 starts like '1.' but is a number: the broken sentence is joined."""
    head = "本报讯 5月19日，西安高新区召开大会，会上公布的数据显示，今年园区营收同比增长了"
    page = build_page(RawSource("t.txt", f"园区召开大会\n\n{head}\n\n{rest}\n", "utf-8"))
    assert page.articles[0].paragraphs == [head + rest]


def test_a_fragment_read_out_of_order_is_joined_to_the_one_that_continues_it():
    """pdftotext gives a column's continuation far away (before or after):
    the fragment that begins mid-paragraph and continues the sentence is put
    after the one cut off at the column end."""
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource

    col = "社 会 主 义 现 代 化 国 家 建 设"
    raw = (f"从2035年到2050年，把我国建\n{col}\n成富强民主文明和谐美丽的社会主\n义现代化强国。这与原来第三步战\n"
           "略目标相比，内涵更加充实，目标更\n\n"
           "改革开放之初，我们党对我国社\n会主义现代化建设作出战略安排，\n提出“三步走”战略目标。\n\n"
           "加宏大，愿景更加美好。从现代化\n国家升级为现代化强国，意味着中\n华民族将以更加昂扬的姿态屹立\n于世界民族之林。\n")
    page = build_page(RawSource("t.pdftotext.txt", raw, "utf-8"))
    paragraphs = [p for a in page.articles for p in a.paragraphs]
    assert any("内涵更加充实，目标更加宏大，愿景更加美好" in p for p in paragraphs)
    assert any(e.rule == "chain_fragments" for e in page.log)


def test_the_text_right_after_a_cut_off_fragment_continues_it_before_a_far_one():
    """就|是在 makes a word of function words only, which says nothing: the
    fragment read right after (就|要牢牢把握…) goes on from it, and the far
    fragment that begins mid-paragraph stays for the one it continues."""
    raw = ("与会者认为，红船精神集中体现了中国\n共产党的建党精神，是中国革命精神之\n源，昭示着中国共产党人的初心。新时\n"
           "代大力弘扬红船精神，对我们来说，就\n\n"
           "要牢牢把握其深刻内涵和时代价\n值，把弘扬红船精神与学习宣传贯彻习\n近平新时代中国特色社会主义思想结\n合起来。\n\n"
           "是在伟大实践丰厚沃土中长成的参天大\n树。\n")
    page = build_page(RawSource("t.pdftotext.txt", raw, "utf-8"))
    paragraphs = [p for a in page.articles for p in a.paragraphs]
    assert any("对我们来说，就要牢牢把握" in p for p in paragraphs)
    assert not any("就是在伟大实践" in p for p in paragraphs)


def test_a_title_left_open_is_continued_by_the_fragment_that_closes_it():
    """《关于 | 新形势下…准则》: the fragment that closes the bracket goes on
    from the one that left it open, not another of the same column width."""
    raw = ("党内政治生活，必须严格执行《关于\n\n"
           "推动人的全面发展是马克思主义的本\n质要求。马克思主义认为，人的全面\n发展是社会发展的最高目标。\n\n"
           "新形势下党内政治生活的若干准\n则》，增强党内政治生活的政治性、\n时代性、原则性、战斗性。\n")
    page = build_page(RawSource("t.pdftotext.txt", raw, "utf-8"))
    paragraphs = [p for a in page.articles for p in a.paragraphs]
    assert any("执行《关于新形势下党内政治生活的若干准则》" in p for p in paragraphs)


def test_an_ocr_banner_between_a_closed_text_and_a_fragment_of_another_titles_nothing():
    """tesseract read a series banner after an essay's note and before the tail
    of another column (rmrb-2018-01-26-p07.ocr.txt): the tail goes back to its
    text, the banner is page furniture on the source page, no article's title."""
    raw = ("促进国有企业和民营企业共同发展\n\n"
           "更深入一步看,坚持“两个毫不动\n摇”是中国特色社会主义政治经济学的\n创新成果,是习近平新时代中国特色社\n"
           "会主义经济思想的重要组成部分。党\n的十八大以来,以习近平同志为核心的\n党中央不断丰富和发展中国特色社会\n\n"
           "(作者为中国人民大学校长)\n\n认真学习宣传贯彻党的十九大精神\n\n主义政治经济学。\n\n"
           "因此,炒作所谓“国进民退”是无\n视现实的做法。无论是在理论上还\n是在实践中,我们党促进国有企业\n"
           "和民营企业共同发展的决心都是毫\n不动摇的。\n")
    page = build_page(RawSource("theory.ocr.txt", raw, "utf-8"))
    assert "认真学习宣传贯彻党的十九大精神" in [r.text for r in page.removed]
    assert all("认真学习" not in a.title + a.text() for a in page.articles)
    assert "发展中国特色社会主义政治经济学。" in page.articles[0].text()
    assert [e.where for e in page.log if e.rule == "banner_between_fragments"] == ["L12"]
