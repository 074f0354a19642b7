"""The model of a page the converter builds before it writes anything.

Pelican-style: readers make `Line`s, the layout step groups them into `Unit`s
(paragraph candidates), classification gives each unit a `Kind`, joining and
segmentation turn units into `Article`s on a `SourcePage`, and only then do
the writers render Markdown.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Kind(str, enum.Enum):
    BODY = "body"
    HEADLINE = "headline"        # short line: title, kicker or section heading
    SUBTITLE = "subtitle"        # ——… line under a title
    LABEL = "label"              # column / page label (栏目)
    BYLINE = "byline"
    CAPTION = "caption"
    NOTE = "note"                # （作者为…）
    FURNITURE = "furniture"      # removed: running heads, page numbers, editors
    SOURCE_LINE = "source_line"  # removed: 《人民日报》（2025年10月20日 第 02 版）
    AD = "ad"                    # removed: classified ads, service boxes

    @property
    def removed(self) -> bool:
        return self in (Kind.FURNITURE, Kind.SOURCE_LINE, Kind.AD)


@dataclass(frozen=True)
class Box:
    """A rectangle on the printed page, in points, origin at the top left."""
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Line:
    """One line of a page, whatever read it: a text line, a PDF text line or an OCR box.

    Readers differ; everything after them is shared and uses the geometry
    (`box`, `size`, `font`, `bold`) when the input has it (None / 0 / "" when not).
    """
    no: int               # 1-based line number in the normalised raw text
    raw: str
    text: str             # after the line rules
    gap: int = 0          # blank lines before it
    page_break: bool = False
    indent: bool = False  # starts with a paragraph indent
    sheet: int = 0        # which page of a multi-page file (form feeds before it; PDF page index)
    box: Box | None = None  # where it is printed (PDF, OCR boxes)
    size: float = 0.0     # font size in points (0: unknown)
    font: str = ""        # font name ("": unknown)
    bold: bool = False


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines with no blank line or page break between them.

    >>> page = [Line(1, "高新区", "高新区"), Line(2, "创新", "创新"), Line(4, "简讯", "简讯", gap=1)]
    >>> [[line.no for line in block] for block in blocks(page)]
    [[1, 2], [4]]
    """
    out: list[list[Line]] = []
    for line in lines:
        if out and line.gap == 0 and not line.page_break:
            out[-1].append(line)
        else:
            out.append([line])
    return out


DISPLAY_WIDTH_OFF = 0.25     # a hard-wrapped line is its column's width within a digit run or a mark or two


def wrapped_length(lines: list[Line]) -> int:
    """The length in characters a page's text is hard-wrapped at: the median
    length of the lines inside blocks of three or more lines, 0 without any;
    what tells a display line (wider or narrower) from a wrapped one. Unlike
    ``layout.column_width`` (the display width of prose columns wide enough
    to join lines by) it counts narrow columns too.

    >>> wrapped_length([Line(n, "一二三四五六七八", "一二三四五六七八") for n in range(1, 5)])
    8
    """
    lengths = sorted(len(line.text) for block in blocks(lines) if len(block) >= 3 for line in block[:-1])
    return lengths[len(lengths) // 2] if lengths else 0


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence for a decision: what it argues for, how strongly, and why.

    `--explain` prints these; weights are set by hand with a comment saying why.
    """
    rule: str             # the evidence function's name
    kind: str             # the decision it argues for (a Kind value, "join", "order", …)
    score: float          # signed weight: > 0 for, < 0 against
    reason: str = ""


@dataclass
class Unit:
    """A paragraph candidate: one or more lines that belong together."""
    lines: list[Line]
    text: str
    gap: int = 0
    kind: Kind = Kind.BODY
    reason: str = ""              # why it was classified so (for removed text)
    authors: list[str] = field(default_factory=list)
    signature: str = ""           # a signature split off the end (…提振。 杜明坤 王满)
    lead: str = ""                # a news lead marker (本报讯（记者 于大勇）)
    block_lines: int = 1          # lines in its block (for labels made of short fragments)
    cut: list[tuple[str, str]] = field(default_factory=list)   # (text, reason) taken out of it
    jumps_on: bool = False        # ends with （下转第4版）
    jumped_in: bool = False       # a headline over （上接第1版）: the title of a story continued from another page
    hint: Kind | None = None      # the kind the page's typography gives (PDF sizes, boxes); wins on disagreement
    evidence: list[Evidence] = field(default_factory=list)   # what decided its kind (for --explain)

    @property
    def box(self) -> Box | None:
        """The union of its lines' boxes (None for plain text)."""
        boxes = [line.box for line in self.lines if line.box is not None]
        if not boxes:
            return None
        return Box(min(b.x0 for b in boxes), min(b.y0 for b in boxes),
                   max(b.x1 for b in boxes), max(b.y1 for b in boxes))

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def sheet(self) -> int:
        return self.lines[0].sheet

    @property
    def last(self) -> int:
        return self.lines[-1].no

    def __repr__(self) -> str:  # short, for logs and test failures
        return f"<{self.kind.value} L{self.first}: {self.text[:20]}>"


@dataclass
class Removed:
    text: str
    reason: str
    first: int
    last: int


@dataclass
class LogEntry:
    rule: str
    where: str            # "L12" or "L12-L14"
    detail: str


CLAUSE_MARKS = frozenset("，。、；：？！,.;:?!（）()“”\"《》 \t\u3000")
CLAUSE_CONTEXT = 30   # characters: no clause of a newspaper runs longer before or after a fix


def quoted(text: str) -> str:
    r"""A snippet in quotes for the log: characters that do not show (an
    ideographic space, a control character) escaped as repr() would, a
    backslash shown once (OCR's 、 read as \).

    >>> print(quoted("\u3000\u3000本报讯"), quoted("有静气\\有定力"))
    '\u3000\u3000本报讯' '有静气\有定力'
    """
    return "'" + "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text) + "'"


def change_detail(before: str, after: str, context: int = 6, sites: int = 6, limit: int = 40,
                  whole_clause: bool = False) -> str:
    r"""What a rule changed in a line, for the cleaning log: each changed
    span with a little context (at most `sites` of them, then a count), never
    whole lines, so the log stays small whatever the length of the line (a
    20 MB input is not copied into it).

    >>> change_detail("今年以来,淄博高新区在科技创新等方面取得了一定成绩", "今年以来，淄博高新区在科技创新等方面取得了一定成绩")
    "'今年以来,淄博高新区在…' → '今年以来，淄博高新区在…'"
    >>> change_detail("取得了成绩,迈上新台阶。展望未来的发展前景时,淄博高新区将继续", "取得了成绩，迈上新台阶。展望未来的发展前景时，淄博高新区将继续")
    "'取得了成绩,迈上新台阶。…' → '取得了成绩，迈上新台阶。…'; '…的发展前景时,淄博高新区将…' → '…的发展前景时，淄博高新区将…'"
    >>> len(change_detail("甲 乙" * 100, "甲乙" * 100)) < 300, len(change_detail("x " * 100000, "x" * 100000)) < 300
    (True, True)

    With ``whole_clause`` (a fix of a recognition error) the context runs to
    the clause's ends, up to CLAUSE_CONTEXT characters each side:

    >>> change_detail("员、干部应努力增强学习本领`政治领导本", "员、干部应努力增强学习本领、政治领导本", whole_clause=True)
    "'…干部应努力增强学习本领`政治领导本' → '…干部应努力增强学习本领、政治领导本'"
    """
    found = _changed_sites(before, after)
    merged: list[list[int]] = []
    for b0, b1, a0, a1 in found:
        if merged and b0 - merged[-1][1] <= 2 * context:
            merged[-1][1], merged[-1][3] = b1, a1
        else:
            merged.append([b0, b1, a0, a1])

    def snippet(text: str, start: int, end: int) -> str:
        middle = text[start:end]
        if len(middle) > 2 * limit:
            middle = f"{middle[:limit]}…({len(middle) - 2 * limit} more characters)…{middle[-limit:]}"
        lo, hi = max(0, start - context), min(len(text), end + context)
        if whole_clause:
            lo = start
            while lo > 0 and start - lo < CLAUSE_CONTEXT and text[lo - 1] not in CLAUSE_MARKS:
                lo -= 1
            hi = end
            while hi < len(text) and hi - end < CLAUSE_CONTEXT and text[hi] not in CLAUSE_MARKS:
                hi += 1
        return ("…" if lo else "") + text[lo:start] + middle + text[end:hi] + ("…" if hi < len(text) else "")

    parts = [f"{quoted(snippet(before, b0, b1))} → {quoted(snippet(after, a0, a1))}" for b0, b1, a0, a1 in merged[:sites]]
    if len(merged) > sites:
        parts.append(f"and {len(merged) - sites} more change(s)")
    return "; ".join(parts)


def _changed_sites(before: str, after: str, window: int = 16, k: int = 3) -> list[tuple[int, int, int, int]]:
    """Where two versions of a line differ: (start, end) in each, found in
    one pass (linear in the line's length): at a difference, the nearest
    point within `window` characters where `k` characters agree again.

    >>> _changed_sites("成绩,迈上新台阶", "成绩，迈上新台阶")
    [(2, 3, 2, 3)]
    >>> _changed_sites("淄博 高新区, 科技城", "淄博高新区，科技城")
    [(2, 3, 2, 2), (6, 8, 5, 6)]
    """
    sites = []
    i = j = 0
    while i < len(before) and j < len(after):
        if before[i] == after[j]:
            i, j = i + 1, j + 1
            continue
        found = None
        for total in range(1, 2 * window + 1):
            for di in range(max(0, total - window), min(total, window) + 1):
                dj = total - di
                if before[i + di:i + di + k] == after[j + dj:j + dj + k]:
                    found = di, dj
                    break
            if found:
                break
        if not found:
            break
        sites.append((i, i + found[0], j, j + found[1]))
        i, j = i + found[0], j + found[1]
    if i < len(before) or j < len(after):
        sites.append((i, len(before), j, len(after)))
    return sites


@dataclass
class Article:
    title: str = ""
    kicker: str = ""
    subtitle: str = ""
    section: str = ""
    byline: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    blocks: list[tuple[str, str]] = field(default_factory=list)   # ("p"|"h", text)
    captions: list[str] = field(default_factory=list)
    first: int = 0
    last: int = 0
    sheet: int = 0
    source_line: str = ""       # 《人民日报》（2018年01月17日 第 07 版） closing this article
    continued: bool = False
    untitled: bool = False
    date: str = ""
    date_inferred: bool = False
    zones: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    region: list[float] | None = None   # [x0, y0, x1, y1] on the printed page, fractions of its size (PDF)
    # the display lines of its head: (labels, headlines, subtitles, a byline right under the last line)
    head_parts: tuple[list[str], list[str], list[str], bool] = ([], [], [], False)
    # kicker and title split from one line of the page (segment.split_glued_kicker): never parted
    glued_head: bool = False
    # where each byline and note was read: (blocks before it, "byline" | "note", text, authors)
    marks: list[tuple[int, str, str, list[str]]] = field(default_factory=list)
    # a caption read right after a paragraph of its text (pdftotext): caption → that paragraph
    caption_after: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == "p"]

    def text(self) -> str:
        return "\n".join(text for _, text in self.blocks)


@dataclass
class PageFacts:
    """What the furniture of one printed page says about it."""
    newspaper: str = ""
    page: str = ""
    date: str = ""
    editors: list[str] = field(default_factory=list)


@dataclass
class SourcePage:
    name: str
    raw: str
    encoding: str = "utf-8"
    newspaper: str = ""
    page: str = ""
    date: str = ""
    editors: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    breaks_repaired: int = 0
    sheets: dict[int, PageFacts] = field(default_factory=dict)   # per printed page of a multi-page file
    stem: str = ""                 # file stem and slug base when not the name's (NAME-p03: page 3 of a PDF)
    pdf_page: int | None = None    # 0-based page index in its PDF file (None: not a PDF)
    pdf_pages: int = 0            # pages in that PDF (> 1: the stem gets -p03)
    size: tuple[float, float] | None = None   # printed page (width, height) in points (PDF)
    picture: str = ""             # the page picture, relative to docs/ (pictures/…)
    explain: list[LogEntry] = field(default_factory=list)   # each block's kind and its evidence (--explain)

    def facts(self, sheet: int = 0) -> PageFacts:
        """The facts of one printed page, filled in from the file's where it says nothing."""
        own = self.sheets.get(sheet, PageFacts())
        return PageFacts(own.newspaper or self.newspaper, own.page or self.page, own.date or self.date,
                         own.editors or self.editors)
