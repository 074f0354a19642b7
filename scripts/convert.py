#!/usr/bin/env python3
"""Convert raw newspaper pages (OCR or pdftotext output) into article pages.

    python scripts/convert.py [--src seeds] [--out docs] [--jobs N] [--check] [--force] [--explain FILE]

Reads every *.txt page under --src, builds the model of all of them, then
writes one Markdown page per article under OUT/articles/ and one page per
source under OUT/sources/ (removed text with reasons, cleaning log, raw text).
Pages a person edited by hand are never overwritten (see README); --force
overwrites them after a backup. --check writes nothing and reports what would
change (exit 1 if anything would). The exit code is 2 if any input failed;
the other inputs are still converted.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsarchive.pipeline import build_page, render_page  # noqa: E402
from newsarchive.reader import InputError, read_source  # noqa: E402
from newsarchive.writer import DocsWriter  # noqa: E402


def convert_file(path: str):
    """Worker: one file → (name, outputs, stats, warnings) or (name, error)."""
    try:
        raw = read_source(path)
        page = build_page(raw)
    except InputError as exc:
        return Path(path).name, None, str(exc)
    except Exception as exc:  # a bug must not stop the other files
        return Path(path).name, None, f"{path}: converter error: {type(exc).__name__}: {exc}"
    stats = {"articles": len(page.articles), "breaks": page.breaks_repaired, "removed": len(page.removed),
             "warnings": [f"{path}: {w}" for w in page.warnings], "log": page.log}
    return page.name, (render_page(page), stats), None


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.stream = total, 0, stream
        self.tty = stream.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        if self.tty:
            width = 30
            filled = width * self.done // max(1, self.total)
            self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label[:40]:<40}")
            self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=Path("seeds"), help="folder of raw .txt pages (default: seeds)")
    ap.add_argument("--out", type=Path, default=Path("docs"), help="docs folder to write (default: docs)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    ap.add_argument("--check", action="store_true", help="report what would change, write nothing")
    ap.add_argument("--force", action="store_true", help="overwrite hand-edited pages (after a backup)")
    ap.add_argument("--explain", metavar="FILE", help="print which rule changed what for one input file")
    args = ap.parse_args(argv)

    if not args.src.is_dir():
        print(f"error: source folder {args.src} does not exist", file=sys.stderr)
        return 2
    if args.out.exists() and not args.out.is_dir():
        print(f"error: output folder {args.out} is a file, not a folder", file=sys.stderr)
        return 2
    files = sorted(p for p in args.src.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    if args.explain:
        files = [p for p in files if p.name == args.explain or str(p) == args.explain]
        if not files:
            print(f"error: {args.explain} is not a .txt file in {args.src}", file=sys.stderr)
            return 2
    if not files:
        print(f"no .txt pages in {args.src}", file=sys.stderr)

    started = time.perf_counter()
    progress = Progress(len(files))
    results = []
    if args.jobs > 1 and len(files) > 1:
        with cf.ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for result in pool.map(convert_file, map(str, files), chunksize=4):
                results.append(result)
                progress.step(result[0])
    else:
        for path in files:
            results.append(convert_file(str(path)))
            progress.step(path.name)
    progress.close()

    failures = [err for _, _, err in results if err]
    for err in failures:
        print(f"error: {err}", file=sys.stderr)

    if args.explain:
        for name, done, _ in results:
            if done:
                for entry in done[1]["log"]:
                    print(f"{entry.where:>12}  {entry.rule:<36} {entry.detail}")
        return 2 if failures else 0

    writer = DocsWriter(args.out, force=args.force, check=args.check)
    totals = {"articles": 0, "breaks": 0, "removed": 0}
    warnings: list[str] = []
    converted = set()
    for name, done, _ in results:
        if not done:
            continue
        outputs, stats = done
        for output in outputs:
            writer.write(output.path, output.content)
        converted.add(Path(outputs[-1].path).stem)
        for key in totals:
            totals[key] += stats[key]
        warnings.extend(stats["warnings"])
    writer.remove_stale(converted)
    report = writer.finish()

    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for rel in report.kept:
        print(f"kept hand edit: {args.out / rel} (not overwritten; --force to replace it after a backup)",
              file=sys.stderr)
    for rel in report.skipped_deleted:
        print(f"not recreated: {args.out / rel} (deleted by hand)", file=sys.stderr)
    for path in report.backups:
        print(f"backup: {path}", file=sys.stderr)
    if args.check:
        for status, rel in report.changes:
            print(f"would be {status}: {args.out / rel}")
    elapsed = time.perf_counter() - started
    st = report.status
    print(f"{len(files)} files ({len(failures)} failed), {totals['articles']} articles, "
          f"{totals['breaks']} breaks repaired, {totals['removed']} blocks removed, {len(warnings)} warnings; "
          f"pages: {st['new']} new, {st['updated']} updated, {st['unchanged']} unchanged, "
          f"{st['kept-hand-edit']} kept (hand edits), {st['overwritten']} overwritten, "
          f"{st['removed-stale']} removed; {elapsed:.1f}s", file=sys.stderr)
    if failures:
        return 2
    if args.check and any(s not in ("unchanged", "kept-hand-edit", "deleted-by-hand") for s, _ in report.changes):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
