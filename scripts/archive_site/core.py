"""The engine-independent build of the archive site: everything the site adds
to the pages of ``docs/``, without MkDocs.

- :meth:`SiteBuild.load`: read and validate every article/source page
  through the build cache (fail naming each broken file) and the zone registry;
- :meth:`SiteBuild.generated_pages`: the index pages (the generators of
  :data:`archive_site.pages.GENERATORS`), staged in the build folder (never in
  ``docs/``) and rewritten only when their text changes;
- :meth:`SiteBuild.page_markdown` / :meth:`SiteBuild.page_html`: an article or
  source page's OCR markup escaped, the HTML of hand-editable pages sanitised
  (nh3), the article header/footer and a source page's article list (made from
  the articles' front matter) and page picture;
- :meth:`SiteBuild.finish`: the exports (metadata CSV, compressed JSON Lines)
  and the page cache; the search index is :func:`archive_site.search.integration.build_index`.

The MkDocs plugin (:mod:`archive_site.plugin`) calls these from its events;
``newsarchive build --engine zensical`` (:mod:`archive_site.zensical`) runs
them around ``zensical build``, which knows nothing of MkDocs plugins.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from newsarchive.settings import Settings

from . import cache
from . import config as site_config
from .collection import Archive, CollectionError, article_from_page, collect, folder_kind, source_from_page
from .configure import configure
from .decorate import (article_footer, article_header, drop_legacy_article_list, escape_markup, pack_raw_text,
                       raw_anchor, source_articles, source_header)
from .exports import fulltext_dir, write_exports
from .pages import SiteIndex, generate, index_signature, retitle
from .rawdiff import crc
from .picture import page_picture, picture_report, region_link
from .regions import RegistryError, registry_lookup, report_zones
from .render import Linker, SourceLinker, esc
from .sanitize import sanitize_html

log = logging.getLogger("mkdocs.hooks.archive_site")

STAGE = "pages"     # generated index pages, under the build folder (never in docs/)
STAGE_LISTING = "pages.json"   # in STAGE: the staged pages and the signature they were made from

# Front-matter values a theme prints as HTML, unescaped.
THEME_META = ("title", "description", "author", "subtitle", "status")


class BuildError(Exception):
    """The archive cannot be built; the message names every broken file."""


def escape_meta(meta: dict) -> None:
    """Escape the front-matter values the theme prints unescaped (in place).

    >>> meta = {"title": "<b>标题</b>", "order": 1}
    >>> escape_meta(meta); meta["title"]
    '&lt;b&gt;标题&lt;/b&gt;'
    """
    for key in THEME_META:
        if isinstance(meta.get(key), str):
            meta[key] = esc(meta[key])


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


@dataclass
class SiteBuild:
    """State of one build of one archive: its settings, the archive read from
    ``docs/``, the indexes and the build folder (``build/archive-site/``)."""

    settings: Settings = field(default_factory=Settings)
    config_file: str | Path | None = None       # mkdocs.yml (or another file beside which build/ lives)
    use_directory_urls: bool = False
    dirty: bool = False
    source_links: bool = False     # links written source to source (.md), for an engine that resolves them (Zensical)
    archive: Archive | None = None
    index: SiteIndex | None = None
    docs_dir: Path | None = None
    slugs_changed: bool = True      # the index pages' slugs are not those of the last build (set by generated_pages)
    pack_raw: bool = True           # source pages' raw text packed; its decoder is search.js's, so only with search on

    def __post_init__(self) -> None:
        self.linker = (SourceLinker if self.source_links else Linker)(self.use_directory_urls)
        self.build_dir = cache.cache_dir(self.config_file)

    def start(self) -> "SiteBuild":
        """Apply the settings (an unknown label or limit raises SettingsError)
        and open the build cache."""
        configure(self.settings, str(self.config_file))
        cache.start_build(self.build_dir)
        return self

    # -- reading docs/ ----------------------------------------------------------
    def load(self, docs_dir: Path | str, uris: Iterable[str] | None = None) -> Archive:
        """Read and validate all pages (``uris``: the Markdown paths the engine
        found; default: every page under docs/articles and docs/sources)."""
        self.docs_dir = Path(docs_dir)
        problems = []
        lookup = None
        try:
            lookup = registry_lookup()
        except RegistryError as exc:
            problems.append(str(exc))
        archive = None
        try:
            archive = collect(self.docs_dir, uris)
        except CollectionError as exc:
            problems.append(str(exc))
        if problems or lookup is None or archive is None:
            raise BuildError("\n".join(problems))
        self.archive = archive
        self.index = SiteIndex.build(archive, self.linker, lookup)
        report_zones(self.index.zones)   # unlisted zones: information; unknown names: warnings
        log.info("archive: %d articles, %d sources", len(archive.articles), len(archive.sources))
        return archive

    def is_archive_page(self, uri: str) -> bool:
        """An article or source page of this build."""
        return self.archive is not None and (uri in self.archive.by_uri or uri in self.archive.source_by_uri)

    # -- generated pages ------------------------------------------------------------
    @property
    def stage_dir(self) -> Path:
        return self.build_dir / STAGE

    def generated_pages(self, has_home: bool, search_uri: str | None) -> dict[str, str]:
        """``{src_uri: staged file}`` of the generated pages: generated afresh;
        or, when nothing they depend on changed since the last build (an edit
        of article text only), the staged pages of the last build as they
        are; or, when only titles changed, those pages with the new titles
        put into the pages that link the retitled articles
        (:func:`archive_site.pages.retitle`: the same text as generating them)."""
        settings = (has_home, search_uri, self.use_directory_urls, self.source_links, self.settings)
        signature = index_signature(self.archive, *settings)
        listing = self.stage_dir / STAGE_LISTING
        try:
            last = json.loads(listing.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            last = {}
        slugs = sorted([kind, name, slug] for (kind, name), slug in self.index.slugs.items())
        before = {(kind, name): slug for kind, name, slug in last.get("slugs", [])} if "slugs" in last else None
        self.slugs_changed = before is None or any(before.get(key, slug) != slug for key, slug in self.index.slugs.items())
        staged_last = all((self.stage_dir / u).is_file() for u in last.get("pages", []))
        if last.get("signature") == signature and staged_last:
            log.info("archive: index pages unchanged (no front matter changed)")
            return {uri: str(self.stage_dir / uri) for uri in last["pages"]}
        structure = index_signature(self.archive, *settings, without=("title",))
        links = last.get("links") or {}
        titles = self.retitled() if last.get("structure") == structure and links and staged_last else None
        if titles:
            linking = {uri: (self.stage_dir / uri).read_text(encoding="utf-8") for uri, counts in links.items()
                       if any(article in counts for article in titles)}
            pages = dict(linking)
            if retitle(pages, links, self.linker, titles):
                rewritten = [self.stage(uri, text) for uri, text in pages.items() if text != linking[uri]]
                log.info("archive: index pages kept, %d of them given the new titles of %d articles",
                         len(rewritten), len(titles))
                self.write_listing(signature, structure, last["pages"], links, slugs)
                return {uri: str(self.stage_dir / uri) for uri in last["pages"]}
        links = {}
        pages = generate(self.index, with_home=not has_home, search_uri=search_uri, links=links)
        staged = {uri: self.stage(uri, markdown) for uri, markdown in pages.items()}
        self.write_listing(signature, structure, sorted(staged), links, slugs)
        return staged

    def write_listing(self, signature: str, structure: str, pages: list[str], links: dict, slugs: list) -> None:
        """What the staged pages were made from: the signatures, the pages,
        the articles each links and the slugs."""
        listing = {"signature": signature, "structure": structure, "pages": pages, "links": links, "slugs": slugs}
        cache.write_atomic(self.stage_dir / STAGE_LISTING, json.dumps(listing, ensure_ascii=False).encode("utf-8"))

    def retitled(self) -> dict[str, tuple[str, str]] | None:
        """``{article: (title at the last build, title now)}`` when every
        page re-read in this build is an article whose front matter changed
        in its title only, or not at all; None otherwise."""
        if self.archive is None or self.docs_dir is None:
            return None
        pages = cache.current()
        if pages.gone():
            return None
        titles = {}
        for path, old in pages.before.items():
            uri = Path(path).relative_to(self.docs_dir).as_posix()
            article = self.archive.by_uri.get(uri)
            now = pages.seen[path][1]
            if old is None or article is None:
                return None
            if old == now:
                continue
            if {k: v for k, v in old.items() if k != "title"} != {k: v for k, v in now.items() if k != "title"}:
                return None
            was = article_from_page(uri, old, "").title
            if was != article.title:
                titles[uri] = (was, article.title)
        return titles

    def stage(self, uri: str, markdown: str) -> str:
        """Write a generated page into the staging folder unless it holds the
        same text already (then its time stays and ``--dirty`` builds skip it)."""
        path = self.stage_dir / uri
        cache.write_if_changed(path, markdown.encode("utf-8"))
        return str(path)

    def drop_stale_stage(self, live: set[str]) -> None:
        """Delete staged pages that this build no longer generates (``live``: the
        source paths of this build's files)."""
        if self.stage_dir.is_dir():
            for path in self.stage_dir.rglob("*.md"):
                if str(path) not in live:
                    path.unlink()

    def dependents(self) -> set[str]:
        """The article and source pages whose HTML shows front matter of other
        pages that changed since the last build (a ``--dirty`` build renders
        only pages whose own file changed, so these are rendered again): the
        source page and the articles of every printed page one of whose
        pages was edited, added or deleted in a way that shows (an article's
        title, order or printed page: the source page's list and the
        articles' 本版上一篇/下一篇; a source page's raw text: its articles'
        raw-text link), and the source page of an article whose text changed
        (its raw text is stored against the article's text). All of them if a zone, topic or newspaper page
        given another slug (the articles link it; a new name's
        articles are edited pages themselves)."""
        if self.archive is None or self.docs_dir is None:
            return set()
        if self.slugs_changed:
            return set(self.archive.by_uri) | set(self.archive.source_by_uri)
        pages = cache.current()
        keys: set[tuple] = set()
        sources: set[tuple] = set()
        changes = [(path, old, pages.seen.get(path)) for path, old in pages.before.items()]
        changes += [(path, old, None) for path, old in pages.gone().items()]
        for path, old, now in changes:
            try:
                uri = Path(path).relative_to(self.docs_dir).as_posix()
            except ValueError:
                continue
            kind = folder_kind(uri)
            if kind == "article" and (now is None or old != now[1]):
                for meta in (old, now[1] if now else None):
                    if meta is not None:
                        keys.add(article_from_page(uri, meta, "").key_of_source)
            elif kind == "article":         # its text only: the source page's raw text is stored against it
                sources.add(article_from_page(uri, old, "").key_of_source)
            elif kind == "source":
                for meta in (old, now[1] if now else None):
                    if meta is not None:
                        keys.add(source_from_page(uri, meta, "").key)
        out = {s.src_uri for key in keys | sources if (s := self.archive.source_by_key.get(key)) is not None}
        out |= {a.src_uri for a in self.archive.articles if a.key_of_source in keys}
        return out

    # -- article and source pages ------------------------------------------------------
    def page_markdown(self, uri: str, markdown: str) -> str:
        """An article or source page body with its markup escaped (OCR text);
        other pages as they are."""
        if not self.is_archive_page(uri):
            return markdown
        is_source = uri in self.archive.source_by_uri
        if is_source:
            markdown = drop_legacy_article_list(markdown)
        markdown = escape_markup(markdown)
        if is_source:
            markdown = raw_anchor(markdown)
        return markdown

    def page_html(self, uri: str, html: str, hand_written: bool, has_file: Callable[[str], bool],
                  body: str | None = None) -> str:
        """Sanitise the HTML of a page from docs/ (``hand_written``: event
        handlers, ``javascript:`` URLs, scripts); then wrap an article page in
        its header/footer and give a source page its article list and picture.
        ``has_file(uri)``: whether the site has that file (a page picture);
        ``body``: :meth:`page_body` of this ``html`` if known (kept from an
        earlier build)."""
        if body is None:
            body = self.page_body(uri, html, hand_written)
        if self.index is None:
            return body
        before, after = self.decoration(uri, has_file)
        if uri in self.archive.source_by_uri:
            return before + after_title(body, after)
        return before + body + after

    def raw_ends(self, source) -> list[int | None]:
        """The last raw line of each of a source page's articles (None: not known)."""
        return [a.raw_lines[1] if a.raw_lines else None for a in self.archive.articles_of_source(source)]

    def page_body(self, uri: str, html: str, hand_written: bool, texts: list[str | None] = ()) -> str:
        """A page's body HTML as the site shows it, without what goes around
        it (:meth:`decoration`): sanitised if ``hand_written``; a source
        page's raw text stored compressed (assets/archive/archive.js shows it).
        ``texts``: the texts of a source page's articles' pages, in page order
        (:func:`archive_site.rawdiff.article_text`; the raw text is stored against them).
        It depends on ``html``, ``hand_written`` and :meth:`body_input` only."""
        if hand_written:
            html = sanitize_html(html)
        source = self.archive.source_by_uri.get(uri) if self.index is not None else None
        if source is not None and self.pack_raw:
            return pack_raw_text(html, self.archive.raw_text(source), self.raw_ends(source), texts)
        return html

    def body_input(self, uri: str, texts: list[str | None] = ()) -> str:
        """What :meth:`page_body` reads besides the HTML: a source page's raw
        text, whether it is packed, and against which articles' texts."""
        source = self.archive.source_by_uri.get(uri) if self.index is not None else None
        raw = (self.archive.raw_text(source) or "") if source is not None else ""
        if not self.pack_raw and raw:
            return "plain\n" + raw
        if raw and source is not None:
            against = [crc(t.encode("utf-8")) if t else "-" for t in texts]
            return f"{self.raw_ends(source)}{against}\n{raw}"
        return raw

    def decoration(self, uri: str, has_file: Callable[[str], bool]) -> tuple[str, str]:
        """What goes around a page's body HTML: (before, after); for a source
        page ``after`` goes right after its ``<h1>``."""
        if self.index is None:
            return "", ""
        article = self.archive.by_uri.get(uri)
        if article is not None:
            return (article_header(self.index, article) + self.region_link(article),
                    article_footer(self.index, article))
        source = self.archive.source_by_uri.get(uri)
        if source is not None:
            return (source_header(self.index, source),
                    self.page_picture(source, has_file) + source_articles(self.index, source))
        return "", ""

    def page_picture(self, source, has_file: Callable[[str], bool]) -> str:
        """The page picture with its articles' regions, if pictures are on and the file is there."""
        if not (self.settings.page_pictures and source.picture):
            return ""
        if not has_file(source.picture):
            log.info("%s: its page picture %s is missing (convert again to make it)", source.src_uri, source.picture)
            return ""
        return page_picture(self.archive, self.linker, source)

    def region_link(self, article) -> str:
        return region_link(self.archive, self.linker, article) if self.settings.page_pictures else ""

    # -- after the build -------------------------------------------------------------
    def finish(self, site_dir: Path | str) -> None:
        """Write the exports (the CSV into ``site_dir``, the full text beside it:
        :func:`archive_site.exports.fulltext_dir`); save the page cache."""
        if self.archive is not None:
            if self.dirty and (Path(site_dir) / site_config.EXPORT_CSV).exists():
                log.info("archive: exports kept from the last full build (a --dirty build does not rewrite them)")
            else:
                write_exports(self.archive, self.linker, site_dir, fulltext_dir(self.config_file))
            if self.settings.page_pictures and self.docs_dir is not None:
                docs_dir = self.docs_dir
                log.info(picture_report(self.archive, lambda rel: _size(docs_dir / rel)))
        pages = cache.current()
        pages.save()
        log.info("archive: front matter parsed for %d pages, reused from the cache for %d", pages.parsed, pages.reused)
