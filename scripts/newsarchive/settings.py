"""The archive's settings file, read by the converter and by the site build.

One file per archive, ``archive.yml`` beside ``mkdocs.yml`` (the converter
reads ``archive.yml`` of the current folder unless ``--settings`` names
another). A missing file means the defaults; an unknown key or a bad value
is an error naming the file and the key.

    # archive.yml
    page_pictures: true     # a picture of each PDF page on its source page
    picture_kb: 150         # size budget of one page picture, in KB
    picture_format: webp    # webp or jpeg
    picture_width: 1000     # widest picture in pixels (made smaller to fit the budget)
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

import yaml

SETTINGS_FILE = "archive.yml"


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Settings:
    page_pictures: bool = True
    picture_kb: int = 150
    picture_format: str = "webp"
    picture_width: int = 1000


CHECKS = {
    "page_pictures": (lambda v: isinstance(v, bool), "true or false"),
    "picture_kb": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 10 <= v <= 5000,
                   "a whole number of KB between 10 and 5000"),
    "picture_format": (lambda v: v in ("webp", "jpeg"), "webp or jpeg"),
    "picture_width": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 200 <= v <= 4000,
                      "a width in pixels between 200 and 4000"),
}


def settings_from(data: object, where: str = SETTINGS_FILE) -> Settings:
    """Settings from a parsed YAML mapping; defaults for what it leaves out.

    >>> settings_from({"page_pictures": False}).page_pictures
    False
    >>> settings_from({"picture_kb": "big"})
    Traceback (most recent call last):
    ...
    settings.SettingsError: archive.yml: 'picture_kb' must be a whole number of KB between 10 and 5000, not 'big'
    """
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise SettingsError(f"{where}: must be a mapping of settings to values")
    known = {f.name for f in fields(Settings)}
    problems = [f"unknown setting '{key}' (known: {', '.join(sorted(known))})" for key in data if key not in known]
    for key, value in data.items():
        if key in CHECKS and not CHECKS[key][0](value):
            problems.append(f"'{key}' must be {CHECKS[key][1]}, not {value!r}")
    if problems:
        raise SettingsError(f"{where}: " + "; ".join(problems))
    return replace(Settings(), **data)


def load_settings(path: Path | str | None = None) -> Settings:
    """Read a settings file; the defaults if it does not exist."""
    path = Path(path if path is not None else SETTINGS_FILE)
    if not path.is_file():
        return Settings()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        detail = " ".join(str(exc).split())
        raise SettingsError(f"{path}: not valid YAML: {detail}") from None
    return settings_from(data, str(path))
