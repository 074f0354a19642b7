"""The MkDocs event handlers of the archive site (the ``newsarchive`` plugin,
:mod:`archive_site.mkdocs_plugin`, and ``scripts/hooks/site.py`` use them).
The work is the engine-independent build's (:mod:`archive_site.core`); this
module only hands it MkDocs' files, pages and config.

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
- ``on_post_page``: every page loses Material's indentation.
- ``on_post_build``: the exports (metadata CSV, compressed JSON Lines).

Article and source pages (the bulk of the site) use the lean template
``theme/archive-page.html``.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
from importlib import metadata, resources
from pathlib import Path
from typing import cast

import jinja2
import markdown
import markdown.treeprocessors
import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import (Page, _ExtractAnchorsTreeprocessor, _ExtractTitleTreeprocessor,
                                    _RawHTMLPreprocessor, _RelativePathTreeprocessor)
from mkdocs.structure.toc import get_toc
from newsarchive.settings import SETTINGS_FILE, Settings, SettingsError, load_settings

from . import cache
from . import config as site_config
from .collection import is_archive_page
from .core import BuildError, SiteBuild, escape_meta
from .minify import collapse_whitespace, drop_unused_chrome
from .rawdiff import ARTICLE_OPEN, article_text
from .render import Linker
from .sanitize import plain_text_title
from .search import integration as search

log = logging.getLogger("mkdocs.hooks.archive_site")

THEME_DIR = Path(__file__).resolve().parent / "theme"
LEAN_TEMPLATE = "archive-page.html"


def sanitize_toc(toc) -> None:
    """Table-of-contents titles as plain text (the theme prints them unescaped)."""
    for item in toc or ():
        item.title = plain_text_title(item.title)
        sanitize_toc(item.children)


def search_page(files: Files) -> str | None:
    """The search page another hook added (``search.md`` ...), if any."""
    return next((u for u in site_config.SEARCH_PAGES if files.get_file_from_path(u)), None)


# What a rendered page was made by besides its Markdown: the code of this
# package (the body's sanitising and packing) and the versions of the engine.
_CODE_FILES = sorted(Path(__file__).resolve().parent.glob("*.py"))
_PACKAGES = ("mkdocs", "markdown", "pymdown-extensions", "nh3")


def code_version() -> str:
    """A hash of this package's code and the versions of MkDocs, Python-Markdown,
    its extensions and nh3: a page rendered by other code is rendered again."""
    h = hashlib.blake2b(digest_size=16)
    for name in _PACKAGES:
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=;".encode())
    for path in _CODE_FILES:
        h.update(path.read_bytes())
    return h.hexdigest()


def template_cache(build_dir: Path, env) -> Path:
    """The folder of compiled templates: one per version of Jinja, MkDocs and
    the theme and per compiler setting (Jinja checks only each template's source)."""
    h = hashlib.blake2b(digest_size=8)
    for name in ("jinja2", "mkdocs", "mkdocs-material"):
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=;".encode())
    h.update(repr((sorted(env.extensions), env.autoescape, env.trim_blocks, env.lstrip_blocks,
                   env.keep_trailing_newline, env.newline_sequence, env.optimized)).encode())
    folder = build_dir / f"templates-{h.hexdigest()}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def markdown_settings(config) -> str:
    """The Markdown settings of a build, as text (an extension given as an
    object shows its address, so its pages are never taken from the cache)."""
    return repr((config["markdown_extensions"], sorted((config["mdx_configs"] or {}).items(), key=str)))


class _FindLinks(markdown.treeprocessors.Treeprocessor):
    """Whether the Markdown made an element that links or embeds (raw HTML
    is not in the tree: MkDocs leaves its links as they are)."""

    found = False

    def run(self, root):
        self.found = any(el.get("href") is not None or el.get("src") is not None for el in root.iter())


_converter: tuple[int, markdown.Markdown] | None = None


def converter(config) -> markdown.Markdown:
    """One Python-Markdown converter per build (making one loads every
    extension: a millisecond a page), reset before each page."""
    global _converter
    if _converter is None or _converter[0] != id(config):
        _converter = (id(config), markdown.Markdown(extensions=config["markdown_extensions"],
                                                    extension_configs=config["mdx_configs"] or {}))
    md = _converter[1]
    md.reset()
    return md


class ArchivePage(Page):
    """An article or source page whose rendering (Python-Markdown, then the
    site's sanitising and raw-text packing of its body) is kept in the build
    cache (:class:`~.cache.RenderCache`) by a key of its Markdown as MkDocs
    renders it (after every ``on_page_markdown``), its path, the Markdown
    settings and the code: a build after the first renders only pages whose
    text changed. A page whose HTML links or embeds anything (its output then
    depends on other files) is not kept. Only its body is kept: the header,
    footer, article list and template are made in every build."""

    renders: cache.RenderCache
    settings_key = ""
    kept: tuple | None = None       # (content, toc, title, anchor ids, body input key, body), if from the cache
    render_key = ""
    from_cache = False

    links = True        # its Markdown made a link or an embed (MkDocs resolves them against the other files)

    def render(self, config, files) -> None:
        """:meth:`mkdocs.structure.pages.Page.render` (the same steps, with
        one Markdown converter for all pages), or what it gave in an earlier build."""
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        self.render_key = cache.render_key(self.file.src_uri, self.settings_key, self.markdown)
        hit = self.renders.get(self.render_key)
        if isinstance(hit, tuple) and len(hit) == 6:
            content = hit[5] if hit[0] is None else hit[0]     # None: the body is MkDocs' HTML as it was
            self.kept, self.from_cache = (content, *hit[1:]), True
            self.content, toc, self._title_from_render, anchors = content, pickle.loads(hit[1]), hit[2], hit[3]
            self.toc, self.present_anchor_ids, self.links_to_anchors = toc, set(anchors), {}
            return
        md = converter(config)
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        relative = _RelativePathTreeprocessor(self.file, files, config)
        relative._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        links = _FindLinks()
        md.treeprocessors.register(links, "archive_links", 1)     # before MkDocs' relpath (0)
        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative.links_to_anchors
        self.links = links.found

    def keep(self, html: str, body_input: str, body: str) -> None:
        """Keep this build's rendering (``html``: MkDocs' content as the
        site's ``on_page_content`` got it; ``body``: what it made of it), but
        not if another plugin changed the HTML first or it links anything."""
        content = self.content
        if self.from_cache or not self.render_key or html != content or self.links or self.links_to_anchors:
            return
        toc = pickle.dumps(self.toc, protocol=pickle.HIGHEST_PROTOCOL)
        anchors = sorted(self.present_anchor_ids or ())
        self.renders.put(self.render_key, (None if body == content else content, toc, self._title_from_render,
                                           anchors, body_input, body))

    def kept_body(self, html: str, body_input: str) -> str | None:
        """The body kept for this HTML (None: not from the cache, or another
        plugin changed the HTML since)."""
        if self.kept is None or self.kept[0] != html or self.kept[4] != body_input:
            return None
        return self.kept[5]


class ArchiveSite:
    """MkDocs' side of one build; the build itself is :attr:`build` (a :class:`~.core.SiteBuild`)."""

    def __init__(self, settings: Settings | None = None, pack_raw: bool = True) -> None:
        # Settings given by the MkDocs plugin (archive.yml and its options); else
        # archive.yml beside mkdocs.yml is read at on_config. ``pack_raw``: source
        # pages' raw text packed (the plugin's search on: search.js holds the decoder).
        self.given_settings = settings
        self.pack_raw = pack_raw
        self.build = SiteBuild(settings or Settings())
        self.nav_from_hook = False
        self.dirty = False
        self.renders = cache.RenderCache(None)
        self.settings_key = ""
        self.texts: dict[str, str | None] = {}      # article pages' texts as the browser reads them (rawdiff)

    def on_startup(self, command: str, dirty: bool) -> None:
        """Remember whether builds are ``--dirty`` (what ``make serve`` runs)."""
        self.dirty = dirty

    @property
    def archive(self):
        return self.build.archive

    @property
    def index(self):
        return self.build.index

    @property
    def settings(self) -> Settings:
        return self.build.settings

    # -- configuration --------------------------------------------------------
    def on_config(self, config):
        """Register the stylesheet; remember the URL style for links."""
        settings = self.given_settings or archive_settings(config)
        self.build = SiteBuild(settings, config.config_file_path, config.use_directory_urls, self.dirty,
                               pack_raw=self.pack_raw)
        try:
            self.build.start()
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        if site_config.ASSETS_CSS not in config.extra_css:
            config.extra_css.append(site_config.ASSETS_CSS)
        self.nav_from_hook = config.nav is None
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(THEME_DIR))
        self.renders = cache.RenderCache(self.build.build_dir / cache.RENDERS)
        self.settings_key = code_version() + markdown_settings(config)
        return config

    def is_archive_page(self, page) -> bool:
        """An article or source page of this build."""
        return self.build.is_archive_page(page.file.src_uri)

    # -- files ------------------------------------------------------------------
    @event_priority(-100)   # after other hooks' on_files (a search page may be added there)
    def on_files(self, files: Files, config) -> Files:
        """Validate all pages, add the generated index pages and the CSS, set the nav."""
        self.texts = {}
        uris = [f.src_uri for f in files if f.generated_by is None and is_archive_page(f.src_uri)]
        try:
            self.build.load(Path(config.docs_dir), uris)
        except BuildError as exc:
            raise PluginError(str(exc)) from None
        nav_uris = {uri for _, uri in site_config.NAV}
        has_home = files.get_file_from_path(site_config.HOME) is not None
        for uri, path in self.build.generated_pages(has_home, search_page(files)).items():
            if files.get_file_from_path(uri) is not None:
                log.info("docs/%s exists; not generating it", uri)
                continue
            inclusion = InclusionLevel.INCLUDED if uri in nav_uris else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, uri, abs_src_path=path, inclusion=inclusion))
        self.build.drop_stale_stage({f.abs_src_path for f in files if f.abs_src_path})
        if self.dirty:
            self.render_dependents(files)
        for uri, name in ((site_config.ASSETS_CSS, "archive.css"), (site_config.ASSETS_JS, "archive.js")):
            text = resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")
            files.append(File.generated(config, uri, content=text))
        self.set_nav(files, config)
        return files

    def on_nav(self, nav, config, files: Files):
        """The article, source and generated index pages outside the
        navigation as :class:`ArchivePage`: what MkDocs made of them, but
        rendered through the render cache."""
        stage = str(self.build.stage_dir)
        in_nav = {id(page) for page in nav.pages}
        for file in files.documentation_pages():
            if type(file.page) is Page and id(file.page) not in in_nav and (
                    self.build.is_archive_page(file.src_uri) or (file.abs_src_path or "").startswith(stage)):
                # The Page MkDocs made becomes an ArchivePage (a subclass adding no
                # state of its own at init): making a new one ran Page.__init__ a
                # second time for every page, 7 % of a --dirty build at 10,000.
                file.page.__class__ = ArchivePage
                page = cast(ArchivePage, file.page)
                page.renders, page.settings_key = self.renders, self.settings_key
        return nav

    def on_env(self, env, config, files):
        """Compiled templates kept in the build folder (Jinja's own
        crash-safe bytecode cache, checked against each template's source),
        so a build does not compile Material's 30-odd templates again: a
        fixed cost of every build, and of every rebuild under ``mkdocs serve``."""
        if env.bytecode_cache is None:
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(template_cache(self.build.build_dir, env)))
        return env

    def render_dependents(self, files: Files) -> None:
        """In a ``--dirty`` build, have MkDocs render again the pages that show
        front matter of pages edited since the last build
        (:meth:`~.core.SiteBuild.dependents`: a source page's article list,
        the neighbour links): MkDocs renders a page whose output is missing."""
        again = 0
        for uri in sorted(self.build.dependents()):
            file = files.get_file_from_path(uri)
            if file is not None and not file.is_modified():
                Path(file.abs_dest_path).unlink(missing_ok=True)
                again += 1
        if again:
            log.info("archive: %d unchanged pages rendered again (they show front matter of edited pages)", again)

    def set_nav(self, files: Files, config) -> None:
        """Set the navigation to the index pages (and a search page if one exists),
        unless mkdocs.yml has its own ``nav``."""
        if self.nav_from_hook:
            nav = [{title: uri} for title, uri in site_config.NAV if files.get_file_from_path(uri)]
            search_uri = search_page(files)
            if search_uri:
                nav.append({site_config.SEARCH_NAV_TITLE: search_uri})
            config.nav = nav

    # -- pages --------------------------------------------------------------------
    @event_priority(-100)   # last: other hooks see the page as written
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """Escape markup in article and source page bodies (OCR text) and in every page title."""
        escape_meta(page.meta)          # the theme prints these unescaped
        if not self.is_archive_page(page):
            return markdown
        page.meta.setdefault("template", LEAN_TEMPLATE)
        return self.build.page_markdown(page.file.src_uri, markdown)

    def on_page_content(self, html: str, page, config, files) -> str:
        """Sanitise the HTML of every page from docs/ (event handlers,
        ``javascript:`` URLs, scripts); then wrap article pages in their
        header/footer and list a source page's articles."""
        hand_written = page.file.generated_by is None      # hand-editable: take out what Markdown let in
        if hand_written:
            sanitize_toc(page.toc)
        uri = page.file.src_uri
        body = None
        if isinstance(page, ArchivePage):
            texts = self.source_texts(uri, files)
            body_input = f"{hand_written}:{self.build.body_input(uri, texts)}"
            body = page.kept_body(html, body_input)
            if body is None:
                body = self.build.page_body(uri, html, hand_written, texts)
                page.keep(html, body_input, body)
            page.kept = None        # MkDocs holds every page's content until all are rendered: nothing more
        out = self.build.page_html(uri, html, hand_written, lambda u: files.get_file_from_path(u) is not None, body)
        if self.pack_raw and self.archive is not None and uri in self.archive.by_uri:
            # Its page's text as the browser will read it: MkDocs renders every page's
            # content before it writes any page, so from the content (what the lean
            # template puts around it in <article> the browser drops; whitespace as
            # on_post_page collapses it).
            self.texts[uri] = article_text(ARTICLE_OPEN + collapse_whitespace(out) + "</article>")
        return out

    def source_texts(self, uri: str, files: Files) -> list[str | None]:
        """A source page's articles' texts as the browser reads them from their
        pages (its raw text is stored against them, :mod:`archive_site.rawdiff`):
        those rendered in this build (article pages come before source pages
        in MkDocs' order), else in a ``--dirty`` build the page the last build
        wrote; None for an article whose page is neither (its piece is then
        packed alone). archive.js checks each text against its hash."""
        source = self.archive.source_by_uri.get(uri) if self.index is not None and self.pack_raw else None
        if source is None or not self.archive.raw_text(source):
            return []
        texts = []
        for article in self.archive.articles_of_source(source):
            if article.src_uri not in self.texts:
                file = files.get_file_from_path(article.src_uri)
                path = Path(file.abs_dest_path) if file is not None and self.dirty else None
                self.texts[article.src_uri] = article_text(path.read_text(encoding="utf-8")) \
                    if path is not None and path.is_file() else None
            texts.append(self.texts[article.src_uri])
        return texts

    @event_priority(-100)
    def on_post_page(self, output: str, page, config) -> str:
        """Collapse the template's whitespace on every page (Material's
        indentation: 2.8 KB of a 19 KB index page, 0.35 KB per article at 2,000), and on article and source pages
        let go of their Markdown and HTML (MkDocs keeps every page's until the
        build ends: at 50,000 articles that is most of the build's memory when
        the search index is built; nothing reads them after the page is written)."""
        if not self.is_archive_page(page):
            return collapse_whitespace(output)     # index and hand-written pages: Material's indentation
        page.markdown, page.content = None, None
        return drop_unused_chrome(collapse_whitespace(output))

    # -- after the build ----------------------------------------------------------
    @event_priority(-100)   # last: other hooks have read pages through the cache before
    def on_post_build(self, config) -> None:
        """Write the exports into site_dir; save the page cache; after a full
        build, drop the rendered pages it did not use."""
        self.build.finish(config.site_dir)
        renders = self.renders
        if renders.hits or renders.misses:
            gone = 0 if self.dirty else renders.prune()
            log.info("archive: %d pages rendered, %d taken from the render cache%s", renders.misses, renders.hits,
                     f" ({gone} unused dropped)" if gone else "")


def watch_natively(server):
    """Under ``mkdocs serve``, watch for saves with the system's file events
    (inotify, FSEvents …) instead of MkDocs' polling observer, which stats
    every file under docs/ twice a second (0.1 s of CPU per scan at 10,000
    articles, a whole core at 50,000, competing with the rebuild itself and
    seeing a save only at its next scan). Kept as it is when the system
    cannot watch every folder (inotify's ``max_user_watches``) or the server
    is not MkDocs' own."""
    native = watchdog.observers.Observer
    counts, refs = getattr(server, "_watched_paths", None), getattr(server, "_watch_refs", None)
    if native is watchdog.observers.polling.PollingObserver or not isinstance(counts, dict) \
            or not isinstance(refs, dict) or not isinstance(server.observer, watchdog.observers.polling.PollingObserver):
        return server
    if not watches_enough(list(counts)):
        log.info("archive: watching for saves by polling (more folders than the system's file watches)")
        return server
    old = server.observer
    server.observer = changes_only(native)()
    server._watched_paths, server._watch_refs = {}, {}
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    old.unschedule_all()
    log.info("archive: watching for saves with the system's file events (%s)", type(server.observer).__name__)
    return server


# What a save is (file events of watchdog that change something). The system
# also reports a file opened and closed without writing: every build reads
# every page, so MkDocs (which rebuilds on any event) would rebuild again and
# again after the first save.
CHANGE_EVENTS = (watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
                 watchdog.events.FileDeletedEvent, watchdog.events.FileMovedEvent, watchdog.events.FileClosedEvent,
                 watchdog.events.DirCreatedEvent, watchdog.events.DirDeletedEvent, watchdog.events.DirMovedEvent,
                 watchdog.events.DirModifiedEvent)


def changes_only(observer_class):
    """An observer class that reports only :data:`CHANGE_EVENTS` to the
    handlers scheduled on it (not a file opened, or closed unwritten)."""

    class ChangesObserver(observer_class):
        def schedule(self, event_handler, path, **options):
            if options.get("event_filter") is None:
                options["event_filter"] = list(CHANGE_EVENTS)
            return super().schedule(event_handler, path, **options)

    ChangesObserver.__name__ = observer_class.__name__
    return ChangesObserver


def watches_enough(paths: list[str], limit_file: str = "/proc/sys/fs/inotify/max_user_watches") -> bool:
    """Whether inotify can watch every folder under ``paths`` with room to
    spare (half its limit: other programs watch too); True where there is
    no such limit (not Linux)."""
    try:
        limit = int(Path(limit_file).read_text())
    except (OSError, ValueError):
        return True
    folders = 0
    for path in paths:
        if os.path.isdir(path):
            folders += sum(1 for _ in os.walk(path))
        if folders * 2 > limit:
            return False
    return True


def archive_settings(config) -> Settings:
    """The archive's settings file (archive.yml beside mkdocs.yml), shared with the converter."""
    path = Path(config.config_file_path or "mkdocs.yml").resolve().parent / SETTINGS_FILE
    try:
        return load_settings(path)
    except SettingsError as exc:
        raise PluginError(str(exc)) from None


# -- the search (``scripts/hooks/search.py`` and the plugin) ------------------------------
def search_on_config(config):
    """Add the search client's stylesheet and scripts to every page."""
    css, scripts = search.asset_uris()
    for uri in css:
        if uri not in [str(x) for x in config.extra_css]:
            config.extra_css.append(uri)
    for uri in scripts:
        if uri not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(uri)
    return config


def search_on_files(files: Files, config) -> Files:
    """Add the generated search page and the client assets."""
    page = files.get_file_from_path(search.SEARCH_PAGE)
    if page is None:
        page = File.generated(config, search.SEARCH_PAGE, content=search.SEARCH_PAGE_TEXT)
        files.append(page)
    for uri, source in search.asset_files(page.url).items():
        if files.get_file_from_path(uri) is None:
            if isinstance(source, Path):
                files.append(File.generated(config, uri, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, uri, content=source))
    return files


def search_on_post_page(output: str, page) -> str:
    """An article page made loadable as a script too (the search's snippets
    come from the article pages; from ``file://`` they are loaded so)."""
    uri = page.file.src_uri
    if uri.startswith(site_config.ARTICLES_DIR) and uri.endswith(".md"):
        return search.loadable_page(output)
    return output


# The search index of the build under way (started in on_nav, waited for in on_post_build).
_index_job = search.IndexJob()


def search_on_nav(config) -> None:
    """Start building the search index from the article pages of docs/ into
    site/fulltext/ (on_nav: after the site's on_files read every page
    through the build cache, before MkDocs renders them), beside the
    rendering where the process may fork (:class:`~.search.integration.IndexJob`)."""
    _index_job.cancel()         # a build that failed before its on_post_build
    _index_job.start(Path(config.docs_dir), Path(config.site_dir), config.config_file_path,
                     url_for=Linker(config.use_directory_urls).url)


def search_on_post_build(config) -> None:
    """Wait for the search index (its warnings count for ``--strict``)."""
    try:
        _index_job.wait()
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None


def search_on_build_error() -> None:
    """The build failed: stop the search index's process, if one runs."""
    _index_job.cancel()
