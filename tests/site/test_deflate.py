"""archive_site.deflate: packed text round-trips, in Python and through the
browser's decoder (search.js's, the one copy: archive.js uses it), run under
Node and in headless Chromium, for every code point packed in GB18030."""
from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

from archive_site.deflate import ALPHABET, CHARSETS, GB18030_UNSAFE, base91, charset, pack, unbase91, unpack
from archive_site.rawdiff import pack_with
from browser import chromium

ROOT = Path(__file__).resolve().parents[2]
SEARCH_JS = ROOT / "scripts" / "archive_site" / "search" / "assets" / "search.js"
ARCHIVE_JS = ROOT / "scripts" / "archive_site" / "assets" / "archive.js"


def texts() -> list[str]:
    rng = random.Random(7)
    pick = (lambda: chr(rng.randint(0x4E00, 0x9FFF)), lambda: chr(rng.randint(0x20, 0x7E)),
            lambda: chr(0x1F600 + rng.randint(0, 40)), lambda: "\n", lambda: "“")
    return ["", "高", "盾构机 “引号”\n第二行", "\ufeff开头的字节序标记", "私用区\ue5e5和ḿ与︐龴"] + ["".join(rng.choice(pick)() for _ in range(rng.randint(0, 4000)))
                                         for _ in range(30)]


def test_bytes_round_trip_and_alphabet_is_safe_in_json_and_attributes():
    rng = random.Random(3)
    for n in list(range(40)) + [1000, 4097]:
        data = bytes(rng.randrange(256) for _ in range(n))
        assert unbase91(base91(data)) == data
    assert not set('"&\\') & set(ALPHABET) and len(ALPHABET) == 91
    for text in texts():
        assert unpack(pack(text)) == text


def test_the_browser_decoder_reads_what_python_packs(tmp_path):
    script = tmp_path / "inflate.js"
    script.write_text(
        'const api = require(process.argv[2]); let s = "";\n'
        'process.stdin.on("data", d => s += d);\n'
        'process.stdin.on("end", async () => { const out = [];\n'
        '  for (const p of JSON.parse(s)) out.push(await api.inflateText(p));\n'
        '  process.stdout.write(JSON.stringify(out)); });\n', encoding="utf-8")
    cases = texts() + [every_code_point()]
    run = subprocess.run(["node", str(script), str(SEARCH_JS)], input=json.dumps([pack(t) for t in cases]),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == cases


def every_code_point() -> str:
    """Every code point GB18030 packing is used for: the Basic Multilingual
    Plane but surrogates and GB18030_UNSAFE, and every 97th code point above it."""
    chars = (chr(c) for c in range(0x20, 0x110000) if not 0xD800 <= c < 0xE000 and (c < 0x10000 or c % 97 == 0))
    return "".join(ch for ch in chars if not GB18030_UNSAFE.match(ch))


def test_a_text_is_packed_in_gb18030_unless_it_holds_an_unsafe_code_point():
    assert CHARSETS[charset(every_code_point())] == "gb18030"
    assert unbase91(pack("高新区"))[0] == CHARSETS.index("gb18030")
    for ch in "\ue000\uf8ff\ufe10\ufe19\u9fb4\u9fbbḿ":
        assert CHARSETS[charset("高新区" + ch)] == "utf-8" and unpack(pack("高新区" + ch)) == "高新区" + ch
    assert len(pack("淄博高新区“双招双引”" * 3 + "科技创新")) < len(base91(("淄博高新区“双招双引”" * 3 + "科技创新").encode()))


def test_chromium_reads_every_code_point_python_packs_in_gb18030():
    text = every_code_point()
    with chromium() as browser:
        page = browser.new_page()
        page.add_script_tag(content=SEARCH_JS.read_text(encoding="utf-8"))
        got = page.evaluate("(cases) => Promise.all(cases.map((p) => window.gxqSearch.api.inflateText(p)))",
                            [pack(text), pack(texts()[4]), pack("")])
    assert got[1:] == [texts()[4], ""]
    if got[0] != text:
        wrong = [f"U+{ord(a):04X}" for a, b in zip(text, got[0]) if a != b][:20]
        raise AssertionError(f"Chromium's GB18030 decoder reads these otherwise: {wrong}")


def test_archive_js_uses_the_decoder_of_search_js():
    archive = ARCHIVE_JS.read_text(encoding="utf-8")
    assert "function unbase91" not in archive and "window.gxqSearch" in archive and "api.inflateText(" in archive
    assert "function unbase91" in SEARCH_JS.read_text(encoding="utf-8")


def test_chromium_inflates_a_piece_packed_against_a_dictionary():
    """rawdiff.pack_with: the dictionary in front as stored blocks (one, and
    several: over 65,535 bytes), its bytes dropped from the output."""
    short = "淄博高新区奋力推动跨越式发展，新材料产业集群加快形成。"
    long = "".join(texts())[:30000] + short            # over 65,535 bytes in UTF-8
    cases = [(pack_with(short + "\n尾行", short), short, short + "\n尾行"),
             (pack_with("前言\n" + short, long), long, "前言\n" + short)]
    assert len(long.encode("utf-8")) > 65535
    with chromium() as browser:
        page = browser.new_page()
        page.add_script_tag(content=SEARCH_JS.read_text(encoding="utf-8"))
        got = page.evaluate("(cases) => Promise.all(cases.map(([p, d]) => "
                            "window.gxqSearch.api.inflateText(p, new TextEncoder().encode(d))))",
                            [[p, d] for p, d, _ in cases])
    assert got == [want for _, _, want in cases]
