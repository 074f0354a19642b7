"""Which high-tech zones (高新区) an article is about.

The registry is ``data/zones.yml`` (its header explains the format and the
rules); this module only reads it and applies it, with the gazetteer of
administrative divisions (:mod:`newsarchive.gazetteer`) for zones the registry
does not list. Loaded once per process.

>>> resolve_zones("东莞松山湖科学城 首个园镇合作试点项目签约",
...               ["本报讯 9月4日,东莞松山湖高新区管委会与大朗镇举行松山湖科学城产业化基地(屏山)项目签约仪式"])
['松山湖高新区']
>>> resolve_zones("宣城高新区新签约项目12个", [])
['宣城高新区']
>>> resolve_zones("4名科学家获2020年未来科学大奖", ["近日,2020年未来科学大奖在北京揭晓"])
[]
"""
from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence


from . import gazetteer
from .settings import read_yaml, registry_file
from .text import pos_tagger

DATA = Path(__file__).resolve().parent / "data" / "zones.yml"
SUFFIX = "高新区"
UNLISTED = "unlisted"
# jieba part-of-speech tags of words that are not names (verbs, adjectives,
# adverbs, numerals …): a division's short name with such a tag (合作, 安居,
# 胜利) is a place before 高新区 only when written in full (合作市高新区)
NOT_NAME_TAGS = ("v", "a", "d", "p", "c", "u", "m", "q", "r", "f", "t")


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
    year: int | None = None
    source: str | None = None
    ambiguous: tuple[str, ...] = ()
    counted: bool = False

    @property
    def listed(self) -> bool:
        return self.level != UNLISTED


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


def is_counted(entry: dict, as_of_year: int) -> bool:
    """Whether a registry entry is one of the national zones the header counts:
    national and approved by the count's date, unless ``counted`` says otherwise.

    >>> is_counted({"level": "national", "year": 2022}, 2023), is_counted({"level": "national", "year": 2026}, 2023)
    (True, False)
    >>> is_counted({"level": "agricultural", "counted": True}, 2023), is_counted({"level": "provincial"}, 2023)
    (True, False)
    """
    if "counted" in entry:
        return bool(entry["counted"])
    return entry.get("level") == "national" and (entry.get("year") or 0) <= as_of_year


class Registry:
    """The parsed zones.yml: zones, every surface form → zone, one matcher."""

    def __init__(self, data: dict):
        self.settings: dict = dict(data.get("settings") or {})
        self.national_count: dict = dict(data.get("national_count") or {})
        self.default_source: str = str(data.get("default_source") or "")
        self.patterns: list[str] = list(data.get("alias_patterns") or [])
        self.bare_words: list[str] = [normalize(w) for w in data.get("bare_words") or []]
        self.trigger_words: set[str] = {normalize(w) for w in data.get("trigger_words") or []}
        self.unlisted_suffixes: list[str] = [normalize(w) for w in data.get("unlisted_suffixes") or []]
        self.not_zone_words: set[str] = {normalize(w) for w in data.get("not_zone_words") or []}
        self.generic_places: set[str] = {normalize(w) for w in data.get("generic_places") or []}
        self.needs_shi: set[str] = {normalize(w) for w in data.get("needs_shi") or []}
        as_of = int(str(self.national_count.get("as_of") or "9999")[:4])
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
                year=int(entry["year"]) if entry.get("year") else None,
                source=entry.get("source"),
                ambiguous=tuple(normalize(a) for a in entry.get("ambiguous") or ()),
                counted=is_counted(entry, as_of),
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
        # ambiguous forms: zone name, used only with the zone's place in context
        self.ambiguous: dict[str, str] = {}
        self.ambiguous_stems: dict[str, str] = {}   # form → the place it names (滨海)
        for z in zones:
            for alias in z.ambiguous:
                for form in (alias, *variants(alias, self.patterns)):
                    self.ambiguous_stems[form] = alias[: -len(SUFFIX)] if alias.endswith(SUFFIX) else alias
                    if form in self.surface:
                        self.conflicts.append((form, self.surface[form], z.name))
                    owner = self.ambiguous.setdefault(form, z.name)
                    if owner != z.name:
                        self.conflicts.append((form, owner, z.name))
        words = [*self.surface, *self.ambiguous, *self.bare_words, *self.unlisted_suffixes, *self.not_zone_words]
        self.matcher: re.Pattern = build_matcher(words)
        self.places: dict[str, list[Zone]] = {}
        for z in zones:
            for place in {z.city, z.locality} - {None, ""}:
                self.places.setdefault(place, []).append(z)
        # every place name, registry's and gazetteer's: scanned leftmost-longest,
        # so 马鞍山 is never also 鞍山
        self.place_scanner = WordScanner([*self.places, *gazetteer.forms()])

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
        zones = [z for z in self.places.get(place, []) if z.level != "agricultural"]
        return zones[0] if len(zones) == 1 else None


@functools.lru_cache(maxsize=8)
def _registry(path: str | None = None) -> Registry:
    with open(path or DATA, encoding="utf-8") as fh:
        return Registry(read_yaml(fh) or {})


def registry(path: str | Path | None = None) -> Registry:
    return _registry(str(path or registry_file("zones")))


def load_zones(path: str | Path | None = None) -> tuple[Zone, ...]:
    """All zones of the registry, in file order (cached).

    >>> [z.name for z in load_zones() if z.city == "东莞"]
    ['松山湖高新区']
    """
    return registry(path).zones


def zone_by_name(name: str) -> Zone | None:
    """The registry zone with this canonical name, alias or regular variant.

    >>> zone_by_name("东莞松山湖高新区").name, zone_by_name(" 淄博国家高新区").name
    ('松山湖高新区', '淄博高新区')
    >>> zone_by_name("中国光谷").province, zone_by_name("未来科学城") is None
    ('湖北', True)
    """
    return registry().lookup(name)


class WordScanner:
    """Leftmost-longest, non-overlapping matches of many words (thousands of
    place names), by dictionary look-ups: a regex of that many alternatives is
    slow in Python.

    >>> WordScanner(["马鞍山", "鞍山", "马鞍山市"]).scan("马鞍山市与鞍山市")
    [(0, '马鞍山市'), (5, '鞍山')]
    """

    def __init__(self, words: Iterable[str]):
        self.words = {w for w in words if w}
        lengths: dict[str, set[int]] = {}
        for w in self.words:
            lengths.setdefault(w[0], set()).add(len(w))
        self.lengths = {c: sorted(ns, reverse=True) for c, ns in lengths.items()}

    def scan(self, text: str) -> list[tuple[int, str]]:
        out, i, n = [], 0, len(text)
        while i < n:
            for size in self.lengths.get(text[i], ()):
                word = text[i:i + size]
                if len(word) == size and word in self.words:
                    out.append((i, word))
                    i += size
                    break
            else:
                i += 1
        return out


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




# ── places: the gazetteer seen from the registry ──

@functools.lru_cache(maxsize=1)
def _word_tags() -> dict:
    """jieba's part-of-speech table (shipped with the package, no download)."""
    return pos_tagger().word_tag_tab or {}


def reads_as_name(form: str, reg: Registry | None = None) -> bool:
    """Whether a place form before 高新区 reads as a name: a full name (合作市)
    or a registry place always does; a short name does unless it is a
    generic division word (城区) or jieba knows it as a verb, adjective …

    >>> reads_as_name("宣城"), reads_as_name("合作"), reads_as_name("合作市"), reads_as_name("城区")
    (True, False, True, False)
    """
    reg = reg or registry()
    if form in reg.generic_places:
        return False
    if form in reg.places or gazetteer.is_full_name(form):
        return True
    return not (_word_tags().get(form) or "n").startswith(NOT_NAME_TAGS)


def placements(form: str) -> dict[tuple[str, str], gazetteer.Division]:
    """(province, city) → a division, for the non-province divisions a form can mean.

    >>> sorted(placements("鼓楼"))
    [('江苏', '南京'), ('江苏', '徐州'), ('河南', '开封'), ('福建', '福州')]
    >>> placements("安徽")
    {}
    """
    out: dict[tuple[str, str], gazetteer.Division] = {}
    for d in gazetteer.divisions(form):
        if d.level != "province":
            out.setdefault((d.province, d.city), d)
    return out


def named_places(text: str, reg: Registry | None = None) -> list[str]:
    """Place names in ``text``, leftmost-longest (马鞍山 is not 鞍山).

    >>> named_places("马鞍山市与鞍山市签约,宣城、滨海县代表出席")
    ['马鞍山市', '鞍山市', '宣城', '滨海县']
    """
    reg = reg or registry()
    return [word for _, word in reg.place_scanner.scan(normalize(text))]


def context_places(texts: Iterable[str], reg: Registry | None = None, hint: str | None = None,
                   exclude: str = "") -> set[str]:
    """Province and city names an article names (for ambiguous names): each
    place named, and the province and city of a place that has one placement.
    ``exclude``: a name that is no evidence of itself (滨江 in 南京滨江开发区
    says nothing for 滨江高新区).

    >>> sorted(context_places(["盐城市滨海县召开大会"]))
    ['江苏', '滨海县', '盐城', '盐城市']
    """
    reg = reg or registry()
    out: set[str] = set()
    for form in [p for t in texts for p in named_places(t, reg)] + ([normalize(hint)] if hint else []):
        if form == exclude:
            continue
        out.add(form)
        divisions = gazetteer.divisions(form)
        if any(d.level == "province" for d in divisions):
            out.update(d.province for d in divisions if d.level == "province")
        places = placements(form)
        if len(places) == 1:
            ((province, city),) = places
            out.update((province, city))
        short = gazetteer.short_name(form)
        if short and short in reg.places:
            out.add(short)
    return out


def place_before(text: str, k: int, reg: Registry | None = None) -> str | None:
    """The longest place name ending right before position ``k`` (a registry
    place or a division of the gazetteer), if it reads as a name.

    >>> place_before("安徽宣城高新区", 4), place_before("宣城市高新区", 3), place_before("企业落户高新区", 4)
    ('宣城', '宣城市', None)
    """
    reg = reg or registry()
    for n in range(min(k, 10), 1, -1):
        form = text[k - n:k]
        if form in reg.places or gazetteer.divisions(form):
            return form if reads_as_name(form, reg) else None
    return None


def _unlisted(name: str, division: gazetteer.Division | None) -> Zone:
    return Zone(name=name, full_name=name, aliases=(), city=division.city if division else "",
                province=division.province if division else "", level=UNLISTED,
                locality=(division.short or division.name) if division and division.level == "county" else None)


def unlisted_zone(place: str, context: set[str] = frozenset(), reg: Registry | None = None,
                  require_context: bool = False) -> Zone | None:
    """The unlisted zone "<place>高新区" for a real place, placed by the
    gazetteer; a place of several divisions (鼓楼) is placed by the context's
    province or city, and named with its city (福州鼓楼高新区), else left
    unplaced. None if the place is not one (or only a province).

    >>> z = unlisted_zone("宣城")
    >>> (z.name, z.level, z.province, z.city)
    ('宣城高新区', 'unlisted', '安徽', '宣城')
    >>> unlisted_zone("鼓楼", {"福州"}).name, unlisted_zone("鼓楼").province
    ('福州鼓楼高新区', '')
    >>> unlisted_zone("滨海县").name, unlisted_zone("安徽") is None
    ('盐城滨海高新区', True)
    """
    reg = reg or registry()
    places = placements(place)
    if not places:
        return None
    chosen = list(places.values()) if len(places) == 1 and not require_context else []
    if not chosen:
        chosen = [d for (province, city), d in places.items() if province in context or city in context]
    division = chosen[0] if len(chosen) == 1 else None
    if require_context and division is None:
        return None
    short = gazetteer.short_name(place) or place
    name = short + SUFFIX
    taken = name in reg.surface or name in reg.ambiguous
    if division and (len(places) > 1 or taken) and division.city != short:
        name = division.city + short + SUFFIX     # 福州鼓楼高新区, 盐城滨海高新区
    elif taken:
        name = (division.name if division else place) + SUFFIX
    if name in reg.surface or name in reg.ambiguous:
        return None
    return _unlisted(name, division)


def zone_info(name: str, reg: Registry | None = None) -> Zone | None:
    """What is known of a zone name as written in front matter: the registry
    zone, or an unlisted zone placed by the gazetteer (宣城高新区, 安徽宣城高新区,
    福州鼓楼高新区), or None when the name is no zone of a real place.

    >>> zone_info("信阳高新区").level, zone_info("宣城高新区").province, zone_info("福州鼓楼高新区").city
    ('national', '安徽', '福州')
    >>> zone_info("火星高新区") is None
    True
    """
    reg = reg or registry()
    name = normalize(name)
    zone = reg.lookup(name)
    if zone:
        return zone
    suffix = next((s for s in sorted([*reg.unlisted_suffixes, *reg.trigger_words], key=len, reverse=True)
                   if name.endswith(s) and len(name) > len(s)), None)
    if suffix is None:
        return None
    stem = name[: -len(suffix)]
    if stem.endswith("市") and placements(stem[:-1]) and not placements(stem):
        stem = stem[:-1]
    found = unlisted_zone(stem, reg=reg) if reads_as_name(stem, reg) else None
    if found:
        return _unlisted(name, gazetteer_division(found))
    for i in range(2, len(stem) - 1):  # a city or province first: 福州鼓楼, 安徽宣城
        head, rest = stem[:i], stem[i:]
        context = context_places([head], reg)
        if not context or not placements(rest) and not gazetteer.divisions(rest):
            continue
        found = unlisted_zone(rest, context, reg)
        if found and found.province:
            return _unlisted(name, gazetteer_division(found))
    return None


def gazetteer_division(zone: Zone) -> gazetteer.Division | None:
    """The division an unlisted zone was placed in (None when unplaced)."""
    if not zone.province:
        return None
    return gazetteer.Division("", zone.locality or zone.city, zone.locality or "", "county" if zone.locality else "city",
                              zone.province, zone.city)


def closest_zone_names(name: str, n: int = 3) -> list[str]:
    """Registry names nearest to a name that is no zone (for the warning).

    >>> closest_zone_names("淄搏高新区")[0]
    '淄博高新区'
    """
    reg = registry()
    forms = difflib.get_close_matches(normalize(name), list(reg.surface), n=n * 3, cutoff=0.5)
    return list(dict.fromkeys(reg.surface[f] for f in forms))[:n]


def registry_line(zone: Zone) -> str:
    """The line to add to zones.yml for an unlisted zone (level to be checked).

    >>> registry_line(zone_info("宣城高新区"))
    '  - {name: 宣城高新区, full_name: 宣城高新技术产业开发区, city: 宣城, province: 安徽, level: provincial, note: 级别待核实}'
    """
    stem = zone.name[: -len(SUFFIX)] if zone.name.endswith(SUFFIX) else zone.name
    parts = [f"name: {zone.name}", f"full_name: {stem}高新技术产业开发区", f"city: {zone.city or '?'}",
             f"province: {zone.province or '?'}"]
    if zone.locality:
        parts.append(f"locality: {zone.locality}")
    return "  - {" + ", ".join(parts + ["level: provincial", "note: 级别待核实"]) + "}"


def unlisted_report(files_by_zone: dict[str, Iterable[str]]) -> list[str]:
    """Summary lines of the converter: each unlisted zone, the files naming
    it, and the line to add to zones.yml.

    >>> unlisted_report({"宣城高新区": ["a.txt", "b.txt"]})[0]
    'unlisted zone 宣城高新区 (安徽 宣城) in a.txt, b.txt; to list it, add to scripts/newsarchive/data/zones.yml:'
    """
    out = []
    for name in sorted(files_by_zone):
        zone = zone_info(name)
        if zone is None or zone.listed:
            continue
        where = f"{zone.province} {zone.city}" if zone.province else "place not certain"
        files = ", ".join(sorted(dict.fromkeys(files_by_zone[name])))
        out += [f"unlisted zone {name} ({where}) in {files}; to list it, add to scripts/newsarchive/data/zones.yml:",
                registry_line(zone)]
    return out


# ── an article's zones ──

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
    in `needs_shi` (安康 is also a word). Places are read leftmost-longest, so
    马鞍山 does not name 鞍山.

    >>> count_places("安康市副市长寇全安表示,作为安康经济发展的强力引擎")
    {'安康': 2}
    >>> count_places("赴深圳、东莞、洛阳等地开展招商活动26次")
    {'深圳': 1, '东莞': 1, '洛阳': 1}
    >>> count_places("马鞍山市召开大会")
    {'马鞍山': 2}
    """
    reg = reg or registry()
    text = normalize(text)
    counts: dict[str, int] = {}
    shi_weight = reg.settings.get("place_shi_weight", 2)
    for k, form in reg.place_scanner.scan(text):
        if form in reg.places:
            place, shi = form, text.startswith("市", k + len(form))
        elif form.endswith("市") and form[:-1] in reg.places:
            place, shi = form[:-1], True
        else:
            continue
        if shi:
            counts[place] = counts.get(place, 0) + shi_weight
        elif place not in reg.needs_shi:
            counts[place] = counts.get(place, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: text.find(kv[0])))


def named_city(texts: Iterable[str], reg: Registry | None = None) -> str | None:
    """The prefecture-level city outside the registry that an article names
    most as "<city>市" (宣城市), if one is named more than any other: its
    高新区 is that city's (an unlisted zone).

    >>> named_city(["宣城市召开高新区建设推进会,宣城市委书记出席"]), named_city(["全市高新区工作会议召开"])
    ('宣城市', None)
    """
    reg = reg or registry()
    counts: dict[str, int] = {}
    for text in texts:
        for _, form in reg.place_scanner.scan(normalize(text)):
            if form.endswith("市") and form[:-1] not in reg.places:
                divisions = list(placements(form).values())
                if len(divisions) == 1 and divisions[0].level == "city":
                    counts[form] = counts.get(form, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _blank_spans(text: str, spans: list[tuple[int, str]]) -> str:
    """``text`` with the zone forms cut out (their place names are no context)."""
    out, last = [], 0
    for k, form in spans:
        out += [text[last:k], "|"]
        last = k + len(form)
    return "".join(out) + text[last:]


def explain_zones(title: str, paragraphs: Sequence[str], captions: Iterable[str] = (),
                  city_hint: str | None = None) -> dict:
    """The decision of :func:`resolve_zones` with its evidence, for a log.

    Keys: ``zones`` (the result), ``rule`` (explicit / place / hint / none),
    ``scores`` (zone → weighted count), ``mentions`` (zone → the forms that
    counted, with where: t = title, p3 = paragraph 3, c1 = caption 1),
    ``bare`` (bare word → count), ``place`` (the place used, if any),
    ``unlisted`` (zone name → :class:`Zone` for the zones named in the text
    that the registry does not list, such as 宣城高新区: worth adding to
    zones.yml; an article naming one never falls back to a city's zone).

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
    scanned = []
    for where, text in parts:
        text = normalize(text)
        scanned.append((where, text, scan_spans(text, reg.matcher)))
    blanked = [_blank_spans(t, s) for _, t, s in scanned]
    context = context_places(blanked, reg, city_hint)
    scores: dict[str, float] = {}
    mentions: dict[str, list[str]] = {}
    bare: dict[str, int] = {}
    unlisted: dict[str, Zone] = {}
    for where, text, spans in scanned:
        for k, form in spans:
            if form in reg.not_zone_words:
                continue
            zone_name = reg.surface.get(form)
            zone = None
            if zone_name is None and form in reg.ambiguous:
                owner = reg.by_name[reg.ambiguous[form]]
                stem = reg.ambiguous_stems[form]
                own = context_places(blanked, reg, city_hint, exclude=stem)
                if {owner.city, owner.province, owner.locality} & own:
                    zone_name = owner.name
                else:  # another place of that name, if the context says which
                    zone = unlisted_zone(stem, own, reg, require_context=True)
            elif zone_name is None and (form in reg.trigger_words or form in reg.unlisted_suffixes):
                place = place_before(text, k, reg)
                if place:
                    short = gazetteer.short_name(place)   # 雄安新区 → 雄安
                    known = next((reg.zone_of_place(p) for p in (place, short) if p in reg.places), None)
                    if known:
                        zone_name, form = known.name, place + form
                    else:
                        zone = unlisted_zone(place, context, reg)
                        form = place + form
            if zone is not None:
                zone_name = zone.name
                unlisted.setdefault(zone_name, zone)
            if zone_name is None:
                if form in reg.bare_words:
                    bare[form] = bare.get(form, 0) + 1
                continue
            scores[zone_name] = scores.get(zone_name, 0) + weights[where[0]]
            mentions.setdefault(zone_name, []).append(f"{where}:{form}")
    result = {"zones": [], "rule": "none", "scores": scores, "mentions": mentions,
              "bare": bare, "place": None, "unlisted": unlisted}
    if scores:
        top = max(scores.values())
        share = settings.get("secondary_min_share", 0.2)
        ranked = sorted(scores, key=lambda z: -scores[z])  # stable: first mention wins ties
        result["zones"] = [z for z in ranked if scores[z] >= top * share][: settings.get("max_zones", 8)]
        result["unlisted"] = {z: unlisted[z] for z in result["zones"] if z in unlisted}
        result["rule"] = "explicit"
        return result
    if not any(w in reg.trigger_words for w in bare):
        return result
    places: dict[str, int] = {}
    for _, text, _ in scanned:
        for place, k in count_places(text, reg).items():
            places[place] = places.get(place, 0) + k
    ranked_places = sorted(places.items(), key=lambda kv: -kv[1])
    if ranked_places and (len(ranked_places) == 1 or ranked_places[0][1] > ranked_places[1][1]):
        zone = reg.zone_of_place(ranked_places[0][0])
        if zone:
            result.update(zones=[zone.name], rule="place", place=ranked_places[0][0])
            return result
    if not ranked_places:
        city = named_city(blanked, reg)
        zone = unlisted_zone(city, context, reg) if city else None
        if zone:
            result.update(zones=[zone.name], rule="place", place=city, unlisted={zone.name: zone})
            return result
    if city_hint:
        zone = reg.zone_of_place(city_hint)
        if zone:
            result.update(zones=[zone.name], rule="hint", place=normalize(city_hint))
    return result


def resolve_zones(title: str, paragraphs: Sequence[str], captions: Iterable[str] = (),
                  city_hint: str | None = None) -> list[str]:
    """Canonical names of the zones an article is about, primary first: the
    registry's names, and "<place>高新区" for a zone of a real place that the
    registry does not list.

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
