"""The front-matter schema of the pages under ``docs/``: the contract between
the converter (which writes them), people (who correct them by hand) and the
site build (which reads them to make every index, search and export).

MkDocs swallows front-matter errors silently, so everything that reads a page
goes through :func:`read_page`, which names the file in every error.

Article page (``docs/articles/<source-stem>/<nn>.md``)::

    ---
    title: 淄博高新区奋力推动跨越式、突破性发展      # required
    kicker: 发扬“不怕苦、有韧劲、爱学习”干事创业新品质  # 引题, optional
    subtitle: ——聊城高新区深化“双招双引”改革工作纪实  # 副题, optional
    authors: [岳书杰, 毛琳琳]        # personal names only
    byline: [► 岳书杰 毛琳琳]        # the byline lines as printed
    date: "2020-01-01"              # ISO: YYYY-MM-DD, or YYYY-MM / YYYY when partial
    date_inferred: true             # the date (year) was inferred from the text
    newspaper: 鲁中晨报
    page: 10                        # 版面 number
    section: 礼赞 2019 年终特稿      # column / page label
    editors: [王兴华, 王涛]
    source: 001_567314c39f3d4d23.txt   # required: input file name
    pdf_page: 3                     # for a PDF: which of its pages (1-based); stem NAME-p03 when it has several
    order: 1                        # position of the article on its page
    raw_lines: [3, 85]              # 1-based line range in the source's raw text
    region: [0.05, 0.12, 0.5, 0.61] # PDF sources: where the article is printed, [x0, y0, x1, y1]
                                    # as fractions of the page's width and height, from the top left
    zones: [淄博高新区]              # canonical zone names, primary first
    topics: [招商引资]
    keywords: [...]
    people: [...]
    organizations: [...]
    captions: [...]                 # photo captions and credits
    continued: true                 # runs off the page (ends mid-sentence)
    untitled: true                  # the text starts with no title (continued from another page)
    notes: [（作者为…）]
    slug: 001_567314c39f3d4d23-01   # stable id, never changes once written
    ---

The body is Markdown: one paragraph per line, blank line between
paragraphs, section headings as ``##``.

Source page (``docs/sources/<source-stem>.md``): ``type: source`` plus
``source``, ``newspaper``, ``page``, ``date`` and ``editors``; a PDF source also
has ``pdf_page`` and, when page pictures are on, ``picture`` (the page picture,
relative to ``docs/``: ``pictures/NAME.<hash>.webp``). Its body lists the
removed text with reasons and ends with the raw text in a fenced block under
the heading ``## 原始文本``. Its list of articles is made by the site at build
time from the articles' ``source`` and ``order`` (older pages also carry an
``articles`` list of paths and a ``## 文章`` list of links: both are ignored).

A page's folder says its type: a page under ``sources/`` must have
``type: source``, one under ``articles/`` must not. A key given twice in
front matter is an error (YAML would silently keep the last).
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# PyYAML's C parser when built with libyaml (same constructors as SafeLoader,
# about 8x faster per page: front matter is read for every page of every build).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class FrontMatterError(ValueError):
    """A page whose front matter is missing, unreadable or breaks the schema."""

    def __init__(self, path: Path | str, problems: list[str] | str):
        self.path = str(path)
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(f"{self.path}: " + "; ".join(self.problems))


def _str(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _date(v: Any) -> bool:
    if isinstance(v, (_dt.date, _dt.datetime)):
        return True
    if _int(v):
        return 1800 <= v <= 2200
    if not (isinstance(v, str) and ISO_DATE.match(v)):
        return False
    parts = [int(p) for p in v.split("-")] + [1, 1]
    try:
        _dt.date(parts[0], parts[1], parts[2])     # a real date: no month 13, no 30 February
    except ValueError:
        return False
    return True


def _region(v: Any) -> bool:
    """[x0, y0, x1, y1], fractions of the page with x0 < x1 and y0 < y1.

    >>> _region([0.1, 0.2, 0.5, 0.9]), _region([0.5, 0.2, 0.1, 0.9]), _region([0, 0, 1, 1.5])
    (True, False, False)
    """
    if not (isinstance(v, list) and len(v) == 4):
        return False
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and 0 <= x <= 1 for x in v):
        return False
    return v[0] < v[2] and v[1] < v[3]


PICTURE = r"^pictures/[\w\-.]+\.(webp|jpg|jpeg|png)$"


def _picture(v: Any) -> bool:
    """A picture file under docs/pictures/ (no way out of it).

    >>> _picture("pictures/a.0123.webp"), _picture("../x.webp"), _picture("pictures/a.svg")
    (True, False, False)
    """
    return isinstance(v, str) and re.fullmatch(PICTURE, v) is not None and ".." not in v


def _lines(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(_int(x) and x >= 1 for x in v) and v[0] <= v[1]


def _bool(v: Any) -> bool:
    return isinstance(v, bool)


def _page(v: Any) -> bool:
    return _int(v) or _str(v)


SLUG = r"[\w\-]+"


def _slug(v: Any) -> bool:
    return _str(v) and re.fullmatch(SLUG, v) is not None


def _positive(v: Any) -> bool:
    return _int(v) and v >= 1


def _source_type(v: Any) -> bool:
    return v == "source"


# field: (check, description), in the order the converter writes them.
# Unknown keys are allowed (people may add notes). Everything that reads or
# writes front matter takes its fields from here: validation, the converter's
# front matter (render.article_meta), the exports, the search records and the
# JSON Schema (json_schema).
ARTICLE_FIELDS: dict[str, tuple[Any, str]] = {
    "title": (_str, "a non-empty string"),
    "kicker": (_str, "a string"),
    "subtitle": (_str, "a string"),
    "section": (_str, "a string"),
    "authors": (_str_list, "a list of names"),
    "byline": (_str_list, "a list of strings"),
    "notes": (_str_list, "a list of notes (e.g. （作者为…）)"),
    "date": (_date, "an ISO date: YYYY-MM-DD, YYYY-MM or YYYY"),
    "date_inferred": (_bool, "true or false"),
    "newspaper": (_str, "a string"),
    "page": (_page, "a page number"),
    "editors": (_str_list, "a list of names"),
    "zones": (_str_list, "a list of zone names"),
    "topics": (_str_list, "a list of topic names"),
    "keywords": (_str_list, "a list of words"),
    "people": (_str_list, "a list of names"),
    "organizations": (_str_list, "a list of names"),
    "captions": (_str_list, "a list of captions"),
    "source_line": (_str, "the line naming newspaper, date and page"),
    "continued": (_bool, "true or false"),
    "untitled": (_bool, "true or false"),
    "source": (_str, "the input file name"),
    "pdf_page": (_positive, "a page number in the PDF file (1 for its first page)"),
    "order": (_int, "a whole number"),
    "raw_lines": (_lines, "[first, last] line numbers"),
    "region": (_region, "[x0, y0, x1, y1], fractions of the page (0 to 1) with x0 < x1 and y0 < y1"),
    "slug": (_slug, "letters, digits, _ and -"),
}
ARTICLE_REQUIRED = ("title", "source")
# What full-text search reads besides the title, in this order ("body": the
# page's Markdown text; an article without a byline is found by its authors).
SEARCH_TEXT_FIELDS = ("kicker", "subtitle", "byline", "body", "captions", "notes")
# What a search result shows of an article (the search record's fields besides
# its URL, searchable text and year).
SEARCH_SHOWN_FIELDS = ("title", "date", "newspaper", "page", "zones", "topics")
# Fields the converter writes for proofreading that the exports leave out.
NOT_EXPORTED = ("source_line",)

SOURCE_FIELDS: dict[str, tuple[Any, str]] = {
    "type": (_source_type, "'source'"),
    "source": (_str, "the input file name"),
    "pdf_page": (_positive, "a page number in the PDF file (1 for its first page)"),
    "newspaper": (_str, "a string"),
    "page": (_page, "a page number"),
    "date": (_date, "an ISO date"),
    "editors": (_str_list, "a list of names"),
    "articles": (_str_list, "a list of article paths"),
    "picture": (_picture, "a picture file under pictures/ (.webp, .jpg or .png)"),
    "encoding": (_str, "the input's text encoding"),
}
SOURCE_REQUIRED = ("type", "source")

# The JSON Schema form of each check above: the published schema
# (`newsarchive schema`, article.schema.json in an archive) is derived from
# ARTICLE_FIELDS and SOURCE_FIELDS through this table, so a field is defined once.
_NON_EMPTY = {"type": "string", "minLength": 1, "pattern": r"\S"}
_STRINGS = {"type": "array", "items": {"type": "string"}}
JSON_TYPES: dict[Any, dict] = {
    _str: _NON_EMPTY,
    _str_list: _STRINGS,
    _int: {"type": "integer"},
    _bool: {"type": "boolean"},
    _page: {"anyOf": [{"type": "integer"}, _NON_EMPTY]},
    _date: {"anyOf": [{"type": "string", "pattern": ISO_DATE.pattern},
                      {"type": "integer", "minimum": 1800, "maximum": 2200}]},
    _lines: {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 2, "maxItems": 2},
    _slug: {"type": "string", "pattern": "^" + SLUG + "$"},
    _source_type: {"const": "source"},
    _positive: {"type": "integer", "minimum": 1},
    _region: {"type": "array", "items": {"type": "number", "minimum": 0, "maximum": 1},
              "minItems": 4, "maxItems": 4},
    _picture: {"type": "string", "pattern": PICTURE, "not": {"pattern": r"\.\."}},
}


# How the site holds a field of each check (its Python type, its value when the
# page leaves it out, and the conversion of a validated YAML value): the site's
# article and source models (archive_site.collection) are made from
# ARTICLE_FIELDS and SOURCE_FIELDS through this table, like the JSON Schema.
def as_text(value: Any) -> str:
    """A scalar front-matter value as text; dates as ISO, absent as ''.

    >>> as_text(_dt.date(2020, 1, 2)), as_text(10), as_text(None)
    ('2020-01-02', '10', '')
    """
    if value is None:
        return ""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return str(value)


def as_texts(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def as_int(value: Any) -> int:
    return value or 0


def as_range(value: Any) -> tuple[int, int] | None:
    return (value[0], value[1]) if value else None


def as_numbers(value: Any) -> list[float] | None:
    return list(value) if value else None


SITE_TYPES: dict[Any, tuple[str, Any, Any]] = {
    _str: ("str", "", as_text),
    _str_list: ("list[str]", list, as_texts),
    _int: ("int", 0, as_int),
    _bool: ("bool", False, bool),
    _page: ("str", "", as_text),
    _date: ("str", "", as_text),
    _lines: ("tuple[int, int] | None", None, as_range),
    _slug: ("str", "", as_text),
    _source_type: ("str", "", as_text),
    _positive: ("int", 0, as_int),
    _region: ("list[float] | None", None, as_numbers),
    _picture: ("str", "", as_text),
}


def site_fields(fields: dict) -> list[tuple[str, str, Any, Any]]:
    """(name, Python type, default — a value or a factory —, conversion) of
    each field, in the schema's order.

    >>> [f[:3] for f in site_fields(ARTICLE_FIELDS)][:2]
    [('title', 'str', ''), ('kicker', 'str', '')]
    """
    out = []
    for name, (check, _) in fields.items():
        if check not in SITE_TYPES:
            raise KeyError(f"no site type for the check {getattr(check, '__name__', check)!r} of {name!r}: "
                           "give it an entry in schema.SITE_TYPES")
        out.append((name, *SITE_TYPES[check]))
    return out


def field_schema(check: Any, what: str) -> dict:
    """The JSON Schema of one field (its check's JSON form and its description).

    >>> field_schema(_str_list, "a list of zone names")
    {'type': 'array', 'items': {'type': 'string'}, 'description': 'a list of zone names'}
    """
    if check not in JSON_TYPES:
        raise KeyError(f"no JSON Schema for the check {getattr(check, '__name__', check)!r}: "
                       "give it a name and an entry in schema.JSON_TYPES")
    return {**JSON_TYPES[check], "description": what}


def json_schema() -> dict:
    """The front matter of article and source pages as a JSON Schema (draft 2020-12).

    Unknown keys are allowed (people may add their own notes); empty values
    (``''``, ``null``) are allowed wherever validation skips them.

    >>> article = json_schema()["$defs"]["article"]
    >>> article["required"], article["properties"]["title"]["type"], article["properties"]["zones"]["anyOf"][0]["type"]
    (['title', 'source'], 'string', 'array')
    """
    def page(fields: dict, required: tuple[str, ...], title: str) -> dict:
        props = {key: {"anyOf": [field_schema(check, what), {"type": "null"}, {"const": ""}]}
                 if key not in required else field_schema(check, what)
                 for key, (check, what) in fields.items()}
        return {"title": title, "type": "object", "required": list(required), "properties": props,
                "additionalProperties": True}

    source = page(SOURCE_FIELDS, SOURCE_REQUIRED, "source page (docs/sources/<stem>.md)")
    article = page(ARTICLE_FIELDS, ARTICLE_REQUIRED, "article page (docs/articles/<stem>/<nn>.md)")
    article["not"] = {"properties": {"type": {"const": "source"}}, "required": ["type"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "newsarchive page front matter",
        "description": "The YAML front matter of the pages under docs/ (validated by `newsarchive check` "
                       "and at every build).",
        "$defs": {"article": article, "source": source},
        "if": {"properties": {"type": {"const": "source"}}, "required": ["type"]},
        "then": {"$ref": "#/$defs/source"},
        "else": {"$ref": "#/$defs/article"},
    }


def validate(meta: dict, fields: dict, required: tuple[str, ...]) -> list[str]:
    """Problems with a front-matter mapping, one sentence each.

    >>> validate({"title": "标题", "source": "a.txt", "zones": "淄博高新区"}, ARTICLE_FIELDS, ARTICLE_REQUIRED)
    ["'zones' must be a list of zone names, not '淄博高新区'"]
    >>> validate({"source": "a.txt", "date": "2020/1/1"}, ARTICLE_FIELDS, ARTICLE_REQUIRED)
    ["'title' is missing", "'date' must be an ISO date: YYYY-MM-DD, YYYY-MM or YYYY, not '2020/1/1'"]
    """
    problems = [f"'{key}' is missing" for key in required if meta.get(key) in (None, "")]
    for key, value in meta.items():
        if key not in fields or value in (None, ""):
            continue
        check, what = fields[key]
        if not check(value):
            problems.append(f"'{key}' must be {what}, not {value!r}")
    return problems


@dataclass
class Page:
    path: Path
    meta: dict
    body: str

    @property
    def is_source(self) -> bool:
        return self.meta.get("type") == "source"


class DuplicateKeyError(yaml.YAMLError):
    """A YAML mapping with the same key twice (YAML would keep the last one silently)."""

    def __init__(self, key: Any, first_line: int, second_line: int):
        self.key, self.first_line, self.second_line = key, first_line, second_line
        super().__init__(f"duplicate key {key!r} (lines {first_line} and {second_line})")


class UniqueKeyLoader(SAFE_LOADER):  # type: ignore[misc,valid-type]  # LibYAML when installed
    """The safe loader (LibYAML's when installed) refusing a mapping with a key given twice."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node.start_mark.line + 1)
                except TypeError:          # an unhashable key: SafeLoader reports it below
                    continue
                if first != key_node.start_mark.line + 1:
                    raise DuplicateKeyError(key, first, key_node.start_mark.line + 1)
        return super().construct_mapping(node, deep=deep)


def split_front_matter(text: str, path: Path | str = "<text>") -> tuple[dict, str]:
    """Split ``---`` YAML front matter from a Markdown text. A key given twice
    is an error naming the key and its lines in the file.

    >>> split_front_matter("---\\ntitle: 标题\\n---\\n正文\\n")
    ({'title': '标题'}, '正文\\n')
    >>> split_front_matter("---\\ntitle: [\\n---\\n正文")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    schema.FrontMatterError: <text>: front matter is not valid YAML: ...
    >>> split_front_matter("---\\ntitle: 一\\nsource: a.txt\\ntitle: 二\\n---\\n")
    Traceback (most recent call last):
    ...
    schema.FrontMatterError: <text>: front matter has the key 'title' twice (lines 2 and 4); keep one
    """
    match = FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError(path, "no front matter (the page must start with a '---' line and a closing '---')")
    try:
        meta = yaml.load(match.group(1) or "", Loader=UniqueKeyLoader) or {}
    except DuplicateKeyError as exc:   # lines counted in the file: the opening '---' is line 1
        raise FrontMatterError(path, f"front matter has the key {exc.key!r} twice "
                                     f"(lines {exc.first_line + 1} and {exc.second_line + 1}); keep one") from None
    except yaml.YAMLError as exc:
        detail = " ".join(str(exc).split())
        raise FrontMatterError(path, f"front matter is not valid YAML: {detail}") from None
    except ValueError as exc:        # e.g. an unquoted impossible date: date: 2020-02-30
        raise FrontMatterError(path, f"front matter has an impossible value: {exc}") from None
    if not isinstance(meta, dict):
        raise FrontMatterError(path, "front matter must be a mapping of keys to values")
    return meta, text[match.end():]


def page_type_problem(meta: dict, kind: str | None) -> str | None:
    """What is wrong with a page's type for the folder it is in (``kind``:
    'article' under articles/, 'source' under sources/, None: anywhere).

    >>> page_type_problem({"title": "标题", "source": "a.txt"}, "source")
    "a page under sources/ must have 'type: source' (this one has no 'type'; is it an article page in the wrong folder?)"
    >>> page_type_problem({"type": "article", "source": "a.txt"}, "source")
    "a page under sources/ must have 'type: source', not 'type: article'"
    >>> page_type_problem({"type": "source", "source": "a.txt"}, "article")
    "'type: source' marks a source page, but this page is under articles/ (source pages belong under sources/)"
    >>> page_type_problem({"type": "source"}, "source") is None
    True
    """
    is_source = meta.get("type") == "source"
    if kind == "source" and not is_source:
        if "type" not in meta:
            return ("a page under sources/ must have 'type: source' (this one has no 'type'; "
                    "is it an article page in the wrong folder?)")
        return f"a page under sources/ must have 'type: source', not 'type: {meta.get('type')}'"
    if kind == "article" and is_source:
        return "'type: source' marks a source page, but this page is under articles/ (source pages belong under sources/)"
    return None


def read_page(path: Path | str, kind: str | None = None) -> Page:
    """Read and validate one page under ``docs/``; errors name the file.
    ``kind`` ('article' or 'source') is what the page's folder says it is:
    a page of the other type is reported as that, before any field."""
    path = Path(path)
    return page_from_bytes(path, path.read_bytes(), kind)


def decode_page(path: Path | str, data: bytes) -> str:
    """A page's bytes as text (an editor may save with a BOM); errors name the file."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FrontMatterError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def page_from_bytes(path: Path | str, data: bytes, kind: str | None = None) -> Page:
    """Parse and validate a page's bytes (read from ``path``); errors name the
    file. ``kind`` ('article' or 'source') is what the page's folder says it
    is: a page of the other type is reported as that, before any field."""
    path = Path(path)
    meta, body = split_front_matter(decode_page(path, data), path)
    wrong_type = page_type_problem(meta, kind)
    if wrong_type:
        raise FrontMatterError(path, wrong_type)
    if meta.get("type") == "source":
        problems = validate(meta, SOURCE_FIELDS, SOURCE_REQUIRED)
    else:
        problems = validate(meta, ARTICLE_FIELDS, ARTICLE_REQUIRED)
    if problems:
        raise FrontMatterError(path, problems)
    return Page(path, meta, body)


def date_parts(value: Any) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a front-matter date, None where unknown.

    >>> date_parts("2020-01-01"), date_parts("2020"), date_parts(None)
    ((2020, 1, 1), (2020, None, None), (None, None, None))
    """
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.year, value.month, value.day
    if value is None:
        return None, None, None
    parts = [int(p) for p in str(value).split("-") if p.isdigit()]
    parts += [None] * (3 - len(parts))
    return parts[0], parts[1], parts[2]
