"""JSON and CSV exports of every article's metadata and text, written into
``site/exports/`` after the build (CSV in UTF-8 with BOM so Excel reads Chinese)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from . import config
from .collection import Archive, Article
from .render import Linker

FIELDS = (
    "slug", "title", "kicker", "subtitle", "date", "date_inferred", "newspaper", "page", "section",
    "authors", "byline", "editors", "zones", "topics", "keywords", "people", "organizations",
    "captions", "notes", "continued", "untitled", "source", "order", "raw_lines", "path", "url", "text",
)


def record(article: Article, linker: Linker) -> dict:
    """One article as a flat mapping (lists kept as lists; text = Markdown body)."""
    return {
        "slug": article.slug or article.src_uri[len(config.ARTICLES_DIR):-3].replace("/", "-"),
        "title": article.title,
        "kicker": article.kicker,
        "subtitle": article.subtitle,
        "date": article.date,
        "date_inferred": article.date_inferred,
        "newspaper": article.newspaper,
        "page": article.page,
        "section": article.section,
        "authors": article.authors,
        "byline": article.byline,
        "editors": article.editors,
        "zones": article.zones,
        "topics": article.topics,
        "keywords": article.keywords,
        "people": article.people,
        "organizations": article.organizations,
        "captions": article.captions,
        "notes": article.notes,
        "continued": article.continued,
        "untitled": article.untitled,
        "source": article.source,
        "order": article.order,
        "raw_lines": list(article.raw_lines) if article.raw_lines else [],
        "path": "docs/" + article.src_uri,
        "url": linker.url(article.src_uri),
        "text": article.body.strip("\n"),
    }


def to_json(records: list[dict]) -> str:
    """The JSON export: a list of records, non-ASCII kept as is."""
    return json.dumps(records, ensure_ascii=False, indent=1)


def to_csv(records: list[dict]) -> str:
    """The CSV export (text; the BOM is added when writing). Lists are joined
    with ``；``, booleans as true/false."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: _cell(v) for k, v in rec.items()})
    return buf.getvalue()


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return config.LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def write_exports(archive: Archive, linker: Linker, site_dir: Path | str) -> list[Path]:
    """Write exports/articles.json and exports/articles.csv under ``site_dir``."""
    site_dir = Path(site_dir)
    records = [record(a, linker) for a in archive.articles]
    out = site_dir / config.EXPORTS_DIR
    out.mkdir(parents=True, exist_ok=True)
    json_path, csv_path = site_dir / config.EXPORT_JSON, site_dir / config.EXPORT_CSV
    json_path.write_text(to_json(records), encoding="utf-8")
    csv_path.write_text(to_csv(records), encoding="utf-8-sig", newline="")
    return [json_path, csv_path]
