"""The zone registry (data/zones.yml) and the rules of zones.py."""
import re
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from newsarchive import zones as Z

REG = Z.registry()
NAMES = {z.name for z in Z.load_zones()}


# ── the registry is well-formed ──

def test_registry_holds_the_national_zones_its_header_counts():
    count = REG.national_count
    assert count["count"] == 178 and str(count["as_of"]) == "2023-11" and count["source"]
    counted = [z for z in Z.load_zones() if z.counted]
    assert len(counted) == count["listed"] <= count["count"]
    assert all(z.level in ("national", "agricultural") for z in counted)
    assert {z.level for z in Z.load_zones()} <= {"national", "provincial", "agricultural"}


def test_every_entry_has_province_city_level_and_a_source():
    for z in Z.load_zones():
        assert z.province and z.city and z.level, z
        assert z.source or REG.default_source, z
        if z.level == "agricultural" or (z.level == "national" and not z.counted):
            assert z.note, f"{z.name}: a zone outside the national count says why in a note"


def test_every_entry_has_name_full_name_city_province():
    for z in Z.load_zones():
        assert z.name and z.full_name and z.city and z.province, z
        for s in (z.name, z.full_name, z.city, z.province, *z.aliases):
            assert s == unicodedata.normalize("NFC", s) and not re.search(r"\s", s), z
        assert not z.city.endswith("市") and not z.province.endswith("省"), z


def test_names_are_unique_and_no_form_points_to_two_zones():
    names = [z.name for z in Z.load_zones()]
    assert len(names) == len(set(names))
    assert REG.conflicts == []
    for z in Z.load_zones():
        for form in REG.forms(z):
            assert Z.zone_by_name(form) == z, form


def test_aliases_are_not_regular_variants_of_the_name():
    # regular variants are derived by the rule; listing them is noise
    for z in Z.load_zones():
        derived = set(Z.variants(z.name, REG.patterns)) - {z.name}
        assert not derived & set(z.aliases), z.name


def test_the_well_known_zones_are_there():
    for name, province in [("中关村科技园区", "北京"), ("张江高新区", "上海"), ("东湖高新区", "湖北"),
                           ("松山湖高新区", "广东"), ("包头稀土高新区", "内蒙古"), ("杨凌示范区", "陕西"),
                           ("苏州工业园区", "江苏"), ("淄博高新区", "山东")]:
        assert Z.zone_by_name(name).province == province


def test_bare_words_are_not_zone_names():
    for w in REG.bare_words:
        assert Z.zone_by_name(w) is None, w


# ── lookups ──

def test_zone_by_name_accepts_aliases_variants_and_spaces():
    assert Z.zone_by_name("武汉东湖新技术开发区").name == "东湖高新区"
    assert Z.zone_by_name("淄博高新技术产业开发区").name == "淄博高新区"
    assert Z.zone_by_name("淄博 国家高新区").name == "淄博高新区"
    assert Z.zone_by_name("淄博市高新区").name == "淄博高新区"
    assert Z.zone_by_name("高新区") is None


# ── resolve_zones ──

def test_dongguan_songshanhu_and_songshanhu_are_one_zone():
    text = ["东莞松山湖高新区管委会与大朗镇举行签约仪式", "松山湖高新区党工委副书记黄晨光表示"]
    e = Z.explain_zones("东莞松山湖科学城 首个园镇合作试点项目签约", text)
    assert e["zones"] == ["松山湖高新区"]
    assert e["mentions"]["松山湖高新区"] == ["p1:东莞松山湖高新区", "p2:松山湖高新区"]
    assert e["scores"] == {"松山湖高新区": 2}


def test_longest_alias_wins_inside_a_longer_name():
    assert Z.find_mentions("包头稀土高新区高新技术特色产业基地") == ["包头稀土高新区"]
    assert Z.find_mentions("武汉东湖新技术开发区管委会") == ["武汉东湖新技术开发区"]


def test_bare_gaoxinqu_resolves_to_the_named_zone():
    paras = ["安康高新区党工委副书记、管委会主任罗武侠介绍了集中投产项目情况。",
             "高新区聚焦新安康门户型基础配套,园区企业加速恢复。"]
    e = Z.explain_zones("5个重点产业项目集中投产", paras)
    assert e["zones"] == ["安康高新区"]
    assert e["bare"] == {"高新区": 1, "园区": 1}


def test_article_with_no_zone_gets_nothing():
    paras = ["本报讯(记者 于大勇)近日,2020年未来科学大奖在北京揭晓,哈尔滨医科大学第一附属医院"
             "教授张亭栋和上海交通大学医学院附属瑞金医院教授王振义获生命科学奖。"]
    assert Z.resolve_zones("4名科学家获2020年未来科学大奖", paras) == []
    # a city alone does not make a zone article
    assert Z.resolve_zones("淄博出台新政", ["淄博市委书记江敦涛到任后,淄博陆续出台新政"]) == []
    assert Z.resolve_zones("淄博出台新政", ["淄博陆续出台新政"], city_hint="淄博") == []


def test_unnamed_zone_uses_the_city_the_article_names_or_the_hint():
    paras = ["聊城市四维自动化科技有限公司是高新区一家自动化系统集成与开发企业。",
             "高新区紧紧围绕“3+1”产业体系,赴深圳、东莞、洛阳等地开展招商活动26次。"]
    e = Z.explain_zones("科技创新做精做深", paras)
    assert (e["zones"], e["rule"], e["place"]) == (["聊城高新区"], "place", "聊城")
    # a tie between cities is no evidence; then the hint decides
    paras = ["高新区赴深圳、洛阳等地开展招商活动"]
    assert Z.resolve_zones("招商", paras) == []
    assert Z.resolve_zones("招商", paras, city_hint="东莞市") == ["松山湖高新区"]


def test_city_with_several_zones_resolves_only_to_city_named_zone():
    assert Z.registry().zone_of_place("苏州").name == "苏州高新区"
    assert Z.registry().zone_of_place("武汉").name == "东湖高新区"
    assert Z.registry().zone_of_place("昆山").name == "昆山高新区"
    assert Z.registry().zone_of_place("北京市").name == "中关村科技园区"


def test_spaces_inside_names_still_count():
    assert Z.resolve_zones("淄博 高新区奋力推动跨越式发展", ["今年以来,淄博\n高新区在“双招双引”方面取得成绩"]) == ["淄博高新区"]
    assert Z.resolve_zones("安康高新区 5个重点产业项目集中投产", []) == ["安康高新区"]


def test_title_weighs_more_and_passing_mentions_drop_out():
    title = "潍坊高新区加大高端品牌企业培育力度"
    paras = ["万声通讯是潍坊高新区唯一一家上榜的服务业企业。", "该公司此前落户淄博高新区。"]
    e = Z.explain_zones(title, paras)
    assert e["zones"][0] == "潍坊高新区" and e["scores"]["潍坊高新区"] == 4
    many = ["潍坊高新区"] * 10 + ["对标学习淄博高新区"]
    assert Z.resolve_zones("", many) == ["潍坊高新区"]


def test_several_zones_in_a_roundup_all_count_in_order():
    paras = ["安康高新区5个项目投产。", "包头稀土高新区推动稀土产业发展。", "安康高新区完成投资7.4亿元。"]
    assert Z.resolve_zones("各地高新区动态", paras) == ["安康高新区", "包头稀土高新区"]


zone_text = st.lists(st.sampled_from(sorted(REG.surface) + REG.bare_words + ["淄博", "市", " ", "\n", "高", "新", "区"]),
                     max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.lists(st.one_of(st.text(max_size=200), zone_text), max_size=6),
       st.lists(st.text(max_size=50), max_size=3), st.one_of(st.none(), st.text(max_size=8), st.sampled_from(["淄博", "苏州市"])))
def test_resolve_never_crashes_and_returns_known_or_placeable_names(title, paras, captions, hint):
    result = Z.resolve_zones(title, paras, captions, city_hint=hint)
    assert isinstance(result, list) and len(result) == len(set(result))
    assert all(name in NAMES or Z.zone_info(name) is not None for name in result)


@settings(max_examples=200, deadline=None)
@given(zone_text)
def test_every_mention_found_is_a_known_form(text):
    for form in Z.find_mentions(text):
        assert form in REG.surface or form in REG.bare_words or form in REG.unlisted_suffixes


def test_place_before_bare_word_names_that_places_zone():
    e = Z.explain_zones("光谷企业走出去", ["武汉高新区企业赴德国参展。"])
    assert e["zones"] == ["东湖高新区"] and e["mentions"] == {"东湖高新区": ["p1:武汉高新区"]}


def test_unlisted_zone_is_the_zone_and_never_replaced_by_a_city_zone():
    paras = ["汉中高新区党工委书记在西安市参加推介会,西安市有关部门负责人出席。"]
    e = Z.explain_zones("汉中高新区招商推介会在西安举行", paras)
    assert e["zones"] == ["汉中高新区"] and set(e["unlisted"]) == {"汉中高新区"}
    z = e["unlisted"]["汉中高新区"]
    assert (z.level, z.province, z.city) == ("unlisted", "陕西", "汉中")


def test_unlisted_primary_zone_pushes_out_a_passing_known_one():
    paras = ["汉中高新区今年新签约项目30个。", "汉中高新区组团赴西安高新区学习。", "汉中高新区将持续优化营商环境。"]
    e = Z.explain_zones("汉中高新区招商引资成效明显", paras)
    assert e["zones"] == ["汉中高新区"]


def _reference_scan(text, words):
    """Leftmost-longest, non-overlapping, the obvious way."""
    out, i = [], 0
    while i < len(text):
        hit = max((w for w in words if text.startswith(w, i)), key=len, default=None)
        if hit:
            out.append(hit)
            i += len(hit)
        else:
            i += 1
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="高新区东湖园", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="高新区东湖园市 ", max_size=40))
def test_matcher_is_leftmost_longest(words, text):
    assert Z.scan(text, Z.build_matcher(words)) == _reference_scan(text, set(words))


# ── the corrections of issue 12 ──

@pytest.mark.parametrize("name,province,city,level,year", [
    ("信阳高新区", "河南", "信阳", "national", 2022), ("克拉玛依高新区", "新疆", "克拉玛依", "national", 2022),
    ("遵义高新区", "贵州", "遵义", "national", 2022), ("许昌高新区", "河南", "许昌", "national", 2022),
    ("拉萨高新区", "西藏", "拉萨", "national", 2022), ("雄安高新区", "河北", "雄安", "national", 2026),
    ("佳木斯农高区", "黑龙江", "佳木斯", "agricultural", 2022), ("黄河三角洲农高区", "山东", "东营", "agricultural", 2015),
    ("杨凌示范区", "陕西", "咸阳", "agricultural", 1997),
])
def test_corrected_entries(name, province, city, level, year):
    z = Z.zone_by_name(name)
    assert (z.province, z.city, z.level, z.year) == (province, city, level, year)


def test_doubtful_entries_are_not_counted_and_say_why():
    for name in ("邯郸高新区", "衡水高新区"):
        z = Z.zone_by_name(name)
        assert not z.counted and z.level != "national" and "核实" in z.note
    assert not Z.zone_by_name("雄安高新区").counted


def test_heyuan_has_its_official_name():
    z = Z.zone_by_name("河源高新区")
    assert (z.name, z.full_name) == ("源城高新区", "源城高新技术产业开发区")


@pytest.mark.parametrize("title,paras,expected", [
    ("滨海高新区新一代信息技术产业园开园", ["天津市有关负责人出席开园仪式。"], ["天津滨海高新区"]),
    ("滨海高新区新一代信息技术产业园开园", ["园区位于滨海县城东部。"], ["盐城滨海高新区"]),
    ("滨海高新区新一代信息技术产业园开园", [], []),
    ("金山高新区举办招商推介会", ["呼和浩特市副市长出席。"], ["呼和浩特金山高新区"]),
    ("金山高新区举办招商推介会", ["上海市金山区相关部门出席。"], ["上海金山高新区"]),
    ("临江高新区新材料项目签约", ["杭州市萧山区举行签约仪式。"], ["萧山临江高新区"]),
    ("滨江高新区企业获奖", ["南京江宁滨江开发区负责人表示。"], []),
    ("马鞍山市高新区工业产值增长12%", [], ["马鞍山慈湖高新区"]),
])
def test_ambiguous_aliases_resolve_by_context_or_not_at_all(title, paras, expected):
    assert Z.resolve_zones(title, paras) == expected


def test_mashan_never_names_anshan():
    assert Z.count_places("马鞍山市与马鞍山经开区") == {"马鞍山": 3}
    e = Z.explain_zones("马鞍山市举行高新区建设推进会", ["高新区党工委书记作报告。"])
    assert e["zones"] == ["马鞍山慈湖高新区"]


@pytest.mark.parametrize("title,expected", [
    ("宣城高新区新签约项目12个", ("宣城高新区", "安徽", "宣城")),
    ("安徽宣城高新区新签约项目12个", ("宣城高新区", "安徽", "宣城")),
    ("宣城市高新区新签约项目12个", ("宣城高新区", "安徽", "宣城")),
    ("滨海县高新技术产业园区开工", ("盐城滨海高新区", "江苏", "盐城")),
    ("雄安新区高新技术产业开发区揭牌", ("雄安高新区", "河北", "雄安")),   # the registry's
    ("佳木斯高新区新签约项目8个", ("佳木斯高新区", "黑龙江", "佳木斯")),   # not the 农高区
])
def test_unlisted_zone_of_a_real_place(title, expected):
    zones = Z.resolve_zones(title, [])
    z = Z.zone_info(zones[0])
    assert (zones[0], z.province, z.city) == expected


@pytest.mark.parametrize("text", ["高新区新签约项目12个", "本高新区新签约项目12个", "全市各高新区新签约项目12个",
                                  "企业落户高新区", "深化合作高新区发展再提速", "中关村论坛在京开幕"])
def test_words_that_only_look_like_places_are_not_zones(text):
    assert Z.resolve_zones(text, []) == []


def test_a_place_of_several_divisions_is_placed_by_context_only():
    assert Z.resolve_zones("鼓楼高新区新签约项目5个", ["福州市召开会议。"]) == ["福州鼓楼高新区"]
    assert Z.zone_info("福州鼓楼高新区").province == "福建"
    assert Z.zone_info("鼓楼高新区").province == ""


def test_unknown_names_are_none_with_closest_registry_names():
    assert Z.zone_info("火星高新区") is None and Z.zone_info("高新区") is None
    assert "淄博高新区" in Z.closest_zone_names("淄搏高新区")


def test_unlisted_report_lists_files_and_the_line_to_add():
    lines = Z.unlisted_report({"宣城高新区": ["b.txt", "a.txt", "a.txt"], "信阳高新区": ["c.txt"]})
    assert len(lines) == 2 and "a.txt, b.txt" in lines[0] and "安徽 宣城" in lines[0]
    assert lines[1].startswith("  - {name: 宣城高新区,")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="马鞍山市滨海县", min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(alphabet="马鞍山市滨海县与 ", max_size=40))
def test_word_scanner_is_leftmost_longest(words, text):
    assert [w for _, w in Z.WordScanner(words).scan(text)] == _reference_scan(text, set(words))


def test_bare_gaoxinqu_in_a_city_outside_the_registry_is_that_citys_unlisted_zone():
    e = Z.explain_zones("宣城市召开高新区建设推进会", ["高新区党工委书记作工作报告。"])
    assert (e["zones"], e["rule"], set(e["unlisted"])) == (["宣城高新区"], "place", {"宣城高新区"})
    # a registry city still wins; two cities as often: no evidence
    assert Z.resolve_zones("淄博市委书记到高新区调研", ["宣城市客商参加。"]) == ["淄博高新区"]
    assert Z.resolve_zones("高新区招商推介会举行", ["宣城市、池州市客商参加。"]) == []
