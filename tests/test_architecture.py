"""The folders of nlp/ are layers: no module imports a higher layer, no import cycle, the parsers without spaCy.

Every import counts, at module level and inside functions alike: `ast` reads each module of nlp/.
"""
import ast
import graphlib
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "nlp"
# Lowest first: a module may import its own layer and those before it, never one after it.
LAYERS = [
    "parsing",  # the lexicons and the pure parsers: French text -> values; no spaCy
    "pipeline",  # spaCy extensions, tokenizer, rulers, normaliser, organisations, load(); the Fact
    "relations",  # chiffres_facts: metric, kind, period, source of each figure
    "grouping",  # metric keys, status, chiffres_keys
    "io",  # readers, writers, streaming, a whole extraction run, the Dask engine
    "scoring",  # records, evaluate(), reports, a whole evaluation run
    "series",  # series across articles, their page, a whole series run
    "bench",  # the generated corpus and the benchmark
    "top",  # nlp/__init__.py (re-exports only), api.py, cli.py
]
TOP = {"nlp", "nlp.api", "nlp.cli"}
NO_SPACY = {"parsing"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str, path: Path, modules: set[str]) -> list[tuple[str, int]]:
    """(imported name, line) of every import of the module, wherever it stands; nlp modules resolved to files."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                # 'from nlp.parsing import lexicon' imports the module nlp.parsing.lexicon
                found.append((f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base, node.lineno))
    return found


def layer(name: str) -> str:
    if name in TOP:
        return "top"
    folder = name.split(".")[1] if name.count(".") >= 1 else ""
    assert folder in LAYERS and name.count(".") >= 2 or name == f"nlp.{folder}", \
        f"{name}: expected a module in one of the layer folders {LAYERS[:-1]} or one of {sorted(TOP)}"
    return folder


def graph() -> dict[str, set[str]]:
    """Module -> the nlp modules it imports."""
    found = sources()
    edges = {}
    for name, path in found.items():
        edges[name] = {target for target, _ in imports(name, path, set(found))
                       if (target == "nlp" or target.startswith("nlp.")) and target != name}
    return edges


def test_every_module_belongs_to_a_layer():
    for name in sources():
        assert layer(name) in LAYERS


def test_no_module_imports_a_higher_layer():
    found = sources()
    wrong = []
    for name, path in found.items():
        for target, line in imports(name, path, set(found)):
            if target != "nlp" and not target.startswith("nlp."):
                continue
            if target not in found:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: imports {target}, which is no module of nlp/")
            elif LAYERS.index(layer(target)) > LAYERS.index(layer(name)):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: layer {layer(name)} imports {target} of the higher "
                             f"layer {layer(target)}")
    assert not wrong, "\n".join(sorted(set(wrong)))


def test_no_import_cycle():
    try:
        tuple(graphlib.TopologicalSorter(graph()).static_order())
    except graphlib.CycleError as error:
        pytest.fail(f"expected no import cycle, got {' -> '.join(error.args[1])}", pytrace=False)


def test_the_parsers_never_import_spacy():
    found = sources()
    wrong = [f"{path.relative_to(ROOT)}:{line}: imports {target}"
             for name, path in found.items() if layer(name) in NO_SPACY
             for target, line in imports(name, path, set(found)) if target.split(".")[0] in ("spacy", "thinc")]
    assert not wrong, "\n".join(wrong)


def test_the_package_init_only_re_exports():
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Expr", "ImportFrom", "Assign"}, kinds  # docstring, imports, __all__


def test_every_layer_folder_is_a_package_of_the_wheel():
    tomllib = pytest.importorskip("tomllib")
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    folders = {module_name(path.parent / "__init__.py") for path in PACKAGE.rglob("__init__.py")}
    assert folders <= listed, f"pyproject.toml [tool.setuptools] packages: expected {sorted(folders - listed)} too"
