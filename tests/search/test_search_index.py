"""Unit and property tests of the search index: folding, encoding, records,
and exactness (the index finds exactly what brute-force substring search
finds) for both the Python reference engine and the browser client's engine
(run under Node)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_site.search import codec
from archive_site.search.builder import build_index
from archive_site.search.postings import index_text
from archive_site.search.fold import fold, query_terms
from archive_site.search.query import Index
from archive_site.search.records import Record, iter_records, markdown_to_text

JS = Path(__file__).resolve().parents[2] / "scripts" / "archive_site" / "search" / "assets" / "search.js"
NODE_RUNNER = Path(__file__).resolve().parent / "node_query.js"


# ---------------------------------------------------------------- helpers
def brute_force(records: list[Record], query: str) -> set[int]:
    """Docs whose folded searchable text contains every folded query term
    (all docs for a query without terms: the engines then list everything)."""
    terms = query_terms(query)
    return {i for i, r in enumerate(records) if all(t in index_text(r)[0] for t in terms)}


def brute_count(record: Record, term: str) -> int:
    """Occurrences of a folded term (overlapping) in a record's folded text."""
    text = index_text(record)[0]
    return sum(1 for i in range(len(text)) if text.startswith(term, i))


def node_search(index_dir: Path, queries: list) -> list[dict]:
    run = subprocess.run(["node", str(NODE_RUNNER), str(JS), str(index_dir)],
                         input=json.dumps(queries), capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def records_from(texts: list[str], titles: list[str] | None = None) -> list[Record]:
    titles = titles or [f"标题{i}" for i in range(len(texts))]
    return [Record(url=f"a/{i}.html", title=titles[i], text=t, date=f"20{10 + i % 10}-01-01",
                   year=2010 + i % 10) for i, t in enumerate(texts)]


# ---------------------------------------------------------------- folding
def test_fold_width_and_case():
    assert fold("ＡＢＣ１２３ａｂｃ") == "abc123abc"
    assert fold("ｶﾀｶﾅ") == "カタカナ"
    assert fold("Straße") == "strasse"
    assert fold("淄博高新区") == "淄博高新区"


def test_query_terms_split_on_any_whitespace():
    assert query_terms("高新区\u3000稀土\t 独角兽") == ["高新区", "稀土", "独角兽"]
    assert query_terms("   ") == []


@given(st.text(max_size=30))
def test_fold_is_per_code_point(text):
    assert fold(text) == "".join(fold(ch) for ch in text)


# ---------------------------------------------------------------- codec
@given(st.lists(st.integers(min_value=0, max_value=2**40)))
def test_codec_round_trip(values):
    encoded = codec.encode_all(values).decode("ascii")
    assert list(codec.decode(encoded)) == values
    assert '"' not in encoded and "\\" not in encoded


@given(st.lists(st.one_of(st.integers(min_value=0, max_value=25_000), st.integers(min_value=0, max_value=2**40))),
       st.integers(min_value=0, max_value=5))
def test_position_code_round_trip_and_skip(values, cut):
    encoded = codec.encode_positions(values).decode("ascii")
    assert list(codec.decode_positions(encoded)) == values
    assert '"' not in encoded and "\\" not in encoded
    cut = min(cut, len(values))
    assert codec.skip_positions(encoded, cut) == len(codec.encode_positions(values[:cut]))


def test_position_code_lengths():
    assert [len(codec.encode_position(v)) for v in (39, 40, 4547, 4548, 21475, 21476)] == [1, 2, 2, 3, 3, 2]
    assert len(codec.encode_position(21476 + 2116)) == 4


def test_codec_is_compact_for_small_numbers():
    assert len(codec.encode(45)) == 1
    assert len(codec.encode(2115)) == 2
    assert len(codec.encode(97335)) == 3


def test_codec_rejects_negative_and_truncated():
    with pytest.raises(ValueError):
        codec.encode(-1)
    with pytest.raises(ValueError):
        codec.decode(codec.encode(5000).decode()[:-1])


# ---------------------------------------------------------------- records
def test_markdown_to_text_unescapes_and_strips_markup():
    body = "## 第一部分\n\n盾构机\\*重点\\* **加粗** &amp; [链接](x.html)\n\n- 列表项\n\n![图片说明](a.png)\n"
    assert markdown_to_text(body) == "第一部分\n盾构机*重点* 加粗 & 链接\n列表项\n图片说明"


def test_records_exclude_source_pages_and_excluded(archive):
    docs, urls = archive
    records = list(iter_records(docs))
    got = {r.url for r in records}
    assert not any(u.startswith("sources/") for u in got)
    assert "articles/zz_special/02.html" not in got           # search: exclude
    assert got == {u for us in urls.values() for u in us} | {"articles/zz_special/01.html"}
    assert not any("西洋参" in r.text or "西洋参" in r.title for r in records)


# ---------------------------------------------------------------- exactness
def test_seed_archive_matches_brute_force(archive, tmp_path):
    docs, _ = archive
    records = list(iter_records(docs))
    build_index(records, tmp_path / "idx")
    index = Index(tmp_path / "idx")
    queries = ["魏玉蛟", "江敦涛", "淄博高新区", "高新区", "松山湖", "稀土", "盾构机", "构机",
               "双招双引", "招商引资", "独角兽", "启迪之星", "万声通讯", "西洋参", "区", "ABC",
               "strasse", "高新区 稀土", "*星号*", "<b>", "隐藏词语", "淄博 万声通讯"]
    for q in queries:
        got = {h.doc for h in index.search(q)}
        assert got == brute_force(records, q), q
    assert index.search("西洋参") == []
    hits = index.search("构机")
    assert hits and all("构机" in index_text(records[h.doc])[0] for h in hits)
    for h in index.search("高新区"):
        assert h.count == brute_count(records[h.doc], "高新区")
    js = node_search(tmp_path / "idx", [[q, {}] for q in queries])
    for q, res in zip(queries, js):
        assert [tuple(h) for h in res["hits"]] == [(h.doc, h.count, h.title_terms) for h in index.search(q)], q
    assert not (tmp_path / "idx" / "t").exists()          # no copy of the texts: snippets come from the pages


ALPHABET = "高新区淄博稀土aAＡ ß"
texts = st.lists(st.text(alphabet=ALPHABET, max_size=40), min_size=1, max_size=8)
queries = st.text(alphabet=ALPHABET, min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=texts, titles=st.lists(st.text(alphabet=ALPHABET, max_size=6), min_size=8, max_size=8),
       query=queries, split=st.integers(0, 8), sample=st.integers(1, 8))
def test_index_equals_brute_force(tmp_path_factory, texts, titles, query, split, sample):
    """Whatever keys are split (frequent-gram extensions), results are exact."""
    records = records_from(texts, [t or "无" for t in titles[:len(texts)]])
    out = tmp_path_factory.mktemp("idx")
    build_index(records, out, split_positions=split, sample_docs=sample)
    hits = Index(out).search(query)
    assert {h.doc for h in hits} == brute_force(records, query)
    terms = query_terms(query)
    for h in hits:
        assert h.count == sum(brute_count(records[h.doc], t) for t in terms)
        title = fold(records[h.doc].title)
        assert h.title_terms == sum(t in title for t in terms)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=texts, query_list=st.lists(queries, min_size=1, max_size=5), split=st.integers(0, 8))
def test_browser_engine_equals_brute_force(tmp_path_factory, texts, query_list, split):
    records = records_from(texts)
    out = tmp_path_factory.mktemp("idx")
    build_index(records, out, split_positions=split, sample_docs=3)
    index = Index(out)
    results = node_search(out, [[q, {}] for q in query_list])
    for q, res in zip(query_list, results):
        assert {h[0] for h in res["hits"]} == brute_force(records, q), q
        assert res["terms"] == query_terms(q)
        assert [tuple(h) for h in res["hits"]] == [(h.doc, h.count, h.title_terms) for h in index.search(q)]


def test_frequent_phrase_is_answered_by_its_own_key(tmp_path):
    """A split chain makes 淄博高新区 one key: no position lists are loaded."""
    records = records_from(["淄博高新区" * 5 + "稀土", "淄博高新区在淄博", "高新技术"])
    stats = build_index(records, tmp_path, split_positions=3)
    assert stats.split > 0
    index = Index(tmp_path)
    assert index.cover("淄博高新区") == [(0, "淄博高新区")]
    assert {h.doc: h.count for h in index.search("淄博高新区")} == {0: 5, 1: 1}
    assert not any(name.startswith("p/") for name in index.loaded)
    assert {h.doc for h in index.search("高新技")} == {2}
    assert {h.doc for h in index.search("区稀土")} == {0}


def test_browser_folding_matches_python(tmp_path):
    build_index(records_from(["x"]), tmp_path)
    samples = ["ＡＢＣ１２３", "Straße ẞ", "ｶﾀｶﾅ", "İstanbul", "ΣΑΣ", "①②", "㍻", "ﬁ", "淄博高新区",
               "Cafe\u0301", "\u1100\u1161", "Ǆ\u00a0x"]
    results = node_search(tmp_path, [[s, {}] for s in samples])
    for s, res in zip(samples, results):
        assert res["terms"] == query_terms(s), s


def test_ranking_title_then_count_then_date(tmp_path):
    records = records_from(["稀土", "稀土稀土稀土", "稀土稀土稀土", "无关"],
                           ["甲", "乙", "丙", "稀土标题"])
    records[1].date, records[2].date = "2001-01-01", "2005-01-01"
    build_index(records, tmp_path)
    assert [h.doc for h in Index(tmp_path).search("稀土")] == [3, 2, 1, 0]
    js = node_search(tmp_path, [["稀土", {}]])
    assert [h[0] for h in js[0]["hits"]] == [3, 2, 1, 0]


def test_facets_filter(tmp_path):
    records = records_from(["稀土甲", "稀土乙", "稀土丙"])
    records[0].zones, records[1].zones = ["包头稀土高新区"], ["淄博高新区"]
    records[2].topics = ["科技创新"]
    build_index(records, tmp_path)
    index = Index(tmp_path)
    zones = [z for z, _ in index.manifest["zones"]]
    assert [h.doc for h in index.search("稀土", zone=zones.index("淄博高新区"))] == [1]
    assert [h.doc for h in index.search("稀土", topic=0)] == [2]
    assert [h.doc for h in index.search("稀土", year=records[0].year)] == [0]
    js = node_search(tmp_path, [["稀土", {"zone": zones.index("淄博高新区")}], ["稀土", {"year": records[2].year}]])
    assert [h[0] for h in js[0]["hits"]] == [1]
    assert [h[0] for h in js[1]["hits"]] == [2]


def test_build_is_deterministic(archive, tmp_path):
    docs, _ = archive
    for name in ("a", "b"):
        build_index(iter_records(docs), tmp_path / name)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.js"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.js"))
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


def test_snippet_highlight_maps_folded_matches_to_original(tmp_path):
    build_index(records_from(["x"]), tmp_path)
    res = node_search(tmp_path, [["abc", {}]])[0]
    marked = [p["text"] for p in res["snippet"] if p["mark"]]
    assert marked == ["ＡＢＣ", "abc"]


def test_empty_archive_builds_and_finds_nothing(tmp_path):
    stats = build_index([], tmp_path)
    assert stats.articles == 0
    assert Index(tmp_path).search("高新区") == []
    assert node_search(tmp_path, [["高新区", {}], ["", {}]]) == [
        {"terms": ["高新区"], "hits": [], "snippet": [{"text": "全角ＡＢＣ和abc", "mark": False}]},
        {"terms": [], "hits": [], "snippet": [{"text": "全角ＡＢＣ和abc", "mark": False}]}]


def test_a_parallel_build_writes_the_same_files_as_one_process(archive, tmp_path, monkeypatch):
    """Worker processes index blocks of articles; appended in order, the
    files are byte for byte those of a build in one process (blocks of 3
    articles, so several blocks meet in every posting list)."""
    from archive_site.search import builder

    docs, _ = archive
    records = list(iter_records(docs))
    monkeypatch.setattr(builder, "BLOCK", 3)
    assert len(records) > 3 * builder.BLOCK
    build_index(records, tmp_path / "one", jobs=1)
    build_index(records, tmp_path / "two", jobs=2)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.js"))
    assert files == sorted(p.relative_to(tmp_path / "two") for p in (tmp_path / "two").rglob("*.js"))
    assert all((tmp_path / "one" / f).read_bytes() == (tmp_path / "two" / f).read_bytes() for f in files)
