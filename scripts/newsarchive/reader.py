"""Reading raw page files: bytes → text, with clear errors for bad input.

Read: UTF-8 (with or without BOM); UTF-16 and UTF-32 with a BOM, or without
one when the NUL bytes of ASCII characters show which (a warning names it);
GB18030/GBK and Big5, when they read as Chinese. The pinned charset-normalizer
judges the legacy readings: text it finds to be Shift-JIS, EUC-JP, EUC-KR,
ISO-2022 or a Latin/Cyrillic code page is refused by name (a wrong guess would
be silent mojibake), as is UTF-8 with a few broken bytes. CRLF and CR become
LF; a form feed (page break in pdftotext output) is put on a line of its own.
Empty, binary, truncated and undecodable files raise :class:`InputError`,
whose message names the file.

:func:`find_inputs` lists the page files of a folder and says what is wrong
with each entry that looks like one but cannot be read: a folder named
``x.txt``, a symbolic link that loops or points nowhere, a named pipe, a file
name that is not UTF-8 or holds a control character, a file too large.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

HAN = re.compile("[\u3400-\u9fff]")
MOJIBAKE = re.compile("[\u00c0-\u00ff][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]")


class InputError(Exception):
    """A source file that cannot be read as a page of text."""

    def __init__(self, path: Path | str, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{shown_path(path)}: {message}")


def shown_path(path: Path | str) -> str:
    r"""A path as a message shows it: control and bidirectional characters,
    and bytes that are not UTF-8, escaped, so one message stays one line.

    >>> shown_path("src/第一\n版.txt"), shown_path(os.fsdecode(b"src/\xb8\xdf.txt"))
    ('src/第一\\n版.txt', 'src/\\xb8\\xdf.txt')
    """
    out = []
    for ch in str(path):
        if "\udc80" <= ch <= "\udcff":                      # a byte that was not UTF-8
            out.append(f"\\x{ord(ch) - 0xdc00:02x}")
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in BIDI_CONTROLS:
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


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
    r"""Decode the bytes of a page; return (text, encoding, warnings).

    >>> decode("淄博高新区".encode("gb18030"))[:2]
    ('淄博高新区', 'gb18030')
    >>> decode(codecs.BOM_UTF8 + "高新区".encode())[:2]
    ('高新区', 'utf-8-sig')
    >>> decode("高新区 2023\n".encode("utf-16-le"))
    ('高新区 2023\n', 'utf-16-le', ['read as UTF-16-LE without a byte-order mark (recognised by its NUL bytes)'])
    >>> decode(b"")
    Traceback (most recent call last):
    ...
    reader.InputError: <bytes>: empty file
    """
    warnings: list[str] = []
    if not data.strip():
        raise InputError(path, "empty file" if not data else "empty file (only white space)")
    bom = next(((name, mark) for name, mark in BOMS if data.startswith(mark)), None)
    if bom:
        name, mark = bom
        try:
            text = data[len(mark):].decode(name)
        except UnicodeDecodeError as exc:
            raise InputError(path, f"broken {name.upper()} text ({exc.reason} at byte {exc.start + len(mark)})") from None
        encoding = {"utf-8": "utf-8-sig"}.get(name, name[:6])     # utf-16, utf-32: the BOM says the order
    elif b"\x00" in data[:4096]:
        text, encoding = _decode_without_bom(data, path)
        warnings.append(f"read as {encoding.upper()} without a byte-order mark (recognised by its NUL bytes)")
    else:
        text, encoding = _decode_bytes(data, path)
        if encoding in ("utf-16-le", "utf-16-be"):
            warnings.append(f"read as {encoding.upper()} without a byte-order mark (charset-normalizer's verdict)")
        elif encoding == "hz-gb-2312":
            warnings.append("read as HZ-GB-2312 (7-bit Chinese with ~{ ~} escapes)")
    if "\x00" in text:
        raise InputError(path, f"binary file, not text (NUL characters in the {encoding.upper()} text)")
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


# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = [("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]


def nul_pattern(data: bytes) -> str | None:
    r"""The UTF-16/UTF-32 byte order that the NUL bytes of a text without a
    byte-order mark show, or None. ASCII characters (digits, spaces, line
    ends) have NUL high bytes; which byte positions hold them tells the width
    and the order.

    >>> [nul_pattern("高新区 2023 年\n".encode(e)) for e in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")]
    ['utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be']
    >>> nul_pattern(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x10")
    """
    sample = data[:65536]
    if not sample or len(data) % 2:
        return None
    zeros = [0, 0, 0, 0]
    for i, byte in enumerate(sample):
        if byte == 0:
            zeros[i % 4] += 1
    total = sum(zeros)
    quads = len(sample) // 4
    if len(data) % 4 == 0 and quads:
        # UTF-32: the top byte of every character is NUL, the next one for every BMP character
        if zeros[3] >= 0.95 * quads and zeros[2] >= 0.5 * quads:
            return "utf-32-le"
        if zeros[0] >= 0.95 * quads and zeros[1] >= 0.5 * quads:
            return "utf-32-be"
    odd, even = zeros[1] + zeros[3], zeros[0] + zeros[2]
    # (a few Chinese characters, 一 U+4E00 among them, have a NUL byte on the other side)
    if total >= 4 and odd >= 0.8 * total:
        return "utf-16-le"
    if total >= 4 and even >= 0.8 * total:
        return "utf-16-be"
    return None


def _decode_without_bom(data: bytes, path: Path | str) -> tuple[str, str]:
    encoding = nul_pattern(data)
    if encoding is None:
        raise InputError(path, "binary file, not text (it contains NUL bytes in no UTF-16 or UTF-32 pattern)")
    if _garbage_share(data.decode(encoding, "replace")) > 0.05:
        raise InputError(path, f"binary file, not text (it contains NUL bytes, and read as {encoding.upper()} "
                               "it is not text either)")
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        raise InputError(path, f"looks like {encoding.upper()} without a byte-order mark, but is broken "
                               f"({exc.reason} at byte {exc.start}); convert it to UTF-8 first") from None


def _garbage_share(text: str) -> float:
    r"""The share of a decoded text that no page holds: control characters
    (but line ends, tabs, form feeds), unassigned, private-use and surrogate
    code points, replacement characters.

    >>> _garbage_share("淄博高新区\n2023年"), _garbage_share("\x00\x01ab")
    (0.0, 0.5)
    """
    if not text:
        return 0.0
    bad = sum(1 for c in text if c not in "\t\n\r\f" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs")
              or c == "\ufffd")
    return bad / len(text)


def _decode_bytes(data: bytes, path: Path | str) -> tuple[str, str]:
    """UTF-8 (with or without BOM), else GB18030 or Big5 when they read as Chinese."""
    escape = ISO2022.search(data[:65536]) if data.isascii() else None
    if escape and escape.lastgroup == "hz_gb2312":
        try:
            return data.decode("hz"), "hz-gb-2312"
        except UnicodeDecodeError:
            pass
    if escape:
        name = escape.lastgroup.replace("_", "-").upper()
        raise InputError(path, f"{name} text (it has {name}'s escape sequences), not Chinese in UTF-8, GB18030 "
                               f"or Big5; convert it to UTF-8 first (iconv -f {name} -t UTF-8)")
    try:
        text = data.decode("utf-8")
        return text, "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 8 and _utf8_ratio(data[:exc.start]) > 0.5:
            raise InputError(path, f"truncated: the file ends in the middle of a UTF-8 character "
                                   f"(bytes {exc.start}–{len(data) - 1} of {len(data)} are broken)") from None
        broken = _broken_utf8(data)
        if broken:
            raise InputError(path, f"UTF-8 text with {broken} invalid byte(s) (the first at byte {exc.start}); "
                                   "repair or re-save it as UTF-8") from None
        return _decode_legacy(data, path, exc)


ISO2022 = re.compile(rb"(?P<iso_2022_jp>\x1b\$[@B]|\x1b\(J)|(?P<iso_2022_kr>\x1b\$\)C)|(?P<iso_2022_cn>\x1b\$\)[AG])"
                     rb"|(?P<hz_gb2312>~\{[\x21-\x7e]{2,}~\})")


def _broken_utf8(data: bytes) -> int:
    r"""How many bytes break a text that is otherwise plainly UTF-8 (0 if it is
    not: a legacy encoding breaks UTF-8 everywhere).

    >>> _broken_utf8("淄博高新区发展很快，今年以来".encode() + b"\xff" + "成绩显著。".encode())
    1
    >>> _broken_utf8("淄博高新区发展很快".encode("gb18030"))
    0
    """
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    good = sum(1 for c in text if ord(c) > 0x7f and c != "\ufffd")
    return bad if bad and good >= 8 * bad else 0


def _utf8_ratio(data: bytes) -> float:
    return sum(b >= 0x80 for b in data) / max(1, len(data))


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
CHINESE = {"gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950", "hz"}
NAMES = {  # charset-normalizer's names → (what a person calls them, iconv's name)
    **dict.fromkeys(["cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213"], ("Shift-JIS (Japanese)", "SHIFT_JIS")),
    **dict.fromkeys(["euc_jp", "euc_jis_2004", "euc_jisx0213"], ("EUC-JP (Japanese)", "EUC-JP")),
    **dict.fromkeys(["cp949", "euc_kr"], ("EUC-KR (Korean)", "EUC-KR")),
    "johab": ("Johab (Korean)", "JOHAB"),
}


def _decode_legacy(data: bytes, path: Path | str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """GB18030 or Big5, whichever reads as Chinese: Big5 bytes often decode
    as GB18030 too, but into rare and private-use characters. When
    charset-normalizer finds another encoding plainly better (less "mess"
    than every Chinese reading), the file is refused by that encoding's name."""
    readings = []
    for rank, encoding in enumerate(("gb18030", "big5")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        han = len(HAN.findall(text))
        if han and han >= 0.2 * sum(1 for c in text if not c.isspace() and not c.isascii()):
            readings.append((len(PRIVATE_USE.findall(text)), rank, text, encoding))
    matches = charset_normalizer.from_bytes(data, steps=10, chunk_size=1024)
    best = matches.best()
    if best and best.encoding in ("utf_16_le", "utf_16_be") and not readings:
        encoding = best.encoding.replace("_", "-")
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    other = _other_encoding(matches, readings)
    if other:
        name, iconv = other
        raise InputError(path, f"looks like {name} text, not Chinese in UTF-8, GB18030 or Big5; "
                               f"convert it to UTF-8 first (iconv -f {iconv} -t UTF-8)")
    if readings:
        _, _, text, encoding = min(readings)
        return text, encoding
    if _binary_looking(data):
        raise InputError(path, "binary file, not text")
    raise InputError(path, f"not UTF-8, GB18030 or Big5 text ({utf8_error.reason} at byte {utf8_error.start}); "
                           "convert it to UTF-8 first")


def _other_encoding(matches, readings) -> tuple[str, str] | None:
    """(name with language, iconv name) when charset-normalizer's best reading
    of bytes that are not UTF-8 is plainly not Chinese, else None. A tie goes
    to Chinese: short GB18030 texts are often read as EUC-KR with the same
    (zero) mess."""
    best = matches.best() if matches else None
    if best is None or best.encoding in CHINESE or best.encoding.startswith("utf_"):
        return None
    chinese = [m.chaos for m in matches if m.encoding in CHINESE]
    if readings and chinese and min(chinese) <= best.chaos + 0.02:
        return None
    if best.encoding not in NAMES and best.coherence < 0.2:
        return None          # no language fits either: a guess, not worth naming
    iconv = best.encoding.replace("_", "-").upper()
    name, iconv = NAMES.get(best.encoding, (iconv, iconv))
    language = best.language if best.language and best.language != "Unknown" else ""
    if language and language.split()[0].lower() not in name.lower():
        name = f"{name} ({language})"
    return name, iconv


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


MAX_INPUT_BYTES = 64 * 1024 * 1024   # a printed page is kilobytes; a larger file is not a page


def read_source(path: Path | str) -> RawSource:
    """Read one page file; raise InputError (naming it) if it is not usable text."""
    path = Path(path)
    problem = input_problem(path)
    if problem:
        raise InputError(path, problem)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    text, encoding, warnings = decode(data, path)
    return RawSource(path.name, normalize_newlines(text), encoding, warnings)


BIDI_CONTROLS = set("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KINDS = [(stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")]


def name_problem(name: str) -> str | None:
    r"""What is wrong with a file name for a page, or None.

    >>> name_problem("人民日报 2025-10-20.txt") is None
    True
    >>> name_problem("第一版\n.txt")
    'its name holds a control character (U+000A); rename it'
    >>> name_problem(os.fsdecode(b"\xb8\xdf\xd0\xc2.txt"))
    "its name is not UTF-8 (the bytes b'\\xb8\\xdf\\xd0\\xc2.txt'; GBK?); rename it"
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        hint = ""
        try:
            raw.decode("gb18030")
            hint = "; GBK?"
        except UnicodeDecodeError:
            pass
        return f"its name is not UTF-8 (the bytes {raw!r}{hint}); rename it"
    control = next((c for c in name if unicodedata.category(c) == "Cc"), None)
    if control:
        return f"its name holds a control character (U+{ord(control):04X}); rename it"
    bidi = next((c for c in name if c in BIDI_CONTROLS), None)
    if bidi:
        return (f"its name holds a bidirectional control character (U+{ord(bidi):04X}), which makes it show "
                "as another name; rename it")
    return None


def input_problem(path: Path) -> str | None:
    """What keeps a folder entry named like a page from being read, or None."""
    problem = name_problem(path.name)
    if problem:
        return problem
    try:
        info = os.stat(path)
    except OSError as exc:
        target = _link_target(path)
        if exc.errno == errno.ELOOP:
            return f"a symbolic link that loops (→ {target})"
        if exc.errno == errno.ENOENT and target is not None:
            return f"a dangling symbolic link (→ {target}, which does not exist)"
        return f"cannot read: {exc.strerror}"
    if stat.S_ISDIR(info.st_mode):
        return "a folder, not a file" + (f" (a symbolic link to {_link_target(path)})" if path.is_symlink() else "")
    for test, kind in _KINDS:
        if test(info.st_mode):
            return f"{kind}, not a regular file"
    if info.st_size > MAX_INPUT_BYTES:
        return f"too large for a page ({info.st_size / 2**20:.0f} MB; the limit is {MAX_INPUT_BYTES // 2**20} MB)"
    if not os.access(path, os.R_OK):
        return "cannot be read: permission denied"
    return None


def _link_target(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None


def find_inputs(folder: Path, suffixes: tuple[str, ...] = (".txt",)) -> tuple[list[Path], list[InputError]]:
    """The page files of a folder (names ending in `suffixes`, any case),
    sorted, and an InputError for each such entry that cannot be read."""
    files, problems = [], []
    for entry in sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name)):
        if not entry.name.lower().endswith(suffixes):
            continue
        path = Path(entry.path)
        problem = input_problem(path)
        if problem:
            problems.append(InputError(path, problem))
        else:
            files.append(path)
    return files, problems
