"""日期: a year × month table and one page per year (articles by month;
dates known only to the year under 月份不详; inferred dates marked), plus a
page of undated articles."""
from __future__ import annotations

from collections import defaultdict

from .. import config
from ..labels import LABELS
from ..render import article_list, esc, front_matter, md_heading
from .index import SiteIndex
from .paging import period_links, period_pages, period_uri, split_periods, undated_parts

INDEX = config.DATES + "index.md"


def by_year(index: SiteIndex) -> dict[int | None, list]:
    """year (None = undated) → articles in date order; years ascending, undated last."""
    years: dict[int | None, list] = defaultdict(list)
    for article in index.archive.articles:   # already in date order, undated last
        years[article.year].append(article)
    return dict(years)


def pages(index: SiteIndex) -> dict[str, str]:
    """The dates index and every year page (and the undated page if needed)."""
    years = by_year(index)
    # a year with more articles than fit on a page gets one page per month (paging)
    months = {y: split_periods(arts, lambda a: (a.year, a.month)) for y, arts in years.items() if y is not None}
    if None in years and len(parts := undated_parts(years[None])) > 1:   # too many undated for one page
        months[None] = parts
    out = {INDEX: dates_index(index, years, months)}
    for year, articles in years.items():
        uri = index.year_uri(year)
        out[uri] = year_page(index, year, articles, months.get(year))
        if months.get(year):
            out.update(period_pages(uri, str(year) if year is not None else LABELS["dates_title"], months[year],
                                    lambda page, arts: [article_list(arts, index.linker, page)]))
    return out


def month_href(index: SiteIndex, from_uri: str, year: int, month: int | None, periods) -> str:
    """The link to one month of a year: an anchor on the year page, or the month's own page."""
    uri = index.year_uri(year)
    if periods:
        key = f"{year}-{month:02d}" if month else f"{year}-00"
        period = next((p for p in periods if p.key == key), None)
        if period is not None:
            return index.linker.href(from_uri, period_uri(uri, period))
    return index.linker.href(from_uri, uri, anchor=f"m{month or 0}")


def dates_index(index: SiteIndex, years: dict, split: dict | None = None) -> str:
    """A table: one row per year, a cell per month linking into the year page."""
    parts = [front_matter(LABELS["dates_title"]), f"# {LABELS['dates_title']}", "", esc(LABELS["dates_intro"]), ""]
    if not years:
        return "\n".join(parts + [f"<p>{esc(LABELS['none_yet'])}</p>"])
    head = "".join(f"<th>{m}月</th>" for m in range(1, 13))
    rows = []
    for year, articles in years.items():
        uri = index.year_uri(year)
        label = str(year) if year is not None else LABELS["undated"]
        year_cell = f'<a href="{index.linker.href(INDEX, uri)}">{esc(label)}</a> <span class="as-count">{len(articles)}</span>'
        if year is None:
            rows.append(f'<tr><th scope="row">{year_cell}</th><td colspan="13"></td></tr>')
            continue
        months = defaultdict(int)
        for a in articles:
            months[a.month] += 1
        periods = (split or {}).get(year)
        cells = "".join(
            f'<td><a href="{month_href(index, INDEX, year, m, periods)}">{months[m]}</a></td>' if months.get(m) else "<td></td>"
            for m in range(1, 13)
        )
        unknown = months.get(None)
        cells += (f'<td><a href="{month_href(index, INDEX, year, None, periods)}">{unknown}</a></td>'
                  if unknown else "<td></td>")
        rows.append(f'<tr><th scope="row">{year_cell}</th>{cells}</tr>')
    parts += [
        '<div class="as-table-wrap"><table class="as-table as-dates"><thead><tr>'
        f"<th>{esc(LABELS['year'])}</th>{head}<th>{esc(LABELS['month_unknown'])}</th></tr></thead><tbody>",
        *rows,
        "</tbody></table></div>",
    ]
    return "\n".join(parts)


def year_page(index: SiteIndex, year: int | None, articles: list, periods=None) -> str:
    """One year's articles under month headings (or, when the year is split
    into month pages, a heading per month linking to its page); or the
    undated articles."""
    uri = index.year_uri(year)
    title = str(year) if year is not None else LABELS["undated"]
    parts = [front_matter(title), md_heading(1, title), "",
             f'<p class="as-facts">{esc(LABELS["articles_n"].format(n=len(articles)))}</p>', ""]
    if year is None:
        listing = period_links(index, uri, periods) if periods else article_list(articles, index.linker, uri)
        return "\n".join(parts + [listing, ""])
    months: dict[int | None, list] = defaultdict(list)
    for article in articles:
        months[article.month].append(article)
    for month in sorted(months, key=lambda m: (m is None, m or 0)):
        label = f"{year}年{month}月" if month else f"{year}年 {LABELS['month_unknown']}"
        arts = months[month]
        if periods:
            href = month_href(index, uri, year, month, periods)
            parts += [f'<h2 id="m{month or 0}"><a href="{href}">{esc(label)}</a>（{len(arts)}）</h2>', ""]
            continue
        parts += [md_heading(2, f"{label}（{len(arts)}）", anchor=f"m{month or 0}"), "",
                  article_list(arts, index.linker, uri), ""]
    return "\n".join(parts)
