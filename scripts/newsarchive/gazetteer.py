"""China's administrative divisions (provinces, cities, counties) as data.

The list is ``data/gazetteer.tsv`` (its header says where it comes from and
of which date: made by scripts/make_gazetteer.py, nothing is downloaded at
run time). Each division is known by its full name (宣城市, 滨海县) and, when
that leaves at least two characters, by its short name (宣城, 滨海), the form
newspapers put before 高新区.

>>> [(d.name, d.province, d.city) for d in divisions("宣城")]
[('宣城市', '安徽', '宣城')]
>>> sorted((d.province, d.city) for d in divisions("滨海"))
[('天津', '天津'), ('江苏', '盐城')]
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "gazetteer.tsv"
MUNICIPALITIES = ("11", "12", "31", "50")

# The 55 minority nationalities, as they appear in names of autonomous
# divisions (延边朝鲜族自治州); needed to find the short name of such a division.
NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 "
    "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
_AUTONOMOUS = re.compile("(?:(?:" + "|".join(sorted(NATIONALITIES, key=len, reverse=True)) + ")族)+自治(?:区|州|县|旗)$")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "林区", "特区", "地区", "省", "市", "盟", "县", "区", "旗")


@dataclass(frozen=True)
class Division:
    code: str          # six digits: 341800
    name: str          # 宣城市
    short: str         # 宣城 ('' when the short form would be one character)
    level: str         # province / city / county
    province: str      # short province name: 安徽
    city: str          # short prefecture name: 宣城 (a county's city; 北京 for Beijing's districts)


def short_name(name: str) -> str:
    """The name without its administrative suffix, or '' if that leaves one character.

    >>> [short_name(n) for n in ("宣城市", "广西壮族自治区", "延边朝鲜族自治州", "滨海县", "雄安新区", "涉县", "黑龙江省")]
    ['宣城', '广西', '延边', '滨海', '雄安', '', '黑龙江']
    """
    m = _AUTONOMOUS.search(name)
    if m:
        stem = name[: m.start()]
    else:
        stem = next((name[: -len(s)] for s in _SUFFIXES if name.endswith(s)), name)
    return stem if len(stem) >= 2 else ""


def parse(lines) -> tuple[Division, ...]:
    """Divisions from the TSV lines (``code<TAB>name``; # comments).

    >>> [d.city for d in parse(["340000\\t安徽省", "341800\\t宣城市", "341821\\t郎溪县"])]
    ['', '宣城', '宣城']
    """
    names: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            names[code] = name
    out = []
    for code, name in names.items():
        level = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
        province = short_name(names.get(code[:2] + "0000", "")) or names.get(code[:2] + "0000", "")
        if code[:2] in MUNICIPALITIES:
            city = province
        elif level == "province":
            city = ""
        else:
            parent = names.get(code[:4] + "00")
            city = short_name(parent) if parent else short_name(name)  # 仙桃, 济源: no prefecture above
            city = city or (parent or name)
        out.append(Division(code, name, short_name(name), level, province, city))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def load() -> tuple[Division, ...]:
    """Every division of the shipped gazetteer (cached)."""
    with open(DATA, encoding="utf-8") as fh:
        return parse(fh)


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[Division, ...]]:
    index: dict[str, list[Division]] = {}
    for d in load():
        for form in {d.name, d.short} - {""}:
            bucket = index.setdefault(form, [])
            # Beijing is both the province and the city: one entry per place
            if not any(o.province == d.province and o.city == d.city and o.level != "county" and d.level != "county"
                       for o in bucket):
                bucket.append(d)
    return {k: tuple(v) for k, v in index.items()}


def divisions(form: str) -> tuple[Division, ...]:
    """The divisions a name or short name can mean (several for 鼓楼, 滨海).

    >>> [d.name for d in divisions("宣城市")], divisions("火星")
    (['宣城市'], ())
    """
    return _index().get(form, ())


def forms() -> list[str]:
    """Every full and short name, for a matcher."""
    return list(_index())


def is_full_name(form: str) -> bool:
    """Whether ``form`` is a division's full name (宣城市), not only a short one.

    >>> is_full_name("宣城市"), is_full_name("宣城")
    (True, False)
    """
    return any(d.name == form for d in divisions(form))
