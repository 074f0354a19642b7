"""Zones of the archive grouped province → city → zone, through the zone
registry (:func:`newsarchive.zones.zone_by_name`). A zone name the registry
does not know (typed by hand) goes under 其他/未知; nothing here raises on
unknown names.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from newsarchive.zones import zone_by_name

from . import config
from .collection import Archive, Article

log = logging.getLogger("mkdocs.hooks.archive_site")


@dataclass
class ZoneEntry:
    """One zone as the site shows it: registry facts plus its articles."""

    name: str
    full_name: str = ""
    city: str = ""
    province: str = ""
    level: str = ""
    note: str = ""
    known: bool = False
    articles: list[Article] = field(default_factory=list)


def registry_lookup() -> Callable[[str], object | None]:
    """``zone_by_name`` from the zone registry; a name that breaks the lookup
    is treated as unknown (the site still builds)."""
    def lookup(name: str):
        try:
            return zone_by_name(name)
        except Exception:  # noqa: BLE001 - a bad registry entry must not stop the build
            return None

    return lookup


def zone_entries(archive: Archive, lookup: Callable[[str], object | None] | None = None) -> dict[str, ZoneEntry]:
    """Every zone named by an article, keyed by canonical name (aliases merged).

    Articles are in date order; an article naming a zone twice (by name and
    alias) is listed once.
    """
    lookup = lookup or registry_lookup()
    entries: dict[str, ZoneEntry] = {}
    for article in archive.articles:
        for name in article.zones:
            zone = lookup(name)
            key = getattr(zone, "name", None) or name
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = _entry(key, zone)
            if not entry.articles or entry.articles[-1] is not article:
                entry.articles.append(article)
    return entries


def _entry(name: str, zone) -> ZoneEntry:
    if zone is None:
        return ZoneEntry(name=name, province=config.UNKNOWN_PROVINCE, city=config.UNKNOWN_CITY)
    return ZoneEntry(
        name=name,
        full_name=str(getattr(zone, "full_name", "") or ""),
        city=str(getattr(zone, "city", "") or config.UNKNOWN_CITY),
        province=str(getattr(zone, "province", "") or config.UNKNOWN_PROVINCE),
        level=str(getattr(zone, "level", "") or ""),
        note=str(getattr(zone, "note", "") or ""),
        known=True,
    )


def canonical_zones(article: Article, lookup: Callable[[str], object | None]) -> list[str]:
    """An article's zones as canonical names, duplicates dropped, order kept."""
    names = [getattr(lookup(n), "name", None) or n for n in article.zones]
    return list(dict.fromkeys(names))


def by_province(entries: dict[str, ZoneEntry]) -> dict[str, dict[str, list[ZoneEntry]]]:
    """province → city → zones, each level sorted by name; 其他/未知 last."""
    tree: dict[str, dict[str, list[ZoneEntry]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries.values():
        tree[entry.province][entry.city].append(entry)
    provinces = sorted(tree, key=lambda p: (p == config.UNKNOWN_PROVINCE, p))
    return {
        p: {c: sorted(tree[p][c], key=lambda e: e.name) for c in sorted(tree[p], key=lambda c: (c == config.UNKNOWN_CITY, c))}
        for p in provinces
    }
