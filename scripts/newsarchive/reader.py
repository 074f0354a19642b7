"""Reading raw page files: bytes → text, with clear errors for bad input.

UTF-8 (with or without BOM), UTF-16 with BOM, and GB18030/GBK are read;
CRLF and CR become LF; a form feed (page break in pdftotext output) is put
on a line of its own. Empty, binary, truncated and undecodable files raise
:class:`InputError`, whose message names the file.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

HAN = re.compile("[\u3400-\u9fff]")
MOJIBAKE = re.compile("[\u00c0-\u00ff][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]")


class InputError(Exception):
    """A source file that cannot be read as a page of text."""

    def __init__(self, path: Path | str, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


@dataclass
class RawSource:
    name: str            # file name, as recorded in front matter `source`
    text: str            # decoded, newlines normalised
    encoding: str
    warnings: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str, list[str]]:
    """Decode the bytes of a page; return (text, encoding, warnings).

    >>> decode("淄博高新区".encode("gb18030"))[:2]
    ('淄博高新区', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "高新区".encode())[:2]
    ('高新区', 'utf-8-sig')
    >>> decode(b"")
    Traceback (most recent call last):
    ...
    reader.InputError: <bytes>: empty file
    """
    warnings: list[str] = []
    if not data.strip():
        raise InputError(path, "empty file" if not data else "empty file (only white space)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(path, f"broken UTF-16 text ({exc.reason} at byte {exc.start})") from None
    elif b"\x00" in data[:4096]:
        raise InputError(path, "binary file, not text (it contains NUL bytes)")
    else:
        text, encoding = _decode_bytes(data, path)
    if not text.strip():
        raise InputError(path, "empty file (nothing but white space after decoding)")
    if MOJIBAKE.search(text) and not HAN.search(text[:2000]):
        repaired = _repair_mojibake(text)
        if repaired:
            warnings.append("text was UTF-8 read as Latin-1 (mojibake); repaired")
            text = repaired
    if not HAN.search(text):
        warnings.append("no Chinese text found")
    if text.count("\ufffd") > 10:
        warnings.append(f"{text.count(chr(0xfffd))} replacement characters (�) in the text")
    return text, encoding, warnings


def _decode_bytes(data: bytes, path: Path | str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else GB18030 or Big5."""
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason in ("unexpected end of data", "invalid continuation byte") \
                and _utf8_ratio(data[:exc.start]) > 0.5:
            raise InputError(path, f"truncated: the file ends in the middle of a UTF-8 character "
                                   f"(byte {exc.start} of {len(data)})") from None
        return _decode_legacy(data, path, exc)


def _utf8_ratio(data: bytes) -> float:
    return sum(b >= 0x80 for b in data) / max(1, len(data))


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _decode_legacy(data: bytes, path: Path | str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """GB18030 or Big5, whichever reads as Chinese: Big5 bytes often decode
    as GB18030 too, but into rare and private-use characters."""
    readings = []
    for rank, encoding in enumerate(("gb18030", "big5")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        han = len(HAN.findall(text))
        if han and han >= 0.2 * sum(1 for c in text if not c.isspace() and not c.isascii()):
            readings.append((len(PRIVATE_USE.findall(text)), rank, text, encoding))
    if readings:
        _, _, text, encoding = min(readings)
        return text, encoding
    if _binary_looking(data):
        raise InputError(path, "binary file, not text")
    raise InputError(path, f"not UTF-8, GB18030 or Big5 text ({utf8_error.reason} at byte {utf8_error.start}); "
                           "convert it to UTF-8 first")


def _binary_looking(data: bytes) -> bool:
    sample = data[:4096]
    control = sum(b < 9 or 13 < b < 32 for b in sample)
    return control > len(sample) * 0.05


def _repair_mojibake(text: str) -> str | None:
    for enc in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if HAN.search(fixed):
            return fixed
    return None


def normalize_newlines(text: str) -> str:
    """CRLF and CR become LF; a form feed stands on a line of its own.

    >>> normalize_newlines("第一行\\r\\n第二行\\f第三行")
    '第一行\\n第二行\\n\\x0c\\n第三行'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\u2028\u2029\x85\x0b]", "\n", text)
    return re.sub("\n?\f\n?", "\n\f\n", text)


def read_source(path: Path | str) -> RawSource:
    """Read one page file; raise InputError (naming it) if it is not usable text."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    text, encoding, warnings = decode(data, path)
    return RawSource(path.name, normalize_newlines(text), encoding, warnings)
