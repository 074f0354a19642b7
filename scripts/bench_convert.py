#!/usr/bin/env python3
"""Benchmark the converter on generated seed-sized pages.

    python scripts/bench_convert.py [-n 300] [--jobs 1 2] [--seed 1] [--keep DIR]

Generates N pages (default 300) the size of the pages in seeds/ by shuffling
the paragraphs and lines of seeds/*.txt and adding the noise real pages carry
(sentences broken mid-word across blank lines, letter-spaced lines, page
headers and footers, form feeds, captions, ad lines with phone numbers,
pdftotext hard wraps, CRLF). Then it

  * measures build_page + render_page in this process, after start-up
    (jieba and the pattern tables loaded by a warm-up page), and
  * runs scripts/convert.py --jobs J for each J into a fresh temporary docs
    folder over all N pages and over the first 4*J pages: the difference is
    the rate after start-up (interpreter, imports, jieba in every worker),

and prints pages/s and peak memory (resource.getrusage maxrss of this
process and of the CLI children). The target is >= 35 seed-sized pages/s on
2 cores after start-up.

The page generator (:func:`noisy_page`) is also used by the property tests.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

HEADERS = [
    "10 鲁中晨报", "鲁中晨报 10", "2020年1月1日 星期三", "星期四 2023年6月8日", "编辑 王兴华 美编 王涛",
    "责任编辑 李明  校对 张红", "第 30 页", "- 3 -", "A2版", "7 理论", "科技日报 3",
    "《人民日报》（2018年01月17日 第 07 版）", "（下转第4版）", "扫码关注公众号",
]
CAPTIONS = [
    "图片来源：安康高新区", "园区企业员工在生产线上调试设备。（记者 陈晨 摄）",
    "包头中科陶瓷科技公司梁磊正在查验稀土釉陶瓷质量", "图为项目签约现场。资料照片", "▲ 新建成的孵化基地",
]
ADS = [
    "●写字楼出租 ●厂房出售 电话 13912345678", "招商热线：0551-65321234", "●汽车修理厂聘技工数名 13156983111李",
    "★旺铺转让 价格面议 联系电话 0533-2271234", "分类广告",
]
NEWLINES = ["\n", "\n", "\n", "\r\n", "\r"]


def seed_paragraphs(folder: Path = ROOT / "seeds") -> list[str]:
    """The non-blank lines of every seed page (one paragraph, title or byline each)."""
    out: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        out.extend(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return out


def _letter_space(text: str) -> str:
    return " ".join(text)


def _hard_wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


def noisy_page(rng: random.Random, paragraphs: list[str], size: int | None = None,
               noise: float = 0.15) -> str:
    """A page of about `size` characters (seed-sized by default): paragraphs of
    the seeds in random order, with noise. Deterministic for a seeded rng."""
    size = size if size is not None else rng.randint(2500, 5300)   # + overshoot: about the seeds' mean
    blocks: list[str] = []
    length = 0
    while length < size:
        text = rng.choice(paragraphs)
        length += len(text)
        roll = rng.random()
        if roll < noise and len(text) > 8:                      # a sentence broken mid-word
            cut = rng.randint(1, len(text) - 1)
            blocks.append(text[:cut])
            blocks.extend([""] * rng.randint(0, 2))
            blocks.append(text[cut:])
        elif roll < 2 * noise and len(text) <= 60:              # letter-spaced line
            blocks.append(_letter_space(text))
        elif roll < 3 * noise and len(text) > 60:               # pdftotext hard wrap
            wrapped = _hard_wrap(text, rng.randint(30, 40))
            blocks.append(("\u3000\u3000" if rng.random() < 0.5 else "") + wrapped)
        else:
            blocks.append(text)
        extra = rng.random()
        if extra < noise / 2:
            blocks.append(rng.choice(HEADERS))
        elif extra < noise:
            blocks.append(rng.choice(CAPTIONS))
        elif extra < 1.3 * noise:
            blocks.append(rng.choice(ADS))
        elif extra < 1.4 * noise:
            blocks.append("\f" + rng.choice(HEADERS))
        blocks.append("")                                       # blank line between blocks
        if rng.random() < noise / 2:
            blocks.append("")
    newline = rng.choice(NEWLINES)
    return newline.join(blocks).replace("\n", newline) if newline != "\n" else "\n".join(blocks)


def make_pages(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    paragraphs = seed_paragraphs()
    return [noisy_page(rng, paragraphs) for _ in range(n)]


def maxrss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024        # kilobytes on Linux


def _convert_text(item: tuple[int, str]) -> float:
    """Convert one page (build_page + render_page); return the CPU seconds it took."""
    from newsarchive.pipeline import build_page, render_page
    from newsarchive.reader import RawSource, normalize_newlines

    i, text = item
    cpu = time.process_time()
    render_page(build_page(RawSource(f"p{i:04d}.txt", normalize_newlines(text), "utf-8")))
    return time.process_time() - cpu


def _warm_up(text: str) -> None:
    _convert_text((0, text))


def bench_in_process(pages: list[str]) -> tuple[float, float, float]:
    """(seconds for start-up, pages/s for build_page + render_page after it,
    pages per CPU second), one process."""
    t0 = time.perf_counter()
    _warm_up(pages[0])                 # imports, patterns, jieba and its tables
    startup = time.perf_counter() - t0
    t1 = time.perf_counter()
    cpu = sum(_convert_text(item) for item in enumerate(pages))
    return startup, len(pages) / (time.perf_counter() - t1), len(pages) / cpu


def bench_pool(pages: list[str], workers: int) -> tuple[float, float]:
    """(pages/s, pages per CPU second) for build_page + render_page in
    `workers` processes, every worker started and warmed up before the clock starts."""
    import concurrent.futures as cf
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm_up,
                                initargs=(pages[0],)) as pool:
        list(pool.map(_convert_text, enumerate(pages[:workers * 2]), chunksize=1))   # all workers up
        t0 = time.perf_counter()
        cpu = sum(pool.map(_convert_text, enumerate(pages), chunksize=4))
        return len(pages) / (time.perf_counter() - t0), len(pages) / cpu


SUMMARY = re.compile(r"(\d+) files \((\d+) failed\).*; ([\d.]+)s\s*$")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(src: Path, jobs: int) -> tuple[float, float, int, float]:
    """Run the CLI once into a fresh docs folder: (wall seconds, the CLI's own
    seconds from after its imports, articles written, CPU seconds of the CLI
    and its workers)."""
    with tempfile.TemporaryDirectory() as out:
        cpu0 = children_cpu()
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "convert.py"), "--src", str(src),
                               "--out", out, "--jobs", str(jobs)], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        cpu = children_cpu() - cpu0
        articles = sum(1 for _ in Path(out).glob("articles/*/*.md"))
    last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    summary = SUMMARY.search(last)
    if proc.returncode != 0 or not summary or int(summary.group(2)):
        sys.exit(f"convert.py --jobs {jobs} --src {src} failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return wall, float(summary.group(3)), articles, cpu


def bench_cli(pages: list[str], folder: Path, jobs: int) -> dict:
    """Pages/s of `convert.py --jobs J` after start-up: the difference between
    a run over all pages and a run over the first 4*J (which pays the same
    start-up: interpreter, imports, and jieba in each worker)."""
    small_n = min(len(pages) - 1, 4 * jobs)
    full, small = folder / f"all-{jobs}", folder / f"small-{jobs}"
    for target, subset in ((full, pages), (small, pages[:small_n])):
        target.mkdir(parents=True, exist_ok=True)
        for i, text in enumerate(subset):
            (target / f"bench_{i:04d}.txt").write_text(text, encoding="utf-8", newline="")
    wall, inner, articles, cpu = run_cli(full, jobs)
    small_runs = [run_cli(small, jobs) for _ in range(2)]
    small_wall = min(r[0] for r in small_runs)
    small_cpu = min(r[3] for r in small_runs)
    steady = (len(pages) - small_n) / (wall - small_wall) if wall > small_wall else float("nan")
    per_cpu = (len(pages) - small_n) / (cpu - small_cpu) if cpu > small_cpu else float("nan")
    return {"jobs": jobs, "wall": wall, "inner": inner, "articles": articles, "startup": small_wall,
            "small_n": small_n, "wall_rate": len(pages) / wall, "steady_rate": steady, "per_cpu": per_cpu}


def bench_entities(folder: Path = ROOT / "seeds") -> float:
    """People and organisation extraction: milliseconds per 15 KB of UTF-8 text
    (the seed pages, best of three, word cache cleared)."""
    from newsarchive import entities  # after sys.path names this checkout, like the other benches

    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
    entities.extract_people(text[:2000]), entities.extract_organizations(text[:2000])  # warm up jieba
    best = float("inf")
    for _ in range(3):
        entities._left_words.cache_clear()
        start = time.perf_counter()
        entities.extract_people(text)
        entities.extract_organizations(text)
        best = min(best, time.perf_counter() - start)
    return best * 15000 / len(text.encode()) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=300, help="pages to generate (default 300)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to run (default: 1 2)")
    ap.add_argument("--seed", type=int, default=1, help="random seed of the generated pages")
    ap.add_argument("--keep", type=Path, help="write the generated pages to this folder and keep them")
    ap.add_argument("--no-cli", action="store_true", help="only the in-process measurement")
    ap.add_argument("--seed-repeat", type=int, default=10, help="times the seed pages are converted as a reference")
    args = ap.parse_args(argv)

    pages = make_pages(args.n, args.seed)
    seed_sizes = [len(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    print(f"{len(pages)} generated pages, mean {sum(map(len, pages)) / len(pages):.0f} characters "
          f"(seeds: mean {sum(seed_sizes) / len(seed_sizes):.0f}); the generated pages hold more articles "
          f"than the seeds (shuffled titles and bylines start new ones)")

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (other work slows every figure)")
    startup, rate, per_cpu = bench_in_process(pages)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))] * args.seed_repeat
    _, seed_rate, seed_cpu = bench_in_process(seeds)
    print(f"in-process, the {len(seeds) // args.seed_repeat} seed pages x {args.seed_repeat}: {seed_rate:.1f} pages/s "
          f"({seed_cpu:.1f} pages per CPU second)")
    print(f"in-process build_page+render_page, 1 process: {rate:.1f} pages/s after a start-up of {startup:.2f}s "
          f"({per_cpu:.1f} pages per CPU second); peak RSS {maxrss_mib(resource.RUSAGE_SELF):.0f} MiB")
    for workers in sorted({j for j in args.jobs if j > 1}):
        rate, per_cpu = bench_pool(pages, workers)
        print(f"in-process build_page+render_page, {workers} worker processes (warmed up): {rate:.1f} pages/s "
              f"({per_cpu:.1f} pages per CPU second: about {workers * per_cpu:.0f} pages/s on {workers} idle cores)")

    if not args.no_cli:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep or Path(tmp)
            for jobs in args.jobs:
                r = bench_cli(pages, folder, jobs)
                print(f"convert.py --jobs {jobs}: {r['steady_rate']:.1f} pages/s after start-up "
                      f"({len(pages)} pages in {r['wall']:.1f}s wall, {r['small_n']} pages in {r['startup']:.1f}s); "
                      f"{r['wall_rate']:.1f} pages/s whole run; {r['articles']} articles; "
                      f"{r['per_cpu']:.1f} pages per CPU second after start-up "
                      f"(about {min(jobs, os.cpu_count() or 1) * r['per_cpu']:.0f} pages/s on idle cores)")
        print(f"peak RSS of the largest child process (CLI runs and pool workers): "
              f"{maxrss_mib(resource.RUSAGE_CHILDREN):.0f} MiB")
    print(f"people and organisations: {bench_entities():.1f} ms per 15 KB of text (about 3 ms on an idle machine)")
    print("target: >= 35 seed-sized pages/s on 2 cores after start-up")
    return 0


if __name__ == "__main__":
    sys.exit(main())
