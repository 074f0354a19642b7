"""人物 and 机构: names from the ``people`` and ``organizations`` front-matter
fields. The index of each kind lists every name with its count and its
latest articles (bounded by LIMITS.name_links); a name with more has a page of
its own with all of them by year (split by period when longer than
LIMITS.list_articles, :mod:`.paging`), so no page grows with the archive."""
from __future__ import annotations

from .. import config
from ..labels import LABELS
from ..render import article_list, esc, front_matter, md_heading, slugify
from .index import SiteIndex
from .paging import period_links, period_pages, split_periods
from .zones import articles_by_year

KINDS = (
    ("people", config.PEOPLE + "index.md", "people_title", "people_intro"),
    ("organizations", config.ORGANIZATIONS + "index.md", "organizations_title", "organizations_intro"),
)


def pages(index: SiteIndex) -> dict[str, str]:
    """The people index and the organizations index (each only if some article
    names any), and the own pages of names with many articles."""
    out: dict[str, str] = {}
    for attr, uri, title, intro in KINDS:
        if any(getattr(a, attr) for a in index.archive.articles):
            out.update(name_pages(index, attr, uri, LABELS[title], LABELS[intro]))
    return out


def name_pages(index: SiteIndex, attr: str, uri: str, title: str, intro: str) -> dict[str, str]:
    """The index of one kind: a table of name, number of articles and its
    (latest, date-ordered) articles, linking to the name's own page when it
    has more than fit; plus those pages."""
    parts = [front_matter(title), f"# {title}", "", esc(intro), ""]
    groups = index.archive.group(attr)
    if not groups:
        return {uri: "\n".join(parts + [f"<p>{esc(LABELS['none_yet'])}</p>"])}
    out: dict[str, str] = {}
    folder = uri.rsplit("/", 1)[0] + "/"
    taken: set[str] = set()
    rows = []
    for name, articles in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shown = articles[-config.LIMITS.name_links:]
        links = "；".join(
            f'<a href="{index.linker.href(uri, a.src_uri)}" title="{esc(a.date)}">{esc(a.title)}</a>' for a in shown
        )
        label = esc(name)
        if len(shown) < len(articles):
            own = f"{folder}{slugify(name, taken)}.md"
            out.update(own_pages(index, own, name, articles))
            label = f'<a href="{index.linker.href(uri, own)}">{esc(name)}</a>'
            links += f' <a href="{index.linker.href(uri, own)}">{esc(LABELS["all_n"].format(n=len(articles)))}</a>'
        rows.append(f"<tr><td>{label}</td><td>{len(articles)}</td><td>{links}</td></tr>")
    parts += [
        '<table class="as-table as-names"><thead><tr>'
        f"<th>{esc(LABELS['name'])}</th><th>{esc(LABELS['count'])}</th><th>{esc(LABELS['count_articles'])}</th>"
        "</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    out[uri] = "\n".join(parts)
    return out


def own_pages(index: SiteIndex, uri: str, name: str, articles: list) -> dict[str, str]:
    """A name's page: its articles by year, or links to its periods when the
    list is long (:mod:`.paging`)."""
    head = [front_matter(name), md_heading(1, name), "",
            f'<p class="as-facts">{esc(LABELS["articles_n"].format(n=len(articles)))}</p>', ""]
    periods = split_periods(articles, lambda a: (a.year, a.month))
    if periods is None:
        return {uri: "\n".join(head + articles_by_year(index, uri, articles))}
    out = period_pages(uri, name, periods, lambda page, arts: [article_list(arts, index.linker, page)])
    out[uri] = "\n".join(head + [period_links(index, uri, periods), ""])
    return out
