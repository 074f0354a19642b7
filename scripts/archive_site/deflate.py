"""Text stored compressed in the site and inflated in the browser with its own
``DecompressionStream("deflate-raw")`` (which works from ``file://``): UTF-8,
raw deflate (level 9, no header, deterministic), base64 (valid in an HTML
attribute and a JavaScript string without escapes)."""
from __future__ import annotations

import base64
import zlib


def pack(text: str) -> str:
    """``text`` deflated and base64-encoded.

    >>> pack("高新区高新区高新区")
    'e7l6xrNpG5727HqJwQAA'
    """
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(text.encode("utf-8")) + packer.flush()
    return base64.b64encode(data).decode("ascii")


def unpack(packed: str) -> str:
    """The inverse of :func:`pack`.

    >>> unpack(pack("盾构机 “引号”\\n第二行")) == "盾构机 “引号”\\n第二行"
    True
    """
    return zlib.decompress(base64.b64decode(packed), -15).decode("utf-8")
