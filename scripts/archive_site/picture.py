"""The page picture on a PDF source page, with each article's region outlined
and linked to the article; on an article page, a link back to its region.

Made at build time from front matter only: the source page's ``picture``
(the file the converter rendered) and each article's ``region`` (fractions
of the printed page). Deleting, renaming or correcting an article by hand
changes the picture's links on the next build. Plain HTML and CSS (no
JavaScript, no CDN): the outlines are links positioned in percent over the
picture, so they follow it at any width, from ``file://`` too.
"""
from __future__ import annotations

from .collection import Archive, Article, Source
from .labels import LABELS
from .render import Linker, esc


def region_id(article: Article) -> str:
    """The id of an article's outline on its source page.

    >>> region_id(Article("articles/a/03.md", "标题", "a.pdf", order=3))
    'region-03'
    """
    return f"region-{article.order:02d}" if article.order else "region-" + article.src_uri.rsplit("/", 1)[-1][:-3]


def region_style(region: list[float]) -> str:
    """CSS placing an outline over the picture, in percent of its size.

    >>> region_style([0.1, 0.25, 0.5, 0.375])
    'left:10.00%;top:25.00%;width:40.00%;height:12.50%'
    """
    x0, y0, x1, y1 = region
    return f"left:{x0 * 100:.2f}%;top:{y0 * 100:.2f}%;width:{(x1 - x0) * 100:.2f}%;height:{(y1 - y0) * 100:.2f}%"


def _area(region: list[float]) -> float:
    return (region[2] - region[0]) * (region[3] - region[1])


def page_picture(archive: Archive, linker: Linker, source: Source) -> str:
    """The picture of a source page with its articles' regions as links
    ('' when the page has no picture). Larger regions come first, so a small
    article printed inside a large one's frame stays clickable on top."""
    if not source.picture:
        return ""
    uri = source.src_uri
    articles = [a for a in archive.articles_of_source(source) if a.region]
    numbers = {id(a): n for n, a in enumerate(archive.articles_of_source(source), 1)}
    links = []
    for article in sorted(articles, key=lambda a: -_area(a.region)):
        n = numbers[id(article)]
        label = f"{n}. {article.title}"
        links.append(f'<a class="as-region" id="{region_id(article)}" href="{linker.href(uri, article.src_uri)}" '
                     f'style="{region_style(article.region)}" title="{esc(label)}" aria-label="{esc(label)}">'
                     f'<span class="as-region-n">{n}</span></a>')
    alt = LABELS["page_picture"].format(page=source.page) if source.page else LABELS["page_picture_plain"]
    hint = f'<figcaption>{esc(LABELS["page_picture_hint"])}</figcaption>' if links else ""
    return (f'<figure class="as-page-picture"><div class="as-picture-frame">'
            f'<img src="{linker.href(uri, source.picture)}" alt="{esc(alt)}" loading="lazy">'
            f'{"".join(links)}</div>{hint}</figure>')


def region_link(archive: Archive, linker: Linker, article: Article) -> str:
    """On an article page: a link to its outline on the page picture ('' if it has none)."""
    source = archive.source_of(article)
    if source is None or not source.picture or not article.region:
        return ""
    href = linker.href(article.src_uri, source.src_uri, anchor=region_id(article))
    return f'<p class="as-region-link"><a href="{href}">{esc(LABELS["region_link"])}</a></p>'


def picture_report(archive: Archive, size_of) -> str:
    """The page pictures' size, apart from the text archive: how many, in all,
    per printed page on average and at most. ``size_of(rel)`` gives a file's
    size in bytes (None if missing)."""
    sizes = [s for s in (size_of(src.picture) for src in archive.sources if src.picture) if s is not None]
    if not sizes:
        return "page pictures: none"
    return (f"page pictures (apart from the text archive): {len(sizes)} printed pages, "
            f"{sum(sizes) / 1024:.0f} KB in all, {sum(sizes) / 1024 / len(sizes):.0f} KB a page on average, "
            f"largest {max(sizes) / 1024:.0f} KB")
