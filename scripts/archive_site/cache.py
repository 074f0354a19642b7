"""The build cache: every page's validated front matter, keyed by the hash of
the page's bytes, so a build re-parses only the pages that changed since the
last one, and every reader of a page in one build (the index pages, the search
index, the exports) shares one parse.

The cache is one ordinary file (a pickle) in the build folder
(:func:`cache_dir`: ``build/archive-site/`` next to mkdocs.yml); deleting it
only makes the next build parse every page again. A file that cannot be read
(another version, truncated) is ignored the same way. Nothing here knows about
MkDocs.

The page bodies are not cached: they are cut from the bytes, which are read
anyway to be hashed (cheap next to YAML parsing and validation).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from newsarchive.schema import FRONT_MATTER, Page, decode_page, page_from_bytes, page_type_problem

CACHE_VERSION = 2     # 2: entries (hash, front matter, (size, mtime_ns, inode))
CACHE_FILE = "pages.pickle"
BUILD_DIR = "build/archive-site"


def cache_dir(config_file: str | Path | None, fallback: str | Path = ".") -> Path:
    """The build folder of a site: ``build/archive-site/`` beside its config file.

    >>> cache_dir("/work/repo/mkdocs.yml").as_posix()
    '/work/repo/build/archive-site'
    """
    base = Path(config_file).resolve().parent if config_file else Path(fallback).resolve()
    return base / BUILD_DIR


def digest(data: bytes) -> str:
    """The content hash of a page's bytes.

    >>> digest(b"---\\ntitle: a\\n---\\n")
    'c414160f8ffb7b2267383b367881b064'
    """
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def body_of(path: Path | str, data: bytes) -> str:
    """The Markdown body of a page whose front matter was already validated.

    >>> body_of("a.md", "---\\ntitle: 标题\\n---\\n正文\\n".encode())
    '正文\\n'
    """
    text = decode_page(path, data)
    match = FRONT_MATTER.match(text)
    return text[match.end():] if match else text


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that a crash leaves the old or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it (its time then
    stays, so an incremental build sees it unchanged); True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True


class PageCache:
    """Validated front matter of pages by path, reused while a page's bytes
    keep their hash. ``parsed``/``reused`` count this build's reads."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries: dict[str, tuple[str, dict, tuple]] = {}
        self.seen: dict[str, tuple[str, dict, tuple]] = {}
        # Pages parsed in this build whose bytes are not those of the last
        # build: their front matter then (None: a page the last build had not).
        self.before: dict[str, dict | None] = {}
        self.parsed = 0
        self.reused = 0
        if path is not None:
            self.entries = self._load(path)

    @staticmethod
    def _load(path: Path) -> dict:
        kept = _kept.get(str(path))
        if kept is not None and kept[0] == file_stamp(path):
            return kept[1]      # this process saved it last (mkdocs serve): no need to read it back
        try:
            with open(path, "rb") as fh:
                version, entries = pickle.load(fh)
        except Exception:  # noqa: BLE001 - a missing or unreadable cache is an empty one
            return {}
        return entries if version == CACHE_VERSION and isinstance(entries, dict) else {}

    def read(self, path: Path | str, kind: str | None = None) -> Page:
        """The page at ``path``, validated (errors name the file; ``kind``: the
        type its folder says, see :func:`newsarchive.schema.page_from_bytes`);
        parsed only if its bytes changed since the cached parse (or this build's).
        A file whose size, modification time and inode are those it had
        when cached is taken to hold the same bytes (not hashed again: what
        MkDocs' own ``--dirty`` builds assume too)."""
        key = str(path)
        path = Path(path)
        with open(path, "rb") as fh:
            stat = os.fstat(fh.fileno())
            data = fh.read()
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        hit = self.seen.get(key) or self.entries.get(key)
        hashed = hit[0] if hit is not None and hit[2] == stamp else digest(data)
        if hit is not None and hit[0] == hashed and page_type_problem(hit[1], kind) is None:
            self.reused += 1
            page = Page(path, hit[1], body_of(path, data))
        else:
            self.parsed += 1
            page = page_from_bytes(path, data, kind)
            last = self.entries.get(key)
            if last is None or last[0] != hashed:
                self.before[key] = last[1] if last is not None else None
        self.seen[key] = (hashed, page.meta, stamp)
        return page

    def read_meta(self, path: Path | str, kind: str | None = None) -> dict:
        """The validated front matter of the page at ``path``, as :meth:`read`
        gives it, but without reading the file when its size, modification
        time and inode are those it had when cached (a build needs every
        page's front matter, the bodies of only the pages it renders or
        exports: at 10,000 articles reading and decoding every body took
        a fifth of a ``--dirty`` build)."""
        key = str(path)
        hit = self.seen.get(key) or self.entries.get(key)
        if hit is not None and page_type_problem(hit[1], kind) is None:
            stat = os.stat(path)
            if (stat.st_size, stat.st_mtime_ns, stat.st_ino) == hit[2]:
                self.reused += 1
                self.seen[key] = hit
                return hit[1]
        return self.read(path, kind).meta

    def gone(self) -> dict[str, dict]:
        """The pages of the last build not read in this one (deleted), with their front matter then."""
        return {key: entry[1] for key, entry in self.entries.items() if key not in self.seen}

    def digest_of(self, path: Path | str) -> str | None:
        """The content hash of a page read in this build."""
        hit = self.seen.get(str(path))
        return hit[0] if hit else None

    def save(self) -> None:
        """Keep the pages read in this build (pages deleted since are dropped)."""
        if self.path is not None:
            write_atomic(self.path, pickle.dumps((CACHE_VERSION, self.seen), protocol=pickle.HIGHEST_PROTOCOL))
            _kept.clear()
            _kept[str(self.path)] = (file_stamp(self.path), self.seen)


def file_stamp(path: Path) -> tuple | None:
    """What tells whether a file was written since (size, modification time, inode), None if it is missing."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


# The cache file this process saved last, with its stamp and entries: the
# next build in the same process (``mkdocs serve`` rebuilding after a save)
# takes them as they are instead of unpickling the file again.
_kept: dict[str, tuple[tuple | None, dict]] = {}


# The cache of the current build, shared by the site and search hooks (set up
# by the site hook's on_config; a plain per-build memo until then).
_current = PageCache()


def start_build(folder: Path | None) -> PageCache:
    """A new build: load the cache file from ``folder`` (None: no cache file)."""
    global _current
    _current = PageCache(folder / CACHE_FILE if folder is not None else None)
    return _current


def current() -> PageCache:
    return _current


def read_page(path: Path | str, kind: str | None = None) -> Page:
    """Read a page through the current build's cache."""
    return _current.read(path, kind)


def read_meta(path: Path | str, kind: str | None = None) -> dict:
    """A page's validated front matter through the current build's cache
    (:meth:`PageCache.read_meta`: the file is not read if it is unchanged)."""
    return _current.read_meta(path, kind)


RENDERS = "renders"     # in the build folder: article and source pages rendered by earlier builds


class RenderCache:
    """What rendering a page gave, kept by a key made of everything it
    depends on (:func:`render_key`: the page's Markdown as the engine got
    it, its path, the Markdown settings and the code), so a build after
    the first renders only the pages whose text changed: one pickle per
    page in ``folder`` (``build/archive-site/renders/``), named by its key,
    written crash-safe. Entries a full build did not use are deleted after
    it (:meth:`prune`). Deleting the folder only makes the next build
    render every page again (the site is the same bytes either way, tested).

    >>> import tempfile
    >>> renders = RenderCache(Path(tempfile.mkdtemp()))
    >>> renders.get("ab12"), renders.put("ab12", ("<p>正文</p>", [])), renders.get("ab12")
    (None, None, ('<p>正文</p>', []))
    >>> (renders.hits, renders.misses)
    (1, 1)
    """

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        """The value kept for ``key``, or None."""
        self.used.add(key)
        value = None
        if self.folder is not None:
            try:
                with open(self._path(key), "rb") as fh:
                    value = pickle.load(fh)
            except Exception:  # noqa: BLE001 - missing or unreadable: rendered again
                value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        self.used.add(key)
        if self.folder is not None:
            write_atomic(self._path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> int:
        """Delete the entries this build did not use (after a full build: they
        are pages that changed or went); how many were deleted."""
        gone = 0
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.glob("*/*.pickle"):
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)
                    gone += 1
        return gone


def render_key(*parts: str) -> str:
    """The key of a rendered page: a hash of what it was made from.

    >>> render_key("articles/a/01.md", "正文") == render_key("articles/a/01.md", "正文。")
    False
    """
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()
