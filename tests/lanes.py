"""The test lanes, and what lets the whole suite run on several cores: a pytest plugin (../conftest.py loads it).

Two lanes:

- ``make test-fast`` (``-m "not slow and not browser"``): the in-process tests
  and the doctests; no test starts a process. Under a minute: the loop to run
  on every save.
- ``make test``: everything. The fast lane and the tests marked ``slow`` (they
  start processes: the generator's command line, a build, a release, ``serve``,
  node, msgcat, actionlint; or they read a project or site such a process
  made), ``kill`` (strace and kill -9 at chosen system calls; also ``slow``)
  and ``browser`` (Chromium; tests/browser marks its own).

Membership is decided here, at collection: a test is ``slow`` if it uses a
fixture of SLOW_FIXTURES (itself or through another fixture), or its module is
one of SLOW_MODULES or KILL_MODULES, or it says ``@pytest.mark.slow`` itself (in
a module that mixes the two kinds). It cannot rot unseen: a listed module or
fixture that is not there stops the run, and a test of the fast lane that
starts a process fails, in either lane, with the fix in its message (the guard
below: while a fast test sets up, runs and tears down, whatever would start a
process raises instead).

With pytest-xdist (``make test`` runs one worker more than the cores), each worker is a
process of its own:

- the tests go out in units of work (a module, whose module fixtures are made
  once; in SHARED_MODULES, the tests of one page), the costliest units first,
  so that the last to start are short (``unit``, ``costliest_first``); the
  summary says when each worker ran out of work;

- ``once`` makes a project or site that many tests only read once per test run,
  by the first worker to ask (the others wait for it under a file lock);
- ``free_port`` hands each worker ports from a block of its own;
- the figures the browser tests report (``figures``) come back from the
  workers, and the summary at the end prints them all.
"""

from __future__ import annotations

import _posixsubprocess
import fcntl
import functools
import inspect
import os
import re
import socket
import subprocess
import threading
import time
import traceback
from collections.abc import Callable, Generator, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

TESTS = Path(__file__).resolve().parent

SLOW_FIXTURES = {
    # projects released and sites built by `python -m generator` in subprocesses
    "tests/conftest.py": {"pristine", "one_release", "multi_project", "entrack_site"},
    # the built sites, their servers, Chromium and the Nu Html Checker (Java)
    "tests/browser/conftest.py": {
        "site",
        "multi_release_site",
        "each_site",
        "page_site",
        "servers",
        "browser",
        "vnu_errors",
    },
    # module fixtures of modules that mix in-process tests with these
    "tests/test_editor.py": {"workspace", "editor"},  # node: yaml-language-server
    "tests/test_hostile_fields.py": {"first_release", "checker"},
    "tests/test_hostile_site.py": {"site"},
    "tests/test_languages.py": {"two_language_site"},
    "tests/test_render.py": {"hostile_pages"},
    "tests/test_shop.py": {"shop_site"},
    "tests/test_site_dir.py": {"project"},
    "tests/test_workflows.py": {"actionlint"},
}
"""Fixtures that make, or read, what a process made, by the file that defines them: a test that uses one (or
uses a fixture that does) is slow."""

SLOW_MODULES = {
    "test_bad_environment.py",
    "test_build.py",
    "test_command_server.py",
    "test_feeds.py",
    "test_preview.py",
    "test_publication.py",
    "test_release_files.py",
    "test_releases.py",
    "test_site_address.py",
}
"""Modules of tests/ whose every test runs the command line, a build, `serve` or reads what they made."""

KILL_MODULES = {"test_kill.py"}
"""Modules of tests/ that kill processes at chosen system calls (strace): marked `kill` and `slow`."""

MARKERS = {
    "slow": "starts a process (the generator's command line, a build, serve, node, msgcat, actionlint) or reads "
    "a project or site one made; not in `make test-fast` (tests/lanes.py gives the mark)",
    "kill": "kills builds and releases at chosen system calls (strace, kill -9); also slow",
}


def pytest_configure(config: pytest.Config) -> None:
    for name, text in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")
    gone = [name for name in sorted(SLOW_MODULES | KILL_MODULES) if not (TESTS / name).is_file()]
    for where, names in SLOW_FIXTURES.items():
        source = (TESTS.parent / where).read_text(encoding="utf-8") if (TESTS.parent / where).is_file() else ""
        gone += [f"{where}::{name}" for name in sorted(names) if not re.search(rf"^def {name}\(", source, re.MULTILINE)]
    if gone:
        raise pytest.UsageError(f"tests/lanes.py names what is not there (any more): {', '.join(gone)}")


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> Generator[None, None, None]:
    for item in items:  # before -m deselects by the marks
        for name in lane_marks(item):
            item.add_marker(name)
    yield
    timed = getattr(config, "workerinput", {}).get(ORDER)
    if timed is not None:  # a worker of the scheduler below
        items[:] = costliest_first(items, timed)  # after pytest has grouped them by their fixtures' parameters


def lane_marks(item: pytest.Item) -> list[str]:
    """The markers this plugin gives a test (or a test function still being collected)."""
    path = Path(item.path)
    module = path.name if path.parent == TESTS else None
    if module in KILL_MODULES:
        return ["kill", "slow"]
    if module in SLOW_MODULES or _uses_slow_fixture(item):
        return ["slow"]
    return []


def _uses_slow_fixture(item: pytest.Item) -> bool:
    """Whether the test uses, itself or through another fixture, one of SLOW_FIXTURES."""
    info = getattr(item, "_fixtureinfo", None)  # pytest's own record of the fixtures a test closes over
    for name in getattr(info, "names_closure", ()):
        definitions = info.name2fixturedefs.get(name)
        if definitions and name in SLOW_FIXTURES.get(_defined_in(definitions[-1].func), ()):
            return True
    return False


def _defined_in(function: Callable[..., Any]) -> str:
    try:
        return _relative(inspect.getfile(inspect.unwrap(function)))
    except TypeError:
        return ""


@functools.cache
def _relative(file: str) -> str:
    """A source file's path from the repository (a few files, asked about for each of 3,000 tests' fixtures)."""
    try:
        return Path(file).resolve().relative_to(TESTS.parent).as_posix()
    except ValueError:
        return ""


def in_fast_lane(item: pytest.Item) -> bool:
    return item.get_closest_marker("slow") is None and item.get_closest_marker("browser") is None


def chosen_by_markers(config: pytest.Config, function: pytest.Item) -> bool:
    """Whether `-m` keeps the tests of a function still being collected (in pytest_generate_tests), by its
    own markers and those this plugin will give it: a hook that costs a build to parametrize can skip it."""
    expression = config.getoption("markexpr")
    if not expression:
        return True
    from _pytest.mark import MarkMatcher
    from _pytest.mark.expression import Expression

    marks = [*function.iter_markers(), *(getattr(pytest.mark, name).mark for name in lane_marks(function))]
    return Expression.compile(expression).evaluate(MarkMatcher.from_markers(marks))


# -- The guard: no test of the fast lane starts a process ---------------------------------------------------


class StartedAProcessError(AssertionError):
    """A test of the fast lane tried to start a process."""


def _refuse(what: str) -> Callable[..., Any]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        given = args[1:] if what == "subprocess.Popen" else args  # Popen.__init__(self, args, ...)
        command = given[0] if given else kwargs.get("args", "")
        shown = " ".join(map(str, command)) if isinstance(command, (list, tuple)) else str(command)
        raise StartedAProcessError(
            f"a test of the fast lane started a process ({what}: {shown[:200]}): mark it slow, "
            "by @pytest.mark.slow on the test or by its module or fixture in tests/lanes.py"
        )

    return refuse


def _guarded(item: pytest.Item) -> ExitStack:
    stack = ExitStack()
    if in_fast_lane(item):
        patch = stack.enter_context(pytest.MonkeyPatch.context())
        patch.setattr(subprocess.Popen, "__init__", _refuse("subprocess.Popen"))  # subprocess.run, asyncio, ...
        patch.setattr(_posixsubprocess, "fork_exec", _refuse("fork_exec"))  # multiprocessing's spawn
        for name in ("fork", "forkpty", "system", "posix_spawn", "posix_spawnp", "spawnv", "spawnve"):
            if hasattr(os, name):
                patch.setattr(os, name, _refuse(f"os.{name}"))
    return stack


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    with _guarded(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    with _guarded(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, None, None]:
    with _guarded(item):
        return (yield)


# -- Scheduling on pytest-xdist: the costliest units of work first, the page checks shared out -------------------

SHARED_MODULES = {"tests/browser/test_pages.py"}
"""Modules whose tests of one parameter (one page of one site, loaded once for them: a module-scoped parameter)
make a unit of work of their own, so that every worker takes a share of the module. Any other module is one unit,
run whole on one worker (its module fixtures made once), as xdist's ``loadscope`` has it."""

LANE_COST = {"kill": 8.0, "browser": 2.0, "slow": 0.5}
"""Roughly what a test of each lane costs, in seconds (FAST_COST in the fast lane), for a unit of work that the last
`make test` did not time: enough to order the units. A unit of SHARED_MODULES costs one page: its costliest test."""
FAST_COST = 0.02
ORDER = "seloste_unit_seconds"
"""The key of the workers' input that tells them to order their collection by unit, with what the units took."""
TIMES = "seloste/unit-seconds"
"""The key in pytest's cache (.pytest_cache) of the seconds each unit of work took in the last `make test` that
ran it."""


def unit(nodeid: str) -> str:
    """The unit of work a test belongs to: its module (or class), and its parameter in SHARED_MODULES.

    >>> unit("tests/test_kill.py::test_x"), unit("generator/site/plan.py::generator.site.plan.Pages")
    ('tests/test_kill.py', 'generator/site/plan.py')
    >>> unit("tests/browser/test_pages.py::test_page_loads[multi-404-sv]")
    'tests/browser/test_pages.py[multi-404-sv]'
    """
    scope, _, name = nodeid.rpartition("::")
    if scope in SHARED_MODULES and "[" in name:
        return scope + name[name.index("[") :]
    return scope or nodeid


def cost(item: pytest.Item) -> float:
    """What a test roughly costs, by its lane."""
    return next((LANE_COST[name] for name in LANE_COST if item.get_closest_marker(name)), FAST_COST)


def costliest_first(items: list[pytest.Item], timed: dict[str, float]) -> list[pytest.Item]:
    """The tests by unit of work, the costliest units first (the last to start are then the short ones, and no
    worker waits long at the end for another's): each unit's tests together and in their order, the units of
    equal cost in theirs. A unit costs the seconds it took last time (`timed`), or else what its tests' lanes
    say. Every worker orders its collection so; the scheduler below keeps that order."""
    estimated: dict[str, float] = {}
    for item in items:
        name, guess = unit(item.nodeid), cost(item)
        shared = name.split("[", 1)[0] in SHARED_MODULES and "[" in name
        estimated[name] = max(estimated.get(name, 0.0), guess) if shared else estimated.get(name, 0.0) + guess
    costs = {name: timed.get(name, guess) for name, guess in estimated.items()}
    position = {name: index for index, name in enumerate(costs)}
    return sorted(items, key=lambda item: (-costs[unit(item.nodeid)], position[unit(item.nodeid)]))


def _timed(config: pytest.Config) -> dict[str, float]:
    cache = getattr(config, "cache", None)  # None with -p no:cacheprovider
    times = cache.get(TIMES, {}) if cache is not None else {}
    return times if isinstance(times, dict) else {}


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Tell each worker to order its collection by unit, and what the units took last time (a worker has no
    ``--dist`` of its own)."""
    if _scheduling(node.config):
        node.workerinput[ORDER] = _timed(node.config)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadscope`` by the units above, in the order the workers collected them."""
    if config.getoption("dist", None) != "loadscope":
        return None
    config.option.loadscopereorder = False  # xdist would put the units with most tests first
    return unit_scheduling()(config, log)


def unit_scheduling() -> type:
    """xdist's ``loadscope`` scheduler, its scopes the units above."""
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid)

    return UnitScheduling


def _scheduling(config: pytest.Config) -> bool:
    """Whether this is the controller of a run on xdist workers, by units."""
    return not hasattr(config, "workerinput") and config.getoption("dist", None) == "loadscope"


_started = time.monotonic()
_UNITS = pytest.StashKey[dict[str, float]]()
_DONE = pytest.StashKey[dict[str, tuple[float, str]]]()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """On the controller: each unit's seconds, and the unit each worker ran last."""
    config = getattr(getattr(report, "node", None), "config", None)
    if config is None or not _scheduling(config):
        return
    seconds = config.stash.setdefault(_UNITS, {})
    seconds[unit(report.nodeid)] = seconds.get(unit(report.nodeid), 0.0) + report.duration
    config.stash.setdefault(_DONE, {})[report.node.gateway.id] = (time.monotonic() - _started, unit(report.nodeid))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    figures(node.config).extend(getattr(node, "workeroutput", {}).get("seloste_figures", []))


def _keep_times(config: pytest.Config) -> None:
    """The seconds of the units this run ran whole, for the next run's order (those it did not run kept)."""
    seconds = config.stash.get(_UNITS, {})
    cache = getattr(config, "cache", None)
    if seconds and cache is not None and not config.getoption("keyword") and not config.getoption("markexpr"):
        cache.set(TIMES, {**_timed(config), **{name: round(value, 2) for name, value in seconds.items()}})


def workers_line(done: dict[str, tuple[float, str]]) -> str:
    """When each worker ran out of work, the seconds the others waited for the last, and what it ran last.

    >>> workers_line({"gw1": (200.4, "tests/a.py"), "gw0": (190.0, "tests/b.py"), "gw2": (201.0, "tests/c.py")})
    'xdist workers out of work after: gw0 190 s, gw1 200 s, gw2 201 s (idle at the end: 12 worker-seconds; the last unit: tests/c.py)'
    """
    last = max(seconds for seconds, _ in done.values())
    return (
        "xdist workers out of work after: "
        + ", ".join(f"{worker} {seconds:.0f} s" for worker, (seconds, _) in sorted(done.items()))
        + f" (idle at the end: {sum(last - seconds for seconds, _ in done.values()):.0f} worker-seconds;"
        + f" the last unit: {max(done.values())[1]})"
    )


# -- Once per test run: the projects and sites many tests read ------------------------------------------------


class MakingFailedError(Exception):
    """Making a shared folder failed (in this process or another worker); the message says why."""


_made: dict[str, tuple[Path, float]] = {}
_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()


def run_folder(config: pytest.Config) -> Path:
    """A folder of this test run that every worker sees: <pytest's base temporary folder>/shared."""
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]  # as xdist itself reads it
    root = (base.parent if hasattr(config, "workerinput") else base) / "shared"  # a worker's is <base>/popen-gwN
    root.mkdir(exist_ok=True)
    return root


def once(config: pytest.Config, name: str, make: Callable[[Path], object]) -> tuple[Path, float]:
    """`make(folder)` run once in this test run, by the first process (and thread) to ask: the folder, and
    the seconds the making took if this process made it (0.0 if another did). Raises MakingFailedError if it failed.

    The folder is shared by every test of the run: only read it (copy it to change it)."""
    with _locks_lock:  # pytest's getbasetemp() makes the folder on first call: not from two threads at once
        root = run_folder(config)
        lock = _locks.setdefault(name, threading.Lock())
    with lock:
        if name not in _made:
            _made[name] = make_once(root, name, make)
        return _made[name]


def make_once(root: Path, name: str, make: Callable[[Path], object]) -> tuple[Path, float]:
    """`make(root/name)` unless a process made it before (or failed to: then MakingFailedError, with its reason)."""
    folder, done, failed = root / name, root / f"{name}.done", root / f"{name}.failed"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here until it is made
        if failed.exists():
            raise MakingFailedError(failed.read_text(encoding="utf-8"))
        if done.exists():
            return folder, 0.0
        folder.mkdir()
        started = time.monotonic()
        try:
            make(folder)
        except (Exception, pytest.fail.Exception) as exc:
            failed.write_text(
                f"making {name} failed: {''.join(traceback.format_exception_only(exc)).strip()}", encoding="utf-8"
            )
            raise MakingFailedError(failed.read_text(encoding="utf-8")) from exc
        done.touch()
        return folder, time.monotonic() - started


# -- Ports of one's own ----------------------------------------------------------------------------------------

PORTS_PER_WORKER = 1000


def port_block(worker: str, ephemeral_low: int = 32768) -> range:
    """The ports an xdist worker (`gw0`, `gw1`, ...; "" without xdist) may hand out: a block of its own,
    below the kernel's ephemeral range, where binding to port 0 and outgoing connections take theirs.

    >>> port_block("gw0"), port_block("gw1"), port_block("", 40000)
    (range(31768, 32768), range(30768, 31768), range(31768, 32768))
    """
    top = min(ephemeral_low, 32768) - PORTS_PER_WORKER * int(worker.removeprefix("gw") or 0)
    return range(top - PORTS_PER_WORKER, top)


_ports: Iterator[int] | None = None


def free_port() -> int:
    """A port on 127.0.0.1 that is free now and that no other worker of this run hands out."""
    global _ports
    if _ports is None:
        try:
            low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            low = 32768
        _ports = iter(port_block(os.environ.get("PYTEST_XDIST_WORKER", ""), low))
    for port in _ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:  # another program's, or one of ours still in TIME_WAIT
                continue
            return port
    raise RuntimeError(f"this worker has handed out all its {PORTS_PER_WORKER} ports")


# -- Figures: lines for the summary at the end of the run -------------------------------------------------------

_FIGURES = pytest.StashKey[list[str]]()
SECTION = "Seloste figures"
BUILD_FIGURE = "site build: "
"""A figure that begins so is one site's build; the summary gives them on one line, first."""


def figures(config: pytest.Config) -> list[str]:
    """The lines to print at the end of the run (an xdist worker sends them to the controller, which prints)."""
    return config.stash.setdefault(_FIGURES, [])


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _scheduling(session.config):
        _keep_times(session.config)
    if hasattr(session.config, "workeroutput"):  # xdist sends it after every sessionfinish hook has run
        session.config.workeroutput["seloste_figures"] = figures(session.config)  # type: ignore[attr-defined]


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    done = config.stash.get(_DONE, {})
    lines = figures(config) + ([workers_line(done)] if done else [])
    if lines:
        terminalreporter.section(SECTION)
        builds = [line.removeprefix(BUILD_FIGURE) for line in lines if line.startswith(BUILD_FIGURE)]
        if builds:
            terminalreporter.write_line("site builds (entrack and multi side by side): " + ", ".join(builds))
        for line in lines:
            if not line.startswith(BUILD_FIGURE):
                terminalreporter.write_line(line)
