"""The MkDocs hook: the search page, the client assets and the index are part
of every build, and the index follows hand edits of docs/."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from archive_site.search.query import Index
from search.search_fixtures import write_mkdocs_config

MKDOCS = Path(sys.executable).with_name("mkdocs")


def test_build_has_page_assets_and_index(built_site):
    page = (built_site / "search.html").read_text(encoding="utf-8")
    assert 'id="gxq-search"' in page
    assert "assets/search/search.js" in page and "assets/search/search.css" in page
    article = next((built_site / "articles").rglob("*.html")).read_text(encoding="utf-8")
    assert "assets/search/search.js" in article                   # header box on every page
    assert (built_site / "assets" / "search" / "search.js").is_file()
    index = Index(built_site / "fulltext")
    urls = {index.meta(d)[0] for d in range(index.manifest["docs"])}
    assert urls and all(u.startswith("articles/") for u in urls)  # no source page, no search page


def test_hand_edit_is_searchable_after_rebuild(archive, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(archive[0], docs)
    page = docs / "articles" / "zz_special" / "01.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n人工校对新增的句子含有鲶鱼效应。\n", encoding="utf-8")
    (docs / "articles" / "004_12d72fcd3ea23722" / "01.md").unlink()  # an article removed by hand
    cfg = write_mkdocs_config(tmp_path, docs, tmp_path / "site")
    run = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(cfg)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    index = Index(tmp_path / "site" / "fulltext")
    hits = index.search("鲶鱼效应")
    assert [index.meta(h.doc)[0] for h in hits] == ["articles/zz_special/01.html"]
    urls = {index.meta(d)[0] for d in range(index.manifest["docs"])}
    assert "articles/004_12d72fcd3ea23722/01.html" not in urls


def test_broken_front_matter_fails_the_build_naming_the_file(archive, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(archive[0], docs)
    bad = docs / "articles" / "zz_special" / "01.md"
    bad.write_text("---\ntitle: [\n---\n正文\n", encoding="utf-8")
    cfg = write_mkdocs_config(tmp_path, docs, tmp_path / "site")
    run = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(cfg)], capture_output=True, text=True)
    assert run.returncode != 0
    assert "zz_special/01.md" in run.stderr


def test_directory_urls_link_right(archive, tmp_path):
    """With use_directory_urls: true results link to articles/x/01/ and the
    header box goes to search/."""
    cfg = write_mkdocs_config(tmp_path, archive[0], tmp_path / "site", directory_urls=True)
    run = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(cfg)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    site = tmp_path / "site"
    index = Index(site / "fulltext")
    urls = [index.meta(d)[0] for d in range(index.manifest["docs"])]
    assert urls and all(u.endswith("/") and (site / u / "index.html").is_file() for u in urls)
    assert '"page": "search/"' in (site / "assets" / "search" / "config.js").read_text(encoding="utf-8")
    assert (site / "search" / "index.html").is_file()
