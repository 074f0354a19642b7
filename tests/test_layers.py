"""The packages import one way, in the direction data flows, with no cycles.

The converter's layers (lowest first): text primitives and data → model →
read → layout → classify → join → segment → describe → render/write → the
pipeline and CLI. A module may import only modules of its own layer or lower.
The site (archive_site) may use the converter's schema and registries; the
converter never imports the site. No module imports a project module inside
a function (that is how cycles were hidden before).
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
PACKAGES = ("newsarchive", "archive_site")

# newsarchive's layers, lowest first. A new module goes in the layer it belongs to.
LAYERS: list[set[str]] = [
    {"text", "patterns", "settings"},                  # text primitives, data loading
    {"model", "textfix", "schema"},                    # pure data, line rules, the front-matter schema
    {"reader", "read_pdf", "pdfpages", "ocrtext"},     # bytes → lines (pdfpages: a PDF as pages, the scan check;
                                                       # ocrtext: an OCR page's fragments of pictures)
    {"layout", "geometry", "pdflayout"},               # lines → units
    {"classify", "evidence"},                          # units → kinds
    {"joins", "order"},                                # broken sentences, reading order
    {"segment"},                                       # units → articles
    {"zones", "gazetteer"},                            # describe: registries
    {"topics", "entities", "lexicon"},
    {"meta", "region"},                                # region: where an article is printed
    {"render", "writer", "picture", "manifest", "lock"},   # render / write
    {"pipeline"},
    {"cli", "convert", "__main__"},
]


# archive_site's layers, lowest first (site: collection → pages → search → exports;
# the engine-independent build above them, then the engines' adapters).
# pages.* and search.* are their package's layer.
SITE_LAYERS: list[set[str]] = [
    {"config", "labels", "cache", "minify", "fixtures", "deflate", "rawdiff"},   # data, the build cache, compressed text
    {"collection", "configure"},                           # the archive read from docs/
    {"render", "regions", "sanitize"},                     # HTML pieces, zone registry
    {"pages", "picture"},                                  # index page generators
    {"decorate"},                                          # article and source page decoration
    {"search"},                                            # the search index
    {"exports"},
    {"core"},                                              # the engine-independent build
    {"plugin", "mkdocs_plugin", "zensical"},               # the engines
]


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((SCRIPTS / package).rglob("*.py")):
            parts = path.relative_to(SCRIPTS).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> tuple[set[str], list[str]]:
    """Project modules imported by a module, and those imported inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    deps, hidden = set(), []

    def resolve(node: ast.ImportFrom) -> list[str]:
        if node.level:
            base = package.split(".")
            base = base[:len(base) - node.level + 1]
            root = ".".join(base + ([node.module] if node.module else []))
        else:
            root = node.module or ""
        out = []
        for alias in node.names:
            full = f"{root}.{alias.name}"
            out.append(full if full in known else root)
        return out

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            targets: list[str] = []
            if isinstance(child, ast.ImportFrom):
                targets = resolve(child)
            elif isinstance(child, ast.Import):
                targets = [a.name for a in child.names]
            targets = [t for t in targets if t in known and t != name]
            deps.update(targets)
            if in_function and targets:
                hidden.extend(targets)
            visit(child, in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return deps, hidden


def _graph() -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    modules = _modules()
    known = set(modules)
    graph, hidden = {}, {}
    for name, path in modules.items():
        graph[name], hidden[name] = _imports(name, path, known)
    return graph, hidden


def test_no_import_cycles():
    graph, _ = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycle = stack[stack.index(dep):] + [dep]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if dep not in state:
                dfs(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            dfs(node)


def test_no_project_imports_inside_functions():
    _, hidden = _graph()
    offenders = {name: deps for name, deps in hidden.items() if deps}
    assert not offenders, f"imports inside functions (move them to the top, fix the layering): {offenders}"


def test_converter_layers_import_downwards_only():
    graph, _ = _graph()
    rank = {f"newsarchive.{m}": i for i, layer in enumerate(LAYERS) for m in layer}
    problems = []
    for name, deps in graph.items():
        if not name.startswith("newsarchive.") or name == "newsarchive":
            continue
        if name.count(".") == 1 and name not in rank:
            problems.append(f"{name} is in no layer: add it to LAYERS in tests/test_layers.py")
            continue
        for dep in deps:
            if dep.startswith("archive_site"):
                problems.append(f"{name} imports the site ({dep}): the converter never does")
            elif name in rank and dep in rank and rank[dep] > rank[name]:
                problems.append(f"{name} (layer {rank[name]}) imports {dep} (layer {rank[dep]}), against the flow")
    assert not problems, "\n".join(problems)


def test_the_checker_sees_a_cycle(tmp_path):
    """The import walker finds relative imports (so the tests above can fail)."""
    (tmp_path / "a.py").write_text("from .b import x\n", encoding="utf-8")
    deps, hidden = _imports("pkg.a", tmp_path / "a.py", {"pkg.a", "pkg.b"})
    assert deps == {"pkg.b"} and hidden == []
    (tmp_path / "c.py").write_text("def f():\n    from . import b\n", encoding="utf-8")
    deps, hidden = _imports("pkg.c", tmp_path / "c.py", {"pkg.c", "pkg.b"})
    assert deps == {"pkg.b"} and hidden == ["pkg.b"]


def test_site_layers_import_downwards_only():
    graph, _ = _graph()
    rank = {m: i for i, layer in enumerate(SITE_LAYERS) for m in layer}
    problems = []

    def layer(name: str) -> str:
        return name.split(".")[1]

    for name, deps in graph.items():
        if not name.startswith("archive_site."):
            continue
        if layer(name) not in rank:
            problems.append(f"{name} is in no layer: add it to SITE_LAYERS in tests/test_layers.py")
            continue
        for dep in deps:
            if dep.startswith("archive_site.") and rank.get(layer(dep), -1) > rank[layer(name)]:
                problems.append(f"{name} (layer {rank[layer(name)]}) imports {dep} (layer {rank[layer(dep)]}), "
                                "against the flow")
    assert not problems, "\n".join(problems)
