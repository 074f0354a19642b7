#!/usr/bin/env python3
"""Benchmark the converter on e-paper PDFs: printed pages per second.

    python scripts/bench_pdf.py [--corpus ../shared/eval/corpus] [-n 3] [--jobs 1 2] [--issue 24] [--no-cli]

Over the corpus PDFs (every *.pdf in --corpus, default /work/shared/eval/corpus
or ../shared/eval/corpus) it measures, each apart:

  * text conversion in this process (read → layout → classify → … → Markdown:
    pipeline.build_pdf_page + render_page), after start-up (imports, jieba and
    the pattern tables loaded by a warm-up page), over N rounds of the corpus;
  * the same with J worker processes (--jobs), each warmed up first, so the
    figure is the rate after start-up on J cores;
  * the page picture (render + fit to the budget, no cache), which DECISIONS
    counts apart from text conversion: seconds and KB per printed page;
  * a whole issue: the corpus pages joined into one --issue-page PDF (default
    24), converted by scripts/convert.py --jobs 2 into a fresh docs folder,
    with pictures and without (the CLI's own start-up included);

and peak memory (resource.getrusage maxrss of this process, of the workers
and of the CLI runs). Target: >= 10 printed pages/s on 2 cores after
start-up, text conversion only.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import pypdfium2 as pdfium  # noqa: E402

from newsarchive.pdfpages import PdfSheet, split_pdf  # noqa: E402
from newsarchive.picture import make_picture  # noqa: E402
from newsarchive.pipeline import build_pdf_page, render_page  # noqa: E402
from newsarchive.settings import Settings  # noqa: E402

CORPUS_CANDIDATES = (Path("/work/shared/eval/corpus"), ROOT.parent / "shared" / "eval" / "corpus")


def default_corpus() -> Path:
    return next((p for p in CORPUS_CANDIDATES if p.is_dir()), CORPUS_CANDIDATES[0])


def convert_sheet(sheet: PdfSheet) -> int:
    """Text conversion of one printed page; returns the bytes of Markdown made."""
    return sum(len(o.content.encode("utf-8")) for o in render_page(build_pdf_page(sheet)))


def _warm(sheet: PdfSheet) -> int:
    return convert_sheet(sheet)


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bench_in_process(sheets: list[PdfSheet], rounds: int) -> tuple[float, float, int]:
    """(pages per wall-clock second, pages per CPU second, Markdown bytes) after start-up.
    On a machine shared with other work the CPU-second rate is the fair one."""
    convert_sheet(sheets[0])                      # start-up: imports done, jieba and patterns loaded
    started, cpu = time.perf_counter(), time.process_time()
    size = 0
    for _ in range(rounds):
        for sheet in sheets:
            size += convert_sheet(sheet)
    pages = len(sheets) * rounds
    return pages / (time.perf_counter() - started), pages / (time.process_time() - cpu), size


def bench_workers(sheets: list[PdfSheet], rounds: int, jobs: int) -> float:
    with cf.ProcessPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(_warm, [sheets[0]] * jobs * 2))         # every worker warmed up
        work = sheets * rounds
        started = time.perf_counter()
        list(pool.map(convert_sheet, work, chunksize=1))
        return len(work) / (time.perf_counter() - started)


def bench_pictures(sheets: list[PdfSheet], settings: Settings) -> tuple[float, float, list[int]]:
    """(wall seconds a page, CPU seconds a page, picture sizes), nothing cached."""
    with tempfile.TemporaryDirectory() as tmp:
        started, cpu = time.perf_counter(), time.process_time()
        sizes = [make_picture(sheet, f"bench{n}", tmp, settings).size for n, sheet in enumerate(sheets)]
        return ((time.perf_counter() - started) / len(sheets), (time.process_time() - cpu) / len(sheets), sizes)


def make_issue(pdfs: list[Path], pages: int, out: Path) -> Path:
    """One PDF of ``pages`` pages: the corpus pages over and over."""
    issue = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(p)) for p in pdfs]
    for n in range(pages):
        issue.import_pages(sources[n % len(sources)], [0])
    issue.save(str(out))
    for doc in sources:
        doc.close()
    issue.close()
    return out


def run_cli(src: Path, docs: Path, jobs: int, *extra: str) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "convert.py"), "--src", str(src), "--out", str(docs),
                           "--jobs", str(jobs), *extra], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"convert.py failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed, proc.stderr.strip().splitlines()[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus(), help="folder of PDFs (default: the eval corpus)")
    ap.add_argument("-n", "--rounds", type=int, default=3, help="rounds over the corpus (default: 3)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to measure (default: 1 2)")
    ap.add_argument("--issue", type=int, default=24, help="pages of the whole-issue PDF run through the CLI (0: skip)")
    ap.add_argument("--no-cli", action="store_true", help="skip the whole-issue CLI runs")
    args = ap.parse_args(argv)

    pdfs = sorted(args.corpus.glob("*.pdf"))
    if not pdfs:
        print(f"error: no PDFs in {args.corpus}", file=sys.stderr)
        return 2
    sheets = [s for p in pdfs for s in split_pdf(p)]
    settings = Settings()
    print(f"corpus: {len(pdfs)} PDFs, {len(sheets)} printed pages ({args.corpus}); {os.cpu_count()} CPUs")

    rate, cpu_rate, size = bench_in_process(sheets, args.rounds)
    print(f"text conversion, this process: {rate:.1f} pages/s after start-up, {cpu_rate:.1f} pages per CPU second "
          f"(so about {2 * cpu_rate:.0f} pages/s on 2 free cores; {size / 1024 / (len(sheets) * args.rounds):.0f} KB "
          f"of Markdown a page); load average {os.getloadavg()[0]:.1f}")
    for jobs in args.jobs:
        if jobs > 1:
            print(f"text conversion, {jobs} workers: {bench_workers(sheets, args.rounds, jobs):.1f} pages/s after start-up")
    seconds, cpu_seconds, sizes = bench_pictures(sheets, settings)
    print(f"page pictures (apart): {seconds:.2f} s a page, {cpu_seconds:.2f} CPU s a page, "
          f"{sum(sizes) / 1024 / len(sizes):.0f} KB a page on average, largest {max(sizes) / 1024:.0f} KB "
          f"(budget {settings.picture_kb} KB, {settings.picture_format})")
    print(f"peak memory: this process {_maxrss_mb(resource.RUSAGE_SELF):.0f} MB, "
          f"largest worker {_maxrss_mb(resource.RUSAGE_CHILDREN):.0f} MB")

    if args.issue and not args.no_cli:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "src"
            src.mkdir()
            make_issue(pdfs, args.issue, src / "issue.pdf")
            for label, extra in (("text only", ("--no-pictures",)), ("with pictures", ())):
                elapsed, summary = run_cli(src, Path(tmp) / f"docs-{len(extra)}", 2, *extra)
                print(f"{args.issue}-page issue, convert.py --jobs 2, {label}: {elapsed:.1f} s "
                      f"({args.issue / elapsed:.1f} pages/s, start-up included)")
            print(f"  {summary}")
            print(f"peak memory of a CLI run (largest process): {_maxrss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
