"""Search on the real archive: seeds/ freshly converted with scripts/convert.py
and built with the project's mkdocs.yml and all hooks, checked in headless
Chromium over HTTP and from file://."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from archive_site.fixtures import write_config
from archive_site.search.postings import index_text
from archive_site.search.fold import query_terms
from archive_site.search.records import iter_records
from browser import chromium, screenshot, serve

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).parent / "mkdocs"
QUERIES = ["魏玉蛟", "江敦涛", "淄博高新区", "高新区", "松山湖", "稀土", "盾构机", "构机",
           "双招双引", "招商引资", "独角兽", "启迪之星", "万声通讯"]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    """(docs, site) of the converted seeds, built with the project's config."""
    tmp = tmp_path_factory.mktemp("real")
    docs, site = tmp / "docs", tmp / "site"
    conv = subprocess.run([sys.executable, str(ROOT / "scripts" / "convert.py"), "--src", str(ROOT / "seeds"),
                           "--out", str(docs)], capture_output=True, text=True, cwd=ROOT)
    assert conv.returncode == 0, conv.stderr
    cfg = write_config(tmp, docs, site)
    build = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(cfg)], capture_output=True, text=True,
                           env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": os.environ["PYTHONPATH"]})
    assert build.returncode == 0, build.stderr
    return docs, site


def matching(records, query) -> set[str]:
    terms = query_terms(query)
    return {r.url for r in records if all(t in index_text(r)[0] for t in terms)}


def results(page, url):
    page.goto(url)
    page.wait_for_selector("#gxq-search[data-state=done]", timeout=10_000)
    count = int(page.get_attribute("#gxq-search", "data-count"))
    hrefs = page.eval_on_selector_all(".gxq-result__title a", "els => els.map(e => e.getAttribute('href'))")
    return count, hrefs


def test_real_archive_queries(real_site):
    docs, site = real_site
    records = list(iter_records(docs))
    assert records
    sources = " ".join(p.read_text(encoding="utf-8") for p in (docs / "sources").glob("*.md"))
    assert "西洋参" in sources                      # the ad is on a source page …
    with chromium() as browser, serve(site) as base:
        for where in (base, site.as_uri() + "/"):
            page = browser.new_page()
            for q in QUERIES:
                want = matching(records, q)
                assert want, f"no converted article contains {q}"
                count, hrefs = results(page, where + "search.html?q=" + quote(q))
                got = {h[h.index("articles/"):] for h in hrefs}
                assert count == len(want) and got <= want, q
            count, hrefs = results(page, where + "search.html?q=" + quote("西洋参"))
            assert count == 0 and hrefs == []           # … and never a result
            page.close()
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        results(page, base + "search.html?q=" + quote("高新区 稀土"))
        screenshot(page, "search-real-light")
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        screenshot(page, "search-real-dark")
        page.goto(base + "index.html")
        page.fill(".md-header .gxq-header-search__input", "盾构机")
        page.press(".md-header .gxq-header-search__input", "Enter")
        page.wait_for_selector("#gxq-search[data-state=done]")
        assert int(page.get_attribute("#gxq-search", "data-count")) == len(matching(records, "盾构机"))
