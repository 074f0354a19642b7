"""The search in a site build, whatever the engine (the MkDocs plugin calls
these from its events, ``newsarchive build --engine zensical`` around
``zensical build``):

- :func:`asset_uris`: the client's CSS and JavaScript, for every page;
- :data:`SEARCH_PAGE` (:data:`SEARCH_PAGE_TEXT`) and :func:`asset_files`: the
  generated search page, the client assets (from ``assets/``) and a generated
  ``config.js`` (the search page's URL);
- :func:`loadable_page`: an article page the client can also load as a
  script (its snippet from ``file://``);
- :func:`build_index`: brings the index in ``site/fulltext/`` up to date with
  ``docs/``: a full build, or after a hand edit in a ``--dirty`` build (what
  ``make serve`` runs) a patch of the shards that changed (:mod:`.incremental`).
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
import re
import threading
import time
import traceback
from pathlib import Path
from typing import Callable

from .. import cache
from .builder import BLOCK, META_CHUNK, default_jobs
from .incremental import STATE_FILE, PageKey, update_index, write_pending
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


def asset_uris() -> tuple[list[str], list[str]]:
    """The client's stylesheets and scripts (site paths), for every page."""
    return [ASSET_URI + "search.css"], [CONFIG_JS, ASSET_URI + "search.js"]


def client_config(search_url: str) -> str:
    """The generated config.js: where the search page is, relative to the site root.

    >>> client_config("search.html").strip()
    'window.gxqSearchConfig = {"page": "search.html"};'
    """
    return "window.gxqSearchConfig = " + json.dumps({"page": search_url}, ensure_ascii=False) + ";\n"


def asset_files(search_url: str) -> dict[str, Path | str]:
    """``{site path: file or text}`` of the client: the assets and ``config.js``
    naming the search page's URL ``search_url``."""
    files: dict[str, Path | str] = {ASSET_URI + asset.name: asset for asset in sorted(ASSETS_DIR.iterdir())}
    files[CONFIG_JS] = client_config(search_url)
    return files


# An article page is also a classic script (what search.js loads from file://,
# where fetch cannot read a file, for a result's snippet): the page's first
# line opens a comment in both languages; JavaScript then reads a call of
# gxqArticle with a function whose body is one block comment holding the page
# (the client reads it back with Function.prototype.toString); HTML closes its
# comment on the third line and reads the page. After the page one more HTML
# comment holds the call's closing, and ``-->`` at the start of a line is a
# comment in JavaScript too. Comments before the doctype keep standards mode.
LOADABLE_HEAD = "<!--\ngxqArticle(function(){/*\n-->\n"
LOADABLE_TAIL = "<!--*/});\n-->\n"
_RAW_TEXT = re.compile(r"(<(script|style)\b.*?</\2\s*>)", re.S | re.I)


def loadable_page(html: str) -> str:
    r"""An article page that is also a script calling ``gxqArticle`` (see
    :data:`LOADABLE_HEAD`). The block comment must not end early, so ``*/``
    outside scripts and styles is written ``*&#47;`` (the same text for HTML);
    a page with ``*/`` inside a script or style stays as it is (its snippet
    then needs HTTP).

    >>> loadable_page("<!doctype html>\n<p>a*/b</p>\n")
    '<!--\ngxqArticle(function(){/*\n-->\n<!doctype html>\n<p>a*&#47;b</p>\n<!--*/});\n-->\n'
    >>> loadable_page("<style>/* c */</style>") == "<style>/* c */</style>"
    True
    """
    parts = _RAW_TEXT.split(html)
    if any("*/" in parts[i] for i in range(1, len(parts), 3)):
        return html
    body = html.replace("*/", "*&#47;")
    return LOADABLE_HEAD + body + ("" if body.endswith("\n") else "\n") + LOADABLE_TAIL


def build_index(docs_dir: Path, site_dir: Path, config_file, url_for: Callable[[str], str] = html_url,
                pages: list[PageKey] | None = None, jobs: int | None = None) -> None:
    """Build the search index from the article pages of docs/ into site/fulltext/
    (``url_for``: a page's site URL from its path under docs/; ``pages``:
    their :func:`page_keys` if known; ``jobs``: worker processes of a full
    build, by default one per core)."""
    started = time.perf_counter()
    out = Path(site_dir) / INDEX_DIR
    docs_dir = Path(docs_dir)
    if pages is None:
        pages = page_keys(docs_dir, url_for=url_for)
    state = cache.cache_dir(config_file) / STATE_FILE
    stats, how = update_index(out, state, pages, lambda key: record_from_page(docs_dir / key.src_uri, key.url),
                              META_CHUNK, expected=len(pages), jobs=jobs)
    if how == "full":
        log.info("search index: %d articles, %d keys, %d files, %.1f MB in %.1f s (%d blocks of %d articles"
                 " from the build cache)", stats.articles, stats.keys, stats.files, stats.bytes / 1e6,
                 time.perf_counter() - started, stats.reused, BLOCK)
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


class IndexJob:
    """:func:`build_index` run beside the rendering of the pages: started
    (:meth:`start`) once every page is read, before MkDocs renders them, in a
    forked process of its own, so that on two cores the index (a third of a
    full build's CPU at 10,000 articles) and the rendering (the rest, one
    process: MkDocs renders in order) run at once; :meth:`wait` (before the
    build ends) takes its log records into this process (so ``--strict``
    counts its warnings) and raises what it raised.

    A process that runs threads (``mkdocs serve``) is never forked: there,
    and where ``fork`` does not exist, the index is built in :meth:`start`
    itself, as before. The child leaves one core to the rendering: its
    worker processes are one fewer than :func:`.builder.default_jobs` gives
    (``GXQ_SEARCH_JOBS`` still overrides)."""

    def __init__(self) -> None:
        self.process: multiprocessing.process.BaseProcess | None = None
        self.reader: multiprocessing.connection.Connection | None = None

    def start(self, docs_dir: Path, site_dir: Path, config_file, url_for: Callable[[str], str] = html_url) -> None:
        pages = page_keys(Path(docs_dir), url_for=url_for)
        if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
            build_index(docs_dir, site_dir, config_file, url_for, pages)
            return
        jobs = default_jobs(len(pages))
        jobs = jobs if "GXQ_SEARCH_JOBS" in os.environ else max(1, jobs - 1)
        context = multiprocessing.get_context("fork")
        self.reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_index_in_child, name="search-index", daemon=True,
                                  args=(writer, docs_dir, site_dir, config_file, url_for, pages, jobs))
        process.start()
        self.process = process
        writer.close()

    def wait(self) -> None:
        """Wait for the index; re-log the child's records here; raise if it failed."""
        process, reader, self.process, self.reader = self.process, self.reader, None, None
        if process is None:
            return
        try:
            outcome, records = reader.recv()
        except EOFError:
            outcome, records = "the search index's process ended without a word", []
        finally:
            reader.close()
            process.join()
        for record in records:
            logging.getLogger(record.name).handle(record)
        if outcome is not None:
            raise RuntimeError(f"search index: {outcome}")

    def cancel(self) -> None:
        """Stop the child (the build failed elsewhere)."""
        process, self.process = self.process, None
        if process is not None:
            process.terminate()
            process.join()
        if self.reader is not None:
            self.reader.close()
            self.reader = None


class _Collect(logging.Handler):
    """The log records of the index's process, to be sent to the build's."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _index_in_child(writer, docs_dir, site_dir, config_file, url_for, pages, jobs) -> None:
    """The forked process of :class:`IndexJob`: the index, then (outcome, log records) to the parent."""
    collect = _Collect()
    for name in ("", "mkdocs"):         # MkDocs' own handlers (and its --strict counter) are the parent's
        logger = logging.getLogger(name)
        logger.handlers = [collect]
    outcome = None
    try:
        build_index(docs_dir, site_dir, config_file, url_for, pages, jobs)
        write_pending()
    except BaseException as exc:  # noqa: BLE001 - told to the parent, which raises it
        outcome = f"{exc.__class__.__name__}: {exc}\n{traceback.format_exc()}"
    writer.send((outcome, collect.records))
    writer.close()
