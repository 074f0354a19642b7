"""Zones of the archive grouped province → city → zone, through the zone
registry and the gazetteer (:func:`newsarchive.zones.zone_info`).

A name in front matter is one of three kinds: *listed* (in zones.yml: the
registry's facts are shown, even for a page converted before the zone was
added), *unlisted* (``<place>高新区`` of a real place: placed under the
place's province and city, reported as information at build), or *unknown*
(neither: typed by hand; listed under 其他/未知 and warned about, with the
closest registry names). Nothing here raises on a bad name; but a registry
file that cannot be read (``zones.yml``, ``topics.yml``) fails the build with
its file and line: it never silently files every article under 其他/未知.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from newsarchive import topics as topic_registry
from newsarchive import zones as zone_registry
from newsarchive.settings import registry_file
from newsarchive.zones import UNLISTED, closest_zone_names, registry_line, zone_info

from . import config
from .collection import Archive, Article

log = logging.getLogger("mkdocs.hooks.archive_site")

LISTED, UNKNOWN = "listed", "unknown"


@dataclass
class ZoneEntry:
    """One zone as the site shows it: registry facts plus its articles."""

    name: str
    full_name: str = ""
    city: str = ""
    province: str = ""
    level: str = ""
    note: str = ""
    year: int | None = None
    source: str = ""
    status: str = UNKNOWN          # listed / unlisted / unknown
    add_line: str = ""             # for an unlisted zone: the line to add to zones.yml
    articles: list[Article] = field(default_factory=list)

    @property
    def known(self) -> bool:
        """In the registry."""
        return self.status == LISTED



class RegistryError(Exception):
    """A registry file (zones.yml, topics.yml) that cannot be read: says which and where."""


def registry_problem(path: Path | str, exc: Exception) -> str:
    """One line naming the registry file, the line and what is wrong.

    >>> try:
    ...     yaml.safe_load("zones:\\n  - name: 淄博高新区\\n    city: [淄博\\n")
    ... except yaml.YAMLError as exc:
    ...     print(registry_problem("data/zones.yml", exc))
    data/zones.yml, line 4, column 1: not valid YAML: while parsing a flow sequence: expected ',' or ']', but got '<stream end>'
    """
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = exc.problem_mark
        what = f"{exc.context}: {exc.problem}" if exc.context else exc.problem
        return f"{path}, line {mark.line + 1}, column {mark.column + 1}: not valid YAML: {what}"
    if isinstance(exc, yaml.YAMLError):
        return f"{path}: not valid YAML: {' '.join(str(exc).split())}"
    return f"{path}: cannot be read as a registry: {type(exc).__name__}: {exc}"


def load_registries() -> None:
    """Read the zone and topic registries now; raise :class:`RegistryError`
    naming the file (and line) if either cannot be read."""
    for name, load in (("zones", zone_registry.registry), ("topics", topic_registry.taxonomy)):
        try:
            load()
        except Exception as exc:  # noqa: BLE001 - any failure: stop the build naming the file
            raise RegistryError(registry_problem(registry_file(name), exc)) from exc


def registry_lookup(reg=None) -> Callable[[str], object | None]:
    """``zone_info`` from the zone registry (or ``reg``, a loaded registry),
    after the registries have been read (:func:`load_registries` raises, naming
    the file and line, when one cannot be); a name that breaks the lookup is
    treated as unknown."""
    if reg is None:
        load_registries()
    found: dict[str, object | None] = {}    # one registry, many articles naming the same few zones

    def lookup(name: str):
        if name in found:
            return found[name]
        try:
            zone = zone_info(name, reg)
        except Exception:  # noqa: BLE001 - a bad registry entry must not stop the build
            zone = None
        found[name] = zone
        return zone

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
    level = str(getattr(zone, "level", "") or "")
    unlisted = level == UNLISTED
    return ZoneEntry(
        name=name,
        full_name="" if unlisted else str(getattr(zone, "full_name", "") or ""),
        city=str(getattr(zone, "city", "") or config.UNKNOWN_CITY),
        province=str(getattr(zone, "province", "") or config.UNKNOWN_PROVINCE),
        level=level,
        note=str(getattr(zone, "note", "") or ""),
        year=getattr(zone, "year", None),
        source=str(getattr(zone, "source", "") or ""),
        status=UNLISTED if unlisted else LISTED,
        add_line=registry_line(zone).strip() if unlisted else "",
    )


def zone_messages(entries: dict[str, ZoneEntry]) -> tuple[list[str], list[str]]:
    """What the build says about zones: (information, warnings).

    An unlisted zone is information (never a warning: --strict must not fail
    on it); a name that is neither in the registry nor a place is a warning
    with the closest registry names.
    """
    infos, warnings = [], []
    for entry in sorted(entries.values(), key=lambda e: e.name):
        pages = ", ".join(a.src_uri for a in entry.articles[:5]) + (" …" if len(entry.articles) > 5 else "")
        if entry.status == UNLISTED:
            where = f"{entry.province} {entry.city}" if entry.province != config.UNKNOWN_PROVINCE else "place not certain"
            infos.append(f"unlisted zone {entry.name} ({where}) in {pages}; to list it, add to "
                         f"scripts/newsarchive/data/zones.yml: {entry.add_line}")
        elif entry.status == UNKNOWN:
            try:
                near = closest_zone_names(entry.name)
            except Exception:  # noqa: BLE001 - the warning must not break the build
                near = []
            hint = f"; closest registry names: {', '.join(near)}" if near else ""
            warnings.append(f"unknown zone '{entry.name}' in {pages}: not in the zone registry and not a "
                            f"place name{hint}")
    return infos, warnings


def report_zones(entries: dict[str, ZoneEntry]) -> None:
    """Log :func:`zone_messages` (information at INFO, unknown names at WARNING)."""
    infos, warnings = zone_messages(entries)
    for message in infos:
        log.info(message)
    for message in warnings:
        log.warning(message)


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


def by_status(entries: dict[str, ZoneEntry]) -> dict[str, dict[str, ZoneEntry]]:
    """The entries split: listed, unlisted, unknown (each keeps its order)."""
    out: dict[str, dict[str, ZoneEntry]] = {LISTED: {}, UNLISTED: {}, UNKNOWN: {}}
    for name, entry in entries.items():
        out[entry.status][name] = entry
    return out
