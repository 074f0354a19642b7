"""Incremental search index: after a hand edit, patch the index files of the
previous build instead of rebuilding them all.

A full build leaves a small state file in the build folder
(:data:`STATE_FILE`: the build id, shard count, split keys, and per article its
page path, content hash, URL, doc id, ranking/facet row and display row). The
next build compares each article page's content hash with it:

- nothing changed: the index stays as it is;
- some articles changed (same articles, same order): for each, the postings of
  its old text (read back from its ``t/<id>.js`` and its title from its ``m``
  chunk) and of its new text are compared key by key (:func:`.builder.doc_postings`),
  and only the ``d``/``p`` shards holding a key whose entry for that article
  differs are rewritten, with that one entry replaced; its text file, the doc
  table, changed ``m`` chunks and the manifest (a new build id) follow;
- anything else (an article added, deleted or excluded, an unreadable state,
  an index that is not the one the state describes, a new format): a full build.

The patched files are what a full build with the same split keys writes
(tests/search/test_search_incremental.py checks it file by file); the split
keys are kept from the full build (they only steer speed, never results).
"""
from __future__ import annotations

import json
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .. import cache
from . import codec
from .builder import (CALLBACK, FORMAT_VERSION, BuildStats, IndexBuilder, build_with, doc_entry,
                      doc_postings, key_hash, meta_entry, pack_text, unpack_text)
from .records import Record

STATE_FILE = "search-state.pickle"
STATE_VERSION = 1
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


def load_state(path: Path) -> IndexState | None:
    """The saved state, or None when there is none that this code can use."""
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
    except Exception:  # noqa: BLE001 - a missing or unreadable state means a full build
        return None
    if not isinstance(state, IndexState) or state.version != (STATE_VERSION, FORMAT_VERSION):
        return None
    return state


def save_state(path: Path, state: IndexState) -> None:
    cache.write_atomic(path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))


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
    >>> p = encode_all([5, 7, 1]).decode()
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
    a = codec.skip(positions_code, before)
    b = codec.skip(positions_code, old_count, a)
    code = entry[1].decode("ascii") if entry is not None and entry[1] is not None else ""
    return new_docs, positions_code[:a] + code + positions_code[b:]


def old_record(out_dir: Path, state: IndexState, doc: int, meta_chunk: int) -> Record | None:
    """An article's record as the previous build indexed it (title and text are
    all :func:`doc_postings` reads): its text file and its title in its ``m`` chunk."""
    packed = read_js(out_dir / "t" / f"{doc}.js")
    chunk = read_js(out_dir / "m" / f"{doc // meta_chunk}.js")
    if not isinstance(packed, str) or not isinstance(chunk, list):
        return None
    return Record(url=state.meta[doc][0], title=state.meta[doc][1], text=unpack_text(packed))


def patch(out_dir: Path, state: IndexState, changed: dict[int, Record], meta_chunk: int) -> BuildStats | None:
    """Patch the index in ``out_dir`` for the ``changed`` articles (doc id →
    new record); None if the previous files are not there (then build in full)."""
    builder = IndexBuilder(out_dir, state.split, clean=False)
    builder.digest.update(state.build.encode("ascii"))
    builder.docs, builder.meta = list(state.docs), list(state.meta)
    mask, width = state.shards - 1, len(f"{state.shards - 1:x}")
    edits: dict[int, dict[str, dict[int, tuple | None]]] = {}
    for doc, record in sorted(changed.items()):
        before = old_record(out_dir, state, doc, meta_chunk)
        if before is None:
            return None
        old, new = doc_postings(before, state.split), doc_postings(record, state.split)
        for key in old.keys() | new.keys():
            if old.get(key) != new.get(key):
                edits.setdefault(key_hash(key) & mask, {}).setdefault(key, {})[doc] = new.get(key)
        builder.docs[doc], builder.meta[doc] = doc_entry(record), meta_entry(record)
        builder._write_js(f"t/{doc}", pack_text(record.text))
    for shard, keys in sorted(edits.items()):
        name = f"{shard:0{width}x}"
        docs = read_js(out_dir / "d" / f"{name}.js") or {}
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
                builder._write_js(f"{folder}/{name}", data)
            elif (out_dir / folder / f"{name}.js").exists():      # a full build writes no empty shard
                (out_dir / folder / f"{name}.js").unlink()
    builder._write_tables(state.shards)
    state.build, state.docs, state.meta = builder.build_id, builder.docs, builder.meta
    builder.stats.articles, builder.stats.shards = len(builder.docs), state.shards
    return builder.stats


def update_index(out_dir: Path, state_path: Path, pages: list[PageKey], record_of, meta_chunk: int,
                 expected: int | None = None) -> tuple[BuildStats, str]:
    """Bring the index in ``out_dir`` up to date with ``pages`` (every article
    page in path order); ``record_of(page)`` gives a page's record or None
    (not searchable). Returns the stats and what was done: ``unchanged``,
    ``patched N`` or ``full``."""
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
                stats = patch(out_dir, state, changed, meta_chunk)
                if stats is not None:
                    state.pages = [PageKey(*p.key, doc=d) for p, d in zip(pages, doc_of)]
                    save_state(state_path, state)
                    return stats, f"patched {len(changed)}"
    included: list[PageKey] = []

    def records():
        for page in pages:
            record = record_of(page)
            if record is not None:
                included.append(page)
                yield record

    builder = build_with(records(), out_dir, expected=expected)
    doc_ids = {id(p): i for i, p in enumerate(included)}
    save_state(state_path, IndexState(builder.build_id, builder.stats.shards, builder.split,
                                      [PageKey(*p.key, doc=doc_ids.get(id(p))) for p in pages],
                                      builder.docs, builder.meta))
    return builder.stats, "full"
