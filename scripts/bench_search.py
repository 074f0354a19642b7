#!/usr/bin/env python3
"""Benchmark of the full-text search (issue 3 targets).

For 1,000 and 10,000 synthetic articles (~3,000 characters each, shuffled
sentences of seeds/*.txt, written as article pages per newsarchive.schema):

1. builds the index in a child process and prints build time, the child's
   peak memory (resource.getrusage), index size and file count;
2. in headless Chromium opens a minimal search page (the real client assets
   and the built index) and measures, per query with a cold cache, the time
   from navigation start to the first rendered result and the bytes
   transferred: over HTTP for 10,000 articles, from file:// for 1,000,
   with the results' article pages (their snippets come from them;
   stand-ins the size of a real page: :func:`article_page`).

Usage: .venv/bin/python scripts/bench_search.py [--sizes 1000 10000] [--work DIR]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, unquote

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

import yaml  # noqa: E402

from archive_site.search.integration import ASSETS_DIR, INDEX_DIR  # noqa: E402

QUERIES = ["魏玉蛟", "江敦涛", "淄博高新区", "高新区", "松山湖", "稀土", "盾构机", "构机",
           "双招双引 招商引资", "启迪之星", "万声通讯", "独角兽", "区", "西洋参"]
ZONES = ["淄博高新区", "松山湖高新区", "包头稀土高新区", "郑州高新区", "聊城高新区", "潍坊高新区"]
TOPICS = ["招商引资", "科技创新", "项目建设", "营商环境", "人才"]
AD_LINES_FROM = {"002": 79}  # seed 002's classified ads (西洋参 …) are not article text
TARGET_CHARS = 3000

HARNESS = """<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>search bench</title>
<link rel="stylesheet" href="assets/search/search.css"></head>
<body><header class="md-header"><nav class="md-header__inner"></nav></header>
<div class="md-typeset"><div id="gxq-search"></div></div>
<script src="assets/search/search.js"></script></body></html>
"""

FIRST_RESULT_PROBE = """
new MutationObserver((_, obs) => {
  const box = document.getElementById('gxq-search');
  if (!box) return;
  if (!window.__first && (document.querySelector('.gxq-result__title a') || box.dataset.state === 'done')) {
    window.__first = performance.now();
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


def seed_sentences() -> list[str]:
    """Sentences of the seed pages (ads excluded), at least 8 characters long."""
    sentences = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        lines = seed.read_text(encoding="utf-8").splitlines()
        lines = lines[: AD_LINES_FROM.get(seed.stem[:3], len(lines) + 1) - 1]
        for line in lines:
            sentences += [s for s in re.findall(r"[^。！？!?]+[。！？!?]?", line.strip()) if len(s) >= 8]
    return sentences


def write_synthetic_docs(docs: Path, count: int, sentences: list[str]) -> None:
    """Write `count` article pages of ~3,000 characters under docs/articles/."""
    rng = random.Random(count)
    for i in range(count):
        text_len, paragraphs, para = 0, [], []
        while text_len < TARGET_CHARS:
            s = rng.choice(sentences)
            para.append(s)
            text_len += len(s)
            if len(para) >= rng.randint(3, 6):
                paragraphs.append("".join(para))
                para = []
        if para:
            paragraphs.append("".join(para))
        stem = f"bench_{i // 100:03d}"
        meta = {
            "title": paragraphs[0][:28], "source": f"{stem}.txt", "order": i % 100 + 1,
            "date": f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "newspaper": "鲁中晨报", "page": rng.randint(1, 16),
            "zones": rng.sample(ZONES, rng.randint(1, 2)), "topics": rng.sample(TOPICS, rng.randint(0, 2)),
        }
        path = docs / "articles" / stem / f"{i % 100 + 1:02d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n\n" + "\n\n".join(paragraphs[1:]) + "\n", encoding="utf-8")


# What the lean article template adds to an article's text (header, metadata
# table, footer: measured 3,093 bytes, README "Size and speed at scale").
PAGE_CHROME = 3100


def article_page(title: str, text: str) -> str:
    """A stand-in for an article page (the results' snippets are cut from
    the article pages, fetched or, from file://, loaded as scripts): the
    article's text in the markup the client reads, the size of a real page,
    loadable like one (:func:`archive_site.search.integration.loadable_page`)."""
    from html import escape

    from archive_site.search.integration import loadable_page

    body = "".join(f"<p>{escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return loadable_page(f'<!doctype html>\n<html lang="zh"><head><meta charset="utf-8"><title>{escape(title)}</title>'
                         f'</head><body><!-- {"-" * PAGE_CHROME} --><article class="md-content__inner">'
                         f'<header class="as-article-header"><h1>{escape(title)}</h1></header>\n{body}'
                         f'</article></body></html>\n')


def build_child(docs: Path, out: Path) -> None:
    """(In the child process.) Build the index and the stand-in article
    pages beside it; print stats as JSON."""
    from archive_site.search.builder import build_index
    from archive_site.search.records import article_paths, iter_records

    def with_pages(records):
        for record in records:
            page = out.parent / record.url
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(article_page(record.title, record.text), encoding="utf-8")
            yield record

    started = time.perf_counter()
    stats = build_index(with_pages(iter_records(docs)), out, expected=len(article_paths(docs)))
    print(json.dumps({"seconds": time.perf_counter() - started, "articles": stats.articles,
                      "keys": stats.keys, "shards": stats.shards, "split": stats.split, "files": stats.files,
                      "bytes": stats.bytes}))


def build(docs: Path, site: Path) -> dict:
    """Build the index in a child process; add its peak memory (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu = child_cpu_seconds()
    run = subprocess.run([sys.executable, __file__, "--build-child", str(docs), str(site / INDEX_DIR)],
                         capture_output=True, text=True, check=True)
    stats = json.loads(run.stdout)
    stats["cpu"] = child_cpu_seconds() - cpu
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    stats["peak_mb"] = max(peak, before) / 1024  # ru_maxrss is in KiB on Linux
    return stats


def child_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def make_harness(site: Path) -> None:
    """A minimal page with the real client assets next to the index."""
    shutil.copytree(ASSETS_DIR, site / "assets" / "search", dirs_exist_ok=True)
    (site / "search.html").write_text(HARNESS, encoding="utf-8")


def measure(browser, base: str, query: str, throttle: tuple[int, int] | None = None) -> dict:
    """Cold-cache time to first result (ms) and bytes transferred for one query;
    ``throttle`` = (round-trip latency ms, download kbit/s) emulates a network."""
    context = browser.new_context()
    page = context.new_page()
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": throttle[0],
            "downloadThroughput": throttle[1] * 1000 / 8, "uploadThroughput": throttle[1] * 1000 / 8})
    page.add_init_script(FIRST_RESULT_PROBE)
    sizes = []

    def finished(request):
        try:
            s = request.sizes()
            sizes.append((request.url, s["responseBodySize"] + s["responseHeadersSize"]))
        except Exception:  # noqa: BLE001 - a request without a response (file://)
            pass

    page.on("requestfinished", finished)
    page.goto(base + "search.html?q=" + quote(query))
    page.wait_for_selector("#gxq-search[data-state=done]", timeout=60_000)
    first = page.evaluate("window.__first")
    done = page.evaluate("performance.now()")
    count = int(page.get_attribute("#gxq-search", "data-count"))
    page.wait_for_timeout(50)
    total = sum(b for _, b in sizes)
    index_bytes = sum(b for u, b in sizes if f"/{INDEX_DIR}/" in u)
    files = sum(1 for u, _ in sizes if f"/{INDEX_DIR}/" in u)
    context.close()
    return {"query": query, "first_ms": first, "done_ms": done, "results": count,
            "bytes": total, "index_bytes": index_bytes, "files": files}


def file_transfer(site: Path, urls: list[str]) -> int:
    return sum((site / u).stat().st_size for u in urls if (site / u).exists())


def measure_file(browser, site: Path, query: str) -> dict:
    """Like :func:`measure` from file://; bytes are the sizes of the files read."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(FIRST_RESULT_PROBE)
    page.goto(site.as_uri() + "/search.html?q=" + quote(query))
    page.wait_for_selector("#gxq-search[data-state=done]", timeout=60_000)
    first = page.evaluate("window.__first")
    loaded = page.evaluate("gxqSearch.requested")
    articles = page.evaluate("gxqSearch.pages")     # the results' article pages (snippets), absolute URLs
    count = int(page.get_attribute("#gxq-search", "data-count"))
    context.close()
    rels = ["search.html", "assets/search/search.js", "assets/search/search.css"]
    rels += [f"{INDEX_DIR}/{name}.js" for name in loaded]
    rels += [unquote(u[len(site.as_uri()) + 1:]) for u in articles]
    return {"query": query, "first_ms": first, "results": count,
            "bytes": file_transfer(site, rels), "files": len([r for r in rels if r.startswith(INDEX_DIR)])}


def print_rows(rows: list[dict]) -> None:
    print(f"    {'query':18s} {'first result':>12s} {'results':>8s} {'bytes':>10s} {'index files':>11s}")
    for r in rows:
        print(f"    {r['query']:18s} {r['first_ms']:10.0f}ms {r['results']:8d} {r['bytes']:10,d} {r['files']:11d}")


def generate_and_build(docs: Path, site: Path, n: int, sentences: list[str]) -> None:
    """Write the synthetic archive, build its index, print the build figures."""
    for d in (docs, site):
        shutil.rmtree(d, ignore_errors=True)
    started = time.perf_counter()
    write_synthetic_docs(docs, n, sentences)
    print(f"\n== {n:,} articles (generated in {time.perf_counter() - started:.1f} s)")
    stats = build(docs, site)
    print(f"  build: {stats['seconds']:.1f} s wall ({stats['cpu']:.1f} s CPU), "
          f"peak memory {stats['peak_mb']:.0f} MB, "
          f"index {stats['bytes'] / 1e6:.1f} MB in {stats['files']:,} files "
          f"({stats['shards']} shards, {stats['keys']:,} keys, {stats['split']} split)")


def measure_site(browser, site: Path, n: int, sizes: list[int], throttle=None) -> None:
    """Over HTTP for the largest archive, from file:// for the smallest.

    One throw-away search first warms up the browser and the server (the
    figures are then per query with a cold browser cache, not a cold browser)."""
    from browser import serve

    if n >= 10000 or n == max(sizes):
        with serve(site) as base:
            measure(browser, base, "高新")
            rows = [measure(browser, base, q) for q in QUERIES]
        print("  over HTTP (cold cache; bytes = all responses incl. page, JS, CSS):")
        print_rows(rows)
        if throttle:
            with serve(site) as base:
                rows = [measure(browser, base, q, tuple(throttle)) for q in QUERIES]
            print(f"  over HTTP, emulated network: {throttle[0]} ms latency, {throttle[1]:,} kbit/s:")
            print_rows(rows)
    if n <= 1000 or n == min(sizes):
        measure_file(browser, site, "高新")
        rows = [measure_file(browser, site, q) for q in QUERIES]
        print("  from file:// (bytes = sizes of the files read):")
        print_rows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, help="keep the generated archives here")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the archives already built in --work (no generation, no build)")
    parser.add_argument("--throttle", type=int, nargs=2, metavar=("LATENCY_MS", "KBITS"),
                        help="also measure over HTTP with this emulated network (e.g. 50 10000)")
    parser.add_argument("--build-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_child:
        build_child(*args.build_child)
        return

    from browser import chromium

    work = args.work or Path(tempfile.mkdtemp(prefix="bench_search_"))
    sentences = seed_sentences()
    print(f"{len(sentences)} seed sentences; work dir {work}")
    with chromium() as browser:
        for n in args.sizes:
            docs, site = work / f"docs_{n}", work / f"site_{n}"
            if args.reuse:
                print(f"\n== {n:,} articles (reusing {site})")
            else:
                generate_and_build(docs, site, n, sentences)
            make_harness(site)
            measure_site(browser, site, n, args.sizes, args.throttle)


if __name__ == "__main__":
    main()
