"""The real `mkdocs build --strict` of the fixture archive: no warnings,
broken front matter fails naming every file, hand edits reach the indexes,
every internal link resolves, the nav stays small."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from archive_site.collection import extract_raw_text
from archive_site.deflate import pack
from archive_site.rawdiff import article_text, unpack_raw

from conftest import mkdocs_build


def test_build_is_clean(built):
    assert "WARNING" not in built.log, built.log
    assert (built.site / "index.html").is_file()
    assert (built.site / "assets" / "archive" / "archive.css").is_file()
    assert not (built.docs / "zones").exists()          # nothing generated into docs/


def test_broken_front_matter_fails_naming_each_file(fixture_docs, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)
    a = docs / "articles" / "002_bbbb" / "01.md"
    a.write_text(a.read_text(encoding="utf-8").replace("date: '2019-05-20'", "date: 2019/5/20"), encoding="utf-8")
    b = docs / "sources" / "003_cccc.md"
    b.write_text(b.read_text(encoding="utf-8").replace("source: 003_cccc.txt\n", "", 1), encoding="utf-8")
    result = mkdocs_build(tmp_path, docs)
    assert result.returncode != 0
    assert "articles/002_bbbb/01.md" in result.log and "'date' must be an ISO date" in result.log
    assert "sources/003_cccc.md: 'source' is missing" in result.log


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if (tag, name) in {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")} and value:
                self.links.append(value)


def broken_links(site: Path) -> list[str]:
    """Every href/src in the site's pages that points to no file."""
    broken = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "//", "mailto:")):
                continue
            base = site if parts.path.startswith("/") else page.parent   # 404.html uses root paths
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} → {href}")
    return broken


def test_every_internal_link_resolves(built):
    broken = broken_links(built.site)
    assert not broken, "\n".join(broken[:20])


def test_no_remote_assets(built):
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', html), page


def test_nav_lists_index_pages_only(built):
    html = (built.site / "topics" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S).group(0)
    titles = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', nav)
    assert titles[:7] == ["首页", "地区", "主题", "日期", "报纸与版面", "人物", "机构"]
    assert "articles/" not in nav


def test_article_and_source_pages_are_lean(built):
    """The bulk of the site: no sidebars, no template indentation (issue 10)."""
    for rel in ("articles/001_aaaa/01.html", "sources/001_aaaa.html"):
        html = (built.site / rel).read_text(encoding="utf-8")
        assert "md-nav--primary" not in html and "md-sidebar" not in html, rel
        assert "\n  " not in re.sub(r"<pre.*?</pre>", "", html, flags=re.S), rel
        assert 'class="md-header' in html and "search.js" in html, rel   # header and search box stay
        header = html.split("<header", 1)[1].split("</header>", 1)[0]
        assert "<svg" not in header and "__drawer" not in header, rel     # icons drawn by archive.css, no drawer
        assert "%E" not in html.split("<article", 1)[1], rel              # links keep Chinese as it is (IRIs)
        assert "md-dialog" not in html and "__tabbed_" not in html, rel   # Material's unused pieces dropped
        assert "bundle." not in html and "__md_scope" not in html and "__config" not in html, rel   # and its script


def test_source_page_keeps_its_raw_text_compressed(built):
    """The raw text of a printed page is stored once, deflated (archive.js
    inflates it), in pieces against the texts of its articles' pages (the
    fixture's articles are cut from it: their lines cost next to nothing)."""
    for stem in sorted(p.stem for p in (built.site / "sources").glob("*.html")):
        html = (built.site / "sources" / f"{stem}.html").read_text(encoding="utf-8")
        if 'id="raw"' not in html:
            continue
        raw = html.split('id="raw"', 1)[1]
        assert "<pre" not in raw
        packed = re.search(r'class="as-raw-packed" data-deflate="([^"]+)"', raw).group(1)
        froms = re.search(r'data-from="([^"]*)"', raw)
        links = re.findall(r'<li><span>[^<]*</span> <a href="([^"]+)"', html.split('as-source-articles"', 2)[2].split("</ol>")[0])
        texts = [article_text((built.site / "sources" / link).resolve().read_text(encoding="utf-8")) for link in links]
        text = extract_raw_text((built.docs / "sources" / f"{stem}.md").read_text(encoding="utf-8"))
        assert unpack_raw(packed, froms.group(1) if froms else "", texts) == text, stem
        if stem == "001_aaaa":
            assert froms and len(packed) < len(pack(text)) * 0.6
            assert "第二段：新材料产业集群。" in text


def test_hand_edited_zone_and_date_move_articles_between_indexes(built, edited):
    result = edited
    before_weifang = (built.site / "zones" / "潍坊高新区.html").read_text(encoding="utf-8")
    after_weifang = (result.site / "zones" / "潍坊高新区.html").read_text(encoding="utf-8")
    after_zibo = (result.site / "zones" / "淄博高新区.html").read_text(encoding="utf-8")
    link = "../articles/002_bbbb/01.html"
    assert link in before_weifang and link not in after_weifang and link in after_zibo
    assert "005_eeee/01.html" in (built.site / "dates" / "undated.html").read_text(encoding="utf-8")
    assert not (result.site / "dates" / "undated.html").exists()
    assert "005_eeee/01.html" in (result.site / "dates" / "2016.html").read_text(encoding="utf-8")


def test_source_page_raw_text_plain_without_search(fixture_docs, tmp_path):
    """With the plugin's search off, search.js (which holds the decoder) is not
    on the pages, so the raw text stays a plain <pre> anyone can read."""
    result = mkdocs_build(tmp_path, fixture_docs, plugins=[{"newsarchive": {"search": False}}])
    assert result.returncode == 0, result.log
    html = (result.site / "sources" / "001_aaaa.html").read_text(encoding="utf-8")
    assert "search.js" not in html and "data-deflate" not in html
    raw = html.split('id="raw"', 1)[1]
    assert "<pre" in raw and "第二段：新材料产业集群。" in raw


def test_directory_urls_and_edit_links(fixture_docs, tmp_path):
    """Another URL style (as some Pages setups use) and repo_url/edit_uri set."""
    result = mkdocs_build(tmp_path, fixture_docs, use_directory_urls=True,
                          repo_url="https://github.com/example/archive", edit_uri="edit/main/docs/")
    assert result.returncode == 0, result.log
    assert (result.site / "zones" / "淄博高新区" / "index.html").is_file()
    broken = broken_links(result.site)
    assert not broken, "\n".join(broken[:20])
    article = (result.site / "articles" / "001_aaaa" / "01" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/archive/edit/main/docs/articles/001_aaaa/01.md"' in article
    zone = (result.site / "zones" / "淄博高新区" / "index.html").read_text(encoding="utf-8")
    assert 'rel="edit"' not in zone                      # generated pages have no file to edit


def test_hand_written_home_page_wins(fixture_docs, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)
    (docs / "index.md").write_text("# 手写首页\n\n这是手写的首页。\n", encoding="utf-8")
    result = mkdocs_build(tmp_path, docs)
    assert result.returncode == 0, result.log
    home = (result.site / "index.html").read_text(encoding="utf-8")
    assert "这是手写的首页。" in home and "as-stats" not in home
    assert (result.site / "zones" / "index.html").is_file()
