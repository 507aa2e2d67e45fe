"""The generator's layout keeps its promises: no import circle, domain folders free of MkDocs, small modules.

The rules (README, "Layout"):
- no module imports, even for type checking only, a module that imports it back, directly or not;
- the domain folders (read/, enrich/, cite/, site/) import nothing of MkDocs, Material or our
  mkdocs/ folder, and of the speed machinery only its two primitives, `speed.parallel` (two
  halves at once) and `speed.memo` (results by key); what a serve session keeps (`speed.reuse`,
  `speed.build_cache`, `speed.related_index`) is handed to them by build.py as plain memos;
- no module is over MAX_LINES lines, and each opens with a docstring whose first line says what it is for.
Each check is also run on a planted breach, to show it can fail.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
DOMAIN = ("read", "enrich", "cite", "site")
SPEED_PRIMITIVES = ("generator.speed.parallel", "generator.speed.memo")
MKDOCS_PACKAGES = ("mkdocs", "material", "generator.mkdocs")
MAX_LINES = 320  # "about 300"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, name: str, is_package: bool) -> set[str]:
    """Every module `source` (the module `name`) imports, relative imports resolved, type-checking ones included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[:len(package) - node.level + 1]
                base = ".".join(package + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports."""
    paths = {module_name(path, package): path for path in package.rglob("*.py")}
    return {name: {other for other in imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
                   if other in paths and other != name}
            for name, path in paths.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of `graph`: its strongly connected parts of more than one module (Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in sorted(graph.get(module, ())):
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            part = []
            while True:
                other = stack.pop()
                part.append(other)
                if other == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def forbidden_imports(package: Path = PACKAGE) -> list[str]:
    """'module -> imported' for each import a domain folder may not make."""
    breaches = []
    for path in sorted(package.rglob("*.py")):
        name = module_name(path, package)
        if name.split(".")[1:2] and name.split(".")[1] in DOMAIN:
            imported = imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
            banned = sorted(other for other in imported if _banned(other))
            # `from x import y` reads as x and x.y: name the module once
            breaches.extend(f"{name} -> {other}" for other in banned
                            if not any(other.startswith(shorter + ".") for shorter in banned))
    return breaches


def _banned(module: str) -> bool:
    mkdocs = any(module == banned or module.startswith(banned + ".") for banned in MKDOCS_PACKAGES)
    speed = module.startswith("generator.speed.") and not module.startswith(SPEED_PRIMITIVES)
    return mkdocs or speed


def shape_problems(package: Path = PACKAGE) -> list[str]:
    """Modules over MAX_LINES lines, or without a docstring whose first line says what the module is for."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > MAX_LINES:
            problems.append(f"{path.relative_to(package)}: {lines} lines")
        docstring = ast.get_docstring(ast.parse(text), clean=False)
        first = (docstring or "").split("\n")[0].strip()
        if len(first) < 20:
            problems.append(f"{path.relative_to(package)}: no one-line docstring saying what it is for")
    return problems


def test_no_import_circle() -> None:
    assert circles(import_graph()) == []


def test_domain_folders_import_nothing_of_mkdocs_nor_of_what_serve_keeps() -> None:
    assert forbidden_imports() == []


def test_every_module_is_small_and_says_what_it_is_for() -> None:
    assert shape_problems() == []


def test_the_map_shows_each_folder() -> None:
    """The package docstring and the README's Layout section name every folder of the generator."""
    folders = sorted(path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists())
    assert folders == ["cite", "enrich", "mkdocs", "read", "site", "speed"]
    docstring = ast.get_docstring(ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))) or ""
    layout = (PACKAGE.parent / "README.md").read_text(encoding="utf-8").split("## Layout", 1)[1].split("\n## ", 1)[0]
    for folder in folders:
        assert f"{folder}/" in docstring and f"generator/{folder}/" in layout, folder


# The checks on planted breaches -----------------------------------------------------------------

def plant(root: Path, files: dict[str, str]) -> Path:
    package = root / "generator"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_a_planted_circle_is_found_even_through_type_checking_and_relative_imports(tmp_path: Path) -> None:
    package = plant(tmp_path, {
        "__init__.py": '"""A planted package for the layout checks."""\n',
        "site/__init__.py": '"""A planted folder for the layout checks."""\n',
        "site/render.py": "from . import browse\n",
        "site/browse.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from generator.site.render import x\n",
        "model.py": "import generator.site.browse\n",
    })
    assert circles(import_graph(package)) == [["generator.site.browse", "generator.site.render"]]


@pytest.mark.parametrize("line", ["from mkdocs.plugins import BasePlugin", "import material",
                                  "from generator.mkdocs.plugin import x", "from generator.speed.reuse import Reuse",
                                  "from ..speed import build_cache"])
def test_a_planted_forbidden_import_is_found(tmp_path: Path, line: str) -> None:
    package = plant(tmp_path, {"enrich/related.py": f'"""Planted."""\n{line}\nfrom generator.speed.memo import digest\n'})
    assert len(forbidden_imports(package)) == 1


def test_a_planted_long_or_undocumented_module_is_found(tmp_path: Path) -> None:
    package = plant(tmp_path, {
        "long.py": '"""A module that is far too long for the rule."""\n' + "x = 1\n" * MAX_LINES,
        "bare.py": "x = 1\n",
        "fine.py": '"""A module of the right size that says what it is for."""\n',
    })
    assert shape_problems(package) == ["bare.py: no one-line docstring saying what it is for",
                                       f"long.py: {MAX_LINES + 1} lines"]
