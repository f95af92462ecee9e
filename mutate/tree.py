"""Where things are: the modules to mutate, found in the tree, and the scratch copy the mutants live in.

A module is named by its path relative to generator/ (`ledger.py`, or
`record/ledger.py` once the package has subpackages), found by walking the
tree, never from a list: a new module is mutated the day it is added. On
the command line a stem (`ledger`) or a relative path names it.

Mutants are written into a copy of the project in mutate/work/.tree-N (one
per job), never into the working tree, so a killed run cannot leave one
behind there; sync() brings the copy back to the working tree's content
before every run, which also puts back a mutant a killed run left in it.
"""

from __future__ import annotations

import ast
import hashlib
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "generator"
WORK = REPO / "mutate" / "work"
SHARED = (".venv", "node_modules")
"""Linked, not copied, into each scratch copy."""


def modules(root: Path = REPO) -> list[str]:
    """Every module of the package, as a path relative to it; `__init__.py`/`__main__.py` only if not trivial."""
    base = root / PACKAGE
    found = []
    for path in sorted(base.rglob("*.py")):
        relative = path.relative_to(base).as_posix()
        if "__pycache__" in relative or "/templates/" in f"/{relative}":
            continue
        if path.name in ("__init__.py", "__main__.py") and trivial(path):
            continue
        found.append(relative)
    return found


def trivial(path: Path) -> bool:
    """A module with no function or class and at most three statements besides its docstring and imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in ast.walk(tree)):
        return False
    plain = [n for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.Expr))]
    return len(plain) <= 3


def resolve(name: str, root: Path = REPO, among: list[str] | None = None) -> str:
    """A module's path relative to the package, from what a user typed: `ledger`, `ledger.py`,
    `record/ledger.py` or `generator/record/ledger.py` (among these modules, else all of them).
    Raises LookupError if none or several match."""
    all_modules = modules(root) if among is None else among
    wanted = name.removeprefix(f"{PACKAGE}/")
    if not wanted.endswith(".py"):
        wanted = wanted.replace(".", "/") + ".py"
    found = [m for m in all_modules if m == wanted or m.endswith(f"/{wanted}")]
    if len(found) != 1:
        choice = ", ".join(found) if found else "none"
        raise LookupError(f"{name}: {'several modules match' if found else 'no such module'} ({choice})")
    return found[0]


def package_files(root: Path = REPO) -> list[str]:
    """Every file of the package, as a path relative to it."""
    base = root / PACKAGE
    return sorted(
        p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )


def resolve_file(name: str, root: Path = REPO, among: tuple[list[str], list[str]] | None = None) -> str:
    """Any file of the package (a template too) by a unique tail of its path: `files/diff.html.j2`;
    `among`: the package's modules and files, if already listed."""
    all_modules, found = among or (modules(root), package_files(root))
    if not name.endswith((".py", ".j2", ".html", ".css", ".xml", ".json")):
        return resolve(name, root, all_modules)
    matches = [p for p in found if p == name or p.endswith(f"/{name}")]
    if len(matches) != 1:
        raise LookupError(f"{name}: {'several files match' if matches else 'no such file'} under {PACKAGE}/")
    return matches[0]


def import_name(module: str) -> str:
    """`record/ledger.py` -> `generator.record.ledger`; `words/__init__.py` -> `generator.words`."""
    parts = [PACKAGE, *module.removesuffix(".py").split("/")]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stem(module: str) -> str:
    return module.removesuffix(".py").split("/")[-1]


def listed_files(root: Path = REPO) -> list[str]:
    """The files git knows of (tracked, or new and not ignored) in the working tree."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted({name for name in out.split("\0") if name and (root / name).is_file()})


def digest(paths: list[Path]) -> str:
    """One hash of the contents (and names) of these files."""
    total = hashlib.sha256()
    for path in paths:
        total.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return total.hexdigest()[:16]


def is_test_file(name: str) -> bool:
    return name.startswith("tests/") and Path(name).name.startswith("test_")


NOT_CODE = ("mutate/", "bench/", ".github/", ".vscode/", ".ci/", "Makefile", ".gitignore", "requirements.", "package")
"""Files no test's coverage of the package depends on (the workflows are linted, never run)."""


def code_hash(files: list[str]) -> str:
    """What every test's coverage depends on: every file but the test files, the docs, NOT_CODE and logs (a
    campaign's own output, `make mutate > mutate.log`, would make the next run measure everything again)."""
    kept = [f for f in files if not is_test_file(f) and not f.startswith(NOT_CODE) and not f.endswith((".md", ".log"))]
    return digest([REPO / f for f in kept])


def tests_hash(files: list[str]) -> str:
    """What a mutant's verdict depends on besides its module: the tests and their helpers (not the tool's own)."""
    tests = [REPO / f for f in files if f.startswith("tests/") or f == "conftest.py"]
    return digest([path for path in tests if b"from mutate" not in path.read_bytes()])


def tool_hash() -> str:
    """The tool's own code: a survivor is tried again once it changes (how tests are chosen, say)."""
    return digest(sorted((REPO / "mutate").glob("*.py")))


def tree(job: int) -> Path:
    return WORK / f".tree-{job}"  # a dot: mypy and ruff do not look into it


def sync(job: int, files: list[str]) -> Path:
    """Make scratch copy `job` hold exactly the working tree's files (mutate/work aside); return it.

    A file already there with the same bytes is left alone, any other written; files git no longer
    lists are removed, except what tests leave (test-artifacts/) and the linked environments.
    """
    root = tree(job)
    root.mkdir(parents=True, exist_ok=True)
    wanted = set(files)
    for top in {name.split("/")[0] for name in files if "/" in name} - set(SHARED):
        for path in sorted((root / top).rglob("*"), reverse=True):
            relative = path.relative_to(root).as_posix()
            if (path.is_file() or path.is_symlink()) and relative not in wanted:
                path.unlink()
    for name in files:
        source, target = REPO / name, root / name
        if target.is_file() and not target.is_symlink() and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    for link in SHARED:
        if not (root / link).exists() and (REPO / link).exists():
            (root / link).symlink_to((REPO / link).resolve())
    return root
