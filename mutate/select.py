"""Which tests can catch a mutant of a module, found without running the whole suite.

First statically, from the tree: the candidate test files of module M are
the test files that import M or a module importing M, the files that name M
(its stem as a word, or its file name: most tests drive `python -m generator`
in a subprocess and import nothing, but say what they test), the files
EXERCISED_BY says reach M, and the doctests of M and of the modules
importing M. Only those files are then run under coverage with a context per
test (mutate/coverage.py); that gives, for each line of M, the tests that
execute it, and each mutant runs only the tests of its line; a line that
runs at import also faces the tests of the files importing the module.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

from .tree import PACKAGE, import_name, is_test_file, modules, stem

EXERCISED_BY = {
    "test_kill.py": ("publish_dir", "folder_swap", "releases", "ledger"),
    "test_releases.py": ("timeline",),
    "test_versions.py": ("timeline",),
    "test_bad_environment.py": ("adapter",),
    "test_build.py": ("adapter",),
    "test_preview.py": ("adapter",),
    "test_site_address.py": ("adapter",),
}
"""Test files that reach a module through a subprocess without naming it: the kill tests run real builds
and releases under strace (the tests of the atomic folder swap and of the release record); the releases
and versions tests check which release is archived, in force or upcoming (the timeline); the build,
preview, environment and site-address tests run MkDocs, which loads the adapter by its hooks file, never by
an import the command line makes (the adapter)."""
SLOW_FILES = ("test_kill.py",)
"""Besides the `browser` tests, what runs last and only within the budget for slow tests."""


def graph(root: Path) -> dict[str, set[str]]:
    """Each file of the package (trivial ones too) -> the files of the package it imports (lazily too)."""
    every = [p.relative_to(root / PACKAGE).as_posix() for p in sorted((root / PACKAGE).rglob("*.py"))]
    every = [m for m in every if "/templates/" not in f"/{m}"]
    known = {import_name(m): m for m in every}
    imports: dict[str, set[str]] = {}
    for module in every:
        path = root / PACKAGE / module
        imports[module] = {
            known[n]
            for n in imported(path.read_text(encoding="utf-8"), import_name(module), module.endswith("__init__.py"))
            if n in known
        }
    return imports


def imported(text: str, name: str = "", is_package: bool = False) -> set[str]:
    """The dotted names a module's imports may refer to, relative imports resolved against `name`.

    `from .words import markup` yields both `generator.words` and `generator.words.markup`: the
    caller keeps those that are modules.
    """
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    package = name.split(".") if is_package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                found.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else list(package)
                stem_parts = base + (node.module.split(".") if node.module else [])
            else:
                stem_parts = (node.module or "").split(".")
            found.add(".".join(stem_parts))
            found.update(".".join([*stem_parts, alias.name]) for alias in node.names)
    return found


def importers(module: str, imports: dict[str, set[str]]) -> set[str]:
    return {m for m, used in imports.items() if module in used}


def importing(module: str, root: Path, files: list[str]) -> set[str]:
    """Those of `files` (test files, modules with doctests) that import `module` or a module importing it.

    A test that only reads a module's tables runs none of its lines (they ran at import), so coverage
    does not tie it to them; it is tied to every line that runs at import through its file instead.
    """
    users = importers(module, graph(root)) | {module}
    reach = {import_name(m) for m in users}
    found = set()
    for name in files:
        if name.startswith(f"{PACKAGE}/"):  # doctests: the module's own, or an importer's
            if name.removeprefix(f"{PACKAGE}/") in users:
                found.add(name)
        elif imported((root / name).read_text(encoding="utf-8")) & reach:
            found.add(name)
    return found


def candidates(module: str, root: Path, test_files: list[str]) -> list[str]:
    """The test files (and modules with doctests) to run under coverage for `module`, as paths in the tree."""
    imports = graph(root)
    users = importers(module, imports)
    everything = "__main__.py" in users  # the command line: every test that runs `python -m generator`
    users &= set(modules(root))
    reach = {import_name(m) for m in {module} | users}
    word = re.compile(rf"\b{re.escape(stem(module))}\b")
    chosen = []
    for name in test_files:
        if not is_test_file(name) or not name.endswith(".py"):
            continue
        text = (root / name).read_text(encoding="utf-8")
        if "mutate" in imported(text):
            continue  # the tool's own tests
        if (
            everything
            or imported(text) & reach
            or word.search(text)
            or Path(module).name in text
            or stem(module) in EXERCISED_BY.get(Path(name).name, ())
        ):
            chosen.append(name)
    doctests = sorted(f"{PACKAGE}/{m}" for m in {module} | users if ">>>" in (root / PACKAGE / m).read_text("utf-8"))
    return doctests + sorted(chosen)


def naming_files(name: str, root: Path, test_files: list[str]) -> set[str]:
    """The test files that name a template (`diff.html.j2`): they may render it themselves."""
    return {
        f
        for f in test_files
        if is_test_file(f)
        and f.endswith(".py")
        and name in (text := (root / f).read_text(encoding="utf-8"))
        and "mutate" not in imported(text)
    }


def is_slow(nodeid: str, marked_browser: bool) -> bool:
    return marked_browser or Path(nodeid.split("::")[0]).name in SLOW_FILES


def scopes(text: str) -> dict[int, tuple[str, frozenset[int]]]:
    """Each line of a module -> which coverage records tell whether a test runs it.

    ("body", {first}): a line in a function's body runs when its statement (starting at line `first`) runs.
    ("header", {firsts}): a decorator, signature or default of a module- or class-level function runs at
    import, but matters only to the tests that run the function: those that run any of its statements.
    ("import", {}): any other line runs at import, and every test that uses the module depends on it.
    """
    found: dict[int, tuple[str, frozenset[int]]] = {}

    def body(nodes: list[ast.stmt]) -> None:
        spans = sorted(
            (
                (n.end_lineno - n.lineno, n.lineno, n.end_lineno)
                for node in nodes
                for n in ast.walk(node)
                if isinstance(n, ast.stmt) and n.end_lineno is not None
            ),
            reverse=True,
        )
        for _, first, last in spans:  # widest first: inner statements overwrite
            for line in range(first, last + 1):
                found[line] = ("body", frozenset({first}))

    def level(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body(node.body)
                end = node.end_lineno or node.lineno
                statements = frozenset(
                    first
                    for line, (_, firsts) in found.items()
                    if node.body[0].lineno <= line <= end
                    for first in firsts
                )
                for line in range(start, node.body[0].lineno):
                    found[line] = ("header", statements)
            elif isinstance(node, ast.ClassDef):
                for line in range(start, node.body[0].lineno):
                    found[line] = ("import", frozenset())
                level(node.body)
            else:
                for line in range(start, (node.end_lineno or node.lineno) + 1):
                    found[line] = ("import", frozenset())

    level(ast.parse(text).body)
    return found


def line_tests(text: str, executed: dict[int, set[str]], loaders: set[str] | None = None) -> dict[int, set[str]]:
    """Each line of a module -> the tests a mutant there must face, from the lines each test executed.

    `loaders`: the tests of the files that import the module (select.importing). A line that runs at
    import (module level, class bodies, decorators, signatures, defaults) faces them too: a test
    reading a table or a default executes none of the module's lines while it runs.
    """
    loaders = loaders or set()
    anyone = set().union(*executed.values()) if executed else set()
    table: dict[int, set[str]] = defaultdict(set)
    for line, (kind, firsts) in scopes(text).items():
        runners = set().union(*(executed.get(first, set()) for first in firsts))
        if kind == "import":
            table[line] = anyone | loaders
        elif kind == "header":
            table[line] = runners | loaders
        else:
            table[line] = runners
    return table
