"""Search records: what of each article page under ``docs/`` is searchable.

Only article pages are indexed: pages under ``docs/articles/`` read (and
validated) with :func:`archive_site.cache.read_page` (the pages the site hook
already parsed in this build are not parsed again). Source pages
(``type: source``: removed ads, page furniture and raw OCR) are never indexed,
nor are pages whose front matter says ``search: {exclude: true}``.

The searchable text of an article is its title, kicker, subtitle, byline,
body, photo captions and notes, one field per line, title first (so a match that
ends within ``len(fold(title))`` is a title match). Markdown markup is
removed and backslash escapes and HTML entities are undone; the text stays
NFC for display.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from newsarchive.schema import ARTICLE_FIELDS, SEARCH_SHOWN_FIELDS, SEARCH_TEXT_FIELDS, date_parts, site_fields

from ..cache import read_page

ARTICLES_DIR = "articles"

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
# One pass over inline markup: escapes first, so "\*" stays a literal star.
_INLINE = re.compile(
    r"\\(?P<esc>[!-/:-@\[-`{-~])"          # backslash escape of ASCII punctuation
    r"|!\[(?P<alt>[^\]]*)\]\([^)]*\)"       # image: keep the alt text
    r"|\[(?P<link>[^\]]*)\]\([^)]*\)"       # link: keep the text
    r"|<(?:[a-zA-Z/!][^>]*)>"               # HTML tag
    r"|(?P<emph>\*{1,3}|_{2,3}|`+|~~)"      # emphasis / code markers
)


def _inline_text(match: re.Match) -> str:
    if match.group("esc") is not None:
        return match.group("esc")
    if match.group("alt") is not None:
        return match.group("alt")
    if match.group("link") is not None:
        return match.group("link")
    return ""


def markdown_to_text(body: str) -> str:
    """Plain text of an article body: one line per paragraph or heading.

    >>> markdown_to_text("## 小标题\\n\\n第一段 \\\\*不是强调\\\\* **强调**\\n\\n&lt;b&gt; [链接](x.html)\\n")
    '小标题\\n第一段 *不是强调* 强调\\n<b> 链接'
    """
    lines = []
    in_fence = False
    for raw in body.splitlines():
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence or _RULE.match(raw) or raw.lstrip().startswith(("<!--", "!!!", "???")):
            continue
        line = raw
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _LIST.sub("", _QUOTE.sub("", line))
        line = html.unescape(_INLINE.sub(_inline_text, line)).strip()
        if line:
            lines.append(unicodedata.normalize("NFC", line))
    return "\n".join(lines)


@dataclass
class Record:
    """One searchable article: its URL, searchable text and year, and the
    fields a result shows (schema.SEARCH_SHOWN_FIELDS, typed as schema.SITE_TYPES
    says: tests/test_schema_derived.py checks it)."""

    url: str                    # relative to the site root, e.g. articles/x/01.html
    title: str
    text: str                   # the non-title fields, one per line (NFC)
    date: str = ""              # ISO as written (YYYY, YYYY-MM or YYYY-MM-DD)
    year: int | None = None
    newspaper: str = ""
    page: str = ""
    zones: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    @property
    def date_key(self) -> int:
        """A sortable number for the date (unknown parts count as 0)."""
        y, m, d = date_parts(self.date or None)
        return (y or 0) * 10000 + (m or 0) * 100 + (d or 0)


def _as_text(value) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value)).strip()


def _as_list(value) -> list[str]:
    return [_as_text(v) for v in (value or []) if _as_text(v)]


# schema.SEARCH_SHOWN_FIELDS with their site types and conversions.
_SHOWN = site_fields({name: ARTICLE_FIELDS[name] for name in SEARCH_SHOWN_FIELDS})


def shown_fields(meta: dict) -> dict:
    """The values a search result shows (schema.SEARCH_SHOWN_FIELDS), each
    converted as the schema says, NFC, empty ones left out of lists.

    >>> import datetime
    >>> shown_fields({"title": "淄博高新区 ", "date": datetime.date(2020, 1, 2), "page": 3, "zones": ["淄博高新区", ""]})
    {'title': '淄博高新区', 'date': '2020-01-02', 'newspaper': '', 'page': '3', 'zones': ['淄博高新区'], 'topics': []}
    """
    out: dict = {}
    for name, _, default, convert in _SHOWN:
        value = convert(meta[name]) if meta.get(name) not in (None, "") else (default() if callable(default) else default)
        out[name] = _as_list(value) if isinstance(value, list) else _as_text(value)
    return out


def field_text(meta: dict, body: str, name: str) -> str:
    r"""The searchable text of one field of schema.SEARCH_TEXT_FIELDS.

    >>> field_text({"authors": ["岳书杰", "毛琳琳"]}, "", "byline"), field_text({"captions": ["图一", "图二"]}, "", "captions")
    ('岳书杰 毛琳琳', '图一\n图二')
    """
    if name == "body":
        return markdown_to_text(body)
    if name == "byline":
        return " ".join(_as_list(meta.get("byline")) or _as_list(meta.get("authors")))
    value = meta.get(name)
    return "\n".join(_as_list(value)) if isinstance(value, list) else _as_text(value)


def record_from_page(path: Path, url: str) -> Record | None:
    """The record of one page, or None when the page must not be searchable."""
    page = read_page(path)
    meta = page.meta
    if page.is_source:
        return None
    search = meta.get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return None
    fields = [field_text(meta, page.body, name) for name in SEARCH_TEXT_FIELDS]
    shown = shown_fields(meta)
    return Record(url=url, text="\n".join(f for f in fields if f), year=date_parts(shown["date"] or None)[0], **shown)


def html_url(src_uri: str) -> str:
    """The site URL of a page with ``use_directory_urls: false``.

    >>> html_url("articles/001_x/01.md")
    'articles/001_x/01.html'
    """
    return src_uri[:-3] + ".html"


def article_paths(docs_dir: Path) -> list[tuple[Path, str]]:
    """(path, path relative to docs/) of every Markdown page under docs/articles/, sorted."""
    root = Path(docs_dir) / ARTICLES_DIR
    if not root.is_dir():
        return []
    return [(path, path.relative_to(docs_dir).as_posix()) for path in sorted(root.rglob("*.md"))]


def iter_records(docs_dir: Path | str, url_for: Callable[[str], str] = html_url) -> Iterator[Record]:
    """The records of all searchable article pages under ``docs_dir``, in path
    order; ``url_for`` maps a page's path relative to docs/ to its site URL."""
    for path, src_uri in article_paths(Path(docs_dir)):
        record = record_from_page(path, url_for(src_uri))
        if record is not None:
            yield record
