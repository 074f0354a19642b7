"""The archive model: every article and source page of ``docs/``, read and
validated through :func:`archive_site.cache.read_page` (the schema's checks,
parsed once per changed page) at build start.

Nothing here knows about MkDocs; give it a docs directory (and optionally the
list of Markdown paths MkDocs found) and it returns an :class:`Archive`.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field, make_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, TypeAlias

from newsarchive.schema import ARTICLE_FIELDS, SOURCE_FIELDS, FrontMatterError, date_parts, site_fields

from . import cache, config

FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\s`]*)[^\n`]*$")


# A date's parts by its text: the index pages ask for an article's year and
# month many times over, and an archive has a few thousand dates at most.
_date_parts = functools.lru_cache(maxsize=16384)(date_parts)


class ArticleBase:
    """What an article page (``docs/articles/<stem>/<nn>.md``) knows besides its
    fields; :class:`Article` is this with every field of the schema."""

    src_uri: str
    date: str
    source: str
    pdf_page: int
    order: int

    @property
    def year(self) -> int | None:
        return _date_parts(self.date or None)[0]

    @property
    def month(self) -> int | None:
        return _date_parts(self.date or None)[1]

    @property
    def day(self) -> int | None:
        return _date_parts(self.date or None)[2]

    @property
    def key_of_source(self) -> tuple[str, int]:
        """The key of its source page (:attr:`SourceBase.key`): its input file and PDF page."""
        return self.source, self.pdf_page

    @property
    def sort_key(self) -> tuple:
        """Chronological order; undated last, then by source and position."""
        y, m, d = _date_parts(self.date or None)
        return (y is None, y or 0, m or 0, d or 0, self.source, self.order, self.src_uri)


class SourceBase:
    """What a source page (``docs/sources/<stem>.md``, a newspaper page as
    input) knows besides its fields; :class:`Source` is this with every field
    of the schema."""

    src_uri: str
    source: str
    pdf_page: int
    page: str
    date: str

    @property
    def key(self) -> tuple[str, int]:
        """What identifies it: the input file and, for a PDF, the page in it."""
        return self.source, self.pdf_page

    @property
    def sort_key(self) -> tuple:
        y, m, d = date_parts(self.date or None)
        return (y is None, y or 0, m or 0, d or 0, _page_number(self.page), self.source)


def schema_model(name: str, fields: dict, base: type, site_only: list[tuple[str, str, object]],
                 first: tuple[str, ...] = ()) -> type:
    """A dataclass with ``src_uri``, every field of the schema's ``fields``
    (types and defaults from schema.SITE_TYPES; ``first`` come right after
    ``src_uri``, for positional use) and the site's own ``site_only``
    fields (name, type, default)."""
    spec: list = [("src_uri", "str")]
    schema = {f[0]: f for f in site_fields(fields)}

    def one(field_name: str, annotation: str, default) -> tuple:
        value = field(default_factory=default) if callable(default) else field(default=default)
        return field_name, annotation, value

    spec += [one(n, schema[n][1], schema[n][2]) for n in first]
    spec += [one(*f) for f in site_only]
    spec += [one(n, annotation, default) for n, annotation, default, _ in schema.values() if n not in first]
    model = make_dataclass(name, spec, bases=(base,))
    model.__module__ = __name__
    return model


# The site's models of the two kinds of page, made from the schema: a field the
# schema adds is here (and in every index, export and record that reads it) without a change.
if TYPE_CHECKING:
    Article: TypeAlias = Any
    Source: TypeAlias = Any
else:
    # ``body``: None until read (:meth:`Archive.body_of`; a build reads the bodies of the pages it exports only).
    Article = schema_model("Article", ARTICLE_FIELDS, ArticleBase, [("body", "str | None", None)],
                           first=("title", "source"))
    # ``raw_text``: as given; None: read from the page when asked for (:meth:`Archive.raw_text`).
    Source = schema_model("Source", SOURCE_FIELDS, SourceBase, [("raw_text", "str | None", None)], first=("source",))


@dataclass
class Archive:
    """All articles and sources, with lookups the page generators need."""

    articles: list[Article] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    docs_dir: Path | None = None        # where the pages are (an article's body is read from there when asked for)

    def __post_init__(self) -> None:
        self.articles.sort(key=lambda a: a.sort_key)
        self.sources.sort(key=lambda s: s.sort_key)
        self.by_uri = {a.src_uri: a for a in self.articles}
        self.source_by_name = {s.source: s for s in self.sources}
        self.source_by_key = {s.key: s for s in self.sources}
        self.source_by_uri = {s.src_uri: s for s in self.sources}
        self._raw: dict[str, str | None] = {}       # raw texts read from source pages (raw_text)
        self._by_source: dict[tuple[str, int], list[Article]] = defaultdict(list)
        for article in self.articles:
            self._by_source[article.key_of_source].append(article)

    def source_of(self, article: Article) -> Source | None:
        """The source page an article was cut from, if it exists: the one of
        its file and PDF page (a multi-page PDF has one per page)."""
        return self.source_by_key.get(article.key_of_source)

    def body_of(self, article: Article) -> str:
        """An article's Markdown body: as it was given, or read through the
        build's page cache ("" for an article of no page); not kept (the
        exports read every body once).

        >>> article = Article("articles/a/01.md", "标题", "a.txt", body="正文\\n")
        >>> Archive([article]).body_of(article), Archive().body_of(Article("articles/a/02.md", "标题", "a.txt"))
        ('正文\\n', '')
        """
        if article.body is not None:
            return article.body
        return cache.read_page(self.docs_dir / article.src_uri).body if self.docs_dir else ""

    def raw_text(self, source: Source) -> str | None:
        """A source page's raw text: as it was given, or read from its page
        through the build's page cache once (a ``--dirty`` build reads only
        the source pages it renders); None if the page holds none.

        >>> source = Source("sources/a.md", "a.txt", raw_text="第一行")
        >>> Archive(sources=[source]).raw_text(source), Archive().raw_text(Source("sources/b.md", "b.txt"))
        ('第一行', None)
        """
        if source.raw_text is not None or self.docs_dir is None:
            return source.raw_text
        if source.src_uri not in self._raw:
            self._raw[source.src_uri] = extract_raw_text(cache.read_page(self.docs_dir / source.src_uri, "source").body)
        return self._raw[source.src_uri]

    def raw_text_of(self, article: Article) -> str | None:
        """The article's lines of raw OCR text (``raw_lines``) from its source page."""
        source = self.source_of(article)
        raw = self.raw_text(source) if source is not None else None
        if raw is None or article.raw_lines is None:
            return None
        lines = raw.split("\n")
        first, last = article.raw_lines
        if first > len(lines):
            return None
        return "\n".join(lines[first - 1:last])

    def articles_of_source(self, source: Source) -> list[Article]:
        """A source page's articles (those whose ``source`` is its input file) in page order."""
        return sorted(self._by_source.get(source.key, []), key=lambda a: (a.order or 0, a.src_uri))

    def group(self, attr: str) -> dict[str, list[Article]]:
        """Articles by each value of a list field (``topics``, ``people`` ...), in date order."""
        groups: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            for value in dict.fromkeys(getattr(article, attr)):
                groups[value].append(article)
        return dict(groups)

    def date_range(self) -> tuple[str, str] | None:
        """(earliest, latest) dates of the dated articles, as written."""
        dated = [a for a in self.articles if a.year is not None]
        if not dated:
            return None
        return dated[0].date, dated[-1].date


class CollectionError(Exception):
    """Some pages under docs/ break the front-matter schema; one line per file."""

    def __init__(self, errors: list[FrontMatterError]):
        self.errors = errors
        lines = [str(e) for e in errors]
        super().__init__(f"{len(errors)} page(s) under docs/ have invalid front matter:\n  " + "\n  ".join(lines))


def _page_number(page: str) -> tuple[int, str]:
    """Sort key of a 版面 number given as int or text ('10', 'A3').

    >>> sorted(["10", "2", "A3", ""], key=_page_number)
    ['2', '10', '', 'A3']
    """
    digits = re.match(r"\d+", page or "")
    return (int(digits.group()) if digits else 10**6, page or "")


def extract_raw_text(body: str) -> str | None:
    """The raw input text of a source page: the fenced block right after the
    ``## 原始文本`` heading (the fence may be longer than three backticks).

    >>> extract_raw_text("## 原始文本\\n\\n````text\\n第一行\\n```\\n末行\\n````\\n")
    '第一行\\n```\\n末行'
    >>> extract_raw_text("正文") is None
    True
    """
    lines = body.split("\n")
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == config.RAW_HEADING)
    except StopIteration:
        return None
    i = start + 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i >= len(lines):
        return None
    match = FENCE_OPEN.match(lines[i])
    if not match:
        return None
    fence = match.group("fence")
    closing = re.compile("^" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
    content = []
    for line in lines[i + 1:]:
        if closing.match(line):
            return "\n".join(content)
        content.append(line)
    return "\n".join(content)   # unterminated fence: the rest of the page


def conversions(fields: dict) -> list[tuple[str, Any]]:
    """(name, conversion) of each of a schema's fields."""
    return [(name, convert) for name, _, _, convert in site_fields(fields)]


# Made once, not once per page (a build reads every page).
_KNOWN_CONVERSIONS = ((ARTICLE_FIELDS, conversions(ARTICLE_FIELDS)), (SOURCE_FIELDS, conversions(SOURCE_FIELDS)))


def from_meta(model: type, fields: dict, meta: dict, **site) -> Any:
    """A model instance from validated front matter: each schema field converted
    as schema.SITE_TYPES says (absent or empty: its default)."""
    known = [c for f, c in _KNOWN_CONVERSIONS if f is fields]
    values = {name: convert(meta[name]) for name, convert in (known[0] if known else conversions(fields))
              if meta.get(name) not in (None, "")}
    return model(**values, **site)


def article_from_page(src_uri: str, meta: dict, body: str | None = None) -> Article:
    """Build an :class:`Article` from validated front matter (``body``: None, not read)."""
    return from_meta(Article, ARTICLE_FIELDS, meta, src_uri=src_uri, body=body)


def source_from_page(src_uri: str, meta: dict, body: str | None = None) -> Source:
    """Build a :class:`Source` from validated front matter and its body
    (None: not read; :meth:`Archive.raw_text` reads it when asked for)."""
    return from_meta(Source, SOURCE_FIELDS, meta, src_uri=src_uri,
                     raw_text=extract_raw_text(body) if body is not None else None)


def archive_uris(docs_dir: Path) -> list[str]:
    """The ``src_uri`` of every Markdown file under the articles and sources folders."""
    uris = []
    for folder in (config.ARTICLES_DIR, config.SOURCES_DIR):
        root = docs_dir / folder
        if root.is_dir():
            uris += [p.relative_to(docs_dir).as_posix() for p in root.rglob("*.md")]
    return sorted(uris)


def is_archive_page(src_uri: str) -> bool:
    """True for article and source pages (the ones the schema governs)."""
    return src_uri.endswith(".md") and src_uri.startswith((config.ARTICLES_DIR, config.SOURCES_DIR))


def folder_kind(src_uri: str) -> str | None:
    """What a page's folder says it is: 'article', 'source' or None.

    >>> folder_kind("articles/001/01.md"), folder_kind("sources/001.md"), folder_kind("index.md")
    ('article', 'source', None)
    """
    if src_uri.startswith(config.ARTICLES_DIR):
        return "article"
    if src_uri.startswith(config.SOURCES_DIR):
        return "source"
    return None


def article_slug(article: Article) -> str:
    """An article's stable id: its ``slug``, or one made from its path.

    >>> article_slug(Article("articles/001_a/02.md", "标题", "001_a.txt"))
    '001_a-02'
    """
    return article.slug or article.src_uri[len(config.ARTICLES_DIR):-3].replace("/", "-")


def duplicates(items: Iterable[tuple[str, str]], docs_dir: Path, what: str) -> list[FrontMatterError]:
    """One error per page whose key (a slug, a source name) an earlier page
    already has, naming both files. ``items`` are (key, src_uri) in order.

    >>> [str(e) for e in duplicates([("a-01", "articles/a/01.md"), ("a-01", "articles/a/01-x.md")], Path("docs"), "slug")]
    ["docs/articles/a/01-x.md: slug 'a-01' is also the slug of docs/articles/a/01.md (two pages cannot have one slug; change one of them)"]
    """
    first: dict[str, str] = {}
    errors = []
    for key, uri in items:
        if key in first:
            errors.append(FrontMatterError(docs_dir / uri, f"{what} {key!r} is also the {what} of {docs_dir / first[key]} "
                                                           f"(two pages cannot have one {what}; change one of them)"))
        else:
            first[key] = uri
    return errors


def collect(docs_dir: Path | str, src_uris: Iterable[str] | None = None) -> Archive:
    """Read and validate every article and source page (through the build's
    page cache: a page is parsed only when its bytes changed); raise
    :class:`CollectionError` naming every broken file at once (wrong page
    types, schema errors, duplicate keys, two articles with one slug, two
    source pages for one input file)."""
    docs_dir = Path(docs_dir)
    uris = archive_uris(docs_dir) if src_uris is None else sorted(u for u in src_uris if is_archive_page(u))
    articles, sources, errors = [], [], []
    for uri in uris:
        kind = folder_kind(uri)
        try:
            meta = cache.read_meta(docs_dir / uri, kind)     # bodies are read when asked for
            if kind == "source":
                sources.append(source_from_page(uri, meta))
            else:
                articles.append(article_from_page(uri, meta))
        except FrontMatterError as exc:
            errors.append(exc)
    errors += duplicates(((article_slug(a), a.src_uri) for a in articles), docs_dir, "slug")
    errors += duplicates(((f"{s.source} (PDF page {s.pdf_page})" if s.pdf_page else s.source, s.src_uri)
                          for s in sources), docs_dir, "source")      # a multi-page PDF: one source page per page
    if errors:
        raise CollectionError(errors)
    return Archive(articles, sources, docs_dir)
