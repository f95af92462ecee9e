"""The first layer of a release (issue 22, item 4; words/first_layer.py): the notice in brief, each point linking
to its section of the full text of the same release, saying nothing that full text does not, and first what
WP260 rev.01 para. 36 asks to put first, where the notice says it."""

from __future__ import annotations

import re

import markdown as markdown_lib
import pytest

from generator.host.extensions import Inert
from generator.notice.model import Notice
from generator.notice.read import read_notice, read_notice_text
from generator.record.releases import first_layer_of, load_releases
from generator.words import i18n, vocabulary
from generator.words.first_layer import anchors, markdown, unsaid
from generator.words.render import render_notice, translate
from support import FIXTURES, HOSTILE_NAME, LANGS, MULTI_VERSIONS, PROJECT, Elements

NOTICES = {
    "shop": FIXTURES / "shop" / "notice.yaml",
    "clinic": FIXTURES / "clinic" / "notice.yaml",
    "entrack": PROJECT.notice,
    **{f"multi-{path.stem}": path for path in MULTI_VERSIONS},
}
SHOP = read_notice(NOTICES["shop"], PROJECT.schema)[0]
MINIMAL = """seloste: 2
controller: {name: Pieni Oy}
revision: {effective: 2026-01-01, summary: {fi: a, sv: b, en: c}}
"""


def brief(notice: Notice, lang: str) -> tuple[str, str]:
    """The first layer of `notice` in `lang`, as `release` writes it, and the full text it goes with."""
    full = render_notice(notice, lang, PROJECT.locales)
    return markdown(notice, lang, PROJECT.locales, anchors(full)), full


def said(message: str, lang: str) -> str:
    return translate(message, lang, PROJECT.locales)


def section(full: str, anchor: str) -> str:
    """The part of a full text under the heading with `anchor`, up to the next heading of its level or above."""
    found = re.search(rf"^(#+) .*\{{ #{anchor} \}}$", full, re.M)
    assert found, anchor
    level = len(found[1])
    rest = full[found.end() :]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(NOTICES))
def test_every_section_the_first_layer_links_is_in_the_full_text(name: str, lang: str) -> None:
    notice = read_notice(NOTICES[name], PROJECT.schema)[0]
    first, full = brief(notice, lang)
    assert unsaid(first, full) == ()
    linked = re.findall(r"\]\(<\.\./#([^>]+)>\)", first)
    listed = re.findall(r"^- \[[^\]]+\]\(<\.\./#(purpose-[^>]+)>\)", first, re.M)
    assert [f"purpose-{p.id}" for p in notice.purposes] == listed
    assert {"controller", "rights"} <= set(linked) or not notice.rights.granted
    assert first.rstrip().endswith(f"[{said('Read the full privacy notice', lang)}](<../>)")


@pytest.mark.parametrize("lang", LANGS)
def test_entracks_releases_made_before_get_a_first_layer_from_their_notice_json(lang: str) -> None:
    """Entrack's three releases froze none: the site makes each from its notice.json with today's words, for the
    sections its frozen full text has."""
    for release in load_releases(PROJECT)[:3]:
        assert release.first_layer(lang) is None and not release.layered
        first = first_layer_of(release, lang, PROJECT.locales)
        assert unsaid(first, release.text(lang)) == ()
        assert first == markdown(release.notice, lang, PROJECT.locales, anchors(release.text(lang)))
        assert f"](<../#purpose-{release.notice.purposes[0].id}>)" in first


def test_each_purpose_is_one_line_with_its_legal_bases_in_the_full_text_s_words() -> None:
    for lang in LANGS:
        first, full = brief(SHOP, lang)
        for purpose in SHOP.purposes:
            line = re.search(rf"^- \[[^\]]+\]\(<\.\./#purpose-{purpose.id}>\): (.*)$", first, re.M)
            assert line, (lang, purpose.id)
            bases = line[1].split(". ")[0].rstrip(".")
            for basis in bases.split("; "):
                assert basis in section(full, f"purpose-{purpose.id}"), (lang, purpose.id, basis)


def test_a_purpose_line_gives_its_art_9_condition_and_law_and_its_art_10_authority_after_the_bases() -> None:
    """Review 22, item 5: the condition of Art. 9(2), its law, and the law that authorises Art. 10 data, in the
    full text's words, after the Art. 6 bases."""
    first, full = brief(SHOP, "en")
    line = re.search(r"^- \[Recruitment\]\(<\.\./#purpose-recruitment>\): (.*)$", first, re.M)
    assert line
    said_ = line[1]
    for part in (
        "keeping the application for later openings: consent (Art. 6(1)(a)). Special categories of personal data",
        "Condition for processing them (Art. 9(2)): processing is necessary for the purposes of carrying out",
        "Law that authorises processing them: the Act on the Protection of Privacy in Working Life (759/2004)",
        "Law that authorises processing it: the Security Clearance Act (726/2014).",
    ):
        assert part in said_, part
    assert "the Security Clearance Act (726/2014)" in section(full, "purpose-recruitment")


def test_what_wp260_asks_to_put_first_comes_first_and_each_links_the_section_that_says_it() -> None:
    first, full = brief(SHOP, "en")
    head, _, rest = first.partition("## Please note in particular\n\n")
    assert "## Controller" in rest and "## Controller" not in head
    points = re.findall(r"^- \*\*\[([^\]]+)\]\(<\.\./#([a-z-]+)>\):\*\* (.*)$", rest.split("\n\n")[0], re.M)
    assert points == [
        (
            "Decisions based solely on automated processing, including profiling (Art. 22)",
            "purpose-fraud",
            "Preventing payment fraud – Tilitin Payments AB decides automatically; a high-risk payment is refused",
        ),
        ("Transfers outside the EU/EEA", "transfers", "United States, India, United Kingdom and Australia"),
        ("Special categories of personal data (Art. 9)", "purpose-recruitment", "health data given for the interview"),
        (
            "Personal data relating to criminal convictions and offences (Art. 10)",
            "purpose-recruitment",
            "the result of the security clearance",
        ),
        ("Third-party marketing cookies", "cookies", r"ads\_id (Adora Media Oy)"),
    ]
    for _label, anchor, value in points[1:]:  # each value named in the section it links
        for name in re.split(r", | and ", value.replace("\\", "")):
            assert name.split(" (")[0] in section(full, anchor).replace("\\", ""), (anchor, name)
    fraud = section(full, "purpose-fraud")
    assert "Tilitin Payments AB makes decisions" in fraud and "a high-risk payment is refused" in fraud


def test_a_decision_without_profiling_does_not_say_profiling() -> None:
    """Review 22, item 4: "including profiling" only where the full text says the decision involves it."""
    text = NOTICES["shop"].read_text(encoding="utf-8").replace("      profiling: true\n", "")
    first = brief(read_notice_text(text, "shop.yaml", PROJECT.schema)[0], "en")[0]
    assert "- **[Decisions based solely on automated processing (Art. 22)](<../#purpose-fraud>):** Preventing" in first
    assert "profiling" not in first


@pytest.mark.parametrize("lang", LANGS)
def test_the_points_said_first_are_in_the_catalogs_words(lang: str) -> None:
    first = brief(SHOP, lang)[0]
    for key, label in vocabulary.NOTABLE.items():
        if key == "automated_decisions":  # the shop's decision involves profiling
            continue
        assert f"**[{said(label, lang)}](<../#" in first, label
    assert f"## {said('Please note in particular', lang)}\n" in first
    audience = SHOP.audience[lang] if SHOP.audience else ""
    assert first.startswith(f"# {said(vocabulary.IN_BRIEF_TITLE, lang)}: Puolukka Verkkokauppa Oy – {audience}\n")


def test_the_rights_in_one_line_by_their_names_in_the_order_of_the_articles() -> None:
    """Review 22, item 3: consent withdrawable "at any time", the objection of Art. 21(1) in the list, the
    objection to direct marketing on its own (item 2), and the rights of Art. 22(3) where a decision has them."""
    names = {
        "objection": vocabulary.FIRST_LAYER_RIGHTS["objection"],
        "withdraw_consent": vocabulary.FIRST_LAYER_RIGHTS["withdraw_consent"],
    }
    for lang in LANGS:
        first = brief(SHOP, lang)[0]
        rights = [names.get(r, vocabulary.RIGHTS[r][0]) for r in vocabulary.RIGHTS if r in SHOP.rights.granted]
        said_ = [said(r, lang) for r in rights if r != vocabulary.RIGHTS["object_direct_marketing"][0]]
        said_.append(said(vocabulary.HUMAN_INTERVENTION, lang))
        listed = i18n.format_list([said_[0], *(n[:1].lower() + n[1:] for n in said_[1:])], lang)
        assert f"\n{listed}. [{said('More about your rights', lang)}](<../#rights>)\n" in first
        assert f"\n\n{said(vocabulary.DIRECT_MARKETING, lang)}\n\n" in first
    en = brief(SHOP, "en")[0]
    assert "right to withdraw your consent at any time (Art. 7(3))" in en and "right to object (Art. 21(1))" in en
    assert "direct marketing (Art. 21(2) and (3))" not in en


def test_the_rights_of_art_22_3_only_where_a_decision_has_them() -> None:
    """A decision authorised by law has the safeguards that law lays down (the full text gives no Art. 22(3))."""
    text = NOTICES["shop"].read_text(encoding="utf-8").replace("      exception: contract\n", "      exception: law\n")
    first, full = brief(read_notice_text(text, "shop.yaml", PROJECT.schema)[0], "en")
    assert "(Art. 22(3))" not in first and "(Art. 22(3))" not in full


def test_the_summary_says_what_it_is() -> None:
    """Review 22, item 9."""
    assert (
        "\nThis is a summary of our privacy notice. Each link leads to the section of the full notice that gives "
        "more detail.\n" in brief(SHOP, "en")[0]
    )
    assert (
        "\nDetta är en sammanfattning av vår dataskyddsbeskrivning. Varje länk leder till motsvarande avsnitt"
        in (brief(SHOP, "sv")[0])
    )


def test_where_the_notice_is_silent_the_first_layer_says_nothing() -> None:
    quiet = read_notice_text(
        MINIMAL + "transfers_outside_eea: false\nautomated_decisions: {exists: false}\n"
        "purposes:\n- id: a\n  name: {fi: A, sv: A, en: A}\n",
        "n.yaml",
        PROJECT.schema,
    )[0]
    first, full = brief(quiet, "en")
    assert "Please note" not in first and "## Your rights" not in first
    assert "\n- [A](<../#purpose-a>)\n" in first  # no legal basis given: none said
    assert "\n[Pieni Oy](<../#controller>)\n" in first  # no contact details given: none said
    assert unsaid(first, full) == ()


def test_a_transfer_or_a_decision_the_notice_only_flags_is_said_without_details() -> None:
    flagged = read_notice_text(
        MINIMAL + "transfers_outside_eea: true\nautomated_decisions: {exists: true}\n", "n.yaml", PROJECT.schema
    )[0]
    first, full = brief(flagged, "fi")
    assert (
        "- **[Pelkästään automaattiseen käsittelyyn perustuvat päätökset (22 artikla)](<../#automated-decisions>)**\n"
        in first
    )
    assert "- **[Siirrot EU:n ja ETA:n ulkopuolelle](<../#transfers>)**\n" in first
    assert unsaid(first, full) == ()


def test_a_point_whose_section_the_full_text_lacks_is_left_out() -> None:
    """An older release's full text, made by other templates, may lack a section today's has."""
    full = render_notice(SHOP, "en", PROJECT.locales)
    older = anchors(full) - {"transfers", "purpose-fraud", "rights"}
    first = markdown(SHOP, "en", PROJECT.locales, older)
    assert "#transfers" not in first and "#purpose-fraud" not in first and "#rights" not in first
    assert "](<../#purpose-orders>)" in first and unsaid(first, full) == ()


def test_unsaid_names_each_section_linked_that_the_full_text_lacks() -> None:
    first = brief(SHOP, "en")[0]
    full = render_notice(SHOP, "en", PROJECT.locales)
    without = full.replace("{ #cookies }", "").replace("{ #purpose-newsletter }", "")
    assert unsaid(first, without) == ("cookies", "purpose-newsletter")


def test_markup_in_the_notice_stays_text_in_the_first_layer() -> None:
    text = NOTICES["shop"].read_text(encoding="utf-8")
    for old in ("name: Puolukka Verkkokauppa Oy", "en: Newsletter}", "en: health data given for the interview}"):
        assert old in text, old
    hostile = (
        text.replace("name: Puolukka Verkkokauppa Oy", f"name: {HOSTILE_NAME!r}".replace("'", '"'), 1)
        .replace("en: Newsletter}", f'en: "{HOSTILE_NAME}"}}')
        .replace("en: health data given for the interview}", f'en: "{HOSTILE_NAME}"}}')
        .replace("name: ads_id", 'name: "<b>ads</b>"')
    )
    notice = read_notice_text(hostile, "shop.yaml", PROJECT.schema)[0]
    first, full = brief(notice, "en")
    assert unsaid(first, full) == ()
    html = markdown_lib.markdown(first, extensions=["attr_list", Inert()])
    elements = Elements.of(html)
    assert {tag for tag, _ in elements} <= {"h1", "h2", "p", "ul", "li", "strong", "a", "em"}, elements
    assert {name for _, attrs in elements for name, _ in attrs} == {"href"}
    assert all(value.startswith(("../", "mailto:", "https://")) for _, attrs in elements for _, value in attrs)
    assert html.count('href="../#purpose-newsletter"') == 1  # the name inside the link is text: no link in a link


def test_the_controller_line_gives_every_contact_detail_the_notice_has() -> None:
    first, _ = brief(SHOP, "en")
    assert (
        "[Puolukka Verkkokauppa Oy](<../#controller>), Kauppakatu 5, FI-40100 Jyväskylä, "
        "[tietosuoja@puolukka.example](<mailto:tietosuoja@puolukka.example>), \\+358 14 555 0100, "
        "[https://puolukka.example](<https://puolukka.example>)\n"
    ) in first


def test_a_point_of_the_first_layer_cannot_change() -> None:
    from dataclasses import FrozenInstanceError

    from generator.words.first_layer import Item

    item = Item("Controller", "controller")
    with pytest.raises(FrozenInstanceError):
        item.label = "Someone else"  # type: ignore[misc]
    assert hash(item) == hash(Item("Controller", "controller"))


def test_a_decision_whose_consequences_the_notice_does_not_give_ends_with_who_decides() -> None:
    line = (
        "      consequences: {fi: korkean riskin maksu hylätään, sv: en betalning med hög risk avvisas, "
        "en: a high-risk payment is refused}\n"
    )
    text = NOTICES["shop"].read_text(encoding="utf-8").replace(line, "")
    first = brief(read_notice_text(text, "shop.yaml", PROJECT.schema)[0], "en")[0]
    assert "(<../#purpose-fraud>):** Preventing payment fraud – Tilitin Payments AB decides automatically\n" in first
