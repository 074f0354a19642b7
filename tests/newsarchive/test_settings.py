"""The archive's settings file and what the environment sets over it."""
from __future__ import annotations

import pytest

from newsarchive.settings import SettingsError, load_settings

URL = "https://github.com/o/r/releases/download/fulltext/articles.jsonl.gz"


def test_the_workflows_fulltext_url_wins_over_the_file(tmp_path, monkeypatch):
    path = tmp_path / "archive.yml"
    path.write_text("fulltext_url: https://old.example/articles.jsonl.gz\n", encoding="utf-8")
    monkeypatch.setenv("FULLTEXT_URL", URL)
    assert load_settings(path).fulltext_url == URL
    monkeypatch.delenv("FULLTEXT_URL")
    assert load_settings(path).fulltext_url == "https://old.example/articles.jsonl.gz"


def test_the_environment_applies_without_a_settings_file(tmp_path, monkeypatch):
    monkeypatch.setenv("FULLTEXT_URL", URL)
    assert load_settings(tmp_path / "missing.yml").fulltext_url == URL


def test_a_bad_url_in_the_environment_is_an_error_naming_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("FULLTEXT_URL", "javascript:alert(1)")
    with pytest.raises(SettingsError, match="FULLTEXT_URL"):
        load_settings(tmp_path / "missing.yml")
