"""主题: the topic index and one page per topic (zones involved, articles by date)."""
from __future__ import annotations

from collections import Counter

from .. import config
from ..labels import LABELS
from ..render import article_list, esc, front_matter, link, md_heading
from .index import SiteIndex
from .paging import period_links, period_pages, split_periods
from .zones import articles_by_year

INDEX = config.TOPICS + "index.md"


def pages(index: SiteIndex) -> dict[str, str]:
    """The topic index and every topic page."""
    out = {INDEX: topics_index(index)}
    for name, articles in index.topics.items():
        uri = index.topic_uri(name)
        periods = split_periods(articles, lambda a: (a.year, a.month))
        out[uri] = topic_page(index, name, articles, periods)
        if periods:
            out.update(period_pages(uri, name, periods, lambda page, arts: [article_list(arts, index.linker, page)]))
    return out


def topics_index(index: SiteIndex) -> str:
    """A table of topics: article count and number of zones, most articles first."""
    parts = [front_matter(LABELS["topics_title"]), f"# {LABELS['topics_title']}", "", esc(LABELS["topics_intro"]), ""]
    if not index.topics:
        return "\n".join(parts + [f"<p>{esc(LABELS['none_yet'])}</p>"])
    rows = []
    for name, articles in sorted(index.topics.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        zones = {z for a in articles for z in index.zones_of(a)}
        rows.append(
            f"<tr><td>{link(index.linker.href(INDEX, index.topic_uri(name)), name)}</td>"
            f"<td>{len(articles)}</td><td>{len(zones)}</td></tr>"
        )
    parts += [
        '<table class="as-table"><thead><tr>'
        f"<th>{esc(LABELS['topics_title'])}</th><th>{esc(LABELS['count'])}</th><th>{esc(LABELS['zones'])}</th>"
        "</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    return "\n".join(parts)


def topic_page(index: SiteIndex, name: str, articles, periods=None) -> str:
    """One topic: the zones involved (with counts), then its articles by date
    (or, for a long list split by :mod:`.paging`, links to its periods)."""
    uri = index.topic_uri(name)
    parts = [front_matter(name), md_heading(1, name), "",
             f'<p class="as-facts">{esc(LABELS["articles_n"].format(n=len(articles)))}</p>', ""]
    zones = Counter(z for a in articles for z in index.zones_of(a))
    parts += [md_heading(2, LABELS["topic_zones"]), ""]
    if zones:
        chips = " ".join(
            f'<span class="as-chip">{link(index.linker.href(uri, index.zone_uri(z)), z, n)}</span>'
            for z, n in sorted(zones.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        parts += [f'<p class="as-chips">{chips}</p>', ""]
    else:
        parts += [f"<p>{esc(LABELS['no_zone'])}</p>", ""]
    parts += [md_heading(2, LABELS["topic_articles"]), ""]
    parts += [period_links(index, uri, periods), ""] if periods else articles_by_year(index, uri, articles)
    return "\n".join(parts)
