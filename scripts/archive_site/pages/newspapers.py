"""报纸与版面: newspapers, and per newspaper its pages (版面) with their
articles in page order, each linked to its source page (removed text, raw OCR)."""
from __future__ import annotations

from newsarchive.schema import date_parts

from .. import config
from ..labels import LABELS
from ..render import article_list, esc, front_matter, link, md_heading
from .index import PaperPage, SiteIndex
from .paging import period_links, period_pages, split_periods

INDEX = config.NEWSPAPERS + "index.md"


def pages(index: SiteIndex) -> dict[str, str]:
    """The newspapers index and one page per newspaper."""
    out = {INDEX: newspapers_index(index)}
    for name, paper_pages in index.papers.items():
        uri = index.paper_uri(name)
        periods = split_periods(paper_pages, lambda p: date_parts(p.date or None)[:2], count=article_count)
        if periods:
            head = [front_matter(name), md_heading(1, name), "", period_links(index, uri, periods, count=pages_count), ""]
            out[uri] = "\n".join(head)
            out.update(period_pages(uri, name, periods, lambda page, pps: paper_pages_md(index, page, pps),
                                    count=pages_count))
        else:
            out[uri] = newspaper_page(index, name, paper_pages)
    return out


def article_count(paper_page: PaperPage) -> int:
    return len(paper_page.articles)


def pages_count(paper_pages: list[PaperPage]) -> int:
    return sum(len(p.articles) for p in paper_pages)


def newspapers_index(index: SiteIndex) -> str:
    """Each newspaper with its number of pages and articles, and its date range."""
    parts = [front_matter(LABELS["newspapers_title"]), f"# {LABELS['newspapers_title']}", "",
             esc(LABELS["newspapers_intro"]), ""]
    if not index.papers:
        return "\n".join(parts + [f"<p>{esc(LABELS['none_yet'])}</p>"])
    rows = []
    for name, paper_pages in index.papers.items():
        dates = sorted(p.date for p in paper_pages if p.date)
        span = f"{dates[0]} – {dates[-1]}" if dates and dates[0] != dates[-1] else (dates[0] if dates else "")
        n_articles = sum(len(p.articles) for p in paper_pages)
        rows.append(
            f"<tr><td>{link(index.linker.href(INDEX, index.paper_uri(name)), name)}</td>"
            f"<td>{len(paper_pages)}</td><td>{n_articles}</td><td>{esc(span)}</td></tr>"
        )
    parts += [
        '<table class="as-table"><thead><tr>'
        f"<th>{esc(LABELS['count_newspapers'])}</th><th>{esc(LABELS['count_sources'])}</th>"
        f"<th>{esc(LABELS['count_articles'])}</th><th>{esc(LABELS['date_range'])}</th>"
        "</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    return "\n".join(parts)


def page_heading(paper_page: PaperPage) -> str:
    """``2020-01-01 第10版`` (or the file name when both are unknown)."""
    bits = [paper_page.date or LABELS["undated"]]
    if paper_page.page:
        bits.append(LABELS["page_n"].format(page=paper_page.page))
    return " ".join(bits)


def newspaper_page(index: SiteIndex, name: str, paper_pages: list[PaperPage]) -> str:
    """One newspaper: every 版面 by date and number, with its articles in page order."""
    uri = index.paper_uri(name)
    return "\n".join([front_matter(name), md_heading(1, name), "", *paper_pages_md(index, uri, paper_pages)])


def paper_pages_md(index: SiteIndex, uri: str, paper_pages: list[PaperPage]) -> list[str]:
    """Markdown lines: each 版面 (heading, source link, its articles in page order)."""
    parts: list[str] = []
    for paper_page in paper_pages:
        parts += [md_heading(2, page_heading(paper_page)), ""]
        if paper_page.source is not None:
            href = index.linker.href(uri, paper_page.source.src_uri)
            parts.append(f'<p class="as-source-link"><a href="{href}">{esc(LABELS["source_page"])}</a> '
                         f'<code>{esc(paper_page.source_name)}</code></p>')
        else:
            parts.append(f'<p class="as-source-link"><code>{esc(paper_page.source_name)}</code></p>')
        parts += ["", article_list(paper_page.articles, index.linker, uri, show_paper=False, ordered=True), ""]
    return parts
