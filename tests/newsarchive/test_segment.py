"""segment.py: a page's units → articles (title, kicker, subtitle, label, bylines)."""
from __future__ import annotations


import pytest

from newsarchive.model import Kind, Unit
from newsarchive.segment import merge_wrapped_titles, segment, set_head, untitled_title
from newsarchive.model import Article

from converter_pages import FIXTURES, ROOT, page_from, page_of  # noqa: F401


@pytest.fixture(scope="module")
def seed003():
    return page_of(ROOT / "seeds" / "003_d0893501d4b0028e.txt")


def test_a_page_of_six_news_items(seed003):
    assert [a.title for a in seed003.articles] == [
        "强化“招商联盟” 用好“产业专班”",
        "4名科学家获2020年未来科学大奖",
        "安康高新区 5个重点产业项目集中投产",
        "东莞松山湖科学城 首个园镇合作试点项目签约",
        "包头稀土高新区“点土成金”",
        "万声通讯入选山东省 服务业高端品牌榜",
    ]


def test_subtitle_kicker_and_bylines(seed003):
    first, _, third, _, fifth, _ = seed003.articles
    assert first.subtitle == "——聊城高新区深化“双招双引”改革工作纪实"
    assert first.authors == ["洪欣"]
    assert fifth.kicker == "料成材、材成器、器高端"
    assert third.authors == ["杜明坤", "王满"]         # the signature at the end of the text
    assert "图片来源：安康高新区" in third.captions


def test_articles_do_not_overlap_and_keep_page_order(seed003):
    spans = [(a.first, a.last) for a in seed003.articles]
    assert spans == sorted(spans)
    for (_, last), (first, _) in zip(spans, spans[1:]):
        assert last < first


def test_section_headings_stay_in_their_article(seed003):
    heads = [t for k, t in seed003.articles[0].blocks if k == "h"]
    assert heads == ["建专班、组联盟 壮大招商队伍", "融要素、强保障 提升发展质量", "优管理、严考核 营造干事氛围"]


def test_label_block_becomes_the_section():
    page = page_of(ROOT / "seeds" / "001_567314c39f3d4d23.txt")
    (article,) = page.articles
    assert article.title == "政策迭出创意多 城市转型凤凰涅槃"
    assert "礼赞 2019 年终特稿" in article.section
    assert article.authors == ["赵志斌", "马冠群"]


def test_fixture_two_news_items_with_a_label():
    page = page_of(FIXTURES / "multi_news.txt")
    titles = [a.title for a in page.articles]
    assert titles == ["苏州工业园区：数字经济核心产业增长两成", "合肥高新区发布“科创十条”"]
    assert page.articles[0].section == "高新区动态"
    assert page.articles[1].continued        # ends on （下转第4版）: continues elsewhere


def test_text_before_any_title_is_an_untitled_article():
    page = page_from("国际竞争力的创新型企业和产业集群，推动高质量发展。\n\n新标题在这里\n\n本报讯（记者 王小明）今天园区召开大会。\n")
    first = page.articles[0]
    assert first.untitled and first.title.endswith("……")
    assert first.title.startswith("国际竞争力的创新型企业和产业集群")
    assert page.articles[1].title == "新标题在这里"


def test_untitled_title_takes_the_first_clause():
    article = Article(blocks=[("p", "加快培育新质生产力。会议强调，要把高新区建设成为科技创新的策源地")])
    assert untitled_title(article) == "加快培育新质生产力……"


def test_jump_line_is_not_part_of_the_text():
    """（上接第1版） is the 转版提示 furniture pattern; at the start of a
    continued text it marks the jump and belongs with the removed furniture,
    not in the article's first paragraph or its title."""
    page = page_of(FIXTURES / "pdftotext_news.txt")
    first = page.articles[0]
    assert not first.title.startswith("（上接")
    assert not first.paragraphs[0].startswith("（上接第1版）")


def test_wrapped_title_is_merged():
    assert merge_wrapped_titles(["关于推进高新区高质量发展的若", "干意见"]) == ["关于推进高新区高质量发展的若干意见"]
    assert merge_wrapped_titles(["稳扎稳打有干头", "高新之上，何以登新高？"]) == ["稳扎稳打有干头", "高新之上，何以登新高？"]


def unit(text: str, kind: Kind, first: int, authors: list[str] | None = None) -> Unit:
    from newsarchive.model import Line
    return Unit([Line(first, text, text)], text, kind=kind, authors=authors or [])


def test_set_head_label_kicker_title_subtitle():
    article = Article()
    set_head(article, [unit("礼赞", Kind.LABEL, 1), unit("稳扎稳打有干头", Kind.HEADLINE, 2),
                       unit("高新之上，何以登新高？", Kind.HEADLINE, 3), unit("——记淄博高新区", Kind.SUBTITLE, 4)])
    assert (article.section, article.kicker, article.title, article.subtitle) == \
        ("礼赞", "稳扎稳打有干头", "高新之上，何以登新高？", "——记淄博高新区")


def test_closing_byline_ends_the_article():
    units = [unit("第一篇", Kind.HEADLINE, 1), unit("本报讯 园区召开大会。", Kind.BODY, 3),
             unit("记者 王小明", Kind.BYLINE, 4, ["王小明"]), unit("第二篇正文，没有标题。", Kind.BODY, 6)]
    articles = segment(units, [])
    assert len(articles) == 2
    assert articles[0].authors == ["王小明"]
    assert articles[1].untitled


def test_continued_flag():
    page = page_from("标题\n\n本报讯 园区召开大会，部署全年工作。\n\n会议要求各部门抓好落实，并且要切实加强组织领导，确保各项任务落到实处。"
                     "同时，各部门要按照时间节点推进，加快\n")
    assert page.articles[0].continued
    page = page_from("标题\n\n本报讯 园区召开大会，部署全年工作。\n")
    assert not page.articles[0].continued


def test_short_text_cut_off_at_the_page_end_is_a_paragraph_not_a_heading():
    """The last block of a page, cut mid-sentence (it goes on in another
    issue or page), is short and ends in no punctuation, like a heading; but a
    heading with no text after it is no heading. It stays a paragraph and the
    article is marked continued."""
    cut = "会议要求各部门抓好落实，并且要切实加强组织领导，确保各项任务落到实处，推动"
    page = page_from(f"标题\n\n本报讯 园区召开大会，部署全年工作。\n\n{cut}\n")
    article = page.articles[0]
    assert article.blocks[-1] == ("p", cut)
    assert article.continued


def test_identical_captions_in_a_title_run_are_both_kept():
    """Two photos with the same credit between kicker and title: each caption
    is text of the page, so both are kept (none is dropped as a duplicate)."""
    page = page_from("园区新闻\n\n图片来源：安康高新区\n\n图片来源：安康高新区\n\n五个重点产业项目集中投产\n\n"
                     "本报讯 园区召开大会，部署全年工作。\n")
    captions = [c for a in page.articles for c in a.captions]
    removed = [r.text for r in page.removed]
    assert captions.count("图片来源：安康高新区") + removed.count("图片来源：安康高新区") == 2


@pytest.mark.parametrize("line", ["（新华社）", "（来源：新华网）", "（据新华社）"])
def test_source_attribution_line_is_metadata_not_a_paragraph(line):
    """At the end of a news item, a line holding only its source in brackets is
    metadata (byline or notes in front matter), as it is when it ends the last
    paragraph (briefs fixture: …加速成势。（新华社））."""
    page = page_from(f"园区召开大会\n\n本报讯 5月19日，西安高新区召开大会，部署全年工作，要求各部门抓好落实。\n\n{line}\n")
    article = page.articles[0]
    assert line not in article.paragraphs
    assert line in article.byline + article.notes


INTERVIEW = """打造科创高地 建设一流园区
——访西安高新区管委会主任王磊

本报记者 李明

{q1}今年园区有哪些新举措？

{a}今年我们重点抓了三件事，一是招商引资，二是科技创新，三是营商环境建设，取得了明显成效。

{q1}下一步有什么打算？

{a}我们将继续深化改革，推动高质量发展，力争全年营收增长两成以上。
"""


@pytest.mark.parametrize("q, a", [("记者：", "王磊："), ("问：", "答：")])
def test_interview_questions_are_paragraphs_not_headings(q, a):
    """In an interview the questions (记者：…？ / 问：…？) are short and end in
    ？ like a heading, but they are dialogue: paragraphs between the answers."""
    page = page_from(INTERVIEW.format(q1=q, a=a))
    (article,) = page.articles
    assert article.subtitle == "——访西安高新区管委会主任王磊"
    assert [kind for kind, _ in article.blocks] == ["p", "p", "p", "p"]
    assert article.blocks[0] == ("p", f"{q}今年园区有哪些新举措？")


def test_long_title_above_a_news_lead_is_the_title():
    """Notices have long titles (46 characters here, over the 40 of a headline):
    a line with no sentence end right above 本报讯（记者…） is still the title."""
    title = "西安高新区管委会关于印发《西安高新区关于进一步支持科技型中小企业创新发展若干政策措施》的通知"
    page = page_from(f"{title}\n\n本报讯（记者 王磊）5月19日，西安高新区管委会印发通知，从企业培育、平台建设、人才引进等方面给予支持。\n")
    (article,) = page.articles
    assert article.title == title and not article.untitled
    assert title not in article.paragraphs


def test_cut_off_paragraph_above_a_titleless_news_item_stays_in_its_article():
    """A long clause-by-clause sentence cut off at the end of one item is not
    the title of the next item (a 本报讯 brief with no title of its own)."""
    cut = "会议还要求各部门切实加强组织领导，确保各项任务落到实处，并在年底前对各项工作进行全面检查和总结评估"
    page = page_from(f"园区召开大会\n\n本报讯 5月19日，西安高新区召开大会，部署全年工作。\n\n{cut}\n\n"
                     "本报讯（记者 王磊）5月20日，成都高新区举办创新创业大赛，来自全国的126个项目同台竞技。\n")
    first = page.articles[0]
    assert first.paragraphs[-1] == cut and first.continued
    assert all(a.title != cut for a in page.articles)


@pytest.mark.parametrize("heading", ["5 大举措", "3 个突破"])
def test_numbered_heading_inside_an_article_is_not_a_running_head(heading):
    """'5 大举措' has the shape of a running head (page number, section name), but
    between two paragraphs of an article it is a section heading; running heads
    stand at the top or bottom of a page."""
    page = page_from(f"园区召开大会\n\n本报讯 5月19日，西安高新区召开大会，部署全年工作，要求各部门抓好落实。\n\n{heading}\n\n"
                     "会议指出，今年园区发展取得了明显成效，各项指标稳中有进。\n")
    assert ("h", heading) in page.articles[0].blocks
    assert heading not in [r.text for r in page.removed]


def test_titles_after_their_texts_make_one_article_each():
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource
    from test_classify import HEADS_AFTER

    page = build_page(RawSource("rmrb-2018-01-04-p07.blocks.txt", HEADS_AFTER, "utf-8"))
    assert [(a.title, a.authors) for a in page.articles] == [
        ("社会主要矛盾新变化与民族复兴新境界", ["叶帆"]), ("准确把握社会主要矛盾的变化", ["严书翰"])]
    assert page.articles[0].paragraphs[0].startswith("中国共产党人的初心和使命")
    assert page.articles[1].notes == ["（作者为中共中央党校教授）"]
    assert (page.newspaper, page.page, page.date) == ("人民日报", "7", "2018-01-04")


def wrapped(paragraph: str, width: int = 17) -> str:
    """A paragraph hard-wrapped at a column width, as pdftotext gives it."""
    return "\n".join(paragraph[k:k + width] for k in range(0, len(paragraph), width))


ORPHAN_TITLES = "\n".join([
    "舒国增",
    wrapped("习近平同志在党的十九大报告中指出：“全面从严治党永远在路上。”全面从严治党，核心是加强党的领导，"
            "基础在全面，关键在严，要害在治。全面从严治党永远在路上，要覆盖全党、落实到党的建设各方面。"),
    wrapped("全面意味着管全党、治全党。全面从严治党要覆盖各领域、各部门、各单位，覆盖全体党员，特别是要抓住"
            "领导干部这个“关键少数”，压实主体责任。从严治党没有完成时。"),
    wrapped("全面意味着反腐败斗争无禁区无死角。有效运用监督执纪“四种形态”，抓早抓小、防微杜渐，坚持无禁区、"
            "全覆盖、零容忍，坚持重遏制、强高压、长震慑。"),
    "（作者为中央纪委驻中央办公厅纪检组组长）",
    "",
    wrapped("当前，世界格局正发生深刻变化。站在人类社会发展的十字路口，政党如何在推动构建人类命运共同体中发挥"
            "作用，是世界各国政党共同面对的问题。政党是现代政治的重要力量。"),
    wrapped("在现代国家，从进行选举、组织政府直到治理国家和社会，通常都是由政党来进行的，政党的力量是其他"
            "社会组织所不具备的，人类命运共同体的建设离不开政党。"),
    wrapped("世界各国政党大大小小、林林总总，各有其阶级基础和纲领主张。政党之间加强交流，共同探讨人类社会"
            "未来发展的方向，携手建设更加美好的世界。"),
    "（作者为中国人民大学国际关系学院教授）",
    "",
    "政党是构建人类命运共同体的重要力量",
    "",
    "全面从严治党永远在路上的新时代内涵",
    "",
    "始终坚持以人民为中心",
    "",
    "新时代必将有力推动人的全面发展",
    "刘宏达",
    wrapped("习近平新时代中国特色社会主义思想强调坚持以人民为中心，把人民对美好生活的向往作为奋斗目标，"
            "依靠人民创造历史伟业，推动人的全面发展。"),
    "",
])


def test_titles_read_in_one_run_go_to_the_untitled_texts_they_fit():
    page = page_from(ORPHAN_TITLES)
    heads = [(a.title, a.kicker, a.authors) for a in page.articles]
    assert heads == [("全面从严治党永远在路上的新时代内涵", "", ["舒国增"]),
                     ("政党是构建人类命运共同体的重要力量", "", []),
                     ("新时代必将有力推动人的全面发展", "始终坚持以人民为中心", ["刘宏达"])]
    assert any(e.rule == "orphan_title" for e in page.log)


def test_a_head_of_kicker_and_title_keeps_its_lines():
    page = page_from("让中国特色社会主义展现出更加强大生命力\n\n深刻理解新时代划时代意义\n刘志明\n\n"
                     "党的十九大报告指出，中国特色社会主义进入新时代，在中华人民共和国发展史上具有重大意义。\n"
                     "（作者为研究员）\n\n" + "中国特色社会主义展现出更加强大的生命力，这是新时代的鲜明特征，也是历史的必然。" * 6 + "\n",
                     )
    assert page.articles[0].kicker == "让中国特色社会主义展现出更加强大生命力"
    assert page.articles[1].untitled


def test_a_heading_read_with_another_head_goes_to_the_article_it_fits():
    from newsarchive.segment import place_stray_headings
    first = Article(title="全面从严治党永远在路上的新时代内涵", blocks=[
        ("p", "习近平同志指出，全面从严治党永远在路上。"),
        ("p", "全面意味着管全党、治全党，覆盖各领域、各部门、各单位，覆盖范围要全。")])
    other = Article(title="新时代必将有力推动人的全面发展", kicker="始终坚持以人民为中心", blocks=[
        ("p", "习近平新时代中国特色社会主义思想强调坚持以人民为中心，推动人的全面发展。")])
    other.head_parts = ([], ["从覆盖范围把握全面从严治党永远在路上", "始终坚持以人民为中心", "新时代必将有力推动人的全面发展"], [], True)
    place_stray_headings([first, other], [])
    assert first.blocks[1] == ("h", "从覆盖范围把握全面从严治党永远在路上")
    assert other.section == "" and other.title == "新时代必将有力推动人的全面发展"


def test_a_series_label_that_fits_its_own_article_stays():
    from newsarchive.segment import place_stray_headings
    first = Article(title="甲", blocks=[("p", "深入学习贯彻习近平新时代中国特色社会主义思想，是全党的首要政治任务。")])
    other = Article(title="加强党的政治建设不能有半点含糊", blocks=[
        ("p", "深入学习贯彻习近平新时代中国特色社会主义思想，必须把党的政治建设摆在首位。")])
    other.head_parts = ([], ["深入学习贯彻习近平新时代中国特色社会主义思想", "坚持和加强党的全面领导的必然要求",
                             "加强党的政治建设不能有半点含糊"], [], True)
    place_stray_headings([first, other], [])
    assert first.blocks == [("p", "深入学习贯彻习近平新时代中国特色社会主义思想，是全党的首要政治任务。")]


def _article(title, text, **kw):
    a = Article(blocks=[("p", p) for p in text.split("|")], title=title, **kw)
    a.head_parts = ([], [title] if title else [], [], False)
    return a


def test_titles_read_one_article_off_are_matched_to_the_texts_they_fit():
    from newsarchive.segment import match_titles
    first = _article("拓展视野才能深化认识", "全面落实党的十九大精神，用做实体现学习成效，建设高品质和谐宜居生活城市。" * 8)
    second = _article("用做实体现学习成效", "认识中国特色社会主义，需要不断拓展视野，才能深化认识，看清历史大势。" * 8)
    log = []
    out = match_titles([first, second], log)
    assert [a.title for a in out] == ["用做实体现学习成效", "拓展视野才能深化认识"]
    assert [e.rule for e in log] == ["match_title", "match_title"]


def test_a_title_that_fits_its_own_text_stays():
    from newsarchive.segment import match_titles
    first = _article("拓展视野才能深化认识", "认识中国特色社会主义，需要不断拓展视野，才能深化认识。" * 8)
    second = _article("用做实体现学习成效", "全面落实党的十九大精神，用做实体现学习成效。" * 8)
    log = []
    assert [a.title for a in match_titles([first, second], log)] == ["拓展视野才能深化认识", "用做实体现学习成效"]
    assert log == []


def test_an_article_titled_by_another_articles_series_heading_is_its_section():
    from newsarchive.segment import join_series_sections
    lead = _article("新时代：发展新方位", "中国特色社会主义进入新时代。", byline=["陈曙光"], authors=["陈曙光"])
    lead.blocks += [("h", "新时代的战略安排"), ("p", "从现在到2020年，是全面建成小康社会决胜期。")]
    stray = _article("新时代的鲜明主题", "中国特色社会主义新时代，是承前启后、继往开来的时代。")
    other = _article("意气风发走进新时代", "新时代呼唤新气象。", byline=["欧阳辉"], authors=["欧阳辉"])
    out = join_series_sections([lead, other, stray], [])
    assert out == [lead, other]
    assert lead.blocks[-2:] == [("h", "新时代的鲜明主题"), ("p", "中国特色社会主义新时代，是承前启后、继往开来的时代。")]


def test_an_empty_head_splits_an_article_signed_on_both_sides_of_its_text():
    from newsarchive.segment import split_at_empty_heads
    merged = _article("促进国有企业和民营企业共同发展",
                      "坚持两个毫不动摇，国有企业和民营企业共同发展。|国有企业实力壮大，民营企业活力迸发。"
                      "|党的十九大报告指出，经济体制改革必须以完善产权制度为重点。|完善产权保护制度，依法保护产权。")
    merged.byline, merged.authors, merged.notes = ["殷鹏", "常修泽"], ["殷鹏", "常修泽"], ["（作者为教授）"]
    merged.marks = [(0, "byline", "殷鹏", ["殷鹏"]), (4, "note", "（作者为教授）", []), (4, "byline", "常修泽", ["常修泽"])]
    head = _article("紧紧抓住完善产权制度这个重点", "")
    head.blocks = []
    out = split_at_empty_heads([merged, head], [])
    assert [a.title for a in out] == ["促进国有企业和民营企业共同发展", "紧紧抓住完善产权制度这个重点"]
    assert [a.authors for a in out] == [["殷鹏"], ["常修泽"]]
    assert out[1].notes == ["（作者为教授）"] and out[0].notes == []
    assert out[1].paragraphs[0].startswith("党的十九大报告指出")


def test_an_article_signed_by_two_at_its_head_is_not_split():
    from newsarchive.segment import split_at_empty_heads
    article = _article("新时代必将有力推动人的全面发展", "推动人的全面发展。|完善产权保护制度，依法保护产权。")
    article.marks = [(0, "byline", "刘宏达", ["刘宏达"]), (0, "byline", "谢守成", ["谢守成"])]
    head = _article("紧紧抓住完善产权制度这个重点", "")
    head.blocks = []
    assert len(split_at_empty_heads([article, head], [])) == 2 and len(article.blocks) == 2


def test_an_article_whose_only_title_went_elsewhere_is_untitled():
    from newsarchive.segment import match_titles
    first = _article("用做实体现学习成效", "毛泽东同志曾讲过这样一件事，红军过草地的时候，革命队伍里有人问。" * 8)
    second = _article("拓展视野才能深化认识", "全面落实党的十九大精神，用做实体现学习成效，建设高品质和谐宜居生活城市。" * 8)
    out = match_titles([first, second], [])
    assert out == [first, second]
    assert second.title == "用做实体现学习成效"
    assert first.untitled and first.title == ""


def test_a_title_in_two_short_lines_is_one_title_not_a_kicker_and_a_title():
    page = page_from("河阳高新区前三季度工业投资增长两成\n\n本报记者 孙海涛\n\n今年前三季度，河阳高新区完成工业投资48.3亿元，"
                     "同比增长21.6%，增速居全县各园区首位。\n\n职业技能大赛\n\n吸引三百名选手\n\n本报讯（记者 邓佳）10月12日，"
                     "河阳高新区第三届职业技能大赛开幕，312名选手参加比赛。\n")
    assert [(a.title, a.kicker) for a in page.articles][1] == ("职业技能大赛吸引三百名选手", "")


def test_a_caption_before_the_next_head_goes_with_the_story_it_shows():
    page = page_from("河阳高新区前三季度工业投资增长两成\n\n本报记者 孙海涛\n\n今年前三季度，河阳高新区完成工业投资48.3亿元，"
                     "同比增长21.6%，增速居全县各园区首位。\n\n选手在数控车工比赛中加工零件。本报记者 孙海涛 摄\n\n"
                     "职业技能大赛开幕\n\n本报讯（记者 邓佳）10月12日，河阳高新区第三届职业技能大赛开幕，312名选手参加数控车工比赛。\n")
    first, second = page.articles
    assert first.captions == [] and second.captions == ["选手在数控车工比赛中加工零件。本报记者 孙海涛 摄"]


def test_an_untitled_news_item_takes_the_kicker_it_is_about_and_its_caption():
    """pdftotext read a story's title over the next story (as its kicker) and
    its picture's caption after the story above."""
    page = page_from("河阳高新区前三季度工业投资增长两成\n本报记者 孙海涛\n\n今年前三季度，河阳高新区完成工业投资48.3亿元，"
                     "同比增长21.6%，增速居全县各园区首位。\n\n选手在数控车工比赛中加工零件。\n本报记者 孙海涛 摄\n\n"
                     "职业技能大赛吸引三百名选手\n\n老旧小区改造惠及八千户居民\n本报讯（通讯员 程亮）随着最后一栋楼的外墙保温工程完工，"
                     "12个老旧小区改造项目全部进入收尾阶段。\n\n本报讯（记者 邓佳）10月12日，河阳高新区第三届职业技能大赛开幕，"
                     "312名选手参加数控车工、电工等8个项目的比赛。\n")
    titles = {a.title: a for a in page.articles}
    contest = titles["职业技能大赛吸引三百名选手"]
    assert contest.paragraphs[0].startswith("本报讯（记者 邓佳）")
    assert contest.captions == ["选手在数控车工比赛中加工零件。本报记者 孙海涛 摄"]
    assert titles["老旧小区改造惠及八千户居民"].kicker == ""


def test_a_run_read_after_a_box_goes_before_the_text_of_the_article_it_opens():
    """pdftotext reads a box, its byline, then columns of the story beside it:
    a run of text with no head of its own goes where an article's text is
    missing (here, before its first section heading), the one whose title it
    fits; a run that fits no article's gap stays an article of its own."""
    from newsarchive.segment import place_runs
    lead = _article("我国社会主要矛盾变化的重大意义", "社会主要矛盾变化标志着人民需要的拓展提升。", byline=["颜晓峰"])
    lead.blocks.insert(0, ("h", "社会主要矛盾变化标志着中国特色社会主义取得重大历史性成就"))
    lead.marks = [(0, "byline", "颜晓峰", ["颜晓峰"])]
    box = _article("准确把握社会主要矛盾的变化", "我国社会主要矛盾的变化对党和国家工作提出了许多新要求。", byline=["严书翰"],
                   notes=["（作者为中共中央党校教授）"])
    box.marks = [(1, "note", "（作者为中共中央党校教授）", []), (1, "byline", "严书翰", ["严书翰"])]
    run = _article("", "习近平同志在党的十九大报告中指出：我国社会主要矛盾已经转化为人民日益增长的美好生活需要"
                       "和不平衡不充分的发展之间的矛盾。社会主要矛盾的变化具有重大意义。", untitled=True)
    stray = _article("", "园区今年新建道路十二公里，绿化面积增加三成。", untitled=True)
    log = []
    out = place_runs([lead, box, run, stray], log)
    assert out == [lead, box, stray]
    assert lead.paragraphs[0].startswith("习近平同志在党的十九大报告中指出") and lead.blocks[1][0] == "h"
    assert box.paragraphs == ["我国社会主要矛盾的变化对党和国家工作提出了许多新要求。"]
    assert any(e.rule == "place_run" for e in log)


def test_a_run_signed_off_by_a_note_ends_the_article_that_has_none():
    from newsarchive.segment import place_runs
    lead = _article("新时代：发展新方位 奋进新目标", "中国特色社会主义进入新时代，是我国发展新的历史方位。", byline=["陈曙光"])
    lead.marks = [(0, "byline", "陈曙光", ["陈曙光"])]
    box = _article("意气风发走进新时代", "长风破浪会有时，直挂云帆济沧海。", byline=["欧阳辉"])
    box.marks = [(1, "byline", "欧阳辉", ["欧阳辉"])]
    run = _article("", "中国特色社会主义进入新时代，站在发展新方位，奋进新目标，拓展了发展中国家走向现代化的途径，为维护世界和平贡献中国智慧。",
                   untitled=True, notes=["（作者为研究员）"])
    run.marks = [(1, "note", "（作者为研究员）", [])]
    out = place_runs([lead, box, run], [])
    assert out == [lead, box]
    assert lead.paragraphs[-1].endswith("为维护世界和平贡献中国智慧。") and lead.notes == ["（作者为研究员）"]
    assert lead.marks[-1] == (2, "note", "（作者为研究员）", [])


def test_a_names_only_byline_after_a_box_read_without_its_title_ends_the_box():
    """pdftotext reads a box's text, then its byline (欧阳辉), then the rest
    of the story beside it and that story's note: the byline signs the box
    off, and the rest goes to the end of the story, which has no note yet."""
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource
    raw = "\n".join([
        "新时代：发展新方位 奋进新目标", "陈曙光", "",
        wrapped("习近平同志在党的十九大报告中指出：“经过长期努力，中国特色社会主义进入了新时代，这是我国发展新的"
                "历史方位。”新时代是发展新方位，我们要奋进新目标。"), "",
        wrapped("中国特色社会主义新时代，是决胜全面建成小康社会、进而全面建设社会主义现代化强国的时代。"), "",
        "（作者为中国社会科学院研究员）", "",
        wrapped("党的十九大报告指出，我们党既要政治过硬，也要本领高强。新时代要有新气象，更要有新作为。"), "",
        wrapped("长风破浪会有时，直挂云帆济沧海。这是一个意气风发、奋发有为的时代。"), "",
        "欧阳辉", "",
        wrapped("进入新时代，我国发展的历史方位变了，奋进的目标更加宏大，新时代的发展新方位要求我们奋进新目标。"), "",
        "（作者为中央党校教授）", "",
        "意气风发走进新时代", ""])
    page = build_page(RawSource("t.pdftotext.txt", raw, "utf-8"))
    box = next(a for a in page.articles if "欧阳辉" in a.authors)
    assert box.paragraphs[-1].startswith("长风破浪会有时")
    assert any(a.paragraphs[-1].startswith("进入新时代，我国发展的历史方位变了") for a in page.articles if a is not box)


def test_a_news_item_takes_its_title_read_under_another_story_s_byline():
    page = page_from("滨海高新区新材料产业集群加速成形\n记者 马骏\n\n港口物流园开通中欧班列\n\n"
                     "记者从滨海高新区获悉，今年前8个月，园区新材料产业实现产值306亿元，同比增长17.4%。\n\n"
                     "本报讯（记者 林涛）9月20日上午，一列满载汽车配件的中欧班列从滨海港口物流园驶出。这是物流园开通的首条中欧班列线路。\n")
    titles = [a.title for a in page.articles]
    assert titles == ["滨海高新区新材料产业集群加速成形", "港口物流园开通中欧班列"]
    assert page.articles[0].paragraphs[0].startswith("记者从滨海高新区获悉")
    assert all(kind == "p" for kind, _ in page.articles[0].blocks)


def test_a_section_of_another_articles_series_read_inside_a_text_goes_to_that_article():
    """社会主要矛盾变化标志着… opens every section of the lead essay; one of
    them read inside the essay beside it goes, with the paragraphs that fit
    the lead's title, to the end of the lead; the paragraph that fits its own
    article's title stays."""
    from newsarchive.segment import move_series_sections
    lead = _article("我国社会主要矛盾变化的重大意义", "我国社会主要矛盾的变化具有重大意义。")
    lead.blocks[0:0] = [("h", "社会主要矛盾变化标志着中国特色社会主义进入新时代")]
    lead.blocks.append(("h", "社会主要矛盾变化标志着人民需要的拓展提升"))
    lead.blocks.append(("p", "社会主要矛盾的变化反映了人民需要的拓展提升。"))
    other = _article("社会主要矛盾新变化与民族复兴新境界", "中国共产党人的初心和使命是为中华民族谋复兴。")
    other.blocks += [("h", "社会主要矛盾变化标志着解决矛盾的方向、重点都有了新的内涵和要求"),
                     ("p", "党的十九大报告指出，我国社会主要矛盾的变化是关系全局的历史性变化，意义重大。"),
                     ("p", "解决好社会主要矛盾，就能开辟民族复兴新境界。")]
    log = []
    move_series_sections([lead, other], log)
    assert lead.blocks[-2:] == [("h", "社会主要矛盾变化标志着解决矛盾的方向、重点都有了新的内涵和要求"),
                                ("p", "党的十九大报告指出，我国社会主要矛盾的变化是关系全局的历史性变化，意义重大。")]
    assert other.paragraphs == ["中国共产党人的初心和使命是为中华民族谋复兴。", "解决好社会主要矛盾，就能开辟民族复兴新境界。"]
    assert any(e.rule == "series_section" for e in log)


def test_a_lead_essay_column_read_inside_a_box_goes_back_by_its_column_width():
    # rmrb-2018-01-12-p07 (pdftotext): the lead's columns 2-3 (34 cells wide)
    # are read after the 大家手笔 box's byline, then the box's text (52 wide)
    page = page_of(ROOT / "tests" / "fixtures" / "corpus" / "rmrb-2018-01-12-p07.pdftotext.txt")
    lead = next(a for a in page.articles if a.title == "实施健康中国战略")
    box = next(a for a in page.articles if a.title == "不断铸就中华文化新辉煌")
    assert box.paragraphs[0].startswith("文化是一个国家、一个民族的灵魂。")
    assert "准确把握实施健康中国战略的核心要义和基本思路" in [t for kind, t in lead.blocks if kind == "h"]
    assert lead.paragraphs[0].startswith("习近平同志在党的十九大报告中提出“实施健康中国战略”")
    assert lead.paragraphs[-1].endswith("健康养老服务。")


def test_text_beside_a_vertical_title_stays_with_its_box():
    # rmrb-2018-01-03-p07 (pdftotext): the 思想纵横 box's text runs narrow beside
    # its vertical title (as wide as the lead's columns), then across the box
    page = page_of(ROOT / "tests" / "fixtures" / "corpus" / "rmrb-2018-01-03-p07.pdftotext.txt")
    box = next(a for a in page.articles if a.title == "历史永远眷顾奋进者")
    assert box.paragraphs[0].startswith("历史上、现实中，很多人以顽强拼搏")
