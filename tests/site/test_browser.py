"""The built fixture site in real headless Chromium (tests/browser.py):
pages render, indexes list the right articles, file:// works, markup in
OCR text stays text, exports download and parse, light and dark schemes.
Screenshots go to artifacts/screenshots/."""
from __future__ import annotations

import gzip
import json
import shutil

import pytest

from archive_fixture import XSS_CAPTION, XSS_REMOVED, XSS_TITLE
from archive_site.collection import extract_raw_text
from browser import chromium, screenshot, serve


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def base(built):
    with serve(built.site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.errors = errors
    yield p
    context.close()


def follow(page, locator) -> None:
    """Click a link and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        locator.click()


def titles(page, selector: str = "ul.as-list a, ol.as-list a") -> list[str]:
    return page.locator(selector).all_text_contents()


def shoot_both(browser, url: str, name: str) -> None:
    """Screenshots of a page in the light and the dark scheme."""
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        p = context.new_page()
        p.goto(url)
        expected = "slate" if scheme == "dark" else "default"
        assert p.locator("body").get_attribute("data-md-color-scheme") == expected
        screenshot(p, f"{name}-{scheme}")
        context.close()


def test_home_page(browser, page, base):
    page.goto(base + "index.html")
    assert page.locator("article h1").first.text_content().strip() == "高新区报刊文库"
    stats = dict(zip(page.locator(".as-stat-l").all_text_contents(), page.locator(".as-stat-n").all_text_contents()))
    assert stats["文章"] == "7" and stats["地区"] == "4" and stats["时间跨度"] == "2018 – 2021-07"
    assert titles(page)[0] == "只有年月的文章"
    assert page.locator("svg.as-chart").count() == 2
    assert page.locator("svg.as-chart rect.as-bar").first.bounding_box()["height"] > 0
    assert not page.errors
    shoot_both(browser, base + "index.html", "home")


def test_article_page(browser, page, base):
    page.goto(base + "articles/001_aaaa/01.html")
    assert page.locator("article h1").count() == 1
    assert page.locator("article h1").text_content() == "淄博高新区奋力推动跨越式发展"
    assert page.locator(".as-kicker").text_content() == "发扬干事创业新品质"
    meta = page.locator(".as-meta-table").inner_text()
    assert "2020-01-01" in meta and "鲁中晨报 第10版" in meta and "岳书杰、毛琳琳" in meta
    assert "江敦涛" in meta and "淄博市委" in meta
    assert page.locator(".as-meta-table a.as-chip", has_text="淄博高新区").count() == 1
    assert page.locator("figure.as-captions figcaption").text_content().startswith("2019年9月17日")
    assert page.locator(".as-neighbours a").all_text_contents() == [f"本版下一篇：{XSS_TITLE}"]
    assert page.locator("pre").count() == 0                        # the raw OCR is on the source page only
    follow(page, page.locator(".as-article-footer .as-raw a"))
    assert page.url.endswith("sources/001_aaaa.html#raw")
    assert "第二段：新材料产业集群。" in page.locator("#raw ~ pre, #raw ~ div pre").first.inner_text()
    page.go_back()
    follow(page, page.locator(".as-meta-table a", has_text="查看本版原始页面"))
    assert page.url.endswith("sources/001_aaaa.html")
    assert not page.errors
    shoot_both(browser, base + "articles/001_aaaa/01.html", "article")


def test_inferred_date_is_marked(page, base):
    page.goto(base + "articles/003_cccc/01.html")
    assert "日期由正文推断" in page.locator(".as-meta-table").inner_text()


def test_zone_pages(browser, page, base):
    page.goto(base + "zones/index.html")
    follow(page, page.get_by_role("link", name="潍坊高新区"))
    assert page.locator("article h1").text_content().strip() == "潍坊高新区"
    assert titles(page) == ["潍坊高新区发布人才新政", "只有年月的文章"]
    assert page.locator("svg.as-chart").count() == 1
    page.goto(base + "zones/index.html")
    assert "未登记的高新区" in page.locator("article").inner_text()
    shoot_both(browser, base + "zones/%E6%B7%84%E5%8D%9A%E9%AB%98%E6%96%B0%E5%8C%BA.html", "zone")


def test_topic_and_date_pages(page, base):
    page.goto(base + "topics/index.html")
    follow(page, page.get_by_role("link", name="人才"))
    assert titles(page) == ["潍坊高新区发布人才新政", "手写地区的文章", "只有年月的文章"]
    assert set(page.locator(".as-chips a").all_text_contents()) == {"潍坊高新区", "宣城高新区"}
    page.goto(base + "dates/index.html")
    follow(page, page.get_by_role("link", name="2019"))
    assert titles(page) == ["潍坊高新区发布人才新政", "手写地区的文章"]
    page.goto(base + "dates/undated.html")
    assert titles(page) == ["没有日期的文章"]


def test_hand_edit_moves_article_between_zone_pages(browser, edited):
    context = browser.new_context()
    p = context.new_page()
    with serve(edited.site) as url:
        p.goto(url + "zones/index.html")
        follow(p, p.get_by_role("link", name="淄博高新区"))
        assert "潍坊高新区发布人才新政" in titles(p)
        p.goto(url + "zones/index.html")
        follow(p, p.get_by_role("link", name="潍坊高新区"))
        assert titles(p) == ["只有年月的文章"]
    context.close()


def test_site_works_from_file_url(page, built):
    page.goto((built.site / "index.html").as_uri())
    follow(page, page.locator("nav.md-nav--primary").get_by_role("link", name="地区"))
    assert page.url.startswith("file://") and page.url.endswith("zones/index.html")
    follow(page, page.get_by_role("link", name="淄博高新区"))
    assert page.locator("article h1").text_content().strip() == "淄博高新区"
    follow(page, page.get_by_role("link", name="淄博高新区奋力推动跨越式发展"))
    assert page.locator("article h1").text_content() == "淄博高新区奋力推动跨越式发展"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # CSS loaded
    assert not page.errors


def test_markup_in_ocr_text_renders_as_text(page, base):
    page.goto(base + "articles/001_aaaa/02.html")
    assert page.locator("article h1").text_content() == XSS_TITLE
    assert page.locator("figure.as-captions figcaption").text_content() == XSS_CAPTION
    assert "<script>window.__xss = 3</script>" in page.locator("article").inner_text()
    assert XSS_TITLE in page.title()
    assert page.locator(".md-header__topic").inner_text() == "高新区报刊文库"     # the lean header: the site's name only
    assert page.evaluate("window.__xss") is None
    for listing in ("zones/%E6%B7%84%E5%8D%9A%E9%AB%98%E6%96%B0%E5%8C%BA.html", "index.html"):
        page.goto(base + listing)
        assert XSS_TITLE in titles(page)
        assert page.evaluate("window.__xss") is None
    page.goto(base + "sources/001_aaaa.html")                      # removed text on the source page
    assert XSS_REMOVED in page.locator("article").inner_text()
    assert page.evaluate("window.__xss") is None


def test_exports_download_and_parse(page, base, built):
    page.goto(base + "index.html")
    # The full text is not in the site (no fulltext_url set: the home page says where the build wrote it).
    assert page.get_by_role("link", name="articles.jsonl.gz").count() == 0
    assert "build/exports/" in page.locator(".as-exports").inner_text()
    lines = gzip.decompress((built.config.parent / "build" / "exports" / "articles.jsonl.gz").read_bytes())
    assert len([json.loads(line) for line in lines.decode("utf-8").splitlines()]) == 7
    href = page.get_by_role("link", name="articles.csv").get_attribute("href")
    body = page.request.get(base + href).body()
    assert body.startswith(b"\xef\xbb\xbf") and "淄博高新区奋力推动跨越式发展" in body.decode("utf-8-sig")


def test_palette_toggle(page, base):
    page.goto(base + "index.html")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label.md-header__button[for='__palette_1']").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_article_page_scheme_button_and_stored_choice(browser, base):
    """The lean article page follows the system scheme, its button switches it,
    and the choice is the one Material's switch on the index pages stores."""
    context = browser.new_context(color_scheme="dark")
    p = context.new_page()
    p.goto(base + "articles/001_aaaa/01.html")
    assert p.locator("body").get_attribute("data-md-color-scheme") == "slate"
    p.locator("button.as-scheme").click()
    assert p.locator("body").get_attribute("data-md-color-scheme") == "default"
    p.goto(base + "index.html")                       # Material's own palette reads the stored choice
    assert p.locator("body").get_attribute("data-md-color-scheme") == "default"
    p.locator("label.md-header__button[for='__palette_1']").click()
    p.goto(base + "articles/001_aaaa/02.html")
    assert p.locator("body").get_attribute("data-md-color-scheme") == "slate"
    context.close()


def test_notes_and_untitled(page, base):
    page.goto(base + "articles/004_dddd/01.html")
    assert "标题为整理时所加" in page.locator(".as-untitled").text_content()
    assert page.locator(".as-notes li").all_text_contents() == ["（作者为<i>某单位</i>干部）"]


# Fires every kind of event an injected handler could wait for, on every element;
# default actions (following links, submitting) are prevented so the page stays.
FIRE_EVERY_EVENT = """() => {
  document.addEventListener('click', e => e.preventDefault(), true);
  const kinds = ['click', 'dblclick', 'mousedown', 'mouseup', 'mouseover', 'mouseenter', 'mouseout',
                 'pointerdown', 'pointerover', 'focus', 'blur', 'focusin', 'input', 'change', 'keydown',
                 'toggle', 'load', 'error', 'animationstart', 'transitionend', 'submit', 'scroll'];
  for (const el of document.querySelectorAll('*')) {
    for (const kind of kinds) el.dispatchEvent(new Event(kind, {bubbles: true}));
  }
  return document.querySelectorAll('*').length;
}"""
HANDLERS_AND_SCRIPT_URLS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.replace(/[\\x00-\\x20]/g, '').toLowerCase();
      if (a.name.startsWith('on') || /^(javascript|data|vbscript):/.test(v)) found.push(el.tagName + ' ' + a.name);
    }
  }
  return found;
}"""


@pytest.mark.parametrize("uri", ["about.html", "articles/-leading-dash/03.html"])
def test_injected_handlers_never_fire(browser, hostile, uri):
    """Handlers and script URLs typed into a hand-written page (attr_list
    {: onclick=…}, [x](javascript:…), raw <script>, <img onerror>, <svg onload>,
    front matter) do nothing in Chromium, while legitimate Markdown renders."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(hostile.site) as url:
        p.goto(url + uri)
        p.wait_for_load_state("load")
        assert p.evaluate(HANDLERS_AND_SCRIPT_URLS) == []
        for link in p.locator("article a:not([href])").all():      # the injected links, now inert
            link.click()
        p.locator("article h2").first.hover()
        assert p.evaluate(FIRE_EVERY_EVENT) > 60         # a real page: header, article, footer (the lean page has ~100)
        p.wait_for_timeout(200)                                       # let a timer-based handler run, if any
        assert p.url.split("#")[0] == url + uri           # no navigation (Material may add an anchor)
        assert p.evaluate("window.__xss") is None and dialogs == []
        if uri.startswith("articles/"):
            assert p.locator("p#legit-id.as-legit-class").is_visible()
            assert p.locator(".admonition.note .admonition-title").text_content() == "注意"
            assert p.locator("article table:not(.as-meta-table) td").all_text_contents() == ["甲", "乙"]
            assert p.locator("article a", has_text="正常链接").get_attribute("href") == "../001_aaaa/01.html"
        else:
            assert p.locator(".admonition.tip").is_visible()
    context.close()


def test_source_pages_show_their_raw_text_exactly(page, base, built):
    """Every source page shows its whole raw text, character for character,
    over HTTP and from file:// (pieces stored against the articles' pages are
    rebuilt from those pages: archive_site/rawdiff.py)."""
    stems = sorted(p.stem for p in (built.docs / "sources").glob("*.md"))
    assert any('data-from="' in (built.site / "sources" / f"{s}.html").read_text(encoding="utf-8") for s in stems)
    for stem in stems:
        want = extract_raw_text((built.docs / "sources" / f"{stem}.md").read_text(encoding="utf-8"))
        if want is None:
            continue
        for url in (base + f"sources/{stem}.html", (built.site / "sources" / f"{stem}.html").as_uri()):
            page.goto(url)
            page.wait_for_selector(".as-raw-packed pre")
            assert page.locator(".as-raw-packed pre code").text_content() == want, url
    assert not page.errors


def test_source_page_of_an_article_page_changed_after_the_build(page, built, tmp_path):
    """An article page edited in the site folder after the build: its source
    page says its raw text cannot be rebuilt, never shows a wrong one."""
    site = tmp_path / "site"
    shutil.copytree(built.site, site)
    article = site / "articles" / "001_aaaa" / "01.html"
    article.write_text(article.read_text(encoding="utf-8").replace("新材料", "新新材料", 1), encoding="utf-8")
    page.goto((site / "sources" / "001_aaaa.html").as_uri())
    page.wait_for_function("!document.querySelector('.as-raw-packed[data-deflate]') || "
                           "document.querySelector('.as-raw-packed').textContent.includes('无法读取')")
    assert "无法读取" in page.locator(".as-raw-packed").text_content()
    assert page.locator(".as-raw-packed pre").count() == 0
