"""The PDF reader on small pages the tests make themselves (see pdf_samples)."""
from __future__ import annotations

import pytest

from newsarchive.read_pdf import read_pdf

from pdf_samples import BODY, H, pages, scan, two_columns


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    return read_pdf(two_columns(tmp_path_factory.mktemp("pdf"))).pages[0]


def test_characters_carry_their_box_from_the_top_left_and_their_size(page):
    title = [c for c in page.chars if c.size == 30]
    assert "".join(c.text for c in title) == "新时代的历史方位"
    first = title[0]
    assert first.x0 == pytest.approx(80, abs=0.5)
    assert 60 < first.y0 < first.y1 < 110          # drawn with its baseline 100 pt from the top
    assert first.y1 == pytest.approx(100, abs=8)


def test_body_size_and_fonts_are_read(page):
    body = [c for c in page.chars if c.size == BODY]
    assert len(body) > 100
    assert {c.font for c in body} >= {"STSong-Light", "Helvetica"}     # the year is set in Helvetica
    assert not any(c.bold for c in body)


def test_no_whitespace_characters(page):
    assert not any(c.text.isspace() for c in page.chars)


def test_rules_and_images_are_boxes_on_the_page(page):
    rule = [b for b in page.paths if b.height < 3]
    assert rule and rule[0].width > 500 and rule[0].y0 == pytest.approx(40, abs=2)
    assert len(page.images) == 1 and page.images[0].width == pytest.approx(200, abs=1)
    assert page.width == 600 and page.height == H


def test_a_scan_has_no_text(tmp_path):
    doc = read_pdf(scan(tmp_path))
    assert len(doc.pages) == 1 and not doc.pages[0].has_text and doc.pages[0].images


def test_every_page_of_an_issue(tmp_path):
    doc = read_pdf(pages(tmp_path, 3))
    assert [p.index for p in doc.pages] == [0, 1, 2]
    assert all(p.has_text for p in doc.pages)


def test_not_a_pdf_raises(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"this is no PDF")
    with pytest.raises(Exception):
        read_pdf(bad)
