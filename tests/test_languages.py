"""A notice may publish a subset of the supported languages: `languages: [fi, en]`."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from support import MULTI_VERSIONS, drop_language, make_project, run

TWO = ("fi", "en")


def without_swedish(source: Path) -> str:
    """A fixture notice published in Finnish and English only."""
    yaml = YAML()
    data = yaml.load(source.read_text(encoding="utf-8"))
    drop_language(data, "sv")
    data.insert(1, "languages", list(TWO))
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def two_language_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("two"))
    for version in MULTI_VERSIONS[:2]:
        (root / "policy" / "notice.yaml").write_text(without_swedish(version), encoding="utf-8")
        checked = run(root, "check")
        assert checked.returncode == 0, checked.stdout + checked.stderr
        released = run(root, "release")
        assert released.returncode == 0, released.stderr
    built = run(root, "build")
    assert built.returncode == 0, built.stderr
    return root / "site"


def test_the_site_has_only_the_notices_languages(two_language_site: Path) -> None:
    assert sorted(p.name for p in two_language_site.iterdir() if p.is_dir() and len(p.name) == 2) == sorted(TWO)
    versions = json.loads((two_language_site / "versions.json").read_text())
    assert all(set(r["urls"]) == set(TWO) == set(r["summary"]) for r in versions["releases"])
    chooser = (two_language_site / "index.html").read_text()
    assert re.findall(r'hreflang="(\w+)" lang=', chooser) == list(TWO)
    assert not (two_language_site / "sv").exists()


@pytest.mark.parametrize(
    "page", ["index.html", "2026-01-01/index.html", "2026-03-01/diff/index.html", "changelog/index.html"]
)
def test_alternates_and_the_language_menu_list_only_those_languages(two_language_site: Path, page: str) -> None:
    for lang in TWO:
        html = (two_language_site / lang / page).read_text(encoding="utf-8")
        alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="(\w+)"', html)
        assert [code for _, code in alternates] == list(TWO), (lang, page)
        assert all(
            (two_language_site / lang / page).parent.joinpath(href, "index.html").resolve().exists()
            for href, _ in alternates
        )
        assert 'hreflang="sv"' not in html


@pytest.mark.slow
def test_a_text_in_a_language_the_notice_does_not_publish_is_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    text = re.sub(
        r"(name: \{fi: Asiakkaat), (en: Customers\})", r"\1, sv: Kunder, \2", without_swedish(MULTI_VERSIONS[0])
    )
    (root / "policy" / "notice.yaml").write_text(text, encoding="utf-8")
    result = run(root, "check", "--lang", "en")
    assert result.returncode == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "sv: Kunder" in row)
    assert re.search(
        rf"policy/notice.yaml:{line}:\d+: error: data_subjects\[customers\]\.name\.sv: this notice is "
        r"not published in Swedish",
        result.stdout,
    ), result.stdout


@pytest.mark.slow
def test_a_missing_language_is_an_error_at_the_text(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    text = MULTI_VERSIONS[0].read_text(encoding="utf-8").replace(", sv: Kunder", "")
    (root / "policy" / "notice.yaml").write_text(text, encoding="utf-8")
    result = run(root, "release", "--lang", "en")
    assert result.returncode == 1 and not (root / "policy" / "releases").exists()
    assert "data_subjects[customers].name: the Swedish text (sv) is missing" in result.stderr


@pytest.mark.parametrize(
    "lang, prevails, wrong",
    [
        (
            "fi",
            "Jos tämän selosteen kieliversiot poikkeavat toisistaan, suomenkielinen versio on ratkaiseva.",
            "ruotsiksi",
        ),
        ("en", "If the language versions of this notice differ, the Finnish version prevails.", "Swedish"),
    ],
)
def test_the_prevailing_language_sentence_names_no_language_the_notice_lacks(
    two_language_site: Path, lang: str, prevails: str, wrong: str
) -> None:
    html = (two_language_site / lang / "index.html").read_text(encoding="utf-8")
    assert prevails in html and wrong not in html


def test_every_supported_language_has_what_its_pages_need() -> None:
    """A language added to languages.SUPPORTED without its catalog, the default authority's texts or the
    prevailing-language sentences is caught here, not on a published page."""
    from generator.notice.authority import FINNISH_AUTHORITY
    from generator.notice.languages import SUPPORTED
    from generator.words import vocabulary
    from support import PROJECT

    for lang in SUPPORTED:
        assert (PROJECT.locales / lang / "LC_MESSAGES" / "messages.po").is_file(), lang
        for text in (FINNISH_AUTHORITY.name, FINNISH_AUTHORITY.address, FINNISH_AUTHORITY.website):
            assert text is not None and not isinstance(text, str) and lang in text and text[lang], (lang, text)
        assert lang in vocabulary.PREVAILING_LANGUAGE and lang in vocabulary.PREVAILING_LANGUAGE_OF_SOME, lang
