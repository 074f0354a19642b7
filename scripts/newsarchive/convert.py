"""Convert raw newspaper pages (OCR or pdftotext output, e-paper PDFs) into article pages.

    newsarchive convert [--src seeds] [--out docs] [--jobs N] [--check] [--force]
                              [--rebuild-manifest] [--recreate PAGE] [--wait SECONDS] [--explain FILE]
                              [--settings archive.yml] [--no-pictures]

Reads every *.txt page and every *.pdf under --src (each page of a PDF is a
source page of its own: NAME-p03 for page 3 of a multi-page PDF), builds the
model of all of them, then writes one Markdown page per article under
OUT/articles/ and one page per source under OUT/sources/ (removed text with
reasons, cleaning log, raw text). A PDF page also gets a picture under
OUT/pictures/ (made once per PDF page; off with `page_pictures: false` in
archive.yml or --no-pictures).
Pages a person edited by hand are never overwritten (see README); --force
overwrites them after a backup; pages deleted or moved by hand stay deleted
even then (--recreate PAGE brings one back). Every page and the manifest
docs/.converter.json are written crash-safe; one run at a time holds the docs
folder (a second one waits up to --wait seconds). A docs folder with pages but
no readable manifest stops the run (--rebuild-manifest is the way out).
--check writes nothing and reports what would change (exit 1 if anything
would). The exit code is 2 if any input or page failed; the other inputs are
still converted.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import os
import sys
import threading
import time
from pathlib import Path

from newsarchive.pdfpages import PdfSheet, split_pdf
from newsarchive.picture import make_picture, stale_pictures
from newsarchive.pipeline import build_page, build_pdf_page, page_stem, render_page
from newsarchive.reader import InputError, find_inputs, read_source, shown_path
from newsarchive.settings import SETTINGS_FILE, Settings, SettingsError, load_settings, use_registries
from newsarchive.writer import DocsLock, DocsWriter, LockError, ManifestError
from newsarchive.zones import unlisted_report

SUFFIXES = (".txt", ".pdf")


def convert_file(path: str):
    """Worker: one text file → (name, (outputs, stats), None) or (name, None, error)."""
    return convert_job(path)


def convert_job(job: str | PdfSheet, out: str = "docs", settings: Settings | None = None, check: bool = False):
    """Worker: one text file or one PDF page → (label, (outputs, stats), None) or (label, None, error).

    A PDF page's picture is made here (or found in the cache) unless pictures
    are off; a picture that fails is a warning, the text still converts."""
    if settings is not None:
        use_registries(settings)     # the archive's own registries, in this worker too
    label = job.label if isinstance(job, PdfSheet) else Path(job).name
    where = job.label if isinstance(job, PdfSheet) else shown_path(job)
    picture = None
    try:
        if isinstance(job, PdfSheet):
            page = build_pdf_page(job)
        else:
            page = build_page(read_source(job))
    except InputError as exc:
        return label, None, str(exc)
    except Exception as exc:  # a bug must not stop the other files
        return label, None, f"{where}: converter error: {type(exc).__name__}: {exc}"
    warnings = list(page.warnings)
    if isinstance(job, PdfSheet) and settings is not None and settings.page_pictures:
        try:
            picture = make_picture(job, page_stem(page), out, settings, write=not check)
            page.picture = picture.rel
        except Exception as exc:  # no picture, but the text is there
            warnings.append(f"no page picture: {type(exc).__name__}: {exc}")
        if picture is not None and picture.size > settings.picture_kb * 1024:
            warnings.append(f"page picture is {picture.size // 1024} KB, over the {settings.picture_kb} KB budget")
    stats = {"articles": len(page.articles), "breaks": page.breaks_repaired, "removed": len(page.removed),
             "warnings": [f"{where}: {w}" for w in warnings],
             # the rules' log and the evidence go back to the parent only to be printed (--explain, which
             # runs as a check): pickling them costs a worker about 0.8 ms a page, 33 KB
             "log": page.log if check else [], "explain": page.explain if check else [],
             "picture": picture,
             "zones": sorted({z for a in page.articles for z in a.zones})}
    try:
        outputs = render_page(page)
    except Exception as exc:  # a bug must not stop the other files
        return label, None, f"{where}: converter error: {type(exc).__name__}: {exc}"
    return label, (outputs, stats), None


def _job(args: tuple):
    return convert_job(*args)


def expand(files: list[Path]) -> tuple[list[str | PdfSheet], list[str]]:
    """Conversion jobs: a text file is one, a PDF one per page. A PDF that
    cannot be opened is an error (its message names it); the others go on."""
    jobs: list[str | PdfSheet] = []
    errors: list[str] = []
    for path in files:
        if path.suffix.lower() == ".pdf":
            try:
                jobs.extend(split_pdf(path))
            except InputError as exc:
                errors.append(str(exc))
        else:
            jobs.append(str(path))
    return jobs, errors


def exit_with_parent(parent: int) -> None:
    """Worker initializer: end when the converter ``parent`` that started the
    worker is gone (killed with kill -9, it cannot stop its workers itself).
    The parent's pid is given, not read here: a parent killed before this
    initializer runs would otherwise leave the worker watching its new parent."""

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()


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
    ap.add_argument("--src", type=Path, default=Path("seeds"), help="folder of raw .txt pages and .pdf files (default: seeds)")
    ap.add_argument("--out", type=Path, default=Path("docs"), help="docs folder to write (default: docs)")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes (default: 1)")
    ap.add_argument("--check", action="store_true", help="report what would change, write nothing")
    ap.add_argument("--force", action="store_true",
                    help="overwrite hand-edited pages (after a backup); deleted and moved pages stay deleted")
    ap.add_argument("--rebuild-manifest", action="store_true",
                    help="the manifest is lost: take every existing page as hand-edited and start a new one")
    ap.add_argument("--recreate", metavar="PAGE", action="append", default=[],
                    help="bring back a page deleted by hand (docs/articles/x/02.md); may be repeated")
    ap.add_argument("--wait", metavar="SECONDS", type=float, default=120.0,
                    help="how long to wait for another run on the same docs folder (default: 120; 0 refuses at once)")
    ap.add_argument("--explain", metavar="FILE", help="print which rule changed what for one input file")
    ap.add_argument("--settings", type=Path, default=Path(SETTINGS_FILE),
                    help=f"the archive's settings file (default: {SETTINGS_FILE}; defaults if missing)")
    ap.add_argument("--no-pictures", action="store_true", help="make no page pictures for PDFs (page_pictures: false)")
    args = ap.parse_args(argv)
    try:
        args.settings = load_settings(args.settings)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.no_pictures:
        args.settings = Settings(**{**args.settings.__dict__, "page_pictures": False})
    use_registries(args.settings)

    if not args.src.is_dir():
        print(f"error: source folder {args.src} does not exist", file=sys.stderr)
        return 2
    if args.out.exists() and not args.out.is_dir():
        print(f"error: output folder {args.out} is a file, not a folder", file=sys.stderr)
        return 2
    try:
        files, problems = find_inputs(args.src, SUFFIXES)
    except OSError as exc:
        print(f"error: cannot list the source folder {args.src}: {exc.strerror}", file=sys.stderr)
        return 2
    if args.explain:
        files = [p for p in files if p.name == args.explain or str(p) == args.explain]
        if not files:
            print(f"error: {args.explain} is not a .txt or .pdf file in {args.src}", file=sys.stderr)
            return 2
        problems = []
    if not files and not problems:
        print(f"no .txt or .pdf pages in {args.src}", file=sys.stderr)

    started = time.perf_counter()
    jobs, open_errors = expand(files)
    args.pages = len(jobs) if any(p.suffix.lower() == ".pdf" for p in files) else None
    progress = Progress(len(jobs))
    results = []
    work = [(job, str(args.out), args.settings, args.check or bool(args.explain)) for job in jobs]
    if args.jobs > 1 and len(jobs) > 1:
        with cf.ProcessPoolExecutor(max_workers=args.jobs, initializer=exit_with_parent,
                                    initargs=(os.getpid(),)) as pool:
            for result in pool.map(_job, work, chunksize=1 if len(jobs) < 64 else 4):
                results.append(result)
                progress.step(result[0])
    else:
        for item in work:
            results.append(_job(item))
            progress.step(results[-1][0])
    progress.close()

    failures = [str(problem) for problem in problems] + open_errors
    stems: dict[str, str] = {}
    for i, (name, done, err) in enumerate(results):
        if done:
            stem = Path(done[0][-1].path).stem      # the source page's stem (NAME-p03 for a PDF's page 3)
            if stem in stems:   # a.txt and a.TXT: one page name for two inputs
                err = (f"{shown_path(args.src / name)}: its pages would be named {stem}, like those of "
                       f"{shown_path(args.src / stems[stem])}; rename one of the two")
                results[i] = (name, None, err)
            else:
                stems[stem] = name
        if err:
            failures.append(err)
    for err in failures:
        print(f"error: {err}", file=sys.stderr)

    if args.explain:
        for name, done, _ in results:
            if done:
                for entry in done[1].get("explain", []):      # each block: its kind and the evidence weighed
                    print(f"{entry.where:>12}  {entry.rule:<36} {entry.detail}")
                for entry in done[1]["log"]:
                    print(f"{entry.where:>12}  {entry.rule:<36} {entry.detail}")
        return 2 if failures else 0

    try:
        if not args.check:
            args.out.mkdir(parents=True, exist_ok=True)
        lock = DocsLock(args.out, wait=args.wait, shared=args.check,
                        on_wait=lambda message: print(message, file=sys.stderr, flush=True)).acquire()
    except LockError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write to the output folder {args.out}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        return write_pages(args, results, files, len(problems), failures, started)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        lock.release()


def write_pages(args, results, files, refused: int, failures, started) -> int:
    """Write the converted pages (the docs folder is locked); print what happened."""
    writer = DocsWriter(args.out, force=args.force, check=args.check, rebuild_manifest=args.rebuild_manifest,
                        recreate=set(args.recreate))
    for note in writer.report.notes:
        print(f"note: {note}", file=sys.stderr)
    totals = {"articles": 0, "breaks": 0, "removed": 0}
    warnings: list[str] = []
    zone_files: dict[str, list[str]] = {}
    converted = set()
    pictures = []
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
        for zone in stats["zones"]:
            if name not in zone_files.setdefault(zone, []):
                zone_files[zone].append(name)
        if stats.get("picture") is not None:
            pictures.append(stats["picture"])
    writer.remove_stale(converted)
    report = writer.finish()
    if not args.check:     # old pictures of the pages converted now (a page that failed keeps its own)
        for path in stale_pictures(args.out, {p.rel for p in pictures}, converted):
            path.unlink()

    out = args.out
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for line in unlisted_report(zone_files):  # information, not a warning
        print(line, file=sys.stderr)
    for rel, why in report.repaired:
        print(f"repaired torn write: {out / rel} ({why}; the broken copy is kept in the backup)", file=sys.stderr)
    for rel in report.kept:
        print(f"kept hand edit: {out / rel} (not overwritten; --force to replace it after a backup)",
              file=sys.stderr)
    for rel in report.skipped_deleted:
        print(f"not recreated: {out / rel} (deleted by hand{', even with --force' if args.force else ''}; "
              f"--recreate {out / rel} brings it back)", file=sys.stderr)
    for rel, other in report.moved:
        print(f"not recreated: {out / rel} (moved by hand: the same page is {out / other})", file=sys.stderr)
    for path in report.backups:
        print(f"backup: {path}", file=sys.stderr)
    for err in report.errors:
        print(f"error: {err}", file=sys.stderr)
    unknown = set(args.recreate) - {str(out / rel) for _, rel in report.changes} - {rel for _, rel in report.changes}
    for page in sorted(unknown):
        print(f"warning: --recreate {page}: the converter makes no such page this run", file=sys.stderr)
    if args.check:
        for status, rel in report.changes:
            print(f"would be {status}: {out / rel}")
    elapsed = time.perf_counter() - started
    st = report.status
    if pictures:
        print(picture_summary(pictures, args.settings), file=sys.stderr)
    pages = f", {args.pages} pages" if args.pages is not None else ""
    print(f"{len(files) + refused} files{pages} ({len(failures)} failed), {totals['articles']} articles, "
          f"{totals['breaks']} breaks repaired, {totals['removed']} blocks removed, {len(warnings)} warnings; "
          f"pages: {st['new']} new, {st['updated']} updated, {st['unchanged']} unchanged, "
          f"{st['kept-hand-edit']} kept (hand edits), {st['overwritten']} overwritten, "
          f"{st['removed-stale']} removed, "
          f"{st['deleted-by-hand'] + st['moved-by-hand']} deleted or moved by hand (not recreated), "
          f"{st['recreated']} recreated, {st['repaired']} torn writes repaired, "
          f"{st['failed']} not written; {elapsed:.1f}s", file=sys.stderr)
    if failures or report.errors:
        return 2
    if args.check and any(s not in ("unchanged", "kept-hand-edit", "deleted-by-hand", "moved-by-hand")
                          for s, _ in report.changes):
        return 1
    return 0


def picture_summary(pictures: list, settings: Settings) -> str:
    """One line on the page pictures, apart from the text archive's figures."""
    sizes = [p.size for p in pictures if p.size]
    made = sum(not p.cached for p in pictures)
    if not sizes:
        return f"page pictures: {len(pictures)} pages, none written (--check)"
    return (f"page pictures: {len(sizes)} pages ({made} rendered, {len(pictures) - made} cached), "
            f"{sum(sizes) / 1024:.0f} KB in all, {sum(sizes) / 1024 / len(sizes):.0f} KB a page on average, "
            f"largest {max(sizes) / 1024:.0f} KB (budget {settings.picture_kb} KB)")


if __name__ == "__main__":
    sys.exit(main())
