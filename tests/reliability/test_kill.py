"""kill -9 at random points of a 500-page run: after every kill each page is
whole (the converter's old or new version, or what the person wrote), and a
plain re-run recovers with every hand edit, deletion and move intact and no
false "kept hand edit".

The kills are random but seeded (RELIABILITY_SEED, printed), so a failure can
be replayed. Half of them fall anywhere in a run, the others while the
converter holds the docs folder (between taking the lock and the end), which
is where pages, the journal and the manifest are written.
"""
from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest

from helpers import convert, make_pages, pages, snapshot, start, stderr_pages, strict_build, wait_for_lock

PAGES = 500
KILLS_WHILE_WRITING = 12
KILLS_ANYWHERE = 10
MAX_RUNS = 60                   # bound on the loop: runs that end before their kill do not count
SEED = int(os.environ.get("RELIABILITY_SEED", "7"))


class Person:
    """What a person did to the docs folder, and what must therefore be there."""

    def __init__(self, docs: Path, rng: random.Random):
        self.docs, self.rng = docs, rng
        self.edited: dict[str, bytes] = {}      # page → what the person wrote
        self.deleted: set[str] = set()
        self.moved: dict[str, tuple[str, bytes]] = {}   # old page → (new place, content)

    def untouched_articles(self) -> list[str]:
        touched = set(self.edited) | self.deleted | set(self.moved) | {new for new, _ in self.moved.values()}
        return sorted(rel for rel in pages(snapshot(self.docs)) if rel.startswith("articles/p") and rel not in touched)

    def edit(self, rel: str) -> None:
        path = self.docs / rel
        text = path.read_text(encoding="utf-8").replace("本报讯", "本报讯（人工校对）", 1) + "\n校对者补充的一段。\n"
        path.write_text(text, encoding="utf-8")
        self.edited[rel] = text.encode("utf-8")

    def delete(self, rel: str) -> None:
        (self.docs / rel).unlink()
        self.deleted.add(rel)

    def move(self, rel: str) -> None:
        new = f"articles/hand/{len(self.moved) + 1:02d}.md"
        (self.docs / new).parent.mkdir(parents=True, exist_ok=True)
        (self.docs / rel).rename(self.docs / new)
        self.moved[rel] = (new, (self.docs / new).read_bytes())

    def act(self, edits: int, deletions: int, moves: int = 0) -> None:
        chosen = self.rng.sample(self.untouched_articles(), edits + deletions + moves)
        for rel in chosen[:edits]:
            self.edit(rel)
        for rel in chosen[edits:edits + deletions]:
            self.delete(rel)
        for rel in chosen[edits + deletions:]:
            self.move(rel)

    def check(self, refs: list[dict[str, bytes]]) -> int:
        """Everything the person did is intact and every other page is whole; return pages checked."""
        tree = pages(snapshot(self.docs))
        for rel, data in self.edited.items():
            assert tree.get(rel) == data, f"hand edit lost or changed: {rel}"
        for rel in self.deleted | set(self.moved):
            assert rel not in tree, f"page deleted or moved by hand came back: {rel}"
        for new, data in self.moved.values():
            assert tree.get(new) == data, f"page moved by hand lost or changed: {new}"
        mine = set(self.edited) | {new for new, _ in self.moved.values()}
        for rel, data in tree.items():
            if rel not in mine:
                assert any(ref.get(rel) == data for ref in refs), f"torn or foreign page: {rel} ({len(data)} bytes)"
        return len(tree)


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    rng = random.Random(SEED)
    base = tmp_path_factory.mktemp("kill")
    srcs = [make_pages(base / "src0", PAGES, 0), make_pages(base / "src1", PAGES, 1)]
    docs, ref1 = base / "docs", base / "ref1"

    # the first run (timed, to place the kills) and, at the same time, the reference for version 1
    other = start("--src", srcs[1], "--out", ref1)
    t0 = time.monotonic()
    first = start("--src", srcs[0], "--out", docs)
    assert wait_for_lock(first, docs)
    t_lock = time.monotonic()
    assert first.wait(timeout=600) == 0 and other.wait(timeout=600) == 0
    t_end = time.monotonic()
    refs = [pages(snapshot(docs)), pages(snapshot(ref1))]
    assert len(refs[0]) == 2 * PAGES and refs[0].keys() == refs[1].keys()
    assert all(refs[0][rel] != refs[1][rel] for rel in refs[0])    # every page changes between versions

    person = Person(docs, rng)
    person.act(edits=10, deletions=10, moves=3)
    for stem in rng.sample(range(PAGES), 2):                       # two source pages deleted too
        person.delete(f"sources/p{stem:03d}.md")

    modes = ["writing"] * KILLS_WHILE_WRITING + ["anywhere"] * KILLS_ANYWHERE
    rng.shuffle(modes)
    kills, runs, checked, log = [], 0, 0, []
    version = 0
    while modes and runs < MAX_RUNS:
        runs += 1
        version = 1 - version
        mode = modes[0]
        proc = start("--src", srcs[version], "--out", docs, "--jobs", "2" if runs % 4 == 0 else "1")
        if mode == "writing":
            if not wait_for_lock(proc, docs):
                continue
            delay = rng.uniform(0, max(0.05, t_end - t_lock))
        else:
            delay = rng.uniform(0, 0.8 * (t_end - t0))   # the first run shared the machine with another
        time.sleep(delay)
        if proc.poll() is not None:          # it finished first: not a kill
            log.append(f"run {runs}: ended before its kill ({mode}, {delay:.2f} s)")
            continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        modes.pop(0)
        kills.append((mode, round(delay, 3)))
        checked += person.check(refs)
        if len(kills) % 5 == 0:              # a person keeps working between the crashes
            person.act(edits=1, deletions=1)
    orphans = workers_left(docs)
    final = convert("--src", srcs[version], "--out", docs)
    again = convert("--src", srcs[version], "--out", docs)
    print(f"\nkill -9: seed {SEED}, {runs} runs, {len(kills)} kills "
          f"({sum(m == 'writing' for m, _ in kills)} while writing), {checked} pages checked after kills; "
          f"{len(person.edited)} hand edits, {len(person.deleted)} deletions, {len(person.moved)} moves kept")
    return dict(docs=docs, refs=refs, version=version, person=person, kills=kills, final=final, again=again,
                log=log, orphans=orphans)


def workers_left(docs: Path, grace: float = 10.0) -> list[str]:
    """Converter processes (workers of killed --jobs 2 runs) still alive for
    this docs folder once each has had `grace` seconds to notice."""
    deadline = time.monotonic() + grace
    while True:
        alive = []
        for proc in Path("/proc").iterdir():
            try:
                cmd = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if any(b"convert.py" in part for part in cmd) and str(docs).encode() in cmd:
                alive.append(proc.name)
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def test_workers_of_a_killed_run_end_with_it(story):
    assert story["orphans"] == []


def test_at_least_twenty_kills_and_some_while_writing(story):
    kills = story["kills"]
    assert len(kills) >= 20, story["log"]
    assert sum(mode == "writing" for mode, _ in kills) >= 10


def test_every_hand_edit_deletion_and_move_survives_the_recovery(story):
    assert story["final"].returncode == 0, story["final"].stderr
    story["person"].check(story["refs"])


def test_the_recovery_reports_exactly_the_hand_edits(story):
    person, docs, stderr = story["person"], story["docs"], story["final"].stderr
    assert stderr_pages(stderr, "kept hand edit:") == {str(docs / rel) for rel in person.edited}, stderr
    gone = stderr_pages(stderr, "not recreated:")
    assert gone == {str(docs / rel) for rel in person.deleted | set(person.moved)}, stderr
    assert "Traceback" not in stderr


def test_after_the_recovery_every_other_page_is_the_converters_current_one(story):
    person, ref = story["person"], story["refs"][story["version"]]
    tree = pages(snapshot(story["docs"]))
    mine = set(person.edited) | {new for new, _ in person.moved.values()}
    expected = {rel: data for rel, data in ref.items() if rel not in person.deleted | set(person.moved) | mine}
    assert {rel: data for rel, data in tree.items() if rel not in mine} == expected


def test_the_record_is_whole_and_nothing_is_left_behind(story):
    docs, person = story["docs"], story["person"]
    files = snapshot(docs)
    manifest = json.loads(files[".converter.json"])
    assert set(manifest) >= set(story["refs"][0]) - {new for new, _ in person.moved.values()}
    assert not [rel for rel in files if rel.endswith(".convtmp") or rel == ".converter.journal"]
    assert ".converter.lock" not in files


def test_a_second_run_changes_nothing(story):
    again = story["again"]
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 updated" in again.stderr and "0 torn writes repaired" in again.stderr
    assert stderr_pages(again.stderr, "kept hand edit:") == stderr_pages(story["final"].stderr, "kept hand edit:")


def test_the_strict_build_passes_after_the_recovery(story, tmp_path_factory):
    build = strict_build(tmp_path_factory.mktemp("kill-build"), story["docs"])
    assert build.returncode == 0, (build.stdout + build.stderr)[-4000:]
