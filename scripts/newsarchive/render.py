"""Markdown for article and source pages. Text from pages is data: everything
Markdown or HTML would read as markup is escaped."""
from __future__ import annotations

import re

import yaml

from .meta import article_facts
from .model import Article, SourcePage
from .schema import ARTICLE_FIELDS

_INLINE = re.compile(r"([`*_{}\[\]])")
# A backslash is an escape only before ASCII punctuation (CommonMark and
# Python-Markdown alike); before anything else (OCR reads 、 as \: 有静气\有定力)
# it shows as it is, so it is escaped only there and at the end of the text.
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+]|\*(?=\s|$)|\d+(?=\.(?:\s|$))|!!!|\?\?\?|=|~~~|:::)")


def escape_inline(text: str) -> str:
    """Escape Markdown and HTML inside a line of page text.

    >>> escape_inline("<script>alert(1)</script> *重要* [链接](x) {: onclick=y}")
    '&lt;script>alert(1)&lt;/script> \\\\*重要\\\\* \\\\[链接\\\\](x) \\\\{: onclick=y\\\\}'
    >>> bs = chr(92)     # a backslash
    >>> [escape_inline(t) for t in ("有静气" + bs + "有定力", bs + "*", "末尾" + bs)] == [
    ...     "有静气" + bs + "有定力", bs * 3 + "*", "末尾" + bs * 2]
    True
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;")   # no tag opens without <: > stays (闫>租)
    text = _BACKSLASH.sub(r"\\\\", text)
    return _INLINE.sub(r"\\\1", text)


def escape_block(text: str) -> str:
    """Escape a paragraph, including what Markdown reads at a line start.

    >>> escape_block("1. 坚持创新")
    '1\\\\. 坚持创新'
    >>> escape_block("# 不是标题")
    '\\\\# 不是标题'
    >>> escape_block("- 不是列表")
    '\\\\- 不是列表'
    >>> escape_block("> 不是引用")
    '\\\\> 不是引用'
    """
    text = escape_inline(text)
    match = _LINE_START.match(text)
    if match:
        lead, mark = match.group(1), match.group(2)
        if mark[0].isdigit():
            text = lead + mark + "\\" + text[match.end():]
        elif mark[0] in "=~:?":          # not escapable in Markdown: an entity shows the same
            text = lead + "&#%d;" % ord(mark[0]) + text[len(lead) + 1:]
        else:
            text = lead + "\\" + text[len(lead):]
    return text


def escape_heading(text: str) -> str:
    """Heading text: escaped, with no closing hashes for Markdown to eat.

    >>> escape_heading("第一篇文章：项目在“谋”#")
    '第一篇文章：项目在“谋”\\\\#'
    """
    text = escape_inline(text)
    return text[:-1] + "\\#" if text.endswith("#") else text


class _FrontMatterDumper(yaml.SafeDumper):
    """Mappings in block style (one key a line) even when all their values
    are scalars; lists of scalars stay on one line (``zones: [淄博高新区]``)."""


_FrontMatterDumper.add_representer(
    dict, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False))


def front_matter(meta: dict) -> str:
    """YAML front matter, deterministic, Chinese kept as is, one key a line.

    >>> front_matter({"type": "source", "source": "a.txt", "editors": ["王涛"], "date": ""})
    '---\\ntype: source\\nsource: a.txt\\neditors: [王涛]\\n---\\n'
    """
    clean = {k: v for k, v in meta.items() if v not in (None, "", [], False)}
    body = plain_front_matter(clean)
    if body is None:
        body = yaml.dump(clean, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=1 << 20,
                         default_flow_style=None)
    return f"---\n{body}---\n"


# Characters a plain YAML scalar may hold anywhere, in block and flow context alike: Chinese (the
# BMP's ideographs), its punctuation, ASCII letters and digits, and - . _ and spaces inside. Every value
# of a converter page is mostly these; anything else goes to PyYAML's emitter.
_PLAIN_CHARS = ("0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\u3001-\u303f\uff01-\uff5e\u00b7"
                "\u2010-\u2027\u2030-\u205e\u2190-\u2bff")     # dashes, quotes, bullets, arrows, shapes (►▲●)
_PLAIN = re.compile(f"[{_PLAIN_CHARS}][{_PLAIN_CHARS}._ -]*")
_RESOLVER = yaml.resolver.Resolver()


def _plain_scalar(value) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str) or not _PLAIN.fullmatch(value) or value.endswith(" "):
        return None
    if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str":
        return f"'{value}'"           # a date, a number, yes/no read as text: PyYAML single-quotes it
    return value


def plain_front_matter(meta: dict) -> str | None:
    """The YAML PyYAML's emitter writes for a mapping whose values are all
    plain scalars (or one-line lists of them), written directly (the
    emitter costs 2 ms a page); None for anything else, which the emitter
    writes. tests/newsarchive/test_render_markdown.py holds the two equal.

    >>> plain_front_matter({"title": "稀土新材料", "date": "2018-01-02", "page": 7, "raw_lines": [5, 265]})
    "title: 稀土新材料\\ndate: '2018-01-02'\\npage: 7\\nraw_lines: [5, 265]\\n"
    >>> plain_front_matter({"title": "a: b"}) is None
    True
    """
    out = []
    for key, value in meta.items():
        if not isinstance(key, str) or _plain_scalar(key) != key:
            return None
        if isinstance(value, list):
            items = [_plain_scalar(v) for v in value]
            if not items or None in items:
                return None
            out.append(f"{key}: [{', '.join(items)}]\n")
        else:
            text = _plain_scalar(value)
            if text is None:
                return None
            out.append(f"{key}: {text}\n")
    return "".join(out)


def _page_value(page: str):
    return int(page) if page.isdigit() else page


def article_meta(article: Article, page: SourcePage, order: int, slug: str) -> dict:
    """The front matter of an article page: the schema's fields, in its order.
    What the printed page and the run say (newspaper, page, editors, where the
    article is) comes from them; every other field is the article's attribute
    of the same name."""
    facts = article_facts(page, article)
    from_page = {
        "newspaper": facts.newspaper,
        "page": _page_value(facts.page),
        "editors": facts.editors,
        "source": page.name,
        "pdf_page": None if page.pdf_page is None else page.pdf_page + 1,
        "order": order,
        "raw_lines": [article.first, max(article.first, article.last)],
        "slug": slug,
    }
    return in_schema_order({name: from_page[name] if name in from_page else getattr(article, name)
                            for name in ARTICLE_FIELDS})


def in_schema_order(meta: dict) -> dict:
    """``meta`` in the order of schema.ARTICLE_FIELDS; a key the schema does not
    define is a bug (add the field to the schema first).

    >>> list(in_schema_order({"source": "a.txt", "title": "标题"}))
    ['title', 'source']
    """
    unknown = [key for key in meta if key not in ARTICLE_FIELDS]
    if unknown:
        raise KeyError(f"front-matter fields not in schema.ARTICLE_FIELDS: {unknown}")
    return {key: meta[key] for key in ARTICLE_FIELDS if key in meta}


def render_article(article: Article, page: SourcePage, order: int, slug: str) -> str:
    """The Markdown page of one article: front matter, then one paragraph per line."""
    parts = [front_matter(article_meta(article, page, order, slug)).rstrip("\n")]
    for kind, text in article.blocks:
        parts.append(f"## {escape_heading(text)}" if kind == "h" else escape_block(text))
    return "\n\n".join(parts) + "\n"


def log_by_article(page: SourcePage) -> list[tuple[str, list]]:
    """The cleaning log grouped by the article whose lines each entry touched;
    entries outside every article (furniture, ads) are the page's own.

    >>> from .model import Article, LogEntry
    >>> p = SourcePage("a.txt", "", articles=[Article(title="标题", first=3, last=9)])
    >>> p.log = [LogEntry("drop_furniture", "L1-L1", "x"), LogEntry("join_broken_paragraphs", "L5|L7", "y")]
    >>> [(h, [e.rule for e in es]) for h, es in log_by_article(p)]
    [('页面 (page)', ['drop_furniture']), ('1. 标题', ['join_broken_paragraphs'])]
    """
    groups: dict[int, list] = {}
    for entry in page.log:
        match = re.match(r"L(\d+)", entry.where)
        line = int(match.group(1)) if match else 0
        owner = next((n for n, a in enumerate(page.articles, 1) if a.first <= line <= max(a.first, a.last)), 0)
        groups.setdefault(owner, []).append(entry)
    return [("页面 (page)" if n == 0 else f"{n}. {page.articles[n - 1].title}", groups[n]) for n in sorted(groups)]


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def render_source(page: SourcePage) -> str:
    """The page of one input file: every removed block with its reason, the
    cleaning log, and the raw text for proofreading. Its list of articles is
    not written here: the site makes it at build time from the articles' own
    front matter (``source``, ``order``), so deleting or renaming an article
    page by hand never leaves a broken link."""
    meta = {
        "type": "source",
        "source": page.name,
        "pdf_page": None if page.pdf_page is None else page.pdf_page + 1,
        "picture": page.picture,
        "newspaper": page.newspaper,
        "page": _page_value(page.page),
        "date": page.date,
        "editors": page.editors,
        "encoding": page.encoding,
    }
    where = f"（PDF 第 {page.pdf_page + 1} 页，共 {page.pdf_pages} 页）" if page.pdf_page is not None and page.pdf_pages > 1 else ""
    out = [front_matter(meta).rstrip("\n"), f"# 来源：{escape_inline(page.name)}{where}"]
    out.append("## 删除的文字")
    if page.removed:
        out.append(f"共 {len(page.removed)} 处，按原文顺序：")
        out.append("\n".join(
            f"- 第 {r.first}{'–' + str(r.last) if r.last != r.first else ''} 行 · {escape_inline(r.reason)}："
            f"{escape_inline(r.text)}" for r in page.removed))
    else:
        out.append("没有删除任何文字。")
    if page.warnings:
        out.append("## 警告")
        out.append("\n".join(f"- {escape_inline(w)}" for w in page.warnings))
    out.append("## 处理记录")
    for heading, entries in log_by_article(page):
        out.append(f"### {escape_heading(heading)}")
        out.append("\n".join(f"- `{e.rule}` {e.where}：{escape_inline(e.detail)}" for e in entries))
    if not page.log:
        out.append("（无）")
    fence = _fence(page.raw)
    out.append("## 原始文本")
    out.append(f"{fence}text\n{page.raw}\n{fence}")
    return "\n\n".join(out) + "\n"
