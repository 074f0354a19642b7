"""Zones on the site (issue 12): registry facts, unlisted zones grouped apart,
unknown names warned about, and the two-item page converted, built with
`mkdocs build --strict` and read in headless Chromium."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from archive_site.collection import collect
from archive_site.regions import LISTED, UNKNOWN, UNLISTED, ZoneEntry, registry_lookup, zone_entries, zone_messages
from browser import chromium, screenshot, serve
from conftest import mkdocs_build
from newsarchive import zones as Z

ROOT = Path(__file__).resolve().parents[2]
TWO_ITEMS = """宣城高新区新签约项目12个

本报讯 今年以来,宣城高新区聚焦主导产业精准招商,新签约项目12个,总投资46亿元。

信阳高新区电子信息产业园投产

本报讯 日前,信阳高新区电子信息产业园一期项目正式投产,首批入驻企业8家。
"""


def test_fixture_zones_by_status(fixture_docs):
    entries = zone_entries(collect(fixture_docs))
    assert entries["淄博高新区"].status == LISTED and entries["淄博高新区"].year == 1992
    xuancheng = entries["宣城高新区"]      # typed by hand, a real place
    assert (xuancheng.status, xuancheng.province, xuancheng.city) == (UNLISTED, "安徽", "宣城")
    assert xuancheng.add_line.startswith("- {name: 宣城高新区,")


def test_an_added_zone_shows_registry_facts_without_reconverting(fixture_docs, tmp_path):
    text = Z.DATA.read_text(encoding="utf-8")
    text += "  - {name: 宣城高新区, full_name: 宣城高新技术产业开发区, city: 宣城, province: 安徽, level: provincial}\n"
    reg = Z.Registry(yaml.safe_load(text))
    entry = zone_entries(collect(fixture_docs), registry_lookup(reg))["宣城高新区"]
    assert (entry.status, entry.level, entry.full_name) == (LISTED, "provincial", "宣城高新技术产业开发区")


def test_unlisted_is_information_and_unknown_a_warning_with_closest_names():
    entries = {"宣城高新区": ZoneEntry("宣城高新区", province="安徽", city="宣城", status=UNLISTED, add_line="- {…}"),
               "淄搏高新区": ZoneEntry("淄搏高新区", status=UNKNOWN),
               "淄博高新区": ZoneEntry("淄博高新区", status=LISTED)}
    infos, warnings = zone_messages(entries)
    assert len(infos) == 1 and "宣城高新区 (安徽 宣城)" in infos[0] and "zones.yml" in infos[0]
    assert len(warnings) == 1 and "'淄搏高新区'" in warnings[0] and "淄博高新区" in warnings[0]


def test_unknown_zone_typed_by_hand_fails_a_strict_build(tmp_path, fixture_docs):
    docs = tmp_path / "docs"
    subprocess.run(["cp", "-r", str(fixture_docs), str(docs)], check=True)
    page = docs / "articles" / "002_bbbb" / "02.md"
    page.write_text(page.read_text(encoding="utf-8").replace("宣城高新区", "火星高新区"), encoding="utf-8")
    result = mkdocs_build(tmp_path, docs)
    assert result.returncode != 0
    assert "unknown zone '火星高新区'" in result.log


def test_two_item_page_both_zones_on_the_zone_index(tmp_path):
    src, docs = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    (src / "two.txt").write_text(TWO_ITEMS, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "convert.py"), "--src", str(src), "--out", str(docs)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "unlisted zone 宣城高新区 (安徽 宣城) in two.txt" in proc.stderr
    assert "warning:" not in proc.stderr and ", 0 warnings;" in proc.stderr
    built = mkdocs_build(tmp_path, docs)
    assert built.returncode == 0, built.log                     # --strict: unlisted is no warning
    assert "unlisted zone 宣城高新区" in built.log
    with chromium() as browser, serve(built.site) as base:
        page = browser.new_page()
        page.goto(base + "zones/index.html")
        article = page.locator("article")
        listed = article.locator("dl.as-cities").first
        assert "河南" in article.locator("h2").first.inner_text()
        assert listed.locator("dt").all_text_contents() == ["信阳"]
        assert "信阳高新区" in listed.inner_text() and "国家级 · 2022" in listed.inner_text()
        unlisted = page.locator("#unlisted")
        assert unlisted.count() == 1
        rest = article.locator("#unlisted ~ h3")
        assert rest.first.inner_text().startswith("安徽")
        assert page.locator("#unlisted ~ dl.as-cities dt").all_text_contents() == ["宣城"]
        assert "宣城高新区" in page.locator("#unlisted ~ dl.as-cities").inner_text()
        screenshot(page, "zones-two-items")
        with page.expect_navigation():
            page.get_by_role("link", name="信阳高新区").click()
        facts = page.locator(".as-facts").first.inner_text()
        assert all(f in facts for f in ("信阳高新技术产业开发区", "国家级高新区", "河南", "信阳", "2022年获批"))
        page.goto(base + "zones/index.html")
        with page.expect_navigation():
            page.get_by_role("link", name="宣城高新区").click()
        text = page.locator("article").inner_text()
        assert "未登记" in text and "安徽" in text and "{name: 宣城高新区" in text
        page.close()
