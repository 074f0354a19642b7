"""From raw text to paragraph candidates (units).

Two layouts reach us. OCR exports put one paragraph per line with blank lines
between blocks; ``pdftotext`` hard-wraps every line at the column width with
single newlines, so a paragraph is a run of full-width lines ended by a
short one or by the indent of the next. The layout step tells them apart per
block from the line widths alone, so both come out as one unit per paragraph.
"""
from __future__ import annotations

import functools
import re
import statistics
import unicodedata
from typing import Callable

from .model import LogEntry, Line, Unit, blocks, change_detail
from .patterns import load as load_patterns
from .text import CONTINUE_START, HAN, JOIN_AT, chinese_length, continuation_evidence, ends_sentence, word_across
from .textfix import RECOGNITION_FIXES, fix_line, is_letter_spaced

INDENT = re.compile("^(\u3000|[ \t]{2,})")
FULL_LINE = 0.85        # a line this close to the column width wraps on
OPEN_LINE = 0.7         # a line this wide that ends no sentence wraps on (an indented first line, a
                        # comma set half-width); a heading above the text is narrower
OVER_WIDE = 1.25        # a line this much wider than the column (a title across columns) does not
MIN_COLUMN = 20         # narrower "columns" are lists of short lines, not prose


def display_width(text: str) -> int:
    """Width in half-width cells: Chinese characters count two.

    >>> display_width("淄博ABC")
    7
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


ASCII_GAP = re.compile(r"(?<=[0-9A-Za-z%.]) +(?=\S)|(?<=\S) +(?=[0-9A-Za-z])")


def line_width(line: Line) -> int:
    """Width of a line as printed, in half-width cells: its characters, not
    the spaces letter-spacing put between them (justification spreads a line
    to the column width, pdftotext writes the spread as spaces); a space
    beside Latin letters or digits (set in another font) counts one cell.

    >>> line_width(Line(1, "唯 物 主 义 认 识 论 告 诉 我 们 ，每 个 时", "")), line_width(Line(1, "是一定社会历史活动的结果。习近平新", ""))
    (30, 34)
    >>> line_width(Line(1, "2013 年 1 月 ，习 近 平 同 志 在 新 进 中", ""))
    32
    """
    return _raw_width(line.raw)


@functools.lru_cache(maxsize=8192)
def _raw_width(raw: str) -> int:
    raw = raw.strip()
    return display_width(re.sub(r"[ \t\u3000]+", "", raw)) + len(ASCII_GAP.findall(raw))


def set_width(lines: list[Line]) -> float | None:
    """The column width a paragraph's lines were set in: the median width of
    its lines but the last, or None for a paragraph of fewer than three lines
    or of lines too short to show a column (a heading, a list).

    >>> set_width([Line(1, t, t) for t in ("推动人的全面发展是马克思主义的本", "质要求。《共产党宣言》指出：", "阶级和阶级对立的资产阶级旧社会的，将是", "展是一切人的自由发展的条件。")])
    32
    """
    inner = [line_width(line) for line in lines[:-1]]
    if len(inner) < 2 or statistics.median(inner) < MIN_COLUMN:
        return None
    return statistics.median_high(inner)


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
            log.append(LogEntry(change.rule, f"L{no}", change_detail(change.before, change.after,
                                                                     whole_clause=change.rule in RECOGNITION_FIXES)))
        lines.append(Line(no, raw_line, text, gap, page_break, bool(INDENT.match(raw_line)), sheet))
        gap, page_break = 0, False
    return lines


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

    A number that Chinese typesetting broke over the line end is one number:

    >>> join_wrapped("新认定省级研发机构1", "5家"), join_wrapped("in 2018", "15 firms")
    ('新认定省级研发机构15家', 'in 2018 15 firms')
    """
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        if a[-1].isdigit() and b[0].isdigit() and _number_in_chinese(a, b):
            return a + b
        return f"{a} {b}"
    return a + b


def _number_in_chinese(a: str, b: str) -> bool:
    """The digits at the end of `a` and the start of `b` stand in Chinese text."""
    before = a.rstrip("0123456789.,")
    after = b.lstrip("0123456789.,%")
    return bool((before and not before[-1].isascii()) or (after and not after[0].isascii()))


def block_width(block: list[Line]) -> float | None:
    """The width a block of wrapped prose is set to, when it shows one: a
    page has columns of several widths (a box, a narrow column beside a
    vertical title), and pdftotext gives each its own block."""
    return column_width([block])


WINDOW_LINES = 3      # lines each side that show the width of the column a line is set in


def local_width(widths: list[int], k: int) -> float | None:
    """The column width around line k of a block: the median width of the
    lines near it (a block may run in a narrow column beside a vertical title,
    then across the full width of a box).

    >>> local_width([44, 44, 44, 10, 22, 22, 22, 22], 5), local_width([44, 44, 44, 10, 22, 22, 22, 22], 1)
    (22, 44)
    """
    if k < 0:
        return None
    near = [w for w in widths[max(0, k - WINDOW_LINES):k + WINDOW_LINES + 1] if w >= MIN_COLUMN]
    if len(near) < 3:
        return None
    return statistics.median_high(near)


NAME_LINE = re.compile(f"[{HAN}]{{1,4}}")   # 刘志明 (or 刘 of a vertical 刘 ⏎ 伟) under a title: a byline, never the rest of a line


def name_line_below(prev: str, line: str) -> bool:
    """A line of one to four characters under another is a byline (刘志明),
    unless a word runs across the break: then it ends a wrapped heading
    (…全面从严治党永 ⏎ 远在路上).

    >>> name_line_below("深刻理解新时代划时代意义", "刘志明"), name_line_below("握全面从严治党永", "远在路上")
    (True, False)
    """
    return bool(NAME_LINE.fullmatch(line)) and not word_across(prev, line)


LINE_OPEN_END = "，、：；（“‘《〈【「『"
SHORT_RUN = 5         # lines: a heading wrapped in a narrow box runs to four


def ends_open(text: str) -> bool:
    """A line that stops where no paragraph ends: on a comma, a colon, an open
    quote or bracket (pdftotext breaks lines at quote marks and commas).

    >>> ends_open("习近平同志强调："), ends_open("从推进“四个伟"), ends_open("会用得纯熟。")
    (True, True, False)
    """
    text = text.rstrip()
    return bool(text) and (text[-1] in LINE_OPEN_END or text.count("“") > text.count("”")
                           or text.count("（") > text.count("）"))


def justified(prev: Line, line: Line) -> bool:
    """A letter-spaced line was spread to its column's width by justification,
    which never spreads a paragraph's last line: it wraps on (明 确 新 目 标 ：分 两
    ⏎ 步走全面建设社会主义), unless a line of names follows.

    >>> justified(Line(1, "明 确 新 目 标 ：分 两", "明确新目标：分两"), Line(2, "步走全面建设社会主义", "步走全面建设社会主义"))
    True
    """
    return is_letter_spaced(prev.raw) and not ends_sentence(prev.text) \
        and not re.fullmatch(f"[{HAN}]{{1,4}}", line.text)


def continues_short_run(current: Unit, line: Line, width: float | None) -> bool:
    """A short line goes on a short line above it when a word or a clause
    crosses the break (从推进“四个伟 ⏎ 大”创造性实践、历史 ⏎ 性变革的…: a
    heading wrapped in a narrow box); a short line of names never does."""
    if width is None or len(current.lines) >= SHORT_RUN or ends_sentence(current.text):
        return False
    if any(line_width(x) >= FULL_LINE * width for x in (*current.lines, line)):
        return False
    if re.fullmatch(f"[{HAN}]{{1,4}}", line.text):
        return False                        # 陈曙光: a byline, not the rest of a heading
    box = max(map(line_width, current.lines))
    if len(current.lines) >= 2 and line_width(current.lines[-1]) >= FULL_LINE * box:
        # the box is as wide as its widest line: that line wrapped; a line wider
        # than the box is the text beside or under it (化标志着中国特色社 ⏎ 会主义进入新时代 ⏎ 时代是表述特定社会历史的)
        return line_width(line) <= box + 2
    points, why = continuation_evidence(current.text, line.text)
    return points >= JOIN_AT and ("crosses" in why or "open clause" in why or "punctuation" in why)


PIECE_GAP = "，。、：；！？”’）》“‘（《"   # a font change (a quote, a bold run-in sentence) is set at punctuation
BRACKETED = re.compile(r"（[^（）]*）")   # a line in brackets of its own (（作者为…）) is set apart, no piece
PIECES_OVER = 1.15    # pieces of one printed line add up to its column width, or a little over (half-width
                      # punctuation counted full)


def printed_line_end(texts: list[str], widths: list[int], k: int, width: float) -> int | None:
    """The last of the lines from k on that are pieces of one printed line,
    or None: pdftotext cuts a line where the font changes (a quote, a bold
    run-in sentence: 质要求。 ⏎ 《共产党宣言》指出： ⏎ “代替那存在着), so two
    or more short lines, each cut at punctuation, add up to the column width.
    No piece is as wide as a paragraph's indented first line (41%。 ⏎
    走进位于园区东部 is a paragraph's end and the next one's start), nor a
    line in brackets of its own (a note); and one sentence at most ends
    before the last piece (文化。 ⏎ 长期性。 ⏎ “永远在路上”，意味着: a
    paragraph's end, then the next one's run-in sentence).

    >>> texts = ["推动人的全面发展是马克思主义的本", "质要求。", "《共产党宣言》指出：", "“ 代替那存在着", "阶级和阶级对立的资产阶级旧社会的，将是"]
    >>> widths = [32, 8, 20, 13, 38]
    >>> printed_line_end(texts, widths, 1, 38), printed_line_end(texts, widths, 0, 38)
    (3, None)
    >>> printed_line_end(["到实处", "党的十九大", "报告对“实施健康"], [6, 10, 16], 0, 34) is None   # a heading, then text
    True
    >>> printed_line_end(["41%。", "走进位于园区东部", "的新材料产业园，一座"], [5, 16, 20], 0, 20) is None
    True
    >>> printed_line_end(["义，正是为了汇聚构建人类命运共同体的政党力量。", "（作者为中国人民大学国际关系学院教授）"], [46, 38], 0, 76) is None
    True
    >>> printed_line_end(["文化。", "长期性。", "“ 永 远 在 路 上 ”，意 味 着", "要牢固树立打持久战的思想。伟大"], [6, 8, 20, 30], 0, 34) is None
    True
    """
    total, ends = 0, 0
    for j in range(k, len(texts)):
        if ends > 1:
            return None
        ends += ends_sentence(texts[j])
        if widths[j] >= OPEN_LINE * width or BRACKETED.fullmatch(texts[j].strip()) or (j > k and not (texts[j - 1].rstrip()[-1:] in PIECE_GAP
                                                               or texts[j].lstrip()[:1] in PIECE_GAP)):
            return None
        total += widths[j]
        if total > PIECES_OVER * width:
            return None
        if total >= FULL_LINE * width:
            return j if j > k else None
    return None


def printed_lines(texts: list[str], widths: list[int], columns: list[float | None]) -> dict[int, int]:
    """For each line of a block that is a piece of a printed line cut at a
    font change (:func:`printed_line_end`), the index of the first piece;
    read left to right (``columns``: the column width around each line).

    >>> printed_lines(["质要求。", "《共产党宣言》指出：", "“ 代替那存在着", "阶级和阶级对立的资产阶级旧社会的，将是"], [8, 20, 13, 38], [38] * 4)
    {0: 0, 1: 0, 2: 0}
    """
    start: dict[int, int] = {}
    k = 0
    while k < len(texts):
        width = columns[k]
        end = printed_line_end(texts, widths, k, width) if width else None
        if end is None:
            k += 1
            continue
        start.update((j, k) for j in range(k, end + 1))
        k = end + 1
    return start


def indented_start(prev: Line, line: Line, next_width: int | None, width: float) -> bool:
    """A full line that ends a sentence, then a line about two characters
    short of the column with a full line under it: the new paragraph's
    indented first line (pdftotext drops the indent; the last line of the
    paragraph above happened to fill its column).

    >>> line = lambda text: Line(1, text, text)
    >>> a, b = line("的比重提高到26%以上。"), line("投资的快速增长，得益")
    >>> indented_start(a, b, 24, 24), indented_start(line("的比重提高到26%以上，"), b, 24, 24)
    (True, False)
    """
    short = width - line_width(line)
    return ends_sentence(prev.text) and line_width(prev) >= FULL_LINE * width and 3 <= short <= 5 \
        and next_width is not None and next_width >= width - 2


def group_units(lines: list[Line], log: list[LogEntry], standalone: Callable[[str], bool],
                ocr: bool = False) -> list[Unit]:
    """Group lines into paragraph candidates (units).

    ``standalone(text)`` tells a line that stands alone even inside wrapped
    prose (furniture, a byline, a subtitle): classification knows those forms
    (``classify.is_standalone``), so the caller passes it in.

    A line wraps on to the next when it is as wide as its block's column
    (the page's, if the block shows none), when it stops on a comma, colon
    or open quote, when the next starts with closing punctuation, or when
    both are short and a word crosses the break (a wrapped heading).
    """
    all_blocks = blocks(lines)
    page_width = column_width(all_blocks)
    units: list[Unit] = []
    for block in all_blocks:
        current: Unit | None = None
        fallback = block_width(block) or page_width
        widths = [line_width(x) for x in block]
        pieces = printed_lines([x.text for x in block], widths,
                               [local_width(widths, k) or fallback for k in range(len(block))])
        display = display_block(block)
        for k, line in enumerate(block):
            prev = current.lines[-1] if current is not None else None
            width = local_width(widths, k - 1) or fallback
            wraps_on = (
                prev is not None
                and not starts_paragraph(line)
                and not (width is not None and indented_start(prev, line, widths[k + 1] if k + 1 < len(block) else None, width))
                and not standalone(line.text) and not standalone(prev.text)
                and not (name_line_below(prev.text, line.text) and not ends_open(prev.text) and k not in pieces)
                and not (ocr and display and display_line_ends(prev, line))
                and ((width is not None and FULL_LINE * width <= line_width(prev) <= OVER_WIDE * width)
                     or (width is not None and OPEN_LINE * width <= line_width(prev) <= OVER_WIDE * width
                         and not ends_sentence(prev.text) and line_width(line) >= FULL_LINE * width)
                     or ends_open(prev.text) or line.text[:1] in CONTINUE_START
                     or justified(prev, line) or continues_short_run(current, line, width)
                     or pieces.get(k, k) < k      # the rest of a printed line cut at a font change
                     or (k - 1 in pieces and pieces.get(k) != pieces[k - 1] and not ends_sentence(prev.text))
                     or (k in pieces and pieces[k] == k and width is not None and not ends_sentence(prev.text)
                         and OPEN_LINE * width <= line_width(prev) <= OVER_WIDE * width)
                     or (ocr and ocr_line_goes_on(prev, line)))
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


OCR_PROSE_LINE = 5     # Chinese characters: a text column beside a picture still sets five a line
                       # (党的十九大); shorter lines in one block are a stack of labels (礼赞 ⏎ 2019 ⏎ 年终特稿)


def ocr_line_goes_on(prev: Line, line: Line) -> bool:
    """An OCR engine's block is one paragraph as it read it: a line of text
    in it that ends no sentence wraps on, whatever its width (the column
    narrows beside a picture or a title and widens under it: 党的十九大报告指出，我们 ⏎
    党既要政治过硬，也要本领高强。进入新时代，世情国情).

    >>> line = lambda text: Line(1, text, text)
    >>> ocr_line_goes_on(line("党的十九大报告指出，我们"), line("党既要政治过硬，也要本领高强。进入新时代，世情国情"))
    True
    >>> ocr_line_goes_on(line("才能什么大事都压不合。"), line("党的十九大报告指出，我们")), ocr_line_goes_on(line("礼赞"), line("2019"))
    (False, False)
    """
    return chinese_length(prev.text) >= OCR_PROSE_LINE and not ends_sentence(prev.text)


DISPLAY_LINES = 4      # lines: a title and its subtitle, each wrapped at most once in a narrow box


def display_block(block: list[Line]) -> bool:
    """A block of display lines: a few lines, none of which ends a sentence
    (a title with its subtitle; a paragraph's block has sentence ends).

    >>> line = lambda text: Line(1, text, text)
    >>> display_block([line("让红船精神放射时代光芳"), line("“红船精神与习近平新时代中国特色"), line("社会主义思想学术研讨会”述要")])
    True
    >>> display_block([line("习近平同志在党的十九大报告"), line("提出“实施健康中国战略”，这是以习近平"), line("色社会主义的一项重要战略安排。")])
    False
    """
    return len(block) <= DISPLAY_LINES and not any(PROSE_MARK.search(x.text) for x in block[:-1]) \
        and not any(ends_sentence(x.text) for x in block)


DISPLAY_WIDER = 4      # Chinese characters: a wrapped title's next line is about as long as its first or
                       # shorter (a narrow box moves a character or two); a subtitle in smaller type runs longer
PROSE_MARK = re.compile("[，,、；;：:。！？!?]")


def display_line_ends(prev: Line, line: Line) -> bool:
    """In an OCR engine's block, a display line (no clause mark in it) is
    whole when a clearly longer line follows that no word crosses to: the
    subtitle under a title, its dash lost by the OCR (让红船精神放射时代光芳 ⏎
    “红船精神与习近平新时代中国特色 ⏎ 社会主义思想学术研讨会”述要); a wrapped
    heading's lines are of one length or a word runs across (深刻把握实施健 ⏎ 康中国战略在新时代中).

    >>> line = lambda text: Line(1, text, text)
    >>> display_line_ends(line("让红船精神放射时代光芳"), line("“红船精神与习近平新时代中国特色"))
    True
    >>> display_line_ends(line("深刻把握实施健"), line("康中国战略在新时代中")), display_line_ends(line("党的十九大报告指出，我们"), line("党既要政治过硬，也要本领高强。进入新时代，世情国情"))
    (False, False)
    """
    return not PROSE_MARK.search(prev.text) and chinese_length(line.text) >= chinese_length(prev.text) + DISPLAY_WIDER \
        and not word_across(prev.text, line.text)
