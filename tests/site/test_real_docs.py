"""The site built from the real archive: the committed docs/ (the truth) and
a fresh conversion of seeds/ with scripts/convert.py."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from archive_site.collection import collect
from archive_site.regions import registry_lookup
from conftest import mkdocs_build

ROOT = Path(__file__).resolve().parents[2]


def check_site(docs: Path, result) -> None:
    """Strict build passed; every article is exported and listed on a date page and a newspaper page."""
    assert result.returncode == 0, result.log
    assert "WARNING" not in result.log, result.log
    archive = collect(docs)
    lines = gzip.decompress((result.config.parent / "build" / "exports" / "articles.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
    exported = [json.loads(line) for line in lines]
    assert sorted(r["path"] for r in exported) == sorted("docs/" + a.src_uri for a in archive.articles)
    dates = " ".join(unquote(p.read_text(encoding="utf-8")) for p in (result.site / "dates").glob("*.html"))
    papers = " ".join(unquote(p.read_text(encoding="utf-8")) for p in (result.site / "newspapers").glob("*.html"))
    for article in archive.articles:
        target = "articles/" + article.src_uri[len("articles/"):-3] + ".html"
        assert target in dates and target in papers, article.src_uri
        page = (result.site / target).read_text(encoding="utf-8")
        assert 'class="as-article-header"' in page
    lookup = registry_lookup()
    zones = {getattr(lookup(z), "name", None) or z for a in archive.articles for z in a.zones}
    zone_index = unquote((result.site / "zones" / "index.html").read_text(encoding="utf-8"))
    assert zones and [z for z in zones if f">{z}</a>" not in zone_index] == []


@pytest.mark.skipif(not any((ROOT / "docs").glob("articles/*/*.md")), reason="docs/ has no articles yet")
def test_committed_docs_build(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    check_site(docs, mkdocs_build(tmp_path, docs))


def test_seeds_converted_and_built(tmp_path):
    docs = tmp_path / "docs"
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "convert.py"), "--src", str(ROOT / "seeds"),
                           "--out", str(docs)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    check_site(docs, mkdocs_build(tmp_path, docs))
