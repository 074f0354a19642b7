"""The MkDocs event handlers of the archive site (``scripts/hooks/site.py``
exposes them as hooks).

- ``on_config``: the stylesheet; the navigation (index pages only) if
  mkdocs.yml has none.
- ``on_files``: read and validate every article/source page through the build
  cache (:mod:`.cache`: only pages whose bytes changed are parsed; fail the
  build naming each broken file), then add the index pages, staged in the
  build folder and rewritten only when their text changes, so a ``--dirty``
  build (``make serve``) renders only the index pages whose lists changed.
- ``on_page_markdown``: escape OCR markup in article bodies and the
  front-matter values the theme prints (title, description ...).
- ``on_page_content``: sanitise the HTML of every page from docs/
  (:mod:`archive_site.sanitize`); article header/footer; a source page's article list,
  made here from the articles' front matter (an older converter's list in
  the page body is dropped in ``on_page_markdown``).
- ``on_post_page``: article and source pages lose Material's indentation.
- ``on_post_build``: the exports (metadata CSV, compressed JSON Lines).

Article and source pages (the bulk of the site) use the lean template
``theme/archive-page.html``.
"""
from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from newsarchive.settings import SETTINGS_FILE, Settings, SettingsError, load_settings

from . import cache
from .configure import configure
from . import config as site_config
from .collection import Archive, CollectionError, collect, is_archive_page
from .decorate import (article_footer, article_header, drop_legacy_article_list, escape_markup, raw_anchor,
                       source_articles, source_header)
from .exports import write_exports
from .minify import collapse_whitespace
from .picture import page_picture, picture_report, region_link
from .pages import SiteIndex, generate, index_signature
from .regions import RegistryError, registry_lookup, report_zones
from .render import Linker, esc
from .sanitize import plain_text_title, sanitize_html

log = logging.getLogger("mkdocs.hooks.archive_site")

THEME_DIR = Path(__file__).resolve().parent / "theme"
STAGE = "pages"     # generated index pages, under the build folder (never in docs/)
STAGE_LISTING = "pages.json"   # in STAGE: the staged pages and the signature they were made from
LEAN_TEMPLATE = "archive-page.html"


# Front-matter values Material's templates print as HTML, unescaped.
THEME_META = ("title", "description", "author", "subtitle", "status")


def sanitize_toc(toc) -> None:
    """Table-of-contents titles as plain text (the theme prints them unescaped)."""
    for item in toc or ():
        item.title = plain_text_title(item.title)
        sanitize_toc(item.children)


def search_page(files: Files) -> str | None:
    """The search page another hook added (``search.md`` ...), if any."""
    return next((u for u in site_config.SEARCH_PAGES if files.get_file_from_path(u)), None)


class ArchiveSite:
    """State of one build: the archive read from docs/ and its indexes."""

    def __init__(self, settings: Settings | None = None) -> None:
        # Settings given by the MkDocs plugin (archive.yml and its options); else
        # archive.yml beside mkdocs.yml is read at on_config.
        self.given_settings = settings
        self.settings = settings or Settings()
        self.archive: Archive | None = None
        self.index: SiteIndex | None = None
        self.linker = Linker()
        self.nav_from_hook = False
        self.build_dir: Path | None = None
        self.dirty = False
        self.settings = Settings()
        self.docs_dir: Path | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        """Remember whether builds are ``--dirty`` (what ``make serve`` runs)."""
        self.dirty = dirty

    # -- configuration --------------------------------------------------------
    def on_config(self, config):
        """Register the stylesheet; remember the URL style for links."""
        self.linker = Linker(config.use_directory_urls)
        self.settings = self.given_settings or archive_settings(config)
        try:
            configure(self.settings, str(config.config_file_path))
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        if site_config.ASSETS_CSS not in config.extra_css:
            config.extra_css.append(site_config.ASSETS_CSS)
        self.nav_from_hook = config.nav is None
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_DIR))
        self.build_dir = cache.cache_dir(config.config_file_path)
        cache.start_build(self.build_dir)
        return config

    def is_archive_page(self, page) -> bool:
        """An article or source page of this build."""
        uri = page.file.src_uri
        return self.archive is not None and (uri in self.archive.by_uri or uri in self.archive.source_by_uri)

    # -- files ------------------------------------------------------------------
    @event_priority(-100)   # after other hooks' on_files (a search page may be added there)
    def on_files(self, files: Files, config) -> Files:
        """Validate all pages, add the generated index pages and the CSS, set the nav."""
        docs_dir = self.docs_dir = Path(config.docs_dir)
        uris = [f.src_uri for f in files if f.generated_by is None and is_archive_page(f.src_uri)]
        problems = []
        try:
            lookup = registry_lookup()
        except RegistryError as exc:
            problems.append(str(exc))
        try:
            self.archive = collect(docs_dir, uris)
        except CollectionError as exc:
            problems.append(str(exc))
        if problems:
            raise PluginError("\n".join(problems))
        self.index = SiteIndex.build(self.archive, self.linker, lookup)
        report_zones(self.index.zones)   # unlisted zones: information; unknown names: warnings
        nav_uris = {uri for _, uri in site_config.NAV}
        for uri, path in self.generated_pages(files, config).items():
            if files.get_file_from_path(uri) is not None:
                log.info("docs/%s exists; not generating it", uri)
                continue
            inclusion = InclusionLevel.INCLUDED if uri in nav_uris else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, abs_src_path=path, inclusion=inclusion))
        self.drop_stale_stage(files)
        css = resources.files(__package__).joinpath("assets/archive.css").read_text(encoding="utf-8")
        files.append(File.generated(config, site_config.ASSETS_CSS, content=css))
        log.info("archive: %d articles, %d sources", len(self.archive.articles), len(self.archive.sources))
        self.set_nav(files, config)
        return files

    def generated_pages(self, files: Files, config) -> dict[str, str]:
        """``{src_uri: staged file}`` of the generated pages: generated afresh,
        or, when nothing they depend on changed since the last build (an edit
        of article text only), the staged pages of the last build as they are."""
        has_home = files.get_file_from_path(site_config.HOME) is not None
        search_uri = search_page(files)
        signature = index_signature(self.archive, has_home, search_uri, config.use_directory_urls, self.settings)
        listing = self.stage_dir / STAGE_LISTING
        try:
            last = json.loads(listing.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            last = {}
        if last.get("signature") == signature and all((self.stage_dir / u).is_file() for u in last.get("pages", [])):
            log.info("archive: index pages unchanged (no front matter changed)")
            return {uri: str(self.stage_dir / uri) for uri in last["pages"]}
        pages = generate(self.index, with_home=not has_home, search_uri=search_uri)
        staged = {uri: self.stage(uri, markdown) for uri, markdown in pages.items()}
        cache.write_atomic(listing, json.dumps({"signature": signature, "pages": sorted(staged)},
                                               ensure_ascii=False).encode("utf-8"))
        return staged

    @property
    def stage_dir(self) -> Path:
        return (self.build_dir or cache.cache_dir(None)) / STAGE

    def stage(self, uri: str, markdown: str) -> str:
        """Write a generated page into the staging folder unless it holds the
        same text already (then its time stays and ``--dirty`` builds skip it)."""
        path = self.stage_dir / uri
        cache.write_if_changed(path, markdown.encode("utf-8"))
        return str(path)

    def drop_stale_stage(self, files: Files) -> None:
        """Delete staged pages that this build no longer generates."""
        live = {f.abs_src_path for f in files if f.abs_src_path}
        if self.stage_dir.is_dir():
            for path in self.stage_dir.rglob("*.md"):
                if str(path) not in live:
                    path.unlink()

    def set_nav(self, files: Files, config) -> None:
        """Set the navigation to the index pages (and a search page if one exists),
        unless mkdocs.yml has its own ``nav``."""
        if self.nav_from_hook:
            nav = [{title: uri} for title, uri in site_config.NAV if files.get_file_from_path(uri)]
            search = search_page(files)
            if search:
                nav.append({site_config.SEARCH_NAV_TITLE: search})
            config.nav = nav

    # -- pages --------------------------------------------------------------------
    @event_priority(-100)   # last: other hooks see the page as written
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """Escape markup in article and source page bodies (OCR text) and in every page title."""
        for key in THEME_META:          # the theme prints these unescaped
            if isinstance(page.meta.get(key), str):
                page.meta[key] = esc(page.meta[key])
        if not self.is_archive_page(page):
            return markdown
        page.meta.setdefault("template", LEAN_TEMPLATE)
        if page.file.src_uri in self.archive.source_by_uri:
            markdown = drop_legacy_article_list(markdown)
        markdown = escape_markup(markdown)
        if page.file.src_uri in self.archive.source_by_uri:
            markdown = raw_anchor(markdown)
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        """Sanitise the HTML of every page from docs/ (event handlers,
        ``javascript:`` URLs, scripts); then wrap article pages in their
        header/footer and list a source page's articles."""
        if page.file.generated_by is None:      # hand-editable: take out what Markdown let in
            html = sanitize_html(html)
            sanitize_toc(page.toc)
        if self.index is None:
            return html
        uri = page.file.src_uri
        article = self.archive.by_uri.get(uri)
        if article is not None:
            return (article_header(self.index, article) + self.region_link(article) + html
                    + article_footer(self.index, article))
        source = self.archive.source_by_uri.get(uri)
        if source is not None:
            return source_header(self.index, source) + after_title(
                html, self.page_picture(source, files) + source_articles(self.index, source))
        return html

    @event_priority(-100)
    def on_post_page(self, output: str, page, config) -> str:
        """Collapse the template's whitespace on article and source pages."""
        return collapse_whitespace(output) if self.is_archive_page(page) else output

    # -- page pictures (PDF sources) ---------------------------------------------
    def page_picture(self, source, files) -> str:
        """The page picture with its articles' regions, if pictures are on and the file is there."""
        if not (self.settings.page_pictures and source.picture):
            return ""
        if files.get_file_from_path(source.picture) is None:
            log.info("%s: its page picture %s is missing (convert again to make it)", source.src_uri, source.picture)
            return ""
        return page_picture(self.archive, self.linker, source)

    def region_link(self, article) -> str:
        return region_link(self.archive, self.linker, article) if self.settings.page_pictures else ""

    # -- after the build ----------------------------------------------------------
    @event_priority(-100)   # last: the search hook reads pages through the cache before
    def on_post_build(self, config) -> None:
        """Write the exports into site_dir; save the page cache."""
        if self.archive is not None:
            if self.dirty and (Path(config.site_dir) / site_config.EXPORT_CSV).exists():
                log.info("archive: exports kept from the last full build (a --dirty build does not rewrite them)")
            else:
                write_exports(self.archive, self.linker, config.site_dir)
            if self.settings.page_pictures and self.docs_dir is not None:
                log.info(picture_report(self.archive, lambda rel: _size(self.docs_dir / rel)))
        pages = cache.current()
        pages.save()
        log.info("archive: front matter parsed for %d pages, reused from the cache for %d", pages.parsed, pages.reused)


def after_title(html: str, insert: str) -> str:
    """``insert`` right after the page's ``<h1>`` (at the start if it has none).

    >>> after_title('<h1 id="a">来源</h1><h2>文章</h2>', '<figure></figure>')
    '<h1 id="a">来源</h1><figure></figure><h2>文章</h2>'
    """
    end = html.find("</h1>")
    if not insert or end < 0:
        return insert + html
    return html[:end + 5] + insert + html[end + 5:]


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def archive_settings(config) -> Settings:
    """The archive's settings file (archive.yml beside mkdocs.yml), shared with the converter."""
    path = Path(config.config_file_path or "mkdocs.yml").resolve().parent / SETTINGS_FILE
    try:
        return load_settings(path)
    except SettingsError as exc:
        raise PluginError(str(exc)) from None
