"""Real OCR output (tesseract and the like): what its text shows and the
fragments it leaves.

A picture of a page holds more than text columns: logos, photos,
infographics, display type set vertically. OCR reads them too, as lines that
are no text: a few letters (``aa``, ``攻 SA``), Chinese glued to Latin letters
(``人ga区``: the masthead logo), marks no Chinese text uses (``寺站大口寺[CD``),
a mark read twice over (``念宗旨，，牢``), a few characters that make no word
or a longer line that makes almost none (``深海总幅间并将斌于``), a rule read
as dashes beside a column (``…集中体现      一一``). Such a line stands
between the lines of an article and breaks its sentences apart; it becomes a
title or a kicker of its own. :func:`split_fragments` takes these lines out
before layout, each with the reason it was taken, for the source page's
removed list (nothing is lost: the line is shown there as it was read).

A lone character on a line is kept when it may be one letter of a vertical
byline cut into lone characters (刘 … 伟), which classification puts back
together: a surname, or a character after a surname left open above it
(:func:`lone_characters`). A subtitle's dash read as 一一 is read as the dash
(:func:`read_dashes`), a bullet read as a character before 本报讯 as the
bullet (:func:`read_bullets`). The rules run only on text whose punctuation is an
OCR engine's (:func:`ocr_text`: by its name or its punctuation).
"""
from __future__ import annotations

import dataclasses
import re

from .model import DISPLAY_WIDTH_OFF, Line, blocks, wrapped_length
from .patterns import Patterns, load as load_patterns
from .text import HAN, cut, ends_sentence, pos_tagger
from .textfix import fix_line

HAN_RE = re.compile(f"[{HAN}]")
ASCII_MARK = re.compile(f"[{HAN}] ?[,:;?!] ?[{HAN}]")
FULL_MARK = re.compile(f"[{HAN}][，：；？！][{HAN}]")
OCR_MARKS_MIN = 20        # marks: fewer say nothing about a whole page
OCR_MARKS_SHARE = 0.8     # of the marks between Chinese characters: print has full-width ones, OCR ASCII ones

JUNK_MARK = re.compile(r"[_\[\]|<>@^~={}]")          # marks Chinese prose does not print
GLUED_LATIN = re.compile(f"[{HAN}][a-z]{{1,3}}[{HAN}]")  # 人ga区: lower-case letters inside Chinese
CLAUSE_MARK = re.compile("[，。、；：！？,;:!?]")                  # a clause is text, however garbled
DOUBLED_MARK = re.compile("([，。、；：！？])\\1")   # 念宗旨，，牢: a line of its own with a mark twice is a picture's
FRAGMENT_MAX = 24         # characters: a fragment is short; a longer line is text, however garbled
LATIN_MAX = 8             # characters of a few-letters line (攻 SA, “2 FF)
WORDLESS_MAX = 8          # Chinese characters of a line that makes no word


def ocr_punctuation(text: str) -> bool:
    """Whether a page's punctuation is an OCR engine's: between Chinese
    characters it has ASCII , : ; ? ! where print has full-width marks.

    >>> ocr_punctuation("习近平同志强调,全面从严治党,核心是加强党的领导,基础在全面" * 8)
    True
    >>> ocr_punctuation("习近平同志强调，全面从严治党，核心是加强党的领导，基础在全面" * 8)
    False
    """
    ascii_marks = len(ASCII_MARK.findall(text))
    full_marks = len(FULL_MARK.findall(text))
    return ascii_marks >= OCR_MARKS_MIN and ascii_marks >= OCR_MARKS_SHARE * (ascii_marks + full_marks)


OCR_NAME = re.compile(r"\.ocr\.[^.]+$", re.IGNORECASE)


def ocr_text(name: str, text: str) -> bool:
    """Whether a page is an OCR engine's reading: its file is named so
    (``NAME.ocr.txt``, the person who brought it says what it is), or its
    punctuation says so (:func:`ocr_punctuation`). An engine that reads
    print's full-width marks as such (tesseract on some faces) leaves only
    the name to tell.

    >>> ocr_text("city-business.ocr.txt", "滨海高新区新材料产业集群加速成形"), ocr_text("page.txt", "滨海")
    (True, False)
    """
    return bool(OCR_NAME.search(name)) or ocr_punctuation(text)


def makes_no_word(text: str) -> bool:
    """Whether a few Chinese characters make no word of jieba's dictionary
    (its shipped statistics; no model fitted here): a piece of a picture.

    >>> makes_no_word("站新要化与"), makes_no_word("划时代的思想火炬"), makes_no_word("结语")
    (True, False, False)
    """
    words = cut(re.sub(r"\s+", "", text))
    return not any(len(w) >= 2 and HAN_RE.search(w) for w in words)


FEW_WORDS_HAN = 6         # Chinese characters: a shorter line may be a name or a word jieba lacks
FEW_WORDS_SHARE = 0.25    # of its characters in jieba's words: misread prose keeps most of its words


def few_words(text: str) -> bool:
    """Whether a line of Chinese characters holds almost no word of jieba's
    dictionary (its shipped statistics): a picture's pieces read as text,
    where a misread line of prose keeps most of its words.

    >>> few_words("深海总幅间并将斌于"), few_words("不忘初心走在时代前列"), few_words("并族复兴新境界")
    (True, False, False)
    """
    squeezed = re.sub(r"\s+", "", text)
    words = cut(squeezed)
    worded = sum(len(w) for w in words if len(w) >= 2 and HAN_RE.search(w))
    return worded < FEW_WORDS_SHARE * len(squeezed)


def fragment_reason(text: str, alone: bool, pats: Patterns | None = None, marks: bool = True,
                    words: bool = True) -> str | None:
    """Why an OCR line (after the line rules) is a fragment of a picture and
    no text, or None. ``alone``: a blank line is above and below it;
    ``marks``: judge its marks (a line's, not a block's: a stray mark in one
    line of a block says nothing of the others); ``words``: judge whether
    its characters make a word (not for the first piece of a line: 少边穷 of 老少边穷).

    >>> fragment_reason("人ga区", alone=True)
    'OCR 碎片 (Latin letters inside Chinese: a logo read as text)'
    >>> fragment_reason("寺站大口寺[CD", alone=True), fragment_reason("攻 SA", alone=True)
    ('OCR 碎片 (marks no Chinese text prints)', 'OCR 碎片 (a few letters: a picture read as text)')
    >>> fragment_reason("站新要化与", alone=True)
    'OCR 碎片 (characters that make no word)'
    >>> fragment_reason("念宗旨，，牢", alone=True)[:6], fragment_reason("念宗旨，，牢", alone=False)
    ('OCR 碎片', None)
    >>> [fragment_reason(t, alone=True) for t in ("舒国增", "叶 帆", "刘", "2013一2016年", "困难中冲锋。特别是勇于推进改革 ]")]
    [None, None, None, None, None]
    >>> fragment_reason("攻 SA", alone=False) is None
    True
    """
    pats = pats or load_patterns()
    squeezed = re.sub(r"\s+", "", text)
    han = len(HAN_RE.findall(squeezed))
    if not squeezed or len(squeezed) > FRAGMENT_MAX:
        return None
    if alone and marks and DOUBLED_MARK.search(squeezed):
        return "OCR 碎片 (a mark read twice over: no text prints 。。 or ，，)"
    if CLAUSE_MARK.search(squeezed):
        return None
    if marks and GLUED_LATIN.search(squeezed):
        return "OCR 碎片 (Latin letters inside Chinese: a logo read as text)"
    if marks and JUNK_MARK.search(squeezed.rstrip("|｜")):
        return "OCR 碎片 (marks no Chinese text prints)"
    if not alone:
        return None
    if len(squeezed) <= LATIN_MAX and han <= 2 and re.search("[A-Za-z]", squeezed) \
            and not re.search("[A-Za-z]{3}", text):      # GDP, APP: a word, not stray letters
        return "OCR 碎片 (a few letters: a picture read as text)"
    if re.search(r"\d", squeezed):
        return None                                       # 2013一2016年: figures of a chart are text
    name_like = squeezed[0] in pats.surnames or squeezed.startswith(pats.compound_surnames)
    if words and 2 <= han <= WORDLESS_MAX and han == len(squeezed) and not name_like and makes_no_word(squeezed):
        return "OCR 碎片 (characters that make no word)"
    if words and han >= FEW_WORDS_HAN and han == len(squeezed) and not name_like and few_words(squeezed):
        return "OCR 碎片 (characters that make almost no word)"
    return None


WIDE_GAP = re.compile(r"(?<=\S) {4,}(?=\S)")      # OCR's wide gap: what follows stands beside, not after
CHART_SHARE = 1 / 3       # of a block's lines with wide gaps: a chart or table read across its columns
BLOCK_FRAGMENT_LINES = 3  # lines: a fragment of a picture may come out as a few short lines (加 ⏎ 部 骂)
BESIDE_REASON = "OCR 碎片 (a mark or a character read beside the column)"
RULE_PIECE = re.compile(r"[一—\-_－‐|｜丨 ]+")      # a drawn rule or a box's edge read as dashes (一一, —)
RULE_REASON = "OCR 碎片 (a rule beside the column read as dashes)"
CHART_REASON = "OCR 图表 (a chart or table: its columns read across as one line)"


def trim_beside(line: Line, pats: Patterns | None = None) -> tuple[Line, list[tuple[Line, str]]]:
    """A line read across a wide gap into a picture beside its column loses
    the fragments at its ends (…提高到一个新的水平，           ZW).

    >>> kept, gone = trim_beside(Line(7, "向,有利于把产权合理配置提高到一个新的水平，           ZW", "x"))
    >>> kept.raw, kept.text, [(g.raw, r[:6]) for g, r in gone]
    ('向,有利于把产权合理配置提高到一个新的水平，', '向，有利于把产权合理配置提高到一个新的水平，', [('ZW', 'OCR 碎片')])
    >>> trim_beside(Line(9, "与会者认为 ,红船精神集中体现         一一            谤", "x"))[0].raw
    '与会者认为 ,红船精神集中体现'
    >>> trim_beside(Line(7, "进入新时代         ,本", "x"))[0].raw, trim_beside(Line(8, "少边穷    经济社会发展", "x"))[1]
    ('进入新时代', [])

    """
    pieces = WIDE_GAP.split(line.raw.strip())
    gone: list[tuple[Line, str]] = []
    while len(pieces) > 1:
        for end in (-1, 0):
            piece = fix_line(pieces[end])[0]
            # the first piece goes on from the line above (老 ⏎ 少边穷): whether it makes a word says nothing
            reason = (RULE_REASON if end == -1 and RULE_PIECE.fullmatch(piece) else None) or \
                fragment_reason(piece, alone=True, pats=pats, words=end == -1) or (
                BESIDE_REASON if len(HAN_RE.findall(piece)) <= 1 and not re.search(r"[A-Za-z\d]", piece) else None)
            if reason:
                gone.append((Line(line.no, pieces[end], fix_line(pieces[end])[0], sheet=line.sheet), reason))
                del pieces[end]
                break
        else:
            break
    if not gone:
        return line, []
    raw = " ".join(pieces)
    return dataclasses.replace(line, raw=raw, text=fix_line(raw)[0]), gone


CHART_RUN_BLOCKS = 3      # blocks: a chart's pieces come as several short blocks in a row
CHART_RUN_WIDE = 2        # of them read across columns (wide gaps): one such row could be a lost word
SHORT_BLOCK = 40          # characters: a chart's label or figure; prose comes in longer blocks
CHART_RUN_REASON = "OCR 图表 (a chart's pieces: short blocks in a row, some read across its columns)"


def chart_runs(judged: list[tuple[list[Line], str | None, bool]], pats: Patterns) -> None:
    """A run of short blocks between prose, of which several were read
    across columns (wide gaps) or are a chart already, is a chart's pieces
    (its labels and figures): every block of the run is marked so, in place.
    Page furniture (制图：…), a note (（作者为…）) and a name end a run.

    >>> block = lambda no, text: [Line(no, text, text, gap=1)]
    >>> judged = [(block(1, "党的十九大报告提出，这是以习近平同志为核心的党中央从长远发展和时代前沿出发作出的重大战略部署。"), None, False),
    ...           (block(3, "完善        美元"), None, True), (block(5, "建立"), None, False),
    ...           (block(7, "2020年全面建成小康社会              2035年基本实现现代化"), None, True), (block(9, "本世纪中叶"), None, False)]
    >>> chart_runs(judged, load_patterns()); [reason is not None for _, reason, _ in judged]
    [False, True, True, True, True]
    """
    def short(item) -> bool:
        text = "".join(line.text for line in item[0])
        return len(item[0]) <= BLOCK_FRAGMENT_LINES and len(text) <= SHORT_BLOCK

    def ends_run(item) -> bool:         # furniture (制图：…), a note (（作者为…）), a name: no chart's piece
        text = " ".join(line.text for line in item[0])
        squeezed = re.sub(r"\s+", "", text)
        name = re.fullmatch(f"[{HAN}]{{2,4}}", squeezed) and (
            squeezed[0] in pats.surnames or squeezed.startswith(pats.compound_surnames))
        return bool(name or pats.affiliation.match(squeezed) or any(p.search(text) for p, _ in pats.furniture))

    i = 0
    while i < len(judged):
        j = i
        while j < len(judged) and (short(judged[j]) or judged[j][1] == CHART_REASON) and not ends_run(judged[j]):
            j += 1
        run = judged[i:j]
        chartish = sum(1 for _, reason, wide in run if wide or reason == CHART_REASON)
        if len(run) >= CHART_RUN_BLOCKS and chartish >= CHART_RUN_WIDE:
            for k in range(i, j):
                lines, reason, wide = judged[k]
                judged[k] = (lines, reason or CHART_RUN_REASON, wide)
        i = max(j, i + 1)


LONE_REASON = "OCR 碎片 (a lone character that opens or closes no name)"


def lone_characters(judged: list[tuple[list[Line], str | None, bool]], pats: Patterns) -> None:
    """A lone character between blank lines is kept only as a letter of a
    vertical byline cut into lone characters (刘 … 伟): a surname opens a
    name, a later lone character closes it (classification pairs them the
    same way). A lone character that is no surname and finds no open
    surname above it on the page, or a lone mark, is a piece of a picture:
    it is marked so, in place.

    >>> block = lambda no, text: [Line(no, text, text, gap=1)]
    >>> judged = [(block(1, "攻"), None, False), (block(3, "刘"), None, False), (block(5, "伟"), None, False),
    ...           (block(7, "多"), None, False), (block(9, "|"), None, False)]
    >>> lone_characters(judged, load_patterns()); [reason is not None for _, reason, _ in judged]
    [True, False, False, True, True]
    """
    opened = 0
    for k, (lines, reason, wide) in enumerate(judged):
        squeezed = re.sub(r"\s+", "", "".join(line.text for line in lines))
        if reason or len(lines) != 1 or len(squeezed) != 1 or squeezed.isdigit():
            continue
        if squeezed in pats.surnames:
            opened += 1
        elif HAN_RE.match(squeezed) and opened:
            opened -= 1
        else:
            judged[k] = (lines, LONE_REASON, wide)


MISREAD_DASH = re.compile(f"^(一一|--|－－)(?=[“《]?[{HAN}])")    # ——: the engine reads the long dash as 一一


def read_dashes(lines: list[Line]) -> list[tuple[Line, str]]:
    """A line that opens a block with 一一 (or --) before Chinese text opens
    with the dash of a subtitle, misread, when it is a display line: alone
    between blank lines, or first of its block with no sentence end and a
    length that is not the page's column width (:func:`~.model.wrapped_length`: a
    subtitle over a lead's columns is wider, a short one narrower; a byline
    may follow it in the block). In running text 一一 (one by one) goes on
    from the line above, and a hard-wrapped line fills its column. The line's
    text is changed in place (its raw text stays as read); returns the lines
    changed with their text before.

    >>> line = Line(7, "一一深刻认识新思想的时代背景", "一一深刻认识新思想的时代背景", gap=1)
    >>> [(x.no, before[:4]) for x, before in read_dashes([line])], line.text
    ([(7, '一一深刻')], '——深刻认识新思想的时代背景')
    >>> read_dashes([Line(3, "一一对应", "一一对应", gap=1), Line(4, "的关系。", "的关系。")])
    []
    >>> col = [Line(n, "获悉，今年前8个月，", "获悉，今年前8个月，") for n in range(10, 16)]
    >>> sub = [Line(3, "一一前8个月产值突破300亿元", "一一前8个月产值突破300亿元", gap=1),
    ...        Line(4, "记者 “马骏 实习生 ”高远", "记者 “马骏 实习生 ”高远")]
    >>> [x.no for x, _ in read_dashes(sub + col)], sub[0].text[:4]
    ([3], '——前8')
    >>> run_on = [Line(9, "一一对应，形成了稳定的关", "一一对应，形成了稳定的关", gap=1), Line(10, "系。", "系。")]
    >>> read_dashes(run_on + col)
    []
    """
    width = wrapped_length(lines)
    changed = []
    for block in blocks(lines):
        first = block[0]
        if not MISREAD_DASH.match(first.text):
            continue
        if len(block) == 1 or (not ends_sentence(first.text) and width
                               and abs(len(first.text) - width) > width * DISPLAY_WIDTH_OFF):
            changed.append((first, first.text))
            first.text = MISREAD_DASH.sub("——", first.text)
    return changed


MISREAD_BULLET_KEEP = frozenset("pcdr")     # 据 另 又 …: a preposition, conjunction, adverb or pronoun opens a clause


def read_bullets(lines: list[Line], pats: Patterns | None = None) -> list[tuple[Line, str]]:
    """A line that opens with one character glued to a news lead (鲜本报讯,
    侠本报讯 for ●本报讯) opens with a bullet misread: no word ends on a
    character before 本报讯, but a word that opens a clause (据新华社…电,
    according to) does. The line's text is changed in place (its raw text
    stays as read); returns the lines changed with their text before.

    >>> line = Line(83, "鲜本报讯 日前，滨海高", "鲜本报讯 日前，滨海高")
    >>> [before for _, before in read_bullets([line])], line.text
    (['鲜本报讯 日前，滨海高'], '●本报讯 日前，滨海高')
    >>> read_bullets([Line(5, "据新华社北京10月5日电", "据新华社北京10月5日电")])
    []
    """
    pats = pats or load_patterns()
    changed = []
    for line in lines:
        text = line.text
        if len(text) < 2 or not HAN_RE.match(text) or pats.lead.match(text) or not pats.lead.match(text[1:]):
            continue
        if any(tag.flag[:1] in MISREAD_BULLET_KEEP for tag in pos_tagger().cut(text[0])):
            continue
        changed.append((line, text))
        line.text = "●" + text[1:]
    return changed


def split_fragments(lines: list[Line], pats: Patterns | None = None) -> tuple[list[Line], list[tuple[Line, str]]]:
    """The lines that are text, and the fragments with their reasons: pieces
    read beside a column (:func:`trim_beside`), a block that is a chart read
    across its columns, a block of a few lines that is a fragment as a whole
    (alone between blank lines), a line inside a block that is one by its own
    marks. The line after a fragment keeps the blank line before it.

    >>> lines = [Line(1, "全面贯彻党的十", "全面贯彻党的十"), Line(3, "aa", "aa", gap=1), Line(5, "九大精神", "九大精神", gap=1)]
    >>> kept, gone = split_fragments(lines)
    >>> [x.text for x in kept], [(x.text, r[:6]) for x, r in gone]
    (['全面贯彻党的十', '九大精神'], [('aa', 'OCR 碎片')])
    """
    pats = pats or load_patterns()
    gone: list[tuple[Line, str]] = []
    judged: list[tuple[list[Line], str | None, bool]] = []     # (lines, reason, has a wide gap)
    for block in blocks(lines):
        trimmed = []
        for line in block:
            line, beside = trim_beside(line, pats)
            gone.extend(beside)
            trimmed.append(line)
        wide = sum(1 for line in trimmed if WIDE_GAP.search(line.raw.strip()))
        whole = "".join(line.text for line in trimmed)
        if wide >= 2 and wide >= CHART_SHARE * len(trimmed):
            block_reason = CHART_REASON
        elif len(trimmed) <= BLOCK_FRAGMENT_LINES:
            block_reason = fragment_reason(whole, alone=True, pats=pats, marks=len(trimmed) == 1)
        else:
            block_reason = None
        judged.append((trimmed, block_reason, wide > 0))
    chart_runs(judged, pats)
    lone_characters(judged, pats)
    kept: list[Line] = []
    gap_carried = 0
    for trimmed, block_reason, _ in judged:
        for line in trimmed:
            reason = block_reason or fragment_reason(line.text, alone=False, pats=pats)
            if reason:
                gone.append((line, reason))
                gap_carried = max(gap_carried, line.gap)
                continue
            if gap_carried:
                line.gap = max(line.gap, gap_carried)
                gap_carried = 0
            kept.append(line)
    gone.sort(key=lambda item: item[0].no)
    return kept, gone



SPACED_RUN = 3            # lines: fewer one-line blocks in a row are display lines (a title over a kicker)
SPACED_OFF = 0.25         # of the page's wrapped length: a line of a column is about that long


def close_spaced_lines(lines: list[Line]) -> list[Line]:
    """An OCR engine sometimes reads a column line by line, a blank line
    after each (a tinted box, a letter-spaced passage): a run of one-line
    blocks, each about as long as the page's wrapped lines, is wrapped prose,
    and a line that ends no sentence goes on into the next (its gap is closed,
    in place). Returns the lines whose gap was closed.

    The last line of the block above, when it ends no sentence, may open
    the run (…红船精神集中体现 ⏎⏎ 了中国共产党的建党精神，是中国革 ⏎⏎ …).

    >>> line = lambda no, text, gap=1: Line(no, text, text, gap=gap)
    >>> col = [line(n, "中国共产党成立时，中国社会", gap=0) for n in range(1, 4)] + [line(4, "风雨如磐、内忧外患。", gap=0)]
    >>> spaced = lambda: [line(10, "封建专制政治向人民民主的伟大飞"), line(12, "跃；建立符合中国实际的先进社会"),
    ...                   line(14, "制度，实现中华民族由近代不断衰")]
    >>> run = spaced()
    >>> [x.no for x in close_spaced_lines(col + run)], [x.gap for x in run]
    ([12, 14], [1, 0, 0])
    >>> col[-1] = line(4, "与会者认为，红船精神集中体现", gap=0)
    >>> [x.no for x in close_spaced_lines(col + spaced())]
    [10, 12, 14]
    """
    width = wrapped_length(lines)
    if not width:
        return []
    closed = []
    run: list[Line] = []
    led = False         # the run starts with the last line of the block above it

    def column_line(line: Line) -> bool:
        return abs(len(line.text) - width) <= SPACED_OFF * width and bool(HAN_RE.search(line.text)) \
            and not line.text.startswith(("(", "（"))

    def close() -> None:
        nonlocal led
        if len(run) - led >= SPACED_RUN:
            for before, line in zip(run, run[1:]):
                if not ends_sentence(before.text):
                    line.gap = 0
                    closed.append(line)
        run.clear()
        led = False

    lead: Line | None = None
    for block in blocks(lines):
        line = block[0]
        if len(block) == 1 and column_line(line):
            if not run and lead is not None:
                run.append(lead)        # the last line of the block above may start the run
                led = True
            run.append(line)
        else:
            close()
        lead = block[-1] if column_line(block[-1]) and not ends_sentence(block[-1].text) else None
    close()
    return closed
