"""writer.py: DocsWriter never loses a hand edit (in-process; the CLI story
is in tests/test_convert_cli.py)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsarchive.writer import (BACKUP, JOURNAL, LOCK, MANIFEST, TMP_SUFFIX, DocsLock, DocsWriter, LockError,
                                ManifestError, digest)

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
    with pytest.raises(ManifestError):          # pages but no manifest: who wrote them?
        run(tmp_path, {A: "甲\n"})
    statuses, _ = run(tmp_path, {A: "甲\n"}, rebuild_manifest=True)
    assert statuses[A] == "kept-hand-edit"
    assert (tmp_path / A).read_text(encoding="utf-8") == "手写的页面\n"


def test_a_docs_folder_with_other_pages_but_no_manifest_starts_one(tmp_path):
    (tmp_path / "index.md").write_text("# 首页\n", encoding="utf-8")
    statuses, _ = run(tmp_path, {A: "甲\n"})
    assert statuses[A] == "new" and (tmp_path / MANIFEST).is_file()


def test_deleted_page_is_not_recreated_even_with_force(tmp_path):
    run(tmp_path, {A: "甲\n", B: "乙\n"})
    (tmp_path / A).unlink()
    statuses, report = run(tmp_path, {A: "甲\n", B: "乙\n"})
    assert statuses[A] == "deleted-by-hand" and report.skipped_deleted == [A]
    assert not (tmp_path / A).exists()
    statuses, report = run(tmp_path, {A: "甲二\n", B: "乙\n"}, force=True)
    assert statuses[A] == "deleted-by-hand" and report.skipped_deleted == [A]
    assert not (tmp_path / A).exists()
    statuses, _ = run(tmp_path, {A: "甲二\n", B: "乙\n"}, recreate={str(tmp_path / A)})
    assert statuses[A] == "recreated" and (tmp_path / A).read_text(encoding="utf-8") == "甲二\n"


ART = "---\ntitle: 甲\nslug: p-01\n---\n\n正文。\n"


def test_page_moved_by_hand_is_not_recreated(tmp_path):
    run(tmp_path, {A: ART})
    (tmp_path / "articles" / "q").mkdir(parents=True)
    (tmp_path / A).rename(tmp_path / "articles" / "q" / "05.md")
    for force in (False, True):
        statuses, report = run(tmp_path, {A: ART.replace("正文", "新正文")}, force=force)
        assert statuses[A] == "moved-by-hand"
        assert report.moved == [(A, "articles/q/05.md")]
        assert not (tmp_path / A).exists()


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


@pytest.mark.parametrize("damage, words", [(b"", "is empty"), (b"{not json", "not valid JSON"),
                                           (b'{"articles/p/01.md": 3}', "not a mapping"), (None, "is missing"),
                                           (b"\xff\xfe{", "not UTF-8")])
def test_damaged_manifest_stops_the_run_with_the_way_out(tmp_path, damage, words):
    run(tmp_path, {A: "甲\n", B: "乙\n"})
    (tmp_path / A).unlink()                       # a deletion the damaged manifest no longer proves
    if damage is None:
        (tmp_path / MANIFEST).unlink()
    else:
        (tmp_path / MANIFEST).write_bytes(damage)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(ManifestError) as info:
        DocsWriter(tmp_path)
    message = str(info.value)
    assert str(tmp_path / MANIFEST) in message and words in message and "--rebuild-manifest" in message
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before
    # the way out: existing pages are hand edits, missing pages of a converted source were deleted
    statuses, report = run(tmp_path, {A: "甲\n", B: "乙二\n"}, rebuild_manifest=True)
    assert statuses == {A: "deleted-by-hand", B: "kept-hand-edit"}
    assert not (tmp_path / A).exists() and (tmp_path / B).read_text(encoding="utf-8") == "乙\n"
    statuses, _ = run(tmp_path, {A: "甲\n", B: "乙二\n"})            # and the new manifest remembers it
    assert statuses == {A: "deleted-by-hand", B: "kept-hand-edit"}


# ── crash safety ──

def test_a_kill_after_the_pages_before_the_manifest_leaves_no_false_hand_edit(tmp_path):
    """The journal: pages renamed into place, then the process dies before finish()."""
    run(tmp_path, {A: "甲\n", B: "乙\n"})
    writer = DocsWriter(tmp_path)
    writer.write(A, "甲二\n")
    writer._commit()                   # written and journalled …
    assert (tmp_path / A).read_text(encoding="utf-8") == "甲二\n"
    os.close(writer._journal)          # … and the process dies: no finish(), no manifest update
    assert json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))[A] == digest("甲\n")
    assert (tmp_path / JOURNAL).exists()
    statuses, report = run(tmp_path, {A: "甲三\n", B: "乙\n"})
    assert statuses[A] == "updated", report.notes          # not "kept-hand-edit"
    assert (tmp_path / A).read_text(encoding="utf-8") == "甲三\n"
    assert any("interrupted run" in note for note in report.notes)
    assert not (tmp_path / JOURNAL).exists()


def test_a_torn_journal_line_is_ignored(tmp_path):
    run(tmp_path, {A: "甲\n"})
    (tmp_path / A).write_text("人工\n", encoding="utf-8")
    (tmp_path / JOURNAL).write_bytes(b'{"page": "articles/p/01.md", "wrote": "' + digest("人工\n").encode()[:20])
    statuses, _ = run(tmp_path, {A: "甲二\n"})
    assert statuses[A] == "kept-hand-edit"


def test_a_journal_entry_does_not_vouch_for_a_page_edited_since(tmp_path):
    run(tmp_path, {A: "甲\n"})
    (tmp_path / JOURNAL).write_text(json.dumps({"page": A, "wrote": digest("甲二\n")}) + "\n", encoding="utf-8")
    (tmp_path / A).write_text("人工\n", encoding="utf-8")
    statuses, _ = run(tmp_path, {A: "甲二\n"})
    assert statuses[A] == "kept-hand-edit"


@pytest.mark.parametrize("torn", [lambda b: b[:b.index("发展".encode()) + 1],     # mid-character
                                  lambda b: b[:b.index("发展".encode())],         # a clean cut, no line end
                                  lambda b: b""], ids=["mid-character", "clean-cut", "empty"])
def test_a_torn_page_is_repaired_not_kept(tmp_path, torn):
    """A page cut off by an older converter (written in place): not a hand edit."""
    content = "---\ntitle: 淄博高新区\nslug: p-01\n---\n\n今年以来，淄博高新区发展。\n"
    run(tmp_path, {A: content})
    cut = torn(content.encode("utf-8"))
    (tmp_path / A).write_bytes(cut)
    (tmp_path / MANIFEST).write_text(json.dumps({A: digest("older")}), encoding="utf-8")
    statuses, report = run(tmp_path, {A: content})
    assert statuses[A] == "repaired" and report.repaired[0][0] == A
    assert (tmp_path / A).read_text(encoding="utf-8") == content
    (backup,) = report.backups
    assert Path(backup).read_bytes() == cut                # the broken copy is not lost either


def test_temporary_files_of_a_killed_run_are_removed(tmp_path):
    run(tmp_path, {A: "甲\n"})
    left = tmp_path / "articles" / "p" / f".0123abcd{TMP_SUFFIX}"
    left.write_bytes(b"half")
    run(tmp_path, {A: "甲\n"})
    assert not left.exists()
    assert not [p for p in tmp_path.rglob(f"*{TMP_SUFFIX}")]


def test_a_write_that_fails_is_reported_and_the_others_go_on(tmp_path):
    run(tmp_path, {A: "甲\n"})
    (tmp_path / "articles" / "x").write_text("a file where a folder must be\n", encoding="utf-8")
    writer = DocsWriter(tmp_path)
    assert writer.write("articles/x/01.md", "丙\n") == "failed"
    assert writer.write(B, "乙\n") == "new"
    report = writer.finish()
    assert len(report.errors) == 1 and "articles/x/01.md" in report.errors[0]
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert "articles/x/01.md" not in manifest and B in manifest


# ── one run at a time ──

def test_a_second_lock_waits_then_refuses_naming_the_holder(tmp_path):
    messages = []
    with DocsLock(tmp_path):
        assert str(os.getpid()) in (tmp_path / LOCK).read_text(encoding="utf-8")
        with pytest.raises(LockError) as info:
            DocsLock(tmp_path, wait=0.3, on_wait=messages.append).acquire()
    assert f"pid {os.getpid()}" in str(info.value) and "--wait" in str(info.value)
    assert messages and "waiting" in messages[0]
    assert not (tmp_path / LOCK).exists()                # removed by its holder
    with DocsLock(tmp_path, wait=0):                     # free again
        pass


def test_a_lock_left_by_a_dead_process_does_not_block(tmp_path):
    (tmp_path / LOCK).write_text("99999999 2026-01-01T00:00:00\n", encoding="utf-8")
    with DocsLock(tmp_path, wait=0):
        assert str(os.getpid()) in (tmp_path / LOCK).read_text(encoding="utf-8")


def test_files_are_written_as_utf8_with_lf(tmp_path):
    run(tmp_path, {A: "第一行\n第二行\n"})
    assert (tmp_path / A).read_bytes() == "第一行\n第二行\n".encode("utf-8")
