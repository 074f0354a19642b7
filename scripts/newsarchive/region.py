"""Where each article is printed: its region on the page, from its lines' boxes.

An article's region is the smallest rectangle holding the boxes of the lines
it was made from (title, text, captions; removed furniture not counted),
stored in front matter as ``region: [x0, y0, x1, y1]``, fractions of the
printed page's width and height with the origin at the top left, so that the
site can outline it on the page picture whatever size the picture is.

Which lines are an article's: those of its page's kept units whose line
number falls in the article's ``raw_lines`` range and that are on its sheet
(readers number lines in reading order).
"""
from __future__ import annotations

from .model import Box, Line, SourcePage


def union(boxes: list[Box]) -> Box | None:
    """The smallest box holding all of them (None for none).

    >>> union([Box(10, 20, 30, 40), Box(5, 30, 25, 60)])
    Box(x0=5, y0=20, x1=30, y1=60)
    >>> union([]) is None
    True
    """
    if not boxes:
        return None
    return Box(min(b.x0 for b in boxes), min(b.y0 for b in boxes),
               max(b.x1 for b in boxes), max(b.y1 for b in boxes))


def as_fractions(box: Box, size: tuple[float, float], digits: int = 4) -> list[float] | None:
    """A box in points as [x0, y0, x1, y1] fractions of the page, clamped to it;
    None if nothing of it is on the page.

    >>> as_fractions(Box(100, 143.8, 508.5, 719.1), (1017, 1438.2))
    [0.0983, 0.1, 0.5, 0.5]
    >>> as_fractions(Box(-20, 0, 50, 10), (100, 100))
    [0.0, 0.0, 0.5, 0.1]
    >>> as_fractions(Box(120, 0, 150, 10), (100, 100)) is None
    True
    """
    width, height = size
    if width <= 0 or height <= 0:
        return None

    def clamp(v: float) -> float:
        return round(min(1.0, max(0.0, v)), digits)

    x0, y0, x1, y1 = clamp(box.x0 / width), clamp(box.y0 / height), clamp(box.x1 / width), clamp(box.y1 / height)
    if x1 <= x0 or y1 <= y0:
        return None
    return [x0, y0, x1, y1]


def place_articles(page: SourcePage, kept: list[Line]) -> None:
    """Set each article's ``region`` from the boxes of its kept lines
    (pages without a size or lines without boxes get none)."""
    if page.size is None:
        return
    for article in page.articles:
        last = max(article.first, article.last)
        boxes = [line.box for line in kept
                 if line.box is not None and line.sheet == article.sheet and article.first <= line.no <= last]
        box = union(boxes)
        article.region = as_fractions(box, page.size) if box is not None else None
