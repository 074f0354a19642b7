"""``newsarchive build --engine zensical``: the archive built by Zensical,
which reads mkdocs.yml but runs no MkDocs plugin or hook.

The engine-independent build (:mod:`archive_site.core`) runs around
``zensical build``:

1. **Stage** (:func:`stage`): a build folder ``build/archive-site/zensical/docs``
   holds what Zensical renders, never ``docs/`` itself: every file of
   ``docs/`` hard-linked (copied across file systems), every Markdown page
   rewritten with its title escaped and, for article and source pages, its OCR
   markup escaped and its header/footer (or article list and page picture) in
   the body; the generated index pages, the search page and the assets.
   The body of every page from docs/ is put between two markers.
2. **Configure**: a generated config beside mkdocs.yml (Zensical wants the
   docs and site folders inside the config's folder) inherits mkdocs.yml and
   points ``docs_dir`` at the staging folder; it adds the stylesheets and
   scripts, the navigation (if mkdocs.yml has none), turns off Zensical's own
   search (the archive's finds exact Chinese substrings) and its generator
   link. It is removed after the build.
3. ``zensical build``.
4. **Finish** (:func:`finish`): the HTML between the markers of every page
   from docs/ is sanitised (nh3, as the MkDocs plugin does), then the search
   index and the exports are written into the site.
"""
from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import yaml

from newsarchive.schema import FRONT_MATTER
from newsarchive.settings import SETTINGS_FILE, Settings, SettingsError, load_settings, merge_settings

from . import cache
from . import config as site_config
from .collection import is_archive_page
from .core import BuildError, SiteBuild, escape_meta
from .render import dest_path
from .sanitize import sanitize_html
from .search import integration as search

log = logging.getLogger("newsarchive.zensical")

STAGE = "zensical"            # under the build folder: docs/ as Zensical renders it
GENERATED_CONFIG = ".newsarchive-zensical.yml"   # beside mkdocs.yml, during the build only
BODY_START = "<!--newsarchive:body-->"
BODY_END = "<!--/newsarchive:body-->"
_MARKER = re.compile(r"<!--\s*/?newsarchive:body\s*-->")
_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the few settings used here: ``!ENV`` and Python tags are kept as None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{path}: cannot read it ({' '.join(str(exc).split())})") from None
    if not isinstance(config, dict):
        raise BuildError(f"{path}: not a mapping of settings")
    return config


def plugin_options(config: dict) -> dict | None:
    """The ``newsarchive`` plugin's options in mkdocs.yml (None: not listed).

    >>> plugin_options({"plugins": [{"newsarchive": {"settings": "archive.yml"}}]})
    {'settings': 'archive.yml'}
    >>> plugin_options({"plugins": ["newsarchive"]}), plugin_options({"plugins": {"search": {}}})
    ({}, None)
    """
    plugins = config.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else \
        [(p, {}) if isinstance(p, str) else next(iter(p.items())) for p in plugins if p]
    for name, options in items:
        if name == "newsarchive":
            return dict(options or {})
    return None


def archive_settings(config_file: Path, config: dict) -> Settings:
    """The archive's settings: archive.yml (or the file the plugin names) and
    the plugin's options in mkdocs.yml, as the MkDocs plugin merges them."""
    root = config_file.parent
    options = plugin_options(config) or {}
    overrides = {k: v for k, v in options.items() if k not in ("settings", "search") and v is not None}
    try:
        return merge_settings(load_settings(root / options.get("settings", SETTINGS_FILE)), overrides, base=root,
                              where=f"{config_file}: plugin 'newsarchive'")
    except SettingsError as exc:
        raise BuildError(str(exc)) from None


def escape_heading_html(markdown: str) -> str:
    """``<`` in the ATX headings of a hand-written page shown as text (Zensical
    prints heading text unescaped in the table of contents), outside code fences.

    >>> escape_heading_html("## <img src=x onerror=alert(1)>\\n正文 <b>b</b>\\n```\\n# <i>\\n```")
    '## &lt;img src=x onerror=alert(1)>\\n正文 <b>b</b>\\n```\\n# <i>\\n```'
    """
    out, fence = [], None
    for line in markdown.split("\n"):
        match = _FENCE_LINE.match(line)
        if fence is None and match:
            fence = match.group(1)[0]
        elif fence is not None and match and match.group(1)[0] == fence:
            fence = None
        elif fence is None and _HEADING_LINE.match(line):
            line = line.replace("<", "&lt;")
        out.append(line)
    return "\n".join(out)


def after_heading(markdown: str, insert: str) -> str:
    """``insert`` (a block of HTML) right after the page's first ``#`` heading
    (at the start if it has none).

    >>> after_heading("# 来源\\n\\n## 删除的文字", "<p>x</p>")
    '# 来源\\n\\n<p>x</p>\\n\\n## 删除的文字'
    """
    if not insert:
        return markdown
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            rest = lines[i + 1:]
            return "\n".join(lines[:i + 1] + ["", insert] + ([] if rest and not rest[0].strip() else [""]) + rest)
    return insert + "\n\n" + markdown


def page_text(meta: dict, body: str) -> str:
    """A staged page: front matter (YAML) and body."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) if meta else ""
    return f"---\n{front}---\n\n{body}" if front else body


def split_page(text: str) -> tuple[dict, str]:
    """Front matter and body of a hand-written page (front matter optional;
    unreadable front matter is left in the body for Zensical to report)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError:
        return {}, text
    return (meta, text[match.end():]) if isinstance(meta, dict) else ({}, text)


def fenced_body(body: str) -> str:
    """The body between the markers (a marker written in the page itself is taken out)."""
    return f"{BODY_START}\n\n{_MARKER.sub('', body)}\n\n{BODY_END}"


class ZensicalBuild:
    """One ``newsarchive build --engine zensical``."""

    def __init__(self, config_file: Path, strict: bool = True) -> None:
        self.config_file = config_file.resolve()
        self.root = self.config_file.parent
        self.config = read_config(self.config_file)
        self.strict = strict
        self.docs_dir = self.root / str(self.config.get("docs_dir") or "docs")
        self.site_dir = self.root / str(self.config.get("site_dir") or "site")
        self.use_directory_urls = bool(self.config.get("use_directory_urls", True))
        # Zensical resolves every relative link of a page as source-relative (raw HTML too), so the
        # site's links are written from page source to page source and Zensical makes them URLs.
        self.build = SiteBuild(archive_settings(self.config_file, self.config), self.config_file,
                               self.use_directory_urls, source_links=True)
        self.stage_dir = self.build.build_dir / STAGE / "docs"
        self.fenced: list[str] = []          # src_uri of the pages whose body is between the markers

    # -- 1. staging -------------------------------------------------------------------
    def stage(self) -> None:
        try:
            self.build.start()
        except SettingsError as exc:
            raise BuildError(str(exc)) from None
        if not self.docs_dir.is_dir():
            raise BuildError(f"{self.docs_dir}: no such folder (the docs_dir of {self.config_file})")
        files = sorted(p.relative_to(self.docs_dir).as_posix() for p in self.docs_dir.rglob("*") if p.is_file())
        self.build.load(self.docs_dir, [u for u in files if is_archive_page(u)])
        present = set(files)
        staged: set[str] = set()

        def put(uri: str, text: str) -> None:
            cache.write_if_changed(self.stage_dir / uri, text.encode("utf-8"))
            staged.add(uri)

        def has_file(uri: str) -> bool:
            return uri in present

        for uri in files:
            src = self.docs_dir / uri
            if uri.endswith(".md"):
                put(uri, self.staged_page(uri, src, has_file))
            else:
                link(src, self.stage_dir / uri)
                staged.add(uri)
        search_uri = search.SEARCH_PAGE
        if search_uri not in present:
            put(search_uri, self.generated_page(search.SEARCH_PAGE_TEXT))
        for uri, staged_file in self.build.generated_pages(site_config.HOME in present, search_uri).items():
            if uri in present:
                log.info("docs/%s exists; not generating it", uri)
                continue
            put(uri, self.generated_page(Path(staged_file).read_text(encoding="utf-8")))
        put(site_config.ASSETS_CSS, (Path(__file__).parent / "assets" / "archive.css").read_text(encoding="utf-8"))
        for uri, source in search.asset_files(self.build.linker.url(search_uri)).items():   # a site URL
            if isinstance(source, Path):
                link(source, self.stage_dir / uri)
                staged.add(uri)
            else:
                put(uri, source)
        for path in sorted(self.stage_dir.rglob("*"), reverse=True):     # what docs/ no longer has
            rel = path.relative_to(self.stage_dir).as_posix()
            if path.is_file() and rel not in staged:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        self.nav = self.navigation(present | staged)

    def staged_page(self, uri: str, src: Path, has_file) -> str:
        """A page of docs/ as Zensical gets it."""
        if self.build.is_archive_page(uri):
            page = cache.read_page(src)
            meta, body = dict(page.meta), page.body
            body = self.build.page_markdown(uri, body)
            before, after = self.build.decoration(uri, has_file)
            if self.build.archive is not None and uri in self.build.archive.source_by_uri:
                body = before + "\n\n" + after_heading(fenced_body(body), after)
            else:
                body = (before + "\n\n" if before else "") + fenced_body(body) + ("\n\n" + after if after else "")
        else:
            meta, body = split_page(src.read_text(encoding="utf-8-sig"))
            body = fenced_body(escape_heading_html(body))
        escape_meta(meta)
        self.fenced.append(uri)
        return page_text(meta, body)

    @staticmethod
    def generated_page(text: str) -> str:
        meta, body = split_page(text)
        escape_meta(meta)
        return page_text(meta, body)

    def navigation(self, uris: set[str]) -> list | None:
        """The index pages and the search page, unless mkdocs.yml has a ``nav``."""
        if self.config.get("nav"):
            return None
        nav: list = [{title: uri} for title, uri in site_config.NAV if uri in uris]
        nav.append({site_config.SEARCH_NAV_TITLE: search.SEARCH_PAGE})
        return nav

    # -- 2.-3. zensical build ---------------------------------------------------------------
    def generated_config(self) -> dict:
        css, scripts = search.asset_uris()
        extra = {"generator": False}
        config: dict = {
            "INHERIT": self.config_file.name,
            "docs_dir": os.path.relpath(self.stage_dir, self.root),
            "site_dir": os.path.relpath(self.site_dir, self.root),
            "use_directory_urls": self.use_directory_urls,
            "extra_css": [site_config.ASSETS_CSS, *css],
            "extra_javascript": scripts,
            "extra": extra,
            "plugins": [{"search": {"enabled": False}}],
        }
        if self.nav is not None:
            config["nav"] = self.nav
        return config

    def run_zensical(self) -> int:
        path = self.root / GENERATED_CONFIG
        cache.write_atomic(path, yaml.safe_dump(self.generated_config(), allow_unicode=True,
                                                sort_keys=False).encode("utf-8"))
        cmd = [sys.executable, "-m", "zensical", "build", "-f", str(path)] + (["--strict"] if self.strict else [])
        try:
            return subprocess.run(cmd, cwd=self.root).returncode
        finally:
            path.unlink(missing_ok=True)

    # -- 4. finish ------------------------------------------------------------------------
    def finish(self) -> None:
        problems = []
        for uri in self.fenced:
            path = self.site_dir / dest_path(uri, self.use_directory_urls)
            try:
                html = path.read_text(encoding="utf-8")
            except OSError:
                continue            # not rendered (excluded, a draft)
            fixed = sanitize_between_markers(html)
            if fixed is None:
                problems.append(f"{path}: the page body's markers are not there once each; not published")
                path.unlink()
            elif fixed != html:
                cache.write_atomic(path, fixed.encode("utf-8"))
        search.build_index(self.docs_dir, self.site_dir, self.config_file, url_for=self.build.linker.url)
        self.build.finish(self.site_dir)
        if problems:
            raise BuildError("\n".join(problems))


def sanitize_between_markers(html: str) -> str | None:
    """The page with the HTML between :data:`BODY_START` and :data:`BODY_END`
    sanitised and the markers removed; None when they are not there once each.

    >>> sanitize_between_markers('<nav>x</nav><!--newsarchive:body--><p onclick="f()">正文</p><!--/newsarchive:body-->')
    '<nav>x</nav><p>正文</p>'
    >>> sanitize_between_markers('<p>no markers</p>') is None
    True
    """
    if html.count(BODY_START) != 1 or html.count(BODY_END) != 1:
        return None
    start = html.index(BODY_START)
    end = html.index(BODY_END)
    if end < start:
        return None
    body = html[start + len(BODY_START):end]
    return html[:start] + sanitize_html(body) + html[end + len(BODY_END):]


def link(src: Path, dest: Path) -> None:
    """``dest`` the same file as ``src``: a hard link, or a copy across file systems."""
    try:
        if dest.exists() and os.path.samefile(src, dest):
            return
    except OSError:
        pass
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copy2(src, tmp)
    os.replace(tmp, dest)


class WarningCount(logging.Handler):
    """Counts the warnings the archive's build step logs (``--strict`` fails on
    them, as ``mkdocs build --strict`` does on the plugin's)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def build(config_file: Path, strict: bool = True) -> int:
    """Stage, ``zensical build``, finish; the exit code (errors printed naming the files)."""
    if find_spec("zensical") is None:
        print("error: Zensical is not installed here: pip install 'newsarchive[zensical]' "
              "(or build with MkDocs: newsarchive build)", file=sys.stderr)
        return 2
    warnings = WarningCount()
    logging.getLogger().addHandler(warnings)
    try:
        job = ZensicalBuild(config_file, strict)
        job.stage()
        if strict and warnings.count:
            print(f"error: aborted with --strict: {warnings.count} warning(s) above", file=sys.stderr)
            return 1
        code = job.run_zensical()
        if code != 0:
            print(f"error: zensical build failed (exit code {code})", file=sys.stderr)
            return code
        job.finish()
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        logging.getLogger().removeHandler(warnings)
    if strict and warnings.count:
        print(f"error: aborted with --strict: {warnings.count} warning(s) above", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m archive_site.zensical",
                                 description="Build the archive site with Zensical (newsarchive build --engine zensical).")
    ap.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    ap.add_argument("--no-strict", dest="strict", action="store_false", help="do not stop at Zensical's warnings")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s")
    return build(args.config_file, args.strict)


if __name__ == "__main__":
    sys.exit(main())
