"""What hand-written Markdown and HTML can inject is taken out of the built
pages (archive_site.sanitize, wired in archive_site.plugin), while legitimate
Markdown keeps working. Checked in the HTML of the real strict build of the
hostile archive (tests/site/archive_fixture.py); tests/site/test_browser.py
checks the same pages in headless Chromium."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from archive_fixture import FORMULA_STEM, INJECTED_PAGE_META
from archive_site.sanitize import sanitize_html

INJECTED_PAGES = ["about.html", f"articles/{FORMULA_STEM}/03.html"]
SCRIPT_SCHEMES = re.compile(r"^(javascript|data|vbscript):", re.I)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background"}


class Elements(HTMLParser):
    """Every start tag of a page as (tag, {attribute: value}); text of inline scripts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def content(html: str) -> str:
    """The page's article element (what Markdown produced plus the site's decoration)."""
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S).group(1)


def page(built, uri: str) -> str:
    return (built.site / uri).read_text(encoding="utf-8")


def test_sanitiser_allow_list_keeps_markdown_and_drops_handlers():
    html = ('<h2 id="a" data-toc-label="甲">标题<a class="headerlink" href="#a">¶</a></h2>'
            '<p class="x" onclick="f()" style="position:fixed">文</p><a href="JAVASCRIPT:f()" onmouseover="f()">链</a>')
    assert sanitize_html(html) == ('<h2 id="a" data-toc-label="甲">标题<a class="headerlink" href="#a">¶</a></h2>'
                                   '<p class="x">文</p><a>链</a>')


def test_no_event_handler_attribute_in_any_built_page(hostile):
    found = []
    for path in hostile.site.rglob("*.html"):
        for tag, attrs in Elements(path.read_text(encoding="utf-8")).elements:
            found += [f"{path.name}: <{tag} {a}=…>" for a in attrs if a.lower().startswith("on")]
    assert not found, found


def test_no_script_url_in_any_built_page(hostile):
    found = []
    for path in hostile.site.rglob("*.html"):
        for tag, attrs in Elements(path.read_text(encoding="utf-8")).elements:
            for name, value in attrs.items():
                cleaned = re.sub(r"[\x00-\x20]", "", value)     # what a browser ignores in a URL
                if name in URL_ATTRIBUTES and SCRIPT_SCHEMES.match(cleaned):
                    found.append(f"{path.name}: <{tag} {name}={value!r}>")
    assert not found, found


@pytest.mark.parametrize("uri", INJECTED_PAGES)
def test_no_injected_element_or_script(hostile, uri):
    html = page(hostile, uri)
    parsed = Elements(content(html))
    tags = {tag for tag, _ in parsed.elements}
    assert not tags & {"script", "iframe", "svg", "object", "embed", "form", "input", "button", "style", "base", "meta"}
    assert not [s for s in Elements(html).scripts if "__xss" in s]


def test_theme_printed_front_matter_stays_text(hostile):
    html = page(hostile, "about.html")
    metas = {a.get("name"): a.get("content") for tag, a in Elements(html).elements if tag == "meta"}
    assert metas["description"] == INJECTED_PAGE_META["description"]       # the whole value, as text
    assert metas["author"] == INJECTED_PAGE_META["author"]
    assert "<title>关于&lt;img" in html


def test_legitimate_markdown_keeps_working(hostile):
    article = Elements(content(page(hostile, f"articles/{FORMULA_STEM}/03.html"))).elements
    by_tag = lambda tag: [a for t, a in article if t == tag]          # noqa: E731
    assert {"class": "as-legit-class", "id": "legit-id"} in by_tag("p")           # attr_list class and id
    assert any(a.get("data-note") == "保留" for a in by_tag("h2"))              # attr_list data- attribute
    assert {"style": "text-align:left"} in by_tag("th") and {"style": "text-align:right"} in by_tag("td")
    assert {"class": "admonition note"} in by_tag("div")
    hrefs = [a.get("href") for a in by_tag("a")]
    assert "../001_aaaa/01.html" in hrefs and "https://example.org/" in hrefs and "mailto:editor@example.org" in hrefs
    about = Elements(content(page(hostile, "about.html"))).elements
    assert ("div", {"class": "admonition tip"}) in about and ("details", {"open": ""}) in about
