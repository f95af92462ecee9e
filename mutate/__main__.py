"""`make mutate`: mutation testing of the core against the core (non-browser) tests.

mutmut makes single-point changes (an operator, a constant, a string, a
condition) in each module of MODULES, one at a time, and runs the tests; a
mutant no test notices "survived": a bug the suite would let through. The
kill rate is printed per module and overall, with every survivor.

It runs in mutate/work/ (scratch, gitignored), a copy of the project, so a
mutant never sits in your working tree, not even when the run is killed. Before
mutating, one coverage run of the core tests (subprocesses included) records
which tests execute each statement (mutate/coverage_plugin.py); each mutant
then runs only those tests, fastest first, up to a budget of estimated
seconds (--budget), stopping at the first failure (mutate/mutmut_config.py).
Results are kept in mutate/work/.mutmut-cache: a killed mutant stays killed,
so a re-run after adding tests only re-tries the survivors.

Every module in full takes hours on two cores (about 1,800 mutants, most
lines run by hundreds of tests); --sample F tests a fixed share of each
module's mutants (the same ones in every run) and the report gives each rate
with its 95% interval.

    .venv/bin/python -m mutate                              # all modules, every mutant
    .venv/bin/python -m mutate markup releases              # some
    .venv/bin/python -m mutate --sample 0.1 rules load      # a tenth of their mutants
    .venv/bin/python -m mutate --report                     # the last results, without running
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "mutate" / "work"
MODULES = ["markup", "releases", "rules", "load", "diff", "i18n", "site"]
ALSO_KNOWN = {"releases": ["ledger", "migrate"], "rules": ["adequacy", "data/adequacy.json"],
              "site": ["templates/files/diff.html.j2", "timeline", "duration", "compare", "render"]}
"""Where the named survivors of issues 10 and 18 are outside MODULES, checked with the module they belong to."""
READ_BY = {"data/adequacy.json": "adequacy"}
"""A data file's survivors run with every test of the module that reads it (a template's: of its MODULES entry)."""
TARGETS = {"markup": 0.90, "releases": 0.90}
OVERALL_TARGET = 0.80
KILLED = ("ok_killed", "ok_suspicious", "bad_timeout")
ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "HYPOTHESIS_PROFILE": "ci"}


def sync() -> None:
    """Refresh the scratch copy from the working tree (its files git knows of), keeping mutmut's cache."""
    WORK.mkdir(parents=True, exist_ok=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    files = sorted({name for name in listed if name and (REPO / name).is_file()})
    for top in {name.split("/")[0] for name in files}:
        target = WORK / top
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()
    for name in files:
        target = WORK / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    shutil.copy2(REPO / "mutate" / "mutmut_config.py", WORK / "mutmut_config.py")
    for link in (".venv", "node_modules"):
        if not (WORK / link).exists() and (REPO / link).exists():
            (WORK / link).symlink_to((REPO / link).resolve())


def scopes(path: Path) -> dict[int, tuple[str, frozenset[int]]]:
    """Each line of a module -> which coverage records tell whether a test runs it.

    ("body", {first}): a line in a function's body runs when its statement (starting at line `first`) runs.
    ("header", {firsts}): a decorator, signature or default of a module- or class-level function is run at
    import, but matters only to the tests that run the function: those that run any of its statements.
    ("import", {}): any other line runs at import, and every test that uses the module depends on it.
    (Line 0 of coverage's records, "" as context, is import time and also a subprocess whose test is
    unknown: the scopes keep the two apart, so an unknown subprocess never marks a line as run by every test.)
    """
    found: dict[int, tuple[str, frozenset[int]]] = {}

    def body(nodes: list[ast.stmt]) -> None:
        spans = sorted(((n.end_lineno - n.lineno, n.lineno, n.end_lineno) for node in nodes for n in ast.walk(node)
                        if isinstance(n, ast.stmt) and n.end_lineno is not None), reverse=True)
        for _, first, last in spans:  # widest first: inner statements overwrite
            for line in range(first, last + 1):
                found[line] = ("body", frozenset({first}))

    def level(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body(node.body)
                statements = frozenset(line for line, (_, firsts) in found.items()
                                       if node.body[0].lineno <= line <= (node.end_lineno or line) for line in firsts)
                for line in range(start, node.body[0].lineno):
                    found[line] = ("header", statements)
            elif isinstance(node, ast.ClassDef):
                for line in range(start, node.body[0].lineno):
                    found[line] = ("import", frozenset())
                level(node.body)
            else:
                for line in range(start, (node.end_lineno or node.lineno) + 1):
                    found[line] = ("import", frozenset())

    level(ast.parse(path.read_text(encoding="utf-8")).body)
    return found


def line_map() -> None:
    """Run the core tests under coverage and write line_map.json: module -> line -> tests, fastest first."""
    for old in WORK.glob(".coverage*"):
        old.unlink()
    rc = WORK / "mutate" / "coveragerc"
    rc.write_text(f"[run]\ndata_file = {WORK / '.coverage'}\nparallel = true\nbranch = false\n"
                  "include = */generator/*.py\ncontext = ${SELOSTE_COVERAGE_CONTEXT}\n", encoding="utf-8")
    tests_file = WORK / "tests.json"
    env = dict(os.environ, **ENV, COVERAGE_PROCESS_START=str(rc), SELOSTE_COVERAGE_CONTEXT="",
               SELOSTE_COVERAGE_TESTS=str(tests_file))
    result = subprocess.run([sys.executable, "-m", "coverage", "run", f"--rcfile={rc}", "-m", "pytest", "-q",
                             "-p", "no:cacheprovider", "-p", "mutate.coverage_plugin", "-m", "not browser"],
                            cwd=WORK, env=env)
    subprocess.run([sys.executable, "-m", "coverage", "combine", f"--rcfile={rc}", "-q"], cwd=WORK, env=env,
                   check=True)
    import coverage

    data = coverage.CoverageData(basename=str(WORK / ".coverage"))
    data.read()
    tests = json.loads(tests_file.read_text(encoding="utf-8"))
    failing = sorted(t for t, info in tests.items() if not info["passed"])
    if result.returncode not in (0, 1) or len(failing) > 20:
        sys.exit("The core tests do not run without mutations; fix them first.")
    if failing:
        print("These tests fail without any mutation; they are left out:\n  " + "\n  ".join(failing))
    tests = {t: info for t, info in tests.items() if info["passed"]}
    users: dict[str, set[str]] = defaultdict(set)
    for nodeid, info in tests.items():
        for fixture in info["fixtures"]:
            users[f"fixture:{fixture}"].add(nodeid)

    def expand(contexts: set[str]) -> set[str]:
        out = set()
        for context in contexts:
            out |= users.get(context, {context}) & tests.keys()
        return out

    by_module: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for filename in data.measured_files():
        path = Path(filename)
        if path.parent.name != "generator":
            continue
        for line, contexts in (data.contexts_by_lineno(filename) or {}).items():
            by_module[path.stem][line] |= expand(set(contexts))
    out: dict[str, dict[str, list[str]]] = {}
    for module in MODULES + [name for names in ALSO_KNOWN.values() for name in names if "." not in name]:
        lines = by_module.get(module, {})
        anyone = set().union(*lines.values()) if lines else set()
        table = {}
        for line, (kind, firsts) in scopes(WORK / "generator" / f"{module}.py").items():
            chosen = anyone if kind == "import" else set().union(*(lines.get(first, set()) for first in firsts))
            table[str(line)] = sorted(chosen)
        out[f"{module}.py"] = table
    out = {module: {line: order(chosen, tests) for line, chosen in table.items()} for module, table in out.items()}
    (WORK / "line_map.json").write_text(json.dumps(out), encoding="utf-8")
    (WORK / "failing.json").write_text(json.dumps(failing), encoding="utf-8")
    (WORK / "test_cost.json").write_text(json.dumps(costs(tests)), encoding="utf-8")


def order(chosen: list[str], tests: dict[str, dict]) -> list[str]:
    """Cheapest first: a test's own time plus the set-up of the module and session fixtures it needs.

    The first user of a shared fixture pays for its set-up; that cost counts for every user, so a quick
    unit test runs before a test of a built site.
    """
    cost = costs(tests)
    return sorted(chosen, key=lambda t: (cost[t], t))


def costs(tests: dict[str, dict]) -> dict[str, float]:
    """Each test's own time plus the set-up of the shared fixtures it uses, in seconds."""
    setup: dict[str, float] = {}
    for info in tests.values():
        if "fixtures_set_up" in info:
            setup.update(info["fixtures_set_up"])
    if not setup:  # a map made before set-up times were recorded: the first user's time is the estimate
        for info in tests.values():
            for name in info["fixtures"]:
                setup[name] = max(setup.get(name, 0.0), info["seconds"])
    return {t: info["seconds"] + sum(setup.get(f, 0.0) for f in info["fixtures"]) for t, info in tests.items()}


def restore() -> None:
    """Put back a module a killed mutmut run left mutated (its original is the .bak beside it)."""
    for backup in (WORK / "generator").glob("*.py.bak"):
        os.replace(backup, backup.with_suffix(""))
    for backup in (WORK / "generator").rglob("*.known"):  # a named survivor applied by known()
        os.replace(backup, backup.with_suffix(""))


def mutate(module: str, sample: float, budget: float, attempts: int = 20) -> None:
    """mutmut over one module, started again where it stopped when it fails.

    mutmut 2 lists the mutants in one process while another mutates the file, so the lister can record
    a mutated line as the line; the checker then dies on that mutant and mutmut waits forever. The run
    is stopped, the file restored, the wrong line forgotten (tidy_cache) and mutmut started again: the
    mutants already tested keep their results.
    """
    for _ in range(attempts):
        if (WORK / ".mutmut-cache").exists():
            tidy_cache(module)
        if _mutmut(module, sample, budget):
            return
        restore()
    print(f"mutmut stopped {attempts} times on {module}.py; its results so far are kept")


def _mutmut(module: str, sample: float, budget: float) -> bool:
    """One mutmut run; False if it failed with a traceback (mutmut then hangs: it is stopped here)."""
    env = dict(os.environ, **ENV, SELOSTE_MUTATE_SAMPLE=str(sample), SELOSTE_MUTATE_BUDGET=str(budget))
    failing = json.loads((WORK / "failing.json").read_text(encoding="utf-8"))
    runner = shlex.join([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not browser",
                         *(f"--deselect={nodeid}" for nodeid in failing)])
    # mutmut first times the whole suite to set its time-out; each mutant has its own (mutmut_config.py),
    # so a generous recorded baseline spares that run.
    seed = ("from mutmut.cache import hash_of_tests, set_cached_test_time; "
            "set_cached_test_time(600.0, hash_of_tests(['tests']))")
    subprocess.run([sys.executable, "-c", seed], cwd=WORK, env=env, check=True)
    with subprocess.Popen([sys.executable, "-m", "mutmut", "run", "--paths-to-mutate", f"generator/{module}.py",
                           "--tests-dir", "tests", "--runner", runner, "--simple-output", "--no-progress"],
                          cwd=WORK, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True) as run:
        assert run.stderr is not None
        for line in run.stderr:
            sys.stderr.write(line)
            if line.startswith(("Traceback", "Process check_mutants")):  # mutmut will wait forever
                os.killpg(run.pid, signal.SIGKILL)
                return False
    return True


def tidy_cache(module: str) -> None:
    """Ready mutmut's cache for a run of `module`: a mutant left out of an earlier sample may be in this
    one, and a line recorded as a killed run left it (mutated) is forgotten, as mutmut stops on it."""
    source = (WORK / "generator" / f"{module}.py").read_text(encoding="utf-8").splitlines()
    db = sqlite3.connect(WORK / ".mutmut-cache")
    with db:
        db.execute("update Mutant set status = 'untested' where status = 'skipped'")
        rows = db.execute("select l.id, l.line_number, l.line from Line l join SourceFile s on l.sourcefile = s.id "
                          "where s.filename = ?", (f"generator/{module}.py",)).fetchall()
        for line_id, number, text in rows:
            if number >= len(source) or source[number] != text:
                db.execute("delete from Mutant where line = ?", (line_id,))
                db.execute("delete from Line where id = ?", (line_id,))
    db.close()


def known(module: str) -> None:
    """Apply each named survivor of `module` (mutate/known.py), run its line's tests, restore."""
    from .known import KNOWN

    results = json.loads((WORK / "known.json").read_text(encoding="utf-8")) if (WORK / "known.json").exists() else {}
    line_maps = json.loads((WORK / "line_map.json").read_text(encoding="utf-8"))
    for name, old, new, what in KNOWN:
        if name != module and name not in ALSO_KNOWN.get(module, []):
            continue
        template = "." in name
        path = WORK / "generator" / (name if template else f"{name}.py")
        source = path.read_text(encoding="utf-8")
        tests_of = line_maps.get(f"{READ_BY.get(name, module) if template else name}.py", {})
        if old not in source:
            results[what] = "not found"
            continue
        line = source[:source.index(old)].count("\n") + 1 + len(old) - len(old.lstrip("\n"))
        tests = (sorted({t for ts in tests_of.values() for t in ts}) if template  # every test of the module
                 else tests_of.get(str(line), []))
        backup = path.with_name(path.name + ".known")  # restore() puts it back if this run is killed
        backup.write_text(source, encoding="utf-8")
        try:
            path.write_text(source.replace(old, new, 1), encoding="utf-8")
            result = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                                     "-m", "not browser", *tests], cwd=WORK, env=dict(os.environ, **ENV),
                                    capture_output=True) if tests else None
        finally:
            path.write_text(source, encoding="utf-8")
            backup.unlink()
        results[what] = "killed" if result and result.returncode == 1 else "survived"
        print(f"known mutant of {module}.py: {what}: {results[what]}")
    (WORK / "known.json").write_text(json.dumps(results, indent=1), encoding="utf-8")


def report(modules: list[str]) -> bool:
    """Print the kill rate per module and overall, and the survivors; True if the targets are met."""
    db = sqlite3.connect(WORK / ".mutmut-cache")
    rows = db.execute("select s.filename, l.line_number, l.line, m.id, m.status from Mutant m "
                      "join Line l on m.line = l.id join SourceFile s on l.sourcefile = s.id").fetchall()
    counts: dict[str, list[int]] = {module: [0, 0] for module in modules}
    made: dict[str, int] = defaultdict(int)
    survivors = []
    for filename, number, line, mutant_id, status in rows:
        module = Path(filename).stem
        made[module] += 1
        if module not in counts or status in ("untested", "skipped"):
            continue
        counts[module][1] += 1
        if status in KILLED:
            counts[module][0] += 1
        else:
            survivors.append((module, number + 1, mutant_id, line.strip()))
    met = True
    print(f"\n{'module':<10} {'killed':>7} {'tested':>7} {'made':>6} {'rate':>7} {'95% interval':>14}  target")
    for module, (killed, total) in counts.items():
        rate = killed / total if total else 0.0
        target = TARGETS.get(module)
        met &= target is None or rate >= target
        low, high = wilson(killed, total)
        print(f"{module:<10} {killed:>7} {total:>7} {made[module]:>6} {rate:>7.1%} {low:>6.1%}-{high:<6.1%}"
              f"  {f'{target:.0%}' if target else ''}")
    # Overall: each module's rate weighted by the mutants it has, so a module tested in a sample counts
    # for all its mutants, not for the few that were sampled.
    weights = {module: made[module] for module, (_, total) in counts.items() if total}
    overall = sum(counts[m][0] / counts[m][1] * w for m, w in weights.items()) / (sum(weights.values()) or 1)
    met &= overall >= OVERALL_TARGET
    killed, total = (sum(c[i] for c in counts.values()) for i in (0, 1))
    print(f"{'overall':<10} {killed:>7} {total:>7} {sum(weights.values()):>6} {overall:>7.1%} {'':>14}  "
          f"{OVERALL_TARGET:.0%}  (each module weighted by the mutants it has)")
    if (WORK / "known.json").exists():
        named = json.loads((WORK / "known.json").read_text(encoding="utf-8"))
        print(f"\nThe named survivors (mutate/known.py): {sum(v == 'killed' for v in named.values())}"
              f" of {len(named)} killed")
        for what, verdict in named.items():
            met &= verdict == "killed"
            print(f"  {verdict:<9} {what}")
    if survivors:
        print("\nSurvivors (see one with: cd mutate/work && ../../.venv/bin/mutmut show ID):")
        for module, number, mutant_id, line in sorted(survivors):
            print(f"  {module}.py:{number}  id {mutant_id}  {line[:90]}")
    return met


def wilson(killed: int, tested: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% interval of a kill rate measured on `tested` mutants (all of a module's, or a sample).

    >>> [round(x, 3) for x in wilson(90, 100)]
    [0.826, 0.945]
    """
    if not tested:
        return 0.0, 1.0
    p = killed / tested
    centre = (p + z * z / (2 * tested)) / (1 + z * z / tested)
    half = z * math.sqrt(p * (1 - p) / tested + z * z / (4 * tested * tested)) / (1 + z * z / tested)
    return max(0.0, centre - half), min(1.0, centre + half)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m mutate", description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of {', '.join(MODULES)} (default: all)")
    parser.add_argument("--report", action="store_true", help="print the last results without running")
    parser.add_argument("--reuse-map", action="store_true",
                        help="go on with the last run's copy and line map (after killing a run)")
    parser.add_argument("--known", action="store_true",
                        help="only the named survivors (mutate/known.py), not mutmut's mutants")
    parser.add_argument("--sample", type=float, default=1.0, metavar="FRACTION",
                        help="test this share of each module's mutants, the same ones every run (default: all)")
    parser.add_argument("--budget", type=float, default=60.0, metavar="SECONDS",
                        help="estimated test seconds a mutant gets, fastest tests first (default: %(default)s)")
    args = parser.parse_args()
    unknown = sorted(set(args.modules) - set(MODULES))
    if unknown:  # checked here: argparse tests an empty default against `choices` and refuses it
        parser.error(f"no such module: {', '.join(unknown)} (choose from {', '.join(MODULES)})")
    modules = args.modules or MODULES
    if not args.report:
        restore()
        WORK.mkdir(parents=True, exist_ok=True)  # a fresh clone has no scratch copy yet
        shutil.copy2(REPO / "mutate" / "mutmut_config.py", WORK / "mutmut_config.py")
        if not (args.reuse_map and (WORK / "line_map.json").exists()):
            sync()
            line_map()
        for module in modules:
            if not args.known:
                mutate(module, args.sample, args.budget)
            known(module)
    sys.exit(0 if report(MODULES if args.report else modules) else 1)


if __name__ == "__main__":
    main()
