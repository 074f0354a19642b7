"""A damaged or lost manifest (docs/.converter.json): the run stops, writes
nothing, and says what is wrong and the way out; --rebuild-manifest then
keeps every hand edit and every hand deletion. An empty or new docs folder
starts a manifest."""
from __future__ import annotations

import json

import pytest

from helpers import convert_here as convert, make_pages, pages, snapshot, stderr_pages

PAGES = 30


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    base = tmp_path_factory.mktemp("manifest")
    src, changed = make_pages(base / "src", PAGES), make_pages(base / "changed", PAGES, version=1)
    docs = base / "docs"
    assert convert("--src", src, "--out", docs).returncode == 0
    return dict(base=base, src=src, changed=changed, docs=docs, tree=snapshot(docs))


def damaged(archive, tmp_path, how: str):
    """A copy of the archive with a hand edit, a hand deletion and the manifest damaged `how`."""
    docs = tmp_path / "docs"
    for rel, data in archive["tree"].items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_bytes(data)
    edited, deleted = docs / "articles/p002/01.md", docs / "articles/p005/01.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n人工补充的一段。\n", encoding="utf-8")
    deleted.unlink()
    manifest = docs / ".converter.json"
    data = manifest.read_bytes()
    {"truncated": lambda: manifest.write_bytes(data[:len(data) // 2]),
     "emptied": lambda: manifest.write_bytes(b""),
     "deleted": manifest.unlink,
     "garbage": lambda: manifest.write_bytes(b"\x00\xff<<<<<<< HEAD\n"),
     "wrong shape": lambda: manifest.write_text(json.dumps(["articles/p002/01.md"]), encoding="utf-8")}[how]()
    return docs, edited, deleted


HOW = ["truncated", "emptied", "deleted", "garbage", "wrong shape"]


@pytest.mark.parametrize("how", HOW)
def test_a_damaged_manifest_stops_the_run_and_writes_nothing(archive, tmp_path, how):
    docs, _, _ = damaged(archive, tmp_path, how)
    before = snapshot(docs)
    for extra in ([], ["--force"]):
        proc = convert("--src", archive["changed"], "--out", docs, *extra)
        assert proc.returncode == 2, proc.stderr
        assert f"error: {docs / '.converter.json'}" in proc.stderr
        assert "--rebuild-manifest" in proc.stderr and "Traceback" not in proc.stderr
        assert snapshot(docs) == before


@pytest.mark.parametrize("how", HOW)
def test_rebuild_manifest_keeps_hand_edits_and_deletions(archive, tmp_path, how):
    docs, edited, deleted = damaged(archive, tmp_path, how)
    hand = edited.read_bytes()
    proc = convert("--src", archive["changed"], "--out", docs, "--rebuild-manifest")
    assert proc.returncode == 0, proc.stderr
    assert edited.read_bytes() == hand and not deleted.exists()
    assert str(edited) in stderr_pages(proc.stderr, "kept hand edit:")
    assert stderr_pages(proc.stderr, "not recreated:") == {str(deleted)}
    # every existing page is taken as hand-edited: none is overwritten …
    assert {rel: data for rel, data in pages(snapshot(docs)).items()} == \
        {rel: data for rel, data in pages(archive["tree"]).items() if rel != "articles/p005/01.md"} | \
        {"articles/p002/01.md": hand}
    # … and the new manifest remembers the deletion on the next plain run
    again = convert("--src", archive["changed"], "--out", docs)
    assert again.returncode == 0 and stderr_pages(again.stderr, "not recreated:") == {str(deleted)}


def test_an_empty_or_new_docs_folder_starts_a_manifest(archive, tmp_path):
    for docs in (tmp_path / "new", tmp_path / "empty"):
        if docs.name == "empty":
            docs.mkdir()
            (docs / "index.md").write_text("# 首页（人工）\n", encoding="utf-8")   # not a converter page
        proc = convert("--src", archive["src"], "--out", docs)
        assert proc.returncode == 0, proc.stderr
        manifest = json.loads((docs / ".converter.json").read_text(encoding="utf-8"))
        assert len(manifest) == 2 * PAGES
