"""scripts/convert.py end to end: golden output, bad input, hand edits.

The golden test runs the converter in-process (as tests/regenerate_golden.py
does); the bad-input and hand-edit tests run the real CLI in a subprocess on
temporary folders.
"""
from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive import schema
from regenerate_golden import GOLDEN, ROOT, convert_one, golden_inputs, read_tree

CONVERT = ROOT / "scripts" / "convert.py"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
HINT = ("\nIf this change of output is deliberate, run `make golden` (python tests/regenerate_golden.py) "
        "and review `git diff tests/golden` before committing.")


# ── golden files ──

@pytest.mark.parametrize("page", golden_inputs(), ids=lambda p: p.stem)
def test_golden(page, tmp_path):
    golden = GOLDEN / page.stem
    assert golden.is_dir(), f"no golden output for {page.relative_to(ROOT)}." + HINT
    code, err = convert_one(page, tmp_path / "docs")
    assert code == 0, err
    got, want = read_tree(tmp_path / "docs"), read_tree(golden)
    problems = []
    for rel in sorted(set(want) - set(got)):
        problems.append(f"missing: {rel} (in golden, not written by the converter)")
    for rel in sorted(set(got) - set(want)):
        problems.append(f"extra: {rel} (written by the converter, not in golden)")
    # the manifest holds the pages' hashes: compared only when the pages agree
    common = sorted(set(got) & set(want), key=lambda rel: (rel == ".converter.json", rel))
    for rel in common:
        if rel == ".converter.json" and problems:
            continue
        if got[rel] != want[rel]:
            diff = difflib.unified_diff(want[rel].splitlines(), got[rel].splitlines(),
                                        f"golden/{page.stem}/{rel}", f"converter/{rel}", lineterm="", n=2)
            problems.append("\n".join(diff))
    assert not problems, f"{page.name}: output differs from tests/golden/{page.stem}/\n\n" + "\n\n".join(problems) + HINT


def test_every_golden_folder_has_its_input_page():
    stems = {p.stem for p in golden_inputs()}
    stale = sorted(d.name for d in GOLDEN.iterdir() if d.is_dir() and d.name not in stems)
    assert not stale, f"golden folders without an input page: {stale}" + HINT


def test_golden_pages_pass_the_schema():
    for page in golden_inputs():
        for path in sorted((GOLDEN / page.stem).rglob("*.md")):
            meta = schema.read_page(path).meta
            assert meta["source"] == page.name


# ── the CLI in a subprocess ──

def run(*args: str | Path, check: int | None = 0) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    proc = subprocess.run([sys.executable, str(CONVERT), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=300)
    if check is not None:
        assert proc.returncode == check, f"exit {proc.returncode}, expected {check}\n{proc.stderr}"
    return proc


def files_of(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


GOOD_TEXT = (ROOT / "seeds" / "001_567314c39f3d4d23.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    """One CLI run over a folder of good and bad pages."""
    base = tmp_path_factory.mktemp("bad")
    src = base / "src"
    src.mkdir()
    shutil.copy(SEEDS[0], src / SEEDS[0].name)
    shutil.copy(SEEDS[2], src / SEEDS[2].name)
    (src / "gbk_page.txt").write_bytes(GOOD_TEXT.encode("gbk"))
    (src / "empty.txt").write_bytes(b"")
    (src / "blank.txt").write_bytes(b" \n\n\t\n")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (src / "truncated.txt").write_bytes(GOOD_TEXT.encode("utf-8")[:-1] + "高".encode()[:2])
    (src / "undecodable.txt").write_bytes("淄博高新区".encode() + b"\xff\xfe\xfa\xfb" * 50 + "发展".encode())
    (src / "notes.md").write_text("not a page", encoding="utf-8")     # not *.txt: ignored
    out = base / "docs"
    return src, out, run("--src", src, "--out", out, check=None)


BAD = ["empty.txt", "blank.txt", "binary.txt", "truncated.txt", "undecodable.txt"]


def test_bad_inputs_exit_2(bad_inputs):
    _, _, proc = bad_inputs
    assert proc.returncode == 2, proc.stderr


@pytest.mark.parametrize("name", BAD)
def test_each_bad_file_is_named_on_stderr(bad_inputs, name):
    src, _, proc = bad_inputs
    lines = [line for line in proc.stderr.splitlines() if name in line]
    assert lines, f"{name} not named on stderr:\n{proc.stderr}"
    assert any(line.startswith("error:") for line in lines), lines
    assert name not in proc.stdout


def test_bad_file_messages_say_what_is_wrong(bad_inputs):
    _, _, proc = bad_inputs
    # what is said after the file's name (the name itself says "empty", "binary", …)
    message = {name: next(l for l in proc.stderr.splitlines() if name in l).split(f"{name}: ", 1)[1].lower()
               for name in BAD}
    assert "empty" in message["empty.txt"] and "empty" in message["blank.txt"]
    assert "binary" in message["binary.txt"]
    assert "truncated" in message["truncated.txt"]
    assert "converter error" not in " ".join(message.values())


def test_good_and_gbk_pages_are_converted_despite_bad_ones(bad_inputs):
    src, out, proc = bad_inputs
    for stem in (SEEDS[0].stem, SEEDS[2].stem, "gbk_page"):
        assert (out / "sources" / f"{stem}.md").is_file(), proc.stderr
        assert list((out / "articles" / stem).glob("*.md")), stem
    assert not (out / "sources" / "notes.md").exists()
    for name in BAD:
        assert not (out / "sources" / name.replace(".txt", ".md")).exists()
        assert not (out / "articles" / name.replace(".txt", "")).exists()
    assert "gbk_page" not in proc.stderr
    assert re.search(r"8 files \(5 failed\)", proc.stderr), proc.stderr


def test_gbk_page_converts_like_its_utf8_original(bad_inputs, tmp_path):
    src, out, _ = bad_inputs
    utf = tmp_path / "src"
    utf.mkdir()
    (utf / "gbk_page.txt").write_text(GOOD_TEXT, encoding="utf-8")
    code, err = convert_one(utf / "gbk_page.txt", tmp_path / "docs")
    assert code == 0, err
    for rel, content in read_tree(tmp_path / "docs").items():
        if rel.startswith("articles/"):
            assert (out / rel).read_text(encoding="utf-8") == content, rel
    source = (out / "sources" / "gbk_page.md").read_text(encoding="utf-8")
    assert "encoding: gb18030" in source


def test_missing_source_folder(tmp_path):
    proc = run("--src", tmp_path / "nope", "--out", tmp_path / "docs", check=2)
    assert "nope" in proc.stderr
    assert not (tmp_path / "docs").exists()


# ── hand edits ──

@pytest.fixture(scope="module")
def hand_edits(tmp_path_factory):
    """The whole hand-edit story, one CLI run per step:

    1. convert two pages (and, for comparison, the same into a second folder with --jobs 2);
    2. a person edits article A, deletes article B; page C's source text changes;
       re-run → A kept and reported, B not recreated, C's untouched pages updated;
    3. --check reports and writes nothing;
    4. --force overwrites A after a backup and leaves B deleted; 5. a plain run after it.
    """
    base = tmp_path_factory.mktemp("hand")
    src, docs, docs2 = base / "src", base / "docs", base / "docs2"
    src.mkdir()
    a_src, c_src = SEEDS[3], SEEDS[1]          # 003 has six articles, 001 one
    shutil.copy(a_src, src / a_src.name)
    shutil.copy(c_src, src / c_src.name)
    steps = {}
    launch = {  # three independent runs at once: the two first runs, and --check on an empty docs folder
        "first": ["--src", src, "--out", docs],
        "second": ["--src", src, "--out", docs2, "--jobs", "2"],
        "check_new": ["--src", src, "--out", base / "docs3", "--check"],
    }
    procs = {name: subprocess.Popen([sys.executable, str(CONVERT), *map(str, args)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, cwd=ROOT) for name, args in launch.items()}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=300)
        steps[name] = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
        assert name == "check_new" or proc.returncode == 0, err
    steps["docs3"] = base / "docs3"
    steps["after_first"] = files_of(docs)
    steps["second_tree"] = files_of(docs2)

    stem_a, stem_c = a_src.stem, c_src.stem
    edited = docs / "articles" / stem_a / "01.md"
    deleted = docs / "articles" / stem_a / "02.md"
    original_edited = edited.read_text(encoding="utf-8")
    hand_text = original_edited.replace("\n\n", "\n\n校对注：此段经人工核对。\n\n", 1) + "\n人工补充的一段。\n"
    edited.write_text(hand_text, encoding="utf-8")
    deleted.unlink()
    # C's source changes: its output changes, and none of its pages was touched by hand
    (src / c_src.name).write_text(c_src.read_text(encoding="utf-8").replace("淄博", "淄川", 3), encoding="utf-8")
    steps["rerun"] = run("--src", src, "--out", docs)
    steps["after_rerun"] = files_of(docs)

    steps["check"] = run("--src", src, "--out", docs, "--check", check=None)
    steps["after_check"] = files_of(docs)

    steps["force"] = run("--src", src, "--out", docs, "--force")
    steps["after_force"] = files_of(docs)
    steps["again"] = run("--src", src, "--out", docs)
    steps["after_again"] = files_of(docs)
    return dict(steps, docs=docs, stem_a=stem_a, stem_c=stem_c, hand_text=hand_text,
                original_edited=original_edited, edited=f"articles/{stem_a}/01.md",
                deleted=f"articles/{stem_a}/02.md")


def test_two_runs_give_identical_files(hand_edits):
    """Two runs in separate processes (different hash seeds, --jobs 1 and 2)."""
    assert hand_edits["after_first"] == hand_edits["second_tree"]


def test_hand_edit_is_kept_and_reported(hand_edits):
    h = hand_edits
    assert h["after_rerun"][h["edited"]].decode("utf-8") == h["hand_text"]
    stderr = h["rerun"].stderr
    assert re.search(rf"kept hand edit: .*{re.escape(h['edited'])}", stderr), stderr


def test_page_deleted_by_hand_is_not_recreated(hand_edits):
    h = hand_edits
    assert h["deleted"] not in h["after_rerun"]
    assert re.search(rf"not recreated: .*{re.escape(h['deleted'])}", h["rerun"].stderr)


def test_untouched_pages_are_updated_when_the_output_changes(hand_edits):
    h = hand_edits
    changed = [rel for rel in h["after_first"] if h["stem_c"] in rel and rel in h["after_rerun"]
               and h["after_first"][rel] != h["after_rerun"][rel]]
    assert f"sources/{h['stem_c']}.md" in changed
    assert any(rel.startswith(f"articles/{h['stem_c']}/") for rel in changed)
    assert "淄川" in h["after_rerun"][f"articles/{h['stem_c']}/01.md"].decode("utf-8")
    # the other untouched pages of A are unchanged
    for rel, content in h["after_first"].items():
        if rel.startswith(f"articles/{h['stem_a']}/") and rel not in (h["edited"], h["deleted"]):
            assert h["after_rerun"][rel] == content, rel
    assert "updated" in h["rerun"].stderr


def test_manifest_records_what_the_converter_wrote(hand_edits):
    h = hand_edits
    manifest = json.loads(h["after_rerun"][".converter.json"])
    assert h["deleted"] in manifest            # remembered, so it is not recreated
    assert set(manifest) >= {rel for rel in h["after_rerun"] if rel.endswith(".md")}


def test_check_reports_and_writes_nothing(hand_edits):
    h = hand_edits
    proc = h["check"]
    assert h["after_check"] == h["after_rerun"]
    assert proc.returncode == 0, proc.stderr      # only the kept edit and the deleted page: nothing would change
    assert "kept hand edit" in proc.stderr and h["edited"] in proc.stderr


def test_check_exits_1_when_something_would_change(hand_edits):
    proc = hand_edits["check_new"]
    assert proc.returncode == 1, proc.stderr
    assert "would be new" in proc.stdout
    docs3 = hand_edits["docs3"]
    assert not docs3.exists() or not [p for p in docs3.rglob("*") if p.is_file()]


def test_force_overwrites_with_a_backup(hand_edits):
    h = hand_edits
    after = h["after_force"]
    assert after[h["edited"]].decode("utf-8") == h["original_edited"]
    backups = [rel for rel in after if rel.startswith(".backup/") and rel.endswith(h["edited"])]
    assert len(backups) == 1, sorted(after)
    assert after[backups[0]].decode("utf-8") == h["hand_text"]
    assert "backup:" in h["force"].stderr
    # a page deleted by hand stays deleted under --force, and --force says so
    assert h["deleted"] not in after
    assert re.search(rf"not recreated: .*{re.escape(h['deleted'])} \(deleted by hand, even with --force; "
                     rf"--recreate .*{re.escape(h['deleted'])} brings it back\)", h["force"].stderr), h["force"].stderr


def test_after_force_a_plain_run_changes_nothing(hand_edits):
    h = hand_edits
    assert h["after_again"] == h["after_force"]
    assert "kept hand edit" not in h["again"].stderr


def test_malformed_front_matter_in_a_hand_edited_page_names_the_file(hand_edits, tmp_path):
    h = hand_edits
    page = tmp_path / "articles" / "x" / "01.md"
    page.parent.mkdir(parents=True)
    good = h["after_force"][h["edited"]].decode("utf-8")
    for broken, words in [
        (good.replace("title: ", "title: [", 1), "not valid YAML"),
        (good.replace("---\n", "", 1), "no front matter"),
        (re.sub(r"^title: .*$", "title: ''", good, count=1, flags=re.M), "'title'"),
        (re.sub(r"^order: .*$", "order: 第一", good, count=1, flags=re.M), "'order'"),
        (re.sub(r"^raw_lines: .*$", "raw_lines: [9, 3]", good, count=1, flags=re.M), "'raw_lines'"),
    ]:
        assert broken != good
        page.write_text(broken, encoding="utf-8")
        with pytest.raises(schema.FrontMatterError) as info:
            schema.read_page(page)
        assert str(page) in str(info.value) and words in str(info.value), str(info.value)


def test_two_inputs_with_the_same_safe_stem_do_not_overwrite_each_other(tmp_path):
    """'报纸 1.txt' and '报纸-1.txt' both have the stem 报纸-1: the second page's
    output must not silently replace the first's (each source keeps a page)."""
    import contextlib
    import io

    from newsarchive import convert

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS[1], src / "报纸 1.txt")
    shutil.copy(SEEDS[2], src / "报纸-1.txt")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = convert.main(["--src", str(src), "--out", str(tmp_path / "docs")])
    sources = {schema.read_page(p).meta["source"] for p in (tmp_path / "docs").rglob("*.md")}
    assert code == 0, err.getvalue()
    assert sources == {"报纸 1.txt", "报纸-1.txt"}, (sources, err.getvalue())
    assert len(list((tmp_path / "docs" / "sources").glob("*.md"))) == 2


def test_explain_prints_the_rules_for_one_file_and_writes_nothing(tmp_path, capsys):
    from newsarchive import convert

    out = tmp_path / "docs"
    code = convert.main(["--src", str(ROOT / "seeds"), "--out", str(out), "--explain", SEEDS[1].name])
    printed = capsys.readouterr().out
    assert code == 0
    assert not out.exists()
    rules = {line.split()[1] for line in printed.splitlines() if line.strip()}
    assert {"fullwidth_punctuation_in_chinese", "segment_articles"} <= rules
    assert any(line.split()[0].startswith("L") for line in printed.splitlines())
    assert convert.main(["--src", str(ROOT / "seeds"), "--out", str(out), "--explain", "nope.txt"]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_out_that_is_a_file_is_a_clear_error(tmp_path, capsys):
    """--out naming an existing file: exit 2 with a message naming it, not a traceback."""
    from newsarchive import convert

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS[1], src / SEEDS[1].name)
    out = tmp_path / "docs.md"
    out.write_text("not a folder\n", encoding="utf-8")
    assert convert.main(["--src", str(src), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "not a folder\n"


def test_a_converter_error_on_one_page_does_not_stop_the_others(tmp_path, monkeypatch, capsys):
    from newsarchive import convert

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEEDS[1], src / "good.txt")
    shutil.copy(SEEDS[2], src / "boom.txt")
    real = convert.build_page

    def build_page(raw):
        if raw.name == "boom.txt":
            raise RuntimeError("simulated bug")
        return real(raw)

    monkeypatch.setattr(convert, "build_page", build_page)
    assert convert.main(["--src", str(src), "--out", str(tmp_path / "docs")]) == 2
    err = capsys.readouterr().err
    assert re.search(r"error: .*boom\.txt: converter error: RuntimeError: simulated bug", err), err
    assert (tmp_path / "docs" / "sources" / "good.md").is_file()
    assert not (tmp_path / "docs" / "sources" / "boom.md").exists()


def test_explain_prints_each_block_with_its_kind_and_weighed_evidence(tmp_path):
    """--explain: for each block the kind given and the evidence with its weights."""
    import subprocess
    import sys as _sys

    src = tmp_path / "src"
    src.mkdir()
    (src / "p.txt").write_text("2020年1月1日 星期三\n\n意气风发走进新时代\n\n欧阳辉\n\n"
                               "中国特色社会主义进入新时代，这是我国发展新的历史方位。办事群众可扫描专属二维码评价服务，"
                               "评价结果纳入考核。\n", encoding="utf-8")
    run = subprocess.run([_sys.executable, str(ROOT / "scripts" / "convert.py"), "--src", str(src), "--explain", "p.txt"],
                         capture_output=True, text=True)
    out = run.stdout
    assert "furniture '2020年1月1日 星期三' ← furniture_form +3" in out
    line = next(x for x in out.splitlines() if "'欧阳辉'" in x and " kind " in x)
    assert "byline '欧阳辉' ←" in line and "name_form +2" in line and "under_a_title +2" in line
    assert "prose_in_flow -4" in out and "furniture_form +1" in out    # the QR word weighed against the prose


def test_a_worker_whose_converter_is_already_gone_ends(tmp_path):
    """The worker is told its converter's pid: started when that one is no
    longer its parent (killed before the worker's initializer ran), it ends."""
    code = ("import time\nfrom newsarchive.convert import exit_with_parent\n"
            "exit_with_parent(1)\ntime.sleep(30)\n")           # pid 1 is not this process's parent
    done = subprocess.run([sys.executable, "-c", code], timeout=20, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "scripts")})
    assert (done.returncode, done.stderr) == (1, "")
