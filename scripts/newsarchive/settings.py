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
    title: 我的报刊文库      # the archive's title (home page)
    labels: {}              # UI strings of the site, any key of archive_site.labels.LABELS
    limits: {}              # latest_articles, chart_zones, zone_topics (archive_site.config.Limits)
    zones_file: zones.yml   # this archive's own registry instead of the tool's (relative to
    topics_file: ''         #   the settings file); a registry not named is the tool's own
    patterns_file: ''
    fulltext_url: ''        # where the full-text export (articles.jsonl.gz) is published, outside the
                            #   site (the Pages workflow: a release asset); the home page links it

The MkDocs plugin may give any of these keys in mkdocs.yml too (they win
over the file). The environment variable ``FULLTEXT_URL``, which the Pages
workflow sets to the release asset it publishes, wins over ``fulltext_url``
in the file, under either engine (Zensical reads no plugin settings). Registry files are used by the converter and the site alike:
:func:`use_registries` makes them the ones :func:`registry_file` returns.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

# PyYAML's C parser when it is built with libyaml (the same constructors as
# SafeLoader): the data files (zones, topics, patterns ...) are read at the start
# of every converter run and site build, 0.31 s of pure-Python parsing, 0.04 s so.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SETTINGS_FILE = "archive.yml"
DATA = Path(__file__).resolve().parent / "data"
# Registries an archive may replace with its own file: name → the tool's file.
REGISTRIES = {"zones": "zones.yml", "topics": "topics.yml", "patterns": "patterns.yml"}


def read_yaml(stream) -> Any:
    """A data file's YAML (text or an open file) through :data:`SAFE_LOADER`.

    >>> read_yaml("zones:\\n  - name: 淄博高新区\\n")
    {'zones': [{'name': '淄博高新区'}]}
    """
    return yaml.load(stream, Loader=SAFE_LOADER)


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Settings:
    page_pictures: bool = True
    picture_kb: int = 150
    picture_format: str = "webp"
    picture_width: int = 1000
    title: str = ""
    labels: dict[str, str] = field(default_factory=dict, hash=False)
    limits: dict[str, int] = field(default_factory=dict, hash=False)
    zones_file: str = ""
    topics_file: str = ""
    patterns_file: str = ""
    fulltext_url: str = ""


def _text(v: Any) -> bool:
    return isinstance(v, str) and "\n" not in v


def _labels(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, str) for k, x in v.items())


def _limits(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and isinstance(x, int) and not isinstance(x, bool)
                                       and x >= 0 for k, x in v.items())


CHECKS = {
    "page_pictures": (lambda v: isinstance(v, bool), "true or false"),
    "picture_kb": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 10 <= v <= 5000,
                   "a whole number of KB between 10 and 5000"),
    "picture_format": (lambda v: v in ("webp", "jpeg"), "webp or jpeg"),
    "picture_width": (lambda v: isinstance(v, int) and not isinstance(v, bool) and 200 <= v <= 4000,
                      "a width in pixels between 200 and 4000"),
    "title": (_text, "one line of text"),
    "labels": (_labels, "a mapping of label names to texts"),
    "limits": (_limits, "a mapping of limit names to whole numbers"),
    **{f"{name}_file": (_text, "a YAML file (relative to the settings file)") for name in REGISTRIES},
    "fulltext_url": (lambda v: isinstance(v, str) and (v == "" or re.fullmatch(r"https?://[^\s\"'<>]+", v) is not None),
                     "an http(s) address, or empty"),
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
        return from_environment(Settings())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        detail = " ".join(str(exc).split())
        raise SettingsError(f"{path}: not valid YAML: {detail}") from None
    return from_environment(with_files_from(settings_from(data, str(path)), path.parent, str(path)))


FULLTEXT_ENV = "FULLTEXT_URL"


def from_environment(settings: Settings, environ: dict | None = None) -> Settings:
    """The settings with what the environment sets: ``FULLTEXT_URL`` (the
    Pages workflow's release asset) over ``fulltext_url``; a bad value is an
    error naming the variable.

    >>> from_environment(Settings(), {"FULLTEXT_URL": "https://github.com/o/r/releases/download/fulltext/articles.jsonl.gz"}).fulltext_url
    'https://github.com/o/r/releases/download/fulltext/articles.jsonl.gz'
    >>> from_environment(Settings(fulltext_url="https://a.example/x.gz"), {}).fulltext_url
    'https://a.example/x.gz'
    """
    value = (os.environ if environ is None else environ).get(FULLTEXT_ENV, "")
    if not value:
        return settings
    ok, want = CHECKS["fulltext_url"]
    if not ok(value):
        raise SettingsError(f"environment variable {FULLTEXT_ENV} must be {want}, not {value!r}")
    return replace(settings, fulltext_url=value)


def with_files_from(settings: Settings, base: Path, where: str = SETTINGS_FILE) -> Settings:
    """Registry file names made absolute (relative ones are relative to
    ``base``); a named file that does not exist is an error naming it."""
    changes = {}
    for name in REGISTRIES:
        value = getattr(settings, f"{name}_file")
        if value:
            path = (base / value).resolve()
            if not path.is_file():
                raise SettingsError(f"{where}: '{name}_file' names {path}, which does not exist")
            changes[f"{name}_file"] = str(path)
    return replace(settings, **changes)


def merge_settings(settings: Settings, overrides: dict, base: Path, where: str) -> Settings:
    """``settings`` with the keys of ``overrides`` (the MkDocs plugin's options)
    in their place, checked like the file's; their file names are relative to ``base``.

    >>> merge_settings(Settings(title="甲"), {"title": "乙"}, Path("."), "mkdocs.yml").title
    '乙'
    """
    known = {f.name: getattr(settings, f.name) for f in fields(Settings)}
    # File names already made absolute stay as they are (base / absolute = absolute).
    return with_files_from(settings_from({**known, **overrides}, where), base, where)


_active: dict[str, str] = {}


def use_registries(settings: Settings) -> None:
    """Make the archive's own registry files (absolute paths) the ones in use."""
    _active.clear()
    for name in REGISTRIES:
        value = getattr(settings, f"{name}_file")
        if value:
            _active[name] = value


def registry_file(name: str) -> Path:
    """The registry file in use: the archive's own if it named one, else the tool's.

    >>> registry_file("zones").name
    'zones.yml'
    """
    return Path(_active.get(name) or DATA / REGISTRIES[name])
