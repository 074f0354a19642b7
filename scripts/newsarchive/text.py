"""Text primitives every layer shares: character classes, sentence ends,
lengths, and jieba (set up here, once, for every module).

This is the bottom layer: it imports nothing of the package. The jieba user
lexicon (zone names, topic words) is data of the describe layer, so the
pipeline adds it with :func:`add_words` (see ``lexicon.install``) before it
converts a page.
"""
from __future__ import annotations

import functools
import logging
import math
import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff"          # the 汉 character class, for use inside [...]
HAN_CHAR = re.compile(f"[{HAN}]")
SENTENCE_END = "。！？…；!?"
CLOSERS = "”’）】」』》)"
OPEN_END = "，、：；（“‘《〈【「『—-+"
CONTINUE_START = "，。、：；！？）”’》〉】」』…"
WINDOW = 6            # characters each side of a break that jieba looks at
JOIN_AT = 3           # continuation points needed to join two blocks
# A numbered point starts a paragraph of its own: 1. / 一、/ （一）/ 第一，
ITEM_MARK = re.compile("^[●◆■□★☆◇▲△►▶◎]")   # a bullet opens an item (■近日，…; ●本报讯 …)
ENUMERATION = re.compile(r"^(\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]"
                         r"|第[一二三四五六七八九十]{1,3}[，、是]|[一二三四五六七八九十]{1,2}是)")


def is_han(ch: str) -> bool:
    """Whether one character is a Chinese character.

    >>> is_han("高"), is_han("A"), is_han("，")
    (True, False, False)
    """
    return bool(HAN_CHAR.fullmatch(ch))


def ends_sentence(text: str) -> bool:
    """True when the text ends a sentence (a quote or bracket may close it).

    >>> ends_sentence("力争在稀土细分领域引领全世界。”")
    True
    >>> ends_sentence("向广大学子公布了自")
    False
    >>> ends_sentence("以平台思维做发展的“乘法”")
    False
    """
    text = text.rstrip()
    while text and text[-1] in CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in SENTENCE_END


def chinese_length(text: str) -> int:
    """Characters that are not spaces.

    >>> chinese_length("淄博 高新区 ")
    5
    """
    return len(re.sub(r"\s", "", text))


@functools.lru_cache(maxsize=1)
def tokenizer():
    """jieba's tokenizer, initialised once, quiet (its dictionary ships with it: no download)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt


@functools.lru_cache(maxsize=1)
def pos_tagger():
    """jieba's part-of-speech tagger on the same tokenizer."""
    import jieba.posseg

    tokenizer()
    return jieba.posseg.dt


@functools.lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float, frozenset[str]]:
    """jieba's shipped IDF table, its median and its stop words (loaded once, no download)."""
    import jieba.analyse

    tokenizer()
    table = jieba.analyse.default_tfidf.idf_loader
    return table.idf_freq, table.median_idf, frozenset(jieba.analyse.default_tfidf.stop_words)


_added: set[str] = set()


def add_words(words) -> int:
    """Add user words to the tokenizer (once each); returns how many were new.

    >>> add_words(["淄博高新区"]) >= 0 and "淄博高新区" in tokenizer().lcut("今年淄博高新区在")
    True
    """
    tok, n = tokenizer(), 0
    for word in words:
        if word not in _added:
            tok.add_word(word)
            _added.add(word)
            n += 1
    if n:
        _short_content_words.cache_clear()     # the new words cut texts otherwise
        _word_across.cache_clear()
    return n


# How jieba 0.42 splits a text before it cuts it (its re_han_default,
# re_skip_default and re_eng; tests/newsarchive/test_text.py checks they still are).
JIEBA_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
JIEBA_SKIP = re.compile("(\r\n|\\s)", re.U)
JIEBA_ENG = re.compile("[a-zA-Z0-9]", re.U)


def cut(text: str) -> list[str]:
    """The words jieba's tokenizer cuts from a text without its HMM, exactly
    as ``tokenizer().lcut(text, HMM=False)`` (same dictionary, same words),
    in about half the time: one backward pass over each block finds the most
    probable route (see :func:`best_ends`) instead of a DAG, then a route.

    >>> cut("推动稀土产业高质量发展，附加值提升 10%。")
    ['推动', '稀土', '产业', '高质量', '发展', '，', '附加值', '提升', ' ', '10', '%', '。']
    """
    tok = tokenizer()
    freq, logtotal = tok.FREQ, math.log(tok.total)
    words: list[str] = []
    for block in JIEBA_BLOCK.split(text):
        if not block:
            continue
        if JIEBA_BLOCK.match(block):
            words += route_words(block, best_ends(block, freq, logtotal))
            continue
        for piece in JIEBA_SKIP.split(block):
            if JIEBA_SKIP.match(piece):
                words.append(piece)
            else:
                words += piece
    return words


def best_ends(block: str, freq: dict[str, int], logtotal: float) -> list[int]:
    """Where the word starting at each character of a block ends (inclusive)
    on jieba's most probable route: from the last character back, the
    dictionary word (``freq`` > 0) that gives the highest log probability
    with the best route after it, the longer word on a tie, a lone character
    when no word starts there. The same sums, in the same order, as jieba's
    ``get_DAG`` and ``calc``, so the same floats and the same route.

    >>> tok = tokenizer()
    >>> best_ends("高新技术特色产业", tok.FREQ, math.log(tok.total))    # 高新技术 特色产业
    [3, 1, 3, 3, 7, 5, 7, 7]
    """
    n = len(block)
    score = [0.0] * (n + 1)
    ends = list(range(n))
    for k in range(n - 1, -1, -1):
        best = None
        i = k + 1
        f = freq.get(block[k])
        while f is not None:        # every prefix of a dictionary word is in freq (0 when not a word)
            if f:
                s = math.log(f) - logtotal + score[i]
                if best is None or s >= best:
                    best, ends[k] = s, i - 1
            if i == n:
                break
            i += 1
            f = freq.get(block[k:i])
        score[k] = best if best is not None else 0.0 - logtotal + score[k + 1]
    return ends


def route_words(block: str, ends: list[int]) -> list[str]:
    """A block's words along its route; runs of lone ASCII letters and digits
    are one word, as jieba joins them.

    >>> route_words("稀土A5", [1, 1, 2, 3])
    ['稀土', 'A5']
    """
    words: list[str] = []
    run, x = "", 0
    while x < len(block):
        word = block[x:ends[x] + 1]
        if len(word) == 1 and JIEBA_ENG.match(word):
            run += word
        else:
            if run:
                words.append(run)
                run = ""
            words.append(word)
        x = ends[x] + 1
    if run:
        words.append(run)
    return words


def words_added() -> int:
    """How many words :func:`add_words` has added: a cache of cuts kept in a
    later layer keys on it, so words added later are never cut the old way
    (this layer cannot clear a cache it does not know).

    >>> n = words_added(); add_words(["龘靐齉"]) and words_added() == n + 1     # characters no page prints
    True
    """
    return len(_added)


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
    return _word_across(left, right)


@functools.lru_cache(maxsize=8192)
def _word_across(left: str, right: str) -> str:
    # the same break is weighed again by every pass that looks at it (chain_fragments,
    # each join pass, classification's context evidence): one cut of its window
    pos = 0
    for word in cut(left + right):
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
    >>> continuation_evidence("把许可的办理时间压缩到15个工作日以内，并安排", "■日前，河阳高新区企业服务中心启用")
    (0, '')
    """
    if not before or not after:
        return 0, ""
    if after[0] in CONTINUE_START:
        return 9, "next block starts with punctuation"
    if ends_sentence(before) or ENUMERATION.match(after) or ITEM_MARK.match(after):
        return 0, ""           # a numbered point (1. / （一）/ 第一，/ 一是) or a bulleted item (■…) is a paragraph of its own
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


def content_words(text: str) -> list[str]:
    """The words jieba cuts from a text that carry its subject: two characters
    or more, Chinese, not a stop word.

    >>> content_words("政党是构建人类命运共同体的重要力量")
    ['政党', '构建', '人类', '命运', '共同体', '重要', '力量']
    """
    if len(text) <= SHORT_TEXT:
        return list(_short_content_words(text))
    return _content_words(text)


SHORT_TEXT = 200      # characters: titles, headings, captions are scored against many texts; their words are kept


def _content_words(text: str) -> list[str]:
    stop = idf_table()[2]
    return [w for w in cut(text)
            if len(w) >= 2 and HAN_CHAR.match(w) and w not in stop]


@functools.lru_cache(maxsize=4096)
def _short_content_words(text: str) -> tuple[str, ...]:
    """:func:`content_words` of a short text, kept (cleared when words are added)."""
    return tuple(_content_words(text))


def title_fit(title: str, text: str) -> float:
    """How much of a title's subject a text is about: the share of the title's
    words, weighted by jieba's shipped IDF (rare words count most), that the
    text uses. A headline names what its article is about; an article's title
    fits it better than another article's on the same page.

    >>> title_fit("政党是构建人类命运共同体的重要力量", "世界各国政党大大小小……推动构建人类命运共同体，政党的力量不可替代。") > 0.8
    True
    >>> title_fit("全面从严治党永远在路上", "世界各国政党大大小小……推动构建人类命运共同体。") < 0.3
    True
    """
    idf, median, _ = idf_table()
    words = set(content_words(title))
    total = sum(idf.get(w, median) for w in words)
    if not total:
        return 0.0
    return sum(idf.get(w, median) for w in words if w in text) / total
