"""The jieba user lexicon: words segmentation must keep whole.

Zone names with every alias and regular variant, the bare zone words, topic
names, aliases and keywords. The converter adds them once with
:func:`install` (or ``jieba.add_word`` on each of :func:`user_words`), so a
line break inside 淄博高新区 is seen to split a word.

>>> words = user_words()
>>> "松山湖高新区" in words and "东莞松山湖高新区" in words and "双招双引" in words
True
"""
from __future__ import annotations

import functools
import unicodedata

from . import text, topics, zones


@functools.lru_cache(maxsize=1)
def _user_words() -> tuple[str, ...]:
    reg = zones.registry()
    words: dict[str, None] = {}
    candidates = [*reg.surface, *reg.bare_words]
    for topic in topics.load_topics():
        candidates += [topic.name, *topic.aliases, *(k for k, _ in topic.keywords)]
    for w in candidates:
        w = unicodedata.normalize("NFC", w).strip()
        if len(w) >= 2 and not any(c.isspace() for c in w):
            words.setdefault(w)
    return tuple(words)


def user_words() -> list[str]:
    """Every word of the lexicon, once, zones first (cached).

    >>> [w for w in user_words() if w.startswith("淄博")][:3]
    ['淄博高新区', '淄博国家高新区', '淄博国家级高新区']
    """
    return list(_user_words())


_installed: set[int] = set()


def install(tokenizer=None) -> int:
    """Add the lexicon to a jieba tokenizer (default: the shared one of
    ``text.tokenizer``), once. Returns how many words were added by this call.

    >>> n = install()
    >>> "淄博高新区" in text.tokenizer().lcut("今年以来,淄博高新区在双招双引方面")
    True
    """
    if tokenizer is None:
        return text.add_words(user_words())
    if id(tokenizer) in _installed:
        return 0
    words = user_words()
    for w in words:
        tokenizer.add_word(w)
    _installed.add(id(tokenizer))
    return len(words)
