"""Long lists split into pages by period, so that no index page grows with
the archive (issue 10: every page ≤ 200 KB at 50,000 articles).

A list of dated items (articles, or newspaper pages with their articles)
whose total count is at most ``LIMITS.list_articles`` stays on one page. A
longer one is split by year, and a year that is still longer by month: the
page itself then lists the periods with their counts, and each period is a
page of its own under a folder named after the page (``topics/人才/2019.md``,
``topics/人才/2019-03.md``, ``…/undated.md``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

from .. import config
from ..labels import LABELS
from ..render import esc, front_matter, md_heading

T = TypeVar("T")

UNDATED = "undated"


@dataclass
class Period:
    """One page of a split list: its key (``2019``, ``2019-03``, ``undated``), label and items."""

    key: str
    label: str
    items: list


def split_periods(items: Sequence[T], year_month: Callable[[T], tuple[int | None, int | None]],
                  count: Callable[[T], int] = lambda _: 1, limit: int | None = None) -> list[Period] | None:
    """The periods of a list too long for one page, in the items' order, or
    None when it fits (``limit`` defaults to ``LIMITS.list_articles``).

    >>> items = [(2019, 1), (2019, 1), (2019, 2), (2020, 5), (None, None)]
    >>> split_periods(items, lambda i: i, limit=5) is None
    True
    >>> [(p.key, len(p.items)) for p in split_periods(items, lambda i: i, limit=2)]
    [('2019-01', 2), ('2019-02', 1), ('2020', 1), ('undated', 1)]
    """
    limit = config.LIMITS.list_articles if limit is None else limit
    if sum(count(i) for i in items) <= limit:
        return None
    years: dict[int | None, list] = defaultdict(list)
    for item in items:
        years[year_month(item)[0]].append(item)
    periods = []
    for year, group in years.items():
        if year is None:
            periods += undated_parts(group, count, limit)
        elif sum(count(i) for i in group) <= limit:
            periods.append(Period(str(year), f"{year}年", group))
        else:
            months: dict[int | None, list] = defaultdict(list)
            for item in group:
                months[year_month(item)[1]].append(item)
            for month, part in months.items():
                key = f"{year}-{month:02d}" if month else f"{year}-00"
                label = f"{year}年{month}月" if month else f"{year}年 {LABELS['month_unknown']}"
                periods.append(Period(key, label, part))
    return periods


def undated_parts(items: list, count: Callable = lambda _: 1, limit: int | None = None) -> list[Period]:
    """The undated items as periods: one, or (when they are more than
    ``limit``, and no date can divide them) consecutive parts of at most
    ``limit``, keys ``undated``, ``undated-2``, ….

    >>> [(p.key, p.label, len(p.items)) for p in undated_parts(list(range(5)), limit=2)]
    [('undated', '日期不详 (1)', 2), ('undated-2', '日期不详 (2)', 2), ('undated-3', '日期不详 (3)', 1)]
    >>> [(p.key, p.label) for p in undated_parts([1], limit=2)]
    [('undated', '日期不详')]
    """
    limit = config.LIMITS.list_articles if limit is None else limit
    parts: list[list] = [[]]
    for item in items:
        if parts[-1] and sum(count(i) for i in parts[-1]) + count(item) > limit:
            parts.append([])
        parts[-1].append(item)
    if len(parts) == 1:
        return [Period(UNDATED, LABELS["undated"], parts[0])]
    return [Period(UNDATED if n == 1 else f"{UNDATED}-{n}", f"{LABELS['undated']} ({n})", part)
            for n, part in enumerate(parts, 1)]


def period_uri(uri: str, period: Period) -> str:
    """The page of one period of the page ``uri``.

    >>> period_uri("topics/人才.md", Period("2019-03", "", []))
    'topics/人才/2019-03.md'
    """
    return f"{uri[:-3]}/{period.key}.md"


def period_links(index, uri: str, periods: list[Period], count: Callable = len) -> str:
    """The list of periods (linked, with counts) shown on the split page."""
    items = "".join(f'<li><a href="{index.linker.href(uri, period_uri(uri, p))}">{esc(p.label)}</a> '
                    f'<span class="as-count">{count(p.items)}</span></li>' for p in periods)
    return f'<ul class="as-periods">{items}</ul>'


def period_pages(uri: str, title: str, periods: list[Period], render: Callable[[str, list], list[str]],
                 count: Callable = len) -> dict[str, str]:
    """One page per period: a heading ``<title> · <period>``, the count and
    ``render(page_uri, items)`` (Markdown lines)."""
    out = {}
    for period in periods:
        page = period_uri(uri, period)
        out[page] = "\n".join([front_matter(f"{title} {period.label}"), md_heading(1, f"{title} · {period.label}"), "",
                               f'<p class="as-facts">{esc(LABELS["articles_n"].format(n=count(period.items)))}</p>', "",
                               *render(page, period.items), ""])
    return out
