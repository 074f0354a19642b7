"""People and organisations named in an article. Precision over recall.

The vocabularies are data: ``data/surnames.yml`` and ``data/entities.yml``
(its header explains the rules). jieba is used only for the left edge of
organisation names and to reject ordinary words; a 15 KB page takes a few ms.

>>> extract_people("本报讯(记者 于大勇)近日,哈尔滨医科大学第一附属医院教授张亭栋和上海交通大学医学院附属瑞金医院教授王振义获生命科学奖")
['于大勇', '张亭栋', '王振义']
>>> extract_organizations("哈尔滨医科大学第一附属医院教授张亭栋和上海交通大学医学院附属瑞金医院教授王振义获生命科学奖")
['哈尔滨医科大学第一附属医院', '上海交通大学医学院附属瑞金医院']
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path


from .text import pos_tagger, tokenizer, words_added
from .settings import read_yaml
from .zones import build_trie, registry

DATA = Path(__file__).resolve().parent / "data"
HAN = re.compile(r"[\u3400-\u9fff]")
ORDINAL = re.compile(r"^第[一二三四五六七八九十百零〇]+$")
COUNT = re.compile(r"^[0-9０-９.%一二三四五六七八九十百千万亿两几余多数首每]+[个批家位项名次年月日号届期种条座台件股元]?$")


def _words(value) -> list[str]:
    if isinstance(value, str):
        return [c for c in value if not c.isspace()]
    return [str(v) for v in value or []]


class Vocab:
    def __init__(self, surnames: dict, rules: dict):
        self.surnames = set(_words(surnames.get("single")))
        self.compound = set(_words(surnames.get("compound")))
        self.titles = sorted(set(_words(rules.get("titles"))), key=len, reverse=True)
        self.title_re = re.compile("|".join(map(re.escape, self.titles)))
        verbs = sorted(set(_words(rules.get("speech_verbs"))), key=len, reverse=True)
        self.verb_re = re.compile("|".join(map(re.escape, verbs)))
        self.after_trie = build_trie(_words(rules.get("after_name")))
        self.not_in_name = set(_words(rules.get("not_in_name")))
        suffixes = rules.get("org_suffixes") or {}
        self.strong = set(_words(suffixes.get("strong")))
        self.weak = set(_words(suffixes.get("weak")))
        self.suffix_re = re.compile("|".join(map(re.escape, sorted(self.strong | self.weak, key=len, reverse=True))))
        self.anchors = sorted(_words(rules.get("org_anchors")), key=len, reverse=True)
        self.stop_words = set(_words(rules.get("org_stop_words")))
        self.stop_tags = set(_words(rules.get("org_stop_tags")))
        self.generic = set(_words(rules.get("org_generic_words")))
        self.false_endings = _words(rules.get("org_false_endings"))
        self.not_followed_by = {str(k): str(c) for k, c in (rules.get("org_not_followed_by") or {}).items()}
        reg = registry()
        places = {z.city for z in reg.zones} | {z.province for z in reg.zones}
        places |= {z.locality for z in reg.zones if z.locality}
        places |= {z.name[:-3] for z in reg.zones if z.name.endswith("高新区")}
        self.places = {p for p in places if p}


@functools.lru_cache(maxsize=1)
def vocab() -> Vocab:
    with open(DATA / "surnames.yml", encoding="utf-8") as fh:
        surnames = read_yaml(fh) or {}
    with open(DATA / "entities.yml", encoding="utf-8") as fh:
        rules = read_yaml(fh) or {}
    return Vocab(surnames, rules)


def _jieba():
    return tokenizer(), pos_tagger()


def word_tag(word: str) -> str | None:
    """jieba's dictionary part of speech of ``word`` (None when unknown).

    >>> word_tag("文件"), word_tag("江敦涛")
    ('n', None)
    """
    return _tags().get(word)


@functools.lru_cache(maxsize=1)
def _tags() -> dict:
    _, pos = _jieba()
    pos.makesure_userdict_loaded()
    return pos.word_tag_tab


# ── people ──

def is_boundary(text: str, j: int, v: Vocab | None = None) -> bool:
    """Whether a name may end before position ``j``: punctuation, a space,
    the end, or a word of `after_name`.

    >>> is_boundary("周效表示", 2), is_boundary("周效表示", 3), is_boundary("尤政等20余位", 2)
    (True, False, True)
    """
    v = v or vocab()
    if j >= len(text):
        return True
    ch = text[j]
    if not (HAN.match(ch) or ch.isalnum()):
        return True
    node = v.after_trie
    for c in text[j:j + 4]:
        node = node.get(c)
        if node is None:
            return False
        if "" in node:
            return True
    return False


def is_name(cand: str, v: Vocab | None = None) -> bool:
    """A plausible full personal name: surname + 1–2 characters, no function
    character, no title inside, not an ordinary dictionary word.

    >>> is_name("江敦涛"), is_name("王书记"), is_name("文件"), is_name("欧阳明"), is_name("张总")
    (True, False, False, True, False)
    """
    v = v or vocab()
    if not all(HAN.match(c) for c in cand):
        return False
    if cand[:2] in v.compound:
        given = cand[2:]
    elif cand[0] in v.surnames:
        given = cand[1:]
    else:
        return False
    if not 1 <= len(given) <= 2 or any(c in v.not_in_name for c in given):
        return False
    if any(t in cand for t in v.titles):
        return False
    tag = word_tag(cand)
    return tag is None or tag.startswith("nr")


def name_at(text: str, i: int, v: Vocab | None = None) -> str | None:
    """The name starting at ``i`` (longest first) that is followed by a boundary.

    >>> name_at("市委书记江敦涛在调研", 4), name_at("总经理周效表示", 3), name_at("书记在全体会上", 2)
    ('江敦涛', '周效', None)
    """
    v = v or vocab()
    lengths = (4, 3) if text[i:i + 2] in v.compound else (3, 2)
    for n in lengths:
        cand = text[i:i + n]
        if len(cand) == n and is_name(cand, v) and is_boundary(text, i + n, v):
            return cand
    return None


def _chain(text: str, end: int, v: Vocab) -> list[str]:
    """Names joined to a found name by 和/与/及/、 (张亭栋和王振义)."""
    out = []
    while end < len(text) and text[end] in "和与及、":
        name = name_at(text, end + 1, v)
        if not name:
            break
        out.append(name)
        end = end + 1 + len(name)
    return out


def extract_people(text: str) -> list[str]:
    """Personal names after a title or before a speech verb, first mention first.

    >>> extract_people("安康市副市长寇全安表示,作为安康经济发展的强力引擎")
    ['寇全安']
    >>> extract_people("“能改的要先改起来,能干的要先干起来。”魏玉蛟说,要拿出最好的工作状态")
    ['魏玉蛟']
    >>> extract_people("随后,淄博高新区举办了高峰论坛,邀请清华大学副校长尤政等20余位知名专家")
    ['尤政']
    """
    if not text:
        return []
    v = vocab()
    text = unicodedata.normalize("NFC", text)
    found: list[tuple[int, str]] = []
    for m in v.title_re.finditer(text):
        i = m.end()
        while i < len(text) and text[i] in " \u3000\t":
            i += 1
        name = name_at(text, i, v)
        if name:
            found.append((i, name))
            found += [(i, n) for n in _chain(text, i + len(name), v)]
    for m in v.verb_re.finditer(text):
        j = m.start()
        for n in (4, 3, 2):
            i = j - n
            if i < 0 or (i > 0 and (HAN.match(text[i - 1]) or text[i - 1].isalnum())):
                continue
            if is_name(text[i:j], v) and (n < 4 or text[i:i + 2] in v.compound):
                found.append((i, text[i:j]))
                break
    out: list[str] = []
    for _, name in sorted(found, key=lambda t: t[0]):
        if name not in out:
            out.append(name)
    return out


# ── organisations ──

NOT_NAME_CHAR = re.compile(r"[^\u3400-\u9fff0-9A-Za-z()（）·]")


def _left_edge(text: str, start: int, v: Vocab) -> list[str]:
    """The jieba words of an organisation name before its suffix at ``start``."""
    lo = max(0, start - 24)
    window = text[lo:start]
    cuts = NOT_NAME_CHAR.split(window)
    return list(_left_words(cuts[-1], len(cuts) == 1 and lo > 0, words_added()))


@functools.lru_cache(maxsize=4096)
def _left_words(window: str, truncated: bool, lexicon: int) -> tuple[str, ...]:
    # `lexicon`: text.words_added(), so a word added to the tokenizer later is not cut the old way
    if len(window) < 2:
        return ()
    v = vocab()
    jieba, _ = _jieba()
    words = jieba.lcut(window)
    if truncated and words:
        words = words[1:]
    kept: list[str] = []
    for w in reversed(words):
        if w in v.stop_words or not all(HAN.match(c) or c.isalnum() or c in "()（）·" for c in w):
            break
        if len(w) > 1 and w not in v.places and not ORDINAL.match(w):
            tag = word_tag(w)
            if tag in v.stop_tags and (tag != "m" or COUNT.match(w)):
                break
        kept.append(w)
    kept.reverse()
    while kept and kept[0] in "()（）·":
        kept.pop(0)
    return tuple(kept)


def org_at(text: str, m: re.Match, v: Vocab | None = None) -> tuple[int, str] | None:
    """(start, name) of the organisation whose suffix is the match ``m``, or None.

    >>> s = "其中山东龙代信息科技有限公司董事长赵进军等16名高层次人才"
    >>> org_at(s, vocab().suffix_re.search(s))
    (2, '山东龙代信息科技有限公司')
    """
    v = v or vocab()
    suffix = m.group()
    if any(text.endswith(f, 0, m.end()) for f in v.false_endings):
        return None
    after = text[m.end():m.end() + 1]
    if after and any(suffix.endswith(k) and after in c for k, c in v.not_followed_by.items()):
        return None
    words = _left_edge(text, m.start(), v)
    prefix = "".join(words)
    if len(prefix) < 2 or re.search(r"[0-9届]", prefix):
        return None
    if all(w in v.generic or w in v.titles for w in words):
        return None
    if suffix in v.weak and not (any(prefix[:n] in v.places for n in range(2, 5))
                                 or any(prefix.startswith(a) for a in v.anchors)
                                 or (word_tag(words[0]) or "").startswith("ns")):
        return None
    return m.start() - len(prefix), prefix + suffix


def extract_organizations(text: str) -> list[str]:
    """Companies, institutes, universities and government bodies, by suffix,
    first mention first; a name inside a longer one is not repeated.

    >>> extract_organizations("在今年举行的淄博市火炬大会上,其中山东龙代信息科技有限公司董事长赵进军等16名高层次人才每人获得100万元")
    ['山东龙代信息科技有限公司']
    >>> extract_organizations("9月4日,东莞松山湖高新区管委会与大朗镇举行签约仪式;探索实行了投资促进服务中心、招商中心")
    ['东莞松山湖高新区管委会']
    """
    if not text:
        return []
    v = vocab()
    text = unicodedata.normalize("NFC", text)
    spans: list[tuple[int, int, str]] = []
    for m in v.suffix_re.finditer(text):
        got = org_at(text, m, v)
        if got:
            spans.append((got[0], m.end(), got[1]))
    spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    out: list[str] = []
    for _, _, name in sorted(spans):
        if name not in out:
            out.append(name)
    return out
