"""Repairing sentences broken by column ends, captions and displaced blocks.

A break is joined when the evidence says the sentence goes on: the text
before it does not end a sentence, ends on a comma or an open quote, the text
after starts with punctuation, or jieba cuts a word across the break
(``特|色`` → 特色). A short line that ends in no punctuation is a heading
unless such evidence says it is the head of a broken sentence.
"""
from __future__ import annotations


import re
import statistics

from .classify import BANNER_REASON, GAP_CAPTION, HEADLINE_MAX, bare_byline, closes_bracket, split_lead
from .layout import ends_open, join_wrapped, line_width
from .model import Kind, LogEntry, Unit
from .text import CONTINUE_START, ENUMERATION, JOIN_AT, SENTENCE_END, WINDOW, chinese_length, continuation_evidence, \
    ends_sentence, pos_tagger, word_across

LOOKAHEAD = 4         # body blocks searched for the rest of a broken sentence


def _strong(why: str) -> bool:
    """Evidence that alone shows a sentence goes on: a word or a clause across
    the break, a bracket closed, a sentence just begun."""
    return "crosses" in why or "punctuation" in why or "open clause" in why or "closes the bracket" in why \
        or "just begun" in why


# Words that cannot end a sentence or a heading: particles, prepositions,
# conjunctions, auxiliaries (中国特色社会主义新时代，是 | 全体中华儿女…).
FUNCTION_WORD_END = frozenset("的是和与及在对把被从向为以将并而或之其这那各每由于让使给同跟比所也就都又还再才要会能应该得地着")


HEADING_FOLLOWER = 15   # characters: a paragraph, not the short tail of a broken sentence (70%。)


def _last_word(text: str) -> tuple[str, str]:
    """The last word jieba cuts from the end of a text and its part of speech
    (成就 is a noun; 是 and 超过 are verbs).

    >>> _last_word("中国特色社会主义新时代，是"), _last_word("取得重大历史性成就"), _last_word("比重超过")
    (('是', 'v'), ('成就', 'n'), ('超过', 'v'))
    """
    words = list(pos_tagger().cut(text.rstrip()[-WINDOW:], HMM=False))
    return (words[-1].word, words[-1].flag) if words else ("", "")


def join_evidence(before: Unit, after: Unit) -> tuple[int, str]:
    """Continuation points for joining two units, and why: the text evidence
    (text.continuation_evidence) weighed with what the units are.

    A line that ends on a function word goes on (+3, an open clause); a line
    already judged a heading needs strong evidence, a word or a clause across
    the break, or it stays a heading (-2: a long heading with a comma is still
    a heading).

    >>> join_evidence(Unit([], "中国特色社会主义新时代，是", kind=Kind.HEADLINE), Unit([], "全体中华儿女勠力同心、奋力实现中华民族伟大复兴中国梦的时代。"))[0] >= 3
    True
    >>> join_evidence(Unit([], "探索新治理：充分发挥党的领导优势，提高国家治理现代化水平", kind=Kind.HEADLINE),
    ...               Unit([], "第二次世界大战以来，一些国家虽然一度实现了快速发展，却没能迈进现代化门槛。"))[0] < 3
    True
    """
    points, why = continuation_evidence(before.text, after.text)
    if points == 0:
        return points, why
    end = before.text.rstrip()[-1:]
    short_after = chinese_length(after.text) < HEADING_FOLLOWER
    last, tag = _last_word(before.text) if (end in FUNCTION_WORD_END or short_after) else ("", "")
    if last in FUNCTION_WORD_END and "open clause" not in why:
        points += 3
        why += f"; open clause (ends on the function word {last})"
    elif tag == "v" and len(last) > 1 and short_after:
        points += 1             # a verb waits for its object (比重超过 | 70%。); a heading above a paragraph may end on one
        why += f"; ends on the verb {last}"
    if before.kind is Kind.HEADLINE and not _strong(why) and chinese_length(after.text) >= HEADING_FOLLOWER:
        points -= 2
        why += "; a heading line above a paragraph"
    return points, why


def _candidates(units: list[Unit], i: int) -> list[int]:
    """Body blocks after unit i that may hold the rest of its sentence."""
    found = []
    for j in range(i + 1, len(units)):
        kind = units[j].kind
        if kind is Kind.CAPTION and not found and units[j].reason.startswith(GAP_CAPTION) \
                and _strong(continuation_evidence(units[i].text, units[j].text)[1]):
            units[j].kind = Kind.BODY      # the rest of the sentence, not a caption, after the gap
            found.append(j)
            continue
        if kind is Kind.CAPTION or bare_byline(units[j]):
            continue             # a caption or a byline of names set in the text: the sentence goes on past it
        if kind is Kind.BODY and not units[j].lead:
            found.append(j)
            if len(found) >= LOOKAHEAD:
                break
            continue
        if kind is Kind.HEADLINE and not found:
            found.append(j)      # a short tail may look like a heading
        break
    return found


def _choose(units: list[Unit], i: int, found: list[int]) -> tuple[int | None, str]:
    """The block that continues unit i: the nearest with strong evidence
    (skipping complete displaced paragraphs), else the nearest if enough."""
    scored = [(j, *join_evidence(units[i], units[j])) for j in found]
    for n, (j, points, why) in enumerate(scored):
        if _strong(why) and points >= JOIN_AT:
            displaced_ok = all(ends_sentence(units[k].text) for k, *_ in scored[:n])
            if n == 0 or displaced_ok:
                return j, why
    if scored:
        j, points, why = scored[0]
        if points >= JOIN_AT and units[j].kind is Kind.BODY:
            return j, why
    return None, ""


FULL_END = 0.85       # a last line this close to its column's width was cut off by the column end
FULL_START = 0.95     # a first line this close to the column's width has no paragraph indent
SAME_COLUMN = 2       # cells: two fragments set to one column width are likely one column


def _widths(unit: Unit) -> list[int]:
    return [line_width(line) for line in unit.lines]


def _column(unit: Unit) -> float | None:
    """The column width a fragment is set to: the typical width of its lines
    (of two lines, the wider)."""
    widths = _widths(unit)
    if len(widths) == 2:
        return max(widths)
    return statistics.median_high(widths) if len(widths) >= 3 else None


def open_end(unit: Unit, page_column: float | None = None) -> bool:
    """A fragment cut off mid-sentence at a column end: no sentence end and a
    last line as wide as its column (or ending on a comma, an open quote). A
    fragment of one line, which shows no column of its own, is measured
    against the page's (``page_column``): the last line of a column, cut off
    after a clause (…新时代，是 | 全体中华儿女…).

    >>> from .model import Line
    >>> last = Unit([Line(73, "中 国 特 色 社 会 主 义 新 时 代 ，是", "中国特色社会主义新时代，是")], "中国特色社会主义新时代，是")
    >>> open_end(last), open_end(last, page_column=30)
    (False, True)
    """
    if unit.kind not in (Kind.BODY, Kind.HEADLINE) or unit.signature or ends_sentence(unit.text):
        return False
    column = _column(unit)
    if column is None and len(unit.lines) == 1 and page_column is not None and re.search("[，；]", unit.text):
        column = page_column
    return (column is not None and _widths(unit)[-1] >= FULL_END * column) or ends_open(unit.text)


def page_column(units: list[Unit]) -> float | None:
    """The column width most of a page's text fragments are set to (the
    median of their columns), or None."""
    columns = [c for c in map(_column, units) if c is not None]
    return statistics.median(columns) if columns else None


def open_start(unit: Unit) -> bool:
    """A fragment that begins mid-paragraph: closing punctuation first, or a
    first line as wide as the column (a paragraph's first line is indented)."""
    if unit.kind not in (Kind.BODY, Kind.HEADLINE) or unit.lead or not unit.text:
        return False
    if unit.text[0] in CONTINUE_START:
        return True
    if unit.kind is Kind.HEADLINE and not ends_sentence(unit.text):
        return False              # a heading (准确把握实施健 ⏎ 康中国战略的核心要 ⏎ 义和基本思路), not a tail
    if ENUMERATION.match(unit.text):
        return False
    if len(unit.lines) == 1 and unit.kind is Kind.BODY and ends_sentence(unit.text):
        return True               # one short line that ends a sentence: the tail of a paragraph
    column = _column(unit)
    if column is None:
        return False
    first = unit.lines[0].text
    # a first line as wide as the column has no indent; a short first line that
    # ends a sentence is the tail of a paragraph begun elsewhere (…其 | 他国家民众的精神家园。)
    return _widths(unit)[0] >= FULL_START * column or (len(unit.lines) > 1 and ends_sentence(first))


BRACKET_CLOSED = 3    # a bracket or quote left open and closed right after: one title or quotation across the break
SENTENCE_BEGUN = 2    # a sentence of a character or two after the last full stop: cut off as it began
SENTENCE_BEGUN_MAX = 2


def sentence_begun(text: str) -> bool:
    """A fragment that ends a sentence and begins the next with one or two
    characters only (…有利条件。新 | 时代中国特色社会主义…): the column
    ended as the sentence began, it goes on elsewhere.

    >>> sentence_begun("为人的全面发展提供了前所未有的有利条件。新"), sentence_begun("提供了有利条件。新时代已经到来")
    (True, False)
    """
    stops = [k for k, c in enumerate(text) if c in SENTENCE_END]
    return bool(stops) and 0 < chinese_length(text[stops[-1] + 1:]) <= SENTENCE_BEGUN_MAX


def chain_score(before: Unit, after: Unit, page_width: float | None = None) -> tuple[int, str]:
    """Points for 'after continues before' between two open fragments: the
    text's continuation evidence, one column width for both (+2; a fragment
    of one line is measured against the page's column, ``page_width``), a bracket
    or quote that before leaves open and after closes (+3: 《关于 | 新形势下…准则》),
    a sentence just begun (+2). A word across the break made of function
    words only (就|是在 → 就是, 是|从 → 是从) tells nothing: any text after 就
    may start so, and its points go.

    >>> from .model import Line
    >>> a = Unit([Line(i, "中 国 特 色 社 会 主 义 进 入 新 时 代", "") for i in range(3)], "要深刻把握中国特色社会主义进入新时")
    >>> b = Unit([Line(i, "代 的 历 史 方 位 ，坚 定 不 移 地 前", "") for i in range(3)], "代的历史方位，坚定不移地前进。")
    >>> chain_score(a, b)[0] >= 5
    True
    >>> end = Unit([], "把党的政治建设摆在首位，严肃党内政治生活，必须严格执行《关于")
    >>> closed = chain_score(end, Unit([], "新形势下党内政治生活的若干准则》，增强党内政治生活的政治性。"))[0]
    >>> closed > chain_score(end, Unit([], "推动人的全面发展是马克思主义的本质要求。"))[0]
    True
    >>> chain_score(Unit([], "新时代大力弘扬红船精神，就"), Unit([], "是在伟大实践丰厚沃土中长成的参天大树。"))[1]
    'no sentence end; clause punctuation; open clause (ends on the function word 就); a word of function words only (就是)'
    """
    points, why = join_evidence(before, after)
    word = word_across(before.text, after.text) if "crosses" in why else ""
    if word and not telling_word(before.text, after.text):
        points -= 2
        why = why.replace(f"; word {word} crosses the break", "").replace(f"word {word} crosses the break; ", "")
        why += f"; a word of function words only ({word})"
    a, b = _column(before), _column(after)
    if a is None and len(before.lines) == 1:
        a = page_width        # one line shows no column: it was cut off at the page's (see open_end)
    if a is not None and b is not None and abs(a - b) <= SAME_COLUMN:
        points += 2
        why += "; same column width"
    if points and closes_bracket(before.text, after.text):
        points += BRACKET_CLOSED
        why += "; closes the bracket left open"
    if sentence_begun(before.text) and not ends_sentence(before.text):
        points += SENTENCE_BEGUN
        why += "; a sentence just begun"
    return points, why


WORD_RANK = 4         # rank bonus of a word across the join: it picks one continuation out of many
READ_NEXT_RANK = 2    # rank bonus of the next block in an OCR engine's reading order: it reads a column's
                      # blocks down, but crosses into the next column at a picture, so it counts as one
                      # column width in common (+2) and less than a word across the join (WORD_RANK)
CHAIN_AT = 5          # continuation points (JOIN_AT) and a word or a column width in common


def telling_word(before: str, after: str) -> str:
    """The word across a join when it tells this continuation from others:
    not one of function words only (就|是在 makes 就是, which any text
    after 就 may start).

    >>> telling_word("农业现代化同步发", "展跃升期"), telling_word("弘扬红船精神，就", "是在伟大实践")
    ('发展', '')
    """
    word = word_across(before, after)
    return "" if all(c in FUNCTION_WORD_END for c in word) else word


NEXT_TEXT = 2         # pdftotext writes a column's lines in order: the text right after a cut-off
                      # fragment goes on from it unless another fragment continues it better


def next_text(units: list[Unit], i: int) -> int | None:
    """The text unit read right after unit i, with only bylines, notes or
    captions between (a heading or a title between starts other text), when
    it may continue a sentence: body text that opens no news lead.

    >>> units = [Unit([], "新时代大力弘扬红船精神，就"), Unit([], "要牢牢把握其深刻内涵。"), Unit([], "新思想", kind=Kind.HEADLINE)]
    >>> next_text(units, 0), next_text(units, 1)
    (1, None)
    """
    for j in range(i + 1, len(units)):
        kind = units[j].kind
        if kind is Kind.BODY:
            return None if units[j].lead else j
        if kind not in (Kind.BYLINE, Kind.NOTE, Kind.CAPTION):
            return None
    return None


AFTER_SIGN_OFF = 2    # pdftotext reads a new region after an article's byline or note: its first
                      # text opens a paragraph (an article's, a section's) unless the text says otherwise


def _goes_on_in(why: str) -> bool:
    """Evidence in the text after a break that it goes on a sentence: a word
    across, closing punctuation first, a bracket closed."""
    return "crosses" in why or "starts with punctuation" in why or "closes the bracket" in why


def signed_before(units: list[Unit], j: int) -> bool:
    """Whether unit j is read right after a byline or a note (captions
    between): the first text of a region, where pdftotext went on after an
    article's end or a title's byline.

    >>> units = [Unit([], "（作者为中国社会科学院研究员）", kind=Kind.NOTE), Unit([], "中国特色社会主义进入新时代，这是我国发展新的历史方位。")]
    >>> signed_before(units, 1), signed_before(units, 0)
    (True, False)
    """
    for k in range(j - 1, -1, -1):
        kind = units[k].kind
        if kind is not Kind.CAPTION:
            return kind in (Kind.BYLINE, Kind.NOTE)
    return False


IN_FLOW = 3           # a paragraph begun inside a block of text, right under a finished paragraph: the
                      # text reader wrote it in its column's flow, so it is no column's continuation read
                      # elsewhere (as strong against as an open clause is for)


def begins_in_flow(units: list[Unit], j: int) -> bool:
    """Whether unit j opens a paragraph inside a block of the page: no blank
    line before it, and the text right above it in the same block ends a
    sentence (…也是这样诞生的。 ⏎ 党的十八大以来的5年，…). A text reader
    writes a column's lines in one flow, so the rest of a sentence cut off at
    another column's foot begins a block of its own.

    >>> from .model import Line
    >>> above = Unit([Line(78, "社会主义思想也是这样诞生的。", "")], "社会主义思想也是这样诞生的。")
    >>> para = Unit([Line(79, "党的十八大以来的 5 年，以习近平同", "")], "党的十八大以来的5年，以习近平同志为核心的党中央")
    >>> top = Unit([Line(224, "系统深入地回顾总结世界社会主义500", "", gap=1)], "系统深入地回顾总结世界社会主义500年", gap=1)
    >>> begins_in_flow([above, para], 1), begins_in_flow([above, top], 1)
    (True, False)
    """
    if j == 0 or units[j].gap or units[j].lines[0].page_break:
        return False
    above = units[j - 1]
    return above.kind is Kind.BODY and ends_sentence(above.text) and above.sheet == units[j].sheet


def _cycles(succ: dict[int, int]) -> bool:
    """Whether following succ from some fragment leads back to it.

    >>> _cycles({1: 2, 2: 1}), _cycles({1: 2, 2: 3})
    (True, False)
    """
    for start in succ:
        k, seen = start, 0
        while k in succ and seen <= len(succ):
            k, seen = succ[k], seen + 1
            if k == start:
                return True
    return False


def uncross(succ: dict[int, int], ranks: dict[tuple[int, int], int]) -> dict[int, int]:
    """Two joins chosen best first that the other way round hold more
    evidence together (…讲话中，⏎ 是在伟大实践… at 8 and …这一新思想 ⏎ 系统深入地…
    at 5, against 8 and 7 crosswise, where 是在伟大实践… is the text right
    after 这一新思想): the pair is swapped. The best single join taken first
    may leave its rival only a poor one; the pairing is judged as a whole.

    >>> uncross({63: 91, 89: 224}, {(63, 91): 8, (89, 224): 5, (63, 224): 8, (89, 91): 7})
    {63: 224, 89: 91}
    >>> uncross({73: 456, 356: 466}, {(73, 456): 7, (356, 466): 7, (73, 466): 7, (356, 456): 7})
    {73: 456, 356: 466}
    """
    succ = dict(succ)
    changed = True
    while changed:
        changed = False
        for a, b in [(a, b) for a in succ for b in succ if a < b]:
            ja, jb = succ[a], succ[b]
            if (a, jb) in ranks and (b, ja) in ranks \
                    and ranks[a, jb] + ranks[b, ja] > ranks[a, ja] + ranks[b, jb] \
                    and not _cycles({**succ, a: jb, b: ja}):
                succ[a], succ[b] = jb, ja
                changed = True
                break
    return succ


def chain_fragments(units: list[Unit], log: list[LogEntry], reading_order: bool = False) -> list[Unit]:
    """Put fragments read out of order back in reading order (pdftotext
    interleaves columns): each fragment cut off mid-sentence is joined to the
    fragment, anywhere on the page, that begins mid-paragraph and continues it
    best — strongest evidence first, then the nearest after it. A page whose
    lines have positions (a PDF) keeps the order its geometry gave. On an
    OCR engine's page (``reading_order``) the next block is what the engine
    read next in the column: that ranks it up, less than a word across the
    join (…生命力，走 ⏎⏎ 封闭僵化的老路… over a 上、… elsewhere).

    >>> from .model import Line
    >>> col = lambda no, *texts: Unit([Line(no + k, t, t) for k, t in enumerate(texts)], "".join(texts))
    >>> units = [col(1, "设时期的历史证明，传统计划经济", "模式会窒息社会主义的生命力，走"),
    ...          col(4, "封闭僵化的老路发展不了中国、发", "展不了社会主义。"),
    ...          col(7, "上、具备厚实基础。")]
    >>> [u.text[:4] for u in chain_fragments(units, [], reading_order=True)]
    ['设时期的', '上、具备']
    """
    if any(line.box is not None for unit in units for line in unit.lines):
        return units
    width = page_column([u for u in units if u.kind is Kind.BODY])
    ends = [i for i, u in enumerate(units) if open_end(u, width)]
    starts = [j for j, u in enumerate(units) if open_start(u)]
    if not ends or not starts:
        return units
    open_starts, open_ends = set(starts), set(ends)
    # text that ends no sentence and shows no column end (…历史方位，也; 在人才引进上，高) may still go
    # on into the text right after it, when a word or a clause says so: it competes for that text
    ends += [i for i, u in enumerate(units) if i not in open_ends and u.kind is Kind.BODY
             and not u.signature and not ends_sentence(u.text)]
    pairs = []
    for i in ends:
        after = next_text(units, i)
        candidates = set(starts) if i in open_ends else set()
        if after is not None:
            candidates.add(after)
        for j in sorted(candidates - {i}):
            points, why = chain_score(units[i], units[j], width)
            if signed_before(units, j) and not _goes_on_in(why):
                points -= AFTER_SIGN_OFF
                why += "; the first text after a byline or a note"
            if j == after:
                if (j not in open_starts or i not in open_ends) and not _strong(why):
                    continue      # an indented paragraph right after: only a word or a clause across joins it
                points += NEXT_TEXT
                why += "; the text right after it"
            elif not _goes_on_in(why) and begins_in_flow(units, j):
                points -= IN_FLOW
                why += "; a paragraph begun in a block of text"
            if points >= CHAIN_AT:
                distance = j - i if j > i else len(units) + i - j
                # a word across the join is evidence about this pair; an open end
                # (a comma) fits any continuation, so the word ranks first
                telling = "crosses" in why and telling_word(units[i].text, units[j].text)
                rank = points + (WORD_RANK if telling else 0)
                if reading_order and j == i + 1:
                    rank += READ_NEXT_RANK
                    why += "; next in the OCR engine's reading order"
                pairs.append((-rank, distance, i, j, why))
    pairs.sort()
    succ: dict[int, int] = {}
    for *_, i, j, why in pairs:
        if i not in succ and j not in succ.values() and not _cycles({**succ, i: j}):
            succ[i] = j
    succ = uncross(succ, {(i, j): -rank for rank, _, i, j, _ in pairs})
    order = {(i, j): (n, why) for n, (*_, i, j, why) in enumerate(pairs)}
    for i, j in sorted(succ.items(), key=lambda p: order[p]):
        log.append(LogEntry("chain_fragments", f"L{units[i].last}|L{units[j].first}",
                            f"{units[i].text[-8:]!r} + {units[j].text[:8]!r} ({order[i, j][1]})"
                            + (f"; moved from L{units[j].first}" if j != i + 1 else "")))
    pred = {j: i for i, j in succ.items()}
    if not succ:
        return units
    if reading_order:
        goes_on = {j for i, j in succ.items() if j != i + 1 and _goes_on_in(order[i, j][1])}
        for k in banners_between(units, goes_on):
            units[k].kind, units[k].reason = Kind.FURNITURE, BANNER_REASON
            log.append(LogEntry("banner_between_fragments", f"L{units[k].first}",
                                f"{units[k].text[:20]!r}: read after a closed text and before a fragment of another "
                                f"(L{units[k + 1].first} goes on from L{units[pred[k + 1]].last}): a banner, no title"))
    out: list[Unit] = []
    for i, unit in enumerate(units):
        if i in pred:
            continue
        out.append(unit)
        k = i
        while k in succ:
            k = succ[k]
            nxt = units[k]
            append_fragment(unit, nxt, Kind.BODY)
    return out


def banners_between(units: list[Unit], goes_on: set[int]) -> list[int]:
    """Display lines an OCR engine read between a closed text (a sentence
    end, a note, a byline) and a fragment that its own words show goes on
    from another text read elsewhere (``goes_on``: a word across the join, a
    bracket closed; an open clause fits any text and says less): no text of their own
    follows them, so they title nothing — a series banner over the page
    (（作者为中国人民大学校长） ⏎ 认真学习宣传贯彻党的十九大精神 ⏎ 主义政治经济学。…, the
    last the end of …中国特色社会 read elsewhere).

    >>> u = lambda text, kind=Kind.BODY: Unit([], text, kind=kind)
    >>> page = [u("（作者为中国人民大学校长）", Kind.NOTE), u("认真学习宣传贯彻党的十九大精神", Kind.HEADLINE),
    ...         u("主义政治经济学。党的十八届三中全会在强调“两个毫不动摇”的基础上，明确提出两个不可侵犯。")]
    >>> banners_between(page, {2}), banners_between(page, set())
    ([1], [])
    """
    found = []
    for k in range(1, len(units) - 1):
        before, head = units[k - 1], units[k]
        if head.kind is not Kind.HEADLINE or k + 1 not in goes_on:
            continue
        if before.kind in (Kind.NOTE, Kind.BYLINE) or (before.kind is Kind.BODY and ends_sentence(before.text)):
            found.append(k)
    return found


def append_fragment(unit: Unit, nxt: Unit, kind: Kind) -> None:
    """Join the fragment `nxt` onto `unit`, in place: text, lines, the
    signature at its end, the authors; a news lead whose authors' bracket the
    break cut off (本报讯 (记者 林 ⏎ 涛) 9月20日…) is read again whole.

    >>> head = Unit([], "本报讯（记者 林", kind=Kind.BODY, lead="本报讯")
    >>> append_fragment(head, Unit([], "涛）9月20日上午，一列中欧班列驶出。", kind=Kind.BODY), Kind.BODY)
    >>> head.lead, head.authors
    ('本报讯（记者 林涛）', ['林涛'])
    """
    unit.text = join_wrapped(unit.text, nxt.text)
    unit.lines = unit.lines + nxt.lines
    unit.kind = kind
    unit.signature, unit.authors = nxt.signature, unit.authors + nxt.authors
    if unit.lead:
        lead, names = split_lead(unit.text)
        if len(lead) > len(unit.lead):
            unit.lead, unit.authors = lead, [n for n in names if n not in unit.authors] + unit.authors


def join_broken_paragraphs(units: list[Unit], log: list[LogEntry], reading_order: bool = False) -> tuple[list[Unit], int]:
    """Join paragraphs broken mid-sentence; move displaced blocks after the
    joined paragraph. Returns the new unit list and how many breaks were repaired.

    Runs until nothing more joins: a short line that looked like a heading
    (52.3%，…比重超过) turns out to be text once its own end (70%。) is joined
    to it, and may then join the paragraph above it."""
    # removed units go, but a source line stays: it closes an article
    units = [u for u in units if not u.kind.removed or u.kind is Kind.SOURCE_LINE]
    before = len(units)
    units = chain_fragments(units, log, reading_order)
    repaired = before - len(units)
    units = [u for u in units if not u.kind.removed or u.kind is Kind.SOURCE_LINE]   # a banner found there
    while True:
        units, more = _join_pass(units, log)
        repaired += more
        if not more:
            return units, repaired


def wrapped_heading(before: Unit, after: Unit) -> bool:
    """Two heading lines joined into one are still a heading when the whole
    is one (从标准要求把握全面从严治 | 党永远在路上: a heading wrapped in a
    narrow box), not the head of a sentence.

    >>> wrapped_heading(Unit([], "从标准要求把握全面从严治党永", kind=Kind.HEADLINE), Unit([], "远在路上", kind=Kind.HEADLINE))
    True
    """
    text = before.text + after.text
    return before.kind is Kind.HEADLINE and after.kind is Kind.HEADLINE and not ends_sentence(text) \
        and not re.search("[。，；]", text) and chinese_length(text) <= HEADLINE_MAX


def layout_ends_paragraph(unit: Unit) -> bool:
    """Whether the page's layout (a PDF's columns and indents) already decided
    that the paragraph ends here: then no text evidence joins it on.

    >>> from .model import Evidence
    >>> layout_ends_paragraph(Unit([], "新时代", evidence=[Evidence("pdf_paragraph_end", "join", -1.0)]))
    True
    """
    return any(e.kind == "join" and e.score < 0 for e in unit.evidence)


def _join_pass(units: list[Unit], log: list[LogEntry]) -> tuple[list[Unit], int]:
    repaired = 0
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.kind not in (Kind.BODY, Kind.HEADLINE) or unit.signature or ends_sentence(unit.text) \
                or layout_ends_paragraph(unit):
            i += 1
            continue
        found = _candidates(units, i)
        j, why = _choose(units, i, found)
        if j is None:
            i += 1
            continue
        nxt = units[j]
        if unit.kind is Kind.HEADLINE and j != found[0]:
            i += 1
            continue
        displaced = [u for u in units[i + 1:j] if u.kind is not Kind.CAPTION]
        log.append(LogEntry("join_broken_paragraphs", f"L{unit.last}|L{nxt.first}",
                            f"{unit.text[-8:]!r} + {nxt.text[:8]!r} ({why})"
                            + (f"; moved {len(displaced)} displaced block(s) after it" if displaced else "")))
        append_fragment(unit, nxt, Kind.HEADLINE if wrapped_heading(unit, nxt) else Kind.BODY)
        between = units[i + 1:j]
        captions = [u for u in between if u.kind is Kind.CAPTION]
        units[i + 1:j + 1] = captions + displaced
        repaired += 1
        # stay on i: the joined paragraph may still be broken at its new end
    return units, repaired
