"""newsarchive: Chinese newspaper pages (OCR, pdftotext, PDF) into a Markdown archive.

The converter's modules import one way (see tests/test_layers.py); the
``newsarchive`` command is :mod:`newsarchive.cli`.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsarchive")
except PackageNotFoundError:      # run from a source checkout that was never installed
    __version__ = "0+source"
