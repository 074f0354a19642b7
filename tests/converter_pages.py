"""Shared helpers for converter tests: build the model of a page from a file or a string."""
from __future__ import annotations

from pathlib import Path

from newsarchive.pipeline import build_page
from newsarchive.reader import RawSource, read_source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "pages"


def page_of(path: Path):
    """The SourcePage model of a page file."""
    return build_page(read_source(path))


def page_from(text: str):
    """The SourcePage model of a page given as text."""
    return build_page(RawSource("t.txt", text, "utf-8"))
