"""MkDocs integration of the search (used by ``scripts/hooks/search.py``).

- ``on_config``: adds the client's CSS and JavaScript to every page.
- ``on_files``: adds the generated search page (:data:`SEARCH_PAGE`), the
  client assets (from ``assets/``) and a generated ``config.js`` (the search
  page's URL) to the site's files, and notes every page's URL (so results
  link right with ``use_directory_urls`` either way).
- ``on_post_build``: brings the index in ``site/fulltext/`` up to date with
  ``docs/``: a full build, or after a hand edit in a ``--dirty`` build (what
  ``make serve`` runs) a patch of the shards that changed (:mod:`.incremental`).
"""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from mkdocs.structure.files import File, Files

from .. import cache
from .builder import META_CHUNK
from .incremental import STATE_FILE, PageKey, update_index
from .records import article_paths, html_url, record_from_page

log = logging.getLogger("mkdocs.hooks.search")

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
ASSET_URI = "assets/search/"
SEARCH_PAGE = "search.md"
INDEX_DIR = "fulltext"

SEARCH_PAGE_TEXT = """---
title: 全文搜索
hide:
  - toc
search:
  exclude: true
---

# 全文搜索

<p class="gxq-help">检索全部文章的标题、正文、作者与图片说明，结果包含输入的完整字串（词的一部分也可以，如“构机”可找到“盾构机”）；
多个词用空格分隔，表示同时包含。全角与半角、英文大小写视为相同。广告与版面杂项不参与检索。</p>

<div id="gxq-search" class="gxq-search">
<p class="gxq-status">正在加载搜索……</p>
<noscript><p>全文搜索需要浏览器启用 JavaScript。</p></noscript>
</div>
"""


CONFIG_JS = ASSET_URI + "config.js"

# src_uri → URL of every documentation page of the current build (set in on_files).
_page_urls: dict[str, str] = {}


def on_config(config):
    """Add the search client's stylesheet and scripts to every page."""
    css = ASSET_URI + "search.css"
    if css not in [str(x) for x in config.extra_css]:
        config.extra_css.append(css)
    for js in (CONFIG_JS, ASSET_URI + "search.js"):
        if js not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(js)
    return config


def client_config(search_url: str) -> str:
    """The generated config.js: where the search page is, relative to the site root.

    >>> client_config("search.html").strip()
    'window.gxqSearchConfig = {"page": "search.html"};'
    """
    return "window.gxqSearchConfig = " + json.dumps({"page": search_url}, ensure_ascii=False) + ";\n"


def on_files(files: Files, config) -> Files:
    """Add the generated search page and the client assets."""
    page = files.get_file_from_path(SEARCH_PAGE)
    if page is None:
        page = File.generated(config, SEARCH_PAGE, content=SEARCH_PAGE_TEXT)
        files.append(page)
    for asset in sorted(ASSETS_DIR.iterdir()):
        uri = ASSET_URI + asset.name
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(asset)))
    if files.get_file_from_path(CONFIG_JS) is None:
        files.append(File.generated(config, CONFIG_JS, content=client_config(page.url)))
    _page_urls.clear()
    _page_urls.update({f.src_uri: f.url for f in files.documentation_pages()})
    return files


def on_post_build(config) -> None:
    """Build the search index from the article pages of docs/ into site/fulltext/."""
    started = time.perf_counter()
    out = Path(config.site_dir) / INDEX_DIR
    docs_dir = Path(config.docs_dir)
    pages = page_keys(docs_dir, url_for=lambda uri: _page_urls.get(uri) or html_url(uri))
    state = cache.cache_dir(config.config_file_path) / STATE_FILE
    stats, how = update_index(out, state, pages, lambda key: record_from_page(docs_dir / key.src_uri, key.url),
                              META_CHUNK, expected=len(pages))
    if how == "full":
        log.info("search index: %d articles, %d keys, %d files, %.1f MB in %.1f s",
                 stats.articles, stats.keys, stats.files, stats.bytes / 1e6, time.perf_counter() - started)
    else:
        log.info("search index: %s (%d files rewritten) in %.1f s", how, stats.rewritten,
                 time.perf_counter() - started)


def page_keys(docs_dir: Path, url_for) -> list[PageKey]:
    """Every article page in path order with its content hash (from the build's
    page cache when the site hook read it already) and its URL."""
    pages = cache.current()
    keys = []
    for path, src_uri in article_paths(docs_dir):
        digest = pages.digest_of(path) or cache.digest(path.read_bytes())
        keys.append(PageKey(src_uri, digest, url_for(src_uri)))
    return keys
