"""The build command: a failed build never harms the site already built."""

from __future__ import annotations

import re
from pathlib import Path

from generator.environment import Environment
from generator.host.build import build_site
from generator.project import Project
from support import BUILD_DAY, MULTI_VERSIONS, make_project, release, run


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def built(root: Path) -> tuple[Path, dict[str, bytes]]:
    """A project with one release, built; and its site's files."""
    make_project(root)
    release(root, MULTI_VERSIONS[0])
    assert run(root, "build").returncode == 0
    return root, snapshot(root / "site")


def test_a_build_that_fails_inside_mkdocs_leaves_the_old_site_as_it_was(tmp_path: Path) -> None:
    root, before = built(tmp_path)
    main = root / "site_overrides" / "main.html"
    main.write_text(main.read_text() + "\n{% block broken %}{{ page.meta.robots | no_such_filter }}{% endblock %}\n")
    result = run(root, "build")
    assert result.returncode != 0
    assert snapshot(root / "site") == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith("site")) == ["site", "site_overrides"]


def test_an_invalid_notice_fails_a_draft_build_with_a_position_and_no_traceback(tmp_path: Path) -> None:
    root, before = built(tmp_path)
    notice = root / "policy" / "notice.yaml"
    notice.write_text(notice.read_text().replace("sv: Vi hanterar beställningar., ", ""))
    result = run(root, "build", "--draft", "--lang", "en")
    assert result.returncode == 1
    assert (
        "policy/notice.yaml:30:18: error: purposes[orders].description: the Swedish text (sv) is missing"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for args in (["frobnicate"], [], ["build", "--no-such-option"]):
        result = run(root, *args)
        assert result.returncode == 2, args
        assert "usage:" in result.stderr


def test_a_language_failing_in_mkdocs_is_reported_as_a_finding_without_traceback(tmp_path: Path) -> None:
    """Every language fails the same way; the first one's error is reported, as from a build one by one."""
    root, before = built(tmp_path)
    (root / "site_overrides" / "docs" / "extra.md").write_text("# Extra\n\n[missing](missing.md)\n")
    result = run(root, "build")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == ["mkdocs.yml: error: MkDocs build failed (fi): Aborted with 1 warnings in strict mode!"], (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == before


# -- The draft's redline ----------------------------------------------------------------------

ARTIFACTS = "https://github.com/o/r/actions/runs/7#artifacts"


def section(html: str, anchor: str) -> str:
    """The HTML of a page from the heading with id `anchor` up to the next heading."""
    start = html.index(f'id="{anchor}"')
    following = re.search(r"<h[1-6]", html[start:])
    return html[start : start + following.start()] if following else html[start:]


def test_build_site_publishes_the_working_copy_only_when_asked(tmp_path: Path) -> None:
    """In process, as the benchmark calls it: without `draft=True` an edited working copy stays unpublished."""
    root = make_project(tmp_path / "project")
    release(root, MULTI_VERSIONS[0])
    notice = root / "policy" / "notice.yaml"
    notice.write_text(notice.read_text().replace("en: We handle orders.", "en: We handle orders and returns."))
    build_site(Project.at(root), root / "site", Environment(BUILD_DAY), jobs=1)
    assert (root / "site" / "en" / "index.html").is_file() and not (root / "site" / "en" / "draft").exists()


def test_a_draft_build_publishes_its_redline_and_the_summary_links_it(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    release(root, MULTI_VERSIONS[0])
    notice = root / "policy" / "notice.yaml"
    notice.write_text(notice.read_text().replace("en: We handle orders.", "en: We handle orders and returns."))
    summary = tmp_path / "summary.md"
    summary.write_text("### Seloste check\n\n", encoding="utf-8")  # what an earlier step appended stays
    result = run(root, "build", "--draft", "--summary", str(summary), "--artifact-url", ARTIFACTS, "--lang", "en")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    html = (site / "en" / "draft" / "diff" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in html and "The draft compared with the version in force</h1>" in html
    assert "<li>Details of a purpose changed: Handling orders</li>" in html
    assert (
        '<p class="seloste-diff-changed">We handle orders<ins><span class="seloste-sr">Added: </span> and returns'
        "</ins>.</p>"
    ) in section(html, "purpose-orders")
    assert [anchor for anchor in re.findall(r'<h[23] id="([\w-]+)"', html) if "<ins>" in section(html, anchor)] == [
        "purpose-orders"
    ]
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'href="../"' in html  # back to the draft
    draft = (site / "en" / "draft" / "index.html").read_text(encoding="utf-8")
    assert '<a href="diff/">Compare with the version in force</a>' in draft
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("### Seloste check\n\n### Redline: the draft compared with version 2026\\-01\\-01")
    for lang in ("fi", "sv", "en"):
        assert f"[{lang}/draft/diff/](<{ARTIFACTS}>)" in written
        assert (site / lang / "draft" / "diff" / "index.html").is_file()
    assert "- Details of a purpose changed: Handling orders\n" in written


def test_an_unchanged_draft_says_in_its_redline_that_nothing_changed(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    release(root, MULTI_VERSIONS[0])
    assert run(root, "build", "--draft").returncode == 0
    html = (root / "site" / "fi" / "draft" / "diff" / "index.html").read_text(encoding="utf-8")
    assert "Mikään ei ole muuttunut: luonnos on sanasta sanaan sama kuin versio 2026-01-01." in html
    assert "<ins>" not in html and "<del>" not in html


def test_the_summary_needs_a_draft_and_links_only_an_https_address(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    for args in (
        ["build", "--summary", "s.md"],
        ["build", "--draft", "--artifact-url", ARTIFACTS],
        ["build", "--draft", "--summary", "s.md", "--artifact-url", "javascript:alert(1)"],
        ["build", "--draft", "--summary", "s.md", "--artifact-url", "https://x.example/a>b"],
    ):
        result = run(root, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert not (root / "s.md").exists()
