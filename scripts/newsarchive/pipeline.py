"""Read → model → write: the converter's steps, in order.

`build_page` turns one raw page into a `SourcePage` model (no I/O); the CLI
reads every file first, builds all models, and only then writes pages.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .classify import classify, is_standalone
from .joins import join_broken_paragraphs
from .layout import group_units, read_lines
from .lexicon import install as install_lexicon
from .meta import article_facts, date_article, describe, page_facts
from .model import Line, LogEntry, Removed, SourcePage, Unit
from .ocrtext import close_spaced_lines, ocr_text, read_bullets, read_dashes, split_fragments
from .pdflayout import layout_page
from .pdfpages import PdfSheet, check_text_layer, split_pdf
from .read_pdf import PdfPage, read_pdf_page
from .reader import InputError, RawSource
from .region import place_articles
from .render import article_meta, render_article, render_source
from .segment import segment
from .schema import ARTICLE_FIELDS, ARTICLE_REQUIRED, validate

def build_page(raw: RawSource, units: list[Unit] | None = None, log: list[LogEntry] | None = None,
               size: tuple[float, float] | None = None) -> SourcePage:
    """The model of one page: its articles, removed text and log.

    Steps, in order: line rules (textfix.LINE_RULES) → an OCR page's
    fragments of pictures out (ocrtext) → layout (units) →
    classification → page facts → joining broken sentences → segmentation →
    dates → zones, topics, keywords, people and organisations → where each
    article is printed (regions, when the lines have boxes on a page of
    ``size``). A PDF page comes with its units already laid out (see
    :func:`build_pdf_pages`).
    """
    install_lexicon()
    page = SourcePage(raw.name, raw.text, raw.encoding, warnings=list(raw.warnings), size=size)
    page.log.extend(log or [])
    fragments: list[tuple[Line, str]] = []
    ocr = False
    if units is None:
        lines = read_lines(raw.text, page.log)
        ocr = ocr_text(raw.name, raw.text)
        if ocr:        # an OCR engine's text: pieces of pictures are no text
            lines, fragments = split_fragments(lines)
            page.log.extend(LogEntry("drop_ocr_fragment", f"L{line.no}", f"{line.text!r}: {reason}")
                            for line, reason in fragments)
            page.log.extend(LogEntry("read_misread_dash", f"L{line.no}", f"{before!r} → {line.text!r}")
                            for line, before in read_dashes(lines))
            page.log.extend(LogEntry("read_misread_bullet", f"L{line.no}", f"{before!r} → {line.text!r}")
                            for line, before in read_bullets(lines))
            page.log.extend(LogEntry("close_spaced_lines", f"L{line.no}", "a column read line by line: goes on from the line above")
                            for line in close_spaced_lines(lines))
        units = group_units(lines, page.log, is_standalone, ocr=ocr)
    classify(units, page.log)
    page.explain = explain_units(units)
    removed = [u for u in units if u.kind.removed]
    page.removed = [Removed(" ".join(line.raw.strip() for line in u.lines), u.reason or u.kind.value, u.first, u.last)
                    for u in removed]
    page.removed.extend(Removed(text, reason, u.first, u.last) for u in units for text, reason in u.cut)
    page.removed.extend(Removed(line.raw.strip(), reason, line.no, line.no) for line, reason in fragments)
    page.removed.sort(key=lambda r: (r.first, r.last))
    page_facts(page, removed)
    content, page.breaks_repaired = join_broken_paragraphs(units, page.log, reading_order=ocr)
    page.removed.extend(Removed(" ".join(line.raw.strip() for line in u.lines), u.reason or u.kind.value, u.first, u.last)
                        for u in units if u.kind.removed and all(u is not r for r in removed))    # a banner the joins found
    page.removed.sort(key=lambda r: (r.first, r.last))
    orphans: list[Unit] = []
    page.articles = segment(content, page.log, orphans)
    page.removed.extend(Removed(" ".join(line.raw.strip() for line in u.lines), "caption with no article on the page",
                                u.first, u.last) for u in orphans)
    for article in page.articles:
        date_article(article, page)
        describe(article, article_facts(page, article).newspaper)
    missing = unplaced_text(page, [u for u in units if not u.kind.removed and u not in orphans])
    if missing:
        page.warnings.append(f"{len(missing)} block(s) not placed in any article: " + "; ".join(m[:20] for m in missing))
    place_articles(page, [line for u in units if not u.kind.removed for line in u.lines])
    return page


def explain_units(units: list[Unit]) -> list[LogEntry]:
    """For each block: the kind it was given, and the evidence with its weights.

    >>> from .model import Evidence, Kind
    >>> u = Unit([], "扫码关注高新区发布", kind=Kind.FURNITURE, evidence=[Evidence("furniture_form", "furniture", 1, "QR")])
    >>> explain_units([u])[0].detail
    "furniture '扫码关注高新区发布' ← furniture_form +1 (QR)"
    """
    out = []
    for unit in units:
        where = "" if not unit.lines else f"L{unit.first}" if unit.first == unit.last else f"L{unit.first}-L{unit.last}"
        text = unit.text if len(unit.text) <= 24 else unit.text[:23] + "…"
        kind = unit.kind.value + (f" (hint {unit.hint.value})" if unit.hint is not None else "")
        pieces = "; ".join(f"{e.rule} {e.score:+g} ({e.reason})" for e in unit.evidence)
        out.append(LogEntry("kind", where, f"{kind} {text!r}" + (f" ← {pieces}" if pieces else "")
                            + (f" [{unit.reason}]" if unit.reason and not pieces else "")))
    return out


def pdf_stem(name: str, index: int, pages: int) -> str:
    """The stem of one printed page of a PDF: the file's for a one-page PDF,
    NAME-p03 for page 3 of a longer one.

    >>> pdf_stem("rmrb-2018-01-02-p07.pdf", 0, 1), pdf_stem("人民日报.pdf", 2, 24)
    ('rmrb-2018-01-02-p07', '人民日报-p03')
    """
    stem = safe_stem(name)
    return stem if pages == 1 else f"{stem}-p{index + 1:02d}"


def build_pdf_pages(path: Path | str) -> list[SourcePage]:
    """One page model per printed page of a PDF file: the CLI's per-page path
    (:func:`build_pdf_page`) over every page. A file PDFium cannot open, or a
    page with no text layer (a scan: it needs OCR), raises InputError naming it."""
    return [build_pdf_page(sheet) for sheet in split_pdf(path)]


def build_pdf_model(pdf_page: PdfPage, name: str, count: int) -> SourcePage:
    """The model of one read PDF page (page ``pdf_page.index`` of ``count`` in file ``name``)."""
    layout = layout_page(pdf_page)
    raw = RawSource(name, layout.text, "pdf")
    page = build_page(raw, layout.units, layout.log, size=(pdf_page.width, pdf_page.height))
    page.stem = pdf_stem(name, pdf_page.index, count)
    page.pdf_page, page.pdf_pages = pdf_page.index, count
    return page


def build_pdf_page(sheet: PdfSheet) -> SourcePage:
    """The model of one page of a PDF file, reading that page only: what the
    CLI converts (one job and one progress step per printed page). A page with
    no text layer is an InputError naming the file and the page (it needs OCR)."""
    try:
        pdf_page = read_pdf_page(sheet.path, sheet.index)
    except InputError:
        raise
    except Exception as exc:       # PdfiumError: damaged page
        raise InputError(sheet.path, f"cannot read page {sheet.number} of this PDF ({exc})") from None
    check_text_layer(sheet, pdf_page.has_text)
    return build_pdf_model(pdf_page, sheet.name, sheet.count)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def unplaced_text(page: SourcePage, kept: list[Unit]) -> list[str]:
    """Texts of kept units that are in no article (the nothing-lost check)."""
    placed = _squash("\n".join(
        "\n".join([a.section, a.kicker, a.title, a.subtitle, a.text(), *a.byline, *a.captions, *a.notes])
        for a in page.articles))
    return [u.text for u in kept if _squash(u.text) not in placed]


MAX_STEM_BYTES = 200   # file names are limited to 255 bytes; room is left for "-p03", ".md", ".png"


def safe_stem(name: str) -> str:
    """A file-system and URL safe stem for a source file name.

    A name that had to change gets a short hash of the original, so that two
    inputs never share a stem (报纸 1.txt and 报纸-1.txt). A stem longer than
    MAX_STEM_BYTES (in UTF-8 bytes, what the file system counts) is cut at a
    character boundary and gets the hash too.

    >>> safe_stem("000_9d8ca52e2d9cb7fb.txt"), safe_stem("人民日报 2025-10-20.txt")
    ('000_9d8ca52e2d9cb7fb', '人民日报-2025-10-20-497e8d')
    >>> long = safe_stem("高" * 82 + " 版.txt")
    >>> len(long.encode()), long[-8:]
    (199, '高-8e3135')
    """
    stem = Path(name).stem
    safe = re.sub(r"[^\w\-]+", "-", stem).strip("-") or "page"
    if safe == stem and len(safe.encode("utf-8")) <= MAX_STEM_BYTES:
        return safe
    tag = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:6]
    room = MAX_STEM_BYTES - len(tag) - 1
    cut = safe.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip("-")
    return f"{cut}-{tag}"


@dataclass
class Output:
    path: str        # relative to the docs folder
    content: str


def page_stem(page: SourcePage) -> str:
    """The stem (and slug base) of a source page: its file's safe stem, or
    NAME-p03 for page 3 of a multi-page PDF (set by :func:`build_pdf_model`).

    >>> page_stem(SourcePage("人民日报.pdf", "", stem="人民日报-p03")), page_stem(SourcePage("a b.txt", ""))
    ('人民日报-p03', 'a-b-19d703')
    """
    return page.stem or safe_stem(page.name)


def render_page(page: SourcePage) -> list[Output]:
    """Markdown files for one page model: its articles and its source page."""
    stem = page_stem(page)
    outputs = []
    for n, article in enumerate(page.articles, start=1):
        rel = f"articles/{stem}/{n:02d}.md"
        problems = validate(article_meta(article, page, n, f"{stem}-{n:02d}"), ARTICLE_FIELDS, ARTICLE_REQUIRED)
        if problems:  # a converter bug: never write a page the site would reject
            raise ValueError(f"{rel}: front matter breaks the schema: {'; '.join(problems)}")
        outputs.append(Output(rel, render_article(article, page, n, f"{stem}-{n:02d}")))
    outputs.append(Output(f"sources/{stem}.md", render_source(page)))
    return outputs
