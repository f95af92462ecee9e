"""Fixtures for the browser tests: the built sites, served and opened in Chromium.

Two sites are built per test run, side by side (once for all pytest-xdist
workers: see tests/lanes.py, ``once``):

- ``entrack``: this repository's own site (``python -m generator build``),
  Entrack Oy's real notice. Print, weight and screenshot tests look at it.
- ``multi``: the fictional three-release notice of ``tests/fixtures/multi/``
  (``support.shared_multi``, tests/conftest.py's ``multi_project`` too),
  built as of 2026-06-15, so that it
  has an archived release (2026-01-01), the current one (2026-03-01), an
  upcoming one (2026-09-01) and diff pages: the page types that Entrack's
  single release never produces.

Each site is served by its own threaded ``http.server`` on 127.0.0.1 at a
random port, and opened in Debian's Chromium through Playwright (one server
and one Chromium per pytest-xdist worker). The Nu Html Checker runs once per
test run on every built HTML file of both sites. Nothing here
skips: a missing browser, Java, axe-core or pdftotext, or a site that fails
to build, fails the tests that need it, with the reason.

The pages to test are discovered from the built sites at collection time
(see ``pytest_generate_tests``): every page type in every language, and for
each release that ``versions.json`` promises, its page and (for every
release but the first, which has no predecessor) its diff page. Test ids
name the site, e.g. ``multi-archived-2026-01-01-sv``. A run whose ``-m``
leaves these tests out (``make test-fast``) builds nothing for them.

``SELOSTE_TEST_SITE=/path/to/site`` tests an already built site in place of
the ``entrack`` build; the ``multi`` site is built all the same.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import functools
import http.server
import json
import os
import pathlib
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import lanes
import pytest

import support
from generator.notice.languages import SUPPORTED as LANGS

REPO = pathlib.Path(__file__).resolve().parents[2]
ENTRACK = "entrack"  # the repository's own site (or SELOSTE_TEST_SITE)
MULTI = "multi"  # the three-release fixture of tests/fixtures/multi/
HOSTILE = "hostile"  # tests/fixtures/hostile.yaml: markup in the values
ANNOUNCED = "announced"  # support.announced_project: a material change announced, markup in its recipient's name
COMPANY = "company"  # tests/fixtures/company/: a company's three notices on one site
SITE_NAMES = (ENTRACK, MULTI, COMPANY)
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
# The built sites
# --------------------------------------------------------------------------


@dataclasses.dataclass
class BuiltSite:
    """A site under test: its name, where it is, or why it could not be built."""

    name: str  # ENTRACK, MULTI or HOSTILE
    root: pathlib.Path
    error: str | None = None
    seconds: float = 0.0  # how long its build took, if this process built it

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


def _build_entrack_here(folder: pathlib.Path) -> None:
    """This repository's site as `make site` builds it (today's date), into `folder`."""
    command = [sys.executable, "-m", "generator", "build", "--site-dir", str(folder)]
    done = subprocess.run(
        command, cwd=REPO, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        output = (done.stdout + done.stderr).strip().splitlines()
        raise AssertionError(f"`{' '.join(command)}` exited {done.returncode}:\n" + "\n".join(output[-40:]))


def _build_entrack(config: pytest.Config) -> BuiltSite:
    given = os.environ.get(SITE_ENV)
    if given:
        root = pathlib.Path(given).resolve()
        if not (root / "index.html").is_file():
            return BuiltSite(ENTRACK, root, error=f"{SITE_ENV}={given} has no index.html")
        return BuiltSite(ENTRACK, root)
    try:
        root, seconds = lanes.once(config, "entrack-today", _build_entrack_here)
    except lanes.MakingFailedError as exc:
        return BuiltSite(ENTRACK, lanes.run_folder(config) / "entrack-today", error=str(exc))
    return BuiltSite(ENTRACK, root, seconds=seconds)


def _shared_site(name: str, shared: Callable[[pytest.Config], tuple[pathlib.Path, float]]) -> Callable[..., BuiltSite]:
    """The built site of a project support.py makes once per test run (`shared`), in the project's site/."""

    def build(config: pytest.Config) -> BuiltSite:
        try:
            project, seconds = shared(config)
        except lanes.MakingFailedError as exc:
            return BuiltSite(name, lanes.run_folder(config) / name / "site", error=str(exc))
        return BuiltSite(name, project / "site", seconds=seconds)

    return build


# HOSTILE and ANNOUNCED are built only when a test asks for them (open_page(..., site=HOSTILE)); they are not
# among the SITE_NAMES that every page test visits.
_BUILDERS: dict[str, Callable[[pytest.Config], BuiltSite]] = {
    ENTRACK: _build_entrack,
    # tests/fixtures/multi released v1, v2, v3, then built (tests/conftest.py's multi_project: one build for both)
    MULTI: _shared_site(MULTI, support.shared_multi),
    # tests/fixtures/company/ in place of policy/, built as of 2026-12-17
    COMPANY: _shared_site(COMPANY, support.shared_company),
    # tests/fixtures/hostile.yaml released and built with its draft: markup in every output
    HOSTILE: _shared_site(HOSTILE, support.shared_hostile),
    # support.announced_project: a material change announced and yet to apply, as of 2026-06-15
    ANNOUNCED: _shared_site(ANNOUNCED, support.shared_announced),
}

# The builds run during collection (the pages to test are read from them), so
# they are kept here rather than held by fixtures; the fixtures below hand the
# same builds to the tests. They live in the test run's shared folder
# (tests/lanes.py: once), made by one pytest-xdist worker for all.
_BUILT: dict[str, BuiltSite] = {}
_BUILDING = threading.Lock()


def built_site(config: pytest.Config, name: str = ENTRACK) -> BuiltSite:
    with _BUILDING:
        if name in _BUILT:
            return _BUILT[name]
    built = _BUILDERS[name](config)
    with _BUILDING:
        return _BUILT.setdefault(name, built)


def built_sites(config: pytest.Config) -> dict[str, BuiltSite]:
    """Every site, the missing ones built at the same time (one process each)."""
    with concurrent.futures.ThreadPoolExecutor(len(SITE_NAMES)) as pool:
        return dict(zip(SITE_NAMES, pool.map(functools.partial(built_site, config), SITE_NAMES), strict=True))


def pytest_sessionfinish(session: pytest.Session) -> None:
    for name, built in _BUILT.items():
        if not built.error and built.seconds:  # built by this process (an xdist worker builds it for all)
            lanes.figures(session.config).append(f"{lanes.BUILD_FIGURE}{name} {built.seconds:.1f} s")


def ready_site(config: pytest.Config, name: str) -> BuiltSite:
    """The built site called `name`; the test fails if it could not be built."""
    built = built_site(config, name)
    if built.error:
        pytest.fail(f"the {name} site could not be built:\n{built.error}", pytrace=False)
    return built


@pytest.fixture(scope="session")
def site(pytestconfig: pytest.Config) -> BuiltSite:
    """Entrack's site: the real notice."""
    return ready_site(pytestconfig, ENTRACK)


@pytest.fixture(scope="session")
def multi_release_site(pytestconfig: pytest.Config) -> BuiltSite:
    """The three-release fixture's site: archived, current and upcoming releases."""
    return ready_site(pytestconfig, MULTI)


@pytest.fixture(scope="session", params=SITE_NAMES)
def each_site(request: pytest.FixtureRequest) -> BuiltSite:
    """Each site in turn, for tests that look at a whole site."""
    return ready_site(request.config, request.param)


# --------------------------------------------------------------------------
# The pages to test
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PageCase:
    """One page of a site: the site, its type, its language and its URL path."""

    site: str  # ENTRACK, MULTI or COMPANY
    kind: str  # chooser, front (a company's), current, release, diff, compare, compare-any, announcement, in-brief, forms, changelog, 404
    # (versions.json if unreadable)
    lang: str | None  # None for the language chooser and the site-wide 404 page
    path: str  # URL path from the site root, e.g. /fi/changelog/
    problem: str | None = None  # why the path could not be worked out
    status: str | None = None  # of a release (archived, current, upcoming), as versions.json says

    @property
    def label(self) -> str:
        """The page type, a release page's status in place of "release"."""
        return (self.status or "release") if self.kind == "release" else self.kind

    @property
    def id(self) -> str:
        return "-".join(x for x in (self.site, self.label, self.release_id, self.lang) if x)

    @property
    def release_id(self) -> str | None:
        """The release a page is of: the part after the language (/fi/2026-01-01/diff/) or after a company
        notice's folder (/fi/customers/2026-01-01/diff/)."""
        parts = self.path.strip("/").split("/")
        kinds = ("release", "diff", "compare", "announcement", "in-brief", "forms")
        return next((part for part in parts[1:3] if part[:1].isdigit()), None) if self.kind in kinds else None

    def in_lang(self, lang: str) -> str:
        """The same page's path in another language (paths match across languages)."""
        assert self.lang, "the chooser has no language"
        rest = self.path[len(f"/{self.lang}/") :]
        return f"/{lang}/{rest}"


def page_cases(site: BuiltSite) -> list[PageCase]:
    """Every page type in every language, releases as versions.json lists them: of the site's one notice, or
    of each of a company's notices (under /<lang>/<notice>/), and then the company's front page."""
    case = functools.partial(PageCase, site.name)
    cases = [case("chooser", None, "/index.html"), case("404", None, "/404.html")]
    cases += [case("404", lang, f"/{lang}/404.html") for lang in LANGS]
    try:
        versions = site.versions() if not site.error else None
    except ValueError as exc:
        return cases + [case("versions.json", None, "/versions.json", f"versions.json: {exc}")]
    notices = (versions or {}).get("notices")
    if notices is None:  # a site of one notice: its pages are the language's own
        return cases + _notice_cases(case, "", versions or {})
    cases += [case("front", lang, f"/{lang}/") for lang in LANGS]
    for notice in notices:
        cases += _notice_cases(case, f"{notice.get('id')}/", notice)
    return cases


def _notice_cases(case: Callable[..., PageCase], folder: str, versions: dict[str, Any]) -> list[PageCase]:
    """The pages of one notice, under its `folder` ("" for a site of one notice)."""
    cases = []
    for lang in LANGS:
        cases += [
            case("current", lang, f"/{lang}/{folder}"),
            case("changelog", lang, f"/{lang}/{folder}changelog/"),
            case("compare-any", lang, f"/{lang}/{folder}compare/"),
            case("in-brief", lang, f"/{lang}/{folder}in-brief/"),
        ]
    releases = versions.get("releases", [])
    # Every release but the first has a diff page against its predecessor.
    first = min(releases, key=lambda r: (str(r.get("effective", "")), str(r.get("id"))), default=None)
    for index, release in enumerate(releases):
        # Each release's first layer and its notices at the form, in one language each (the languages taking
        # turns), so that the pages of one template are not all tested three times over.
        lang = LANGS[index % len(LANGS)]
        brief = (release.get("first_layer") or {}).get(lang)
        if not brief:
            cases.append(
                case(
                    "in-brief", lang, f"/{lang}/{folder}{release.get('id')}/in-brief/", "versions.json: no first_layer"
                )
            )
        else:
            path = urllib.parse.urlsplit(_from_versions(brief)).path
            cases += [case("in-brief", lang, path), case("forms", lang, path.replace("/in-brief/", "/forms/"))]
        urls = release.get("urls", {})
        status = release.get("status")
        for lang in LANGS:
            url = urls.get(lang)
            if not url:
                problem = f"versions.json gives release {release.get('id')!r} no {lang} URL"
                url = f"/{lang}/{folder}{release.get('id')}/"
                cases.append(case("release", lang, url, problem, status))
                continue
            path = urllib.parse.urlsplit(urllib.parse.urljoin("/versions.json", url)).path
            cases.append(case("release", lang, path, status=status))
            if release is not first:
                cases.append(case("diff", lang, path.rstrip("/") + "/diff/"))
            if status == "archived":  # compared with the release in force
                cases.append(case("compare", lang, path.rstrip("/") + "/diff/current/"))
            said = (release.get("announcement") or {}).get(lang)
            if said:  # a material change announced
                cases.append(case("announcement", lang, urllib.parse.urlsplit(_from_versions(said["page"])).path))
    return cases


def _from_versions(url: str) -> str:
    """An address versions.json gives, resolved as a path from the site's root."""
    return urllib.parse.urljoin("/versions.json", url)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # page_case: one test per page of each site (module scope, so that the
    # page is loaded and measured once for all the tests that look at it);
    # lang: per language. A test that -m leaves out (`make test-fast`) gets
    # no cases: the sites are not built for it. The Nu Html Checker starts
    # on them as soon as a test that needs its report is collected.
    if "page_case" in metafunc.fixturenames:
        chosen = lanes.chosen_by_markers(metafunc.config, metafunc.definition)
        cases = [c for built in built_sites(metafunc.config).values() for c in page_cases(built)] if chosen else []
        metafunc.parametrize("page_case", cases, ids=[c.id for c in cases], indirect=True, scope="module")
        if chosen and "vnu_errors" in metafunc.fixturenames:
            vnu_report(metafunc.config)
    if "lang" in metafunc.fixturenames:
        metafunc.parametrize("lang", LANGS)


@pytest.fixture(scope="session")
def site_page_cases() -> Callable[[BuiltSite], list[PageCase]]:
    """``page_cases`` itself, for tests that check what the cases cover."""
    return page_cases


@pytest.fixture(scope="module")
def page_case(request: pytest.FixtureRequest) -> PageCase:
    return request.param


@pytest.fixture(scope="module")
def page_site(page_case: PageCase, pytestconfig: pytest.Config) -> BuiltSite:
    """The site the page case belongs to."""
    return ready_site(pytestconfig, page_case.site)


# --------------------------------------------------------------------------
# Tools: the HTTP servers, Chromium, axe-core, the Nu Html Checker
# --------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
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
def servers(pytestconfig: pytest.Config) -> Iterator[Callable[[str], Server]]:
    """``servers(name)``: the server of that site, started on first use.

    Each site has its own server (and so its own origin): a page of one site
    that asks for anything of the other counts as a request to another host.
    """
    running: dict[str, tuple[Server, http.server.ThreadingHTTPServer, threading.Thread]] = {}
    lock = threading.Lock()

    def get(name: str) -> Server:
        with lock:
            if name not in running:
                built = ready_site(pytestconfig, name)
                handler = functools.partial(_QuietHandler, directory=str(built.root))
                httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
                httpd.daemon_threads = True
                thread = threading.Thread(target=httpd.serve_forever, name=f"{name}-server", daemon=True)
                thread.start()
                origin = f"http://127.0.0.1:{httpd.server_port}"
                running[name] = (Server(origin, built.root), httpd, thread)
            return running[name][0]

    try:
        yield get
    finally:
        for _, httpd, thread in running.values():
            httpd.shutdown()
            httpd.server_close()
            thread.join(timeout=10)


@pytest.fixture(scope="session")
def server(site: BuiltSite, servers: Callable[[str], Server]) -> Server:
    """The server of Entrack's site."""
    return servers(ENTRACK)


@pytest.fixture(scope="module")
def page_server(page_site: BuiltSite, servers: Callable[[str], Server]) -> Server:
    """The server of the page case's site."""
    return servers(page_site.name)


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
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
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
    foreign: list[str]  # URLs of requests to any host but the site's server
    blocked_navigations: list[str]  # URLs the page tried to move on to
    responses: list[Any]  # playwright Responses, in order, from the first request on
    kept: bool = False  # in a tab the worker keeps for the next visit (open_page's ``reuse``)

    def close(self) -> None:
        if not self.kept:
            self.page.context.close()

    def run_axe(self, axe: pathlib.Path) -> list[dict[str, Any]]:
        """axe-core's violations of AXE_TAGS on the page (every rule runs; only the violations are described in
        full: what passed is not, which spares axe a selector for every node of the page). A kept tab has axe in
        every page it loads already (open_page's ``reuse``)."""
        if not self.page.evaluate("() => typeof axe === 'object'"):
            self.page.add_script_tag(path=str(axe))
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
        )
        return result["violations"]


@dataclasses.dataclass
class _Watch:
    """What one visit records of its context's traffic (a kept tab's context gets a new one for each visit)."""

    origin: str
    first_url: str
    stay: bool
    foreign: list[str] = dataclasses.field(default_factory=list)
    blocked: list[str] = dataclasses.field(default_factory=list)
    responses: list[Any] = dataclasses.field(default_factory=list)

    def route(self, route: Any) -> None:
        request = route.request
        url = urllib.parse.urlsplit(request.url)
        if url.scheme in ("data", "blob", "about"):
            route.continue_()
        elif url.netloc != urllib.parse.urlsplit(self.origin).netloc:
            self.foreign.append(request.url)
            route.abort("blockedbyclient")
        elif (
            self.stay
            and request.is_navigation_request()
            and request.frame.parent_frame is None
            and request.url != self.first_url
        ):
            self.blocked.append(url.path)
            route.fulfill(status=204)
        else:
            route.continue_()


KEPT_TABS = 4
"""Tabs a worker keeps open for ``open_page(..., reuse=True)``, one per site and context options, the least
recently used closed first."""


@pytest.fixture(scope="session")
def open_page(browser: Any, servers: Callable[[str], Server]) -> Iterator[Callable[..., Visit]]:
    """Open a path of a site (Entrack's unless ``site=`` names another) in a new browser context.

    Requests to any other host (the other site's server included) are
    recorded and never sent. Close the returned Visit when done; what is
    left open closes at the session end. With ``stay``, the page may not
    navigate away (the language chooser's move to a preferred language is
    answered with 204 No Content, so the chooser stays) and the URLs it tried are
    recorded. ``wait_until`` is Playwright's (``commit`` for a page that
    moves on before it loads). Other keyword arguments go to
    ``browser.new_context``.

    With ``reuse``, the page opens in a tab this worker keeps for the site and those options, as a reader who
    follows a link sees it, rather than in a new context (a new renderer each time: a third of a page load). For
    a test that loads a page and looks: every navigation starts the document anew, the site keeps nothing in
    storage, and routing every request keeps the HTTP cache off, so what the page asks for is asked again. Each
    page of a kept tab has axe-core loaded before its own scripts (it defines ``axe`` and nothing else).
    """
    contexts: list[Any] = []
    kept: dict[str, tuple[Any, Any, list[_Watch]]] = {}  # least recently used first

    def context_for(origin: str, context_options: dict[str, Any]) -> tuple[Any, list[_Watch]]:
        context = browser.new_context(**context_options)
        contexts.append(context)
        watches: list[_Watch] = []  # the last is the visit under way
        context.route("**/*", lambda route: watches[-1].route(route))
        context.on("response", lambda response: watches[-1].responses.append(response))
        return context, watches

    def open_(
        path: str,
        *,
        site: str = ENTRACK,
        stay: bool = False,
        wait_until: str = "load",
        reuse: bool = False,
        **context_options: Any,
    ) -> Visit:
        server = servers(site)
        first_url = server.url(path)
        key = json.dumps([site, stay, context_options], sort_keys=True, default=str)
        if reuse and key in kept:
            context, page, watches = kept.pop(key)
        else:
            context, watches = context_for(server.origin, context_options)
            if reuse and AXE_JS.is_file():  # sent to Chromium once, not with each page that runs it
                context.add_init_script(path=str(AXE_JS))
            page = context.new_page()
        watch = _Watch(server.origin, first_url, stay)
        watches[:] = [watch]
        if reuse:
            kept[key] = (context, page, watches)
            while len(kept) > KEPT_TABS:
                old = next(iter(kept))
                kept.pop(old)[0].close()
        response = page.goto(first_url, wait_until=wait_until)
        return Visit(page, response, watch.foreign, watch.blocked, watch.responses, kept=reuse)

    yield open_
    for context in contexts:
        with contextlib.suppress(Exception):  # a context a test already closed, or whose browser is gone
            context.close()


# The JVM's options for one short run: the client compiler only (the server compiler's work would not pay back
# in a run of seconds: half the CPU time, the same report) and the thread stack the checker asks for with it.
VNU_JVM = ["-XX:TieredStopAtLevel=1", "-Xss2m", "-XX:+UseSerialGC"]


def nu_html_checker(files: Iterable[pathlib.Path]) -> str:
    """The Nu Html Checker's JSON report (errors only) on the files; the test fails if it cannot run or gives none."""
    java = shutil.which("java")
    if not java:
        pytest.fail(f"Java is missing: the Nu Html Checker needs it ({TOOLS_HINT})", pytrace=False)
    if not VNU_JAR.is_file():
        pytest.fail(f"the Nu Html Checker is missing: no {VNU_JAR} ({TOOLS_HINT})", pytrace=False)
    done = subprocess.run(
        [java, *VNU_JVM, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only"]
        + [str(f.resolve()) for f in files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = None
    if not (isinstance(report, dict) and isinstance(report.get("messages"), list)):
        pytest.fail(
            f"the Nu Html Checker gave no JSON report (exit {done.returncode}):\n"
            f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}",
            pytrace=False,
        )
    return done.stdout


VnuRun = tuple[pathlib.Path, list[BuiltSite], dict[tuple[str, str], pathlib.Path]]
"""The Nu Html Checker's run: the folder of its report, the sites checked, their files by (site name, path)."""
_VNU: dict[str, concurrent.futures.Future[VnuRun]] = {}
_VNU_THREAD = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="vnu")


def vnu_report(config: pytest.Config) -> concurrent.futures.Future[VnuRun]:
    """The Nu Html Checker's run on every built HTML file of every site, started in the background on first call
    (the JVM starts and checks while this worker goes on), once per test run (the first worker to ask runs it,
    the others read its report). The future raises MakingFailedError if the checker failed."""
    with _BUILDING:
        if "run" not in _VNU:
            _VNU["run"] = _VNU_THREAD.submit(_run_vnu, config)
        return _VNU["run"]


def _run_vnu(config: pytest.Config) -> VnuRun:
    sites = [built for built in built_sites(config).values() if not built.error]
    files = {(built.name, str(f.relative_to(built.root))): f for built in sites for f in built.html_files()}

    def check(folder: pathlib.Path) -> None:
        started = time.monotonic()
        report = nu_html_checker(files.values())
        (folder / "report.json").write_text(report, encoding="utf-8")
        lanes.figures(config).append(
            f"Nu Html Checker: {len(files)} HTML files of {len(sites)} site(s) in {time.monotonic() - started:.1f} s"
        )

    folder, _ = lanes.once(config, "vnu", check)
    return folder, sites, files


@pytest.fixture(scope="session")
def vnu_errors(pytestconfig: pytest.Config) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Nu Html Checker errors of every built HTML file of every site.

    Keyed by (site name, path from the site root). The checker starts
    slowly (a JVM), so it runs once on all files of all sites, once per test
    run (its report is shared by the pytest-xdist workers), and from the
    collection of its tests on (``vnu_report``); a site that
    could not be built is left out (its page cases fail with the reason).
    """
    try:
        folder, sites, files = vnu_report(pytestconfig).result()
    except lanes.MakingFailedError as exc:
        pytest.fail(str(exc), pytrace=False)
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    errors: dict[tuple[str, str], list[dict[str, Any]]] = {key: [] for key in files}
    # The deepest site root that holds the file (roots are not expected to nest).
    roots = sorted(((b.root.resolve(), b.name) for b in sites), key=lambda r: -len(r[0].parts))
    for message in report.get("messages", []):
        path = pathlib.Path(urllib.parse.unquote(urllib.parse.urlsplit(message.get("url", "")).path))
        key = ("?", str(path))
        for root, name in roots:
            if path.is_relative_to(root):
                key = (name, str(path.relative_to(root)))
                break
        errors.setdefault(key, []).append(message)
    return errors


# --------------------------------------------------------------------------
# Figures shown at the end of the run (page weights, durations): tests/lanes.py
# prints them, gathered from every pytest-xdist worker
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def report_figure(pytestconfig: pytest.Config) -> Callable[[str], None]:
    """Record a line for the "Seloste figures" section of the summary."""
    return lanes.figures(pytestconfig).append
