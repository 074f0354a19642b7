"""PDF pages through the whole converter: read → layout → the shared steps → Markdown."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from newsarchive.pipeline import build_pdf_pages, render_page
from newsarchive.reader import InputError

from pdf_samples import PARA_1, PARA_2, head_page, news, pages, scan, two_columns, vertical_box

CONVERT = Path(__file__).resolve().parents[2] / "scripts" / "convert.py"


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    (only,) = build_pdf_pages(two_columns(tmp_path_factory.mktemp("pdf")))
    return only


def test_one_article_with_title_byline_heading_and_caption(page):
    (article,) = page.articles
    assert article.title == "新时代的历史方位"
    assert article.authors == ["陈曙光"]
    assert ("h", "新时代的鲜明主题") in article.blocks
    assert article.captions == ["图为新时代的建设者。新华社记者王强摄"]
    assert PARA_1 in article.paragraphs


def test_running_head_is_removed_with_its_reason_and_gives_the_date(page):
    assert [r.text for r in page.removed] == ["2018年1月2日星期二", "7理论"]
    assert page.date == "2018-01-02"


def test_source_is_the_pdf_and_its_page_has_a_field(page):
    outputs = render_page(page)
    meta = front(outputs[0].content)
    assert meta["source"] == "page.pdf" and meta["pdf_page"] == 1
    assert outputs[0].path == "articles/page/01.md" and outputs[-1].path == "sources/page.md"


def test_boxed_column_with_a_vertical_title_is_its_own_article(tmp_path):
    (model,) = build_pdf_pages(vertical_box(tmp_path))
    assert [a.title for a in model.articles] == ["深刻理解新时代", "意气风发走进新时代"]
    assert model.articles[1].authors == ["欧阳辉"]


def test_news_page_of_small_titles_is_three_articles(tmp_path):
    (model,) = build_pdf_pages(news(tmp_path))
    assert [a.title for a in model.articles] == ["高新区二十个重点项目集中开工", "高新技术企业突破五百家", "创新创业大赛落幕"]
    assert model.articles[0].authors == ["王强"]
    assert all(len(a.paragraphs) == 1 for a in model.articles)


def test_kicker_title_subtitle_and_byline_by_their_sizes(tmp_path):
    (model,) = build_pdf_pages(head_page(tmp_path))
    (article,) = model.articles
    assert (article.kicker, article.title, article.subtitle) == (
        "让创新成为发展的第一动力", "高新区科技创新综述", "写在高新区建区三十周年之际")
    assert article.authors == ["王强"]
    assert article.paragraphs[0] == PARA_2           # set larger than the body, still text
    assert PARA_1 in article.paragraphs


def test_a_scan_says_it_needs_ocr(tmp_path):
    with pytest.raises(InputError, match="OCR") as err:
        build_pdf_pages(scan(tmp_path))
    assert "scan" in str(err.value)


def test_one_source_page_per_printed_page(tmp_path):
    models = build_pdf_pages(pages(tmp_path, 3))
    assert [m.stem for m in models] == ["issue-p01", "issue-p02", "issue-p03"]
    assert [m.pdf_page for m in models] == [0, 1, 2]
    assert [m.articles[0].title for m in models] == ["第一篇文章的标题", "第二篇文章的标题", "第三篇文章的标题"]
    assert render_page(models[1])[0].path == "articles/issue-p02/01.md"


def test_a_broken_pdf_is_an_input_error_naming_the_file(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 nothing else")
    with pytest.raises(InputError, match="broken.pdf"):
        build_pdf_pages(bad)


def test_cli_converts_pdfs_beside_text_pages_and_goes_on_after_a_bad_one(tmp_path):
    src, out = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    two_columns(src, "paper.pdf")
    (src / "broken.pdf").write_bytes(b"not a pdf")
    (src / "page.txt").write_text("新时代的标题\n\n" + PARA_1 + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(CONVERT), "--src", str(src), "--out", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "broken.pdf" in run.stderr
    assert (out / "articles" / "paper" / "01.md").is_file() and (out / "sources" / "paper.md").is_file()
    assert (out / "sources" / "page.md").is_file()
    assert front((out / "articles" / "paper" / "01.md").read_text(encoding="utf-8"))["title"] == "新时代的历史方位"
