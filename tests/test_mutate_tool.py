"""The mutation tool itself (mutate/): each operator makes the edit it says, and nothing else changes.

In process and on small snippets: no campaign runs here.
"""

from __future__ import annotations

import inspect
import os
import signal
import subprocess
import sys
from pathlib import Path

import coverage
import pytest

from generator.host import processes
from generator.notice import languages
from mutate import campaign, equivalent, known, measure, report, run, select, tree
from mutate.measure import Case
from mutate.mutants import Mutant, Source, keyed, known_mutant, mutants, mutated_line

REPO = Path(__file__).resolve().parent.parent


def made(source: str, operator: str) -> list[str]:
    """Each mutated text an operator makes of `source`."""
    data = source.encode()
    return [m.apply(data).decode() for m in mutants(source) if m.operator == operator]


@pytest.mark.parametrize(
    ("source", "operator", "expected"),
    [
        ("x = a < b\n", "compare", ["x = a <= b\n"]),
        ("x = a <= b\n", "compare", ["x = a < b\n"]),
        ("x = a > b\n", "compare", ["x = a >= b\n"]),
        ("x = a == b\n", "compare", ["x = a != b\n"]),
        ("x = a in b\n", "compare", ["x = a not in b\n"]),
        ("x = a not  in b\n", "compare", ["x = a in b\n"]),
        ("x = a is not b\n", "compare", ["x = a is b\n"]),
        ("x = a < b <= c\n", "compare", ["x = a <= b <= c\n", "x = a < b < c\n"]),
        ("x = a and b and c\n", "and-or", ["x = a or b or c\n"]),
        ("x = (a or  # why\n     b)\n", "and-or", []),
        ("x = not (a or b)\n", "not", ["x = (a or b)\n"]),
        ("x = a + b\n", "arithmetic", ["x = a - b\n"]),
        ("x = a ** b * c\n", "arithmetic", ["x = a ** b / c\n"]),
        ("x -= 1\n", "arithmetic", ["x += 1\n"]),
        ("x = a[0]\n", "number", ["x = a[1]\n"]),
        ("x = f(True)\n", "true-false", ["x = f(False)\n"]),
        ("x = 'é' + y\n", "string", ['x = "" + y\n']),
        ("x = b''\n", "string", ['x = b"XX"\n']),
        ("def f():\n    return g(x)\n", "return-none", ["def f():\n    return None\n"]),
        ("def f():\n    return None\n", "return-none", []),
        ("def f():\n    g()\n    return 1\n", "delete", ["def f():\n    pass\n    return 1\n"]),
        ("f(a, b, c)\n", "swap-arguments", ["f(b, a, c)\n", "f(a, c, b)\n"]),
        ("f(a, a)\n", "swap-arguments", []),
        ("isinstance(a, B)\n", "swap-arguments", []),
        ("x = a < b\n", "swap-operands", ["x = b < a\n"]),
        ("x = a == b\n", "swap-operands", []),
        ("x = a - b\n", "swap-operands", ["x = b - a\n"]),
        ("x = a + b\n", "swap-operands", []),
        ("x = a + 'b'\n", "swap-operands", ["x = 'b' + a\n"]),
        ("f(a, k=1, j=2)\n", "drop-keyword", ["f(a, j=2)\n", "f(a, k=1)\n"]),
        ("f(k=1, j=2)\n", "drop-keyword", ["f(j=2)\n", "f(k=1)\n"]),
        ("f(\n    k=1,\n)\n", "drop-keyword", ["f(\n    )\n"]),
        ("f(k=None, encoding='utf-8', **kw)\n", "drop-keyword", []),
        ("@rule('x')\n@cache\ndef f():\n    pass\n", "decorator", ["@cache\ndef f():\n    pass\n"]),
    ],
)
def test_each_operator_makes_its_edit(source: str, operator: str, expected: list[str]) -> None:
    assert made(source, operator) == expected


def test_docstrings_annotations_asserts_and_logging_are_left_alone() -> None:
    source = '''"""Module."""
from __future__ import annotations
import logging
X: int = 1
"""X's docstring."""


def f(a: int = 2) -> str:
    """Says why."""
    assert a > 0
    logging.info("at %s", a)
    return f"{a + 1}"


def __repr__(self) -> str:
    return "x" + "y"
'''
    found = {(m.operator, m.apply(source.encode()).decode().splitlines()[m.line - 1].strip()) for m in mutants(source)}
    assert found == {
        ("number", "X: int = 2"),
        ("delete", "pass"),
        ("number", "def f(a: int = 3) -> str:"),
        ("return-none", "return None"),
    }


def test_elif_is_not_deleted_whole() -> None:
    source = "if a:\n    x()\nelif b:\n    y()\n"
    assert "if a:\n    x()\npass\n" not in made(source, "delete")
    assert "if a:\n    x()\nelif b:\n    pass\n" in made(source, "delete")


def test_a_mutant_changes_its_span_alone() -> None:
    source = "# ä comment\nvalue = {'å': 1}  # keep\n\n\ndef f(x):\n    return x < 1  # ö\n"
    data = source.encode()
    for mutant in mutants(source):
        out = mutant.apply(data)
        assert out[: mutant.start] == data[: mutant.start]
        assert out[len(out) - (len(data) - mutant.end) :] == data[mutant.end :]
    lines = {m.operator: m.line for m in mutants(source)}
    assert lines["compare"] == 6 and lines["string"] == 2


def test_byte_columns_of_non_ascii_text() -> None:
    source = "x = ('ää', 1)\n"
    assert made(source, "number") == ["x = ('ää', 2)\n"]
    assert Source(source).line_of(len("x = ('ää'".encode())) == 1


def test_mutants_that_would_not_compile_are_dropped() -> None:
    assert made("def f():\n    return\n", "delete") == ["def f():\n    pass\n"]
    assert made("f((a), k=1)\n", "drop-keyword") == []  # "f((a)": the parenthesis is not the argument's
    for mutant in mutants("async def f():\n    await g(a, b)\n"):
        compile(mutant.apply(b"async def f():\n    await g(a, b)\n"), "m", "exec")


def test_keys_are_stable_when_other_lines_move() -> None:
    before, after = "x = a < b\n", "# a new first line\n\nx = a < b\n"
    assert [m.key(before.encode()) for m in mutants(before)] == [m.key(after.encode()) for m in mutants(after)]


def test_a_named_survivor_becomes_a_mutant() -> None:
    mutant = known_mutant("a = 1\nb = 'ä'\nc = 3\n", "b = 'ä'\nc", "b = 'ö'\nc", "why")
    assert (
        mutant
        and mutant.line == 2
        and mutant.apply("a = 1\nb = 'ä'\nc = 3\n".encode()).decode() == ("a = 1\nb = 'ö'\nc = 3\n")
    )
    assert known_mutant("a = 1\n", "b", "c", "why") is None


@pytest.mark.parametrize(("name", "old", "new", "what"), known.KNOWN, ids=[k[3] for k in known.KNOWN])
def test_each_named_survivor_is_still_in_its_file(name: str, old: str, new: str, what: str) -> None:
    file = tree.resolve_file(name)
    assert old in (REPO / tree.PACKAGE / file).read_text(encoding="utf-8"), f"{what}: its text has gone from {file}"


@pytest.mark.parametrize(
    ("module", "original", "mutated", "why"),
    equivalent.EQUIVALENT,
    ids=[f"{e[0]}-{i}" for i, e in enumerate(equivalent.EQUIVALENT)],
)
def test_each_equivalent_mutant_is_still_made(module: str, original: str, mutated: str, why: str) -> None:
    """An entry of mutate/equivalent.py names a mutant the tool still makes of its module's code as it is."""
    text = (REPO / tree.PACKAGE / module).read_text(encoding="utf-8")
    places = {number for number, line in enumerate(text.splitlines(), 1) if line.strip() == original}
    made_here = {mutated_line(text.encode(), m) for m in mutants(text, places)}
    assert mutated in made_here, f"{module}: no longer made, read it again: {original} -> {mutated}"


def test_an_equivalent_survivor_is_left_out_of_the_rate_and_counts_again_once_its_entry_is_gone() -> None:
    module, original, mutated, why = equivalent.EQUIVALENT[-1]
    listed = {"line": 9, "operator": "x", "verdict": "survived", "original": original, "mutated": mutated}
    other = {"line": 10, "operator": "x", "verdict": "survived", "original": "a = 1", "mutated": "a = 2"}
    unrun = listed | {"verdict": "uncovered"}
    entry = report.figures(module, 40, 17, 20) | {"survivors": [listed, other, unrun], "known": []}
    out = report.settled(module, entry)
    assert [s["verdict"] for s in out["survivors"]] == ["equivalent", "survived", "uncovered"]
    assert out["survivors"][0]["why"] == why and out["equivalent"] == 1
    assert out["rate"] == round(17 / 19, 4) and out["survived"] == 2
    assert report.settled(module, out) == out  # settled twice, the same
    gone = report.settled("atom.py", out | {"survivors": out["survivors"]})
    assert [s["verdict"] for s in gone["survivors"]] == ["survived", "survived", "uncovered"]
    assert "why" not in gone["survivors"][0] and gone["equivalent"] == 0 and gone["rate"] == 0.85


def test_modules_are_found_and_named_by_stem_or_path() -> None:
    found = tree.modules()
    assert "markup.py" in [Path(m).name for m in found] and "__init__.py" not in found
    markup = next(m for m in found if Path(m).name == "markup.py")
    assert tree.resolve("markup") == tree.resolve(markup) == tree.resolve(f"generator/{markup}") == markup
    with pytest.raises(LookupError):
        tree.resolve("no_such_module")
    assert tree.import_name("record/ledger.py") == "generator.record.ledger"
    assert tree.import_name("words/__init__.py") == "generator.words"


def test_relative_imports_resolve_in_subpackages() -> None:
    text = "from . import atom\nfrom ..words import markup\nfrom .x import y\nimport generator.z\n"
    found = select.imported(text, "generator.site.pages")
    assert {"generator.site.atom", "generator.words.markup", "generator.site.x.y", "generator.z"} <= found


def test_each_line_maps_to_the_tests_of_its_statement() -> None:
    text = "import re\n\n\n@dec\ndef f(\n    a,\n):\n    x = (1 +\n         2)\n    return x\n"
    table = select.line_tests(text, {8: {"t1"}, 10: {"t2"}, 1: {"t3"}})
    assert table[9] == {"t1"} and table[10] == {"t2"}
    assert table[4] == table[6] == {"t1", "t2"}
    assert table[1] == {"t1", "t2", "t3"}


def test_lines_run_at_import_face_the_tests_of_the_files_importing_the_module(tmp_path: Path) -> None:
    # A test that only reads a table executes none of the module's lines while it runs.
    (tmp_path / "generator" / "words").mkdir(parents=True)
    (tmp_path / "tests").mkdir()
    (tmp_path / "generator" / "words" / "table.py").write_text('NAMES = {"a": 1}\n\n\ndef f(x=2):\n    return x\n')
    (tmp_path / "generator" / "words" / "user.py").write_text('from .table import NAMES\n"""\n>>> 1\n1\n"""\n')
    (tmp_path / "generator" / "other.py").write_text('"""\n>>> 1\n1\n"""\n')
    (tmp_path / "tests" / "test_direct.py").write_text("from generator.words.table import NAMES\n")
    (tmp_path / "tests" / "test_through.py").write_text("from generator.words import user\n")
    (tmp_path / "tests" / "test_named.py").write_text("# says table but imports nothing\n")
    files = ["generator/words/user.py", "generator/other.py", "tests/test_direct.py", "tests/test_named.py"]
    files.append("tests/test_through.py")
    found = select.importing("words/table.py", tmp_path, files)
    assert found == {"generator/words/user.py", "tests/test_direct.py", "tests/test_through.py"}
    text = (tmp_path / "generator" / "words" / "table.py").read_text()
    table = select.line_tests(text, {5: {"runs f"}}, {"reads NAMES"})
    assert table[1] == table[4] == {"runs f", "reads NAMES"}
    assert table[5] == {"runs f"}


def test_the_budget_picks_cheapest_first_and_pays_a_fixture_once() -> None:
    tests = [
        Case("a.py::slow", 50.0, (), False),
        Case("b.py::one", 1.0, ("site",), False),
        Case("b.py::two", 2.0, ("site",), False),
        Case("a.py::quick", 0.5, (), False),
    ]
    chosen, spent = run.plan(tests, {"site": 20.0}, 30.0)
    assert chosen == ["a.py::quick", "b.py::one", "b.py::two"] and spent == 23.5
    assert run.plan(tests, {"site": 20.0}, 0.0)[0] == ["a.py::quick"]


def test_the_interval_and_the_targets() -> None:
    assert [round(x, 3) for x in report.wilson(90, 100)] == [0.826, 0.945]
    assert report.wilson(0, 0) == (0.0, 1.0)
    assert report.target("record/ledger.py") == 0.85 and report.target("atom.py") == 0.80
    f = report.figures("markup.py", 50, 17, 20)
    assert f["rate"] == 0.85 and f["met"] and f["survived"] == 3


def test_the_readme_table_is_replaced_between_its_markers() -> None:
    f = report.figures("atom.py", 10, 9, 10) | {"date": "2026-01-01", "commit": "abc", "sample": 1.0, "seconds": 5}
    text = f"intro\n{report.BEGIN}\nold\n{report.END}\nafter\n"
    out = report.readme(text, {"modules": {"atom.py": f}})
    assert out.startswith("intro\n") and out.endswith("after\n") and "| `atom.py` | 10 | 10 | 9 | 0 | 90.0% |" in out


def test_mutant_dataclass_applies_bytes() -> None:
    assert Mutant("x", 1, 2, b"Z", 1).apply(b"abc") == b"aZc"


def test_type_aliases_are_left_alone() -> None:
    source = 'Status = Literal["a", "b"]\nKind: TypeAlias = "x | y"\nz = cast(Literal["q"], w)\n'
    assert [m.apply(source.encode()).decode() for m in mutants(source)] == [
        source.replace('z = cast(Literal["q"], w)', "pass")
    ]


def test_each_named_survivor_runs_with_one_module() -> None:
    owners = [(n.what, module) for module in tree.modules() for n in campaign.named(module) if n.mutant]
    assert sorted(what for what, _ in owners) == sorted(k[3] for k in known.KNOWN)


def test_the_sample_is_a_fixed_share() -> None:
    keys = [f"{i:016x}" for i in range(2000)]
    chosen = [k for k in keys if campaign.sampled("markup.py", k, 0.2)]
    assert chosen == [k for k in keys if campaign.sampled("markup.py", k, 0.2)]
    assert 300 < len(chosen) < 500 and all(campaign.sampled("markup.py", k, 1.0) for k in keys)


def test_each_mutant_of_a_module_has_its_own_key() -> None:
    source = "f(a=True, b=True)\nf(a=True, b=True)\n\n\ndef g(x):\n    if x:\n        return False\n    return False\n"
    keys = [key for key, _ in keyed(mutants(source), source.encode())]
    assert len(keys) == len(set(keys)) == 2 * 5 + 5


def under_coverage(tmp_path: Path, script: str) -> tuple[int, coverage.CoverageData]:
    """Run `script` under the tool's own coverage configuration (measure.configuration): its exit code, and what
    it measured of generator/."""
    rc, path = tmp_path / "coveragerc", tmp_path / "script.py"
    rc.write_text(measure.configuration(tmp_path, REPO / "generator"), encoding="utf-8")
    path.write_text(script, encoding="utf-8")
    command, env = [sys.executable, "-m", "coverage"], dict(os.environ, PYTHONPATH=str(REPO))
    ran = subprocess.run([*command, "run", f"--rcfile={rc}", str(path)], cwd=REPO, env=env, timeout=60)
    subprocess.run([*command, "combine", f"--rcfile={rc}", "-q"], cwd=REPO, env=env, check=False)
    data = coverage.CoverageData(basename=str(tmp_path / ".coverage"))
    data.read()
    return ran.returncode, data


@pytest.mark.slow
def test_lines_run_only_in_a_forked_language_worker_are_measured(tmp_path: Path) -> None:
    """A build's MkDocs runs in the processes it forks for its languages: without coverage's multiprocessing
    support, no test would be credited with the adapter's lines, and its mutants would face no test."""
    lines, first = inspect.getsourcelines(processes._run)
    in_worker = first + next(i for i, line in enumerate(lines) if "return _task(lang)" in line)
    code, data = under_coverage(
        tmp_path,
        "from generator.host.processes import for_each_language\n"
        "assert for_each_language(str.upper, ['fi', 'sv'], jobs=2) == ['FI', 'SV']\n",
    )
    assert code == 0 and in_worker in (data.lines(processes.__file__) or [])


@pytest.mark.slow
def test_lines_run_by_a_command_stopped_with_sigterm_are_measured(tmp_path: Path) -> None:
    """The tests stop `serve` with SIGTERM: without coverage's handler for it, nothing the preview ran would be
    credited to them (its Host guard, its watcher)."""
    code, data = under_coverage(
        tmp_path,
        "import os, signal, time\nimport generator.notice.languages\nos.kill(os.getpid(), signal.SIGTERM)\n"
        "time.sleep(30)\n",
    )
    assert code == -signal.SIGTERM and data.lines(languages.__file__)


def test_a_template_runs_with_the_module_whose_code_renders_it() -> None:
    """host/extensions.py names diff.html.j2 in its docstring only: no test runs that line, so its named
    survivors (diff lines not escaped) would face no test there; site/plan.py renders the template."""
    planned = [n for n in campaign.named("site/plan.py") if n.file.endswith("diff.html.j2")]
    assert len(planned) == 3 and all(n.lines for n in planned)
    assert not [n for n in campaign.named("host/extensions.py") if n.file.endswith("diff.html.j2")]


def test_a_templates_mutant_also_faces_the_tests_that_render_it_themselves() -> None:
    """test_diff_pages.py renders diff.html.j2 directly: it runs no line of site/plan.py, yet it catches the
    diff lines' escaping dropped."""
    test_files = [path.relative_to(REPO).as_posix() for path in (REPO / "tests").rglob("*.py")]
    naming = select.naming_files("diff.html.j2", REPO, test_files)
    assert "tests/test_diff_pages.py" in naming and "tests/test_mutate_tool.py" not in naming
    plan = campaign.Campaign.__new__(campaign.Campaign)
    plan.module, plan.lines = "site/plan.py", {792: {"tests/test_site.py::a"}}
    plan.naming = {"diff.html.j2": naming}
    plan.tests = {n: Case(n, 0.1, (), False) for n in ("tests/test_site.py::a", "tests/test_diff_pages.py::b")}
    template = "words/templates/files/diff.html.j2"
    assert [t.nodeid for t in plan.tests_of([792], template)] == sorted(plan.tests)
    assert [t.nodeid for t in plan.tests_of([792], "site/plan.py")] == ["tests/test_site.py::a"]


def test_a_log_beside_the_code_does_not_make_coverage_measured_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tree, "REPO", tmp_path)
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "m.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "mutate.log").write_text("run 1\n", encoding="utf-8")
    before = tree.code_hash(["generator/m.py", "mutate.log"])
    (tmp_path / "mutate.log").write_text("run 1\nrun 2\n", encoding="utf-8")
    assert tree.code_hash(["generator/m.py", "mutate.log"]) == before
    (tmp_path / "generator" / "m.py").write_text("x = 2\n", encoding="utf-8")
    assert tree.code_hash(["generator/m.py", "mutate.log"]) != before


def test_the_tests_that_build_through_mkdocs_are_candidates_for_the_adapter() -> None:
    """MkDocs loads the adapter through its hooks file: no test of a build imports or names it."""
    test_files = sorted(path.relative_to(REPO).as_posix() for path in (REPO / "tests").glob("test_*.py"))
    chosen = select.candidates("host/adapter.py", REPO, test_files)
    assert {"tests/test_build.py", "tests/test_bad_environment.py", "tests/test_site_address.py"} <= set(chosen)


def test_the_modules_own_tests_go_first_whatever_cheaper_tests_run_its_line() -> None:
    """notice/migrate.py's line 89 runs in 771 tests; the one written for it (in test_migrate.py) costs a
    second, and the budget went to cheaper ones before it."""
    cheap = [Case(f"tests/test_render.py::t{i}", 0.1, (), False) for i in range(20)]
    written = Case("tests/test_migrate.py::test_notes", 1.0, (), False, own=True)
    chosen, _ = run.plan([*cheap, written], {}, 1.55)
    assert chosen[0] == written.nodeid and len(chosen) == 6
    migrate = campaign.Campaign.__new__(campaign.Campaign)
    migrate.module, migrate.naming = "notice/migrate.py", {}
    migrate.tests = {n: Case(n, 0.1, (), False) for n in ("tests/test_migrate_write.py::a", "tests/test_load.py::b")}
    migrate.lines = {89: set(migrate.tests)}
    assert [(t.nodeid, t.own) for t in migrate.tests_of([89], "notice/migrate.py")] == [
        ("tests/test_load.py::b", False),
        ("tests/test_migrate_write.py::a", True),
    ]
