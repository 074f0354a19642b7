"""The search index built beside the rendering (IndexJob): what its process
logs reaches the build's log, and what it raises fails the build."""
from __future__ import annotations

import logging
import os
import threading

import pytest

from archive_site.search import integration


def _child_that_fails(docs_dir, site_dir, config_file, url_for, pages, jobs):
    logging.getLogger("mkdocs.hooks.search").warning("told by process %d", os.getpid())
    raise ValueError("docs/articles/x/01.md: unreadable")


def test_job_runs_apart_relays_its_log_and_raises(monkeypatch, tmp_path, caplog):
    monkeypatch.setattr(integration, "page_keys", lambda docs_dir, url_for: [])
    monkeypatch.setattr(integration, "build_index", _child_that_fails)     # the fork inherits it
    job = integration.IndexJob()
    with caplog.at_level(logging.INFO):
        job.start(tmp_path, tmp_path / "site", tmp_path / "mkdocs.yml")
        assert job.process is not None                  # forked: this test process runs one thread
        with pytest.raises(RuntimeError, match="x/01.md: unreadable"):
            job.wait()
    told = [r for r in caplog.records if r.getMessage().startswith("told by process")]
    assert told and told[0].levelno == logging.WARNING
    assert told[0].getMessage() != f"told by process {os.getpid()}"     # logged there, relayed here
    job.wait()                                          # nothing left to wait for


def test_job_in_a_threaded_process_runs_in_place(monkeypatch, tmp_path):
    ran = []
    monkeypatch.setattr(integration, "page_keys", lambda docs_dir, url_for: [])
    monkeypatch.setattr(integration, "build_index", lambda *args: ran.append(os.getpid()))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        job = integration.IndexJob()
        job.start(tmp_path, tmp_path / "site", tmp_path / "mkdocs.yml")
        assert job.process is None and ran == [os.getpid()]
        job.wait()
    finally:
        stop.set()
        thread.join()
