"""The live preview (`python -m generator serve`) serves the draft and follows edits.

A real `serve` process on a free port: the draft page is served, an edit of
the notice shows after the rebuild, and so does an edit of a template in
site_overrides/ (compiled templates are kept between rebuilds; a changed one
must be compiled again).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from support import BUILD_EPOCH, REPO, multi_release_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, process: subprocess.Popen[str], seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited {process.returncode}: {process.stderr.read()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if text in body:
                return body
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r} in {seconds:.0f} s; last body begins {body[:300]!r}")


def test_preview_serves_the_draft_and_rebuilds_after_edits(tmp_path: Path) -> None:
    root = multi_release_project(tmp_path)
    notice = root / "policy" / "notice.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("Käsittelemme tilauksia ja palautuksia.",
                                                                  "Käsittelemme tilauksia."), encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    draft = f"http://127.0.0.1:{port}/draft/"
    try:
        _wait_for(draft, "Käsittelemme tilauksia.", process)
        notice.write_text(notice.read_text(encoding="utf-8").replace("Käsittelemme tilauksia.",
                                                                      "Käsittelemme tilauksia nopeasti."), encoding="utf-8")
        _wait_for(draft, "Käsittelemme tilauksia nopeasti.", process)
        main = root / "site_overrides" / "main.html"
        main.write_text(main.read_text(encoding="utf-8").replace(
            "{% block extrahead %}", '{% block extrahead %}<meta name="seloste-test" content="template edited">', 1),
            encoding="utf-8")
        _wait_for(draft, "template edited", process)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    assert "Traceback" not in errors, errors[-3000:]
