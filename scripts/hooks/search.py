"""MkDocs hooks: the Chinese full-text search index (built from docs/).

Thin wrapper: everything lives in scripts/archive_site/search/ (see its
package docstring for the design).
"""
from archive_site.search import integration as _search


def on_config(config):
    return _search.on_config(config)


def on_files(files, config):
    return _search.on_files(files, config)


def on_post_build(config):
    _search.on_post_build(config)
