"""Build the whole site: plan it, run MkDocs per language, then swap it in.

Everything is built into a staging folder beside the target; only a complete
build replaces the old site (two renames), so a failed build leaves an
existing site/ exactly as it was. The languages are built side by side, one
process each up to the number of cores (parallel.py), into the same bytes as
one after another.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from .mkdocs_adapter import build_language, site_url
from .parallel import for_each_language
from .project import Project
from .site import SitePlan, build_date, plan_site


def build_site(project: Project, site_dir: Path, *, draft: bool = False, today: date | None = None,
               jobs: int | None = None) -> SitePlan:
    """Plan and build the site into `site_dir`; `jobs` processes at most (default: one per core)."""
    plan = plan_site(project, today=today or build_date(), draft=draft, site_url=site_url(project))
    site_dir = site_dir if site_dir.is_absolute() else project.root / site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}.building.", dir=site_dir.parent))
    try:
        for_each_language(lambda lang: build_language(project, plan, lang, staging / lang), plan.languages, jobs)
        for name, content in sorted(plan.files.items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        os.chmod(staging, 0o755)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return plan


def _swap(new: Path, target: Path) -> None:
    if not target.exists():
        os.replace(new, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f"{target.name}.old.", dir=target.parent))
    os.replace(target, old / "site")
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)
