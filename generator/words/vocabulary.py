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
    "pre_contract": N_("steps at the request of the data subject prior to entering into a contract (Art. 6(1)(b))"),
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
    "position_filled": (N_("%(period)s from when the position is filled"), N_("until the position is filled")),
    "collected": (N_("%(period)s from collection"), N_("%(period)s from collection")),
    "consent_withdrawn": (N_("%(period)s after you withdraw your consent"), N_("until you withdraw your consent")),
    "objection": (N_("%(period)s after you object to the processing"), N_("until you object to the processing")),
}

PROVISION = {
    "statute": N_("Providing the data is a statutory requirement."),
    "contract": N_("Providing the data is a contractual requirement."),
    "entering_contract": N_("Providing the data is a requirement necessary to enter into a contract."),
    "none": N_("Providing the data is neither a statutory nor a contractual requirement."),
}

OBLIGATORY = {
    True: N_("You are obliged to provide the data."),
    False: N_("You are not obliged to provide the data."),
}

DECISION_EXCEPTIONS = {
    "contract": N_("The decisions are necessary for entering into or performing a contract (Art. 22(2)(a))."),
    "law": N_("The decisions are authorised by Union or Member State law (Art. 22(2)(b))."),
    "explicit_consent": N_("The decisions are based on your explicit consent (Art. 22(2)(c))."),
}

DECIDERS = {  # who makes a purpose's automated decisions: the controller, or a named recipient
    "controller": N_("We make decisions based solely on automated processing for this purpose."),
    "recipient": N_("%(recipient)s makes decisions based solely on automated processing for this purpose."),
}

PROFILING = N_("The decisions involve profiling.")

ADEQUACY = {  # the Commission's adequacy decision for a transfer's country (Art. 45)
    "full": N_(
        "The European Commission has decided that this country ensures an adequate level of protection "
        "(decision %(decision)s of %(date)s)."
    ),
    "renewed": N_(
        "The European Commission has decided that this country ensures an adequate level of protection "
        "(decision %(decision)s of %(date)s, renewed on %(renewed)s)."
    ),
    "covered": N_("The decision covers only some recipients in this country; this recipient is one of them."),
    "partial": N_(
        "The European Commission's adequacy decision %(decision)s of %(date)s covers only some recipients "
        "in this country."
    ),
}

SPECIAL_CONDITIONS = {
    "explicit_consent": N_("explicit consent (Art. 9(2)(a))"),
    "employment": N_("obligations and rights in employment and social security law (Art. 9(2)(b))"),
    "vital_interests": N_("vital interests where you cannot give consent (Art. 9(2)(c))"),
    "not_for_profit": N_("activities of a not-for-profit body with regard to its members (Art. 9(2)(d))"),
    "made_public": N_("data you have manifestly made public (Art. 9(2)(e))"),
    "legal_claims": N_("the establishment, exercise or defence of legal claims (Art. 9(2)(f))"),
    "substantial_public_interest": N_("substantial public interest on the basis of law (Art. 9(2)(g))"),
    "health_care": N_("preventive or occupational medicine, health or social care (Art. 9(2)(h))"),
    "public_health": N_("public interest in the area of public health (Art. 9(2)(i))"),
    "archiving_research": N_(
        "archiving in the public interest, scientific or historical research or statistics (Art. 9(2)(j))"
    ),
}

COOKIES_BY_CONSENT = {  # after the cookies: which are set only with consent, which without (917/2014 s. 205)
    # NOTE: Followed by a list of cookie names, e.g. "_ga and ads_id".
    True: N_("These cookies are set only with your consent: %(cookies)s."),
    # NOTE: Followed by a list of cookie names; strictly necessary cookies, or those the notice says need none.
    False: N_("These cookies are set without consent: %(cookies)s."),
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
    "standard_data_protection_clauses": N_("standard data protection clauses (Art. 46(2)(c))"),
    "binding_corporate_rules": N_("binding corporate rules (Art. 47)"),
    "derogation": N_("derogation for a specific situation (Art. 49)"),
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

RIGHTS = {
    "access": (
        N_("Right of access (Art. 15)"),
        N_("You may ask which personal data about you we process and get a copy of it."),
    ),
    "rectification": (
        N_("Right to rectification (Art. 16)"),
        N_("You may ask us to correct inaccurate data and complete incomplete data."),
    ),
    "erasure": (
        N_("Right to erasure (Art. 17)"),
        N_("You may ask us to erase your data (\u201cright to be forgotten\u201d)."),
    ),
    "restriction": (
        N_("Right to restriction of processing (Art. 18)"),
        N_("You may ask us to restrict the processing of your data."),
    ),
    "portability": (
        N_("Right to data portability (Art. 20)"),
        N_(
            "You may receive the data you have given us in a machine-readable format and have it transmitted to another controller."
        ),
    ),
    "objection": (
        N_("Right to object (Art. 21)"),
        N_(
            "On grounds relating to your particular situation, you may object to processing based on legitimate interests or on a task carried out in the public interest or in the exercise of official authority."
        ),
    ),
    "object_direct_marketing": (
        N_("Right to object to direct marketing (Art. 21(2))"),
        # NOTE: GDPR Art. 21(2): "object to" (fi vastustaa, sv invända mot), never "forbid" or "prohibit".
        N_("You may object at any time to the processing of your data for direct marketing."),
    ),
    "withdraw_consent": (
        N_("Right to withdraw consent (Art. 7(3))"),
        N_(
            "Where processing is based on your consent, you may withdraw it at any time. This does not affect the lawfulness of processing before the withdrawal."
        ),
    ),
    "complaint": (
        N_("Right to lodge a complaint with a supervisory authority (Art. 77)"),
        N_(
            "You may lodge a complaint with a supervisory authority, in Finland the Office of the Data Protection Ombudsman, if you consider that the processing of your data infringes the GDPR."
        ),
    ),
}

CHANGES = {  # in the order the changelog lists them
    ("controller", "changed"): N_("Controller's details changed"),
    ("representative", "changed"): N_("Representative's details changed"),
    ("data_protection_officer", "changed"): N_("Data protection officer's details changed"),
    ("purpose", "added"): N_("New purpose: %(name)s"),
    ("purpose", "removed"): N_("Purpose removed: %(name)s"),
    ("purpose", "changed"): N_("Purpose changed: %(name)s"),
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
    ("data_category", "changed"): N_("Category of personal data changed: %(name)s"),
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
}

LABELS = {  # the site templates' own words (site_overrides/), by the key they read them under
    # NOTE: The heading of the page shown for an address where there is no page.
    "not_found_title": N_("Page not found"),
    # NOTE: On the "Page not found" page, followed by a link to the notice in force.
    "not_found": N_("There is no page at this address. The privacy notice in force:"),
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

# NOTE: The browser tab's title of one version's page; %(state)s is e.g. "No longer in force".
RELEASE_TITLE = N_("%(title)s, version %(id)s: %(state)s")
"""The <title> of a release's own page: the version and its status, as a search result shows it."""

# NOTE: After the title of an archived (no longer applying) version, in its heading and browser tab:
# "Privacy notice: Example Ltd (archived version of 1 January 2026)"; %(date)s is the day it took effect.
ARCHIVED_TITLE = N_("(archived version of %(date)s)")
"""Said after an archived release's title, on its page (<h1>) and in the browser's tab (<title>)."""

# NOTE: The header of every printed sheet; %(date)s is the day this version took effect.
PRINT_HEADER = N_("%(controller)s · %(title)s, version %(id)s · effective date %(date)s")
"""The running header of every printed sheet of a release."""
