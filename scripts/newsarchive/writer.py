"""Writing pages under docs/ without ever losing a hand edit.

The converter records in ``docs/.converter.json`` the SHA-256 of every file
it wrote. On the next run a file whose content no longer has that hash was
changed by a person: it is kept and reported. A generated file a person
deleted is not recreated. ``--force`` overwrites hand edits, after copying
them to ``docs/.backup/<run>/``. Generated files the converter no longer
produces (and nobody edited) are removed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".converter.json"
BACKUP = ".backup"


def digest(content: str | bytes) -> str:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


@dataclass
class WriteReport:
    status: Counter = field(default_factory=Counter)
    kept: list[str] = field(default_factory=list)          # hand-edited, left alone
    skipped_deleted: list[str] = field(default_factory=list)
    backups: list[str] = field(default_factory=list)
    changes: list[tuple[str, str]] = field(default_factory=list)   # (status, path)


class DocsWriter:
    """Writes generated pages into a docs folder, protecting hand edits."""

    def __init__(self, root: Path, force: bool = False, check: bool = False):
        self.root = Path(root)
        self.force, self.check = force, check
        self.manifest_path = self.root / MANIFEST
        try:
            self.manifest: dict[str, str] = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self.manifest = {}
        self.report = WriteReport()
        self.written: set[str] = set()
        self.run_id = dt.datetime.now().strftime("%Y%m%d-%H%M%S")

    def _note(self, status: str, rel: str) -> str:
        self.report.status[status] += 1
        if status not in ("unchanged",):
            self.report.changes.append((status, rel))
        return status

    def _backup(self, rel: str) -> None:
        target = self.root / BACKUP / self.run_id / rel
        if not self.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.root / rel, target)
        self.report.backups.append(str(target))

    def write(self, rel: str, content: str) -> str:
        """Write one generated page; return what happened to it."""
        self.written.add(rel)
        path = self.root / rel
        recorded = self.manifest.get(rel)
        if not path.exists():
            if recorded and not self.force:
                self.report.skipped_deleted.append(rel)
                return self._note("deleted-by-hand", rel)
            status = "new"
        else:
            current = digest(path.read_bytes())
            if current == digest(content):
                self.manifest[rel] = current
                return self._note("unchanged", rel)
            if current != recorded:          # a person changed it (or made it)
                if not self.force:
                    self.report.kept.append(rel)
                    return self._note("kept-hand-edit", rel)
                self._backup(rel)
                status = "overwritten"
            else:
                status = "updated"
        if not self.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8", newline="\n")
            self.manifest[rel] = digest(content)
        return self._note(status, rel)

    def remove_stale(self, sources_seen: set[str]) -> None:
        """Remove generated pages of the converted sources that this run no
        longer produces, unless a person edited them."""
        for rel in sorted(self.manifest):
            if rel in self.written or _source_stem(rel) not in sources_seen:
                continue
            path = self.root / rel
            if not path.exists():
                del self.manifest[rel]
                continue
            if digest(path.read_bytes()) != self.manifest[rel]:
                self.report.kept.append(rel)
                self._note("kept-hand-edit", rel)
                continue
            if not self.check:
                path.unlink()
                del self.manifest[rel]
            self._note("removed-stale", rel)

    def finish(self) -> WriteReport:
        if not self.check:
            self.root.mkdir(parents=True, exist_ok=True)
            self.manifest_path.write_text(json.dumps(dict(sorted(self.manifest.items())), indent=1,
                                                     ensure_ascii=False) + "\n", encoding="utf-8")
        return self.report


def _source_stem(rel: str) -> str:
    parts = Path(rel).parts
    if parts[0] == "articles" and len(parts) >= 3:
        return parts[1]
    return Path(rel).stem
