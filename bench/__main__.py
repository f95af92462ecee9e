"""`make bench`: how fast Seloste builds, checks and previews, against its targets.

In one run, in bench/work/ (scratch, gitignored):

1. A project gets R = 1, then 10, then 100 releases of a realistic notice
   (bench/synth.py: Entrack's, ~22 kB in fi/sv/en, one real change per
   release). At each R the full site is built with the generator and the very
   same pages with plain MkDocs (bench/project.py), alternately, several times.
2. From those: the cost of one more release at R = 10 and R = 100 (the slope
   of build time between the sizes) and the site's bytes per release.
3. `python -m generator check` on a ~1 MB notice (hundreds of purposes,
   recipients and cookies), as a user runs it, and its stages in-process.
4. The live-preview loop: one-line edit of policy/notice.yaml, then the
   rebuild `python -m generator serve` does (bench/measure.py: rebuild).
5. The weight of /fi/ and /fi/compare/ of the repository's own site at first
   load, bytes (gzipped) and requests, measured in Chromium (bench/page.py),
   and the compare page's share of the site at the largest R (its pages,
   script and links, against the site; bench/measure.py: compare_footprint).
6. A cold `make site` on a fresh clone of HEAD: its time and the size of the
   environment it makes (bench/measure.py: setup).
7. bench/results.json and a table; `--readme-section FILE` also writes the
   README's Benchmark section.

Run from the repository root: `make bench`, or `.venv/bin/python -m bench
[--quick]`. A full run takes about three minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from generator.host import processes as parallel

from . import measure, page, project, synth

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / "work"
RESULTS = REPO / "bench" / "results.json"

COMPANY = (5, 50)
"""The company the benchmark builds (issue 22): so many notices, each with so many releases."""
TARGETS = {
    "build_ratio_vs_mkdocs": 1.05,  # CPU, at the largest R
    "build_wall_ratio_vs_mkdocs": 0.75,  # wall clock, at the largest R (3 equal builds on 2 cores: >= 0.67)
    "per_release_growth": 1.5,  # per-release cost at the largest R / at the middle R
    "site_bytes_per_release_growth": 1.1,  # same, for bytes: flat means within 10 %
    "check_seconds_1mb": 1.0,
    "rebuild_seconds": 1.5,  # at the middle R
    "rebuild_seconds_at_largest_R": 0.35,
    "page_weight_kb": 60,
    "page_requests": 6,
    "compare_page_kb": 60,  # /fi/compare/ at first load, the two texts of its pair included: /fi/'s budget
    "rename_growth": 6.0,  # comparison time for 4x the renamed items
    "setup_seconds": 45.0,  # cold `make site` on a fresh clone
    "venv_mb": 150.0,  # the .venv it makes, on disk
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="R = 1, 3, 12 and fewer repetitions (a smoke test; results not written)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="results file (default: %(default)s)")
    parser.add_argument("--readme-section", type=Path, help="also write the README's Benchmark section here")
    args = parser.parse_args(argv)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    sizes = (1, 3, 12) if args.quick else (1, 10, 100)
    repetitions = {sizes[0]: 5, sizes[1]: 5, sizes[2]: 5} if not args.quick else dict.fromkeys(sizes, 2)
    started = time.perf_counter()
    load_before = os.getloadavg()

    WORK.mkdir(parents=True, exist_ok=True)
    base = synth.base_notice(REPO)
    root = project.make_project(WORK / "project")
    builds: dict[int, measure.BuildResult] = {}
    rebuilds: dict[int, measure.RebuildResult] = {}
    release_seconds: dict[int, float] = {}
    made = 0
    for size in sizes:
        _say(f"releasing up to R = {size} ...")
        release_seconds[size] = measure.stopwatch(
            lambda made=made, size=size: [
                project.add_release(
                    root, synth.dump(synth.release_notice(base, k)), synth.FIRST_EFFECTIVE + timedelta(days=k - 1)
                )
                for k in range(made + 1, size + 1)
            ]
        )
        made = size
        today = synth.FIRST_EFFECTIVE + timedelta(days=size - 1)
        _say(f"R = {size}: generator build vs plain MkDocs, {repetitions[size]} times each ...")
        builds[size] = measure.compare_builds(root, WORK / f"r{size}", today, size, repetitions[size])
        _say(f"R = {size}: one-line edit + preview rebuild ...")
        rebuilds[size] = measure.rebuild(root, today, repetitions=2 if args.quick else 5)

    notice_count, per_notice = (3, 4) if args.quick else COMPANY
    _say(f"a company of {notice_count} notices x {per_notice} releases: generator build vs plain MkDocs ...")
    company_root = project.make_project(WORK / "company")
    for k in range(1, per_notice + 1):
        for n in range(notice_count):
            project.add_release(
                company_root,
                synth.dump(synth.release_notice(base, k)),
                synth.FIRST_EFFECTIVE + timedelta(days=k - 1),
                f"notice-{n + 1}",
            )
    company = measure.compare_builds(
        company_root,
        WORK / "company-build",
        synth.FIRST_EFFECTIVE + timedelta(days=per_notice - 1),
        notice_count * per_notice,
        repetitions[sizes[-1]],
    )

    _say("check on a ~1 MB notice ...")
    large = WORK / "large.yaml"
    large.write_text(synth.large_notice(base), encoding="utf-8")
    checked = measure.check(large, repetitions=2 if args.quick else 5)

    _say("comparing two releases that rename every data category ...")
    renamed = measure.rename(base, (400, 1600) if args.quick else (1500, 6000), repetitions=3 if args.quick else 5)

    _say("the compare page's share of the site at the largest R ...")
    footprint = measure.compare_footprint(WORK / f"r{sizes[-1]}" / "site", root)

    _say("/fi/ and /fi/compare/ of this repository's site in Chromium ...")
    weights = page.weigh(REPO, WORK, "/fi/", "/fi/compare/")
    weight = weights["/fi/"]

    _say("cold `make site` on a fresh clone ...")
    setup = measure.setup(REPO, WORK)

    results = _results(sizes, builds, rebuilds, checked, release_seconds, weight, renamed)
    results["compare_page"] = _compare_results(weights["/fi/compare/"], footprint, sizes[-1])
    results["company"] = _company_results(company, notice_count, per_notice)
    results |= _setup_results(setup)
    results["run"] = {
        "seconds": round(time.perf_counter() - started, 1),
        "loadavg_before": _rounded(load_before),
        "loadavg_after": _rounded(os.getloadavg()),
        "quick": args.quick,
    }
    table = report(results)
    print(table)
    if not args.quick or args.output != RESULTS:
        args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwritten: {args.output}")
    if args.readme_section:
        args.readme_section.write_text(readme_section(results, table), encoding="utf-8")
        print(f"written: {args.readme_section}")
    return 0


def _results(
    sizes, builds, rebuilds, checked, release_seconds, weight: page.PageWeight, renamed: measure.RenameResult
) -> dict[str, object]:
    small, middle, large = sizes
    ratio = {str(r): round(b.generator.cpu_median / b.mkdocs.cpu_median, 3) for r, b in builds.items()}
    wall_ratio = {str(r): round(b.generator.wall_median / b.mkdocs.wall_median, 3) for r, b in builds.items()}

    def slope(value, a: int, b: int) -> float:
        return (value(builds[b]) - value(builds[a])) / (b - a)

    per_release = {
        str(middle): round(slope(lambda b: b.generator.cpu_median, small, middle), 4),
        str(large): round(slope(lambda b: b.generator.cpu_median, middle, large), 4),
    }
    per_release_wall = {
        str(middle): round(slope(lambda b: b.generator.wall_median, small, middle), 4),
        str(large): round(slope(lambda b: b.generator.wall_median, middle, large), 4),
    }
    per_release_plain = {
        str(middle): round(slope(lambda b: b.mkdocs.cpu_median, small, middle), 4),
        str(large): round(slope(lambda b: b.mkdocs.cpu_median, middle, large), 4),
    }
    bytes_per_release = {
        str(middle): round(slope(lambda b: b.site_bytes, small, middle)),
        str(large): round(slope(lambda b: b.site_bytes, middle, large)),
    }
    headline_rebuild = rebuilds[middle]
    return {
        "build_ratio_vs_mkdocs": ratio,
        "build_wall_ratio_vs_mkdocs": wall_ratio,
        "page_weight_kb": round(weight.gzip_bytes / 1000, 1),
        "page_requests": weight.requests,
        "per_release_seconds": per_release,
        "site_bytes_per_release": bytes_per_release[str(large)],
        "check_seconds_1mb": round(checked.subprocess.wall_median, 3),
        "rebuild_seconds": round(headline_rebuild.timing.wall_median, 3),
        "rename_growth": round(renamed.growth, 2),
        "targets": {
            "rename_growth": f"< {TARGETS['rename_growth']}x the time for 4x the renamed items",
            "build_ratio_vs_mkdocs": f"<= {TARGETS['build_ratio_vs_mkdocs']} at R = {large}",
            "build_wall_ratio_vs_mkdocs": f"<= {TARGETS['build_wall_ratio_vs_mkdocs']} at R = {large}",
            "page_weight_kb": f"<= {TARGETS['page_weight_kb']} kB",
            "page_requests": f"<= {TARGETS['page_requests']}",
            "per_release_seconds": f"R = {large} <= {TARGETS['per_release_growth']} x R = {middle}",
            "site_bytes_per_release": f"flat: R = {large} <= {TARGETS['site_bytes_per_release_growth']} x R = {middle}",
            "check_seconds_1mb": f"< {TARGETS['check_seconds_1mb']} s",
            "rebuild_seconds": f"< {TARGETS['rebuild_seconds']} s at R = {middle}",
            "rebuild_seconds_at_largest_R": f"<= {TARGETS['rebuild_seconds_at_largest_R']} s at R = {large}",
        },
        "met": {
            "rename_growth": renamed.growth < TARGETS["rename_growth"],
            "build_ratio_vs_mkdocs": ratio[str(large)] <= TARGETS["build_ratio_vs_mkdocs"],
            "build_wall_ratio_vs_mkdocs": wall_ratio[str(large)] <= TARGETS["build_wall_ratio_vs_mkdocs"],
            "page_weight_kb": weight.gzip_bytes / 1000 <= TARGETS["page_weight_kb"],
            "page_requests": weight.requests <= TARGETS["page_requests"],
            "per_release_seconds": per_release[str(large)] <= TARGETS["per_release_growth"] * per_release[str(middle)],
            "site_bytes_per_release": bytes_per_release[str(large)]
            <= TARGETS["site_bytes_per_release_growth"] * bytes_per_release[str(middle)],
            "check_seconds_1mb": checked.subprocess.wall_median < TARGETS["check_seconds_1mb"],
            "rebuild_seconds": headline_rebuild.timing.wall_median < TARGETS["rebuild_seconds"],
            "rebuild_seconds_at_largest_R": rebuilds[large].timing.wall_median
            <= TARGETS["rebuild_seconds_at_largest_R"],
        },
        "details": {
            "method": {
                "builds": "in-process, after one warm-up build of each; generator = generator.host.build.build_site "
                "(plan + 3 MkDocs builds side by side, one forked process per language, on "
                f"{parallel.cores()} cores + versions.json/feeds/release JSON + swap); plain = "
                "mkdocs.commands.build.build on 3 plain mkdocs.yml (the project's, no hooks) whose "
                "docs_dir holds the generator's exact pages as Markdown files, one language after "
                "another; alternated; medians. Before each generator build all it keeps for the life of "
                "a process is emptied (bench.measure.forget_process_caches: releases read, templates, "
                "catalogs and schemas compiled), so every build reads, validates and compiles as "
                "`make site` in a new process does. CPU time is user+sys of this process and of the worker "
                "processes it waited for; build_ratio_vs_mkdocs and per-release costs use it (work "
                "done, which another job on the machine disturbs least); build_wall_ratio_vs_mkdocs "
                "is the same builds' wall-clock ratio (what building side by side gains).",
                "page_weight_kb": page.__doc__.split("\n\n")[1].replace("\n", " ").strip(),
                "per_release_seconds": f"slope of the generator's build time: R {small}->{middle} and R {middle}->{large}",
                "site_bytes_per_release": f"slope of the built site's bytes, R {middle}->{large} (by_R: {small}->{middle}, {middle}->{large})",
                "check_seconds_1mb": "wall time of `python -m generator check FILE` in a new interpreter (start-up "
                "and imports included), median",
                "rebuild_seconds": measure.rebuild.__doc__.split("\n\n")[1].replace("\n    ", " ").strip(),
                "rename_growth": " ".join(measure.rename.__doc__.split()),
            },
            "rename": {
                "items": list(renamed.items),
                "seconds": [round(s, 4) for s in renamed.seconds],
                "text_bytes": list(renamed.text_bytes),
            },
            "per_release_seconds_wall": per_release_wall,
            "per_release_seconds_plain_mkdocs": per_release_plain,
            "site_bytes_per_release_by_R": bytes_per_release,
            "builds": {
                str(r): {
                    "generator_seconds": b.generator.summary(),
                    "mkdocs_seconds": b.mkdocs.summary(),
                    "site_bytes": b.site_bytes,
                    "plain_site_bytes": b.plain_site_bytes,
                    "pages_per_language": b.pages_per_language,
                }
                for r, b in builds.items()
            },
            "release_seconds": {str(r): round(s, 2) for r, s in release_seconds.items()},
            "page": {
                "path": weight.path,
                "raw_kb": round(weight.raw_bytes / 1000, 1),
                "foreign_requests": weight.foreign_requests,
                "responses": weight.responses,
            },
            "rebuild": {str(r): {"seconds": b.timing.summary(), "pages_built": b.pages} for r, b in rebuilds.items()},
            "check": {
                "file_bytes": checked.file_bytes,
                "purposes": checked.purposes,
                "recipients": checked.recipients,
                "cookies": checked.cookies,
                "report": checked.findings_line,
                "subprocess_seconds": checked.subprocess.summary(),
                "in_process_seconds": {
                    name: getattr(checked, name).summary() for name in ("load", "validate", "model", "rules")
                },
            },
        },
        "machine": machine(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "commit": _git("rev-parse", "--short", "HEAD")
        + (" (+ local changes)" if _git("status", "--porcelain", "--untracked-files=no") else ""),
    }


def _compare_results(weight: page.PageWeight, footprint: measure.CompareFootprint, largest: int) -> dict[str, object]:
    """The compare page (issue 21): its weight at first load, and what it adds to the site at the largest R."""
    by_kind: dict[str, int] = {}
    for response in weight.responses:
        path = str(response["path"])
        kind = (
            "script"
            if path.endswith(".js")
            else "texts"
            if path.endswith(".md")
            else "html"
            if path.endswith("/")
            else "css"
        )
        by_kind[kind] = by_kind.get(kind, 0) + int(response["gzip_bytes"])  # type: ignore[call-overload]
    without = footprint.site_bytes - footprint.feature_bytes
    return {
        "first_load_kb": round(weight.gzip_bytes / 1000, 1),
        "first_load_requests": weight.requests,
        "first_load_gzip_kb_by_kind": {kind: round(size / 1000, 1) for kind, size in by_kind.items()},
        "html_and_script_kb": round((by_kind.get("html", 0) + by_kind.get("script", 0)) / 1000, 1),
        "foreign_requests": weight.foreign_requests,
        "comparison_seconds": round(weight.compare_seconds or 0.0, 4),
        "at_R": largest,
        "site_mb_with": round(footprint.site_bytes / 1e6, 2),
        "site_mb_without": round(without / 1e6, 2),
        "feature_kb": round(footprint.feature_bytes / 1000, 1),
        "feature_share_percent": round(100 * footprint.feature_bytes / without, 2),
        "pages_kb": round(footprint.pages_bytes / 1000, 1),
        "page_fi_kb": round(footprint.page_bytes / 1000, 1),
        "page_fi_gzip_kb": round(footprint.page_gzip_bytes / 1000, 1),
        "script_kb": round(footprint.script_bytes / 1000, 1),
        "links_kb": round(footprint.link_bytes / 1000, 1),
        "data_per_release_bytes": 0,
        "texts_mb": round(footprint.texts_bytes / 1e6, 2),
        "sections_json_mb": round(footprint.sections_json_bytes / 1e6, 2),
        "target": f"<= {TARGETS['compare_page_kb']} kB at first load",
        "met": weight.gzip_bytes / 1000 <= TARGETS["compare_page_kb"],
        "method": "/fi/compare/ weighed as /fi/ is (every response of the site's own host, gzipped, up to the "
        "network going idle): its HTML, the two stylesheets, compare.js and the two frozen texts of the pair it "
        "opens on (the version in force and its predecessor); comparison_seconds is selosteCompare.compare on "
        f"that pair in Chromium, median of 7. At R = {largest}: the bench's site, its compare pages, compare.js "
        "and the links to the page (version history, diff pages) read from the built files; `without` is the "
        "site less those. The page reads the frozen texts the site publishes anyway (versions.json `texts`), so "
        "it adds no data per release; sections_json_mb is what each release's compare.sections as compact JSON, "
        "in every language, would have added had the page read prepared data instead.",
    }


def _company_results(build: measure.BuildResult, notice_count: int, per_notice: int) -> dict[str, object]:
    """A company's site (issue 22): its build against plain MkDocs building the same pages, as for one notice."""
    ratio = build.generator.cpu_median / build.mkdocs.cpu_median
    return {
        "notices": notice_count,
        "releases_per_notice": per_notice,
        "pages_per_language": build.pages_per_language,
        "generator_seconds": build.generator.summary(),
        "mkdocs_seconds": build.mkdocs.summary(),
        "site_bytes": build.site_bytes,
        "ratio_vs_mkdocs": round(ratio, 3),
        "wall_ratio_vs_mkdocs": round(build.generator.wall_median / build.mkdocs.wall_median, 3),
        "target": f"<= {TARGETS['build_ratio_vs_mkdocs']}, as for one notice",
        "met": ratio <= TARGETS["build_ratio_vs_mkdocs"],
    }


def _setup_results(setup: measure.SetupResult) -> dict[str, object]:
    """The cold `make site` figures, kept apart from the build figures they do not depend on."""
    return {
        "setup": {
            "seconds": round(setup.seconds, 1),
            "venv_mb": round(setup.venv_mb, 1),
            "venv_apparent_mb": round(setup.venv_apparent_mb, 1),
            "targets": {
                "seconds": f"<= {TARGETS['setup_seconds']:.0f} s",
                "venv_mb": f"<= {TARGETS['venv_mb']:.0f} MB",
            },
            "met": {
                "seconds": setup.seconds <= TARGETS["setup_seconds"],
                "venv_mb": setup.venv_mb <= TARGETS["venv_mb"],
            },
            "method": " ".join(measure.setup.__doc__.split()),
        }
    }


def report(results: dict) -> str:
    """The figures as Markdown tables (readable in a terminal too)."""
    d = results["details"]
    sizes = list(results["build_ratio_vs_mkdocs"])
    builds = d["builds"]
    lines = ["| | " + " | ".join(f"R = {r}" for r in sizes) + " |", "| --- |" + " ---: |" * len(sizes)]

    def row(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    row("pages per language", [str(builds[r]["pages_per_language"]) for r in sizes])
    row(
        "generator build, CPU s (wall s)",
        [
            f"{builds[r]['generator_seconds']['cpu_median']:.2f} ({builds[r]['generator_seconds']['wall_median']:.2f})"
            for r in sizes
        ],
    )
    row(
        "plain MkDocs, same pages, CPU s (wall s)",
        [
            f"{builds[r]['mkdocs_seconds']['cpu_median']:.2f} ({builds[r]['mkdocs_seconds']['wall_median']:.2f})"
            for r in sizes
        ],
    )
    row(
        "ratio generator / MkDocs, CPU (wall)",
        [f"{results['build_ratio_vs_mkdocs'][r]:.2f} ({results['build_wall_ratio_vs_mkdocs'][r]:.2f})" for r in sizes],
    )
    row("the same, CPU, each pair of runs: lowest – highest", [_spread(builds[r]) for r in sizes])
    row("site size, MB", [f"{builds[r]['site_bytes'] / 1e6:.1f}" for r in sizes])
    row("preview rebuild after a one-line edit, s", [f"{d['rebuild'][r]['seconds']['wall_median']:.2f}" for r in sizes])
    per = results["per_release_seconds"]
    bytes_by = d["site_bytes_per_release_by_R"]
    middle, large = list(per)
    summary = [
        "| Figure | Measured | Target | Met |",
        "| --- | ---: | --- | :---: |",
        f"| build vs plain MkDocs at R = {large}, wall clock | {results['build_wall_ratio_vs_mkdocs'][large]:.2f}x | "
        f"{results['targets']['build_wall_ratio_vs_mkdocs']} | {_ok(results['met']['build_wall_ratio_vs_mkdocs'])} |",
        f"| build vs plain MkDocs at R = {large}, CPU | {results['build_ratio_vs_mkdocs'][large]:.2f}x | "
        f"{results['targets']['build_ratio_vs_mkdocs']} | {_ok(results['met']['build_ratio_vs_mkdocs'])} |",
        f"| build time per release, R = {middle} / R = {large} | {per[middle] * 1000:.0f} ms / {per[large] * 1000:.0f} ms "
        f"({per[large] / per[middle]:.2f}x) | {results['targets']['per_release_seconds']} | {_ok(results['met']['per_release_seconds'])} |",
        f"| site bytes per release, R = {middle} / R = {large} | {bytes_by[middle] / 1e3:.0f} kB / {bytes_by[large] / 1e3:.0f} kB "
        f"({bytes_by[large] / bytes_by[middle]:.2f}x) | {results['targets']['site_bytes_per_release']} | {_ok(results['met']['site_bytes_per_release'])} |",
        f"| `check` on a {d['check']['file_bytes'] / 1e6:.1f} MB notice | {results['check_seconds_1mb']:.2f} s | "
        f"{results['targets']['check_seconds_1mb']} | {_ok(results['met']['check_seconds_1mb'])} |",
        f"| preview rebuild after a one-line edit, R = {middle} | {results['rebuild_seconds']:.2f} s | "
        f"{results['targets']['rebuild_seconds']} | {_ok(results['met']['rebuild_seconds'])} |",
        f"| preview rebuild after a one-line edit, R = {large} | {d['rebuild'][large]['seconds']['wall_median']:.2f} s | "
        f"{results['targets']['rebuild_seconds_at_largest_R']} | {_ok(results['met']['rebuild_seconds_at_largest_R'])} |",
        f"| comparing two releases that rename every data category, {d['rename']['items'][0]} / "
        f"{d['rename']['items'][1]} items | {d['rename']['seconds'][0]:.2f} s / {d['rename']['seconds'][1]:.2f} s "
        f"({results['rename_growth']:.1f}x) | {results['targets']['rename_growth']} | {_ok(results['met']['rename_growth'])} |",
        f"| `/fi/` at first load, gzipped | {results['page_weight_kb']:.1f} kB | "
        f"{results['targets']['page_weight_kb']} | {_ok(results['met']['page_weight_kb'])} |",
        f"| `/fi/` at first load, requests | {results['page_requests']} | "
        f"{results['targets']['page_requests']} | {_ok(results['met']['page_requests'])} |",
    ]
    compared = results.get("compare_page")
    if compared:
        summary.append(
            f"| `/fi/compare/` at first load, gzipped (HTML + script {compared['html_and_script_kb']:.1f} kB) | "
            f"{compared['first_load_kb']:.1f} kB | {compared['target']} | {_ok(compared['met'])} |"
        )
    company = results.get("company")
    if company:
        summary.append(
            f"| a company of {company['notices']} notices x {company['releases_per_notice']} releases "
            f"({company['pages_per_language']} pages per language) vs plain MkDocs, CPU (wall) | "
            f"{company['ratio_vs_mkdocs']:.2f}x ({company['wall_ratio_vs_mkdocs']:.2f}x) | {company['target']} | "
            f"{_ok(company['met'])} |"
        )
    if "setup" in results:
        setup = results["setup"]
        summary += [
            f"| cold `make site` on a fresh clone | {setup['seconds']:.0f} s | {setup['targets']['seconds']} | "
            f"{_ok(setup['met']['seconds'])} |",
            f"| its `.venv` on disk (files' own bytes) | {setup['venv_mb']:.0f} MB ({setup['venv_apparent_mb']:.0f} MB) | "
            f"{setup['targets']['venv_mb']} | {_ok(setup['met']['venv_mb'])} |",
        ]
    loaded = ", ".join(
        f"{r['path'].rsplit('/', 2)[-2] if r['path'].endswith('/') else r['path'].rsplit('/', 1)[-1]} "
        f"{r['gzip_bytes'] / 1000:.1f}"
        for r in d["page"]["responses"]
    )
    page_line = f"`/fi/` at first load, kB gzipped: {loaded}; requests to other hosts: {d['page']['foreign_requests']}"
    stages = d["check"]["in_process_seconds"]
    check_line = (
        "`check` in-process stages (s): "
        + ", ".join(f"{k} {v['wall_median']:.2f}" for k, v in stages.items())
        + f"; {d['check']['purposes']} purposes, {d['check']['recipients']} recipients, {d['check']['cookies']} cookies"
    )
    m = results["machine"]
    machine_line = f"Machine: {m['cpu']}, {m['cpus']} CPUs (nproc), Python {m['python']}, MkDocs {m['mkdocs']}, Material {m['material']}; {results['date']}, commit {results['commit']}."
    run = results.get("run", {})
    if run.get("loadavg_before"):
        before, after = run["loadavg_before"][0], run["loadavg_after"][0]
        machine_line += f" Load average (1 min) {before:.1f} before and {after:.1f} after the run on {m['cpus']} CPUs"
        machine_line += (
            ": above the CPU count, other jobs shared the cores and the wall-clock figures (and the "
            "side-by-side gain) say more about them than about the build."
            if max(before, after) > m["cpus"]
            else ": no other job competed for the cores."
        )
    notes = [page_line]
    if compared:
        kinds = ", ".join(f"{kind} {size:.1f}" for kind, size in compared["first_load_gzip_kb_by_kind"].items())
        notes.append(
            f"`/fi/compare/` at first load, kB gzipped: {kinds} ({compared['first_load_requests']} requests, "
            f"{compared['foreign_requests']} to other hosts); the comparison of its pair in Chromium: "
            f"{compared['comparison_seconds'] * 1000:.0f} ms. At R = {compared['at_R']} the site is "
            f"{compared['site_mb_with']:.2f} MB with the compare page and {compared['site_mb_without']:.2f} MB without "
            f"(+{compared['feature_kb']:.0f} kB, {compared['feature_share_percent']:.2f} %: its pages "
            f"{compared['pages_kb']:.0f} kB, /fi/compare/ {compared['page_fi_kb']:.0f} kB or "
            f"{compared['page_fi_gzip_kb']:.1f} kB gzipped; compare.js {compared['script_kb']:.0f} kB in three copies; "
            f"the links to it {compared['links_kb']:.0f} kB); data per release: none (it reads the frozen texts, "
            f"{compared['texts_mb']:.2f} MB, that the site serves anyway); each release's sections prepared as JSON "
            f"would have added {compared['sections_json_mb']:.2f} MB."
        )
    return "\n".join(summary + [""] + lines + ["", *notes, check_line, machine_line])


def readme_section(results: dict, table: str) -> str:
    minutes = max(1, round(results["run"]["seconds"] / 60))
    return f"""## Benchmark

`make bench` (about {minutes} minutes; not part of `make test`) synthesises a
realistic notice (~22 kB, fi/sv/en; one real change per release) with R = 1,
10 and 100 releases, builds each full site with the generator and the very
same pages with plain `mkdocs build` (same theme and config, no hooks, one
language after another), times `python -m generator check` on a 1 MB notice
(a new process, as a user runs it) and the live preview's rebuild after a
one-line edit, weighs `/fi/` of this repository's site at first load in
Chromium (every response, gzipped), prints the tables below and writes
`bench/results.json`. Builds are timed in-process, medians of five
alternating runs; each generator build reads and validates every release
anew, as a new process would. The generator builds the languages side by
side (one process per language), so its wall clock is compared with
plain MkDocs' as well as its CPU time (its worker processes included); the
per-release costs use CPU time, which other work on a shared machine disturbs
least (wall-clock times are in brackets). `.venv/bin/python -m bench
--quick` is a one-minute smoke run that writes nothing.

The latest run:

{table}

What exactly each figure times is in `bench/results.json` under
`details.method`.
"""


def machine() -> dict[str, object]:
    from importlib.metadata import version

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
    }


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _spread(build: dict) -> str:
    """How far apart the CPU ratios of the alternating pairs of runs fell: what the machine's noise allows."""
    ratios = [g / p for g, p in zip(build["generator_seconds"]["cpu"], build["mkdocs_seconds"]["cpu"], strict=True)]
    return f"{min(ratios):.2f} – {max(ratios):.2f}"


def _ok(met: bool) -> str:
    return "yes" if met else "**no**"


def _rounded(values: tuple[float, ...]) -> list[float]:
    return [round(v, 2) for v in values]


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
