"""The incremental search index (archive_site.search.incremental): a patch
after edits writes exactly the files a full build (same split keys) writes,
results stay exact, and anything a patch cannot express builds in full."""
from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_site.search.builder import META_CHUNK, IndexBuilder
from archive_site.search import incremental
from archive_site.search.incremental import STATE_FILE, PageKey, load_state, update_index
from archive_site.search.query import Index
from archive_site.search.records import Record

from .test_search_index import brute_force

TEXTS = ["淄博高新区推进盾构机产业", "松山湖高新区引进人才", "包头稀土高新区", "高新区高新区高新技术",
         "万声通讯独角兽企业", "启迪之星孵化器落户淄博"]


def records(texts: list[str], titles: list[str] | None = None, zones=None) -> list[Record]:
    titles = titles or [f"标题{i}" for i in range(len(texts))]
    return [Record(url=f"articles/{i}.html", title=titles[i], text=t, date=f"20{10 + i % 9}-0{1 + i % 9}-01",
                   year=2010 + i % 9, zones=(zones or {}).get(i, ["淄博高新区"] if i % 2 else []),
                   topics=["人才"] if i % 3 == 0 else []) for i, t in enumerate(texts)]


def keys(recs: list[Record]) -> list[PageKey]:
    """Page keys whose digest is the record itself (a stand-in for the page hash)."""
    return [PageKey(f"articles/{i}.md", json.dumps([r.title, r.text, r.zones, r.date], ensure_ascii=False), r.url)
            for i, r in enumerate(recs)]


def update(out: Path, state: Path, recs: list[Record]):
    by_uri = {f"articles/{i}.md": r for i, r in enumerate(recs)}
    return update_index(out, state, keys(recs), lambda key: by_uri[key.src_uri], META_CHUNK)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.js"))
            if p.name != "manifest.js"}


def full_build(out: Path, recs: list[Record], split: set[str]) -> None:
    builder = IndexBuilder(out, split)
    for r in recs:
        builder.add(r)
    builder.write()


def test_unchanged_then_patched_then_full(tmp_path):
    out, state = tmp_path / "idx", tmp_path / STATE_FILE
    recs = records(TEXTS)
    assert update(out, state, recs)[1] == "full"
    assert update(out, state, recs)[1] == "unchanged"
    first_build = load_state(state).build
    edited = records([TEXTS[0].replace("盾构机", "掘进机"), *TEXTS[1:]], zones={3: ["潍坊高新区"]})
    stats, how = update(out, state, edited)
    assert how == "patched 2" and 0 < stats.rewritten < len(files(out))
    assert load_state(state).build != first_build                  # browsers must not mix the two builds
    index = Index(out)
    for q in ("盾构机", "掘进机", "高新区", "构机", "淄博"):
        assert {h.doc for h in index.search(q)} == brute_force(edited, q), q
    assert update(out, state, edited + records(["新增的文章"]))[1] == "full"     # an article added


def test_a_patched_state_is_written_at_exit_and_a_stale_one_means_a_full_build(tmp_path):
    """After a patch the state is kept in memory (the next build of ``mkdocs
    serve`` takes it from there) and written when the process ends; the
    file left from before describes another build id, so a process that
    did not write it (killed) makes the next build a full one."""
    out, state = tmp_path / "idx", tmp_path / STATE_FILE
    recs = records(TEXTS)
    update(out, state, recs)
    on_disk = state.read_bytes()
    edited = records([TEXTS[0].replace("盾构机", "掘进机"), *TEXTS[1:]])
    assert update(out, state, edited)[1] == "patched 1"
    assert state.read_bytes() == on_disk                            # not written yet
    again = records([TEXTS[0].replace("盾构机", "隧道机"), *TEXTS[1:]])
    assert update(out, state, again)[1] == "patched 1"              # from memory
    incremental._kept.clear()                                       # as a new process that was killed
    incremental._pending.clear()
    assert update(out, state, edited)[1] == "full"                  # the state on disk is older than the index
    assert update(out, state, again)[1] == "patched 1"
    incremental.write_pending()                                     # at exit
    assert not incremental._kept
    assert [p.digest for p in load_state(state).pages] == [k.digest for k in keys(again)]
    assert update(out, state, again)[1] == "unchanged"             # read back from the file


def test_patch_needs_the_previous_index(tmp_path):
    out, state = tmp_path / "idx", tmp_path / STATE_FILE
    recs = records(TEXTS)
    update(out, state, recs)
    (out / "manifest.js").unlink()                                   # e.g. a clean build of site/ since
    assert update(out, state, records(["改", *TEXTS[1:]]))[1] == "full"
    state.write_bytes(b"not a pickle")                               # the cache is safe to break or delete
    assert update(out, state, recs)[1] == "full"


ALPHABET = "高新区淄博稀土aＡ "


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=30), min_size=2, max_size=6),
       edits=st.dictionaries(st.integers(0, 5), st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=3),
       title=st.text(alphabet=ALPHABET, min_size=1, max_size=5))
def test_patch_writes_what_a_full_build_writes(tmp_path_factory, texts, edits, title):
    tmp = tmp_path_factory.mktemp("inc")
    out, state = tmp / "idx", tmp / STATE_FILE
    recs = records(texts)
    update(out, state, recs)
    split = load_state(state).split
    new_texts = [edits.get(i, t) for i, t in enumerate(texts)]
    new_titles = [title if i in edits else f"标题{i}" for i in range(len(texts))]
    edited = records(new_texts, new_titles)
    update(out, state, edited)
    full_build(tmp / "full", edited, split)
    assert files(out) == files(tmp / "full")


def test_patch_of_long_articles_writes_what_a_full_build_writes(tmp_path):
    """Positions of two and three characters (articles longer than 40 and
    4,548 code points) are spliced as whole numbers."""
    import random
    rng = random.Random(7)
    texts = ["".join(rng.choice("高新区淄博稀土盾构机") for _ in range(n)) for n in (60, 5000, 300, 6000)]
    out, state = tmp_path / "idx", tmp_path / STATE_FILE
    update(out, state, records(texts))
    split = load_state(state).split
    edited = records([texts[0], texts[1][:2500] + "掘进" + texts[1][2500:], texts[2], texts[3][:-1]])
    assert update(out, state, edited)[1] == "patched 2"
    full_build(tmp_path / "full", edited, split)
    assert files(out) == files(tmp_path / "full")
    index = Index(out)
    for q in ("掘进", "盾构机", "高新区淄", "区淄博稀"):
        assert {h.doc for h in index.search(q)} == brute_force(edited, q), q


def all_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.js"))}


def test_full_build_reuses_the_cached_postings_of_unchanged_blocks(tmp_path, monkeypatch):
    monkeypatch.setattr(incremental, "BLOCK", 2)
    recs = records(TEXTS * 2)
    excluded = {"articles/3.md"}                # a page that is not searchable (its record is None)

    def build(folder: Path, recs: list[Record]):
        by_uri = {f"articles/{i}.md": r for i, r in enumerate(recs)}
        (folder / "idx" / "manifest.js").unlink(missing_ok=True)        # no patch: a full build
        stats, how = update_index(folder / "idx", folder / STATE_FILE, keys(recs),
                                  lambda key: None if key.src_uri in excluded else by_uri[key.src_uri], META_CHUNK)
        assert how == "full"
        return stats

    assert build(tmp_path, recs).reused == 0
    first = all_files(tmp_path / "idx")
    assert build(tmp_path, recs).reused == 6 and all_files(tmp_path / "idx") == first
    edited = records([*TEXTS[:5], "改写的文章", *TEXTS])
    assert build(tmp_path, edited).reused == 5                # the block of the edited article is made again
    clean = tmp_path / "clean"
    clean.mkdir()
    assert build(clean, edited).reused == 0
    assert all_files(tmp_path / "idx") == all_files(clean / "idx")
    assert load_state(tmp_path / STATE_FILE).pages == load_state(clean / STATE_FILE).pages
    blocks = tmp_path / incremental.BLOCKS_DIR
    assert len(list(blocks.glob("*.pickle"))) == 6 + 1       # the blocks of this build and the split plan
    for path in blocks.iterdir():
        path.write_bytes(b"broken")                           # the cache is safe to break or delete
    assert build(tmp_path, edited).reused == 0 and all_files(tmp_path / "idx") == all_files(clean / "idx")
