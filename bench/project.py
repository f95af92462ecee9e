"""Throw-away Seloste projects under bench/work/, and the plain-MkDocs twin of a site.

A project is a copy of the site configuration, catalogs and schema with its
own policy/ (the benchmark imports nothing from tests/). Releases are made in-process with
generator.record.releases.make_release, the same function `python -m generator
release` calls.

`write_plain_project` dumps the exact Markdown pages the generator feeds
MkDocs into one docs_dir per language, with the per-page flags the hooks set
(search exclusion, robots) as front matter, and one mkdocs.yml per language:
the project's own mkdocs.yml with its `hooks:` entry removed, and the site
name, nav and theme.language the hooks would have set. `mkdocs build -f
plain/<lang>/mkdocs.yml` then builds the same pages with no generator at all.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig

from generator.host import adapter as mkdocs_adapter
from generator.project import Project
from generator.record.releases import Release, make_release
from generator.site.plan import SitePlan

REPO = Path(__file__).resolve().parent.parent


def make_project(root: Path) -> Path:
    """A fresh project with this one's site configuration, catalogs and schema, and an empty policy/
    (the code is not copied: the benchmark runs this repository's package)."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in ("locales", "site_overrides"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "policy").mkdir()
    shutil.copy(REPO / "policy" / "schema.json", root / "policy" / "schema.json")
    return root


def add_release(root: Path, notice_yaml: str, released: date, notice_id: str = "") -> Release:
    """Release `notice_yaml` as the project's one notice, or as the company's notice `notice_id`."""
    notice = Project.at(root, notice_id)
    notice.notice.parent.mkdir(parents=True, exist_ok=True)
    notice.notice.write_text(notice_yaml, encoding="utf-8")
    return make_release(notice, today=released)


def write_plain_project(root: Path, plan: SitePlan, out: Path) -> dict[str, Path]:
    """One docs_dir and mkdocs.yml per language holding the plan's pages; returns lang -> config file."""
    if out.exists():
        shutil.rmtree(out)
    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        base = yaml.safe_load(handle)
    base.pop("hooks", None)
    base.pop("watch", None)  # serve only; its paths are relative to the project
    configs = {}
    for lang in plan.languages:
        hooked = _hooked_config(root, plan, lang)
        docs = out / lang / "docs"
        shutil.copytree(root / base["docs_dir"], docs)
        for page in plan.pages[lang]:
            meta = {"title": page.title}
            if not page.searchable:
                meta["search"] = {"exclude": True}
            if page.robots:
                meta["robots"] = page.robots
            if page.record:
                meta["record"] = page.record
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n\n{page.markdown}", encoding="utf-8"
            )
        config = dict(base)
        config.update(
            site_name=str(hooked.site_name),  # already escaped for Material (a Markup value)
            # on_config sets /<lang>/ when mkdocs.yml has no site_url; a config file needs a full address.
            site_url=hooked.site_url if "://" in (hooked.site_url or "") else f"https://seloste.invalid/{lang}/",
            docs_dir=str(docs),
            site_dir=str(out / lang / "site"),
            nav=hooked.nav,
            theme=dict(base["theme"], language=lang, custom_dir=str(root / base["theme"]["custom_dir"])),
            extra=dict(base.get("extra") or {}, alternate=hooked.extra["alternate"], labels=hooked.extra["labels"]),
            # The one filter the overrides need (escaping for CSS strings); nothing of the generator runs.
            hooks=[str(Path(__file__).resolve().parent / "plain_hooks.py")],
        )
        path = out / lang / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs[lang] = path
    return configs


def _hooked_config(root: Path, plan: SitePlan, lang: str) -> MkDocsConfig:
    """The config as the generator's on_config hook leaves it (site name, nav, language menu)."""
    mkdocs_adapter._active["plan"] = plan
    try:
        return mkdocs_adapter.on_config(mkdocs_adapter._config(Project.at(root), lang))
    finally:
        mkdocs_adapter._active.clear()


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def day(epoch_date: date) -> str:
    """SOURCE_DATE_EPOCH for a date."""
    from datetime import datetime

    return str(int(datetime(epoch_date.year, epoch_date.month, epoch_date.day, tzinfo=UTC).timestamp()))
