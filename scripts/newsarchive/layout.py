"""From raw text to paragraph candidates (units).

Two layouts reach us. OCR exports put one paragraph per line with blank lines
between blocks; ``pdftotext`` hard-wraps every line at the column width with
single newlines, so a paragraph is a run of full-width lines ended by a
short one or by the indent of the next. The layout step tells them apart per
block from the line widths alone, so both come out as one unit per paragraph.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from typing import Callable

from .model import LogEntry, Line, Unit, change_detail
from .patterns import load as load_patterns
from .textfix import fix_line

INDENT = re.compile("^(\u3000|[ \t]{2,})")
FULL_LINE = 0.85        # a line this close to the column width wraps on
OVER_WIDE = 1.25        # a line this much wider than the column (a title across columns) does not
MIN_COLUMN = 20         # narrower "columns" are lists of short lines, not prose


def display_width(text: str) -> int:
    """Width in half-width cells: Chinese characters count two.

    >>> display_width("淄博ABC")
    7
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def line_width(line: Line) -> int:
    """Width of a line as printed: letter-spaced lines count their spaces,
    since justification is what stretched them to the column width."""
    return display_width(line.raw.strip())


def read_lines(raw: str, log: list[LogEntry]) -> list[Line]:
    """Non-blank lines, fixed by the line rules, with the blank gap before each."""
    lines: list[Line] = []
    gap, page_break, sheet = 0, False, 0
    for no, raw_line in enumerate(raw.split("\n"), start=1):
        if raw_line == "\f":
            page_break, sheet = True, sheet + 1
            continue
        text, changes = fix_line(raw_line)
        if not text:
            gap += 1
            continue
        for change in changes:
            log.append(LogEntry(change.rule, f"L{no}", change_detail(change.before, change.after)))
        lines.append(Line(no, raw_line, text, gap, page_break, bool(INDENT.match(raw_line)), sheet))
        gap, page_break = 0, False
    return lines


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines with no blank line or page break between them."""
    out: list[list[Line]] = []
    for line in lines:
        if out and line.gap == 0 and not line.page_break:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def column_width(all_blocks: list[list[Line]]) -> float | None:
    """The width at which the page's prose is hard-wrapped, or None.

    A block is wrapped prose when its lines (but the last) are of nearly one
    width, and that width is wide enough to be a text column.
    """
    widths = []
    for block in all_blocks:
        if len(block) < 3:
            continue
        inner = [line_width(line) for line in block[:-1]]
        typical = statistics.median(inner)    # not the widest: a letter-spaced line overshoots
        if typical < MIN_COLUMN:
            continue
        near = [w for w in inner if abs(w - typical) <= (1 - FULL_LINE) * typical]
        if len(near) >= 0.6 * len(inner):
            widths.append(statistics.median(near))
    return statistics.median(widths) if widths else None


BULLET = re.compile("^[●◆■★☆◇□▲△►▶◎]")


def starts_paragraph(line: Line) -> bool:
    """An indent, a news lead (本报讯…) or a bullet (●写字楼出租…) begins a new block."""
    return line.indent or bool(BULLET.match(line.text) or load_patterns().lead.match(line.text))


def join_wrapped(a: str, b: str) -> str:
    """Join two wrapped lines: nothing between Chinese, a space between words.

    >>> join_wrapped("我国发展进入战略机遇和风险挑战并存", "的时期")
    '我国发展进入战略机遇和风险挑战并存的时期'
    >>> join_wrapped("Feynman-Kac", "formula")
    'Feynman-Kac formula'
    """
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


def group_units(lines: list[Line], log: list[LogEntry], standalone: Callable[[str], bool]) -> list[Unit]:
    """Group lines into paragraph candidates (units).

    ``standalone(text)`` tells a line that stands alone even inside wrapped
    prose (furniture, a byline, a subtitle): classification knows those forms
    (``classify.is_standalone``), so the caller passes it in.
    """
    all_blocks = blocks(lines)
    width = column_width(all_blocks)
    units: list[Unit] = []
    for block in all_blocks:
        current: Unit | None = None
        for line in block:
            wraps_on = (
                current is not None and width is not None
                and FULL_LINE * width <= line_width(current.lines[-1]) <= OVER_WIDE * width
                and not starts_paragraph(line)
                and not standalone(line.text) and not standalone(current.lines[-1].text)
            )
            if wraps_on:
                current.lines.append(line)
                current.text = join_wrapped(current.text, line.text)
                continue
            if current is not None and len(current.lines) > 1:
                log.append(LogEntry("join_wrapped_lines", f"L{current.first}-L{current.last}",
                                    f"{len(current.lines)} hard-wrapped lines → one paragraph"))
            current = Unit([line], line.text, gap=line.gap if line is block[0] else 0, block_lines=len(block))
            if line.page_break:
                current.gap = max(current.gap, 1)
            units.append(current)
        if current is not None and len(current.lines) > 1:
            log.append(LogEntry("join_wrapped_lines", f"L{current.first}-L{current.last}",
                                f"{len(current.lines)} hard-wrapped lines → one paragraph"))
    return units
