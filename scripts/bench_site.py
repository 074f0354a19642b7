#!/usr/bin/env python3
"""Benchmark of the site build on a synthetic archive.

Writes N synthetic articles (~3,000 Chinese characters each, paragraphs
drawn from seeds/*.txt; zones from the zone registry, topics from the topic
taxonomy, dates over ten years with some inferred, partial and undated) into
a temporary docs/, five articles per newspaper page, builds it with
`mkdocs build --strict` and the project's mkdocs.yml and plugin, and prints:
the load average, the full build's wall and CPU time (with its worker
processes) and peak memory, the site's bytes per article by part (article
pages, source pages, search index, exports, index pages, assets), the
largest pages, two one-edit rebuilds (`mkdocs build --dirty` after a
correction of one article's text, then of its title), a full build after
them (the build cache of the first full build in place, as for `make site`
after hand edits), and the same two saves under `mkdocs serve --dirty`
(what `make serve` runs), timed from the save to the browser's reload.

    .venv/bin/python scripts/bench_site.py              # 1,000 articles
    .venv/bin/python scripts/bench_site.py -n 10000     # the README's figures (minutes)
    .venv/bin/python scripts/bench_site.py -n 50000     # the long run (most of an hour on a loaded machine; not in CI)
    .venv/bin/python scripts/bench_site.py -n 200 --keep
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from archive_site.fixtures import write_config, write_issue  # noqa: E402

# The build runs this checkout's sources (the shared .venv may hold another checkout's).
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "scripts")}
NEWSPAPERS = ("鲁中晨报", "大众日报", "科技日报", "经济日报", "齐鲁晚报")
PER_PAGE = 5
ARTICLE_CHARS = 3000
FALLBACK_TOPICS = ("招商引资", "科技创新", "人才", "产业发展", "营商环境", "党建")


def seed_paragraphs(seeds: Path) -> list[str]:
    """Lines of the seed texts long enough to be paragraphs (NFC as read)."""
    paras = []
    for path in sorted(seeds.glob("*.txt")):
        paras += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) >= 40]
    if not paras:
        raise SystemExit(f"no paragraphs found in {seeds}")
    return paras


def names() -> tuple[list[str], list[str]]:
    """Zone names (registry) and topic names (taxonomy), with fallbacks."""
    try:
        from newsarchive.zones import load_zones
        zones = [z.name for z in load_zones()]
    except Exception:  # noqa: BLE001 - benchmark still runs without the registry
        zones = ["淄博高新区", "潍坊高新区", "东湖高新区"]
    try:
        from newsarchive.topics import load_topics
        topics = [t.name for t in load_topics()]
    except Exception:  # noqa: BLE001
        topics = list(FALLBACK_TOPICS)
    return zones, topics


def random_date(rng: random.Random) -> tuple[str, bool]:
    """A date string per the schema and whether it is inferred."""
    year = rng.randint(2015, 2024)
    roll = rng.random()
    if roll < 0.03:
        return "", False
    if roll < 0.10:
        return str(year), True
    if roll < 0.15:
        return f"{year}-{rng.randint(1, 12):02d}", False
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", False


def write_archive(docs: Path, n: int, seed: int = 1) -> None:
    """Write ``n`` synthetic articles, PER_PAGE per source page."""
    rng = random.Random(seed)
    paras = seed_paragraphs(ROOT / "seeds")
    zones, topics = names()
    people = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"]
    orgs = ["市委", "市政府", "管委会", "科技局", "商务局"]
    for p in range(0, n, PER_PAGE):
        date, inferred = random_date(rng)
        arts = []
        for _ in range(min(PER_PAGE, n - p)):
            body, size = [], 0
            while size < ARTICLE_CHARS:
                para = rng.choice(paras)
                body.append(para)
                size += len(para)
            zone = rng.sample(zones, k=rng.choice((1, 1, 1, 2)))
            arts.append(dict(
                title=rng.choice(paras)[:rng.randint(10, 24)],
                paragraphs=body,
                zones=zone,
                topics=rng.sample(topics, k=rng.randint(1, 3)),
                people=rng.sample(people, k=rng.randint(0, 2)),
                organizations=rng.sample(orgs, k=rng.randint(0, 2)),
                authors=[rng.choice(people)],
                date_inferred=inferred,
            ))
        write_issue(docs, f"{p // PER_PAGE:04d}_bench", arts, newspaper=rng.choice(NEWSPAPERS),
                    page=rng.randint(1, 16), date=date)


def search_index_dir() -> str:
    """Where the search hook writes its index under site/ (``search`` unless it says otherwise)."""
    try:
        from archive_site.search.integration import INDEX_DIR
        return str(INDEX_DIR)
    except Exception:  # noqa: BLE001 - no search engine yet
        return "search"


def tree_size(path: Path) -> int:
    """Bytes of all files under ``path`` (0 if it does not exist)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


SEARCH_PARTS = {"d": "doc lists (d/)", "p": "positions (p/)", "t": "snippet texts (t/)", "m": "metadata (m/)"}


def search_parts(index: Path) -> dict[str, int]:
    """Bytes of the search index by kind of file: its folders (SEARCH_PARTS) and the top-level files."""
    sizes = {label: tree_size(index / name) for name, label in SEARCH_PARTS.items() if (index / name).is_dir()}
    if index.is_dir():
        sizes["manifest, docs table"] = sum(f.stat().st_size for f in index.iterdir() if f.is_file())
    return sizes


def tree_pss(pid: int) -> int:
    """Proportional set size (bytes) of a process and all its descendants,
    from /proc (shared pages counted once in all, so forked workers are not
    counted twice); 0 when gone."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            total += int(next(line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:"))) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float, float, int, int]:
    """Run ``cmd``; (result, wall s, CPU s of it and its descendants, max RSS
    of its largest process, peak of the summed PSS of all its processes
    sampled every 0.2 s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_pss(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    took = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    result = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    return result, took, cpu, after.ru_maxrss * 1024, peak[0]


def edit_rebuild(docs: Path, cfg: Path, mkdocs: Path) -> None:
    """Two hand edits of one article, each followed by `mkdocs build --dirty`
    (what `mkdocs serve --dirty`, i.e. `make serve`, runs after a save): a
    correction of its text (one character, the daily case), then of its
    title; print the time of each and what the hooks report they did."""
    pages = sorted((docs / "articles").rglob("*.md"))
    page = pages[len(pages) // 2]

    def body_edit(text: str) -> str:
        head, sep, body = text.partition("\n---\n")
        return head + sep + body.replace("。", "；", 1)

    def title_edit(text: str) -> str:
        head, sep, body = text.partition("\n---\n")
        return head.replace("title: ", "title: 手工校对：", 1) + sep + body

    for what, edit in (("text edit", body_edit), ("title edit", title_edit)):
        page.write_text(edit(page.read_text(encoding="utf-8")), encoding="utf-8")
        proc, took, cpu, _, _ = run_measured([str(mkdocs), "build", "--dirty", "--no-strict", "-f", str(cfg)])
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr, file=sys.stderr)
        said = [line.split("-  ", 1)[-1] for line in (proc.stdout + proc.stderr).splitlines()
                if "search index" in line or "parsed for" in line or "index pages" in line]
        print(f"one-edit rebuild, {what + ':':<12}{took:.1f} s wall, {cpu:.1f} s CPU (mkdocs build --dirty after"
              f" editing {page.relative_to(docs)}): " + "; ".join(said))


def process_cpu(pid: int) -> float:
    """CPU seconds of a running process (all its threads, and its children it waited for)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def serve_edits(docs: Path, cfg: Path, mkdocs: Path, wait: float = 3600) -> None:
    """What `make serve` gives after a save: start `mkdocs serve --dirty`,
    let its first build finish, measure its CPU while idle, then save a text
    correction and a title correction of one article and time each from the
    save to MkDocs' "Reloading browsers" (wall and the serving process's
    CPU: the watcher, the rebuild with the caches it kept)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log_path = cfg.parent / "serve.log"
    t0 = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([str(mkdocs), "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}",
                                 "-f", str(cfg)], stdout=log, stderr=subprocess.STDOUT, env=ENV, start_new_session=True)

    def said() -> str:
        return log_path.read_text(encoding="utf-8", errors="replace")

    def until(condition) -> bool:
        deadline = time.perf_counter() + wait
        while proc.poll() is None and time.perf_counter() < deadline:
            if condition(said()):
                return True
            time.sleep(0.05)
        return False

    try:
        if not until(lambda text: "Serving on" in text):
            print("serve: never started\n" + said(), file=sys.stderr)
            return
        print(f"serve, first build: {time.perf_counter() - t0:.1f} s wall, {process_cpu(proc.pid):.1f} s CPU"
              " (mkdocs serve --dirty builds into a new folder: a full build, with the build cache)")
        cpu = process_cpu(proc.pid)
        time.sleep(10)
        print(f"serve, idle:       {(process_cpu(proc.pid) - cpu) / 10 * 100:.0f} % of a core while waiting for a save"
              f" ({'system file events' if 'file events' in said() else 'MkDocs polling docs/'})")
        page = sorted((docs / "articles").rglob("*.md"))[7]     # not the article the --dirty runs edited
        for what, old, new in (("text edit", "。", "；"), ("title edit", "title: ", "title: 手工校对：")):
            text = page.read_text(encoding="utf-8")
            done = said().count("Reloading browsers")
            cpu, t1 = process_cpu(proc.pid), time.perf_counter()
            page.write_text(text.replace(old, new, 1), encoding="utf-8")
            if not until(lambda text, done=done: text.count("Reloading browsers") > done):
                print("serve: no rebuild\n" + said(), file=sys.stderr)
                return
            print(f"serve, {what + ':':<12}{time.perf_counter() - t1:.1f} s wall, {process_cpu(proc.pid) - cpu:.1f} s CPU"
                  f" from the save to the browser's reload ({page.relative_to(docs)})")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=1000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and print its path")
    parser.add_argument("--site-hook-only", action="store_true",
                        help="build without the search hook (to see the site's own share)")
    parser.add_argument("--no-serve", action="store_true", help="do not measure the saves under `mkdocs serve --dirty`")
    parser.add_argument("--bytes-only", action="store_true",
                        help="one full build and its byte report only (no edits, no second build, no serve)")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench_site_"))
    try:
        docs, site = tmp / "docs", tmp / "site"
        t0 = time.perf_counter()
        write_archive(docs, args.articles)
        t_write = time.perf_counter() - t0
        cfg = write_config(tmp, docs, site)
        if args.site_hook_only:
            cfg = write_config(tmp, docs, site, hooks=[str(ROOT / "scripts" / "hooks" / "site.py")])
        mkdocs = Path(sys.executable).parent / "mkdocs"
        print(f"load average:      {load_average()} (before the build; 2-core machine shared with others)")
        proc, t_build, cpu, peak_one, peak_all = run_measured([str(mkdocs), "build", "--strict", "-f", str(cfg)])
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr, file=sys.stderr)
            print("build FAILED", file=sys.stderr)
            return 1
        pages = sum(1 for _ in site.rglob("*.html"))
        html = sorted(site.rglob("*.html"), key=lambda f: f.stat().st_size, reverse=True)
        total = tree_size(site)
        print(f"articles:          {args.articles} (docs written in {t_write:.1f} s, {tree_size(docs) / 1e6:.1f} MB)")
        said = [line.split("-  ", 1)[-1] for line in (proc.stdout + proc.stderr).splitlines()
                if "search index:" in line]
        print(f"build time:        {t_build:.1f} s wall, {cpu:.1f} s CPU (mkdocs build --strict, with its worker"
              " processes; wall time depends on what else the machine runs): " + "; ".join(said))
        print(f"peak memory:       {peak_all / 1e6:.0f} MB (PSS of all processes of the build together, sampled;"
              f" largest single process {peak_one / 1e6:.0f} MB)")
        print(f"site size:         {total / 1e6:.1f} MB in {pages} HTML pages: "
              f"{total / args.articles / 1e3:.1f} KB per article")
        parts = {"article pages": [site / "articles"], "source pages": [site / "sources"],
                 "search index": [site / search_index_dir()], "exports": [site / "exports"],
                 "index pages": [p for p in site.iterdir() if p.name not in {"articles", "sources", "assets",
                                 "exports", search_index_dir()} and (p.is_dir() or p.suffix == ".html")]}
        sizes = {label: sum(tree_size(p) if p.is_dir() else p.stat().st_size for p in paths)
                 for label, paths in parts.items()}
        sizes["assets, the rest"] = total - sum(sizes.values())
        for label, size in sizes.items():
            print(f"  {label + ':':<17}{size / 1e6:8.1f} MB  {size / args.articles / 1e3:5.1f} KB/article")
        for f in (site / "exports").glob("*"):
            print(f"    exports/{f.name}: {f.stat().st_size / 1e6:.1f} MB")
        for label, size in search_parts(site / search_index_dir()).items():
            print(f"    search {label + ':':<24}{size / 1e6:8.1f} MB  {size / args.articles / 1e3:5.1f} KB/article")
        print("largest pages:     " + ", ".join(f"{f.relative_to(site)} {f.stat().st_size / 1e3:.0f} kB" for f in html[:3]))
        over = [f for f in html if f.stat().st_size > 200_000]
        print(f"pages over 200 kB: {len(over)}")
        if args.bytes_only:
            if args.keep:
                print(f"kept:              {tmp}")
            return 0
        edit_rebuild(docs, cfg, mkdocs)
        proc, t_again, cpu_again, _, peak_again = run_measured([str(mkdocs), "build", "--strict", "-f", str(cfg)])
        said = [line.split("-  ", 1)[-1] for line in (proc.stdout + proc.stderr).splitlines()
                if "search index:" in line]
        print(f"full build again:  {t_again:.1f} s wall, {cpu_again:.1f} s CPU, {peak_again / 1e6:.0f} MB peak"
              " (after the two edits; the build cache of the first build is there, as for `make site` after"
              " hand edits): " + "; ".join(said))
        if not args.no_serve:
            serve_edits(docs, cfg, mkdocs)
        print(f"load average:      {load_average()} (after)")
        if args.keep:
            print(f"kept:              {tmp}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
