"""Splitting a page's units into articles.

A run of headlines starts a new article when a byline, a news lead
(本报讯…) or a subtitle follows it, when it holds a kicker and a title, when
the article before it has signed off, or when it is the first thing on the
page; otherwise each headline is a section heading of the current article.
In a title run the last headline is the title, the one above it the kicker
(引题), a ——line the subtitle (副题) — or, of three undashed lines, the
middle one the title and the last the subtitle; very short lines and label
blocks above them are the column label.
"""
from __future__ import annotations

import re

from .classify import bare_byline
from .layout import join_wrapped, set_width
from .model import Article, Kind, LogEntry, Unit
from .patterns import Patterns, load as load_patterns

from .text import HAN, ITEM_MARK, chinese_length, ends_sentence, pos_tagger, title_fit, word_across

HEAD_KINDS = (Kind.HEADLINE, Kind.SUBTITLE, Kind.LABEL)


def _cluster(units: list[Unit], i: int) -> int:
    """End (exclusive) of the run of headline-like units (and captions) at i."""
    j = i
    while j < len(units) and (units[j].kind in HEAD_KINDS or units[j].kind is Kind.CAPTION):
        j += 1
    while j > i and units[j - 1].kind is Kind.CAPTION:   # trailing captions are not part of the head
        j -= 1
    return j


SHORT_HEAD_LINE = 8   # characters: a line of a title set in two lines over a narrow column; a kicker is longer


def subject_and_predicate(first: str, second: str) -> bool:
    """Whether two short head lines are one title set in two lines over a
    narrow column: the first names a subject with no verb of its own, the
    second goes on with the verb (职业技能大赛 ⏎ 吸引三百名选手); a kicker is
    a phrase of its own, longer, or holds a verb (jieba's part-of-speech tags).

    >>> subject_and_predicate("港口物流园", "开通中欧班列"), subject_and_predicate("不是此消彼长", "而是相辅相成")
    (True, False)
    >>> subject_and_predicate("始终坚持以人民为中心", "全面从严治党永远在路上的新时代内涵")
    False
    """
    if not (chinese_length(first) <= SHORT_HEAD_LINE and chinese_length(second) <= SHORT_HEAD_LINE):
        return False
    if re.search("[，。；：！？、　 —]", first + second):
        return False
    tags = [w.flag for w in pos_tagger().cut(first)]
    head = next(iter(pos_tagger().cut(second)), None)
    return bool(tags) and all(t[0] in "nm" or t in ("f", "b") for t in tags) \
        and head is not None and head.flag == "v"


GLUED_HEAD = 25      # characters: a head line longer than a title's display line holds a kicker glued to it
GLUED_PART = 8       # characters: the least a kicker or a title of such a line holds
FUNCTION_TAGS = ("u", "p", "c", "d")   # jieba tags of particles, prepositions, conjunctions, adverbs: no phrase ends on one


def split_glued_kicker(head: str) -> list[str]:
    """A head line too long for one title, with no break of its own, is a
    kicker and a title read as one block (让中国特色社会主义展现出更加强大生命力
    深刻理解新时代划时代意义): split before the verb that opens the title
    (jieba's part-of-speech tags: the kicker ends on a word that can end a
    phrase), both parts of a display line's length, as evenly as the verbs allow.

    >>> split_glued_kicker("积极开展资产收益扶贫探索贫困人口持续稳定增收的路径")
    ['积极开展资产收益扶贫', '探索贫困人口持续稳定增收的路径']
    >>> split_glued_kicker("坚持和加强党的全面领导的必然要求加强党的政治建设不能有半点含糊")
    ['坚持和加强党的全面领导的必然要求', '加强党的政治建设不能有半点含糊']
    >>> split_glued_kicker("以供给侧结构性改革为主线建设现代化经济体系")
    ['以供给侧结构性改革为主线建设现代化经济体系']
    """
    total = chinese_length(head)
    if total < GLUED_HEAD or re.search("[，。；！？、 　—“”《》（）]", head):
        return [head]
    best, at, pos, previous = 0.0, 0, 0, ""
    for token in pos_tagger().cut(head):
        starts_title = token.flag == "v" or (token.flag == "l" and len(token.word) == 4)
        if starts_title and previous and not previous.startswith(FUNCTION_TAGS) \
                and min(pos, total - pos) >= GLUED_PART:
            balance = min(pos, total - pos) / max(pos, total - pos)
            if balance > best:
                best, at = balance, pos
        pos += len(token.word)
        previous = token.flag
    return [head[:at], head[at:]] if at else [head]


def merge_wrapped_titles(heads: list[str]) -> list[str]:
    """Join a title that wrapped onto a second line (a word crosses the
    break, or a subject goes on with its verb: see :func:`subject_and_predicate`).

    >>> merge_wrapped_titles(["关于推进高新区高质量发展的若", "干意见"])
    ['关于推进高新区高质量发展的若干意见']
    >>> merge_wrapped_titles(["稳扎稳打有干头", "高新之上，何以登新高？"])
    ['稳扎稳打有干头', '高新之上，何以登新高？']
    >>> merge_wrapped_titles(["职业技能大赛", "吸引三百名选手"])
    ['职业技能大赛吸引三百名选手']
    """
    out: list[str] = []
    for head in heads:
        if out and not ends_sentence(out[-1]) and chinese_length(head) <= 8 and (
                word_across(out[-1], head) or (len(out) == 1 and subject_and_predicate(out[-1], head))):
            out[-1] = join_wrapped(out[-1], head)
        else:
            out.append(head)
    return out


def set_head(article: Article, cluster: list[Unit], after: Unit | None = None,
             log: list[LogEntry] | None = None) -> None:
    """Fill title, kicker, subtitle and label from the units of a title run
    (``after``: the unit that follows it)."""
    label_max = load_patterns().label_max
    labels, heads, subtitles = [], [], []
    for unit in cluster:
        if unit.kind is Kind.LABEL:
            labels.append(unit.text)
        elif unit.kind is Kind.SUBTITLE:
            subtitles.append(unit.text)
        elif unit.kind is Kind.HEADLINE:
            if not heads and chinese_length(unit.text) <= label_max and unit is not cluster[-1]:
                labels.append(unit.text)      # a very short line above the title: a label
            else:
                heads.append(unit.text)
    # a byline set right under the last line (no blank line between) signs the title
    signed = after is not None and after.kind is Kind.BYLINE and after.gap == 0 and cluster[-1].kind is Kind.HEADLINE
    heads = merge_wrapped_titles(join_set_pieces(heads))
    if len(heads) == 1 and not any(u.hint is not None for u in cluster):
        heads = split_glued_kicker(heads[0])      # text pages: a PDF's layout gives each line of a head apart
        article.glued_head = len(heads) == 2
        if article.glued_head and log is not None:
            log.append(LogEntry("split_glued_kicker", f"L{cluster[0].first}",
                                f"{heads[0] + heads[1]!r} → kicker {heads[0]!r}, title {heads[1]!r}"))
    article.head_parts = (labels, heads, subtitles, signed)
    place_head(article, *article.head_parts)


def place_head(article: Article, labels: list[str], heads: list[str], subtitles: list[str],
               signed: bool = False) -> None:
    """Title, kicker, subtitle and label of an article from the display
    lines of its head: the last headline is the title, the one above it the
    kicker; of three undashed lines the middle one is the title, unless a
    byline is set right under the last (``signed``)."""
    labels, heads, subtitles = list(labels), list(heads), list(subtitles)
    if len(heads) >= 3 and not subtitles and not signed:
        # 引题 / 主题 / 副题 printed without the dash: the middle line is the title
        subtitles.append(heads.pop())
    article.kicker = ""
    if heads:
        article.title = heads[-1]
        if len(heads) >= 2:
            article.kicker = heads[-2]
        labels.extend(heads[:-2])
    elif subtitles:
        article.title = subtitles[0].lstrip("—－- ")    # the ——line stays as the subtitle too
    elif labels:
        article.title = labels.pop()
    article.subtitle = " ".join(subtitles)
    article.section = " ".join(labels)


PIECE_MAX = 6         # characters: 双手联弹 / 双量发力 …, set as pieces of one display line


def join_set_pieces(heads: list[str]) -> list[str]:
    """Very short head lines of one length in a row are the pieces of one
    display line (a kicker set as 不是此消彼长 ⏎ 而是相辅相成), joined by a
    full-width space; lines of other lengths are a wrapped title, not pieces.

    >>> join_set_pieces(["双手联弹", "双量发力", "双色并重", "双管齐下", "运用辩证思维推动高质量发展"])
    ['双手联弹\u3000双量发力\u3000双色并重\u3000双管齐下', '运用辩证思维推动高质量发展']
    >>> join_set_pieces(["接续奋斗迈向", "复兴未来"])
    ['接续奋斗迈向', '复兴未来']
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 2:
            out.append("\u3000".join(run))
        else:
            out.extend(run)
        run.clear()

    for head in heads:
        piece = chinese_length(head) <= PIECE_MAX and re.fullmatch(f"[{HAN}]+", head) is not None
        if piece and run and len(head) != len(run[0]):
            flush()
        if piece:
            run.append(head)
        else:
            flush()
            out.append(head)
    flush()
    return out


def layout_starts_article(cluster: list[Unit]) -> bool | None:
    """What the page's layout says about a title run: True when it holds an
    article's title (a PDF's largest type heading the columns under it), False
    when its units were laid out and none is a title (a subhead), None when
    there is no layout (text pages).

    >>> from .model import Evidence
    >>> head = Unit([], "深刻理解新时代划时代意义", hint=Kind.HEADLINE, evidence=[Evidence("pdf_title", "start_article", 1.0)])
    >>> layout_starts_article([head]), layout_starts_article([Unit([], "新时代的鲜明主题", hint=Kind.HEADLINE)])
    (True, False)
    """
    if not any(u.hint is not None for u in cluster):
        return None
    return any(e.kind == "start_article" and e.score > 0 for u in cluster for e in u.evidence)


def _starts_article(cluster: list[Unit], after: Unit | None, current: Article | None, signed_off: bool) -> bool:
    by_layout = layout_starts_article(cluster)
    if by_layout is not None:
        return by_layout or current is None
    if current is None or signed_off:
        return True
    gap = load_patterns().caption_gap
    if cluster[0].gap >= gap and current.blocks and current.blocks[-1][0] == "p" \
            and ends_sentence(current.blocks[-1][1]):
        return True          # a title after a wide gap, below a finished text
    if any(u.kind is Kind.SUBTITLE for u in cluster):
        return True
    if briefs_label(cluster, after) and after.signature:
        return True          # a label over a signed item (简讯 ⏎ ■…使用。（赵刚））: a briefs column opens
    if after is not None and (after.kind is Kind.BYLINE or after.lead):
        return True
    heads = [u for u in cluster if u.kind is Kind.HEADLINE]
    return len(heads) >= 2 and bool(current.blocks)


BRIEFS_LABEL_MAX = 4   # characters: a column label (简讯, 信息快递, 本地动态); a headline of five is an article title


def briefs_label(cluster: list[Unit], after: Unit | None) -> bool:
    """A column label over untitled items (简讯 ⏎ 本报讯 …（张三） ⏎ 本报讯 …):
    by form and place, not by its words — one or two very short lines, no
    subtitle or byline, and text with no headline of its own right under it.

    >>> briefs_label([Unit([], "简讯", kind=Kind.LABEL)], Unit([], "本报讯 近日，县里召开会议。", lead="本报讯"))
    True
    >>> briefs_label([Unit([], "深刻理解新时代划时代意义", kind=Kind.HEADLINE)], Unit([], "党的十九大报告指出……"))
    False
    """
    heads = [u for u in cluster if u.kind is not Kind.CAPTION]
    return (0 < len(heads) <= 2 and all(u.kind in (Kind.HEADLINE, Kind.LABEL) for u in heads)
            and all(chinese_length(u.text) <= BRIEFS_LABEL_MAX and not ends_sentence(u.text) for u in heads)
            and after is not None and after.kind is Kind.BODY)


def leaves_briefs(items: list[str], text: str) -> bool:
    """Whether text after a signed item is no item of a briefs column: every
    item so far opens with a bullet, and it does not (pdftotext set the column
    inside another story's text, which goes on here).

    >>> leaves_briefs(["■近日，公寓封顶。", "■11月1日，高新区举办活动。"], "“从签约到开工只用了不到四个月。”他说。")
    True
    >>> leaves_briefs(["■近日，公寓封顶。"], "■截至10月底，高新区已建成5G基站236个。"), leaves_briefs(["近日，公寓封顶。"], "今年以来，园区新建道路。")
    (False, False)
    """
    return bool(items) and all(ITEM_MARK.match(p) for p in items) and not ITEM_MARK.match(text)


def briefs_over_jumped_story(cluster: list[Unit], after: Unit | None) -> int | None:
    """Where a title run splits into a briefs column's label and the title of
    a story continued from another page (信息快递 ⏎ 秋收时节稻花香 ⏎ （上接第1版）
    ⏎ ●本报讯 …（记者 韩梅））: the run ends in a jumped-in title, the lines
    above it are a column label, and a bullet item follows — a continued
    story goes on in prose, so the items are the label's column and the
    story's text comes after them. None when the run is one head.

    >>> label, title = Unit([], "信息快递", kind=Kind.HEADLINE), Unit([], "秋收时节稻花香", kind=Kind.HEADLINE, jumped_in=True)
    >>> item = Unit([], "●本报讯日前，滨海高新区获评全省知识产权强县建设示范区。", signature="（记者 韩梅）")
    >>> briefs_over_jumped_story([label, title], item)
    1
    >>> briefs_over_jumped_story([label, title], Unit([], "在滨海高新区西部的现代农业示范园，2000亩水稻已进入收割期。"))
    """
    heads = [n for n, u in enumerate(cluster) if u.kind is not Kind.CAPTION]
    if len(heads) < 2 or not cluster[heads[-1]].jumped_in or after is None or not ITEM_MARK.match(after.text):
        return None
    k = heads[-1]
    return k if briefs_label(cluster[:k], after) else None


def caption_goes_below(caption: str, before: Article, after: Article) -> bool:
    """Whether a caption read between the end of one article and the head
    of the next is the next one's picture: its words are that text's subject
    more than the text above (title_fit), as a photo is set with its story.

    >>> above = Article(blocks=[("p", "今年前三季度，河阳高新区完成工业投资48.3亿元，技术改造投资增长。")])
    >>> below = Article(blocks=[("p", "河阳高新区第三届职业技能大赛开幕，312名选手参加数控车工、电工等比赛。")])
    >>> caption_goes_below("选手在数控车工比赛中加工零件。", above, below), caption_goes_below("工业投资项目开工。", above, below)
    (True, False)
    """
    return title_fit(caption, after.text()) > title_fit(caption, before.text())


def rehome_captions(articles: list[Article], log: list[LogEntry]) -> None:
    """A caption read with one article that is about another one's text
    (title_fit at least FITS there, BETTER_BY more than in its own) goes to
    that article: pdftotext set the picture's caption where its block fell
    (选手在数控车工比赛中加工零件。 after the text above, the story of the
    contest further down). Only a caption that says in a sentence what the
    picture shows; a cartoon's title or a credit alone stays.

    >>> a = Article(blocks=[("p", "今年前三季度，河阳高新区完成工业投资48.3亿元。")], captions=["选手在数控车工比赛中加工零件。"])
    >>> b = Article(blocks=[("p", "河阳高新区第三届职业技能大赛开幕，312名选手参加数控车工等8个项目的比赛。")])
    >>> rehome_captions([a, b], []); a.captions, b.captions
    ([], ['选手在数控车工比赛中加工零件。'])
    """
    for article in articles:
        for caption in list(article.captions):
            if "。" not in caption:
                continue         # a cartoon's title or a credit (消费升级 ⏎ 翟桂溪作): too few words to say what it shows
            stay = title_fit(caption, article.text())
            fits = [(title_fit(caption, other.text()), -n, other) for n, other in enumerate(articles) if other is not article]
            if not fits:
                continue
            fit, _, best = max(fits, key=lambda f: (f[0], f[1]))
            if fit >= FITS and fit - stay >= BETTER_BY:
                article.captions.remove(caption)
                best.captions.append(caption)
                log.append(LogEntry("caption_moved", f"L{best.first}",
                                    f"{caption[:20]!r} from the article at L{article.first}: about this text "
                                    f"(fits {fit:.2f}, {stay:.2f} there)"))


SIGNED_TEXT = 2       # paragraphs: a byline signs off an article's text; one block before it is a column
                      # fragment, which may as well run on past the byline of the text that follows


def signs_off(article: Article, first_byline: bool, units: list[Unit], i: int) -> bool:
    """A byline of names only (欧阳辉) after the text of an article read with
    no head yet signs it off when the article had no byline and text follows
    on (a box: pdftotext reads its text, then the byline set beside its
    title, the title itself much later): what follows is other text. A name
    under an article's own title, read after some of its text (OCR), and a
    second name in an article already signed (刘宏达 … 谢守成) end nothing.

    >>> a = Article(blocks=[("p", "党的十九大报告指出，我们党既要政治过硬，也要本领高强。"), ("p", "长风破浪会有时，直挂云帆济沧海。")],
    ...             untitled=True)
    >>> after = [Unit([], "欧阳辉", kind=Kind.BYLINE), Unit([], "中国特色社会主义新时代，是承前启后的时代。")]
    >>> signs_off(a, True, after, 0), signs_off(a, False, after, 0)
    (True, False)
    """
    nxt = next((u for u in units[i + 1:] if u.kind is not Kind.CAPTION), None)
    return first_byline and article.untitled and len(article.paragraphs) >= SIGNED_TEXT and nxt is not None and nxt.kind is Kind.BODY \
        and not nxt.lead


def _add_byline(article: Article, unit: Unit) -> None:
    article.byline.append(unit.text)
    article.authors.extend(unit.authors)
    article.marks.append((len(article.blocks), "byline", unit.text, list(unit.authors)))


def segment(units: list[Unit], log: list[LogEntry], orphans: list[Unit] | None = None) -> list[Article]:
    """Articles in page order from the (joined) content units of a page.
    Captions on a page with no article go to `orphans`."""
    articles: list[Article] = []
    current: Article | None = None
    signed_off = False
    pending_captions: list[str] = []
    caption_units = {id(u): u for u in units if u.kind is Kind.CAPTION}
    briefs: set[int] = set()      # articles that are a labelled column of untitled items
    interrupted: dict[int, Article] = {}   # a briefs column set inside a story's text (pdftotext): that story
    signed_by_item = False        # the last unit was an item signed at its end (…。（张三）)
    sourced_under_title: set[int] = set()   # articles whose source line stands under their title
    between: list[tuple[str, Article, int]] = []   # a caption read just before a head: (text, article, next one)
    widths: dict[str, float] = {}  # paragraph text → the column width it was set in (text pages)
    read_after: list[tuple[Article, Article]] = []   # (an article, the one whose text was read just before its head)
    i = 0

    def start(unit: Unit) -> Article:
        nonlocal current, signed_off
        current = Article(first=unit.first, sheet=unit.sheet)
        current.captions.extend(pending_captions)
        pending_captions.clear()
        articles.append(current)
        signed_off = False
        return current

    while i < len(units):
        unit = units[i]
        if unit.kind in HEAD_KINDS:
            j = _cluster(units, i)
            cluster = units[i:j]
            after = next((u for u in units[j:] if u.kind is not Kind.CAPTION), None)
            split = briefs_over_jumped_story(cluster, after) if layout_starts_article(cluster) is None else None
            if split is not None:
                story = start(cluster[split])
                set_head(story, cluster[split:], None, log)
                column = start(unit)
                set_head(column, cluster[:split], after, log)
                articles[-2:] = [column, story]       # in page order: the label is printed above the title
                briefs.add(id(column))
                interrupted[id(column)] = story
                log.append(LogEntry("briefs_column", f"L{unit.first}",
                                    f"{column.title!r} labels the bullet items under it; {story.title!r}, continued "
                                    f"from another page, takes the prose after them"))
                column.last = cluster[-1].last
                i = j
                continue
            in_briefs = current is not None and id(current) in briefs and layout_starts_article(cluster) is None
            previous, was_signed_off = current, signed_off
            if in_briefs or _starts_article(cluster, after, current, signed_off):
                article = start(unit)     # under a label, an item with its own headline is an article of its own
                if previous is not None:
                    read_after.append((article, previous))
                set_head(article, cluster, after, log)
                if briefs_label(cluster, after):      # a PDF title of a label's form too
                    briefs.add(id(article))
                    if previous is not None and not was_signed_off and layout_starts_article(cluster) is None:
                        interrupted[id(article)] = previous
                    log.append(LogEntry("briefs_column", f"L{unit.first}",
                                        f"{article.title!r} labels the untitled items under it: one article"))
                article.captions.extend(u.text for u in cluster if u.kind is Kind.CAPTION)
                log.append(LogEntry("segment_articles", f"L{unit.first}", f"article {len(articles)}: {article.title!r}"))
            else:
                for head in cluster:
                    if head.kind is Kind.CAPTION:
                        current.captions.append(head.text)
                    else:
                        current.blocks.append(("h", head.text))
            current.last = cluster[-1].last
            i = j
            continue
        if unit.kind is Kind.SOURCE_LINE:
            if current is not None and not current.blocks and not signed_off:
                current.source_line = unit.text     # a news site's line under its title: the text follows
                sourced_under_title.add(id(current))
            elif current is not None and (not current.source_line or id(current) in sourced_under_title):
                sourced_under_title.discard(id(current))
                current.source_line = unit.text     # after the text (copied from an e-paper): closes it
                signed_off = True
            i += 1
            continue
        if unit.kind is Kind.CAPTION:
            if current is None or signed_off:
                pending_captions.append(unit.text)
            else:
                current.captions.append(unit.text)
                if current.blocks and current.blocks[-1][0] == "p":
                    current.caption_after[unit.text] = current.blocks[-1][1]
                current.last = max(current.last, unit.last)
                nxt = next((u for u in units[i + 1:] if u.kind is not Kind.CAPTION), None)
                if nxt is not None and nxt.kind in HEAD_KINDS:
                    between.append((unit.text, current, len(articles)))
            i += 1
            continue
        if current is not None and id(current) in interrupted and unit.kind is Kind.BODY and signed_by_item \
                and leaves_briefs(current.paragraphs, unit.text):
            log.append(LogEntry("briefs_column_ends", f"L{unit.first}",
                                f"{unit.text[:20]!r} is no item of {current.title!r}: back to the story it interrupted"))
            current, signed_off = interrupted[id(current)], False
        elif current is not None and id(current) in briefs and unit.kind is Kind.BODY and signed_by_item:
            signed_off = False              # an item of a briefs column: its signature does not end the column
        elif current is None or (unit.kind is Kind.BODY and (signed_off or (unit.lead and current.blocks))):
            start(unit).untitled = True     # text with no title: continued, or a brief (本报讯…) of its own
        if unit.kind is Kind.BYLINE:
            first_byline = not current.byline
            _add_byline(current, unit)
            if current.blocks and (not bare_byline(unit) or signs_off(current, first_byline, units, i)):
                signed_off = True        # a closing byline ends the article
        elif unit.kind is Kind.NOTE:          # （作者为…） ends an article
            current.notes.append(unit.text)
            current.marks.append((len(current.blocks), "note", unit.text, []))
            signed_off = bool(current.blocks)
        else:
            current.blocks.append(("p", unit.text))
            width = set_width(unit.lines)
            if width is not None:
                widths[unit.text] = width
            current.authors.extend(unit.authors)
            current.continued = current.continued or unit.jumps_on
            if unit.lead:
                current.byline.append(unit.lead)
            if unit.signature:
                current.byline.append(unit.signature)
                signed_off = True
        signed_by_item = unit.kind is Kind.BODY and bool(unit.signature)
        current.last = max(current.last, unit.last)
        i += 1
    for caption, upper, n in between:
        lower = articles[n] if n < len(articles) else None
        if lower is not None and caption_goes_below(caption, upper, lower) and caption in upper.captions:
            upper.captions.remove(caption)
            lower.captions.insert(0, caption)
            log.append(LogEntry("caption_below", f"L{lower.first}",
                                f"{caption[:20]!r} read before this head: its picture fits this text better"))
    if pending_captions and articles:
        articles[-1].captions.extend(pending_captions)
    elif pending_captions and orphans is not None:
        orphans.extend(u for u in caption_units.values() if u.text in pending_captions)
    if not any(u.hint is not None or any(line.box is not None for line in u.lines) for u in units):
        give_orphan_titles(articles, log)
        articles[:] = match_titles(articles, log)
        articles[:] = join_series_sections(articles, log)
        articles[:] = split_at_empty_heads(articles, log)
        articles[:] = place_runs(articles, log)
        move_series_sections(articles, log)
        move_column_runs(articles, widths, log)
        rehome_captions(articles, log)
        lift_cartoon_titles(articles, read_after, log)
    for article in articles:
        article.authors = list(dict.fromkeys(article.authors))
        if article.untitled:
            article.title = untitled_title(article)
        if article.blocks and article.blocks[-1][0] == "h" and not ends_sentence(article.blocks[-1][1]) \
                and len(article.blocks) > 1:
            # a "heading" with no text after it is the cut-off end of the last paragraph
            article.blocks[-1] = ("p", article.blocks[-1][1])
        paragraphs = article.paragraphs
        article.continued = article.continued or (bool(paragraphs) and not ends_sentence(paragraphs[-1]))
    return articles


def untitled_title(article: Article) -> str:
    """A title for text that starts without one (continued from another page):
    its first clause, marked with ……"""
    first = article.paragraphs[0] if article.paragraphs else "（无标题）"
    for stop in "。！？；，":
        if stop in first[:40]:
            first = first[:first.index(stop)]
            break
    return first[:30] + "……"


NEEDS_TITLE = 200     # characters of text: an article, not a stray fragment, that lost its title
FITS = 0.5            # a title names at least half of its subject (by IDF weight) in its article's text
BETTER_BY = 0.25      # …and fits its new article this much better than the one it was read with
CROWDED_HEAD = 4      # display lines: more than one head holds (kicker, title, subtitle); with fewer,
                      # a line moves only to a text that quotes it word for word


def head_lines(article: Article) -> list[str]:
    """The display lines of an article's head that could be another
    article's title: its headlines and undashed subtitles, and labels too
    long to be a column label. The kicker and title of a head split from one
    line of the page (:func:`split_glued_kicker`) are not offered: giving one
    half away would part a line the paper printed whole.

    >>> glued = Article(title="查验稀土釉陶瓷质量", kicker="包头中科陶瓷科技公司梁磊正在", glued_head=True,
    ...                 head_parts=([], ["包头中科陶瓷科技公司梁磊正在", "查验稀土釉陶瓷质量"], [], False))
    >>> head_lines(glued)
    []
    """
    labels, heads, subtitles, _ = article.head_parts
    if article.glued_head:
        heads = []
    label_max = load_patterns().label_max
    return [line for line in (*labels, *heads, *subtitles)
            if chinese_length(line) > label_max and not line.startswith(("—", "－", "-"))]


def give_orphan_titles(articles: list[Article], log: list[LogEntry]) -> None:
    """Give an untitled article a title read elsewhere on the page: pdftotext
    puts a title where its text block fell, often in a run with other
    articles' titles (政党是… ⏎ 全面从严治党… ⏎ 始终坚持… ⏎ 新时代必将… ⏎ 刘宏达),
    so a head that holds more display lines than one article needs may give
    one to an untitled article whose text it fits much better (title_fit:
    jieba's IDF-weighted share of the title's words in the text) than the
    text it was read with (a line beyond the kicker and the title of a
    crowded head needs only to fit as well); a head of a kicker and a title
    gives a line only to a text that quotes it (意气风发走进新时代), or its
    kicker to an untitled news item (本报讯…, short as it may be) that the
    kicker is about and its own text is not. Each
    head keeps one line. Text pages only:
    a PDF's layout puts each title over its own columns."""
    lead = load_patterns().lead
    news = {id(a) for a in articles if a.untitled and a.paragraphs and lead.match(a.paragraphs[0])}
    needy = [a for a in articles if a.untitled and (len(a.text()) >= NEEDS_TITLE or id(a) in news)]
    if not needy:
        return
    offers = []
    for donor in articles:
        lines = head_lines(donor)
        if donor.untitled or len(lines) < 2:
            continue
        own = donor.text()
        crowded = len(lines) >= CROWDED_HEAD
        surplus = lines[:-2] if crowded else []     # beyond a kicker and a title: another article's lines
        for line in lines:
            stay = title_fit(line, own)
            for k, article in enumerate(needy):
                fit = title_fit(line, article.text())
                quoted = line in article.text() and line not in own
                better = fit - stay >= (0 if line in surplus else BETTER_BY)
                # a news item (本报讯…) read with no title takes a kicker that is about it, not about its own text
                kicker_of_news = id(article) in news and line == donor.kicker and stay < FITS
                if fit >= FITS and better and (crowded or quoted or kicker_of_news):
                    offers.append((fit - stay, fit, k, id(donor), line, donor))
    offers.sort(key=lambda o: (-o[0], -o[1], o[2]))
    given: set[int] = set()
    for gain, fit, k, _, line, donor in offers:
        article = needy[k]
        if k in given or line not in head_lines(donor) or len(head_lines(donor)) < 2:
            continue
        take_line(donor, line)
        article.head_parts = ([], [line], [], False)
        place_head(article, *article.head_parts)
        article.untitled = False
        given.add(k)
        log.append(LogEntry("orphan_title", f"L{article.first}",
                            f"{line!r} from the head at L{donor.first} (fits {fit:.2f}, {gain:+.2f} over its text there)"))
    for k, article in enumerate(needy):
        if k in given:
            continue
        if id(article) not in news or not title_from_opening_heading(article, articles, log):
            title_from_own_heading(article, log)
    place_stray_headings(articles, log)


def title_from_opening_heading(article: Article, articles: list[Article], log: list[LogEntry]) -> bool:
    """An untitled news item (本报讯…) takes the heading that opens another
    article's text, right under that article's head, when the heading names
    the item (title_fit at least FITS) much better (BETTER_BY) than the text
    it opens: pdftotext read the item's title after another story's byline
    (… ⏎ 实习生 高远 ⏎ 港口物流园开通中欧班列 ⏎ 记者从滨海高新区获悉…), and a
    section heading never comes before the first paragraph.

    >>> host = Article(blocks=[("h", "港口物流园开通中欧班列"), ("p", "记者从滨海高新区获悉，园区新材料产业实现产值306亿元。")], title="新材料产业集群加速成形")
    >>> item = Article(blocks=[("p", "本报讯 一列中欧班列从滨海港口物流园驶出，这是物流园开通的首条中欧班列线路。")], untitled=True)
    >>> title_from_opening_heading(item, [host, item], []), item.title, [kind for kind, _ in host.blocks]
    (True, '港口物流园开通中欧班列', ['p'])
    """
    text = article.text()
    offers = []
    for donor in articles:
        if donor is article or len(donor.blocks) < 2 or donor.blocks[0][0] != "h":
            continue
        line = donor.blocks[0][1]
        fit, stay = title_fit(line, text), title_fit(line, "".join(t for _, t in donor.blocks[1:]))
        if fit >= FITS and fit - stay >= BETTER_BY:
            offers.append((fit - stay, fit, donor))
    if not offers:
        return False
    gain, fit, donor = max(offers, key=lambda o: (o[0], o[1]))
    line = donor.blocks.pop(0)[1]
    article.head_parts = ([], [line], [], False)
    place_head(article, *article.head_parts)
    article.untitled = False
    log.append(LogEntry("orphan_title", f"L{article.first}",
                        f"{line!r}, the heading opening the article at L{donor.first} (fits {fit:.2f}, {gain:+.2f} over its text there)"))
    return True


def take_line(donor: Article, line: str) -> None:
    """Take one display line out of an article's head and place the rest again."""
    labels, heads, subtitles, signed = donor.head_parts
    labels, heads, subtitles = list(labels), list(heads), list(subtitles)
    for part in (labels, heads, subtitles):
        if line in part:
            part.remove(line)
            break
    donor.head_parts = (labels, heads, subtitles, signed)
    place_head(donor, *donor.head_parts)


def place_stray_headings(articles: list[Article], log: list[LogEntry]) -> None:
    """A line a head could not place (neither title nor kicker nor subtitle,
    too long for a column label) that fits another article's text much better
    than its own, and its own not at all, is a section heading of that
    article read with the wrong head (从覆盖范围把握全面从严治党永远在路上): it goes before the paragraph of
    that article it fits best."""
    label_max = load_patterns().label_max
    for donor in list(articles):
        labels, heads, _, _ = donor.head_parts
        unplaced = [x for x in (*labels, *heads) if chinese_length(x) > label_max
                    and x not in (donor.title, donor.kicker) and x not in donor.subtitle]
        for line in unplaced:
            stay = title_fit(line, donor.text())
            fits = [(title_fit(line, a.text()), n) for n, a in enumerate(articles) if a is not donor and not a.untitled]
            if not fits:
                continue
            fit, n = max(fits)
            if fit < FITS or fit - stay < BETTER_BY or stay >= FITS:
                continue         # a line that fits its own article too (a series label over it) stays
            article = articles[n]
            at = best_block(article, line)
            take_line(donor, line)
            if signed_on_both_sides(article, at):
                articles.insert(n + 1, split_article(article, at, line))
                log.append(LogEntry("stray_title", f"L{article.first}",
                                    f"{line!r} from the head at L{donor.first}: the title of the text from paragraph "
                                    f"{at + 1} on, signed apart (fits {fit:.2f}, {stay:.2f} there)"))
                continue
            article.blocks.insert(at, ("h", line))
            log.append(LogEntry("stray_heading", f"L{article.first}",
                                f"{line!r} from the head at L{donor.first}: a heading here (fits {fit:.2f}, {stay:.2f} there)"))


def best_block(article: Article, line: str) -> int:
    """The paragraph of an article (not its first) that a display line fits best."""
    return max(range(len(article.blocks)),
               key=lambda k: (article.blocks[k][0] == "p" and k > 0, title_fit(line, article.blocks[k][1]), -k))


def split_at_empty_heads(articles: list[Article], log: list[LogEntry]) -> list[Article]:
    """A head with no text, byline or note under it (a title read after every
    text) titles the part of another article that it fits, when that article
    is two read as one (signed on both sides of that part, see
    :func:`signed_on_both_sides`): the article is split there."""
    out = list(articles)
    for empty in articles:
        if empty.blocks or empty.byline or empty.notes or not empty.title:
            continue
        fits = sorted(((title_fit(empty.title, a.text()), -n, n) for n, a in enumerate(out)
                       if a.blocks and signed_on_both_sides(a, best_block(a, empty.title))), reverse=True)
        if not fits or fits[0][0] < FITS:
            continue
        fit, _, n = fits[0]
        article = out[n]
        at = best_block(article, empty.title)
        rest = split_article(article, at, empty.title)
        rest.captions.extend(empty.captions)       # a picture printed by the head goes with it
        out.insert(n + 1, rest)
        out.remove(empty)
        log.append(LogEntry("stray_title", f"L{article.first}",
                            f"{empty.title!r} from the head at L{empty.first}: the title of the text from paragraph "
                            f"{at + 1} on, signed apart (fits {fit:.2f})"))
    return out


def signed_on_both_sides(article: Article, at: int) -> bool:
    """Whether an article holds a byline read before block ``at`` and
    another read after all its text: two articles read as one (殷鹏 over one
    text, 常修泽 after the other's （作者为…） note), not one signed by two.

    >>> a = Article(blocks=[("p", "甲。"), ("p", "乙。")], marks=[(0, "byline", "殷鹏", ["殷鹏"]), (2, "byline", "常修泽", ["常修泽"])])
    >>> signed_on_both_sides(a, 1), signed_on_both_sides(Article(blocks=a.blocks, marks=a.marks[:1]), 1)
    (True, False)
    """
    bylines = [pos for pos, kind, _, _ in article.marks if kind == "byline"]
    return 0 < at < len(article.blocks) and any(pos < at for pos in bylines) \
        and any(pos >= len(article.blocks) for pos in bylines)


def split_article(article: Article, at: int, title: str) -> Article:
    """The text of an article from block ``at`` on as an article of its own
    titled ``title``, with the bylines and notes read after that point."""
    rest = Article(blocks=article.blocks[at:], first=article.first, last=article.last, sheet=article.sheet,
                   continued=article.continued, head_parts=([], [title], [], False))
    place_head(rest, *rest.head_parts)
    article.blocks = article.blocks[:at]
    moved = [(pos - at, kind, text, names) for pos, kind, text, names in article.marks if pos >= at]
    article.marks = [m for m in article.marks if m[0] < at]
    rest.marks = moved
    rest.byline = [text for _, kind, text, _ in moved if kind == "byline"]
    rest.notes = [text for _, kind, text, _ in moved if kind == "note"]
    rest.authors = [name for _, kind, _, names in moved if kind == "byline" for name in names]
    article.byline = [b for b in article.byline if b not in rest.byline]
    article.notes = [x for x in article.notes if x not in rest.notes]
    article.authors = [a for a in article.authors if a not in rest.authors]
    return rest


OWN_TITLE_MIN = 4     # characters: a shorter "heading" inside a text (国共, read off a picture) names no essay


def title_from_own_heading(article: Article, log: list[LogEntry]) -> None:
    """An untitled article whose text holds a heading that names its subject
    (title_fit of its paragraphs) has its title there: pdftotext put the title
    where its block fell, between two fragments of the text.

    >>> a = Article(blocks=[("p", "历史上、现实中，很多人以顽强拼搏为人生信条，奋进者总被历史眷顾。"), ("h", "历史永远眷顾奋进者"),
    ...                     ("p", "党的十九大指出中国特色社会主义进入新时代。")], untitled=True)
    >>> title_from_own_heading(a, []); a.title, a.untitled, len(a.blocks)
    ('历史永远眷顾奋进者', False, 2)
    >>> b = Article(blocks=[("p", "中国共产党一经成立，就义无反顾肩负起历史使命。"), ("h", "国共"), ("p", "党的十九大指出中国特色社会主义进入新时代。")], untitled=True)
    >>> title_from_own_heading(b, []); b.untitled
    True
    """
    text = "".join(article.paragraphs)
    headings = [t for kind, t in article.blocks if kind == "h"]
    fits = [(title_fit(t, text), -n, n) for n, (kind, t) in enumerate(article.blocks) if kind == "h"
            and chinese_length(t) >= OWN_TITLE_MIN
            and not one_series(t, headings) and not matched_heads(t, headings)]   # one of a series of section headings is no title
    if not fits or max(fits)[0] < FITS:
        return
    fit, _, n = max(fits)
    line = article.blocks.pop(n)[1]
    article.head_parts = ([], [line], [], False)
    place_head(article, *article.head_parts)
    article.untitled = False
    log.append(LogEntry("orphan_title", f"L{article.first}", f"{line!r}, a heading in its text (fits {fit:.2f})"))


QUOTED = 0.25        # a title its article's text quotes word for word: as good as a quarter more of its words
STAYS = 0.25         # a line keeps the article it was read with unless another fits it this much better


def title_scores(lines: list[tuple[str, int]], articles: list[Article]) -> list[tuple[float, int, int]]:
    """(score, line index, article index) of every display line for every
    article's title: how much of the line's subject the text is about
    (title_fit), more when the text quotes it, more for the article whose
    title it was read as.

    >>> a = [Article(blocks=[("p", "毛泽东同志曾讲过这样一件事。认识中国特色社会主义，需要不断拓展视野，深化认识。")], title="用做实体现学习成效"),
    ...      Article(blocks=[("p", "全面落实党的十九大精神，用做实体现学习成效，建设高品质和谐宜居生活城市。")], title="拓展视野才能深化认识")]
    >>> [(round(s, 2), i, n) for s, i, n in title_scores([("用做实体现学习成效", 0), ("拓展视野才能深化认识", 1)], a)][:2]
    [(1.25, 0, 1), (0.84, 1, 0)]
    """
    scores = []
    for i, (line, owner) in enumerate(lines):
        for n, article in enumerate(articles):
            if n == owner and line != article.title:
                continue          # a kicker does not become its own article's title
            text = article.text()
            score = title_fit(line, text) + (QUOTED if line in text else 0) \
                + (STAYS if n == owner and line == article.title else 0)
            scores.append((score, i, n))
    scores.sort(key=lambda s: (-s[0], s[1], s[2] != lines[s[1]][1], s[2]))    # a tie keeps the line where it was
    return scores


def _movable(line: str, article: Article) -> bool:
    """A display line of a head that may be another article's title: a
    headline line of its head, not a clause (a body fragment read as a head)."""
    return line in head_lines(article) and not re.search("[，。；,;]", line)


def _assign(lines: list[tuple[str, int]], articles: list[Article], takers: set[int],
            title_of: dict[int, int], taken: set[int], offset: int = 0) -> None:
    """Greedy, best score first: each taker at most one line, each line at most one taker."""
    for score, i, n in title_scores(lines, articles):
        if n in takers and n not in title_of and i + offset not in taken and score >= FITS:
            title_of[n] = i + offset
            taken.add(i + offset)


def match_titles(articles: list[Article], log: list[LogEntry]) -> list[Article]:
    """Give each article of a text page the display line that names its
    subject best: pdftotext puts a title where its block fell, often over the
    next article's byline and text (划时代的思想火炬 ⏎ 肖伟光 ⏎ 毛泽东同志曾讲过…),
    so titles read one article off are matched again to the texts they fit
    (greedy, best first; a line stays with its article unless another fits
    it STAYS better). A kicker goes with its title: it is matched only when
    its title went to another article, to an article still without one. A
    line no article takes stays where it was read (a kicker or a banner); a
    head left with no text, byline or line at all was only a run of other
    articles' titles and goes (nothing is lost: its lines are titles
    elsewhere)."""
    titles = [(line, n) for n, a in enumerate(articles) for line in a.head_parts[1]
              if _movable(line, a) and not (a.kicker and line == a.kicker)]
    takers = {n for n, a in enumerate(articles) if len(a.text()) >= NEEDS_TITLE}
    if len(titles) < 2 or len(takers) < 2:
        return articles
    title_of: dict[int, int] = {}
    taken: set[int] = set()
    _assign(titles, articles, takers, title_of, taken)
    lost = {owner for i, (line, owner) in enumerate(titles) if line == articles[owner].title
            and title_of.get(owner) != i}
    kickers = [(a.kicker, n) for n, a in enumerate(articles) if n in lost and a.kicker and _movable(a.kicker, a)]
    lines = titles + kickers
    _assign(kickers, articles, takers - set(title_of), title_of, taken, offset=len(titles))
    moved = {n: i for n, i in title_of.items() if lines[i][1] != n or lines[i][0] != articles[n].title}
    if not moved:
        return articles
    heads = {n: list(a.head_parts[1]) for n, a in enumerate(articles)}
    for n, i in moved.items():
        line, owner = lines[i]
        heads[owner].remove(line)
        heads[n].append(line)
    for n in sorted(set(moved) | {lines[i][1] for i in moved.values()}):
        article = articles[n]
        labels, _, subtitles, signed = article.head_parts
        article.head_parts = (labels, heads[n], subtitles, signed)
        before = article.title
        if not (labels or heads[n] or subtitles):
            article.title, article.kicker, article.untitled = "", "", True    # its title went: titled by its text
        place_head(article, *article.head_parts)
        if n in moved:
            article.untitled = False
            line, owner = lines[moved[n]]
            log.append(LogEntry("match_title", f"L{article.first}",
                                f"{line!r} from the head at L{articles[owner].first} (was {before!r})"))
    return [a for a in articles if a.blocks or a.byline or a.captions or a.notes or a.title or a.section]


SERIES_PREFIX = 4     # characters a series of section headings opens with (新时代的鲜明主题 / 新时代的战略安排 …)


def in_series(line: str, headings: list[str]) -> bool:
    """Whether a display line is one of a series of section headings: it
    opens with the same words as another heading (社会主要矛盾变化标志着… five
    times over), as the subheads of one essay do and two titles rarely do.

    >>> in_series("新时代的鲜明主题", ["新时代的战略安排", "新时代的价值追求"])
    True
    >>> in_series("深刻理解新时代划时代意义", ["深刻把握实施健康中国战略的重要意义", "深刻理解新时代划时代意义"])
    False
    """
    head = line[:SERIES_PREFIX]
    return chinese_length(line) > SERIES_PREFIX and any(
        other != line and chinese_length(other) > SERIES_PREFIX and other.startswith(head) for other in headings)


def join_series_sections(articles: list[Article], log: list[LogEntry]) -> list[Article]:
    """An "article" titled by one of another article's series of section
    headings, with no byline, note, kicker or subtitle of its own, is a
    section of that article that pdftotext read after other articles'
    text (新时代的鲜明主题 after the 思想纵横 box): its heading and text go to
    the end of that article."""
    out: list[Article] = []
    for article in articles:
        if article.byline or article.authors or article.notes or article.kicker or article.subtitle \
                or article.untitled or not article.title:
            out.append(article)
            continue
        host = next((a for a in out + articles if a is not article
                     and in_series(article.title, [t for kind, t in a.blocks if kind == "h"])), None)
        if host is None:
            out.append(article)
            continue
        host.blocks.append(("h", article.title))
        host.blocks.extend(article.blocks)
        host.captions.extend(article.captions)
        host.last = max(host.last, article.last)
        log.append(LogEntry("series_section", f"L{article.first}",
                            f"{article.title!r}: a section heading of the article at L{host.first}, not an article"))
    return out


def is_run(article: Article) -> bool:
    """An "article" that is only a run of text read after another article's
    end: untitled, no byline, lead, source line or jump line of its own
    (pdftotext reads the rest of a story after a box it printed beside).

    >>> is_run(Article(blocks=[("p", "中国特色社会主义新时代，是承前启后的时代。")], untitled=True))
    True
    >>> is_run(Article(blocks=[("p", "近日，园区召开会议。")], untitled=True, byline=["本报讯"]))
    False
    """
    return article.untitled and not article.byline and not article.authors and not article.source_line \
        and not article.continued and bool(article.paragraphs) and not article.head_parts[1]


def closes(article: Article) -> bool:
    """Whether an article was signed off: a note, or a byline read after its text.

    >>> closes(Article(blocks=[("p", "长风破浪会有时。")], marks=[(1, "byline", "欧阳辉", ["欧阳辉"])]))
    True
    >>> closes(Article(blocks=[("p", "长风破浪会有时。")], marks=[(0, "byline", "陈曙光", ["陈曙光"])]))
    False
    """
    return bool(article.notes) or any(kind == "byline" and pos >= len(article.blocks) > 0
                                      for pos, kind, _, _ in article.marks)


def text_slots(article: Article) -> list[tuple[int, str]]:
    """Where an article's text is missing, as (block index, the heading
    over the gap or ""): before a first block that is a section heading (its
    opening paragraphs), between two headings in a row (a section with no
    text), and, for an article not signed off, at its end ("end").

    >>> a = Article(blocks=[("h", "不忘初心走在时代前列"), ("h", "勇担重任回应人民期待"), ("p", "中华民族伟大复兴是全体中国人民的伟大梦想。")])
    >>> text_slots(a)
    [(0, ''), (1, '不忘初心走在时代前列'), (3, 'end')]
    """
    slots = []
    blocks = article.blocks
    if blocks and blocks[0][0] == "h":
        slots.append((0, ""))
    slots.extend((k + 1, blocks[k][1]) for k in range(len(blocks) - 1) if blocks[k][0] == "h" and blocks[k + 1][0] == "h")
    if blocks and not closes(article):
        slots.append((len(blocks), "end"))
    return slots


def slot_fit(article: Article, slot: tuple[int, str], run: Article) -> float:
    """How well a run of text fits a gap of an article: the heading over the
    gap names its subject (title_fit), or, before its first heading and at its
    end, the article's title does. Only a run signed off (a note after it)
    ends an article; only a run that is not goes before its text.

    >>> lead = Article(title="新使命：中国共产党的历史担当", blocks=[("h", "不忘初心走在时代前列"), ("h", "勇担重任回应人民期待")])
    >>> run = Article(blocks=[("p", "不忘初心，方得始终。中国共产党走在时代前列。")], untitled=True)
    >>> slot_fit(lead, (1, "不忘初心走在时代前列"), run), slot_fit(lead, (2, "end"), run)
    (1.0, 0.0)
    """
    at, heading = slot
    if (heading == "end") != closes(run):
        return 0.0
    text = run.text()
    name = heading if heading not in ("", "end") else article.title
    return title_fit(name, text) if name and not article.untitled else 0.0


def place_runs(articles: list[Article], log: list[LogEntry]) -> list[Article]:
    """Put each run of text read after another article's end (:func:`is_run`)
    into the gap of the article it fits (:func:`text_slots`,
    :func:`slot_fit`): pdftotext reads a box's text, its byline, then the
    columns of the story around it (the rest of a lead essay, its note), then
    the box's title. Best fit first; one run to a gap, fits of FITS at least."""
    runs = [a for a in articles if is_run(a)]
    if not runs:
        return articles
    titles_from_runs(articles, runs, log)
    offers = []
    for r, run in enumerate(runs):
        for n, host in enumerate(articles):
            if host is run or is_run(host) or host.untitled:
                continue
            for slot in text_slots(host):
                fit = slot_fit(host, slot, run)
                if fit >= FITS:
                    offers.append((-fit, r, n, slot))
    offers.sort()
    placed: dict[int, tuple[int, tuple[int, str], float]] = {}
    used: set[tuple[int, int]] = set()
    for fit, r, n, slot in offers:
        if r in placed or (n, slot[0]) in used:
            continue
        placed[r] = (n, slot, -fit)
        used.add((n, slot[0]))
    # insert from the last gap of each article on, so earlier block indexes stay true
    for r, (n, slot, fit) in sorted(placed.items(), key=lambda p: (p[1][0], -p[1][1][0])):
        run, host = runs[r], articles[n]
        at = slot[0]
        host.blocks[at:at] = run.blocks
        host.marks = [(pos + len(run.blocks) if pos >= at and slot[1] != "end" else pos, kind, text, names)
                      for pos, kind, text, names in host.marks]
        host.marks.extend((pos + at, kind, text, names) for pos, kind, text, names in run.marks)
        host.notes.extend(run.notes)
        host.captions.extend(run.captions)
        host.first, host.last = min(host.first, run.first), max(host.last, run.last)
        where = "at its end" if slot[1] == "end" else (f"under {slot[1]!r}" if slot[1] else "before its text")
        log.append(LogEntry("place_run", f"L{run.first}",
                            f"{untitled_title(run)!r}: text read after another article's end, {where} in "
                            f"{host.title!r} (fits {fit:.2f})"))
    gone = {id(runs[r]) for r in placed}
    return [a for a in articles if id(a) not in gone]


def titles_from_runs(articles: list[Article], runs: list[Article], log: list[LogEntry]) -> None:
    """A heading read inside a run of text that names an untitled article's
    subject (FITS), and not the run's (by BETTER_BY), is that article's
    title: pdftotext reads a box's text, then the story around it, then the
    box's title (历史永远眷顾奋进者 after the lead essay's columns)."""
    for article in articles:
        if not article.untitled or is_run(article) or len(article.text()) < NEEDS_TITLE:
            continue
        options = [(title_fit(text, article.text()) - title_fit(text, "\n".join(run.paragraphs)), title_fit(text, article.text()), -k, r)
                   for r, run in enumerate(runs) for k, (kind, text) in enumerate(run.blocks) if kind == "h"]
        options = [o for o in options if o[1] >= FITS and o[0] >= BETTER_BY]
        if not options:
            continue
        gain, fit, k, r = max(options)
        run = runs[r]
        line = run.blocks.pop(-k)[1]
        if 0 < -k < len(run.blocks):      # the text after the title is a run of its own: split there
            rest = Article(blocks=run.blocks[-k:], first=run.first, last=run.last, sheet=run.sheet, untitled=True,
                           notes=run.notes, marks=[(pos + k, kind, text, names) for pos, kind, text, names in run.marks if pos >= -k])
            run.blocks, run.notes = run.blocks[:-k], []
            run.marks = [m for m in run.marks if m[0] < -k]
            runs.insert(r + 1, rest)
            articles.insert(articles.index(run) + 1, rest)
        article.head_parts = ([], [line], [], False)
        place_head(article, *article.head_parts)
        article.untitled = False
        log.append(LogEntry("orphan_title", f"L{article.first}",
                            f"{line!r}, a heading in a run of text read after it (fits {fit:.2f}, {gain:+.2f} over the run)"))


def section_goes_on(paragraph: str, heading: str, title: str, own_title: str) -> bool:
    """A paragraph after a section heading goes on that section of the
    article titled ``title`` when the heading or that title fits it at least
    as well as the title of the article it was read in (title_fit).

    >>> section_goes_on("纵观社会主义诞生以来的历史过程，怎样治理社会主义社会，需要长期探索。",
    ...                 "探索新治理：提高国家治理现代化水平", "新征程：明确新目标 谱写新篇章", "走好新时代的长征路")
    True
    >>> section_goes_on("长征路上无坦途，新时代的长征路上也有许多雪山草地要跨越。",
    ...                 "探索新治理：提高国家治理现代化水平", "新征程：明确新目标 谱写新篇章", "走好新时代的长征路")
    False
    """
    return max(title_fit(heading, paragraph), title_fit(title, paragraph)) >= title_fit(own_title, paragraph)


def move_series_sections(articles: list[Article], log: list[LogEntry]) -> None:
    """A heading inside one article's text that is one of another article's
    series of section headings (:func:`in_series`), and of none of its own,
    is a section of that other article read inside this one (pdftotext reads
    the last column of a lead essay inside the text beside it): the heading
    and the paragraphs after it go to the end of that article, as long as
    each fits that article's title at least as well as its own (title_fit)."""
    for article in articles:
        if article.untitled:
            continue
        k = 1
        while k < len(article.blocks):
            kind, line = article.blocks[k]
            own = [t for j, (kd, t) in enumerate(article.blocks) if kd == "h" and j != k]
            host = next((a for a in articles if a is not article and not a.untitled and not one_series(line, own)
                         and one_series(line, [t for kd, t in a.blocks if kd == "h"])), None)
            if kind != "h" or host is None:
                k += 1
                continue
            end = k + 1
            while end < len(article.blocks) and article.blocks[end][0] == "p" \
                    and section_goes_on(article.blocks[end][1], line, host.title, article.title):
                end += 1
            moved = take_blocks(article, k, end)
            host.blocks.extend(moved)
            for caption in captions_read_in(article, moved):
                article.captions.remove(caption)
                host.captions.append(caption)
                log.append(LogEntry("caption_moved", f"L{host.first}",
                                    f"{caption[:20]!r} read right after the section moved from the article at "
                                    f"L{article.first}: its picture is printed there"))
            log.append(LogEntry("series_section", f"L{article.first}",
                                f"{line!r} and {len(moved) - 1} paragraph(s): a section of {host.title!r} read inside "
                                f"{article.title!r}"))


def take_blocks(article: Article, first: int, end: int) -> list[tuple[str, str]]:
    """Take blocks ``first:end`` out of an article (a section or a column's
    run moved to another), its marks (bylines between paragraphs) kept at
    their places in what is left.

    >>> a = Article(blocks=[("p", "甲。"), ("h", "乙"), ("p", "丙。"), ("p", "丁。")], marks=[(3, "byline", "殷鹏", ["殷鹏"])])
    >>> take_blocks(a, 1, 3), a.blocks, a.marks
    ([('h', '乙'), ('p', '丙。')], [('p', '甲。'), ('p', '丁。')], [(1, 'byline', '殷鹏', ['殷鹏'])])
    """
    moved = article.blocks[first:end]
    del article.blocks[first:end]
    article.marks = [(pos - len(moved) if pos >= end else min(pos, first), kind, text, names)
                     for pos, kind, text, names in article.marks]
    return moved


def cartoon_title(label: str, reader: Article, pats: Patterns | None = None) -> bool:
    """Whether a lone very short line over another article's title is the
    title of a cartoon in the text read just before it: that text has the
    drawing's credit (…作（新华社发）) and no title for it yet, as a cartoon
    is printed with both (消费升级 ⏎ 翟桂溪作（新华社发）); pdftotext reads the
    title, set at the foot of the picture, before the head below it.

    >>> lead = Article(blocks=[("p", "由于我国已经稳定解决了十几亿人的温饱问题。")], captions=["翟桂溪作（新华社发）"])
    >>> cartoon_title("消费升级", lead), cartoon_title("消费升级", Article(captions=["新华社记者徐昱摄"]))
    (True, False)
    """
    drawn_by = (pats or load_patterns()).drawn_by      # patterns.yml: captions.drawn_by
    credits = [c for c in reader.captions if drawn_by.search(c)]
    titled = any(chinese_length(c) <= BRIEFS_LABEL_MAX and not ends_sentence(c) and not drawn_by.search(c)
                 for c in reader.captions)
    return bool(credits) and not titled and chinese_length(label) <= BRIEFS_LABEL_MAX and not ends_sentence(label)


def lift_cartoon_titles(articles: list[Article], read_after: list[tuple[Article, Article]], log: list[LogEntry]) -> None:
    """An article's one-line label that is the title of a cartoon in the
    article read before it (:func:`cartoon_title`) goes to that article's
    captions, before the drawing's credit; the label is no section."""
    pats = load_patterns()
    kept = {id(a) for a in articles}
    for article, reader in read_after:
        labels, heads, subtitles, signed = article.head_parts
        if len(labels) != 1 or reader is article or id(article) not in kept or id(reader) not in kept \
                or article.section != labels[0] or not cartoon_title(labels[0], reader, pats):
            continue
        credit = next(n for n, c in enumerate(reader.captions) if pats.drawn_by.search(c))
        reader.captions.insert(credit, labels[0])
        article.head_parts = ([], heads, subtitles, signed)
        article.section = ""
        log.append(LogEntry("cartoon_title", f"L{reader.first}",
                            f"{labels[0]!r}, read over the head at L{article.first}: the title of the cartoon "
                            f"credited {reader.captions[credit + 1]!r}"))


def captions_read_in(article: Article, blocks: list[tuple[str, str]]) -> list[str]:
    """The captions of an article that pdftotext read right after one of
    these paragraphs (a section moved to another article): a picture's
    caption read down the column under that section's text is printed there
    (翟桂溪作（新华社发） under the lead essay's last column, read inside the
    essay beside it).

    >>> a = Article(blocks=[("p", "中国共产党人的初心和使命是为中国人民谋幸福。")], captions=["翟桂溪作（新华社发）"],
    ...             caption_after={"翟桂溪作（新华社发）": "党的十九大报告指出，我国社会主要矛盾的变化是关系全局的历史性变化。"})
    >>> captions_read_in(a, [("h", "社会主要矛盾变化标志着解决矛盾的方向"), ("p", "党的十九大报告指出，我国社会主要矛盾的变化是关系全局的历史性变化。")])
    ['翟桂溪作（新华社发）']
    >>> captions_read_in(a, [("p", "中国共产党人的初心和使命是为中国人民谋幸福。")])
    []
    """
    texts = {text for kind, text in blocks if kind == "p"}
    return [c for c in article.captions if article.caption_after.get(c) in texts]


LEAD_IN_MAX = 8       # characters before the colon of a heading's lead-in (明确新目标：…)
MATCHED_MIN = 6       # characters: shorter headings match in length by chance (简讯, 2013年)


def matched_heads(line: str, headings: list[str]) -> bool:
    """Whether a heading is one of three or more of one length: an essay's
    section headings are set to match (不忘初心走在时代前列 / 勇担重任回应人民期待 /
    接续奋斗迈向复兴未来), a title and a heading rarely are.

    >>> matched_heads("不忘初心走在时代前列", ["不忘初心走在时代前列", "2013一2016年", "勇担重任回应人民期待", "接续奋斗迈向复兴未来"])
    True
    >>> matched_heads("历史永远眷顾奋进者", ["历史永远眷顾奋进者", "一路走来，中国共产党越来越"])
    False
    """
    n = chinese_length(line)
    return n >= MATCHED_MIN and sum(chinese_length(h) == n for h in headings) >= 3


def one_series(line: str, headings: list[str]) -> bool:
    """Whether a heading is one of a series: it opens with the same words as
    another (:func:`in_series`), or has the same form, a lead-in of as many
    characters before a colon (明确新目标：… / 探索新治理：…), as the
    headings of one essay do.

    >>> one_series("探索新治理：充分发挥党的领导优势", ["明确新目标：分两步走", "贯彻新思想：用新思想武装头脑"])
    True
    >>> one_series("探索新治理：充分发挥党的领导优势", ["走好新时代的长征路"])
    False
    """
    def lead_in(text: str) -> int:
        colon = text.find("：")
        return colon if 2 <= colon <= LEAD_IN_MAX else -1
    return in_series(line, headings) or (lead_in(line) > 0 and any(lead_in(h) == lead_in(line) for h in headings if h != line))


SAME_WIDTH = 3       # half-width cells: two paragraphs this close in line width were set in one column;
                     # columns of one page differ by a character (two cells) or more, and a measured
                     # width wanders by a cell (half-width punctuation, a digit)


NAMES_RUN = 0.8      # a run of another article's text names nearly all of its title or a heading; the
                     # narrow text beside a box's vertical title shares some words with the lead (0.7)


def column_runs(article: Article, widths: dict[str, float]) -> list[tuple[int, int, float | None]]:
    """An article's blocks as runs set in one column width: (first block,
    end block, width). A heading goes with the text under it, a paragraph too
    short to show its width with the run it is in; a byline read between two
    paragraphs ends a run (the text before it was signed).

    >>> a = Article(blocks=[("p", "甲。"), ("h", "乙"), ("p", "丙。"), ("p", "丁。")], marks=[(1, "byline", "殷鹏", ["殷鹏"])])
    >>> column_runs(a, {"甲。": 34, "丙。": 34, "丁。": 52})
    [(0, 1, 34), (1, 3, 34), (3, 4, 52)]
    """
    cuts = {pos for pos, kind, _, _ in article.marks if kind == "byline" and 0 < pos < len(article.blocks)}
    runs: list[list] = []
    for k, (kind, text) in enumerate(article.blocks):
        width = widths.get(text) if kind == "p" else None
        last = runs[-1] if runs else None
        heading_above = k > 0 and article.blocks[k - 1][0] == "h"
        if last is None or k in cuts or (width is not None and last[2] is not None and abs(width - last[2]) > SAME_WIDTH
                                         and not heading_above):
            runs.append([k, k + 1, width])
        elif width is not None and last[2] is not None and abs(width - last[2]) > SAME_WIDTH:
            # the heading above this paragraph goes with it, into a run of its own
            last[1] -= 1
            runs.append([k - 1, k + 1, width])
        else:
            last[1] = k + 1
            if last[2] is None:
                last[2] = width
    return [(a, b, w) for a, b, w in runs if b > a]


def run_fit(article: Article, first: int, end: int, host: Article) -> float:
    """How well blocks ``first:end`` of an article fit an article ``host``
    (the article itself, or another): its title or one of its headings names
    the run's subject (title_fit), or the heading the run opens with names
    the host's text (the rest of the article's, for the article itself) — a
    section's heading is about its essay.

    >>> lead = Article(title="划时代的思想火炬", blocks=[("p", "习近平新时代中国特色社会主义思想形成的时代背景、实践基础和理论渊源。"
    ...     "同这个新时代相伴随，当代中国共产党人面对的是如何认识中国发展的历史性成就。当今世界正处于大发展大变革大调整时期，"
    ...     "世界社会主义五百年，我们要在时空方位中把握它的发展。")])
    >>> box = Article(title="用做实体现学习成效", blocks=[("h", "从当代中国、当今世界和世界社会主义发展的时空方位中去把握时代背景"),
    ...     ("p", "“我们依然处在马克思主义所指明的历史时代”。"), ("p", "深入学习宣传贯彻党的十九大精神，要在学懂弄通做实上下功夫。")])
    >>> run_fit(box, 0, 2, lead) > 0.8, run_fit(box, 0, 2, box) < 0.3
    (True, True)
    """
    run = article.blocks[first:end]
    text = "\n".join(t for _, t in run)
    own_heads = [t for kind, t in run if kind == "h"]
    names = [host.title] + [t for kind, t in host.blocks if kind == "h" and t not in own_heads]
    fit = max(title_fit(name, text) for name in names if name)
    if run[0][0] == "h":
        rest = host.text() if host is not article else "\n".join(t for _, t in article.blocks[:first] + article.blocks[end:])
        fit = max(fit, title_fit(run[0][1], rest))
    return fit


def article_width(article: Article, widths: dict[str, float]) -> float | None:
    """The column width most of an article's text was set in (by length)."""
    sized = sorted((widths[t], len(t)) for kind, t in article.blocks if kind == "p" and t in widths)
    total = sum(n for _, n in sized)
    seen = 0
    for width, n in sized:
        seen += n
        if seen * 2 >= total:
            return width
    return None


def move_column_runs(articles: list[Article], widths: dict[str, float], log: list[LogEntry]) -> None:
    """A run of an article's text set in another column width than the text
    its title names (:func:`column_runs`) that another article of that width
    names nearly whole (:func:`run_fit`, NAMES_RUN) and much better
    (BETTER_BY) is that article's text read in
    the wrong place: pdftotext reads a lead essay's column after a box's
    byline, then the box's text (党的十九大报告指出… 34 cells wide, then
    文化是一个国家… 52 wide, all under 不断铸就中华文化新辉煌). It goes before
    that article's first heading, or to its end when it has none."""
    own_width = {id(a): article_width(a, widths) for a in articles}
    for article in articles:
        if article.untitled or not article.title:
            continue
        runs = column_runs(article, widths)
        if len(runs) < 2:
            continue
        fits = [run_fit(article, a, b, article) for a, b, _ in runs]
        home = max(range(len(runs)), key=lambda r: (fits[r], runs[r][1] - runs[r][0]))
        home_width = runs[home][2]
        for r in reversed(range(len(runs))):
            first, end, width = runs[r]
            if r == home or width is None or home_width is None or abs(width - home_width) <= SAME_WIDTH:
                continue
            hosts = [(run_fit(article, first, end, h), n) for n, h in enumerate(articles)
                     if h is not article and not h.untitled and h.title and own_width[id(h)] is not None
                     and abs(own_width[id(h)] - width) <= SAME_WIDTH]
            if not hosts:
                continue
            fit, n = max(hosts)
            if fit < NAMES_RUN or fit - fits[r] < BETTER_BY:
                continue
            host = articles[n]
            moved = take_blocks(article, first, end)
            at = next((k for k, (kind, _) in enumerate(host.blocks) if kind == "h"), len(host.blocks))
            host.blocks[at:at] = moved
            host.marks = [(pos + len(moved) if pos > at else pos, kind, t, names) for pos, kind, t, names in host.marks]
            log.append(LogEntry("column_run", f"L{article.first}",
                                f"{moved[0][1][:16]!r} and {len(moved) - 1} block(s) set {width:g} cells wide, not "
                                f"{home_width:g}: text of {host.title!r} (fits {fit:.2f}, {fits[r]:.2f} here)"))
