"""首页 (generated unless docs/index.md exists): what the archive holds,
latest articles, articles by year and by zone as static inline SVG, exports."""
from __future__ import annotations

from .. import config
from ..labels import LABELS
from ..render import article_list, bar_chart, esc, front_matter, md_heading
from .index import UNKNOWN_NEWSPAPER, SiteIndex
from .zones import year_counts

URI = config.HOME


def counts(index: SiteIndex) -> list[tuple[str, int]]:
    """(label, number) for the summary line of the home page."""
    archive = index.archive
    return [
        (LABELS["count_articles"], len(archive.articles)),
        (LABELS["count_sources"], sum(len(p) for p in index.papers.values())),
        (LABELS["count_newspapers"], len([name for name in index.papers if name != UNKNOWN_NEWSPAPER])),
        (LABELS["count_zones"], len(index.zones)),
        (LABELS["count_topics"], len(index.topics)),
    ]


def latest(index: SiteIndex) -> list:
    """The most recent dated articles, newest first (bounded by LIMITS)."""
    dated = [a for a in index.archive.articles if a.year is not None]
    return list(reversed(dated[-config.LIMITS.latest_articles:]))


def fulltext_item() -> str:
    """The home page's line for the full-text export, which is not in the
    site: a link to where it is published (settings: fulltext_url), else where
    the build wrote it.

    >>> config.FULLTEXT_URL = "https://github.com/o/r/releases/download/fulltext/articles.jsonl.gz"
    >>> fulltext_item().split(" — ")[0]
    '<li><a href="https://github.com/o/r/releases/download/fulltext/articles.jsonl.gz">articles.jsonl.gz</a>'
    >>> config.FULLTEXT_URL = ""; fulltext_item().startswith("<li>articles.jsonl.gz — ")
    True
    """
    if config.FULLTEXT_URL:
        return (f'<li><a href="{esc(config.FULLTEXT_URL)}">{config.EXPORT_JSONL}</a> — '
                f'{esc(LABELS["export_jsonl"])}</li>')
    return f'<li>{config.EXPORT_JSONL} — {esc(LABELS["export_jsonl_local"])}</li>'


def page(index: SiteIndex, search_uri: str | None = None, available: set[str] | None = None) -> str:
    """The home page Markdown: buttons to the index pages in ``available``
    (all if None) and to ``search_uri`` if given."""
    link = index.linker.href
    parts = [front_matter(LABELS["home_title"]), md_heading(1, LABELS["home_title"]), ""]
    stats = "".join(
        f'<div class="as-stat"><span class="as-stat-n">{n}</span><span class="as-stat-l">{esc(label)}</span></div>'
        for label, n in counts(index)
    )
    span = index.archive.date_range()
    if span:
        stats += (f'<div class="as-stat"><span class="as-stat-n as-stat-range">{esc(span[0])} – {esc(span[1])}</span>'
                  f'<span class="as-stat-l">{esc(LABELS["date_range"])}</span></div>')
    parts += [f'<div class="as-stats" aria-label="{esc(LABELS["holds"])}">{stats}</div>', ""]
    buttons = [(t, u) for t, u in config.NAV[1:] if available is None or u in available]
    buttons += ([(LABELS["search"], search_uri)] if search_uri else [])
    browse = " ".join(f'<a class="md-button" href="{link(URI, uri)}">{esc(title)}</a>' for title, uri in buttons)
    parts += [f'<p class="as-browse">{browse}</p>', ""]
    parts += [md_heading(2, LABELS["latest"]), "", article_list(latest(index), index.linker, URI), ""]
    years = year_counts(index.archive.articles)
    if years:
        chart = bar_chart(years, LABELS["by_year"],
                          href_of=lambda y: link(URI, index.year_uri(int(y))))
        parts += [md_heading(2, LABELS["by_year"]), "", f'<div class="as-chart-box">{chart}</div>', ""]
    top = sorted(index.zones.values(), key=lambda e: (-len(e.articles), e.name))[: config.LIMITS.chart_zones]
    if top:
        title = LABELS["by_zone"].format(n=len(top))
        chart = bar_chart([(e.name, len(e.articles)) for e in top], title, horizontal=True,
                          href_of=lambda name: link(URI, index.zone_uri(name)))
        parts += [md_heading(2, title), "", f'<div class="as-chart-box">{chart}</div>', ""]
    parts += [
        md_heading(2, LABELS["exports"]), "",
        '<ul class="as-exports">',
        fulltext_item(),
        f'<li><a href="{link(URI, config.EXPORT_CSV)}" download>articles.csv</a> — {esc(LABELS["export_csv"])}</li>',
        "</ul>", "",
    ]
    return "\n".join(parts)
