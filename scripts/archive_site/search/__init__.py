"""Chinese full-text search for the archive site: exact substring search with
a positional character-bigram index, built from ``docs/`` at every build and
queried in the browser (works from ``file://`` and over HTTP).

Design note
-----------
Requirements (issue 3): a query finds every article that contains it as a
substring after width/case folding, and nothing else; several words narrow
(AND); first result within 1 s for 1,000 articles from ``file://`` and within
2 s / 1 MB transferred for 10,000 over HTTP; build within 4 GB for 10,000;
ads, page furniture and source pages never match.

Why not an existing engine: Material's search (lunr + jieba at build time)
matches only word prefixes and ships one index file (162 MB at 5,000
pages). Pagefind needs HTTP (fetch/WASM, no ``file://``), segments Chinese
into words so parts of words over/under-match, and its indexer peaked at
14 GB. FlexSearch and MiniSearch build the whole index in the browser's
memory from one file (same size problem) and tokenise into words (their
"forward"/prefix tokenizers give neither exact substring matches nor matches
inside words without huge n-gram expansions). None gives exact results.

Chosen design (:mod:`.builder` documents the files):

- **Folding** (:mod:`.fold`): per code point ``casefold(NFKC(c))``, mirrored
  exactly in the browser; display text stays NFC.
- **Index**: for every article, every bigram of the folded text (except
  bigrams with whitespace) with its positions, and every single code point
  with its count. A term of length m is matched by the bigrams at offsets
  0, 2, 4, …, m−2 occurring at aligned positions: an exact substring test
  without false positives or misses, no word segmentation needed (so names,
  zone names, parts of words all work).
- **Frequent grams**: a bigram with very many occurrences (高新, 淄博) is
  *split*: all its trigram extensions are indexed too, and so on up to 8
  code points while they stay frequent. The client follows the chain, so a
  frequent phrase (淄博高新区) is answered from its own document list with
  no positions, or covered by long, rarer keys. Results stay exact whatever
  is split; only bytes per query change.
- **Sharding**: keys are hashed into 2^k small files (~12 KB each), loaded
  on demand with ``<script>`` tags (works from ``file://``). A query loads
  one doc-list shard and one position shard per covering bigram, the
  manifest, a compact per-article table for ranking/facets, and metadata
  only for the results shown (10 at a time).
- **Snippets** (format 6): cut from the results' article pages themselves,
  fetched over HTTP; from ``file://`` an article page is loaded as a script
  (every article page is also one: :func:`.integration.loadable_page`), so
  the index keeps no second copy of the texts (4.5 KB an article before).
- **Encoding** (:mod:`.codec`): doc-id gaps and counts as base-46
  variable-length digits in printable ASCII: one byte per digit on the
  wire, valid in a JS string literal without escapes; positions (format 7)
  in a code whose first character gives the number's length over all 92
  characters (:func:`.codec.encode_position`: 1.91 characters a position
  instead of 2.10). The ``d`` shards
  are stored deflated and basE91-encoded and
  inflated by the browser's ``DecompressionStream`` (format 4), their text
  in GB18030 where that is safe (format 5, :mod:`archive_site.deflate`).
- **Ranking**: terms found in the title first, then total occurrences, then
  date (newest first). Facets: zone, topic, year.
- **Builder**: streams articles; postings go straight into one
  ``bytearray`` pair per key, so memory is about the size of the index.
  Output is deterministic (sorted keys, no timestamps).
"""
