"""HTML helpers (archive_site.render): links agree with MkDocs' own URLs."""
from __future__ import annotations

from urllib.parse import unquote

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from archive_site.render import Linker, bar_chart, esc, md_escape, slugify

URIS = ["index.md", "zones/index.md", "zones/淄博高新区.md", "articles/001_x/01.md", "dates/2020.md",
        "search.md", "exports/articles.jsonl.gz"]


@pytest.mark.parametrize("directory_urls", [False, True])
def test_urls_match_mkdocs(directory_urls):
    linker = Linker(directory_urls)
    for uri in URIS:
        assert linker.url(uri) == File(uri, "/docs", "/site", directory_urls).url


@pytest.mark.parametrize("directory_urls", [False, True])
def test_relative_links_match_mkdocs(directory_urls):
    linker = Linker(directory_urls)
    for a in URIS[:-1]:
        for b in URIS:
            src = File(a, "/docs", "/site", directory_urls).url
            dst = File(b, "/docs", "/site", directory_urls).url
            assert unquote(linker.href(a, b)) == unquote(get_relative_url(dst, src)), (a, b)


def test_escaping():
    assert "<" not in esc("<script>") and "&lt;script&gt;" in esc("<script>")
    assert md_escape("[链接](x)") == r"\[链接\]\(x\)"


def test_slugs_unique_and_safe():
    taken: set[str] = set()
    slugs = [slugify(n, taken) for n in ["a/b", "a-b", "a b", "../x", "index", ""]]
    assert len(set(slugs)) == len(slugs)
    assert all("/" not in s and " " not in s and s != "index" and not s.startswith(".") for s in slugs)


def test_chart_escapes_labels():
    svg = bar_chart([("<b>x</b>", 2)], "t", horizontal=True)
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert bar_chart([], "t") == ""
