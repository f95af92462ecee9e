"""Notices at the form: for each purpose of a release, the few words to place where data is collected for it.

The ICO's "just in time" notice (WP260 rev.01 para. 36: shown as the person fills in a form): where a form
collects personal data, a few sentences name the controller, the purpose and
its legal bases (in the full text's words), its Art. 9(2) condition or Art. 10
law, the recipients that are controllers, that consent can be withdrawn (Art.
7(3)) and, apart, the objection to direct marketing (Art. 21(4)), with a link to that purpose's section of that release: what the
person was told is the release, whose id a consent record stores (EDPB
05/2020 para. 108). Each is plain text, an HTML fragment (an autoescaped
template: a paragraph with the link, and a hidden field carrying the release id
for the form to submit; no script, no style, no class) and the same as JSON:
{notice, release, purpose, lang, text, html, link}.

`release` writes them with the release (form-notices.<lang>.json, one object
keyed by purpose id, in the notice's order), linking the release's page under
the site's address known then (else relative to the form notice's own files
on the site, beside the release's forms page: a form elsewhere needs the full
address, so release with the site's address known); a release made before has none, and its site derives them
from its notice.json with the words of the day (record/releases.py).

A frozen file is untrusted input whatever the lock says: `read` takes only what
`release` writes, its HTML included (`_Fragment`), so that a page or a file
built from it never carries anything else.

>>> from generator.notice.model import LegalBasis, Notice
>>> n = Notice.from_data({"seloste": 2, "controller": {"name": "Shop <Oy>"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}},
...     "purposes": [{"id": "news", "name": {"fi": "Uutiskirje", "sv": "Nyhetsbrev", "en": "Newsletter"},
...                   "legal_bases": [{"basis": "consent"}]}]})
>>> (said,) = form_notices(n, "2026-01-01", "en", PROJECT.locales, frozenset({"purpose-news"}))
>>> said.text
'Controller: Shop <Oy>. Purpose of the processing: newsletter. Legal basis (GDPR): consent (Art. 6(1)(a)). You can withdraw your consent at any time. The withdrawal does not affect the lawfulness of processing based on consent before its withdrawal.'
>>> print(said.html)
<p lang="en">Controller: Shop &lt;Oy&gt;. Purpose of the processing: newsletter. Legal basis (GDPR): consent (Art. 6(1)(a)). You can withdraw your consent at any time. The withdrawal does not affect the lawfulness of processing based on consent before its withdrawal. <a href="../#purpose-news">More in the privacy notice, version 2026-01-01</a></p>
<input type="hidden" name="privacy_notice_version" value="2026-01-01">
>>> read(to_json((said,)), "2026-01-01", "en") == (said,)
True
"""

from __future__ import annotations

import html.parser
import json
import re
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from markupsafe import Markup

from generator.environment import is_site_address
from generator.notice.markup import plain
from generator.notice.model import DataCategory, LegalBasis, Notice, Purpose, Recipient
from generator.words import i18n, vocabulary
from generator.words.filters import Bases
from generator.words.render import render_file, render_text

FIELD = "privacy_notice_version"
"""The name of the hidden field that carries the release id with the form's data (and `privacy_notice`, the
notice's id, in a company's site of several notices)."""
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""An id of the format (policy/schema.json's $defs.id)."""


@dataclass(frozen=True)
class FormNotice:
    """The notice at the form of one purpose of one release, in one language."""

    notice: str | None
    """The notice's id in a company's site of several notices; None for a site of one notice."""
    release: str
    """The release id a consent record stores: what the person was told."""
    purpose: str
    lang: str
    text: str
    """Who, why and on what basis, as plain text."""
    html: str
    """The same words and the link as an HTML fragment (autoescaped)."""
    link: str
    """The purpose's section of the release: its full address, or its address relative to the form notice's files
    on the site (<id>/forms/), where the site's address was not known."""

    @property
    def markup(self) -> Markup:
        """The fragment, for a page to show as it is: only what `form_notices` makes or `read` takes exists."""
        return Markup(self.html)


RELATIVE = "../"
"""The release's page from the files of its notices at the form (<id>/forms/ beside it, site/plan.py)."""


def link(site_url: str, lang: str, prefix: str, release_id: str, purpose_id: str) -> str:
    """The address of a purpose's section of a release (the page site/plan.py gives it: /<lang>/<prefix><id>/);
    without the site's address, relative to the form notice's own files beside the release's forms page (as
    versions.json's addresses are relative to it), so that it works wherever the site is served.

    >>> link("https://a.fi", "sv", "staff/", "2026-01-01", "news"), link("", "fi", "staff/", "2026-01-01", "pay")
    ('https://a.fi/sv/staff/2026-01-01/#purpose-news', '../#purpose-pay')
    """
    if not site_url:
        return f"{RELATIVE}#purpose-{purpose_id}"
    return f"{site_url}/{lang}/{prefix}{release_id}/#purpose-{purpose_id}"


def form_notices(
    notice: Notice,
    release_id: str,
    lang: str,
    locales: Path,
    sections: frozenset[str],
    *,
    site_url: str = "",
    prefix: str = "",
    notice_id: str | None = None,
) -> tuple[FormNotice, ...]:
    """The notice at the form of each purpose of `notice`, released as `release_id`, in `lang`; `sections` are the
    ids of the sections of its full text (first_layer.anchors): a purpose without its section has none."""
    translations = i18n.translations(locales, lang)
    bases = Bases(lang, translations)
    made = []
    for purpose in notice.purposes:
        if f"purpose-{purpose.id}" not in sections:
            continue
        text = render_text("form_notice.txt.j2", lang, locales, sentences=sentences(notice, purpose, bases)).strip()
        address = link(site_url, lang, prefix, release_id, purpose.id)
        fragment = render_file(
            "form_notice.html.j2",
            lang,
            locales,
            text=text,
            link=address,
            words=translations.gettext(vocabulary.FORM_NOTICE_LINK) % {"id": release_id},
            release=release_id,
            notice=notice_id,
            field=FIELD,
            lang=lang,
        ).strip()
        made.append(FormNotice(notice_id, release_id, purpose.id, lang, text, fragment, address))
    return tuple(made)


def sentences(notice: Notice, purpose: Purpose, words: Bases) -> list[str]:
    """What a form notice says, sentence by sentence, in the full text's words: the controller, the purpose, its
    legal bases (and the legitimate interests pursued, Art. 13(1)(d)) and its Art. 9 condition or Art. 10 authority, the recipients that are controllers themselves,
    and before consent is given that it can be withdrawn (Art. 7(3)); for direct marketing, last and on its own,
    the right to object (Art. 21(4))."""
    say = words.translations.gettext
    said = [
        say(vocabulary.FORM_NOTICE["controller"]) % {"controller": plain(notice.controller.name)},
        say(vocabulary.FORM_NOTICE["purpose"]) % {"purpose": lowered(plain(words.plain(purpose.name)))},
    ]
    if purpose.legal_bases:
        label = words.translations.ngettext("Legal basis (GDPR)", "Legal bases (GDPR)", len(purpose.legal_bases))
        said.append(f"{label}: {'; '.join(_basis(item, words) for item in purpose.legal_bases)}.")
    if "legitimate_interests" in purpose.bases and purpose.legitimate_interest:  # Art. 13(1)(d), 14(2)(b)
        said.append(f"{say('Legitimate interest')}: {plain(words.plain(purpose.legitimate_interest))}.")
    said += special_sentences(notice, purpose, words)
    recipients = notice.lookup(Recipient)
    for key in purpose.recipients:
        role = recipients[key].role if key in recipients else None
        if role in ("controller", "joint_controller"):
            name = words.recipient_name(recipients, key)
            said.append(say(vocabulary.FORM_NOTICE[f"{role}_recipient"]) % {"recipient": name})
    if on_consent(purpose):
        said.append(say(vocabulary.FORM_NOTICE["withdraw_consent"]))
        if purpose.consent_withdrawal:
            said.append(f"{say('How to withdraw consent')}: {plain(words.plain(purpose.consent_withdrawal))}.")
    if purpose.direct_marketing:
        said.append(say(vocabulary.DIRECT_MARKETING))
    return said


def on_consent(purpose: Purpose) -> bool:
    """Whether any of the purpose's legal bases is consent (Art. 6(1)(a)) or explicit consent (Art. 9(2)(a))."""
    return "consent" in purpose.bases or purpose.special_condition == "explicit_consent"


def special_sentences(notice: Notice, purpose: Purpose, words: Bases) -> list[str]:
    """The purpose's special categories (Art. 9) with their Art. 9(2) condition and its law, and its data on
    criminal convictions (Art. 10) with the law that authorises it, under the full text's own labels, as plain
    text (the first layer too says them)."""
    known = notice.lookup(DataCategory)
    said = []
    for flag, label in (
        ("special", "Special categories of personal data (Art. 9)"),
        ("criminal", "Personal data relating to criminal convictions and offences (Art. 10)"),
    ):
        named = [
            plain(words.plain(known[i].name)) for i in purpose.data_categories if i in known and getattr(known[i], flag)
        ]
        if named:
            said.append(f"{words.gettext(label)}: {i18n.format_list(named, words.lang)}.")
        if flag == "special" and purpose.special_condition:
            condition = words.gettext(vocabulary.SPECIAL_CONDITIONS[purpose.special_condition])
            said.append(f"{words.gettext('Condition for processing them (Art. 9(2))')}: {condition}.")
        law = purpose.special_condition_law if flag == "special" else purpose.criminal_data_authority
        if law:
            what = "Law that authorises processing them" if flag == "special" else "Law that authorises processing it"
            said.append(f"{words.gettext(what)}: {plain(words.plain(law))}.")
    return said


def lowered(name: str) -> str:
    """A purpose's name after a colon, its first letter lower case, unless it begins an abbreviation ("EU")."""
    return name if name[1:2].isupper() else name[:1].lower() + name[1:]


def _basis(item: LegalBasis, words: Bases) -> str:
    """A legal basis as plain text in the full text's words: what it covers, then in brackets the basis and its
    article (alternatives joined with "or"); a basis that covers nothing named as the full text names it."""
    names = [words.gettext(vocabulary.LEGAL_BASES[b]) for b in item.bases]
    if not item.covers:
        return i18n.format_list(names, words.lang, "or")
    cited = i18n.format_list([_ARTICLE.sub(r"\1, \2", name) for name in names], words.lang, "or")
    return f"{plain(words.plain(item.covers))} ({cited})"


_ARTICLE = re.compile(r"^(.*?) \((.*)\)$")
"""A legal basis as the catalogs name it, its article in brackets: "consent (Art. 6(1)(a))"."""


def to_json(notices: tuple[FormNotice, ...]) -> bytes:
    """The form notices of a release in one language as their file holds them: an object keyed by purpose id.
    `<`, `>` and `&` are written as \\u escapes, so that the JSON can go into an HTML page's script as it is."""
    return _json({n.purpose: _record(n) for n in notices})


def one_json(notice: FormNotice) -> bytes:
    """One form notice as JSON (the file beside its fragment on the site)."""
    return _json(_record(notice))


def _record(notice: FormNotice) -> dict[str, str | None]:
    return {spec.name: getattr(notice, spec.name) for spec in fields(FormNotice)}


def _json(data: object) -> bytes:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def read(raw: bytes | str, release_id: str, lang: str) -> tuple[FormNotice, ...]:
    """The form notices a frozen file of release `release_id` holds in `lang`; ValueError, saying why (in
    English), where it holds anything `release` never writes."""
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not an object keyed by purpose id")
    found = []
    for key, record in data.items():
        if not isinstance(record, dict) or list(record) != [spec.name for spec in fields(FormNotice)]:
            raise ValueError(f"{key!r}: not an object of {', '.join(spec.name for spec in fields(FormNotice))}")
        notice = FormNotice(**record)
        if not all(isinstance(value, str) for value in astuple(notice)[1:]) or not (
            notice.notice is None or (isinstance(notice.notice, str) and _ID.fullmatch(notice.notice))
        ):
            raise ValueError(f"{key!r}: not text")
        if (key, notice.release, notice.lang) != (notice.purpose, release_id, lang) or not _ID.fullmatch(key):
            raise ValueError(f"{key!r}: not the purpose {key!r} of release {release_id} in {lang}")
        if not _linked(notice):
            raise ValueError(f"{key!r}: link {notice.link!r} is not the purpose's section of release {release_id}")
        if not _Fragment.holds(notice):
            raise ValueError(f"{key!r}: html is not the fragment Seloste writes")
        found.append(notice)
    return tuple(found)


def _linked(notice: FormNotice) -> bool:
    """Whether a form notice links its purpose's section of its release: under a site's address, or relative to
    its own files."""
    if notice.link == f"{RELATIVE}#purpose-{notice.purpose}":
        return True
    where = re.fullmatch(
        rf"(.*)/{notice.lang}/(?:[a-z](?:[a-z0-9-]*[a-z0-9])?/)?{re.escape(notice.release)}/#purpose-{notice.purpose}",
        notice.link,
    )
    return where is not None and is_site_address(where[1])


class _Fragment(html.parser.HTMLParser):
    """What a fragment may hold: a paragraph in its language with text and the one link, and the hidden fields that
    carry the release id (and the notice's id); nothing else, not even a comment."""

    def __init__(self, notice: FormNotice):
        super().__init__(convert_charrefs=True)
        self.notice = notice
        self.allowed = {
            "p": [("lang", notice.lang)],
            "a": [("href", notice.link)],
            "input": [("type", "hidden"), ("name", FIELD), ("value", notice.release)],
        }
        self.fine = True
        self.open: list[str] = []
        self.seen: list[str] = []

    @classmethod
    def holds(cls, notice: FormNotice) -> bool:
        parser = cls(notice)
        parser.feed(notice.html)
        parser.close()
        return parser.fine and not parser.open and parser.seen[:2] == ["p", "a"] and "input" in parser.seen

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._expected(tag, attrs):
            self.fine = False
        elif tag != "input":
            self.open.append(tag)
        self.seen.append(tag)

    def _expected(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        """Whether an element is one the fragment holds, with its attributes, where it stands: the paragraph and
        the fields at the top, the link in the paragraph."""
        named = [("type", "hidden"), ("name", "privacy_notice"), ("value", self.notice.notice)]
        if attrs != self.allowed.get(tag) and not (tag == "input" and self.notice.notice and attrs == named):
            return False
        return self.open == (["p"] if tag == "a" else [])

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open.pop() != tag:
            self.fine = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.fine = False

    def handle_data(self, data: str) -> None:
        if not self.open and data.strip():
            self.fine = False

    def handle_comment(self, data: str) -> None:
        self.fine = False

    def handle_decl(self, decl: str) -> None:
        self.fine = False

    def handle_pi(self, data: str) -> None:
        self.fine = False

    def unknown_decl(self, data: str) -> None:
        self.fine = False
