"""The Pages workflow: the tests run in a job of their own with the test
extras; the build-and-deploy path installs the runtime dependencies only and
needs the test job; actions on current major versions."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# The oldest major version of each action accepted (older ones run on a retired Node.js).
CURRENT = {"actions/checkout": 6, "actions/setup-python": 6, "actions/configure-pages": 6,
           "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}


def jobs() -> dict:
    return yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["jobs"]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_tests_run_in_their_own_job_with_the_test_extras():
    test = runs(jobs()["test"])
    assert "requirements-test.lock" in test and "--require-hashes" in test
    assert "pytest" in test and "install-browser.sh" in test


def test_build_needs_the_tests_and_installs_runtime_only():
    all_jobs = jobs()
    build, deploy = all_jobs["build"], all_jobs["deploy"]
    assert build["needs"] == "test" and deploy["needs"] == "build"
    commands = runs(build)
    assert "requirements.lock" in commands and "requirements-test" not in commands and "[test]" not in commands
    assert "--strict" in commands
    assert any("upload-pages-artifact" in s.get("uses", "") for s in build["steps"])
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_actions_are_on_current_versions():
    used = re.findall(r"uses:\s*([\w./-]+)@v(\d+)", WORKFLOW.read_text(encoding="utf-8"))
    assert used
    old = [f"{name}@v{v}" for name, v in used if int(v) < CURRENT.get(name, 0)]
    unknown = [name for name, _ in used if name not in CURRENT]
    assert not old and not unknown, (old, unknown)


def test_the_full_text_export_is_published_beside_the_site_not_in_it():
    build = jobs()["build"]
    assert build["permissions"]["contents"] == "write"
    commands = runs(build)
    assert "gh release upload fulltext build/exports/articles.jsonl.gz" in commands
    step = next(s for s in build["steps"] if "mkdocs build" in s.get("run", ""))
    assert step["env"]["FULLTEXT_URL"].endswith("/releases/download/fulltext/articles.jsonl.gz")
