"""Notices at the form (issue 22, item 5; words/form_notices.py), and the first layer and form notices frozen with
a release (record/releases.py, the lock): who, why and on what basis in one or two sentences, a link to the
purpose's section of that release, the release id a consent record stores; plain HTML from an autoescaped
template and the same as JSON; frozen, held to the lock, taken from a release folder only as `release` writes
them; the pages and files the site makes of them."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from markupsafe import escape

from generator.environment import Environment
from generator.findings import NoticeError
from generator.notice.read import read_notice, read_notice_text
from generator.project import Project
from generator.record import lock
from generator.record.releases import load_releases, verify
from generator.site.plan import SitePlan, plan_site
from generator.words import form_notices, i18n, vocabulary
from generator.words.first_layer import anchors
from generator.words.form_notices import FormNotice, read
from generator.words.render import render_notice, translate
from support import FIXTURES, HOSTILE_NAME, LANGS, PROJECT, Elements, make_project, release_on

SHOP_TEXT = (FIXTURES / "shop" / "notice.yaml").read_text(encoding="utf-8")
SHOP = read_notice(FIXTURES / "shop" / "notice.yaml", PROJECT.schema)[0]
RELEASE = "2026-06-01"
ADDRESS = "https://tietosuoja.puolukka.example"
FIELDS = ["notice", "release", "purpose", "lang", "text", "html", "link"]


def made(notice=SHOP, lang: str = "en", **options: object) -> tuple[FormNotice, ...]:
    sections = anchors(render_notice(notice, lang, PROJECT.locales))
    return form_notices.form_notices(notice, RELEASE, lang, PROJECT.locales, sections, **options)


def said(message: str, lang: str, **values: str) -> str:
    return translate(message, lang, PROJECT.locales, **values)


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The shop released on 2026-06-01 with the site's address known."""
    project = Project.at(make_project(tmp_path_factory.mktemp("shop")))
    release_on(project, SHOP_TEXT, date(2026, 6, 1), ADDRESS)
    return project


def copy_of(project: Project, root: Path) -> Project:
    return Project.at(Path(shutil.copytree(project.root, root)))


def relock(project: Project, name: str) -> None:
    """Record a file edited by hand in the lock, as someone covering the edit would."""
    data = json.loads(project.lock.read_text(encoding="utf-8"))
    data["releases"][-1]["files"][name] = lock.sha256((project.releases / RELEASE / name).read_bytes())
    project.lock.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def plan(project: Project, site_url: str = "") -> SitePlan:
    return plan_site(project, Environment(date(2026, 6, 15), site_url))


# -- The words ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_who_why_and_on_what_basis_in_the_catalogs_words_and_a_link_to_the_purpose_s_section(lang: str) -> None:
    """Review 22, item 7: "Controller: X. Purpose of the processing: y. Legal bases (GDPR): ..."."""
    for notice in made(lang=lang, site_url=ADDRESS):
        purpose = next(p for p in SHOP.purposes if p.id == notice.purpose)
        name = purpose.name[lang]
        who = " ".join(
            [
                said(vocabulary.FORM_NOTICE["controller"], lang, controller="Puolukka Verkkokauppa Oy"),
                said(vocabulary.FORM_NOTICE["purpose"], lang, purpose=name[:1].lower() + name[1:]),
            ]
        )
        assert notice.text.startswith(who + " ")
        assert notice.link == f"{ADDRESS}/{lang}/{RELEASE}/#purpose-{purpose.id}"
        assert (notice.notice, notice.release, notice.purpose, notice.lang) == (None, RELEASE, purpose.id, lang)
        words = said(vocabulary.FORM_NOTICE_LINK, lang, id=RELEASE)
        assert notice.html == (
            f'<p lang="{lang}">{notice.text} <a href="{notice.link}">{words}</a></p>\n'
            f'<input type="hidden" name="privacy_notice_version" value="{RELEASE}">'
        )
        plural = i18n.translations(PROJECT.locales, lang).ngettext
        labels = [plural("Legal basis (GDPR)", "Legal bases (GDPR)", n) for n in (1, 2)]
        rest = notice.text.removeprefix(who)  # then on what basis
        assert re.match(rf" (?:{'|'.join(map(re.escape, labels))}): [^\n]+\.", rest), rest
    assert made(lang="fi")[0].text.startswith(
        "Rekisterinpitäjä: Puolukka Verkkokauppa Oy. Käsittelyn tarkoitus: tilausten käsittely. Oikeusperusteet: "
        "tilauksen toimittaminen (sopimuksen täytäntöönpano, 6 artiklan 1 kohdan b alakohta); "
    )


def test_the_legal_bases_are_the_full_text_s_words() -> None:
    full = render_notice(SHOP, "en", PROJECT.locales).replace("\\", "")
    newsletter = next(n for n in made() if n.purpose == "newsletter")
    covers = SHOP.purposes[2].legal_bases[0].covers["en"]
    assert f" Legal basis (GDPR): {covers} (consent, Art. 6(1)(a) or legitimate interests, Art. 6(1)(f))." in (
        newsletter.text
    )
    assert covers in full
    orders = next(n for n in made() if n.purpose == "orders")
    assert (
        " Legal bases (GDPR): delivering the order (performance of a contract, Art. 6(1)(b)); bookkeeping "
        "(legal obligation, Art. 6(1)(c))." in orders.text
    )


def test_a_purpose_on_consent_says_before_consent_is_given_that_it_can_be_withdrawn() -> None:
    """Review 22, item 1 (Art. 7(3)): every purpose with consent among its bases, with its own way to withdraw."""
    for lang in LANGS:
        for notice in made(lang=lang):
            purpose = next(p for p in SHOP.purposes if p.id == notice.purpose)
            withdraw = said(vocabulary.FORM_NOTICE["withdraw_consent"], lang)
            assert (withdraw in notice.text) == ("consent" in purpose.bases), (lang, purpose.id)
            if purpose.consent_withdrawal:
                how = f"{said('How to withdraw consent', lang)}: {purpose.consent_withdrawal[lang]}."
                assert f"{withdraw} {how}" in notice.text
    newsletter = next(n for n in made() if n.purpose == "newsletter")
    assert (
        "You can withdraw your consent at any time. The withdrawal does not affect the lawfulness of "
        in newsletter.text
    )


def test_a_purpose_for_direct_marketing_says_the_right_to_object_separately() -> None:
    """Review 22, item 2 (Art. 21(4)): last, in its own sentence; only for a purpose marked direct_marketing, whose
    section of the full text says it too."""
    for lang in LANGS:
        full = render_notice(SHOP, lang, PROJECT.locales)
        objection = said(vocabulary.DIRECT_MARKETING, lang)
        for notice in made(lang=lang):
            marketing = notice.purpose == "newsletter"
            assert notice.text.endswith(" " + objection) == marketing, (lang, notice.purpose)
            assert (objection in notice.text) == marketing
        assert objection in full[full.index("{ #purpose-newsletter }") : full.index("{ #purpose-recruitment }")]
    unmarked = read_notice_text(SHOP_TEXT.replace("    direct_marketing: true\n", ""), "s.yaml", PROJECT.schema)[0]
    assert not any("direct marketing" in n.text for n in made(unmarked))


def test_the_art_9_condition_and_the_art_10_authority_follow_the_legal_bases() -> None:
    """Review 22, item 5."""
    recruitment = next(n for n in made() if n.purpose == "recruitment").text
    order = [
        "Legal bases (GDPR): ",
        "Special categories of personal data (Art. 9): health data given for the interview.",
        "Condition for processing them (Art. 9(2)): processing is necessary for the purposes of carrying out",
        "Law that authorises processing them: the Act on the Protection of Privacy in Working Life (759/2004), section 5.",
        "Personal data relating to criminal convictions and offences (Art. 10): the result of the security clearance.",
        "Law that authorises processing it: the Security Clearance Act (726/2014).",
    ]
    assert [recruitment.index(part) for part in order] == sorted(recruitment.index(part) for part in order)
    assert not any("Art. 9" in n.text for n in made() if n.purpose != "recruitment")


def test_recipients_that_are_controllers_are_named() -> None:
    """Review 22, item 7: only recipients of the purpose whose role is controller or joint controller."""
    advertising = next(n for n in made() if n.purpose == "advertising").text
    assert "The data is also received by Adora Media Oy, which processes it as a controller." in advertising
    newsletter = next(n for n in made() if n.purpose == "newsletter").text
    assert "also received" not in newsletter  # its mailer is a processor
    joint = read_notice_text(
        SHOP_TEXT.replace(
            "name: Adora Media Oy\n    role: controller", "name: Adora Media Oy\n    role: joint_controller"
        ),
        "s.yaml",
        PROJECT.schema,
    )[0]
    (said_,) = [n for n in made(joint, "sv") if n.purpose == "advertising"]
    assert "Uppgifterna tas också emot av Adora Media Oy, som behandlar dem som gemensamt personuppgiftsansvarig." in (
        said_.text
    )


def test_a_purpose_without_a_legal_basis_says_who_and_why_only() -> None:
    notice = read_notice_text(
        "seloste: 2\ncontroller: {name: Pieni Oy}\nrevision: {effective: 2026-01-01, summary: {fi: a, sv: b, en: c}}\n"
        "purposes:\n- id: a\n  name: {fi: Asiakkaat, sv: Kunder, en: EU Customers}\n",
        "n.yaml",
        PROJECT.schema,
    )[0]
    (only,) = made(notice, "sv")
    assert only.text == "Personuppgiftsansvarig: Pieni Oy. Ändamålet med behandlingen: kunder."
    assert made(notice, "en")[0].text == "Controller: Pieni Oy. Purpose of the processing: EU Customers."


def test_a_company_s_notice_links_under_its_folder_and_sends_its_id_too() -> None:
    notice = made(site_url=ADDRESS, prefix="customers/", notice_id="customers")[0]
    assert notice.link == f"{ADDRESS}/en/customers/{RELEASE}/#purpose-orders" and notice.notice == "customers"
    assert notice.html.endswith(
        f'<input type="hidden" name="privacy_notice_version" value="{RELEASE}">\n'
        '<input type="hidden" name="privacy_notice" value="customers">'
    )
    assert read(form_notices.to_json((notice,)), RELEASE, "en") == (notice,)


def test_without_the_site_s_address_the_link_is_relative_to_the_form_notice_s_files() -> None:
    """As versions.json's addresses are relative to it: from <id>/forms/purpose-<id>.html, "../" is the release's
    page, wherever the site is served (a form elsewhere needs the full address: release with it known)."""
    assert [n.link for n in made(prefix="customers/")] == [f"../#purpose-{p.id}" for p in SHOP.purposes]


def test_markup_from_the_notice_is_text_in_the_html_and_escaped_in_the_json() -> None:
    hostile = SHOP_TEXT.replace("name: Puolukka Verkkokauppa Oy", f"name: {json.dumps(HOSTILE_NAME)}", 1).replace(
        "en: Newsletter}", f'en: "{HOSTILE_NAME}\\" onmouseover=\\"x"}}'
    )
    notice = read_notice_text(hostile, "shop.yaml", PROJECT.schema)[0]
    for said_ in made(notice, site_url=ADDRESS):
        elements = Elements.of(said_.html)
        assert [tag for tag, _ in elements] == ["p", "a", "input"]
        assert [attrs for _, attrs in elements][:2] == [[("lang", "en")], [("href", said_.link)]]
        assert "&lt;script&gt;" in said_.html and "<script" not in said_.html and "javascript:" not in said_.link
        raw = form_notices.to_json((said_,))
        assert b"<" not in raw and b">" not in raw and b"&" not in raw  # \u003c ...: safe inside a page's script
        assert json.loads(raw)[said_.purpose]["text"] == said_.text and HOSTILE_NAME.split(" [")[0] in said_.text
    assert read(form_notices.to_json(made(notice)), RELEASE, "en") == made(notice)


# -- A frozen file is taken only as `release` writes it ---------------------------------------------------------


def _edited(**changes: str) -> bytes:
    notice = made(site_url=ADDRESS)[0]
    return form_notices.to_json((dataclasses.replace(notice, **changes),))


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(lambda n: _edited(html=n.html.replace("</p>", "<script>alert(1)</script></p>")), id="script"),
        pytest.param(lambda n: _edited(html=n.html.replace("<a href", "<a onclick=alert(1) href")), id="attribute"),
        pytest.param(lambda n: _edited(html=n.html.replace('lang="en"', 'lang="en" style="x"')), id="style"),
        pytest.param(lambda n: _edited(html=n.html + "<!-- x -->"), id="comment"),
        pytest.param(lambda n: _edited(html="<!DOCTYPE html>" + n.html), id="declaration"),
        pytest.param(lambda n: _edited(html=n.html + "<?x y?>"), id="processing-instruction"),
        pytest.param(lambda n: _edited(html=n.html.replace("</p>", "<![CDATA[x]]></p>")), id="cdata"),
        pytest.param(lambda n: _edited(html=n.html.replace("</p>", "<img src=x onerror=alert(1)></p>")), id="void"),
        pytest.param(lambda n: _edited(html=n.html + "<script"), id="unfinished-tag"),
        pytest.param(lambda n: _edited(html=n.html + "<p>x</p>"), id="more"),
        pytest.param(lambda n: _edited(html=n.html.replace("</p>\n", "</p>\nx")), id="text-outside"),
        pytest.param(lambda n: _edited(link="javascript:alert(1)//en/2026-06-01/#purpose-orders"), id="link-scheme"),
        pytest.param(lambda n: _edited(link=n.link.replace("orders", "fraud")), id="other-purpose"),
        pytest.param(lambda n: _edited(link=n.link.removeprefix(ADDRESS)), id="from-the-root"),
        pytest.param(lambda n: _edited(link="//evil.example/en/2026-06-01/#purpose-orders"), id="other-host"),
        pytest.param(lambda n: _edited(release="2026-06-02"), id="other-release"),
        pytest.param(lambda n: _edited(lang="sv"), id="other-language"),
        pytest.param(lambda n: _edited(notice="<x>"), id="notice-id"),
        pytest.param(lambda n: form_notices.to_json((n,)).replace(b'"link"', b'"href"'), id="keys"),
        pytest.param(lambda n: b"[]", id="shape"),
    ],
)
def test_a_form_notices_file_holding_anything_release_never_writes_is_refused(raw) -> None:
    notice = made(site_url=ADDRESS)[0]
    assert read(form_notices.to_json((notice,)), RELEASE, "en") == (notice,)
    with pytest.raises(ValueError):
        read(raw(notice), RELEASE, "en")


# -- Frozen with the release, in the lock --------------------------------------------------------------------


def test_release_freezes_a_first_layer_and_form_notices_in_each_language_recorded_in_the_lock(shop: Project) -> None:
    (entry,) = lock.read_entries(shop)
    for lang in LANGS:
        for name in (lock.first_layer_name(lang), lock.form_notices_name(lang)):
            assert entry.files[name] == lock.sha256((shop.releases / RELEASE / name).read_bytes())
    assert entry.layered == LANGS
    (release,) = load_releases(shop)
    assert release.form_notices("fi") == made(lang="fi", site_url=ADDRESS)
    assert verify(shop) == [] and release.rendered_anew(shop.locales) == []


def test_entracks_releases_and_their_lock_entries_stay_as_they_were() -> None:
    entries = lock.read_entries(PROJECT)[:3]
    assert [e.id for e in entries] == ["2026-11-25", "2026-11-26", "2026-12-06"]
    assert all(not e.layered and not any("layer" in n or "form" in n for n in e.files) for e in entries)
    assert lock.text(lock.read_entries(PROJECT)) == PROJECT.lock.read_text(encoding="utf-8")
    assert verify(PROJECT) == []


def test_the_lock_takes_a_first_layer_with_its_form_notices_in_each_language_or_none() -> None:
    files = {"notice.yaml": "0" * 64, "notice.json": "1" * 64, "fi.md": "2" * 64, "sv.md": "3" * 64}
    both = {
        f"{kind}.{lang}.{ext}": "4" * 64
        for kind, ext in (("first-layer", "md"), ("form-notices", "json"))
        for lang in ("fi", "sv")
    }

    def read_lock(extra: dict[str, str]) -> tuple[lock.Entry, ...]:
        entry = {"id": "2026-01-01", "effective": "2026-01-01", "files": {**files, **extra}}
        return lock.entries_from_text(json.dumps({"releases": [entry]}), "l")

    assert read_lock(both)[0].layered == ("fi", "sv") and read_lock({})[0].layered == ()
    for wrong in (
        {"first-layer.fi.md": "4" * 64, "first-layer.sv.md": "4" * 64},  # without the form notices
        {k: v for k, v in both.items() if ".sv." not in k},  # not in every language
        {**both, "first-layer.en.md": "4" * 64, "form-notices.en.json": "4" * 64},  # a language it has no text in
        {**both, "first-layer.fi.html": "4" * 64},
    ):
        with pytest.raises(NoticeError) as caught:
            read_lock(wrong)
        assert "the release lock file is damaged" in caught.value.findings[0].message, wrong


def test_an_edited_or_missing_frozen_file_is_caught_as_any_other(shop: Project, tmp_path: Path) -> None:
    copy = copy_of(shop, tmp_path / "copy")
    brief = copy.releases / RELEASE / "first-layer.fi.md"
    brief.write_text(brief.read_text(encoding="utf-8") + "Lisäksi myymme tietosi.\n", encoding="utf-8")
    (copy.releases / RELEASE / "form-notices.sv.json").unlink()
    assert {f.message for f in verify(copy)} == {
        f"release {RELEASE}: first-layer.fi.md was edited after release; a published release never changes "
        "(restore it with git, or make a new release)",
        f"release {RELEASE}: form-notices.sv.json is missing",
    }
    with pytest.raises(NoticeError):
        plan(copy)


def test_a_first_layer_linking_a_section_its_full_text_lacks_is_an_error_of_check_and_build(
    shop: Project, tmp_path: Path
) -> None:
    """Made by hand and recorded in the lock: the first layer says what the full text does not."""
    copy = copy_of(shop, tmp_path / "copy")
    brief = copy.releases / RELEASE / "first-layer.en.md"
    brief.write_text(
        brief.read_text(encoding="utf-8").replace("](<../#purpose-orders>)", "](<../#purpose-selling-data>)"),
        encoding="utf-8",
    )
    relock(copy, "first-layer.en.md")
    assert [f.message for f in verify(copy)] == [
        f"release {RELEASE}: first-layer.en.md links the section #purpose-selling-data, which its full text en.md "
        "does not have; a shorter notice says nothing the full text does not: make the release again"
    ]
    with pytest.raises(NoticeError):
        plan(copy)
    (release,) = load_releases(copy)
    assert [f.message for f in release.rendered_anew(copy.locales)] == [
        f"release {RELEASE}: first-layer.en.md is not what Seloste writes from its notice.json; a release is made "
        "by `release`, never by hand: make it again"
    ]


def test_form_notices_holding_html_release_never_writes_are_refused(shop: Project, tmp_path: Path) -> None:
    copy = copy_of(shop, tmp_path / "copy")
    path = copy.releases / RELEASE / "form-notices.fi.json"
    path.write_bytes(
        path.read_bytes().replace(
            b"\\u003c/p\\u003e", b"\\u003cscript\\u003ex()\\u003c/script\\u003e\\u003c/p\\u003e", 1
        )
    )
    relock(copy, "form-notices.fi.json")
    (found,) = verify(copy)
    assert found.message.startswith(f"release {RELEASE}: form-notices.fi.json is not the form notices Seloste writes")
    with pytest.raises(NoticeError):
        plan(copy).files  # noqa: B018 (the files are made when asked for)


def test_check_since_asks_an_added_release_for_its_first_layer_and_form_notices(shop: Project, tmp_path: Path) -> None:
    copy = copy_of(shop, tmp_path / "copy")
    data = json.loads(copy.lock.read_text(encoding="utf-8"))
    for lang in LANGS:
        for name in (lock.first_layer_name(lang), lock.form_notices_name(lang)):
            del data["releases"][0]["files"][name]
            (copy.releases / RELEASE / name).unlink()
    copy.lock.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (release,) = load_releases(copy)
    assert verify(copy) == []  # a release made before: the site derives them
    missing = [f.message for f in release.rendered_anew(copy.locales)]
    assert len(missing) == 6 and all(
        m.endswith("is missing: `release` writes it; make the release again") for m in missing
    )


# -- The pages, the files, versions.json -------------------------------------------------------------------


def test_the_site_has_the_first_layer_pages_the_forms_pages_and_files_and_versions_json_lists_them(
    shop: Project,
) -> None:
    site = plan(shop)
    for lang in LANGS:
        paths = [page.path for page in site.pages[lang]]
        for path in ("in-brief/index.md", f"{RELEASE}/in-brief/index.md", f"{RELEASE}/forms/index.md"):
            assert path in paths, (lang, path)
        brief = next(page for page in site.pages[lang] if page.path == "in-brief/index.md")
        frozen = (shop.releases / RELEASE / f"first-layer.{lang}.md").read_text(encoding="utf-8")
        heading, _, body = frozen.partition("\n")
        assert brief.markdown.startswith(heading + "\n") and body.strip() in brief.markdown
        notice = next(page for page in site.pages[lang] if page.path == "index.md")
        assert f"[{said(vocabulary.IN_BRIEF_TITLE, lang)}](in-brief/index.md)" in notice.markdown
        forms = next(page for page in site.pages[lang] if page.path == f"{RELEASE}/forms/index.md")
        for said_ in load_releases(shop)[0].form_notices(lang) or ():
            assert said_.html in forms.markdown  # shown as it is ...
            assert f'<code tabindex="0">{escape(said_.html)}</code>' in forms.markdown  # ... and as its source
            base = f"{lang}/{RELEASE}/forms/purpose-{said_.purpose}"
            assert site.files[f"{base}.html"] == (said_.html + "\n").encode("utf-8")
            assert json.loads(site.files[f"{base}.json"]) == dataclasses.asdict(said_)
            assert list(json.loads(site.files[f"{base}.json"])) == FIELDS
    (entry,) = json.loads(site.files["versions.json"])["releases"]
    assert entry["first_layer"] == {lang: f"{lang}/{RELEASE}/in-brief/" for lang in LANGS}
    assert list(entry["form_notices"]) == [p.id for p in SHOP.purposes]
    assert entry["form_notices"]["newsletter"] == {
        lang: f"{lang}/{RELEASE}/forms/purpose-newsletter.json" for lang in LANGS
    }


def test_entracks_site_derives_them_for_its_releases_made_before() -> None:
    site = plan_site(PROJECT, Environment(date(2026, 12, 6), "https://entrack.example"))
    release = load_releases(PROJECT)[-1]
    versions = {r["id"]: r for r in json.loads(site.files["versions.json"])["releases"]}
    purposes = [p.id for p in release.notice.purposes]
    assert list(versions[release.id]["form_notices"]) == purposes
    said_ = json.loads(site.files[f"fi/{release.id}/forms/purpose-marketing.json"])
    assert said_["link"] == f"https://entrack.example/fi/{release.id}/#purpose-marketing"
    assert said_["text"].startswith("Rekisterinpitäjä: Entrack Oy. Käsittelyn tarkoitus: markkinointi ja viestintä.")
    assert re.search(r"\{ #purpose-marketing \}", release.text("fi"))


def test_a_purpose_on_legitimate_interests_says_which_interests_as_the_full_text_does() -> None:
    """Art. 13(1)(d): where the processing rests on Art. 6(1)(f), the legitimate interests pursued."""
    for purpose in SHOP.purposes:
        notice = next(n for n in made() if n.purpose == purpose.id)
        said = f" Legitimate interest: {purpose.legitimate_interest['en']}." if purpose.legitimate_interest else ""
        if "legitimate_interests" in purpose.bases and said:
            assert said in notice.text, purpose.id
        else:
            assert " Legitimate interest: " not in notice.text, purpose.id
    assert any("legitimate_interests" in p.bases and p.legitimate_interest for p in SHOP.purposes)
