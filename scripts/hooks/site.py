"""MkDocs hooks: index pages, article page decoration, exports (built from docs/).

Thin on purpose: the logic lives in the package scripts/archive_site/.
"""
from archive_site.plugin import ArchiveSite, watch_natively

_site = ArchiveSite()
on_startup = _site.on_startup
on_config = _site.on_config
on_files = _site.on_files
on_nav = _site.on_nav
on_env = _site.on_env
on_page_markdown = _site.on_page_markdown
on_page_content = _site.on_page_content
on_post_page = _site.on_post_page
on_post_build = _site.on_post_build


def on_serve(server, config, builder):
    return watch_natively(server)
