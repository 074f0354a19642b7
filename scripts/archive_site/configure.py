"""An archive's settings (``archive.yml``, and the MkDocs plugin's options)
applied to the site build: title and UI labels, limits, registry files.

Used by the MkDocs plugin and by the engine-independent build alike; every
build starts from the tool's defaults, so a label removed from the settings
is back to the default on the next build (``mkdocs serve``).
"""
from __future__ import annotations

from dataclasses import fields

from newsarchive.settings import Settings, SettingsError, use_registries

from . import config, labels

DEFAULT_LABELS = dict(labels.LABELS)
LIMIT_NAMES = tuple(f.name for f in fields(config.Limits))


def configure(settings: Settings, where: str = "archive.yml") -> None:
    """Make ``settings`` the ones of this build; unknown labels or limits are
    an error naming ``where``."""
    unknown = [f"label '{k}'" for k in settings.labels if k not in DEFAULT_LABELS]
    unknown += [f"limit '{k}' (known: {', '.join(LIMIT_NAMES)})" for k in settings.limits if k not in LIMIT_NAMES]
    if unknown:
        raise SettingsError(f"{where}: unknown " + ", ".join(unknown))
    labels.LABELS.clear()
    labels.LABELS.update(DEFAULT_LABELS)
    if settings.title:
        labels.LABELS["home_title"] = settings.title
    labels.LABELS.update(settings.labels)
    config.LIMITS = config.Limits(**settings.limits)
    config.FULLTEXT_URL = settings.fulltext_url
    use_registries(settings)
