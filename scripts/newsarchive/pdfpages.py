"""A PDF file as printed pages: one source page per PDF page.

An e-paper PDF holds one printed page (版面) or a whole issue. Each PDF page
becomes a source page of its own: ``NAME.pdf`` of one page keeps the stem
``NAME``; page 3 of a 24-page ``NAME.pdf`` is ``NAME-p03``. Front matter keeps
``source: NAME.pdf`` (the input file) and says which page in ``pdf_page``
(1-based, as PDF viewers count); the printed page number read from the page's
furniture stays in ``page``.

A page with no text layer (a scan: a picture of the page only) cannot be read
as text: :func:`check_text_layer` raises an :class:`InputError` naming the file
and the page and saying it needs OCR first. Reading a page's characters is
read_pdf's (pipeline.build_pdf_page puts the two together).

The library is pypdfium2 (PDFium, Apache-2.0 / BSD-3-Clause), pinned in
requirements.txt. PyMuPDF is faster to write for but AGPL-3.0: everyone who
runs this tool as a service would have to publish their source, which binds
the tool's users beyond its MIT licence (see DECISIONS).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from .reader import InputError

OCR_HINT = ("it needs OCR first (e.g. `tesseract PAGE.png PAGE -l chi_sim`), "
            "then put the .txt in the source folder instead")


@dataclass(frozen=True)
class PdfSheet:
    """One page of a PDF file, as a unit of conversion."""

    path: str        # the PDF file
    index: int       # 0-based page index in the PDF (Line.sheet)
    count: int       # pages in the PDF
    digest: str      # SHA-256 of the PDF file (hex), for the picture cache

    @property
    def name(self) -> str:
        """The input file name, as front matter ``source`` records it."""
        return Path(self.path).name

    @property
    def number(self) -> int:
        """1-based position in the PDF (front matter ``pdf_page``)."""
        return self.index + 1

    @property
    def suffix(self) -> str:
        return page_suffix(self.index, self.count)

    @property
    def label(self) -> str:
        """How messages name it: the file, and the page when there are several."""
        return self.name if self.count == 1 else f"{self.name} page {self.number}/{self.count}"


def page_suffix(index: int, count: int) -> str:
    """The stem suffix of PDF page ``index`` (0-based) of a ``count``-page PDF.

    >>> page_suffix(0, 1), page_suffix(2, 24), page_suffix(99, 120)
    ('', '-p03', '-p100')
    """
    return "" if count <= 1 else f"-p{index + 1:02d}"


def file_digest(path: Path | str) -> str:
    """SHA-256 of a file, read in blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_pdf(path: Path | str) -> pdfium.PdfDocument:
    """Open a PDF; a broken, encrypted or non-PDF file is an InputError naming it."""
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputError(path, "the PDF is encrypted (password protected); save an unprotected copy first") from None
        raise InputError(path, f"not a readable PDF ({message})") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None


def split_pdf(path: Path | str) -> list[PdfSheet]:
    """The pages of a PDF file, each a source page of its own."""
    doc = open_pdf(path)
    try:
        count = len(doc)
    finally:
        doc.close()
    if count == 0:
        raise InputError(path, "the PDF has no pages")
    digest = file_digest(path)
    return [PdfSheet(str(path), i, count, digest) for i in range(count)]


def check_text_layer(page: PdfSheet, has_text: bool) -> None:
    """Raise InputError if a page has no text layer (a scan): it needs OCR."""
    if not has_text:
        where = "" if page.count == 1 else f"page {page.number} of {page.count}: "
        raise InputError(page.path, f"{where}no text layer (a scanned picture of the page?); {OCR_HINT}")
