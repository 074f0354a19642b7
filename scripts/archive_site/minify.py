"""Whitespace of rendered HTML: Material's templates leave thousands of
indentation and blank-line bytes on every page, which at 50,000 article pages
is a real share of the site. Collapsing them is safe outside ``<pre>``,
``<textarea>`` and ``<script>`` (where whitespace is content)."""
from __future__ import annotations

import re

_PROTECTED = re.compile(r"(<(pre|textarea|script)\b.*?</\2\s*>)", re.S | re.I)
_BREAK_RUN = re.compile(r"[ \t]*\n\s*")


def collapse_whitespace(html: str) -> str:
    """Every run of whitespace that contains a line break becomes one line
    break, except inside ``<pre>``, ``<textarea>`` and ``<script>`` (HTML
    renders the result the same way: a run of whitespace is one space).

    >>> collapse_whitespace("<div>\\n    <p>正文</p>\\n\\n    <pre>  a\\n\\n  b</pre>\\n  </div>\\n")
    '<div>\\n<p>正文</p>\\n<pre>  a\\n\\n  b</pre>\\n</div>\\n'
    >>> collapse_whitespace("<a>甲</a> <a>乙</a>")
    '<a>甲</a> <a>乙</a>'
    """
    parts = _PROTECTED.split(html)
    out = []
    # split() with two groups yields: text, whole protected block, tag name, text, ...
    for i in range(0, len(parts), 3):
        out.append(_BREAK_RUN.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)
