"""Small PDFs for tests, made with reportlab (pinned): text pages with Chinese
in a CID font, multi-page issues, image-only scans and photo-heavy pages."""
from __future__ import annotations

import random
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
A4 = (595.0, 842.0)

BODY = "淄博高新区今年新增高新技术企业一百家，园区发展势头良好，项目建设全面提速。"


def text_page(c: canvas.Canvas, title: str, paragraphs: int = 3, top: float = 760, left: float = 60) -> None:
    """A title in 24 pt and some paragraphs of body text in 10.5 pt."""
    c.setFont(FONT, 24)
    c.drawString(left, top, title)
    c.setFont(FONT, 10.5)
    y = top - 40
    for p in range(paragraphs):
        for k in range(3):
            c.drawString(left + (21 if k == 0 else 0), y, BODY[: 24 if k < 2 else 13 + p])
            y -= 15
        y -= 4


def noise(width: int, height: int, seed: int = 1) -> Image.Image:
    """A picture that compresses badly (like a photo, only worse)."""
    rng = random.Random(seed)
    return Image.frombytes("RGB", (width, height), bytes(rng.getrandbits(8) for _ in range(width * height * 3)))


def make_pdf(path: Path, titles: list[str], photo: bool = False) -> Path:
    """A PDF of one page per title; ``photo`` puts a large noisy picture on each."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for n, title in enumerate(titles):
        text_page(c, title)
        if photo:
            c.drawImage(ImageReader(noise(400, 300, seed=n)), 40, 60, width=515, height=380)
        c.showPage()
    c.save()
    return path


def make_scan(path: Path, pages: int = 1) -> Path:
    """An image-only PDF: a 'scanned' page with no text layer."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        c.drawImage(ImageReader(noise(200, 280, seed=10 + n)), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return path


def two_articles(path: Path) -> Path:
    """One page, two articles side by side: each a 20 pt title and body text
    under it, the left one in x 40–280, the right one in x 315–555."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for left, title in ((40, "左边文章的大标题"), (315, "右边文章的大标题")):
        c.setFont(FONT, 20)
        c.drawString(left, 770, title)
        c.setFont(FONT, 10.5)
        y = 735
        for p in range(4):
            for k in range(4):
                text = BODY[:22] if k < 3 else BODY[22:22 + 8 + p] + "。"
                c.drawString(left + (21 if k == 0 else 0), y, text if k else BODY[:20])
                y -= 15
            y -= 6
    c.showPage()
    c.save()
    return path
