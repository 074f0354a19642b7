"""Session fixtures: one small archive and one built site per test session."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from search.search_fixtures import write_mkdocs_config, write_seed_archive, write_special_articles

MKDOCS = Path(sys.executable).with_name("mkdocs")


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """(docs dir, {seed stem: article URLs}) of the seed archive + special articles."""
    base = tmp_path_factory.mktemp("archive")
    docs = base / "docs"
    urls = write_seed_archive(docs)
    write_special_articles(docs)
    return docs, urls


@pytest.fixture(scope="session")
def built_site(archive, tmp_path_factory):
    """The seed archive built with MkDocs + Material + the search hook: site dir."""
    docs, _ = archive
    base = tmp_path_factory.mktemp("site")
    site = base / "site"
    cfg = write_mkdocs_config(base, docs, site)
    run = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(cfg)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return site
