"""archive_site.deflate: packed text round-trips, in Python and through the
browser's decoders (search.js's, the same code as archive.js's, run under Node)."""
from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

from archive_site.deflate import ALPHABET, base91, pack, unbase91, unpack

ROOT = Path(__file__).resolve().parents[2]
SEARCH_JS = ROOT / "scripts" / "archive_site" / "search" / "assets" / "search.js"
ARCHIVE_JS = ROOT / "scripts" / "archive_site" / "assets" / "archive.js"


def texts() -> list[str]:
    rng = random.Random(7)
    pick = (lambda: chr(rng.randint(0x4E00, 0x9FFF)), lambda: chr(rng.randint(0x20, 0x7E)),
            lambda: chr(0x1F600 + rng.randint(0, 40)), lambda: "\n", lambda: "“")
    return ["", "高", "盾构机 “引号”\n第二行"] + ["".join(rng.choice(pick)() for _ in range(rng.randint(0, 4000)))
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
    cases = texts()
    run = subprocess.run(["node", str(script), str(SEARCH_JS)], input=json.dumps([pack(t) for t in cases]),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == cases


def test_archive_js_has_the_same_decoder_as_search_js():
    def decoder(path: Path) -> str:
        text = path.read_text(encoding="utf-8")
        return re.sub(r"\s+", "", re.search(r"function unbase91\(text\) \{.*?\n  \}\n", text, re.S).group(0))
    assert decoder(ARCHIVE_JS) == decoder(SEARCH_JS)
