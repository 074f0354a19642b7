"""Repairing sentences broken by column ends, captions and displaced blocks.

A break is joined when the evidence says the sentence goes on: the text
before it does not end a sentence, ends on a comma or an open quote, the text
after starts with punctuation, or jieba cuts a word across the break
(``特|色`` → 特色). A short line that ends in no punctuation is a heading
unless such evidence says it is the head of a broken sentence.
"""
from __future__ import annotations

import functools
import logging
import re

from .classify import GAP_CAPTION, chinese_length, ends_sentence
from .layout import join_wrapped
from .model import Kind, LogEntry, Unit

WINDOW = 6            # characters each side of a break that jieba looks at
LOOKAHEAD = 4         # body blocks searched for the rest of a broken sentence
JOIN_AT = 3           # evidence points needed to join
OPEN_END = "，、：；（“‘《〈【「『—-+"
CONTINUE_START = "，。、：；！？）”’》〉】」』…"
# A numbered point starts a paragraph of its own: 1. / 一、/ （一）/ 第一，
ENUMERATION = re.compile(r"^(\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[，、是]|[一二三四五六七八九十]{1,2}是)")


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    try:
        from .lexicon import user_words
    except ImportError:
        return jieba
    for word in user_words():
        jieba.add_word(word)
    return jieba


def word_across(before: str, after: str) -> str:
    """The word jieba finds across a break, or '' when the break is between words.

    >>> word_across("位于包头稀土高新区高新技术特", "色产业基地的拓又达")
    '特色产业'
    >>> word_across("于今年2月入驻启", "迪之星（聊城）孵化基地")
    '启迪'
    >>> word_across("“有解”思维破一切难题", "凡事都有解")
    ''
    """
    left, right = before[-WINDOW:], after[:WINDOW]
    if not left or not right:
        return ""
    pos = 0
    for word in _jieba().cut(left + right, HMM=False):
        end = pos + len(word)
        if pos < len(left) < end:
            return word
        pos = end
        if pos >= len(left):
            break
    return ""


def looks_like_heading(text: str) -> bool:
    """A two-part heading (紧盯前沿 高端布局拥抱新经济) or a quoted phrase.

    >>> looks_like_heading("紧盯前沿 高端布局拥抱新经济")
    True
    >>> looks_like_heading("“四外联动”，做大做强开放")
    False
    """
    if re.search("[，,；。]", text):
        return False
    return bool(re.search(r"[\u4e00-\u9fff”] +[\u4e00-\u9fff“]", text)) or (
        text.startswith("“") and text.endswith("”"))


def continuation_evidence(before: str, after: str) -> tuple[int, str]:
    """Points for 'the sentence goes on across this break', and why.

    >>> continuation_evidence("向广大学子发出邀请，公布了自", "己的电话号码")[0] >= JOIN_AT
    True
    >>> continuation_evidence("紧盯前沿 高端布局拥抱新经济", "招商引资，形式多样")[0] >= JOIN_AT
    False
    """
    if not before or not after:
        return 0, ""
    if after[0] in CONTINUE_START:
        return 9, "next block starts with punctuation"
    if ends_sentence(before) or ENUMERATION.match(after):
        return 0, ""           # a numbered point (1. / （一）/ 第一，/ 一是) is a paragraph of its own
    points, why = 1, ["no sentence end"]
    if before[-1] in OPEN_END or before.count("“") > before.count("”") or before.count("（") > before.count("）"):
        points += 3
        why.append("open clause")
    word = word_across(before, after)
    if word:
        points += 2
        why.append(f"word {word} crosses the break")
    clauses = re.search("[，,；;]", before[:-1]) is not None
    if chinese_length(before) > 40 or (chinese_length(before) >= 25 and clauses):
        points += 2               # too long, or too much a sentence, for a heading
        why.append("long paragraph")
    elif clauses or "、" in before:
        points += 1
        why.append("clause punctuation")
    if looks_like_heading(before):
        points -= 2
    return points, "; ".join(why)


def _strong(why: str) -> bool:
    """Evidence that alone shows a sentence goes on: a word or a clause across the break."""
    return "crosses" in why or "punctuation" in why or "open clause" in why


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
        if kind is Kind.CAPTION:
            continue
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
    before = units[i].text
    scored = [(j, *continuation_evidence(before, units[j].text)) for j in found]
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


def join_broken_paragraphs(units: list[Unit], log: list[LogEntry]) -> tuple[list[Unit], int]:
    """Join paragraphs broken mid-sentence; move displaced blocks after the
    joined paragraph. Returns the new unit list and how many breaks were repaired.

    Runs until nothing more joins: a short line that looked like a heading
    (52.3%，…比重超过) turns out to be text once its own end (70%。) is joined
    to it, and may then join the paragraph above it."""
    # removed units go, but a source line stays: it closes an article
    units = [u for u in units if not u.kind.removed or u.kind is Kind.SOURCE_LINE]
    repaired = 0
    while True:
        units, more = _join_pass(units, log)
        repaired += more
        if not more:
            return units, repaired


def _join_pass(units: list[Unit], log: list[LogEntry]) -> tuple[list[Unit], int]:
    repaired = 0
    i = 0
    while i < len(units):
        unit = units[i]
        if unit.kind not in (Kind.BODY, Kind.HEADLINE) or unit.signature or ends_sentence(unit.text):
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
        unit.text = join_wrapped(unit.text, nxt.text)
        unit.lines = unit.lines + nxt.lines
        unit.kind = Kind.BODY
        unit.signature, unit.authors = nxt.signature, unit.authors + nxt.authors
        between = units[i + 1:j]
        captions = [u for u in between if u.kind is Kind.CAPTION]
        units[i + 1:j + 1] = captions + displaced
        repaired += 1
        # stay on i: the joined paragraph may still be broken at its new end
    return units, repaired
