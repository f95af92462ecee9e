"""Fixtures for the browser tests: the built site, served and opened in Chromium.

One site is built per test session (``python -m generator build``), served
by a threaded ``http.server`` on 127.0.0.1 at a random port, and opened in
Debian's Chromium through Playwright. The Nu Html Checker runs once on every
built HTML file. Nothing here skips: a missing browser, Java, axe-core or
pdftotext fails the tests that need it, with the reason.

The pages to test are discovered from the built site at collection time (see
``pytest_generate_tests``): every page type in every language, and for each
release that ``versions.json`` promises, its archived page and (for every
release but the first, which has no predecessor) its diff page. ``SELOSTE_TEST_SITE=/path/to/site`` tests an already built site
instead of building one.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from typing import Any, Callable, Iterator

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
LANGS = ("fi", "sv", "en")
CHROMIUM = pathlib.Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = REPO / "test-artifacts"
SITE_ENV = "SELOSTE_TEST_SITE"
TOOLS_HINT = "`make test` installs node_modules; `.ci/run` installs the Debian packages"


# --------------------------------------------------------------------------
# The built site
# --------------------------------------------------------------------------


@dataclasses.dataclass
class BuiltSite:
    """The site under test: where it is, or why it could not be built."""

    root: pathlib.Path
    error: str | None = None
    seconds: float = 0.0
    temporary: bool = False

    def versions(self) -> dict[str, Any] | None:
        """``versions.json`` parsed, or None when the site has none."""
        path = self.root / "versions.json"
        if not path.is_file():
            return None
        return json.loads(path.read_text(encoding="utf-8"))

    def html_files(self) -> list[pathlib.Path]:
        return sorted(self.root.rglob("*.html"))

    def file_for(self, url_path: str) -> pathlib.Path:
        """The file that a URL path from the site root is served from."""
        relative = urllib.parse.unquote(url_path).lstrip("/")
        target = self.root / relative
        if url_path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target


# The build runs during collection (the pages to test are read from it), so
# it is cached here rather than held by a fixture; the fixture below hands
# the same build to the tests and pytest_sessionfinish removes it.
@functools.cache
def built_site() -> BuiltSite:
    given = os.environ.get(SITE_ENV)
    if given:
        root = pathlib.Path(given).resolve()
        if not (root / "index.html").is_file():
            return BuiltSite(root, error=f"{SITE_ENV}={given} has no index.html")
        return BuiltSite(root)
    root = pathlib.Path(tempfile.mkdtemp(prefix="seloste-site-"))
    command = [sys.executable, "-m", "generator", "build", "--site-dir", str(root)]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command,
            cwd=REPO,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return BuiltSite(root, error=f"{' '.join(command)}: {exc}", temporary=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()
        return BuiltSite(
            root,
            error=f"`{' '.join(command)}` exited {done.returncode}:\n"
            + "\n".join(output[-40:]),
            seconds=seconds,
            temporary=True,
        )
    return BuiltSite(root, seconds=seconds, temporary=True)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if built_site.cache_info().currsize:
        site = built_site()
        if site.temporary:
            shutil.rmtree(site.root, ignore_errors=True)


@pytest.fixture(scope="session")
def site() -> BuiltSite:
    built = built_site()
    if built.error:
        pytest.fail(f"the site could not be built:\n{built.error}", pytrace=False)
    return built


# --------------------------------------------------------------------------
# The pages to test
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PageCase:
    """One page of the site: its type, its language and its URL path."""

    kind: str  # chooser, current, release, diff, changelog, 404 (versions.json if unreadable)
    lang: str | None  # None for the language chooser
    path: str  # URL path from the site root, e.g. /fi/changelog/
    problem: str | None = None  # why the path could not be worked out

    @property
    def id(self) -> str:
        return "-".join(x for x in (self.kind, self.release_id, self.lang) if x)

    @property
    def release_id(self) -> str | None:
        parts = self.path.strip("/").split("/")
        return parts[1] if self.kind in ("release", "diff") and len(parts) > 1 else None

    def in_lang(self, lang: str) -> str:
        """The same page's path in another language (paths match across languages)."""
        assert self.lang, "the chooser has no language"
        rest = self.path[len(f"/{self.lang}/") :]
        return f"/{lang}/{rest}"


def page_cases(site: BuiltSite) -> list[PageCase]:
    """Every page type in every language, releases as versions.json lists them."""
    cases = [PageCase("chooser", None, "/index.html")]
    for lang in LANGS:
        cases += [
            PageCase("current", lang, f"/{lang}/"),
            PageCase("changelog", lang, f"/{lang}/changelog/"),
            PageCase("404", lang, f"/{lang}/404.html"),
        ]
    try:
        versions = site.versions() if not site.error else None
    except ValueError as exc:
        return cases + [PageCase("versions.json", None, "/versions.json", f"versions.json: {exc}")]
    releases = (versions or {}).get("releases", [])
    # Every release but the first has a diff page against its predecessor.
    first = min(releases, key=lambda r: (str(r.get("effective", "")), str(r.get("id"))), default=None)
    for release in releases:
        urls = release.get("urls", {})
        for lang in LANGS:
            url = urls.get(lang)
            if not url:
                problem = f"versions.json gives release {release.get('id')!r} no {lang} URL"
                url = f"/{lang}/{release.get('id')}/"
                cases.append(PageCase("release", lang, url, problem))
                continue
            path = urllib.parse.urlsplit(url).path
            cases.append(PageCase("release", lang, path))
            if release is not first:
                cases.append(PageCase("diff", lang, path.rstrip("/") + "/diff/"))
    return cases


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # page_case: one test per page (module scope, so that the page is loaded
    # and measured once for all the tests that look at it); lang: per language.
    if "page_case" in metafunc.fixturenames:
        cases = page_cases(built_site())
        metafunc.parametrize(
            "page_case", cases, ids=[c.id for c in cases], indirect=True, scope="module"
        )
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", LANGS)


@pytest.fixture(scope="module")
def page_case(request: pytest.FixtureRequest) -> PageCase:
    return request.param


# --------------------------------------------------------------------------
# Tools: the HTTP server, Chromium, axe-core, the Nu Html Checker
# --------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@dataclasses.dataclass
class Server:
    origin: str  # http://127.0.0.1:PORT
    root: pathlib.Path

    @property
    def netloc(self) -> str:
        return urllib.parse.urlsplit(self.origin).netloc

    def url(self, path: str) -> str:
        return self.origin + path

    def status(self, url_or_path: str) -> int:
        """HTTP status of a GET, without following redirects."""
        import urllib.error
        import urllib.request

        url = url_or_path if "://" in url_or_path else self.url(url_or_path)

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(url, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code


@pytest.fixture(scope="session")
def server(site: BuiltSite) -> Iterator[Server]:
    handler = functools.partial(_QuietHandler, directory=str(site.root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{httpd.server_port}", site.root)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium is missing: no {CHROMIUM} ({TOOLS_HINT})", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(f"Playwright for Python is missing: {exc} (make test installs it)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
    except Exception:
        playwright.stop()
        raise
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture(scope="session")
def axe_source() -> pathlib.Path:
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is missing: no {AXE_JS} ({TOOLS_HINT})", pytrace=False)
    return AXE_JS


@dataclasses.dataclass
class Visit:
    """A page opened in Chromium, and what it asked the network for."""

    page: Any  # playwright Page
    response: Any  # playwright Response of the first navigation, or None
    foreign: list[str]  # URLs of requests to any host but the test server
    blocked_navigations: list[str]  # URLs the page tried to move on to
    responses: list[Any]  # playwright Responses, in order, from the first request on

    def close(self) -> None:
        self.page.context.close()

    def run_axe(self, axe: pathlib.Path) -> list[dict[str, Any]]:
        self.page.add_script_tag(path=str(axe))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        return result["violations"]


@pytest.fixture(scope="session")
def open_page(browser: Any, server: Server) -> Iterator[Callable[..., Visit]]:
    """Open a path of the site in a new browser context.

    Requests to any other host are recorded and never sent. Close the
    returned Visit when done; what is left open closes at the session end. With ``stay``,
    the page may not navigate away (the language chooser's meta refresh is
    answered with 204 No Content, so the chooser stays) and the URLs it tried
    are recorded. Keyword arguments other than ``stay`` go to
    ``browser.new_context``.
    """
    contexts: list[Any] = []

    def open_(path: str, *, stay: bool = False, **context_options: Any) -> Visit:
        context = browser.new_context(**context_options)
        contexts.append(context)
        first_url = server.url(path)
        foreign: list[str] = []
        blocked: list[str] = []

        def route(route: Any) -> None:
            request = route.request
            url = urllib.parse.urlsplit(request.url)
            if url.scheme in ("data", "blob", "about"):
                route.continue_()
            elif url.netloc != server.netloc:
                foreign.append(request.url)
                route.abort("blockedbyclient")
            elif (
                stay
                and request.is_navigation_request()
                and request.frame.parent_frame is None
                and request.url != first_url
            ):
                blocked.append(url.path)
                route.fulfill(status=204)
            else:
                route.continue_()

        context.route("**/*", route)
        responses: list[Any] = []
        context.on("response", lambda response: responses.append(response))
        page = context.new_page()
        response = page.goto(first_url, wait_until="load")
        return Visit(page, response, foreign, blocked, responses)

    yield open_
    for context in contexts:
        try:
            context.close()
        except Exception:
            pass


@pytest.fixture(scope="session")
def vnu_errors(site: BuiltSite) -> dict[str, list[dict[str, Any]]]:
    """Nu Html Checker errors of every built HTML file, by path from the site root.

    The checker starts slowly (a JVM), so it runs once on all files.
    """
    java = shutil.which("java")
    if not java:
        pytest.fail(f"Java is missing: the Nu Html Checker needs it ({TOOLS_HINT})", pytrace=False)
    if not VNU_JAR.is_file():
        pytest.fail(f"the Nu Html Checker is missing: no {VNU_JAR} ({TOOLS_HINT})", pytrace=False)
    files = site.html_files()
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        pytest.fail(
            f"the Nu Html Checker gave no JSON report (exit {done.returncode}):\n"
            f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}",
            pytrace=False,
        )
    errors: dict[str, list[dict[str, Any]]] = {
        str(f.relative_to(site.root)): [] for f in files
    }
    for message in report.get("messages", []):
        path = pathlib.Path(urllib.parse.unquote(urllib.parse.urlsplit(message.get("url", "")).path))
        try:
            key = str(path.relative_to(site.root))
        except ValueError:
            key = str(path)
        errors.setdefault(key, []).append(message)
    return errors


# --------------------------------------------------------------------------
# Figures shown at the end of the run (page weights, durations)
# --------------------------------------------------------------------------

_FIGURES: list[str] = []


@pytest.fixture(scope="session")
def report_figure() -> Callable[[str], None]:
    """Record a line for the "Seloste browser figures" section of the summary."""
    return _FIGURES.append


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if built_site.cache_info().currsize and not built_site().error and built_site().seconds:
        _FIGURES.insert(0, f"site build: {built_site().seconds:.1f} s")
    if _FIGURES:
        terminalreporter.section("Seloste browser figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)

