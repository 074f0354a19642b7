"""The HTML of a hand-written page, cleaned of what Markdown lets a person (or
a pasted text) inject: event-handler attributes (attr_list's
``{: onclick=…}``), ``javascript:``, ``data:`` and ``vbscript:`` URLs, raw
``<script>``, ``<iframe>``, forms and the like.

It is an allow-list (the Ammonia sanitiser through ``nh3``, the approach
OWASP recommends, with an HTML5 parser like a browser's): only the tags and
attributes that this site's Markdown extensions produce survive, so links,
images, tables (with column alignment), admonitions, details, code, headings
with their anchors and attr_list classes, ids and ``data-`` attributes keep
working. Relative links are kept as they are (MkDocs has already checked and
rewritten them). The generated index pages are the site's own HTML and are
not passed through here.
"""
from __future__ import annotations

import html

import nh3

from .render import esc

# What Python-Markdown (toc, tables, admonition, attr_list, pymdownx.details)
# and plain hand-written HTML may legitimately use.
TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "u", "ul", "var", "wbr",
}
# Removed with their content (the rest of a disallowed tag's content stays, as text).
CLEAN_CONTENT = {"script", "style", "template", "noscript", "textarea", "select", "object", "embed", "iframe",
                 "frame", "frameset", "noembed", "noframes", "xmp", "svg", "math"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}   # no javascript:, data:, vbscript:, file:
STYLE_PROPERTIES = {"text-align"}                   # the tables extension's column alignment

_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags=CLEAN_CONTENT,
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"data-"},
    url_schemes=URL_SCHEMES,
    filter_style_properties=STYLE_PROPERTIES,
    link_rel=None,
    strip_comments=True,
)


def sanitize_html(markup: str) -> str:
    """The HTML of a page's Markdown with everything executable taken out.

    >>> sanitize_html('<p class="note" id="p1" onclick="alert(1)">正文</p>')
    '<p class="note" id="p1">正文</p>'
    >>> sanitize_html('<a href="javascript:alert(1)">甲</a><a href=" JaVaScRiPt:alert(1)">乙</a><a href="../a/01.html#x">丙</a>')
    '<a>甲</a><a>乙</a><a href="../a/01.html#x">丙</a>'
    >>> sanitize_html('<img src="data:text/html;base64,PHNjcmlwdD4=" alt="图"><a href="vbscript:msgbox(1)">丁</a>')
    '<img alt="图"><a>丁</a>'
    >>> sanitize_html('<script>alert(1)</script><table><tr><th style="text-align: left; position: fixed">列</th></tr></table>')
    '<table><tbody><tr><th style="text-align:left">列</th></tr></tbody></table>'
    >>> sanitize_html('<div class="admonition note"><p class="admonition-title">注意</p></div>')
    '<div class="admonition note"><p class="admonition-title">注意</p></div>'
    """
    return _CLEANER.clean(markup)


def plain_text_title(title: str) -> str:
    """A table-of-contents or navigation title as text: tags removed, the
    rest escaped (templates print titles as HTML, unescaped).

    >>> plain_text_title('小标题<img src=x onerror="alert(1)">')
    '小标题'
    >>> plain_text_title("A &amp; B")
    'A &amp; B'
    """
    return esc(html.unescape(nh3.clean(title, tags=set(), clean_content_tags=CLEAN_CONTENT)))
