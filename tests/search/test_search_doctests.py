"""Run the doctests of the search package (pytest's doctest collection does
not import scripts/ as packages)."""
import doctest
import importlib

import pytest

MODULES = ["fold", "codec", "records", "postings", "builder", "integration"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(f"archive_site.search.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
