"""The ``newsarchive`` command: one archive of newspaper pages, from raw pages to a site.

    newsarchive new DIR [--title TITLE] [--tool SPEC]   scaffold an archive
    newsarchive convert [converter options]              seeds/ → docs/ (see --help)
    newsarchive build [--engine mkdocs|zensical] [options] docs/ → site/ (strict)
    newsarchive serve [--addr HOST:PORT] [mkdocs options] live preview (e.g. --dirty)
    newsarchive check [--docs docs]                      validate every page's front matter
    newsarchive schema [-o FILE]                         the article JSON Schema
    newsarchive registry zones|topics|patterns           print the tool's registry (start your own)

Every command works on the archive of the current folder (``--dir`` names
another): its ``mkdocs.yml``, ``archive.yml``, ``seeds/`` and ``docs/``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from importlib import metadata, resources
from pathlib import Path
from string import Template

from . import __version__
from .convert import main as convert_main
from .schema import FrontMatterError, json_schema, read_page
from .settings import DATA, REGISTRIES

TEMPLATES = "templates/archive"
# Template files whose names cannot start with a dot inside the package.
RENAMES = {"gitignore": ".gitignore", "github": ".github"}
SCHEMA_FILE = "article.schema.json"


def template_files() -> dict[str, str]:
    """Relative path in the new archive → template text, from the package data.

    >>> sorted(template_files())[:3]
    ['.github/workflows/pages.yml', '.gitignore', 'README.md']
    """
    out: dict[str, str] = {}

    def walk(node, parts: tuple[str, ...]) -> None:
        for child in node.iterdir():
            name = RENAMES.get(child.name, child.name) if not parts else child.name
            if child.is_dir():
                walk(child, parts + (name,))
            elif child.name != "__init__.py" and not child.name.endswith(".pyc"):
                out["/".join(parts + (name,))] = child.read_text(encoding="utf-8")

    walk(resources.files(__package__).joinpath(TEMPLATES), ())
    return out


def yaml_string(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (JSON is YAML).

    >>> yaml_string('淄博: "高新区"')
    '"淄博: \\\\"高新区\\\\""'
    """
    return json.dumps(text, ensure_ascii=False)


def requirement_from(direct_url: dict | None, version: str) -> str:
    """A requirement line that installs the tool from where it was installed
    (``direct_url``: the installed distribution's PEP 610 ``direct_url.json``).

    >>> requirement_from({"url": "https://github.com/me/tool.git", "vcs_info": {"vcs": "git", "commit_id": "1a2b"}}, "0.1.0")
    'newsarchive @ git+https://github.com/me/tool.git@1a2b'
    >>> requirement_from({"url": "file:///home/me/tool", "dir_info": {"editable": True}}, "0.1.0")
    'newsarchive @ file:///home/me/tool'
    >>> requirement_from({"url": "file:///tmp/newsarchive-0.1.0-py3-none-any.whl", "archive_info": {}}, "0.1.0")
    'newsarchive @ file:///tmp/newsarchive-0.1.0-py3-none-any.whl'
    >>> requirement_from(None, "0.1.0")
    'newsarchive==0.1.0'
    """
    if not direct_url or not direct_url.get("url"):
        return f"newsarchive=={version}"          # from a package index
    vcs = direct_url.get("vcs_info")
    if vcs:
        at = vcs.get("commit_id") or vcs.get("requested_revision")
        return f"newsarchive @ {vcs.get('vcs', 'git')}+{direct_url['url']}" + (f"@{at}" if at else "")
    return f"newsarchive @ {direct_url['url']}"


def installed_requirement() -> str:
    """How this tool was installed, as a requirement line (the default of
    ``new --tool``): the source checkout it runs from (an editable install,
    or PYTHONPATH), else what the installed distribution records."""
    source = Path(__file__).resolve().parents[2]
    if (source / "pyproject.toml").is_file() and (source / "scripts" / "newsarchive" / "cli.py").is_file():
        return f"newsarchive @ {source.as_uri()}"
    for dist in metadata.distributions(name="newsarchive"):
        try:
            text = dist.read_text("direct_url.json")
            if text:
                return requirement_from(json.loads(text), __version__)
        except ValueError:
            continue
    return requirement_from(None, __version__)


def scaffold(target: Path, title: str, tool: str) -> list[Path]:
    """Write a new archive into ``target`` (missing or empty); the files written."""
    if "\n" in title or not title.strip():
        raise ValueError("the title must be one non-empty line")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{target} exists and is not an empty folder; choose a new one")
    values = {"title": title, "title_yaml": yaml_string(title),
              "description_yaml": yaml_string(f"{title}：由报纸版面整理而成，可检索、可离线阅读、可手工校对。"),
              "tool": tool}
    written = []
    for rel, text in sorted(template_files().items()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template(text).substitute(values), encoding="utf-8")
        written.append(path)
    (target / "docs").mkdir(exist_ok=True)
    schema = target / SCHEMA_FILE
    schema.write_text(schema_text(), encoding="utf-8")
    written.append(schema)
    return written


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def check_pages(docs: Path) -> list[str]:
    """Every problem of every page under docs/articles and docs/sources, one line each."""
    problems = []
    for folder in ("articles", "sources"):
        for path in sorted((docs / folder).rglob("*.md")):
            try:
                read_page(path)
            except FrontMatterError as exc:
                problems.append(str(exc))
    return problems


def engine_command(engine: str, action: str, config: Path, extra: list[str]) -> list[str]:
    """The command line that runs an engine.

    >>> engine_command("mkdocs", "build", Path("mkdocs.yml"), [])[1:]
    ['-m', 'mkdocs', 'build', '--strict', '-f', 'mkdocs.yml']
    >>> engine_command("zensical", "build", Path("mkdocs.yml"), [])[1:]
    ['-m', 'archive_site.zensical', '-f', 'mkdocs.yml']

    Zensical runs no MkDocs plugin: ``archive_site.zensical`` runs the
    archive's own build step around ``zensical build`` (it reads mkdocs.yml).
    """
    if engine == "mkdocs":
        strict = ["--strict"] if action == "build" else []
        return [sys.executable, "-m", "mkdocs", action, *strict, "-f", str(config), *extra]
    if engine == "zensical" and action == "build":
        return [sys.executable, "-m", "archive_site.zensical", "-f", str(config), *extra]
    raise ValueError(f"the {engine} engine cannot {action}")


def run_engine(cmd: list[str], cwd: Path) -> int:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    try:
        return subprocess.run(cmd, cwd=cwd, env=env).returncode
    except KeyboardInterrupt:
        return 130


def in_folder(folder: Path, run):
    """Run ``run()`` with ``folder`` as the current folder (the converter's paths are relative)."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        return run()
    finally:
        os.chdir(here)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newsarchive", description=__doc__.split("\n\n")[0])
    ap.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    ap.add_argument("--dir", type=Path, default=Path("."), help="the archive's folder (default: here)")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = sub.add_parser("new", help="scaffold an archive in a new folder")
    new.add_argument("target", type=Path, metavar="DIR")
    new.add_argument("--title", default="报刊文库", help="the archive's title (default: 报刊文库)")
    new.add_argument("--tool", default=None,
                     help="the requirement line that installs this tool for the archive and its Pages workflow "
                          "(default: from where it is installed here, e.g. "
                          "'newsarchive @ git+https://github.com/<owner>/<repo>@<tag>')")

    sub.add_parser("convert", help="convert seeds/ into docs/ (all converter options pass through)",
                   add_help=False)

    build = sub.add_parser("build", help="build site/ from docs/")
    build.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                       help="the site generator: MkDocs + Material (default), or Zensical "
                            "(pip install 'newsarchive[zensical]')")
    build.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))

    serve = sub.add_parser("serve", help="live preview of the site (MkDocs)")
    serve.add_argument("-a", "--addr", default="127.0.0.1:8000", help="HOST:PORT (default 127.0.0.1:8000)")
    serve.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))

    check = sub.add_parser("check", help="validate the front matter of every page under docs/")
    check.add_argument("--docs", type=Path, default=Path("docs"))

    registry = sub.add_parser("registry", help="print one of the tool's registries (to start your own from it)")
    registry.add_argument("name", choices=sorted(REGISTRIES))

    schema = sub.add_parser("schema", help="write the article front-matter JSON Schema")
    schema.add_argument("-o", "--output", type=Path, help=f"file to write (default: print; archives keep {SCHEMA_FILE})")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    # `convert` hands every option it does not know to the converter's own parser.
    args, extra = ap.parse_known_args(sys.argv[1:] if argv is None else argv)
    if args.command == "convert":
        return in_folder(args.dir, lambda: convert_main(extra))
    if extra and args.command not in ("build", "serve"):
        ap.error(f"unrecognized arguments: {' '.join(extra)}")
    root: Path = args.dir

    if args.command == "new":
        try:
            written = scaffold(args.target, args.title, args.tool or installed_requirement())
        except (FileExistsError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(f"new archive in {args.target} ({len(written)} files). Next:\n"
              f"  cd {args.target}\n  # put raw pages into seeds/, then\n"
              "  newsarchive convert && newsarchive build")
        return 0
    if args.command == "build":
        if not (root / args.config_file).is_file():
            print(f"error: {root / args.config_file} not found (is {root} an archive? `newsarchive new DIR` makes one)",
                  file=sys.stderr)
            return 2
        return run_engine(engine_command(args.engine, "build", args.config_file, extra), root)
    if args.command == "serve":
        return run_engine(engine_command("mkdocs", "serve", args.config_file, ["-a", args.addr, *extra]), root)
    if args.command == "check":
        problems = check_pages(root / args.docs)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"{len(problems)} page(s) with problems" if problems else "all pages valid", file=sys.stderr)
        return 1 if problems else 0
    if args.command == "registry":
        sys.stdout.write((DATA / REGISTRIES[args.name]).read_text(encoding="utf-8"))
        return 0
    if args.command == "schema":
        if args.output:
            args.output.write_text(schema_text(), encoding="utf-8")
        else:
            sys.stdout.write(schema_text())
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
