"""Small printed pages made with reportlab for the PDF reader and layout tests.

Each builder writes a PDF into a folder the test gives and returns its path;
the pages are set like a newspaper's: body type 10 pt in columns with a
two-character indent, a title spanning the columns, a byline, a subhead, an
image with a caption under it, a ruled box with a vertical title, a
letter-spaced justified line and digits in another font.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

SONG = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(SONG))
W, H = 600, 800
BODY = 10
LEAD = 13            # line pitch of body type

# Two paragraphs for the left column and one for the right; the second
# paragraph runs from the foot of the left column to the top of the right.
PARA_1 = "新时代是承前启后继往开来的时代，是决胜全面建成小康社会的时代，是全国各族人民团结奋斗的时代。"
PARA_2 = ("进入新时代，我国发展的历史方位变了，社会主要矛盾变了，但社会主义初级阶段的基本国情没有变，"
          "我国是世界最大发展中国家的国际地位没有变，这是我们认识新时代的出发点和落脚点。")
PARA_3 = "实现伟大复兴是近代以来中华民族最伟大的梦想，新时代的使命光荣而艰巨。"
COLUMN_CHARS = 20    # characters per full line of a column (20 × 10 pt = 200 pt)


def wrap(text: str, first_indent: int = 2, width: int = COLUMN_CHARS) -> list[tuple[int, str]]:
    """(indent in characters, text) for each printed line of a paragraph."""
    out, rest, indent = [], text, first_indent
    while rest:
        take = width - indent
        out.append((indent, rest[:take]))
        rest, indent = rest[take:], 0
    return out


def _set_lines(c: canvas.Canvas, x: float, top: float, lines: list[tuple[int, str]], size: float = BODY) -> float:
    """Draw lines from `top` (distance from the page top); return the next top."""
    c.setFont(SONG, size)
    for indent, text in lines:
        c.drawString(x + indent * size, H - top - size, text)
        top += LEAD * size / BODY
    return top


def _image(path: Path) -> Path:
    picture = path.with_suffix(".png")
    Image.new("RGB", (40, 30), (120, 140, 160)).save(picture)
    return picture


def two_columns(folder: Path, name: str = "page.pdf") -> Path:
    """A page: running head over a rule, a large title across two columns, a
    byline, a subhead in the left column, a paragraph carried from the left
    column into the right one, an image with a small caption under it in the
    right column, a letter-spaced justified line and a year in Helvetica."""
    path = folder / name
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.setFont(SONG, 9)
    c.drawString(40, H - 30, "2018年1月2日 星期二")
    c.drawString(500, H - 30, "7 理论")
    c.setLineWidth(1)
    c.line(30, H - 40, W - 30, H - 40)
    c.setFont(SONG, 30)
    c.drawString(80, H - 100, "新时代的历史方位")
    c.setFont(SONG, BODY)
    c.drawString(250, H - 125, "陈曙光")      # a byline in body type

    left, right = 40, 340
    top = 150
    top = _set_lines(c, left, top, wrap(PARA_3))
    top += 6
    c.setFont(SONG, 14)
    c.drawString(left, H - top - 14, "新时代的鲜明主题")
    top += 24
    top = _set_lines(c, left, top, wrap(PARA_1))
    lines_2 = wrap(PARA_2)
    top = _set_lines(c, left, top, lines_2[:3])
    # a letter-spaced justified line: 12 characters spread over the column width
    c.saveState()
    text = c.beginText(left, H - top - BODY)
    text.setFont(SONG, BODY)
    text.setCharSpace((COLUMN_CHARS * BODY - 12 * BODY) / 11)
    text.textLine("社会主义初级阶段基本国情")
    c.drawText(text)
    c.restoreState()
    top += LEAD
    # the right column: the rest of paragraph 2, a paragraph with a year in
    # another font, then an image and its caption
    rtop = 150
    rtop = _set_lines(c, right, rtop, [(0, "没有变，这是我们认识新时代的出发点和落"), (0, "脚点。")])
    c.setFont(SONG, BODY)
    c.drawString(right + 2 * BODY, H - rtop - BODY, "到")
    c.setFont("Helvetica", BODY)
    c.drawString(right + 3 * BODY, H - rtop - BODY, "2035")
    c.setFont(SONG, BODY)
    year_end = right + 3 * BODY + pdfmetrics.stringWidth("2035", "Helvetica", BODY)
    c.drawString(year_end, H - rtop - BODY, "年基本实现现代化，新时代的")
    rtop += LEAD
    rtop = _set_lines(c, right, rtop, [(0, "使命光荣而艰巨。")])
    rtop += 10
    c.drawImage(str(_image(path)), right, H - rtop - 90, width=200, height=90)
    rtop += 94
    c.setFont(SONG, 8)
    c.drawString(right + 20, H - rtop - 8, "图为新时代的建设者。新华社记者 王强摄")
    c.showPage()
    c.save()
    return path


def vertical_box(folder: Path, name: str = "box.pdf") -> Path:
    """A ruled box with a vertical title (one character a line) and a
    vertical byline at its right, its text in a column beside them; above
    the box a lead article with its own title."""
    path = folder / name
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.setFont(SONG, 28)
    c.drawString(40, H - 80, "深刻理解新时代")
    _set_lines(c, 40, 110, wrap(PARA_1) + wrap(PARA_3))
    c.setLineWidth(1)
    c.rect(30, H - 760, 540, 460)           # the frame: y from 300 to 760 from the top
    title = "意气风发走进新时代"
    for n, char in enumerate(title):
        c.setFont(SONG, 30)
        c.drawString(510, H - 330 - n * 34 - 30, char)
    for n, char in enumerate("欧阳辉"):
        c.setFont(SONG, 11)
        c.drawString(485, H - 450 - n * 12 - 11, char)
    _set_lines(c, 50, 330, wrap(PARA_2, width=40) + wrap(PARA_3, width=40))
    c.showPage()
    c.save()
    return path


def scan(folder: Path, name: str = "scan.pdf") -> Path:
    """A page that is only a picture (no text layer)."""
    path = folder / name
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.drawImage(str(_image(path)), 0, 0, width=W, height=H)
    c.showPage()
    c.save()
    return path


def pages(folder: Path, count: int, name: str = "issue.pdf") -> Path:
    """A PDF of several printed pages, each an article of its own."""
    path = folder / name
    c = canvas.Canvas(str(path), pagesize=(W, H))
    for n in range(count):
        c.setFont(SONG, 28)
        c.drawString(40, H - 80, f"第{'一二三四五六七八九'[n]}篇文章的标题")
        _set_lines(c, 40, 110, wrap(PARA_1) + wrap(PARA_2))
        c.showPage()
    c.save()
    return path


NEWS_A = ("本报讯 近日，高新区举行重点项目集中开工仪式，二十个项目总投资一百二十亿元，涵盖新材料、"
          "生物医药和智能制造等领域，项目建成后预计年产值超过三百亿元，将为区域经济发展注入新动能。")
NEWS_B = "本报讯 记者从区科技局获悉，今年以来全区新增高新技术企业八十六家，总数达到五百一十二家。"
NEWS_C = "本报讯 高新区第二届创新创业大赛日前落幕，来自全国的一百五十个项目参赛，三十个项目获奖。"


def news(folder: Path, name: str = "news.pdf") -> Path:
    """A news page of another paper's kind: titles only 1.5 times the body,
    a lead story across two columns, then a rule and two stories side by
    side, each with its own one-column title and a byline in body type."""
    path = folder / name
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.setFont(SONG, 15)
    c.drawString(40, H - 70, "高新区二十个重点项目集中开工")
    c.setFont(SONG, BODY)
    c.drawString(40, H - 90, "本报记者 王强")
    lines = wrap(NEWS_A)
    half = (len(lines) + 1) // 2
    _set_lines(c, 40, 100, lines[:half])
    _set_lines(c, 320, 100, lines[half:])
    c.setLineWidth(1)
    c.line(30, H - 200, W - 30, H - 200)
    for x, title, text in ((40, "高新技术企业突破五百家", NEWS_B), (320, "创新创业大赛落幕", NEWS_C)):
        c.setFont(SONG, 15)
        c.drawString(x, H - 225, title)
        _set_lines(c, x, 240, wrap(text))
    c.line(30, 40, W - 30, 40)           # the foot rule, editor credits under it
    c.setFont(SONG, 9)
    c.drawString(40, 28, "责任编辑 李明 版式 王芳")
    c.showPage()
    c.save()
    return path


def head_page(folder: Path, name: str = "head.pdf") -> Path:
    """An article head of four parts: a kicker (引题) over the title, a
    subtitle (副题) under it set smaller and without a dash, a byline; then a
    lead paragraph set larger than the body, and body text."""
    path = folder / name
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.setFont(SONG, 16)
    c.drawString(60, H - 60, "让创新成为发展的第一动力")
    c.setFont(SONG, 28)
    c.drawString(40, H - 100, "高新区科技创新综述")
    c.setFont(SONG, 15)
    c.drawString(60, H - 128, "写在高新区建区三十周年之际")
    c.setFont(SONG, BODY)
    c.drawString(200, H - 150, "本报记者 王强")
    top = _set_lines(c, 40, 170, [(2, PARA_2[:18]), (0, PARA_2[18:38]), (0, PARA_2[38:58]), (0, PARA_2[58:78]),
                                   (0, PARA_2[78:])], size=12)
    _set_lines(c, 40, top + 6, wrap(PARA_1) + wrap(PARA_3))
    c.showPage()
    c.save()
    return path


def stretched(folder: Path, name: str = "stretched.pdf") -> Path:
    """Two columns whose lines run side by side; in the left one a line of
    eight characters justified across the whole column (gaps of 1.7
    characters, nearly a gutter's width)."""
    path = folder / name
    c = canvas.Canvas(str(path), pagesize=(W, H))
    c.setFont(SONG, 28)
    c.drawString(40, H - 80, "深刻理解新时代")
    top = _set_lines(c, 40, 110, wrap(PARA_1))
    c.saveState()
    text = c.beginText(40, H - top - BODY)
    text.setFont(SONG, BODY)
    text.setCharSpace((COLUMN_CHARS * BODY - 8 * BODY) / 7)
    text.textLine("实现伟大复兴梦想")
    c.drawText(text)
    c.restoreState()
    _set_lines(c, 40, top + LEAD, [(0, "是近代以来中华民族最伟大的梦想。")])
    _set_lines(c, 265, 110, wrap(PARA_3 + PARA_3))
    c.showPage()
    c.save()
    return path
