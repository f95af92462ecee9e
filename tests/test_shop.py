"""A second notice, a fictional web shop's, that uses every field of format 2: it checks with no findings,
and every one of its facts is on its Finnish, Swedish and English pages of a real MkDocs build."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import shutil
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.notice import adequacy
from generator.notice.languages import SUPPORTED as LANGS
from generator.notice.model import Notice, Text, texts
from generator.notice.read import read_notice
from generator.words import i18n, vocabulary
from generator.words.render import translate
from support import FIXTURES, PROJECT, make_project, run

SHOP = FIXTURES / "shop" / "notice.yaml"
NOTICE, _ = read_notice(SHOP, PROJECT.schema)


@pytest.fixture(scope="module")
def shop_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("shop"))
    shutil.copy(SHOP, root / "policy" / "notice.yaml")
    released = run(root, "release")
    assert released.returncode == 0, released.stderr
    built = run(root, "build")
    assert built.returncode == 0, built.stderr
    return root / "site"


def page_text(site: Path, lang: str) -> str:
    """The words of the notice page as a reader sees them: tags gone, entities decoded, spaces normalised."""
    source = (site / lang / "index.html").read_text(encoding="utf-8")
    body = source[source.index("<article") : source.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def say(message: str, lang: str, **values: str) -> str:
    return " ".join(translate(message, lang, PROJECT.locales, **values).split())


def plural(singular: str, several: str, lang: str, **values: str) -> str:
    """A plural message for more than one item, e.g. two cookies."""
    return " ".join((i18n.translations(PROJECT.locales, lang).ngettext(singular, several, 2) % values).split())


@pytest.mark.slow
def test_the_shop_checks_with_no_findings(tmp_path: Path) -> None:
    """Checked in a project of its own: in this repository it would be compared with Entrack's releases."""
    result = run(make_project(tmp_path), "check", "--strict", "--lang", "en", str(SHOP))
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith(": 0 errors, 0 warnings (--strict: warnings count as errors)\n")


def _fields_used(value: Any, kind: type, path: str = "") -> Iterator[str]:
    """Every model field the value sets, by path (notes.cookies, purposes[].retention[].event, ...)."""
    hints = typing.get_type_hints(kind)
    for spec in dataclasses.fields(kind):
        if spec.name == "at":
            continue
        inner = getattr(value, spec.name)
        if inner is None or inner == ():
            continue
        yield f"{path}{spec.name}"
        hint = hints[spec.name]
        args = (
            [a for a in typing.get_args(hint) if a is not type(None)]
            if typing.get_origin(hint) in (typing.Union, types.UnionType)
            else [hint]
        )
        item = typing.get_args(args[0])[0] if typing.get_origin(args[0]) is tuple else args[0]
        if dataclasses.is_dataclass(item):
            for element in inner if isinstance(inner, tuple) else (inner,):
                yield from _fields_used(element, item, f"{path}{spec.name}{'[]' if isinstance(inner, tuple) else ''}.")


def _fields(kind: type, path: str = "") -> Iterator[str]:
    hints = typing.get_type_hints(kind)
    for spec in dataclasses.fields(kind):
        if spec.name == "at":
            continue
        yield f"{path}{spec.name}"
        hint = hints[spec.name]
        args = (
            [a for a in typing.get_args(hint) if a is not type(None)]
            if typing.get_origin(hint) in (typing.Union, types.UnionType)
            else [hint]
        )
        listed = typing.get_origin(args[0]) is tuple
        item = typing.get_args(args[0])[0] if listed else args[0]
        if dataclasses.is_dataclass(item):
            yield from _fields(item, f"{path}{spec.name}{'[]' if listed else ''}.")


def test_the_shop_uses_every_field_of_the_format() -> None:
    # The controller is established in Finland, so it has no representative in the EU (Art. 27); the
    # supervisory authority is named only in part on purpose: the Finnish office's other details stay. Its one
    # revision is its first, which no notice period concerns, so it needs no reason to be urgent.
    contact = ("name", "email", "phone", "address", "website")
    left_out = {
        "revision.urgent",
        "representative",
        *(f"representative.{field}" for field in contact),
        *(f"rights.supervisory_authority.{field}" for field in contact if field != "email"),
    }
    assert set(_fields(Notice)) - set(_fields_used(NOTICE, Notice)) == left_out
    names = [r.name for r in NOTICE.recipients]  # names written once, and a descriptive one in each language
    assert any(isinstance(n, str) for n in names) and any(isinstance(n, Text) for n in names)


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_and_name_is_on_the_page(shop_site: Path, lang: str) -> None:
    page = page_text(shop_site, lang)
    expected = [" ".join(text[lang].split()) for path, text in texts(NOTICE) if path[0] != "revision"]
    expected += [value for value in _strings(NOTICE) if value != NOTICE.revision.effective]
    missing = [value for value in expected if value not in page]
    assert missing == []


CODES = {
    "id",
    "role",
    "country",
    "recipient",
    "safeguard",
    "derogation",
    "party",
    "category",
    "duration",
    "prevailing_language",
    "kind",
    "required_by",
    "exception",
    "decided_by",
    "special_condition",
    "basis",
    "period",
    "event",
}
"""Fields whose strings are ids, codes and enum values: the page says them in words, not as written."""


def _strings(value: Any) -> Iterator[str]:
    """Names, addresses, numbers and e-mail addresses written once: every other str of the notice."""
    if dataclasses.is_dataclass(value):
        for spec in dataclasses.fields(value):
            inner = getattr(value, spec.name)
            if spec.name in CODES or spec.name == "at":
                continue
            if isinstance(inner, str):
                yield inner
            elif isinstance(inner, tuple):
                for item in inner:
                    yield from _strings(item)
            else:
                yield from _strings(inner)


def _facts(lang: str) -> list[str]:
    """What the format's structured fields say, in the words of the catalogs."""
    basis = {key: say(label, lang) for key, label in vocabulary.LEGAL_BASES.items()}
    year = lambda value: i18n.format_duration(value, lang)  # noqa: E731
    us, gb = adequacy.load().of("US"), adequacy.load().of("GB")
    return [
        # legal bases: each with what it covers, alternatives joined with "or", pre-contract steps
        # (with several bases each reads "what it covers: basis")
        NOTICE.purposes[0].legal_bases[0].covers[lang] + f": {basis['contract']}",
        NOTICE.purposes[0].legal_bases[1].covers[lang] + f": {basis['legal_obligation']}",
        i18n.format_list([basis["consent"], basis["legitimate_interests"]], lang, "or"),
        NOTICE.purposes[3].legal_bases[0].covers[lang] + f": {basis['pre_contract']}",
        # retention: each rule once, with the data it is for and the event it runs from
        say(vocabulary.RETENTION_EVENTS["end_of_customer_relationship"][0], lang, period=year("P3Y")),
        say(vocabulary.RETENTION_EVENTS["end_of_accounting_year"][0], lang, period=year("P10Y")),
        # a rule by its criterion alone: the vouchers' period runs from an end no event names (Accounting Act 2:10)
        NOTICE.purposes[0].retention[2].label[lang] + ": " + NOTICE.purposes[0].retention[2].criterion[lang],
        say(vocabulary.RETENTION_EVENTS["collected"][0], lang, period=year("P30D")),
        # the newsletter's alternative bases end on one event each: one line, "or"
        i18n.format_list(
            [
                say(vocabulary.RETENTION_EVENTS["consent_withdrawn"][1], lang),
                say(vocabulary.RETENTION_EVENTS["objection"][1], lang),
            ],
            lang,
            "or",
        ),
        say(vocabulary.RETENTION_EVENTS["position_filled"][0], lang, period=year("P6M")),
        # providing the data, per purpose
        say(vocabulary.PROVISION["entering_contract"], lang),
        say(vocabulary.PROVISION["contract"], lang),
        say(vocabulary.PROVISION["none"], lang),
        say(vocabulary.OBLIGATORY[True], lang),
        say(vocabulary.OBLIGATORY[False], lang),
        # automated decisions by the payment provider, an independent controller
        say(vocabulary.DECIDERS["recipient"], lang, recipient="Tilitin Payments AB"),
        say(vocabulary.PROFILING, lang),
        say(vocabulary.DECISION_EXCEPTIONS["contract"], lang),
        say(vocabulary.DECISION_SAFEGUARDS["recipient"], lang, recipient="Tilitin Payments AB"),
        # a source with the data it provides; a retention rule with its label and the law that sets it
        say(vocabulary.SOURCE_DATA, lang, data=NOTICE.data_categories[3].name[lang]),
        NOTICE.purposes[0].retention[1].label[lang]
        + ": "
        + say(vocabulary.RETENTION_EVENTS["end_of_accounting_year"][0], lang, period=year("P10Y"))
        + f" ({NOTICE.purposes[0].retention[1].law[lang]})",
        # Art. 9 and 10
        say(vocabulary.SPECIAL_CONDITIONS["employment"], lang),
        say("special category, Art. 9", lang),
        say("criminal convictions and offences, Art. 10", lang),
        # a publicly accessible source whose name does not say so gets the words of Art. 14(2)(f)
        f"({say('publicly accessible source', lang)})",
        # transfers: the adequacy decision named and dated; the US recipient certified
        say(
            vocabulary.ADEQUACY["covered"],
            lang,
            scope=us.scope_in(lang),
            recipient="Cloudnest Inc.",
            decision=say(
                vocabulary.DECISION_TITLES["implementing"],
                lang,
                number=us.decision,
                date=i18n.format_date(us.adopted, lang),
            ),
        ),
        say(
            vocabulary.ADEQUACY["renewed"],
            lang,
            renewed=i18n.format_date(gb.renewed, lang),
            decision=say(
                vocabulary.DECISION_TITLES["implementing"],
                lang,
                number=gb.decision,
                date=i18n.format_date(gb.adopted, lang),
            ),
        ),
        say(vocabulary.SAFEGUARDS["standard_data_protection_clauses"], lang),
        # the DPO is an organisation; cookies say whether they need consent
        say("An external organisation acts as our data protection officer:", lang),
        plural(
            "The %(cookies)s cookie is set only if you consent.",
            "The %(cookies)s cookies are set only if you consent.",
            lang,
            cookies=i18n.format_list(["_ga", "ads_id"], lang),
        ),
        plural(
            "The %(cookies)s cookie is set without consent.",
            "The %(cookies)s cookies are set without consent.",
            lang,
            cookies=i18n.format_list(["shop_session", "shop_lang"], lang),
        ),
        # the supervisory authority: the address the notice gives, the rest the default's, per language
        "tietosuoja@om.fi",
        "+358 29 566 6700",
        {"fi": "https://tietosuoja.fi", "sv": "https://tietosuoja.fi/sv", "en": "https://tietosuoja.fi/en"}[lang],
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_structured_fact_is_on_the_page(shop_site: Path, lang: str) -> None:
    page = page_text(shop_site, lang)
    missing = [fact for fact in _facts(lang) if fact not in page]
    assert missing == []
    # alternatives are never joined with "and"
    and_word = i18n.format_list(["a", "b"], lang).split()[1]
    assert f"{say(vocabulary.LEGAL_BASES['consent'], lang)} {and_word} " not in page


@pytest.mark.parametrize("lang", LANGS)
def test_each_retention_rule_is_stated_once(shop_site: Path, lang: str) -> None:
    page = page_text(shop_site, lang)
    for event, period in (("end_of_customer_relationship", "P3Y"), ("end_of_accounting_year", "P10Y")):
        phrase = say(vocabulary.RETENTION_EVENTS[event][0], lang, period=i18n.format_duration(period, lang))
        assert page.count(phrase) == 1, phrase


def test_the_shop_site_has_its_first_layer_and_notices_at_the_form_and_their_links_land(shop_site: Path) -> None:
    """Issue 22, items 4 and 5, built: the in-brief pages and the forms page in every language, the fragment and
    JSON of each purpose beside it, versions.json naming them, and every link of them on an existing anchor
    (the fragments link relative to themselves: the shop was released without the site's address)."""
    from browser.test_links import broken_links

    (release,) = json.loads((shop_site / "versions.json").read_text(encoding="utf-8"))["releases"]
    day = release["id"]
    for lang in LANGS:
        for page in ("in-brief", f"{day}/in-brief", f"{day}/forms"):
            assert (shop_site / lang / page / "index.html").is_file(), (lang, page)
        brief = (shop_site / lang / "in-brief" / "index.html").read_text(encoding="utf-8")
        assert len(set(re.findall(r'href="\.\./#(purpose-[a-z-]+)"', brief))) == len(NOTICE.purposes)
        assert release["first_layer"][lang] == f"{lang}/{day}/in-brief/"
    assert list(release["form_notices"]) == [p.id for p in NOTICE.purposes]
    for purpose, urls in release["form_notices"].items():
        for lang, url in urls.items():
            said = json.loads((shop_site / url).read_text(encoding="utf-8"))
            assert url == f"{lang}/{day}/forms/purpose-{purpose}.json" and said["lang"] == lang
            assert said["link"] == f"../#purpose-{purpose}" and said["release"] == day
            fragment = (shop_site / url).with_suffix(".html").read_text(encoding="utf-8")
            assert fragment == said["html"] + "\n"
    problems = broken_links(shop_site)
    assert problems == [], "\n".join(problems)
