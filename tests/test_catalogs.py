"""The gettext catalogs: complete in every language, and in step with the templates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.words import vocabulary
from support import LANGS, REPO, run


def catalog(lang: str):
    with open(REPO / "locales" / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_and_none_is_fuzzy(lang: str) -> None:
    entries = [m for m in catalog(lang) if m.id]
    assert entries
    assert [m.id for m in entries if not m.string] == []
    assert [m.id for m in entries if m.fuzzy] == []
    assert [(m.id, errors) for m in entries if (errors := list(m.check()))] == []


@pytest.mark.parametrize("lang", ("fi", "sv"))
def test_finnish_and_swedish_are_not_english(lang: str) -> None:
    same = [m.id for m in catalog(lang) if m.id and m.string == m.id]
    assert len(same) <= 3, same  # proper names or codes may coincide; sentences may not


def extracted(tmp_path):
    """The strings of the templates and the code, with their notes for translators, as `make catalogs` extracts them."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "--no-location",
            "-c",
            "NOTE:",
            "--strip-comments",
            "-o",
            str(pot),
            "generator",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as handle:
        return {m.id: m for m in read_po(handle) if m.id}


@pytest.mark.slow
def test_catalogs_hold_every_string_of_the_templates(tmp_path) -> None:
    wanted = extracted(tmp_path)
    for lang in LANGS:
        assert sorted(set(wanted) - {m.id for m in catalog(lang) if m.id}, key=str) == [], lang


AMBIGUOUS = [
    "Cookie",
    "Provider",
    "Purpose",
    "Category",
    "Duration",
    "session",
    "first party",
    "third party",
    "strictly necessary",
    "processor",
    "independent controller",
    "Draft",
    "In force",
    "Version",
    "Added:",
    "Removed:",
    ("Legal basis", "Legal bases"),
    "The controller has not designated a data protection officer.",
    vocabulary.RIGHTS["object_direct_marketing"][1],
    vocabulary.DECISION_SAFEGUARDS["controller"],
    vocabulary.DECISION_SAFEGUARDS["recipient"],
    vocabulary.ADEQUACY["covered"],
    vocabulary.SOURCE_DATA,
    vocabulary.RIGHTS_CONTACT_FALLBACK["details"],
]
"""Strings a translator cannot get right from the words alone: a column heading that is also a common
word, a GDPR term of art, a label whose number depends on the list after it."""


@pytest.mark.slow
def test_ambiguous_strings_carry_a_note_for_translators_in_every_catalog(tmp_path) -> None:
    wanted = extracted(tmp_path)
    assert [msgid for msgid in AMBIGUOUS if not wanted[msgid].auto_comments] == []
    for name, messages in [("messages.pot", pot()), *((lang, catalog(lang)) for lang in LANGS)]:
        notes = {m.id: m.auto_comments for m in messages if m.id}
        assert {msgid: notes.get(msgid) for msgid in wanted if notes.get(msgid) != wanted[msgid].auto_comments} == {}, (
            name
        )


def pot():
    with open(REPO / "locales" / "messages.pot", "rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_headers_name_the_project_team_language_and_plural_forms(lang: str) -> None:
    from babel.messages.plurals import get_plural

    messages = catalog(lang)
    english = {"fi": "Finnish", "sv": "Swedish", "en": "English"}[lang]
    assert (messages.project, messages.version) == ("Seloste", pyproject_version())
    assert str(messages.locale) == lang
    assert messages.language_team == messages.last_translator == f"Seloste {english} translators"
    plural = get_plural(lang)
    assert messages.plural_forms == f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
    header = (REPO / "locales" / lang / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8").split("\n\n")[0]
    assert [
        word
        for word in ("PROJECT", "ORGANIZATION", "FULL NAME", "EMAIL@ADDRESS", "LL@li.org", "YEAR")
        if word in header
    ] == []


def test_the_template_names_the_project_and_no_placeholder_address() -> None:
    template = pot()
    assert (template.project, template.version, template.msgid_bugs_address) == ("Seloste", pyproject_version(), "")
    header = (REPO / "locales" / "messages.pot").read_text(encoding="utf-8").split("msgid")[0]
    assert "Seloste" in header and "PROJECT" not in header and "ORGANIZATION" not in header and "EMAIL" not in header


def pyproject_version() -> str:
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["messages.pot", *(f"{lang}/LC_MESSAGES/messages.po" for lang in LANGS)])
def test_catalogs_are_wrapped_as_gnu_gettext_and_weblate_write_them(name: str) -> None:
    """msgcat (GNU gettext, 79 columns, the width Weblate's wrapping follows) leaves every catalog as it is:
    a translator's tool never rewraps what Seloste wrote, so a diff shows only real changes."""
    path = REPO / "locales" / name
    rewrapped = subprocess.run(["msgcat", "--width=79", str(path)], check=True, capture_output=True).stdout
    assert rewrapped.decode("utf-8") == path.read_text(encoding="utf-8")


def test_the_catalogs_placeholders_fit_their_messages() -> None:
    """Every translated sentence fills exactly its message's placeholders and writes % as %%."""
    from generator.words.catalogs import problems

    assert problems(REPO / "locales", ("fi", "sv", "en"), str) == []


TRANSLATORS_SLIPS = [
    ("%(period)s", "%(perod)s", "fills perod, which its message does not have (it has period)"),
    ("%(period)s", "%(period)s 100 %", "'%' in the translation of"),
    ("%(period)s ", "", "leaves out period: the page would not say it"),
]


@pytest.mark.parametrize("old, new, message", TRANSLATORS_SLIPS, ids=["typo", "lone percent", "left out"])
def test_a_translators_slip_in_a_placeholder_stops_check_and_build(
    project: Path, old: str, new: str, message: str
) -> None:
    """A placeholder typo or a lone % passed check and crashed build; now both name the catalog's line."""
    po = project / "locales" / "sv" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("msgstr") and old in row)
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    po.write_text("".join(lines), encoding="utf-8")
    for command in ("check", "build"):
        result = run(project, command)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        output = result.stdout + result.stderr
        assert re.search(rf"locales/sv/LC_MESSAGES/messages\.po:\d+:\d+: error: .*{re.escape(message)}", output), output


CATALOG = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

msgid "kept %(period)s"
msgstr "sparas %(perod)s"

#, fuzzy
msgid "fuzzy %(period)s"
msgstr "never checked"

msgid "a %(n)d day"
msgid_plural "%(n)d days"
msgstr[0] "en dag"
msgstr[1] "%(n)d dagar"

msgid "plain"
msgstr "100 % %(x)s"

msgid "untranslated %(period)s"
msgstr ""
"""


def test_check_reads_each_catalog_and_names_each_slip_at_its_line(tmp_path: Path) -> None:
    """In process, what the slow tests above ask of `check`: each slip at its entry's line, fuzzy and empty
    translations left alone, a plural's singular free to leave out its number, a catalog that is missing or
    not a catalog named."""
    from generator.words.catalogs import problems

    for lang, text in (("sv", CATALOG), ("en", 'msgid "x"\nmsgstr "y"\nnonsense here\n')):
        po = tmp_path / lang / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text(text, encoding="utf-8")
    found = problems(tmp_path, ("sv", "fi", "en"), lambda path: path.relative_to(tmp_path).as_posix())
    sv = "sv/LC_MESSAGES/messages.po"
    assert [(str(f.position), f.level, f.message) for f in found[:4]] == [
        (
            f"{sv}:5:0",
            "error",
            "the translation of 'kept %(period)s' fills perod, which its message does not have (it has period)",
        ),
        (f"{sv}:5:0", "error", "the translation of 'kept %(period)s' leaves out period: the page would not say it"),
        (f"{sv}:17:0", "error", "'%' in the translation of 'plain' is not a placeholder; write a percent sign as %%"),
        (f"{sv}:17:0", "error", "the translation of 'plain' fills x, which its message does not have (it has none)"),
    ]
    assert [(str(f.position), f.level, f.message.split(": ")[0]) for f in found[4:]] == [
        ("fi/LC_MESSAGES/messages.po", "error", "the fi catalog cannot be read"),
        ("en/LC_MESSAGES/messages.po", "error", "the en catalog cannot be read"),
    ]
    assert {f.rule for f in found} == {"catalog-placeholders"}


def test_a_plural_s_every_form_is_checked_and_each_slip_said_once() -> None:
    from generator.findings import Position
    from generator.words.catalogs import _message_problems

    where = Position("sv.po", 3)
    assert _message_problems(("%(n)d day", "%(n)d days"), ("en dag", "%(n)d dagar"), where) == []
    found = _message_problems(["%(n)d day", "%(n)d days"], ["%(m)d dag", "%(m)d dagar", ""], where)
    assert [f.message for f in found] == [
        "the translation of '%(n)d day' fills m, which its message does not have (it has n)"
    ]
    assert [f.message for f in _message_problems("%(a)s %(b)s", "%(b)s", where)] == [
        "the translation of '%(a)s %(b)s' leaves out a: the page would not say it"
    ]
    assert [f.message for f in _message_problems("x", "%(b)s %(a)s", where)] == [
        "the translation of 'x' fills a, b, which its message does not have (it has none)"
    ]
    assert [f.message for f in _message_problems("x", "5 % or 6 %d", where)] == [
        "'%', '%d' in the translation of 'x' is not a placeholder; write a percent sign as %%"
    ]
