"""Text stored compressed in the site and inflated in the browser with its own
``DecompressionStream("deflate-raw")`` (which works from ``file://``): one
byte naming the character set, then the text in it, raw deflated (level 9, no
header, deterministic), all written in printable ASCII with :func:`base91`
(basE91: 13 or 14 bits per two characters, about 23 % more than the bytes,
where base64 costs 33 %).

The character set is GB18030 (two bytes a Chinese character where UTF-8 takes
three; deflated, 16 % smaller than UTF-8 on the benchmark's article texts,
13.5 % on the seeds and corpus OCR text) unless the text holds one of the few
code points whose GB18030 mapping changed between the standard's editions
(:data:`GB18030_UNSAFE`: the browser's decoder might read them otherwise);
then UTF-8. The browser decodes either with ``TextDecoder``
(tests/site/test_deflate.py checks every other code point of the Basic
Multilingual Plane, and a sample of the others, in headless Chromium and Node).

The alphabet is printable ASCII without ``"``, ``&`` and ``\\``, so a packed
text is valid as it is in a JSON or JavaScript string and in a double-quoted
HTML attribute (no escapes, no character references). The browser's decoder
is ``base91`` in ``assets/archive/archive.js`` and ``search/assets/search.js``.
"""
from __future__ import annotations

import re
import zlib

ALPHABET = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '"&\\')
assert len(ALPHABET) == 91
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
CODING = "charset+deflate-raw+base91"      # what the manifests and pages say the packing is
CHARSETS = ("utf-8", "gb18030")             # the first byte of a packed text: its index here
# Code points whose GB18030 bytes an older or newer edition (2000/2005/2022) maps
# elsewhere: the private use area (some of it became real characters in 2022),
# the vertical forms and 龴-龻 those became, and ḿ (U+1E3F, swapped with U+E7C7).
GB18030_UNSAFE = re.compile("[\ue000-\uf8ff\ufe10-\ufe19\u9fb4-\u9fbb\u1e3f]")


def base91(data: bytes) -> str:
    """Bytes as basE91 text (Joachim Henke's algorithm, with :data:`ALPHABET`).

    >>> base91(b"\\x00\\xff\\x10"), len(base91(bytes(range(256)) * 4))
    ('6{O#', 1260)
    """
    out = []
    queue = bits = 0
    for byte in data:
        queue |= byte << bits
        bits += 8
        if bits > 13:
            value = queue & 8191
            if value > 88:
                queue >>= 13
                bits -= 13
            else:
                value = queue & 16383
                queue >>= 14
                bits -= 14
            out += (ALPHABET[value % 91], ALPHABET[value // 91])
    if bits:
        out.append(ALPHABET[queue % 91])
        if bits > 7 or queue > 90:
            out.append(ALPHABET[queue // 91])
    return "".join(out)


def unbase91(text: str) -> bytes:
    """The inverse of :func:`base91`.

    >>> unbase91(base91(bytes(range(256)))) == bytes(range(256)), unbase91("")
    (True, b'')
    """
    out = bytearray()
    value = -1
    queue = bits = 0
    for ch in text:
        digit = _INDEX[ch]
        if value < 0:
            value = digit
            continue
        value += digit * 91
        queue |= value << bits
        bits += 13 if (value & 8191) > 88 else 14
        while bits > 7:
            out.append(queue & 255)
            queue >>= 8
            bits -= 8
        value = -1
    if value >= 0:
        out.append((queue | value << bits) & 255)
    return bytes(out)


def charset(text: str) -> int:
    """The character set a text is packed in (an index of :data:`CHARSETS`):
    GB18030 unless the text holds a code point of :data:`GB18030_UNSAFE`.

    >>> charset("淄博高新区 “引号” abc"), charset("私用区\ue000")
    (1, 0)
    """
    return 0 if GB18030_UNSAFE.search(text) else 1


def deflated(text: str, level: int = 9) -> bytes:
    """The bytes :func:`pack` writes in basE91: the charset byte, then ``text``
    in it raw-deflated at ``level`` (kept so where only Python reads it: the
    build cache).

    >>> deflated("高新区")[0], inflated(deflated("盾构机 “引号”")) == "盾构机 “引号”"
    (1, True)
    """
    code = charset(text)
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return bytes((code,)) + packer.compress(text.encode(CHARSETS[code])) + packer.flush()


def inflated(data: bytes) -> str:
    """The inverse of :func:`deflated`."""
    return zlib.decompress(data[1:], -15).decode(CHARSETS[data[0]])


def pack(text: str, level: int = 9) -> str:
    """``text`` deflated (at ``level``) and written with :func:`base91`.

    >>> pack("高新区高新区高新区")
    '|oRq-RJ78.`PE)!'
    """
    return base91(deflated(text, level))


def unpack(packed: str) -> str:
    """The inverse of :func:`pack`.

    >>> unpack(pack("盾构机 “引号”\\n第二行")) == "盾构机 “引号”\\n第二行", unpack(pack("\ue5e5ḿ")) == "\ue5e5ḿ"
    (True, True)
    """
    return inflated(unbase91(packed))
