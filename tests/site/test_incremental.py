"""Incremental builds (issue 10): the build cache re-parses only the pages
that changed, and a ``--dirty`` build after a hand edit (what ``make serve``
runs) shows the edit on the article page, the index pages whose lists changed
and the search index, without rewriting index pages whose lists did not."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from urllib.parse import quote
from pathlib import Path

import watchdog.events
import watchdog.observers

from archive_site import cache
from archive_site.plugin import changes_only
from archive_site.fixtures import write_config
from bench_site import write_archive
from newsarchive.settings import SETTINGS_FILE
from archive_site.search.query import Index

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build(cfg: Path, *flags: str) -> str:
    run = subprocess.run([str(MKDOCS), "build", *flags, "-f", str(cfg)], capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                              "PYTHONPATH": os.environ["PYTHONPATH"]})
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout + run.stderr


def test_page_cache_parses_changed_pages_only(fixture_docs, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)
    pages = sorted(docs.rglob("*.md"))
    first = cache.start_build(tmp_path / "build")
    metas = [first.read(p).meta for p in pages]
    first.save()
    edited = docs / "articles" / "001_aaaa" / "01.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("title: 淄博", "title: 手改淄博"), encoding="utf-8")
    second = cache.start_build(tmp_path / "build")
    again = [second.read(p) for p in pages]
    assert (second.parsed, second.reused) == (1, len(pages) - 1)
    assert [p.meta for p in again if p.path != edited] == [m for p, m in zip(pages, metas) if p != edited]
    assert next(p for p in again if p.path == edited).meta["title"].startswith("手改")
    assert next(p for p in again if p.path == edited).body == first.read(edited).body
    second.save()
    kept = cache.start_build(tmp_path / "build")       # in the process that saved it (mkdocs serve): not read back
    assert kept.entries is second.seen
    (tmp_path / "build" / cache.CACHE_FILE).write_bytes(b"garbage")    # safe to break: all parsed again
    third = cache.start_build(tmp_path / "build")
    [third.read(p) for p in pages]
    assert third.parsed == len(pages)


def test_dirty_rebuild_after_a_hand_edit(fixture_docs, tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    shutil.copytree(fixture_docs, docs)
    cfg = write_config(tmp_path, docs, site)
    build(cfg, "--strict")
    untouched = site / "topics" / "科技创新.html"       # lists 003_cccc only
    stamp = untouched.stat().st_mtime_ns
    time.sleep(0.05)
    page = docs / "articles" / "002_bbbb" / "01.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: 潍坊高新区发布人才新政", "title: 潍坊高新区发布人才新政十条")
                    .replace("潍坊高新区发布人才新政十条。", "潍坊高新区发布掘进机新政十条。"), encoding="utf-8")
    log = build(cfg, "--dirty", "--no-strict")    # MkDocs warns that a --dirty build is one
    assert "parsed for 1 pages" in log and "search index: patched 1" in log
    assert "人才新政十条" in (site / "articles" / "002_bbbb" / "01.html").read_text(encoding="utf-8")
    assert "人才新政十条" in (site / "topics" / "人才.html").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == stamp                       # its list did not change: not rebuilt
    hits = Index(site / "fulltext").search("掘进机")
    assert len(hits) == 1
    manifest = (site / "fulltext" / "manifest.js").read_text(encoding="utf-8")
    assert json.loads(manifest[manifest.index(",") + 1:manifest.rindex(")")])["docs"] == 7
    assert os.path.isfile(tmp_path / "build" / "archive-site" / cache.CACHE_FILE)


def test_text_only_edit_reuses_the_index_pages(fixture_docs, tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    shutil.copytree(fixture_docs, docs)
    cfg = write_config(tmp_path, docs, site)
    build(cfg, "--strict")
    page = docs / "articles" / "003_cccc" / "01.md"
    page.write_text(page.read_text(encoding="utf-8").replace("中国光谷的一年。", "中国光谷的一年，盾构机下线。"),
                    encoding="utf-8")
    log = build(cfg, "--dirty", "--no-strict")
    assert "index pages unchanged" in log and "search index: patched 1" in log
    assert "盾构机下线" in (site / "articles" / "003_cccc" / "01.html").read_text(encoding="utf-8")
    assert len(Index(site / "fulltext").search("盾构机下线")) == 1
    log = build(cfg, "--strict")                                         # a full build after it: same pages
    assert "index pages unchanged" in log
    assert "光谷的故事" in (site / "topics" / "科技创新.html").read_text(encoding="utf-8")


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site; the search manifest without its build id
    (a patched index gets a new one, so browsers never mix two builds' files)."""
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "manifest.js":
            data = re.sub(rb'"build":"[0-9a-f]+"', b'"build":""', data)
        out[path.relative_to(site).as_posix()] = data
    return out


def test_dirty_rebuilds_after_edits_give_the_site_of_a_full_build(tmp_path):
    """Edits of an article's text and of another's title, then ``--dirty``;
    then an edit of a third's topics (a new topic page, lists split by
    period) and ``--dirty`` again: each time every file is what a clean full
    build writes, but the exports (kept from the last full build, as the
    README says)."""
    docs = tmp_path / "docs"
    write_archive(docs, 60)
    settings = "limits: {list_articles: 6, name_links: 3, latest_articles: 5}\n"

    def configured(folder: Path) -> Path:
        folder.mkdir()
        (folder / SETTINGS_FILE).write_text(settings, encoding="utf-8")
        return write_config(folder, docs, folder / "site")

    def edit(page: Path, old: str, new: str) -> None:
        text = page.read_text(encoding="utf-8")
        assert old in text
        page.write_text(text.replace(old, new, 1), encoding="utf-8")

    def same_as_a_clean_build(name: str) -> None:
        build(configured(tmp_path / name), "--strict")
        got, want = site_files(tmp_path / "dirty" / "site"), site_files(tmp_path / name / "site")
        assert got.keys() == want.keys()
        assert [f for f in got if got[f] != want[f]] == ["exports/articles.csv"]

    dirty = configured(tmp_path / "dirty")
    build(dirty, "--strict")
    articles = sorted((docs / "articles").rglob("*.md"))
    edit(articles[10], "。", "；")
    edit(articles[40], "title: ", "title: 手工校对：")
    log = build(dirty, "--dirty", "--no-strict")
    assert "search index: patched 2" in log and "rendered again" in log
    assert "given the new titles of 1 articles" in log          # not generated again
    same_as_a_clean_build("clean")
    edit(articles[50], "topics: [", "topics: [新增主题, ")
    log = build(dirty, "--dirty", "--no-strict")
    assert "search index: patched 1" in log and "new titles" not in log
    same_as_a_clean_build("clean-2")


def test_pages_from_the_render_cache_are_the_pages_rendered(tmp_path):
    """A full build after the first takes the article, source and index pages
    from the render cache (build/archive-site/renders/), renders again only
    what changed and a page whose Markdown links another file; its site is
    byte for byte the site of a build without the cache."""
    docs = tmp_path / "docs"
    write_archive(docs, 30)
    cfg = write_config(tmp_path, docs, tmp_path / "site")
    articles = sorted((docs / "articles").rglob("*.md"))
    linking = articles[3]
    linking.write_text(linking.read_text(encoding="utf-8") + "\n见[上一篇](01.md)。\n", encoding="utf-8")
    first = build(cfg, "--strict")
    rendered = int(re.search(r"archive: (\d+) pages rendered, 0 taken from the render cache", first).group(1))
    assert rendered > len(articles)              # articles, sources, index pages
    uncached = site_files(tmp_path / "site")
    log = build(cfg, "--strict")
    assert f"archive: 1 pages rendered, {rendered - 1} taken from the render cache" in log   # the linking page
    assert site_files(tmp_path / "site") == uncached
    text = articles[7].read_text(encoding="utf-8")
    articles[7].write_text(text.replace("。", "；", 1), encoding="utf-8")
    log = build(cfg, "--strict")
    assert f"archive: 2 pages rendered, {rendered - 2} taken from the render cache" in log
    cached = site_files(tmp_path / "site")
    assert "；" in cached[articles[7].relative_to(docs).with_suffix(".html").as_posix()].decode("utf-8")
    shutil.rmtree(tmp_path / "build" / "archive-site" / cache.RENDERS)      # safe to delete: the same site
    log = build(cfg, "--strict")
    assert f"archive: {rendered} pages rendered, 0 taken" in log
    assert site_files(tmp_path / "site") == cached


def test_the_serve_watcher_sees_saves_not_reads(tmp_path):
    """Under ``mkdocs serve`` the system's file events are watched; a build
    reads every page, and a file opened and closed unwritten must not count
    as a save (MkDocs rebuilds on any event it is given: it would rebuild
    again and again after the first save)."""
    page = tmp_path / "01.md"
    page.write_text("正文\n", encoding="utf-8")
    seen: list = []
    got = threading.Event()
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = lambda event: (seen.append(event), got.set())
    observer = changes_only(watchdog.observers.Observer)()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        for _ in range(3):
            page.read_bytes()
        page.write_text("正文。\n", encoding="utf-8")
        assert got.wait(30)
        time.sleep(0.5)
        assert seen and all(not isinstance(e, (watchdog.events.FileOpenedEvent, watchdog.events.FileClosedNoWriteEvent))
                            for e in seen)
    finally:
        observer.stop()
        observer.join(10)


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def test_serve_shows_each_save(fixture_docs, tmp_path):
    """``mkdocs serve --dirty`` (``make serve``): each save is seen (watched
    with the system's file events) and rebuilt from the caches the serving
    process kept since the last build; the article page, its index pages and
    the search index show it."""
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)
    cfg = write_config(tmp_path, docs, tmp_path / "site")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen([str(MKDOCS), "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}", "-f", str(cfg)],
                                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin",
                                     "PYTHONPATH": os.environ["PYTHONPATH"]})
    page = docs / "articles" / "002_bbbb" / "01.md"

    def shown(url: str, text: str) -> bool:
        deadline = time.monotonic() + 300         # a build on a loaded machine: be patient
        while proc.poll() is None and time.monotonic() < deadline:
            html = fetch(base + quote(url))
            if html is not None and text in html:
                return True
            time.sleep(0.3)
        return False

    try:
        assert shown("articles/002_bbbb/01.html", "潍坊高新区发布人才新政十条。"), log.read_text(encoding="utf-8")
        page.write_text(page.read_text(encoding="utf-8").replace("人才新政十条。", "掘进机新政十条。"), encoding="utf-8")
        assert shown("articles/002_bbbb/01.html", "掘进机新政十条"), log.read_text(encoding="utf-8")
        page.write_text(page.read_text(encoding="utf-8").replace("title: 潍坊高新区发布人才新政", "title: 潍坊高新区发布新政"),
                        encoding="utf-8")
        assert shown("topics/人才.html", "潍坊高新区发布新政<"), log.read_text(encoding="utf-8")
        assert shown("sources/002_bbbb.html", "潍坊高新区发布新政<"), log.read_text(encoding="utf-8")
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=60)
    said = log.read_text(encoding="utf-8")
    assert "watching for saves with the system's file events" in said and said.count("search index: patched 1") == 2, said
    assert said.count("front matter parsed for 1 pages") == 2, said
