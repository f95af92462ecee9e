"""Bad surroundings of a good notice: the build date, mkdocs.yml, the preview's address, a bad edit while serving.

Each ends in a sentence (exit 2 for how the command was run, 1 for a file that
cannot be used), never in a traceback. Every case runs the real command line
in a throw-away project.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from generator.environment import build_date
from generator.findings import UsageError
from support import REPO, copy_project, free_port, run

MKDOCS_YML = Path(__file__).resolve().parent.parent / "mkdocs.yml"
UNREACHABLE = "192.0.2.1:8000"
"""A preview address no machine has (TEST-NET-1): a serve test that gets as far as listening ends there."""


@pytest.fixture(scope="module")
def project(one_release: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with one release; the tests below leave it as they found it."""
    return copy_project(one_release, tmp_path_factory.mktemp("environment"))


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


@pytest.mark.parametrize(
    "epoch",
    ["abc", "1.5e9", "-1", "", " 1781481600", "+1781481600", "١٧٨١٤٨١٦٠٠", "253402300800", "99999999999999999999"],
)
@pytest.mark.parametrize("command", [["build"], ["serve", "--dev-addr", UNREACHABLE]])
def test_a_malformed_source_date_epoch_is_a_usage_error(project: Path, epoch: str, command: list[str]) -> None:
    """The reproducible-builds specification: an integer of seconds; a malformed one stops the build."""
    result = run(project, *command, epoch=epoch)
    no_traceback(result)
    assert result.returncode == 2
    assert "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC" in result.stderr
    assert not (project / "site").exists()


BROKEN_CONFIGS = [
    ("missing", None, "mkdocs.yml: error: cannot read the site configuration: No such file or directory"),
    ("a folder", "folder", "mkdocs.yml: error: cannot read the site configuration: Is a directory"),
    ("not YAML", "site_name: [Seloste\ntheme: {name: material}\n", "mkdocs.yml:2:6: error: invalid YAML"),
    ("a list", "- site_name\n", "mkdocs.yml: error: the site configuration must be a mapping with a theme: mapping"),
    ("no theme", "site_name: Seloste\n", "mkdocs.yml: error: the site configuration must be a mapping with a theme"),
    ("a theme by name only", "site_name: Seloste\ntheme: material\n", "must be a mapping with a theme: mapping"),
    ("site_url not an address", None, "site_url"),
    ("not UTF-8", b"site_name: Tietosuoja\xe4\n", "mkdocs.yml: error: the site configuration is not UTF-8 text"),
]


def test_the_source_date_epoch_ends_at_the_last_second_a_gzip_header_carries() -> None:
    """MkDocs writes the build's time into sitemap.xml.gz's header (32 bits): one second more is refused."""
    assert build_date({"SOURCE_DATE_EPOCH": str(2**32 - 1)}) == date(2106, 2, 7)
    with pytest.raises(UsageError, match="from 0 to 4294967295"):
        build_date({"SOURCE_DATE_EPOCH": str(2**32)})


@pytest.mark.parametrize("content, message", [case[1:] for case in BROKEN_CONFIGS], ids=[c[0] for c in BROKEN_CONFIGS])
@pytest.mark.parametrize("command", [["build"], ["serve", "--dev-addr", UNREACHABLE]])
def test_a_broken_mkdocs_yml_is_named(
    project: Path, content: str | bytes | None, message: str, command: list[str]
) -> None:
    config = project / "mkdocs.yml"
    config.unlink()
    try:
        if content == "folder":
            config.mkdir()
        elif isinstance(content, bytes):
            config.write_bytes(content)
        elif content is not None:
            config.write_text(content, encoding="utf-8")
        elif message == "site_url":
            config.write_text(MKDOCS_YML.read_text(encoding="utf-8") + "site_url: [a, b]\n", encoding="utf-8")
        result = run(project, *command)
    finally:
        if config.is_dir():
            config.rmdir()
        config.unlink(missing_ok=True)
        config.write_bytes(MKDOCS_YML.read_bytes())
    no_traceback(result)
    assert result.returncode == 1
    assert message in result.stderr


@pytest.mark.parametrize("address", ["127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1", "127.0.0.1:http", ":8000"])
def test_a_bad_preview_address_is_a_usage_error(project: Path, address: str) -> None:
    result = run(project, "serve", "--dev-addr", address)
    no_traceback(result)
    assert result.returncode == 2
    assert f"argument --dev-addr: {address!r} is not HOST:PORT with a port from 1 to 65535" in result.stderr


def test_a_preview_address_in_use_is_a_usage_error(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        address = f"127.0.0.1:{taken.getsockname()[1]}"
        result = run(project, "serve", "--dev-addr", address)
    no_traceback(result)
    assert result.returncode == 2
    assert f"cannot serve the preview at {address}: Address already in use" in result.stderr


class Output:
    """A process's stderr, read as it comes."""

    def __init__(self, process: subprocess.Popen[str]):
        self.text = ""
        self.lock = threading.Lock()
        threading.Thread(target=self._read, args=(process,), daemon=True).start()

    def _read(self, process: subprocess.Popen[str]) -> None:
        for line in process.stderr:
            with self.lock:
                self.text += line

    def wait_for(self, pattern: str, count: int = 1, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(re.findall(pattern, self.text, re.M)) >= count:
                    return self.text
            time.sleep(0.2)
        raise AssertionError(f"no {pattern!r} ({count}x) within {timeout} s in:\n{self.text}")


def test_a_bad_edit_while_serving_is_reported_like_check_and_shown_until_fixed(project: Path) -> None:
    """The terminal says it as `check` does; the preview's pages show it (tests/test_preview.py, issue 12)."""
    import os

    notice = project / "policy" / "notice.yaml"
    good = notice.read_text(encoding="utf-8")
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH="1781481600", NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    output = Output(process)
    try:
        output.wait_for(r"Serving on")
        notice.write_text(good.replace("role: processor", "role: processer", 1), encoding="utf-8")
        text = output.wait_for(r"^policy/notice\.yaml: 1 error, 0 warnings$")
        assert re.search(
            r"^policy/notice\.yaml:\d+:\d+: error: recipients\[mailer\]\.role: 'processer' is not allowed", text, re.M
        ), text
        assert re.search(r"^policy/notice\.yaml: 1 error, 0 warnings$", text, re.M), text
        output.wait_for(r"Reloading browsers")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/draft/", timeout=30) as page:
            assert (
                page.status == 200
                and "<code>recipients[mailer].role</code>: &#39;processer&#39; ei ole sallittu"  # in the page's language
                in page.read().decode("utf-8")
            )
        notice.write_text(good.replace("Tilausten käsittely", "Tilausten käsittely korjattu", 1), encoding="utf-8")
        output.wait_for(r"Reloading browsers", count=2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/draft/", timeout=30) as page:
            assert "Tilausten käsittely korjattu" in page.read().decode("utf-8")
        assert process.poll() is None
        assert "Traceback" not in output.text
    finally:
        process.terminate()
        process.wait(timeout=30)
        notice.write_text(good, encoding="utf-8")
