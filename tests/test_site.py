"""A real MkDocs build of the site: pages, languages, cross-links, no third-party hosts."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator.environment import Environment
from generator.notice.languages import SUPPORTED as LANGS


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str, name: str) -> list[dict[str, str | None]]:
    parser = _Tags()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name]


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_build(entrack_site: Path, lang: str) -> None:
    html = text(entrack_site / lang / "index.html")
    assert tags(html, "html")[0]["lang"] == lang
    assert (entrack_site / lang / "search" / "search_index.json").exists()
    index = json.loads(text(entrack_site / lang / "search" / "search_index.json"))
    assert index["config"]["lang"] == [lang]


@pytest.mark.parametrize("lang", LANGS)
def test_hreflang_alternates_point_at_the_same_page(multi_site: Path, lang: str) -> None:
    for page in ("index.html", "2026-01-01/index.html", "changelog/index.html", "2026-03-01/diff/index.html"):
        html = text(multi_site / lang / page)
        links = {
            a["hreflang"]: a["href"] for a in tags(html, "link") if a.get("rel") == "alternate" and a.get("hreflang")
        }
        assert set(links) == set(LANGS), page
        for other, href in links.items():
            target = (multi_site / lang / page).parent / href / "index.html"
            assert target.resolve() == (multi_site / other / page).resolve(), (page, href)
        switcher = [a["href"] for a in tags(html, "a") if "md-select__link" in (a.get("class") or "")]
        assert sorted(switcher) == sorted(links.values()), page


FINNISH = [
    "Tietosuojaseloste",
    "Entrack Oy",
    "Rekisteröidyn oikeudet",
    "myynti@entrack.fi",
    "Google Analytics",
    "YTJ",
    "Patentti- ja rekisterihallitus",
    "käyttöoikeuksin ja salasanoin",
    "alihankkijoille",
]
SWEDISH = [
    "Dataskyddsbeskrivning",
    "Entrack Oy",
    "personuppgiftsbiträde",
    "myynti@entrack.fi",
    "Google Analytics",
    "Patent- och registerstyrelsen",
    "lösenord",
]
ENGLISH = [
    "Privacy notice",
    "Entrack Oy",
    "processor",
    "myynti@entrack.fi",
    "Google Analytics",
    "Finnish Patent and Registration Office",
    "passwords",
]


@pytest.mark.parametrize("lang, phrases", [("fi", FINNISH), ("sv", SWEDISH), ("en", ENGLISH)])
def test_the_whole_notice_is_on_each_language_page(entrack_site: Path, lang: str, phrases: list[str]) -> None:
    html = text(entrack_site / lang / "index.html")
    missing = [p for p in phrases if p not in html]
    assert not missing


def test_no_page_references_a_third_party_host(entrack_site: Path, multi_site: Path) -> None:
    allowed = ("https://tietosuoja.fi", "https://esimerkki.fi", "mailto:")
    for site in (entrack_site, multi_site):
        for page in site.rglob("*.html"):
            html = text(page)
            for attrs in tags(html, "link") + tags(html, "script") + tags(html, "img") + tags(html, "iframe"):
                ref = attrs.get("href") or attrs.get("src") or ""
                assert not re.match(r"^(https?:)?//", ref), (page, ref)
            assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
            for attrs in tags(html, "a"):
                href = attrs.get("href") or ""
                if re.match(r"^(https?:)?//", href):
                    assert href.startswith(allowed), (page, href)


def test_root_chooser_lets_every_reader_choose(entrack_site: Path) -> None:
    """No meta refresh: a reader without scripts sees the chooser; the script only picks a preferred language."""
    html = text(entrack_site / "index.html")
    assert not [m for m in tags(html, "meta") if m.get("http-equiv") == "refresh"]
    hrefs = {a["href"] for a in tags(html, "a")}
    assert {"fi/", "sv/", "en/"} <= hrefs
    script = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(script) == 1 and "navigator.languages" in script[0] and "src=" not in html
    assert '["fi", "sv", "en"]' in script[0]


def test_revisions_stay_out_of_the_navigation(multi_site: Path) -> None:
    html = text(multi_site / "fi" / "index.html")
    nav_links = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="md-nav__link', html)
    hrefs = ["".join(pair) for pair in nav_links]
    assert any("changelog/" in href for href in hrefs), hrefs  # the pattern does find the navigation
    assert not any("2026-" in href for href in hrefs), hrefs


# Each fact of Entrack's original notice (../shared/seed), as the page says it in each language.
SEED_FACTS = [
    ("laskutus, reklamaatiot, asiakastuki", "fakturering", "invoicing"),
    ("uutiskirje", "nyhetsbrev", "newsletter"),
    ("YTJ", "FODS", "YTJ"),
    ("sosiaalista mediaa", "sociala medier", "social media"),
    ("Potentiaaliset asiakkaat", "Potentiella kunder", "Prospective customers"),
    ("Työnhakijat", "Arbetssökande", "Job applicants"),
    ("Markkinointiluvat ja -kiellot", "marknadsföring", "Marketing permissions"),
    ("Asiakaspalautetiedot", "Kundrespons", "Customer feedback"),
    ("palkanmaksu", "löneutbetalning", "payroll"),
    ("ansioluettelo", "meritförteckningar", "CVs"),
    ("kirjanpito", "bokföring", "accounting"),
    ("Kolmannen osapuolen alihankkijat", "underleverantörer", "subcontractors"),
    ("kahdenvälisen sopimuksen", "bilateralt avtal", "bilateral agreement"),
    ("EU:n ulkopuolella", "utanför EU", "outside the EU"),
    ("pilvipalvel", "molntjänster", "cloud services"),
    ("käyttöoikeuksin ja salasanoin", "lösenord", "passwords"),
    ("Google Analytics", "Google Analytics", "Google Analytics"),
    ("tyhjentää evästehistorian", "historik", "clear your cookie history"),
    ("omia käyttöehtoja", "egna användarvillkor", "own terms of use"),
    ("Oikeus saada pääsy tietoihin", "Rätt till tillgång", "Right of access"),
    ("Oikeus tietojen oikaisemiseen", "Rätt till rättelse", "Right to rectification"),
    ("Oikeus tietojen poistamiseen", "Rätt till radering", "Right to erasure"),
    ("Oikeus käsittelyn rajoittamiseen", "Rätt till begränsning av behandling", "Right to restriction of processing"),
    ("Vastustamisoikeus", "Rätt att göra invändningar", "Right to object"),
    ("Oikeus siirtää tiedot järjestelmästä toiseen", "Rätt till dataportabilitet", "Right to data portability"),
    ("suoramarkkinoin", "direktmarknadsföring", "direct marketing"),
    ("myynti@entrack.fi", "myynti@entrack.fi", "myynti@entrack.fi"),
    ("henkilöllisyytesi", "identitet", "identity"),
]


@pytest.mark.parametrize("index, lang", [(i, lang) for i, lang in enumerate(LANGS)])
def test_every_fact_of_the_seed_is_on_the_page(entrack_site: Path, index: int, lang: str) -> None:
    html = text(entrack_site / lang / "index.html").lower()
    missing = [fact[index] for fact in SEED_FACTS if fact[index].lower() not in html]
    assert missing == []


def test_the_plan_puts_each_page_at_its_address(multi_project: Path) -> None:
    """In-process, without MkDocs: the notice and the changelog in the navigation, the draft at /draft/,
    each release's page carrying what its printed sheets name, and the root 404 linking from the site's address."""
    from datetime import date

    from generator.project import Project
    from generator.site.plan import plan_site

    plan = plan_site(
        Project.at(multi_project), Environment(date(2026, 6, 15), "https://notice.example/entrack"), draft=True
    )
    pages = plan.pages["fi"]
    assert [p.path for p in pages if p.in_nav] == ["index.md", "changelog/index.md"]
    assert "draft/index.md" in [p.path for p in pages]
    first = next(p for p in pages if p.path == "2026-01-01/index.md")
    assert first.record["address"] == "https://notice.example/entrack/fi/2026-01-01/"
    assert "2026-01-01" in first.record["header"]
    assert b'href="https://notice.example/entrack/fi/"' in plan.files["404.html"]


def test_the_theme_is_listed_without_its_hidden_folders_and_nothing_else_left_out() -> None:
    """MkDocs copies the theme's static files from this listing (and skips hidden ones itself)."""
    from mkdocs.config import load_config

    from generator.host.adapter import _visible_templates
    from support import REPO

    loader = load_config(str(REPO / "mkdocs.yml")).theme.get_env().loader
    every = loader.list_templates()
    visible = [name for name in every if not any(part.startswith(".") for part in name.split("/")[:-1])]
    assert len(every) > 10_000 and 100 < len(visible) < 1_000
    assert _visible_templates(loader) == visible


def test_the_preview_plans_exactly_the_pages_its_error_page_stands_in_for(pristine: Path) -> None:
    """The preview's addresses are stated once (plan.PREVIEWED): what it builds is what its error page covers."""
    from datetime import date

    from generator.environment import Environment
    from generator.project import Project
    from generator.site.plan import PREVIEWED, plan_site
    from generator.site.preview import error_plan

    plan = plan_site(Project.at(pristine), Environment(date(2026, 6, 15)), draft=True, preview="fi")
    assert sorted(page.path for page in plan.pages["fi"]) == sorted(PREVIEWED)
    errors = error_plan(Project.at(pristine), "fi", [], "X")
    assert sorted(page.path for page in errors.pages["fi"]) == sorted(PREVIEWED)


def test_every_page_carries_the_controllers_colours_from_mkdocs_yml(entrack_site: Path) -> None:
    """mkdocs.yml's extra.colors reach every page MkDocs builds, as they reach the chooser and the site-wide 404
    page (MkDocs' `config.extra` is a mapping of its own, not a dict: they were read as none there)."""
    colours = "--md-primary-fg-color:#1d4f6e;--md-primary-fg-color--light:#1d4f6e;"
    colours += "--md-primary-fg-color--dark:#1d4f6e;--seloste-link-dark:#9fd0ee;"
    documents = (page for lang in LANGS for page in (entrack_site / lang).rglob("*.html"))
    pages = sorted(page for page in documents if "<html" in text(page))  # not the fragments for forms
    assert len(pages) > 20
    assert [page for page in pages if f"<style>:root{{{colours}}}</style>" not in text(page)] == []


# In process, without a build: what the adapter does at each of MkDocs' events (host/adapter.py).


@pytest.mark.parametrize(
    "written, said",
    [
        ("site_name: [Seloste\ntheme: {name: material}\n", "mkdocs.yml:2:6: error: invalid YAML: expected ',' or ']'"),
        ("INHERIT: base.yml\ntheme: {name: material}\n", "mkdocs.yml: error: the site configuration cannot be used: "),
    ],
    ids=["not YAML", "an inherited file missing"],
)
def test_a_mkdocs_yml_mkdocs_cannot_read_is_named_with_what_is_wrong_and_where(
    tmp_path: Path, written: str, said: str
) -> None:
    """YAML's own words at its line and column (MkDocs wraps the YAML error), or MkDocs' reason for the rest."""
    from generator import report
    from generator.findings import NoticeError
    from generator.host import adapter
    from generator.project import Project

    (tmp_path / "mkdocs.yml").write_text(written, encoding="utf-8")
    with pytest.raises(NoticeError) as refused:
        adapter.site_colors(Project.at(tmp_path))
    assert [report.line(finding)[: len(said)] for finding in refused.value.findings] == [said]


def test_a_failed_build_leaves_no_plan_behind_for_a_preview_to_take_as_its_own(tmp_path: Path) -> None:
    """The adapter tells a build from the preview by the plan a build hands it (on_config): a build that failed
    must take it back, or a preview in the same process would show that build's pages, never the working copy."""
    from generator.findings import NoticeError
    from generator.host import adapter
    from generator.project import Project
    from generator.site.plan import plan_site
    from support import BUILD_DAY, MULTI_VERSIONS, released_here

    project = released_here(tmp_path, MULTI_VERSIONS[0])
    plan = plan_site(project, Environment(BUILD_DAY))
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: {name: no-such-theme}\n", encoding="utf-8")
    with pytest.raises(NoticeError, match="MkDocs build failed"):
        adapter.build_language(Project.at(tmp_path), plan, "fi", tmp_path / "site")
    assert "plan" not in adapter._active


def test_the_404_page_links_the_404_page_of_each_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """A static template's language menu leads to the same template elsewhere only for 404.html: the others
    (the sitemap) are no page a reader switches language on, so they lead to each language's front page."""
    from mkdocs.config import load_config

    from generator.host import adapter
    from support import REPO

    monkeypatch.setitem(adapter._active, "languages", ("fi", "sv"))
    config = load_config(str(REPO / "mkdocs.yml"))
    adapter.on_template_context({}, "404.html", config)
    assert [a["link"] for a in config.extra["alternate"]] == ["../fi/404.html", "../sv/404.html"]
    adapter.on_template_context({}, "sitemap.xml", config)
    assert [a["link"] for a in config.extra["alternate"]] == ["../fi/", "../sv/"]


def test_the_built_stylesheet_is_served_without_its_comments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    from generator.host import adapter, css
    from support import REPO

    monkeypatch.delitem(adapter._active, "serving", raising=False)  # a build's, not the preview's
    written = text(REPO / "site_overrides" / "assets" / "seloste.css")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "seloste.css").write_text(written, encoding="utf-8")
    adapter.on_post_build(load_config(str(REPO / "mkdocs.yml"), site_dir=str(tmp_path)))
    served = text(tmp_path / "assets" / "seloste.css")
    assert "/*" in written and "/*" not in served
    assert served == css.served(written)


def test_the_theme_is_compiled_once_before_the_languages_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """compile_theme compiles the page template and every template it reaches into the code the builds share
    (on_env): a language's build then loads them, compiling none (a third of a second of CPU each)."""
    from jinja2.bccache import Bucket
    from mkdocs.structure.files import Files

    from generator.host import adapter
    from generator.words import compiled_templates
    from support import PROJECT

    class Counted(compiled_templates.InMemory):
        def __init__(self) -> None:
            super().__init__()
            self.compiled: list[str] = []

        def dump_bytecode(self, bucket: Bucket) -> None:  # called only after Jinja compiled a template
            self.compiled.append(bucket.key)
            super().dump_bytecode(bucket)

    code = Counted()
    monkeypatch.setattr(adapter, "_COMPILED", code)
    adapter.compile_theme(PROJECT, "fi")
    assert len(code.compiled) > 20
    before = list(code.compiled)
    config = adapter._config(PROJECT, "fi")
    build = adapter.on_env(config.theme.get_env(), config, Files([]))
    for name in ("main.html", "404.html", "partials/header.html", "partials/footer.html"):
        build.get_template(name)
    assert code.compiled == before


def configured(root: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """MkDocs' configuration of a build in Finnish of a new project at `root` with one release, after on_config."""
    from generator.host import adapter
    from generator.site.plan import plan_site
    from support import BUILD_DAY, MULTI_VERSIONS, released_here

    project = released_here(root, MULTI_VERSIONS[0])
    monkeypatch.setitem(adapter._active, "plan", plan_site(project, Environment(BUILD_DAY)))
    monkeypatch.setitem(adapter._active, "languages", ())
    return adapter.on_config(adapter._config(project, "fi"))


def test_a_builds_theme_lists_its_templates_without_looking_into_hidden_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """on_config hands MkDocs the theme's listing that skips Material's .icons (a sixth of a preview rebuild)."""
    listed = configured(tmp_path, monkeypatch).theme.get_env().loader.list_templates()
    assert "main.html" in listed
    assert [name for name in listed if any(part.startswith(".") for part in name.split("/")[:-1])] == []


def test_mkdocs_yml_colours_become_the_stylesheets_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """main.html writes extra.colors_css into every page: each colour sets each variable of its key."""
    colours = "--md-primary-fg-color:#1d4f6e;--md-primary-fg-color--light:#1d4f6e;"
    colours += "--md-primary-fg-color--dark:#1d4f6e;--seloste-link-dark:#9fd0ee;"
    assert configured(tmp_path, monkeypatch).extra["colors_css"] == colours


def test_the_preview_in_process_shows_errors_answers_only_its_owner_and_ends_on_ctrl_c(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`serve` without a process of its own: the working copy's errors go to standard error as `check` says
    them and onto the page, a request under another name is refused, and Ctrl-C ends it as a success (0)."""
    import _thread
    import http.client
    import signal
    import threading
    import time

    from generator.host import adapter
    from support import MULTI_VERSIONS, free_port, released_here

    project = released_here(tmp_path, MULTI_VERSIONS[0])
    project.notice.write_text(text(MULTI_VERSIONS[1]).replace("controller:\n", "controller:\n  bogus: 1\n", 1))
    port = free_port()
    answers: dict[str, tuple[int, str]] = {}

    def get(host: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request("GET", "/draft/", headers={"Host": host})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8")
        finally:
            connection.close()

    def browse() -> None:  # as the owner's browser would, once it answers; then Ctrl-C
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "owner" not in answers:
            try:
                answers["owner"] = get(f"127.0.0.1:{port}")
                answers["stranger"] = get(f"evil.example:{port}")
            except OSError:  # not listening yet
                time.sleep(0.1)
        _thread.interrupt_main()

    kept = dict(adapter._active)
    ctrl_c = signal.signal(signal.SIGINT, signal.default_int_handler)  # also where the test run ignores it
    try:
        threading.Thread(target=browse, daemon=True).start()
        assert adapter.serve(project, "fi", f"127.0.0.1:{port}") == 0
    finally:
        signal.signal(signal.SIGINT, ctrl_c)
        adapter._active.clear()  # the preview's plan stays no later test's
        adapter._active.update(kept)
    said = capsys.readouterr()
    assert answers["owner"][0] == 200 and 'class="seloste-preview-errors"' in answers["owner"][1]
    assert answers["stranger"][0] == 403
    assert "policy/notice.yaml:" in said.err and ": error: " in said.err
    assert ": error: " not in said.out


def test_nothing_released_stops_the_plan_and_says_what_to_run(tmp_path: Path) -> None:
    from datetime import date

    from generator.findings import NoticeError
    from generator.project import Project
    from generator.site.plan import plan_site
    from support import make_project

    with pytest.raises(NoticeError, match=r"nothing is released yet: run `make release` first"):
        plan_site(Project.at(make_project(tmp_path)), Environment(date(2026, 6, 15)))


def test_a_site_without_a_draft_is_planned_whatever_the_working_copy_holds(tmp_path: Path) -> None:
    """Only the draft is the working copy: a notice being edited, unreadable for now, leaves the releases' site be."""
    from datetime import date

    from generator.site.plan import plan_site
    from support import MULTI_VERSIONS, released_here

    project = released_here(tmp_path, MULTI_VERSIONS[0])
    project.notice.write_text("seloste: [an edit half made\n", encoding="utf-8")
    plan = plan_site(project, Environment(date(2026, 6, 15)))
    assert "2026-01-01/index.md" in [page.path for page in plan.pages["en"]]


def test_search_finds_the_notice_in_force_and_its_history_not_each_release(tmp_path: Path) -> None:
    from datetime import date

    from generator.site.plan import plan_site
    from support import MULTI_VERSIONS, released_here

    plan = plan_site(released_here(tmp_path, *MULTI_VERSIONS[:2]), Environment(date(2026, 6, 15)))
    searched = {page.path for page in plan.pages["en"] if page.searchable}
    assert searched == {"index.md", "in-brief/index.md", "changelog/index.md"}
