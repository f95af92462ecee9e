"""The live preview (`python -m generator serve`) follows edits and shows the working copy's errors.

The real command runs in a subprocess on a free port, in a throw-away project; the notice is
broken and fixed on disk as an editor would save it, and the pages are fetched over HTTP.
Timeouts here only keep a hung server from hanging the tests: the pages are polled until they
change, and how long that took is printed, never asserted.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support import BUILD_EPOCH, REPO, copy_project, free_port, multi_release_project

HANG_GUARD = 90.0
"""Seconds after which a page that never changes fails the test (a hang, not slowness)."""


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=HANG_GUARD) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


class Preview:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.notice = root / "policy" / "notice.yaml"
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.log = root / "serve.log"
        env = dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                cwd=root,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_for(self, path: str, shows: Callable[[str], bool], what: str) -> str:
        """Fetch `path` until its page `shows` what is expected; the page."""
        started = time.monotonic()
        page = ""
        while time.monotonic() - started < HANG_GUARD:
            assert self.process.poll() is None, f"serve ended:\n{self.output()}"
            try:
                page = get(self.base + path)[1]
            except OSError:  # not listening yet
                page = ""
            if shows(page):
                print(f"{what}: {time.monotonic() - started:.2f} s after the save")
                return page
            time.sleep(0.2)
        pytest.fail(f"{path} never showed {what} in {HANG_GUARD} s:\n{page[-2000:]}\n{self.output()[-3000:]}")

    def save(self, text: str) -> None:
        self.notice.write_text(text, encoding="utf-8")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def preview(one_release: Path, tmp_path: Path) -> Iterator[Preview]:
    root = copy_project(one_release, tmp_path)
    running = Preview(root)
    yield running
    running.stop()


def errors_shown(page: str) -> bool:
    return 'class="seloste-preview-errors"' in page


def notice_shown(page: str) -> bool:
    return "<h1" in page and "Esimerkki Oy" in page and not errors_shown(page)


def test_errors_show_on_every_page_and_the_notice_comes_back(preview: Preview) -> None:
    good = preview.notice.read_text(encoding="utf-8")
    preview.wait_for("/draft/", notice_shown, "the draft")

    # A YAML error: the file cannot be read at all.
    preview.save(good.replace("    recipients: [mailer]", "    recipients: [mailer"))
    page = preview.wait_for("/draft/", errors_shown, "the YAML error")
    assert re.search(r"<code>policy/notice\.yaml:\d+:\d+</code>: virheellinen YAML: ", page), page
    assert "Työkopiossa on virheitä" in page  # the preview's language: fi
    for path in ("/", "/changelog/"):
        status, other = get(preview.base + path)
        assert status == 200 and errors_shown(other), path
    assert "Traceback" not in preview.output()

    # A rule of `check`: the file reads, but names a recipient that does not exist.
    preview.save(good.replace("    recipients: [mailer]", "    recipients: [nobody]"))
    page = preview.wait_for("/draft/", lambda p: errors_shown(p) and "unknown-reference" in p, "the rule's error")
    line = next(n for n, text in enumerate(good.splitlines(), 1) if text == "    recipients: [mailer]")
    assert re.search(
        rf"<code>policy/notice\.yaml:{line}:18</code> <code>unknown-reference</code>: "
        r"<code>purposes\[orders\]\.recipients\[1\]</code>: &#39;nobody&#39; ei ole minkään kohdassa recipients "
        r"luetellun tunniste",  # in the page's language
        page,
    ), page
    # The terminal says it as `check` does.
    assert (
        f"policy/notice.yaml:{line}:18: error: purposes[orders].recipients[1]: 'nobody' is not the id of "
        "anything listed under recipients"
    ) in preview.output()

    preview.save(good)
    preview.wait_for("/draft/", notice_shown, "the fixed notice")
    assert "Traceback" not in preview.output()


def test_a_preview_started_on_a_broken_notice_shows_the_errors(one_release: Path, tmp_path: Path) -> None:
    root = copy_project(one_release, tmp_path)
    notice = root / "policy" / "notice.yaml"
    good = notice.read_text(encoding="utf-8")
    notice.write_text(good.replace("controller:\n", "controller:\n\t"), encoding="utf-8")
    running = Preview(root)
    try:
        page = running.wait_for("/draft/", errors_shown, "the error at start")
        assert "policy/notice.yaml:" in page
        running.save(good)
        running.wait_for("/draft/", notice_shown, "the fixed notice")
        assert "Traceback" not in running.output()
    finally:
        running.stop()


def test_links_the_preview_does_not_build_say_so(preview: Preview) -> None:
    page = preview.wait_for("/", notice_shown, "the notice in force")
    assert 'class="md-select"' not in page  # no language menu: the preview builds one language
    permanent = re.search(r'<a class="seloste-permalink" href="([^"]+)"', page)
    assert permanent, page
    assert permanent.group(1).endswith("/"), permanent.group(1)  # the address, not MkDocs' unresolved `index.md`
    status, missing = get(f"{preview.base}/{permanent.group(1)}")
    assert status == 404 and "<h1>Ei mukana esikatselussa</h1>" in missing
    assert "<style>" in missing  # styled by itself, whatever the address
    # the terminal says nothing of the links to what the preview does not build
    output = preview.output()
    assert "index.md" not in output and "relative link" not in output, output


def test_a_template_the_host_cannot_use_is_shown_not_hung(preview: Preview) -> None:
    """A slip in site_overrides/ fails MkDocs itself: the preview says so and recovers on the fix."""
    preview.wait_for("/draft/", notice_shown, "the draft")
    template = preview.root / "site_overrides" / "main.html"
    good = template.read_text(encoding="utf-8")
    template.write_text(good.replace("{% block extrahead %}", "{% block extrahead %}{% if %}"), encoding="utf-8")
    page = preview.wait_for("/draft/", errors_shown, "the template error")
    assert "TemplateSyntaxError" in page
    template.write_text(good, encoding="utf-8")
    preview.wait_for("/draft/", notice_shown, "the fixed template")
    assert "Traceback" not in preview.output()


# -- Edits of the notice and of a template show after the rebuild ----------------------------


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
    notice.write_text(
        notice.read_text(encoding="utf-8").replace("Käsittelemme tilauksia ja palautuksia.", "Käsittelemme tilauksia."),
        encoding="utf-8",
    )
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    draft = f"http://127.0.0.1:{port}/draft/"
    try:
        _wait_for(draft, "Käsittelemme tilauksia.", process)
        notice.write_text(
            notice.read_text(encoding="utf-8").replace("Käsittelemme tilauksia.", "Käsittelemme tilauksia nopeasti."),
            encoding="utf-8",
        )
        _wait_for(draft, "Käsittelemme tilauksia nopeasti.", process)
        main = root / "site_overrides" / "main.html"
        main.write_text(
            main.read_text(encoding="utf-8").replace(
                "{% block extrahead %}", '{% block extrahead %}<meta name="seloste-test" content="template edited">', 1
            ),
            encoding="utf-8",
        )
        _wait_for(draft, "template edited", process)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    assert "Traceback" not in errors, errors[-3000:]


def _raw_get(base: str, path: str, host: str | None) -> tuple[int, bytes]:
    """A request as any page's script could make it: any Host header, any path bytes."""
    import http.client

    port = int(base.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HANG_GUARD)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1.evil.example:{port}",
        "localhost.:{port}",
        "[::1]:{port}",
        "",
        None,
    ],
)
def test_the_preview_answers_only_the_names_it_is_served_at(preview: Preview, host: str | None) -> None:
    """DNS rebinding: a page of another site that resolves its own name to 127.0.0.1 cannot read the draft."""
    preview.wait_for("/draft/", notice_shown, "the draft")
    port = preview.base.rsplit(":", 1)[1]
    status, body = _raw_get(preview.base, "/draft/", None if host is None else host.format(port=port))
    assert status == 403 and b"Esimerkki" not in body
    for own in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
        assert _raw_get(preview.base, "/draft/", own)[0] == 200, own


def test_no_request_path_makes_the_preview_print_a_traceback(preview: Preview) -> None:
    preview.wait_for("/draft/", notice_shown, "the draft")
    own = preview.base.removeprefix("http://")
    for path in (
        "/%00",
        "/draft/%00/",
        "/a%00b.html",
        "/%ff%fe",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/" + "a" * 5000,
    ):
        status, _ = _raw_get(preview.base, path, own)
        assert status in (200, 400, 404), (path, status)  # %ff%fe: MkDocs drops bytes that are not UTF-8
    assert "Traceback" not in preview.output()


# -- The redline and check's warnings ------------------------------------------------------------

LEGAL_BASIS = "    legal_bases: [{basis: contract}]\n"
FIRST_SUMMARY = "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}"
HOSTILE_NAME = "<img src=x onerror=alert(1)></details><script>alert(2)</script>"


def warned(page: str) -> bool:
    return 'class="warning seloste-preview-warnings"' in page


def test_the_preview_shows_the_redline_and_checks_warnings_in_its_language(preview: Preview) -> None:
    good = preview.notice.read_text(encoding="utf-8")
    page = preview.wait_for("/draft/diff/", notice_shown, "the redline")
    assert "Mikään ei ole muuttunut: luonnos on sanasta sanaan sama kuin versio 2026-01-01." in page
    assert not warned(page)
    draft = preview.wait_for("/draft/", notice_shown, "the draft")
    assert '<a href="diff/">Vertaa voimassa olevaan versioon</a>' in draft

    # A purpose loses its legal basis (and is renamed, with markup): a warning of check, not an error.
    edited = (
        good.replace(LEGAL_BASIS, "")
        .replace(FIRST_SUMMARY, "summary: {fi: Oikeusperuste poistettu., sv: Grund borttagen., en: Basis removed.}")
        .replace("fi: Tilausten käsittely,", f'fi: "{HOSTILE_NAME}",')
    )
    preview.save(edited)
    page = preview.wait_for("/draft/", lambda p: notice_shown(p) and warned(p), "the warning")
    line = next(n for n, text in enumerate(edited.splitlines(), 1) if text == "  - id: orders")
    shown = re.search(r'<details class="warning seloste-preview-warnings">.*?</details>', page, re.DOTALL)
    assert shown, page
    panel = shown.group()
    assert re.search(r"<summary>check: \d+ varoitusta työkopiosta</summary>", panel), panel
    assert (
        f"<li><code>policy/notice.yaml:{line}:5</code> <code>purpose-legal-basis</code>: "
        "<code>purposes[orders].legal_bases</code>: käyttötarkoitukselle ”&lt;img src=x onerror=alert(1)&gt;"
        "&lt;/details&gt;&lt;script&gt;alert(2)&lt;/script&gt;” ei ole annettu oikeusperustetta; "
    ) in panel
    assert page.index(panel) < page.index("seloste-status--draft")  # above the page, which it does not hide
    assert "<img src=x" not in page and "<script>alert" not in page
    for path in ("/", "/changelog/", "/draft/diff/"):
        assert warned(get(preview.base + path)[1]), path
    redline = get(preview.base + "/draft/diff/")[1]
    assert re.search(r'<h3 id="purpose-orders">[^<]*</h3>\s*<div class="seloste-diff">.*?<del>', redline, re.DOTALL)
    # The terminal counts the warnings, as the panel does, and leaves listing them to `make check`.
    output = preview.output()
    assert "purpose-legal-basis" not in output and ": warning:" not in output, output[-2000:]
    assert re.search(r"policy/notice\.yaml: 0 errors, [1-9][0-9]* warnings?\n", output), output[-2000:]

    preview.save(good)
    page = preview.wait_for("/draft/", lambda p: notice_shown(p) and not warned(p), "the warning gone")
    assert "Traceback" not in preview.output()
