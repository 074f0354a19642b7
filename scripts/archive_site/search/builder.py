"""Build the static search index (``site/fulltext/``) from article records.

Files (every one a JavaScript file ``gxqSearchData("<name>", <JSON>);`` so the
browser can load it with a ``<script>`` tag, which works from ``file://``
where ``fetch``/XHR do not):

``manifest.js``
    format version, build id (a hash of every other file: the client adds
    ``?v=<build>`` to data URLs and loads the manifest itself uncached, so a
    browser never mixes files of two builds), counts, shard count, facet values (zones, topics, years) and the casefold
    exceptions for the client's query folding.
``docs.js``
    one encoded stream with, per article: date rank, where the folded title
    starts in its indexed text (:func:`.postings.index_text`: the title comes last),
    year, zone ids and topic ids (ranking and facets for every result).
``d/<shard>.js``
    per key (one folded code point, or a bigram of two): the articles that
    contain it, as (doc-id gap, count·2 + in-title) pairs. The shard's JSON is
    stored deflated and basE91-encoded (:func:`pack_shard`; the client inflates
    it with ``DecompressionStream``): these streams are mostly gaps of 1 and
    small counts, which deflate takes to about half (measured at 2,000
    articles: 11.6 MB → 6.2 MB). The ``p`` streams (positions, nearly random
    digits) gain nothing from it and stay plain.
``p/<shard>.js``
    per bigram: the positions of each occurrence in each article of its
    ``d`` list (first position, then gaps), for exact phrase matching, in a
    code of their own (:func:`.codec.encode_position`, format 7: 1.91
    characters a number where base 46 takes 2.10).
``m/<chunk>.js``
    display metadata (URL, title, date, paper, page, zones, topics) of
    :data:`META_CHUNK` consecutive articles.

No copy of the articles' text (format 6; formats 2–5 had ``t/<id>.js``, 4.5 KB
an article, a third of the index): a result's snippet is cut from its article
page (over HTTP fetched, from ``file://`` loaded as a script:
:func:`archive_site.search.integration.loadable_page`). The packed texts
(:func:`.postings.pack_text`) an incremental patch needs to take an article's old
postings out are written outside the site, to ``texts_dir`` (the build cache).

Frequent grams: a bigram with more than :data:`SPLIT_POSITIONS` occurrences
in the archive is *split*: every trigram extending it is indexed too (with
positions); a split trigram's 4-gram extensions likewise, up to
:data:`MAX_GRAM` code points. The client follows this chain so that a
frequent phrase (淄博高新区) is answered from its own posting list (no
positions needed) or covered by long, rarer keys instead of three huge bigram
position lists. Which keys are split is decided from the first
:data:`SAMPLE_DOCS` articles (extrapolated to the whole archive); that only
affects speed: a split key's extensions are always indexed for every
article, so results stay exact. Each ``d`` shard lists its split keys under
the key ``""``.

Keys are sharded by FNV-1a hash of their code points; the shard count is a
power of two chosen so an average ``d``+``p`` shard pair is about
:data:`TARGET_SHARD_BYTES`. All numbers use :mod:`.codec`.

Memory: postings are appended to one ``bytearray`` pair per key as each
article is read (articles never stay in memory), so the builder holds about
the size of the finished index plus one article.
"""
from __future__ import annotations

import collections
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import shutil
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .. import deflate
from . import codec
from .fold import WHITESPACE, casefold_exceptions
from .postings import BlockPostings, bigram_positions, block_postings, index_text
from .records import Record

FORMAT_VERSION = 7          # 2: texts compressed (pack_text); 3: title last in the indexed text; 4: d shards deflated, texts and d shards basE91; 5: packed texts name their charset (GB18030 or UTF-8); 6: no texts (snippets from the article pages); 7: positions in a code of their own (codec.encode_position)
TEXT_CODING = "page"        # where snippets come from: the article page (format 6)
TEXT_SUFFIX = ".deflate"     # an article's packed text in texts_dir (.txt: basE91, before)
DOC_SHARD_CODING = deflate.CODING     # the d shards' JSON (pack_shard)
# zlib's level for the d shards: at 10,000 articles level 9 took 8 s of a full
# build's serial part for 0.4 % fewer bytes than 6 (400 shards measured: 1.429
# against 1.434 MB, 0.50 against 0.21 s; level 5: 1.455 MB, 0.12 s).
DOC_SHARD_LEVEL = 6
CALLBACK = "gxqSearchData"
META_CHUNK = 16
TARGET_SHARD_BYTES = 12_000
SPLIT_POSITIONS = 40_000
MAX_GRAM = 8
SAMPLE_DOCS = 500
MIN_SHARDS = 8
MAX_SHARDS = 8192
BLOCK = 200             # articles indexed together (one task of a worker process)
PARALLEL_MIN = 1000     # articles from which a full build uses worker processes
MAX_JOBS = 4

_encode = codec.encode


def pack_shard(data: dict) -> str:
    """A ``d`` shard's content as stored: its JSON (sorted keys, compact) packed
    (:func:`archive_site.deflate.pack`: valid in a JS string without escapes).

    >>> unpack_shard(pack_shard({"高新": "#$", "": ["高新"]}))
    {'': ['高新'], '高新': '#$'}
    """
    return deflate.pack(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
                        DOC_SHARD_LEVEL)


def unpack_shard(payload) -> dict:
    """The inverse of :func:`pack_shard` (a plain dict, as format 3 stored it, is returned as it is)."""
    return json.loads(deflate.unpack(payload)) if isinstance(payload, str) else payload


def key_hash(key: str) -> int:
    """FNV-1a (32 bit) over the code points of a key; the client computes the same.

    >>> key_hash("高新"), key_hash("a")
    (475404597, 3826002220)
    """
    h = 0x811C9DC5
    for ch in key:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h


def plan_splits(texts: list[str], scale: float, threshold: int = SPLIT_POSITIONS,
                max_gram: int = MAX_GRAM) -> set[str]:
    """The keys to split: grams (2 to max_gram − 1 code points, each prefix
    split) with more than ``threshold`` occurrences, estimated as the count in
    ``texts`` (a sample of folded article texts) times ``scale``.

    >>> sorted(plan_splits(["高新区高新区高新技术", "高新区"], 1.0, threshold=2))
    ['新区', '高新', '高新区']
    """
    counts: Counter = Counter()
    for text in texts:
        counts.update({key: len(ps) for key, ps in bigram_positions(text).items()})
    frequent = {key for key, n in counts.items() if n * scale > threshold}
    del counts
    occurrences: dict[str, list[tuple[int, int]]] = {}
    for doc, text in enumerate(texts):
        for key, positions in bigram_positions(text).items():
            if key in frequent:
                occurrences.setdefault(key, []).extend((doc, p) for p in positions)
    split: set[str] = set()
    length = 2
    while True:
        occurrences = {k: occ for k, occ in occurrences.items() if len(occ) * scale > threshold}
        split.update(occurrences)
        if not occurrences or length + 1 >= max_gram:
            return split
        longer: dict[str, list[tuple[int, int]]] = {}
        for occ in occurrences.values():
            for doc, p in occ:
                gram = texts[doc][p:p + length + 1]
                if len(gram) == length + 1 and gram[-1] not in WHITESPACE:
                    longer.setdefault(gram, []).append((doc, p))
        occurrences = longer
        length += 1


# The split keys of the build a worker process serves (set by its initializer).
_worker_split: set[str] = set()


def _init_worker(split: set[str]) -> None:
    global _worker_split
    _worker_split = split


def _worker_block(start: int, records: list[Record]) -> BlockPostings:
    return block_postings(start, records, _worker_split)


def default_jobs(articles: int | None) -> int:
    """Worker processes for a full build: one per available core (at most
    :data:`MAX_JOBS`) from :data:`PARALLEL_MIN` articles on, else none (1: in
    this process). ``GXQ_SEARCH_JOBS`` overrides it."""
    override = os.environ.get("GXQ_SEARCH_JOBS", "")
    if override.isdigit() and int(override) > 0:
        return int(override)
    if not articles or articles < PARALLEL_MIN:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:      # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_JOBS))


class _Posting:
    """Encoded postings of one key, appended article by article."""

    __slots__ = ("docs", "positions", "last")

    def __init__(self, positional: bool):
        self.docs = bytearray()
        self.positions = bytearray() if positional else None
        self.last = -1


@dataclass
class BuildStats:
    articles: int = 0
    keys: int = 0
    shards: int = 0
    files: int = 0
    bytes: int = 0
    split: int = 0
    rewritten: int = 0      # files written by an incremental patch
    reused: int = 0         # blocks of articles whose postings came from the build cache


class IndexBuilder:
    """Accumulates records into postings; :meth:`write` emits the index files."""

    def __init__(self, out_dir: Path | str, split: set[str] | None = None, clean: bool = True,
                 texts_dir: Path | str | None = None):
        """``clean``: start from an empty ``out_dir``; otherwise the files
        already there are kept and only files whose bytes change are written
        (an incremental patch, :mod:`.incremental`). ``texts_dir``: where the
        articles' packed texts go (``<doc id>.deflate``, for a later patch; not
        part of the site), None: nowhere."""
        self.out_dir = Path(out_dir)
        self.texts_dir = None if texts_dir is None else Path(texts_dir)
        self.split = split or set()
        self.digest = hashlib.sha256()
        self.clean = clean
        self.build_id = ""
        if clean and self.out_dir.exists():
            shutil.rmtree(self.out_dir)
        if clean and self.texts_dir is not None and self.texts_dir.exists():
            shutil.rmtree(self.texts_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        if self.texts_dir is not None:
            self.texts_dir.mkdir(parents=True, exist_ok=True)
        self.postings: dict[str, _Posting] = {}
        self.docs: list[tuple] = []     # (date_key, title_start, year, zones, topics)
        self.meta: list[list] = []      # (url, title, date, newspaper, page, zones, topics)
        self.stats = BuildStats()

    # -- adding --------------------------------------------------------
    def add(self, record: Record) -> int:
        """Index one record; return its doc id."""
        doc = len(self.docs)
        self.add_block(doc, block_postings(doc, [record], self.split))
        return doc

    def add_block(self, start: int, block: BlockPostings) -> None:
        """Append the postings of the articles ``start``, ``start + 1``, … (the
        next ones: ``start`` is the number of articles added so far). The
        block may have been made for other doc ids (a cached block): its
        streams hold gaps only, so it is shifted, not re-encoded."""
        if start != len(self.docs):
            raise ValueError(f"block of articles from {start} added after {len(self.docs)} articles")
        postings = self.postings
        shift = start - block.start
        for key, (first, last, docs, positions) in block.postings.items():
            posting = postings.get(key)
            if posting is None:
                posting = postings[key] = _Posting(positions is not None)
            posting.docs += _encode(first + shift - posting.last)
            posting.docs += docs
            posting.last = last + shift
            if positions is not None:
                posting.positions += positions
        self.docs += block.docs
        self.meta += block.meta
        for i, packed in enumerate(block.texts):
            self.write_text(start + i, packed)

    def write_text(self, doc: int, packed: bytes) -> None:
        """Keep an article's packed text (:func:`.postings.pack_text`) in ``texts_dir`` (if any)."""
        if self.texts_dir is not None:
            path = self.texts_dir / f"{doc}{TEXT_SUFFIX}"
            if not (not self.clean and path.is_file() and path.read_bytes() == packed):
                path.write_bytes(packed)

    # -- writing -------------------------------------------------------
    def _write_js(self, name: str, data) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        body = f'{CALLBACK}("{name}",{payload});\n'.encode("utf-8")
        path = self.out_dir / f"{name}.js"
        if not self.clean:
            if path.is_file() and path.read_bytes() == body:
                return
            self.stats.rewritten += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        self.digest.update(body)
        self.stats.files += 1
        self.stats.bytes += len(body)

    def shard_count(self) -> int:
        """A power of two giving shards of about TARGET_SHARD_BYTES."""
        total = sum(len(p.docs) + len(p.positions or b"") for p in self.postings.values())
        count = MIN_SHARDS
        while count < MAX_SHARDS and total / count > TARGET_SHARD_BYTES:
            count *= 2
        return count

    def write(self) -> BuildStats:
        """Write shards, doc table, metadata chunks and the manifest."""
        shards = self.shard_count()
        width = len(f"{shards - 1:x}")
        groups: dict[int, list[str]] = {}
        for key in self.postings:
            groups.setdefault(key_hash(key) & (shards - 1), []).append(key)
        for shard, keys in sorted(groups.items()):
            name = f"{shard:0{width}x}"
            keys.sort()
            docs = {k: self.postings[k].docs.decode("ascii") for k in keys}
            split = [k for k in keys if k in self.split]
            if split:
                docs[""] = split
            self._write_js(f"d/{name}", pack_shard(docs))
            positional = {k: self.postings[k].positions.decode("ascii")
                          for k in keys if self.postings[k].positions is not None}
            if positional:
                self._write_js(f"p/{name}", positional)
        self.stats.keys = len(self.postings)
        self.postings = {}
        self._write_tables(shards)
        self.stats.articles = len(self.docs)
        self.stats.shards = shards
        return self.stats

    def _write_tables(self, shards: int) -> None:
        zones = sorted({z for d in self.docs for z in d[3]})
        topics = sorted({t for d in self.docs for t in d[4]})
        years = sorted({d[2] for d in self.docs if d[2] is not None}, reverse=True)
        zone_id = {z: i for i, z in enumerate(zones)}
        topic_id = {t: i for i, t in enumerate(topics)}
        year_id = {y: i + 1 for i, y in enumerate(years)}
        date_rank = {k: i for i, k in enumerate(sorted({d[0] for d in self.docs}))}
        table = bytearray()
        for date_key, title_start, year, doc_zones, doc_topics in self.docs:
            table += _encode(date_rank[date_key]) + _encode(title_start) + _encode(year_id.get(year, 0))
            table += _encode(len(doc_zones)) + b"".join(_encode(zone_id[z]) for z in doc_zones)
            table += _encode(len(doc_topics)) + b"".join(_encode(topic_id[t]) for t in doc_topics)
        self._write_js("docs", table.decode("ascii"))
        for start in range(0, len(self.meta), META_CHUNK):
            chunk = [[url, title, date, paper, page, [zone_id[z] for z in zs], [topic_id[t] for t in ts]]
                     for url, title, date, paper, page, zs, ts in self.meta[start:start + META_CHUNK]]
            self._write_js(f"m/{start // META_CHUNK}", chunk)
        self.build_id = self.digest.hexdigest()[:16]
        self._write_js("manifest", {
            "format": FORMAT_VERSION,
            "build": self.build_id,
            "docs": len(self.docs),
            "shards": shards,
            "metaChunk": META_CHUNK,
            "maxGram": MAX_GRAM,
            "text": TEXT_CODING,
            "docShards": DOC_SHARD_CODING,
            "zones": [[z, n] for z, n in zip(zones, _counts(zones, (d[3] for d in self.docs)))],
            "topics": [[t, n] for t, n in zip(topics, _counts(topics, (d[4] for d in self.docs)))],
            "years": [[y, n] for y, n in zip(years, _counts(years, ([d[2]] for d in self.docs)))],
            "casefold": _CASEFOLD,
        })


def _counts(values: list, lists: Iterable[list]) -> list[int]:
    counter: Counter = Counter()
    for items in lists:
        counter.update(set(items))
    return [counter[v] for v in values]


_CASEFOLD = casefold_exceptions()


def build_index(records: Iterable[Record], out_dir: Path | str, expected: int | None = None,
                split_positions: int = SPLIT_POSITIONS, sample_docs: int = SAMPLE_DOCS,
                jobs: int | None = None) -> BuildStats:
    """Index all records into ``out_dir`` (replaced); return counts and sizes.

    ``expected`` is the number of records (to extrapolate gram frequencies
    from the first ``sample_docs``); it defaults to ``len(records)`` when
    records is a sequence.
    """
    return build_with(records, out_dir, expected, split_positions, sample_docs, jobs).stats


def build_with(records: Iterable[Record], out_dir: Path | str, expected: int | None = None,
               split_positions: int = SPLIT_POSITIONS, sample_docs: int = SAMPLE_DOCS,
               jobs: int | None = None) -> IndexBuilder:
    """:func:`build_index`, returning the builder (its split keys, doc and meta
    tables and build id are what an incremental patch starts from).

    The articles are indexed in blocks of :data:`BLOCK` consecutive ones;
    with ``jobs`` > 1 (default :func:`default_jobs`) the blocks are indexed by
    that many worker processes while this one reads the records and appends
    the finished blocks in order, so the files are the same bytes either way
    (tests/search/test_search_index.py checks it)."""
    if expected is None and hasattr(records, "__len__"):
        expected = len(records)
    records = iter(records)
    sample = list(itertools.islice(records, sample_docs))
    scale = max(1.0, (expected or len(sample)) / max(1, len(sample)))
    split = plan_splits([index_text(r)[0] for r in sample], scale, split_positions)
    builder = IndexBuilder(out_dir, split)
    index_blocks(builder, ((start, block) for start, block in _blocks(itertools.chain(sample, records), BLOCK)),
                 default_jobs(expected) if jobs is None else jobs)
    builder.write()
    builder.stats.split = len(split)
    return builder


def index_blocks(builder: IndexBuilder, blocks: Iterable[tuple[int, list[Record] | BlockPostings]], jobs: int,
                 made=None) -> None:
    """Add consecutive blocks to ``builder`` in order: (first doc id, its
    records, or its postings made before, e.g. cached). With ``jobs`` > 1
    the records' postings are made by that many worker processes (started at
    the first block that needs them) while this process reads on and adds
    the finished blocks in order, so the files are the same bytes either way
    (tests/search/test_search_index.py checks it). ``made(start, postings)``
    is told of every block made here."""
    split = builder.split
    pool = None
    pending: collections.deque = collections.deque()

    def add_done() -> None:
        done_start, result = pending.popleft()
        block = result if isinstance(result, BlockPostings) else result.get()
        if made is not None and not isinstance(result, BlockPostings):
            made(done_start, block)
        builder.add_block(done_start, block)

    try:
        for start, block in blocks:
            if isinstance(block, BlockPostings):
                pending.append((start, block))
            elif jobs <= 1:
                postings = block_postings(start, block, split)
                if made is not None:
                    made(start, postings)
                pending.append((start, postings))
            else:
                if pool is None:
                    pool = _pool(jobs, split)
                pending.append((start, pool.apply_async(_worker_block, (start, block))))
            while len(pending) > 2 * jobs:      # bounded: records are read as workers need them
                add_done()
        while pending:
            add_done()
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _pool(jobs: int, split: set[str]):
    context = multiprocessing.get_context(_start_method())
    # A forked worker shares this process's memory (a whole MkDocs build)
    # until it writes to it; frozen objects are never visited by its
    # garbage collector, so their pages stay shared instead of copied.
    gc.freeze()
    try:
        return context.Pool(jobs, initializer=_init_worker, initargs=(split,))
    finally:
        gc.unfreeze()


def _start_method() -> str:
    """``fork`` when this process runs one thread (``mkdocs build``: quick,
    and a caller needs no ``__main__`` guard), else ``spawn`` (never fork a
    threaded process such as ``mkdocs serve``)."""
    return "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _blocks(records: Iterable[Record], size: int):
    """(first doc id, records) of consecutive blocks of ``size`` records."""
    start = 0
    iterator = iter(records)
    while True:
        block = list(itertools.islice(iterator, size))
        if not block:
            return
        yield start, block
        start += len(block)
