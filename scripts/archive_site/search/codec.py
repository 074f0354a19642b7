"""Compact text encoding of unsigned integers for the index files.

Numbers are written little-endian in base 46 with one character per digit:
the last digit of a number comes from the first half of :data:`ALPHABET`, the
other digits from the second half. The alphabet is printable ASCII without
``"`` and ``\\``, so an encoded stream is a valid JSON/JavaScript string
literal with no escapes and costs one byte per character on the wire.

Values below 46 take 1 character, below 2,116 take 2, below 97,336 take 3:
position gaps, document-id gaps and counts are mostly 1–2 characters.
"""
from __future__ import annotations

import re
from array import array

ALPHABET = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '"\\')
BASE = len(ALPHABET) // 2  # 46
assert len(ALPHABET) == 2 * BASE
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}

# Encodings of small values are looked up, not computed (the builder's hot path).
SMALL_LIMIT = 1 << 16


def _encode_slow(value: int) -> bytes:
    if value < 0:
        raise ValueError(f"cannot encode a negative number: {value}")
    out = bytearray()
    while value >= BASE:
        out.append(ord(ALPHABET[BASE + value % BASE]))
        value //= BASE
    out.append(ord(ALPHABET[value]))
    return bytes(out)


SMALL_ENCODINGS = [_encode_slow(v) for v in range(SMALL_LIMIT)]


def encode(value: int) -> bytes:
    """The ASCII encoding of one unsigned integer.

    >>> encode(0), encode(45), encode(46), encode(2115), encode(2116)
    (b'!', b'O', b'P#', b'~O', b'PP#')
    """
    if 0 <= value < SMALL_LIMIT:
        return SMALL_ENCODINGS[value]
    return _encode_slow(value)


def encode_all(values) -> bytes:
    """The concatenated encodings of a sequence of unsigned integers."""
    return b"".join(encode(v) for v in values)


def decode(text: str) -> array:
    """All integers of an encoded stream (the inverse of :func:`encode_all`).

    >>> list(decode((encode_all([0, 1, 45, 46, 2116, 10**9])).decode()))
    [0, 1, 45, 46, 2116, 1000000000]
    """
    out = array("q")
    value = 0
    scale = 1
    for ch in text:
        digit = _INDEX[ch]
        if digit >= BASE:
            value += (digit - BASE) * scale
            scale *= BASE
        else:
            out.append(value + digit * scale)
            value = 0
            scale = 1
    if scale != 1:
        raise ValueError("truncated number at the end of an encoded stream")
    return out


# One encoded number: continuation digits, then a last digit (for splicing
# streams without decoding them: :func:`tokens`, :func:`skip`).
_NUMBER = re.compile("[" + re.escape(ALPHABET[BASE:]) + "]*[" + re.escape(ALPHABET[:BASE]) + "]")
_VALUES: dict[str, int] = {}


def tokens(text: str) -> list[str]:
    """The encoded numbers of a stream, one string each.

    >>> tokens((encode(3) + encode(5000) + encode(0)).decode())
    ['%', 'qa$', '!']
    """
    return _NUMBER.findall(text)


def token_value(token: str) -> int:
    """The value of one encoded number (memoised: streams repeat small numbers)."""
    value = _VALUES.get(token)
    if value is None:
        value = _VALUES[token] = decode(token)[0]
    return value


def skip(text: str, count: int, start: int = 0) -> int:
    """The offset just past ``count`` numbers of a stream from ``start`` (scanned by the regex engine).

    >>> text = encode_all([1, 5000, 2]).decode()
    >>> skip(text, 2), skip(text, 1, skip(text, 2)) == len(text)
    (4, True)
    """
    if count == 0:
        return start
    match = re.compile(f"(?:{_NUMBER.pattern}){{{count}}}").match(text, start)
    if match is None:
        raise ValueError("fewer numbers in the stream than skipped")
    return match.end()


# -- positions (the ``p`` streams, format 7) ------------------------------------------
# A position stream holds, per article, the first position of a key (uniform
# over the article's length: 0 to ~3,000 for most articles) and the gaps to
# the next ones; base 46 spends a flag on every character, so a first position
# costs 2.28 characters on average. Here the first character says how long
# the number is, over the whole 92-character alphabet: the first
# POSITION_ONE characters are values of one character (close repeats),
# POSITION_TWO lead a number of two (up to 4,547), POSITION_THREE a number of
# three (up to 21,475), the last one a base-46 number beyond that. Measured
# on the benchmark's positions: 1.91 characters a number instead of 2.10.
POSITION_ONE, POSITION_TWO, POSITION_THREE = 40, 49, 2
_TWO_FROM = POSITION_ONE
_THREE_FROM = _TWO_FROM + POSITION_TWO * 92
_BEYOND = _THREE_FROM + POSITION_THREE * 92 * 92
_ESCAPE = ALPHABET[91]
assert POSITION_ONE + POSITION_TWO + POSITION_THREE + 1 == len(ALPHABET) == 92


def _encode_position_slow(value: int) -> bytes:
    if value < 0:
        raise ValueError(f"cannot encode a negative number: {value}")
    if value < _TWO_FROM:
        return ALPHABET[value].encode("ascii")
    if value < _THREE_FROM:
        high, low = divmod(value - _TWO_FROM, 92)
        return (ALPHABET[POSITION_ONE + high] + ALPHABET[low]).encode("ascii")
    if value < _BEYOND:
        high, rest = divmod(value - _THREE_FROM, 92 * 92)
        mid, low = divmod(rest, 92)
        return (ALPHABET[POSITION_ONE + POSITION_TWO + high] + ALPHABET[mid] + ALPHABET[low]).encode("ascii")
    return _ESCAPE.encode("ascii") + _encode_slow(value - _BEYOND)


POSITION_ENCODINGS = [_encode_position_slow(v) for v in range(SMALL_LIMIT)]


def encode_position(value: int) -> bytes:
    """The encoding of one number of a position stream.

    >>> [encode_position(v) for v in (0, 39, 40, 4547, 4548, 21475, 21476)]
    [b'!', b'I', b'J!', b'{~', b'|!!', b'}~~', b'~!']
    """
    if 0 <= value < SMALL_LIMIT:
        return POSITION_ENCODINGS[value]
    return _encode_position_slow(value)


def encode_positions(values) -> bytes:
    """The concatenated encodings of numbers of a position stream."""
    return b"".join(encode_position(v) for v in values)


def decode_positions(text: str) -> array:
    """All numbers of a position stream (the inverse of :func:`encode_positions`).

    >>> list(decode_positions(encode_positions([0, 39, 40, 3000, 4548, 21475, 21476, 10**9]).decode()))
    [0, 39, 40, 3000, 4548, 21475, 21476, 1000000000]
    """
    out = array("q")
    index, i, n = _INDEX, 0, len(text)
    while i < n:
        d = index[text[i]]
        if d < POSITION_ONE:
            out.append(d)
            i += 1
        elif d < POSITION_ONE + POSITION_TWO:
            out.append(_TWO_FROM + (d - POSITION_ONE) * 92 + index[text[i + 1]])
            i += 2
        elif d < 91:
            out.append(_THREE_FROM + ((d - POSITION_ONE - POSITION_TWO) * 92 + index[text[i + 1]]) * 92
                       + index[text[i + 2]])
            i += 3
        else:
            end = _NUMBER.match(text, i + 1)
            if end is None:
                raise ValueError("truncated number at the end of a position stream")
            out.append(_BEYOND + decode(end.group())[0])
            i = end.end()
    return out


# One number of a position stream (for splicing without decoding: skip_positions).
_POSITION = re.compile(
    "[" + re.escape(ALPHABET[:POSITION_ONE]) + "]"
    "|[" + re.escape(ALPHABET[POSITION_ONE:POSITION_ONE + POSITION_TWO]) + "]."
    "|[" + re.escape(ALPHABET[POSITION_ONE + POSITION_TWO:91]) + "].."
    "|" + re.escape(_ESCAPE) + "(?:" + _NUMBER.pattern + ")")


def skip_positions(text: str, count: int, start: int = 0) -> int:
    """The offset just past ``count`` numbers of a position stream from ``start``.

    >>> text = encode_positions([1, 5000, 2, 30000]).decode()
    >>> skip_positions(text, 2), skip_positions(text, 2, skip_positions(text, 2)) == len(text)
    (4, True)
    """
    if count == 0:
        return start
    match = re.compile(f"(?:{_POSITION.pattern}){{{count}}}").match(text, start)
    if match is None:
        raise ValueError("fewer numbers in the position stream than skipped")
    return match.end()
