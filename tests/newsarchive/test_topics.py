"""The topic taxonomy (data/topics.yml) and the rules of topics.py."""
from hypothesis import given, settings, strategies as st

from newsarchive import topics as T

REQUIRED = ["招商引资", "人才", "科技创新", "营商环境", "项目建设", "产业链", "开放型经济", "金融与基金",
            "数字经济", "园区改革与体制机制", "民生与城市建设", "疫情防控"]


def test_required_topics_exist_and_are_well_formed():
    topics = T.load_topics()
    names = [t.name for t in topics]
    assert len(names) == len(set(names))
    assert set(REQUIRED) <= set(names)
    for t in topics:
        assert t.description and t.threshold > 0 and len(t.keywords) >= 5, t.name
        words = [w for w, _ in t.keywords]
        assert len(words) == len(set(words)), t.name
        assert all(w and weight > 0 for w, weight in t.keywords), t.name


def test_shuangzhaoshuangyin_is_zhaoshang():
    zs = next(t for t in T.load_topics() if t.name == "招商引资")
    assert "双招双引" in zs.aliases and "双招双引" in dict(zs.keywords)
    assert T.assign_topics("深化“双招双引”改革", ["聊城高新区深化“双招双引”工作机制改革。"]) == ["招商引资"]


def test_longest_keyword_counts_once():
    counts = T.keyword_counts("", ["招商引资是决定城市发展势能和未来高度的关键一招"])
    assert counts == {"招商引资": 1}


def test_title_weighs_more():
    body = ["今年以来,新签约项目35个。"]
    assert T.score_topics("", body)["招商引资"][0] * 1 < T.score_topics("招商引资新突破", body)["招商引资"][0]


def test_real_articles():
    paras = ["在今年疫情防控期间,淄博高新区主动创新招商方式,迅速启动“在线招商”“云端谈判”;"
             "在疫情得到有效控制情况下,第一时间赴上海、深圳、苏州、西安等地精准招商。"]
    assert T.assign_topics("精准招商全速奔跑", paras)[:2] == ["招商引资", "疫情防控"]
    paras = ["“好差评”制度,是高新区创新“特色服务”、优化政务环境的一项重要举措。",
             "围绕营造高效快捷的政务环境,高新区持续深化“放管服”改革,“一次办好”事项826项。"]
    assert T.assign_topics("发展环境向好向上", paras) == ["营商环境"]
    paras = ["经过1300摄氏度高温的烧制,一批稀土釉陶瓷出炉下线。",
             "中科院包头稀土研发中心将稀土抗菌技术融入传统陶瓷产品。"]
    assert T.assign_topics("延伸产业链条 提升稀土产品附加值", paras)[0] == "新材料"


def test_text_without_topic_words_has_no_topics():
    assert T.assign_topics("天气", ["及时收取最新天气资讯 了解最新天气"]) == []
    assert T.assign_topics("", []) == []
    # one weak word is below every threshold
    assert T.assign_topics("", ["他是一名教师,在学校工作。"]) == []


def test_at_most_max_topics_and_ordered_by_score():
    text = ["招商引资 人才政策 科技创新 营商环境 项目建设 产业链 开放型经济 引导基金 数字经济 体制机制 民生实事 疫情防控"] * 3
    got = T.assign_topics("", text)
    scores = T.score_topics("", text)
    assert len(got) == T.taxonomy().settings["max_topics"]
    assert [scores[t][0] for t in got] == sorted((scores[t][0] for t in got), reverse=True)
    assert list(T.explain_topics("", text)) == got


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100), st.lists(st.text(max_size=300), max_size=5))
def test_never_crashes_and_returns_known_topics(title, paras):
    names = {t.name for t in T.load_topics()}
    got = T.assign_topics(title, paras)
    assert set(got) <= names and len(got) == len(set(got))
    assert set(T.explain_topics(title, paras)) == set(got)
