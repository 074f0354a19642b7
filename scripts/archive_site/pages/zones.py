"""地区: the province → city → zone index and one page per zone (articles by
date, topics covered there, a small per-year timeline)."""
from __future__ import annotations

from collections import Counter, defaultdict

from .. import config
from ..labels import LABELS, LEVELS
from ..regions import ZoneEntry, by_province
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
    """Provinces (headings) → cities → zones with article counts."""
    parts = [front_matter(LABELS["zones_title"]), f"# {LABELS['zones_title']}", "", esc(LABELS["zones_intro"]), ""]
    tree = by_province(index.zones)
    if not tree:
        parts.append(f"<p>{esc(LABELS['none_yet'])}</p>")
    for province, cities in tree.items():
        total = sum(len(z.articles) for zs in cities.values() for z in zs)
        parts += [md_heading(2, f"{province}（{total}）"), "", '<dl class="as-cities">']
        for city, entries in cities.items():
            items = " ".join(
                f'<span class="as-chip">{link(index.linker.href(INDEX, index.zone_uri(e.name)), e.name, len(e.articles))}</span>'
                for e in entries
            )
            parts += [f"<dt>{esc(city)}</dt>", f"<dd>{items}</dd>"]
        parts += ["</dl>", ""]
    return "\n".join(parts)


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
    facts = [entry.full_name, entry.province, entry.city if entry.city != config.UNKNOWN_CITY else "",
             LEVELS.get(entry.level, entry.level)]
    facts = [f for f in facts if f and f != entry.name]
    count = LABELS["articles_n"].format(n=len(entry.articles))
    parts += [f'<p class="as-facts">{esc(" · ".join(facts + [count]))}</p>', ""]
    if entry.note:
        parts += [f'<p class="as-facts">{esc(entry.note)}</p>', ""]
    if not entry.known:
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
