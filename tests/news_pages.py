"""News pages in the styles of other papers than the corpus's, laid out like
e-paper PDFs (reportlab, pinned), in every form a user brings, with the gold
reading the layout itself knows.

    .venv/bin/python tests/news_pages.py tests/fixtures/news     # regenerate the fixtures

For each page NAME it writes into the folder:

* ``NAME.pdf``: the page, characters in a CID font (STSong-Light), digits and
  Latin letters in a face of their own (Times or Helvetica) where the style
  says so, justified columns, rules, ruled boxes and photos (noise pictures);
* ``NAME.pdftotext.txt``: ``pdftotext -enc UTF-8 NAME.pdf`` (poppler-utils);
* ``NAME.ocr.txt``: real OCR of the page as the corpus's ``.ocr.txt`` forms are
  made (tesseract 5.3 ``-l chi_sim --psm 3`` on a 200-dpi grey picture from
  ``pdftoppm``), recognition errors and columns read across included; written
  only where ``tesseract`` (Debian's tesseract-ocr, tesseract-ocr-chi-sim) is
  installed, otherwise the committed file is kept (OCR output is what one
  engine version read once, not something the tests remake);
* ``NAME.blocks.txt``: one line per text block in the PDF's storage order,
  a blank line between blocks, as PyMuPDF's ``get_text("blocks")`` gives them
  (a title line, a paragraph's part in one column, a caption; lines of a block
  joined; a digit run set in another face followed by a space, as PyMuPDF
  puts one between spans). PyMuPDF itself is AGPL and not used: the generator
  knows its blocks, and draws them in the order it records them;
* ``gold/NAME.yaml``: the gold reading (the evaluator's format, see
  /work/shared/eval/evaluate.py): titles, kicker and subtitle, authors, first
  and last paragraph, the joins at every column break inside a paragraph,
  paragraph ends kept apart, captions, and the noise (furniture, ads).

The styles vary what the held-out pages vary: columns (4, 5, 1), type sizes,
title above or beside its text, kicker and subtitle, bylines (本报记者 X
通讯员 Y, 记者　X　实习生　Y with ideographic spaces, 本报讯（记者 X）, items
signed （X）, 作者：X), photos with caption and credit, briefs under a boxed or
a bold label, ads with phone numbers, header and footer with and without
rules, a story continued from another page (上接第1版), titles stored after
their text. The text is written for these tests (no corpus text).
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

HAN_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(HAN_FONT))
LATIN_RUN = re.compile(r"([0-9A-Za-z.%\-:]+)")
HAN = re.compile(r"[\u4e00-\u9fff]")
NOBREAK = "，。、；：”）%！？》"
A4 = (595.0, 842.0)


@dataclass
class Story:
    """What the gold says of one article; filled as it is laid out."""
    title: list[str]
    kicker: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    joins: list[tuple[str, str]] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    signed: bool = False          # items end with a signature （X） that is no paragraph text
    order: int = 0                # position on the page (top to bottom, left to right), for the gold's order

    def gold(self) -> dict:
        paras = [strip_signature(p) if self.signed else p for p in self.paragraphs]
        out: dict = {"title": list(self.title), "lines_above_title": [self.kicker] if self.kicker else []}
        if self.subtitle:
            out["subtitle"] = self.subtitle
        out["authors"] = list(self.authors)
        out["first"] = paras[0][:24]
        out["last"] = paras[-1][-16:]
        out["headings"] = []
        if self.joins:
            out["joins"] = [list(j) for j in self.joins]
        apart = [[a[-12:], b[:12]] for a, b in zip(paras, paras[1:])][:2]
        if apart:
            out["keep_apart"] = apart
        if self.captions:
            out["captions"] = list(self.captions)
        return out


def strip_signature(text: str) -> str:
    """An item's text without the signature after its last sentence.

    >>> strip_signature("■近日，项目封顶。（赵刚）"), strip_signature("项目封顶。")
    ('■近日，项目封顶。', '项目封顶。')
    """
    return re.sub(r"[（(][^（）()]{2,12}[）)]$", "", text)


class Sheet:
    """One printed page being laid out: draw calls are recorded with the
    block they belong to and played in the order the style stores them."""

    def __init__(self, latin: str | None, size: tuple[float, float] = A4) -> None:
        self.latin = latin            # the face of digits and Latin letters (None: the Chinese font's)
        self.width, self.height = size
        self.ops: list[tuple[int, Callable[[canvas.Canvas], None]]] = []
        self.blocks: list[tuple[int, str]] = []     # (storage rank, text)
        self.rank = 0

    # -- text --------------------------------------------------------------
    def parts(self, text: str) -> list[tuple[str, str]]:
        if self.latin is None:
            return [(text, HAN_FONT)]
        return [(p, self.latin if LATIN_RUN.fullmatch(p) else HAN_FONT) for p in LATIN_RUN.split(text) if p]

    def text_width(self, text: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(p, f, size) for p, f in self.parts(text))

    def draw(self, x: float, y: float, text: str, size: float, target: float | None = None) -> None:
        """One line at baseline y (from the bottom), justified to `target` width."""
        n = len(text)
        extra = 0.0 if target is None or n < 2 else (target - self.text_width(text, size)) / (n - 1)
        parts = self.parts(text)

        def op(c: canvas.Canvas, x: float = x) -> None:
            for p, f in parts:
                c.setFont(f, size)
                for ch in p:
                    c.drawString(x, y, ch)
                    x += pdfmetrics.stringWidth(ch, f, size) + extra
        self.ops.append((self.rank, op))

    def block(self, lines: list[str]) -> None:
        """Record a text block (as PyMuPDF would give it) at the current rank."""
        text = ""
        for ln in lines:     # a Latin word wrapped over two lines keeps its space; a number does not
            text += (" " if text[-1:].isascii() and text[-1:].isalpha() and ln[:1].isascii() and ln[:1].isalpha() else "") + ln
        if self.latin is not None:     # a span in another face: PyMuPDF puts a space after a digit run
            text = re.sub(r"(?<=[0-9%])(?=[\u4e00-\u9fff])", " ", text)
        self.blocks.append((self.rank, text))

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6) -> None:
        def op(c: canvas.Canvas) -> None:
            c.setLineWidth(width)
            c.line(x0, y0, x1, y1)
        self.ops.append((self.rank, op))

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.ops.append((self.rank, lambda c: c.rect(x, y, w, h)))

    def photo(self, x: float, y: float, w: float, h: float, seed: int) -> None:
        rng = random.Random(seed)
        img = Image.new("RGB", (200, 140), (rng.randrange(80, 160), 140, rng.randrange(120, 200)))
        for _ in range(500):
            img.putpixel((rng.randrange(200), rng.randrange(140)), (rng.randrange(256),) * 3)
        self.ops.append((self.rank, lambda c: c.drawImage(ImageReader(img), x, y, w, h)))

    def save(self, path: Path) -> None:
        c = canvas.Canvas(str(path), pagesize=(self.width, self.height), invariant=1)
        for _, op in sorted(self.ops, key=lambda o: o[0]):    # stable: one rank keeps its order
            op(c)
        c.save()

    def blocks_text(self) -> str:
        return "".join(text + "\n\n" for _, text in sorted(self.blocks, key=lambda b: b[0]))

    # -- composite pieces --------------------------------------------------
    def head_line(self, x: float, y: float, text: str, size: float) -> None:
        self.draw(x, y, text, size)
        self.block([text])

    def wrap(self, text: str, width: float, size: float, indent: float) -> list[str]:
        """Greedy line breaking as a typesetter does it: a number or Latin
        word is never broken, a closing mark never starts a line (it takes the
        character before it along), and no line runs past the column."""
        tokens: list[str] = []
        for piece in re.findall(r"[0-9A-Za-z.%\-:]+|.", text):
            if tokens and (piece in NOBREAK or tokens[-1] in "“（《"):
                tokens[-1] += piece
            else:
                tokens.append(piece)
        lines, cur = [], ""
        for tok in tokens:
            room = width - (indent if not lines else 0)
            if cur and self.text_width(cur + tok, size) > room:
                lines.append(cur)
                cur = tok
            else:
                cur += tok
        lines.append(cur)
        return lines


class Flow:
    """Paragraphs flowing through column frames (x, top baseline, lowest
    baseline, width), each column's piece of a paragraph one block; the
    breaks inside a paragraph are the gold's joins."""

    def __init__(self, sheet: Sheet, story: Story, frames: list[tuple[float, float, float, float]],
                 size: float = 9.5, lead: float = 13.5, indent: bool = True) -> None:
        self.sheet, self.story, self.frames = sheet, story, frames
        self.size, self.lead, self.indent = size, lead, indent
        self.i, self.y = 0, frames[0][1]

    def para(self, text: str) -> None:
        sheet, size = self.sheet, self.size
        self.story.paragraphs.append(text)
        indent = 2 * size if self.indent else 0
        lines = sheet.wrap(text, self.frames[self.i][3], size, indent)
        piece: list[str] = []
        for k, ln in enumerate(lines):
            if self.y < self.frames[self.i][2]:
                if self.i + 1 >= len(self.frames):
                    raise ValueError(f"text does not fit its frames: {ln}")
                if piece:
                    sheet.block(piece)
                    self.story.joins.append((piece[-1][-10:], ln[:10]))
                piece = []
                self.i += 1
                self.y = self.frames[self.i][1]
            x, _, _, w = self.frames[self.i]
            xi = x + (indent if k == 0 else 0)
            sheet.draw(xi, self.y, ln, size, None if k == len(lines) - 1 else w - (xi - x))
            piece.append(ln)
            self.y -= self.lead
        sheet.block(piece)


def caption(sheet: Sheet, story: Story, x: float, top: float, width: float, text: str, size: float = 8) -> float:
    """A caption under a photo (flush left, smaller type); returns the baseline under it."""
    y = top
    lines = sheet.wrap(text, width, size, 0)
    for k, ln in enumerate(lines):
        sheet.draw(x, y, ln, size, None if k == len(lines) - 1 else width)
        y -= size * 1.35
    sheet.block(lines)
    story.captions.append(text.replace(" ", ""))
    return y


@dataclass
class Page:
    name: str
    comment: str
    newspaper: str | None
    date: str | None
    page: int | None
    sheet: Sheet
    stories: list[Story]
    noise: list[str]

    def gold(self) -> dict:
        out: dict = {"sources": [f"{self.name}.blocks.txt", f"{self.name}.pdftotext.txt", f"{self.name}.pdf",
                                 f"{self.name}.ocr.txt"],
                     "articles_complete": True, "no_spaced_cjk": True}
        facts = {k: v for k, v in (("newspaper", self.newspaper), ("date", self.date), ("page", self.page)) if v}
        if facts:
            out["page"] = facts
        out["articles"] = [s.gold() for s in sorted(self.stories, key=lambda s: s.order)]
        out["noise"] = list(self.noise)
        return out


# ---------------------------------------------------------------------------
# Page 1: a county paper's news page. Four columns; a lead story over three
# with a kicker and a byline of two names with their roles; a photo over a
# headlined short story (title in two lines); a 简讯 column of signed items
# under a boxed label; a second story over two columns; an ad box; header
# with a rule; digits in Times.

def county_page() -> Page:
    s = Sheet("Times-Roman")
    W = s.width
    col, gut = 122, 11
    X = [36 + k * (col + gut) for k in range(4)]
    noise = ["2026年10月14日星期三", "第2版综合", "房屋出租", "临街商铺两间，面积120平方米，交通便利",
             "联系电话：0631-8812345"]
    s.draw(36, 812, "河阳日报", 8.5)
    s.draw(90, 812, "2026年10月14日 星期三", 8.5)
    s.draw(500, 812, "第2版 综合", 8.5)
    s.block(["河阳日报"]); s.block(["2026年10月14日 星期三"]); s.block(["第2版 综合"])
    s.line(36, 806, W - 36, 806, 1.2)

    lead = Story(["河阳高新区前三季度工业投资增长两成"], kicker="三季度经济运行观察",
                 authors=["孙海涛", "韩雪"], order=1)
    s.rank = 1
    s.head_line(X[0], 786, lead.kicker, 11)
    s.head_line(X[0], 760, lead.title[0], 20)
    s.head_line(X[0], 740, "本报记者 孙海涛 通讯员 韩雪", 9.5)
    flow = Flow(s, lead, [(X[0], 718, 452, col), (X[1], 718, 452, col), (X[2], 718, 452, col)])
    for t in [
        "今年前三季度，河阳高新区完成工业投资48.3亿元，同比增长21.6%，增速居全县各园区首位。其中，技术改造投资12.7亿元，占工业投资的比重提高到26%以上。",
        "投资的快速增长，得益于一批重点项目的集中开工。据高新区项目服务中心介绍，今年以来园区新开工亿元以上项目19个，竣工投产11个，年产8万吨高性能纤维项目等一批带动力强的项目相继落地，为全年目标的完成打下了坚实基础。",
        "为了让项目早落地、早投产，高新区推行“拿地即开工”审批模式，把规划、施工等许可的办理时间压缩到15个工作日以内，并安排专人对每个重点项目实行全程代办服务。",
        "“从签约到开工只用了不到四个月，比我们预想的快得多。”河阳新材股份有限公司副总经理林晓峰说，公司新建的两条生产线将于年底前投产，届时可新增就业岗位300个。",
        "高新区有关负责人介绍，四季度园区将继续抓好在建项目的进度，力争全年工业投资突破65亿元，规模以上工业总产值增长12%左右。",
    ]:
        flow.para(t)

    short = Story(["职业技能大赛吸引三百名选手", "职业技能大赛"], authors=["邓佳"], order=2)
    s.rank = 2
    s.photo(X[3], 650, col, 120, seed=7)
    s.rank = 3
    caption(s, short, X[3], 638, col, "选手在数控车工比赛中加工零件。本报记者 孙海涛 摄")
    s.rank = 4
    s.head_line(X[3], 592, "职业技能大赛", 14)
    s.head_line(X[3], 574, "吸引三百名选手", 14)
    flow = Flow(s, short, [(X[3], 554, 300, col)])
    for t in [
        "本报讯（记者 邓佳）10月12日，河阳高新区第三届职业技能大赛开幕。来自园区56家企业的312名选手参加数控车工、电工、焊工等8个项目的比赛。",
        "大赛各项目的前三名将获得“高新区技术能手”称号，成绩优秀的选手还可按规定直接晋升相应的职业技能等级。",
    ]:
        flow.para(t)

    s.rank = 5
    s.line(36, 440, X[2] + col, 440)
    briefs = Story(["简讯"], authors=["黄磊", "苏晴", "钱文"], signed=True, order=3)
    s.rect(X[0], 410, 50, 20)
    s.draw(X[0] + 11, 415, "简讯", 14)
    s.block(["简讯"])
    flow = Flow(s, briefs, [(X[0], 392, 60, col)], indent=False)
    for t in [
        "■日前，河阳高新区企业服务中心启用“企业服务码”，企业扫码即可在线提交诉求，目前已受理诉求86件。（黄磊）",
        "■10月10日，高新区组织32家企业赴省城参加秋季人才招聘会，现场达成就业意向210人。（苏晴）",
        "■今年以来，高新区新建改建园区道路6.5公里，园区主干道路网基本形成。（钱文）",
    ]:
        flow.para(t)

    second = Story(["老旧小区改造惠及八千户居民"], authors=["程亮"], order=4)
    s.rank = 6
    s.head_line(X[1], 418, second.title[0], 16)
    flow = Flow(s, second, [(X[1], 396, 250, col), (X[2], 396, 250, col)])
    for t in [
        "本报讯（通讯员 程亮）随着最后一栋楼的外墙保温工程完工，河阳高新区今年实施的12个老旧小区改造项目全部进入收尾阶段，惠及居民8200余户。",
        "今年的改造以群众意愿为导向，改造前逐户征求意见，最终确定了管网更新、加装电梯、增设停车位等5大类改造内容。小区居民王大爷说：“现在楼道亮了，路也平了，住着舒心多了。”",
    ]:
        flow.para(t)

    s.rank = 7
    s.rect(X[3], 60, col, 110)
    ad = Story(["(ad)"])
    flow = Flow(s, ad, [(X[3] + 6, 155, 66, col - 12)], size=9, lead=12.5, indent=False)
    for t in ["房屋出租", "临街商铺两间，面积120平方米，交通便利，价格面议。", "联系电话：0631-8812345"]:
        flow.para(t)
    return Page("county-briefs", "A county paper's news page (河阳日报, page 2 综合): four columns, a lead "
                "story with kicker and a byline of two names with their roles, a photo with caption and "
                "credit over a short story with a two-line title, a 简讯 column of three ■ items signed "
                "（X） under a boxed label, a second story over two columns, an ad box; digits in Times.",
                "河阳日报", "2026-10-14", 2, s, [lead, short, briefs, second], noise)


# ---------------------------------------------------------------------------
# Page 2: a city evening paper's business page. Five columns; no rule under
# the header, a rule over the footer (editors); a lead story over three
# columns with a subtitle and a byline with ideographic spaces; a story whose
# title stands over one column while its text starts beside it at the top of
# the next; a 信息快递 column under a bold label with a rule under it, items
# opening with 本报讯 and signed （记者 X）; a story continued from page 1
# under its repeated title; digits in Helvetica; every title stored after its
# article's text (as the corpus PDFs do).

def city_page() -> Page:
    s = Sheet("Helvetica")
    W = s.width
    col, gut = 95, 12
    X = [36 + k * (col + gut) for k in range(5)]
    noise = ["2026年9月22日星期二", "第5版经济", "责任编辑：周敏", "版式：吴迪", "招商热线：0535-6628800"]
    s.draw(36, 812, "滨海晚报", 9)
    s.draw(250, 812, "第5版 经济", 9)
    s.draw(460, 812, "2026年9月22日 星期二", 9)
    s.block(["滨海晚报"]); s.block(["第5版 经济"]); s.block(["2026年9月22日 星期二"])

    lead = Story(["滨海高新区新材料产业集群加速成形"], subtitle="——前8个月产值突破300亿元",
                 authors=["马骏", "高远"], order=1)
    s.rank = 2
    flow = Flow(s, lead, [(X[0], 718, 430, col), (X[1], 718, 430, col), (X[2], 718, 430, col)], size=9, lead=13)
    for t in [
        "记者从滨海高新区获悉，今年前8个月，园区新材料产业实现产值306亿元，同比增长17.4%，占园区规模以上工业产值的比重达到41%。",
        "走进位于园区东部的新材料产业园，一座座标准化厂房整齐排列。园区规划建设了中试基地和检验检测平台，企业不用自建实验室，就能完成从研发到小批量试产的全过程。",
        "“在这里做中试，一年能省下几百万元的设备投入。”滨海碳纤维科技有限公司研发部负责人赵宁说。目前，已有23家企业在中试基地开展了研发项目。",
        "在人才引进上，高新区与6所高校共建产业学院，每年定向培养技术人才1000余名。园区还出台了新材料人才专项政策，对引进的高层次人才给予最高200万元的安家补贴。",
        "高新区有关负责人表示，园区将围绕高端膜材料、先进复合材料等方向，继续引进一批龙头企业和配套企业，力争到2028年新材料产业产值突破600亿元。",
    ]:
        flow.para(t)
    s.rank = 3
    s.head_line(X[0], 780, lead.title[0], 18)
    s.head_line(X[0], 756, lead.subtitle, 12)
    s.head_line(X[0], 736, "记者　马骏　实习生　高远", 9)

    beside = Story(["港口物流园开通中欧班列"], authors=["林涛"], order=2)
    s.rank = 4
    flow = Flow(s, beside, [(X[3], 722, 560, col), (X[4], 786, 560, col)], size=9, lead=13)
    for t in [
        "本报讯（记者 林涛）9月20日上午，一列满载汽车配件、机械设备的中欧班列从滨海港口物流园驶出，将经阿拉山口出境，15天后抵达德国杜伊斯堡。这是物流园开通的首条中欧班列线路。",
        "据介绍，班列开通后，园区企业的货物出口运输时间比海运缩短20天左右。物流园计划年内开行班列30列，明年实现每周固定开行两列。",
    ]:
        flow.para(t)
    s.rank = 5
    s.head_line(X[3], 770, "港口物流园", 16)
    s.head_line(X[3], 750, "开通中欧班列", 16)

    s.rank = 6
    s.line(36, 418, X[2] + col, 418)
    info = Story(["信息快递"], authors=["韩梅", "宋扬", "许诺"], signed=True, order=3)
    s.head_line(X[0], 398, "信息快递", 13)
    s.line(X[0], 393, X[0] + 56, 393, 1.5)
    flow = Flow(s, info, [(X[0], 378, 70, col)], size=9, lead=13, indent=False)
    for t in [
        "●本报讯 日前，滨海高新区获评全省知识产权强县建设示范区，是今年全省唯一获此称号的开发区。（记者 韩梅）",
        "●本报讯 9月18日，高新区举办银企对接会，8家银行与45家科技企业签订授信协议，授信总额9.6亿元。（记者 宋扬）",
        "●本报讯 高新区第二批人才公寓近日开始分配，共提供房源360套，符合条件的人才可在线申请。（记者 许诺）",
    ]:
        flow.para(t)

    jump = Story(["秋收时节稻花香"], order=4)
    s.rank = 7
    flow = Flow(s, jump, [(X[1], 378, 170, col), (X[2], 378, 170, col)], size=9, lead=13)
    for t in [
        "在滨海高新区西部的现代农业示范园，2000亩水稻已进入收割期。一台台收割机在稻田里来回穿梭，割稻、脱粒、秸秆粉碎一气呵成。",
        "示范园负责人告诉记者，今年园区推广了稻田智能灌溉系统，每亩节水三成以上，水稻亩产预计可达650公斤，比去年增加约40公斤。收割下来的稻谷将直接运往园区的加工厂，加工成大米后销往周边城市。",
    ]:
        flow.para(t)
    s.rank = 8
    s.head_line(X[1], 398, jump.title[0], 14)
    s.draw(X[1] + 70, 398, "（上接第1版）", 8)
    s.block(["（上接第1版）"])

    s.rank = 9
    s.rect(X[3], 430, 2 * col + gut, 110)
    ad = Story(["(ad)"])
    flow = Flow(s, ad, [(X[3] + 8, 520, 440, 2 * col + gut - 16)], size=10, lead=15, indent=False)
    for t in ["滨海高新区 诚邀四方客商", "投资热线 全程代办", "招商热线：0535-6628800"]:
        flow.para(t)

    s.rank = 10
    s.line(36, 52, W - 36, 52)
    s.draw(36, 40, "责任编辑：周敏", 8)
    s.draw(200, 40, "版式：吴迪", 8)
    s.block(["责任编辑：周敏"]); s.block(["版式：吴迪"])
    return Page("city-business", "A city evening paper's business page (滨海晚报, page 5 经济): five "
                "columns, no header rule, a footer rule over the editors; a lead story over three columns "
                "with a subtitle and a byline in ideographic spaces; a story whose text starts beside its "
                "title at the top of the next column; a 信息快递 column under a bold underlined label, items "
                "opening 本报讯 and signed （记者 X）; a story continued from page 1; an ad box; digits in "
                "Helvetica; titles stored after their text.",
                "滨海晚报", "2026-09-22", 5, s, [lead, beside, info, jump], noise)


# ---------------------------------------------------------------------------
# Page 3: a web compilation printed to PDF: one column, each article a title,
# a source line and its paragraphs; a page footer with no rule.

def compilation_page() -> Page:
    s = Sheet(None)
    width = s.width - 2 * 60
    stories = []
    y = 780.0
    noise = ["第1页共1页"]
    items = [
        ("科创飞地让研发和生产两地协同", "来源：江城日报 作者：方圆", ["方圆"], [
            "在省会城市设立“科创飞地”，把研发团队放在人才集中的地方，把生产基地留在园区，这种“研发在外、生产在园”的模式，正在被越来越多的高新区采用。",
            "江城高新区去年在省会设立的科创飞地，已入驻研发机构14家，引进研发人员260余人。入驻企业的研发成果，由园区内的生产基地负责转化，目前已有9项成果实现量产。",
            "业内人士认为，科创飞地打破了地域对人才的限制，但也要在利益分享、统计核算等方面建立长效机制，让飞出地和飞入地都能从中受益。",
        ]),
        ("数字化车间里的“新农具”", "来源：南岭新闻网 记者 侯杰", ["侯杰"], [
            "在南岭高新区一家农机企业的数字化车间里，机械臂正在焊接收割机的底盘，整条生产线只需要6名工人值守。",
            "企业负责人介绍，车间改造完成后，产品的生产周期由原来的12天缩短到7天，不良品率下降了一半。今年上半年，企业的智能农机销量同比增长35%，产品销往20多个省份。",
        ]),
    ]
    for n, (title, source, authors, paras) in enumerate(items, start=1):
        story = Story([title], authors=authors, order=n)
        s.rank = n
        s.head_line(60, y, title, 16)
        y -= 22
        s.head_line(60, y, source, 9)
        y -= 22
        flow = Flow(s, story, [(60, y, 60, width)], size=10.5, lead=16)
        for t in paras:
            flow.para(t)
        y = flow.y - 24
        stories.append(story)
    s.rank = 9
    s.draw(270, 30, "第 1 页 共 1 页", 9)
    s.block(["第 1 页 共 1 页"])
    return Page("web-compilation", "A web compilation printed to PDF: one column, two articles, each a "
                "title, a source line (来源：… 作者/记者 X) and its paragraphs; a page footer with no rule.",
                None, None, None, s, stories, noise)


PAGES: list[Callable[[], Page]] = [county_page, city_page, compilation_page]


def write(out: Path, with_ocr: bool = False) -> list[Path]:
    """Every page in every form, and its gold, into `out` (gold in out/gold);
    the OCR form only `with_ocr` (a minute or more of tesseract a page)."""
    (out / "gold").mkdir(parents=True, exist_ok=True)
    written = []
    for make in PAGES:
        page = make()
        pdf = out / f"{page.name}.pdf"
        page.sheet.save(pdf)
        subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(out / f"{page.name}.pdftotext.txt")], check=True)
        (out / f"{page.name}.blocks.txt").write_text(page.sheet.blocks_text(), encoding="utf-8")
        if with_ocr:
            ocr(pdf, out / f"{page.name}.ocr.txt")
        gold = out / "gold" / f"{page.name}.yaml"
        header = "".join(f"# {line}\n" for line in wrap_comment(f"Gold reading of {page.name}, written by "
                                                               f"tests/news_pages.py from its layout. {page.comment}"))
        gold.write_text(header + yaml.safe_dump(page.gold(), allow_unicode=True, sort_keys=False, width=200),
                        encoding="utf-8")
        written += [pdf, gold]
    return written


def ocr(pdf: Path, dest: Path) -> None:
    """The page read by tesseract as the corpus's OCR forms were: a 200-dpi
    grey picture, ``chi_sim``, automatic page segmentation (``--psm 3``)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(pdf), f"{tmp}/page"], check=True)
        subprocess.run(["tesseract", f"{tmp}/page.png", f"{tmp}/page", "-l", "chi_sim", "--psm", "3"],
                       check=True, capture_output=True)
        dest.write_text(Path(f"{tmp}/page.txt").read_text(encoding="utf-8"), encoding="utf-8")


def wrap_comment(text: str, width: int = 100) -> list[str]:
    lines, cur = [], ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return lines + [cur]


if __name__ == "__main__":
    have_ocr = bool(shutil.which("tesseract") and shutil.which("pdftoppm"))
    if not have_ocr:
        print("tesseract or pdftoppm not installed: the committed .ocr.txt forms are kept", file=sys.stderr)
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "fixtures" / "news"), have_ocr):
        print(path)
