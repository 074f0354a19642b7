"""Line-level text fixers, in the order they run (``LINE_RULES``).

Each fixer is a small pure function ``str -> str`` that changes one kind of
thing and nothing else, with an example from a real OCR or pdftotext page as
its doctest. :func:`fix_line` runs them all and reports which rule changed
what, so a run can explain itself.

Chinese text safety: text stays NFC; full-width punctuation is never folded
to ASCII and “” quotes are never straightened. Only ASCII punctuation that
sits in Chinese text becomes full-width, and only the spaces that
letter-spacing put between Chinese characters are removed.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, NamedTuple

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation that belongs to Chinese text.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—·～"
CJK = f"[{HAN}]"
CJK_OR_PUNCT = f"[{HAN}{CJK_PUNCT}]"

_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_LINE_SEPARATORS = re.compile("[\u2028\u2029]")


def normalize_unicode(text: str) -> str:
    """NFC, no invisible characters, no control characters, plain spaces.

    >>> normalize_unicode("淄博\\u200b高新区\\u00a0发展")
    '淄博高新区 发展'
    >>> normalize_unicode("e\\u0301") == "\\u00e9"
    True
    """
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _LINE_SEPARATORS.sub(" ", text)
    return text.replace("\u00a0", " ").replace("\u2002", " ").replace("\u2003", " ")


_FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})


def fold_fullwidth_alphanumerics(text: str) -> str:
    """Full-width Latin letters and digits become ASCII; punctuation stays.

    >>> fold_fullwidth_alphanumerics("全区ＧＤＰ增长１２．５％，")
    '全区GDP增长12．5％，'
    """
    return text.translate(_FULLWIDTH_ALNUM)


_SPACE_RUN = re.compile(r"[ \u3000]+")


def is_letter_spaced(text: str) -> bool:
    """True when justification spread the characters of a line apart.

    >>> is_letter_spaced("发 展 阶 段 ，正 处 在 关 键 时 期")
    True
    >>> is_letter_spaced("► 岳书杰 毛琳琳 曹亚琼 郭方强")
    False
    >>> is_letter_spaced("东莞松山湖科学城 首个园镇合作试点项目签约")
    False
    """
    tokens = [t for t in _SPACE_RUN.split(text.strip()) if t]
    if len(tokens) < 3:
        return False
    single = [len(t) == 1 and re.match(CJK_OR_PUNCT, t) is not None for t in tokens]
    longest = run = 0
    for s in single:
        run = run + 1 if s else 0
        longest = max(longest, run)
    return longest >= 3 or (sum(single) >= 2 and sum(single) * 2 >= len(tokens))


def join_padded_names(text: str) -> str:
    """A two-character name padded to three cells with an ideographic space
    (王　强) is one name, not letter-spacing.

    >>> join_padded_names("本报记者 王　强 李　明")
    '本报记者 王强 李明'
    >>> join_padded_names("发　展　阶　段")
    '发　展　阶　段'
    """
    return re.sub(f"(?:(?<=^)|(?<= ))({CJK})\u3000({CJK})(?= |$)", r"\1\2", text)


def remove_letter_spacing(text: str) -> str:
    """Drop the spaces letter-spacing put between Chinese characters.

    >>> remove_letter_spacing("我 国 发 展 进 入 新 阶 段 ，正 处 在 关 键 时 期")
    '我国发展进入新阶段，正处在关键时期'
    >>> remove_letter_spacing("非线性 Feynman-Kac 公式")
    '非线性 Feynman-Kac 公式'
    """
    if not is_letter_spaced(text):
        return text
    return re.sub(f"(?<={CJK_OR_PUNCT})[ \u3000]+(?={CJK_OR_PUNCT})", "", text)


def drop_ideographic_indent(text: str) -> str:
    """Leading and trailing white space (the 　　 paragraph indent) goes.

    >>> drop_ideographic_indent("\\u3000\\u3000本报讯 近日，")
    '本报讯 近日，'
    """
    return text.strip(" \t\u3000")


_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def fullwidth_punctuation_in_chinese(text: str) -> str:
    """ASCII , ; : ? ! next to Chinese text become full-width; not in numbers.

    >>> fullwidth_punctuation_in_chinese("今年以来,淄博高新区在“双招双引”、科技创新")
    '今年以来，淄博高新区在“双招双引”、科技创新'
    >>> fullwidth_punctuation_in_chinese("高新之上,何以登新高?")
    '高新之上，何以登新高？'
    >>> fullwidth_punctuation_in_chinese("10:30召开,投资1,000万元")
    '10:30召开，投资1,000万元'
    >>> fullwidth_punctuation_in_chinese("方法一: 打开微信")
    '方法一：打开微信'
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in _ASCII_TO_FULL:
            out.append(text[i])
            i += 1
            continue
        j = i                                      # the run: marks, and spaces between marks
        while j < n and (text[j] in _ASCII_TO_FULL or (text[j] == " " and text[j:].lstrip(" ")[:1] in _ASCII_TO_FULL)):
            j += 1
        k = j
        while k < n and text[k] == " ":
            k += 1
        following = text[k] if k < n else ""
        m = len(out)
        while m and out[m - 1] == " ":
            m -= 1
        before = out[m - 1] if m else ""           # judged as already converted
        in_number = j - i == 1 and before.isdigit() and following.isdigit() and m == len(out) and k == j
        if not in_number and (_is_chinese(before) or _is_chinese(following)):
            del out[m:]                            # the ASCII spaces around it go
            out.extend(_ASCII_TO_FULL[c] for c in text[i:j] if c != " ")
            i = k
        else:
            out.append(text[i:j])
            i = j
    return "".join(out)


def _is_chinese(ch: str) -> bool:
    return bool(ch) and re.match(f"[{HAN}{CJK_PUNCT}]", ch) is not None


_ANGLE_FOR_PAREN = re.compile(f"〈([^〈〉()（）]{{0,30}}{CJK}[^〈〉()（）]{{0,30}})[)）]")


def angle_bracket_for_paren(text: str) -> str:
    """OCR reads an opening （ as 〈 now and then; a 〈 closed by ) or ）,
    never by its own 〉, is one (开发区。 〈记者 韩梅) is a signature).

    >>> angle_bracket_for_paren("开发区。 〈记者 韩梅)"), angle_bracket_for_paren("〈论语〉有云")
    ('开发区。 （记者 韩梅）', '〈论语〉有云')
    """
    return _ANGLE_FOR_PAREN.sub(r"（\1）", text) if "〈" in text else text


def fullwidth_brackets_in_chinese(text: str) -> str:
    """ASCII ( ) around or beside Chinese text become （ ）, as pairs.

    >>> fullwidth_brackets_in_chinese("本报讯(记者 于大勇)近日")
    '本报讯（记者 于大勇）近日'
    >>> fullwidth_brackets_in_chinese("白血病(APL)曾经")
    '白血病（APL）曾经'
    >>> fullwidth_brackets_in_chinese("f(x) = (a+b)")
    'f(x) = (a+b)'
    """
    chars = list(text)
    stack: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            start = stack.pop()
            before = chars[start - 1] if start else ""
            first = chars[start + 1] if start + 1 < len(chars) else ""
            after = chars[i + 1] if i + 1 < len(chars) else ""
            inner = "".join(chars[start + 1:i])
            if _is_chinese(before) or _is_chinese(after) or re.search(CJK, inner) or _is_chinese(first):
                chars[start], chars[i] = "（", "）"
    return "".join(chars)


def mixed_quotes_in_chinese(text: str) -> str:
    """OCR reads some curly quotes as straight ones (or the opening one as
    *): a straight mark after an open “ closes it, one (or a * before a
    Chinese character) with a ” ahead of it and no opening mark between opens it.

    >>> mixed_quotes_in_chinese('报告对“实施健康中国战略"作出全面部署')
    '报告对“实施健康中国战略”作出全面部署'
    >>> mixed_quotes_in_chinese('从时间维度把握"永远在路上”，意味着要求*高举伟大旗帜”')
    '从时间维度把握“永远在路上”，意味着要求“高举伟大旗帜”'
    >>> mixed_quotes_in_chinese('He said "yes", a*b'), mixed_quotes_in_chinese('对"一把手"的监督')
    ('He said "yes", a*b', '对"一把手"的监督')
    """
    if '"' not in text and "*" not in text:
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch not in '"*':
            continue
        before = "".join(chars[:i])
        opened = before.rfind("“") > before.rfind("”")
        if ch == '"' and opened and re.search(CJK, before[before.rfind("“"):] or ""):
            chars[i] = "”"
            continue
        ahead = text[i + 1:]
        close = ahead.find("”")
        if close > 0 and not re.search('[“"]', ahead[:close]) and re.match(CJK, ahead) and not opened:
            chars[i] = "“"
    return "".join(chars)


_PRIME_QUOTE = re.compile(f"(?<![0-9.])″[ ]*[”\"]?(?=[ ]*{CJK})")


def prime_quotes_in_chinese(text: str) -> str:
    """OCR (tesseract's chi_sim) reads an opening “ before Chinese text as a
    double prime ″, sometimes with the quote read once more beside it (″”):
    Chinese text has no use for ″ but after a figure (5″, inches or seconds).

    >>> prime_quotes_in_chinese("在省会城市设立″”科创飞地”，获得″ 高新区技术能手”称号")
    '在省会城市设立“科创飞地”，获得“高新区技术能手”称号'
    >>> prime_quotes_in_chinese("屏幕尺寸6.5″大屏")
    '屏幕尺寸6.5″大屏'
    """
    return _PRIME_QUOTE.sub("“", text) if "″" in text else text


def curly_quotes_in_chinese(text: str) -> str:
    """Straight double quotes in Chinese text become “ ” when they pair up.

    >>> curly_quotes_in_chinese('打造"科创之城"的目标')
    '打造“科创之城”的目标'
    >>> curly_quotes_in_chinese('He said "yes"')
    'He said "yes"'
    """
    if text.count('"') % 2 or '"' not in text:
        return text
    parts = text.split('"')
    quoted = parts[1::2]
    if not any(re.search(CJK, q) for q in quoted):
        return text
    out = [parts[0]]
    for k, part in enumerate(parts[1:]):
        out.append("“" if k % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


# one mark, or a pair of two different ones (`. .`), with the comma itself beside it or not; never .. (an ellipsis)
_MISREAD_COMMA = re.compile(f"(?<=[{HAN}])[ ]*、?(?:[`\\\\]\\.|\\.[`\\\\]|[.`\\\\])、?[ ]*(?=[{HAN}])")


def enumeration_comma_in_chinese(text: str) -> str:
    """A . ` or \\ between two Chinese characters is how OCR (tesseract's
    chi_sim) reads the enumeration comma 、: Chinese text has no other use for
    them there. Doubled with the comma itself (、. `.) it is one comma.

    >>> enumeration_comma_in_chinese("全面从严治党要覆盖各领域.各部门、各层级，党员 .干部")
    '全面从严治党要覆盖各领域、各部门、各层级，党员、干部'
    >>> enumeration_comma_in_chinese("不忘初心`牢记使命，存戒慢、.守底线，有静气\\\\有定力")
    '不忘初心、牢记使命，存戒慢、守底线，有静气、有定力'
    >>> enumeration_comma_in_chinese("增长3.5%，www.people.com.cn 人民网，等等...然后")
    '增长3.5%，www.people.com.cn 人民网，等等...然后'
    """
    return _MISREAD_COMMA.sub("、", text)


def drop_spaces_beside_fullwidth_punctuation(text: str) -> str:
    """Full-width punctuation carries its own spacing: no ASCII space beside it.

    The space after a sentence end (。 ！ ？) is kept: it separates a
    signature (…提振。 杜明坤 王满) that a later step lifts into the byline.

    >>> drop_spaces_beside_fullwidth_punctuation("咨询热线： 2271234")
    '咨询热线：2271234'
    >>> drop_spaces_beside_fullwidth_punctuation("加速产业恢复提振。 杜明坤 王满")
    '加速产业恢复提振。 杜明坤 王满'
    """
    text = re.sub("[ ]+(?=[，、；：。！？）》」』])", "", text)
    return re.sub("(?<=[，、；：（《「『])[ ]+", "", text)


def collapse_inner_spaces(text: str) -> str:
    """Runs of spaces (ASCII or ideographic) inside a line become one space.

    >>> collapse_inner_spaces("淄博高新区\u3000\u3000奋力推动跨越式发展")
    '淄博高新区 奋力推动跨越式发展'
    """
    return re.sub("[ \t\u3000]{2,}|\u3000", " ", text)


def drop_spaces_in_chinese_prose(text: str) -> str:
    """In a paragraph of running text, a space between two Chinese characters
    is an OCR artefact (titles, headings and bylines keep theirs); so is a
    space between a Chinese character and a number (digits set in a font of
    their own come out of a PDF with spaces around them), and before a
    number's % sign. Latin words keep their spaces.

    >>> drop_spaces_in_chinese_prose("淄博 高新区 奋力推动 跨越式发展，非线性 Feynman-Kac 公式")
    '淄博高新区奋力推动跨越式发展，非线性 Feynman-Kac 公式'
    >>> drop_spaces_in_chinese_prose("今年 1—10 月，新增企业 1200 家，同比增长 12.5 %，采用 5G 技术")
    '今年1—10月，新增企业1200家，同比增长12.5%，采用 5G 技术'
    """
    return _PROSE_SPACE.sub(_prose_space, text)


_PROSE_SPACE = re.compile("(?<=(.))[ \u3000]+(?=(.))")
_NUMBER_END = re.compile(r"(?<![A-Za-z0-9.,\-])\d[\d.,]*[ \u3000]*%?$")        # a number ends the text before a space
_NUMBER_START = re.compile(r"\d[\d.,]*(?![\d.,A-Za-z])")       # a number starts the text after it


def _prose_space(m: re.Match) -> str:
    left, right = m.group(1), m.group(2)
    chinese_left, chinese_right = re.match(CJK_OR_PUNCT, left), re.match(CJK_OR_PUNCT, right)
    if chinese_left and chinese_right:
        return ""
    before, after = m.string[max(0, m.start() - 24):m.start()], m.string[m.end():m.end() + 24]
    number_before, number_after = _NUMBER_END.search(before), _NUMBER_START.match(after)
    if chinese_left and number_after:
        return ""
    if number_before and (chinese_right or right in "%‰"):
        return ""
    return m.group(0)


OVERPRINT_COVER = 0.9     # share of a line that must be doubled runs: nothing else explains so much repetition


def undo_overprint(text: str) -> str:
    """A display line the PDF printed twice over (a shadow or outline effect)
    comes out of text extraction with every run doubled; keep one copy.

    The whole line must be doubled runs of two or more characters (a lone
    doubled run at least three), so prose that repeats a word keeps it.

    >>> undo_overprint("新时代新时代：发展新方位发展新方位奋进新目标奋进新目标")
    '新时代：发展新方位奋进新目标'
    >>> undo_overprint("朱炳元朱炳元"), undo_overprint("我国社会主要矛盾变化的重大意义我国社会主要矛盾变化的重大意义")
    ('朱炳元', '我国社会主要矛盾变化的重大意义')
    >>> undo_overprint("研究研究"), undo_overprint("看看再说"), undo_overprint("天天向上，好好学习")
    ('研究研究', '看看再说', '天天向上，好好学习')
    >>> undo_overprint("新征程：新征程：明确新目标 谱写新篇章")
    '新征程：明确新目标 谱写新篇章'
    >>> undo_overprint("一路走来一路走来，我们坚守初心")
    '一路走来，我们坚守初心'
    >>> undo_overprint("高新区高新区"), undo_overprint("谢谢谢谢大家")
    ('高新区', '谢谢谢谢大家')
    """
    if len(text) > 80 or "。" in text:
        return text
    out, i, doubled, runs = [], 0, 0, []
    while i < len(text):
        for size in range((len(text) - i) // 2, 1, -1):
            if text[i:i + size] == text[i + size:i + 2 * size] and text[i:i + size].strip():
                out.append(text[i:i + size])
                runs.append(size)
                doubled += 2 * size
                i += 2 * size
                break
        else:
            out.append(text[i])
            i += 1
    visible = len(text.replace(" ", ""))
    if runs and doubled >= OVERPRINT_COVER * visible and not (len(runs) == 1 and runs[0] < 3):
        return "".join(out)
    lead = re.match(r"(\S{3,12}?)\1", text)
    if lead and len(lead.group(1).strip("：:，、 ")) >= 2 and re.search(CJK, lead.group(1)):
        return lead.group(1) + text[lead.end():]     # only the first words caught the shadow (新征程：新征程：明确…)
    return text


class Change(NamedTuple):
    rule: str
    before: str
    after: str


Fixer = Callable[[str], str]

# The ordered registry: every line goes through these, top to bottom.
LINE_RULES: list[Fixer] = [
    normalize_unicode,
    fold_fullwidth_alphanumerics,
    drop_ideographic_indent,
    join_padded_names,
    remove_letter_spacing,
    collapse_inner_spaces,
    enumeration_comma_in_chinese,       # a recognition fix (OCR's 、): see RECOGNITION_FIXES
    prime_quotes_in_chinese,            # a recognition fix (OCR's ″ for “)
    angle_bracket_for_paren,            # a recognition fix (OCR's 〈 for （)
    fullwidth_brackets_in_chinese,      # brackets and quotes first: the marks beside
    mixed_quotes_in_chinese,            # them are judged by what they have become
    curly_quotes_in_chinese,
    fullwidth_punctuation_in_chinese,
    drop_spaces_beside_fullwidth_punctuation,
]


# The rules that judge a mark by its neighbours (fix_line runs them to a fixed point).
PUNCTUATION_RULES: list[Fixer] = [fullwidth_brackets_in_chinese, mixed_quotes_in_chinese, curly_quotes_in_chinese,
                                  fullwidth_punctuation_in_chinese, drop_spaces_beside_fullwidth_punctuation]


# Rules that undo an OCR engine's misreading (not a change of form): the log
# shows the whole clause each touched, so a proofreader can judge the fix.
RECOGNITION_FIXES = frozenset({"enumeration_comma_in_chinese", "mixed_quotes_in_chinese", "prime_quotes_in_chinese",
                               "angle_bracket_for_paren"})


def fix_line(text: str) -> tuple[str, list[Change]]:
    """Run every line rule; return the text and the changes each rule made.

    >>> fix_line("今年以来,淄博高新区")
    ('今年以来，淄博高新区', [Change(rule='fullwidth_punctuation_in_chinese', before='今年以来,淄博高新区', after='今年以来，淄博高新区')])
    """
    changes = []
    for rule in LINE_RULES:
        after = rule(text)
        if after != text:
            changes.append(Change(rule.__name__, text, after))
            text = after
    # A mark made full-width can make its neighbour one of Chinese text in turn
    # (():— → ()：— → （）：—): the punctuation rules run again until nothing changes.
    rerun = {rule.__name__ for rule in PUNCTUATION_RULES}
    for _ in range(3 if any(c.rule in rerun for c in changes) else 0):
        before = text
        for rule in PUNCTUATION_RULES:
            after = rule(text)
            if after != text:
                changes.append(Change(rule.__name__, text, after))
                text = after
        if text == before:
            break
    return text, changes
