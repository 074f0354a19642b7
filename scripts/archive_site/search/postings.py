"""What articles add to the search index (:mod:`.builder` accumulates it and writes the files).

For one article (:func:`doc_postings`, what an incremental patch takes out
and puts back) and for a block of consecutive articles
(:func:`block_postings`, the unit of a full build and of the build cache):
per key (a folded code point, a bigram, or a longer gram extending a split
key) the ``d`` values (count·2 + in-title) and the positions, encoded
(:mod:`.codec`).

A full build's keys are ~30 million bigram occurrences at 10,000 articles.
:func:`block_postings` finds and groups them with numpy array operations over
the block's texts joined into one (sorting occurrences by key, then article
and place), where :func:`block_postings_by_article` visits each occurrence in
Python (measured on the benchmark's articles: 1.9 s against 9–11 s a thousand);
both give the same postings (tests/search/test_search_postings.py checks
it on random texts and on the seeds), so which one made a block never shows.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .. import deflate
from . import codec
from .fold import WHITESPACE, fold
from .records import Record

_RUN = re.compile("[^" + re.escape("".join(sorted(WHITESPACE))) + "]{2,}")
_enc = codec.SMALL_ENCODINGS  # hot path: encodings of small numbers by value
_encode = codec.encode


def pack_text(text: str) -> bytes:
    """An article's text as the build cache keeps it for a later patch
    (``texts_dir``, not in the site): its charset byte and raw deflate
    (:func:`archive_site.deflate.deflated`), without the basE91 the site's
    files need (basE91 in Python was 3 % of a full build's CPU).

    >>> unpack_text(pack_text("盾构机 “引号”")) == "盾构机 “引号”"
    True
    """
    return deflate.deflated(text)


def unpack_text(packed: bytes) -> str:
    """The inverse of :func:`pack_text`."""
    return deflate.inflated(packed)



def index_text(record: Record) -> tuple[str, int]:
    """The folded searchable text of a record and where its title starts in
    it: the other fields first, the title last, so a title edit changes the
    positions of the title's keys only (an incremental patch then rewrites a
    few shards, not every shard holding a key of the article).

    >>> index_text(Record(url="a.html", title="标题", text="正文"))
    ('正文\\n标题', 3)
    """
    text = fold(record.text)
    return text + "\n" + fold(record.title), len(text) + 1


def bigram_positions(text: str) -> dict[str, list[int]]:
    """Positions of every bigram that has no whitespace in it.

    >>> bigram_positions("高新区 高新")
    {'高新': [0, 4], '新区': [1]}
    """
    found: dict[str, list[int]] = {}
    get = found.get
    for run in _RUN.finditer(text):
        start, end = run.span()
        for i, key in zip(range(start, end - 1), map(text.__getitem__, map(slice, range(start, end - 1),
                                                                              range(start + 2, end + 1)))):
            positions = get(key)
            if positions is None:
                found[key] = [i]
            else:
                positions.append(i)
    return found



def _positions_code(positions: list[int]) -> bytes:
    """One article's positions of a key: the first, then the gaps (in the
    position streams' code, :func:`.codec.encode_position`)."""
    enc, limit = codec.POSITION_ENCODINGS, codec.SMALL_LIMIT
    prev, parts = 0, []
    for pos in positions:
        gap = pos - prev
        parts.append(enc[gap] if gap < limit else codec.encode_position(gap))
        prev = pos
    return b"".join(parts)


def doc_postings(record: Record, split: set[str]) -> dict[str, tuple[int, bytes | None]]:
    """Everything one article adds to the index: per key, the value of its
    ``d`` entry (count·2 + in-title) and, for grams, its encoded positions
    (None for single code points). The full build and the incremental patch
    both use this, so a patched index holds what a full build would.

    >>> post = doc_postings(Record(url="a.html", title="高新", text="高新区"), set())
    >>> sorted(post), post["高新"], post["区"]
    (['区', '新', '新区', '高', '高新'], (5, b'!&'), (2, None))
    """
    text, title_start = index_text(record)
    out: dict[str, tuple[int, bytes | None]] = {}

    def add(key: str, positions: list[int]) -> None:
        in_title = positions[-1] >= title_start
        out[key] = (len(positions) * 2 + in_title, _positions_code(positions))
        if key in split:
            length = len(key) + 1
            grams: dict[str, list[int]] = {}
            for p in positions:
                gram = text[p:p + length]
                if len(gram) == length and gram[-1] not in WHITESPACE:
                    grams.setdefault(gram, []).append(p)
            for gram, found in grams.items():
                add(gram, found)

    enc, limit, encode = codec.POSITION_ENCODINGS, codec.SMALL_LIMIT, codec.encode_position
    for key, positions in bigram_positions(text).items():
        if len(positions) == 1 and key not in split:        # most keys of an article: add() inlined
            p = positions[0]
            out[key] = (2 + (p >= title_start), enc[p] if p < limit else encode(p))
        else:
            add(key, positions)
    title_chars = set(text[title_start:])
    for key, count in Counter(text).items():
        if key not in WHITESPACE:
            out[key] = (count * 2 + (key in title_chars), None)
    return out


def doc_entry(record: Record) -> tuple:
    """The ranking and facet values of an article (a row of ``docs.js`` before ids)."""
    return (record.date_key, index_text(record)[1], record.year, record.zones, record.topics)


def meta_entry(record: Record) -> list:
    """The display metadata of an article (a row of an ``m`` chunk before ids)."""
    return [record.url, record.title, record.date, record.newspaper, record.page, record.zones, record.topics]


@dataclass
class BlockPostings:
    """What consecutive articles add to the index (made in a worker process
    in a parallel build): per key (first doc, last doc, its ``d`` stream after
    the first doc's gap, its positions or None), and per article its
    ``docs.js`` row, ``m`` row and packed text."""

    postings: dict[str, tuple[int, int, bytes, bytes | None]]
    docs: list[tuple]
    meta: list[list]
    texts: list[bytes]     # pack_text
    start: int = 0      # the doc id its first article had when made (it can be added at any other)


def block_postings_by_article(start: int, records: list[Record], split: set[str]) -> BlockPostings:
    """The postings of ``records`` as the articles ``start``, ``start + 1``, …,
    article by article from :func:`doc_postings` (the definition
    :func:`block_postings` computes faster, with the same result).

    >>> block = block_postings_by_article(7, [Record(url="a", title="", text="高新"), Record(url="b", title="", text="新区")], set())
    >>> block.postings["新"] == (7, 8, codec.encode(2) + codec.encode(1) + codec.encode(2), None)
    True
    """
    acc: dict[str, list] = {}
    enc, limit = _enc, codec.SMALL_LIMIT
    for doc, record in enumerate(records, start):
        for key, (value, positions) in doc_postings(record, split).items():
            entry = acc.get(key)
            if entry is None:
                acc[key] = [doc, doc, bytearray(enc[value] if value < limit else _encode(value)),
                            None if positions is None else bytearray(positions)]
            else:
                gap = doc - entry[1]
                entry[2] += enc[gap] if gap < limit else _encode(gap)
                entry[2] += enc[value] if value < limit else _encode(value)
                entry[1] = doc
                if positions is not None:
                    entry[3] += positions
    return _block(start, records, {k: (a, b, bytes(d), None if p is None else bytes(p)) for k, (a, b, d, p) in acc.items()})


def _block(start: int, records: list[Record], postings: dict) -> BlockPostings:
    return BlockPostings(postings, [doc_entry(r) for r in records], [meta_entry(r) for r in records],
                         [pack_text(r.text) for r in records], start)


# -- the block at once (numpy) ---------------------------------------------------------
_WHITESPACE_CODES = np.array(sorted(ord(c) for c in WHITESPACE), dtype=np.uint32)
_CODE_POINTS = 0x110000


def _code_table(encodings: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The encodings of 0 … len − 1 as a byte matrix (one row a value) and their lengths."""
    table = np.zeros((len(encodings), max(map(len, encodings))), dtype=np.uint8)
    lengths = np.zeros(len(encodings), dtype=np.int64)
    for value, code in enumerate(encodings):
        table[value, :len(code)] = np.frombuffer(code, dtype=np.uint8)
        lengths[value] = len(code)
    return table, lengths


_D_CODE = _code_table(codec.SMALL_ENCODINGS)
_P_CODE = _code_table(codec.POSITION_ENCODINGS)


def encoded(values: np.ndarray, code: tuple[np.ndarray, np.ndarray]) -> tuple[bytes, np.ndarray]:
    """The concatenated encodings of ``values`` (each below
    :data:`.codec.SMALL_LIMIT`) and where each one starts in them (one more
    offset at the end: the length).

    >>> encoded(np.array([3, 5000, 0]), _D_CODE)
    (b'%qa$!', array([0, 1, 4, 5]))
    """
    table, lengths = code
    length = lengths[values]
    rows = table[values]
    ends = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(length, out=ends[1:])
    return rows[np.arange(table.shape[1]) < length[:, None]].tobytes(), ends


def sorted_by_key(high: np.ndarray, low: np.ndarray) -> np.ndarray:
    """The places 0 … n − 1 sorted by (high, low), in place order where both
    are equal (stable): two radix passes when both fit 16 bits.

    >>> sorted_by_key(np.array([1, 0, 1, 0]), np.array([0, 5, 0, 2])).tolist()
    [3, 1, 0, 2]
    """
    if high.max(initial=0) < 1 << 16 and low.max(initial=0) < 1 << 16:
        order = np.argsort(low.astype(np.uint16), kind="stable")
        return order[np.argsort(high.astype(np.uint16)[order], kind="stable")]
    return np.argsort(high.astype(np.int64) * (int(low.max(initial=0)) + 1) + low, kind="stable")


@dataclass
class _Grouped:
    """Occurrences of keys, each key (high, low) given a compact id in key order."""

    order: np.ndarray       # the occurrences sorted by key, then place
    ids: np.ndarray         # the key id of each occurrence in that order
    first: np.ndarray       # per key id, the place of its first occurrence
    id_of: np.ndarray       # the key id of each occurrence in place order


def grouped(high: np.ndarray, low: np.ndarray) -> _Grouped:
    """Occurrences with key (high, low), grouped.

    >>> g = grouped(np.array([1, 0, 1, 0]), np.array([0, 5, 0, 2]))
    >>> g.ids.tolist(), g.first.tolist(), g.id_of.tolist()
    ([0, 1, 2, 2], [3, 1, 0], [2, 1, 2, 0])
    """
    order = sorted_by_key(high, low)
    high, low = high[order], low[order]
    new = np.ones(len(order), dtype=bool)
    new[1:] = (high[1:] != high[:-1]) | (low[1:] != low[:-1])
    ids = np.cumsum(new) - 1
    id_of = np.empty(len(order), dtype=np.int64)
    id_of[order] = ids
    return _Grouped(order, ids, order[new], id_of)


class _BlockText:
    """A block's indexed texts joined by a newline (whitespace: no key spans two
    articles) as arrays: code point ids, article, place in it, in its title."""

    def __init__(self, records: list[Record]):
        indexed = [index_text(r) for r in records]
        self.text = "\n".join(text for text, _ in indexed)
        code_points = np.frombuffer(self.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        lengths = np.array([len(text) for text, _ in indexed], dtype=np.int64)
        starts = np.zeros(len(indexed), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        self.doc = np.repeat(np.arange(len(indexed)), lengths + 1)[:len(self.text)]
        self.place = np.arange(len(self.text)) - starts[self.doc]
        self.in_title = self.place >= np.array([start for _, start in indexed], dtype=np.int64)[self.doc]
        self.word = ~np.isin(code_points, _WHITESPACE_CODES)
        present = np.zeros(_CODE_POINTS, dtype=bool)
        present[code_points] = True
        self.char = (np.cumsum(present) - 1)[code_points]      # a compact id per code point, in code point order


def _key_postings(block: _BlockText, at: np.ndarray, keys: _Grouped, names: list[str], start: int,
                  positional: bool) -> dict[str, tuple[int, int, bytes, bytes | None]] | None:
    """The postings of the keys occurring at the places ``at`` (ascending) of
    the block, grouped as ``keys`` with the key names ``names``; None when a
    number needs more than the coding tables hold (a very long article: the
    block is then made article by article)."""
    order = keys.order
    key = keys.ids
    doc = block.doc[at][order]
    n = len(order)
    if n == 0:
        return {}
    # runs of one key in one article: its count, in-title (its last place is in the title), its article
    new_run = np.ones(n, dtype=bool)
    new_run[1:] = (key[1:] != key[:-1]) | (doc[1:] != doc[:-1])
    run_start = np.flatnonzero(new_run)
    run_end = np.append(run_start[1:], n)
    values = (run_end - run_start) * 2 + block.in_title[at][order][run_end - 1]
    run_key, run_doc = key[run_start], doc[run_start]
    runs = len(run_start)
    first_run = np.ones(runs, dtype=bool)
    first_run[1:] = run_key[1:] != run_key[:-1]
    # the d stream of a key: its first article's value, then (article gap, value) per article
    numbers = np.empty(2 * runs, dtype=np.int64)
    numbers[0::2] = np.diff(run_doc, prepend=0)
    numbers[1::2] = values
    keep = np.ones(2 * runs, dtype=bool)
    keep[0::2] = ~first_run
    numbers = numbers[keep]
    if numbers.max(initial=0) >= codec.SMALL_LIMIT:
        return None
    d_bytes, d_at = encoded(numbers, _D_CODE)
    key_run = np.flatnonzero(first_run)
    key_last_run = np.append(key_run[1:], runs) - 1
    run_number = 2 * np.arange(runs) - (np.cumsum(first_run) - first_run)    # where a run's numbers start
    d_start = d_at[run_number[key_run]]
    d_end = d_at[np.append(run_number[key_run[1:]], len(numbers))]
    firsts = (run_doc[key_run] + start).tolist()
    lasts = (run_doc[key_last_run] + start).tolist()
    key_names = [names[k] for k in run_key[key_run].tolist()]
    if not positional:
        return {name: (a, b, d_bytes[s:e], None)
                for name, a, b, s, e in zip(key_names, firsts, lasts, d_start.tolist(), d_end.tolist())}
    # the p stream: per article, its first place, then the gaps
    place = block.place[at][order]
    gaps = np.diff(place, prepend=0)
    gaps[run_start] = place[run_start]
    if gaps.max(initial=0) >= codec.SMALL_LIMIT:
        return None
    p_bytes, p_at = encoded(gaps, _P_CODE)
    p_start = p_at[run_start[key_run]]
    p_end = p_at[run_end[key_last_run]]
    return {name: (a, b, d_bytes[s:e], p_bytes[ps:pe])
            for name, a, b, s, e, ps, pe in zip(key_names, firsts, lasts, d_start.tolist(), d_end.tolist(),
                                                p_start.tolist(), p_end.tolist())}


def block_postings(start: int, records: list[Record], split: set[str]) -> BlockPostings:
    """The postings of ``records`` as the articles ``start``, ``start + 1``, …
    (what :func:`block_postings_by_article` gives, computed over the block at
    once): code points, then bigrams, then each longer gram whose prefix is a
    split key, one length after another.

    >>> records = [Record(url="a", title="", text="高新区"), Record(url="b", title="新区", text="")]
    >>> block_postings(7, records, {"新区"}) == block_postings_by_article(7, records, {"新区"})
    True
    """
    if not records:
        return _block(start, records, {})
    block = _BlockText(records)
    text, word = block.text, block.word
    at = np.flatnonzero(word)
    chars = grouped(block.char[at], np.zeros(len(at), dtype=np.int64))
    postings = _key_postings(block, at, chars, [text[p] for p in at[chars.first].tolist()], start, False)
    at = np.flatnonzero(word[:-1] & word[1:])
    high, low = block.char[at], block.char[at + 1]
    length = 2
    while postings is not None and len(at):
        keys = grouped(high, low)
        names = [text[p:p + length] for p in at[keys.first].tolist()]
        found = _key_postings(block, at, keys, names, start, True)
        if found is None:
            postings = None
            break
        postings.update(found)
        extended = np.fromiter((name in split for name in names), dtype=bool, count=len(names))[keys.id_of]
        extended &= at + length < len(text)
        extended[extended] = word[at[extended] + length]
        at, high = at[extended], keys.id_of[extended]
        low = block.char[at + length]
        length += 1
    if postings is None:
        return block_postings_by_article(start, records, split)
    return _block(start, records, postings)
