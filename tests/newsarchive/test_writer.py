"""writer.py: DocsWriter never loses a hand edit (in-process; the CLI story
is in tests/test_convert_cli.py)."""
from __future__ import annotations

import json
from pathlib import Path

from newsarchive.writer import BACKUP, MANIFEST, DocsWriter, digest

A, B = "articles/p/01.md", "sources/p.md"


def run(root: Path, pages: dict[str, str], **kw):
    writer = DocsWriter(root, **kw)
    statuses = {rel: writer.write(rel, content) for rel, content in pages.items()}
    writer.remove_stale({Path(rel).parts[1] if rel.startswith("articles/") else Path(rel).stem for rel in pages}
                        or {"p"})
    return statuses, writer.finish()


def test_first_run_writes_pages_and_manifest(tmp_path):
    statuses, report = run(tmp_path, {A: "甲\n", B: "乙\n"})
    assert statuses == {A: "new", B: "new"}
    assert (tmp_path / A).read_text(encoding="utf-8") == "甲\n"
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {A: digest("甲\n"), B: digest("乙\n")}
    assert report.status["new"] == 2


def test_unchanged_and_updated(tmp_path):
    run(tmp_path, {A: "甲\n", B: "乙\n"})
    statuses, _ = run(tmp_path, {A: "甲\n", B: "乙二\n"})
    assert statuses == {A: "unchanged", B: "updated"}
    assert (tmp_path / B).read_text(encoding="utf-8") == "乙二\n"


def test_hand_edit_is_kept(tmp_path):
    run(tmp_path, {A: "甲\n", B: "乙\n"})
    (tmp_path / A).write_text("甲（人工校对）\n", encoding="utf-8")
    statuses, report = run(tmp_path, {A: "甲二\n", B: "乙\n"})
    assert statuses[A] == "kept-hand-edit"
    assert report.kept == [A]
    assert (tmp_path / A).read_text(encoding="utf-8") == "甲（人工校对）\n"
    # and again on the next run: the manifest still says the converter's version
    statuses, _ = run(tmp_path, {A: "甲二\n", B: "乙\n"})
    assert statuses[A] == "kept-hand-edit"


def test_hand_edit_that_equals_the_new_output_is_adopted(tmp_path):
    run(tmp_path, {A: "甲\n"})
    (tmp_path / A).write_text("甲二\n", encoding="utf-8")
    statuses, _ = run(tmp_path, {A: "甲二\n"})
    assert statuses[A] == "unchanged"
    (tmp_path / A).write_text("甲二\n", encoding="utf-8")
    statuses, _ = run(tmp_path, {A: "甲三\n"})
    assert statuses[A] == "updated"


def test_file_made_by_a_person_before_the_converter_is_kept(tmp_path):
    (tmp_path / "articles" / "p").mkdir(parents=True)
    (tmp_path / A).write_text("手写的页面\n", encoding="utf-8")
    statuses, _ = run(tmp_path, {A: "甲\n"})
    assert statuses[A] == "kept-hand-edit"
    assert (tmp_path / A).read_text(encoding="utf-8") == "手写的页面\n"


def test_deleted_page_is_not_recreated_but_force_recreates_it(tmp_path):
    run(tmp_path, {A: "甲\n", B: "乙\n"})
    (tmp_path / A).unlink()
    statuses, report = run(tmp_path, {A: "甲\n", B: "乙\n"})
    assert statuses[A] == "deleted-by-hand" and report.skipped_deleted == [A]
    assert not (tmp_path / A).exists()
    statuses, _ = run(tmp_path, {A: "甲\n", B: "乙\n"}, force=True)
    assert statuses[A] == "new" and (tmp_path / A).exists()


def test_force_backs_up_the_hand_edit(tmp_path):
    run(tmp_path, {A: "甲\n"})
    (tmp_path / A).write_text("人工\n", encoding="utf-8")
    statuses, report = run(tmp_path, {A: "甲二\n"}, force=True)
    assert statuses[A] == "overwritten"
    assert (tmp_path / A).read_text(encoding="utf-8") == "甲二\n"
    (backup,) = report.backups
    assert Path(backup).read_text(encoding="utf-8") == "人工\n"
    assert Path(backup).is_relative_to(tmp_path / BACKUP)


def test_check_writes_nothing(tmp_path):
    run(tmp_path, {A: "甲\n"})
    (tmp_path / A).write_text("人工\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    statuses, report = run(tmp_path, {A: "甲二\n", B: "乙\n"}, check=True)
    assert statuses == {A: "kept-hand-edit", B: "new"}
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    statuses, report = run(tmp_path, {A: "甲二\n"}, check=True, force=True)
    assert statuses[A] == "overwritten" and report.backups
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_stale_pages_are_removed_unless_edited(tmp_path):
    two, three = "articles/p/02.md", "articles/p/03.md"
    run(tmp_path, {A: "甲\n", two: "二\n", three: "三\n", B: "乙\n"})
    (tmp_path / three).write_text("三（人工）\n", encoding="utf-8")
    _, report = run(tmp_path, {A: "甲\n", B: "乙\n"})
    assert not (tmp_path / two).exists()
    assert (tmp_path / three).read_text(encoding="utf-8") == "三（人工）\n"
    assert report.status["removed-stale"] == 1 and three in report.kept
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert two not in manifest


def test_pages_of_sources_not_converted_this_run_are_left_alone(tmp_path):
    other = "articles/q/01.md"
    run(tmp_path, {A: "甲\n", other: "丙\n"})
    writer = DocsWriter(tmp_path)
    writer.write(A, "甲\n")
    writer.remove_stale({"p"})
    writer.finish()
    assert (tmp_path / other).exists()


def test_corrupt_manifest_is_treated_as_empty(tmp_path):
    run(tmp_path, {A: "甲\n"})
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    statuses, _ = run(tmp_path, {A: "甲二\n"})
    assert statuses[A] == "kept-hand-edit"        # unknown origin: never overwritten


def test_files_are_written_as_utf8_with_lf(tmp_path):
    run(tmp_path, {A: "第一行\n第二行\n"})
    assert (tmp_path / A).read_bytes() == "第一行\n第二行\n".encode("utf-8")
