"""PDF inputs on small PDFs the tests make (tests/pdf_pages.py): one source
page per PDF page (NAME-p03), scans refused with a message that says OCR,
page pictures within the size budget and cached, regions in front matter."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsarchive import schema
from newsarchive.model import Article, Box, Line, SourcePage
from newsarchive.pdfpages import split_pdf
from newsarchive.picture import MIN_WIDTH, QUALITIES, encode, fit_budget, make_picture, picture_key
from newsarchive.region import place_articles
from newsarchive.settings import Settings
from pdf_pages import make_pdf, make_scan, noise

ROOT = Path(__file__).resolve().parents[2]
CONVERT = ROOT / "scripts" / "convert.py"
SEED = ROOT / "seeds" / "001_567314c39f3d4d23.txt"


def run(*args, check: int | None = 0) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, str(CONVERT), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    if check is not None:
        assert proc.returncode == check, f"exit {proc.returncode}, expected {check}\n{proc.stderr}"
    return proc


def metas(docs: Path, folder: str) -> dict[str, dict]:
    return {p.relative_to(docs).as_posix(): schema.read_page(p).meta for p in sorted((docs / folder).rglob("*.md"))}


# ── one source page per PDF page ──

@pytest.fixture(scope="module")
def issue(tmp_path_factory):
    """A three-page issue, a one-page PDF, a scan and a text page, converted in one run."""
    base = tmp_path_factory.mktemp("issue")
    src = base / "src"
    src.mkdir()
    make_pdf(src / "晚报 2020-01-01.pdf", ["第一版要闻高新区", "第二版经济新闻", "第三版民生新闻"])
    make_pdf(src / "single.pdf", ["单页报纸的标题"])
    make_scan(src / "scan.pdf")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    (src / SEED.name).write_bytes(SEED.read_bytes())
    out = base / "docs"
    return src, out, run("--src", src, "--out", out, "--jobs", "2", check=None)


def test_split_pdf_names_each_page(tmp_path):
    pages = split_pdf(make_pdf(tmp_path / "issue.pdf", ["一", "二", "三"]))
    assert [(p.index, p.number, p.suffix) for p in pages] == [(0, 1, "-p01"), (1, 2, "-p02"), (2, 3, "-p03")]
    assert len({p.digest for p in pages}) == 1
    assert [p.suffix for p in split_pdf(make_pdf(tmp_path / "one.pdf", ["一"]))] == [""]


def test_multi_page_pdf_is_one_source_page_per_page(issue):
    _, out, proc = issue
    sources = metas(out, "sources")
    stems = sorted(Path(rel).stem for rel, m in sources.items() if m["source"] == "晚报 2020-01-01.pdf")
    assert len(stems) == 3 and [s[-4:] for s in stems] == ["-p01", "-p02", "-p03"], stems
    by_page = {m["pdf_page"]: rel for rel, m in sources.items() if m["source"] == "晚报 2020-01-01.pdf"}
    assert sorted(by_page) == [1, 2, 3]
    for number, rel in by_page.items():
        text = (out / rel).read_text(encoding="utf-8")
        assert f"PDF 第 {number} 页，共 3 页" in text


def test_articles_of_each_pdf_page_name_the_file_and_the_page(issue):
    _, out, _ = issue
    articles = metas(out, "articles")
    pages = {m["pdf_page"] for m in articles.values() if m["source"] == "晚报 2020-01-01.pdf"}
    assert pages == {1, 2, 3}
    for rel, m in articles.items():
        if m["source"] == "晚报 2020-01-01.pdf":
            assert Path(rel).parent.name.endswith(f"-p{m['pdf_page']:02d}")
            assert m["slug"].startswith(Path(rel).parent.name)


def test_one_page_pdf_keeps_its_stem(issue):
    _, out, _ = issue
    assert (out / "sources" / "single.md").is_file()
    assert schema.read_page(out / "sources" / "single.md").meta["pdf_page"] == 1


def test_progress_counts_pages_not_files(issue):
    _, _, proc = issue
    assert "5 files, 6 pages (2 failed)" in proc.stderr, proc.stderr    # 3 + 1 + the scan + the text; broken.pdf has none


# ── scans and broken files ──

def test_scan_is_named_and_needs_ocr(issue):
    _, out, proc = issue
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if "scan.pdf" in line]
    assert lines and lines[0].startswith("error:") and "OCR" in lines[0] and "no text layer" in lines[0], proc.stderr
    assert not (out / "sources" / "scan.md").exists()


def test_broken_pdf_is_named(issue):
    _, _, proc = issue
    lines = [line for line in proc.stderr.splitlines() if "broken.pdf" in line]
    assert lines and lines[0].startswith("error:") and "PDF" in lines[0], proc.stderr


def test_other_files_still_convert(issue):
    _, out, _ = issue
    assert (out / "sources" / f"{SEED.stem}.md").is_file()
    assert (out / "sources" / "single.md").is_file()


def test_scan_page_inside_an_issue_is_named_by_page(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    make_scan(src / "scans.pdf", pages=2)
    proc = run("--src", src, "--out", tmp_path / "docs", check=2)
    assert "page 1 of 2" in proc.stderr and "page 2 of 2" in proc.stderr and "OCR" in proc.stderr


# ── page pictures ──

def test_picture_on_the_source_page_within_budget(issue):
    _, out, _ = issue
    for rel, meta in metas(out, "sources").items():
        if meta["source"].endswith(".pdf"):
            picture = out / meta["picture"]
            assert picture.is_file(), rel
            assert picture.stat().st_size <= 150 * 1024
            assert picture.read_bytes()[8:12] == b"WEBP"
        else:
            assert "picture" not in meta


def test_photo_page_is_shrunk_to_the_budget(tmp_path):
    pdf = split_pdf(make_pdf(tmp_path / "photo.pdf", ["图片很多的一版"], photo=True))[0]
    settings = Settings(picture_kb=40)
    picture = make_picture(pdf, "photo", tmp_path / "docs", settings)
    assert 0 < picture.size <= 40 * 1024
    assert picture.width < settings.picture_width          # it had to get smaller to fit
    assert (tmp_path / "docs" / picture.rel).stat().st_size == picture.size


def test_fit_budget_lowers_quality_when_size_is_not_enough():
    image = noise(300, 400)
    smallest = image.resize((MIN_WIDTH, 320))
    budget = len(encode(smallest, "jpeg", QUALITIES[0])) - 2048      # the smallest picture at full quality is over
    data, fitted = fit_budget(image, budget, "jpeg")
    assert fitted.width == MIN_WIDTH and len(data) <= budget and data[:2] == b"\xff\xd8"


def test_picture_is_cached_by_the_pdf_page(tmp_path):
    pdf = split_pdf(make_pdf(tmp_path / "a.pdf", ["缓存的标题", "第二页"]))
    docs = tmp_path / "docs"
    first = make_picture(pdf[0], "a-p01", docs, Settings())
    mtime = (docs / first.rel).stat().st_mtime_ns
    again = make_picture(pdf[0], "a-p01", docs, Settings())
    assert not first.cached and again.cached and again.rel == first.rel
    assert (docs / first.rel).stat().st_mtime_ns == mtime
    assert picture_key(pdf[1], Settings()) != picture_key(pdf[0], Settings())
    assert picture_key(pdf[0], Settings(picture_kb=80)) != picture_key(pdf[0], Settings())
    make_pdf(tmp_path / "a.pdf", ["改过的标题", "第二页"])
    changed = split_pdf(tmp_path / "a.pdf")[0]
    assert make_picture(changed, "a-p01", docs, Settings()).rel != first.rel


def test_second_run_renders_nothing_and_removes_stale_pictures(tmp_path):
    src, docs = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    make_pdf(src / "b.pdf", ["第一页标题", "第二页标题"])
    first = run("--src", src, "--out", docs)
    assert "2 rendered, 0 cached" in first.stderr
    assert "0 rendered, 2 cached" in run("--src", src, "--out", docs).stderr
    make_pdf(src / "b.pdf", ["新的第一页", "第二页标题"])
    make_scan(src / "scan.pdf")                                   # a failure elsewhere does not keep them
    run("--src", src, "--out", docs, check=2)
    assert len(list((docs / "pictures").iterdir())) == 2          # the old pictures are gone


def test_pictures_off(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    make_pdf(src / "c.pdf", ["不要图片的档案"])
    run("--src", src, "--out", tmp_path / "off", "--no-pictures")
    assert not (tmp_path / "off" / "pictures").exists()
    assert "picture" not in schema.read_page(tmp_path / "off" / "sources" / "c.md").meta
    settings = tmp_path / "archive.yml"
    settings.write_text("page_pictures: false\n", encoding="utf-8")
    run("--src", src, "--out", tmp_path / "off2", "--settings", settings)
    assert not (tmp_path / "off2" / "pictures").exists()


def test_bad_settings_file_is_named(tmp_path):
    settings = tmp_path / "archive.yml"
    settings.write_text("picture_kb: lots\n", encoding="utf-8")
    proc = run("--src", ROOT / "seeds", "--out", tmp_path / "docs", "--settings", settings, check=2)
    assert str(settings) in proc.stderr and "picture_kb" in proc.stderr


# ── regions ──

def _line(no: int, box: Box | None, sheet: int = 0) -> Line:
    return Line(no, "字", "字", box=box, sheet=sheet)


def test_regions_from_the_articles_lines():
    page = SourcePage("p.pdf", "", size=(1000.0, 2000.0))
    page.articles = [Article(title="甲", first=1, last=3), Article(title="乙", first=4, last=5)]
    kept = [_line(1, Box(100, 200, 500, 240)), _line(2, Box(100, 250, 480, 400)), _line(3, Box(520, 250, 900, 300)),
            _line(4, Box(100, 1000, 900, 1100)), _line(5, Box(100, 1100, 900, 1500), sheet=1)]
    place_articles(page, kept)
    assert page.articles[0].region == [0.1, 0.1, 0.9, 0.2]
    assert page.articles[1].region == [0.1, 0.5, 0.9, 0.55]     # a line on another sheet is not its


def test_no_region_without_geometry():
    page = SourcePage("p.txt", "")
    page.articles = [Article(title="甲", first=1, last=2)]
    place_articles(page, [_line(1, None), _line(2, None)])
    assert page.articles[0].region is None


def test_region_front_matter_passes_the_schema():
    meta = {"title": "标题", "source": "a.pdf", "pdf_page": 3, "region": [0.1, 0.2, 0.6, 0.9]}
    assert schema.validate(meta, schema.ARTICLE_FIELDS, schema.ARTICLE_REQUIRED) == []
    bad = dict(meta, region=[0.6, 0.2, 0.1, 0.9], pdf_page=0)
    assert len(schema.validate(bad, schema.ARTICLE_FIELDS, schema.ARTICLE_REQUIRED)) == 2
    source = {"type": "source", "source": "a.pdf", "picture": "../../etc/passwd"}
    assert schema.validate(source, schema.SOURCE_FIELDS, schema.SOURCE_REQUIRED)


# ── a whole issue: one progress step per printed page ──

class _Terminal:
    def __init__(self):
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, s: str) -> None:
        self.text += s

    def flush(self) -> None:
        pass


def test_a_24_page_issue_is_24_jobs_with_a_progress_step_each(tmp_path):
    from newsarchive import convert

    pdf = make_pdf(tmp_path / "issue.pdf", [f"第{n}版的标题" for n in range(1, 25)])
    jobs, errors = convert.expand([pdf])
    assert not errors and len(jobs) == 24
    assert [job.suffix for job in jobs][::11] == ["-p01", "-p12", "-p23"]
    terminal = _Terminal()
    progress = convert.Progress(len(jobs), stream=terminal)
    for job in jobs:
        progress.step(job.label)
    progress.close()
    steps = terminal.text.split("\r")[1:]
    assert len(steps) == 24
    assert "24/24 issue.pdf page 24/24" in steps[-1] and "3/24 issue.pdf page 3/24" in steps[2]


def test_regions_from_a_real_pdf_in_front_matter(tmp_path):
    """Two articles side by side: each region holds its own half of the page, and the converter writes it."""
    from pdf_pages import two_articles

    src, docs = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    two_articles(src / "two.pdf")
    run("--src", src, "--out", docs, "--no-pictures")
    regions = {m["title"]: m["region"] for m in metas(docs, "articles").values()}
    left, right = regions["左边文章的大标题"], regions["右边文章的大标题"]
    assert left[2] <= 0.5 <= right[0]                          # each in its own half
    assert abs(left[0] - 40 / 595) < 0.01 and abs(right[0] - 315 / 595) < 0.01
    assert abs(left[1] - (842 - 790) / 842) < 0.02             # the title's top (20 pt at y 770)
    assert left[3] < 0.6 and right[3] < 0.6


def test_encrypted_pdf_is_named(tmp_path):
    from reportlab.pdfgen import canvas

    src = tmp_path / "src"
    src.mkdir()
    c = canvas.Canvas(str(src / "locked.pdf"), encrypt="secret")
    c.drawString(100, 700, "locked")
    c.save()
    proc = run("--src", src, "--out", tmp_path / "docs", check=2)
    assert "locked.pdf" in proc.stderr and "encrypted" in proc.stderr


def test_jpeg_pictures_from_the_settings_file(tmp_path):
    src, docs = tmp_path / "src", tmp_path / "docs"
    src.mkdir()
    make_pdf(src / "j.pdf", ["照片很多的一版"], photo=True)
    settings = tmp_path / "archive.yml"
    settings.write_text("picture_format: jpeg\npicture_kb: 60\n", encoding="utf-8")
    run("--src", src, "--out", docs, "--settings", settings)
    meta = schema.read_page(docs / "sources" / "j.md").meta
    picture = docs / meta["picture"]
    assert meta["picture"].endswith(".jpg") and picture.read_bytes()[:2] == b"\xff\xd8"
    assert picture.stat().st_size <= 60 * 1024
