"""reader.py: bytes of a page file → text, and InputError naming the file."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsarchive.reader import InputError, decode, normalize_newlines, read_source

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "001_567314c39f3d4d23.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SAMPLE = "淄博高新区奋力推动跨越式、突破性发展\n\n► 岳书杰 毛琳琳\n\n今年以来，淄博高新区在“双招双引”、科技创新等方面取得了一定成绩。\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ── encodings ──

def test_utf8_seed_is_read_unchanged():
    raw = read_source(SEED)
    assert raw.name == SEED.name
    assert raw.encoding == "utf-8"
    assert raw.text == SEED_TEXT
    assert raw.warnings == []


def test_utf8_with_bom(tmp_path):
    raw = read_source(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + SAMPLE.encode()))
    assert raw.encoding == "utf-8-sig"
    assert raw.text == SAMPLE            # the BOM is not part of the text


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_gb18030_and_gbk(tmp_path, encoding):
    sample = SAMPLE.replace("►", "■")                 # ► is not in GBK
    raw = read_source(write(tmp_path, f"{encoding}.txt", sample.encode(encoding)))
    assert raw.text == sample
    assert raw.encoding == "gb18030"     # GBK is a subset: read as GB18030


def test_a_whole_seed_in_gbk(tmp_path):
    text = SEED_TEXT
    raw = read_source(write(tmp_path, "seed_gbk.txt", text.encode("gb18030")))
    assert raw.text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, encoding):
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    raw = read_source(write(tmp_path, "u16.txt", bom + SAMPLE.encode(encoding)))
    assert raw.text == SAMPLE
    assert raw.encoding == "utf-16"


@pytest.mark.parametrize("wrong", ["cp1252", "latin-1"])
def test_mojibake_is_repaired_with_a_warning(wrong):
    # a page that was UTF-8, read as cp1252/Latin-1 and saved again as UTF-8
    good = "高新区" if wrong == "cp1252" else "淄博高新区发展"
    text, _, warnings = decode(good.encode("utf-8").decode(wrong).encode("utf-8"))
    assert text == good
    assert any("mojibake" in w for w in warnings)


def test_no_chinese_is_a_warning_not_an_error():
    text, encoding, warnings = decode(b"Hello world\n")
    assert text == "Hello world\n"
    assert any("no Chinese" in w for w in warnings)


# ── newlines ──

@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_become_lf(tmp_path, newline):
    raw = read_source(write(tmp_path, "nl.txt", SAMPLE.replace("\n", newline).encode()))
    assert raw.text == SAMPLE
    assert "\r" not in raw.text


def test_mixed_newlines(tmp_path):
    raw = read_source(write(tmp_path, "mixed.txt", "第一行\r\n第二行\r第三行\n第四行".encode()))
    assert raw.lines == ["第一行", "第二行", "第三行", "第四行"]


def test_form_feed_stands_on_a_line_of_its_own():
    assert normalize_newlines("第 30 页\f7 理论") == "第 30 页\n\f\n7 理论"
    assert normalize_newlines("第 30 页\n\f\n7 理论") == "第 30 页\n\f\n7 理论"
    assert normalize_newlines("第 30 页\r\n\f\r\n7 理论") == "第 30 页\n\f\n7 理论"


def test_pdftotext_fixture_form_feed(tmp_path):
    """pdftotext ends each printed page with a form feed, often glued to the next running head."""
    data = (ROOT / "tests/fixtures/pages/pdftotext_theory.txt").read_bytes()
    data = data.replace("第 30 页\n\n".encode(), "第 30 页\n\f".encode(), 1)
    assert b"\f" in data
    raw = read_source(write(tmp_path, "pdf.txt", data))
    i = raw.lines.index("\f")
    assert raw.lines[i - 1] == "第 30 页" and raw.lines[i + 1] == "7 理论"


# ── bad input: InputError names the file ──

def assert_refused(path: Path, *words: str) -> InputError:
    with pytest.raises(InputError) as info:
        read_source(path)
    message = str(info.value)
    assert str(path) in message and path.name in message
    assert info.value.path == str(path)
    for word in words:
        assert word in message.lower()
    return info.value


def test_empty_file(tmp_path):
    assert_refused(write(tmp_path, "empty.txt", b""), "empty")


@pytest.mark.parametrize("data", [b"   \n\n\t \r\n", b"\n"])
def test_whitespace_only_file(tmp_path, data):
    assert_refused(write(tmp_path, "blank.txt", data), "empty")


def test_binary_file_with_nul_bytes(tmp_path):
    assert_refused(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "binary")


def test_binary_file_without_nul_bytes(tmp_path):
    data = bytes((b % 254) + 1 for b in range(2000))      # every byte but NUL, like compressed data
    assert_refused(write(tmp_path, "blob.txt", data))


def test_truncated_utf8(tmp_path):
    data = SAMPLE.encode() + "高".encode()[:2]
    assert_refused(write(tmp_path, "cut.txt", data), "truncated")


def test_truncated_utf8_of_a_real_seed(tmp_path):
    data = SEED.read_bytes().rstrip()
    data = data[: len(data) - 1] if data[-1] >= 0x80 else data + "。".encode()[:1]
    assert_refused(write(tmp_path, "cut_seed.txt", data), "truncated")


def test_undecodable_bytes(tmp_path):
    # invalid UTF-8, and not GB18030/Big5 text either (lone lead bytes everywhere)
    data = "淄博高新区".encode() + b"\xff\xfe\xfa\xfb" * 50 + "发展".encode()
    error = assert_refused(write(tmp_path, "bad.txt", data))
    assert "utf-8" in str(error).lower() or "binary" in str(error).lower()


def test_missing_file_names_it(tmp_path):
    assert_refused(tmp_path / "missing.txt", "cannot read")


def test_decode_names_the_path_it_is_given():
    with pytest.raises(InputError, match=r"^some/dir/page\.txt: empty file$"):
        decode(b"", "some/dir/page.txt")


@pytest.mark.parametrize("text", ["臺灣新竹科學園區的半導體產業持續成長，營收創下新高。\n", "淄博高新區發展，科技創新。\n"])
def test_big5_page_is_not_silently_garbled(tmp_path, text):
    """The reader falls back to Big5 (its error message names it), but Big5
    bytes are mostly valid GB18030 too: a traditional-Chinese page must not
    come out as GB18030 nonsense (with private-use characters)."""
    raw = read_source(write(tmp_path, "big5.txt", text.encode("big5")))
    assert (raw.text, raw.encoding) == (text, "big5")


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8,                                   # an editor's "empty" UTF-8 file
    codecs.BOM_UTF8 + b"  \r\n\r\n",
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_LE + " \n\u3000\n".encode("utf-16-le"),
    "\u3000\u3000\n\u3000\n".encode("utf-8"),           # only ideographic spaces
], ids=["bom", "bom-blank", "utf16-bom", "utf16-blank", "ideographic-spaces"])
def test_text_that_is_empty_after_decoding_is_refused(tmp_path, data):
    assert_refused(write(tmp_path, "blank.txt", data), "empty")
