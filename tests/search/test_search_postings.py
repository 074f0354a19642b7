"""The block at once (numpy) gives what the article-by-article definition gives."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_site.search import codec
from archive_site.search.builder import plan_splits
from archive_site.search.postings import block_postings, block_postings_by_article, index_text
from archive_site.search.records import Record

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Few distinct characters (so keys repeat and runs form), whitespace of
# several kinds (a key never spans it), a character beyond the BMP, one
# that folds to two (ß → ss) and full-width forms that fold to ASCII.
ALPHABET = "高新区技术园企业 \n\u3000\tßＡa１𠀀，。"
texts = st.text(alphabet=ALPHABET, max_size=60)
records = st.lists(st.builds(lambda t, b: Record(url="a.html", title=t, text=b), texts, texts), max_size=6)


def splits_of(records: list[Record]) -> set[str]:
    """Keys split as a build with a small threshold would split them (chains up to 5 code points)."""
    return plan_splits([index_text(r)[0] for r in records], 1.0, threshold=2, max_gram=5)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records, st.integers(min_value=0, max_value=5000), st.booleans())
def test_block_postings_is_the_article_by_article_definition(block, start, split):
    keys = splits_of(block) if split else set()
    assert block_postings(start, block, keys) == block_postings_by_article(start, block, keys)


def test_the_seed_texts_give_the_same_postings():
    paragraphs = [line for path in sorted(SEEDS.glob("*.txt"))
                  for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    block = [Record(url=f"{i}.html", title=paragraphs[i][:12], text="\n".join(paragraphs[i:i + 9]))
             for i in range(0, len(paragraphs), 9)]
    keys = splits_of(block)
    assert len(keys) > 20 and max(map(len, keys)) >= 4     # the split chains are exercised
    made = block_postings(0, block, keys)
    assert made == block_postings_by_article(0, block, keys)
    assert len(made.postings) > 1000


def test_a_number_past_the_coding_tables_falls_back_to_article_by_article():
    long = Record(url="a.html", title="高新", text="区" * (codec.SMALL_LIMIT + 10) + "高新")
    block = block_postings(3, [long], set())
    assert block == block_postings_by_article(3, [long], set())
    assert block.postings["高新"][0] == 3


@pytest.mark.parametrize("text", ["", " \n\u3000", "高"])
def test_articles_without_keys(text):
    block = [Record(url="a.html", title="", text=text)] * 2
    assert block_postings(0, block, set()) == block_postings_by_article(0, block, set())
