"""Incremental search index: after a hand edit, patch the index files of the
previous build instead of rebuilding them all.

A full build leaves a small state file in the build folder
(:data:`STATE_FILE`: the build id, shard count, split keys, and per article its
page path, content hash, URL, doc id, ranking/facet row and display row). The
next build compares each article page's content hash with it:

- nothing changed: the index stays as it is;
- some articles changed (same articles, same order): for each, the postings of
  its old text (read back from its packed text in :data:`TEXTS_DIR` and its
  title from its ``m`` chunk) and of its new text are compared key by key (:func:`.postings.doc_postings`),
  and only the ``d``/``p`` shards holding a key whose entry for that article
  differs are rewritten, with that one entry replaced; its kept text, the doc
  table, changed ``m`` chunks and the manifest (a new build id) follow;
- anything else (an article added, deleted or excluded, an unreadable state,
  an index that is not the one the state describes, a new format): a full build.

The patched files are what a full build with the same split keys writes
(tests/search/test_search_incremental.py checks it file by file); the split
keys are kept from the full build (they only steer speed, never results).
"""
from __future__ import annotations

import atexit
import collections
import dataclasses
import hashlib
import json
import logging
import pickle
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import cache
from . import codec
from .builder import (BLOCK, CALLBACK, FORMAT_VERSION, SAMPLE_DOCS, SPLIT_POSITIONS, BuildStats, IndexBuilder,
                      TEXT_SUFFIX, default_jobs, index_blocks, key_hash, pack_shard, plan_splits, unpack_shard)
from .postings import BlockPostings, doc_entry, doc_postings, index_text, meta_entry, pack_text, unpack_text
from .records import Record

log = logging.getLogger("mkdocs.hooks.search")

STATE_FILE = "search-state.pickle"
STATE_VERSION = 1
BLOCKS_DIR = "search-blocks"    # beside STATE_FILE: the postings cache of full builds (BlockCache)
TEXTS_DIR = "search-texts"      # beside STATE_FILE: each article's packed text as indexed (for a patch)
# Beyond this many changed articles a full build is about as quick as patching.
MAX_PATCHED = 200


@dataclass
class PageKey:
    """What identifies an article page's contribution to the index."""

    src_uri: str
    digest: str
    url: str
    doc: int | None = None      # its doc id in the index (None: not searchable); set by the build

    @property
    def key(self) -> tuple[str, str, str]:
        return self.src_uri, self.digest, self.url


@dataclass
class IndexState:
    """The index of the previous build, as far as a patch needs it."""

    build: str
    shards: int
    split: set[str]
    pages: list[PageKey]
    docs: list[tuple] = field(default_factory=list)
    meta: list[list] = field(default_factory=list)
    version: tuple = (STATE_VERSION, FORMAT_VERSION)


# The state this process saved last (path → (file stamp, state)): the next
# build in the same process (``mkdocs serve``) does not read it back.
_kept: dict[str, tuple[tuple | None, IndexState]] = {}


def load_state(path: Path) -> IndexState | None:
    """The saved state, or None when there is none that this code can use."""
    kept = _kept.get(str(path))
    if kept is not None and kept[0] == cache.file_stamp(path):
        state = kept[1]
        return dataclasses.replace(state, split=set(state.split), pages=list(state.pages), docs=list(state.docs),
                                   meta=list(state.meta))
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing or unreadable state means a full build
        return None
    if not isinstance(state, IndexState) or state.version != (STATE_VERSION, FORMAT_VERSION):
        return None
    return state


def save_state(path: Path, state: IndexState, defer: bool = False) -> None:
    """Save the state of the index just written (crash-safe). ``defer``
    (after a patch): keep it in this process, for its next build (``mkdocs
    serve``: pickling it is most of a patch's time), and write the file
    when the process ends. A state file older than the index it describes
    is safe: its build id is not the manifest's, so the next build is a
    full one (:func:`update_index`)."""
    if not defer:
        cache.write_atomic(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    _kept.clear()
    _kept[str(path)] = (cache.file_stamp(path), dataclasses.replace(
        state, split=set(state.split), pages=list(state.pages), docs=list(state.docs), meta=list(state.meta)))
    _pending.clear()
    if defer:
        if not _pending_at_exit:
            atexit.register(write_pending)
            _pending_at_exit.append(True)
        _pending[str(path)] = _kept[str(path)][1]


# The state kept in memory only (save_state(defer=True)), written at exit.
_pending: dict[str, IndexState] = {}
_pending_at_exit: list[bool] = []      # write_pending registered with atexit


def write_pending() -> None:
    """Write the states kept in memory only (at exit)."""
    for name, state in list(_pending.items()):
        try:
            cache.write_atomic(Path(name), pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as exc:      # the next build is then a full one
            log.warning("search index: cannot save its state %s (%s)", name, exc)
        _pending.pop(name, None)
    _kept.clear()


def read_js(path: Path):
    """The JSON payload of an index file (``gxqSearchData("name",{...});``), or None."""
    try:
        body = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    head = f'{CALLBACK}("'
    start = body.index('",', len(head)) + 2
    return json.loads(body[start:body.rindex(");")])


def manifest_build(out_dir: Path) -> str | None:
    manifest = read_js(out_dir / "manifest.js")
    return manifest.get("build") if isinstance(manifest, dict) else None


def splice(docs_code: str, positions_code: str | None, doc: int,
           entry: tuple[int, bytes | None] | None) -> tuple[str, str | None]:
    """A key's ``d`` and ``p`` streams with one article's entry replaced by
    ``entry`` (value, encoded positions), inserted, or removed (None). Only
    the ``d`` stream up to that article is decoded; the rest of both streams
    is copied as text (so a patch costs little even for keys in every article).

    >>> from archive_site.search.codec import encode, encode_all
    >>> d = (encode(3) + encode(4) + encode(2) + encode(2)).decode()    # doc 2: 2 positions, doc 4: 1
    >>> p = encode_all([5, 7, 1]).decode()       # small numbers: the same characters in the positions' code
    >>> splice(d, p, 3, (2, encode(9))) == (encode_all([3, 4, 1, 2, 1, 2]).decode(), encode_all([5, 7, 9, 1]).decode())
    True
    >>> splice(d, p, 2, None) == ((encode(5) + encode(2)).decode(), encode(1).decode())
    True
    """
    toks = codec.tokens(docs_code)
    n = len(toks)
    value = codec.token_value
    last, i, before = -1, 0, 0          # before: positions of the entries before doc
    while i < n:
        current = last + value(toks[i])
        if current >= doc:
            break
        before += value(toks[i + 1]) >> 1
        last = current
        i += 2
    exists = i < n and last + value(toks[i]) == doc
    old_count = value(toks[i + 1]) >> 1 if exists else 0
    rest = i + 2 if exists else i       # the first entry after doc
    parts = ["".join(toks[:i])]
    prev = last
    if entry is not None:
        parts.append((codec.encode(doc - last) + codec.encode(entry[0])).decode("ascii"))
        prev = doc
    if rest < n:
        next_doc = (doc if exists else last) + value(toks[rest])
        parts.append(codec.encode(next_doc - prev).decode("ascii"))
        parts.append("".join(toks[rest + 1:]))
    new_docs = "".join(parts)
    if positions_code is None and (entry is None or entry[1] is None):
        return new_docs, None
    positions_code = positions_code or ""
    a = codec.skip_positions(positions_code, before)
    b = codec.skip_positions(positions_code, old_count, a)
    code = entry[1].decode("ascii") if entry is not None and entry[1] is not None else ""
    return new_docs, positions_code[:a] + code + positions_code[b:]


def old_record(out_dir: Path, texts_dir: Path, state: IndexState, doc: int, meta_chunk: int) -> Record | None:
    """An article's record as the previous build indexed it (title and text are
    all :func:`doc_postings` reads): its kept text and its title in its ``m`` chunk."""
    try:
        text = unpack_text((texts_dir / f"{doc}{TEXT_SUFFIX}").read_bytes())
    except (OSError, UnicodeDecodeError, IndexError, zlib.error):
        return None
    chunk = read_js(out_dir / "m" / f"{doc // meta_chunk}.js")
    if not isinstance(chunk, list):
        return None
    return Record(url=state.meta[doc][0], title=state.meta[doc][1], text=text)


def patch(out_dir: Path, state: IndexState, changed: dict[int, Record], meta_chunk: int,
          texts_dir: Path) -> BuildStats | None:
    """Patch the index in ``out_dir`` for the ``changed`` articles (doc id →
    new record); None if the previous files are not there (then build in full)."""
    builder = IndexBuilder(out_dir, state.split, clean=False, texts_dir=texts_dir)
    builder.digest.update(state.build.encode("ascii"))
    builder.docs, builder.meta = list(state.docs), list(state.meta)
    mask, width = state.shards - 1, len(f"{state.shards - 1:x}")
    edits: dict[int, dict[str, dict[int, tuple | None]]] = {}
    for doc, record in sorted(changed.items()):
        before = old_record(out_dir, texts_dir, state, doc, meta_chunk)
        if before is None:
            return None
        old, new = doc_postings(before, state.split), doc_postings(record, state.split)
        for key in old.keys() | new.keys():
            if old.get(key) != new.get(key):
                edits.setdefault(key_hash(key) & mask, {}).setdefault(key, {})[doc] = new.get(key)
        builder.docs[doc], builder.meta[doc] = doc_entry(record), meta_entry(record)
        builder.write_text(doc, pack_text(record.text))
    for shard, keys in sorted(edits.items()):
        name = f"{shard:0{width}x}"
        docs = unpack_shard(read_js(out_dir / "d" / f"{name}.js")) or {}
        positional = read_js(out_dir / "p" / f"{name}.js") or {}
        docs.pop("", None)
        for key, doc_edits in keys.items():
            docs_code, positions_code = docs.pop(key, ""), positional.pop(key, None)
            for doc, entry in sorted(doc_edits.items()):
                docs_code, positions_code = splice(docs_code, positions_code, doc, entry)
            if docs_code:
                docs[key] = docs_code
                if positions_code is not None:
                    positional[key] = positions_code
        split = sorted(k for k in docs if k in state.split)
        if split:
            docs[""] = split
        for folder, data in (("d", docs), ("p", positional)):
            if data:
                builder._write_js(f"{folder}/{name}", pack_shard(data) if folder == "d" else data)
            elif (out_dir / folder / f"{name}.js").exists():      # a full build writes no empty shard
                (out_dir / folder / f"{name}.js").unlink()
    builder._write_tables(state.shards)
    state.build, state.docs, state.meta = builder.build_id, builder.docs, builder.meta
    builder.stats.articles, builder.stats.shards = len(builder.docs), state.shards
    return builder.stats


def update_index(out_dir: Path, state_path: Path, pages: list[PageKey], record_of, meta_chunk: int,
                 expected: int | None = None, jobs: int | None = None) -> tuple[BuildStats, str]:
    """Bring the index in ``out_dir`` up to date with ``pages`` (every article
    page in path order); ``record_of(page)`` gives a page's record or None
    (not searchable). Returns the stats and what was done: ``unchanged``,
    ``patched N`` or ``full`` (with ``jobs`` worker processes: by default
    :func:`.builder.default_jobs`)."""
    state = load_state(state_path)
    if state is not None and len(state.pages) == len(pages) and manifest_build(out_dir) == state.build \
            and all(a.src_uri == b.src_uri for a, b in zip(state.pages, pages)):
        changed_at = [i for i, (a, b) in enumerate(zip(state.pages, pages)) if a.key != b.key]
        if not changed_at:
            return BuildStats(articles=len(state.docs), shards=state.shards), "unchanged"
        if len(changed_at) <= MAX_PATCHED:
            doc_of = [p.doc for p in state.pages]
            changed: dict[int, Record] = {}
            for i in changed_at:
                record = record_of(pages[i])
                if record is None or doc_of[i] is None:
                    changed = {}
                    break
                changed[doc_of[i]] = record
            if changed:
                stats = patch(out_dir, state, changed, meta_chunk, state_path.parent / TEXTS_DIR)
                if stats is not None:
                    state.pages = [PageKey(*p.key, doc=d) for p, d in zip(pages, doc_of)]
                    save_state(state_path, state, defer=True)
                    return stats, f"patched {len(changed)}"
    blocks = BlockCache(state_path.parent / BLOCKS_DIR)
    builder, included = full_build(out_dir, pages, record_of, blocks, expected, jobs,
                                   texts_dir=state_path.parent / TEXTS_DIR)
    doc_of, n = [], 0
    for flag in included:
        doc_of.append(n if flag else None)
        n += flag
    save_state(state_path, IndexState(builder.build_id, builder.stats.shards, builder.split,
                                      [PageKey(*p.key, doc=d) for p, d in zip(pages, doc_of)],
                                      builder.docs, builder.meta))
    return builder.stats, "full"


# What a cached block was made by: the code of this package and the schema it reads pages with.
_CODE_FILES = sorted(Path(__file__).resolve().parent.glob("*.py")) + \
    [Path(__file__).resolve().parent.parent.parent / "newsarchive" / "schema.py"]
_code_version: str | None = None


def code_version() -> str:
    """A hash of the code that makes an article's postings (the search
    package, the schema) and the index format: a cached block made by other
    code is never used."""
    global _code_version
    if _code_version is None:
        h = hashlib.blake2b(repr((STATE_VERSION, FORMAT_VERSION, BLOCK)).encode("ascii"), digest_size=16)
        for path in _CODE_FILES:
            h.update(path.read_bytes() if path.is_file() else b"")
        _code_version = h.hexdigest()
    return _code_version


def pages_digest(pages: list[PageKey], *extra) -> str:
    """A hash of pages' keys (path, content hash, URL) and ``extra``.

    >>> pages_digest([PageKey("articles/a/01.md", "0f", "articles/a/01.html")], 1) == pages_digest([PageKey("articles/a/01.md", "0f", "articles/a/01.html")], 2)
    False
    """
    h = hashlib.blake2b(repr((code_version(), extra)).encode("utf-8"), digest_size=16)
    for page in pages:
        h.update(repr(page.key).encode("utf-8"))
    return h.hexdigest()


class BlockCache:
    """The postings of blocks of :data:`~.builder.BLOCK` consecutive article
    pages made by earlier full builds, so that a full build after the first
    (``make site``, the first build of ``make serve``) tokenises only the
    blocks holding a page that changed and concatenates the rest: one
    pickle per block in ``folder`` (``build/archive-site/search-blocks/``),
    named by a hash of its pages (path, content hash, URL), the split keys
    and :func:`code_version`; and the split keys planned from the first
    pages (``plan.pickle``). Blocks a build did not use are deleted after
    it. Deleting the folder only makes the next full build tokenise every
    article again (tests/search/test_search_incremental.py checks that the
    index is the same bytes either way)."""

    PLAN = "plan.pickle"

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.reused = 0

    def _load(self, name: str):
        try:
            with open(self.folder / name, "rb") as fh:
                return pickle.load(fh)
        except Exception:  # noqa: BLE001 - missing or unreadable: made again
            return None

    def split_plan(self, pages: list[PageKey], expected: int | None) -> set[str] | None:
        """The split keys planned for these first pages, if cached."""
        plan = self._load(self.PLAN)
        if not (isinstance(plan, tuple) and len(plan) == 3 and isinstance(plan[0], int)):
            return None
        count, key, split = plan
        if count > len(pages) or pages_digest(pages[:count], expected, SAMPLE_DOCS, SPLIT_POSITIONS) != key:
            return None
        return split

    def save_split_plan(self, sampled: list[PageKey], expected: int | None, split: set[str]) -> None:
        key = pages_digest(sampled, expected, SAMPLE_DOCS, SPLIT_POSITIONS)
        cache.write_atomic(self.folder / self.PLAN, pickle.dumps((len(sampled), key, split),
                                                                 protocol=pickle.HIGHEST_PROTOCOL))

    @staticmethod
    def block_key(pages: list[PageKey], split_id: str) -> str:
        return pages_digest(pages, split_id)

    def get(self, key: str) -> tuple[list[bool], BlockPostings] | None:
        """(which of the block's pages are searchable, their postings), if cached."""
        self.used.add(key)
        hit = self._load(f"{key}.pickle")
        if isinstance(hit, tuple) and len(hit) == 2 and isinstance(hit[1], BlockPostings):
            self.reused += 1
            return hit
        return None

    def put(self, key: str, included: list[bool], block: BlockPostings) -> None:
        self.used.add(key)
        cache.write_atomic(self.folder / f"{key}.pickle", pickle.dumps((included, block),
                                                                       protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> None:
        """Delete the cached blocks this build did not use."""
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path.name != self.PLAN and path.stem not in self.used:
                    path.unlink(missing_ok=True)


def full_build(out_dir: Path, pages: list[PageKey], record_of, blocks: BlockCache,
               expected: int | None = None, jobs: int | None = None,
               texts_dir: Path | None = None) -> tuple[IndexBuilder, list[bool]]:
    """Build the index of ``pages`` in full into ``out_dir``, reusing the
    cached postings of blocks whose pages did not change; returns the builder
    and, per page, whether it is searchable (its record not None). The files
    are those :func:`.builder.build_with` writes from the same records."""
    read: dict[int, Record | None] = {}     # records read for the split plan, used again for their block
    split = blocks.split_plan(pages, expected)
    if split is None:
        sample: list[Record] = []
        count = 0
        while len(sample) < SAMPLE_DOCS and count < len(pages):
            record = read[count] = record_of(pages[count])
            if record is not None:
                sample.append(record)
            count += 1
        scale = max(1.0, (expected or len(sample)) / max(1, len(sample)))
        split = plan_splits([index_text(r)[0] for r in sample], scale, SPLIT_POSITIONS)
        del sample
        blocks.save_split_plan(pages[:count], expected, split)
    split_id = hashlib.blake2b(repr(sorted(split)).encode("utf-8"), digest_size=16).hexdigest()
    builder = IndexBuilder(out_dir, split, texts_dir=texts_dir)
    included: list[bool] = []
    made: collections.deque = collections.deque()       # (key, flags) of the blocks made in this build, in order

    def items():
        doc = 0
        for first in range(0, len(pages), BLOCK):
            group = pages[first:first + BLOCK]
            key = blocks.block_key(group, split_id)
            hit = blocks.get(key)
            if hit is not None:
                flags, block = hit
                for i in range(first, first + len(group)):
                    read.pop(i, None)
            else:
                records = [read.pop(i) if i in read else record_of(page) for i, page in enumerate(group, first)]
                flags = [r is not None for r in records]
                block = [r for r in records if r is not None]
                made.append((key, flags))
            included.extend(flags)
            yield doc, block
            doc += sum(flags)

    def store(start: int, block: BlockPostings) -> None:
        key, flags = made.popleft()
        blocks.put(key, flags, block)

    index_blocks(builder, items(), default_jobs(expected) if jobs is None else jobs, made=store)
    builder.write()
    builder.stats.split = len(split)
    builder.stats.reused = blocks.reused
    blocks.prune()
    return builder, included
