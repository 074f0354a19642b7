"""text.py: the converter's own cut gives jieba's words (HMM off), text for text."""
from __future__ import annotations

import os
from pathlib import Path

import jieba
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from newsarchive import lexicon, text
from newsarchive.text import cut, tokenizer, word_across

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt"))
SETTINGS = settings(max_examples=300, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow])
# Chinese, letters, digits, jieba's block characters (+#&._%-), spaces, CR LF and punctuation
ALPHABET = st.sampled_from(list("高新区稀土产业发展推动科技创新园区企业特色研究院有限公司的了是在和")
                           + list("aZ09+#&._%- \t\r\n，。、“”（）《》：；！？—…·\u3000"))


def jieba_words(s: str) -> list[str]:
    return tokenizer().lcut(s, HMM=False)


def test_split_patterns_are_jiebas():
    assert text.JIEBA_BLOCK.pattern == jieba.re_han_default.pattern
    assert text.JIEBA_SKIP.pattern == jieba.re_skip_default.pattern
    assert text.JIEBA_ENG.pattern == jieba.re_eng.pattern


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_cut_is_jiebas_on_pages(path):
    lexicon.install()
    page = path.read_text(encoding="utf-8")
    assert cut(page) == jieba_words(page)


@given(s=st.text(alphabet=ALPHABET, max_size=80))
@SETTINGS
def test_cut_is_jiebas_on_any_text(s):
    assert cut(s) == jieba_words(s)


def test_cut_sees_added_words():
    phrase = "说犇猋骉麤了"
    assert "犇猋骉" not in cut(phrase)
    text.add_words(["犇猋骉"])
    assert cut(phrase) == jieba_words(phrase) == ["说", "犇猋骉", "麤", "了"]


def test_word_across_sees_added_words():
    assert word_across("测速鼗", "鼙鼛好") == ""
    text.add_words(["鼗鼙鼛"])
    assert word_across("测速鼗", "鼙鼛好") == "鼗鼙鼛"
