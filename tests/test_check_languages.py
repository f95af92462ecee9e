"""`check` in Finnish and Swedish as well as English: every message from the catalogs, in the language
`--lang` asks for, by default the notice's first language.

The machine-readable parts stay as they are in every language (`path:line:col: level: field: message
[rule-id, ...]`): only the message and the name of the regulation in the citation are translated.
A message's placeholders are filled with the notice's own words, which stay data whatever they hold.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from test_check_rules import FAILING, complete, dump, findings

from generator import cli, job_summary, report
from generator.findings import ENGLISH, Finding, NoticeError, Speaker
from generator.notice.languages import babel_locale
from generator.project import Project
from generator.record.lock import entries_from_text, read_entries
from generator.record.releases import load_releases, make_release, verify
from support import REPO, drop_language

FIXTURES = Path(__file__).parent / "fixtures"
LANGS = ("fi", "sv")


def words(lang: str) -> Speaker:
    said = cli.speaker(REPO / "locales", lang)
    assert isinstance(said, Speaker) and said.lang == lang
    return said


class Strict(Speaker):
    """A catalog that fails on any message it does not translate, instead of falling back to English."""

    def _known(self, key: str) -> None:
        held = getattr(self.catalog, "_catalog", {})
        assert key in held and held[key], f"{self.lang}: no translation of {key!r}"

    def gettext(self, message: str) -> str:
        self._known(message)
        return super().gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        held = getattr(self.catalog, "_catalog", {})
        assert (singular, 0) in held and (singular, 1) in held, f"{self.lang}: no translation of {singular!r}"
        return super().ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        self._known(f"{context}\x04{message}")
        return super().pgettext(context, message)


def strict(lang: str) -> Strict:
    said = words(lang)
    return Strict(said.lang, said.locale, said.catalog)


def gap_findings(tmp_path: Path) -> dict[str, list[Finding]]:
    """Each rule's findings on its gap case (tests/test_check_rules.py)."""
    found = {}
    for rule, change, _ in FAILING:
        data = complete()
        change(data)
        found[rule] = [f for f in findings(tmp_path, data) if f.rule == rule]
    return found


def run_check(path: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["check", str(path), *args])
    return code, out.getvalue(), err.getvalue()


# --- Every rule, in every language ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_has_its_own_message_in_the_language(tmp_path: Path, lang: str) -> None:
    """No message falls back to English: each one, with every piece put into it, is in the catalog."""
    said = strict(lang)
    for rule, found in gap_findings(tmp_path).items():
        assert found, rule
        for finding in found:
            text = finding.line(said)
            assert text != finding.line(ENGLISH), (rule, text)
            assert finding.said is not None, rule


@pytest.mark.parametrize("lang", LANGS)
def test_each_rule_says_its_gap_in_its_own_words_in_finnish_and_swedish(tmp_path: Path, lang: str) -> None:
    """Pinned as tests/fixtures/rule_messages.json pins the English: a change is deliberate.
    After changing a message or a translation on purpose: SELOSTE_UPDATE_MESSAGES=1 pytest
    tests/test_check_languages.py -k words"""
    pinned = FIXTURES / f"rule_messages.{lang}.json"
    said = {
        rule: sorted({f.line(words(lang)).replace(str(tmp_path / "notice.yaml"), "notice.yaml") for f in found})
        for rule, found in gap_findings(tmp_path).items()
    }
    if os.environ.get("SELOSTE_UPDATE_MESSAGES"):
        pinned.write_text(json.dumps(said, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert said == json.loads(pinned.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_machine_readable_parts_stay_as_they_are(tmp_path: Path, lang: str) -> None:
    """The level, the field, the rule id and the article's numbers are what CI and tools parse."""
    for rule, found in gap_findings(tmp_path).items():
        for finding in found:
            english, local = finding.line(ENGLISH), finding.line(words(lang))
            head = f"{finding.position}: {finding.level}: {finding.message.split(': ')[0]}: "
            assert english.startswith(head) and local.startswith(head), (english, local)
            tail = re.search(r" \[([a-z-]+)(, .*)?\]$", local)
            assert tail and tail[1] == rule, local
            if finding.article:
                assert tail[2].endswith(finding.article) and "GDPR Art." not in tail[2], local


def test_the_regulation_is_cited_as_each_language_writes_it() -> None:
    finding = Finding(report_position(), "warning", "x", "retention", "13(2)(a), 14(2)(a)")
    assert finding.citation(ENGLISH) == "GDPR Art. 13(2)(a), 14(2)(a)"
    assert finding.citation(words("fi")) == "tietosuoja-asetus art. 13(2)(a), 14(2)(a)"
    assert finding.citation(words("sv")) == "dataskyddsförordningen art. 13(2)(a), 14(2)(a)"


def report_position():  # type: ignore[no-untyped-def]
    from generator.findings import Position

    return Position("n.yaml", 1, 1)


def test_the_official_terms_are_used(tmp_path: Path) -> None:
    """The regulation's own words (shared/gdpr-terms.md): a sample of the rules that name them."""
    found = gap_findings(tmp_path)
    fi, sv = words("fi"), words("sv")
    expected = {
        "dpo-stated": ("tietosuojavastaava", "dataskyddsombud"),
        "controller-address": ("rekisterinpitäjän", "personuppgiftsansvariges"),
        "purpose-legal-basis": ("oikeusperustetta", "rättslig grund"),
        "recipients-stated": ("vastaanottajat", "mottagarna"),
    }
    for rule, (finnish, swedish) in expected.items():
        assert any(finnish in f.said_in(fi) for f in found[rule]), (rule, [f.said_in(fi) for f in found[rule]])
        assert any(swedish in f.said_in(sv) for f in found[rule]), (rule, [f.said_in(sv) for f in found[rule]])


def test_counts_use_the_languages_plural_forms() -> None:
    from generator.findings import Position

    one = [Finding(Position("n.yaml", 1, 1), "error", "x"), Finding(Position("n.yaml", 2, 1), "warning", "y")]
    two = one + [Finding(Position("n.yaml", 3, 1), "warning", "z")]
    assert report.summary(one, "n.yaml", words=words("fi")) == "n.yaml: 1 virhe, 1 varoitus"
    assert report.summary(two, "n.yaml", words=words("fi")) == "n.yaml: 1 virhe, 2 varoitusta"
    assert report.summary(two, "n.yaml", words=words("sv")) == "n.yaml: 1 fel, 2 varningar"
    assert report.summary(two, "n.yaml") == "n.yaml: 1 error, 2 warnings"


# --- Which language -----------------------------------------------------------------------------


def notice(tmp_path: Path, data: dict[str, object]) -> Path:
    """The notice written to a file that `check` reads here, in this repository, against Entrack's newest
    release; it says why it cannot wait (revision.urgent), so that the notice period, which today's date
    decides, stays out of the counts."""
    data = copy.deepcopy(data)
    urgent = {"fi": "Laki.", "sv": "Lagen.", "en": "The law."}
    languages: list[str] = data.get("languages", list(urgent))  # type: ignore[assignment]  # the notice's data
    data["revision"]["urgent"] = {lang: urgent[lang] for lang in languages}  # type: ignore[index]  # a mapping
    path = tmp_path / "notice.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def without_address(languages: list[str] | None = None) -> dict[str, object]:
    data = complete()
    del data["controller"]["address"]  # type: ignore[index]  # the notice's data: a mapping
    if languages:
        for lang in {"fi", "sv", "en"} - set(languages):
            drop_language(data, lang)
        data["languages"] = languages
    return data


ADDRESS = {
    "fi": "rekisterinpitäjän postiosoitetta ei ole annettu",
    "sv": "den personuppgiftsansvariges postadress anges inte",
    "en": "the controller's postal address is not given",
}


def test_the_default_language_is_the_notices_first(tmp_path: Path) -> None:
    """(A notice in fewer languages than the project's releases also hears that it must keep them.)"""
    _, out, _ = run_check(notice(tmp_path, without_address()))
    assert ADDRESS["fi"] in out and out.rstrip().endswith("0 virhettä, 1 varoitus"), out
    _, out, _ = run_check(notice(tmp_path, without_address(["sv", "en"])))
    assert ADDRESS["sv"] in out and re.search(r"\d+ fel, 1 varning$", out.rstrip()), out
    _, out, _ = run_check(notice(tmp_path, without_address(["en", "fi"])))
    assert ADDRESS["en"] in out and re.search(r"\d+ errors?, 1 warning$", out.rstrip()), out


@pytest.mark.parametrize("lang", ("fi", "sv", "en"))
def test_lang_overrides_the_notices_language(tmp_path: Path, lang: str) -> None:
    _, out, _ = run_check(notice(tmp_path, without_address(["sv", "en"])), "--lang", lang)
    assert ADDRESS[lang] in out, out
    assert [other for other in ADDRESS.values() if other in out] == [ADDRESS[lang]]


def test_a_notice_that_cannot_be_read_is_reported_in_the_first_supported_language(tmp_path: Path) -> None:
    path = tmp_path / "notice.yaml"
    path.write_text("seloste: 2\ncontroller: {name: 'X'\n", encoding="utf-8")
    code, out, _ = run_check(path)
    assert code == 1 and "virheellinen YAML" in out, out
    path.write_text("seloste: 2\nlanguages: [sv, en]\ncontroler: {name: X}\n", encoding="utf-8")
    code, out, _ = run_check(path)  # does not validate, but says its languages
    assert code == 1 and "okänt fält; menade du 'controller'?" in out, out


@pytest.mark.parametrize("bad", ("de", "FI", "", "fi,sv"))
def test_an_unknown_language_is_a_usage_error(tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["check", str(notice(tmp_path, complete())), "--lang", bad])
    assert stopped.value.code == 2
    assert "--lang" in capsys.readouterr().err


# --- The notice's words stay data ------------------------------------------------------------

HOSTILE = "%(purpose)s %s 100% %% {0} *x* <b>|</b> [a] @team\nnotice.yaml:1:1: error: forged"
"""A purpose's name that looks like a placeholder, a format, markup, a mention and a second finding."""


def hostile_notice(tmp_path: Path) -> Path:
    data = complete()
    purpose = data["purposes"][0]  # type: ignore[index]  # the notice's data
    purpose["name"] = {lang: f"{HOSTILE} ({lang})" for lang in ("fi", "sv", "en")}
    del purpose["retention"]
    return notice(tmp_path, data)


@pytest.mark.parametrize("lang", ("fi", "sv", "en"))
@pytest.mark.parametrize("form", ("text", "github", "json"))
def test_a_hostile_name_stays_data_in_every_language_and_format(tmp_path: Path, lang: str, form: str) -> None:
    code, out, err = run_check(hostile_notice(tmp_path), "--lang", lang, "--format", form)
    assert code == 0, out + err
    shown = HOSTILE.replace("\n", "\\n")
    if form == "json":
        (finding,) = json.loads(out)
        assert HOSTILE in finding["localised"] and HOSTILE in finding["message"], finding
        assert finding["lang"] == lang and finding["rule"] == "retention"
    elif form == "github":
        (line,) = out.splitlines()
        assert line.startswith("::warning ") and HOSTILE.replace("%", "%25").replace("\n", "%0A") in line, line
    else:
        lines = out.splitlines()
        assert len(lines) == 2 and shown in lines[0], out
        assert lines[0].endswith(
            "[retention, "
            + {"fi": "tietosuoja-asetus", "sv": "dataskyddsförordningen", "en": "GDPR"}[lang]
            + " art. 13(2)(a), 14(2)(a)]".replace("art.", "Art." if lang == "en" else "art.")
        )


@pytest.mark.parametrize("lang", ("fi", "sv"))
def test_the_job_summary_follows_the_language_and_escapes_the_notices_words(tmp_path: Path, lang: str) -> None:
    summary = tmp_path / "summary.md"
    code, _, _ = run_check(hostile_notice(tmp_path), "--lang", lang, "--summary", str(summary))
    assert code == 0
    text = summary.read_text(encoding="utf-8")
    heads = {"fi": "| Taso | Kohta | Sääntö | Viesti |", "sv": "| Nivå | Plats | Regel | Meddelande |"}[lang]
    assert heads in text and "| warning |" in text, text
    assert "<b>" not in text and "\\*x\\*" in text and "@\u2060team" in text and "forged" in text, text
    assert len([line for line in text.splitlines() if line.startswith("| warning |")]) == 1, text
    assert job_summary.table([], "n.yaml", words=words(lang)).startswith(
        {"fi": "### Seloste\\-tarkistus: n\\.yaml", "sv": "### Seloste\\-kontroll: n\\.yaml"}[lang]
    )


def test_load_and_schema_messages_are_translated_too(tmp_path: Path) -> None:
    """Messages of the loader and the schema: a duplicate key, an unknown field, a bad date, a bad country."""
    path = tmp_path / "notice.yaml"
    text = dump(complete()).replace("seloste: 2\n", "seloste: 2\nseloste: 2\n", 1)
    path.write_text(text, encoding="utf-8")
    for lang, words_ in (("fi", "avain 'seloste' toistuu"), ("sv", "nyckeln 'seloste' förekommer två gånger")):
        code, out, _ = run_check(path, "--lang", lang)
        assert code == 1 and words_ in out, out
    data = complete()
    data["revision"]["effective"] = "2026-02-30"  # type: ignore[index]  # the notice's data
    data["recipients"][0]["country"] = "UK"  # type: ignore[index]  # the notice's data
    data["controler"] = {}
    path = notice(tmp_path, data)
    said = strict("fi")
    from generator.findings import NoticeError
    from generator.notice.read import read_notice
    from support import PROJECT

    with pytest.raises(NoticeError) as refused:
        read_notice(path, PROJECT.schema)
    lines = [f.line(said) for f in refused.value.findings]
    assert any("'2026-02-30' ei ole kelvollinen päivämäärä" in line for line in lines), lines
    assert any("tarkoititko 'GB'?" in line for line in lines), lines
    assert any("controler: tuntematon kenttä; tarkoititko 'controller'?" in line for line in lines), lines


def test_the_english_is_the_code_s_own(tmp_path: Path) -> None:
    """The English catalog says what the code says: `--lang en` prints `Finding.message` unchanged."""
    en = words("en")
    for found in gap_findings(tmp_path).values():
        for finding in found:
            assert finding.said_in(en) == finding.message
    assert babel_locale("en") == en.locale


# --- The record: the lock, the releases held to it, release's refusals -----------------------------------


def _refused(call: Callable[[], object]) -> list[Finding]:
    try:
        call()
    except NoticeError as exc:
        return list(exc.findings)
    raise AssertionError("not refused")


def lock_refusals() -> list[Finding]:
    """The findings of each way a lock's text cannot be the record."""
    files = {"fi.md": "a" * 64, "notice.json": "b" * 64, "notice.yaml": "c" * 64}

    def lock(*changes: dict[str, object]) -> str:
        return json.dumps(
            {"releases": [{"id": "2026-01-01", "effective": "2026-01-01", "files": files} | c for c in changes]}
        )

    texts = [
        '{"releases": [',
        "[]",
        json.dumps({"releases": [1]}),
        lock({"id": "2026-1-1"}),
        lock({"effective": "2026-02-01"}),
        lock({"files": {"fi.md": "a" * 64}}),
        lock({"files": files | {"announcement.fi.md": "d" * 64}}),
        lock({"files": files | {"sv.md": "x"}}),
        lock({"id": "2026-02-30", "effective": "2026-02-30"}),
        lock({"released": "yesterday"}),
        lock({}, {}),
        lock({"id": "2026-03-01", "effective": "2026-03-01"}, {}),
    ]
    return [f for text in texts for f in _refused(lambda text=text: entries_from_text(text, "releases.lock"))]


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional notice's first version, released in this process; copy it to change it."""
    from support import MULTI_VERSIONS, released_here

    return released_here(tmp_path_factory.mktemp("said") / "project", MULTI_VERSIONS[0]).root


def record_findings(released: Path, tmp_path: Path) -> list[Finding]:
    """A finding of each kind the record layer makes of a tampered releases folder, a lock that cannot be read and
    a release refused, in process."""
    from support import BUILD_DAY, MULTI_VERSIONS

    def copy(name: str) -> Project:
        shutil.copytree(released, tmp_path / name, symlinks=True)
        return Project.at(tmp_path / name)

    found = lock_refusals()
    tampered = copy("tampered")  # every file of the release changed a different way, and a folder not listed
    folder = tampered.releases / "2026-01-01"
    shutil.copytree(folder, tampered.releases / "2026-12-01")
    (folder / "fi.md").write_text("muokattu\n", encoding="utf-8")
    (folder / "notice.yaml").unlink()
    (folder / "sv.md").unlink()
    (folder / "sv.md").mkdir()
    (folder / "notes.txt").write_text("lisätty\n", encoding="utf-8")
    found += verify(tampered)
    release = load_releases(tampered)[0]
    found += _refused(lambda: release.text("fi")) + _refused(lambda: release.text("sv"))
    gone = copy("gone")
    shutil.rmtree(gone.releases / "2026-01-01")
    found += verify(gone)
    (gone.releases / "2026-01-01").write_text("", encoding="utf-8")
    found += verify(gone)
    gone.lock.unlink()
    found += _refused(lambda: read_entries(gone))
    gone.lock.mkdir()
    found += _refused(lambda: read_entries(gone))
    gone.lock.rmdir()
    gone.lock.write_bytes(b"\xff")
    found += _refused(lambda: read_entries(gone))
    shutil.rmtree(gone.releases)
    gone.releases.write_text("", encoding="utf-8")
    found += _refused(lambda: read_entries(gone))
    same = copy("same")  # the working copy is the release: nothing to release; then one going back in time
    found += _refused(lambda: make_release(same, today=BUILD_DAY))
    text = MULTI_VERSIONS[1].read_text(encoding="utf-8").replace('effective: "2026-03-01"', 'effective: "2025-12-01"')
    same.notice.write_text(text, encoding="utf-8")
    found += _refused(lambda: make_release(same, today=BUILD_DAY))
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_finding_of_the_record_has_its_own_words_in_the_language(
    released: Path, tmp_path: Path, lang: str
) -> None:
    """A tampered release, a lock that cannot be the record, a release refused: each said from the catalog, no
    word falling back to English (the JSON parser's own reason aside), the rest of the line as it is."""
    said = strict(lang)
    found = record_findings(released, tmp_path)
    assert len({f.said for f in found}) >= 25, [str(f) for f in found]
    for finding in found:
        assert finding.said is not None, str(finding)
        text = finding.line(said)
        assert text != finding.line(ENGLISH), text
        assert text.startswith(f"{finding.position}: error: "), text
        assert text.endswith(" [release-integrity]") or finding.rule == "", text
        assert ("release " not in text) and ("versio" in text), text
