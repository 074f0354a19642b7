"""Generators of the index pages. Each returns ``{src_uri: markdown}``; the
plugin turns them into MkDocs virtual files (nothing is written to docs/).

:data:`GENERATORS` is the ordered registry of page generators; adding an index
page means writing a module with ``pages(index)`` and listing it here.
:func:`generate` runs them all; :class:`~.index.SiteIndex` holds what they share.
"""
from __future__ import annotations

from .. import config
from . import dates, home, names, newspapers, topics, zones
from .index import UNKNOWN_NEWSPAPER, PaperPage, SiteIndex, newspaper_pages

__all__ = ["GENERATORS", "UNKNOWN_NEWSPAPER", "PaperPage", "SiteIndex", "generate", "newspaper_pages"]

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
