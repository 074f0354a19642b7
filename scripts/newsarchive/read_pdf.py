"""Reading e-paper PDFs: every printed character with its box, size and font.

Which library, and why (the eight corpus pages, 1017×1438 pt, about 8 500
characters each):

* **pypdfium2** (PDFium, Apache-2.0 / BSD-3). Chosen. Correct: every clause
  of pdftotext's text of the corpus pages (2 831 of 4 characters or more) is
  in the characters this reader returns. Fast: 73 ms of CPU a page for
  characters, rules and images (then 39 ms for the layout and 44 ms for the
  shared steps and Markdown: 6.4 pages/s a core), measured while six other
  sessions kept the two cores at a load of 12 (wall time was 0.3 s a page for
  reading alone then; an idle machine is several times faster).
* pdfplumber / pdfminer.six (MIT, pure Python): the same characters at about
  1 page/s (DECISIONS.md's measurement), ten times under the 10 pages/s budget.
* PyMuPDF (fast) is AGPL-3.0: anyone who runs a site built with it as a
  network service would have to offer the tool's source under the AGPL, which
  would bind this MIT tool's users. Out.

The code points of a page come in one call; per character PDFium is asked
for the loose box (the font's ascent to descent, so all characters of a line
share one height) and the text object it belongs to; size, font and weight
are asked once per text object (they cannot change inside one): asking them
per character measured 40% slower. Whitespace is dropped (the characters
PDFium generates are spaces and line ends): the layout step decides where
words and lines end from the geometry.

Coordinates are turned to points from the top left of the page (PDF user space
has its origin at the bottom left). Path objects (rules and ruled frames) and
image objects are read as boxes for the layout step.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .model import Box

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
# Font names that say the face is bold whatever its weight entry says:
# 方正 黑体 and 大黑 (FZHTK, FZDHTK), Hei, and the Latin words (case matters:
# "Light" is no 黑体).
BOLD_NAME = re.compile(r"^FZ[A-Z0-9]*(HT|DH)|Hei|Bold|BOLD|Heavy|Black|Semibold|SemiBold|Demi|黑|粗")
FORCE_BOLD = 1 << 18      # PDF font descriptor flag ForceBold
BOLD_WEIGHT = 600
# Code points that are no printed character: spaces of every width, the BOM and non-characters.
SKIP = frozenset([0xA0, 0x1680, *range(0x2000, 0x200C), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF,
                  0xFFFE, 0xFFFF])


class Char(NamedTuple):
    """One printed character: top-left-origin box in points, size in points.
    (A tuple: a page has thousands, and a tuple is made several times faster
    than a frozen dataclass.)"""
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str
    bold: bool

    @property
    def box(self) -> Box:
        return Box(self.x0, self.y0, self.x1, self.y1)


@dataclass
class PdfPage:
    """The printed content of one PDF page."""
    index: int                   # 0-based page index in the file
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    paths: list[Box] = field(default_factory=list)    # rules and frames (path objects)
    images: list[Box] = field(default_factory=list)   # image objects

    @property
    def has_text(self) -> bool:
        return bool(self.chars)


@dataclass
class PdfDocument:
    name: str
    pages: list[PdfPage]
    metadata: dict[str, str] = field(default_factory=dict)


def font_name(raw: bytes) -> str:
    """The base font name without its subset tag.

    >>> font_name(b"HLUZTF+FZBSK--GBK1-0")
    'FZBSK--GBK1-0'
    """
    return SUBSET_PREFIX.sub("", raw.decode("latin-1", "replace"))


def is_bold(name: str, weight: int, flags: int) -> bool:
    """Bold by the font's weight, its ForceBold flag or its name (方正黑体 FZHTK).

    >>> is_bold("FZHTK--GBK1-0", 480, 0), is_bold("FZBSK--GBK1-0", 480, 0), is_bold("Helvetica", 700, 0)
    (True, False, True)
    >>> is_bold("STSong-Light", 400, 0), is_bold("Helvetica-Bold", 400, 0)
    (False, True)
    """
    return weight >= BOLD_WEIGHT or bool(flags & FORCE_BOLD) or bool(BOLD_NAME.search(name.split("--")[0]))


def _object_style(textpage, index: int, buf, flags) -> tuple[float, str, bool]:
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, matrix)
    # The font size PDFium gives is in text space; the matrix scales it to the page.
    scale = (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5 or 1.0
    size = pdfium_c.FPDFText_GetFontSize(textpage, index) * scale
    pdfium_c.FPDFText_GetFontInfo(textpage, index, buf, len(buf), flags)
    name = font_name(buf.value)
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    return round(size, 2), name, is_bold(name, weight, flags.value)


def read_chars(page, height: float) -> list[Char]:
    """The page's printed characters in content order (no whitespace).

    The code points come in one call for the whole page; per character only
    the loose box and the text object (whose style is asked once) are. PDFium
    itself drops a character overprinted on itself (a fake bold): the corpus
    pages, whose PyMuPDF blocks double their lead titles, read once here."""
    textpage = page.get_textpage()
    try:
        count = pdfium_c.FPDFText_CountChars(textpage)
        if count <= 0:
            return []
        raw = ctypes.create_string_buffer((count + 1) * 2)
        pdfium_c.FPDFText_GetText(textpage, 0, count, ctypes.cast(raw, ctypes.POINTER(ctypes.c_ushort)))
        units = raw.raw[:count * 2]
        codes = [units[2 * i] | units[2 * i + 1] << 8 for i in range(count)]
        if any(0xD800 <= code <= 0xDFFF for code in codes):
            # a character beyond the BMP takes two UTF-16 units and shifts the rest: ask each one
            codes = [pdfium_c.FPDFText_GetUnicode(textpage, i) for i in range(count)]
        rect = pdfium_c.FS_RECTF()
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        styles: dict[int, tuple[float, str, bool]] = {}
        chars: list[Char] = []
        get_box, get_object = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetTextObject
        for i in range(count):
            code = codes[i]
            if code <= 32 or code in SKIP:
                continue
            obj = get_object(textpage, i)
            if not obj or not get_box(textpage, i, rect):
                continue                               # generated by PDFium (a space, a line end)
            key = ctypes.addressof(obj.contents)
            style = styles.get(key)
            if style is None:
                style = styles[key] = _object_style(textpage, i, buf, flags)
            chars.append(Char(chr(code), rect.left, height - rect.top, rect.right, height - rect.bottom, *style))
        return chars
    finally:
        textpage.close()


def read_shapes(page, height: float) -> tuple[list[Box], list[Box]]:
    """Boxes of the page's path objects and image objects (one level of forms deep)."""
    paths, images = [], []
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        box = Box(left, height - top, right, height - bottom)
        (paths if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH else images).append(box)
    return paths, images


def _read_page(doc: pdfium.PdfDocument, index: int) -> PdfPage:
    page = doc[index]
    try:
        width, height = page.get_size()
        paths, images = read_shapes(page, height)
        return PdfPage(index, width, height, read_chars(page, height), paths, images)
    finally:
        page.close()


def read_pdf(path: Path | str) -> PdfDocument:
    """Every page of a PDF file. Raises pdfium.PdfiumError on a broken file."""
    path = Path(path)
    doc = pdfium.PdfDocument(str(path))
    try:
        metadata = {k: v for k, v in doc.get_metadata_dict(skip_empty=True).items()}
        pages = [_read_page(doc, index) for index in range(len(doc))]
        return PdfDocument(path.name, pages, metadata)
    finally:
        doc.close()


def read_pdf_page(path: Path | str, index: int) -> PdfPage:
    """One page of a PDF file (0-based ``index``), the others not read: the
    converter's unit of work, so a 24-page issue is 24 jobs. Raises
    pdfium.PdfiumError on a broken file."""
    doc = pdfium.PdfDocument(str(path))
    try:
        return _read_page(doc, index)
    finally:
        doc.close()
