"""The installed tool, end to end, as someone starting their own archive uses it:
`newsarchive new` in a temporary folder, a page added to seeds/, `convert`,
`check`, `build`, and the site opened in real headless Chromium (home, a zone
page, an article, a search).

The `newsarchive` command is the console script `make` installed into .venv
(its imports come from this checkout: tests/conftest.py sets PYTHONPATH).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from browser import chromium, screenshot, serve
from newsarchive.cli import template_files

ROOT = Path(__file__).resolve().parent.parent
COMMAND = Path(sys.executable).with_name("newsarchive")
PAGE = "003_d0893501d4b0028e.txt"       # a seed page with several articles
TITLE = "测试文库：我的高新区"


def newsarchive(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(COMMAND), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=600)
    if check:
        assert proc.returncode == 0, f"newsarchive {' '.join(map(str, args))}:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A new archive with one page, converted and built."""
    assert COMMAND.is_file(), f"{COMMAND} missing: `make` installs the package into .venv"
    base = tmp_path_factory.mktemp("mine")
    newsarchive("new", "archive", "--title", TITLE, cwd=base)
    folder = base / "archive"
    shutil.copy2(ROOT / "seeds" / PAGE, folder / "seeds" / PAGE)
    newsarchive("convert", cwd=folder)
    newsarchive("check", cwd=folder)
    newsarchive("build", cwd=folder)
    return folder


def test_new_writes_the_archive_files(archive):
    for rel in template_files():
        assert (archive / rel).is_file(), rel
    config = yaml.load((archive / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config["site_name"] == TITLE
    assert "newsarchive" in json.dumps(config["plugins"])
    assert "hooks" not in config                              # the plugin, no hooks
    assert yaml.safe_load((archive / "archive.yml").read_text(encoding="utf-8"))["title"] == TITLE
    schema = json.loads((archive / "article.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["article"]["required"] == ["title", "source"]
    workflow = yaml.load((archive / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"),
                         Loader=yaml.BaseLoader)
    assert workflow["jobs"]["build"]["needs"] == "check" and workflow["jobs"]["deploy"]["needs"] == "build"
    assert "${{" in (archive / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")


def test_new_refuses_a_folder_in_use(archive):
    proc = newsarchive("new", archive, cwd=archive.parent, check=False)
    assert proc.returncode == 2 and "not an empty folder" in proc.stderr


def test_convert_wrote_articles_and_build_made_the_site(archive):
    articles = sorted((archive / "docs" / "articles").rglob("*.md"))
    assert len(articles) >= 2
    site = archive / "site"
    for rel in ("index.html", "zones/index.html", "search.html", "exports/articles.csv"):
        assert (site / rel).is_file(), rel
    assert (site / "fulltext").is_dir()


def test_check_names_a_broken_page(archive, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(archive / "docs", copy / "docs")
    page = next((copy / "docs" / "articles").rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8").replace("source:", "zones: 淄博高新区\nsource:", 1),
                    encoding="utf-8")
    proc = newsarchive("check", cwd=copy, check=False)
    assert proc.returncode == 1 and page.name in proc.stderr and "'zones' must be a list" in proc.stderr


def test_schema_command_prints_the_schema(archive):
    printed = json.loads(newsarchive("schema", cwd=archive).stdout)
    assert printed == json.loads((archive / "article.schema.json").read_text(encoding="utf-8"))


def test_the_site_in_chromium(archive):
    site = archive / "site"
    article = sorted((archive / "docs" / "articles").rglob("*.md"))[0]
    meta = yaml.safe_load(article.read_text(encoding="utf-8").split("---")[1])
    article_url = article.relative_to(archive / "docs").with_suffix(".html").as_posix()
    word = meta["title"][:4]
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        page.goto(base + "index.html")
        assert TITLE in page.title() + page.locator("header").inner_text()
        assert page.locator("a[href$='zones/index.html']").count() > 0
        screenshot(page, "tool-new-archive-home")

        page.goto(base + "zones/index.html")
        zone_links = page.locator("article a[href$='.html']:not([href^='../']):not([href='index.html'])")
        assert zone_links.count() > 0
        with page.expect_navigation():
            zone_links.first.click()
        assert "zones/" in page.url and page.locator("article a[href*='articles/']").count() > 0

        page.goto(base + article_url)
        assert meta["title"] in page.locator("article").inner_text()

        page.goto(base + "search.html?q=" + quote(word))
        page.wait_for_selector(".gxq-result__title a", timeout=15000)
        assert meta["title"] in page.locator(".gxq-result__title").all_text_contents()
        screenshot(page, "tool-new-archive-search")
        assert not errors, errors
