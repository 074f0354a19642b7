"""A big input does not give a source page many times its size: the cleaning
log records each changed span with a little context, not whole lines (a 20 MB
page once gave a 100 MB source page). Every character is still kept: the raw
text once, on the source page."""
from __future__ import annotations

from helpers import convert_here

LINE = "今年以来,淄博高新区在科技创新等方面取得了一定成绩,迈上新台阶。"      # ASCII commas: fixed on every line


def test_the_source_page_of_a_big_input_stays_near_its_size(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    text = "淄博高新区发展\n\n" + (LINE * 60 + "\n\n") * 60        # 60 lines of 1,920 characters: 350 kB
    (src / "big.txt").write_text(text, encoding="utf-8")
    proc = convert_here("--src", src, "--out", tmp_path / "docs")
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "docs" / "sources" / "big.md").read_text(encoding="utf-8")
    size, raw = len(page.encode()), len(text.encode())
    assert text.strip() in page                     # the raw text, whole
    log = page.split("## 处理记录", 1)[1].split("## 原始文本", 1)[0]
    rule_lines = [line for line in log.splitlines() if line.startswith("- `")]
    assert len(rule_lines) >= 60                    # every changed line is logged …
    assert max(len(line) for line in rule_lines) < 1000      # … by its changed spans, not the line
    assert len(log.encode()) < 0.2 * raw
    assert size < 1.3 * raw, (size, raw)
