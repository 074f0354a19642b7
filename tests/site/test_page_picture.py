"""The page picture of a PDF source page, built by MkDocs and shown in real
headless Chromium: each article's region is outlined and links to the
article; the article links back to its region; a multi-page PDF's pages keep
their own articles; pictures off in archive.yml shows none.

The archive is written the way the converter writes it (front matter per
the schema); the picture is rendered by the converter's own picture module
from a PDF that reportlab makes here."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from archive_site.fixtures import write_page
from browser import chromium, screenshot, serve
from conftest import mkdocs_build
from newsarchive.pdfpages import split_pdf
from newsarchive.picture import make_picture
from newsarchive.settings import Settings
from pdf_pages import make_pdf

TITLES = {1: ["高新区新闻头条", "园区简讯一则"], 2: ["第二版的长文章"]}
REGIONS = {1: [[0.08, 0.06, 0.92, 0.62], [0.55, 0.30, 0.90, 0.45]], 2: [[0.1, 0.1, 0.9, 0.9]]}


def write_pdf_archive(docs: Path, tmp: Path) -> Path:
    """A two-page PDF issue 晚报.pdf as the converter leaves it: two source
    pages (晚报-p01, 晚报-p02) with pictures, three articles with regions;
    on page 1 the brief's region lies inside the lead article's."""
    pdf = make_pdf(tmp / "晚报.pdf", ["高新区新闻头条", "第二版的长文章"])
    for sheet in split_pdf(pdf):
        stem = f"晚报{sheet.suffix}"
        picture = make_picture(sheet, stem, docs, Settings())
        paths = []
        for order, (title, region) in enumerate(zip(TITLES[sheet.number], REGIONS[sheet.number]), 1):
            meta = {"title": title, "newspaper": "晚报", "page": sheet.number, "date": "2020-01-01",
                    "source": "晚报.pdf", "pdf_page": sheet.number, "order": order, "raw_lines": [order, order],
                    "region": region, "slug": f"{stem}-{order:02d}"}
            paths.append(write_page(docs / "articles" / stem / f"{order:02d}.md", meta, f"{title}的正文。\n"))
        raw = "\n".join(TITLES[sheet.number])
        write_page(docs / "sources" / f"{stem}.md",
                   {"type": "source", "source": "晚报.pdf", "pdf_page": sheet.number, "picture": picture.rel,
                    "newspaper": "晚报", "page": sheet.number, "date": "2020-01-01",
                    "articles": [p.relative_to(docs).as_posix() for p in paths]},
                   f"# 来源：晚报.pdf\n\n## 原始文本\n\n```text\n{raw}\n```\n")
    return docs


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdfsite")
    docs = write_pdf_archive(tmp / "docs", tmp)
    built = mkdocs_build(tmp, docs)
    assert built.returncode == 0, built.log
    return built


def html_of(built, rel: str) -> str:
    return (built.site / rel).read_text(encoding="utf-8")


def test_source_page_has_the_picture_and_a_link_per_region(pdf_site):
    html = html_of(pdf_site, "sources/晚报-p01.html")
    img = re.search(r'<img src="([^"]+)" alt="第1版版面图"', html)
    assert img, "no page picture on the source page"
    assert (pdf_site.site / "sources" / unquote(img.group(1))).resolve().is_file()
    links = [(i, unquote(h)) for i, h in re.findall(r'<a class="as-region" id="(region-\d+)" href="([^"]+)"', html)]
    assert [h for _, h in links] == ["../articles/晚报-p01/01.html", "../articles/晚报-p01/02.html"]  # larger first
    for _, href in links:
        assert (pdf_site.site / "sources" / href).resolve().is_file()


def test_each_pdf_page_keeps_its_own_articles(pdf_site):
    html = html_of(pdf_site, "sources/晚报-p02.html")
    assert [unquote(h) for h in re.findall(r'class="as-region" id="region-\d+" href="([^"]+)"', html)] \
        == ["../articles/晚报-p02/01.html"]
    article = unquote(html_of(pdf_site, "articles/晚报-p02/01.html"))
    assert "../../sources/晚报-p02.html" in article and "晚报-p01.html" not in article


def test_picture_size_is_reported_apart(pdf_site):
    assert re.search(r"page pictures \(apart from the text archive\): 2 printed pages, \d+ KB in all", pdf_site.log), \
        pdf_site.log


def test_pictures_off_in_archive_settings(tmp_path, pdf_site):
    docs = tmp_path / "docs"
    shutil.copytree(pdf_site.docs, docs)
    (tmp_path / "archive.yml").write_text("page_pictures: false\n", encoding="utf-8")
    built = mkdocs_build(tmp_path, docs)
    assert built.returncode == 0, built.log
    assert "as-page-picture" not in html_of(built, "sources/晚报-p01.html")
    assert "as-region-link" not in html_of(built, "articles/晚报-p01/01.html")


def test_a_deleted_article_leaves_no_region_and_the_build_passes(tmp_path, pdf_site):
    docs = tmp_path / "docs"
    shutil.copytree(pdf_site.docs, docs)
    (docs / "articles" / "晚报-p01" / "02.md").unlink()
    (docs / "pictures" / next(p.name for p in (docs / "pictures").iterdir() if "-p02." in p.name)).unlink()
    built = mkdocs_build(tmp_path, docs)
    assert built.returncode == 0, built.log
    assert html_of(built, "sources/晚报-p01.html").count('class="as-region"') == 1
    assert "as-page-picture" not in html_of(built, "sources/晚报-p02.html")     # its picture is gone


# ── in the browser ──

@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.mark.parametrize("scheme", ["http", "file"])
def test_click_a_region_then_back_to_it(browser, pdf_site, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        if scheme == "http":
            with serve(pdf_site.site) as url:
                _click_through(page, url + "sources/晚报-p01.html")
        else:
            _click_through(page, (pdf_site.site / "sources" / "晚报-p01.html").as_uri())
    finally:
        context.close()
    assert not errors


def _click_through(page, url: str) -> None:
    page.goto(url)
    img = page.locator(".as-page-picture img")
    page.wait_for_function("() => document.querySelector('.as-page-picture img').complete")
    assert img.evaluate("i => i.naturalWidth") > 0, "the page picture did not load"
    frame = img.bounding_box()
    assert frame["width"] > 200
    regions = page.locator("a.as-region")
    assert regions.count() == 2
    for i, want in enumerate(REGIONS[1]):           # each outline where the front matter says, on the picture
        box = regions.nth(i).bounding_box()
        assert abs(box["x"] - (frame["x"] + want[0] * frame["width"])) < 3
        assert abs(box["y"] - (frame["y"] + want[1] * frame["height"])) < 3
        assert abs(box["width"] - (want[2] - want[0]) * frame["width"]) < 3
    if url.startswith("http"):
        screenshot(page, "source-page-picture")
    # the brief lies inside the lead article's region: a click on its middle opens the brief
    brief = regions.nth(1).bounding_box()
    with page.expect_navigation():
        page.mouse.click(brief["x"] + brief["width"] / 2, brief["y"] + brief["height"] / 2)
    assert page.locator("article h1").first.text_content().strip() == "园区简讯一则"
    with page.expect_navigation():
        page.locator(".as-region-link a").click()
    assert page.url.endswith("#region-02")
    target = page.locator("a.as-region:target")
    assert target.count() == 1 and unquote(target.get_attribute("href")).endswith("晚报-p01/02.html")
    # a click elsewhere on the lead article's region opens the lead article
    lead = regions.nth(0).bounding_box()
    with page.expect_navigation():
        page.mouse.click(lead["x"] + 10, lead["y"] + lead["height"] - 10)
    assert page.locator("article h1").first.text_content().strip() == "高新区新闻头条"


def test_converter_output_builds_a_clickable_picture(tmp_path):
    """End to end: a PDF converted by scripts/convert.py, then built: the
    source page's picture links each article where the converter placed it."""
    import subprocess
    import sys

    from pdf_pages import two_articles

    src, docs = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    two_articles(src / "two.pdf")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, str(root / "scripts" / "convert.py"), "--src", str(src), "--out", str(docs)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    built = mkdocs_build(tmp_path, docs)
    assert built.returncode == 0, built.log
    html = unquote(html_of(built, "sources/two.html"))
    links = re.findall(r'class="as-region" id="region-\d+" href="([^"]+)" style="left:([\d.]+)%', html)
    lefts = {href: float(left) for href, left in links}
    assert set(lefts) == {"../articles/two/01.html", "../articles/two/02.html"}
    assert sorted(lefts.values())[0] < 50 < sorted(lefts.values())[1]       # one on each half of the picture
    assert '<img src="../pictures/two.' in html
