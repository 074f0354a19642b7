"""The installed tool, end to end, as someone starting their own archive uses it:
`newsarchive new` in a temporary folder, a page added to seeds/, `convert`,
`check`, `build`, and the site opened in real headless Chromium (home, a zone
page, an article, a search) — built by MkDocs and by Zensical
(`newsarchive build --engine zensical`), whose theme differs: the browser
checks look at what a reader sees (headings, links, text), not at class names.

The `newsarchive` command is the console script `make` installed into .venv
(its imports come from this checkout: tests/conftest.py sets PYTHONPATH).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest
import yaml

from browser import chromium, screenshot, serve
from newsarchive.cli import template_files

ROOT = Path(__file__).resolve().parent.parent
COMMAND = Path(sys.executable).with_name("newsarchive")
PAGE = "003_d0893501d4b0028e.txt"       # a seed page with several articles
TITLE = "测试文库：我的高新区"
# The archive's own topic registry (the zone and pattern registries stay the tool's).
OWN_TOPICS = """settings: {title_weight: 3, max_topics: 4, min_share: 0.25}
topics:
  - name: 本库专题
    description: 这个文库自己的主题
    threshold: 1
    keywords: {高新区: 1}
"""
LATEST = "本库最近收录"
# A hand-written page with markup that must never run (Markdown lets raw HTML through).
HAND_PAGE = """---
title: "关于本库</title><script>window.__pwned = 4</script>"
---

# 关于本库

本库收录高新区报道。<img src="missing.png" onerror="window.__pwned = 1">

[点这里](javascript:window.__pwned=2)

<script>window.__pwned = 3</script>
"""
ENGINES = ("mkdocs", "zensical")


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
    (folder / "topics.yml").write_text(OWN_TOPICS, encoding="utf-8")
    with open(folder / "archive.yml", "a", encoding="utf-8") as fh:
        fh.write(f"topics_file: topics.yml\nlabels: {{latest: {LATEST}}}\n")
    converted = newsarchive("convert", cwd=folder)
    assert "README" not in converted.stderr          # the scaffold's note in seeds/ is no page
    newsarchive("check", cwd=folder)
    (folder / "docs" / "about.md").write_text(HAND_PAGE, encoding="utf-8")
    newsarchive("build", cwd=folder)
    return folder


def tree(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def zensical_archive(archive, tmp_path_factory) -> Path:
    """The same archive built by Zensical (a copy, so both sites exist)."""
    folder = tmp_path_factory.mktemp("zensical") / "archive"
    shutil.copytree(archive, folder, ignore=shutil.ignore_patterns("site", "build", ".cache"))
    docs_before = tree(folder / "docs")
    newsarchive("build", "--engine", "zensical", cwd=folder)
    assert tree(folder / "docs") == docs_before            # the generated pages went to the build folder
    return folder


@pytest.fixture(params=ENGINES)
def built(request, archive, zensical_archive) -> Path:
    """The archive folder built by one engine, then the other."""
    return archive if request.param == "mkdocs" else zensical_archive


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


def test_the_archive_installs_the_tool_from_where_it_is(archive):
    """requirements.txt names this checkout (the tool runs from it), not a version on no index."""
    lines = [ln for ln in (archive / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert lines == [f"newsarchive @ {ROOT.as_uri()}"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "newsarchive"


def test_the_archive_registry_replaces_the_tools_and_the_others_are_inherited(archive):
    metas = [yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])
             for p in (archive / "docs" / "articles").rglob("*.md")]
    topics = {t for m in metas for t in m.get("topics", [])}
    assert topics == {"本库专题"}                                  # the archive's own taxonomy
    assert any(m.get("zones") for m in metas)                     # the tool's zone registry
    assert "本库专题" in (archive / "site" / "topics" / "index.html").read_text(encoding="utf-8")


def test_a_bad_setting_stops_the_build_naming_the_file(archive, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(archive, copy, ignore=shutil.ignore_patterns("site", "build"))
    with open(copy / "archive.yml", "a", encoding="utf-8") as fh:
        fh.write("limits: {latest_articles: many}\n")
    proc = newsarchive("build", cwd=copy, check=False)
    assert proc.returncode != 0 and "archive.yml" in proc.stderr and "limits" in proc.stderr


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
    text = "\n".join(line for line in page.read_text(encoding="utf-8").split("\n") if not line.startswith("zones:"))
    page.write_text(text.replace("source:", "zones: 淄博高新区\nsource:", 1), encoding="utf-8")   # one zones key, not a list
    proc = newsarchive("check", cwd=copy, check=False)
    assert proc.returncode == 1 and page.name in proc.stderr and "'zones' must be a list" in proc.stderr


def test_schema_command_prints_the_schema(archive):
    printed = json.loads(newsarchive("schema", cwd=archive).stdout)
    assert printed == json.loads((archive / "article.schema.json").read_text(encoding="utf-8"))


def test_zensical_built_every_part_of_the_site(zensical_archive):
    site = zensical_archive / "site"
    for rel in ("index.html", "zones/index.html", "topics/index.html", "dates/index.html", "newspapers/index.html",
                "people/index.html", "organizations/index.html", "search.html", "exports/articles.csv",
                "fulltext/manifest.js", "assets/search/search.js"):
        assert (site / rel).is_file(), rel
    assert (zensical_archive / "build" / "exports" / "articles.jsonl.gz").is_file()      # beside the site, not in it
    articles = sorted((zensical_archive / "docs" / "articles").rglob("*.md"))
    csv_lines = (site / "exports" / "articles.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(csv_lines) == len(articles) + 1
    assert not (zensical_archive / ".newsarchive-zensical.yml").exists()     # the generated config is gone


def test_zensical_build_stops_at_a_broken_page_naming_it(zensical_archive, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(zensical_archive, copy, ignore=shutil.ignore_patterns("site", "build", ".cache"))
    page = sorted((copy / "docs" / "articles").rglob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    proc = newsarchive("build", "--engine", "zensical", cwd=copy, check=False)
    assert proc.returncode != 0 and page.name in proc.stderr and "'title' is missing" in proc.stderr
    assert not (copy / "site" / "index.html").exists()


def test_zensical_strict_build_stops_at_an_unknown_zone(zensical_archive, tmp_path):
    """A zone typed by hand that is no zone and no place: a warning, so the strict build fails (as under MkDocs)."""
    copy = tmp_path / "copy"
    shutil.copytree(zensical_archive, copy, ignore=shutil.ignore_patterns("site", "build", ".cache"))
    page = sorted((copy / "docs" / "articles").rglob("*.md"))[0]
    text = "\n".join(line for line in page.read_text(encoding="utf-8").split("\n") if not line.startswith("zones:"))
    page.write_text(text.replace("source:", "zones: [火星高新区]\nsource:", 1), encoding="utf-8")
    proc = newsarchive("build", "--engine", "zensical", cwd=copy, check=False)
    assert proc.returncode != 0 and "unknown zone '火星高新区'" in proc.stderr and "--strict" in proc.stderr
    assert newsarchive("build", "--engine", "zensical", "--no-strict", cwd=copy, check=False).returncode == 0


def broken_links(site: Path) -> dict[str, str]:
    """Relative links of the site's pages that name no file: {href: page}."""
    broken = {}
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":      # an error page links from the site root, wherever it is served
            continue
        for href in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8")):
            href = re.split(r"[#?]", href)[0]
            if not href or href.startswith("/") or re.match(r"[a-z][a-z0-9+.-]*:", href):   # not a file here
                continue
            target = page.parent / unquote(href)
            if not (target.is_file() or (target / "index.html").is_file()):   # a folder: its index page
                broken.setdefault(href, page.relative_to(site).as_posix())
    return broken


def test_every_link_of_the_site_resolves(built):
    assert len(list((built / "site").rglob("*.html"))) > 20
    assert broken_links(built / "site") == {}


def test_zensical_with_directory_urls(zensical_archive, tmp_path):
    folder = tmp_path / "copy"
    shutil.copytree(zensical_archive, folder, ignore=shutil.ignore_patterns("site", "build", ".cache"))
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("use_directory_urls: false", "use_directory_urls: true"),
                      encoding="utf-8")
    newsarchive("build", "--engine", "zensical", cwd=folder)
    assert (folder / "site" / "zones" / "index.html").is_file() and not (folder / "site" / "zones.html").exists()
    assert broken_links(folder / "site") == {}


def test_this_repositorys_example_archive_builds_under_zensical(tmp_path):
    """The example archive (several years, zones with empty years) under Zensical's
    strict link and anchor checks."""
    for name in ("mkdocs.yml", "archive.yml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    newsarchive("build", "--engine", "zensical", cwd=tmp_path)
    site = tmp_path / "site"
    assert len(list((site / "articles").rglob("*.html"))) == len(list((ROOT / "docs" / "articles").rglob("*.md")))
    assert broken_links(site) == {}


def test_the_site_in_chromium(built):
    site = built / "site"
    engine = "zensical" if built.parent.name.startswith("zensical") else "mkdocs"
    article = sorted((built / "docs" / "articles").rglob("*.md"))[0]
    meta = yaml.safe_load(article.read_text(encoding="utf-8").split("---")[1])
    article_url = article.relative_to(built / "docs").with_suffix(".html").as_posix()
    word = meta["title"][:4]
    with serve(site) as base, chromium() as browser:
        page = browser.new_page()
        errors: list[str] = []
        outside: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("request", lambda req: outside.append(req.url)
                if urlparse(req.url).scheme not in ("data", "blob") and urlparse(req.url).hostname != "127.0.0.1"
                else None)

        page.goto(base + "index.html")
        assert page.locator("h1").first.inner_text() == TITLE                # archive.yml's title
        assert LATEST in page.locator("article").inner_text()               # archive.yml's labels
        assert page.locator("a[href$='zones/index.html']").count() > 0
        screenshot(page, f"tool-new-archive-home-{engine}")

        page.goto(base + "zones/index.html")
        zone_links = page.locator("article a[href$='.html']:not([href^='../']):not([href='index.html'])")
        assert zone_links.count() > 0
        with page.expect_navigation():
            zone_links.first.click()
        assert "zones/" in page.url and page.locator("article a[href*='articles/']").count() > 0

        page.goto(base + article_url)
        body = page.locator("article").inner_text()
        assert meta["title"] in page.locator("h1").first.inner_text()
        assert meta["zones"][0] in body                                     # the header the site adds
        with page.expect_navigation():                                      # the link back to the printed page
            page.locator("article a[href*='sources/']").first.click()
        assert meta["title"] in page.locator("article").inner_text()      # the source page lists it

        page.goto(base + "about.html")
        assert "本库收录高新区报道" in page.locator("article").inner_text()
        page.locator("article a", has_text="点这里").click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None                      # sanitised: nothing ran
        assert "javascript:" not in page.content()

        page.goto(base + "search.html?q=" + quote(word))
        page.wait_for_selector(".gxq-result__title a", timeout=15000)
        assert meta["title"] in page.locator(".gxq-result__title").all_text_contents()
        screenshot(page, f"tool-new-archive-search-{engine}")
        assert not errors, errors
        assert not outside, f"requests that leave the machine: {outside}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_gives_the_home_page_over_http(archive, tmp_path):
    """`newsarchive serve` (MkDocs' live preview) answers on the address given, then stops."""
    copy = tmp_path / "copy"
    shutil.copytree(archive, copy, ignore=shutil.ignore_patterns("site", "build", ".cache"))
    port = free_port()
    proc = subprocess.Popen([str(COMMAND), "serve", "-a", f"127.0.0.1:{port}"], cwd=copy, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    html, deadline = None, time.monotonic() + 300     # a first build on a loaded machine: be patient
    try:
        while html is None and proc.poll() is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
                    html = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
    finally:
        os.killpg(proc.pid, 15)
        output = proc.communicate(timeout=60)[0]
    assert html is not None, f"newsarchive serve never answered:\n{output}"
    assert "<h1" in html and TITLE in html and "zones/index.html" in html
    assert proc.returncode is not None
