"""`python -m generator ARGS` in a process forked from one that has already imported the generator.

The suite runs the command line about 500 times (check, release, build), and a
fresh interpreter spends a third of a short command importing jsonschema,
MkDocs, Material, Jinja and the generator. Each pytest worker keeps one server
process that has done those imports; for each command it forks a child that
becomes the command: its own process, with the standard streams on files,
the working folder, the environment and the arguments asked for, running
``generator/__main__.py`` as ``python -m generator`` does, and leaving
through the interpreter's own exit (exit status, atexit, flushed streams).
What the test gets back is what ``subprocess.run(..., capture_output=True,
text=True)`` gives.

What a child shares with the server, unlike a fresh interpreter: the modules
imported (in the state importing leaves them), the hash seed, and what Python
reads from the environment when it starts (encoding, paths, flags). So a
command is served only when its environment differs from the server's in
RUNTIME_VARIABLES alone, which the generator reads while it runs; any other
(a locale, PYTHONIOENCODING, a hash seed, a changed copy of the code on
PYTHONPATH, coverage's variables), a command while another is under way,
or a test of the fast lane, gets a fresh interpreter through subprocess.

>>> served({**BASE, "SOURCE_DATE_EPOCH": "0"})
True
>>> served({**BASE, "LC_ALL": "C"})
False
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import locale
import os
import pickle
import runpy
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RUNTIME_VARIABLES = frozenset({"SOURCE_DATE_EPOCH", "SELOSTE_SITE_URL", "PYTEST_CURRENT_TEST"})
"""Variables the generator reads while it runs (and pytest's own note of the test under way)."""
BASE = dict(os.environ, PYTHONPATH=str(REPO), NO_MKDOCS_2_WARNING="1")
"""The server's environment: the worker's, with this repository's package on the path."""
PRELOADED = ("generator.cli", "generator.host.adapter", "generator.host.build", "mkdocs.commands.build")
"""What the server imports before it forks: what a check, a release and a build import."""


def served(env: dict[str, str]) -> bool:
    """Whether a command in `env` can run in a forked child: the same interpreter start as the server's."""
    if "COVERAGE_PROCESS_START" in os.environ:  # coverage (make mutate) measures each process from its start
        return False
    keys = env.keys() | BASE.keys()
    return all(env.get(key) == BASE.get(key) for key in keys - RUNTIME_VARIABLES)


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in `cwd` with `env`: in a forked child of this worker's server where it can be
    (see the module's docstring), else in a fresh interpreter."""
    patched = subprocess.Popen.__init__ is not _POPEN  # the fast lane's guard (tests/lanes.py): let it refuse
    server = _server() if served(env) and not patched else None
    if server is not None and server.busy.acquire(blocking=False):
        try:
            return server.run(args, cwd, env, timeout)
        finally:
            server.busy.release()
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


class _Server:
    """The client's end of one server process."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        self.socket = ours
        self.busy = threading.Lock()
        self.folder = Path(tempfile.mkdtemp(prefix="seloste-commands-"))
        self.process = _STARTER.submit(
            subprocess.Popen,
            [sys.executable, __file__, str(theirs.fileno())],
            cwd=REPO,
            env=BASE,
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
        ).result()
        theirs.close()

    def run(self, args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
        out, err = self.folder / "stdout", self.folder / "stderr"
        _send(self.socket, {"args": args, "cwd": str(cwd), "env": env, "out": str(out), "err": str(err)})
        pid = _receive(self.socket)
        self.socket.settimeout(timeout)
        try:
            returncode = _receive(self.socket)
        except TimeoutError:
            os.kill(pid, signal.SIGKILL)
            self.socket.settimeout(None)
            _receive(self.socket)  # the server has reaped it
            raise subprocess.TimeoutExpired(["python", "-m", "generator", *args], timeout) from None
        finally:
            self.socket.settimeout(None)
        return subprocess.CompletedProcess(
            ["python", "-m", "generator", *args], returncode, _text(out.read_bytes()), _text(err.read_bytes())
        )

    def close(self) -> None:
        self.socket.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        for name in ("stdout", "stderr"):
            (self.folder / name).unlink(missing_ok=True)
        self.folder.rmdir()


_SERVER: list[_Server] = []
_STARTING = threading.Lock()
_POPEN = subprocess.Popen.__init__
_STARTER = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="command-server")
"""The thread that starts the server, alive as long as this process: the server dies with the thread that
started it (PR_SET_PDEATHSIG), and the first command may come from a thread that ends soon after (the browser
tests build their sites in a pool)."""


def _server() -> _Server | None:
    """This process's server, started on first use (and again if it died)."""
    with _STARTING:
        if _SERVER and _SERVER[0].process.poll() is not None:
            _SERVER.pop()
        if not _SERVER:
            _SERVER.append(_Server())
        return _SERVER[0]


def stop() -> None:
    """End this process's server (at the end of the test session)."""
    while _SERVER:
        _SERVER.pop().close()


def _text(data: bytes) -> str:
    """Decoded as subprocess.run(text=True) decodes: the locale's encoding, universal newlines."""
    return data.decode(locale.getpreferredencoding(False)).replace("\r\n", "\n").replace("\r", "\n")


def _send(sock: socket.socket, value: Any) -> None:
    data = pickle.dumps(value)
    sock.sendall(struct.pack("!I", len(data)) + data)


def _receive(sock: socket.socket) -> Any:
    header = _exactly(sock, 4)
    return pickle.loads(_exactly(sock, struct.unpack("!I", header)[0]))


def _exactly(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError("the command server closed its end")
        data += chunk
    return data


# -- the server ---------------------------------------------------------------------


def _serve(fd: int) -> None:
    """Import, then fork a child per request; send its pid, then its exit status. Ends when the client does."""
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: never outlive the pytest worker
    for name in PRELOADED:
        __import__(name)
    _compile_templates()
    sock = socket.socket(fileno=fd)
    while True:
        try:
            request = _receive(sock)
        except EOFError:
            return
        pid = os.fork()
        if pid == 0:
            sock.close()
            _become(request)  # never returns: the command's exit is this process's
        _send(sock, pid)
        _, status = os.waitpid(pid, 0)
        _send(sock, os.waitstatus_to_exitcode(status))


def _compile_templates() -> None:
    """Compile Material's templates and the generator's, and read this repository's catalogs, as a build does
    before it forks its languages: every build's child then finds them compiled (a third of a second of CPU
    each), as the second build of `serve` does. Jinja compiles again a template whose source or file differs (a
    project's own site_overrides/), and the catalogs are read again from another project's locales/."""
    from generator.host.adapter import compile_theme
    from generator.notice.languages import SUPPORTED
    from generator.project import Project
    from generator.words.render import compile_templates

    project = Project.at(REPO)
    try:
        compile_theme(project, SUPPORTED[0])
        compile_templates(project.locales, SUPPORTED)
    except Exception:  # a broken template or catalog: each command then says so itself
        return


def _become(request: dict[str, Any]) -> None:
    """Turn this forked child into `python -m generator ARGS` as the request describes, and run it."""
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    for fd, name in ((1, "out"), (2, "err")):
        os.dup2(os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.path[0] = os.getcwd()  # as `python -m` puts it
    sys.argv = [str(REPO / "generator" / "__main__.py"), *request["args"]]
    runpy.run_module("generator", run_name="__main__", alter_sys=True)
    sys.exit(0)


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
