"""The ``newsarchive`` MkDocs plugin (entry point ``mkdocs.plugins``):
the archive site and its search in one plugin, configured in mkdocs.yml.

    plugins:
      - newsarchive:
          settings: archive.yml        # the archive's settings file (read by the converter too)
          title: 我的报刊文库            # any setting of archive.yml may be given here; it wins
          zones_file: zones.yml         # this archive's own zone registry (the others are inherited)
          labels: {home_title: 我的报刊文库}
          limits: {latest_articles: 20}

Relative paths are relative to the folder of mkdocs.yml. The work is done by
the engine-independent build (:mod:`archive_site.core`, :mod:`archive_site.search.integration`)
through the MkDocs adapter :mod:`archive_site.plugin`,
in the order the two hooks ran before (the search page exists before the
index pages are made; the search index once all pages are read, before
they are rendered; the exports after the build).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from newsarchive.settings import SettingsError, load_settings, merge_settings

from .plugin import (ArchiveSite, search_on_build_error, search_on_config, search_on_files, search_on_nav,
                     search_on_post_build, search_on_post_page, watch_natively)


class ArchivePluginConfig(base.Config):
    settings = c.Type(str, default="archive.yml")
    title = c.Optional(c.Type(str))
    labels = c.Optional(c.Type(dict))
    limits = c.Optional(c.Type(dict))
    zones_file = c.Optional(c.Type(str))
    topics_file = c.Optional(c.Type(str))
    patterns_file = c.Optional(c.Type(str))
    page_pictures = c.Optional(c.Type(bool))
    picture_kb = c.Optional(c.Type(int))
    picture_format = c.Optional(c.Type(str))
    picture_width = c.Optional(c.Type(int))
    fulltext_url = c.Optional(c.Type(str))
    search = c.Type(bool, default=True)


class ArchivePlugin(BasePlugin[ArchivePluginConfig]):
    """The archive site: index pages, article decoration, exports, full-text search."""

    def __init__(self) -> None:
        self.site = ArchiveSite()
        self.dirty = False

    def on_startup(self, command: str, dirty: bool) -> None:
        self.dirty = dirty

    def on_serve(self, server, config, builder):
        return watch_natively(server)

    def on_config(self, config):
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        overrides = {k: v for k, v in self.config.items() if k not in ("settings", "search") and v is not None}
        try:
            settings = merge_settings(load_settings(root / self.config.settings), overrides, base=root,
                                      where=f"{config.config_file_path}: plugin 'newsarchive'")
        except SettingsError as exc:
            raise PluginError(str(exc)) from None
        self.site = ArchiveSite(settings, pack_raw=self.config.search)     # no search.js, no decoder: raw text plain
        self.site.on_startup("build", self.dirty)
        config = self.site.on_config(config)
        if self.config.search:
            config = search_on_config(config)
        return config

    @event_priority(-100)   # after other plugins' on_files, as the hook was
    def on_files(self, files, config):
        if self.config.search:
            files = search_on_files(files, config)
        return self.site.on_files(files, config)

    def on_nav(self, nav, config, files):
        """The search index, started before any page is rendered: it reads
        docs/ (through the site's page cache, filled in on_files), not the
        rendered pages, so it runs beside the rendering (in a process of its
        own, waited for in on_post_build)."""
        if self.config.search:
            search_on_nav(config)
        return self.site.on_nav(nav, config, files)

    def on_env(self, env, config, files):
        return self.site.on_env(env, config, files)

    @event_priority(-100)
    def on_page_markdown(self, markdown, page, config, files):
        return self.site.on_page_markdown(markdown, page, config, files)

    def on_page_content(self, html, page, config, files):
        return self.site.on_page_content(html, page, config, files)

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        output = self.site.on_post_page(output, page, config)
        return search_on_post_page(output, page) if self.config.search else output

    @event_priority(-100)
    def on_post_build(self, config):
        if self.config.search:
            search_on_post_build(config)
        self.site.on_post_build(config)

    def on_build_error(self, error):
        if self.config.search:
            search_on_build_error()
