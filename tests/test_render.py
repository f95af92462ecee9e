"""Rendering: key sentences per language, exact durations, and text that stays text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from generator.notice.read import read_notice, read_notice_text
from generator.words.render import render_file, render_notice, render_template
from support import MULTI_VERSIONS, PROJECT, REPO, make_project, release, run


@pytest.fixture(scope="module")
def entrack():
    return read_notice(REPO / "policy" / "notice.yaml", PROJECT.schema)[0]


@pytest.mark.parametrize(
    "lang, sentences",
    [
        (
            "fi",
            [
                "# Tietosuojaseloste: Entrack Oy",
                "Voit toteuttaa oikeutesi esimerkiksi",
                "suostumus (6 artiklan 1 kohdan a alakohta) tai oikeutettu etu",
            ],
        ),
        ("sv", ["# Dataskyddsbeskrivning: Entrack Oy", "invända mot direktmarknadsföring", "Rätt till radering"]),
        (
            "en",
            [
                "# Privacy notice: Entrack Oy",
                "consent (Art. 6(1)(a)) or legitimate interests (Art. 6(1)(f))",
                "Right to erasure (Art. 17)",
            ],
        ),
    ],
)
def test_key_sentences_per_language(entrack, lang: str, sentences: list[str]) -> None:
    text = render_notice(entrack, lang, PROJECT.locales)
    lowered = text.lower()
    assert [s for s in sentences if s.lower() not in lowered] == []


@pytest.mark.parametrize(
    "lang, distortions",
    [  # what the first release said that its source does not
        (
            "fi",
            [
                "käsittelijä)",
                "(kolmas osapuoli)",
                "Oikeusperuste:** suostumus (6 artiklan 1 kohdan a alakohta) ja",
                "keräämme perustietojen lisäksi palkanmaksuun ja lakisääteisten velvoitteiden täyttämiseen tarvittavia "
                "tietoja sekä ansioluetteloita",
                "Työntekijät ja Työnhakijat",
            ],
        ),
        ("sv", ["personuppgiftsbiträde)", "(tredje part)", "förbjuda direktmarknadsföring", "Offentliga källor"]),
        (
            "en",
            [
                "(processor)",
                "(third party)",
                "prohibit direct marketing",
                "required by the authorities",
                "the data subject's consent",
                "Employees and Job applicants",
            ],
        ),
        # "adequate level of protection" is no longer among them: the seed's "suojan riittävästä tasosta" is the
        # regulation's own term (riittävä tietosuojan taso, Art. 45), so the third release says it again.
    ],
)
def test_entracks_current_notice_no_longer_says_what_its_source_does_not(
    entrack, lang: str, distortions: list[str]
) -> None:
    text = " ".join(render_notice(entrack, lang, PROJECT.locales).split())
    assert [d for d in distortions if d in text] == []
    first = " ".join((REPO / "policy" / "releases" / "2026-11-25" / f"{lang}.md").read_text(encoding="utf-8").split())
    assert [d for d in distortions if d not in first] == []  # the first release, unchanged, still says them


@pytest.mark.parametrize("lang, words", [("fi", "18 kuukautta"), ("sv", "18 månader"), ("en", "18 months")])
def test_retention_durations_are_exact(lang: str, words: str) -> None:
    notice = read_notice(MULTI_VERSIONS[1], PROJECT.schema)[0]
    assert words in render_notice(notice, lang, PROJECT.locales)


HOSTILE_TEXT = {
    # Attacks the Markdown parser would really act on: a `javascript:` target without parentheses matches
    # the link pattern, and attr_list applies after an inline element or at the end of a block.
    "fi": "<script>alert(1)</script> [klik](javascript:alert) [data](data:text/html,x) "
    "<img src=x onerror=alert(3)> ![pixel](https://tracker.example/p.gif) [ok](https://example.com/ok)\n"
    "1. not a list\n+ not a list\n= not a heading",
    "sv": "**fet**{: onclick=alert } `kod`{: onclick=alert } &amp; [länk](https://example.com/a_b){: onclick=alert } "
    "[<b>x</b> *y*](https://example.com/c) slut {: onclick=alert }",
    "en": "# not a heading\n\n- not a list <b>bold</b> [x](https://example.com/d)\\{: onclick=alert } "
    '**b**\\{: style="color:red" } _i_\\{: #forged } C:\\*temp\\*',
}
HOSTILE = (
    MULTI_VERSIONS[0]
    .read_text()
    .replace(
        "description: {fi: Käsittelemme tilauksia., sv: Vi hanterar beställningar., en: We handle orders.}",
        f"description: {json.dumps(HOSTILE_TEXT)}",
    )
)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def test_hostile_text_renders_as_text_in_markdown() -> None:
    notice = read_notice_text(HOSTILE, "hostile.yaml", PROJECT.schema)[0]
    fi = render_notice(notice, "fi", PROJECT.locales)
    assert "<script>" not in fi and "&lt;script&gt;" in fi
    assert "\\[klik\\](javascript:alert)" in fi  # escaped: not a link
    assert "[ok](<https://example.com/ok>)" in fi  # a safe link after an unsafe one is still a link
    sv = render_notice(notice, "sv", PROJECT.locales)
    assert "[&lt;b&gt;x&lt;/b&gt; \\*y\\*](<https://example.com/c>)" in sv  # a link, its label escaped
    assert "\\{: onclick=alert \\}" in sv


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp_path = tmp_path_factory.mktemp("hostile")
    root = make_project(tmp_path / "p")
    # An unsafe link is an error of check, which stops release; the rest is published as text.
    published = HOSTILE.replace("[klik](javascript:alert) [data](data:text/html,x) ", "")
    (tmp_path / "hostile.yaml").write_text(published, encoding="utf-8")
    release(root, tmp_path / "hostile.yaml")
    assert run(root, "build").returncode == 0
    return {lang: (root / "site" / lang / "index.html").read_text(encoding="utf-8") for lang in ("fi", "sv", "en")}


def test_hostile_text_is_shown_as_text_on_the_built_pages(hostile_pages: dict[str, str]) -> None:
    pages = hostile_pages
    for lang, html in pages.items():
        found = elements(html)
        assert [(tag, name) for tag, attrs in found for name in attrs if name.startswith("on")] == [], lang
        assert [
            a["href"]
            for tag, a in found
            if tag == "a"
            and re.match(r"[a-z]+:", a.get("href") or "")
            and not a["href"].startswith(("https:", "mailto:"))
        ] == [], lang
        assert [a for tag, a in found if a.get("style") or a.get("id") == "forged"] == [], lang
    fi = pages["fi"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fi and '<a href="https://example.com/ok">ok</a>' in fi
    assert "<p>1. not a list</p>" in fi and "<p>+ not a list</p>" in fi and "<p>= not a heading</p>" in fi
    sv = pages["sv"]
    assert "**fet**{: onclick=alert }" in sv and "`kod`{: onclick=alert }" in sv and "&amp;amp;" in sv
    assert '<a href="https://example.com/a_b">länk</a>{: onclick=alert }' in sv
    assert '<a href="https://example.com/c">&lt;b&gt;x&lt;/b&gt; *y*</a>' in sv
    assert "slut {: onclick=alert }" in sv
    en = pages["en"]
    assert "# not a heading" in en and "<b>bold</b>" not in en and "&lt;b&gt;bold&lt;/b&gt;" in en
    assert "<p>- not a list &lt;b&gt;" in en
    assert '<a href="https://example.com/d">x</a>\\{: onclick=alert }' in en
    assert '**b**\\{: style="color:red" }' in en.replace("&quot;", '"')
    assert "C:\\*temp\\*" in en  # a typed backslash is text too: it cannot undo the next escape


def test_image_syntax_is_text_not_a_request(hostile_pages: dict[str, str]) -> None:
    fi = hostile_pages["fi"]
    assert [a for tag, a in elements(fi) if tag == "img"] == []
    assert "![pixel](https://tracker.example/p.gif)" in fi or '!<a href="https://tracker.example/p.gif">' in fi


@pytest.mark.slow
def test_a_catalog_edit_reaches_the_next_render_in_the_same_process(tmp_path: Path) -> None:
    """`make serve` keeps one process: a fixed translation must show without a restart."""
    import subprocess
    import sys

    root = make_project(tmp_path)
    script = """
import os, sys
from pathlib import Path
from generator.project import Project
from generator.notice.read import read_notice
from generator.words.render import render_file, render_notice, render_template
project = Project.at(Path())
notice = read_notice(sys.argv[1], project.schema)[0]
print(render_notice(notice, "fi", project.locales).splitlines()[0])
po = Path("locales/fi/LC_MESSAGES/messages.po")
po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Tietosuojaseloste"', 'msgstr "Korjattu"'), encoding="utf-8")
stat = po.stat()
os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
print(render_notice(notice, "fi", project.locales).splitlines()[0])
"""
    result = subprocess.run(
        [sys.executable, "-c", script, str(MULTI_VERSIONS[0])],
        cwd=root,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["# Tietosuojaseloste: Esimerkki Oy", "# Korjattu: Esimerkki Oy"]


@pytest.mark.parametrize(
    "value, words",
    [
        ("P2W", {"fi": "2 viikkoa", "en": "2 weeks"}),
        ("P3D", {"fi": "3 päivää", "en": "3 days"}),
        (
            "P1Y2M3W4D",
            {"fi": "1 vuosi, 2 kuukautta, 3 viikkoa ja 4 päivää", "en": "1 year, 2 months, 3 weeks and 4 days"},
        ),
        ("PT12H", {"en": "12 hours"}),
        ("PT30M", {"fi": "30 minuuttia", "en": "30 minutes"}),
        ("P1M", {"en": "1 month"}),
        ("P1DT1H1M1S", {"en": "1 day, 1 hour, 1 minute and 1 second"}),
        ("P18M", {"sv": "18 månader"}),
    ],
)
def test_every_unit_of_a_duration_is_named_as_written(value: str, words: dict[str, str]) -> None:
    from generator.words import i18n

    assert {lang: i18n.format_duration(value, lang) for lang in words} == words


# -- The words: official terms, exact periods, nothing said that the notice does not say ----------------------


def _notice(change=lambda data: None):
    """The fictional notice (version 2), changed in place by `change`."""
    import yaml

    from generator.notice.model import Notice

    data = yaml.safe_load(MULTI_VERSIONS[1].read_text(encoding="utf-8"))
    change(data)
    return Notice.from_data(data)


def _pages(notice) -> dict[str, str]:
    return {lang: render_notice(notice, lang, PROJECT.locales) for lang in ("fi", "sv", "en")}


def test_swedish_periods_in_days_are_dagar_not_dygn() -> None:
    def thirty_days(data):
        data["purposes"][0]["retention"] = [{"period": "P30D"}]
        data["cookies"][0]["duration"] = "P1D"

    sv = _pages(_notice(thirty_days))["sv"]
    assert "30 dagar" in sv and "| 1 dag |" in sv and "dygn" not in sv


def test_english_dates_are_british_on_a_page_in_english() -> None:
    from datetime import date
    from types import SimpleNamespace

    from generator.words.render import render_template

    release = SimpleNamespace(id="2026-11-25", effective=date(2026, 11, 25))
    page = render_template(
        "page.md.j2",
        "en",
        PROJECT.locales,
        heading="# Privacy notice",
        status="current",
        upcoming=None,
        announced=[],
        release=release,
        permalink="/en/2026-11-25/",
        permalink_link="../2026-11-25/",
        body="",
        diff_link="",
        current_diff_link="",
        changelog_link="../changelog/",
        in_brief_link="in-brief/",
    )
    assert "In force from 25 November 2026." in page


def test_an_archived_version_says_it_was_replaced_on_its_successors_first_day() -> None:
    from datetime import date
    from types import SimpleNamespace

    from generator.words.render import render_template

    first, second = (SimpleNamespace(id=d.isoformat(), effective=d) for d in (date(2026, 1, 1), date(2026, 3, 1)))
    pages = {
        lang: render_template(
            "page.md.j2",
            lang,
            PROJECT.locales,
            heading="#",
            status="archived",
            upcoming=None,
            announced=[],
            release=first,
            successor=second,
            current=second,
            current_link="../",
            permalink="/x/",
            permalink_link="../x/",
            body="",
            diff_link="",
            current_diff_link="diff/current/",
            changelog_link="../changelog/",
            in_brief_link="in-brief/",
            archived_title="(archived)",
        )
        for lang in ("fi", "sv", "en")
    }
    assert "in force from 1 January 2026 until it was replaced on 1 March 2026." in pages["en"]
    assert "kunnes se korvattiin 1. maaliskuuta 2026" in pages["fi"]
    assert "tills den ersattes den 1 mars 2026" in pages["sv"]


def test_the_regulation_is_named_once_in_full() -> None:
    pages = _pages(_notice())
    for lang, name in (
        ("fi", "EU:n yleisen tietosuoja-asetuksen (EU) 2016/679"),
        ("sv", "dataskyddsförordningen (EU) 2016/679"),
        ("en", "General Data Protection Regulation (EU) 2016/679 (GDPR)"),
    ):
        assert pages[lang].count(name) == 1, lang
        assert pages[lang].count("2016/679") == 1, lang


def test_the_right_to_object_names_official_authority_and_direct_marketing_is_objected_to() -> None:
    def objections(data):
        data["rights"]["granted"] += ["object_direct_marketing"]

    pages = _pages(_notice(objections))
    assert "which is based on Art. 6(1)(e) or (f), including profiling based on those provisions." in pages["en"]
    assert "joka perustuu 6 artiklan 1 kohdan e tai f alakohtaan" in pages["fi"]
    assert "som grundar sig på artikel 6.1 e eller f" in pages["sv"]
    assert (
        "you have the right to object at any time to processing of personal data concerning you for such" in pages["en"]
    )
    assert "sinulla on oikeus milloin tahansa vastustaa sinua koskevien henkilötietojen käsittelyä" in pages["fi"]
    assert "har du rätt att när som helst invända mot behandling av personuppgifter" in pages["sv"]
    for lang, words in (("en", ("forbid", "prohibit")), ("fi", ("kieltää", "kielto")), ("sv", ("förbjud",))):
        assert not [word for word in words if word in pages[lang].lower()], lang


def test_rights_are_listed_in_the_order_of_the_articles() -> None:
    def shuffled(data):
        data["rights"]["granted"] = ["complaint", "objection", "portability", "erasure", "access"]

    for lang, page in _pages(_notice(shuffled)).items():
        articles = re.findall(r"^- \*\*[^*]*?(\d+)(?: artikla|\)|\.\d+\))", page, flags=re.M)
        assert articles == ["15", "17", "20", "21", "77"], (lang, articles)


def test_a_data_protection_officer_is_designated_not_appointed() -> None:
    pages = _pages(_notice())  # appointed: false
    assert "Rekisterinpitäjä ei ole nimennyt tietosuojavastaavaa." in pages["fi"] and "nimittä" not in pages["fi"]
    assert "The controller has not designated a data protection officer." in pages["en"]
    assert "har inte utnämnt något dataskyddsombud" in pages["sv"]  # Art. 37(1) "utnämna"


def test_swedish_and_english_use_the_regulations_terms_for_controllers_and_public_sources() -> None:
    def independent_and_public(data):
        data["recipients"][0]["role"] = "controller"
        data["sources"][0]["publicly_available"] = True

    pages = _pages(_notice(independent_and_public))
    assert "(självständigt personuppgiftsansvarig, Finland)" in pages["sv"]
    assert "(allmänt tillgänglig källa)" in pages["sv"] and "offentlig" not in pages["sv"]
    assert "(publicly accessible source)" in pages["en"]
    assert "(yleisesti saatavilla oleva lähde)" in pages["fi"]


def test_a_public_source_whose_name_says_so_is_not_called_public_again() -> None:
    """Art. 14(2)(f): "Publicly accessible sources (publicly accessible source)" says one thing twice."""

    def public(data):
        data["sources"][0]["name"] = {
            "fi": "Julkiset lähteet",
            "sv": "Allmänt tillgängliga källor",
            "en": "Publicly accessible sources",
        }
        data["sources"][0]["publicly_available"] = True

    pages = _pages(_notice(public))
    assert "**Publicly accessible sources**" in pages["en"] and "(publicly accessible source)" not in pages["en"]
    assert "**Julkiset lähteet**" in pages["fi"] and "(yleisesti saatavilla oleva lähde)" not in pages["fi"]
    assert "(allmänt tillgänglig källa)" not in pages["sv"]


def test_a_text_addressed_to_you_names_your_rights_not_the_data_subjects() -> None:
    pages = _pages(_notice())
    assert "## Oikeutesi { #rights }" in pages["fi"]
    assert "## Dina rättigheter { #rights }" in pages["sv"]
    assert "## Your rights { #rights }" in pages["en"]


@pytest.mark.parametrize(
    "bases, labels",
    [
        (["contract"], ("Oikeusperuste:", "Rättslig grund:", "Legal basis:")),
        (["contract", "legal_obligation"], ("Oikeusperusteet:", "Rättsliga grunder:", "Legal bases:")),
    ],
)
def test_labels_are_singular_or_plural_as_the_list_after_them(bases: list[str], labels: tuple[str, ...]) -> None:
    def with_bases(data):
        data["purposes"][0]["legal_bases"] = [{"basis": basis} for basis in bases]
        data["purposes"][0]["recipients"] = data["purposes"][0]["recipients"][: len(bases)]

    pages = _pages(_notice(with_bases))
    for lang, label in zip(("fi", "sv", "en"), labels, strict=True):
        assert f"- **{label}**" in pages[lang], lang
    recipients = (
        ("Vastaanottaja:", "Mottagare:", "Recipient:")
        if len(bases) == 1
        else ("Vastaanottajat:", "Mottagare:", "Recipients:")
    )
    for lang, label in zip(("fi", "sv", "en"), recipients, strict=True):
        assert f"- **{label}**" in pages[lang], lang
    assert (
        "- **Source:** The data subject" in pages["en"]
        and "- **Tietolähde:**" in pages["fi"]
        and "- **Källa:**" in pages["sv"]
    )


def _cookie_section(page: str) -> str:
    start = page.index("{ #cookies }")
    return page[start : page.index("\n## ", start)]


def test_a_cookie_of_which_only_the_provider_is_known_shows_that_and_no_dashes() -> None:
    def provider_only(data):
        data["cookies"] = [{"provider": "Google Analytics", "party": "third"}]

    for lang, page in _pages(_notice(provider_only)).items():
        section = _cookie_section(page)
        assert "–" not in section and "| |" not in section and "|  |" not in section, lang
    assert "| Provider |\n| --- |\n| Google Analytics (third party) |" in _cookie_section(
        _pages(_notice(provider_only))["en"]
    )


def test_cookies_known_in_part_are_listed_without_empty_cells() -> None:
    def mixed(data):
        data["cookies"].append({"name": "_ga", "provider": "Google Analytics", "duration": "P2Y"})

    en = _cookie_section(_pages(_notice(mixed))["en"])
    assert "|" not in en and "–" not in en
    assert (
        "- **session**: Provider: Esimerkki Oy (first party); Purpose: Session; Category: strictly necessary; "
        "Duration: session\n"
    ) in en
    assert "The session cookie is set without consent.\n" in en  # _ga's category is not given: nor is that
    assert "- **\\_ga**: Provider: Google Analytics; Duration: 2 years\n" in en


def test_cookies_known_in_full_are_a_table_of_five_columns() -> None:
    en = _cookie_section(_pages(_notice())["en"])
    assert "| Cookie | Provider | Purpose | Category | Duration |\n| --- | --- | --- | --- | --- |\n" in en
    assert "| session | Esimerkki Oy (first party) | Session | strictly necessary | session |" in en


def test_the_page_says_which_cookies_need_consent() -> None:
    def four(data):
        data["cookies"] += [
            {"name": "_ga", "provider": "Google Analytics", "category": "analytics"},
            {"name": "lang", "provider": "Esimerkki Oy", "category": "functional", "consent": False},
            {"name": "ads", "provider": "Mainosverkko Oy", "category": "marketing"},
        ]

    pages = _pages(_notice(four))
    assert "The \\_ga and ads cookies are set only if you consent.\n" in _cookie_section(pages["en"])
    assert "The session and lang cookies are set without consent.\n" in _cookie_section(pages["en"])
    assert "Evästeet \\_ga ja ads asetetaan vain, jos annat siihen suostumuksesi." in pages["fi"]
    assert "Kakorna session och lang används utan samtycke." in pages["sv"]


@pytest.mark.parametrize(
    "lang, line",
    [
        (
            "fi",
            "- **Oikeusperuste:** uutiskirjeet ja muu suoramarkkinointi: suostumus (6 artiklan 1 kohdan a alakohta) "
            "tai oikeutettu etu (6 artiklan 1 kohdan f alakohta)",
        ),
        (
            "en",
            "- **Legal basis:** newsletters and other direct marketing: consent (Art. 6(1)(a)) or legitimate "
            "interests (Art. 6(1)(f))",
        ),
    ],
)
def test_one_basis_says_what_it_covers_before_it_and_alternatives_read_or(lang: str, line: str) -> None:
    notice = read_notice(REPO / "policy" / "notice.yaml", PROJECT.schema)[0]
    assert line in render_notice(notice, lang, PROJECT.locales).splitlines()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_introduction_does_not_claim_the_notice_is_complete(lang: str) -> None:
    notice = read_notice(REPO / "policy" / "notice.yaml", PROJECT.schema)[0]
    text = render_notice(notice, lang, PROJECT.locales)
    assert not re.search(r"13 (ja|och|and) 14|Articles 13", text)


def test_templates_are_compiled_once_for_every_language_before_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """compile_templates fills each language's environment, and a template is compiled for the first
    language only: the others load its code (the build calls it before the languages fork)."""
    from generator.words import compiled_templates, i18n, render

    class Counted(compiled_templates.InMemory):
        def __init__(self) -> None:
            super().__init__()
            self.compiled: list[str] = []

        def dump_bytecode(self, bucket) -> None:  # called only after Jinja compiled a template
            self.compiled.append(bucket.key)
            super().dump_bytecode(bucket)

    markdown_code, files_code, text_code = Counted(), Counted(), Counted()
    monkeypatch.setattr(render, "_MARKDOWN_CODE", markdown_code)
    monkeypatch.setattr(render, "_FILES_CODE", files_code)
    monkeypatch.setattr(render, "_TEXT_CODE", text_code)
    environments = (render._environment, render._files_environment, render._text_environment)
    for kind in environments:
        kind.cache_clear()
    try:
        render.compile_templates(PROJECT.locales, ("fi", "sv", "en"))
        names = render.environment("fi", PROJECT.locales).list_templates(extensions=["j2"])
        files = [name for name in names if name.startswith("files/")]
        texts = [name for name in names if name.startswith("text/")]
        assert texts and len(text_code.compiled) == len(texts)
        assert len(markdown_code.compiled) == len(names) - len(files) - len(texts)
        assert len(files_code.compiled) == len(files)
        for lang in ("fi", "sv", "en"):
            translations = i18n.translations(PROJECT.locales, lang)
            cached = {key[1] for kind in environments for key in kind(lang, translations).cache}
            assert set(names) <= cached, lang
    finally:
        for kind in environments:
            kind.cache_clear()


def _folded(env: jinja2.Environment, source: str) -> list[str]:
    """The filters and tests in `source` that Jinja applies while compiling it: those given constants."""
    from jinja2 import nodes

    found = []
    for node in env.parse(source).find_all((nodes.Filter, nodes.Test)):
        try:
            node.as_const(nodes.EvalContext(env))
        except nodes.Impossible:
            continue
        found.append(f"line {node.lineno}: {node.name}")
    return found


def test_no_template_applies_a_filter_to_a_constant() -> None:
    """Jinja applies such a filter while compiling, with the compiling language's filter, and the languages
    share compiled code (generator/words/compiled_templates.py): "SE"|country would read "Ruotsi" in Swedish and
    English too. A value goes through the template's context instead."""
    from generator.words import i18n, render

    translations = i18n.translations(PROJECT.locales, "sv")
    markdown, files = render._environment("sv", translations), render._files_environment("sv", translations)
    assert _folded(markdown, '{{ "SE"|country }}') == ["line 1: country"]
    assert _folded(markdown, "{{ code|country }}") == []
    for name in markdown.list_templates(extensions=["j2"]):
        env = files if name.startswith("files/") else markdown
        assert _folded(env, env.loader.get_source(env, name)[0]) == [], name


@pytest.mark.parametrize(
    "copy",
    [
        "Ask for a copy at tietosuoja@esimerkki.fi.",
        "Ask for a copy!",
        "Is a copy enough?",
        "Ask us (tietosuoja@esimerkki.fi.)",
        "Ask for “a copy.”",
        "Ask for a copy",
    ],
)
def test_a_transfers_sentences_end_once_whatever_the_copy_text_ends_with(copy: str) -> None:
    """After the author's copy text the adequacy sentence follows with one full stop, never two ("fi.. The")."""

    def told(data):
        data["transfers"][0]["copy"] = {lang: copy for lang in ("fi", "sv", "en")}

    for page in _pages(_notice(told)).values():
        line = next(line for line in page.splitlines() if line.startswith("- **") and "2023/1795" in line)
        assert ".." not in line.replace("...", "") and ". ." not in line and "?." not in line and "!." not in line, line
        assert re.search(r"[.!?”)] (The European|Euroopan|Europeiska)", line), line
        assert re.match(r"- \*\*[^*]+\*\* \([^)]+\): ", line), line  # the safeguard follows the country once


def test_a_finnish_authority_named_once_has_its_name_in_each_language() -> None:
    def tax(data):
        data["recipients"].append({"id": "tax", "name": "Verohallinto", "role": "authority", "country": "FI"})
        data["purposes"][0]["recipients"].append("tax")

    pages = _pages(_notice(tax))
    for lang, name in (("fi", "Verohallinto"), ("sv", "Skatteförvaltningen"), ("en", "Finnish Tax Administration")):
        assert f"- **{name}** (" in pages[lang] and f", {name}" in pages[lang].replace(" och ", ", ").replace(
            " and ", ", "
        ).replace(" ja ", ", "), lang
        assert lang == "fi" or "Verohallinto" not in pages[lang], lang


def test_a_recipient_that_is_not_an_authority_keeps_the_name_written_once() -> None:
    def company(data):
        data["recipients"].append({"id": "x", "name": "Tulli", "role": "processor", "country": "FI"})

    assert "**Tulli**" in _pages(_notice(company))["en"]


def test_without_a_rights_contact_requests_go_to_the_controller_said_on_the_page() -> None:
    def no_contact(data):
        del data["rights"]["contact"]

    pages = _pages(_notice(no_contact))
    assert (
        "To exercise your rights, contact the controller at the contact details given under [Controller](<#controller>)."
        in pages["en"]
    )
    assert "kohdassa [Rekisterinpitäjä](<#controller>) annettujen yhteystietojen kautta." in pages["fi"]
    assert "under [Personuppgiftsansvarig](<#controller>)" in pages["sv"]

    def nothing_at_all(data):
        no_contact(data)
        for key in ("address", "email", "website"):
            data["controller"].pop(key, None)

    assert "To exercise your rights, contact the controller.\n" in _pages(_notice(nothing_at_all))["en"]

    def said_in_the_notes(data):
        no_contact(data)
        data.setdefault("notes", {})["rights"] = {
            "fi": "Lähetä pyyntö osoitteeseen [a@b.fi](mailto:a@b.fi).",
            "sv": "Skicka begäran till [a@b.fi](mailto:a@b.fi).",
            "en": "Send your request to [a@b.fi](mailto:a@b.fi).",
        }

    said = _pages(_notice(said_in_the_notes))["en"]
    assert "Send your request to" in said and "contact the controller" not in said  # said once, in the notes


def test_art_22_3_safeguards_are_stated_in_full_where_the_decision_rests_on_contract_or_explicit_consent() -> None:
    def decided(exception):
        def change(data):
            data["purposes"][0]["automated_decision"] = {
                "exception": exception,
                "human_review": {"fi": "Kirjoita meille.", "sv": "Skriv till oss.", "en": "Write to us."},
            }
            data["automated_decisions"] = {"exists": True}

        return change

    full = {
        "en": "You have the right to obtain human intervention on the part of the controller, to express your point of "
        "view and to contest the decision (Art. 22(3)).",
        "fi": "Sinulla on oikeus vaatia rekisterinpitäjältä ihmisen osallistumista tietojen käsittelyyn, oikeus esittää "
        "kantasi ja oikeus riitauttaa päätös (22 artiklan 3 kohta).",
        "sv": "Du har rätt till mänskligt ingripande från den personuppgiftsansvariges sida för att kunna uttrycka din "
        "åsikt och bestrida beslutet (artikel 22.3).",
    }
    for exception in ("contract", "explicit_consent"):
        pages = _pages(_notice(decided(exception)))
        assert [lang for lang in full if full[lang] not in " ".join(pages[lang].split())] == [], exception
    law = _pages(_notice(decided("law")))  # Art. 22(2)(b): the law itself lays down the safeguards
    assert [lang for lang in full if full[lang] in law[lang]] == []


def test_a_retention_rule_prints_its_label_and_the_law_that_sets_it() -> None:
    def labelled(data):
        data["purposes"][0]["retention"] = [
            {
                "period": "P6Y",
                "event": "end_of_accounting_year",
                "label": {"fi": "kirjanpitoaineisto", "sv": "bokföringsmaterial", "en": "bookkeeping records"},
                "law": {"fi": "kirjanpitolaki 2:10", "sv": "bokföringslagen 2:10", "en": "Accounting Act 2:10"},
            }
        ]

    pages = _pages(_notice(labelled))
    assert "kirjanpitoaineisto: 6 vuotta tilikauden päättymisestä (kirjanpitolaki 2:10)" in pages["fi"]
    assert "bokföringsmaterial: 6 år från räkenskapsperiodens slut (bokföringslagen 2:10)" in pages["sv"]
    assert "bookkeeping records: 6 years from the end of the financial year (Accounting Act 2:10)" in pages["en"]


def test_compiled_templates_are_forgotten_with_every_other_cache() -> None:
    """The benchmark times builds from nothing: caches.forget() empties the compiled code too, so a template is
    compiled again (Jinja asks load_bytecode and, finding nothing, compiles and dumps)."""
    from jinja2.bccache import Bucket

    from generator import caches
    from generator.words.compiled_templates import InMemory

    code = InMemory()
    environment = jinja2.Environment(bytecode_cache=code)
    environment.from_string("{{ 1 }}")
    bucket = Bucket(environment, "key", "checksum")
    bucket.code = compile("x = 1", "<t>", "exec")
    code.dump_bytecode(bucket)
    again = Bucket(environment, "key", "checksum")
    code.load_bytecode(again)
    assert again.code is not None
    caches.forget()
    forgotten = Bucket(environment, "key", "checksum")
    code.load_bytecode(forgotten)
    assert forgotten.code is None


def test_a_source_names_the_data_it_provides() -> None:
    def sourced(data):
        data["sources"][0]["data"] = ["contact"]

    pages = _pages(_notice(sourced))
    assert "- **The data subject**: Personal data obtained from this source: Contact details." in pages["en"]
    assert "Tästä lähteestä saamamme henkilötiedot: Yhteystiedot." in pages["fi"]


def test_portability_and_consent_withdrawal_follow_arts_20_and_7_for_each_legal_basis() -> None:
    """Art. 20(1)(a): consent under Art. 6(1)(a) or 9(2)(a), or a contract under 6(1)(b), and automated means;
    consent, of either kind, may be withdrawn (Art. 7(3)); objection under Art. 21(1) only to 6(1)(e) or (f)."""

    def every(data):
        data["rights"]["granted"] = ["portability", "withdraw_consent", "objection", "erasure"]

    pages = _pages(_notice(every))
    assert (
        "based on your consent (Art. 6(1)(a) or 9(2)(a)) or on a contract (Art. 6(1)(b)) and is carried out by "
        "automated means"
    ) in pages["en"]
    assert (
        "(6 artiklan 1 kohdan a alakohta tai 9 artiklan 2 kohdan a alakohta) tai sopimukseen (6 artiklan 1 kohdan b alakohta) ja käsittely suoritetaan automaattisesti"
        in pages["fi"]
    )
    assert "(artikel 6.1 a eller 9.2 a) eller på ett avtal (artikel 6.1 b) och sker automatiserat" in pages["sv"]
    assert pages["en"].count("(Art. 6(1)(a) or 9(2)(a))") == 2
    assert "Art. 17(3), such as compliance with a legal obligation" in pages["en"]


def test_a_purposes_automated_decision_renders_without_the_top_level_statement() -> None:
    """A purpose with automated_decision and no top-level automated_decisions: the page names the purpose's
    decision (it once ended in "'None' has no attribute 'description'")."""

    def decided(data):
        data["purposes"][0]["automated_decision"] = {"exception": "contract"}
        data.pop("automated_decisions", None)

    pages = _pages(_notice(decided))
    assert (
        "similarly significantly affect you (Art. 22(1)), are made for the following purposes:\n\n- [Handling orders](#purpose-orders)"
        in pages["en"]
    )


def test_every_known_finnish_authority_has_its_name_in_every_supported_language() -> None:
    from generator.notice.languages import SUPPORTED
    from generator.words import vocabulary

    assert [names for names in vocabulary.FINNISH_AUTHORITIES.values() if set(names) != set(SUPPORTED)] == []
    assert vocabulary.FINNISH_AUTHORITIES["verohallinto"]["sv"] == "Skatteförvaltningen"
    assert vocabulary.FINNISH_AUTHORITIES["skatteförvaltningen"]["en"] == "Finnish Tax Administration"


def test_a_derogation_is_named_in_the_words_of_art_49() -> None:
    """A transfer on a derogation says which one, as Art. 49(1) says it, in each language."""

    def derogation(data):
        data["transfers"][0].update({"country": "IN", "safeguard": "derogation", "derogation": "contract"})
        data["transfers"][0].pop("copy", None)

    pages = _pages(_notice(derogation))
    assert (
        "derogation for a specific situation (Art. 49): the transfer is necessary for the performance of a "
        "contract between you and the controller or the implementation of pre-contractual measures taken at your "
        "request (Art. 49(1)(b))"
    ) in pages["en"]
    assert "(49 artiklan 1 kohdan b alakohta)" in pages["fi"] and "(artikel 49.1 b)" in pages["sv"]


def test_a_value_a_template_does_not_get_stops_the_render_instead_of_leaving_a_blank() -> None:
    """A notice never says "the data is kept for ." because a template names a value nobody passed. (The caches
    forgotten first: the environment is made here, as it is configured.)"""
    from generator import caches

    caches.forget()
    with pytest.raises(jinja2.UndefinedError):
        render_template("changelog.md.j2", "en", PROJECT.locales)


def test_an_html_file_keeps_its_final_newline() -> None:
    """Files that are not pages are written as rendered (no tidying): each ends its last line, as a text file does.
    (The caches forgotten first: the environment is made here, as it is configured.)"""
    from generator import caches

    caches.forget()
    moved = render_file("moved.html.j2", "fi", PROJECT.locales, lang="fi", target="../x/", address="", title="T")
    assert moved.endswith("</html>\n")


def test_a_contacts_website_given_per_language_links_each_page_to_its_own() -> None:
    def per_language(data):
        website = {"fi": "https://e.fi/", "sv": "https://e.fi/sv/", "en": "https://e.fi/en/"}
        data["representative"] = {"name": "Rep Ltd", "website": website}

    pages = _pages(_notice(per_language))
    assert "Rep Ltd, [https://e.fi/sv/](<https://e.fi/sv/>)" in pages["sv"].splitlines()
    assert "Rep Ltd, [https://e.fi/en/](<https://e.fi/en/>)" in pages["en"].splitlines()


def test_the_provision_of_data_says_whether_it_is_obliged() -> None:
    def obliged(data):
        data["purposes"][0]["provision"] = {"required_by": "contract", "obligatory": True}

    assert "You are obliged to provide the data." in _pages(_notice(obliged))["en"]


@pytest.mark.parametrize(
    "until, line",
    [
        (["consent_withdrawn", "objection"], "until you withdraw your consent or until you object to the processing"),
        (["consent_withdrawn"], "until you withdraw your consent"),
    ],
)
def test_data_kept_until_an_alternative_basis_ends_is_one_line_of_alternatives(until: list[str], line: str) -> None:
    """Consent or legitimate interests, alternatives: the data is kept until the basis that applies ends."""

    def alternative(data):
        data["purposes"][0]["legal_bases"] = [{"alternatives": ["consent", "legitimate_interests"]}]
        data["purposes"][0]["retention"] = [{"period": "P18M"}, *({"event": event} for event in until)]

    rules = [text for text in _pages(_notice(alternative))["en"].splitlines() if "18 months" in text or "until" in text]
    assert rules == ["    - 18 months", f"    - {line}"]


def test_a_linked_sentence_keeps_a_literal_percent_sign_single() -> None:
    from generator.words import i18n
    from generator.words.filters import Words

    words = Words("en", i18n.translations(PROJECT.locales, "en"))
    assert words.linked("100%% of %(here)s", here=("Controller", "#c")) == "100% of [Controller](<#c>)"


def test_no_cookies_of_a_kind_say_nothing() -> None:
    from generator.words import i18n
    from generator.words.filters import Cookies

    assert Cookies("en", i18n.translations(PROJECT.locales, "en")).by_consent((), True) == ""
