"""What the index page generators share, computed once per build: the
archive, zone entries, slugs and link helpers (:class:`SiteIndex`)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from .. import config
from ..collection import Archive, Article, Source
from ..regions import ZoneEntry, canonical_zones, zone_entries
from ..render import Linker, slugify

UNKNOWN_NEWSPAPER = "未知报纸"


@dataclass
class PaperPage:
    """One 版面 of a newspaper: its source page (if any) and articles in page order."""

    source_name: str
    date: str
    page: str
    source: Source | None
    articles: list[Article]
    section: str = ""


@dataclass
class SiteIndex:
    """Everything the page generators share, computed once per build."""

    archive: Archive
    linker: Linker
    lookup: Callable[[str], object | None]
    zones: dict[str, ZoneEntry] = field(default_factory=dict)
    topics: dict[str, list[Article]] = field(default_factory=dict)
    papers: dict[str, list[PaperPage]] = field(default_factory=dict)
    slugs: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def build(cls, archive: Archive, linker: Linker, lookup: Callable[[str], object | None]) -> "SiteIndex":
        index = cls(archive, linker, lookup)
        index.zones = zone_entries(archive, lookup)
        index.topics = archive.group("topics")
        index.papers = newspaper_pages(archive)
        for kind, names in (("zone", index.zones), ("topic", index.topics), ("paper", index.papers)):
            taken: set[str] = set()
            for name in sorted(names):
                index.slugs[kind, name] = slugify(name, taken)
        return index

    def zone_uri(self, name: str) -> str:
        return f"{config.ZONES}{self.slugs['zone', name]}.md"

    def topic_uri(self, name: str) -> str:
        return f"{config.TOPICS}{self.slugs['topic', name]}.md"

    def paper_uri(self, name: str) -> str:
        return f"{config.NEWSPAPERS}{self.slugs['paper', name]}.md"

    @staticmethod
    def year_uri(year: int | None) -> str:
        return f"{config.DATES}{year if year is not None else 'undated'}.md"

    def zones_of(self, article: Article) -> list[str]:
        """The article's zones as canonical names (keys of :attr:`zones`)."""
        return canonical_zones(article, self.lookup)


def newspaper_pages(archive: Archive) -> dict[str, list[PaperPage]]:
    """newspaper → its pages (版面) by date and page number, each with its
    articles in page order. Articles whose source page is missing are still
    grouped by their ``source`` file name."""
    papers: dict[str, list[PaperPage]] = defaultdict(list)
    seen: set[str] = set()
    for source in archive.sources:
        arts = archive.articles_of_source(source)
        name = source.newspaper or next((a.newspaper for a in arts if a.newspaper), "") or UNKNOWN_NEWSPAPER
        papers[name].append(PaperPage(source.source, source.date, source.page, source, arts))
        seen.add(source.source)
    orphans: dict[str, list[Article]] = defaultdict(list)
    for article in archive.articles:
        if article.source not in seen:
            orphans[article.source].append(article)
    for name, arts in orphans.items():
        arts.sort(key=lambda a: (a.order or 0, a.src_uri))
        first = arts[0]
        papers[first.newspaper or UNKNOWN_NEWSPAPER].append(PaperPage(name, first.date, first.page, None, arts))
    for pages in papers.values():
        pages.sort(key=lambda p: Source(src_uri="", source=p.source_name, page=p.page, date=p.date).sort_key)
    return dict(sorted(papers.items()))
