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


# What Material's page template puts in every page outside the blocks a theme
# override can replace, and the lean pages (theme/archive-page.html) do not
# use: empty skip-link and banner slots, the script that opens content tabs
# (articles have none), the dialog Material uses for "copied" messages (no
# copy buttons), and the back-to-top button's inline icon (archive.css draws
# it). Each is taken out only where it appears exactly so; a Material version
# that writes them otherwise leaves them in the page, where they do no harm.
LEAN_DROPS = (
    '<div data-md-component="skip">\n</div>\n',
    '<div data-md-component="announce">\n</div>\n',
    '<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
    '(target.checked=target.name.startsWith("__tabbed_"))</script>\n',
    '<div class="md-dialog" data-md-component="dialog">\n<div class="md-dialog__inner md-typeset"></div>\n</div>\n',
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M13 20h-2V8l-5.5 5.5-1.42-1.42L12 4.16'
    'l7.92 7.92-1.42 1.42L13 8z"/></svg>\n',
)


def drop_unused_chrome(html: str) -> str:
    """A lean page without the pieces of :data:`LEAN_DROPS` (after
    :func:`collapse_whitespace`; each at most once).

    >>> drop_unused_chrome('<body>\n<div data-md-component="skip">\n</div>\n<p>正文</p>')
    '<body>\n<p>正文</p>'
    """
    for piece in LEAN_DROPS:
        html = html.replace(piece, "", 1)
    return html
