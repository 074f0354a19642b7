"""Small archives for the search tests, written per newsarchive.schema.

:func:`write_seed_archive` turns the five seed pages into ~15 article pages
(paragraph chunks of the OCR text) plus one source page per seed. The
classified ads at the end of seed 002 (西洋参 …) go only to its source page,
as the converter does, so they must never be found.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HOOK = ROOT / "scripts" / "hooks" / "search.py"

# per seed: newspaper date, zones, topics (invented but schema-valid)
SEED_META = {
    "000": ("2019-12-27", ["淄博高新区"], ["招商引资", "科技创新"]),
    "001": ("2020-01-01", ["淄博高新区"], ["招商引资"]),
    "002": ("2024-02-20", ["淄博高新区"], ["项目建设"]),
    "003": ("2021-06", ["松山湖高新区", "包头稀土高新区"], ["科技创新"]),
    "004": ("2022", ["郑州高新区"], ["科技创新", "项目建设"]),
}
AD_START = {"002": 79}   # 1-based line where the removed ads/furniture begin
LINES_PER_ARTICLE = 14


def _escape(text: str) -> str:
    """Markdown-escape a paragraph the way the converter does."""
    out = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    for ch in "*_`[]#":
        out = out.replace(ch, "\\" + ch)
    return out


def _page(meta: dict, body: str) -> str:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body}"


def write_article(docs: Path, stem: str, n: int, meta: dict, paragraphs: list[str]) -> Path:
    path = docs / "articles" / stem / f"{n:02d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(_escape(p) for p in paragraphs) + "\n"
    path.write_text(_page(meta, body), encoding="utf-8")
    return path


def write_seed_archive(docs: Path) -> dict[str, list[str]]:
    """Write the seed archive under ``docs``; return {seed stem: [article URLs]}."""
    docs = Path(docs)
    urls: dict[str, list[str]] = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        stem = seed.stem
        date, zones, topics = SEED_META[stem[:3]]
        lines = seed.read_text(encoding="utf-8").splitlines()
        cut = AD_START.get(stem[:3], len(lines) + 1) - 1
        kept = [ln.strip() for ln in lines[:cut] if ln.strip()]
        removed = [ln.strip() for ln in lines[cut:] if ln.strip()]
        articles = []
        for n, start in enumerate(range(0, len(kept), LINES_PER_ARTICLE), 1):
            chunk = kept[start:start + LINES_PER_ARTICLE]
            meta = {
                "title": chunk[0][:40], "date": date, "newspaper": "鲁中晨报", "page": n + 1,
                "source": seed.name, "order": n, "zones": zones, "topics": topics[: 1 + n % 2],
                "slug": f"{stem}-{n:02d}",
            }
            write_article(docs, stem, n, meta, chunk[1:] or ["（无正文）"])
            articles.append(f"articles/{stem}/{n:02d}.md")
        urls[stem] = [a[:-3] + ".html" for a in articles]
        source = docs / "sources" / f"{stem}.md"
        source.parent.mkdir(parents=True, exist_ok=True)
        body = "## 删除的内容\n\n" + "\n\n".join(f"- 广告：{_escape(r)}" for r in removed)
        body += "\n\n## 原始文本\n\n```text\n" + "\n".join(lines) + "\n```\n"
        source.write_text(_page({"type": "source", "source": seed.name, "newspaper": "鲁中晨报",
                                 "date": date, "articles": articles}, body), encoding="utf-8")
    return urls


def write_special_articles(docs: Path) -> None:
    """Articles that exercise folding, escapes, exclusion and ranking."""
    write_article(docs, "zz_special", 1, {
        "title": "全角ＡＢＣ与Straße测试", "source": "zz_special.txt", "date": "2018-05-04",
        "zones": ["测试园区"], "topics": ["测试"],
        "captions": ["图为启迪之星孵化器（图片说明）"],
    }, ["全角字母ＡＢＣ１２３和半角abc混排，德文STRASSE。", "转义*星号*与&符号<b>不是标签</b>。"])
    path = docs / "articles" / "zz_special" / "02.md"
    path.write_text(_page({"title": "不应被检索的页面", "source": "zz_special.txt",
                           "search": {"exclude": True}}, "隐藏词语只在这里。\n"), encoding="utf-8")


def write_mkdocs_config(base: Path, docs: Path, site: Path, directory_urls: bool = False) -> Path:
    """A minimal MkDocs config with only the search hook (light and dark palettes)."""
    cfg = base / "mkdocs.yml"
    cfg.write_text(textwrap.dedent(f"""\
        site_name: 高新区报刊文库（测试）
        docs_dir: {docs}
        site_dir: {site}
        use_directory_urls: {str(directory_urls).lower()}
        strict: true
        theme:
          name: material
          language: zh
          font: false
          palette:
            - scheme: default
              toggle: {{icon: material/brightness-7, name: 切换到深色模式}}
            - scheme: slate
              toggle: {{icon: material/brightness-4, name: 切换到浅色模式}}
        plugins: []
        hooks:
          - {HOOK}
        markdown_extensions:
          - toc
          - tables
        """), encoding="utf-8")
    return cfg
