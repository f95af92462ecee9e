"""The package's layers: every import runs down (or sideways within a layer), never up.

generator/ is cut by what the code is about, lowest first: the foundation every
layer uses (the project's paths, the environment, findings, caches, the atomic
folder swap), the notice as data and its checks (notice/), its words in each
language (words/), the frozen record (record/), the site as data (site/), the
site host (host/, the only code that knows MkDocs) and the command line. The
README's diagram draws the same order; this test holds the code to it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from support import REPO

PACKAGE = REPO / "generator"
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "generator.project",
        "generator.environment",
        "generator.findings",
        "generator.caches",
        "generator.report",
        "generator.folder_swap",
    ),
    ("generator.notice", "generator.settings"),  # the project's settings, read with the notice's loader
    ("generator.words",),
    ("generator.record",),
    ("generator.site",),
    ("generator.host",),
    ("generator.cli", "generator.job_summary", "generator.__main__"),
)
"""Each layer by its modules or packages, lowest first."""
HOSTS = ("mkdocs", "material", "markdown", "pymdownx")
"""The site host's libraries: only generator.host imports them."""


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(name: str) -> int:
    """The layer of a module or package name; KeyError for one no layer names."""
    if name == "generator":  # the package itself: its docstring
        return 0
    for index, members in enumerate(LAYERS):
        if any(name == m or name.startswith(m + ".") for m in members):
            return index
    raise KeyError(name)


def imports(path: Path) -> set[str]:
    """Every module `path` imports, wherever in the file (functions included), as absolute names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import (the layers are read from absolute names)"
            found |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module or ""}
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_import_runs_down_the_layers(path: Path) -> None:
    """A module imports only from its own layer or the layers below it."""
    own = layer(module_name(path))
    upward = sorted(
        name for name in imports(path) if name.startswith("generator.") and _known(name) and layer(name) > own
    )
    assert not upward, f"{module_name(path)} (layer {own}) imports from a layer above: {upward}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_host_knows_the_site_host(path: Path) -> None:
    if module_name(path).startswith("generator.host"):
        return
    hosts = sorted(name for name in imports(path) if name.split(".")[0] in HOSTS)
    assert not hosts, f"{module_name(path)} imports the site host's libraries: {hosts}"


def test_every_module_has_a_layer() -> None:
    assert [module_name(p) for p in MODULES if not _known(module_name(p))] == []


def test_the_readme_names_only_modules_that_exist() -> None:
    """The design notes' diagram and "Where a change goes" (docs/design.md), and the README, point at the tree
    as it is."""
    readme = "".join((REPO / name).read_text(encoding="utf-8") for name in ("README.md", "docs/design.md"))
    named = set(re.findall(r"generator/[\w/]+\.(?:py|j2|json)", readme))
    assert named, "the README names no module"
    assert sorted(n for n in named if not (REPO / n).exists()) == []


def _known(name: str) -> bool:
    try:
        layer(name)
    except KeyError:
        return False
    return True
