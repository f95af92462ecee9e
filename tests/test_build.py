"""The build command: a failed build never harms the site already built."""

from __future__ import annotations

from pathlib import Path

from support import MULTI_VERSIONS, make_project, release, run


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
