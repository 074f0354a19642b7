"""The zone benchmark (scripts/bench_zones.py) holds: enough news-style
sentences, every registry zone by name and by another form, the look-alike
cases of issue 12, and precision and recall of at least 0.98."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import bench_zones  # noqa: E402
from newsarchive import zones as Z  # noqa: E402

CASES = bench_zones.read_cases(bench_zones.DATA)


def test_the_benchmark_covers_the_registry_and_the_hard_cases():
    assert len(CASES) >= 150
    for kind in ("name", "alias"):
        named = {expected[0] for k, _, expected in CASES if k == kind}
        assert named == {z.name for z in Z.load_zones()}, kind
    assert sum(k in ("unlisted", "provincial") for k, _, _ in CASES) >= 20
    assert sum(k == "ambiguous" for k, _, _ in CASES) >= 20
    texts = " ".join(t for _, t, _ in CASES)
    for case in ("滨海县", "马鞍山市", "金山区", "中关村论坛", "全市高新区"):
        assert case in texts, case


def test_precision_and_recall_are_at_least_098():
    result = bench_zones.score(CASES)
    assert result["precision"] >= 0.98 and result["recall"] >= 0.98, result["misses"]
