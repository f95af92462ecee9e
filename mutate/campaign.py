"""One module's campaign: its mutants, the tests of each line, a verdict for each mutant in the sample.

Verdicts are kept in mutate/work/verdicts.json under the module's content
hash: a killed mutant stays killed until its module changes; a survivor is
tried again when the tests (or the budget) have changed since. So a run
after adding tests re-tries only the survivors, and a run after editing a
module only that module.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import queue
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import measure, select
from .known import KNOWN
from .measure import Case
from .mutants import Mutant, keyed, known_mutant, mutants, mutated_line
from .report import figures
from .run import Budget, Verdict, probe, try_mutant
from .tree import PACKAGE, REPO, WORK, digest, modules, package_files, resolve_file, stem

VERDICTS = WORK / "verdicts.json"


@dataclass
class Named:
    """A survivor named in mutate/known.py that belongs to a module's campaign."""

    file: str
    what: str
    mutant: Mutant | None
    lines: list[int]


@dataclass
class Setting:
    """What a run is asked for: the share of mutants, the budgets, the scratch copies (one per job)."""

    sample: float
    budget: Budget
    files: list[str]
    code: str
    tests: str
    only_named: bool = False
    roots: list[Path] = field(default_factory=list)

    @property
    def signature(self) -> str:
        """What a survivor's verdict depends on besides its module: the tests, the tool and the budgets."""
        return f"{self.tests}:{self.budget.fast:g}:{self.budget.slow:g}"


def sampled(module: str, key: str, share: float) -> bool:
    """Whether a mutant is in the sample: the same answer in every run, whatever else the module gains."""
    digest_ = hashlib.sha256(f"{module}\0{key}".encode()).digest()
    return int.from_bytes(digest_[:8], "big") < share * 2**64


def named(module: str, root: Path = REPO) -> list[Named]:
    """The survivors of mutate/known.py that run with `module` (a template's run with the module naming it)."""
    found = []
    listed = (modules(root), package_files(root))
    texts = {m: (root / PACKAGE / m).read_text(encoding="utf-8") for m in listed[0]}
    for name, old, new, what in KNOWN:
        try:
            file = resolve_file(name, root, listed)
        except LookupError:
            if name in (module, Path(module).stem):
                found.append(Named(name, what, None, []))
            continue
        if file.endswith(".py"):
            owner, lines = file, []
        else:
            naming = {m: at for m, text in texts.items() if (at := naming_lines(text, Path(file).name))}
            owner, lines = next(iter(naming.items()), ("", []))
        if owner == module:
            mutant = known_mutant((root / PACKAGE / file).read_text(encoding="utf-8"), old, new, what)
            found.append(Named(file, what, mutant, lines or ([mutant.line] if mutant else [])))
    return found


def naming_lines(source: str, name: str) -> list[int]:
    """The lines whose code names `name` in a string: a docstring or a comment that names it runs no test.

    >>> naming_lines('"Uses x.j2."\\n# x.j2\\nrender("x.j2")\\n', "x.j2")
    [3]
    """
    return sorted({line for line, text in _strings_in_code(source) if name in text})


@functools.cache
def _strings_in_code(source: str) -> tuple[tuple[int, str], ...]:
    """Each string constant of a module's code, with its line (every module is asked about each template)."""
    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return tuple(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    )


def load_verdicts() -> dict[str, Any]:
    if VERDICTS.exists():
        data: dict[str, Any] = json.loads(VERDICTS.read_text(encoding="utf-8"))
        return data
    return {}


def save_verdicts(verdicts: dict[str, Any]) -> None:
    VERDICTS.parent.mkdir(parents=True, exist_ok=True)
    temporary = VERDICTS.with_suffix(".tmp")
    temporary.write_text(json.dumps(verdicts), encoding="utf-8")
    temporary.replace(VERDICTS)


def reusable(old: dict[str, Any] | None, signature: str) -> Verdict | None:
    """A kept verdict still good: a caught mutant stays caught; a survivor only if nothing it faced changed."""
    if old is None:
        return None
    verdict = Verdict(**old)
    return verdict if verdict.caught or verdict.signature == signature else None


class Campaign:
    """The mutants of one module, their tests, and the verdicts of those in the sample."""

    def __init__(self, module: str, setting: Setting) -> None:
        self.module = module
        self.setting = setting
        root = setting.roots[0]
        self.data = (root / PACKAGE / module).read_bytes()
        self.text = self.data.decode("utf-8")
        self.mutants = mutants(self.text)
        self.named = named(module, root)
        extra = [root / PACKAGE / n.file for n in self.named if n.mutant and n.file != module]
        self.hash = digest([root / PACKAGE / module, *extra])
        self.lines: dict[int, set[str]] = {}
        self.naming: dict[str, set[str]] = {}  # a template named in mutate/known.py -> the test files naming it
        self.tests: dict[str, Case] = {}
        self.setup: dict[str, float] = {}

    def measure(self, log: Callable[[str], None]) -> None:
        """The tests of each line, from a coverage run of the candidate test files not measured yet."""
        root = self.setting.roots[0]
        templates = {Path(n.file).name for n in self.named if n.mutant and not n.file.endswith(".py")}
        self.naming = {name: select.naming_files(name, root, self.setting.files) for name in templates}
        wanted = select.candidates(self.module, root, self.setting.files)
        wanted += sorted(set().union(*self.naming.values()) - set(wanted))
        hashes = {name: digest([root / name]) for name in wanted}
        found = measure.measure(root, wanted, hashes, f"{self.setting.code}:{root}")
        executed, self.tests, failing = measure.executed(root / PACKAGE / self.module, found)
        importing = select.importing(self.module, root, wanted)
        loaders = {nodeid for nodeid in self.tests if measure.file_of(nodeid) in importing}
        self.lines = select.line_tests(self.text, executed, loaders)
        self.setup = measure.setup_costs(found)
        log(f"  {len(self.tests)} tests from {len(wanted)} candidate files")
        if failing:
            log(f"  left out, failing without any mutant: {', '.join(failing)}")

    def tests_of(self, lines: list[int], file: str = "") -> list[Case]:
        """The tests of these lines; for a template's mutant (`file`), also every test of the files naming the
        template (a test may render it directly, as the module does: no line of the module runs then)."""
        nodeids = set().union(*(self.lines.get(line, set()) for line in lines)) if lines else set()
        naming = self.naming.get(Path(file).name, set()) if not file.endswith(".py") else set()
        nodeids |= {nodeid for nodeid in self.tests if measure.file_of(nodeid) in naming}
        own = re.compile(rf"tests/test_{re.escape(stem(self.module))}(_\w+)?\.py")
        return [
            replace(self.tests[n], own=bool(own.fullmatch(measure.file_of(n))))
            for n in sorted(nodeids)
            if n in self.tests
        ]

    def run(self, log: Callable[[str], None]) -> dict[str, Any]:
        """Test the sampled mutants (those without a verdict still good) and the named ones; the figures."""
        started = time.monotonic()
        all_verdicts = load_verdicts()
        mine = all_verdicts.get(self.module)
        if not mine or mine.get("hash") != self.hash:
            mine = {"hash": self.hash, "verdicts": {}}
        all_verdicts[self.module] = mine
        share = 0.0 if self.setting.only_named else self.setting.sample
        chosen = [(k, m) for k, m in keyed(self.mutants, self.data) if sampled(self.module, k, share)]
        work = [(key, m, self.module, [m.line]) for key, m in chosen]
        for item in self.named:
            if item.mutant:
                data = (self.setting.roots[0] / PACKAGE / item.file).read_bytes()
                work.append((item.mutant.key(data), item.mutant, item.file, item.lines))
        pending = [w for w in work if reusable(mine["verdicts"].get(w[0]), self.setting.signature) is None]
        log(
            f"{self.module}: {len(self.mutants)} mutants, {len(chosen)} in the sample, {len(self.named)} named; "
            f"{len(pending)} to test ({len(work) - len(pending)} kept from earlier runs)"
        )
        if pending:
            self.measure(log)
            broken = probe(self.setting.roots[0], self.tests_of(sorted(self.lines)), self.setup)
            if broken:
                raise RuntimeError(f"{self.module}: {broken}")
            self.test_all(pending, mine, all_verdicts, log)
        return self.figures(chosen, mine, time.monotonic() - started)

    def test_all(
        self,
        pending: list[tuple[str, Mutant, str, list[int]]],
        mine: dict[str, Any],
        all_verdicts: dict[str, Any],
        log: Callable[[str], None],
    ) -> None:
        """Try the pending mutants, one scratch copy per job, keeping each verdict as it comes."""
        free: queue.Queue[Path] = queue.Queue()
        for root in self.setting.roots:
            free.put(root)

        def one(item: tuple[str, Mutant, str, list[int]]) -> Verdict:
            _, mutant, file, lines = item
            root = free.get()
            try:
                target = root / PACKAGE / file
                return try_mutant(
                    root,
                    target,
                    target.read_bytes(),
                    mutant,
                    self.tests_of(lines, file),
                    self.setup,
                    self.setting.budget,
                )
            finally:
                free.put(root)

        with ThreadPoolExecutor(len(self.setting.roots)) as pool:
            for count, (item, verdict) in enumerate(zip(pending, pool.map(one, pending), strict=True), 1):
                key, mutant, file, _ = item
                verdict.signature = self.setting.signature
                mine["verdicts"][key] = verdict.as_dict()
                save_verdicts(all_verdicts)
                log(
                    f"  [{count}/{len(pending)}] {file}:{mutant.line} {mutant.operator:<14} {verdict.verdict:<9}"
                    f"{verdict.seconds:6.1f} s {verdict.tests:4} tests  {verdict.by[:70]}"
                )

    def figures(self, chosen: list[tuple[str, Mutant]], mine: dict[str, Any], seconds: float) -> dict[str, Any]:
        """The module's figures from the verdicts of the sampled mutants, every survivor, the named ones."""
        verdicts = {key: Verdict(**v) for key, v in mine["verdicts"].items()}
        killed, survivors, spent = 0, [], 0.0
        for key, mutant in chosen:
            verdict = verdicts[key]
            spent += verdict.seconds
            if verdict.caught:
                killed += 1
            else:
                original = self.text.splitlines()[mutant.line - 1].strip()
                mutated = mutated_line(self.data, mutant)
                survivor = {"line": mutant.line, "operator": mutant.operator, "verdict": verdict.verdict}
                survivors.append(survivor | {"original": original, "mutated": mutated})
        result = figures(self.module, len(self.mutants), killed, len(chosen))
        known = []
        for item in self.named:
            if item.mutant is None:
                known.append({"file": item.file, "what": item.what, "verdict": "not found"})
                continue
            data = (self.setting.roots[0] / PACKAGE / item.file).read_bytes()
            verdict = verdicts[item.mutant.key(data)]
            known.append({"file": item.file, "what": item.what, "verdict": "killed" if verdict.caught else "survived"})
        result.update(seconds=round(spent, 1), run_seconds=round(seconds, 1), survivors=survivors, known=known)
        return result
