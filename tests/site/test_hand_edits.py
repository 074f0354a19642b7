"""Hand edits never break the strict build, and a broken one fails it loudly
naming the file: deleting or renaming an article page, an older source page
that still lists its articles, two pages with one slug, a page of the wrong
type in a folder, a key given twice, an unreadable registry (real
`mkdocs build --strict` runs; archive_site.collection, .decorate, .regions)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

from archive_site.collection import CollectionError, collect
from archive_site.decorate import LEGACY_LIST_HEADING
from archive_site.fixtures import write_config
from conftest import MKDOCS, mkdocs_build

ROOT = Path(__file__).resolve().parents[2]
LEGACY_LIST = f"{LEGACY_LIST_HEADING}\n\n1. [淄博高新区奋力推动跨越式发展](../articles/001_aaaa/01.md)\n2. [旧标题](../articles/001_aaaa/02.md)\n\n"


def copy_docs(fixture_docs: Path, tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(fixture_docs, docs)
    return docs


def source_list(built, stem: str) -> str:
    """The article list the build put on a source page."""
    html = (built.site / "sources" / f"{stem}.html").read_text(encoding="utf-8")
    return unquote(html.split('id="as-source-articles"', 1)[1].split("</ol>", 1)[0])


def add_legacy_list(docs: Path, stem: str) -> None:
    """Give a source page the article list an older converter wrote into its body."""
    page = docs / "sources" / f"{stem}.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("## 删除的文字", LEGACY_LIST + "## 删除的文字", 1), encoding="utf-8")


def test_deleting_an_article_page_keeps_the_strict_build_green(fixture_docs, tmp_path):
    docs = copy_docs(fixture_docs, tmp_path)
    add_legacy_list(docs, "001_aaaa")              # an older source page links both articles
    (docs / "articles" / "001_aaaa" / "02.md").unlink()
    result = mkdocs_build(tmp_path, docs)
    assert result.returncode == 0, result.log
    assert "WARNING" not in result.log, result.log
    listed = source_list(result, "001_aaaa")
    assert "../articles/001_aaaa/01.html" in listed and "02.html" not in listed
    page = (result.site / "sources" / "001_aaaa.html").read_text(encoding="utf-8")
    assert "旧标题" not in page                     # the older list is gone, not left half broken
    assert (result.site / "articles" / "001_aaaa" / "01.html").is_file()


def test_renaming_an_article_page_keeps_the_strict_build_green(fixture_docs, tmp_path):
    docs = copy_docs(fixture_docs, tmp_path)
    folder = docs / "articles" / "002_bbbb"
    (folder / "01.md").rename(folder / "人才新政.md")
    result = mkdocs_build(tmp_path, docs)
    assert result.returncode == 0, result.log
    assert "WARNING" not in result.log, result.log
    listed = source_list(result, "002_bbbb")
    assert listed.index("人才新政.html") < listed.index("02.html")       # still in page order (`order`)
    assert (result.site / "articles" / "002_bbbb" / "人才新政.html").is_file()


def test_duplicate_slug_fails_the_build_naming_both_files(fixture_docs, tmp_path):
    docs = copy_docs(fixture_docs, tmp_path)
    folder = docs / "articles" / "002_bbbb"
    shutil.copyfile(folder / "01.md", folder / "01-renamed.md")         # a rename, then --force recreates 01.md
    result = mkdocs_build(tmp_path, docs)
    assert result.returncode != 0
    assert "slug '002_bbbb-01'" in result.log
    assert "articles/002_bbbb/01-renamed.md" in result.log and "articles/002_bbbb/01.md" in result.log


def test_wrong_page_types_and_duplicate_keys_fail_naming_file_and_problem(fixture_docs, tmp_path):
    docs = copy_docs(fixture_docs, tmp_path)
    shutil.copyfile(docs / "articles" / "003_cccc" / "01.md", docs / "sources" / "stray.md")
    shutil.copyfile(docs / "sources" / "004_dddd.md", docs / "articles" / "004_dddd" / "02.md")
    twice = docs / "articles" / "002_bbbb" / "02.md"
    twice.write_text(twice.read_text(encoding="utf-8").replace("---\n", "---\ntitle: 另一个标题\n", 1), encoding="utf-8")
    result = mkdocs_build(tmp_path, docs)
    assert result.returncode != 0
    assert "sources/stray.md: a page under sources/ must have 'type: source' (this one has no 'type'" in result.log
    assert "'title' is missing" not in result.log
    assert "articles/004_dddd/02.md: 'type: source' marks a source page, but this page is under articles/" in result.log
    assert "articles/002_bbbb/02.md: front matter has the key 'title' twice (lines 2 and 3)" in result.log


def test_two_source_pages_for_one_input_file(fixture_docs, tmp_path):
    docs = copy_docs(fixture_docs, tmp_path)
    shutil.copyfile(docs / "sources" / "003_cccc.md", docs / "sources" / "003_cccc-copy.md")
    with pytest.raises(CollectionError) as info:
        collect(docs)
    message = str(info.value)
    assert "source '003_cccc.txt' is also the source of" in message
    assert str(docs / "sources" / "003_cccc.md") in message and str(docs / "sources" / "003_cccc-copy.md") in message


@pytest.mark.parametrize("registry,broken", [
    ("zones.yml", "zones:\n  - name: 淄博高新区\n    city: [淄博\n"),
    ("topics.yml", "topics:\n  - name: 招商引资\n    keywords: {招商: 3\n  - name: 人才\n"),
])
def test_a_registry_with_a_syntax_error_fails_the_build_with_file_and_line(built, tmp_path, registry, broken):
    """A copy of the project's code with a broken registry builds the fixture archive."""
    scripts = tmp_path / "scripts"
    shutil.copytree(ROOT / "scripts", scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "newsarchive" / "data" / registry).write_text(broken, encoding="utf-8")
    cfg = write_config(tmp_path, built.docs, tmp_path / "site")
    proc = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(cfg)], capture_output=True, text=True,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(scripts)})
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"{scripts / 'newsarchive' / 'data' / registry}, line " in log, log
    assert "not valid YAML" in log


def test_pages_of_one_pdf_are_not_duplicates_but_one_page_twice_is(fixture_docs, tmp_path):
    docs = copy_docs(fixture_docs, tmp_path)
    original = (docs / "sources" / "003_cccc.md").read_text(encoding="utf-8")
    for stem, page in (("p01", 1), ("p02", 2), ("p02-copy", 2)):
        text = original.replace("source: 003_cccc.txt\n", f"source: 晚报.pdf\npdf_page: {page}\n", 1)
        (docs / "sources" / f"晚报-{stem}.md").write_text(text, encoding="utf-8")
    with pytest.raises(CollectionError) as info:
        collect(docs)
    assert len(info.value.errors) == 1
    assert "source '晚报.pdf (PDF page 2)' is also the source of" in str(info.value)
    (docs / "sources" / "晚报-p02-copy.md").unlink()
    assert len(collect(docs).sources) == 7
