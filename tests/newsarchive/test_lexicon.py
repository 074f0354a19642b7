"""The jieba user lexicon (lexicon.py)."""
import unicodedata

import jieba

from newsarchive import lexicon, topics, zones


def test_lexicon_has_every_zone_form_and_topic_keyword():
    words = set(lexicon.user_words())
    for z in zones.load_zones():
        assert z.name in words and z.full_name in words and set(z.aliases) <= words
    assert "淄博国家高新技术产业开发区" in words and "高新区" in words
    for t in topics.load_topics():
        assert t.name in words
    assert "招商引资" in words and "营商环境" in words


def test_words_are_unique_nfc_and_without_spaces():
    words = lexicon.user_words()
    assert len(words) == len(set(words))
    for w in words:
        assert len(w) >= 2 and w == unicodedata.normalize("NFC", w) and not any(c.isspace() for c in w)


def test_install_keeps_zone_names_whole_and_is_idempotent():
    tok = jieba.Tokenizer()
    assert lexicon.install(tok) == len(lexicon.user_words())
    assert lexicon.install(tok) == 0
    for name in ["东莞松山湖高新区", "包头稀土高新区", "安康高新区", "武汉东湖新技术开发区"]:
        assert name in tok.lcut(f"9月4日,{name}管委会与大朗镇举行签约仪式")
