"""Text stored compressed in the site and inflated in the browser with its own
``DecompressionStream("deflate-raw")`` (which works from ``file://``): UTF-8,
raw deflate (level 9, no header, deterministic), then written in printable
ASCII with :func:`base91` (basE91: 13 or 14 bits per two characters, about
23 % more than the bytes, where base64 costs 33 %).

The alphabet is printable ASCII without ``"``, ``&`` and ``\\``, so a packed
text is valid as it is in a JSON or JavaScript string and in a double-quoted
HTML attribute (no escapes, no character references). The browser's decoder
is ``base91`` in ``assets/archive/archive.js`` and ``search/assets/search.js``.
"""
from __future__ import annotations

import zlib

ALPHABET = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '"&\\')
assert len(ALPHABET) == 91
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}
CODING = "deflate-raw+base91"      # what the manifests and pages say the packing is


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


def pack(text: str) -> str:
    """``text`` deflated and written with :func:`base91`.

    >>> pack("高新区高新区高新区")
    'bklZHG6dl>9c_3(h!!!'
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return base91(packer.compress(text.encode("utf-8")) + packer.flush())


def unpack(packed: str) -> str:
    """The inverse of :func:`pack`.

    >>> unpack(pack("盾构机 “引号”\\n第二行")) == "盾构机 “引号”\\n第二行"
    True
    """
    return zlib.decompress(unbase91(packed), -15).decode("utf-8")
