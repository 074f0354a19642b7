"""Which high-tech zones (高新区) an article is about.

The registry is ``data/zones.yml`` (its header explains the format and the
rules); this module only reads it and applies it. Loaded once per process.

>>> resolve_zones("东莞松山湖科学城 首个园镇合作试点项目签约",
...               ["本报讯 9月4日,东莞松山湖高新区管委会与大朗镇举行松山湖科学城产业化基地(屏山)项目签约仪式"])
['松山湖高新区']
>>> resolve_zones("4名科学家获2020年未来科学大奖", ["近日,2020年未来科学大奖在北京揭晓"])
[]
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from .text import pos_tagger

DATA = Path(__file__).resolve().parent / "data" / "zones.yml"
SUFFIX = "高新区"


@dataclass(frozen=True)
class Zone:
    name: str
    full_name: str
    aliases: tuple[str, ...]
    city: str
    province: str
    level: str
    locality: str | None = None
    note: str | None = None


def normalize(text: str) -> str:
    """NFC, without any whitespace (OCR puts spaces inside names).

    >>> normalize("淄博 高新区\\n奋力")
    '淄博高新区奋力'
    """
    return "".join(unicodedata.normalize("NFC", text or "").split())


def variants(surface: str, patterns: Sequence[str]) -> list[str]:
    """The regular forms of a name that ends in 高新区 (the rule of `alias_patterns`).

    >>> variants("淄博高新区", ["{stem}高新区", "{stem}国家高新区", "{stem}高新技术产业开发区"])
    ['淄博高新区', '淄博国家高新区', '淄博高新技术产业开发区']
    >>> variants("苏州工业园区", ["{stem}国家高新区"])
    []
    """
    if not surface.endswith(SUFFIX) or len(surface) <= len(SUFFIX):
        return []
    stem = surface[: -len(SUFFIX)]
    return [p.format(stem=stem) for p in patterns]


class Registry:
    """The parsed zones.yml: zones, every surface form → zone, one matcher."""

    def __init__(self, data: dict):
        self.settings: dict = dict(data.get("settings") or {})
        self.patterns: list[str] = list(data.get("alias_patterns") or [])
        self.bare_words: list[str] = [normalize(w) for w in data.get("bare_words") or []]
        self.trigger_words: set[str] = {normalize(w) for w in data.get("trigger_words") or []}
        self.needs_shi: set[str] = {normalize(w) for w in data.get("needs_shi") or []}
        zones = []
        for entry in data.get("zones") or []:
            zones.append(Zone(
                name=normalize(entry["name"]),
                full_name=normalize(entry.get("full_name") or entry["name"]),
                aliases=tuple(normalize(a) for a in entry.get("aliases") or ()),
                city=normalize(str(entry.get("city") or "")),
                province=normalize(str(entry.get("province") or "")),
                level=str(entry.get("level") or ""),
                locality=normalize(entry["locality"]) if entry.get("locality") else None,
                note=entry.get("note"),
            ))
        self.zones: tuple[Zone, ...] = tuple(zones)
        self.by_name: dict[str, Zone] = {z.name: z for z in zones}
        # surface form -> zone name; explicit forms first, derived ones never override
        self.surface: dict[str, str] = {}
        self.conflicts: list[tuple[str, str, str]] = []
        for z in zones:
            for form in self.forms(z):
                owner = self.surface.setdefault(form, z.name)
                if owner != z.name:
                    self.conflicts.append((form, owner, z.name))
        self.matcher: re.Pattern = build_matcher(list(self.surface) + self.bare_words)
        self.places: dict[str, list[Zone]] = {}
        for z in zones:
            for place in {z.city, z.locality} - {None, ""}:
                self.places.setdefault(place, []).append(z)

    def forms(self, zone: Zone) -> list[str]:
        """Every surface form of a zone: name, full name, aliases and their variants."""
        out: list[str] = []
        for s in (zone.name, zone.full_name, *zone.aliases):
            for form in (s, *variants(s, self.patterns)):
                if form not in out:
                    out.append(form)
        return out

    def lookup(self, name: str) -> Zone | None:
        zone_name = self.surface.get(normalize(name))
        return self.by_name.get(zone_name) if zone_name else None

    def zone_of_place(self, place: str) -> Zone | None:
        """The zone an article means by 高新区 when it names only the place.

        "<place>高新区" if that is a name, else the place's only zone.
        """
        place = normalize(place)
        if place.endswith("市") and len(place) > 2:
            place = place[:-1]
        zone = self.lookup(place + SUFFIX)
        if zone:
            return zone
        zones = self.places.get(place, [])
        return zones[0] if len(zones) == 1 else None


@functools.lru_cache(maxsize=8)
def _registry(path: str | None = None) -> Registry:
    with open(path or DATA, encoding="utf-8") as fh:
        return Registry(yaml.safe_load(fh) or {})


def registry(path: str | Path | None = None) -> Registry:
    return _registry(str(path) if path else None)


def load_zones(path: str | Path | None = None) -> tuple[Zone, ...]:
    """All zones of the registry, in file order (cached).

    >>> [z.name for z in load_zones() if z.city == "东莞"]
    ['松山湖高新区']
    """
    return registry(path).zones


def zone_by_name(name: str) -> Zone | None:
    """The zone with this canonical name, alias or regular variant.

    >>> zone_by_name("东莞松山湖高新区").name, zone_by_name(" 淄博国家高新区").name
    ('松山湖高新区', '淄博高新区')
    >>> zone_by_name("中国光谷").province, zone_by_name("未来科学城") is None
    ('湖北', True)
    """
    return registry().lookup(name)


def build_trie(words: Iterable[str]) -> dict:
    """A character trie of ``words``; the key "" marks the end of a word."""
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = word
    return trie


def trie_pattern(node: dict) -> str:
    """A regular expression matching the words of a trie, longest first at
    each position (a child is tried before the end of a word).

    >>> trie_pattern(build_trie(["高新区", "高新", "园区"]))
    '(?:园区|高新(?:区)?)'
    """
    alts = [re.escape(ch) + trie_pattern(node[ch]) for ch in sorted(k for k in node if k)]
    if "" in node:
        return f"(?:{'|'.join(alts)})?" if alts else ""
    return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"


def build_matcher(words: Iterable[str]) -> re.Pattern:
    """A compiled matcher for :func:`scan_spans` (a trie as one regex: fast)."""
    trie = build_trie(words)
    return re.compile(trie_pattern(trie) if trie else r"(?!)")


def scan_spans(text: str, matcher: re.Pattern) -> list[tuple[int, str]]:
    """(start, word) of the matcher's words in ``text``, leftmost-longest,
    never overlapping.

    >>> scan_spans("东莞松山湖高新区管委会", build_matcher(["松山湖高新区", "东莞松山湖高新区", "管委会"]))
    [(0, '东莞松山湖高新区'), (8, '管委会')]
    """
    return [(m.start(), m.group()) for m in matcher.finditer(text)]


def scan(text: str, matcher: re.Pattern) -> list[str]:
    """The matcher's words found in ``text``, leftmost-longest, never overlapping.

    >>> scan("东莞松山湖高新区管委会", build_matcher(["松山湖高新区", "东莞松山湖高新区", "管委会"]))
    ['东莞松山湖高新区', '管委会']
    """
    return matcher.findall(text)


@functools.lru_cache(maxsize=1)
def _place_tags() -> dict:
    tags = pos_tagger().word_tag_tab
    return tags if tags else {}


def named_before(text: str, k: int, reg: Registry | None = None) -> tuple[str, Zone | None] | None:
    """The place right before a bare word at ``k`` (汉中高新区, 武汉高新区):
    (place, its zone) for a place of the registry, (place, None) for another
    place name jieba knows (a zone missing from the registry), else None.

    >>> named_before("赴武汉高新区考察", 3)[1].name
    '东湖高新区'
    >>> named_before("陕西汉中高新区", 4)
    ('汉中', None)
    >>> named_before("企业落户高新区", 4) is None
    True
    """
    reg = reg or registry()
    before = text[max(0, k - 5):k]
    if before.endswith("市"):
        before = before[:-1]
    for n in (4, 3, 2):
        place = before[-n:]
        if len(place) == n and place in reg.places:
            return place, reg.zone_of_place(place)
    tags = _place_tags()
    for n in (4, 3, 2):
        place = before[-n:]
        if len(place) == n and (tags.get(place) or "").startswith("ns"):
            return place, None
    return None


def find_mentions(text: str, reg: Registry | None = None) -> list[str]:
    """Zone names and bare words in ``text``, leftmost-longest, never overlapping.

    >>> find_mentions("东莞松山湖高新区管委会与大朗镇举行松山湖科学城产业化基地项目签约仪式")
    ['东莞松山湖高新区']
    >>> find_mentions("淄博 高新区在“双招双引”、科技创新等方面取得了一定成绩,迈上新台阶。推动高新区各项工作")
    ['淄博高新区', '高新区']
    """
    reg = reg or registry()
    return scan(normalize(text), reg.matcher)


def count_places(text: str, reg: Registry | None = None) -> dict[str, int]:
    """How strongly each city/locality of the registry is named: "<place>市"
    counts `place_shi_weight` (2), a bare place name 1, but only when it is not
    in `needs_shi` (安康 is also a word).

    >>> count_places("安康市副市长寇全安表示,作为安康经济发展的强力引擎")
    {'安康': 2}
    >>> count_places("赴深圳、东莞、洛阳等地开展招商活动26次")
    {'深圳': 1, '东莞': 1, '洛阳': 1}
    """
    reg = reg or registry()
    text = normalize(text)
    counts: dict[str, int] = {}
    shi_weight = reg.settings.get("place_shi_weight", 2)
    for place in reg.places:
        start = 0
        while (k := text.find(place, start)) >= 0:
            start = k + len(place)
            if text.startswith("市", start):
                counts[place] = counts.get(place, 0) + shi_weight
            elif place not in reg.needs_shi:
                counts[place] = counts.get(place, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: text.find(kv[0])))


def explain_zones(title: str, paragraphs: Sequence[str], captions: Iterable[str] = (),
                  city_hint: str | None = None) -> dict:
    """The decision of :func:`resolve_zones` with its evidence, for a log.

    Keys: ``zones`` (the result), ``rule`` (explicit / place / hint / none),
    ``scores`` (zone → weighted count), ``mentions`` (zone → the forms that
    counted, with where: t = title, p3 = paragraph 3, c1 = caption 1),
    ``bare`` (bare word → count), ``place`` (the place used, if any),
    ``unknown`` (zones named in the text but missing from the registry, such
    as 汉中高新区: worth adding to zones.yml; an article naming one never
    falls back to a city's zone).

    >>> e = explain_zones("安康高新区 5个重点产业项目集中投产",
    ...                   ["安康高新区党工委副书记、管委会主任罗武侠介绍了集中投产项目情况。"])
    >>> e["zones"], e["scores"], e["mentions"]
    (['安康高新区'], {'安康高新区': 4}, {'安康高新区': ['t:安康高新区', 'p1:安康高新区']})
    """
    reg = registry()
    settings = reg.settings
    weights = {"t": settings.get("title_weight", 3), "p": 1, "c": settings.get("caption_weight", 1)}
    parts = [("t", title or "")] + [(f"p{i}", p) for i, p in enumerate(paragraphs or (), 1)]
    parts += [(f"c{i}", c) for i, c in enumerate(captions or (), 1)]
    scores: dict[str, float] = {}
    mentions: dict[str, list[str]] = {}
    bare: dict[str, int] = {}
    unknown: dict[str, int] = {}
    unknown_score: dict[str, float] = {}
    for where, text in parts:
        text = normalize(text)
        for k, form in scan_spans(text, reg.matcher):
            zone_name = reg.surface.get(form)
            if zone_name is None and form in reg.trigger_words:
                named = named_before(text, k, reg)
                if named and named[1] is None:
                    unknown[named[0]] = unknown.get(named[0], 0) + 1
                    unknown_score[named[0]] = unknown_score.get(named[0], 0) + weights[where[0]]
                elif named:
                    zone_name, form = named[1].name, named[0] + form
            if zone_name is None:
                bare[form] = bare.get(form, 0) + 1
                continue
            scores[zone_name] = scores.get(zone_name, 0) + weights[where[0]]
            mentions.setdefault(zone_name, []).append(f"{where}:{form}")
    # jieba also tags some verbs as places (扎根): an unknown zone must be
    # named twice, or its place be named with 市/县/区 too
    whole = "".join(normalize(t) for _, t in parts)
    unknown_zones = [p + SUFFIX for p, k in unknown.items()
                     if k >= 2 or any(p + c in whole.replace(p + SUFFIX, "") for c in "市县区")]
    result = {"zones": [], "rule": "none", "scores": scores, "mentions": mentions,
              "bare": bare, "place": None, "unknown": unknown_zones}
    if scores:
        # an unknown zone named more often than the known ones pushes them out
        top = max([*scores.values(), *(unknown_score[z[:-len(SUFFIX)]] for z in unknown_zones)])
        share = settings.get("secondary_min_share", 0.2)
        ranked = sorted(scores, key=lambda z: -scores[z])  # stable: first mention wins ties
        result["zones"] = [z for z in ranked if scores[z] >= top * share][: settings.get("max_zones", 8)]
        result["rule"] = "explicit"
        return result
    if unknown_zones or not any(w in reg.trigger_words for w in bare):
        return result
    places: dict[str, int] = {}
    for _, text in parts:
        for place, k in count_places(text, reg).items():
            places[place] = places.get(place, 0) + k
    ranked_places = sorted(places.items(), key=lambda kv: -kv[1])
    if ranked_places and (len(ranked_places) == 1 or ranked_places[0][1] > ranked_places[1][1]):
        zone = reg.zone_of_place(ranked_places[0][0])
        if zone:
            result.update(zones=[zone.name], rule="place", place=ranked_places[0][0])
            return result
    if city_hint:
        zone = reg.zone_of_place(city_hint)
        if zone:
            result.update(zones=[zone.name], rule="hint", place=normalize(city_hint))
    return result


def resolve_zones(title: str, paragraphs: Sequence[str], captions: Iterable[str] = (),
                  city_hint: str | None = None) -> list[str]:
    """Canonical names of the zones an article is about, primary first.

    A bare 高新区 goes to the zone the article names; with no zone named, to
    the zone of the city it names (or of ``city_hint``).

    >>> resolve_zones("高新之上,何以登新高?",
    ...     ["淄博高新区工委书记、管委会常务副主任王晓东掷地有声", "推动高新区各项工作高质量、高标准全面起势。"])
    ['淄博高新区']
    >>> resolve_zones("砥砺前行芳华 起航风正劲",
    ...     ["聊城市四维自动化科技有限公司是高新区一家自动化系统集成与开发企业"])
    ['聊城高新区']
    >>> resolve_zones("产业发展提质增效", ["高新区实施“制造业强区”战略"], city_hint="聊城")
    ['聊城高新区']
    """
    return explain_zones(title, paragraphs, captions, city_hint)["zones"]
