"""The doctests of scripts/archive_site (pytest.ini only collects newsarchive's)."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["collection", "render", "decorate", "regions", "exports", "sanitize", "pages", "pages.zones", "pages.home",
           "picture", "core", "zensical"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(f"archive_site.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
