"""The fixture archive of the site tests: a few newspaper pages with
articles covering every case the site must handle (known zones, an alias,
an unlisted hand-typed zone, inferred and partial dates, an undated article,
markup in a title and caption, people and organisations)."""
from __future__ import annotations

from pathlib import Path

from archive_site.fixtures import write_issue, write_page

XSS_TITLE = '<script>window.__xss = 1</script><b>粗体</b>标题 & “引号”'
XSS_CAPTION = '<img src=x onerror="window.__xss = 2">图片说明'
XSS_REMOVED = "第 1 行 · 报头：<script>window.__xss = 4</script>"
PARA = "淄博高新区持续深化改革，推动高质量发展，企业家们纷纷点赞。"


def build_fixture(docs: Path) -> Path:
    """Write the fixture archive under ``docs`` and return it."""
    write_issue(docs, "001_aaaa", newspaper="鲁中晨报", page=10, date="2020-01-01", removed=[XSS_REMOVED], articles=[
        dict(title="淄博高新区奋力推动跨越式发展", paragraphs=[PARA, "第二段：新材料产业集群。"],
             kicker="发扬干事创业新品质", subtitle="——淄博高新区工作纪实", authors=["岳书杰", "毛琳琳"],
             zones=["淄博高新区"], topics=["招商引资", "产业发展"], people=["江敦涛"],
             organizations=["淄博市委"], captions=["2019年9月17日，工作人员协助市民办理业务。资料照片"],
             section="礼赞 2019 年终特稿"),
        dict(title=XSS_TITLE, paragraphs=["正文里有<script>window.__xss = 3</script>标记。"],
             zones=["淄博国家高新区"], topics=["产业发展"], captions=[XSS_CAPTION]),
    ])
    write_issue(docs, "002_bbbb", newspaper="大众日报", page=3, date="2019-05-20", articles=[
        dict(title="潍坊高新区发布人才新政", paragraphs=["潍坊高新区发布人才新政十条。"],
             zones=["潍坊高新区"], topics=["人才"], people=["江敦涛", "张三"]),
        dict(title="手写地区的文章", paragraphs=["这篇文章的地区是手工输入的。"],
             zones=["宣城高新区"], topics=["人才"]),
    ])
    write_issue(docs, "003_cccc", newspaper="鲁中晨报", page=2, date="2018", articles=[
        dict(title="光谷的故事", paragraphs=["中国光谷的一年。"], zones=["中国光谷"], topics=["科技创新"],
             date_inferred=True),
    ])
    write_issue(docs, "004_dddd", newspaper="某某报", page=1, date="2021-07", articles=[
        dict(title="只有年月的文章", paragraphs=["年月已知，日不详。"], zones=["潍坊高新区"], topics=["人才"],
             untitled=True, notes=["（作者为<i>某单位</i>干部）"]),
    ])
    # An article without any date (its source page has none either).
    write_issue(docs, "005_eeee", newspaper="某某报", page=4, date="", articles=[
        dict(title="没有日期的文章", paragraphs=["日期不详。"], zones=[], topics=[]),
    ])
    return docs


# -- a hostile archive: what a careless or malicious hand edit can put in pages --

FORMULA_TITLES = ['=HYPERLINK("http://evil.example/","点击")', "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
FORMULA_STEM = "-leading-dash"        # its source is the file -leading-dash.txt
# Article body lines (Markdown typed by hand). Each handler sets window.__xss.
INJECTED_ARTICLE = [
    '[点我甲](javascript:window.__xss=11) [点我乙](JaVaScRiPt:window.__xss=12) [点我丙](vbscript:msgbox)',
    '[点我丁](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTM8L3NjcmlwdD4=) ![图](javascript:window.__xss=14)',
    '段落带处理器\n{: onclick="window.__xss=15" onmouseover="window.__xss=16" .as-legit-class #legit-id }',
    '[链接带处理器](../001_aaaa/01.md){: onclick="window.__xss=17" onfocus="window.__xss=18" autofocus tabindex=1 }',
    '<script>window.__xss=19</script>正文里的脚本。',
    '## 小标题 {: onmouseover="window.__xss=20" data-note="保留" }',
    '| 列一 | 列二 |\n|:-----|-----:|\n| 甲 | 乙 |',
    '!!! note "注意"\n    提示框里的文字。',
    '[正常链接](../001_aaaa/01.md) [外部链接](https://example.org/) [邮件](mailto:editor@example.org)',
]
# A hand-written page outside articles/ and sources/ (raw HTML is not escaped there).
INJECTED_PAGE_META = {"title": '关于<img src=x onerror="window.__xss=30">',
                      "description": '"><script>window.__xss=31</script>',
                      "author": '"><img src=x onerror="window.__xss=32">'}
INJECTED_PAGE = """# 关于本文库

<script>window.__xss=21</script>
<img src="x" onerror="window.__xss=22">
<a href="javascript:window.__xss=23" id="js-link">原始 HTML 链接</a>
<svg onload="window.__xss=24"><circle r="5"></circle></svg>
<iframe src="javascript:window.__xss=25"></iframe>
<details open ontoggle="window.__xss=26"><summary>详情</summary>内容</details>
<form action="javascript:window.__xss=27"><button id="form-button">提交</button></form>
<input autofocus onfocus="window.__xss=28">
<a href=" java&#x09;script:window.__xss=29" id="obfuscated-link">混淆链接</a>

## 小节<img src=x onerror="window.__xss=33">

<div class="admonition tip" markdown="1"><p class="admonition-title">提示</p><p>合法的 HTML 保留。</p></div>
"""


def build_hostile(docs: Path) -> Path:
    """The fixture archive plus formula titles from a file named with a
    leading dash, an article with injected Markdown, and a hand-written page
    with injected HTML and front matter."""
    build_fixture(docs)
    write_issue(docs, FORMULA_STEM, newspaper="=cmd|' /C calc'!A0", page=2, date="2020-02-02", articles=[
        dict(title=FORMULA_TITLES[0], paragraphs=["-1+1 开头的正文。"], kicker="\t=1+1", zones=["淄博高新区"]),
        dict(title=FORMULA_TITLES[1], paragraphs=["正文。"], section="-2+3", authors=["@某人"]),
        dict(title=FORMULA_TITLES[2], paragraphs=INJECTED_ARTICLE, topics=["=1+1"]),
    ])
    write_page(docs / "about.md", INJECTED_PAGE_META, INJECTED_PAGE)
    return docs
