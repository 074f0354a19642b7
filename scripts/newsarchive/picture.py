"""The picture of a printed PDF page, made at conversion time.

PDFium (pypdfium2) renders the page; Pillow encodes it as WebP (or JPEG)
within a size budget (150 KB by default, ``picture_kb`` in archive.yml): the
widest picture (``picture_width``) at good quality first, then smaller until
it fits. The file goes to ``docs/pictures/<stem>.<key>.webp``, where the key
is a hash of the PDF file, the page index and the picture settings: a page
whose PDF did not change is never rendered again (the file is the cache).

The site build draws each article's region over the picture (from the
articles' front matter); nothing here knows about articles.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from .pdfpages import PdfSheet, open_pdf
from .settings import Settings
from .writer import atomic_write

PICTURES_DIR = "pictures"          # under docs/
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
QUALITIES = (72, 55, 40)           # tried in turn at the smallest width before giving up on quality
MIN_WIDTH = 240                    # below this a page picture shows nothing useful


@dataclass
class Picture:
    rel: str          # path relative to docs/
    size: int         # bytes
    width: int
    height: int
    cached: bool      # True: the file was already there, nothing rendered


def picture_key(page: PdfSheet, settings: Settings) -> str:
    """A short hash of what the picture depends on: the PDF's bytes, the page, the settings."""
    text = f"{page.digest}|{page.index}|{settings.picture_kb}|{settings.picture_format}|{settings.picture_width}"
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def picture_rel(stem: str, key: str, fmt: str) -> str:
    """Where a page's picture goes, relative to docs/.

    >>> picture_rel("rmrb-2018-01-02-p07", "0123456789ab", "webp")
    'pictures/rmrb-2018-01-02-p07.0123456789ab.webp'
    """
    return f"{PICTURES_DIR}/{stem}.{key}.{EXTENSIONS[fmt]}"


def encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    out = io.BytesIO()
    if fmt == "webp":
        image.save(out, "WEBP", quality=quality, method=4)
    else:
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def fit_budget(image: Image.Image, budget: int, fmt: str) -> tuple[bytes, Image.Image]:
    """Encode ``image`` in at most ``budget`` bytes: first smaller (the size
    scales about with the pixel count), then at lower quality; the last try is
    returned even if it is still over (the caller reports it)."""
    quality = QUALITIES[0]
    data = encode(image, fmt, quality)
    for _ in range(6):
        if len(data) <= budget or image.width <= MIN_WIDTH:
            break
        shrink = max(0.5, min(0.95, (budget * 0.92 / len(data)) ** 0.5))
        width = max(MIN_WIDTH, int(image.width * shrink))
        image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
        data = encode(image, fmt, quality)
    for quality in QUALITIES[1:]:
        if len(data) <= budget:
            break
        data = encode(image, fmt, quality)
    return data, image


def render(pdf_page: pdfium.PdfPage, width: int) -> Image.Image:
    """The page rendered ``width`` pixels wide (white background, RGB)."""
    scale = width / max(1.0, pdf_page.get_width())
    bitmap = pdf_page.render(scale=scale, rev_byteorder=True)
    try:
        return bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that no reader ever sees half of it: the converter's
    crash-safe write (a temporary file the next run removes if this one is
    killed, synced to disk, renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)


def make_picture(page: PdfSheet, stem: str, docs_dir: Path | str, settings: Settings, write: bool = True) -> Picture:
    """The picture of one PDF page under ``docs_dir``: from the cache when its
    file exists, else rendered, fitted to the budget and written (unless
    ``write`` is False: then nothing is rendered or written)."""
    rel = picture_rel(stem, picture_key(page, settings), settings.picture_format)
    path = Path(docs_dir) / rel
    if path.is_file() or not write:
        width = height = 0
        if path.is_file():
            with Image.open(path) as im:
                width, height = im.size
        return Picture(rel, path.stat().st_size if path.is_file() else 0, width, height, True)
    doc = open_pdf(page.path)
    try:
        image = render(doc[page.index], settings.picture_width)
    finally:
        doc.close()
    data, image = fit_budget(image, settings.picture_kb * 1024, settings.picture_format)
    write_atomic(path, data)
    return Picture(rel, len(data), image.width, image.height, False)


def picture_stem(filename: str) -> str:
    """The source page a picture file belongs to (stems have no dots).

    >>> picture_stem("rmrb-2018-01-02-p07.0123456789ab.webp")
    'rmrb-2018-01-02-p07'
    """
    return filename.split(".", 1)[0]


def stale_pictures(docs_dir: Path | str, keep: set[str], stems: set[str]) -> list[Path]:
    """Picture files under docs/pictures/ of the source pages ``stems`` that
    this run no longer uses (``keep``: the pictures it uses)."""
    root = Path(docs_dir) / PICTURES_DIR
    if not root.is_dir():
        return []
    exts = {"." + e for e in EXTENSIONS.values()}
    return sorted(p for p in root.iterdir()
                  if p.is_file() and p.suffix in exts and picture_stem(p.name) in stems
                  and f"{PICTURES_DIR}/{p.name}" not in keep)
