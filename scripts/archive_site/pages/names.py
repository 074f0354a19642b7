"""人物 and 机构: names from the ``people`` and ``organizations`` front-matter
fields, each with links to the articles that mention it (one page each, so
the pages grow with the number of mentions, not with its square)."""
from __future__ import annotations

from .. import config
from ..labels import LABELS
from ..render import esc, front_matter
from .index import SiteIndex

KINDS = (
    ("people", config.PEOPLE + "index.md", "people_title", "people_intro"),
    ("organizations", config.ORGANIZATIONS + "index.md", "organizations_title", "organizations_intro"),
)


def pages(index: SiteIndex) -> dict[str, str]:
    """The people page and the organizations page, each only if some article names any."""
    return {
        uri: names_page(index, attr, uri, LABELS[title], LABELS[intro])
        for attr, uri, title, intro in KINDS
        if any(getattr(a, attr) for a in index.archive.articles)
    }


def names_page(index: SiteIndex, attr: str, uri: str, title: str, intro: str) -> str:
    """A table: name, number of articles, the articles (date-ordered links)."""
    parts = [front_matter(title), f"# {title}", "", esc(intro), ""]
    groups = index.archive.group(attr)
    if not groups:
        return "\n".join(parts + [f"<p>{esc(LABELS['none_yet'])}</p>"])
    rows = []
    for name, articles in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        links = "；".join(
            f'<a href="{index.linker.href(uri, a.src_uri)}" title="{esc(a.date)}">{esc(a.title)}</a>' for a in articles
        )
        rows.append(f"<tr><td>{esc(name)}</td><td>{len(articles)}</td><td>{links}</td></tr>")
    parts += [
        '<table class="as-table as-names"><thead><tr>'
        f"<th>{esc(LABELS['name'])}</th><th>{esc(LABELS['count'])}</th><th>{esc(LABELS['count_articles'])}</th>"
        "</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    return "\n".join(parts)
