"""Where things live and how much of them a page shows: data, not logic.

All paths are ``src_uri`` values relative to ``docs/`` (POSIX slashes). The
generated pages exist only in memory during the build; nothing is written to
``docs/``.
"""
from __future__ import annotations

from dataclasses import dataclass

ARTICLES_DIR = "articles/"      # docs/articles/<source-stem>/<nn>.md
SOURCES_DIR = "sources/"        # docs/sources/<source-stem>.md
RAW_HEADING = "## 原始文本"      # heading before the raw text fence on a source page

HOME = "index.md"
ZONES = "zones/"
TOPICS = "topics/"
DATES = "dates/"
NEWSPAPERS = "newspapers/"
PEOPLE = "people/"
ORGANIZATIONS = "organizations/"
ASSETS_CSS = "assets/archive/archive.css"
ASSETS_JS = "assets/archive/archive.js"     # the lean pages' colour scheme and compressed raw text
EXPORTS_DIR = "exports"          # under site_dir
EXPORT_CSV = "exports/articles.csv"         # metadata only
# Metadata and full text, one JSON record a line: written beside the site, not
# into it (it would be another compressed copy of every text: 2.3 KB per
# article of the 1 GB a Pages site may hold); the Pages workflow publishes it as
# a release asset and the home page links FULLTEXT_URL (settings: fulltext_url).
EXPORT_JSONL = "articles.jsonl.gz"
FULLTEXT_DIR = "build/exports"              # beside mkdocs.yml
FULLTEXT_URL = ""                           # set from the settings (configure)

# Search page candidates registered by the search hook (added to the nav when present).
SEARCH_PAGES = ("search.md", "search/index.md")

UNKNOWN_PROVINCE = "其他/未知"
UNKNOWN_CITY = "未知"
LIST_SEPARATOR = "；"            # joins list values in the CSV export


@dataclass(frozen=True)
class Limits:
    """How much the bounded parts of pages show, whatever the archive's size."""

    latest_articles: int = 12     # home page "latest articles"
    chart_zones: int = 15         # home page bar chart: top zones
    zone_topics: int = 30         # topics listed on a zone page
    name_links: int = 10          # articles linked per name on the people/organisations index
    list_articles: int = 500      # longer article lists of one name are split into one page per year


LIMITS = Limits()

# The index pages in the navigation, in order: (title, src_uri).
NAV = (
    ("首页", HOME),
    ("地区", ZONES + "index.md"),
    ("主题", TOPICS + "index.md"),
    ("日期", DATES + "index.md"),
    ("报纸与版面", NEWSPAPERS + "index.md"),
    ("人物", PEOPLE + "index.md"),
    ("机构", ORGANIZATIONS + "index.md"),
)
SEARCH_NAV_TITLE = "搜索"
