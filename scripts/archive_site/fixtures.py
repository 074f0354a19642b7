"""Write archive pages per the front-matter schema (for tests and the
benchmark): source pages with their raw text, article pages with
``raw_lines`` into it, and a temporary mkdocs.yml pointing at them.

The pages are written the way the converter writes them, so the site can be
tested before (and independently of) the converter.
"""
from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _yaml(meta: dict) -> str:
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000)


def write_page(path: Path, meta: dict, body: str) -> Path:
    """Write one Markdown page with YAML front matter."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{_yaml(meta)}---\n\n{body}", encoding="utf-8")
    return path


def write_source(docs: Path, stem: str, raw_text: str, articles: list[str], removed: list[str] = (), **meta) -> Path:
    """A source page ``sources/<stem>.md`` (removed text as a list) ending with the raw text block."""
    front = {"type": "source", "source": f"{stem}.txt", **meta, "articles": articles}
    fence = "````" if "```" in raw_text else "```"
    removed_md = "\n".join(f"- {r}" for r in removed) or "（无）"
    body = (f"# {stem}\n\n## 删除的文字\n\n{removed_md}\n\n## 原始文本\n\n"
            f"{fence}text\n{raw_text}\n{fence}\n")
    return write_page(docs / "sources" / f"{stem}.md", front, body)


def write_article(docs: Path, stem: str, nn: int, title: str, paragraphs: list[str], **meta) -> Path:
    """An article page ``articles/<stem>/<nn>.md`` (body: one paragraph per line)."""
    front = {"title": title, **meta, "source": f"{stem}.txt", "order": nn, "slug": f"{stem}-{nn:02d}"}
    return write_page(docs / "articles" / stem / f"{nn:02d}.md", front, "\n\n".join(paragraphs) + "\n")


def write_issue(docs: Path, stem: str, articles: list[dict], newspaper: str = "鲁中晨报", page: int = 1,
                date: str = "2020-01-01", removed: list[str] = ()) -> list[Path]:
    """A source page and its articles; each article dict has ``title``,
    ``paragraphs`` and optional front-matter fields. The raw text is the
    titles and paragraphs one per line, so ``raw_lines`` are exact."""
    raw: list[str] = [f"{page} {newspaper}", date]
    paths = []
    for nn, art in enumerate(articles, 1):
        art = dict(art)
        paragraphs = art.pop("paragraphs")
        title = art.pop("title")
        first = len(raw) + 1
        raw += [title, *paragraphs]
        art.setdefault("date", date)
        art.setdefault("newspaper", newspaper)
        art.setdefault("page", page)
        art["raw_lines"] = [first, len(raw)]
        paths.append(write_article(docs, stem, nn, title, paragraphs, **art))
    listed = [p.relative_to(docs).as_posix() for p in paths]
    paths.append(write_source(docs, stem, "\n".join(raw), listed, removed, newspaper=newspaper, page=page, date=date))
    return paths


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; ``!ENV [NAME, default]`` becomes the variable's value or the default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    import os

    values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    for name in values[:-1] if len(values) > 1 else values:
        if name in os.environ:
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


_ConfigLoader.add_constructor("!ENV", _env)


def write_config(tmp: Path, docs: Path, site: Path, **overrides) -> Path:
    """A copy of the project's mkdocs.yml building ``docs`` into ``site``,
    hooks given as absolute paths."""
    cfg = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    cfg["docs_dir"] = str(docs)
    cfg["site_dir"] = str(site)
    cfg["hooks"] = [str((ROOT / h).resolve()) for h in cfg.get("hooks", [])]
    cfg.update(overrides)
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
