#!/usr/bin/env python3
"""Zone benchmark: precision and recall of the zones given to news sentences.

    python scripts/bench_zones.py [--data tests/fixtures/zone_sentences.tsv]

Each line of the data file is a sentence in the style of a news lead or
headline with the zones it names (its header explains the format): every
registry zone by its name and by one other form, provincial and unlisted
zones, and ambiguous or look-alike cases (滨海县, 马鞍山市, 金山区, 中关村论坛,
全市高新区). Each sentence is given to the converter's zone rules as an
article's title; a zone counts as found when its canonical name (or the
unlisted zone's name) is among the result. Prints precision, recall and
every miss; exits 1 below --min (default 0.98) for either.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from newsarchive.zones import resolve_zones  # noqa: E402

DATA = ROOT / "tests" / "fixtures" / "zone_sentences.tsv"


def read_cases(path: Path) -> list[tuple[str, str, list[str]]]:
    """(kind, sentence, expected zones) of each data line."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, text, expected = (line.split("\t") + [""])[:3]
        cases.append((kind, text, [z for z in expected.split(",") if z]))
    return cases


def score(cases) -> dict:
    """True positives, false positives, false negatives and the misses."""
    tp = fp = fn = 0
    misses = []
    by_kind: dict[str, list[int]] = {}
    for kind, text, expected in cases:
        got = resolve_zones(text, [])
        hit = len(set(got) & set(expected))
        tp += hit
        fp += len(set(got) - set(expected))
        fn += len(set(expected) - set(got))
        counts = by_kind.setdefault(kind, [0, 0])
        counts[0] += 1
        if set(got) != set(expected):
            counts[1] += 1
            misses.append((kind, text, expected, got))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": precision, "recall": recall, "tp": tp, "fp": fp, "fn": fn,
            "misses": misses, "by_kind": by_kind}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--min", type=float, default=0.98)
    args = ap.parse_args(argv)
    cases = read_cases(args.data)
    result = score(cases)
    kinds = ", ".join(f"{k} {n}" for k, (n, _) in result["by_kind"].items())
    print(f"{len(cases)} sentences ({kinds})")
    print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
          f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']})")
    print(f"misses: {len(result['misses'])}")
    for kind, text, expected, got in result["misses"]:
        print(f"  [{kind}] {text}\n      expected {expected or '[]'}, got {got or '[]'}")
    return 0 if min(result["precision"], result["recall"]) >= args.min else 1


if __name__ == "__main__":
    sys.exit(main())
