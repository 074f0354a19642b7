"""人物 and 机构: names from the ``people`` and ``organizations`` front-matter
fields. The index of each kind lists every name with its count and its
latest articles (bounded by LIMITS.name_links); a name with more has a page of
its own with all of them by year, split into one page per year when longer
than LIMITS.list_articles, so no page grows past ~200 KB with the archive."""
from __future__ import annotations

from collections import defaultdict

from .. import config
from ..labels import LABELS
from ..render import article_list, esc, front_matter, md_heading, slugify
from .index import SiteIndex

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
    """A name's page: its articles by year; when there are more than
    LIMITS.list_articles, a list of years linking to one page per year."""
    head = [front_matter(name), md_heading(1, name), "",
            f'<p class="as-facts">{esc(LABELS["articles_n"].format(n=len(articles)))}</p>', ""]
    years: dict = defaultdict(list)
    for article in articles:
        years[article.year].append(article)
    if len(articles) <= config.LIMITS.list_articles:
        body = []
        for year, arts in years.items():
            label = str(year) if year is not None else LABELS["undated"]
            body += [md_heading(2, f"{label}（{len(arts)}）"), "", article_list(arts, index.linker, uri), ""]
        return {uri: "\n".join(head + body)}
    out: dict[str, str] = {}
    items = []
    for year, arts in years.items():
        label = str(year) if year is not None else LABELS["undated"]
        year_uri = f"{uri[:-3]}/{year if year is not None else 'undated'}.md"
        out[year_uri] = "\n".join([front_matter(f"{name} {label}"), md_heading(1, f"{name} · {label}"), "",
                                   f'<p class="as-facts">{esc(LABELS["articles_n"].format(n=len(arts)))}</p>', "",
                                   article_list(arts, index.linker, year_uri), ""])
        items.append(f'<li><a href="{index.linker.href(uri, year_uri)}">{esc(label)}</a> '
                     f'<span class="as-count">{len(arts)}</span></li>')
    out[uri] = "\n".join(head + ['<ul class="as-years">', *items, "</ul>", ""])
    return out
