"""render.py: page text is data — nothing in it may become Markdown or HTML.

(Named test_render_markdown.py, not test_render.py: tests/site/test_render.py
already holds that module name, and pytest's default import mode cannot have
two test modules of one name in folders without __init__.py.)

Each case renders with Python-Markdown and the extensions of mkdocs.yml and
asserts that no markup appears: the paragraph stays one <p> whose text is
exactly the input.
"""
from __future__ import annotations

import html
import re

import markdown
import pytest
import yaml

from newsarchive.model import Article, Removed, SourcePage, LogEntry
from newsarchive.render import escape_block, escape_heading, escape_inline, front_matter, render_article, \
    render_source

EXTENSIONS = ["toc", "tables", "admonition", "attr_list", "pymdownx.details"]


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


def tags(rendered: str) -> set[str]:
    return set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", rendered))


def text_of(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


DANGEROUS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">园区',
    "<!-- 注释 -->",
    "*重要*通知",
    "**加粗**",
    "_强调_与__加粗__",
    "`代码`与``双``",
    "[链接](http://example.com)",
    "![图](x.png)",
    "[脚注]: http://example.com",
    "{: .cls onclick=alert(1)}",
    "# 不是标题",
    "## 也不是",
    "####",
    "#标题",
    "1. 坚持创新驱动",
    "10. 第十条",
    "2020. 年度回顾",
    "- 不是列表",
    "+ 不是列表",
    "* 不是列表",
    "> 不是引用",
    ">> 嵌套",
    "即斗茵则如穿司间主时闫>租划如同",      # > inside a line (OCR) is no markup
    "a <b>c</b> -> d",
    "!!! note 不是提示框",
    "!!! warning",
    "=== 不是标签",
    "~~~",
    "```python",
    "::: 不是块",
    "|列一|列二|",
    "&amp; 与 &lt; 与 &#60;",
    "反斜杠 \\ 与 \\*",
    "有静气\\有定力",            # OCR's 、 read as a backslash: shown as it is, not escaped
    "行末反斜杠\\",
    "\\\\双反斜杠\\`",
    "1\\. 已经转义",
    "—— 破折号开头",
    "http://example.com/a_b_c",
    "a_b_c 与 x*y*z",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_paragraph_text_never_becomes_markup(text):
    rendered = to_html(escape_block(text))
    assert tags(rendered) == {"p"}, rendered
    assert text_of(rendered) == text, rendered


@pytest.mark.parametrize("text", ["---", "----------", "-- -", "--- ", "___", "***", "- - -", "* * *"])
def test_rule_lines_never_become_hr(text):
    """A line of dashes is a horizontal rule in Markdown; page text must not become one.
    (Today the decoration furniture rule removes such lines before rendering, but
    escape_block promises to escape what Markdown reads at a line start.)"""
    rendered = to_html("正文\n\n" + escape_block(text))
    assert "<hr" not in rendered, (escape_block(text), rendered)
    assert tags(rendered) == {"p"}, rendered


@pytest.mark.parametrize("text", ["???+ note 不是折叠块", "??? 问号开头"])
def test_escaping_adds_no_visible_backslash(text):
    """The text a reader sees is the page's text: an escape must not show."""
    assert text_of(to_html(escape_block(text))) == text


@pytest.mark.parametrize("text", [
    "第一篇文章：项目在“谋”#",
    "标题 # 中间",
    "<b>粗</b>标题",
    "*强调*标题",
    "[链接]标题",
    "标题 {: #id}",
])
def test_heading_text_never_becomes_markup(text):
    rendered = to_html(f"## {escape_heading(text)}")
    assert tags(rendered) == {"h2"}, rendered
    assert text_of(rendered) == text, rendered


def test_escape_inline_escapes_html_first():
    assert escape_inline("a&b<c>") == "a&amp;b&lt;c>"      # no tag opens without <
    assert escape_inline("&lt;") == "&amp;lt;"


def test_escape_block_leaves_plain_chinese_alone():
    text = "今年以来，淄博高新区在“双招双引”、科技创新、经济发展等方面取得了一定成绩。"
    assert escape_block(text) == text
    assert escape_heading("建专班、组联盟 壮大招商队伍") == "建专班、组联盟 壮大招商队伍"


# ── front matter ──

def test_front_matter_round_trips_through_yaml():
    meta = {"title": "高新之上，何以登新高？", "kicker": "", "authors": ["岳书杰", "毛琳琳"], "order": 1,
            "untitled": False, "captions": ["图片来源：安康高新区"], "notes": [], "page": 10,
            "weird": "key: value # not a comment", "quote": "'单引号' \"双引号\"", "multi": "第一行\n第二行",
            "date": "2020-01-01", "yes": "yes", "null": "null"}
    fm = front_matter(meta)
    assert fm.startswith("---\n") and fm.endswith("---\n")
    loaded = yaml.safe_load(fm.strip("-\n").rsplit("---", 1)[0])
    expected = {k: v for k, v in meta.items() if v not in ("", [], False)}
    assert loaded == expected
    assert list(loaded) == list(expected)             # key order kept (not sorted)
    assert "高新之上" in fm                            # Chinese kept as is, not \u escapes


def test_front_matter_dates_stay_strings():
    fm = front_matter({"date": "2020-01-01"})
    assert yaml.safe_load(fm.split("---\n")[1])["date"] in ("2020-01-01",)


# ── whole pages ──

def sample_page() -> tuple[SourcePage, Article]:
    article = Article(title="<script>标题</script>", kicker="*引题*", authors=["王小明"],
                      byline=["本报讯（记者 王小明）"], blocks=[("p", "# 第一段"), ("h", "小标题#"),
                                                       ("p", "1. 第二段"), ("p", "> 第三段")],
                      captions=["图为现场。（记者 王小明 摄）"], first=3, last=9, date="2020-01-01")
    page = SourcePage("页 1.txt", "原始文本 ``` 含反引号\n第二行", newspaper="鲁中晨报", page="10", date="2020-01-01",
                      editors=["王兴华"], articles=[article],
                      removed=[Removed("10 鲁中晨报", "报头 <b>与</b> 版号", 1, 1), Removed("*广告*", "广告", 5, 6)],
                      log=[LogEntry("rule", "L2", "a → b `x`")])
    return page, article


def test_render_article_is_front_matter_then_one_paragraph_per_line():
    page, article = sample_page()
    md = render_article(article, page, 1, "p-01")
    head, body = md.split("\n---\n", 1)
    meta = yaml.safe_load(head.lstrip("-\n"))
    assert meta["title"] == "<script>标题</script>"      # YAML keeps the text; the site escapes it
    assert meta["order"] == 1 and meta["slug"] == "p-01" and meta["page"] == 10
    assert meta["raw_lines"] == [3, 9]
    blocks = [b for b in body.split("\n\n") if b.strip()]
    assert len(blocks) == 4 and all("\n" not in b.strip("\n") for b in blocks)
    assert blocks[1].startswith("## ")
    rendered = to_html(body)
    assert tags(rendered) <= {"p", "h2"}, rendered
    assert "<script" not in rendered and "<blockquote" not in rendered and "<ol" not in rendered


def test_render_source_lists_removed_text_and_keeps_raw_text_verbatim():
    page, _ = sample_page()
    md = render_source(page)
    assert "## 删除的文字" in md and "## 原始文本" in md
    assert "\n````text\n原始文本 ``` 含反引号\n第二行\n````\n" in md     # a fence longer than any run inside
    rendered = to_html(md.split("\n---\n", 1)[1])
    assert "<b>" not in rendered and "<em>" not in rendered
    assert "报头 &lt;b&gt;与&lt;/b&gt; 版号" in rendered
    meta = yaml.safe_load(md.split("---\n")[1])
    assert meta["type"] == "source" and "articles" not in meta
    assert "../articles/" not in md            # the article list is made by the site at build time


# --- plain_front_matter writes what PyYAML's emitter writes ---------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

from newsarchive.render import _FrontMatterDumper, plain_front_matter  # noqa: E402

_PIECES = list("稀土新材料高新区王涛“”‘’，。：；、（）《》—…·０１Ａｚ►▲●■★•‰") + list("AZaz09-._ :#,[]{}'\"!?&*|>%@`~\n\t") + \
    ["\u3000", "\xa0", "\u2028", "\ufeff", "𠮷", "yes", "no", "null", "true", "1.5", "0x1F", "1_000", "2018-01-02",
     "12:30", "~", "-", ".5", "1e3", "NaN", ".inf"]
_SCALARS = st.one_of(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join),
                     st.integers(-5, 10**6), st.booleans())
_VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, min_size=1, max_size=3))


def _emitted(meta: dict) -> str:
    return yaml.dump(meta, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=1 << 20,
                     default_flow_style=None)


@settings(max_examples=3000, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "date", "page", "authors", "keywords", "raw_lines", "x-y", "a: b"]),
                       _VALUES, min_size=1, max_size=5))
def test_plain_front_matter_is_what_the_emitter_writes(meta):
    fast = plain_front_matter(meta)
    if fast is not None:
        assert fast == _emitted(meta)


def test_plain_front_matter_writes_a_converter_pages_front_matter():
    meta = {"title": "滨海高新区新材料产业集群加速成形", "subtitle": "——前8个月产值突破300亿元",
            "authors": ["马骏", "高远"], "date": "2026-09-22", "page": 5, "continued": True,
            "source": "city-business.pdftotext.txt", "raw_lines": [3, 60], "slug": "city-business-pdftotext-9c67cb-01"}
    assert plain_front_matter(meta) == _emitted(meta)
