"""The odd-name and bad-encoding folder: one CLI run over good pages and
more than thirty bad or strange inputs. Every bad input gets an error line
naming it and saying what is wrong; every strange but readable one is
converted (with a warning naming what was odd where there is one); the good
pages are converted; no traceback; exit code 2; nothing is lost (every
readable input's text is in its source page)."""
from __future__ import annotations

import codecs
import os
import re
import socket
from pathlib import Path

import pytest

from helpers import ROOT, convert
from newsarchive.reader import shown_path

GOOD = (ROOT / "seeds" / "001_567314c39f3d4d23.txt").read_text(encoding="utf-8")
SHORT = "淄博高新区发展很快\n\n本报讯 2023年以来，淄博高新区在科技创新等方面取得了一定成绩，新增企业35家。\n"
BIG5 = "臺灣新竹科學園區的半導體產業持續成長，營收創下新高。\n\n本報訊 園區今年新增廠商四十家。\n"
JAPANESE = "日本の経済は今年も緩やかに回復しています。東京では新しい技術の会社がたくさん生まれました。\n" * 3
KOREAN = "대한민국 첨단기술산업단지는 올해 들어 과학기술 혁신과 투자 유치에서 큰 성과를 거두었다.\n" * 3
RUSSIAN = "Технопарк в этом году привлёк новые компании и инвестиции в науку и технику.\n" * 3
GERMAN = "Der Technologiepark hat in diesem Jahr viele neue Unternehmen gewonnen. Größe, Straße, Maß.\n" * 3
LONG_NAME = "高" * 82 + " 版.txt"          # 254 bytes: legal, but with the hash suffix it would not be

# name → (bytes, words the error must hold); all refused
REFUSED: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\t\n  \n", "only white space"),
    "only-nul.txt": (b"\x00" * 64, "binary"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    "nul-in-utf8.txt": (SHORT.encode()[:30] + b"\x00\x00\x07" + SHORT.encode()[30:], "binary"),
    "truncated.txt": (GOOD.encode()[:-1], "truncated"),                 # cut in the last character
    "undecodable.txt": ("淄博".encode() + b"\xff\xfe\xfa\xfb" * 50 + "发展".encode(), "not utf-8, gb18030 or big5"),
    "broken-utf8.txt": (GOOD.encode()[:600] + b"\xff" + GOOD.encode()[600:], "invalid byte"),
    "shift-jis.txt": (JAPANESE.encode("shift_jis"), "shift-jis"),
    "euc-jp.txt": (JAPANESE.encode("euc_jp"), "euc-jp"),
    "euc-kr.txt": (KOREAN.encode("euc_kr"), "euc-kr"),
    "iso-2022-jp.txt": (JAPANESE.encode("iso2022_jp"), "iso-2022-jp"),
    "iso-2022-kr.txt": (KOREAN.encode("iso2022_kr"), "iso-2022-kr"),
    "cp1251.txt": (RUSSIAN.encode("cp1251"), "cp1251"),
    "latin-1.txt": (GERMAN.encode("latin-1"), "not chinese"),
    "utf16-broken.txt": (codecs.BOM_UTF16_LE + SHORT.encode("utf-16-le") + b"\x00\xd8", "broken utf-16"),
    "utf32-broken.txt": (codecs.BOM_UTF32_LE + SHORT.encode("utf-32-le") + b"\xff\xff\xff\x7f", "broken utf-32"),
    "utf16-nobom-broken.txt": (GOOD.encode("utf-16-le")[:400] + b"\x00\xdc" + GOOD.encode("utf-16-le")[400:],
                               "utf-16-le without a byte-order mark, but is broken"),
    "名字\n换行.txt": (SHORT.encode(), "control character (u+000a)"),
    "tab\there.txt": (SHORT.encode(), "control character (u+0009)"),
    "escape\x1b[31m.txt": (SHORT.encode(), "control character (u+001b)"),
    "spoof\u202etxt.exe.txt": (SHORT.encode(), "bidirectional control"),
}
# name → bytes; read and converted, with a warning holding these words (or none)
CONVERTED: dict[str, tuple[bytes, str | None]] = {
    "good.txt": (GOOD.encode(), None),
    "gbk.txt": (GOOD.encode("gbk"), None),
    "big5.txt": (BIG5.encode("big5"), None),
    "utf8-bom.txt": (codecs.BOM_UTF8 + SHORT.encode(), None),
    "crlf.txt": (SHORT.replace("\n", "\r\n").encode(), None),
    "utf16-bom.txt": (codecs.BOM_UTF16_LE + SHORT.encode("utf-16-le"), None),
    "utf32-le-bom.txt": (codecs.BOM_UTF32_LE + SHORT.encode("utf-32-le"), None),
    "utf32-be-bom.txt": (codecs.BOM_UTF32_BE + SHORT.encode("utf-32-be"), None),
    "utf16-le-nobom.txt": (SHORT.encode("utf-16-le"), "utf-16-le without a byte-order mark"),
    "utf16-be-nobom.txt": (SHORT.encode("utf-16-be"), "utf-16-be without a byte-order mark"),
    "utf32-le-nobom.txt": (SHORT.encode("utf-32-le"), "utf-32-le without a byte-order mark"),
    "utf32-be-nobom.txt": (SHORT.encode("utf-32-be"), "utf-32-be without a byte-order mark"),
    "hz.txt": (SHORT.encode("hz"), "hz-gb-2312"),
    "mojibake.txt": (SHORT.encode().decode("latin-1").encode(), "mojibake"),
    LONG_NAME: (SHORT.encode(), None),
    "-leading-dash.txt": (SHORT.encode(), None),
    "报纸 [1] \"第2版\" #3 &amp; <b>.txt": (SHORT.encode(), None),
    "a*b_c`d.txt": (SHORT.encode(), None),
    "📰 新闻.txt": (SHORT.encode(), None),
    ".hidden.txt": (SHORT.encode(), None),
    "UPPER.TXT": (SHORT.encode(), None),
}


def build(src: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Write the folder; return (refused: name → words, converted: name → warning words)."""
    refused = {name: words for name, (_, words) in REFUSED.items()}
    converted = {name: words for name, (_, words) in CONVERTED.items()}
    for name, (data, _) in {**REFUSED, **CONVERTED}.items():
        (src / name).write_bytes(data)
    gbk_name = os.fsdecode("高新区".encode("gbk") + b".txt")             # a name in GBK bytes
    (src / gbk_name).write_bytes(SHORT.encode())
    refused[gbk_name] = "not utf-8"
    (src / "folder.txt").mkdir()
    refused["folder.txt"] = "a folder, not a file"
    (src / "loop.txt").symlink_to("loop.txt")
    refused["loop.txt"] = "loops"
    (src / "loop-a.txt").symlink_to("loop-b.txt")
    (src / "loop-b.txt").symlink_to("loop-a.txt")
    refused["loop-a.txt"] = refused["loop-b.txt"] = "loops"
    (src / "dangling.txt").symlink_to("nowhere/missing.txt")
    refused["dangling.txt"] = "dangling symbolic link (→ nowhere/missing.txt"
    (src / "link-to-folder.txt").symlink_to("folder.txt")
    refused["link-to-folder.txt"] = "a folder, not a file"
    (src / "link-to-good.txt").symlink_to("good.txt")
    converted["link-to-good.txt"] = None
    os.mkfifo(src / "fifo.txt")
    refused["fifo.txt"] = "named pipe"
    with open(src / "huge.txt", "wb") as f:                             # sparse: no disk used
        f.truncate(65 * 2**20)
    refused["huge.txt"] = "too large"
    sock = socket.socket(socket.AF_UNIX)
    try:
        old = os.getcwd()
        os.chdir(src)                                                   # AF_UNIX paths are short
        try:
            sock.bind("socket.txt")
        finally:
            os.chdir(old)
        refused["socket.txt"] = "a socket"
    finally:
        sock.close()
    (src / "Good.txt").write_bytes(GOOD.encode())    # stem "Good" ≠ "good": both converted
    converted["Good.txt"] = None
    (src / "short.TXT").write_bytes(SHORT.encode())  # short.TXT and short.txt: one page name, the second refused
    (src / "short.txt").write_bytes(SHORT.encode())
    converted["short.TXT"] = None
    refused["short.txt"] = "rename one of the two"
    (src / "notes.md").write_text("not a page", encoding="utf-8")      # not *.txt: not an input
    return refused, converted


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    base = tmp_path_factory.mktemp("odd")
    src = base / "src"
    src.mkdir()
    refused, converted = build(src)
    before = inputs_of(src)
    proc = convert("--src", src, "--out", base / "docs")
    assert inputs_of(src) == before          # the converter never touches its inputs: nothing lost there
    return src, base / "docs", refused, converted, proc


def inputs_of(src: Path) -> dict[str, object]:
    """Every entry of the source folder: a regular file's bytes, else what it is."""
    found = {}
    for entry in os.scandir(src):
        if entry.is_symlink():
            found[entry.name] = ("link", os.readlink(entry.path))
        elif entry.is_file() and entry.stat().st_size < 2**20:
            found[entry.name] = Path(entry.path).read_bytes()
        else:
            found[entry.name] = ("other", entry.stat(follow_symlinks=False).st_mode)
    return found


def lines_naming(stderr: str, src: Path, name: str, kind: str) -> list[str]:
    """What the `kind:` lines of stderr say of one input (after its name, which the check must not read)."""
    lead = f"{kind}: {shown_path(src / name)}: "
    return [line[len(lead):] for line in stderr.splitlines() if line.startswith(lead)]


def test_at_least_thirty_bad_inputs(folder):
    _, _, refused, converted, _ = folder
    assert len(refused) >= 30, len(refused)


def test_exit_code_2_and_no_traceback(folder):
    *_, proc = folder
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "converter error" not in proc.stderr


def test_each_refused_input_has_an_error_naming_it_and_why(folder):
    src, _, refused, _, proc = folder
    missing = {}
    for name, words in refused.items():
        errors = lines_naming(proc.stderr, src, name, "error")
        if not any(words in line.lower() for line in errors):
            missing[name] = (words, errors)
    assert not missing, f"{missing}\n\n{proc.stderr}"


def test_each_refused_input_has_exactly_one_error(folder):
    src, _, refused, _, proc = folder
    errors = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(refused), "\n".join(errors)


def test_every_readable_input_is_converted_and_its_text_is_in_its_source_page(folder):
    src, docs, _, converted, proc = folder
    from newsarchive import schema

    sources = {schema.read_page(p).meta["source"]: p for p in (docs / "sources").glob("*.md")}
    assert set(sources) == set(converted), proc.stderr
    for name in converted:
        page = sources[name].read_text(encoding="utf-8")
        assert len(sources[name].name.encode()) <= 255
        for line in SHORT.splitlines() if name not in ("good.txt", "gbk.txt", "link-to-good.txt", "Good.txt",
                                                       "big5.txt") else []:
            assert line in page, (name, line)
    assert "淄博高新区" in sources["gbk.txt"].read_text(encoding="utf-8")
    assert "臺灣新竹科學園區" in sources["big5.txt"].read_text(encoding="utf-8")
    for stem_dir in (docs / "articles").iterdir():
        assert list(stem_dir.glob("*.md")), stem_dir


def test_strange_but_readable_inputs_are_named_in_a_warning(folder):
    src, _, _, converted, proc = folder
    for name, words in converted.items():
        if words:
            warned = lines_naming(proc.stderr, src, name, "warning")
            assert any(words in line.lower() for line in warned), (name, proc.stderr)


def test_the_summary_counts_them(folder):
    _, _, refused, converted, proc = folder
    match = re.search(r"(\d+) files \((\d+) failed\)", proc.stderr)
    assert match, proc.stderr
    print(f"\nodd-name and bad-encoding folder: {len(refused) + len(converted)} inputs tried, "
          f"{len(refused)} refused with an error naming the file, {len(converted)} converted "
          f"({sum(1 for w in converted.values() if w)} with a warning naming what was odd), data lost: 0")
