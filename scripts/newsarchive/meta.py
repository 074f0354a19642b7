"""Facts about a page and its articles: newspaper, page, date, editors,
inferred year, zones, topics, keywords, people and organisations."""
from __future__ import annotations

import collections
import functools
import datetime as dt
import re
from pathlib import Path

from .model import Article, Kind, PageFacts, SourcePage, Unit
from .entities import extract_organizations, extract_people
from .patterns import Patterns, load as load_patterns
from .settings import read_yaml
from .text import cut, idf_table
from .topics import assign_topics
from .zones import load_zones, resolve_zones

DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
YEAR = re.compile(r"(?<!\d)((?:19[89]|20[0-9])\d)\s*年")
DATELINE = re.compile(r"^本报[\u4e00-\u9fff]{0,8}?(?P<m>\d{1,2})月(?P<d>\d{1,2})日[讯电]|"
                      r"^新华社[\u4e00-\u9fff]{0,8}?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日电")
PAGE_NO = re.compile(r"第\s*(?P<r>[A-Z]?\d{1,3})\s*[版页]|(?<![A-Za-z\d])(?P<s>[A-Z]\d{1,2})(?![\d])|"
                     r"^(?P<p>\d{1,3})\s*[\u4e00-\u9fff]|[\u4e00-\u9fff]\s*(?P<q>\d{1,3})$|"
                     r"[\u4e00-\u9fff]\s+(?P<t>\d{1,3})\s+[\u4e00-\u9fff]{1,8}[\s|｜]*$")   # OCR reads the head's rule as |


def page_number(text: str) -> str:
    """The page number a running head or footer gives, or ''.

    >>> [page_number(t) for t in ("10 鲁中晨报", "要闻 A3", "2024年3月5日 星期二 第3版", "第 30 页", "科技日报 03")]
    ['10', 'A3', '3', '30', '3']
    >>> page_number("2018年1月3日 星期三 7 理论"), page_number("7 理论2018 年1 月2 日星期二")
    ('7', '7')
    >>> page_number("2018年1月2日 星期二 7 理论|")
    '7'

    """
    m = PAGE_NO.search(text)
    if not m:
        return ""
    number = next(g for g in m.groups() if g)
    return number if not number.isdigit() else (number.lstrip("0") or "0")
EDITOR_ROLES = re.compile(r"(责任编辑|责编|编辑|美编|美术编辑|校对|审读|审校|组版|版式|签发|值班编辑)\s*[：:／/]?\s*")


def iso_date(y: int | str, m: int | str, d: int | str) -> str:
    """An ISO date, or '' if the parts are not a real date.

    >>> iso_date("2020", "1", "1"), iso_date(2020, 2, 30)
    ('2020-01-01', '')
    """
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return ""


def editors_of(text: str) -> list[str]:
    """Names in an editor credit line.

    >>> editors_of("编辑 王兴华 美编 王涛")
    ['王兴华', '王涛']
    """
    names = []
    for part in EDITOR_ROLES.split(text):
        for token in part.split():
            if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", token) and not EDITOR_ROLES.fullmatch(token):
                names.append(token)
    return names


CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
CN_DATE = re.compile(r"(?P<y>[〇零○一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月\s*"
                     r"(?P<d>[一二三四五六七八九十]{1,3})\s*日")


def chinese_number(text: str) -> int:
    """Value of a date part written in Chinese numerals.

    >>> chinese_number("二〇二四"), chinese_number("十二"), chinese_number("二十五"), chinese_number("十")
    (2024, 12, 25, 10)
    """
    if "十" in text:
        tens, _, units = text.partition("十")
        return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)
    value = 0
    for ch in text:
        value = value * 10 + CN_DIGITS[ch]
    return value


def find_date(text: str) -> str:
    """The first full date in a line, as ISO.

    >>> find_date("2020年1月1日 星期三"), find_date("二〇二四年三月五日 星期二")
    ('2020-01-01', '2024-03-05')
    """
    m = DATE.search(text)
    if m:
        return iso_date(m["y"], m["m"], m["d"])
    m = CN_DATE.search(text)
    if m:
        return iso_date(chinese_number(m["y"]), chinese_number(m["m"]), chinese_number(m["d"]))
    return ""


def source_line_facts(text: str, pats: Patterns | None = None) -> PageFacts:
    """Facts of a source line.

    >>> source_line_facts("《人民日报》（2025年10月20日 第 02 版）")
    PageFacts(newspaper='人民日报', page='2', date='2025-10-20', editors=[])
    """
    m = (pats or load_patterns()).source_line.match(text)
    if not m:
        return PageFacts()
    page = (m.group("page") or "").lstrip("0") or ("0" if m.group("page") else "")
    return PageFacts(m.group("newspaper"), page, iso_date(m.group("year"), m.group("month"), m.group("day")))


def page_facts(page: SourcePage, removed_units: list[Unit], pats: Patterns | None = None) -> None:
    """Newspaper, page number, date and editors from the furniture of each
    printed page (a pdftotext file may hold several, split by form feeds);
    the file's own facts are the first found."""
    pats = pats or load_patterns()
    papers: dict[int, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for unit in removed_units:
        facts = page.sheets.setdefault(unit.sheet, PageFacts())
        text = unit.text
        if unit.kind is Kind.SOURCE_LINE:
            own = source_line_facts(text, pats)
            facts.newspaper = facts.newspaper or own.newspaper
            facts.date = facts.date or own.date
            facts.page = facts.page or own.page
            continue
        papers[unit.sheet].update(pats.newspaper_name.findall(text))
        if unit.kind is not Kind.FURNITURE:
            continue
        facts.date = facts.date or find_date(text)
        if EDITOR_ROLES.search(text):
            facts.editors.extend(n for n in editors_of(text) if n not in facts.editors)
        if not facts.page and ("page" in unit.reason or "date" in unit.reason or "masthead" in unit.reason):
            facts.page = page_number(text)
    for sheet, counter in papers.items():
        if counter:
            facts = page.sheets[sheet]
            facts.newspaper = facts.newspaper or counter.most_common(1)[0][0]
    for sheet in sorted(page.sheets):
        facts = page.sheets[sheet]
        page.newspaper = page.newspaper or facts.newspaper
        page.page = page.page or facts.page
        page.date = page.date or facts.date
        page.editors = page.editors or list(facts.editors)
    page.newspaper = page.newspaper or newspaper_from_name(page.name)   # a masthead set as a picture


@functools.lru_cache(maxsize=1)
def _newspaper_codes() -> dict[str, str]:
    path = Path(__file__).resolve().parent / "data" / "newspaper_codes.yml"
    return {str(k).lower(): str(v) for k, v in (read_yaml(path.read_text(encoding="utf-8")) or {}).items()}


def newspaper_from_name(name: str) -> str:
    """The newspaper an e-paper file name's leading code names (data/newspaper_codes.yml), or ''.

    >>> newspaper_from_name("rmrb-2018-01-02-p07.blocks.txt"), newspaper_from_name("gmrb20180102.txt")
    ('人民日报', '光明日报')
    >>> newspaper_from_name("page-7.txt"), newspaper_from_name("000_9d8ca52e2d9cb7fb.txt")
    ('', '')
    """
    match = re.match(r"[A-Za-z]+", Path(name).name)
    return _newspaper_codes().get(match.group().lower(), "") if match else ""


def infer_year(text: str, today: dt.date | None = None) -> int | None:
    """The latest year the text speaks of (not in the future): the likely year of publication.

    >>> infer_year("回首2023年，……展望2024年，淄博高新区重点推进")
    2024
    """
    this_year = (today or dt.date.today()).year
    years = [int(y) for y in YEAR.findall(text) if int(y) <= this_year]
    return max(years) if years else None


def page_year(page: SourcePage, article: Article) -> int | None:
    """The year inferred from every article printed on the same page (and,
    in a compilation, under the same source line): they share one date."""
    same = [a for a in page.articles if a.sheet == article.sheet and a.source_line == article.source_line]
    return infer_year("\n".join(a.title + "\n" + a.text() for a in same))


def date_article(article: Article, page: SourcePage) -> None:
    """The article's date: the page's, else its dateline with an inferred
    year, else a year inferred from the text of its page (marked inferred)."""
    date = article_facts(page, article).date
    if date:
        article.date = date
        return
    year = page_year(page, article)
    for paragraph in article.paragraphs[:1]:
        m = DATELINE.match(paragraph)
        if m and year:
            month, day = m["m"] or m["m2"], m["d"] or m["d2"]
            article.date = iso_date(year, month, day)
            article.date_inferred = True
            return
    if year:
        article.date, article.date_inferred = str(year), True


@functools.lru_cache(maxsize=1)
def _newspaper_cities() -> dict[str, str]:
    path = Path(__file__).resolve().parent / "data" / "newspapers.yml"
    return read_yaml(path.read_text(encoding="utf-8")) or {}


def newspaper_city(newspaper: str) -> str | None:
    """The city a newspaper serves: from data/newspapers.yml, else a zone
    city its name starts with.

    >>> newspaper_city("鲁中晨报"), newspaper_city("聊城日报"), newspaper_city("人民日报")
    ('淄博', '聊城', None)
    """
    if not newspaper:
        return None
    known = _newspaper_cities()
    if newspaper in known:
        return known[newspaper] or None
    cities = sorted({z.city for z in load_zones() if z.city}, key=len, reverse=True)
    return next((c for c in cities if newspaper.startswith(c)), None)


def describe(article: Article, newspaper: str = "") -> None:
    """Zones, topics, keywords, people and organisations of an article."""
    paragraphs = article.paragraphs
    heads = [text for kind, text in article.blocks if kind == "h"]
    article.zones = resolve_zones(article.title + " " + article.kicker, heads + paragraphs, article.captions,
                                  city_hint=newspaper_city(newspaper))
    article.topics = assign_topics(article.title, heads + paragraphs)
    text = "\n".join(paragraphs)
    article.people = extract_people(text)
    article.organizations = extract_organizations(text)
    article.keywords = keywords(article.title + "\n" + "\n".join(paragraphs))


NOT_A_KEYWORD = re.compile(r"[\d.%％,，a-zA-Z]+")     # figures, units, Latin letters


def keywords(text: str, k: int = 8) -> list[str]:
    """The k most characteristic words (TF-IDF over jieba's IDF table), best first.

    >>> keywords("稀土新材料。包头稀土高新区推动稀土产业高质量发展，稀土产品附加值提升。", 3)[0]
    '稀土'
    """
    idf, median, stop = idf_table()
    stop = stop | load_patterns().keyword_stopwords
    counts = collections.Counter(
        w for w in cut(text)
        if len(w) >= 2 and w not in stop and not NOT_A_KEYWORD.fullmatch(w))
    scored = sorted(counts.items(), key=lambda wc: (-wc[1] * idf.get(wc[0], median), wc[0]))
    return [w for w, _ in scored[:k]]


def article_facts(page: SourcePage, article: Article) -> PageFacts:
    """An article's facts: its own source line first, then its printed page's."""
    base = page.facts(article.sheet)
    if not article.source_line:
        return base
    own = source_line_facts(article.source_line)
    if own.newspaper and own.newspaper != base.newspaper:     # copied from another paper or site: not its page
        return PageFacts(own.newspaper, own.page, own.date or base.date, [])
    return PageFacts(own.newspaper or base.newspaper, own.page or base.page, own.date or base.date,
                     base.editors)
