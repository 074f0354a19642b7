"""Writing pages under docs/ without ever losing what a person wrote.

The converter records in ``docs/.converter.json`` (the manifest) the SHA-256
of every file it wrote. On the next run a page whose content no longer has
that hash was changed by a person: it is kept and reported. A page a person
deleted stays deleted, and so does one a person moved (its slug is found in
another file), even under ``--force``; ``--recreate PAGE`` brings one back.
``--force`` overwrites hand edits after copying them to
``docs/.backup/<run>/``. Generated pages the converter no longer produces
(and nobody edited) are removed.

Crash safety. Every page, backup and the manifest is written to a temporary
file in its own folder, synced to disk and renamed into place, so a page is
always either its old or its new version. Pages are staged in batches: their
temporary files written and synced, their new hashes appended to
``docs/.converter.journal`` (synced), then renamed into place; the manifest
is written at the end, after another sync. The next run replays a journal
left by a killed run, so a kill between writing pages and writing the
manifest leaves nothing that looks like a hand edit. A page that matches
neither the manifest nor the page the converter makes now, and is not a
complete page (empty, not UTF-8, or a cut-off copy of that page), is a torn
write from an older converter or a full disk: it is backed up and repaired.

A missing or unreadable manifest in a docs folder that holds converter pages
stops the run (:class:`ManifestError`) with the way out,
``--rebuild-manifest``, which takes every existing page as hand-edited; an
empty or new docs folder starts a manifest.

One run at a time: :class:`DocsLock` (``docs/.converter.lock``, an flock
the kernel releases if the process dies) makes a second run wait, up to a
timeout, and then refuse with a message.
"""
from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import re
import secrets
import stat
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MANIFEST = ".converter.json"
JOURNAL = ".converter.journal"
LOCK = ".converter.lock"
BACKUP = ".backup"
TMP_SUFFIX = ".convtmp"
# Manifest values that are not hashes (from --rebuild-manifest): an existing
# page of unknown origin, taken as hand-edited; a page taken as deleted by hand.
HAND_EDITED = "hand-edited"
HAND_DELETED = "hand-deleted"
PAGE_FOLDERS = ("articles", "sources")
BATCH = 256        # pages staged as temporary files, then synced and renamed into place together


class ManifestError(Exception):
    """The manifest is missing or unreadable in a docs folder with converter pages."""


class LockError(Exception):
    """Another converter run holds the docs folder."""


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


# ── crash-safe files ──

def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_temporary(path: Path, data: bytes, sync: bool = True) -> Path:
    """Write `data` to a new temporary file next to `path` (a dot-file mkdocs
    ignores), with the permissions of the file it will replace; return it."""
    tmp = path.parent / f".{secrets.token_hex(6)}{TMP_SUFFIX}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            try:
                os.fchmod(fd, stat.S_IMODE(os.stat(path).st_mode))   # keep a page's permissions
            except FileNotFoundError:
                pass
            if sync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that `path` is always the old or the new
    content: a temporary file in the same folder, fsynced, renamed over it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "页.md"
    ...     atomic_write(p, "甲\\n".encode()); atomic_write(p, "乙\\n".encode())
    ...     p.read_text(encoding="utf-8"), sorted(f.name for f in Path(d).iterdir())
    ('乙\\n', ['页.md'])
    """
    path = Path(path)
    tmp = write_temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    fsync_dir(path.parent)


def torn_reason(data: bytes, new: bytes) -> str | None:
    """Why a page on disk that the manifest does not vouch for is a torn
    write rather than a person's page, or None if it is a complete page.

    >>> new = "---\\ntitle: 标题\\n---\\n\\n正文。\\n".encode()
    >>> torn_reason(new[:-9], new)                     # cut mid-character
    'not UTF-8 text (cut in the middle of a character)'
    >>> torn_reason(new[:-4], new)
    "a cut-off copy of the converter's page (29 of 33 bytes)"
    >>> torn_reason(b"", new)
    'empty'
    >>> torn_reason(new.replace("正文".encode(), "校对".encode()), new) is None
    True
    >>> torn_reason(new[:18], new) is None      # a person cut the end off: it ends with a line end
    True
    """
    if not data:
        return "empty"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text (cut in the middle of a character)"
    if len(data) < len(new) and new.startswith(data) and not data.endswith(b"\n"):
        return f"a cut-off copy of the converter's page ({len(data)} of {len(new)} bytes)"
    return None


_FRONT = re.compile(rb"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)


def page_identity(data: bytes) -> str | None:
    """What a page is, whatever its file name: an article's slug, or the
    source file a source page is about.

    >>> page_identity("---\\ntitle: 甲\\nslug: p-01\\n---\\n".encode())
    'slug:p-01'
    >>> page_identity("---\\ntype: source\\nsource: '报纸 1.txt'\\n---\\n".encode())
    'source:报纸 1.txt'
    >>> page_identity(b"no front matter") is None
    True
    """
    match = _FRONT.match(data)
    if not match:
        return None
    fields = {}
    for line in match.group(1).split(b"\n"):
        key = line.split(b":", 1)[0]
        if key in (b"slug", b"type", b"source"):
            try:
                fields.update(yaml.safe_load(line.decode("utf-8")) or {})
            except (yaml.YAMLError, UnicodeDecodeError, TypeError, ValueError):
                continue
    if fields.get("slug"):
        return f"slug:{fields['slug']}"
    if fields.get("type") == "source" and fields.get("source"):
        return f"source:{fields['source']}"
    return None


# ── one run at a time ──

class DocsLock:
    """An exclusive lock on a docs folder for one converter run.

    The lock is an flock on ``docs/.converter.lock``: the kernel drops it when
    the process ends, even by kill -9, so a stale file never blocks. The file
    names the holder (pid, start time) for the message of a waiting run and is
    removed when the run ends. `wait` is how many seconds to wait for another
    run; after that (at once with 0) :class:`LockError` says who holds it.
    """

    def __init__(self, root: Path, wait: float = 120.0, shared: bool = False, on_wait=None):
        self.root, self.wait, self.shared = Path(root), wait, shared
        self.path = self.root / LOCK
        self.on_wait = on_wait
        self.fd: int | None = None

    def _holder(self) -> str:
        try:
            text = self.path.read_text(encoding="utf-8").split()
        except (OSError, UnicodeDecodeError):
            return "another converter run"
        return f"another converter run (pid {text[0]}, started {text[1]})" if len(text) >= 2 else "another converter run"

    def acquire(self) -> "DocsLock":
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            if self.shared:
                try:
                    fd = os.open(self.path, os.O_RDONLY)
                except FileNotFoundError:
                    return self        # no writer has the folder
            else:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise LockError(f"{self.root}: {self._holder()} is writing to this folder"
                                    + (f"; waited {self.wait:g} s" if self.wait else "")
                                    + ". Run again when it has finished (or wait longer with --wait SECONDS).") from None
                if not told and self.on_wait:
                    self.on_wait(f"waiting for {self._holder()} to finish with {self.root} "
                                 f"(up to {self.wait:g} s) …")
                    told = True
                time.sleep(0.1)
                continue
            # the holder before us may have removed the file: lock the file that is there now
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            self.fd = fd
            if not self.shared:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()} {dt.datetime.now().isoformat(timespec='seconds')}\n".encode())
            return self

    def release(self) -> None:
        if self.fd is None:
            return
        if not self.shared:
            try:
                os.unlink(self.path)          # still ours: removed before the lock is dropped
            except OSError:
                pass
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> "DocsLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


# ── the manifest ──

def converter_pages(root: Path) -> list[str]:
    """Markdown pages under docs/articles and docs/sources, relative to docs/."""
    found = []
    for folder in PAGE_FOLDERS:
        base = root / folder
        if base.is_dir():
            found.extend(p.relative_to(root).as_posix() for p in base.rglob("*.md") if p.is_file())
    return sorted(found)


def read_manifest(root: Path) -> tuple[dict[str, str] | None, str]:
    """(manifest, "") or (None, what is wrong with it)."""
    path = root / MANIFEST
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, "is missing"
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror})"
    if not data.strip():
        return None, "is empty" if not data else "holds only white space"
    try:
        manifest = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    except ValueError as exc:
        return None, f"is not valid JSON ({exc})"
    if not isinstance(manifest, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                 for k, v in manifest.items()):
        return None, "is not a mapping of page → hash"
    return manifest, ""


def replay_journal(root: Path, manifest: dict[str, str]) -> int:
    """Apply the journal of a run that did not finish; return entries applied.
    A page counts as written only if it has the journalled hash now."""
    try:
        lines = (root / JOURNAL).read_bytes().split(b"\n")
    except FileNotFoundError:
        return 0
    applied = 0
    for line in lines[:-1]:        # the last piece has no newline: unfinished, ignored
        try:
            entry = json.loads(line)
            rel = entry["page"]
        except (ValueError, KeyError, TypeError):
            continue
        path = root / rel
        if "wrote" in entry:
            try:
                if digest(path.read_bytes()) == entry["wrote"]:
                    manifest[rel] = entry["wrote"]
                    applied += 1
            except OSError:
                continue
        elif entry.get("removed") and not path.exists():
            manifest.pop(rel, None)
            applied += 1
    return applied


# ── writing ──

@dataclass
class WriteReport:
    status: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)          # hand-edited, left alone
    skipped_deleted: list[str] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)     # (page, where its slug is now)
    repaired: list[tuple[str, str]] = field(default_factory=list)  # (page, why it was a torn write)
    backups: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)       # pages that could not be written, with why
    notes: list[str] = field(default_factory=list)        # journal replayed, manifest rebuilt, …
    changes: list[tuple[str, str]] = field(default_factory=list)   # (status, path)


class DocsWriter:
    """Writes generated pages into a docs folder, protecting hand edits.

    Use it inside a :class:`DocsLock` on the same folder. Raises
    :class:`ManifestError` when the manifest is missing or unreadable in a
    folder with converter pages (unless `rebuild_manifest`).
    """

    def __init__(self, root: Path, force: bool = False, check: bool = False,
                 rebuild_manifest: bool = False, recreate: set[str] | frozenset = frozenset()):
        self.root = Path(root)
        self.force, self.check = force, check
        self.recreate = {self._rel(r) for r in recreate}
        self.manifest_path = self.root / MANIFEST
        self.report = WriteReport()
        self.written: set[str] = set()
        self.run_id = self._run_id()
        self._journal: int | None = None
        self._staged: list[tuple[Path, str, str, str]] = []     # (temporary file, page, hash, status)
        self._identities: dict[str, list[str]] | None = None
        self.rebuilt_stems: set[str] = set()
        self.manifest = self._load(rebuild_manifest)
        if not check:
            self._remove_temporaries()

    # -- loading --

    def _rel(self, given: str) -> str:
        """A page given on the command line (docs/articles/x/01.md, or articles/x/01.md) → relative to docs/."""
        try:
            return Path(given).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(given).as_posix()

    def _load(self, rebuild: bool) -> dict[str, str]:
        manifest, problem = read_manifest(self.root)
        journal = {} if manifest is None else manifest
        replayed = replay_journal(self.root, journal)
        if replayed:
            self.report.notes.append(f"finished the record of an interrupted run ({replayed} pages from {JOURNAL})")
        if manifest is not None and not rebuild:
            return journal
        pages = [rel for rel in converter_pages(self.root) if rel not in journal]
        if rebuild:
            kept = {rel: HAND_EDITED for rel in pages}
            self.rebuilt_stems = {_source_stem(rel) for rel in pages}
            self.report.notes.append(f"manifest rebuilt: {len(pages)} existing page(s) taken as hand-edited"
                                     + ("" if manifest is None else " (the old manifest was readable: its record "
                                                                   "of deleted pages is replaced)"))
            return {**journal, **kept}
        if not pages:
            return journal            # an empty or new docs folder: start a manifest
        raise ManifestError(
            f"{self.manifest_path} {problem}, but {self.root} holds {len(pages)} converter page(s) "
            f"(e.g. {self.root / pages[0]}). Without it the converter cannot tell your hand edits and "
            f"deletions from its own pages, so it stops here and writes nothing. Restore it (for example "
            f"`git checkout -- {self.manifest_path}`), or run again with --rebuild-manifest to take every "
            f"existing page as hand-edited (kept, never overwritten) and every missing page of an "
            f"already converted source as deleted by hand.")

    def _run_id(self) -> str:
        base = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        run, n = base, 1
        while (self.root / BACKUP / run).exists():
            n += 1
            run = f"{base}-{n}"
        return run

    def _remove_temporaries(self) -> None:
        """Temporary files a killed run left behind."""
        if not self.root.is_dir():
            return
        for folder, _, files in os.walk(self.root):
            for name in files:
                if name.startswith(".") and name.endswith(TMP_SUFFIX):
                    try:
                        os.unlink(os.path.join(folder, name))
                    except OSError:
                        pass

    # -- helpers --

    def _note(self, status: str, rel: str) -> str:
        self.report.status[status] += 1
        if status not in ("unchanged",):
            self.report.changes.append((status, rel))
        return status

    def _log(self, entries: list[dict]) -> None:
        """Append entries to the journal, durably, before the changes they announce."""
        if self._journal is None:
            self._journal = os.open(self.root / JOURNAL, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
        data = b"".join(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n" for entry in entries)
        view = memoryview(data)
        while view:
            view = view[os.write(self._journal, view):]
        os.fsync(self._journal)

    def _backup(self, rel: str) -> None:
        target = self.root / BACKUP / self.run_id / rel
        if not self.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, (self.root / rel).read_bytes())
        self.report.backups.append(str(target))

    def _elsewhere(self, rel: str, content: bytes) -> str | None:
        """Another page with the same identity (slug, or source of a source page)."""
        identity = page_identity(content)
        if identity is None:
            return None
        if self._identities is None:
            self._identities = {}
            for other in converter_pages(self.root):
                try:
                    found = page_identity((self.root / other).read_bytes())
                except OSError:
                    continue
                if found:
                    self._identities.setdefault(found, []).append(other)
        return next((other for other in self._identities.get(identity, []) if other != rel), None)

    # -- the writes --

    def write(self, rel: str, content: str) -> str:
        """Write one generated page; return what happened to it."""
        self.written.add(rel)
        path = self.root / rel
        data = content.encode("utf-8")
        new = digest(data)
        recorded = self.manifest.get(rel)
        try:
            current_bytes = path.read_bytes() if path.exists() else None
        except OSError as exc:
            self.report.errors.append(f"{path}: cannot read it ({exc.strerror})")
            return self._note("failed", rel)
        if current_bytes is None:
            moved_to = self._elsewhere(rel, data) if rel not in self.recreate else None
            if moved_to:
                self.report.moved.append((rel, moved_to))
                return self._note("moved-by-hand", rel)
            deleted = recorded is not None or (self.rebuilt_stems and _source_stem(rel) in self.rebuilt_stems)
            if deleted and rel not in self.recreate:
                if recorded is None and not self.check:
                    self.manifest[rel] = HAND_DELETED
                self.report.skipped_deleted.append(rel)
                return self._note("deleted-by-hand", rel)
            status = "recreated" if deleted else "new"
        else:
            current = digest(current_bytes)
            if current == new:
                self.manifest[rel] = current
                return self._note("unchanged", rel)
            torn = torn_reason(current_bytes, data) if current != recorded else None
            if current != recorded and not torn and not self.force:   # a person changed it (or made it)
                self.report.kept.append(rel)
                return self._note("kept-hand-edit", rel)
            if current != recorded:
                try:
                    self._backup(rel)
                except OSError as exc:
                    self.report.errors.append(f"{path}: not replaced: its backup cannot be written ({_why(exc)})")
                    return self._note("failed", rel)
            if torn:
                self.report.repaired.append((rel, torn))
                status = "repaired"
            elif current != recorded:
                status = "overwritten"
            else:
                status = "updated"
        if not self.check:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = write_temporary(path, data, sync=False)
            except OSError as exc:
                self.report.errors.append(f"{path}: cannot write it ({_why(exc)})")
                return self._note("failed", rel)
            self._staged.append((tmp, rel, new, status))
            if len(self._staged) >= BATCH:
                self._commit()
        return self._note(status, rel)

    def _commit(self) -> None:
        """Put the staged pages in place: their data on disk, their hashes in
        the journal (on disk), then each renamed over its page."""
        if not self._staged:
            return
        staged, self._staged = self._staged, []
        os.sync()                       # the temporary files' data, before any rename
        self._log([{"page": rel, "wrote": new} for _, rel, new, _ in staged])
        for tmp, rel, new, status in staged:
            try:
                os.replace(tmp, self.root / rel)
            except OSError as exc:
                _unlink(tmp)
                self.report.errors.append(f"{self.root / rel}: cannot write it ({_why(exc)})")
                self.report.status[status] -= 1
                self._note("failed", rel)
                continue
            self.manifest[rel] = new

    def remove_stale(self, sources_seen: set[str]) -> None:
        """Remove generated pages of the converted sources that this run no
        longer produces, unless a person edited them."""
        self._commit()
        stale = []
        for rel in sorted(self.manifest):
            if rel in self.written or _source_stem(rel) not in sources_seen:
                continue
            path = self.root / rel
            if not path.exists():
                del self.manifest[rel]
                continue
            try:
                current = path.read_bytes()
            except OSError as exc:
                self.report.errors.append(f"{path}: cannot read it ({_why(exc)})")
                continue
            if digest(current) != self.manifest[rel]:
                self.report.kept.append(rel)
                self._note("kept-hand-edit", rel)
                continue
            stale.append(rel)
        if stale and not self.check:
            self._log([{"page": rel, "removed": True} for rel in stale])
        for rel in stale:
            if not self.check:
                try:
                    (self.root / rel).unlink()
                except OSError as exc:
                    self.report.errors.append(f"{self.root / rel}: cannot remove it ({_why(exc)})")
                    continue
                del self.manifest[rel]
            self._note("removed-stale", rel)

    def finish(self) -> WriteReport:
        """Write the manifest (atomically) and end the journal."""
        if not self.check:
            try:
                self._commit()
                os.sync()                   # the renames, before the manifest that vouches for them
                self.root.mkdir(parents=True, exist_ok=True)
                text = json.dumps(dict(sorted(self.manifest.items())), indent=1, ensure_ascii=False) + "\n"
                atomic_write(self.manifest_path, text.encode("utf-8"))
                if self._journal is not None:
                    os.close(self._journal)
                    self._journal = None
                try:
                    os.unlink(self.root / JOURNAL)
                except FileNotFoundError:
                    pass
            except OSError as exc:
                self.report.errors.append(f"{self.manifest_path}: cannot write it ({_why(exc)}); "
                                          f"the pages written are recorded in {self.root / JOURNAL}")
        return self.report


def _why(exc: OSError) -> str:
    """An OSError for a person: its reason, and the path if it is not the page's."""
    reason = exc.strerror or type(exc).__name__
    return f"{reason}: {exc.filename}" if exc.filename else reason


def _source_stem(rel: str) -> str:
    parts = Path(rel).parts
    if parts[0] == "articles" and len(parts) >= 3:
        return parts[1]
    return Path(rel).stem
