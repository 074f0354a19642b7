"""Generators of the index pages. Each returns ``{src_uri: markdown}``; the
plugin turns them into MkDocs virtual files (nothing is written to docs/).

:data:`GENERATORS` is the ordered registry of page generators; adding an index
page means writing a module with ``pages(index)`` and listing it here.
:func:`generate` runs them all; :class:`~.index.SiteIndex` holds what they share.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from pathlib import Path

from .. import config
from ..collection import Archive
from ..render import esc
from . import dates, home, names, newspapers, topics, zones
from .index import UNKNOWN_NEWSPAPER, PaperPage, SiteIndex, newspaper_pages

__all__ = ["GENERATORS", "UNKNOWN_NEWSPAPER", "LinkRecorder", "PaperPage", "SiteIndex", "generate", "index_signature",
           "newspaper_pages", "retitle"]

# The ordered registry of index page generators (the home page comes last: it
# links the pages the others made).
GENERATORS = (zones.pages, topics.pages, dates.pages, newspapers.pages, names.pages)


def generate(index: SiteIndex, with_home: bool = True, search_uri: str | None = None,
             links: dict[str, dict[str, int]] | None = None) -> dict[str, str]:
    """All generated pages: ``{src_uri: markdown}`` (the home page links the
    search page ``search_uri`` when there is one). ``links``, if given, is
    filled with the articles each page links: ``{page: {article: links}}``
    (:func:`retitle` uses it); left empty when a page holds an article link
    the generators did not make through the index's linker."""
    pages: dict[str, str] = {}
    linker = index.linker
    recorder = LinkRecorder(linker, set(index.archive.by_uri)) if links is not None else None
    if recorder is not None:
        index.linker = recorder
    try:
        for generator in GENERATORS:
            pages.update(generator(index))
        if with_home:
            pages[config.HOME] = home.page(index, search_uri, available=set(pages))
    finally:
        index.linker = linker
    if recorder is not None:
        found = {uri: dict(counts) for uri, counts in recorder.links.items()}
        if all(len(_ARTICLE_HREF.findall(text)) == sum(found.get(uri, {}).values()) for uri, text in pages.items()):
            links.update(found)
    return pages


# A link to an article page, as the linker writes it from any index page (with
# or without directory URLs, or to the source file for Zensical).
_ARTICLE_HREF = re.compile(r'<a href="(?:\.\./)*' + re.escape(config.ARTICLES_DIR) + r'[^"#]*"')


class LinkRecorder:
    """A :class:`~archive_site.render.Linker` that counts the links from each
    page to each article page (``targets``) while the pages are generated."""

    def __init__(self, linker, targets: set[str]):
        self.linker = linker
        self.targets = targets
        self.links: dict[str, Counter] = defaultdict(Counter)

    def href(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        if to_uri in self.targets and not anchor:
            self.links[from_uri][to_uri] += 1
        return self.linker.href(from_uri, to_uri, anchor)

    def __getattr__(self, name: str):
        return getattr(self.linker, name)


class _Retitled:
    """The replacement of an article link's text: the link's opening tag kept."""

    def __init__(self, shown: str):
        self.shown = shown

    def __call__(self, match: re.Match) -> str:
        return match.group(1) + self.shown + "</a>"


def retitle(pages: dict[str, str], links: dict[str, dict[str, int]], linker, titles: dict[str, tuple[str, str]]) -> bool:
    """Give the articles of ``titles`` (``{article: (old title, new title)}``)
    their new title in the generated ``pages`` that link them (``links``,
    from :func:`generate`), in place, without generating the pages again: an
    index page shows an article as a link holding its title. Only the pages
    that change are replaced in ``pages``; False (``pages`` untouched) when
    a page does not hold each of its links to an article with the old
    title, so that the pages must be generated instead.

    >>> from archive_site.render import Linker
    >>> pages = {"topics/a.md": '<li><a href="../articles/x/01.html">旧题</a></li>'}
    >>> retitle(pages, {"topics/a.md": {"articles/x/01.md": 1}}, Linker(), {"articles/x/01.md": ("旧题", "新题")})
    True
    >>> pages["topics/a.md"]
    '<li><a href="../articles/x/01.html">新题</a></li>'
    >>> retitle(pages, {"topics/a.md": {"articles/x/01.md": 1}}, Linker(), {"articles/x/01.md": ("旧题", "新题")})
    False
    """
    changed: dict[str, str] = {}
    for uri, counts in links.items():
        edits = [(article, counts[article]) for article in titles if article in counts]
        if not edits:
            continue
        text = pages.get(uri)
        if text is None:
            return False
        for article, count in edits:
            old, new = titles[article]
            pattern = re.compile('(<a href="' + re.escape(linker.href(uri, article)) + '"[^>]*>)' + re.escape(esc(old))
                                 + "</a>")
            text, made = pattern.subn(_Retitled(esc(new)), text)
            if made != count:
                return False
        changed[uri] = text
    pages.update(changed)
    return True


_PACKAGE = Path(__file__).resolve().parent.parent
# What the generated pages are made from besides the pages' front matter: this
# package's code (not the search engine's) and the registries' data.
_INPUT_FILES = sorted(p for p in _PACKAGE.rglob("*.py") if "search" not in p.relative_to(_PACKAGE).parts) + \
    sorted((_PACKAGE.parent / "newsarchive" / "data").glob("*.yml"))


def index_signature(archive: Archive, *settings, without: tuple[str, ...] = ()) -> str:
    """A hash of everything the generated pages depend on: every article's and
    source's front matter (not the bodies: no index page shows them), the
    generators' code and data, the limits and ``settings``. Equal hashes mean
    equal pages, so a build after an edit of article text only reuses the
    pages of the last build without generating them. ``without``: article
    fields left out (the titles: equal hashes then mean the same pages but
    for the titles the articles' links show, see :func:`retitle`)."""
    h = hashlib.blake2b(digest_size=16)
    for path in _INPUT_FILES:
        h.update(path.read_bytes())
    h.update(repr((config.LIMITS, settings, without)).encode("utf-8"))
    skip = {"body", *without}
    for article in archive.articles:
        h.update(repr([v for k, v in vars(article).items() if k not in skip]).encode("utf-8"))
    for source in archive.sources:
        h.update(repr([v for k, v in vars(source).items() if k != "raw_text"]).encode("utf-8"))
    return h.hexdigest()
