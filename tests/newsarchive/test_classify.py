"""classify.py: what each unit of a page is, on real seed and fixture text."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsarchive.classify import (is_standalone, ad_score, caption_reason, classify, furniture_reason, is_headline,
                                  parse_byline, split_lead, split_signature)
from newsarchive.layout import group_units, read_lines
from newsarchive.model import Kind
from newsarchive.reader import normalize_newlines, read_source

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "pages"


def classified(raw: str):
    log = []
    units = group_units(read_lines(normalize_newlines(raw), log), log, is_standalone)
    classify(units, log)
    return units, log


def kinds(raw: str) -> dict[str, Kind]:
    return {u.text: u.kind for u in classified(raw)[0]}


@pytest.fixture(scope="module")
def seed001():
    return kinds(read_source(ROOT / "seeds" / "001_567314c39f3d4d23.txt").text)


@pytest.fixture(scope="module")
def multi_news():
    return kinds(read_source(FIXTURES / "multi_news.txt").text)


# ── furniture ──

@pytest.mark.parametrize("line", [
    "10 鲁中晨报", "科技日报 3", "2020年1月1日 星期三", "2023年6月8日 星期四", "编辑 王兴华 美编 王涛",
    "责任编辑 李明 校对 张红", "第 30 页", "7 理论", "（下转第4版）", "扫码关注公众号",
    "第3版要闻", "要闻第3版",           # a PDF line's spaces between Chinese characters are gone
])
def test_furniture_lines(line):
    assert furniture_reason(line)


@pytest.mark.parametrize("line", [
    "淄博高新区奋力推动跨越式、突破性发展",
    "2019年9月5日，中共淄博市委第十二届委员会第八次全体会议在张店举行。",
    "1-10月，淄博高新区完成区外到位资金97.62亿元",
    "记者 赵志斌",
    "编辑部的故事：一群年轻人的坚守",
    "G20峰会", "第3版刊登了读者来信，引起热烈反响。",
])
def test_article_text_is_not_furniture(line):
    assert furniture_reason(line) is None


def test_seed_furniture_is_removed_with_reasons(seed001):
    for text in ("10 鲁中晨报", "2020年1月1日 星期三", "编辑 王兴华 美编 王涛"):
        assert seed001[text] is Kind.FURNITURE, text


def test_source_line():
    units, _ = classified(read_source(FIXTURES / "pdftotext_theory.txt").text)
    last = units[-1]
    assert last.kind is Kind.SOURCE_LINE and last.kind.removed
    assert last.reason


# ── ads ──

def test_fixture_ad_lines_are_ads(multi_news):
    assert multi_news["招商热线：0551-65321234"].removed
    assert multi_news["●写字楼出租 ●厂房出售 电话 13912345678"] is Kind.AD


def test_article_paragraph_with_a_service_number_is_not_an_ad():
    """News often gives a service line; one phone number in a long, clean
    paragraph of an article does not make it (and what follows) an ad column."""
    text = ("为方便企业办事，高新区行政审批服务局开通了企业服务专线，企业可拨打0533-3580001咨询相关政策，"
            "工作人员将在一个工作日内答复。")
    page = kinds(f"高新区开通企业服务专线\n\n本报讯 近日，高新区召开企业服务大会，部署全年工作。\n\n{text}\n\n"
                 "会议要求各部门抓好落实。\n")
    assert page[text] is Kind.BODY
    assert page["会议要求各部门抓好落实。"] is Kind.BODY


def test_phone_words_alone_do_not_make_an_ad():
    text = "市委书记江敦涛与所联络服务的企业家进行座谈交流时，主动向企业家们公布自己的电话号码"
    assert ad_score(text) == 0
    assert kinds(f"标题\n\n{text}。\n")[text + "。"] is Kind.BODY


def test_figures_are_not_phone_numbers():
    assert ad_score("1-10月，淄博高新区完成区外到位资金97.62亿元，其中到位市外内资67.5亿元，同比增长19.85%") == 0
    assert ad_score("全年实现营业收入12345678万元") == 0


def test_classified_ad():
    assert ad_score("●汽车修理厂聘技工数名 13156983111李") >= 2


def test_an_ad_with_its_phone_on_the_last_line_is_all_ad():
    page = kinds("老旧小区改造惠及八千户居民\n\n本报讯（通讯员 程亮）今年实施的12个老旧小区改造项目全部进入收尾阶段。\n\n"
                 "房屋出租\n\n临街商铺两间，面积120平方米，交通便利，价格面议。\n\n联系电话：0631-8812345\n")
    assert page["临街商铺两间，面积120平方米，交通便利，价格面议。"] is Kind.AD
    assert page["房屋出租"] is Kind.AD
    assert page["本报讯（通讯员 程亮）今年实施的12个老旧小区改造项目全部进入收尾阶段。"] is Kind.BODY


# ── captions ──

@pytest.mark.parametrize("text", [
    "图片来源：安康高新区",
    "园区企业员工在生产线上调试设备。（记者 陈晨 摄）",
    "2019年9月17日，在淄博高新区行政审批服务局办事大厅内，工作人员协助市民办理劳动仲裁业务。资料照片",
    "图为项目签约现场",
])
def test_captions(text):
    assert caption_reason(text)


def test_caption_in_fixture(multi_news):
    assert multi_news["园区企业员工在生产线上调试设备。（记者 陈晨 摄）"] is Kind.CAPTION


def test_a_sentence_about_photography_is_no_caption():
    assert caption_reason("近年来，园区组织摄影爱好者开展“美丽高新”主题创作活动，收到作品三百余幅，涌现出一批优秀作品。") is None


# ── bylines, leads, signatures ──

@pytest.mark.parametrize("line, names", [
    ("► 岳书杰 毛琳琳 曹亚琼 郭方强", ["岳书杰", "毛琳琳", "曹亚琼", "郭方强"]),
    ("大众日报淄博融媒体中心记者 伊巍 通讯员 张倩 齐菲", ["伊巍", "张倩", "齐菲"]),
    ("■ 本报记者 陈晨 通讯员 刘洋", ["陈晨", "刘洋"]),
    ("记者 唐学钰", ["唐学钰"]),
    ("本报记者 钱江", ["钱江"]),
])
def test_bylines(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize("line", ["紧盯前沿 高端布局拥抱新经济", "建专班、组联盟 壮大招商队伍", "记者节座谈会召开"])
def test_headings_are_not_bylines(line):
    assert parse_byline(line) is None


def test_byline_continued_on_a_names_only_line(seed001):
    assert seed001["记者 赵志斌"] is Kind.BYLINE
    assert seed001["马冠群"] is Kind.BYLINE


def test_name_split_over_two_lines_is_one_byline():
    units, _ = classified(read_source(FIXTURES / "pdftotext_theory.txt").text)
    names = [u for u in units if u.kind is Kind.BYLINE]
    assert [u.text for u in names] == ["王小明"]
    assert names[0].authors == ["王小明"]


def test_news_lead_and_its_authors():
    assert split_lead("本报讯（记者 周涛）6月6日，合肥高新区召开新闻发布会") == ("本报讯（记者 周涛）", ["周涛"])
    assert split_lead("本报苏州6月7日电 今年前5个月，苏州工业园区")[0] == "本报苏州6月7日电"


def test_signature_at_the_end_of_a_paragraph():
    text = "将有力坚定企业发展信心，加速产业恢复提振，为全区经济高质量发展注入新动能。 杜明坤 王满"
    body, names, signature = split_signature(text)
    assert names == ["杜明坤", "王满"] and body.endswith("注入新动能。") and signature == "杜明坤 王满"


def test_no_signature_in_a_sentence_ending_with_names():
    text = "会议由区委副书记主持，区领导班子成员出席会议。"
    assert split_signature(text)[1] == []


# ── titles, labels, notes, decoration ──

def test_headlines():
    assert is_headline("高新之上，何以登新高？")
    assert not is_headline("纵观2020年，淄博高新区“双招双引”的步伐从未停歇。")


def test_label_block(seed001):
    assert seed001["礼赞"] is Kind.LABEL and seed001["2019"] is Kind.LABEL and seed001["年终特稿"] is Kind.LABEL


def test_author_note():
    units, _ = classified(read_source(FIXTURES / "pdftotext_theory.txt").text)
    assert {u.text: u.kind for u in units}["（作者为中国科学院科技战略咨询研究院研究员）"] is Kind.NOTE


def test_removed_units_are_logged_with_their_reason():
    units, log = classified("10 鲁中晨报\n\n标题\n\n正文内容在这里，说明情况。\n")
    drops = [e for e in log if e.rule.startswith("drop_")]
    assert drops and drops[0].where == "L1-L1" and "鲁中晨报" in drops[0].detail


@pytest.mark.parametrize("tail", ["”。", "。", "）。", "”"])
def test_closing_punctuation_alone_on_a_line_is_not_decoration(tail):
    """A column break can leave only the closing punctuation of a sentence on
    the next line. That is text (the sentence's end), not a decoration rule."""
    raw = f"标题\n\n本报讯 园区召开大会，书记强调要发扬“不怕苦、有韧劲、爱学习\n\n{tail}\n\n会议要求抓好落实。\n"
    assert kinds(raw)[tail] is not Kind.FURNITURE


@pytest.mark.parametrize("line", ["★★★", "———————", "* * *", "◆◆◆◆"])
def test_decoration_lines_are_removed(line):
    assert kinds(f"标题\n\n正文内容在这里。\n\n{line}\n\n正文继续。\n")[line].removed


@pytest.mark.parametrize("line, names", [
    ("本报记者 王　强 李　明", ["王强", "李明"]),
    ("记者 王　强 通讯员 李　明", ["王强", "李明"]),
    ("■ 王　强 张小明", ["王强", "张小明"]),
])
def test_bylines_with_two_character_names_padded_by_a_full_width_space(line, names):
    """Newspapers pad a two-character name to three cells (王　强). That is not
    letter-spacing: the names must stay apart and all be found."""
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource

    page = build_page(RawSource("t.txt", f"园区召开大会\n\n{line}\n\n本报讯 园区召开大会，部署全年工作。\n", "utf-8"))
    assert page.articles[0].authors == names


@pytest.mark.parametrize("title", ["园区举办免费招聘会", "园区举办免费招聘会 提供岗位三千个"])
def test_news_title_with_ad_words_is_not_an_ad(title):
    """Job fairs and free training are news too: a title made of ad-trade words
    (免费, 招聘) that a news lead follows is the title of an article."""
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource

    page = build_page(RawSource("t.txt", f"{title}\n\n本报讯（记者 王磊）5月19日，西安高新区举办春季招聘会，"
                                         "提供就业岗位三千余个，吸引求职者五千余人次入场。\n", "utf-8"))
    assert page.articles[0].title == title
    assert not page.removed


EDITORIAL = "高质量发展是新时代的硬道理。各地高新区要把思想和行动统一到中央决策部署上来，以实干实绩推动高质量发展。\n"


@pytest.mark.parametrize("line, names", [
    ("撰文 王磊 摄影 张三", ["王磊", "张三"]),
    ("本报记者 王磊 摄影 张三", ["王磊", "张三"]),
])
def test_byline_with_a_photo_credit_under_the_title_is_a_byline(line, names):
    """Under the title and before the text, a line of roles and names is the
    byline even when it ends with the photographer (摄影 张三); it is not a
    photo caption, and its names are the authors."""
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource

    page = build_page(RawSource("t.txt", f"以实干实绩推动高质量发展\n\n{line}\n\n{EDITORIAL}", "utf-8"))
    article = page.articles[0]
    assert article.authors == names
    assert line not in article.captions


@pytest.mark.parametrize("line", ["本报评论员", "本报特约评论员", "新华社评论员"])
def test_commentator_byline_is_not_the_title(line):
    """An editorial is signed 本报评论员 under its title: that line is the
    byline (no personal name), the line above it stays the title."""
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource

    page = build_page(RawSource("t.txt", f"以实干实绩推动高质量发展\n\n{line}\n\n{EDITORIAL}", "utf-8"))
    article = page.articles[0]
    assert article.title == "以实干实绩推动高质量发展"
    assert article.kicker == ""
    assert line in article.byline


# ── evidence weighed: prose is never removed on a keyword alone ──

def test_long_prose_with_a_furniture_word_stays_text():
    para = ("“好差评”制度，是高新区创新“特色服务”、优化政务环境的一项重要举措。办事群众可扫描窗口的专属二维码，"
            "对工作人员的服务作出评价，评价结果纳入年度考核。")
    units, _ = classified(f"高新区推行政务服务“好差评”\n\n{para}\n")
    body = [u for u in units if para[:10] in u.text]
    assert body and body[0].kind is Kind.BODY
    assert any(e.rule == "prose_in_flow" and e.score < 0 for e in body[0].evidence)


def test_short_qr_prompt_is_still_furniture():
    units, _ = classified("扫码关注高新区发布\n")
    assert units[0].kind is Kind.FURNITURE


@pytest.mark.parametrize("line", ["7 理论理论2018 年1 月2 日星期二", "2018年1月3日 星期三 7 理论",
                                  "2018年1月2日 星期二 7 理论|"])     # OCR reads the head's rule as |
def test_date_line_with_page_and_section_is_furniture(line):
    assert furniture_reason(line) == "出版日期 (date line)"


def test_date_line_does_not_swallow_text_after_a_rule():
    assert furniture_reason("2018年1月2日 星期二 7 理论|我们党") is None


def test_overprinted_title_keeps_one_copy_and_the_copy_is_kept_as_removed():
    units, _ = classified("正文第一段，讲了一件事。\n\n新征程新征程：明确新目标明确新目标谱写新篇章谱写新篇章\n")
    title = units[1]
    assert title.text == "新征程：明确新目标谱写新篇章"
    assert title.cut and title.cut[0][0].startswith("新征程新征程")


# ── titles given after their texts (PDF block order) ──

HEADS_AFTER = """7 理论2018 年1 月4 日星期四

中国共产党人的初心和使命是为中国人民谋幸福、为中华民族谋复兴。如何谋？策略、路径至关重要。

中国共产党带领中国人民实现中华民族伟大复兴的实践，是救国、兴国、强国接续推进的过程。

社会主要矛盾新变化与民族复兴新境界

叶帆

党的十九大报告作出我国社会主要矛盾已经转化为人民日益增长的美好生活需要和不平衡不充分的发展之间矛盾的重大判断。

我国社会主要矛盾的变化对党和国家工作提出了许多新要求，奋力实现中华民族伟大复兴的中国梦。

（作者为中共中央党校教授）

准确把握社会主要矛盾的变化

严书翰
"""


def test_bare_byline_under_a_title_at_the_foot_of_the_page():
    units, _ = classified(HEADS_AFTER)
    kinds_ = {u.text: u.kind for u in units}
    assert kinds_["叶帆"] is Kind.BYLINE and kinds_["严书翰"] is Kind.BYLINE
    texts = [u.text for u in units if not u.kind.removed]
    assert texts.index("社会主要矛盾新变化与民族复兴新境界") < texts.index("叶帆") < texts.index(
        "中国共产党人的初心和使命是为中国人民谋幸福、为中华民族谋复兴。如何谋？策略、路径至关重要。")
    assert texts.index("准确把握社会主要矛盾的变化") < texts.index("严书翰") < texts.index(
        "党的十九大报告作出我国社会主要矛盾已经转化为人民日益增长的美好生活需要和不平衡不充分的发展之间矛盾的重大判断。")


UNSIGNED_HEADS_AFTER = """记者从滨海高新区获悉，今年前8个月，园区新材料产业实现产值306亿元，同比增长17.4%。

高新区有关负责人表示，力争到2028年新材料产业产值突破600亿元。

滨海高新区新材料产业集群加速成形

记者　马骏

本报讯（记者 林涛）9月20日上午，一列满载汽车配件的中欧班列从滨海港口物流园驶出，15天后抵达德国。

港口物流园

开通中欧班列

信息快递

●本报讯 日前，滨海高新区获评全省知识产权强县建设示范区。（记者 韩梅）

●本报讯 高新区第二批人才公寓近日开始分配，共提供房源360套。（记者 许诺）

在滨海高新区西部的现代农业示范园，2000亩水稻已进入收割期，一台台收割机在稻田里来回穿梭。

秋收时节稻花香
"""


def test_titles_after_their_texts_with_no_bylines_go_above_them():
    """A page that opens with text and ends on a title gives its titles
    after their texts, signed or not (港口物流园 ⏎ 开通中欧班列 closes a text
    opened by a news lead; 秋收时节稻花香 has no text under it); a label over
    bulleted items stays over them."""
    units, log = classified(UNSIGNED_HEADS_AFTER)
    texts = [u.text for u in units if not u.kind.removed]
    order = ["滨海高新区新材料产业集群加速成形", "记者", "记者从滨海高新区获悉", "港口物流园", "开通中欧班列", "本报讯（记者 林涛）",
             "信息快递", "●本报讯日前", "秋收时节稻花香", "在滨海高新区西部"]
    at = [next(k for k, t in enumerate(texts) if t.startswith(o)) for o in order]
    assert at == sorted(at)
    assert any(e.rule == "place_heads_above_text" for e in log)


def test_a_byline_cut_at_its_wide_spaces_is_joined_again():
    units, _ = classified("滨海高新区新材料产业集群加速成形\n——前8个月产值突破300亿元\n记者\n\n马骏\n\n实习生\n\n"
                          "港口物流园\n开通中欧班列\n\n高远\n\n记者从滨海高新区获悉，今年前8个月，园区新材料产业实现产值306亿元。\n")
    bylines = [(u.text, u.authors) for u in units if u.kind is Kind.BYLINE]
    assert bylines == [("记者 马骏", ["马骏"]), ("实习生 高远", ["高远"])]


def test_a_page_of_titles_over_their_texts_keeps_its_order():
    units, _ = classified("职业技能大赛开幕\n\n本报讯（记者 邓佳）10月12日，河阳高新区第三届职业技能大赛开幕，312名选手参加比赛。\n\n"
                          "老旧小区改造惠及八千户居民\n\n本报讯（通讯员 程亮）今年实施的12个老旧小区改造项目全部进入收尾阶段。\n")
    assert [u.text[:4] for u in units] == ["职业技能", "本报讯（", "老旧小区", "本报讯（"]


@pytest.mark.parametrize("line", ["新时代", "高质量", "发展理念"])
def test_short_words_under_a_title_are_not_bylines(line):
    units, _ = classified(f"推动国家高新区高质量发展\n\n{line}\n\n我国经济已由高速增长阶段转向高质量发展阶段，正处在转变发展方式的攻关期。\n")
    assert next(u for u in units if u.text == line).kind is not Kind.BYLINE


def test_glued_names_are_split():
    units, _ = classified("新时代必将有力推动人的全面发展\n\n刘宏达谢守成\n")
    assert units[-1].kind is Kind.BYLINE and units[-1].authors == ["刘宏达", "谢守成"]


VERTICAL_NAMES = """刘

以供给侧结构性改革为主线建设现代化经济体系
殷

党的十八届三中全会指出，公有制经济和非公有制经济都是社会主义市场经济的重要组成部分。

鹏

国有企业和民营企业不是此消彼长，而是相辅相成、相得益彰的关系。

伟
"""


def test_a_vertical_byline_cut_into_characters_is_one_name_where_its_surname_stands():
    units, _ = classified(VERTICAL_NAMES)
    bylines = [u for u in units if u.kind is Kind.BYLINE]
    assert [(u.text, u.authors) for u in bylines] == [("刘伟", ["刘伟"]), ("殷鹏", ["殷鹏"])]
    assert all(u.text not in ("伟", "鹏") for u in units)        # the given names went into the bylines


def test_lone_characters_that_make_a_word_are_no_name():
    units, _ = classified("简\n\n本报讯 近日，县里召开会议，部署今年的重点工作。\n\n讯\n")
    assert not any(u.kind is Kind.BYLINE for u in units)


def test_a_name_in_a_block_of_its_own_is_a_byline():
    units, _ = classified("历史永远眷顾奋进者\n\n正文的最后一句话写在这里，文章到此结束。\n\n何民捷\n\n"
                          "新时代中国共产党的历史使命，源自历史、植根国情、立足时代。\n")
    assert next(u for u in units if u.text == "何民捷").kind is Kind.BYLINE


def test_a_long_display_line_under_a_title_is_its_subtitle_dash_or_none():
    from newsarchive.pipeline import build_page
    from newsarchive.reader import RawSource
    # rmrb-2018-01-23-p07.ocr.txt: the OCR lost the subtitle's dash (and read 芒 as 芳)
    raw = ("（作者为中共四川省委常委、成都市委书记）\n\n"
           "让红船精神放射时代光芳\n“红船精神与习近平新时代中国特色\n社会主义思想学术研讨会”述要\n\n"
           "萧师俭\n\n"
           "教育部中国特色社会主义理论\n体系研究中心和嘉兴学院等单位联\n合举办的“红船精神与习近平新时代\n"
           "中国特色社会主义思想学术研讨会”\n近日在浙江嘉兴举行。\n")
    article = build_page(RawSource("t.ocr.txt", raw, "utf-8")).articles[-1]
    assert (article.title, article.subtitle) == ("让红船精神放射时代光芳", "“红船精神与习近平新时代中国特色社会主义思想学术研讨会”述要")
    assert article.paragraphs[0].startswith("教育部")
    # a kicker over a longer title is no subtitle (county-briefs: 9 ⏎ 17 characters)
    raw = "三季度经济运行观察\n河阳高新区前三季度工业投资增长两成\n\n本报记者 王磊\n\n今年前三季度，全区工业投资增长两成。\n"
    article = build_page(RawSource("t.ocr.txt", raw, "utf-8")).articles[0]
    assert (article.kicker, article.title, article.subtitle) == ("三季度经济运行观察", "河阳高新区前三季度工业投资增长两成", "")
