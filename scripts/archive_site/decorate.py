"""Decoration of the hand-editable pages at render time: the metadata header,
captions and raw OCR text of article pages, and the article list of source
pages. All page text is escaped here (OCR text is never trusted as HTML).
"""
from __future__ import annotations

import re

from . import config
from .collection import Archive, Article, Source
from .labels import LABELS
from .pages import SiteIndex
from .rawdiff import pack_raw
from .render import article_list, esc, paper_label

RAW_ANCHOR = "raw"     # id of the raw-text heading on source pages
_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)")


def _escape_line(line: str) -> str:
    """``<`` → ``&lt;`` outside inline code spans."""
    out, pos = [], 0
    for match in _CODE_SPAN.finditer(line):
        out += [line[pos:match.start()].replace("<", "&lt;"), match.group(0)]
        pos = match.end()
    out.append(line[pos:].replace("<", "&lt;"))
    return "".join(out)


def escape_markup(markdown: str) -> str:
    """Make raw HTML in a page body show as text: ``<`` becomes ``&lt;``
    outside fenced code and code spans (where Markdown shows it literally).

    >>> escape_markup("正文<script>alert(1)</script>")
    '正文&lt;script>alert(1)&lt;/script>'
    >>> escape_markup("```\\n<b>\\n```")
    '```\\n<b>\\n```'
    >>> escape_markup("规则 `a<b` 原文：x<y")
    '规则 `a<b` 原文：x&lt;y'
    """
    out, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.strip()
        if fence is None:
            match = _CODE_FENCE.match(stripped)
            if match:
                fence = match.group(1)
            else:
                line = _escape_line(line)
        elif stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            fence = None
        out.append(line)
    return "\n".join(out)


def _chips(index: SiteIndex, uri: str, names: list[str], uri_of) -> str:
    return " ".join(f'<a class="as-chip" href="{index.linker.href(uri, uri_of(n))}">{esc(n)}</a>' for n in names)


def date_html(article: Article) -> str:
    """The date line: ISO date, marked (with an explanation) when inferred."""
    if not article.date:
        return f'<span class="as-date">{esc(LABELS["undated"])}</span>'
    if article.date_inferred:
        return (f'<span class="as-date as-inferred" title="{esc(LABELS["inferred_long"])}">{esc(article.date)}'
                f'（{esc(LABELS["inferred_long"])}）</span>')
    return f'<span class="as-date">{esc(article.date)}</span>'


def article_header(index: SiteIndex, article: Article) -> str:
    """Kicker, title (the page's only ``<h1>``), subtitle and a metadata table."""
    uri = article.src_uri
    rows = [("日期", date_html(article))]
    paper = paper_label(article)
    source = index.archive.source_of(article)
    if paper:
        paper_html = esc(paper)
        if article.newspaper and ("paper", article.newspaper) in index.slugs:
            paper_html = f'<a href="{index.linker.href(uri, index.paper_uri(article.newspaper))}">{esc(paper)}</a>'
        if article.section:
            paper_html += f' · {esc(article.section)}'
        rows.append(("报纸", paper_html))
    if article.authors or article.byline:
        rows.append((LABELS["authors"], esc("、".join(article.authors) if article.authors else " ".join(article.byline))))
    if article.editors:
        rows.append((LABELS["editors"], esc("、".join(article.editors))))
    zones = index.zones_of(article)
    if zones:
        rows.append((LABELS["zones"], _chips(index, uri, zones, index.zone_uri)))
    if article.topics:
        rows.append((LABELS["topics"], _chips(index, uri, list(dict.fromkeys(article.topics)), index.topic_uri)))
    for attr in ("people", "organizations"):
        if getattr(article, attr):
            rows.append((LABELS[attr], esc("、".join(getattr(article, attr)))))
    if article.keywords:
        rows.append((LABELS["keywords"], esc("、".join(article.keywords))))
    if source is not None:
        rows.append(("原始版面", f'<a href="{index.linker.href(uri, source.src_uri)}">{esc(LABELS["source_page"])}</a>'))
    table = "".join(f"<tr><th>{esc(k)}</th><td>{v}</td></tr>" for k, v in rows)
    kicker = f'<p class="as-kicker">{esc(article.kicker)}</p>' if article.kicker else ""
    subtitle = f'<p class="as-subtitle">{esc(article.subtitle)}</p>' if article.subtitle else ""
    if article.untitled:
        subtitle += f'<p class="as-untitled">{esc(LABELS["untitled"])}</p>'
    return (f'<header class="as-article-header">{kicker}<h1>{esc(article.title)}</h1>{subtitle}'
            f'<table class="as-meta-table">{table}</table></header>')


def article_footer(index: SiteIndex, article: Article) -> str:
    """Captions, the 'continued' note, the link to the raw OCR lines and the
    next article of the printed page. (The source page is linked from the
    metadata table above and by the raw lines' link: not a third time here,
    170 bytes on each of 50,000 pages.)"""
    parts = []
    if article.continued:
        parts.append(f'<p class="as-continued">{esc(LABELS["continued"])}</p>')
    if article.notes:
        notes = "".join(f"<li>{esc(n)}</li>" for n in article.notes)
        parts.append(f'<div class="as-notes"><p class="as-captions-title">{esc(LABELS["notes"])}</p><ul>{notes}</ul></div>')
    if article.captions:
        captions = "".join(f"<figcaption>{esc(c)}</figcaption>" for c in article.captions)
        parts.append(f'<figure class="as-captions"><p class="as-captions-title">{esc(LABELS["captions"])}</p>{captions}</figure>')
    parts.append(raw_link(index, article))
    source = index.archive.source_of(article)
    if source is not None:
        parts.append(page_neighbours(index, article, source))
    return '<footer class="as-article-footer">' + "".join(parts) + "</footer>"


def raw_link(index: SiteIndex, article: Article) -> str:
    """A link to the article's raw OCR lines on its source page (one copy of the
    raw text per printed page, not one per article), or a note when they are missing."""
    if not article.raw_lines:
        return ""
    source = index.archive.source_of(article)
    if source is None or index.archive.raw_text_of(article) is None:
        return f'<p class="as-raw-missing">{esc(LABELS["raw_missing"])}</p>'
    first, last = article.raw_lines
    href = index.linker.href(article.src_uri, source.src_uri, anchor=RAW_ANCHOR)
    return f'<p class="as-raw"><a href="{href}">{esc(LABELS["raw_ocr"].format(first=first, last=last))}</a></p>'


def raw_anchor(markdown: str) -> str:
    """Give a source page's raw-text heading the fixed id :data:`RAW_ANCHOR`
    (attr_list), so article pages can link to it.

    >>> raw_anchor("## 删除的文字\\n\\n## 原始文本\\n\\n```text\\n## 原始文本\\n```")
    '## 删除的文字\\n\\n## 原始文本 {#raw}\\n\\n```text\\n## 原始文本\\n```'
    """
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == config.RAW_HEADING:
            lines[i] = f"{config.RAW_HEADING} {{#{RAW_ANCHOR}}}"
            break
    return "\n".join(lines)


_RAW_PRE = re.compile(r'(<h2 id="' + RAW_ANCHOR + r'"[^>]*>.*?</h2>)\s*<pre\b.*?</pre>', re.S)


def pack_raw_text(html: str, raw_text: str | None, ends: list[int | None] = (),
                  texts: list[str | None] = ()) -> str:
    r"""A source page's HTML with its raw text block (the ``<pre>`` under the
    raw-text heading) stored compressed (:func:`archive_site.deflate.pack`):
    ``assets/archive/archive.js`` inflates it into a ``<pre>`` when the page is
    shown. The raw text of a printed page is most of a source page's bytes, and
    packed it takes about half of them (measured on the 16 corpus pages' OCR and
    pdftotext text: 46–59 %, 52 % on average). With its articles' last raw
    lines (``ends``) and their pages' texts (``texts``,
    :func:`archive_site.rawdiff.article_text`) it is stored in pieces, each
    against its article's text where that is smaller (:func:`archive_site.rawdiff.pack_raw`:
    ``data-from`` names the articles). Left as it is when the page has no raw text.

    >>> page = '<h2 id="raw">原始文本</h2>\n<pre><code class="language-text">第一行 &lt;b&gt;\n第二行</code></pre>\n<p>后记</p>'
    >>> packed = pack_raw_text(page, "第一行 <b>\n第二行")
    >>> packed.split("<div")[0], "<pre" in packed, packed.endswith("<p>后记</p>")
    ('<h2 id="raw">原始文本</h2>', False, True)
    >>> import re; from archive_site.deflate import unpack
    >>> unpack(re.search(r'data-deflate="([^"]*)"', packed).group(1))
    '第一行 <b>\n第二行'
    >>> pack_raw_text(page, None) == page
    True
    """
    if raw_text is None:
        return html
    lines = raw_text.count("\n") + 1
    packed, froms = pack_raw(raw_text, list(ends), list(texts))
    froms = f' data-from="{froms}"' if froms else ""
    block = (f'<div class="as-raw-packed" data-deflate="{packed}"{froms} data-lines="{lines}">'
             f'<noscript><p>{esc(LABELS["raw_needs_js"])}</p></noscript></div>')
    return _RAW_PRE.sub(lambda m: m.group(1) + block, html, count=1)


def page_neighbours(index: SiteIndex, article: Article, source: Source) -> str:
    """Links to the previous and next article on the same newspaper page."""
    siblings = index.archive.articles_of_source(source)
    if article not in siblings:
        return ""
    i = siblings.index(article)
    links = []
    for label, j in ((LABELS["prev_on_page"], i - 1), (LABELS["next_on_page"], i + 1)):
        if 0 <= j < len(siblings):
            other = siblings[j]
            links.append(f'<a href="{index.linker.href(article.src_uri, other.src_uri)}">{esc(label)}：{esc(other.title)}</a>')
    return f'<p class="as-neighbours">{"<br>".join(links)}</p>' if links else ""


def source_header(index: SiteIndex, source: Source) -> str:
    """On a source page: newspaper (linked to its page list), date and 版面 number."""
    uri = source.src_uri
    paper = esc(source.newspaper)
    if source.newspaper and ("paper", source.newspaper) in index.slugs:
        paper = f'<a href="{index.linker.href(uri, index.paper_uri(source.newspaper))}">{paper}</a>'
    bits = [paper] if source.newspaper else []
    bits += [esc(b) for b in (source.date, LABELS["page_n"].format(page=source.page) if source.page else "") if b]
    return f'<p class="as-facts as-source-header">{" · ".join(bits)}</p>' if bits else ""


# The article list the converter used to write into source pages (before the
# list was made at build time): ``1. [标题](../articles/<stem>/01.md)``.
LEGACY_LIST_HEADING = "## 文章"
_LEGACY_ITEM = re.compile(r"^\d+\. \[.*\]\(\.\./articles/[^)]+\.md\)$")
_LEGACY_NONE = "（本页没有识别出文章。）"


def drop_legacy_article_list(markdown: str) -> str:
    r"""A source page body without the article list an older converter wrote
    into it (its links break when an article page is deleted or renamed; the
    list is now made at build time by :func:`source_articles`). Lines a person
    added to that section are kept, and so is its heading then.

    >>> body = "# 来源：a.txt\n\n## 文章\n\n1. [标题](../articles/a/01.md)\n2. [另一篇](../articles/a/02.md)\n\n## 删除的文字\n\n无"
    >>> drop_legacy_article_list(body)
    '# 来源：a.txt\n\n## 删除的文字\n\n无'
    >>> drop_legacy_article_list("## 文章\n\n1. [标题](../articles/a/01.md)\n校对：张三\n\n## 原始文本\n")
    '## 文章\n\n校对：张三\n\n## 原始文本\n'
    """
    lines = markdown.split("\n")
    try:
        start = lines.index(LEGACY_LIST_HEADING)
    except ValueError:
        return markdown
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    kept = [line for line in lines[start + 1:end] if not (_LEGACY_ITEM.match(line) or line.strip() == _LEGACY_NONE)]
    if not any(line.strip() for line in kept):
        return "\n".join(lines[:start] + lines[end:])
    while kept and not kept[0].strip():
        kept.pop(0)
    return "\n".join(lines[:start + 1] + [""] + kept + lines[end:])


def source_articles(index: SiteIndex, source: Source) -> str:
    """The list of a source page's articles, made at build time from the
    articles' own front matter (``source``, ``order``): deleting or renaming
    an article page by hand never leaves a broken link here."""
    articles = index.archive.articles_of_source(source)
    heading = f'<h2 id="as-source-articles">{esc(LABELS["source_articles"])}</h2>'
    if not articles:
        return heading + f'<p class="as-none">{esc(_LEGACY_NONE)}</p>'
    items = article_list(articles, index.linker, source.src_uri, show_paper=False, ordered=True)
    return heading + items.replace('class="as-list"', 'class="as-list as-source-articles"', 1)


def is_article(archive: Archive, src_uri: str) -> bool:
    return src_uri in archive.by_uri
