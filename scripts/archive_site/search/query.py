"""A reference search over a built index, in Python: the same algorithm as the
browser client (``assets/search.js``), used by the tests to check the index
against brute-force substring search, and by people to query a build::

    python -m archive_site.search.query site/fulltext 高新区 稀土

Exactness: a term of m ≥ 2 folded code points is covered by keys (bigrams,
or longer grams where a frequent key is split, see :mod:`.builder`) at
offsets 0 … m−2 that together spell every code point of the term. A start
position p matches when each key occurs at p + its offset, so the match is
exact, with no false positives and none missed. When one key is the whole
term its posting list is the answer. A one-code-point term uses the unigram
lists.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from . import codec
from .builder import CALLBACK, key_hash, unpack_shard
from .fold import query_terms


@dataclass
class Hit:
    doc: int
    count: int        # occurrences of all terms
    title_terms: int  # how many terms occur in the title


class Index:
    """A built index directory, read lazily shard by shard (like the client)."""

    def __init__(self, directory: Path | str):
        self.dir = Path(directory)
        self.loaded: list[str] = []
        self._cache: dict[str, dict] = {}
        self.manifest = self._load("manifest")
        self.shards = self.manifest["shards"]
        self.width = len(f"{self.shards - 1:x}")
        table = codec.decode(self._load("docs"))
        self.title_start, self.date_rank, self.year, self.zones, self.topics = [], [], [], [], []
        i = 0
        for _ in range(self.manifest["docs"]):
            self.date_rank.append(table[i]); self.title_start.append(table[i + 1]); self.year.append(table[i + 2])
            nz = table[i + 3]; self.zones.append(list(table[i + 4:i + 4 + nz])); i += 4 + nz
            nt = table[i]; self.topics.append(list(table[i + 1:i + 1 + nt])); i += 1 + nt

    def _load(self, name: str):
        text = (self.dir / f"{name}.js").read_text(encoding="utf-8")
        prefix = f'{CALLBACK}("{name}",'
        if not text.startswith(prefix) or not text.endswith(");\n"):
            raise ValueError(f"{name}.js is not a search data file")
        self.loaded.append(name)
        return json.loads(text[len(prefix):-3])

    def _shard(self, kind: str, key: str) -> dict:
        name = f"{kind}/{key_hash(key) & (self.shards - 1):0{self.width}x}"
        if name not in self._cache:
            path = self.dir / f"{name}.js"
            data = self._load(name) if path.exists() else {}
            self._cache[name] = unpack_shard(data) if kind == "d" else data
        return self._cache[name]

    def postings(self, key: str) -> dict[int, tuple[int, bool]]:
        """doc → (count, in title) for one key (a code point or a bigram)."""
        stream = self._shard("d", key).get(key, "")
        numbers = codec.decode(stream)
        out, doc = {}, -1
        for i in range(0, len(numbers), 2):
            doc += numbers[i]
            out[doc] = (numbers[i + 1] >> 1, bool(numbers[i + 1] & 1))
        return out

    def positions(self, key: str, postings: dict[int, tuple[int, bool]]) -> dict[int, list[int]]:
        """doc → positions of a bigram (its posting list must be given)."""
        numbers = codec.decode_positions(self._shard("p", key).get(key, ""))
        out, i = {}, 0
        for doc, (count, _) in postings.items():
            pos, found = 0, []
            for gap in numbers[i:i + count]:
                pos += gap
                found.append(pos)
            out[doc] = found
            i += count
        return out

    def key_at(self, term: str, offset: int) -> str | None:
        """The longest indexed key for ``term`` at ``offset``: a bigram, extended
        one code point at a time while the key is split (its extensions are
        indexed) and the term goes on. None when a key is absent (no match)."""
        length = 2
        while True:
            key = term[offset:offset + length]
            shard = self._shard("d", key)
            if key not in shard:
                return None
            if offset + length >= len(term) or key not in shard.get("", ()):
                return key
            length += 1

    def cover(self, term: str) -> list[tuple[int, str]] | None:
        """(offset, key) pairs that spell the whole term, or None if a key is absent."""
        keys, offset = [], 0
        while True:
            key = self.key_at(term, offset)
            if key is None:
                return None
            keys.append((offset, key))
            end = offset + len(key)
            if end >= len(term):
                return keys
            offset = min(end, len(term) - 2)

    def term(self, term: str) -> dict[int, tuple[int, bool]]:
        """doc → (occurrences, in title) for one folded term."""
        if len(term) == 1:
            return self.postings(term)
        keys = self.cover(term)
        if keys is None:
            return {}
        lists = [self.postings(k) for _, k in keys]
        if len(keys) == 1:
            return lists[0]
        offsets = [o for o, _ in keys]
        candidates = set(lists[0]).intersection(*lists[1:])
        where = [self.positions(k, lst) for (_, k), lst in zip(keys, lists)]
        result = {}
        for doc in sorted(candidates):
            others = [(o, set(w[doc])) for o, w in zip(offsets[1:], where[1:])]
            starts = [p for p in where[0][doc] if all(p + o in s for o, s in others)]
            if starts:
                result[doc] = (len(starts), starts[-1] >= self.title_start[doc])
        return result

    def search(self, query: str, zone: int | None = None, topic: int | None = None,
               year: int | None = None) -> list[Hit]:
        """Ranked hits: title matches first, then occurrences, then newest.

        A query without terms lists every article (newest first) that passes
        the facet filters.
        """
        hits: dict[int, Hit] | None = None
        for term in query_terms(query):
            found = self.term(term)
            if hits is None:
                hits = {d: Hit(d, c, int(t)) for d, (c, t) in found.items()}
            else:
                hits = {d: Hit(d, h.count + found[d][0], h.title_terms + found[d][1])
                        for d, h in hits.items() if d in found}
        if hits is None:  # no terms: browse every article (facets still apply)
            hits = {d: Hit(d, 0, 0) for d in range(self.manifest["docs"])}
        ranked = [h for h in hits.values() if self._facets_ok(h.doc, zone, topic, year)]
        ranked.sort(key=lambda h: (-h.title_terms, -h.count, -self.date_rank[h.doc], h.doc))
        return ranked

    def _facets_ok(self, doc: int, zone, topic, year) -> bool:
        return ((zone is None or zone in self.zones[doc])
                and (topic is None or topic in self.topics[doc])
                and (year is None or self.year_of(doc) == year))

    def year_of(self, doc: int) -> int | None:
        """The year of an article (None when its date is unknown)."""
        i = self.year[doc]
        return self.manifest["years"][i - 1][0] if i else None

    def meta(self, doc: int) -> list:
        chunk = self.manifest["metaChunk"]
        return self._load(f"m/{doc // chunk}")[doc % chunk]


def main(argv: list[str]) -> None:
    index = Index(argv[0])
    for hit in index.search(" ".join(argv[1:]))[:20]:
        url, title, date, *_ = index.meta(hit.doc)
        print(f"{hit.count:4d} {'T' if hit.title_terms else ' '} {date:10s} {title}  {url}")


if __name__ == "__main__":
    main(sys.argv[1:])
