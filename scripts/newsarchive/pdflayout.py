"""Layout of a printed PDF page: characters → lines → blocks → articles → units.

The same model as text pages comes out: `Line`s (with box, size, font,
weight and the PDF page index as `sheet`) grouped into `Unit`s in reading
order, each with a typographic `hint` and its `evidence`. The shared steps
(classify → joins → segment → describe → render) take it from there.

Steps, each a small function:

1. characters → lines: characters on one baseline, close enough to be one
   line of one column (a gutter is wider than any letter spacing);
   characters set one under the other (a vertical title) make one vertical line.
2. the page's own typography: body size is the most common size; larger
   lines are display type (titles, kickers, subheads, bylines), smaller ones
   near an image are captions; the band above the page's top rule is the
   running head.
3. lines → blocks: lines stacked in one column at one size, then paragraphs by
   their first-line indent.
4. articles: each title (with its kicker, subtitle and byline) owns the
   blocks under it — the nearest title above whose columns they stand in, or
   the title in the same ruled frame; an article's blocks are read column by
   column (a recursive cut along the gutters and the white bands across).
5. units: paragraphs in reading order, a paragraph carried on from the foot of
   one column to the top of the next when the next does not start indented.

Weights and ratios are set by hand from how newspapers are typeset (see the
comment at each); none is fitted to the corpus pages.
"""
from __future__ import annotations

import collections
import re
import statistics
from dataclasses import dataclass, field

from .layout import BULLET, join_wrapped
from .model import Box, Evidence, Kind, Line, LogEntry, Unit
from .patterns import load as load_patterns
from .text import HAN
from .read_pdf import Char, PdfPage
from .textfix import fix_line

# A gap wider than this many character sizes ends a line: letter spacing in a
# justified line stays under half a character; a column gutter is at least one.
LINE_GAP = 1.0
# Display type (titles, spaced bylines) is set with wider gaps inside a line:
# a title in two halves (新时代：发展新方位  奋进新目标), a byline 叶  帆.
DISPLAY_LINE_GAP = 2.5
# A gap this wide (in sizes) inside a line is a space: between two names of a
# byline, the halves of a title. Letter spacing in justified text stays far under it.
WORD_GAP = 0.8
# Characters share a baseline when their middles are this close (in sizes).
BASELINE = 0.35
# Sizes within this ratio are one size (rounding of the type sizes in PDFs).
SAME_SIZE = 1.12
# Display type: larger than body by this ratio (a byline in 9.66 pt over 8.28 pt body is).
DISPLAY = 1.12
# A title: at least this many times the body size. Subheads inside a column
# are set at 1.3–1.6 times the body; kickers and titles at 2 and more.
TITLE = 1.8
# Display type at least this many times the body may be a title by its place
# (see promote_titles); a subhead is narrower than its column by its margins.
PROMOTE = 1.3
WIDE = 1.25
# Display type running to more characters than this (over four lines at least) is text set larger.
LONG_DISPLAY = 80
# A caption or credit under an image runs to a few lines at most.
CAPTION_LINES = 3
# Captions and credits are set smaller than the body.
SMALL = 0.92
# Lines of one block are at most this far apart (in sizes: body leading is ~0.45).
LEADING = 0.9
# A first line indented by this many sizes starts a paragraph (the usual indent is two characters).
INDENT = 1.2
# The running head: the band above the first rule or image that crosses most of
# the page, within this share of its height.
HEAD_BAND = 0.08
# A byline runs to a few names (本报记者 王强 李明): longer lines are kickers or subtitles.
BYLINE_CHARS = 12
# A head with fewer characters of body text under it heads a graphic or is a
# banner, not an article (the shortest brief runs to a sentence or two).
GRAPHIC_TEXT = 20
# Text starts within this many body sizes under its head (a byline's or kicker's gap at most).
HEAD_GAP = 2.5
# Path objects at least this many body sizes wide and tall are ruled frames.
FRAME = 4.0


@dataclass
class PLine:
    """A line being built: its characters and their union box (size, font and
    text are worked out once, when first asked, and again after it grows)."""
    chars: list[Char]
    x0: float
    y0: float
    x1: float
    y1: float
    vertical: bool = False
    _style: tuple | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, char: Char) -> "PLine":
        return cls([char], char.x0, char.y0, char.x1, char.y1)

    def add(self, char: Char) -> None:
        self.chars.append(char)
        self._style = None
        self.x0, self.y0 = min(self.x0, char.x0), min(self.y0, char.y0)
        self.x1, self.y1 = max(self.x1, char.x1), max(self.y1, char.y1)

    def extend(self, other: "PLine") -> None:
        for char in other.chars:
            self.add(char)

    def _styled(self) -> tuple:
        if self._style is None:
            chars = self.chars
            sizes = {c.size for c in chars}
            size = chars[0].size if len(sizes) == 1 else collections.Counter(c.size for c in chars).most_common(1)[0][0]
            fonts = {c.font for c in chars}
            font = chars[0].font if len(fonts) == 1 else collections.Counter(c.font for c in chars).most_common(1)[0][0]
            self._style = (size, font, sum(c.bold for c in chars) * 2 > len(chars), line_text(chars))
        return self._style

    @property
    def size(self) -> float:
        """The most common size of its characters (digits in another font do not count less)."""
        return self._styled()[0]

    @property
    def font(self) -> str:
        return self._styled()[1]

    @property
    def bold(self) -> bool:
        return self._styled()[2]

    @property
    def text(self) -> str:
        return self._styled()[3]

    @property
    def mid(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def box(self) -> Box:
        return Box(round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1))


def line_text(chars: list[Char]) -> str:
    """The text of one line: nothing between Chinese characters that letter
    spacing set apart, however wide (justification spaces every gap of a line
    alike); one space where a gap is as wide as a character and wider than the
    line's others (two names in a byline, the halves of a title), and between
    Latin words.

    >>> c = lambda t, x: Char(t, x, 0, x + 10, 10, 10, "f", False)
    >>> line_text([c("中", 0), c("国", 12)]), line_text([c("刘", 0), c("宏", 10), c("谢", 30)])
    ('中国', '刘宏 谢')
    >>> line_text([c("叶", 0), c("帆", 22)]), line_text([c("社", 0), c("会", 25), c("主", 50)])
    ('叶帆', '社会主')
    >>> line_text([Char("A", 0, 0, 5, 10, 10, "f", False), Char("I", 9, 0, 12, 10, 10, "f", False)])
    'A I'
    """
    gaps = [b.x0 - a.x1 for a, b in zip(chars, chars[1:])]
    usual = statistics.median(gaps) if gaps else 0.0
    out = [chars[0].text] if chars else []
    for prev, char, gap in zip(chars, chars[1:], gaps):
        size = min(char.size, prev.size)
        latin = prev.text[-1].isascii() and prev.text[-1].isalnum() \
            and char.text[0].isascii() and char.text[0].isalnum()
        if (gap >= WORD_GAP * size and gap >= 1.5 * usual + 0.1 * size) or (latin and gap > 0.25 * size):
            out.append(" ")
        out.append(char.text)
    return "".join(out)


def same_size(a: float, b: float) -> bool:
    """Two sizes of one type size (8.28 and 8.3 are; 8.28 and 9.66 are not).

    >>> same_size(8.28, 8.3), same_size(8.28, 9.66)
    (True, False)
    """
    return max(a, b) <= SAME_SIZE * min(a, b)


def continues_line(line: PLine, char: Char, body: float) -> bool:
    """Whether a character carries on a line: on its baseline, of a size that
    can share it (digits in another font; not a title beside a byline), and
    after a gap narrower than a gutter.

    >>> line = PLine.of(Char("中", 0, 0, 8, 9, 8.28, "FZBSK", False))
    >>> continues_line(line, Char("国", 8.5, 0, 16.5, 9, 8.28, "FZBSK", False), 8.28)
    True
    >>> continues_line(line, Char("国", 24, 0, 32, 9, 8.28, "FZBSK", False), 8.28)   # across a gutter
    False
    """
    last = line.chars[-1]
    size = max(last.size, char.size)
    if max(last.size, char.size) > 1.6 * min(last.size, char.size):
        return False
    if abs((char.y0 + char.y1) / 2 - line.mid) > BASELINE * size:
        return False
    gap = char.x0 - last.x1
    if not same_size(last.size, char.size):
        return -0.5 * size <= gap <= 0.15 * size    # another size only set tight against the line
    limit = DISPLAY_LINE_GAP if min(last.size, char.size) > DISPLAY * body else LINE_GAP
    return -1.05 * size <= gap <= limit * size


def body_size(chars: list[Char]) -> float:
    """The page's body size: the most common character size.

    >>> body_size([Char("中", 0, 0, 8, 9, 8.28, "f", False)] * 3 + [Char("题", 0, 0, 30, 30, 33.1, "f", True)])
    8.28
    """
    if not chars:
        return 0.0
    return collections.Counter(c.size for c in chars).most_common(1)[0][0]


def build_lines(chars: list[Char], body: float) -> list[PLine]:
    """Characters → horizontal lines, in content order, then fragments of one
    line that the content put apart are merged."""
    lines: list[PLine] = []
    for char in chars:
        if lines and continues_line(lines[-1], char, body):
            lines[-1].add(char)
        else:
            lines.append(PLine.of(char))
    return join_stretched(merge_fragments(lines, body))


def merge_fragments(lines: list[PLine], body: float) -> list[PLine]:
    """Merge line pieces on one baseline that follow each other closely
    (left to right; a piece looks only at lines whose middle is near its own)."""
    lines = sorted(lines, key=lambda ln: (ln.x0, ln.mid))
    out: list[PLine] = []
    rows: dict[int, list[PLine]] = collections.defaultdict(list)   # open lines by their middle, 2 pt a row
    for line in lines:
        best = None
        key = int(line.mid // 2)
        reach = int(BASELINE * line.size // 2) + 1
        for k in range(key - reach, key + reach + 1):
            for cand in rows.get(k, ()):
                if line.x0 >= cand.x1 - 1.05 * line.size and continues_line(cand, line.chars[0], body):
                    if best is None or line.x0 - cand.x1 < line.x0 - best.x1:
                        best = cand
        if best is not None:
            best.extend(line)
            best.chars.sort(key=lambda c: c.x0)
            continue
        out.append(line)
        rows[key].append(line)
    return out


def join_stretched(lines: list[PLine]) -> list[PLine]:
    """A justified line with few characters is stretched to its column's width
    until its gaps are as wide as a gutter: three or more single characters
    on one baseline, at one size, evenly spaced (within a tenth of a
    character) up to three characters apart, are one line.

    >>> c = lambda t, x: PLine.of(Char(t, x, 0, x + 10, 10, 10, "f", False))
    >>> sorted(ln.text for ln in join_stretched([c("社", 0), c("会", 25), c("主", 50), c("义", 75), c("进", 130)]))
    ['社会主义', '进']
    """
    singles = sorted((ln for ln in lines if len(ln.chars) == 1), key=lambda ln: (ln.size, ln.mid))
    rows: list[list[PLine]] = []
    for ln in singles:             # one row: one size, middles within a third of it
        if rows and rows[-1][0].size == ln.size and ln.mid - rows[-1][0].mid <= BASELINE * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    used: set[int] = set()
    merged: list[PLine] = []
    for row in rows:
        size = row[0].size
        row.sort(key=lambda ln: ln.x0)
        run: list[PLine] = []
        for ln in row + [None]:
            if ln is not None and run:
                gap = ln.x0 - run[-1].x1
                first_gap = run[1].x0 - run[0].x1 if len(run) > 1 else gap
                if 0 < gap <= 3 * size and abs(gap - first_gap) <= 0.1 * size:
                    run.append(ln)
                    continue
            if len(run) >= 3:
                line = PLine(list(run[0].chars), run[0].x0, run[0].y0, run[0].x1, run[0].y1)
                for other in run[1:]:
                    line.extend(other)
                merged.append(line)
                used.update(id(x) for x in run)
            run = [ln] if ln is not None else []
    if not merged:
        return lines
    return [ln for ln in lines if id(ln) not in used] + merged


def stacks(upper: PLine, lower: PLine, body: float) -> bool:
    """Whether one short line stands right under another in one vertical line
    (a title set one character per line; a byline beside it may be letter-spaced).

    >>> a = PLine.of(Char("意", 943, 473, 979, 508, 38.64, "FZHTK", True))
    >>> stacks(a, PLine.of(Char("气", 943, 518, 980, 555, 38.64, "FZHTK", True)), 8.28)
    True
    """
    size = max(upper.size, lower.size)
    return (len(upper.chars) <= 2 or upper.vertical) and len(lower.chars) == 1 and same_size(upper.size, lower.size) \
        and abs((upper.x0 + upper.x1) / 2 - (lower.x0 + lower.x1) / 2) <= 0.3 * size \
        and -0.2 * size <= lower.y0 - upper.y1 <= (0.8 if same_size(upper.size, body) else 1.6) * size


def vertical_lines(lines: list[PLine], body: float) -> list[PLine]:
    """Runs of single characters stacked one under another become one
    vertical line read top to bottom (three at least at body size, where a
    paragraph's last character may happen to stand under another's)."""
    singles = sorted((ln for ln in lines if len(ln.chars) <= 2), key=lambda ln: (ln.y0, ln.x0))
    used: set[int] = set()
    runs: list[list[PLine]] = []
    for n, start in enumerate(singles):
        if id(start) in used or len(start.chars) != 1:
            continue
        run = [start]
        for cand in singles[n + 1:]:
            if cand.y0 > run[-1].y1 + 2 * run[-1].size:
                break                     # sorted by top: nothing further down can stack
            if id(cand) in used or cand.y0 <= run[-1].y0:
                continue
            if stacks(run[-1], cand, body):
                run.append(cand)
        need = 3 if same_size(start.size, body) else 2
        if len(run) >= need:
            runs.append(run)
            used.update(id(ln) for ln in run)
    out = [ln for ln in lines if id(ln) not in used]
    for run in runs:
        merged = PLine(list(run[0].chars), run[0].x0, run[0].y0, run[0].x1, run[0].y1, vertical=True)
        for ln in run[1:]:
            merged.extend(ln)
        out.append(merged)
    return out


@dataclass
class Block:
    """Lines stacked in one column at one size (its box kept as lines join it)."""
    lines: list[PLine]
    kind: str = "body"        # body | display | title | small | furniture | vertical
    frame: int = -1           # index of the ruled frame it stands in (-1: none)
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0

    def __post_init__(self) -> None:
        self.x0 = min(ln.x0 for ln in self.lines)
        self.y0 = min(ln.y0 for ln in self.lines)
        self.x1 = max(ln.x1 for ln in self.lines)
        self.y1 = max(ln.y1 for ln in self.lines)

    def add(self, line: PLine) -> None:
        self.lines.append(line)
        self.x0, self.y0 = min(self.x0, line.x0), min(self.y0, line.y0)
        self.x1, self.y1 = max(self.x1, line.x1), max(self.y1, line.y1)

    @property
    def size(self) -> float:
        return self.lines[0].size

    @property
    def text(self) -> str:
        return "".join(ln.text for ln in self.lines)


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the overlap of two intervals (0 when apart).

    >>> overlap(0, 10, 5, 20), overlap(0, 10, 12, 20)
    (5, 0)
    """
    return max(0, min(a1, b1) - max(a0, b0))


def stacks_in_block(block: Block, line: PLine) -> bool:
    """Whether a line carries on a block: the next line down in its column, at its size."""
    last = block.lines[-1]
    if line.vertical or last.vertical or not same_size(last.size, line.size):
        return False
    if len(block.lines) == 1 and last.font != line.font and (last.x1 - last.x0) < 0.6 * (line.x1 - line.x0):
        return False          # a short line in another face over the text: a byline (楷体 over 宋体)
    if len(block.lines) == 1 and spaced_words(last.text):
        return False          # words set apart over the text: a byline (记者　马骏　实习生　高远)
    gap = line.y0 - last.y1
    if not -0.3 * line.size <= gap <= LEADING * line.size:
        return False
    narrow = min(line.x1 - line.x0, last.x1 - last.x0)
    # a short last line of a paragraph overlaps the full lines wholly
    shared = overlap(last.x0, last.x1, line.x0, line.x1)
    return (shared >= 0.6 * narrow or shared > 0 and abs(line.x0 - last.x0) <= 3 * line.size) \
        and abs(line.x0 - block.x0) < 3 * line.size


SPACED_WORDS = re.compile(f"[{HAN}] +[{HAN}]")


def spaced_words(text: str) -> bool:
    """Whether a line sets Chinese words apart with spaces (line_text keeps a
    space only for a gap wider than the line's letter spacing): a byline's
    names, a title's halves; a justified line of text never is.

    >>> spaced_words("记者 马骏 实习生 高远"), spaced_words("园区新材料产业实现产值306亿元"), spaced_words("5G 基站")
    (True, False, False)
    """
    return bool(SPACED_WORDS.search(text))


def build_blocks(lines: list[PLine]) -> list[Block]:
    """Lines → blocks, top to bottom: each line joins the block whose last line
    stands right above it in its column (only blocks whose foot is near are looked at)."""
    blocks: list[Block] = []
    open_blocks: list[Block] = []
    for line in sorted(lines, key=lambda ln: (ln.y0, ln.x0)):
        open_blocks = [b for b in open_blocks if b.lines[-1].y1 >= line.y0 - 2 * LEADING * b.lines[-1].size]
        best = None
        for block in open_blocks:
            if stacks_in_block(block, line):
                if best is None or abs(block.x0 - line.x0) < abs(best.x0 - line.x0):
                    best = block
        if best is None:
            best = Block([line])
            blocks.append(best)
            open_blocks.append(best)
        else:
            best.add(line)
    return blocks


def header_limit(page: PdfPage, lines: list[PLine]) -> float:
    """The y below which the running head ends: the first rule or image that
    crosses most of the page near its top, else a thin band at the top."""
    band = HEAD_BAND * page.height
    crossing = [b.y1 for b in page.paths + page.images if b.width >= 0.6 * page.width and b.y1 <= band]
    if crossing:
        return max(crossing)
    return max(0.035 * page.height, unruled_head(lines, band))


def unruled_head(lines: list[PLine], band: float) -> float:
    """The foot of a running head printed with no rule under it: the top
    row of lines, when it stands within the head band, is set at one small
    size, and is parted from everything under it by a white band wider than
    its lines' height (滨海晚报 … 第5版 经济 … 2026年9月22日 星期二); else 0.

    >>> c = lambda t, x, y, s: PLine.of(Char(t, x, y, x + s, y + s, s, "f", False))
    >>> unruled_head([c("报", 36, 22, 9), c("版", 250, 22, 9), c("题", 36, 44, 21)], 67)
    31
    >>> unruled_head([c("报", 36, 22, 9), c("文", 36, 34, 9)], 67)
    0
    """
    if not lines:
        return 0
    top = min(ln.y0 for ln in lines)
    row = [ln for ln in lines if ln.y0 <= top + 0.5 * ln.size]
    if max(ln.y1 for ln in row) > band or len({ln.size for ln in row}) != 1:
        return 0
    foot = max(ln.y1 for ln in row)
    rest = [ln.y0 for ln in lines if ln not in row]
    return foot if rest and min(rest) - foot >= row[0].size else 0


def footer_limit(page: PdfPage) -> float:
    """The y above which the running foot begins: a thin rule across most of
    the page near its bottom (editor credits, page number under it), else the
    page's foot (no foot: text may run to the very edge)."""
    band = (1 - HEAD_BAND) * page.height
    crossing = [b.y0 for b in page.paths if b.width >= 0.6 * page.width and b.height <= 3 and b.y0 >= band]
    return min(crossing) if crossing else page.height + 1


def frames(page: PdfPage, body: float) -> list[Box]:
    """Ruled frames: path objects large in both directions."""
    return [b for b in page.paths if b.width >= FRAME * body and b.height >= FRAME * body]


def inside(box: Box, frame: Box, slack: float = 2.0) -> bool:
    return box.x0 >= frame.x0 - slack and box.x1 <= frame.x1 + slack and box.y0 >= frame.y0 - slack \
        and box.y1 <= frame.y1 + slack


def block_box(block: Block) -> Box:
    return Box(block.x0, block.y0, block.x1, block.y1)


def kind_of_block(block: Block, body: float, head_y: float, images: list[Box], pictures: list[Box] = ()) -> str:
    """The typographic kind of a block from its size and place.

    >>> b = Block([PLine.of(Char("题", 0, 100, 33, 133, 33.12, "FZXBSK", False))])
    >>> kind_of_block(b, 8.28, 50, [])
    'title'
    """
    size = block.size
    if block.y1 <= head_y + 1:
        return "furniture"
    if block.lines[0].vertical:
        return "title" if size >= TITLE * body else "vertical"
    if size >= TITLE * body:
        return "title"
    if size > DISPLAY * body:
        # text set a little larger (a lead paragraph, an editor's note) is still text: no heading runs so long
        long_text = len(block.lines) >= 4 and len(block.text) > LONG_DISPLAY
        return "body" if long_text else "display"
    if size < SMALL * body and any(near_image(block, img, body) for img in images):
        return "small"
    if len(block.lines) <= CAPTION_LINES and (any(under_or_over_image(block, img, body) for img in images)
                                               or any(on_picture_foot(block, img, body) for img in pictures)):
        return "small"
    return "body"


def pictures_of(page: PdfPage, body: float) -> list[Box]:
    """Images with no title set over them (a title's background is no picture)."""
    titles = [c for c in page.chars if c.size >= TITLE * body]
    return [img for img in page.images
            if not any(img.x0 <= c.x0 and c.x1 <= img.x1 and img.y0 <= c.y0 and c.y1 <= img.y1 for c in titles)]


def column_width(blocks: list[Block]) -> float:
    """The page's usual column width: the median width of body blocks of three lines or more."""
    widths = sorted(b.x1 - b.x0 for b in blocks if b.kind == "body" and len(b.lines) >= 3)
    return widths[len(widths) // 2] if widths else 0.0


def promote_titles(blocks: list[Block], body: float, seps: list[Box]) -> None:
    """Display type smaller than a title's is still an article's title where a
    subhead could not stand: wider than a column (a subhead stays inside its
    column), or right under a rule that crosses more than a column (rules part
    articles). Papers that set news titles at 1.4 times the body need this."""
    column = column_width(blocks)
    if not column:
        return
    for block in blocks:
        if block.kind != "display" or block.size < PROMOTE * body:
            continue
        width = block.x1 - block.x0
        under_rule = any(r.width >= r.height and r.width >= max(1.25 * column, 1.5 * width)
                         and 0 <= block.y0 - r.y1 <= 3 * body and overlap(r.x0, r.x1, block.x0, block.x1) >= 0.9 * width
                         for r in seps)
        if width > WIDE * column or under_rule or opens_region(block, blocks, seps) or over_a_byline(block, blocks):
            block.kind = "title"


def over_a_byline(block: Block, blocks: list[Block]) -> bool:
    """Whether display type stands right over a byline's form: one short line
    of smaller type that ends no sentence, flush with it, with text under
    it (来源：江城日报 作者：方圆; 本报记者 王小明). A subhead has text right
    under it, never a byline: the display line is an article's title.

    >>> c = lambda t, x, y, s: Block([PLine.of(Char(t, x, y, x + s, y + s, s, "f", False))])
    >>> title, line, text = c("题", 60, 100, 16), c("源", 60, 122, 9), c("文", 81, 144, 10.5)
    >>> text.add(PLine.of(Char("字", 60, 160, 70.5, 170.5, 10.5, "f", False)))
    >>> over_a_byline(title, [title, line, text]), over_a_byline(title, [title, text])
    (True, False)
    """
    size = block.size
    under = [b for b in blocks if b is not block and 0 <= b.y0 - block.y1 <= HEAD_GAP * size
             and abs(b.x0 - block.x0) <= size]
    for line in under:
        if len(line.lines) != 1 or line.kind not in ("body", "small") or line.size >= size / SAME_SIZE \
                or len(line.text) > BYLINE_CHARS * 3 or line.text[-1:] in "。！？；”":
            continue
        if any(b is not line and 0 <= b.y0 - line.y1 <= HEAD_GAP * line.size and overlap(b.x0, b.x1, line.x0, line.x1) > 0
               and len(b.lines) >= 2 for b in blocks):
            return True
    return False


def opens_region(block: Block, blocks: list[Block], seps: list[Box]) -> bool:
    """Whether nothing stands above a block in its columns up to the page head
    or a rule: no text, no title (a subhead always has its article above it).

    >>> top = Block([PLine.of(Char("题", 40, 60, 55, 75, 15, "f", False))])
    >>> text = Block([PLine.of(Char("文", 40, 100, 50, 110, 10, "f", False))])
    >>> sub = Block([PLine.of(Char("小", 40, 130, 55, 145, 15, "f", False))])
    >>> opens_region(top, [top, text, sub], []), opens_region(sub, [top, text, sub], [])
    (True, False)
    """
    for other in blocks:
        if other is block or other.kind not in ("body", "title", "display", "vertical") or other.y1 > block.y0:
            continue
        if overlap(other.x0, other.x1, block.x0, block.x1) <= 0:
            continue
        if any(r.width >= r.height and other.y1 - 2 <= r.y0 and r.y1 <= block.y0 + 2
               and overlap(r.x0, r.x1, block.x0, block.x1) > 0 for r in seps):
            continue
        return False
    return True


def credits_under_captions(blocks: list[Block], body: float) -> None:
    """A one-line block right under a caption is its credit (新华社记者 徐昱摄)."""
    for block in sorted(blocks, key=lambda b: b.y0):
        if block.kind != "body" or len(block.lines) != 1:
            continue
        if any(c.kind == "small" and 0 <= block.y0 - c.y1 <= 1.5 * body
               and overlap(block.x0, block.x1, c.x0, c.x1) > 0.5 * (block.x1 - block.x0) for c in blocks):
            block.kind = "small"


def under_or_over_image(block: Block, img: Box, body: float) -> bool:
    """A short block right under (or over) an image and within its width: a
    caption or credit, even in body type.

    >>> b = Block([PLine.of(Char("消", 486, 1033, 494, 1042, 8.28, "f", False))])
    >>> under_or_over_image(b, Box(466, 837, 732, 1030), 8.28), under_or_over_image(b, Box(466, 837, 480, 1030), 8.28)
    (True, False)
    """
    width = block.x1 - block.x0
    if overlap(block.x0, block.x1, img.x0 - body, img.x1 + body) < 0.9 * width:
        return False
    return -0.5 * body <= block.y0 - img.y1 <= 2 * body or -0.5 * body <= img.y0 - block.y1 <= 2 * body


def on_picture_foot(block: Block, img: Box, body: float) -> bool:
    """A short block printed over the foot of a picture with no title on it
    (an infographic's data source line).

    >>> b = Block([PLine.of(Char("数", 486, 1017, 494, 1026, 8.28, "f", False))])
    >>> on_picture_foot(b, Box(9, 834, 746, 1032), 8.28), on_picture_foot(b, Box(9, 834, 746, 1300), 8.28)
    (True, False)
    """
    return inside(block_box(block), img) and block.y1 >= img.y1 - 2 * body


def near_image(block: Block, img: Box, body: float) -> bool:
    """A block right under, over or beside an image box (a caption's place)."""
    reach = 3 * body
    h = overlap(block.x0, block.x1, img.x0, img.x1) > 0
    v = overlap(block.y0, block.y1, img.y0, img.y1) > 0
    return (h and (0 <= block.y0 - img.y1 <= reach or 0 <= img.y0 - block.y1 <= reach)) or (
        v and (0 <= block.x0 - img.x1 <= reach or 0 <= img.x0 - block.x1 <= reach))


@dataclass
class Head:
    """An article's head: kicker, title, subtitle and byline blocks."""
    blocks: list[Block]
    frame: int = -1

    @property
    def title(self) -> Block:
        return max(self.blocks, key=lambda b: b.size)

    @property
    def x0(self) -> float:
        return min(b.x0 for b in self.blocks)

    @property
    def x1(self) -> float:
        return max(b.x1 for b in self.blocks)

    @property
    def y0(self) -> float:
        return min(b.y0 for b in self.blocks)

    @property
    def y1(self) -> float:
        return max(b.y1 for b in self.blocks)


def is_byline_like(block: Block, body: float) -> bool:
    """One short line smaller than a title: a byline's form (陈曙光, 本报记者 王强)."""
    return len(block.lines) == 1 and block.size < TITLE * body and len(block.text.replace(" ", "")) <= BYLINE_CHARS


def joins_head(head: Head, block: Block, body: float) -> bool:
    """Whether a block belongs to a title's head: a kicker right above it, a
    subtitle or byline right under it (a byline may be set in body type, a
    short line under the title's middle), or a vertical byline beside a
    vertical title; all shorter than a paragraph. Nothing joins under a byline."""
    if len(block.text) > 60 or block.frame != head.frame:
        return False
    title = head.title
    size = max(block.size, body)
    if block.kind == "body":
        middle = (block.x0 + block.x1) / 2
        return not title.lines[0].vertical and is_byline_like(block, body) and head.x0 < middle < head.x1 \
            and -0.2 * size <= block.y0 - head.y1 <= 2.5 * size and not head_has_byline(head, body)
    if block.kind not in ("display", "vertical", "title"):
        return False
    if title.lines[0].vertical:
        return block.lines[0].vertical and overlap(block.y0, block.y1, title.y0, title.y1) > 0 \
            and (0 <= title.x0 - block.x1 <= 4 * size or 0 <= block.x0 - title.x1 <= 4 * size)
    if block.lines[0].vertical:
        return False
    if overlap(block.x0, block.x1, head.x0, head.x1) <= 0:
        return False
    below = block.y0 - head.y1
    above = head.y0 - block.y1
    # a byline may stand a little apart under its title; a kicker sits close above it
    if -0.2 * size <= below <= 4 * size:
        return not head_has_byline(head, body)
    return -0.2 * size <= above <= 1.5 * size


def head_has_byline(head: Head, body: float) -> bool:
    title = head.title
    return any(b is not title and b.y0 > title.y1 - 1 and is_byline_like(b, body) for b in head.blocks)


def stacked_titles(upper: Head, lower: Head) -> bool:
    """Two title-size blocks one right under the other are one head: a title
    in two lines, or a kicker or subtitle set nearly as large as the title."""
    if upper.frame != lower.frame or upper.title.lines[0].vertical or lower.title.lines[0].vertical:
        return False
    size = min(upper.title.size, lower.title.size)
    return overlap(upper.x0, upper.x1, lower.x0, lower.x1) > 0 and -0.2 * size <= lower.y0 - upper.y1 <= 1.2 * size


def find_heads(blocks: list[Block], body: float) -> list[Head]:
    """Titles with their kickers, subtitles and bylines."""
    heads = [Head([b], b.frame) for b in blocks if b.kind == "title"]
    heads.sort(key=lambda h: (h.y0, h.x0))
    merged: list[Head] = []
    for head in heads:
        prev = next((m for m in merged if stacked_titles(m, head)), None)
        if prev is not None:
            prev.blocks.extend(head.blocks)
        else:
            merged.append(head)
    taken = {id(b) for h in merged for b in h.blocks}
    changed = True
    while changed:
        changed = False
        for block in blocks:
            if id(block) in taken:
                continue
            for head in merged:
                if joins_head(head, block, body):
                    head.blocks.append(block)
                    taken.add(id(block))
                    changed = True
                    break
    for head in merged:
        title = head.title
        head.blocks.sort(key=lambda b: (b.y0, -b.x0))
        if title.lines[0].vertical:      # a vertical title first, then its byline beside it
            head.blocks.sort(key=lambda b: b is not title)
    return merged


def rules(page: PdfPage, body: float) -> list[Box]:
    """Thin path objects (rules) long enough to part articles."""
    return [b for b in page.paths if (b.height <= 1.5 * body and b.width >= 4 * body)
            or (b.width <= 1.5 * body and b.height >= 4 * body)]


def parted(head: Head, block: Block, seps: list[Box]) -> bool:
    """Whether a rule runs between a head and a block (across the block's columns
    between them, or down between them beside it).

    >>> h = Head([Block([PLine.of(Char("题", 0, 0, 30, 30, 30, "f", True))])])
    >>> b = Block([PLine.of(Char("文", 0, 100, 8, 108, 8, "f", False))])
    >>> parted(h, b, [Box(0, 50, 200, 51)]), parted(h, b, [Box(0, 150, 200, 151)])
    (True, False)
    """
    for r in seps:
        if r.width >= r.height:      # across
            if r.y0 >= head.y1 - 2 and r.y1 <= block.y0 + 2 and overlap(r.x0, r.x1, block.x0, block.x1) > 0.5 * (
                    block.x1 - block.x0) and not underlines(r, head):
                return True
        elif overlap(r.y0, r.y1, block.y0, block.y1) > 0.5 * (block.y1 - block.y0):     # down
            if head.x1 <= r.x1 + 2 and r.x0 <= block.x0 + 2 or block.x1 <= r.x1 + 2 and r.x0 <= head.x0 + 2:
                return True
    return False


def underlines(rule: Box, head: Head) -> bool:
    """Whether a rule is a head's underline (a label 信息快递 over a short
    bar): right under it and no wider than it by more than a character.

    >>> h = Head([Block([PLine.of(Char("信", 36, 387, 49, 400, 13, "f", True))])])
    >>> underlines(Box(36, 448, 92, 450), h), underlines(Box(36, 402, 92, 404), h), underlines(Box(36, 402, 300, 404), h)
    (False, True, False)
    """
    size = head.title.size
    return 0 <= rule.y0 - head.y1 <= size and rule.x0 >= head.x0 - size and rule.x1 <= head.x1 + 4 * size


def owner(block: Block, heads: list[Head], body: float, seps: list[Box], far_ok: bool = True) -> Head | None:
    """The head a block belongs to: the one in its ruled frame if there is one,
    else, with no rule between them, the nearest head above it in its columns
    (a title spans the columns under it) or a head it starts beside (a column
    beside the end of a short title, or beside a vertical title); only when
    there is neither, the nearest head above it elsewhere (not for a caption:
    `far_ok`). A head right above it in its columns wins over one beside it
    (a briefs column under its label, beside the next story's title)."""
    framed = [h for h in heads if h.frame == block.frame and block.frame >= 0]
    if len(framed) == 1:
        return framed[0]
    near: list[tuple[float, int, Head]] = []
    under: list[tuple[float, int, Head]] = []
    far: list[tuple[float, int, Head]] = []
    for n, head in enumerate(heads):
        if head.frame != block.frame or parted(head, block, seps):
            continue
        dy = max(0.0, block.y0 - head.y1)
        dx = max(0.0, head.x0 - block.x1, block.x0 - head.x1)
        if head.title.lines[0].vertical:
            if head.y0 <= block.y1:          # a vertical title stands beside or above its text
                near.append((dy + dx, n, head))
        elif dx == 0:
            if head.y0 <= block.y0 + body:
                near.append((dy, n, head))
                under.append((dy, n, head))
        elif head.y0 - 3 * body <= block.y0 <= head.y1 + 2 * body:
            near.append((dx, n, head))        # starts beside the head
        elif head.y0 <= block.y0:
            far.append((dy + 2 * dx, n, head))
    right_under = [c for c in under if c[0] <= HEAD_GAP * body]
    found = min(right_under) if right_under else min(near) if near else min(far) if far and far_ok else None
    return found[2] if found else None


def reading_order(blocks: list[Block], body: float) -> list[Block]:
    """An article's blocks column by column: cut along a gutter that runs down
    all of them, else across a white band that runs through all of them, else
    top to bottom."""
    if len(blocks) <= 1:
        return list(blocks)
    cut = _cut(blocks, vertical=True, gap=0.5 * body)
    if cut is None:
        cut = _cut(blocks, vertical=False, gap=0.5 * body)
    if cut is None:
        return sorted(blocks, key=row_key)
    first, second = cut
    return reading_order(first, body) + reading_order(second, body)


def row_key(block: Block) -> tuple[int, float]:
    """Top to bottom, then left to right; pieces of one printed row (their
    bottoms on one baseline, whatever their fonts' heights) left to right."""
    return round(block.y1 / 2), block.x0


def _cut(blocks: list[Block], vertical: bool, gap: float) -> tuple[list[Block], list[Block]] | None:
    spans = sorted(((b.x0, b.x1) if vertical else (b.y0, b.y1)) for b in blocks)
    reach = spans[0][1]
    for lo, hi in spans[1:]:
        if lo - reach >= gap:
            at = (lo + reach) / 2
            first = [b for b in blocks if (b.x1 if vertical else b.y1) <= at]
            second = [b for b in blocks if (b.x0 if vertical else b.y0) >= at]
            return first, second
        reach = max(reach, hi)
    return None


@dataclass
class Piece:
    """A paragraph or part of one inside one block."""
    lines: list[PLine]
    block: Block
    indented: bool


def paragraphs(block: Block) -> list[Piece]:
    """A block's paragraphs: a line indented from the block's left edge starts one.

    A display block (a heading in two lines) is one piece.
    """
    if block.kind != "body" and block.kind != "small":
        return [Piece(list(block.lines), block, False)]
    left = block.x0
    pieces: list[Piece] = []
    for n, line in enumerate(block.lines):
        indented = line.x0 - left >= INDENT * line.size
        prev = block.lines[n - 1] if n else None
        short = prev is not None and prev.x1 < right_edge(block, n - 1) - INDENT * prev.size
        if not pieces or indented or short or starts_item(line):
            pieces.append(Piece([line], block, indented))
        else:
            pieces[-1].lines.append(line)
    return pieces


def starts_item(line: PLine) -> bool:
    """A line opening with a bullet starts an item of its own, indented or
    not (■近日，县里召开会议…: the items of a briefs column set flush left).

    >>> starts_item(PLine.of(Char("■", 36, 0, 45, 9, 9.5, "f", False))), starts_item(PLine.of(Char("近", 36, 0, 45, 9, 9.5, "f", False)))
    (True, False)
    """
    return bool(BULLET.match(line.text))


def right_edge(block: Block, n: int) -> float:
    """The column's right edge at line n: the farthest right of the lines
    above it (a column may widen below, where a vertical title ends), or of
    the next line for the first two."""
    near = block.lines[max(0, n - 2):n + 1] + block.lines[n + 1:n + 2] * (n < 2)
    return max(ln.x1 for ln in near)


def carries_on(prev: Piece, nxt: Piece) -> bool:
    """Whether a paragraph at the foot of one column goes on at the top of the
    next: same type, the next does not start with an indent, and the last line
    was full."""
    if prev.block.kind != "body" or nxt.block.kind != "body" or nxt.indented:
        return False
    if not same_size(prev.lines[-1].size, nxt.lines[0].size):
        return False
    last = prev.lines[-1]
    full = last.x1 >= right_edge(prev.block, len(prev.block.lines) - 1) - INDENT * last.size
    return full and len(nxt.block.lines) > 1 or full and nxt.lines[0].x0 <= nxt.block.x0 + 0.5 * last.size


def span(blocks: list[Block]) -> Box:
    """The union box of some blocks."""
    return Box(min(b.x0 for b in blocks), min(b.y0 for b in blocks), max(b.x1 for b in blocks),
               max(b.y1 for b in blocks))


def with_pictures(box: Box, group: list[Block], images: list[Box], body: float) -> Box:
    """A caption's place together with the picture it is under, over or beside."""
    for img in images:
        if any(near_image(b, img, body) or under_or_over_image(b, img, body) for b in group):
            box = Box(min(box.x0, img.x0), min(box.y0, img.y0), max(box.x1, img.x1), max(box.y1, img.y1))
    return box


def nearest(box: Box, spans: list[tuple[int, Box]], reach: float = 0.0) -> int | None:
    """Which article's span a box's middle lies in (or is within `reach` of;
    a sideways distance counts three times): None for a graphic outside
    every article.

    >>> nearest(Box(10, 10, 20, 20), [(0, Box(0, 100, 50, 200)), (1, Box(0, 0, 50, 50))])
    1
    >>> nearest(Box(486, 1003, 738, 1026), [(0, Box(9, 103, 738, 812)), (1, Box(774, 256, 1003, 1049))]) is None
    True
    """
    cx, cy = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    best = None
    for n, area in spans:
        dx = max(0.0, area.x0 - cx, cx - area.x1)
        dy = max(0.0, area.y0 - cy, cy - area.y1)
        distance = dy + 3 * dx
        if best is None or distance < best[0]:
            best = (distance, n)
    return best[1] if best and best[0] <= reach else None


def article_under(box: Box, spans: list[tuple[int, Box]], body: float) -> int | None:
    """The article that starts right under a picture and its caption, in its
    columns (a photo set over the headline of the story it shows): the
    article whose top is within HEAD_GAP body sizes under the box's foot and
    that spans most of the box's width.

    >>> under = article_under(Box(434, 59, 558, 228), [(0, Box(36, 56, 424, 390)), (1, Box(434, 238, 556, 540))], 9.5)
    >>> under, article_under(Box(434, 59, 558, 228), [(0, Box(36, 56, 424, 390)), (1, Box(434, 300, 556, 540))], 9.5)
    (1, None)
    """
    width = box.x1 - box.x0
    found = [(area.y0 - box.y1, n) for n, area in spans
             if -0.5 * body <= area.y0 - box.y1 <= HEAD_GAP * body and overlap(area.x0, area.x1, box.x0, box.x1) >= 0.8 * width]
    return min(found)[1] if found else None


def ad_boxes(loose: list[Block], heads: list[Head], page: PdfPage, body: float) -> list[Block]:
    """The blocks of ruled boxes that hold no title and a phone number: ads
    (招聘启事 ⏎ …月薪6000元以上。⏎ 联系电话：0533-1234567), every block of the box."""
    phone = load_patterns().ad_phone
    titled = {h.frame for h in heads}
    boxes: dict[int, list[Block]] = collections.defaultdict(list)
    for block in loose:
        if block.frame >= 0 and block.frame not in titled:
            boxes[block.frame].append(block)
    return [b for group in boxes.values() if any(phone.search(b.text) for b in group)
            for b in sorted(group, key=row_key)]


def is_loose_text(block: Block) -> bool:
    """Whether a block under no title is running text (an article continued
    from another page) rather than the words of a graphic or a caption: body
    type, three lines at least."""
    return block.kind == "body" and len(block.lines) >= 3


def to_line(pline: PLine, no: int, sheet: int, log: list[LogEntry]) -> Line:
    raw = pline.text
    text, changes = fix_line(raw)
    for change in changes:
        log.append(LogEntry(change.rule, f"L{no}", f"{change.before!r} → {change.after!r}"))
    return Line(no, raw, text, sheet=sheet, box=pline.box, size=pline.size, font=pline.font, bold=pline.bold,
                indent=False)


HINTS = {"title": Kind.HEADLINE, "display": Kind.HEADLINE, "vertical": Kind.HEADLINE, "body": Kind.BODY,
         "small": Kind.CAPTION, "furniture": Kind.FURNITURE, "ad": Kind.AD, "byline": Kind.BYLINE, "subtitle": Kind.SUBTITLE}


def head_parts(head: Head) -> list[tuple[Block, list[PLine]]]:
    """The units of a head, top to bottom: a title set in two blocks of its
    size (a wide gap between its lines) is one unit.

    >>> a = Block([PLine.of(Char("新", 0, 0, 30, 30, 30, "f", True))]); b = Block([PLine.of(Char("篇", 0, 40, 30, 70, 30, "f", True))])
    >>> [(blk is a, "".join(l.text for l in ls)) for blk, ls in head_parts(Head([a, b]))]
    [(True, '新篇')]
    """
    parts: list[tuple[Block, list[PLine]]] = []
    title = head.title
    for block in head.blocks:
        if parts and same_size(parts[-1][0].size, block.size) and block.size >= title.size / SAME_SIZE \
                and not block.lines[0].vertical and not parts[-1][0].lines[0].vertical:
            first = parts[-1][0]
            parts[-1] = (title if block is title else first, parts[-1][1] + list(block.lines))
            continue
        parts.append((block, list(block.lines)))
    return parts


@dataclass
class PageLayout:
    """What the layout step found on one printed page."""
    units: list[Unit]
    lines: list[Line]
    body: float
    articles: int
    log: list[LogEntry] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The page's text, one line per printed line, in reading order."""
        return "\n".join(line.raw for line in self.lines)


def layout_page(page: PdfPage, first_no: int = 1) -> PageLayout:
    """The units of one printed page in reading order, with typographic hints."""
    log: list[LogEntry] = []
    body = body_size(page.chars)
    if not page.chars:
        return PageLayout([], [], 0.0, 0, log)
    lines = vertical_lines(build_lines(page.chars, body), body)
    head_y = header_limit(page, lines)
    foot_y = footer_limit(page)
    boxes = frames(page, body)
    blocks = build_blocks(lines)
    pictures = pictures_of(page, body)
    for block in blocks:
        block.kind = kind_of_block(block, body, head_y, page.images, pictures)
        if block.y0 >= foot_y - 1:
            block.kind = "furniture"
        box = block_box(block)
        inner = [i for i, f in enumerate(boxes) if inside(box, f)]
        if inner:
            block.frame = min(inner, key=lambda i: boxes[i].width * boxes[i].height)
    credits_under_captions(blocks, body)
    seps = rules(page, body)
    promote_titles(blocks, body, seps)
    heads = find_heads(blocks, body)
    in_head = {id(b) for h in heads for b in h.blocks}
    furniture = [b for b in blocks if b.kind == "furniture"]
    owned: dict[int, list[Block]] = collections.defaultdict(list)
    loose: list[Block] = []
    for block in blocks:
        if id(block) in in_head or block.kind == "furniture":
            continue
        # a caption far from every head is a picture's of its own, not an article's
        head = owner(block, heads, body, seps, far_ok=block.kind != "small")
        if head is None:
            loose.append(block)
        else:
            owned[id(head)].append(block)
    heads.sort(key=lambda h: (round(h.y0 / body), h.x0))     # heads side by side: left first

    # (role, head, blocks): furniture first, text with no title (continued
    # from another page) next, then the articles, each followed by the words of
    # the graphics and banners nearest it (a head with next to no text under
    # it, loose short lines): captions of the article, between its head and
    # its text so that they fall inside its line range (and its region).
    ordered: list[tuple[str, Head | None, list[Block]]] = [
        ("furniture", None, sorted(furniture, key=lambda b: (b.y0, b.x0)))]
    ads = ad_boxes(loose, heads, page, body)
    if ads:
        ordered.append(("ad", None, ads))
        loose = [b for b in loose if id(b) not in {id(a) for a in ads}]
    loose_text = [b for b in loose if is_loose_text(b)]
    if loose_text:
        ordered.append(("text", None, reading_order(loose_text, body)))
    articles: list[tuple[Head, list[Block]]] = []
    graphics: list[list[Block]] = []
    for head in heads:
        mine = reading_order(owned[id(head)], body)
        if sum(len(b.text) for b in mine if b.kind == "body") < GRAPHIC_TEXT:
            graphics.append(head.blocks + mine)
        else:
            articles.append((head, mine))
    graphics.extend([b] for b in sorted((b for b in loose if not is_loose_text(b)), key=row_key))
    near: dict[int, list[list[Block]]] = collections.defaultdict(list)
    spans = [(n, span(head.blocks + mine)) for n, (head, mine) in enumerate(articles)]
    leftover: list[Block] = []
    for group in graphics:
        place = with_pictures(span(group), group, page.images, body)
        n = nearest(place, spans)
        if n is None:
            n = article_under(place, spans, body)
        if n is None:
            leftover.extend(group)
        else:
            near[n].append(group)
    for n, (head, mine) in enumerate(articles):
        ordered.append(("article", head, []))         # its head, then its captions, then its text
        captions = [b for b in mine if b.kind == "small"]
        if captions:
            ordered.append(("text", None, captions))
        for group in near[n]:
            ordered.append(("graphic", None, group))
        ordered.append(("text", None, [b for b in mine if b.kind != "small"]))
    if leftover:
        ordered.append(("outside", None, leftover))

    units: list[Unit] = []
    out_lines: list[Line] = []
    no = first_no

    def make_unit(plines: list[PLine], kind: str, evidence: list[Evidence]) -> Unit:
        nonlocal no
        lines_ = []
        for pl in plines:
            lines_.append(to_line(pl, no, page.index, log))
            no += 1
        out_lines.extend(lines_)
        text = ""
        for ln in lines_:
            text = join_wrapped(text, ln.text)
        unit = Unit(lines_, text, gap=1, hint=HINTS.get(kind), evidence=evidence, block_lines=len(lines_))
        units.append(unit)
        return unit

    for role, head, blocks_ in ordered:
        if head is not None:
            title = head.title
            for block, lines_ in head_parts(head):
                ev = [Evidence("pdf_type_size", HINTS[block.kind].value if block.kind in HINTS else "headline", 1.0,
                               f"{block.size:g} pt against body {body:g} pt")]
                kind = block.kind
                if block is title:
                    ev.append(Evidence("pdf_title", "start_article", 1.0, "the largest type of its head"))
                elif (block.lines[0].vertical or is_byline_like(block, body)) \
                        and (block.y0 > title.y1 - 1 or block.lines[0].vertical):
                    kind = "byline"
                    ev.append(Evidence("pdf_byline", Kind.BYLINE.value, 1.0, "short line under (beside) its title"))
                elif block.y0 > title.y1 - 1:
                    kind = "subtitle"
                    ev.append(Evidence("pdf_subtitle", Kind.SUBTITLE.value, 1.0, "smaller line under its title"))
                make_unit(lines_, kind, ev)
        pieces = [p for block in blocks_ for p in paragraphs(block)]
        prev: Piece | None = None
        current: Unit | None = None
        for piece in pieces:
            kind = "small" if role == "graphic" else piece.block.kind
            if current is not None and prev is not None and prev.block is not piece.block and carries_on(prev, piece):
                extra = []
                for pl in piece.lines:
                    extra.append(to_line(pl, no, page.index, log))
                    no += 1
                out_lines.extend(extra)
                for ln in extra:
                    current.lines.append(ln)
                    current.text += ln.text
                log.append(LogEntry("pdf_column_carry", f"L{extra[0].no}", "paragraph goes on in the next column"))
                prev = piece
                continue
            if role == "ad":
                kind = "ad"
                ev = [Evidence("pdf_ad_box", Kind.AD.value, 1.0, "in a ruled box with no title, with a phone number")]
            elif role == "outside":
                kind = "furniture"
                ev = [Evidence("pdf_graphic_outside", Kind.FURNITURE.value, 1.0,
                               "a caption or the words of a picture, graphic or banner outside every article")]
            elif kind == "furniture":
                ev = [Evidence("pdf_running_head", Kind.FURNITURE.value, 1.0, "above the page's head rule or under its foot rule")]
            elif role == "graphic":
                ev = [Evidence("pdf_graphic_text", Kind.CAPTION.value, 1.0,
                               "words of a graphic or banner: no article text under them")]
            elif kind == "small":
                ev = [Evidence("pdf_caption", Kind.CAPTION.value, 1.0, "smaller than body, next to an image")]
            elif kind in ("display", "title", "vertical"):
                ev = [Evidence("pdf_type_size", Kind.HEADLINE.value, 1.0, f"{piece.block.size:g} pt against body {body:g} pt")]
            else:
                ev = [Evidence("pdf_type_size", Kind.BODY.value, 1.0, "body type")]
            ev.append(Evidence("pdf_paragraph_end", "join", -1.0, "the layout ends the paragraph here"))
            current = make_unit(list(piece.lines), kind, ev)
            if role == "ad":
                current.reason = "广告 (a ruled box with no title and a phone number in it)"
            elif role == "outside":
                current.reason = "caption or words of a picture, graphic or banner outside every article (by its place)"
            elif kind == "furniture":
                current.reason = "running head or foot (by its place on the page)"
            prev = piece
    return PageLayout(units, out_lines, body, len(heads), log)
