"""Two converter runs on one docs folder: the second waits for the first
(or, past --wait, refuses with a message naming the holder); neither reports
a false hand edit nor loses a manifest entry."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from helpers import CONVERT, ROOT, convert, env, make_pages, pages, snapshot, stderr_pages
from newsarchive.writer import DocsLock, digest

PAGES = 100


@pytest.fixture(scope="module")
def ref(tmp_path_factory):
    base = tmp_path_factory.mktemp("two")
    src = make_pages(base / "src", PAGES)
    changed = make_pages(base / "changed", PAGES, version=1)
    proc = convert("--src", src, "--out", base / "ref")
    assert proc.returncode == 0, proc.stderr
    return dict(base=base, src=src, changed=changed, ref=pages(snapshot(base / "ref")))


def both(*argss) -> list[subprocess.CompletedProcess]:
    procs = [subprocess.Popen([sys.executable, str(CONVERT), *map(str, args)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env()) for args in argss]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def summary(stderr: str) -> tuple[int, int]:
    line = next(line for line in stderr.splitlines() if "pages:" in line)
    new = int(line.split("pages: ")[1].split(" new")[0])
    unchanged = int(line.split(" updated, ")[1].split(" unchanged")[0])
    return new, unchanged


def test_two_runs_at_once_on_a_new_folder(ref, tmp_path):
    docs = tmp_path / "docs"
    runs = both(("--src", ref["src"], "--out", docs), ("--src", ref["src"], "--out", docs))
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert "kept hand edit" not in run.stderr and "Traceback" not in run.stderr
    # one wrote every page, the other (after it, holding the lock in turn) found them unchanged
    assert sorted(summary(run.stderr) for run in runs) == [(0, 2 * PAGES), (2 * PAGES, 0)]
    tree = snapshot(docs)
    assert pages(tree) == ref["ref"]
    manifest = json.loads(tree[".converter.json"])
    assert manifest == {rel: digest(data) for rel, data in ref["ref"].items()}


def test_two_runs_at_once_over_hand_edits(ref, tmp_path):
    docs = tmp_path / "docs"
    assert convert("--src", ref["src"], "--out", docs).returncode == 0
    edited, deleted = docs / "articles" / "p003" / "01.md", docs / "articles" / "p004" / "01.md"
    hand = edited.read_text(encoding="utf-8") + "\n人工补充。\n"
    edited.write_text(hand, encoding="utf-8")
    deleted.unlink()
    runs = both(("--src", ref["changed"], "--out", docs), ("--src", ref["changed"], "--out", docs))
    for run in runs:
        assert run.returncode == 0, run.stderr
        assert stderr_pages(run.stderr, "kept hand edit:") == {str(edited)}, run.stderr
        assert stderr_pages(run.stderr, "not recreated:") == {str(deleted)}, run.stderr
    assert edited.read_text(encoding="utf-8") == hand and not deleted.exists()
    manifest = json.loads((docs / ".converter.json").read_text(encoding="utf-8"))
    assert len(manifest) == 2 * PAGES             # the deleted page is remembered, nothing lost


def test_a_second_run_waits_while_the_folder_is_held(ref, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    with DocsLock(docs):
        proc = subprocess.Popen([sys.executable, str(CONVERT), "--src", str(ref["src"]), "--out", str(docs),
                                 "--wait", "300"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                cwd=ROOT, env=env())
        line = proc.stderr.readline()            # blocks until the converter says it waits
        assert "waiting for another converter run" in line and str(docs) in line, line
        assert not (docs / "sources").exists()   # and it writes nothing while it waits
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err
    assert pages(snapshot(docs)) == ref["ref"]


def test_past_its_wait_a_run_refuses_naming_the_holder(ref, tmp_path):
    docs = tmp_path / "docs"
    assert convert("--src", ref["src"], "--out", docs).returncode == 0
    before = snapshot(docs)
    with DocsLock(docs):
        for wait in ("0", "0.5"):
            proc = convert("--src", ref["changed"], "--out", docs, "--wait", wait)
            assert proc.returncode == 2
            assert f"another converter run (pid {os.getpid()}" in proc.stderr, proc.stderr
            assert "--wait" in proc.stderr and "Traceback" not in proc.stderr
            assert {rel: data for rel, data in snapshot(docs).items() if rel != ".converter.lock"} == \
                {rel: data for rel, data in before.items() if rel != ".converter.lock"}
