"""HTML building blocks of the generated pages: escaping, relative links,
article lists and static inline SVG charts (no JavaScript, no CDN).

Every piece of text that comes from a page (titles, names, captions — OCR
text) goes through :func:`esc`; markup in it renders as text.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
import unicodedata
from typing import Iterable, Sequence
from urllib.parse import quote, unquote

from .collection import Article
from .labels import LABELS


def esc(text: object) -> str:
    """Escape text for HTML element content and attribute values.

    >>> esc('<script>alert("x")</script> & 高新区')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 高新区'
    """
    return html.escape(str(text), quote=True)


def md_heading(level: int, text: str, anchor: str | None = None) -> str:
    """A Markdown heading whose text is shown literally (escaped for Markdown
    and HTML), with an optional explicit id via attr_list-free raw HTML."""
    if anchor:
        return f'<h{level} id="{esc(anchor)}">{esc(text)}</h{level}>'
    return "#" * level + " " + md_escape(text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")  # Python-Markdown's escapable characters


def md_escape(text: str) -> str:
    """Escape a line of text so Markdown shows it literally.

    >>> md_escape("<b>1.</b> *淄博*")
    '&lt;b&gt;1\\\\.&lt;/b&gt; \\\\*淄博\\\\*'
    """
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def front_matter(title: str, **extra) -> str:
    """A YAML front-matter block (values JSON-quoted, which YAML reads)."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    lines += [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in extra.items()]
    return "\n".join(lines + ["---", ""])


def slugify(name: str, taken: set[str]) -> str:
    """A file-name-safe, readable slug for a name (Chinese kept), unique among
    ``taken`` (which it updates). ``index`` is never returned.

    >>> taken = set()
    >>> slugify("淄博高新区", taken), slugify("淄博/高新区", taken), slugify("index", taken)
    ('淄博高新区', '淄博-高新区', 'index-2')
    >>> slugify("淄博-高新区", taken)
    '淄博-高新区-2'
    """
    base = re.sub(r"[^\w\-]+", "-", unicodedata.normalize("NFC", name)).strip("-_") or "x"
    base = base[:60]
    slug, n = base, 1
    while slug in taken or slug == "index":
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def page_url(src_uri: str, use_directory_urls: bool = False) -> str:
    """The site URL of a page or file, percent-encoded, as MkDocs (and Zensical) make it.

    >>> page_url("zones/淄博.md"), page_url("zones/index.md", True), page_url("a/b.md", True), page_url("a.css", True)
    ('zones/%E6%B7%84%E5%8D%9A.html', 'zones/', 'a/b/', 'a.css')
    >>> page_url("index.md", True), page_url("README.md")
    ('./', 'index.html')
    """
    dest = dest_path(src_uri, use_directory_urls)
    dirname, name = posixpath.split(dest)
    if use_directory_urls and name == "index.html" and src_uri.endswith(MARKDOWN_SUFFIXES):
        dest = (dirname or ".") + "/"
    return quote(dest)


def dest_path(src_uri: str, use_directory_urls: bool = False) -> str:
    """The file a page or file becomes in the site, relative to the site folder.

    >>> dest_path("a/b.md"), dest_path("a/b.md", True), dest_path("a/index.md", True), dest_path("x.css")
    ('a/b.html', 'a/b/index.html', 'a/index.html', 'x.css')
    """
    if not src_uri.endswith(MARKDOWN_SUFFIXES):
        return src_uri
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        return posixpath.join(parent, stem + ".html")
    return posixpath.join(parent, stem, "index.html")


_ENCODED_NON_ASCII = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def iri(url: str) -> str:
    """A percent-encoded URL with its non-ASCII characters written as they are
    (an IRI, as HTML allows in ``href``; the browser encodes them when it
    follows the link, over HTTP and from ``file://``). A Chinese character is
    3 bytes instead of 9: the links to zone, topic and newspaper pages are a
    good part of every article page and index list. ASCII escapes stay
    (``%20``, ``%23``, ``%25``).

    >>> iri("../zones/%E6%B7%84%E5%8D%9A%E9%AB%98%E6%96%B0%E5%8C%BA.html")
    '../zones/淄博高新区.html'
    >>> iri("a%20b%25%23%E5%8C%BA.html")
    'a%20b%25%23区.html'
    """
    return _ENCODED_NON_ASCII.sub(lambda m: unquote(m.group(0)), url)


def relative_path(target: str, base_dir: str) -> str:
    """``posixpath.relpath(target, base_dir)`` for site-relative paths, without
    its two ``abspath`` calls (the generated pages make tens of thousands of
    links to articles, each a different pair).

    >>> relative_path("articles/001/01.html", "zones"), relative_path("zones/", ""), relative_path("zones/a.html", "zones")
    ('../articles/001/01.html', 'zones', 'a.html')
    >>> relative_path("./", "dates/2019"), relative_path("dates", "dates")
    ('../..', '.')
    """
    to = [part for part in target.split("/") if part and part != "."]
    start = [part for part in base_dir.split("/") if part and part != "."]
    if ".." in to or ".." in start:
        return posixpath.relpath(target, base_dir or ".")
    common = 0
    for a, b in zip(to, start):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


class Linker:
    """Relative links between pages, computed from their ``src_uri`` the way
    MkDocs computes page URLs (so they work from ``file://`` too)."""

    def __init__(self, use_directory_urls: bool = False):
        self.use_directory_urls = use_directory_urls
        self._urls: dict[str, str] = {}
        self._rel: dict[tuple[str, str], str] = {}

    def url(self, src_uri: str) -> str:
        """The site-relative URL of a page or file (percent-encoded), as MkDocs makes it."""
        url = self._urls.get(src_uri)
        if url is None:
            url = self._urls[src_uri] = page_url(src_uri, self.use_directory_urls)
        return url

    def href(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        """The relative href from one page (``src_uri``) to another page or file.

        >>> Linker().href("zones/淄博高新区.md", "articles/001/01.md")
        '../articles/001/01.html'
        >>> Linker().href("index.md", "zones/index.md")
        'zones/index.html'
        >>> Linker(True).href("zones/a.md", "index.md")
        '../../'
        """
        target = self.url(to_uri)
        base = self.url(from_uri)
        base_dir = base if base.endswith("/") else posixpath.dirname(base)
        key = (base_dir, target)
        rel = self._rel.get(key)
        if rel is None:     # many pages of one folder link the same pages: computed once per folder
            rel = relative_path(target, base_dir)
            if target.endswith("/"):
                rel = rel.rstrip("/") + "/" if rel != "." else "./"
            rel = self._rel[key] = esc(iri(rel))
        return rel + (esc(f"#{quote(anchor)}") if anchor else "")


class SourceLinker(Linker):
    """Links from page source to page source (``../articles/a/01.md``), for an
    engine that resolves every relative link of a page the way MkDocs resolves
    Markdown links, raw HTML included (Zensical): it turns them into the
    target's URL for either URL style. :meth:`url` stays the site URL.

    >>> SourceLinker(True).href("zones/淄博高新区.md", "articles/001/01.md", anchor="raw")
    '../articles/001/01.md#raw'
    >>> SourceLinker().href("index.md", "exports/articles.csv")
    'exports/articles.csv'
    """

    def href(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        base_dir = posixpath.dirname(from_uri)
        key = (base_dir, to_uri)
        rel = self._rel.get(key)
        if rel is None:
            rel = self._rel[key] = esc(quote(posixpath.relpath(to_uri, base_dir or ".")))
        return rel + (esc(f"#{quote(anchor)}") if anchor else "")


def date_label(article: Article) -> str:
    """The date as shown in lists: ISO as written, 推断 marked, 日期不详 if none."""
    if not article.date:
        return LABELS["undated"]
    mark = f"（{LABELS['inferred']}）" if article.date_inferred else ""
    return article.date + mark


def paper_label(article: Article) -> str:
    """Newspaper and page, e.g. ``鲁中晨报 第10版``."""
    parts = [article.newspaper] if article.newspaper else []
    if article.page:
        parts.append(LABELS["page_n"].format(page=article.page))
    return " ".join(parts)


def article_item(article: Article, linker: Linker, from_uri: str, show_paper: bool = True) -> str:
    """One ``<li>`` of an article list: date, linked title, newspaper/page.
    The markup is bare (an item is repeated some seven times per article in
    the index pages): the date is the item's first ``<span>`` and the
    newspaper its ``<small>``, styled through the list's class (archive.css).

    >>> a = Article(src_uri="articles/a/01.md", title="标题", date="2020-01-02", newspaper="鲁中晨报", page=3)
    >>> article_item(a, Linker(False), "zones/x.md")
    '<li><span>2020-01-02</span> <a href="../articles/a/01.html">标题</a> <small>鲁中晨报 第3版</small></li>'
    """
    date_attr = ' class="as-inferred"' if article.date_inferred else ""
    paper = f' <small>{esc(paper_label(article))}</small>' if show_paper and paper_label(article) else ""
    return (
        f'<li><span{date_attr}>{esc(date_label(article))}</span> '
        f'<a href="{linker.href(from_uri, article.src_uri)}">{esc(article.title)}</a>{paper}</li>'
    )


def article_list(articles: Iterable[Article], linker: Linker, from_uri: str, show_paper: bool = True,
                 ordered: bool = False) -> str:
    """An HTML list of articles (one line per article)."""
    tag = "ol" if ordered else "ul"
    items = "\n".join(article_item(a, linker, from_uri, show_paper) for a in articles)
    return f'<{tag} class="as-list">\n{items}\n</{tag}>' if items else f"<p>{esc(LABELS['none_yet'])}</p>"


def link(href: str, text: str, count: int | None = None) -> str:
    """An ``<a>`` with escaped text and an optional article count."""
    tail = f' <span class="as-count">{count}</span>' if count is not None else ""
    return f'<a href="{href}">{esc(text)}</a>{tail}'


def bar_chart(data: Sequence[tuple[str, int]], title: str, href_of=None, horizontal: bool = False,
              height: int = 120) -> str:
    """A static inline SVG bar chart; colours follow the light/dark palette
    through Material's CSS variables. ``href_of(label)`` links bars; an empty
    bar links nowhere (no page or section lists no articles).

    >>> svg = bar_chart([("2019", 3), ("2020", 5)], "各年")
    >>> svg.count("<rect"), "2020" in svg, "<title>各年</title>" in svg
    (2, True, True)
    >>> bar_chart([("2019", 3), ("2020", 0)], "各年", href_of=lambda y: f"{y}.html").count("<a href")
    1
    """
    if not data:
        return ""
    peak = max(n for _, n in data) or 1
    if horizontal:
        return _hbars(data, title, peak, href_of)
    return _vbars(data, title, peak, href_of, height)


def _wrap(label: str, href: str | None, inner: str) -> str:
    return f'<a href="{href}" aria-label="{esc(label)}">{inner}</a>' if href else inner


def _vbars(data, title, peak, href_of, height: int = 120) -> str:
    """Vertical bars (years): fixed bar width, the SVG scales to the page width."""
    bar, gap, top, bottom = 28, 10, 18, 22
    width = len(data) * (bar + gap) + gap
    parts = []
    for i, (label, n) in enumerate(data):
        x = gap + i * (bar + gap)
        h = round(height * n / peak) if n else 0
        y = top + height - h
        inner = (
            f'<rect class="as-bar" x="{x}" y="{y}" width="{bar}" height="{h}"><title>{esc(label)}：{n}</title></rect>'
            f'<text class="as-num" x="{x + bar / 2}" y="{y - 4}" text-anchor="middle">{n}</text>'
            f'<text class="as-label" x="{x + bar / 2}" y="{top + height + 16}" text-anchor="middle">{esc(label)}</text>'
        )
        parts.append(_wrap(label, href_of(label) if href_of and n else None, inner))
    total_h = top + height + bottom
    return (
        f'<svg class="as-chart" role="img" viewBox="0 0 {width} {total_h}" width="{width}" height="{total_h}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title>{"".join(parts)}</svg>'
    )


def _hbars(data, title, peak, href_of) -> str:
    """Horizontal bars (zones): label column on the left."""
    row, label_w, bar_w = 24, 170, 300
    parts = []
    for i, (label, n) in enumerate(data):
        y = i * row
        w = max(round(bar_w * n / peak), 1 if n else 0)
        inner = (
            f'<text class="as-label" x="{label_w - 8}" y="{y + 16}" text-anchor="end">{esc(label)}</text>'
            f'<rect class="as-bar" x="{label_w}" y="{y + 4}" width="{w}" height="{row - 8}"><title>{esc(label)}：{n}</title></rect>'
            f'<text class="as-num" x="{label_w + w + 6}" y="{y + 16}">{n}</text>'
        )
        parts.append(_wrap(label, href_of(label) if href_of and n else None, inner))
    width, height = label_w + bar_w + 50, len(data) * row
    return (
        f'<svg class="as-chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title>{"".join(parts)}</svg>'
    )
