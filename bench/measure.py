"""What the benchmark times, each function one measurement.

Builds are timed in-process, the generator and plain MkDocs alike: after a
warm-up build of each (imports loaded), every repetition calls
`generator.host.build.build_site` (plan, three MkDocs builds, the files beside the
pages, the swap into place) and, for plain MkDocs, `mkdocs.commands.build.build`
on each language's plain mkdocs.yml one language after another, as three
`mkdocs build -f` would. Both are timed with a wall clock and with CPU time
(user + system) of this process and of the processes it waited for: the
generator builds the languages side by side in forked processes, and their
CPU counts. The machine is shared, and CPU time is what stays put when
another job runs beside the benchmark, so the CPU ratio compares work done;
the wall-clock ratio shows what building side by side gains. Repetitions
alternate generator and plain MkDocs so that a busy moment hits both.
Before each generator build, all it keeps for the life of a process is
emptied (`forget_process_caches`), as plain MkDocs compiles its theme anew on
every build: both pay what a new process pays, imports aside.
"""

from __future__ import annotations

import contextlib
import copy
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import caches
from generator.environment import Environment
from generator.host import adapter as mkdocs_adapter
from generator.host.build import build_site
from generator.notice.load import load_file
from generator.notice.model import Notice
from generator.notice.validate import validate
from generator.project import Project
from generator.project import notices as every_notice
from generator.record import compare as sections_of
from generator.site.plan import COMPARE, COMPARE_SCRIPT, plan_site

from . import project


@dataclass
class Timing:
    """Repeated measurements of one thing: wall-clock and CPU seconds."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def summary(self) -> dict[str, object]:
        return {
            "wall_median": round(self.wall_median, 4),
            "cpu_median": round(self.cpu_median, 4),
            **{k: [round(v, 4) for v in vs] for k, vs in asdict(self).items()},
        }


def cpu_seconds() -> float:
    """User + system time of this process and of the child processes it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextlib.contextmanager
def timed(into: Timing) -> Iterator[None]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    yield
    into.cpu.append(cpu_seconds() - cpu)
    into.wall.append(time.perf_counter() - wall)


def forget_process_caches() -> None:
    """Empty all the generator keeps for the life of a process (generator/caches.py): the releases it read,
    the templates, catalogs and schemas it compiled, the dates and texts it worked out. A timed build then
    costs what `make site` costs in a new process, imports aside (plain MkDocs' builds keep theirs too, and
    compile their templates anew on every build)."""
    caches.forget()


@contextlib.contextmanager
def source_date(day: date) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to `day`, as a reproducible build (and serve) would have it."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = project.day(day)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@dataclass
class BuildResult:
    releases: int
    generator: Timing
    mkdocs: Timing
    site_bytes: int
    plain_site_bytes: int
    pages_per_language: int


def compare_builds(root: Path, work: Path, today: date, releases: int, repetitions: int) -> BuildResult:
    """The generator's full build against plain MkDocs building the same pages, alternately: the site of the
    project's one notice, or of a company's notices (policy/notices/)."""
    site_dir = work / "site"
    notices = every_notice(root)
    with source_date(today):
        plan = plan_site(notices, Environment(today, mkdocs_adapter.site_url(Project.at(root))))
        configs = project.write_plain_project(root, plan, work / "plain")

        def generator_build() -> None:
            forget_process_caches()  # as in a new process: `make site` compiles and reads everything once
            build_site(notices, site_dir, Environment(today))

        def plain_build() -> None:
            for config in configs.values():
                mkdocs_build(load_config(str(config)))

        generator_build(), plain_build()  # warm-up: the first build of a size fills caches
        gen, plain = Timing(), Timing()
        for _ in range(repetitions):
            with timed(gen):
                generator_build()
            with timed(plain):
                plain_build()
    plain_bytes = sum(project.tree_bytes(path.parent / "site") for path in configs.values())
    return BuildResult(releases, gen, plain, project.tree_bytes(site_dir), plain_bytes, len(plan.pages["fi"]))


@dataclass
class RebuildResult:
    releases: int
    timing: Timing
    pages: int


def rebuild(root: Path, today: date, repetitions: int, lang: str = "fi") -> RebuildResult:
    """What `python -m generator serve` does after an edit: one-line change, then one rebuild.

    `serve` runs `mkdocs serve` on mkdocs.yml with the language's overrides;
    on a change its builder loads the config afresh and calls MkDocs' build,
    whose on_config hook plans the preview anew from the repository (the
    edited policy/notice.yaml included). Timed here: that builder, i.e.
    load_config + build (the preview plan of one language: draft, notice in
    force, changelog). Not timed: the file watcher's 0.1 s debounce and the
    browser's reload.
    """
    notice = root / "policy" / "notice.yaml"
    original = notice.read_text(encoding="utf-8")
    site_dir = Path(tempfile.mkdtemp(prefix="serve.", dir=root))
    serve_url = "http://127.0.0.1:8000/"

    def builder() -> int:
        config = load_config(
            str(root / "mkdocs.yml"), site_dir=str(site_dir), **mkdocs_adapter._overrides(Project.at(root), lang)
        )
        config.site_url = serve_url
        mkdocs_build(config, serve_url=serve_url)
        return sum(1 for _ in site_dir.rglob("index.html"))

    timing = Timing()
    try:
        with source_date(today):
            mkdocs_adapter._active.clear()
            mkdocs_adapter._serving["project"] = Project.at(root)  # as `serve` sets it
            pages = builder()  # the initial build of `serve`
            for edit in range(repetitions):
                notice.write_text(_edit_one_line(original, edit), encoding="utf-8")
                with timed(timing):
                    builder()
    finally:
        notice.write_text(original, encoding="utf-8")
        mkdocs_adapter._active.clear()
        mkdocs_adapter._serving.clear()
        shutil.rmtree(site_dir, ignore_errors=True)
    return RebuildResult(sum(1 for _ in (root / "policy" / "releases").glob("20*")), timing, pages)


def _edit_one_line(text: str, edit: int) -> str:
    """The working copy with one line changed: a word more in the English summary of the revision."""
    lines = text.splitlines(keepends=True)
    index = max(i for i, line in enumerate(lines) if line.lstrip().startswith("en:") and "Version" in line)
    lines[index] = lines[index].replace("Version", f"Version (edit {edit + 1})", 1)
    return "".join(lines)


@dataclass
class CheckResult:
    file_bytes: int
    purposes: int
    recipients: int
    cookies: int
    findings_line: str
    subprocess: Timing
    load: Timing
    validate: Timing
    model: Timing
    rules: Timing


def check(path: Path, repetitions: int) -> CheckResult:
    """`python -m generator check FILE` as a user runs it (new interpreter), and its stages in-process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "generator", "check", str(path)]
    cwd = Path(__file__).resolve().parent.parent
    outside = Timing()
    last = ""
    for _ in range(repetitions):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
        outside.wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        outside.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode not in (0, 1) or "Traceback" in result.stderr:
            raise RuntimeError(f"check failed ({result.returncode}): {result.stderr[-2000:]}")
        last = (result.stdout.strip().splitlines() or [""])[-1]

    from generator.notice.rules import Context, run_rules

    stages = {name: Timing() for name in ("load", "validate", "model", "rules")}
    for _ in range(repetitions):
        with timed(stages["load"]):
            doc = load_file(path)
        with timed(stages["validate"]):
            problems = validate(doc, Project.at(cwd).schema)
        assert not problems, problems[:3]
        with timed(stages["model"]):
            notice = Notice.from_data(doc.data)
        with timed(stages["rules"]):
            run_rules(Context(notice, doc))
    return CheckResult(
        path.stat().st_size, len(notice.purposes), len(notice.recipients), len(notice.cookies), last, outside, **stages
    )


def stopwatch(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


@dataclass
class RenameResult:
    """Comparing two releases whose every data category was renamed, at two sizes."""

    items: tuple[int, int]
    seconds: tuple[float, float]
    text_bytes: tuple[int, int]

    @property
    def growth(self) -> float:
        return self.seconds[1] / self.seconds[0]


@dataclass
class CompareFootprint:
    """What the compare page (issue 21) adds to a built site, in bytes."""

    site_bytes: int
    pages_bytes: int  # its page in every language
    page_bytes: int  # its page in one language (fi), raw and gzipped
    page_gzip_bytes: int
    script_bytes: int  # compare.js, every language's copy
    link_bytes: int  # the links to it on the version history and the diff pages
    texts_bytes: int  # the frozen texts it reads, which the site serves anyway (versions.json `texts`)
    sections_json_bytes: int  # what each release's sections as JSON, the alternative to reading the texts, would add

    @property
    def feature_bytes(self) -> int:
        return self.pages_bytes + self.script_bytes + self.link_bytes


_LINK_TO_COMPARE = re.compile(rb'<(li|p)><a href="[^"]*compare/[^"]*">[^<]*</a></\1>\n?')


def compare_footprint(site: Path, root: Path) -> CompareFootprint:
    """The compare page's share of the site built at `site` from the project at `root`: its pages, its script,
    the links to it (read from the built files), against the whole site; and, for the decision, the bytes the
    frozen texts it reads already take, and what each release's sections prepared as JSON (compare.sections, as
    compact JSON) would have added instead of the script reading them."""
    pages = [site / lang / COMPARE.replace(".md", ".html") for lang in ("fi", "sv", "en")]
    links = sum(
        len(match.group())
        for path in site.rglob("*.html")
        if path not in pages
        for match in _LINK_TO_COMPARE.finditer(path.read_bytes())
    )
    texts = sorted((site / "releases").glob("*/*.md"))
    as_json = sum(
        len(
            json.dumps(
                [asdict(section) for section in sections_of.sections(text.read_text(encoding="utf-8"))],
                ensure_ascii=False,
                separators=(",", ":"),
            ).encode("utf-8")
        )
        for text in texts
    )
    fi = pages[0].read_bytes()
    return CompareFootprint(
        site_bytes=project.tree_bytes(site),
        pages_bytes=sum(page.stat().st_size for page in pages),
        page_bytes=len(fi),
        page_gzip_bytes=len(gzip.compress(fi, compresslevel=9, mtime=0)),
        script_bytes=sum((site / lang / COMPARE_SCRIPT).stat().st_size for lang in ("fi", "sv", "en")),
        link_bytes=links,
        texts_bytes=sum(text.stat().st_size for text in texts),
        sections_json_bytes=as_json,
    )


def rename(base: dict, items: tuple[int, int], repetitions: int) -> RenameResult:
    """The diff pages' comparison (generator.record.compare.compare) of two released Finnish texts of a notice
    whose N data categories, all used by one purpose, were all renamed: the median of `repetitions` runs, at
    N and 4N. It was quadratic (a paragraph naming every category, each block sought among all the others)."""
    from generator.notice.model import Notice
    from generator.record.compare import compare
    from generator.words.render import render_notice

    locales = Project.at(Path(__file__).resolve().parent.parent).locales

    def text(n: int, tag: str) -> str:
        data = copy.deepcopy(base)
        data["data_categories"] = [
            {"id": f"c{i}", "name": {lang: f"Tietoryhmä {i} {tag}" for lang in ("fi", "sv", "en")}} for i in range(n)
        ]
        for purpose in data["purposes"]:
            purpose["data_categories"] = [f"c{i}" for i in range(n)]
            purpose.pop("retention", None)
        return render_notice(Notice.from_data(data), "fi", locales)

    seconds, sizes = [], []
    for n in items:
        old, new = text(n, "ennen"), text(n, "nyt")
        timing = Timing()
        for _ in range(repetitions):
            with timed(timing):
                compare(old, new)
        seconds.append(timing.wall_median)
        sizes.append(len(old.encode("utf-8")))
    return RenameResult(items, (seconds[0], seconds[1]), (sizes[0], sizes[1]))


@dataclass(frozen=True)
class SetupResult:
    """A cold `make site`: a fresh clone of the commit, no environment yet."""

    seconds: float
    venv_mb: float
    """Disk used by .venv (du: blocks, as the disk fills), MB."""
    venv_apparent_mb: float
    """The bytes of its files, MB."""


def setup(repo: Path, work: Path) -> SetupResult:
    """Time `make site` on a fresh clone of HEAD (its committed files only), as a new user runs it.

    Packages come from pip's cache where this machine has them (as on a CI
    runner whose cache is restored); the first run on a new machine also
    downloads them.
    """
    fresh = work / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(repo), str(fresh)], check=True)
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL")}
    started = time.perf_counter()
    subprocess.run(["make", "site"], cwd=fresh, env=environment, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    used = subprocess.run(["du", "-sk", ".venv"], cwd=fresh, check=True, capture_output=True, text=True)
    apparent = subprocess.run(
        ["du", "-sk", "--apparent-size", ".venv"], cwd=fresh, check=True, capture_output=True, text=True
    )
    result = SetupResult(
        seconds=seconds,
        venv_mb=int(used.stdout.split()[0]) / 1024,
        venv_apparent_mb=int(apparent.stdout.split()[0]) / 1024,
    )
    shutil.rmtree(fresh, ignore_errors=True)
    return result
