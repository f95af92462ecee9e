"""The current notice's weight as a reader's browser gets it: bytes and requests of /fi/ (and of /fi/compare/).

The repository's own site is built (`python -m generator build`, a new
process, as `make site` runs it), served from 127.0.0.1 by a threaded
http.server, and /fi/ is opened in Debian's Chromium through Playwright, as
tests/browser does. Every response from the site's own host counts, whatever
asked for it (stylesheets, scripts, a worker, XHR), up to the network going
idle and half a second more; each body is gzip-compressed here (level 9), so
the figure does not depend on the server. Requests to any other host are
refused and counted apart (there should be none).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@dataclass
class PageWeight:
    path: str
    gzip_bytes: int
    raw_bytes: int
    requests: int
    foreign_requests: int
    responses: list[dict[str, object]]  # path, raw and gzip bytes of each, in order
    compare_seconds: float | None = None  # the compare page: its comparison of the pair it opens on


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


COMPARE_TIME = """() => {
  const [old, now] = [...document.querySelectorAll("#seloste-compare select")].map((s) => s.selectedOptions[0].value);
  return Promise.all([old, now].map((id) => fetch(`../../releases/${id}/fi.md`).then((r) => r.text()))).then(([a, b]) => {
    const seconds = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      selosteCompare.compare(a, b);
      seconds.push((performance.now() - started) / 1000);
    }
    return seconds.sort((x, y) => x - y)[3];
  });
}"""
"""The compare page's own work once its two texts are in: the comparison of the pair it opens on, median of 7."""


def weigh(repo: Path, work: Path, path: str = "/fi/", *others: str) -> dict[str, PageWeight]:
    """Build the repository's site into `work` and weigh `path` (and each of `others`) at first load."""
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
        cwd=repo,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"building the site failed ({done.returncode}): {done.stderr[-2000:]}")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        return {each: _load(f"127.0.0.1:{httpd.server_port}", each) for each in (path, *others)}
    finally:
        httpd.shutdown()
        httpd.server_close()


def _load(netloc: str, path: str) -> PageWeight:
    from playwright.sync_api import sync_playwright

    foreign: list[str] = []
    responses: list[object] = []

    def route(route: object) -> None:
        url = urllib.parse.urlsplit(route.request.url)  # type: ignore[attr-defined]
        if url.scheme in ("data", "blob", "about") or url.netloc == netloc:
            route.continue_()  # type: ignore[attr-defined]
        else:
            foreign.append(route.request.url)  # type: ignore[attr-defined]
            route.abort("blockedbyclient")  # type: ignore[attr-defined]

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context()
            context.route("**/*", route)
            context.on("response", lambda response: responses.append(response))
            page = context.new_page()
            page.goto(f"http://{netloc}{path}", wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)  # anything asked for after load, e.g. by a worker
            rows = []
            for response in responses:
                url = urllib.parse.urlsplit(response.url)  # type: ignore[attr-defined]
                if url.netloc != netloc:
                    continue
                body = response.body()  # type: ignore[attr-defined]
                rows.append(
                    {
                        "path": url.path,
                        "status": response.status,  # type: ignore[attr-defined]
                        "raw_bytes": len(body),
                        "gzip_bytes": len(gzip.compress(body, compresslevel=9, mtime=0)),
                    }
                )
            compare_seconds = page.evaluate(COMPARE_TIME) if "/compare/" in path else None  # after the weighing
            context.close()
        finally:
            browser.close()
    return PageWeight(
        path,
        sum(r["gzip_bytes"] for r in rows),
        sum(r["raw_bytes"] for r in rows),
        len(rows),
        len(foreign),
        rows,
        compare_seconds,
    )
