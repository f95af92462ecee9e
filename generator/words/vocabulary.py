"""The words for the format's enum values, marked for the gettext catalogs.

Each label is an English msgid; `pybabel extract` (see babel.cfg) finds it by
the N_ marker, and the catalogs in locales/ give the official Finnish and
Swedish terms of the GDPR (../shared/gdpr-terms.md).
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 (gettext's name for a string marked, not translated)
    """Mark a string for extraction; it is translated where it is shown."""
    return message


LEGAL_BASES = {
    "consent": N_("consent (Art. 6(1)(a))"),
    "contract": N_("performance of a contract (Art. 6(1)(b))"),
    "pre_contract": N_("steps taken at your request prior to entering into a contract (Art. 6(1)(b))"),
    "legal_obligation": N_("legal obligation (Art. 6(1)(c))"),
    "vital_interests": N_("vital interests (Art. 6(1)(d))"),
    "public_task": N_("public task or official authority (Art. 6(1)(e))"),
    "legitimate_interests": N_("legitimate interests (Art. 6(1)(f))"),
}

RETENTION_EVENTS = {  # event: (with a period, which runs from it; alone, "until" it)
    "end_of_customer_relationship": (
        N_("%(period)s from the end of the customer relationship"),
        N_("until the end of the customer relationship"),
    ),
    "end_of_accounting_year": (
        N_("%(period)s from the end of the financial year"),
        N_("until the end of the financial year"),
    ),
    "end_of_contract": (N_("%(period)s from the end of the contract"), N_("until the end of the contract")),
    "end_of_employment": (N_("%(period)s from the end of the employment"), N_("until the end of the employment")),
    "position_filled": (N_("%(period)s after the position has been filled"), N_("until the position is filled")),
    "collected": (N_("%(period)s from collection"), N_("%(period)s from collection")),
    "consent_withdrawn": (N_("%(period)s after you withdraw your consent"), N_("until you withdraw your consent")),
    "objection": (N_("%(period)s after you object to the processing"), N_("until you object to the processing")),
}

PROVISION = {
    "statute": N_("Providing the data is a statutory requirement."),
    "contract": N_("Providing the data is a contractual requirement."),
    "entering_contract": N_("Providing the data is a requirement necessary to enter into a contract."),
    "none": N_(
        "Providing the data is neither a statutory nor a contractual requirement, nor a requirement necessary to "
        "enter into a contract."
    ),
}

OBLIGATORY = {
    True: N_("You are obliged to provide the data."),
    False: N_("You are not obliged to provide the data."),
}

DECISION_EXCEPTIONS = {  # why a decision based solely on automated processing is allowed (Art. 22(2))
    "contract": N_(
        "The decisions are necessary for entering into, or performance of, a contract between you and a "
        "controller (Art. 22(2)(a))."
    ),
    "law": N_(
        "The decisions are authorised by Union or Member State law to which the controller is subject and which "
        "also lays down suitable measures to safeguard your rights and freedoms and legitimate interests "
        "(Art. 22(2)(b))."
    ),
    "explicit_consent": N_("The decisions are based on your explicit consent (Art. 22(2)(c))."),
}

DECISION_SAFEGUARDS = {  # Art. 22(3), in full, where a decision rests on Art. 22(2)(a) or (c)
    # NOTE: GDPR Art. 22(3) in the regulation's words as corrected (OJ L 127, 23.5.2018): fi "oikeus vaatia
    # rekisterinpitäjältä ihmisen osallistumista tietojen käsittelyyn ja oikeus esittää kantansa ja riitauttaa
    # päätös"; sv "rätt till mänskligt ingripande från den personuppgiftsansvariges sida för att kunna uttrycka sin
    # åsikt och bestrida beslutet" (the 2016 "personlig kontakt" was replaced by the corrigendum).
    "controller": N_(
        "You have the right to obtain human intervention on the part of the controller, to express your point of "
        "view and to contest the decision (Art. 22(3))."
    ),
    # NOTE: As above; then the name of the recipient that makes the decisions as an independent controller.
    "recipient": N_(
        "You have the right to obtain human intervention on the part of the controller, to express your point of "
        "view and to contest the decision (Art. 22(3)). The controller that makes the decisions is %(recipient)s."
    ),
}

DECIDERS = {  # who makes a purpose's automated decisions (Art. 22(1)): the controller, or a named recipient
    "controller": N_(
        "For this purpose we make decisions based solely on automated processing which produce legal effects "
        "concerning you or similarly significantly affect you (Art. 22(1))."
    ),
    "recipient": N_(
        "For this purpose %(recipient)s makes decisions based solely on automated processing which produce legal "
        "effects concerning you or similarly significantly affect you (Art. 22(1))."
    ),
}

PROFILING = N_("The decisions involve profiling.")

ADEQUACY = {  # the Commission's adequacy decision for a transfer's country (Art. 45(1), 45(3))
    # NOTE: %(decision)s is the decision's title, number and date (DECISION_TITLES), e.g. "Commission Implementing
    # Decision (EU) 2021/1772 of 28 June 2021".
    "full": N_(
        "The European Commission has decided that this country ensures an adequate level of protection (%(decision)s)."
    ),
    "renewed": N_(
        "The European Commission has decided that this country ensures an adequate level of protection "
        "(%(decision)s, renewed on %(renewed)s)."
    ),
    # NOTE: A decision that covers only some recipients (Art. 45(1) "specified sectors"); %(scope)s names them in the
    # form the sentence needs after "transferred to" (fi: allative, "...organisaatioille"), e.g. "organisations that
    # have self-certified under the EU–US Data Privacy Framework and appear on its list of participating
    # organisations"; %(recipient)s is the recipient of the transfer, one of them.
    "covered": N_(
        "The European Commission has decided that an adequate level of protection is ensured in this country only "
        "for personal data transferred to %(scope)s (%(decision)s). %(recipient)s is one of them."
    ),
    # NOTE: As above, where the transfer names no recipient.
    "covered_unnamed": N_(
        "The European Commission has decided that an adequate level of protection is ensured in this country only "
        "for personal data transferred to %(scope)s (%(decision)s). The recipient of this transfer is one of them."
    ),
    # NOTE: As above, where the notice does not say that the recipient is covered.
    "partial": N_(
        "The European Commission's adequacy decision (%(decision)s) covers in this country only personal data "
        "transferred to %(scope)s."
    ),
}

DECISION_TITLES = {  # an adequacy decision's title, as the Official Journal gives it (adequacy.json "kind")
    # NOTE: A decision adopted by means of an implementing act (Art. 45(3)); %(number)s e.g. "(EU) 2023/1795".
    "implementing": N_("Commission Implementing Decision %(number)s of %(date)s"),
    # NOTE: A decision of the Commission that is not an implementing act (those made under Directive 95/46/EC, Art. 45(9)).
    "decision": N_("Commission Decision %(number)s of %(date)s"),
}

# NOTE: After a source of the data and its description; %(data)s lists categories of personal data.
SOURCE_DATA = N_("Personal data obtained from this source: %(data)s.")

PUBLIC_WORDS = {
    "fi": ("julki", "yleisesti saatavil"),
    "sv": ("offentlig", "allmänt tillgänglig", "allmänt tillgängliga"),
    "en": ("public",),
}
"""Words that, in a source's name, already say that the source is public (Art. 14(2)(f)): the page then does not
repeat "publicly accessible source" after the name. Matched in lower case, anywhere in the name."""

RIGHTS_CONTACT_FALLBACK = {  # where the notice names no contact for requests: they go to the controller
    # NOTE: %(controller)s is a link to the section "Controller", which gives the controller's contact details.
    "details": N_("To exercise your rights, contact the controller at the contact details given under %(controller)s."),
    "bare": N_("To exercise your rights, contact the controller."),
}

CONTROLLER_SECTION = N_("Controller")
"""The heading of the controller's section, which the fallback sentence links to."""

_AUTHORITIES = (  # Finnish authorities' official names in each language; a recipient named once gets them
    {"fi": "Verohallinto", "sv": "Skatteförvaltningen", "en": "Finnish Tax Administration"},
    {
        "fi": "Tietosuojavaltuutetun toimisto",
        "sv": "Dataombudsmannens byrå",
        "en": "Office of the Data Protection Ombudsman",
    },
    {
        "fi": "Patentti- ja rekisterihallitus",
        "sv": "Patent- och registerstyrelsen",
        "en": "Finnish Patent and Registration Office",
    },
    {"fi": "Kansaneläkelaitos", "sv": "Folkpensionsanstalten", "en": "Social Insurance Institution of Finland"},
    {"fi": "Tulli", "sv": "Tullen", "en": "Finnish Customs"},
    {"fi": "Poliisi", "sv": "Polisen", "en": "Police of Finland"},
    {"fi": "Ulosottolaitos", "sv": "Utsökningsverket", "en": "National Enforcement Authority Finland"},
    {
        "fi": "Digi- ja väestötietovirasto",
        "sv": "Myndigheten för digitalisering och befolkningsdata",
        "en": "Digital and Population Data Services Agency",
    },
    {"fi": "Tilastokeskus", "sv": "Statistikcentralen", "en": "Statistics Finland"},
    {"fi": "Finanssivalvonta", "sv": "Finansinspektionen", "en": "Financial Supervisory Authority"},
)

FINNISH_AUTHORITIES: dict[str, dict[str, str]] = {
    " ".join(name.split()).casefold(): names for names in _AUTHORITIES for name in names.values()
}
"""A Finnish authority by any of its names (case and spaces ignored): its official name in each language.
A recipient with role `authority` whose name is written once as one of these is shown by its name in the
page's language (Verohallinto is Skatteförvaltningen on the Swedish page); any other name is written in each
language by the author."""

SPECIAL_CONDITIONS = {
    "explicit_consent": N_("explicit consent (Art. 9(2)(a))"),
    # NOTE: Art. 9(2)(b), (c), (g) and (h) in full, as clauses: "processing is necessary ...", with the condition.
    "employment": N_(
        "processing is necessary for the purposes of carrying out the obligations and exercising specific rights of "
        "the controller or of the data subject in the field of employment and social security and social protection "
        "law in so far as it is authorised by Union or Member State law or a collective agreement pursuant to Member "
        "State law providing for appropriate safeguards for the fundamental rights and the interests of the data "
        "subject (Art. 9(2)(b))"
    ),
    "vital_interests": N_(
        "processing is necessary to protect the vital interests of you or of another natural person where you are "
        "physically or legally incapable of giving consent (Art. 9(2)(c))"
    ),
    "not_for_profit": N_("activities of a not-for-profit body with regard to its members (Art. 9(2)(d))"),
    "made_public": N_("data you have manifestly made public (Art. 9(2)(e))"),
    "legal_claims": N_("the establishment, exercise or defence of legal claims (Art. 9(2)(f))"),
    "substantial_public_interest": N_(
        "processing is necessary for reasons of substantial public interest, on the basis of Union or Member State "
        "law which is proportionate to the aim pursued, respects the essence of the right to data protection and "
        "provides for suitable and specific measures to safeguard your fundamental rights and interests "
        "(Art. 9(2)(g))"
    ),
    "health_care": N_(
        "processing is necessary for the purposes of preventive or occupational medicine, for the assessment of the "
        "working capacity of the employee, medical diagnosis, the provision of health or social care or treatment or "
        "the management of health or social care systems and services on the basis of Union or Member State law or "
        "pursuant to contract with a health professional, subject to the conditions and safeguards referred to in "
        "Art. 9(3) (Art. 9(2)(h))"
    ),
    "public_health": N_("public interest in the area of public health (Art. 9(2)(i))"),
    "archiving_research": N_(
        "archiving in the public interest, scientific or historical research or statistics (Art. 9(2)(j))"
    ),
}

RECIPIENT_ROLES = {  # shown in brackets after a recipient's name
    # NOTE: GDPR Art. 4(8): one who processes personal data on the controller's behalf.
    "processor": N_("processor"),
    # NOTE: GDPR: a recipient that decides itself why and how it processes the data (sv: självständigt personuppgiftsansvarig).
    "controller": N_("independent controller"),
    "joint_controller": N_("joint controller"),
    "authority": N_("public authority"),
}

SAFEGUARDS = {
    "adequacy_decision": N_("adequacy decision of the European Commission (Art. 45)"),
    "standard_data_protection_clauses": N_(
        "standard data protection clauses adopted by the Commission (Art. 46(2)(c))"
    ),
    "binding_corporate_rules": N_("binding corporate rules (Art. 47)"),
    "derogation": N_("derogation for a specific situation (Art. 49)"),
}

DEROGATIONS = {  # which derogation of Art. 49(1) a transfer rests on, after "derogation for a specific situation"
    "explicit_consent": N_(
        "you have explicitly consented to the proposed transfer, after having been informed of the possible risks "
        "of such transfers for you due to the absence of an adequacy decision and appropriate safeguards "
        "(Art. 49(1)(a))"
    ),
    "contract": N_(
        "the transfer is necessary for the performance of a contract between you and the controller or the "
        "implementation of pre-contractual measures taken at your request (Art. 49(1)(b))"
    ),
    "contract_in_interest": N_(
        "the transfer is necessary for the conclusion or performance of a contract concluded in your interest "
        "between the controller and another natural or legal person (Art. 49(1)(c))"
    ),
    "public_interest": N_("the transfer is necessary for important reasons of public interest (Art. 49(1)(d))"),
    "legal_claims": N_(
        "the transfer is necessary for the establishment, exercise or defence of legal claims (Art. 49(1)(e))"
    ),
    "vital_interests": N_(
        "the transfer is necessary in order to protect the vital interests of you or of other persons, where you "
        "are physically or legally incapable of giving consent (Art. 49(1)(f))"
    ),
    "public_register": N_(
        "the transfer is made from a register which according to Union or Member State law is intended to provide "
        "information to the public (Art. 49(1)(g))"
    ),
    # NOTE: Art. 49(1), second subparagraph: the only derogation whose safeguards Art. 13(1)(f) asks to be described.
    "compelling_legitimate_interests": N_(
        "the transfer is necessary for the purposes of compelling legitimate interests pursued by the controller "
        "which are not overridden by your interests or rights and freedoms, and the controller has provided "
        "suitable safeguards (Art. 49(1), second subparagraph)"
    ),
}

COOKIE_PARTIES = {  # shown in brackets after a cookie's provider
    # NOTE: A cookie set by the website itself.
    "first": N_("first party"),
    # NOTE: A cookie set by another party than the website.
    "third": N_("third party"),
}

COOKIE_COLUMNS = {  # the facts of a cookie, in the order the page gives them
    # NOTE: A column heading: the cookie's name as the browser shows it (e.g. _ga).
    "name": N_("Cookie"),
    # NOTE: A column heading: who sets the cookie (a company or service).
    "provider": N_("Provider"),
    # NOTE: A column heading: what the cookie is used for.
    "purpose": N_("Purpose"),
    # NOTE: A column heading: strictly necessary, functional, analytics or marketing.
    "category": N_("Category"),
    # NOTE: A column heading: how long the cookie is kept in the browser.
    "duration": N_("Duration"),
}

COOKIE_CATEGORIES = {  # a cookie's category, lower case in a table cell
    # NOTE: A cookie category: needed for a service the user asked for; needs no consent.
    "necessary": N_("strictly necessary"),
    "functional": N_("functional"),
    "analytics": N_("analytics"),
    "marketing": N_("marketing"),
}

RIGHTS = {  # each right as the article grants it: to whom, on which legal bases, with its exceptions
    "access": (
        N_("Right of access (Art. 15)"),
        N_(
            "You have the right to obtain from us confirmation as to whether or not personal data concerning you are "
            "being processed and, where that is the case, access to the personal data and to the information listed "
            "in Art. 15, and a copy of the personal data undergoing processing."
        ),
    ),
    "rectification": (
        N_("Right to rectification (Art. 16)"),
        N_(
            "You have the right to obtain from us without undue delay the rectification of inaccurate personal data "
            "concerning you. Taking into account the purposes of the processing, you have the right to have "
            "incomplete personal data completed, including by means of providing a supplementary statement."
        ),
    ),
    "erasure": (
        N_("Right to erasure (Art. 17)"),
        N_(
            "You have the right to obtain from us the erasure of personal data concerning you without undue delay "
            "(\u201cright to be forgotten\u201d) where one of the grounds in Art. 17(1) applies, for example where the "
            "data are no longer necessary for the purposes for which they were collected or otherwise processed. "
            "The right does not apply to the extent that processing is necessary on a ground in Art. 17(3), such "
            "as compliance with a legal obligation which requires processing by Union or Member State law to which "
            "we are subject."
        ),
    ),
    "restriction": (
        N_("Right to restriction of processing (Art. 18)"),
        N_(
            "You have the right to obtain from us restriction of processing where one of the situations in Art. 18(1) "
            "applies, for example where you contest the accuracy of the personal data, for a period enabling us to "
            "verify the accuracy of the personal data."
        ),
    ),
    "portability": (
        N_("Right to data portability (Art. 20)"),
        # NOTE: Art. 20(1)(a): consent under Art. 6(1)(a) or 9(2)(a), or a contract under Art. 6(1)(b); 20(1)(b), 20(2).
        N_(
            "Where the processing is based on your consent (Art. 6(1)(a) or 9(2)(a)) or on a contract (Art. 6(1)(b)) "
            "and is carried out by automated means, you have the right to receive the personal data concerning you "
            "which you have provided to us, in a structured, commonly used and machine-readable format, and to transmit "
            "those data to another controller without hindrance from us. You also have the right to have the personal "
            "data transmitted directly from us to another controller, where technically feasible (Art. 20(2))."
        ),
    ),
    "objection": (
        N_("Right to object (Art. 21)"),
        N_(
            "You have the right to object, on grounds relating to your particular situation, at any time to "
            "processing of personal data concerning you which is based on Art. 6(1)(e) or (f), including profiling "
            "based on those provisions. We shall then no longer process the personal data unless we demonstrate "
            "compelling legitimate grounds for the processing which override your interests, rights and freedoms, "
            "or for the establishment, exercise or defence of legal claims."
        ),
    ),
    "object_direct_marketing": (
        N_("Right to object to direct marketing (Art. 21(2) and (3))"),
        # NOTE: GDPR Art. 21(2) and (3): "object to" (fi vastustaa, sv invända mot), never "forbid" or "prohibit".
        N_(
            "Where personal data are processed for direct marketing purposes, you have the right to object at any "
            "time to processing of personal data concerning you for such marketing, which includes profiling to the "
            "extent that it is related to such direct marketing. Where you object, the personal data shall no longer "
            "be processed for such purposes."
        ),
    ),
    "withdraw_consent": (
        N_("Right to withdraw consent (Art. 7(3))"),
        N_(
            "Where the processing is based on your consent (Art. 6(1)(a) or 9(2)(a)), you have the right to withdraw "
            "your consent at any time. The withdrawal of consent does not affect the lawfulness of processing based "
            "on consent before its withdrawal."
        ),
    ),
    "complaint": (
        N_("Right to lodge a complaint with a supervisory authority (Art. 77)"),
        N_(
            "Without prejudice to any other administrative or judicial remedy, you have the right to lodge a "
            "complaint with a supervisory authority, in particular in the Member State of your habitual residence, "
            "place of work or place of the alleged infringement, if you consider that the processing of personal "
            "data relating to you infringes the GDPR. In Finland the supervisory authority is the Data Protection "
            "Ombudsman."
        ),
    ),
}

IDENTITY_CHANGES = {  # a material change of who the controller, its officer or representative is (WP260 para. 29)
    # NOTE: In the version history and the announcement: the controller's name or business ID changed (not only
    # its contact details).
    "controller": N_("Controller's name or business ID changed"),
    # NOTE: The data protection officer was appointed, no longer is, or is another person or body.
    "data_protection_officer": N_("Data protection officer changed"),
    # NOTE: The controller's representative in the EU (Art. 27) is another person or body.
    "representative": N_("Representative changed"),
}
"""Said instead of CHANGES' "details changed" when the change is material: a new identity is never a detail."""

CHANGES = {  # in the order the changelog lists them
    ("controller", "changed"): N_("Controller's details changed"),
    ("representative", "changed"): N_("Representative's details changed"),
    ("data_protection_officer", "changed"): N_("Data protection officer's details changed"),
    ("purpose", "added"): N_("New purpose: %(name)s"),
    ("purpose", "removed"): N_("Purpose removed: %(name)s"),
    ("purpose", "changed"): N_("Details of a purpose changed: %(name)s"),
    ("legal_basis", "changed"): N_("Legal basis changed: %(name)s"),
    ("retention", "changed"): N_("Retention period changed: %(name)s"),
    ("recipient", "added"): N_("New recipient: %(name)s"),
    ("recipient", "removed"): N_("Recipient removed: %(name)s"),
    ("recipient", "changed"): N_("Recipient changed: %(name)s"),
    ("transfer", "added"): N_("New transfer outside the EU/EEA: %(name)s"),
    ("transfer", "removed"): N_("Transfer outside the EU/EEA removed: %(name)s"),
    ("transfer", "changed"): N_("Transfer outside the EU/EEA changed: %(name)s"),
    # NOTE: A row of the notice's cookie table (a cookie, or a provider with no cookie named): the notice says
    # no more than that the row was added, removed or changed, not that a cookie was taken into or out of use.
    ("cookie", "added"): N_("Row added to the cookie table: %(name)s"),
    ("cookie", "removed"): N_("Row removed from the cookie table: %(name)s"),
    ("cookie", "changed"): N_("Row changed in the cookie table: %(name)s"),
    ("data_category", "added"): N_("New category of personal data: %(name)s"),
    ("data_category", "removed"): N_("Category of personal data removed: %(name)s"),
    ("data_category", "changed"): N_("Details of a category of personal data changed: %(name)s"),
    ("source", "added"): N_("New source of data: %(name)s"),
    ("source", "removed"): N_("Source of data removed: %(name)s"),
    ("source", "changed"): N_("Source of data changed: %(name)s"),
    ("rights", "changed"): N_("Information on your rights changed"),
}

EDITORIAL_AREAS = {  # where a change of capital letters, spacing or punctuation only was made
    "controller": N_("the controller's details"),
    "representative": N_("the representative's details"),
    "data_protection_officer": N_("the data protection officer's details"),
    "purpose": N_("purposes"),
    "legal_basis": N_("legal bases"),
    "retention": N_("retention periods"),
    "recipient": N_("recipients"),
    "transfer": N_("transfers outside the EU/EEA"),
    "cookie": N_("the cookie table"),
    "data_category": N_("categories of personal data"),
    "source": N_("sources of data"),
    "rights": N_("information on your rights"),
}

# NOTE: One line of the version history listing where only capital letters, spacing or punctuation changed, e.g.
# "...: categories of personal data (11) and sources of data (1)"; the words of the notice stayed the same.
EDITORIAL = N_("Changed in capital letters, spacing or punctuation only, not in wording: %(areas)s")
# NOTE: An area of the notice and how many of its items changed only in capital letters, spacing or punctuation,
# e.g. "categories of personal data (11)".
EDITORIAL_COUNT = N_("%(area)s (%(count)s)")

CLASSES = {  # a version's class in law (changes.classed): a material change is announced before it takes effect
    # NOTE: WP260 rev.01's "material change": one that changes the processing of personal data or how a person
    # exercises their rights, of which readers are told in advance (Finnish "olennainen muutos", Swedish
    # "väsentlig ändring").
    "material": N_("Material change"),
    # NOTE: The opposite of a material change: wording, capital letters or punctuation corrected, contact
    # details updated, a shorter retention, a cookie no longer used; nothing readers must be told of in advance.
    "editorial": N_("Editorial change"),
}

CHANGE_GROUPS = {  # the lead of each group of a version's changes, where it has both kinds
    "material": N_("Material changes:"),
    "editorial": N_("Editorial changes:"),
}

FEED_TITLES = {  # an entry of the Atom feed: the version and its class
    "material": N_("Version %(id)s: material change"),
    "editorial": N_("Version %(id)s: editorial change"),
}

RELEASE_STATES = {  # the state of one version of the notice
    # NOTE: A version of the privacy notice that applies now.
    "current": N_("In force"),
    "upcoming": N_("Upcoming"),
    "archived": N_("No longer in force"),
}

PREVAILING_LANGUAGE = {
    "fi": N_(
        "This notice is published in Finnish, Swedish and English. If the versions differ, the Finnish version prevails."
    ),
    "sv": N_(
        "This notice is published in Finnish, Swedish and English. If the versions differ, the Swedish version prevails."
    ),
    "en": N_(
        "This notice is published in Finnish, Swedish and English. If the versions differ, the English version prevails."
    ),
}

PREVAILING_LANGUAGE_OF_SOME = {  # for a notice published in fewer than all supported languages
    "fi": N_("If the language versions of this notice differ, the Finnish version prevails."),
    "sv": N_("If the language versions of this notice differ, the Swedish version prevails."),
    "en": N_("If the language versions of this notice differ, the English version prevails."),
}

NOT_FOUND = N_("Page not found.")

PAGE_TITLES = {  # the titles of pages in the site's navigation
    "notice": N_("Privacy notice"),
    # NOTE: The page listing every version of the notice, newest first (not developer jargon: "Changelog").
    "changelog": N_("Version history"),
    # NOTE: An unreleased working copy of the notice, not in force.
    "draft": N_("Draft"),
    # NOTE: The front page of a company's site, which lists its privacy notices (one for customers, one for
    # job applicants, ...).
    "notices": N_("Privacy notices"),
}

# NOTE: The title of the page that compares the unreleased draft of the notice with the version in force
# (a redline for the approver).
DRAFT_DIFF_TITLE = N_("The draft compared with the version in force")

LABELS = {  # the site templates' own words (site_overrides/), by the key they read them under
    # NOTE: The heading of the page shown for an address where there is no page.
    "not_found_title": N_("Page not found"),
    # NOTE: On the "Page not found" page, followed by a link to the notice in force.
    "not_found": N_("There is no page at this address. The privacy notice in force is here:"),
    # NOTE: Read by screen readers before the current language's name on the language menu button.
    "language": N_("Language"),
    # NOTE: On a phone: the button that opens the table of contents of the page.
    "contents": N_("Contents"),
    # NOTE: On a phone or tablet: the name of the switch that opens and closes the site's menu (navigation).
    "menu": N_("Menu"),
    "changelog": N_("Version history"),
    # NOTE: A link at the end of a long page, back to its beginning.
    "back_to_top": N_("Back to top"),
    # NOTE: The button that empties the search box (a verb: clear the search).
    "search_reset": N_("Clear"),
    # NOTE: In the footer of a printed sheet, before "3 / 7" (this sheet's number / the number of sheets).
    "page": N_("Page"),
    "notice": N_("Privacy notice"),
}

COMPANY_LABELS = {  # the words of LABELS a company's site says otherwise: its home is the list of its notices
    # NOTE: On the "Page not found" page of a company's site, followed by a link to the page listing its
    # privacy notices.
    "not_found": N_("There is no page at this address. Our privacy notices are here:"),
    "notice": PAGE_TITLES["notices"],
}

# NOTE: The browser tab's title of one version's page; %(state)s is e.g. "no longer in force" (first letter lower case).
RELEASE_TITLE = N_("%(title)s, version %(id)s (%(state)s)")
"""The <title> of a release's own page: the version and its status, as a search result shows it."""

# NOTE: The title of the page announcing a material change of the notice (browser tab, search results);
# %(id)s is the new version's id, e.g. 2027-01-01.
ANNOUNCEMENT_TITLE = N_("Announcement of changes to the privacy notice: version %(id)s")
# NOTE: The header of every printed sheet of an announcement of changes: %(title)s is the page's title, %(date)s the
# day the announcement was published.
ANNOUNCEMENT_PRINT_HEADER = N_("%(controller)s · %(title)s · published on %(date)s")

# NOTE: After the title of an archived (no longer applying) version, in its heading and browser tab:
# "Privacy notice: Example Ltd (archived version of 1 January 2026)"; %(date)s is the day it took effect.
ARCHIVED_TITLE = N_("(archived version of %(date)s)")
"""Said after an archived release's title, on its page (<h1>) and in the browser's tab (<title>)."""

# NOTE: The header of every printed sheet; %(date)s is the day this version took effect.
PRINT_HEADER = N_("%(controller)s · %(title)s, version %(id)s · effective date %(date)s")
"""The running header of every printed sheet of a release."""

IN_FORCE = {  # a version's period in force, on the version history: both dates are days it applies
    # NOTE: A version of the notice that applies now, with no later version yet; %(start)s is the day it took effect.
    "current": N_("In force from %(start)s."),
    # NOTE: A version that applies now; %(end)s is its last day in force (the next version applies from the day
    # after). Both days are included.
    "current_until": N_("In force from %(start)s to %(end)s."),
    # NOTE: A version that no longer applies: %(start)s its first and %(end)s its last day in force, both included.
    "archived": N_("Was in force from %(start)s to %(end)s."),
    # NOTE: A version published ahead of the day it takes effect, %(start)s.
    "upcoming": N_("Upcoming: in force from %(start)s."),
    # NOTE: A version published ahead of the day it takes effect, %(start)s; %(end)s is its last day in force (a
    # later version applies from the day after). Both days are included.
    "upcoming_until": N_("Upcoming: in force from %(start)s to %(end)s."),
    # NOTE: A version that applies today only: the next version applies from tomorrow.
    "current_one_day": N_("In force on %(start)s only."),
    # NOTE: A version that applied for one day only: the next version applied from the day after.
    "archived_one_day": N_("Was in force on %(start)s only."),
    # NOTE: A version published ahead of the day it takes effect, %(start)s, which is also its only day in force.
    "upcoming_one_day": N_("Upcoming: in force on %(start)s only."),
    # NOTE: A version released and then replaced on the day it was to take effect by another version released for
    # the same day, %(id)s: it never applied.
    "never": N_("Never in force: replaced on the same day by version %(id)s."),
}
"""The words for each version's period in force (timeline.Period), by its status and whether it has an end."""

# NOTE: The header of every printed sheet of the version history: %(title)s is "Version history", %(first)s and
# %(last)s the ids of its oldest and newest versions, %(date)s the day the page was made (statuses depend on it).
HISTORY_PRINT_HEADER = N_("%(controller)s · %(title)s · versions %(first)s to %(last)s · as of %(date)s")
# NOTE: The header of every printed sheet of the version history when the notice has a single version.
HISTORY_PRINT_HEADER_ONE = N_("%(controller)s · %(title)s · version %(id)s · as of %(date)s")
# NOTE: The header of every printed sheet of a comparison of two versions: %(title)s is the page's title,
# %(old)s and %(new)s the ids of the older and the newer version compared (what changed from the one to the other).
DIFF_PRINT_HEADER = N_("%(controller)s · %(title)s · from version %(old)s to version %(new)s")
# NOTE: The header of every printed sheet of the unreleased draft compared with the version in force: %(title)s is
# the page's title, %(id)s the version in force, %(date)s the day the page was made (the draft changes daily).
DRAFT_DIFF_PRINT_HEADER = N_("%(controller)s · %(title)s · version %(id)s and the draft as of %(date)s")
"""The running headers of the printed version history and comparisons (a release's is PRINT_HEADER)."""

NOTABLE = {  # the first layer's items that WP260 rev.01 para. 36 puts first (words/first_layer.py), in this order
    # NOTE: A label in the first layer (the notice in brief), before the purposes for which such decisions are made
    # (GDPR Art. 22(1): "a decision based solely on automated processing").
    "automated_decisions": N_("Decisions based solely on automated processing (Art. 22)"),
    # NOTE: The same label where the decisions involve profiling (GDPR Art. 22(1)).
    "automated_decisions_profiling": N_(
        "Decisions based solely on automated processing, including profiling (Art. 22)"
    ),
    # NOTE: A label in the first layer, before the third countries to which personal data is transferred.
    "transfers": N_("Transfers outside the EU/EEA"),
    # NOTE: A label in the first layer, before the special categories of personal data (GDPR Art. 9(1)) processed.
    "special": N_("Special categories of personal data (Art. 9)"),
    # NOTE: A label in the first layer, before the data relating to criminal convictions and offences processed.
    "criminal": N_("Personal data relating to criminal convictions and offences (Art. 10)"),
    # NOTE: A label in the first layer, before the cookies of another party than the website that are used for
    # marketing (the cookie table's category "marketing", party "third party").
    "marketing_cookies": N_("Third-party marketing cookies"),
}
"""The labels of what the first layer says first: the processing with the most impact on the person, or that
would surprise them (WP260 rev.01 para. 36)."""

# NOTE: The title of the first layer of the privacy notice: its summary, each point linking to the full notice.
IN_BRIEF_TITLE = N_("Privacy notice in brief")

FORM_NOTICE = {  # the sentences of a form notice (a short notice placed where a form collects data), in order
    # NOTE: The first sentence of a form notice: %(controller)s is the controller's name.
    "controller": N_("Controller: %(controller)s."),
    # NOTE: In a form notice, after the controller: %(purpose)s is the purpose's name, its first letter lower case.
    "purpose": N_("Purpose of the processing: %(purpose)s."),
    # NOTE: In a form notice: a recipient of the purpose's data that is itself a controller (GDPR Art. 4(7)).
    "controller_recipient": N_("The data is also received by %(recipient)s, which processes it as a controller."),
    # NOTE: In a form notice: a recipient that is a joint controller with us (GDPR Art. 26).
    "joint_controller_recipient": N_(
        "The data is also received by %(recipient)s, which processes it as a joint controller."
    ),
    # NOTE: In a form notice of a purpose based on consent, before consent is given (GDPR Art. 7(3)).
    "withdraw_consent": N_(
        "You can withdraw your consent at any time. The withdrawal does not affect the lawfulness of processing "
        "based on consent before its withdrawal."
    ),
}
"""The sentences of a notice at the form (words/form_notices.py)."""

# NOTE: Said separately from other information (GDPR Art. 21(4)) in a form notice of a purpose for direct marketing,
# in the full text's section of that purpose and in the first layer.
DIRECT_MARKETING = N_(
    "You have the right to object at any time to processing of your personal data for direct marketing (Art. 21(2))."
)
# NOTE: The link at the end of a form notice, to the purpose's section of that version of the privacy notice;
# %(id)s is the version, e.g. 2026-06-01.
FORM_NOTICE_LINK = N_("More in the privacy notice, version %(id)s")
# NOTE: The title of the page, for a website's developers, that shows each purpose's form notice of one version
# and its HTML to copy; %(name)s is the controller (and whom the notice is for), %(id)s the version.
FORMS_TITLE = N_("Notices for forms: %(name)s, version %(id)s")

FIRST_LAYER_RIGHTS = {  # the first layer's names of rights that differ from the full text's headings (RIGHTS)
    "objection": N_("Right to object (Art. 21(1))"),
    "withdraw_consent": N_("Right to withdraw your consent at any time (Art. 7(3))"),
}
# NOTE: In the first layer's list of rights, where a purpose's decision based solely on automated processing rests on
# a contract or explicit consent (GDPR Art. 22(3)).
HUMAN_INTERVENTION = N_(
    "Right to obtain human intervention, to express your point of view and to contest the decision (Art. 22(3))"
)
FIRST_LAYER_DECIDERS = {  # who makes a purpose's automated decision, in the first layer
    # NOTE: In the first layer, after a purpose's name: %(decider)s is the controller or a recipient.
    "decides": N_("%(decider)s decides automatically"),
}
