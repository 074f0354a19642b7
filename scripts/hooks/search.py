"""MkDocs hooks: the Chinese full-text search index (built from docs/).

Thin wrapper: everything lives in scripts/archive_site/search/ (see its
package docstring for the design) and the MkDocs adapter archive_site.plugin.
"""
from mkdocs.plugins import event_priority

from archive_site.plugin import (search_on_build_error, search_on_config, search_on_files, search_on_nav,
                                 search_on_post_build, search_on_post_page)


def on_config(config):
    return search_on_config(config)


def on_files(files, config):
    return search_on_files(files, config)


def on_nav(nav, config, files):
    search_on_nav(config)
    return nav


@event_priority(-110)       # after the site hook's whitespace collapse
def on_post_page(output, page, config):
    return search_on_post_page(output, page)


def on_post_build(config):
    search_on_post_build(config)


def on_build_error(error):
    search_on_build_error()
