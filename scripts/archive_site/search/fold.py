"""Query/text folding shared by the index builder and the browser client.

A query matches a text when ``fold(query_term)`` is a substring of
``fold(text)``. Folding works code point by code point (so positions stay
simple and the browser can mirror it exactly)::

    fold(c) = casefold(NFKC(c))

NFKC folds full-width/half-width forms (``ＡＢＣ１２３`` → ``abc123``,
``ｶ`` → ``カ``) and compatibility ideographs; casefold folds case. The browser
computes ``NFKC(c)`` with ``String.prototype.normalize`` and lower-cases each
resulting code point with ``toLowerCase`` except for the few code points where
Python's ``casefold`` differs from ``lower`` (``ß`` → ``ss`` …):
:func:`casefold_exceptions` lists those for the client (in the manifest).

Whitespace separates query terms and is never part of an indexed bigram;
:data:`WHITESPACE` is exactly the set JavaScript's ``\\s`` matches, so both
sides agree on what a term is.
"""
from __future__ import annotations

import sys
import unicodedata

#: The code points of JavaScript's ``\s`` (ECMAScript WhiteSpace + LineTerminator).
WHITESPACE = frozenset(
    "\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)


def fold_char(ch: str) -> str:
    """The folded form of one code point (may be empty or several code points).

    >>> fold_char("Ａ"), fold_char("１"), fold_char("ß"), fold_char("高")
    ('a', '1', 'ss', '高')
    """
    return unicodedata.normalize("NFKC", ch).casefold()


class _FoldTable(dict):
    """A ``str.translate`` table that folds each code point on first sight."""

    def __missing__(self, cp: int) -> str:
        folded = fold_char(chr(cp))
        self[cp] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold a whole text, code point by code point (see the module docstring).

    >>> fold("淄博高新区ＡＢＣ Ｄ")
    '淄博高新区abc d'
    """
    return text.translate(_TABLE)


def query_terms(query: str) -> list[str]:
    """The folded, whitespace-separated terms of a query, duplicates dropped.
    The query is composed (NFC) first, like the indexed text.

    >>> query_terms("  高新区　稀土 ＡＢ  高新区"), query_terms("Cafe\u0301")
    (['高新区', '稀土', 'ab'], ['café'])
    """
    terms: list[str] = []
    current: list[str] = []
    for ch in fold(unicodedata.normalize("NFC", query)) + " ":
        if ch in WHITESPACE:
            if current:
                term = "".join(current)
                if term not in terms:
                    terms.append(term)
                current = []
        else:
            current.append(ch)
    return terms


def casefold_exceptions() -> dict[str, str]:
    """Code points whose ``casefold()`` differs from ``lower()`` (for the client).

    >>> casefold_exceptions()["ß"]
    'ss'
    """
    table = {}
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp < 0xE000:
            continue
        ch = chr(cp)
        if ch.casefold() != ch.lower():
            table[ch] = ch.casefold()
    return table
