"""Build the whole site: plan it, run MkDocs per language, then swap it in.

Everything is built into a staging folder beside the target; only a complete
build replaces the old site, in one atomic exchange (generator/folder_swap.py),
so a failed or killed build leaves an existing site/ exactly as it was, and a
folder Seloste did not build is never replaced. The languages are built side
by side, one process each (processes.py), into the same bytes as one after
another.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.environment import Environment
from generator.folder_swap import replacing
from generator.host.adapter import build_language, compile_theme, site_colors
from generator.host.processes import for_each_language
from generator.project import Project
from generator.site.plan import plan_site
from generator.words.render import compile_templates


def build_site(
    projects: Project | Sequence[Project],
    site_dir: Path,
    environment: Environment,
    *,
    draft: bool = False,
    jobs: int | None = None,
) -> dict[str, int]:
    """Plan and build the site of the project's notice, or of a company's notices, as of `environment` into
    `site_dir`, `jobs` processes at most (default: one per language); the number of pages built in each language."""
    project = projects if isinstance(projects, Project) else projects[0]  # the site's host, shared by the notices
    site_dir = site_dir if site_dir.is_absolute() else project.root / site_dir
    with replacing(site_dir, project.root) as staging:
        plan = plan_site(projects, environment, draft=draft, colors=site_colors(project))
        compile_theme(project, plan.languages[0])
        compile_templates(project.locales, plan.languages)
        built = for_each_language(
            lambda lang: build_language(project, plan, lang, staging / lang), plan.languages, jobs
        )
        for name, content in sorted(plan.files.items()):
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    return dict(zip(plan.languages, built, strict=True))
