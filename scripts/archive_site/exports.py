"""Exports of every article, written after the build:

- ``site/exports/articles.csv``: the metadata only (no text), UTF-8 with BOM
  so Excel reads Chinese; small enough to open at 50,000 articles.
- ``build/exports/articles.jsonl.gz`` (beside mkdocs.yml, *not* in the site):
  one JSON record per line with the metadata and the full text,
  gzip-compressed (about a third of the plain size for Chinese). In the site
  it was another copy of every text (2.3 KB per article at 10,000 on the
  benchmark, ~4.8 KB for text that does not repeat) of the 1 GB a Pages site
  may hold; the Pages workflow publishes it as a release asset and the home
  page links it (settings: ``fulltext_url``).

Both are deterministic (no timestamps in the gzip header).

Every CSV cell goes through :func:`spreadsheet_safe`, so no text from a page
or a file name runs as a formula when the CSV is opened in a spreadsheet."""
from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

from newsarchive.schema import ARTICLE_FIELDS, NOT_EXPORTED

from . import config
from .cache import write_atomic
from .collection import Archive, Article
from .render import Linker

# The schema's article fields (in its order, the slug first), then where the
# article is and its text. A field the schema adds is exported without a change here.
FIELDS = ("slug", *(f for f in ARTICLE_FIELDS if f not in ("slug", *NOT_EXPORTED)), "path", "url", "text")
# The CSV holds everything but the text (which is in the compressed JSON Lines file).
CSV_FIELDS = tuple(f for f in FIELDS if f != "text")


def record(article: Article, linker: Linker, body: str) -> dict:
    """One article as a flat mapping (lists kept as lists; text = its Markdown ``body``)."""
    values = {name: _plain(getattr(article, name)) for name in FIELDS[1:-3]}
    return {
        "slug": article.slug or article.src_uri[len(config.ARTICLES_DIR):-3].replace("/", "-"),
        **values,
        "path": "docs/" + article.src_uri,
        "url": linker.url(article.src_uri),
        "text": body.strip("\n"),
    }


def _plain(value):
    """A value as JSON has it: tuples as lists, an absent range as [].

    >>> _plain((3, 85)), _plain(None), _plain("标题")
    ([3, 85], [], '标题')
    """
    if isinstance(value, tuple):
        return list(value)
    return [] if value is None else value


def to_json(records: list[dict]) -> str:
    """A JSON list of records, non-ASCII kept as is."""
    return json.dumps(records, ensure_ascii=False, indent=1)


def to_jsonl(records: list[dict]) -> str:
    """JSON Lines: one compact record per line, non-ASCII kept as is.

    >>> to_jsonl([{"title": "标题", "text": "第一段\\n第二段"}])
    '{"title":"标题","text":"第一段\\\\n第二段"}\\n'
    """
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def gzip_bytes(text: str) -> bytes:
    """UTF-8 text gzip-compressed, deterministically (mtime 0, no file name).

    >>> gzip.decompress(gzip_bytes("高新区")).decode("utf-8"), gzip_bytes("a") == gzip_bytes("a")
    ('高新区', True)
    """
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as fh:
        fh.write(text.encode("utf-8"))
    return buf.getvalue()


def to_csv(records: list[dict], fields: tuple[str, ...] = CSV_FIELDS) -> str:
    """The CSV export (text; the BOM is added when writing): ``fields`` of each
    record. Lists are joined with ``；``, booleans as true/false."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: _cell(v) for k, v in rec.items() if k in fields})
    return buf.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    r"""A CSV cell a spreadsheet shows as text, never runs as a formula: a cell
    that begins with ``= + - @``, a tab or a carriage return gets a leading
    single quote (OWASP, "CSV Injection"). Quotes and separators inside the
    cell are the CSV writer's job.

    >>> spreadsheet_safe('=HYPERLINK("http://x","点击")')
    '\'=HYPERLINK("http://x","点击")'
    >>> [spreadsheet_safe(c) for c in ("+1+cmd|' /C calc'!A0", "@SUM(A1)", "-leading-dash.txt", "\t=1", "\r=1")]
    ["'+1+cmd|' /C calc'!A0", "'@SUM(A1)", "'-leading-dash.txt", "'\t=1", "'\r=1"]
    >>> spreadsheet_safe("淄博高新区=第一"), spreadsheet_safe("2020-01-01"), spreadsheet_safe("")
    ('淄博高新区=第一', '2020-01-01', '')
    """
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _cell(value) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = config.LIST_SEPARATOR.join(str(v) for v in value)
    else:
        text = str(value)
    return spreadsheet_safe(text)


def export_files(records: list[dict]) -> dict[str, bytes]:
    """``{name: bytes}`` of the exports of these records: the CSV's path under
    site_dir, and the full text's file name (written outside the site)."""
    return {
        config.EXPORT_JSONL: gzip_bytes(to_jsonl(records)),
        config.EXPORT_CSV: to_csv(records).encode("utf-8-sig"),
    }


def fulltext_dir(config_file: str | Path | None) -> Path:
    """Where the full-text export goes: ``build/exports/`` beside the config file.

    >>> fulltext_dir("/work/repo/mkdocs.yml").as_posix()
    '/work/repo/build/exports'
    """
    base = Path(config_file).resolve().parent if config_file else Path(".").resolve()
    return base / config.FULLTEXT_DIR


def write_exports(archive: Archive, linker: Linker, site_dir: Path | str, text_dir: Path | str) -> list[Path]:
    """Write exports/articles.csv under ``site_dir`` and articles.jsonl.gz into
    ``text_dir`` (outside the site; a file whose bytes did not change is not
    rewritten; written whole, then renamed)."""
    records = [record(a, linker, archive.body_of(a)) for a in archive.articles]
    paths = []
    for rel, data in export_files(records).items():
        path = Path(text_dir) / rel if rel == config.EXPORT_JSONL else Path(site_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not (path.is_file() and path.read_bytes() == data):
            write_atomic(path, data)
        paths.append(path)
    return paths
