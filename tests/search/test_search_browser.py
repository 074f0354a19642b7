"""Browser tests of the search in real headless Chromium on a built site
(seed archive + MkDocs + Material + the search hook), over HTTP and from
file://. Never skipped: a missing browser is a failure."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from archive_site.search.postings import index_text
from archive_site.search.fold import fold, query_terms
from archive_site.search.records import iter_records
from browser import chromium, screenshot, serve

QUERIES = ["魏玉蛟", "江敦涛", "淄博高新区", "高新区", "松山湖", "稀土", "盾构机", "构机",
           "双招双引", "招商引资", "独角兽", "启迪之星", "万声通讯"]


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def http_base(built_site):
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="module")
def records(archive):
    return list(iter_records(archive[0]))


def expected(records, query):
    """URLs of the articles containing every term, ranked by brute force: terms
    in the title first, then occurrences (overlapping), then newest."""
    terms = query_terms(query)
    scored = []
    for i, r in enumerate(records):
        text = index_text(r)[0]
        if all(t in text for t in terms):
            title = fold(r.title)
            count = sum(sum(1 for k in range(len(text)) if text.startswith(t, k)) for t in terms)
            scored.append((-sum(t in title for t in terms), -count, -r.date_key, i, r.url))
    return [s[-1] for s in sorted(scored)]


def run_search(page, url):
    """Open a search page URL; wait for the results; return (count, [result URLs])."""
    page.goto(url)
    page.wait_for_selector("#gxq-search[data-state=done]", timeout=10_000)
    count = int(page.get_attribute("#gxq-search", "data-count"))
    hrefs = page.eval_on_selector_all(".gxq-result__title a", "els => els.map(e => e.href)")
    return count, hrefs


def rel(href: str) -> str:
    return href.split("/site/", 1)[-1] if href.startswith("file:") else href.split("/", 3)[3]


@pytest.mark.parametrize("where", ["http", "file"])
def test_queries_find_the_right_articles(browser, built_site, http_base, records, where):
    base = http_base if where == "http" else built_site.as_uri() + "/"
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for q in QUERIES:
        want = expected(records, q)
        assert want, f"fixture has no article for {q}"
        count, hrefs = run_search(page, base + "search.html?q=" + quote(q))
        got = [rel(h) for h in hrefs]
        assert count == len(want), q
        assert set(got) <= set(want), q                       # nothing that does not contain it
        assert got == want[:10], q                              # ranked as specified
        assert len(got) == min(10, len(want))
        # the snippets, cut from the article pages (fetched, or from file:// loaded as scripts)
        snippets = page.eval_on_selector_all(".gxq-result__snippet", "els => els.map(e => e.textContent)")
        assert len(snippets) == len(got) and all(snippets), q
        assert page.locator(".gxq-result__snippet mark").count() > 0, q
    assert not errors
    page.close()


def test_ads_and_sources_are_never_results(browser, http_base):
    page = browser.new_page()
    for q in ["西洋参", "西洋参片", "咨询热线", "隐藏词语"]:
        count, hrefs = run_search(page, http_base + "search.html?q=" + quote(q))
        assert count == 0 and hrefs == [], q
        assert "没有找到" in page.inner_text(".gxq-status")
    page.close()


def test_exact_part_of_word(browser, http_base, records):
    page = browser.new_page()
    count, hrefs = run_search(page, http_base + "search.html?q=" + quote("构机"))
    assert count == len(expected(records, "构机")) >= 1
    for href in hrefs:
        assert any(r.url == rel(href) and "构机" in index_text(r)[0] for r in records)
    marks = page.eval_on_selector_all(".gxq-result mark", "els => els.map(e => e.textContent)")
    assert marks and all(fold(m) == "构机" for m in marks)
    page.close()


def test_several_words_narrow(browser, http_base, records):
    page = browser.new_page()
    one, _ = run_search(page, http_base + "search.html?q=" + quote("高新区"))
    both, hrefs = run_search(page, http_base + "search.html?q=" + quote("高新区 稀土"))
    assert both == len(expected(records, "高新区 稀土")) and 0 < both < one
    page.close()


def test_facets_filter(browser, http_base, records):
    page = browser.new_page()
    total, _ = run_search(page, http_base + "search.html?q=" + quote("高新区"))
    page.select_option("select[name=zone]", "松山湖高新区")
    page.wait_for_url("**zone=*")
    page.wait_for_selector("#gxq-search[data-state=done]")
    count = int(page.get_attribute("#gxq-search", "data-count"))
    want = [r for r in records if "高新区" in index_text(r)[0] and "松山湖高新区" in r.zones]
    assert 0 < count == len(want) < total
    for text in page.eval_on_selector_all(".gxq-result__meta", "els => els.map(e => e.textContent)"):
        assert "松山湖高新区" in text
    count, _ = run_search(page, http_base + "search.html?q=" + quote("高新区") + "&year=2024")
    assert count == len([r for r in records if "高新区" in index_text(r)[0] and r.year == 2024]) > 0
    count, _ = run_search(page, http_base + "search.html?topic=" + quote("测试"))
    assert count == 1                                         # browse by facet without a query
    page.close()


def test_header_box_goes_to_search_page(browser, built_site):
    page = browser.new_page()
    page.goto((built_site / "articles" / "003_d0893501d4b0028e" / "01.html").as_uri())
    box = page.locator(".md-header .gxq-header-search__input")
    page.keyboard.press("/")                                  # shortcut focuses the box
    assert page.evaluate("document.activeElement.classList.contains('gxq-header-search__input')")
    page.keyboard.type("稀土")
    box.press("Enter")
    page.wait_for_selector("#gxq-search[data-state=done]")
    assert "search.html?q=" in page.url
    assert int(page.get_attribute("#gxq-search", "data-count")) >= 1
    assert page.input_value(".md-header .gxq-header-search__input") == "稀土"
    page.close()


def test_page_text_is_never_markup(browser, http_base):
    page = browser.new_page()
    count, _ = run_search(page, http_base + "search.html?q=" + quote("<b>"))
    assert count == 1
    snippet = page.locator(".gxq-result__snippet").first
    assert "<b>不是标签</b>" in snippet.inner_text()
    assert snippet.locator("b").count() == 0
    page.close()


def test_screenshots_light_and_dark(browser, http_base):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    run_search(page, http_base + "search.html?q=" + quote("淄博高新区 双招双引"))
    assert page.locator(".gxq-result mark").count() > 0
    screenshot(page, "search-results-light")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    bg = page.evaluate("getComputedStyle(document.querySelector('.gxq-input')).backgroundColor")
    fg = page.evaluate("getComputedStyle(document.querySelector('.gxq-result__snippet')).color")
    assert bg != "rgb(255, 255, 255)" and fg != "rgb(0, 0, 0)"
    screenshot(page, "search-results-dark")
    page.set_viewport_size({"width": 400, "height": 800})
    screenshot(page, "search-results-mobile")
    page.close()


def test_data_files_carry_the_build_id(browser, http_base, built_site):
    """The manifest is fetched uncached; every other index file with ?v=<build>."""
    import json
    manifest = (built_site / "fulltext" / "manifest.js").read_text(encoding="utf-8")
    build = json.loads(manifest[manifest.index(",") + 1:manifest.rindex(")")])["build"]
    page = browser.new_page()
    urls = []
    page.on("request", lambda r: "/fulltext/" in r.url and urls.append(r.url))
    run_search(page, http_base + "search.html?q=" + quote("稀土"))
    assert any("/fulltext/manifest.js?t=" in u for u in urls)
    others = [u for u in urls if "/fulltext/manifest.js" not in u]
    assert others and all(u.endswith(f".js?v={build}") for u in others)
    page.close()
