"""Generators of the index pages. Each returns ``{src_uri: markdown}``; the
plugin turns them into MkDocs virtual files (nothing is written to docs/).

:data:`GENERATORS` is the ordered registry of page generators; adding an index
page means writing a module with ``pages(index)`` and listing it here.
:func:`generate` runs them all; :class:`~.index.SiteIndex` holds what they share.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .. import config
from ..collection import Archive
from . import dates, home, names, newspapers, topics, zones
from .index import UNKNOWN_NEWSPAPER, PaperPage, SiteIndex, newspaper_pages

__all__ = ["GENERATORS", "UNKNOWN_NEWSPAPER", "PaperPage", "SiteIndex", "generate", "index_signature",
           "newspaper_pages"]

# The ordered registry of index page generators (the home page comes last: it
# links the pages the others made).
GENERATORS = (zones.pages, topics.pages, dates.pages, newspapers.pages, names.pages)


def generate(index: SiteIndex, with_home: bool = True, search_uri: str | None = None) -> dict[str, str]:
    """All generated pages: ``{src_uri: markdown}`` (the home page links the
    search page ``search_uri`` when there is one)."""
    pages: dict[str, str] = {}
    for generator in GENERATORS:
        pages.update(generator(index))
    if with_home:
        pages[config.HOME] = home.page(index, search_uri, available=set(pages))
    return pages


_PACKAGE = Path(__file__).resolve().parent.parent
# What the generated pages are made from besides the pages' front matter: this
# package's code (not the search engine's) and the registries' data.
_INPUT_FILES = sorted(p for p in _PACKAGE.rglob("*.py") if "search" not in p.relative_to(_PACKAGE).parts) + \
    sorted((_PACKAGE.parent / "newsarchive" / "data").glob("*.yml"))


def index_signature(archive: Archive, *settings) -> str:
    """A hash of everything the generated pages depend on: every article's and
    source's front matter (not the bodies: no index page shows them), the
    generators' code and data, the limits and ``settings``. Equal hashes mean
    equal pages, so a build after an edit of article text only reuses the
    pages of the last build without generating them."""
    h = hashlib.blake2b(digest_size=16)
    for path in _INPUT_FILES:
        h.update(path.read_bytes())
    h.update(repr((config.LIMITS, settings)).encode("utf-8"))
    for article in archive.articles:
        h.update(repr([v for k, v in vars(article).items() if k != "body"]).encode("utf-8"))
    for source in archive.sources:
        h.update(repr([v for k, v in vars(source).items() if k != "raw_text"]).encode("utf-8"))
    return h.hexdigest()
