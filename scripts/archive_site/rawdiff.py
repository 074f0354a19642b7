"""A source page's raw OCR text stored as the difference from its articles'
texts (format of ``data-deflate`` with ``data-from``), where the articles
were cut from it: each article page already holds most of those lines.

The raw text is cut at the last raw line of each article (``raw_lines``)
into pieces whose concatenation is the text. A piece is raw-deflated with a
preset dictionary, the text of its article's page as the browser reads it
(:func:`article_text`, the mirror of ``articleText`` in
``search/assets/search.js``, in UTF-8). ``DecompressionStream`` takes no
dictionary, so the browser puts the dictionary in front of the piece as
stored deflate blocks (:func:`stored_blocks`: that is what a preset
dictionary means, the output window starting with it), inflates, and drops
the dictionary's bytes from the output. A piece is packed without a
dictionary (:func:`archive_site.deflate.pack`, GB18030) when that is
smaller, when its article's page cannot be read so (:func:`article_text`
gives None) or when there is no article: never larger than before.

Each piece with a dictionary names its article (its place in the page's
article list) and the dictionary's CRC-32; the browser checks the text
it read against the hash before it inflates (an article page changed by
hand after the build shows a note, never a wrong text).
"""
from __future__ import annotations

import re
import zlib
from html.parser import HTMLParser

from .deflate import CHARSETS, base91, charset, pack, unbase91, unpack

# JavaScript's \\s (what articleText trims): not Python's str.isspace.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_TRIM = re.compile(f"\\A[{_JS_SPACE}]+|[{_JS_SPACE}]+\\Z")
ARTICLE_OPEN = '<article class="md-content__inner md-typeset">'     # theme/archive-page.html
_ARTICLE = re.compile(re.escape(ARTICLE_OPEN) + r"(.*)</article>", re.S)
_HEADER = re.compile(r'<header class="as-article-header">.*?</header>', re.S)
_FOOTER = re.compile(r'<footer class="as-article-footer">.*?</footer>', re.S)
# Elements whose text the HTML parser of a browser and Python's HTMLParser read
# alike (no raw text, no foster parenting, no implied newline): anything else
# in an article's body and its page gets no dictionary.
_PLAIN_TAGS = frozenset("""p a em strong b i u s sub sup code span br hr img h1 h2 h3 h4 h5 h6 ul ol li
    blockquote div figure figcaption del ins mark small dl dt dd abbr cite q kbd var wbr""".split())
_TAG = re.compile(r"</?([A-Za-z][^\s/>]*)")
_UNLOADABLE = re.compile(r"<(script|style)\b[^>]*>(?:(?!</\1).)*?\*/", re.S | re.I)   # search.integration.loadable_page


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def article_text(page: str) -> str | None:
    """An article page's own text as ``articleText`` in search.js reads it
    from the page (the ``<article>`` without its header, footer and scripts,
    trimmed), or None when the page holds markup the two parsers might read
    otherwise (comments, ``<pre>``, tables, scripts, a ``*/`` the page as a
    script cannot carry ...).

    >>> page = ('<article class="md-content__inner md-typeset">\\n<header class="as-article-header">'
    ...         '<h1>题</h1></header><p>第一段 &amp; <em>强调</em></p>\\n<p>第二段</p>'
    ...         '<footer class="as-article-footer"><p>下一篇</p></footer>\\n</article>')
    >>> article_text(page)
    '第一段 & 强调\\n第二段'
    >>> article_text(page.replace("<p>第二段</p>", "<pre>代码</pre>")) is None
    True
    """
    match = _ARTICLE.search(page)
    if match is None or _UNLOADABLE.search(page):
        return None
    body = _FOOTER.sub("", _HEADER.sub("", match.group(1), count=1), count=1)
    if "<!" in body or "<?" in body or "\r" in body or "\0" in body \
            or any(m.group(1).lower() not in _PLAIN_TAGS for m in _TAG.finditer(body)):
        return None
    if "md-content__button" in body:
        return None
    parser = _Text()
    parser.feed(body)
    parser.close()
    return _TRIM.sub("", "".join(parser.parts))


def crc(data: bytes) -> str:
    """CRC-32 of ``data`` in eight hex digits (``crc`` in archive.js).

    >>> crc(b""), crc("高新区".encode())
    ('00000000', 'cb1e1bb4')
    """
    return f"{zlib.crc32(data):08x}"


def stored_blocks(data: bytes) -> bytes:
    """``data`` as non-final stored deflate blocks (``storedBlocks`` in archive.js).

    >>> stored_blocks(b"ab")
    b'\\x00\\x02\\x00\\xfd\\xffab'
    >>> zlib.decompress(stored_blocks(b"ab") + zlib.compress(b"cd", wbits=-15), -15)
    b'abcd'
    """
    out = bytearray()
    for i in range(0, len(data), 65535):
        chunk = data[i:i + 65535]
        out += bytes((0,)) + len(chunk).to_bytes(2, "little") + (len(chunk) ^ 0xFFFF).to_bytes(2, "little") + chunk
    return bytes(out)


def _deflated(text: str, charset: int, dictionary: bytes | None = None) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15, **({"zdict": dictionary} if dictionary else {}))
    return bytes((charset,)) + packer.compress(text.encode(CHARSETS[charset])) + packer.flush()


def pack_with(text: str, dictionary: str) -> str:
    """``text`` in UTF-8, raw-deflated with ``dictionary`` (UTF-8) preset, in basE91
    after the charset byte (UTF-8: the browser cannot write GB18030 for the dictionary).

    >>> packed = pack_with("第二行\\n第三行", "第一行\\n第二行")
    >>> from archive_site.deflate import unbase91
    >>> data = unbase91(packed)
    >>> zlib.decompress(stored_blocks("第一行\\n第二行".encode()) + data[1:], -15).decode()[len("第一行\\n第二行"):]
    '第二行\\n第三行'
    """
    return base91(_deflated(text, CHARSETS.index("utf-8"), dictionary.encode("utf-8")))


def pieces(raw_text: str, ends: list[int | None]) -> list[tuple[str, int]]:
    """The raw text cut after each article's last raw line (``ends``, 1-based,
    None: unknown), as (piece, the article's place in ``ends`` + 1, 0 for none);
    the pieces' concatenation is the text.

    >>> pieces("a\\nb\\nc\\nd", [2, None, 3])
    [('a\\nb\\n', 1), ('c\\n', 3), ('d', 0)]
    >>> pieces("a\\nb", [5])
    [('a\\nb', 1)]
    """
    lines = raw_text.split("\n")
    out, start = [], 0
    for place, end in sorted(((i + 1, e) for i, e in enumerate(ends) if e is not None), key=lambda p: p[1]):
        end = min(end, len(lines))
        if end <= start:
            continue
        out.append(("\n".join(lines[start:end]) + ("\n" if end < len(lines) else ""), place))
        start = end
    if start < len(lines):
        out.append(("\n".join(lines[start:]), 0))
    return out


def pack_raw(raw_text: str, ends: list[int | None], texts: list[str | None]) -> tuple[str, str]:
    """A source page's raw text packed against its articles' texts
    (``ends``: each article's last raw line; ``texts``: :func:`article_text`
    of its page): (``data-deflate``, ``data-from``), the pieces separated by
    spaces, ``data-from`` empty when no piece uses a dictionary (the packing
    is then :func:`archive_site.deflate.pack` of the whole text, as before).

    >>> raw = "1 报\\n标题\\n第一段很长的文字第一段很长的文字\\n第二段很长的文字第二段很长的文字"
    >>> packed, froms = pack_raw(raw, [4], ["第一段很长的文字第一段很长的文字\\n第二段很长的文字第二段很长的文字"])
    >>> froms
    '1:5ed1d5eb'
    >>> pack_raw("无文章", [], []) == (pack("无文章"), "")
    True
    """
    cut = pieces(raw_text, ends)
    packed, froms = [], []
    for piece, place in cut:
        plain = _deflated(piece, charset(piece))      # what deflate.pack writes, before basE91
        text = texts[place - 1] if place else None
        if text:
            dictionary = text.encode("utf-8")
            diff = _deflated(piece, CHARSETS.index("utf-8"), dictionary)
            if len(diff) + 8 < len(plain):
                packed.append(base91(diff))
                froms.append(f"{place}:{crc(dictionary)}")
                continue
        packed.append(base91(plain))
        froms.append("0")
    if all(f == "0" for f in froms):
        return pack(raw_text), ""
    return " ".join(packed), " ".join(froms)


def unpack_raw(packed: str, froms: str, texts: list[str | None]) -> str:
    """The inverse of :func:`pack_raw` (what archive.js does in the browser),
    given the articles' texts; ValueError when a text is not the one packed against.

    >>> texts = ["淄博高新区奋力推动跨越式发展，新材料产业集群加快形成。"]
    >>> raw = "题\\n" + texts[0] + "\\n尾"
    >>> unpack_raw(*pack_raw(raw, [2], texts), texts) == raw
    True
    >>> unpack_raw(*pack_raw(raw, [2], texts), ["别的"])
    Traceback (most recent call last):
    ValueError: article 1 is not the text packed against
    """
    if not froms:
        return unpack(packed)
    out = []
    for piece, source in zip(packed.split(" "), froms.split(" ")):
        if source == "0":
            out.append(unpack(piece))
            continue
        place, digest = source.split(":")
        text = texts[int(place) - 1]
        if text is None or crc(text.encode("utf-8")) != digest:
            raise ValueError(f"article {place} is not the text packed against")
        dictionary = text.encode("utf-8")
        data = unbase91(piece)
        out.append(zlib.decompress(stored_blocks(dictionary) + data[1:], -15)[len(dictionary):].decode(CHARSETS[data[0]]))
    return "".join(out)
