"""地区: the province → city → zone index and one page per zone (articles by
date, topics covered there, a small per-year timeline)."""
from __future__ import annotations

from collections import Counter, defaultdict

from .. import config
from ..labels import LABELS, LEVELS, SHORT_LEVELS
from ..regions import LISTED, UNKNOWN, UNLISTED, ZoneEntry, by_province, by_status
from ..render import article_list, bar_chart, esc, front_matter, link, md_heading
from .index import SiteIndex

INDEX = config.ZONES + "index.md"


def pages(index: SiteIndex) -> dict[str, str]:
    """The zone index and every zone page."""
    out = {INDEX: zones_index(index)}
    for name, entry in index.zones.items():
        out[index.zone_uri(name)] = zone_page(index, entry)
    return out


def zones_index(index: SiteIndex) -> str:
    """The registry's zones by province → city, then the unlisted zones
    (grouped the same way, so a person sees what to add), then unknown names."""
    parts = [front_matter(LABELS["zones_title"]), f"# {LABELS['zones_title']}", "", esc(LABELS["zones_intro"]), ""]
    groups = by_status(index.zones)
    if not index.zones:
        parts.append(f"<p>{esc(LABELS['none_yet'])}</p>")
    parts += province_sections(index, groups[LISTED])
    if groups[UNLISTED]:
        parts += ['<div id="unlisted"></div>', "", md_heading(2, f"{LABELS['unlisted_title']}（{len(groups[UNLISTED])}）"), "",
                  f'<p class="as-facts">{esc(LABELS["unlisted_intro"])}</p>', ""]
        parts += province_sections(index, groups[UNLISTED], level=3)
    if groups[UNKNOWN]:
        parts += ['<div id="unknown"></div>', "", md_heading(2, f"{LABELS['unknown_title']}（{len(groups[UNKNOWN])}）"), "",
                  f'<p class="as-facts">{esc(LABELS["unknown_intro"])}</p>', "",
                  f'<p class="as-chips">{" ".join(zone_chip(index, e) for e in sorted(groups[UNKNOWN].values(), key=lambda e: e.name))}</p>', ""]
    return "\n".join(parts)


def province_sections(index: SiteIndex, entries: dict[str, ZoneEntry], level: int = 2) -> list[str]:
    """Markdown lines: a heading per province (with its article count), its
    cities as a definition list of zone chips."""
    parts: list[str] = []
    for province, cities in by_province(entries).items():
        total = sum(len(z.articles) for zs in cities.values() for z in zs)
        parts += [md_heading(level, f"{province}（{total}）"), "", '<dl class="as-cities">']
        for city, zones in cities.items():
            parts += [f"<dt>{esc(city)}</dt>", f"<dd>{' '.join(zone_chip(index, e) for e in zones)}</dd>"]
        parts += ["</dl>", ""]
    return parts


def zone_chip(index: SiteIndex, entry: ZoneEntry) -> str:
    """A zone's link with its article count and, for a listed zone, its level
    and approval year (国家级 · 2022)."""
    facts = [f for f in (SHORT_LEVELS.get(entry.level, "") if entry.known else "",
                         str(entry.year) if entry.year else "") if f]
    small = f' <small class="as-zone-level">{esc(" · ".join(facts))}</small>' if facts else ""
    return f'<span class="as-chip">{link(index.linker.href(INDEX, index.zone_uri(entry.name)), entry.name, len(entry.articles))}{small}</span>'


def zone_facts(entry: ZoneEntry) -> list[str]:
    """The registry's facts of a zone as shown on its page: official name,
    level, province, city, approval year."""
    facts = [entry.full_name, LEVELS.get(entry.level, entry.level), entry.province,
             entry.city if entry.city != config.UNKNOWN_CITY else "",
             LABELS["approved_in"].format(year=entry.year) if entry.year else ""]
    return [f for f in facts if f and f != entry.name and f != config.UNKNOWN_PROVINCE]


def year_counts(articles) -> list[tuple[str, int]]:
    """Articles per year, every year from first to last (gaps shown as 0)."""
    counts = Counter(a.year for a in articles if a.year is not None)
    if not counts:
        return []
    return [(str(y), counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]


def articles_by_year(index: SiteIndex, uri: str, articles) -> list[str]:
    """Markdown lines: a heading per year (anchor ``y<year>``) and its articles; undated last."""
    by_year = defaultdict(list)
    for article in articles:
        by_year[article.year].append(article)
    parts = []
    for year, arts in by_year.items():
        label = str(year) if year is not None else LABELS["undated"]
        anchor = f"y{year}" if year is not None else "undated"
        parts += [md_heading(3, f"{label}（{len(arts)}）", anchor=anchor), "", article_list(arts, index.linker, uri), ""]
    return parts


def zone_page(index: SiteIndex, entry: ZoneEntry) -> str:
    """One zone: registry facts, timeline, topics, articles grouped by year."""
    uri = index.zone_uri(entry.name)
    parts = [front_matter(entry.name), md_heading(1, entry.name), ""]
    count = LABELS["articles_n"].format(n=len(entry.articles))
    parts += [f'<p class="as-facts">{esc(" · ".join(zone_facts(entry) + [count]))}</p>', ""]
    if entry.note:
        parts += [f'<p class="as-facts">{esc(entry.note)}</p>', ""]
    if entry.source:
        parts += [f'<p class="as-facts">{esc(LABELS["zone_source"].format(source=entry.source))}</p>', ""]
    if entry.status == UNLISTED:
        parts += [f'<p class="as-facts">{esc(LABELS["zone_unlisted"])}</p>', "",
                  f'<pre class="as-add-line"><code>{esc(entry.add_line)}</code></pre>', ""]
    elif entry.status == UNKNOWN:
        parts += [f'<p class="as-facts">{esc(LABELS["zone_unknown"])}</p>', ""]
    timeline = year_counts(entry.articles)
    if timeline:
        chart = bar_chart(timeline, LABELS["timeline"], height=60,
                          href_of=lambda y: index.linker.href(uri, uri, anchor=f"y{y}"))
        parts += [md_heading(2, LABELS["timeline"]), "", f'<div class="as-chart-box">{chart}</div>', ""]
    topics = Counter(t for a in entry.articles for t in dict.fromkeys(a.topics))
    if topics:
        chips = " ".join(
            f'<span class="as-chip">{link(index.linker.href(uri, index.topic_uri(t)), t, n)}</span>'
            for t, n in sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))[: config.LIMITS.zone_topics]
        )
        parts += [md_heading(2, LABELS["zone_topics"]), "", f'<p class="as-chips">{chips}</p>', ""]
    parts += [md_heading(2, LABELS["zone_articles"]), ""]
    parts += articles_by_year(index, uri, entry.articles)
    return "\n".join(parts)
