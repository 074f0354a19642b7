"""Session fixtures of the site tests: the fixture archive is written and
built with MkDocs once per session (a real `mkdocs build --strict` with the
project's mkdocs.yml and hooks)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from archive_fixture import build_fixture, build_hostile  # noqa: E402
from archive_site.fixtures import write_config  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"


@dataclass
class Built:
    """A built site: its docs, site dir, config file and the build's log."""

    docs: Path
    site: Path
    config: Path
    log: str
    returncode: int


def mkdocs_build(tmp: Path, docs: Path, **overrides) -> Built:
    """Run `mkdocs build --strict` on ``docs`` into ``tmp/site``."""
    site = tmp / "site"
    cfg = write_config(tmp, docs, site, **overrides)
    proc = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(cfg)], capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": os.environ["PYTHONPATH"]})
    return Built(docs, site, cfg, proc.stdout + proc.stderr, proc.returncode)


@pytest.fixture(scope="session")
def fixture_docs(tmp_path_factory) -> Path:
    """The fixture archive's docs/ (read-only for tests: copy before editing)."""
    return build_fixture(tmp_path_factory.mktemp("fixture") / "docs")


@pytest.fixture(scope="session")
def built(tmp_path_factory, fixture_docs) -> Built:
    """The fixture archive built once per session; fails loudly if the build fails."""
    result = mkdocs_build(tmp_path_factory.mktemp("build"), fixture_docs)
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def edited(tmp_path_factory, built) -> Built:
    """The fixture archive after hand edits of front matter, rebuilt: article
    002_bbbb/01 moved from 潍坊高新区 to 淄博高新区, undated 005_eeee/01 dated 2016-03-08."""
    tmp = tmp_path_factory.mktemp("edited")
    docs = tmp / "docs"
    shutil.copytree(built.docs, docs)
    page = docs / "articles" / "002_bbbb" / "01.md"
    page.write_text(page.read_text(encoding="utf-8").replace("zones: [潍坊高新区]", "zones: [淄博高新区]"),
                    encoding="utf-8")
    undated = docs / "articles" / "005_eeee" / "01.md"
    undated.write_text(undated.read_text(encoding="utf-8").replace("date: ''", "date: '2016-03-08'"), encoding="utf-8")
    result = mkdocs_build(tmp, docs)
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Built:
    """The hostile archive (formula titles, injected Markdown and HTML) built
    once per session; the strict build must pass."""
    tmp = tmp_path_factory.mktemp("hostile")
    result = mkdocs_build(tmp, build_hostile(tmp / "docs"))
    assert result.returncode == 0, result.log
    return result
