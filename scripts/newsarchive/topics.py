"""Topics of an article, by weighted keyword counts.

The taxonomy is ``data/topics.yml``; its header explains how a rule fires.
Loaded once per process.

>>> assign_topics("强化“招商联盟” 用好“产业专班”",
...     ["今年以来,聊城高新区深化“双招双引”工作机制改革,实行“管委会+产业专班+公司”模式,组建招商联盟。"
...      "今年以来,聊城高新区新签约项目35个,总投资达256亿元。"])
['招商引资', '园区改革与体制机制']
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence


from .settings import read_yaml, registry_file
from .zones import build_matcher, scan

DATA = Path(__file__).resolve().parent / "data" / "topics.yml"


@dataclass(frozen=True)
class Topic:
    name: str
    description: str
    aliases: tuple[str, ...]
    keywords: tuple[tuple[str, float], ...]  # (keyword, weight)
    threshold: float


def match_form(text: str) -> str:
    """The form keywords are matched in: NFC, no whitespace, Latin upper-case.

    >>> match_form("5g 基站 与 Mems")
    '5G基站与MEMS'
    """
    return "".join(unicodedata.normalize("NFC", text or "").split()).upper()


def parse_keywords(value) -> tuple[tuple[str, float], ...]:
    """Keywords as written in topics.yml: a mapping word → weight, or a list
    whose items are words (weight 1) or one-entry mappings.

    >>> parse_keywords({"招商": 2, "签约": 1})
    (('招商', 2.0), ('签约', 1.0))
    >>> parse_keywords(["人才", {"高层次人才": 3}])
    (('人才', 1.0), ('高层次人才', 3.0))
    """
    items: list[tuple[str, float]] = []
    if isinstance(value, dict):
        value = [{k: v} for k, v in value.items()]
    for item in value or []:
        if isinstance(item, dict):
            items += [(match_form(str(k)), float(1 if v is None else v)) for k, v in item.items()]
        else:
            items.append((match_form(str(item)), 1.0))
    return tuple((k, w) for k, w in items if k)


class Taxonomy:
    def __init__(self, data: dict):
        self.settings: dict = dict(data.get("settings") or {})
        self.topics: tuple[Topic, ...] = tuple(
            Topic(name=str(t["name"]), description=str(t.get("description") or ""),
                  aliases=tuple(str(a) for a in t.get("aliases") or ()),
                  keywords=parse_keywords(t.get("keywords")),
                  threshold=float(t.get("threshold", 5)))
            for t in data.get("topics") or [])
        # keyword -> [(topic name, weight)]
        self.index: dict[str, list[tuple[str, float]]] = {}
        for topic in self.topics:
            for word, weight in topic.keywords:
                self.index.setdefault(word, []).append((topic.name, weight))
        self.matcher = build_matcher(self.index)


@functools.lru_cache(maxsize=8)
def _taxonomy(path: str | None = None) -> Taxonomy:
    with open(path or DATA, encoding="utf-8") as fh:
        return Taxonomy(read_yaml(fh) or {})


def taxonomy(path: str | Path | None = None) -> Taxonomy:
    return _taxonomy(str(path or registry_file("topics")))


def load_topics(path: str | Path | None = None) -> tuple[Topic, ...]:
    """All topics, in file order (cached).

    >>> [t.name for t in load_topics()][:3]
    ['招商引资', '人才', '科技创新']
    """
    return taxonomy(path).topics


def keyword_counts(title: str, paragraphs: Sequence[str], title_weight: float = 3) -> dict[str, float]:
    """Occurrences of every keyword, title occurrences counting ``title_weight``.

    >>> keyword_counts("人才新政", ["高层次人才每年保持了30%以上的增速"])
    {'人才': 3, '高层次人才': 1}
    """
    matcher = taxonomy().matcher
    counts: dict[str, float] = {}
    for text, weight in [(title, title_weight)] + [(p, 1) for p in paragraphs or ()]:
        for word in scan(match_form(text), matcher):
            counts[word] = counts.get(word, 0) + weight
    return counts


def score_topics(title: str, paragraphs: Sequence[str]) -> dict[str, tuple[float, list[str]]]:
    """topic → (score, keywords that fired, biggest contribution first), best first.

    >>> score_topics("包头稀土高新区“点土成金”", ["稀土新材料及终端应用"])
    {'新材料': (11.0, ['稀土', '新材料'])}
    """
    tax = taxonomy()
    counts = keyword_counts(title, paragraphs, tax.settings.get("title_weight", 3))
    contrib: dict[str, dict[str, float]] = {}
    for word, n in counts.items():
        for topic, weight in tax.index[word]:
            contrib.setdefault(topic, {})[word] = n * weight
    scored = {t: (sum(c.values()), sorted(c, key=lambda w: -c[w])) for t, c in contrib.items()}
    return dict(sorted(scored.items(), key=lambda kv: -kv[1][0]))


def assign_topics(title: str, paragraphs: Sequence[str]) -> list[str]:
    """The topics whose score reaches their threshold and min_share of the
    best score, best first, at most max_topics.

    >>> assign_topics("安康高新区 5个重点产业项目集中投产",
    ...     ["本报讯 9月6日,安康高新区禾瑞光、轩意光电、浩天环宇、吉速线缆、泰沃云5个重点产业项目集中建成投产。"])
    ['项目建设']
    """
    tax = taxonomy()
    thresholds = {t.name: t.threshold for t in tax.topics}
    scored = score_topics(title, paragraphs)
    if not scored:
        return []
    best = next(iter(scored.values()))[0]
    share = tax.settings.get("min_share", 0.25)
    chosen = [t for t, (s, _) in scored.items() if s >= thresholds[t] and s >= best * share]
    return chosen[: tax.settings.get("max_topics", 4)]


def explain_topics(title: str, paragraphs: Sequence[str]) -> dict[str, list[str]]:
    """The keywords that fired for each assigned topic, in the order of
    :func:`assign_topics` (for the converter's log).

    >>> explain_topics("4名科学家获2020年未来科学大奖", ["中国科学院金属研究所研究员卢柯获物质科学奖"])
    {'科技创新': ['科学家', '科学奖']}
    """
    scored = score_topics(title, paragraphs)
    return {t: scored[t][1] for t in assign_topics(title, paragraphs)}
