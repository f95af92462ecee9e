"""Test helpers: a throw-away Seloste project with real releases, built for real.

The projects and sites that many tests only read are made once per test run
(``shared_*``, through lanes.once: once for all pytest-xdist workers too).
"""

from __future__ import annotations

import html.parser
import json
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import command_server
import pytest
from lanes import free_port, once  # noqa: F401 (free_port: for the tests)

from generator.notice.languages import SUPPORTED as LANGS  # noqa: F401 (the tests import it from here)
from generator.project import Project
from generator.record.releases import make_release

REPO = Path(__file__).resolve().parent.parent
PROJECT = Project.at(REPO)
"""This repository as a project: its schema, catalogs and Entrack's notice."""
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MULTI = FIXTURES / "multi"
MULTI_VERSIONS = [MULTI / "v1.yaml", MULTI / "v2.yaml", MULTI / "v3.yaml"]
HOSTILE = FIXTURES / "hostile.yaml"
BUILD_EPOCH = "1781481600"  # 2026-06-15: v1 archived, v2 in force, v3 upcoming
BUILD_DAY = date(2026, 6, 15)
"""BUILD_EPOCH's date."""


def make_project(root: Path) -> Path:
    """A new project with this one's site configuration and catalogs and an empty policy/ (the
    code is not copied: the command runs this repository's package)."""
    for name in ("locales", "site_overrides"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "policy").mkdir()
    for schema in ("schema.json", "parties.schema.json"):
        shutil.copy(REPO / "policy" / schema, root / "policy" / schema)
    return root


def run(
    root: Path, *args: str, epoch: str = BUILD_EPOCH, code: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in the project at `root`, run with the package under `code`
    (this repository's unless a test changes a copy), with `env` added to the environment. A copy leaves no
    bytecode behind (`make test` keeps this repository's in .pycache/: a copy's would pile up there). The
    command runs in a process of its own, forked from one that has imported the generator where nothing in
    `env` asks for a fresh interpreter (tests/command_server.py)."""
    throwaway = {} if code == REPO else {"PYTHONDONTWRITEBYTECODE": "1"}
    env = dict(
        os.environ, PYTHONPATH=str(code), SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1", **throwaway, **(env or {})
    )
    return command_server.run(list(args), root, env, timeout=300)


def release(root: Path, version: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy(version, root / "policy" / "notice.yaml")
    result = run(root, "release", "--lang", "en")
    assert result.returncode == 0, result.stderr
    return result


def multi_release_project(root: Path) -> Path:
    """The fictional three-release notice, released and ready to build."""
    make_project(root)
    for version in MULTI_VERSIONS:
        release(root, version)
    return root


def released_here(root: Path, *versions: Path) -> Project:
    """A new project at `root` with each of `versions` released in this process, in order (no subprocess),
    on the build date the command-line tests use."""
    make_project(root)
    project = Project.at(root)
    for version in versions:
        shutil.copy(version, project.notice)
        make_release(project, today=BUILD_DAY)
    return project


def hostile_project(root: Path) -> Path:
    """A notice with markup in the values that reach each output, released and ready to build."""
    make_project(root)
    release(root, HOSTILE)
    return root


def drop_language(data: object, lang: str) -> None:
    """Remove one language from every text (a mapping of language codes to strings) of notice data."""
    if isinstance(data, dict):
        if {"fi", "en"} <= set(data) and all(isinstance(v, str) for v in data.values()):
            data.pop(lang, None)
        for value in data.values():
            drop_language(value, lang)
    elif isinstance(data, list):
        for value in data:
            drop_language(value, lang)


def build(root: Path, *args: str, epoch: str = BUILD_EPOCH) -> Path:
    """`python -m generator build ARGS` in the project at `root`, which must succeed; the project."""
    result = run(root, "build", *args, epoch=epoch)
    assert result.returncode == 0, (
        f"`python -m generator build {' '.join(args)}` exited {result.returncode}:\n"
        + "\n".join((result.stdout + result.stderr).strip().splitlines()[-40:])
    )
    return root


def copy_project(source: Path, root: Path) -> Path:
    """A copy of the project at `source` at `root` (which may exist, empty); `root`."""
    shutil.copytree(source, root, symlinks=True, dirs_exist_ok=True)
    return root


def shared_pristine(config: pytest.Config) -> Path:
    """The fictional three-release project, released, not built; made once per test run: only read it."""
    return once(config, "pristine", multi_release_project)[0]


def shared_one_release(config: pytest.Config) -> Path:
    """A project with the first release of the fictional notice, made once per test run: only read it."""
    return once(config, "one-release", lambda root: release(make_project(root), MULTI_VERSIONS[0]))[0]


def shared_multi(config: pytest.Config) -> tuple[Path, float]:
    """The fictional three-release project built into <root>/site, made once per test run: only read it; the
    seconds its build took if this process made it."""
    return once(config, "multi", lambda root: build(copy_project(shared_pristine(config), root)))


COMPANY = FIXTURES / "company" / "policy"
"""A company's complete policy/ folder: three notices sharing parties.yaml, released with the tool."""
COMPANY_EPOCH = "1797465600"
"""2026-12-17: every notice's first release in force, the customers' second (2027-01-20) announced."""


def company_project(root: Path) -> Path:
    """A new project whose policy/ is the company fixture, as a user would put it in place."""
    make_project(root)
    shutil.rmtree(root / "policy")
    shutil.copytree(COMPANY, root / "policy")
    return root


def shared_company(config: pytest.Config) -> tuple[Path, float]:
    """The company fixture built as of COMPANY_EPOCH; made once per test run: only read it."""
    return once(config, "company", lambda root: build(company_project(root), epoch=COMPANY_EPOCH))


def shared_hostile(config: pytest.Config) -> tuple[Path, float]:
    """tests/fixtures/hostile.yaml released and built with its draft into <root>/site, once per test run."""
    return once(config, "hostile", lambda root: build(hostile_project(root), "--draft"))


def release_on(project: Project, text: str, day: date, site_url: str = "") -> None:
    """Release the notice `text` in `project` in this process, as `release` on `day` with the site's address
    `site_url` ("" when not known)."""
    project.notice.write_text(text, encoding="utf-8")
    make_release(project, today=day, site_url=site_url)


HOSTILE_NAME = (
    "<script>window.hit = 1</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) "
    "![pixel](https://tracker.example/p.gif) {: onclick=alert(1) } **Kuriiri** & Co"
)
"""The name of a recipient a change adds: markup of every kind, which every output shows as text."""
ANNOUNCED_DAY = date(2026, 6, 1)
"""The day `announced_version` is released: readers are told 30 days before it applies (2026-07-01)."""


def announced_version(name: str = HOSTILE_NAME, effective: str = "2026-07-01") -> str:
    """The fictional notice's first version with a material change: a new recipient named `name`, to which
    the purpose `orders` discloses data, taking effect on `effective`."""
    text = MULTI_VERSIONS[0].read_text(encoding="utf-8")
    for old, new in (
        (
            "    country: FI\ntransfers_outside_eea",
            f"    country: FI\n  - id: courier\n    name: {json.dumps(name)}\n"
            "    role: processor\n    country: FI\ntransfers_outside_eea",
        ),
        ("    recipients: [mailer]\n", "    recipients: [mailer, courier]\n"),
        ('effective: "2026-01-01"', f'effective: "{effective}"'),
        (
            "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
            "summary: {fi: Uusi vastaanottaja., sv: Ny mottagare., en: New recipient.}",
        ),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text


def announced_project(root: Path) -> Path:
    """The fictional notice's first version, then `announced_version` released on ANNOUNCED_DAY, built as of
    BUILD_DAY: the announcement's box on the notice in force, its page, its feed entry."""
    make_project(root)
    project = Project.at(root)
    release_on(project, MULTI_VERSIONS[0].read_text(encoding="utf-8"), ANNOUNCED_DAY)
    release_on(project, announced_version(), ANNOUNCED_DAY)
    return build(root)


def shared_announced(config: pytest.Config) -> tuple[Path, float]:
    """`announced_project` built into <root>/site, once per test run: only read it."""
    return once(config, "announced", announced_project)


class Elements(html.parser.HTMLParser):
    """Every element of an HTML text, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, [(name, value or "") for name, value in attrs]))

    @classmethod
    def of(cls, text: str) -> list[tuple[str, list[tuple[str, str]]]]:
        parser = cls()
        parser.feed(text)
        parser.close()
        return parser.found
