"""A command the command server runs (tests/command_server.py) is what a fresh `python -m generator` gives."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import command_server
import pytest
from lanes import free_port

from support import BUILD_EPOCH, REPO


def fresh(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--lang", "en"],  # warnings on stdout, exit 0
        ["check", "--lang", "sv", "--format", "json"],
        ["check", "BROKEN", "--lang", "fi"],  # a finding at its line and column, exit 1
        ["frobnicate"],  # usage, exit 2
        ["check", "--notice", "nobody"],
    ],
    ids=["warnings", "json", "error", "usage", "no-such-notice"],
)
def test_a_served_command_gives_what_a_fresh_interpreter_gives(args: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "notice.yaml"
    broken.write_text("seloste: 2\ncontroller:\n  name: [unclosed\n", encoding="utf-8")
    args = [str(broken) if arg == "BROKEN" else arg for arg in args]
    env = dict(command_server.BASE, SOURCE_DATE_EPOCH=BUILD_EPOCH)
    assert command_server.served(env)
    served = command_server.run(args, REPO, env, timeout=120)
    expected = fresh(args, env)
    assert (served.returncode, served.stdout, served.stderr) == (expected.returncode, expected.stdout, expected.stderr)
    assert command_server._SERVER, "the command was not served"


def test_each_command_reads_its_own_environment() -> None:
    """The build date comes from SOURCE_DATE_EPOCH as the command runs, not as the server started."""
    outputs = set()
    for epoch in ("1781481600", "1796083200"):  # 2026-06-15, 2026-12-01
        env = dict(command_server.BASE, SOURCE_DATE_EPOCH=epoch)
        result = command_server.run(["check", "--lang", "en", "--format", "json"], REPO, env, timeout=120)
        outputs.add(result.stdout)
        assert result.stdout == fresh(["check", "--lang", "en", "--format", "json"], env).stdout
    assert len(outputs) == 2


def test_a_command_over_its_time_is_killed_and_the_server_goes_on() -> None:
    env = dict(command_server.BASE, SOURCE_DATE_EPOCH=BUILD_EPOCH)
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        command_server.run(["serve", "--dev-addr", f"127.0.0.1:{free_port()}"], REPO, env, timeout=3)
    assert time.monotonic() - started < 60
    assert command_server.run(["check", "--lang", "en"], REPO, env, timeout=120).returncode == 0


def test_an_environment_python_reads_at_start_gets_a_fresh_interpreter() -> None:
    assert not command_server.served(dict(command_server.BASE, PYTHONIOENCODING="ascii"))
    assert not command_server.served(dict(command_server.BASE, PYTHONHASHSEED="0"))
    assert not command_server.served(dict(command_server.BASE, PYTHONPATH="/elsewhere"))
    assert command_server.served(dict(command_server.BASE, SELOSTE_SITE_URL="https://example.fi/"))


def test_the_server_outlives_the_thread_that_started_it() -> None:
    """The browser tests build their sites in a thread pool, so the first command may come from a thread that
    ends at once; the server (which dies with the thread that started it) must serve the next command all the
    same."""
    command_server.stop()
    env = dict(command_server.BASE, SOURCE_DATE_EPOCH=BUILD_EPOCH)
    first = threading.Thread(target=command_server.run, args=(["check", "--lang", "en"], REPO, env, 120))
    first.start()
    first.join()
    time.sleep(1)  # the thread is gone
    assert command_server._SERVER[0].process.poll() is None, "the server died with the thread"
    assert command_server.run(["check", "--lang", "en"], REPO, env, timeout=120).returncode == 0
