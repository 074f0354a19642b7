"""What each unit of a page is: text, title, byline, caption, furniture or ad.

Each test is a small pure function over one unit's text (with a real example
as doctest); :func:`classify` runs them in order over the whole page, then the
context passes (ad columns, captions after an image gap, label blocks) that
need the neighbours.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

from .model import DISPLAY_WIDTH_OFF, Evidence, Kind, LogEntry, Unit, wrapped_length
from .patterns import Patterns, load as load_patterns
from .text import CLOSERS, CONTINUE_START, HAN, ITEM_MARK, JOIN_AT, SENTENCE_END, chinese_length, continuation_evidence, ends_sentence, pos_tagger, tokenizer, word_across
from .textfix import drop_spaces_in_chinese_prose, undo_overprint

NAME = re.compile(f"^[{HAN}]{{2,4}}$|^[{HAN}]{{1,6}}·[{HAN}]{{1,8}}$")
# An organisation glued before a role word: 大众日报淄博融媒体中心(记者)
ORGANISATION = re.compile(f"[{HAN}]{{2,16}}(报|社|台|网|中心|频道|杂志|站|融媒|新闻)[{HAN}]{{0,8}}")
HEADLINE_MAX = 40
LONG_HEAD_MAX = 60     # characters: a heading wrapped over five short lines of a narrow column; beyond, prose
CLAUSE_MARK = re.compile("[，。；：！？,;:!?]")
# An editorial's signature has no personal name: 本报评论员, 新华社评论员
# 来源：<outlet> before a byline's role and names: the outlet is skipped.
SOURCE_WORDS = ("来源", "稿件来源", "出处")
OUTLET = re.compile(f"[{HAN}]{{2,16}}(报|社|台|网|客户端|公众号|号|中心|频道|杂志)")
COMMENTATOR = re.compile(f"(本报|本刊|[{HAN}]{{2,12}}(报|社|台|网))?(特约)?评论员")
GAP_CAPTION = "caption (short block after an image gap)"


def furniture_reason(text: str, pats: Patterns | None = None) -> str | None:
    """Why a line is page furniture, or None.

    >>> furniture_reason("10 鲁中晨报")
    '报头与版号 (page number and newspaper name)'
    >>> furniture_reason("2020年1月1日 星期三")
    '出版日期 (date line)'
    >>> furniture_reason("编辑 王兴华 美编 王涛")
    '编辑署名 (editor credits)'
    >>> furniture_reason("淄博高新区奋力推动跨越式、突破性发展") is None
    True
    """
    pats = pats or load_patterns()
    for pattern, reason in pats.furniture:
        if pattern.search(text):
            return reason
    return None


# The evidence registry: for each decision, small functions of one unit that
# each return an Evidence (a signed weight and its reason) or None. A decision
# is the sum of the weights; `--explain` prints every piece. Weights are set
# by hand, each with a comment saying why; none is fitted to a test page.
EvidenceFn = Callable[[Unit, Patterns], "Evidence | None"]
EVIDENCE: dict[str, list[EvidenceFn]] = {}


def _registrar(table: dict, decision: str) -> Callable:
    """A decorator that appends a function to ``table[decision]`` (registration order is weighing order)."""
    def register(fn):
        table.setdefault(decision, []).append(fn)
        return fn
    return register


def evidence_for(decision: str) -> Callable[[EvidenceFn], EvidenceFn]:
    """Register an evidence function for one decision ("furniture", …)."""
    return _registrar(EVIDENCE, decision)


def weigh(decision: str, unit: Unit, pats: Patterns | None = None) -> tuple[float, list[Evidence]]:
    """The summed weight of every registered piece of evidence, and the pieces.

    >>> weigh("furniture", Unit([], "2018 年1 月2 日星期二"))[0] > 0
    True
    """
    pats = pats or load_patterns()
    found = [e for fn in EVIDENCE.get(decision, ()) if (e := fn(unit, pats)) is not None]
    return sum(e.score for e in found), found


def _is_keyword_pattern(pattern: re.Pattern) -> bool:
    """A furniture pattern that looks for words anywhere (二维码, 热线), not for
    the form of a whole line (a date line, a page number)."""
    return not pattern.pattern.startswith("^")


def mid_text_keyword(pattern: re.Pattern, text: str) -> bool:
    """A furniture word in a line that closes a quote or a clause within its
    first three characters: the line carries on the sentence above it
    (…启用“企业服务 ⏎ 码”，企业扫码即可在线提), so the word (扫码) is the
    text's, no QR prompt.

    >>> p = re.compile("(二维码|扫码)")
    >>> mid_text_keyword(p, "码”，企业扫码即可在线提"), mid_text_keyword(p, "扫码关注高新区发布")
    (True, False)
    """
    return _is_keyword_pattern(pattern) and any(c in CONTINUE_START for c in text[:3])


@evidence_for("furniture")
def furniture_form(unit: Unit, pats: Patterns) -> Evidence | None:
    """A line of the form of page furniture (anchored pattern: the whole line
    is a date line, a page number, a running head) weighs 3; a furniture word
    found inside a line (二维码, 热线) weighs 1 only: a word alone is weak.

    >>> furniture_form(Unit([], "2020年1月1日 星期三"), load_patterns()).score
    3
    >>> furniture_form(Unit([], "扫码关注高新区发布"), load_patterns()).score
    1
    """
    for pattern, reason in pats.furniture:
        if pattern.search(unit.text) and not mid_text_keyword(pattern, unit.text):
            weak = _is_keyword_pattern(pattern)
            return Evidence("furniture_form", Kind.FURNITURE.value, 1 if weak else 3,
                            reason + (" (a word in the line)" if weak else " (the form of the line)"))
    return None


SIGNED_END = re.compile(r"(?<=[。！？”])[（(][^（）()]{2,20}[）)]$")
PROSE_LENGTH = 40     # characters: longer than any running head, QR prompt or credit line
PROSE_AD_LENGTH = 50  # an ad of sentences (厂房出租…可分租。) runs to 100 characters; an article paragraph beyond


@evidence_for("furniture")
def prose_in_flow(unit: Unit, pats: Patterns) -> Evidence | None:
    """A long block of sentences is prose: it outweighs a furniture word (-4
    against 1) and the form of a furniture line (3), so it is never removed
    on a keyword alone.

    >>> prose_in_flow(Unit([], "“好差评”制度，是高新区创新“特色服务”、优化政务环境的一项重要举措。"
    ...     "群众可扫描窗口的专属二维码，对服务作出评价，评价结果纳入考核。"), load_patterns()).score
    -4
    >>> prose_in_flow(Unit([], "扫码关注高新区发布"), load_patterns()) is None
    True
    >>> prose_in_flow(Unit([], "■日前，高新区企业服务中心启用“企业服务码”，企业扫码即可在线提交诉求，目前已受理诉求86件。（黄磊）"),
    ...               load_patterns()).score
    -4
    """
    text = SIGNED_END.sub("", unit.text)      # …交付使用。（赵刚）: signed prose is prose
    if chinese_length(text) >= PROSE_LENGTH and re.search("[，。；！？]", text[:-1]) and ends_sentence(text):
        return Evidence("prose_in_flow", Kind.BODY.value, -4, "a long block of sentences")
    return None


def furniture_evidence(unit: Unit, pats: Patterns) -> tuple[str | None, list[Evidence]]:
    """The furniture reason when the evidence for furniture outweighs the
    evidence against it, else None; and the evidence."""
    score, found = weigh("furniture", unit, pats)
    reason = next((e.reason for e in found if e.rule == "furniture_form"), None)
    return (reason if score > 0 else None), found


def ad_score(text: str, pats: Patterns | None = None, vocabulary: bool | None = None) -> int:
    """Points for the features of a classified ad (phone, price, bullets, trade words).

    >>> ad_score("●汽车修理厂聘技工数名 13156983111李")
    4
    >>> ad_score("市委书记江敦涛与所联络服务的企业家进行座谈交流时，主动向企业家们公布自己的电话号码")
    0
    """
    pats = pats or load_patterns()
    if vocabulary is None:
        vocabulary = chinese_length(text) <= pats.ad_short_block
    score = 2 * len(pats.ad_phone.findall(text)[:2]) + bool(pats.ad_price.search(text))
    score += bool(pats.ad_bullets.search(text))
    if pats.ad_markers.match(text.strip()):
        score += 2
    if vocabulary:
        score += min(2, len(pats.ad_vocabulary.findall(text)))
    return score


def split_role(token: str, pats: Patterns) -> tuple[str, str] | None:
    """Split a byline token into (role, name rest), allowing an organisation
    glued before the role; None if the token has no role word.

    >>> split_role("大众日报淄博融媒体中心记者", load_patterns())
    ('记者', '')
    >>> split_role("记者赵志斌", load_patterns())
    ('记者', '赵志斌')
    >>> split_role("大赛为获奖项目提供支持。（记者", load_patterns()) is None
    True
    >>> split_role("南岭新闻网记者侯杰", load_patterns())
    ('记者', '侯杰')
    """
    for role in pats.byline_roles:
        if len(role) == 1:
            if token == role:
                return role, ""
            continue
        if token.startswith(role):
            return role, token[len(role):]
        prefix = token[:-len(role)]
        if len(role) >= 2 and token.endswith(role) and ORGANISATION.fullmatch(prefix):
            return role, ""
        at = token.find(role)
        if len(role) >= 2 and at > 0 and ORGANISATION.fullmatch(token[:at]):
            return role, token[at + len(role):]       # 南岭新闻网记者侯杰: outlet, role, name
    return None


ATTRIBUTION = re.compile(f"^[（(]?\\s*(?:(?:稿件)?来源[：:]\\s*|据|转自|摘自|转载自)?\\s*"
                         f"[{HAN}A-Za-z]{{2,16}}(?:社|网|报|台|客户端|公众号|号|中心)?\\s*[）)]?$")


def is_attribution(text: str) -> bool:
    """A line crediting the agency or outlet a story came from.

    >>> [is_attribution(t) for t in ("（新华社）", "（来源：新华网）", "（据新华社）", "来源：人民网", "（王强）", "紧盯前沿")]
    [True, True, True, True, False, False]
    """
    text = text.strip()
    if not ATTRIBUTION.match(text):
        return False
    inner = text.strip("（）() ")
    return bool(re.match("(稿件)?来源|据|转自|摘自|转载自", inner)) or (
        text[0] in "（(" and bool(AGENCY_SUFFIX.search(inner)))


def split_glued_roles(token: str, pats: Patterns) -> list[str]:
    """A byline token whose spaces are gone (a PDF set them as a narrow gap,
    or not at all) split before every role word of two characters or more
    after its start: the role words part the names.

    >>> split_glued_roles("本报记者王小明通讯员李华", load_patterns())
    ['本报记者王小明', '通讯员李华']
    >>> split_glued_roles("王小明", load_patterns()), split_glued_roles("大众日报淄博融媒体中心记者", load_patterns())
    (['王小明'], ['大众日报淄博融媒体中心记者'])
    """
    roles = _glued_roles(pats.byline_roles)
    pieces, start, name_at, i = [], 0, 0, 0
    while True:
        m = roles.search(token, i)          # the next role word, the longest where several start
        if m is None:
            break
        i = m.start()
        if i > name_at and NAME.match(token[name_at:i]):      # a name, then the next role
            pieces.append(token[start:i])
            start = i
        i = name_at = m.end()
    pieces.append(token[start:])
    return [p for p in pieces if p]


@functools.lru_cache(maxsize=8)
def _glued_roles(roles: tuple[str, ...]) -> re.Pattern:
    """The role words of two characters or more, longest first, as one pattern."""
    return re.compile("|".join(re.escape(r) for r in sorted((r for r in roles if len(r) >= 2), key=len, reverse=True)))


SPACE_READ_AS_QUOTE = re.compile(r"(?<=\s)[“”\"″]|[“”\"″](?=\s)")   # a quote mark beside a space: a space misread


def parse_byline(text: str, pats: Patterns | None = None) -> list[str] | None:
    """The personal names of a byline line, or None if it is not a byline.

    >>> parse_byline("► 岳书杰 毛琳琳 曹亚琼 郭方强")
    ['岳书杰', '毛琳琳', '曹亚琼', '郭方强']
    >>> parse_byline("大众日报淄博融媒体中心记者 伊巍 通讯员 张倩 齐菲")
    ['伊巍', '张倩', '齐菲']
    >>> parse_byline("记者 唐学钰")
    ['唐学钰']
    >>> parse_byline("紧盯前沿 高端布局拥抱新经济") is None
    True
    >>> parse_byline("本报评论员")
    []
    >>> parse_byline("本报记者王小明通讯员李华")
    ['王小明', '李华']
    >>> parse_byline("来源：江城日报 作者：方圆"), parse_byline("来源：南岭新闻网记者侯杰")
    (['方圆'], ['侯杰'])
    >>> parse_byline("●本报讯 日前，滨海高") is None
    True

    OCR reads the ideographic spaces of 记者　马骏 as quote marks beside a
    space, and a colon as a semicolon:

    >>> parse_byline("记者 “马骏 实习生 ”高远"), parse_byline("来源 ; 南岭新闻网 记者 修杰")
    (['马骏', '高远'], ['修杰'])
    """
    pats = pats or load_patterns()
    body = text.strip()
    bullet = pats.byline_bullets.match(body)
    if bullet:
        body = body[bullet.end():]
    body = body.strip("（）() ")
    if COMMENTATOR.fullmatch(body):
        return []                           # an editorial's signature: no personal name
    if bullet and pats.lead.match(body):
        return None                         # ●本报讯 日前，…: an item's news lead, not a list of names
    body = SPACE_READ_AS_QUOTE.sub(" ", body)
    tokens = [piece for t in re.split(r"[\s、，,：:；;|｜/／]+", body) if t for piece in split_glued_roles(t, pats)]
    names: list[str] = []
    roles = 0
    skip_outlet = False
    for token in tokens:
        token = token.strip("（）()")
        role = split_role(token, pats)
        if role:
            roles += 1
            token = role[1]
            if not token:
                continue
        if token in ("摄", "报道", "整理"):
            roles += 1
            continue
        if token in SOURCE_WORDS:         # 来源：江城日报 作者：方圆: the outlet is no author
            skip_outlet = True
            continue
        if skip_outlet and OUTLET.fullmatch(token):
            skip_outlet = False
            continue
        skip_outlet = False
        if not NAME.match(token):
            return None
        names.append(token)
    if not names or not (roles or bullet):
        return None
    return names


def is_name_line(text: str) -> bool:
    """A line of one to four personal names only (a byline's second line).

    >>> is_name_line("马冠群")
    True
    >>> is_name_line("产业发展提质增效")
    False
    """
    tokens = text.split()
    return 1 <= len(tokens) <= 4 and all(NAME.match(t) and len(t) <= 3 for t in tokens)


SIGNATURE = re.compile(f"(?<=[{SENTENCE_END}”）])[ \u3000]+((?:[{HAN}]{{2,4}}[ \u3000]*){{1,4}})$")
PAREN_SIGNATURE = re.compile(r"[（(]\s*((?:记者|通讯员|实习生|本报记者)[^（）()]{2,40})[）)]$")
# …有效进展。（李华） or （王强 李明） or （新华社）: names or an agency in brackets after the last sentence
PAREN_NAMES = re.compile(f"(?<=[{SENTENCE_END}”])[（(]\\s*((?:[{HAN}]{{2,4}}[ \u3000、]*){{1,3}})[）)]$")
AGENCY = re.compile(r"(社|网|报|台|站|中心|委|局|办|部|厅|院|园|区|市|省|县|公司|集团)$")
AGENCY_SUFFIX = re.compile(r"(社|网|报|台|客户端|公众号)$")


def split_signature(text: str, pats: Patterns | None = None) -> tuple[str, list[str], str]:
    """Split a signature off the end of a paragraph: (text, names, signature).

    >>> split_signature("将有力坚定企业发展信心，加速产业恢复提振。 杜明坤 王满")
    ('将有力坚定企业发展信心，加速产业恢复提振。', ['杜明坤', '王满'], '杜明坤 王满')
    >>> split_signature("聊城高新区形成了由6个一级指标、17个二级指标组成的考核体系。（记者 张三 通讯员 李四）")
    ('聊城高新区形成了由6个一级指标、17个二级指标组成的考核体系。', ['张三', '李四'], '（记者 张三 通讯员 李四）')
    >>> split_signature("近日，国家知识产权局公布新一批国家知识产权示范园区名单，长沙高新区入选。（李华）")[1:]
    (['李华'], '（李华）')
    >>> split_signature("会议要求各地高新区加快推进科技成果转化和产业化。（新华社）")[1:]
    ([], '（新华社）')
    >>> split_signature("切实加快松山湖科学城产业化基地建设。")[1]
    []
    """
    pats = pats or load_patterns()
    match = SIGNATURE.search(text)
    if match and len(text) - len(match.group(0)) >= 20:
        names = match.group(1).split()
        if all(NAME.match(n) for n in names):
            return text[:match.start()].rstrip(), names, match.group(1).strip()
    match = PAREN_SIGNATURE.search(text)
    if match and match.start() >= 20:
        names = parse_byline(match.group(1), pats)
        if names:
            return text[:match.start()].rstrip(), names, match.group(0)
    match = PAREN_NAMES.search(text)
    if match and match.start() >= 20:
        tokens = re.split(r"[\s\u3000、]+", match.group(1).strip())
        if all(NAME.match(t) for t in tokens if t):
            return text[:match.start()].rstrip(), [t for t in tokens if t and not AGENCY.search(t)], match.group(0)
    return text, [], ""


def split_lead(text: str, pats: Patterns | None = None) -> tuple[str, list[str]]:
    """The news-lead marker at the start of a paragraph and its authors.

    >>> split_lead("本报讯（记者 于大勇）近日，2020年未来科学大奖在北京揭晓")
    ('本报讯（记者 于大勇）', ['于大勇'])
    >>> split_lead("本报讯 9月6日，安康高新区禾瑞光")
    ('本报讯', [])
    >>> split_lead("近日，万声通讯实业有限公司入选")
    ('', [])
    """
    pats = pats or load_patterns()
    match = pats.lead.match(text)
    if not match:
        return "", []
    rest = text[match.end():]
    who = pats.lead_authors.match(rest.lstrip())
    if who:
        names = parse_byline(who.group("who"), pats) or []
        return text[:match.end()] + rest[:len(rest) - len(rest.lstrip()) + who.end()], names
    return match.group(0), []


SPEAKER = re.compile(f"^(问|答|记者|主持人|嘉宾|Q|A|[{HAN}]{{2,3}})[：:]")


def is_dialogue(text: str) -> bool:
    """An interview line: a speaker label and a whole sentence (记者：…？).

    >>> is_dialogue("记者：今年园区有哪些新举措？"), is_dialogue("第一篇文章：项目在“谋”")
    (True, False)
    """
    return bool(SPEAKER.match(text)) and ends_sentence(text)


@evidence_for("headline")
def headline_length(unit: Unit, pats: Patterns) -> Evidence | None:
    """A line short enough to be a display line (+1); longer than any
    headline (-6), or with no Chinese character at all (-6).

    >>> headline_length(Unit([], "新时代的鲜明主题"), load_patterns()).score
    1

    A longer line with no clause punctuation at all is one phrase, not
    prose (+1, up to LONG_HEAD_MAX):

    >>> headline_length(Unit([], "社会主要矛盾变化标志着全面建成小康社会成功在望、全面建设社会主义现代化国家乘势而上"), load_patterns()).score
    1
    >>> headline_length(Unit([], "社会主要矛盾变化标志着全面建成小康社会成功在望，全面建设社会主义现代化国家乘势而上"), load_patterns()).score
    -6
    """
    n = chinese_length(unit.text)
    if not re.search(f"[{HAN}]", unit.text):
        return Evidence("headline_length", Kind.BODY.value, -6, "no Chinese text")
    if HEADLINE_MAX < n <= LONG_HEAD_MAX and not CLAUSE_MARK.search(unit.text):
        # one phrase of display type set over several lines (…成功在望、全面建设…乘势而上): prose of this
        # length has a comma or a full stop somewhere
        return Evidence("headline_length", Kind.HEADLINE.value, 1, f"{n} characters, but no clause punctuation")
    if n > HEADLINE_MAX:
        return Evidence("headline_length", Kind.BODY.value, -6, f"{n} characters: longer than a headline")
    return Evidence("headline_length", Kind.HEADLINE.value, 1, f"{n} characters")


@evidence_for("headline")
def sentence_form(unit: Unit, pats: Patterns) -> Evidence | None:
    """A sentence is not a heading: a full stop inside or at the end, a line
    that stops on a comma or colon (-3), a sentence of several clauses (-3),
    an interview line (-3).

    >>> sentence_form(Unit([], "纵观2020年，淄博高新区“双招双引”的步伐从未停歇。"), load_patterns()).score
    -3
    >>> sentence_form(Unit([], "高新之上，何以登新高？"), load_patterns()) is None
    True
    >>> sentence_form(Unit([], "在人才引进上，高"), load_patterns()).score
    -3

    """
    text = unit.text
    if is_dialogue(text):
        return Evidence("sentence_form", Kind.BODY.value, -3, "an interview line")
    if text.rstrip(CLOSERS).endswith(("，", "、", "：", "；", ",", ":", "。", "…")) or "。" in text:
        return Evidence("sentence_form", Kind.BODY.value, -3, "sentence punctuation")
    if chinese_length(text) >= 25 and len(re.findall("[，；,;]", text)) >= 2:
        return Evidence("sentence_form", Kind.BODY.value, -3, "a sentence of clauses")
    if JUST_BEGUN_CLAUSE.search(text):
        return Evidence("sentence_form", Kind.BODY.value, -3, "a clause just begun at the end (…上，高)")

    return None


JUST_BEGUN_CLAUSE = re.compile(f"[{HAN}]{{2}}[，；,;][{HAN}]$")   # one character after a clause: a line cut mid-sentence


def is_headline(text: str) -> bool:
    """A short line that is not a sentence: title, kicker or section heading
    (the "headline" evidence weighed).

    >>> is_headline("紧盯前沿 高端布局拥抱新经济"), is_headline("高新之上，何以登新高？")
    (True, True)
    >>> is_headline("纵观2020年，淄博高新区“双招双引”的步伐从未停歇。")
    False
    """
    return weigh("headline", Unit([], text))[0] > 0


def is_subtitle(text: str) -> bool:
    """A 副题 line: starts with a dash.

    >>> is_subtitle("——聊城高新区深化“双招双引”改革工作纪实")
    True
    """
    return bool(re.match(r"^(——|—|－－|--)\s*\S", text)) and chinese_length(text) <= 60


def is_standalone(text: str) -> bool:
    """A line that stands alone even inside wrapped prose: page furniture, a
    source line, a byline or a subtitle.

    >>> is_standalone("第 30 页"), is_standalone("本报记者 钱江"), is_standalone("创新是引领发展的第一动力")
    (True, True, False)
    """
    pats = load_patterns()
    return (any(p.search(text) and not mid_text_keyword(p, text) for p, _ in pats.furniture)
            or bool(pats.source_line.match(text))
            or is_subtitle(text) or parse_byline(text, pats) is not None)


def caption_reason(text: str, pats: Patterns | None = None) -> str | None:
    """Why a block is a photo caption or credit by its own words, or None.

    >>> caption_reason("图片来源：安康高新区")
    'photo credit'
    >>> caption_reason("2019年9月17日，在淄博高新区行政审批服务局办事大厅内，工作人员协助市民办理劳动仲裁业务。资料照片")
    'caption with credit'
    >>> caption_reason("图为专职保洁人员在河道内进行河道护理巡查。新华社记者 徐 昱摄")
    'caption with credit'
    """
    pats = pats or load_patterns()
    if pats.credit_line.match(text):
        return "photo credit"
    # a credit's name may be letter-spaced like the line it ends (新华社记者 徐 昱摄)
    squeezed = re.sub(f"(?<=[{HAN}])\\s+(?=[{HAN}])", "", text)
    if chinese_length(text) <= 3 * pats.caption_max and (
            pats.credit_end.search(text) or pats.credit_end.search(squeezed) or pats.caption_start.match(text)):
        return "caption with credit"
    return None


JUMP_IN = re.compile(r"^[（(]\s*(上接|接|紧接)\s*第?\s*[A-Z]?\d{1,3}\s*版\s*[）)]\s*")
JUMP_OUT = re.compile(r"\s*[（(]\s*(下转|转|转至|接)\s*第?\s*[A-Z]?\d{1,3}\s*版\s*[）)]$")
JUMP_REASON = "转版提示 (continued on another page)"
OVERPRINT_REASON = "套印重影 (a display line printed twice over; one copy kept)"


def cut_jump_lines(unit: Unit) -> None:
    """Take （上接第1版） off the start and （下转第4版） off the end of a paragraph.

    >>> u = Unit([], "（上接第1版）加快培育新质生产力。（下转第4版）")
    >>> cut_jump_lines(u); u.text, u.jumps_on, [t for t, _ in u.cut]
    ('加快培育新质生产力。', True, ['（上接第1版）', '（下转第4版）'])
    """
    m = JUMP_IN.match(unit.text)
    if m and len(unit.text) > m.end():
        unit.cut.append((m.group(0).strip(), JUMP_REASON))
        unit.text = unit.text[m.end():]
    m = JUMP_OUT.search(unit.text)
    if m and m.start() > 0:
        unit.cut.append((m.group(0).strip(), JUMP_REASON))
        unit.text = unit.text[:m.start()]
        unit.jumps_on = True


def mark_jumped_in_titles(units: list[Unit]) -> None:
    """A headline right over a note of its own line that says where its text
    comes from (秋收时节稻花香 ⏎ （上接第1版））: the title of a story continued
    from another page, whose text is that story's prose.

    >>> head = Unit([], "秋收时节稻花香", kind=Kind.HEADLINE)
    >>> note = Unit([], "（上接第1版）", kind=Kind.FURNITURE)
    >>> mark_jumped_in_titles([Unit([], "信息快递", kind=Kind.HEADLINE), head, note]); head.jumped_in
    True
    """
    for unit, nxt in zip(units, units[1:]):
        m = JUMP_IN.match(nxt.text.strip()) if nxt.kind is Kind.FURNITURE else None
        if unit.kind is Kind.HEADLINE and m is not None and m.end() == len(nxt.text.strip()):
            unit.jumped_in = True


def classify_unit(unit: Unit, pats: Patterns) -> None:
    """Set the kind of one unit from its own text."""
    cut_jump_lines(unit)
    single = undo_overprint(unit.text)
    if single != unit.text:        # the doubled copy goes to the source page's removed list
        unit.cut.append((unit.text, OVERPRINT_REASON))
        unit.evidence.append(Evidence("undo_overprint", "text", 0, f"printed twice over: {unit.text!r}"))
        unit.text = single
    text = unit.text
    source = pats.source_line.match(text)
    if source:
        unit.kind, unit.reason = Kind.SOURCE_LINE, "来源行 (source line: newspaper, date, page)"
        return
    reason, found = furniture_evidence(unit, pats)
    unit.evidence.extend(found)
    if reason:
        unit.kind, unit.reason = Kind.FURNITURE, reason.replace(" (the form of the line)", "").replace(
            " (a word in the line)", "")
        return
    if pats.affiliation.match(text):
        unit.kind = Kind.NOTE
        return
    if is_attribution(text) and not parse_byline(text, pats):      # 来源：南岭新闻网记者侯杰 names its author
        unit.kind, unit.reason = Kind.BYLINE, "source attribution"   # （新华社）: no personal name
        return
    reason = caption_reason(text, pats)
    names = parse_byline(text, pats)
    if names is not None and reason != "photo credit" and not text.rstrip().endswith("摄"):
        unit.kind, unit.authors = Kind.BYLINE, names     # 撰文 王磊 摄影 张三: the byline
        return
    if reason:
        unit.kind, unit.reason = Kind.CAPTION, reason
        return
    if is_subtitle(text):
        unit.kind = Kind.SUBTITLE
        return
    body, names, signature = split_signature(text, pats)
    if signature:
        unit.text, unit.authors, unit.signature = body, names, signature
    unit.lead, lead_names = split_lead(unit.text, pats)
    if lead_names:
        unit.authors = lead_names + unit.authors
    score, found = weigh("headline", unit, pats)
    unit.evidence.extend(found)
    unit.kind = Kind.HEADLINE if score > 0 and not unit.lead and not signature else Kind.BODY
    if unit.kind is Kind.HEADLINE and pats.column_label.match(unit.text):
        unit.kind, unit.reason = Kind.LABEL, "column label"


def mark_name_continuations(units: list[Unit]) -> None:
    """A names-only line right under a byline in the same block joins it
    (记者 赵志斌 ⏎ 马冠群)."""
    for prev, unit in zip(units, units[1:]):
        if prev.kind is Kind.BYLINE and unit.gap == 0 and unit.kind is Kind.HEADLINE and is_name_line(unit.text):
            unit.kind, unit.authors = Kind.BYLINE, unit.text.split()


def join_split_names(units: list[Unit]) -> list[Unit]:
    """An author name split over two lines (王 ⏎ 小明) becomes one line.

    >>> [u.text for u in join_split_names([Unit([], "王", kind=Kind.HEADLINE), Unit([], "小明", kind=Kind.HEADLINE)])]
    ['王小明']
    """
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if (prev is not None and unit.gap == 0 and prev.kind is Kind.HEADLINE and unit.kind is Kind.HEADLINE
                and re.fullmatch(f"[{HAN}]{{1,2}}", prev.text) and re.fullmatch(f"[{HAN}]{{1,3}}", unit.text)
                and 2 <= len(prev.text + unit.text) <= 4):
            prev.text += unit.text
            prev.lines = prev.lines + unit.lines
            continue
        out.append(unit)
    return out


def _lone_character(unit: Unit) -> bool:
    return unit.kind in (Kind.HEADLINE, Kind.LABEL) and len(unit.text) == 1 and bool(re.fullmatch(f"[{HAN}]", unit.text)) \
        and unit.lines[0].box is None


def pair_name_characters(chars: list[str], pats: Patterns) -> list[tuple[int, int]]:
    """Which lone characters make one name (by index): a vertical byline
    that pdftotext cut into its characters (刘 … 伟), each on a line of its
    own somewhere down the page. A surname opens a name, the next character
    that is no surname closes the latest open one (names set one inside
    another's span close inside out); surnames left open pair in order.

    >>> pair_name_characters(["刘", "殷", "鹏", "伟", "吴", "锦"], load_patterns())
    [(1, 2), (0, 3), (4, 5)]
    >>> pair_name_characters(["方", "雷"], load_patterns()), pair_name_characters(["帆"], load_patterns())
    ([(0, 1)], [])
    """
    opened: list[int] = []
    pairs = []
    for k, ch in enumerate(chars):
        if ch in pats.surnames:
            opened.append(k)
        elif opened:
            pairs.append((opened.pop(), k))
    pairs.extend(zip(opened[0::2], opened[1::2]))
    return pairs


def join_vertical_names(units: list[Unit], pats: Patterns) -> list[Unit]:
    """A vertical byline cut into lone characters (刘 ⏎ … ⏎ 伟) becomes one
    byline where its surname stands, when the two make a name (not a
    dictionary word: 简 ⏎ 讯 stays a label). Text pages only: a PDF page's
    layout reads vertical lines whole."""
    lone = [i for i, u in enumerate(units) if _lone_character(u)]
    drop: set[int] = set()
    for a, b in pair_name_characters([units[i].text for i in lone], pats):
        first, second = units[lone[a]], units[lone[b]]
        name = first.text + second.text
        if bare_names(name, pats) != [name]:
            continue
        first.text, first.lines = name, first.lines + second.lines
        first.kind, first.authors = Kind.BYLINE, [name]
        first.evidence.append(Evidence("join_vertical_names", Kind.BYLINE.value, 2, f"{name[0]} + {name[1]} (L{second.first})"))
        drop.add(lone[b])
    return [u for i, u in enumerate(units) if i not in drop]


ROLE_REACH = 8    # units: how far down the page pdftotext may set the name of a byline cut at its wide spaces


def role_only(text: str, pats: Patterns) -> bool:
    """A line that is a byline's role word alone (记者, 实习生, 本报记者).

    >>> role_only("实习生", load_patterns()), role_only("记者从滨海高新区获悉", load_patterns())
    (True, False)
    """
    role = split_role(text.strip(), pats)
    return role is not None and not role[1] and chinese_length(text) <= 6


def join_role_names(units: list[Unit], pats: Patterns) -> list[Unit]:
    """A byline set with wide spaces (记者　马骏　实习生　高远) that pdftotext
    cut into its words, each on a line of its own and the names perhaps
    further down: each role word alone takes the next name-form line after
    it (surname and given name, two to four characters), in order, within
    ROLE_REACH units. Text pages only: a PDF's layout reads the line whole.

    >>> from .model import Line
    >>> us = [Unit([Line(1, "", "")], t, kind=Kind.HEADLINE) for t in ("记者", "马骏", "实习生", "港口物流园开通中欧班列", "高远")]
    >>> [(u.text, u.kind.value, u.authors) for u in join_role_names(us, load_patterns())]
    [('记者 马骏', 'byline', ['马骏']), ('实习生 高远', 'byline', ['高远']), ('港口物流园开通中欧班列', 'headline', [])]
    """
    waiting: list[tuple[int, Unit]] = []
    drop: set[int] = set()
    for i, unit in enumerate(units):
        if any(line.box is not None for line in unit.lines) or unit.kind.removed:
            continue
        waiting = [(k, w) for k, w in waiting if i - k <= ROLE_REACH]
        if unit.kind in (Kind.HEADLINE, Kind.LABEL) and role_only(unit.text, pats):
            waiting.append((i, unit))
            continue
        name = unit.text.strip()
        if waiting and unit.kind in (Kind.HEADLINE, Kind.LABEL) and NAME.match(name) and has_surname(name, pats):
            _, role = waiting.pop(0)
            role.text, role.lines = f"{role.text.strip()} {name}", role.lines + unit.lines
            role.kind, role.authors = Kind.BYLINE, [name]
            role.evidence.append(Evidence("join_role_names", Kind.BYLINE.value, 2, f"{name!r} (L{unit.first}) after the role"))
            drop.add(i)
    return [u for i, u in enumerate(units) if i not in drop]


def absorb(prev: Unit, unit: Unit, evidence: Evidence) -> None:
    """`unit` goes on `prev` (a line wrapped under it): one unit, with the
    evidence why. A signature split off `unit`'s end is kept: in a caption's
    text (its picture's credit), else as the unit's signature and authors.

    >>> cap = Unit([], "“", kind=Kind.CAPTION)
    >>> absorb(cap, Unit([], "基础研究+技术攻关”全过程创新生态链。", signature="（新华社）"), Evidence("caption_goes_on", "caption", 1, ""))
    >>> cap.text
    '“基础研究+技术攻关”全过程创新生态链。（新华社）'
    """
    prev.text += unit.text
    if unit.signature and prev.kind is Kind.CAPTION:
        prev.text += unit.signature
    elif unit.signature:
        prev.signature, prev.authors = unit.signature, prev.authors + unit.authors
    prev.lines = prev.lines + unit.lines
    prev.evidence.append(evidence)


SHORT_LAST = 3    # characters: a wrapped head's line this much shorter than its longest is where the head ended


def head_ended(head: Unit) -> bool:
    """Whether a head wrapped over several lines of a narrow box ended on its
    last line: that line is much shorter than the box is wide (把实施健康中国 ⏎
    战略各项重点任务落 ⏎ 到实处), so the line under it is the text's.

    >>> from .model import Line
    >>> head_ended(Unit([Line(1, "把实施健康中国", "把实施健康中国"), Line(2, "战略各项重点任务落", "战略各项重点任务落"),
    ...                  Line(3, "到实处", "到实处")], "把实施健康中国战略各项重点任务落到实处"))
    True
    """
    if len(head.lines) < 2:
        return False
    widths = [chinese_length(line.text) for line in head.lines]
    return widths[-1] <= max(widths) - SHORT_LAST


def join_text_openings(units: list[Unit]) -> list[Unit]:
    """A short line between a head that ended (see :func:`head_ended`) and
    the text right under it, no blank line on either side, is that text's
    first line (… ⏎ 到实处 ⏎ 党的十九大 ⏎ 报告对“实施健康中国战略”作出全面部署。).

    >>> from .model import Line
    >>> head = Unit([Line(1, "", "战略各项重点任务落"), Line(2, "", "到实处")], "战略各项重点任务落到实处", kind=Kind.HEADLINE)
    >>> units = [head, Unit([Line(3, "", "")], "党的十九大", kind=Kind.HEADLINE),
    ...          Unit([Line(4, "", "")], "报告对“实施健康中国战略”作出全面部署。", kind=Kind.BODY)]
    >>> [u.text for u in join_text_openings(units)]
    ['战略各项重点任务落到实处', '党的十九大报告对“实施健康中国战略”作出全面部署。']
    """
    out: list[Unit] = []
    for i, unit in enumerate(units):
        prev = out[-1] if out else None
        nxt = units[i + 1] if i + 1 < len(units) else None
        if prev is not None and nxt is not None and unit.kind is Kind.HEADLINE and prev.kind is Kind.HEADLINE \
                and unit.gap == 0 and nxt.gap == 0 and nxt.kind is Kind.BODY and not nxt.lead \
                and head_ended(prev) and not ends_sentence(unit.text):
            nxt.text, nxt.lines = unit.text + nxt.text, unit.lines + nxt.lines
            nxt.evidence.append(Evidence("join_text_openings", Kind.BODY.value, 1, f"opens on L{unit.first}, under a head that ended"))
            continue
        out.append(unit)
    return out


def join_wrapped_heads(units: list[Unit], pats: Patterns) -> list[Unit]:
    """Two heading lines in one block, no blank line between, are one heading
    wrapped in a narrow box (勇担重任回应 ⏎ 人民期待) when neither is a
    sentence, a name or a piece of a line set in equal pieces; a kicker and
    a title signed right under (杭州高新区（滨江） ⏎ “一号工程”跑出加速度 ⏎
    本报记者 钱江) are two lines of a head, not one wrapped. Hard-wrapped
    text only: a page of one block per line never has two in a block.

    >>> from .model import Line
    >>> [u.text for u in join_wrapped_heads([Unit([Line(13, "", "")], "勇担重任回应", kind=Kind.HEADLINE, gap=1),
    ...                                       Unit([Line(14, "", "")], "人民期待", kind=Kind.HEADLINE)], load_patterns())]
    ['勇担重任回应人民期待']
    """
    out: list[Unit] = []
    for i, unit in enumerate(units):
        prev = out[-1] if out else None
        nxt = units[i + 1] if i + 1 < len(units) else None
        signed = nxt is not None and (nxt.kind is Kind.BYLINE or bool(bare_names(nxt.text, pats)))
        if (prev is not None and unit.gap == 0 and not (signed and len(prev.lines) == 1)
                and prev.kind in (Kind.HEADLINE, Kind.LABEL) and unit.kind in (Kind.HEADLINE, Kind.LABEL)
                and chinese_length(prev.text) >= 4 and chinese_length(unit.text) >= 2
                and not re.search(f"[{SENTENCE_END}，：:,]", prev.text + unit.text)
                and chinese_length(prev.text + unit.text) <= HEADLINE_MAX
                and len(prev.text) != len(unit.text)
                and not (chinese_length(unit.text) <= 3 and bare_names(unit.text, pats))   # 刘志明 under a title
                and not head_ended(prev)):
            prev.kind = Kind.HEADLINE
            absorb(prev, unit, Evidence("join_wrapped_heads", Kind.HEADLINE.value, 0, f"wrapped onto L{unit.first}"))
            continue
        out.append(unit)
    return out


def mark_sentence_pieces(units: list[Unit]) -> None:
    """A short "headline" in the same block right under a line that stops
    inside its sentence (…新型劳动者大军；二 ⏎ 是与生产资料结合) is the
    sentence going on in a narrow column, not a head: no heading is printed
    glued under half a sentence. Hard-wrapped text only (a page of one block
    per line has a blank line before every block).

    >>> u = [Unit([], "知识型、技能型、创新型劳动者大军；二", kind=Kind.BODY), Unit([], "是与生产资料结合", kind=Kind.HEADLINE)]
    >>> mark_sentence_pieces(u); u[1].kind.value
    'body'
    """
    for prev, unit in zip(units, units[1:]):
        if unit.kind is Kind.HEADLINE and unit.gap == 0 and prev.kind is Kind.BODY and not prev.lead \
                and not prev.signature and not ends_sentence(prev.text):
            unit.kind = Kind.BODY
            unit.evidence.append(Evidence("sentence_piece", Kind.BODY.value, -1, "right under half a sentence"))


def mark_prose_wraps(units: list[Unit]) -> None:
    """A "headline" of several lines as wide as the page's text column, with
    a clause mark inside and a word broken across one of its line ends, is
    hard-wrapped prose (a column's last lines cut off from their paragraph:
    年内开行班列30列，明 ⏎ 年实现每周固定开行两): display type is set wider
    or narrower than the text, and a long heading wrapped mid-word is in
    narrower lines (探索新治理：充分 ⏎ 发挥党的领导优势，提 ⏎ …).

    >>> from .model import Line
    >>> body = [Line(n, "记者从滨海高新区获悉", "记者从滨海高新区获悉") for n in range(1, 5)]
    >>> wrap = [Line(71, "年内开行班列30列，明", "年内开行班列30列，明", gap=1), Line(72, "年实现每周固定开行两", "年实现每周固定开行两")]
    >>> u = [Unit(body, "记者从滨海高新区获悉" * 4, kind=Kind.BODY), Unit(wrap, "年内开行班列30列，明年实现每周固定开行两", kind=Kind.HEADLINE)]
    >>> mark_prose_wraps(u); u[1].kind.value
    'body'
    """
    width = wrapped_length([line for u in units if u.kind is Kind.BODY for line in u.lines])
    if not width:
        return
    for unit in units:
        if unit.kind is not Kind.HEADLINE or len(unit.lines) < 2 or not INNER_CLAUSE.search(unit.text):
            continue
        if any(abs(len(line.text) - width) > width * DISPLAY_WIDTH_OFF for line in unit.lines[:-1]):
            continue
        word = next((w for a, b in zip(unit.lines, unit.lines[1:]) if (w := word_across(a.text, b.text))), "")
        if word:
            unit.kind = Kind.BODY
            unit.evidence.append(Evidence("prose_wrap", Kind.BODY.value, -2,
                                          f"lines of the text column's width, a clause inside, {word} broken across a line end"))


INNER_CLAUSE = re.compile("[，；,;](?=.)")


def mark_long_titles(units: list[Unit]) -> None:
    """A line with no sentence end right above a news lead or a byline is a
    title even when it is longer than a headline (notices: 关于印发《…》的通知)."""
    content = [u for u in units if not u.kind.removed and u.kind is not Kind.CAPTION]
    for unit, nxt in zip(content, content[1:]):
        if unit.kind is Kind.BODY and not unit.lead and not unit.signature and not ends_sentence(unit.text) \
                and not re.search("[。，；,;]", unit.text) and chinese_length(unit.text) <= 2 * HEADLINE_MAX \
                and (nxt.lead or nxt.kind is Kind.BYLINE):
            unit.kind = Kind.HEADLINE


def has_surname(name: str, pats: Patterns) -> bool:
    """Whether a name starts with a common surname (data/patterns.yml).

    >>> has_surname("欧阳辉", load_patterns()), has_surname("陈曙光", load_patterns()), has_surname("新时代", load_patterns())
    (True, True, False)
    """
    return name[:1] in pats.surnames or name.startswith(pats.compound_surnames)


def split_glued_names(token: str, pats: Patterns) -> list[str]:
    """Names printed without a space between them (刘宏达谢守成): split where
    each part starts with a surname, three-character names first; a token that
    splits no way is one name.

    >>> split_glued_names("刘宏达谢守成", load_patterns()), split_glued_names("欧阳辉", load_patterns())
    (['刘宏达', '谢守成'], ['欧阳辉'])
    >>> split_glued_names("王强李明", load_patterns()), split_glued_names("朱炳元", load_patterns())
    (['王强', '李明'], ['朱炳元'])
    """
    if len(token) <= 3 or token.startswith(pats.compound_surnames) and len(token) <= 4:
        return [token]
    for sizes in ((3, 3), (2, 3), (3, 2), (2, 2), (2, 2, 2), (3, 3, 3)):
        if sum(sizes) != len(token):
            continue
        parts, at = [], 0
        for size in sizes:
            parts.append(token[at:at + size])
            at += size
        if all(has_surname(part, pats) for part in parts):
            return parts
    return [token]


WORD_FREQ = 20    # jieba counts a real word in the tens at least; names it knows are under 10 or tagged nr


def bare_names(text: str, pats: Patterns | None = None) -> list[str] | None:
    """The names of a names-only line with no role word (甄占民; 刘宏达谢守成;
    王强 李明), or None when it is not one.

    >>> bare_names("陈曙光"), bare_names("刘宏达谢守成"), bare_names("新时代"), bare_names("高质量"), bare_names("李强")
    (['陈曙光'], ['刘宏达', '谢守成'], None, None, ['李强'])

    A two-character name is printed spaced out to the width of three (叶 帆):

    >>> bare_names("叶 帆"), bare_names("忆 和")
    (['叶帆'], None)
    """
    pats = pats or load_patterns()
    tokens = text.split()
    if len(tokens) == 2 and all(re.fullmatch(f"[{HAN}]", t) for t in tokens):
        tokens = ["".join(tokens)]       # 叶 帆: one name set to a three-character width
    if not 1 <= len(tokens) <= 4:
        return None
    names: list[str] = []
    for token in tokens:
        if not re.fullmatch(f"[{HAN}]{{2,9}}", token):
            return None
        names.extend(split_glued_names(token, pats))
    freq, tags = tokenizer().FREQ, pos_tagger().word_tag_tab
    if all(2 <= len(n) <= 4 and has_surname(n, pats) and not two_words(n, freq)
           and ((freq.get(n) or 0) < WORD_FREQ or tags.get(n, "").startswith("nr")) for n in names):
        return names
    return None


def two_words(token: str, freq: dict) -> bool:
    """Four characters that are two dictionary words are no name, whatever
    the first character (房屋|出租, 信息|快递: 房 and 信 are surnames; a
    four-character name is a compound surname and a given name, or rare).

    >>> f = tokenizer().FREQ
    >>> two_words("房屋出租", f), two_words("信息快递", f), two_words("欧阳晓明", f), two_words("王小明", f)
    (True, True, False, False)
    """
    return len(token) == 4 and all((freq.get(half) or 0) >= WORD_FREQ for half in (token[:2], token[2:]))


def _content_neighbours(units: list[Unit], i: int) -> tuple[Unit | None, Unit | None]:
    before = next((u for u in reversed(units[:i]) if not u.kind.removed and u.kind is not Kind.CAPTION), None)
    after = next((u for u in units[i + 1:] if not u.kind.removed and u.kind is not Kind.CAPTION), None)
    return before, after


ContextFn = Callable[[list, int, Patterns], "Evidence | None"]
CONTEXT_EVIDENCE: dict[str, list[ContextFn]] = {}


def context_evidence_for(decision: str) -> Callable[[ContextFn], ContextFn]:
    """Register an evidence function that looks at a unit among its neighbours (units, i)."""
    return _registrar(CONTEXT_EVIDENCE, decision)


def weigh_in_context(decision: str, units: list[Unit], i: int, pats: Patterns) -> tuple[float, list[Evidence]]:
    found = [e for fn in CONTEXT_EVIDENCE.get(decision, ()) if (e := fn(units, i, pats)) is not None]
    return sum(e.score for e in found), found


@context_evidence_for("byline")
def name_form(units: list[Unit], i: int, pats: Patterns) -> Evidence | None:
    """Names only: each starts with a surname, none a dictionary word (+2).

    >>> name_form([Unit([], "欧阳辉")], 0, load_patterns()).score
    2
    """
    names = bare_names(units[i].text, pats)
    return Evidence("name_form", Kind.BYLINE.value, 2, f"names {names}") if names else None


@context_evidence_for("byline")
def under_a_title(units: list[Unit], i: int, pats: Patterns) -> Evidence | None:
    """Right under a title or subtitle line (+2): where a byline is printed.

    >>> under_a_title([Unit([], "意气风发走进新时代", kind=Kind.HEADLINE), Unit([], "欧阳辉")], 1, load_patterns()).score
    2
    """
    before, _ = _content_neighbours(units, i)
    if before is not None and before.kind in (Kind.HEADLINE, Kind.SUBTITLE) and chinese_length(before.text) >= 5:
        return Evidence("under_a_title", Kind.BYLINE.value, 2, "right under a title")
    return None


@context_evidence_for("byline")
def before_text_or_page_end(units: list[Unit], i: int, pats: Patterns) -> Evidence | None:
    """Followed by text, or by nothing but captions and furniture (+1).

    >>> before_text_or_page_end([Unit([], "欧阳辉")], 0, load_patterns()).score
    1
    """
    _, after = _content_neighbours(units, i)
    if after is None or (after.kind is Kind.BODY and chinese_length(after.text) >= 15) or after.kind is Kind.NOTE:
        return Evidence("before_text_or_page_end", Kind.BYLINE.value, 1, "text or the page end follows")
    return None


@context_evidence_for("byline")
def set_apart(units: list[Unit], i: int, pats: Patterns) -> Evidence | None:
    """A line in a block of its own (blank lines around it), or the first
    thing on the page (+1): a byline printed beside its title or down the
    side of a column, which pdftotext gives a block of its own wherever the
    title went. Alone it is not enough; with a name's form (+2) and text
    after it (+1) it is.

    >>> u = [Unit([], "正文结束。", block_lines=3), Unit([], "何民捷", gap=1), Unit([], "新时代中国共产党的历史使命……", gap=1, block_lines=3)]
    >>> set_apart(u, 1, load_patterns()).score, set_apart(u, 2, load_patterns())
    (1, None)
    """
    unit = units[i]
    before = [u for u in units[:i] if not u.kind.removed]
    nxt = units[i + 1] if i + 1 < len(units) else None
    alone = unit.gap >= 1 and unit.block_lines == 1 and (nxt is None or nxt.gap >= 1)
    if not before:   # a page does not open on a heading that is a bare name: its byline, set beside a title read later
        return Evidence("set_apart", Kind.BYLINE.value, 2, "first on the page")
    if alone:
        return Evidence("set_apart", Kind.BYLINE.value, 1, "a block of its own")
    return None


@context_evidence_for("byline")
def after_finished_text(units: list[Unit], i: int, pats: Patterns) -> Evidence | None:
    """Right after an article's end, its （作者为…） note or a finished
    paragraph (+1): where pdftotext puts a byline printed beside a title it
    read later (…的政党力量。 ⏎ （作者为…教授） ⏎ 周淑真).

    >>> after_finished_text([Unit([], "（作者为中国人民大学国际关系学院教授）", kind=Kind.NOTE), Unit([], "周淑真")], 1, load_patterns()).score
    1
    """
    before, _ = _content_neighbours(units, i)
    if before is not None and (before.kind is Kind.NOTE or (
            before.kind is Kind.BODY and ends_sentence(before.text) and chinese_length(before.text) >= PROSE_LENGTH)):
        return Evidence("after_finished_text", Kind.BYLINE.value, 1, "right after a finished text")
    return None


@context_evidence_for("byline")
def inside_a_sentence(units: list[Unit], i: int, pats: Patterns) -> Evidence | None:
    """Between the two halves of one broken sentence (+1): no heading stands
    there, but a byline set down the side of a column does (…有利条件。新 ⏎
    谢守成 ⏎ 时代中国特色社会主义…).

    >>> inside_a_sentence([Unit([], "中国特色社会主义进入新时代为人的全面发展提供了前所未有的有利条件。新"), Unit([], "谢守成", gap=1),
    ...                    Unit([], "时代中国特色社会主义虽然仍然处在社会主义初级阶段。")], 1, load_patterns()).score
    1
    """
    before, after = _content_neighbours(units, i)
    if before is None or after is None or before.kind is not Kind.BODY or after.kind is not Kind.BODY \
            or ends_sentence(before.text):
        return None
    points, why = continuation_evidence(before.text, after.text)
    just_begun = re.search(f"[{SENTENCE_END}][{HAN}]{{1,3}}$", before.text) is not None   # …有利条件。新
    if just_begun or (points >= JOIN_AT and ("crosses" in why or "punctuation" in why or "open clause" in why)):
        return Evidence("inside_a_sentence", Kind.BYLINE.value, 1, "between the halves of a broken sentence")
    return None


def bare_byline(unit: Unit) -> bool:
    """A byline of names only, known by its form and place (陈曙光 set apart),
    not by a role word or a signature's place after the last sentence: on a
    text page it may stand anywhere in its article's text (a vertical byline
    read out of order), so it does not end the article.

    >>> bare_byline(Unit([], "何民捷", kind=Kind.BYLINE, evidence=[Evidence("name_form", "byline", 2)]))
    True
    """
    return unit.kind is Kind.BYLINE and any(e.rule in BARE_NAME_RULES for e in unit.evidence)


BARE_NAME_RULES = ("name_form", "join_vertical_names")


BYLINE_AT = 4    # a name's form and one sign of a byline's place, or both places


def mark_bare_bylines(units: list[Unit], pats: Patterns) -> None:
    """A names-only line under a title (or subtitle) is the byline, even with
    no role word (——学习贯彻… ⏎ 王小明 ⏎ 正文; a title and 陈曙光 at the foot
    of a page that prints titles after their texts): weighed evidence."""
    for i, unit in enumerate(units):
        if unit.kind is not Kind.HEADLINE or chinese_length(unit.text) > 12:
            continue
        score, found = weigh_in_context("byline", units, i, pats)
        if not any(e.rule == "name_form" for e in found):
            continue
        unit.evidence.extend(found)
        if score >= BYLINE_AT:
            unit.kind, unit.authors = Kind.BYLINE, bare_names(unit.text, pats) or unit.text.split()


HEADISH = (Kind.HEADLINE, Kind.SUBTITLE, Kind.LABEL, Kind.BYLINE)
BANNER_REASON = "通栏标题 (a page banner: a display line outside every article)"


def _head_runs(units: list[Unit]) -> list[list[int]]:
    """Runs of title lines ending in a byline (indices; furniture between them is skipped)."""
    return [r for r in _display_runs(units) if units[r[-1]].kind is Kind.BYLINE]


def _is_text(unit: Unit) -> bool:
    return unit.kind is Kind.BODY and chinese_length(unit.text) >= 20


def signed_heads_close_texts(units: list[Unit]) -> Evidence | None:
    """The page's signed heads (title runs ending in a byline) come after
    texts: there is text before the first and none after the last (PDF block
    order, OCR tools that list blocks as stored).

    >>> u = lambda t, k=Kind.BODY: Unit([], t, kind=k)
    >>> signed_heads_close_texts([u("中国特色社会主义进入新时代，这是我国发展新的历史方位。"), u("意气风发走进新时代", Kind.HEADLINE),
    ...                           u("欧阳辉", Kind.BYLINE)]).score
    2
    >>> signed_heads_close_texts([u("意气风发走进新时代", Kind.HEADLINE), u("欧阳辉", Kind.BYLINE),
    ...                           u("中国特色社会主义进入新时代，这是我国发展新的历史方位。")]) is None
    True
    """
    runs = _head_runs(units)
    if not runs:
        return None
    before = any(_is_text(u) for u in units[:runs[0][0]])
    after = any(_is_text(u) for u in units[runs[-1][-1] + 1:])
    if before and not after:
        # on its own enough: a byline under a title opens a text, it never closes the page
        return Evidence("signed_heads_close_texts", "heads_after", 2, f"{len(runs)} signed heads, no text after the last")
    return None


def _content(units: list[Unit]) -> list[Unit]:
    return [u for u in units if not u.kind.removed and u.kind is not Kind.CAPTION]


def page_opens_with_text(units: list[Unit]) -> Evidence | None:
    """The first thing on the page under its furniture is text with no head
    over it: a page that gives titles after their texts, or a story
    continued from another page (one sign, not enough alone).

    >>> page_opens_with_text([Unit([], "记者从滨海高新区获悉，今年前8个月，园区新材料产业实现产值306亿元。")]).score
    1
    """
    content = _content(units)
    if content and _is_text(content[0]) and not JUMP_IN.match(content[0].text):
        return Evidence("page_opens_with_text", "heads_after", 1, f"{content[0].text[:12]!r} opens the page")
    return None


def page_ends_on_a_head(units: list[Unit]) -> Evidence | None:
    """The last thing on the page above its furniture is a headline with no
    text under it: the title of a text above (one sign, not enough alone).

    >>> page_ends_on_a_head([Unit([], "园区新材料产业实现产值306亿元，同比增长17.4%。"), Unit([], "秋收时节稻花香", kind=Kind.HEADLINE)]).score
    1
    """
    content = _content(units)
    if content and content[-1].kind is Kind.HEADLINE and any(_is_text(u) for u in content):
        return Evidence("page_ends_on_a_head", "heads_after", 1, f"{content[-1].text[:12]!r} ends the page")
    return None


HEADS_AFTER_RULES = (signed_heads_close_texts, page_opens_with_text, page_ends_on_a_head)
HEADS_AFTER_AT = 2    # points: signed heads closing the texts alone, or both weaker signs together


def heads_after_evidence(units: list[Unit]) -> tuple[float, list[Evidence]]:
    """Whether the page gives each title after its article's text: weighed evidence."""
    found = [e for e in (rule(units) for rule in HEADS_AFTER_RULES) if e is not None]
    return sum(e.score for e in found), found


def heads_follow_text(units: list[Unit]) -> bool:
    """Whether the page gives each title (and byline) after its article's
    text (see :data:`HEADS_AFTER_RULES`).

    >>> u = lambda t, k=Kind.BODY: Unit([], t, kind=k)
    >>> heads_follow_text([u("中国特色社会主义进入新时代，这是我国发展新的历史方位。"), u("意气风发走进新时代", Kind.HEADLINE),
    ...                    u("欧阳辉", Kind.BYLINE)])
    True
    >>> heads_follow_text([u("意气风发走进新时代", Kind.HEADLINE), u("欧阳辉", Kind.BYLINE),
    ...                    u("中国特色社会主义进入新时代，这是我国发展新的历史方位。")])
    False
    """
    return heads_after_evidence(units)[0] >= HEADS_AFTER_AT


def _display_runs(units: list[Unit]) -> list[list[int]]:
    """Runs of display lines (indices; furniture between them is skipped)
    that hold a headline or subtitle: a byline closes the run it signs."""
    runs, current = [], []
    for i, unit in enumerate(units):
        if unit.kind.removed:
            continue
        if unit.kind in HEADISH:
            current.append(i)
            if unit.kind is Kind.BYLINE and not (i + 1 < len(units) and units[i + 1].kind is Kind.BYLINE):
                runs.append(current)
                current = []
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [r for r in runs if any(units[i].kind in (Kind.HEADLINE, Kind.SUBTITLE) for i in r)]


def labels_items(units: list[Unit], i: int, pats: Patterns) -> bool:
    """Whether the display line at i is a column label over bulleted items
    (信息快递 ⏎ ●本报讯 …): it stays above them on any page.

    >>> labels_items([Unit([], "信息快递", kind=Kind.HEADLINE), Unit([], "●本报讯 日前，高新区获评示范区。")], 0, load_patterns())
    True
    """
    nxt = _next_content(units, i)
    return units[i].kind in (Kind.HEADLINE, Kind.LABEL) and chinese_length(units[i].text) <= pats.label_max \
        and nxt is not None and nxt.kind is Kind.BODY and bool(ITEM_MARK.match(nxt.text))


def closes_text_above(units: list[Unit], run: list[int], above: list[Unit], below: list[Unit]) -> Evidence | None:
    """On a page that gives titles after their texts, whether a title run
    closes the text above it (and goes over it), not a section heading over
    the text below: it ends in a byline, no text follows it before the next
    head, or the text above opens with a news lead (本报讯…) that no title
    went over; a run with no text above it closes nothing.

    >>> t = Unit([], "本报讯（记者 林涛）9月20日上午，一列中欧班列从滨海港口物流园驶出。", lead="本报讯")
    >>> closes_text_above([Unit([], "港口物流园开通中欧班列", kind=Kind.HEADLINE)], [0], [t], []).rule
    'no_text_under_it'
    >>> closes_text_above([Unit([], "新时代的鲜明主题", kind=Kind.HEADLINE)], [0], [Unit([], "中国特色社会主义进入新时代，这是我国发展新的历史方位。")],
    ...                   [Unit([], "中国特色社会主义新时代，是承前启后、继往开来的时代。")]) is None
    True
    """
    if units[run[-1]].kind is Kind.BYLINE:
        return Evidence("signs_text_above", "heads_after", 2, "a byline closes it")
    if not any(_is_text(u) for u in above):
        return None          # no text of its own to close: a banner or a chart's title
    if not any(_is_text(u) for u in below):
        return Evidence("no_text_under_it", "heads_after", 2, "no text before the next head")
    text_above = [u for u in above if _is_text(u)]
    if text_above and text_above[0].lead:
        return Evidence("lead_above", "heads_after", 2, f"the text above opens with {text_above[0].lead!r}")
    return None      # (how well it names the text above says little: a section heading names its article too)


def place_heads_above_text(units: list[Unit], log: list[LogEntry], pats: Patterns | None = None) -> list[Unit]:
    """On a page that gives titles after their texts, move each title run
    (with its byline) above the text that ends where it starts
    (:func:`closes_text_above`; a label over bulleted items stays over
    them). Display lines before the first text or after the last title
    belong to no article: page banners, removed with that reason."""
    score, evidence = heads_after_evidence(units)
    if score < HEADS_AFTER_AT:
        return units
    pats = pats or load_patterns()
    why = "; ".join(f"{e.rule} +{e.score:g}" for e in evidence)
    runs = []
    for run in _display_runs(units):
        if len(run) > 1 and labels_items(units, run[-1], pats):
            runs.extend([run[:-1], run[-1:]])     # a label over the items under it: a run of its own
        else:
            runs.append(run)
    bounds = [r[0] for r in runs] + [len(units)]
    moves: list[tuple[list[int], Evidence]] = []
    for n, run in enumerate(runs):
        if len(run) == 1 and labels_items(units, run[0], pats):
            continue
        previous_end = runs[n - 1][-1] + 1 if n else 0
        above = units[previous_end:run[0]]
        below = units[run[-1] + 1:bounds[n + 1]]
        found = closes_text_above(units, run, above, below)
        if found is not None:
            moves.append((run, found))
    out: list[Unit] = []
    start = 0
    for n, (run, found) in enumerate(moves):
        moved = set(run)
        span = [units[k] for k in range(start, run[-1] + 1) if k not in moved]
        if n == 0:
            for unit in span:
                if _is_text(unit):
                    break
                if unit.kind in (Kind.HEADLINE, Kind.LABEL):
                    unit.kind, unit.reason = Kind.FURNITURE, BANNER_REASON
        items_end = _after_labelled_items(units, start, run[0], pats)
        out.extend(units[k] for k in range(start, items_end) if k not in moved)
        span = [units[k] for k in range(items_end, run[-1] + 1) if k not in moved]
        head = [units[k] for k in run]
        log.append(LogEntry("place_heads_above_text", f"L{head[0].first}",
                            f"{head[0].text[:20]!r}: titles follow their texts on this page ({why}); "
                            f"{found.reason}; moved above the text from L{span[0].first if span else head[0].first}"))
        out.extend(head)
        out.extend(span)
        start = run[-1] + 1
    for unit in units[start:]:
        if unit.kind in (Kind.HEADLINE, Kind.LABEL):
            unit.kind, unit.reason = Kind.FURNITURE, BANNER_REASON
        out.append(unit)
    return out


def _after_labelled_items(units: list[Unit], start: int, end: int, pats: Patterns) -> int:
    """The index after the last bulleted item under a label between start and
    end (the label and its items stay where they are), or start."""
    last = start
    for i in range(start, end):
        if labels_items(units, i, pats):
            k = i + 1
            while k < end and (units[k].kind.removed or units[k].kind in (Kind.BYLINE, Kind.CAPTION)
                               or (units[k].kind is Kind.BODY and ITEM_MARK.match(units[k].text))):
                k += 1
            last = k
    return last


def mark_labels(units: list[Unit], pats: Patterns) -> None:
    """A block of several very short fragments is a column label (礼赞 ⏎ 2019 ⏎ 年终特稿)."""
    i = 0
    while i < len(units):
        unit = units[i]
        j = i
        while j < len(units) and (j == i or units[j].gap == 0) \
                and units[j].kind in (Kind.HEADLINE, Kind.BODY, Kind.LABEL) \
                and chinese_length(units[j].text) <= 6 and len(units[j].lines) == 1:
            j += 1
        if j - i >= 2 and unit.block_lines == j - i:
            for k in range(i, j):
                units[k].kind = Kind.LABEL
            i = j
        else:
            i += 1


def _next_content(units: list[Unit], i: int) -> Unit | None:
    for unit in units[i + 1:]:
        if unit.kind is not Kind.CAPTION and not unit.kind.removed:
            return unit
    return None


def starts_article(units: list[Unit], i: int) -> bool:
    """Whether a headline at i is followed (after more headlines) by a byline,
    a news lead or a subtitle: the head of a new article."""
    for unit in units[i + 1:i + 6]:
        if unit.kind in (Kind.HEADLINE, Kind.CAPTION, Kind.LABEL):
            continue
        return unit.kind in (Kind.BYLINE, Kind.SUBTITLE) or bool(unit.lead)
    return False


def _continues_text_before_ads(units: list[Unit], i: int) -> bool:
    """Whether unit i carries on a sentence broken off just before the ads."""
    before = next((u for u in reversed(units[:i]) if not u.kind.removed and u.kind is not Kind.CAPTION), None)
    if before is None or before.kind is not Kind.BODY or ends_sentence(before.text):
        return False
    _, why = continuation_evidence(before.text, units[i].text)
    return "crosses" in why or "punctuation" in why or "open clause" in why


def news_item(unit: Unit, pats: Patterns) -> bool:
    """A block that is news, whatever words it uses: it opens with a news
    lead (本报讯…, after a bullet too: ●本报讯 …) or is signed (（记者 许诺）).
    An ad has neither; a column of ads ends at it.

    >>> news_item(Unit([], "●本报讯 高新区第二批人才公寓近日开始分配，共提供房源360套"), load_patterns())
    True
    >>> news_item(Unit([], "●临街商铺两间，面积120平方米，价格面议"), load_patterns())
    False
    """
    bullet = pats.byline_bullets.match(unit.text)
    return bool(unit.lead or unit.signature or pats.lead.match(unit.text[bullet.end():] if bullet else unit.text))


CLASSIFIED_AD_REASON = "广告 (classified ad"    # the reason of a block judged an ad on its own features


def mark_ad_columns(units: list[Unit], pats: Patterns, log: list[LogEntry]) -> None:
    """Classified ads and service boxes, and the short blocks of their column."""
    in_column = False
    for i, unit in enumerate(units):
        if unit.kind.removed:
            continue
        score = ad_score(unit.text, pats)
        # a long sentence of an article may give one service number; an ad gives more
        need = pats.ad_threshold + (2 if chinese_length(unit.text) >= pats.ad_article_length
                                    and ends_sentence(unit.text) else 0)
        if unit.kind is Kind.HEADLINE and starts_article(units, i):
            need = max(need, pats.ad_threshold + ad_score(unit.text, pats, vocabulary=True)
                       - ad_score(unit.text, pats, vocabulary=False))   # trade words alone do not count
        if score >= need and unit.kind is not Kind.BYLINE:
            unit.kind, unit.reason, in_column = Kind.AD, f"{CLASSIFIED_AD_REASON}: {score} ad features)", True
            continue
        if not in_column:
            continue
        long_clean = (chinese_length(unit.text) >= pats.ad_article_length
                      and ad_score(unit.text, pats, vocabulary=True) == 0)
        prose = prose_in_flow(unit, pats)
        if prose is not None and chinese_length(unit.text) >= 2 * PROSE_AD_LENGTH \
                and ad_score(unit.text, pats, vocabulary=False) < pats.ad_threshold:
            unit.evidence.append(prose)   # a long block of sentences: a trade word (竞聘) does not make it an ad
            long_clean = True
        if long_clean or unit.kind in (Kind.BYLINE, Kind.SUBTITLE) or news_item(unit, pats) or (
                unit.kind is Kind.HEADLINE and starts_article(units, i) and not ad_score(unit.text, pats, True)):
            in_column = False
            continue
        if _continues_text_before_ads(units, i):
            in_column = False            # the rest of a sentence the ad was placed into
            continue
        if ad_score(unit.text, pats, vocabulary=True):
            unit.kind, unit.reason = Kind.AD, "广告栏 (in a column of classified ads)"
            continue
        if ends_sentence(unit.text) and chinese_length(unit.text) >= 12:
            in_column = False            # a finished sentence with no ad feature is text
            continue
        nxt = _next_content(units, i)
        if unit.kind is Kind.HEADLINE and nxt is not None and (news_item(nxt, pats) or (
                chinese_length(nxt.text) >= pats.ad_article_length and ad_score(nxt.text, pats, vocabulary=True) == 0)):
            in_column = False          # the title of an article after the ads, or the label of news items
            continue
        unit.kind, unit.reason = Kind.AD, "广告栏 (in a column of classified ads)"


def _previous_content(units: list[Unit], i: int) -> Unit | None:
    for unit in reversed(units[:i]):
        if not unit.kind.removed:
            return unit
    return None


AD_BOX_REASON = "广告 (in the box of the ad below it)"


def in_ad_box_above(unit: Unit, pats: Patterns) -> bool:
    """Whether a block right above an ad is more of that ad: the ad's phone
    is often on its last line (房屋出租 ⏎ 临街商铺两间，…价格面议。 ⏎
    联系电话：…), so a short block with a trade word of its own goes with it;
    a long block, a block with no ad feature, a byline or a news lead does not.

    >>> in_ad_box_above(Unit([], "临街商铺两间，面积120平方米，交通便利，价格面议。"), load_patterns())
    True
    >>> in_ad_box_above(Unit([], "高新区有关负责人介绍，四季度园区将继续抓好在建项目的进度。"), load_patterns())
    False
    """
    return unit.kind in (Kind.BODY, Kind.HEADLINE, Kind.LABEL) and not unit.lead and not unit.signature \
        and chinese_length(unit.text) <= pats.ad_short_block and ad_score(unit.text, pats, vocabulary=True) > 0


def mark_ad_boxes_upward(units: list[Unit], pats: Patterns) -> None:
    """The blocks right above a classified ad that are more of it (see
    :func:`in_ad_box_above`) are that ad; so is a short display line between
    two of them (投资热线 全程代办 ⏎ 滨海高新区 诚洲四方客商 ⏎ 招商热线：…: the
    slogan's trade word misread, the box's other lines say what it is)."""
    for i, unit in enumerate(units):
        if unit.kind is not Kind.AD or not unit.reason.startswith(CLASSIFIED_AD_REASON):
            continue
        for k in range(i - 1, -1, -1):
            above = units[k]
            if above.kind.removed:
                if above.kind is Kind.AD:
                    continue
                break
            if not in_ad_box_above(above, pats):
                if not (_short_display_line(above, pats) and k > 0 and in_ad_box_above(units[k - 1], pats)):
                    break
            above.kind, above.reason = Kind.AD, AD_BOX_REASON


def _short_display_line(unit: Unit, pats: Patterns) -> bool:
    return unit.kind is Kind.HEADLINE and len(unit.lines) == 1 and not unit.lead and not unit.signature \
        and chinese_length(unit.text) <= pats.ad_short_block


def mark_ad_labels(units: list[Unit], pats: Patterns) -> None:
    """The short label just above an ad (招聘启事, 房屋出租) belongs to the ad."""
    for i, unit in enumerate(units):
        if unit.kind is not Kind.AD:
            continue
        prev = _previous_content(units, i)
        if prev is not None and prev.kind in (Kind.HEADLINE, Kind.LABEL) and unit.gap <= 1 \
                and chinese_length(prev.text) <= pats.ad_short_block and ad_score(prev.text, pats, True):
            prev.kind, prev.reason = Kind.AD, "广告 (the label of an ad)"


def mark_gap_captions(units: list[Unit], pats: Patterns) -> None:
    """A short block after a wide gap (where an image stood) is a caption when
    something else says so too: it sits under a title, interrupts a sentence,
    ends like a sentence, or a credit follows it. Otherwise, or when a byline
    or subtitle follows it, it is a title."""
    for i, unit in enumerate(units):
        if i == 0 or unit.kind not in (Kind.HEADLINE, Kind.BODY) or unit.gap < pats.caption_gap:
            continue
        if chinese_length(unit.text) > pats.caption_max or unit.lead or unit.signature:
            continue
        nxt = _next_content(units, i)
        if nxt is not None and (nxt.kind in (Kind.BYLINE, Kind.SUBTITLE) or nxt.lead):
            continue
        prev = _previous_content(units, i)
        after = units[i + 1] if i + 1 < len(units) else None
        evidence = (
            prev is None or prev.kind in (Kind.HEADLINE, Kind.SUBTITLE, Kind.BYLINE, Kind.CAPTION, Kind.LABEL)
            or (prev.kind is Kind.BODY and not ends_sentence(prev.text) and not prev.signature)
            or ends_sentence(unit.text)
            or (after is not None and after.kind is Kind.CAPTION)
        )
        if evidence:
            unit.kind, unit.reason = Kind.CAPTION, GAP_CAPTION


def _credit_only(unit: Unit, pats: Patterns) -> bool:
    """A line that is only a photo credit (新华社记者徐昱摄, 图片来源：…)."""
    text = unit.text.strip()
    return unit.kind is Kind.CAPTION and (bool(pats.credit_line.match(text)) or (
        chinese_length(text) <= 16 and bool(pats.credit_end.search(text))
        and not re.search("[，。；]", text)))


def mark_captions_above_credits(units: list[Unit], pats: Patterns) -> None:
    """The block right above a credit-only line is that picture's caption
    (当前，人们对美好生态环境的要求日益增长。图为… ⏎ 新华社记者徐昱摄): the credit
    signs it. Only a block of text of caption size, not a title above a picture."""
    for i in range(1, len(units)):
        prev, unit = units[i - 1], units[i]
        if _credit_only(unit, pats) and prev.kind is Kind.BODY and not prev.lead and not prev.signature \
                and chinese_length(prev.text) <= 2 * pats.caption_max:
            prev.kind, prev.reason = Kind.CAPTION, "caption (above a photo credit)"
            prev.evidence.append(Evidence("above_a_credit", Kind.CAPTION.value, 3, f"credit {unit.text!r} follows"))


def caption_goes_on(caption: str, text: str, gap: int) -> bool:
    """Whether a line right under a caption, in its block, is the rest of it:
    the caption stops inside a sentence (a title in 《 left open, no full
    stop) and the line is short and ends it (数据来源：《十八届中央纪律检查委员会向中国共产党第 ⏎
    十九次全国代表大会的工作报告》。).

    >>> caption_goes_on("数据来源：《十八届中央纪律检查委员会向中国共产党第", "十九次全国代表大会的工作报告》。", 0)
    True
    >>> caption_goes_on("图为专职保洁人员在河道内进行河道护理巡查。", "中国特色社会主义进入新时代。", 0)
    False
    """
    if gap or ends_sentence(caption) or chinese_length(text) > PROSE_LENGTH or not ends_sentence(text):
        return False
    return closes_bracket(caption, text)


BRACKETS = (("“", "”"), ("《", "》"), ("（", "）"), ("「", "」"))


def closes_bracket(line: str, after: str) -> bool:
    """Whether ``after`` closes a bracket or quote that ``line`` leaves open:
    the two are one phrase broken across lines.

    >>> closes_bracket("——“红船精神与习近平新时代中国特色", "社会主义思想学术研讨会”述要")
    True
    >>> closes_bracket("——“红船精神”述要", "社会主义思想学术研讨会")
    False
    """
    return any(line.count(a) > line.count(b) and after.count(b) > after.count(a) for a, b in BRACKETS)


def join_wrapped_subtitles(units: list[Unit]) -> list[Unit]:
    """A subtitle (——…) that leaves a quote or a title open goes on in the
    head line right under it that closes it (——“红船精神与习近平新时代中国特色 ⏎
    社会主义思想学术研讨会”述要): one subtitle wrapped in a narrow column."""
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if prev is not None and prev.kind is Kind.SUBTITLE and unit.kind in (Kind.HEADLINE, Kind.LABEL) \
                and unit.gap == 0 and closes_bracket(prev.text, unit.text):
            absorb(prev, unit, Evidence("join_wrapped_subtitles", Kind.SUBTITLE.value, 0, f"wrapped onto L{unit.first}"))
            continue
        out.append(unit)
    return out


# A title is set in the page's largest type, so it is short; a line at least twice its length set
# right under it, in its block, is smaller type: the subtitle whose dash the OCR lost (让红船精神放射时代光芳,
# 11 characters ⏎ “红船精神与…学术研讨会”述要, 30). A kicker above a title runs to its length or a little
# beyond (三季度经济运行观察 9 ⏎ 河阳高新区前三季度工业投资增长两成 17: not twice), and over two lines,
# wrapped, only when the title is at least as long; a title alone wraps within one display block.
SUBTITLE_RATIO = 2
SUBTITLE_MIN = 20     # characters: shorter lines are a title and its kicker whatever their ratio


def undashed_subtitle(title: Unit, unit: Unit) -> bool:
    """Whether ``unit``, a display line set right under the one-line title
    ``title`` in its block, is that title's subtitle printed without a
    dash (or with one the OCR lost): wrapped over lines, at least twice as
    long, no sentence end (see :data:`SUBTITLE_RATIO`).

    >>> from .model import Line
    >>> title = Unit([Line(460, "让红船精神放射时代光芳", "让红船精神放射时代光芳")], "让红船精神放射时代光芳")
    >>> sub = Unit([Line(461, "“红船精神与习近平新时代中国特色", "“红船精神与习近平新时代中国特色"),
    ...             Line(462, "社会主义思想学术研讨会”述要", "社会主义思想学术研讨会”述要")],
    ...            "“红船精神与习近平新时代中国特色社会主义思想学术研讨会”述要")
    >>> undashed_subtitle(title, sub)
    True
    >>> kicker = Unit([Line(3, "三季度经济运行观察", "三季度经济运行观察")], "三季度经济运行观察")
    >>> head = Unit([Line(4, "河阳高新区前三季度工业投资增长两成", "河阳高新区前三季度工业投资增长两成")], "河阳高新区前三季度工业投资增长两成")
    >>> undashed_subtitle(kicker, head)
    False
    """
    if len(title.lines) != 1 or len(unit.lines) < 2 or unit.gap or ends_sentence(unit.text) \
            or ends_sentence(title.text):
        return False
    size = chinese_length(unit.text)
    return size >= SUBTITLE_MIN and size >= SUBTITLE_RATIO * chinese_length(title.text)


def mark_undashed_subtitles(units: list[Unit]) -> None:
    """A text page's display line right under a title, in its block, that
    :func:`undashed_subtitle` finds the title's subtitle is one; the title
    must open its block (a head of two lines, no more) and be longer than a
    label (简讯 over a title names a column, it titles nothing). A PDF page's
    typography says it by the sizes."""
    label_max = load_patterns().label_max
    for i in range(1, len(units)):
        title, unit = units[i - 1], units[i]
        opens_block = i == 1 or title.gap > 0
        if title.kind is Kind.HEADLINE and unit.kind is Kind.HEADLINE and opens_block \
                and chinese_length(title.text) > label_max \
                and title.hint is None and unit.hint is None and undashed_subtitle(title, unit):
            unit.kind = Kind.SUBTITLE
            unit.evidence.append(Evidence("undashed_subtitle", Kind.SUBTITLE.value, 1,
                                          f"under the title L{title.first}, {chinese_length(unit.text)} characters "
                                          f"to its {chinese_length(title.text)}"))


def join_caption_continuations(units: list[Unit], pats: Patterns | None = None) -> list[Unit]:
    """A caption cut off inside its sentence takes the short line that ends
    it (see :func:`caption_goes_on`); a caption takes the credit line right
    under it (选手在数控车工比赛中加工零件。 ⏎ 本报记者 孙海涛 摄): one picture's
    caption, as a block of blocks form prints it."""
    pats = pats or load_patterns()
    out: list[Unit] = []
    for unit in units:
        prev = out[-1] if out else None
        if prev is not None and prev.kind is Kind.CAPTION and unit.kind is Kind.BODY and not unit.lead \
                and caption_goes_on(prev.text, unit.text, unit.gap):
            absorb(prev, unit, Evidence("caption_goes_on", Kind.CAPTION.value, 1, f"ends on L{unit.first}"))
            continue
        if prev is not None and prev.kind is Kind.CAPTION and unit.gap == 0 and _credit_only(unit, pats) \
                and not _credit_only(prev, pats) and ends_sentence(prev.text):
            absorb(prev, unit, Evidence("caption_credit", Kind.CAPTION.value, 1, f"credit on L{unit.first}"))
            continue
        out.append(unit)
    return out


# A character alone between spaces: a caption letter-spaced by justification (新华社记者 徐 昱摄), not the
# paper's own space around a credit's name (（记者 陈晨 摄）)
SPREAD_NAME = re.compile(f"[{HAN}] [{HAN}] [{HAN}]")


def tidy_prose(unit: Unit, log: list[LogEntry]) -> None:
    """Drop OCR spaces between Chinese characters in running text (after any
    news-lead marker, whose space is the paper's own)."""
    lead = unit.lead if unit.text.startswith(unit.lead) else ""
    rest = unit.text[len(lead):]
    tidy = drop_spaces_in_chinese_prose(rest)
    if tidy != rest:
        log.append(LogEntry("drop_spaces_in_chinese_prose", f"L{unit.first}", f"{rest[:30]!r} → {tidy[:30]!r}"))
        unit.text = lead + tidy


# What the typography of a PDF page can overrule in the kind read from the text:
# display type is no body text or caption; body type is no title, label or
# subtitle; a caption's small type next to an image is no text; a running head
# by its place is furniture whatever it says; a smaller line right under a
# title is its subtitle (副题, dashed or not). What the words alone say (a
# byline, a note, a source line, an ad) typography cannot tell and keeps.
HINT_OVERRULES = {
    Kind.HEADLINE: (Kind.BODY, Kind.CAPTION),
    Kind.BODY: (Kind.HEADLINE, Kind.LABEL, Kind.SUBTITLE, Kind.CAPTION),
    Kind.CAPTION: (Kind.BODY, Kind.HEADLINE, Kind.LABEL),
    Kind.BYLINE: (Kind.BODY, Kind.HEADLINE, Kind.LABEL, Kind.CAPTION),
    Kind.SUBTITLE: (Kind.BODY, Kind.HEADLINE, Kind.LABEL, Kind.CAPTION),
    Kind.FURNITURE: tuple(k for k in Kind if k is not Kind.FURNITURE),
    Kind.AD: (Kind.BODY, Kind.HEADLINE, Kind.LABEL, Kind.BYLINE, Kind.CAPTION, Kind.SUBTITLE),
}


def layout_title(unit: Unit) -> bool:
    """A PDF head's title (its largest type, over the columns it heads) that
    the text took for a byline: a label's words can read as a name (信息快递:
    信 is a surname), a title's place cannot.

    >>> layout_title(Unit([], "信息快递", kind=Kind.BYLINE, hint=Kind.HEADLINE, evidence=[Evidence("pdf_title", "start_article", 1.0)]))
    True
    >>> layout_title(Unit([], "欧阳辉", kind=Kind.BYLINE, hint=Kind.HEADLINE))
    False
    """
    return unit.kind is Kind.BYLINE and unit.hint is Kind.HEADLINE \
        and any(e.rule == "pdf_title" and e.score > 0 for e in unit.evidence)


def apply_hint(unit: Unit) -> None:
    """Let the page's typography (a PDF's sizes and places) decide where the
    text says otherwise; the decision goes in the unit's evidence.

    >>> u = Unit([], "新时代的鲜明主题。", kind=Kind.BODY, hint=Kind.HEADLINE); apply_hint(u); u.kind.value
    'headline'
    >>> u = Unit([], "叶 帆", kind=Kind.HEADLINE, hint=Kind.BYLINE); apply_hint(u); u.kind.value, u.authors
    ('byline', ['叶帆'])
    >>> u = Unit([], "（作者为中央党校教授）", kind=Kind.NOTE, hint=Kind.BODY); apply_hint(u); u.kind.value
    'note'
    """
    hint = unit.hint
    if hint is None or unit.kind is hint:
        return
    if unit.kind not in HINT_OVERRULES.get(hint, ()) and not layout_title(unit):
        return
    if hint is Kind.BODY and unit.kind is Kind.CAPTION and unit.reason != GAP_CAPTION:
        return                      # a caption by its own words (…摄, 图为…), not by a gap in the text
    unit.evidence.append(Evidence("typography_wins", hint.value, 1.0, f"text said {unit.kind.value}"))
    unit.kind = hint
    if hint is Kind.FURNITURE:
        unit.reason = unit.reason or "page furniture (by its place on the page)"
    elif hint is Kind.AD:
        unit.reason = unit.reason or "广告 (an ad box, by the page's layout)"
    elif hint is Kind.CAPTION:
        unit.reason = unit.reason or "caption (small type next to an image)"
    elif hint is Kind.BYLINE and not unit.authors:
        tokens = unit.text.split()
        if all(len(t) == 1 for t in tokens):       # a name set letter-spaced: 叶 帆
            tokens = ["".join(tokens)]
        unit.authors = [t for t in tokens if NAME.match(t)]


def classify(units: list[Unit], log: list[LogEntry], pats: Patterns | None = None) -> None:
    """Give every unit its kind, in place; a typographic hint (PDF pages) wins
    where it disagrees (see :data:`HINT_OVERRULES`)."""
    pats = pats or load_patterns()
    for unit in units:
        classify_unit(unit, pats)
    units[:] = join_split_names(units)
    units[:] = join_vertical_names(units, pats)
    units[:] = join_role_names(units, pats)
    units[:] = join_wrapped_heads(units, pats)
    units[:] = join_text_openings(units)
    units[:] = join_wrapped_subtitles(units)
    mark_undashed_subtitles(units)
    mark_name_continuations(units)
    mark_labels(units, pats)
    mark_ad_columns(units, pats, log)
    mark_ad_boxes_upward(units, pats)
    mark_ad_labels(units, pats)
    mark_gap_captions(units, pats)
    mark_captions_above_credits(units, pats)
    units[:] = join_caption_continuations(units, pats)
    mark_bare_bylines(units, pats)
    mark_sentence_pieces(units)
    mark_prose_wraps(units)
    mark_long_titles(units)
    units[:] = place_heads_above_text(units, log, pats)
    for unit in units:
        apply_hint(unit)
    for unit in units:
        if unit.kind is Kind.BODY or (unit.kind is Kind.CAPTION and SPREAD_NAME.search(unit.text)):
            tidy_prose(unit, log)
    mark_jumped_in_titles(units)
    for unit in units:
        if unit.signature:
            log.append(LogEntry("split_signature", f"L{unit.last}", f"signature {unit.signature!r} → byline"))
        if unit.kind.removed:
            log.append(LogEntry("drop_" + unit.kind.value, f"L{unit.first}-L{unit.last}",
                                f"{unit.text[:40]!r}: {unit.reason}"))
        elif unit.kind is Kind.CAPTION:
            log.append(LogEntry("lift_caption", f"L{unit.first}", f"{unit.text[:40]!r}: {unit.reason}"))
