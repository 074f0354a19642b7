"""The fixture archive of the site tests: a few newspaper pages with
articles covering every case the site must handle (known zones, an alias,
an unlisted hand-typed zone, inferred and partial dates, an undated article,
markup in a title and caption, people and organisations)."""
from __future__ import annotations

from pathlib import Path

from archive_site.fixtures import write_issue

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
