"""Exports (archive_site.exports), written by the real build: the metadata
CSV in the site and the compressed JSON Lines file with the full text beside
it (build/exports/, not in the site)."""
from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

from archive_fixture import FORMULA_TITLES, XSS_TITLE
from archive_site.collection import collect
from archive_site.exports import write_exports
from archive_site.render import Linker


def read_jsonl(path) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()]


def fulltext(built) -> Path:
    return built.config.parent / "build" / "exports" / "articles.jsonl.gz"


def test_jsonl_export(built):
    records = read_jsonl(fulltext(built))
    assert len(records) == 7 and not list(built.site.rglob("*.jsonl.gz"))      # not in the site
    by_title = {r["title"]: r for r in records}
    first = by_title["淄博高新区奋力推动跨越式发展"]
    assert first["zones"] == ["淄博高新区"] and first["authors"] == ["岳书杰", "毛琳琳"]
    assert first["text"].startswith("淄博高新区持续深化改革，")     # full-width punctuation kept
    assert first["url"] == "articles/001_aaaa/01.html"
    assert (built.site / first["url"]).is_file()
    assert XSS_TITLE in by_title                                       # data exported as written


def test_csv_export_has_bom_and_parses(built):
    raw = (built.site / "exports" / "articles.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 7
    row = next(r for r in rows if r["title"] == "淄博高新区奋力推动跨越式发展")
    assert row["topics"] == "招商引资；产业发展"
    assert row["date_inferred"] == "false"
    assert "\n" not in row["title"]
    assert "text" not in row and row["raw_lines"]                       # metadata only: the text is in the JSON Lines


def test_exports_are_deterministic(built, tmp_path):
    write_exports(collect(built.docs), Linker(), tmp_path, tmp_path / "text")
    assert (tmp_path / "text" / "articles.jsonl.gz").read_bytes() == fulltext(built).read_bytes()
    assert (tmp_path / "exports" / "articles.csv").read_bytes() == (built.site / "exports" / "articles.csv").read_bytes()


def test_csv_cells_never_start_a_formula(hostile):
    """Titles, names and a file name beginning with = + - @ or a tab are
    neutralised in the CSV (a leading quote); the JSON Lines keep them as written."""
    raw = (hostile.site / "exports" / "articles.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    cells = [cell for row in rows for cell in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    records = read_jsonl(fulltext(hostile))
    by_title = {r["title"]: r for r in records}
    dict_rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(raw))}
    for title in FORMULA_TITLES:
        record = by_title[title]                                   # JSON: the data as written
        row = dict_rows["'" + record["slug"]]                     # the slug -leading-dash-NN is neutralised too
        assert row["title"] == "'" + title
        assert row["source"] == "'-leading-dash.txt" and record["source"] == "-leading-dash.txt"
    first = dict_rows["'" + by_title[FORMULA_TITLES[0]]["slug"]]
    assert first["kicker"] == "'\t=1+1" and first["newspaper"] == "'=cmd|' /C calc'!A0"
