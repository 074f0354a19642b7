"""The editable patterns (data/patterns.yml), loaded and compiled once."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path


from .settings import read_yaml, registry_file

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class FirstMatch:
    """Several patterns with the same named groups, tried in order (one
    regular expression cannot name a group twice).

    >>> lines = FirstMatch((re.compile(r"^《(?P<paper>.+)》$"), re.compile(r"^来源：(?P<paper>.+)$")))
    >>> lines.match("来源：新华网")["paper"], lines.match("新华网")
    ('新华网', None)
    """
    patterns: tuple[re.Pattern, ...]

    def match(self, text: str) -> re.Match | None:
        for pattern in self.patterns:
            m = pattern.match(text)
            if m:
                return m
        return None


@dataclass(frozen=True)
class Patterns:
    furniture: tuple[tuple[re.Pattern, str], ...]
    source_line: FirstMatch
    newspaper_name: re.Pattern
    ad_phone: re.Pattern
    ad_price: re.Pattern
    ad_bullets: re.Pattern
    ad_vocabulary: re.Pattern
    ad_markers: re.Pattern
    ad_threshold: int
    ad_short_block: int
    ad_article_length: int
    credit_end: re.Pattern
    credit_line: re.Pattern
    drawn_by: re.Pattern
    caption_start: re.Pattern
    caption_gap: int
    caption_max: int
    byline_bullets: re.Pattern
    byline_roles: tuple[str, ...]
    lead: re.Pattern
    lead_authors: re.Pattern
    affiliation: re.Pattern
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    label_max: int
    column_label: re.Pattern
    keyword_stopwords: frozenset[str]


def load(path: str | None = None) -> Patterns:
    """Load the patterns in use (data/patterns.yml unless the archive names its
    own, see settings.registry_file) or another file of the same form."""
    return _load(str(path or registry_file("patterns")))


@functools.lru_cache(maxsize=None)
def _load(path: str) -> Patterns:
    data = read_yaml(Path(path).read_text(encoding="utf-8"))
    ads, caps, bys = data["ads"], data["captions"], data["bylines"]
    vocab = sorted(ads["vocabulary"], key=len, reverse=True)
    return Patterns(
        furniture=tuple((re.compile(f["pattern"]), f["reason"]) for f in data["furniture"]),
        source_line=FirstMatch(tuple(re.compile(p) for p in (
            [data["source_line"]] if isinstance(data["source_line"], str) else data["source_line"]))),
        newspaper_name=re.compile(data["newspaper_name"]),
        ad_phone=re.compile(ads["phone"]),
        ad_price=re.compile(ads["price"]),
        ad_bullets=re.compile(ads["bullets"]),
        ad_vocabulary=re.compile("|".join(map(re.escape, vocab))),
        ad_markers=re.compile("^(" + "|".join(map(re.escape, ads["markers"])) + ")$"),
        ad_threshold=int(ads["threshold"]),
        ad_short_block=int(ads["short_block"]),
        ad_article_length=int(ads["article_length"]),
        credit_end=re.compile(caps["credit_end"]),
        credit_line=re.compile(caps["credit_line"]),
        drawn_by=re.compile(caps["drawn_by"]),
        caption_start=re.compile(caps["caption_start"]),
        caption_gap=int(caps["gap_lines"]),
        caption_max=int(caps["max_length"]),
        byline_bullets=re.compile(bys["bullets"]),
        byline_roles=tuple(sorted(bys["roles"], key=len, reverse=True)),
        lead=re.compile(bys["lead"]),
        lead_authors=re.compile(bys["lead_authors"]),
        affiliation=re.compile(bys["affiliation"]),
        surnames=frozenset(str(bys.get("surnames") or "")),
        compound_surnames=tuple(bys.get("compound_surnames") or ()),
        label_max=int(data["labels"]["max_length"]),
        column_label=re.compile(f"^.{{0,{int(data['labels']['column_max']) - 2}}}("
                                + "|".join(map(re.escape, data["labels"]["column_words"])) + ")$"),
        keyword_stopwords=frozenset(data.get("keyword_stopwords") or ()),
    )
