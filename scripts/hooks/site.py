"""MkDocs hooks: index pages, article page decoration, exports (built from docs/).

Thin on purpose: the logic lives in the package scripts/archive_site/.
"""
import sys
from pathlib import Path

_SCRIPTS = str(Path(__file__).resolve().parent.parent)
if _SCRIPTS not in sys.path:
    sys.path.insert(0, _SCRIPTS)

from archive_site.plugin import ArchiveSite  # noqa: E402

_site = ArchiveSite()
on_config = _site.on_config
on_files = _site.on_files
on_page_markdown = _site.on_page_markdown
on_page_content = _site.on_page_content
on_post_page = _site.on_post_page
on_post_build = _site.on_post_build
