"""The example announcement of docs/editing.md (*Announcing a change*), made, never written by hand.

The fictional web shop of tests/fixtures/shop is released as it is, then again
with a material change (`CHANGE`: a new recipient for the customer service
chat, a longer retention of customer data, and a new telephone number, which is
editorial and so not announced), released on 1 December 2026 to apply from
1 January 2027, with the site's address known. The announcement's plain text in
each language goes between the markers of docs/editing.md:

    .venv/bin/python tests/announcement_example.py   # (also run by `make docs`)

tests/test_announcement_example.py fails while the guide shows anything else.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.project import Project
from generator.record.releases import make_release
from support import FIXTURES, REPO, make_project

SHOP = FIXTURES / "shop" / "notice.yaml"
GUIDE = REPO / "docs" / "editing.md"
BEGIN, END = "<!-- announcement example: begin -->", "<!-- announcement example: end -->"
RELEASED = date(2026, 12, 1)
ADDRESS = "https://tietosuoja.puolukka.example"
"""The shop's site address (fictional), known when the change is released."""
CHANGE = (
    (  # a new recipient, a processor in Finland ...
        "    country: US\n\ntransfers_outside_eea: true",
        "    country: US\n  - id: chat\n    name: Chattila Oy\n    role: processor\n"
        "    description: {fi: asiakaspalvelun chat, sv: kundtjänstens chatt, en: the customer service chat}\n"
        "    country: FI\n\ntransfers_outside_eea: true",
    ),
    (  # ... to which orders are disclosed
        "    recipients: [logistics, hosting, support, accountant, tax, overseas-post]\n",
        "    recipients: [logistics, hosting, support, accountant, tax, overseas-post, chat]\n",
    ),
    (  # customer data kept 5 years instead of 3
        "      - data: [contact, order-history]\n        period: P3Y\n",
        "      - data: [contact, order-history]\n        period: P5Y\n",
    ),
    ("  phone: +358 14 555 0100\n", "  phone: +358 14 555 0200\n"),  # editorial: contact details
    ('  effective: "2026-06-01"\n', '  effective: "2027-01-01"\n'),
    (
        "  summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
        "  summary: {fi: Asiakaspalveluun chat; asiakastietoja säilytetään pidempään., "
        "sv: Chatt i kundtjänsten; kunduppgifter sparas längre., "
        "en: Customer service chat; customer data kept longer.}",
    ),
)
LANGUAGES = ("en", "fi", "sv")
"""In the guide's order: English first, as the guide is written."""


def changed_shop() -> str:
    """The shop's notice with `CHANGE` made."""
    text = SHOP.read_text(encoding="utf-8")
    for old, new in CHANGE:
        if old not in text:
            raise SystemExit(f"{SHOP} no longer holds {old!r}: update CHANGE in {Path(__file__).name}")
        text = text.replace(old, new, 1)
    return text


def announcements() -> dict[str, str]:
    """The announcement of the change in each language, as `release` freezes it (plain text for e-mail)."""
    with tempfile.TemporaryDirectory() as folder:
        project = Project.at(make_project(Path(folder)))
        project.notice.write_text(SHOP.read_text(encoding="utf-8"), encoding="utf-8")
        make_release(project, today=date(2026, 6, 1), site_url=ADDRESS)
        project.notice.write_text(changed_shop(), encoding="utf-8")
        release = make_release(project, today=RELEASED, site_url=ADDRESS)
        return {lang: release.announcement(lang, "txt") for lang in LANGUAGES}


def section() -> str:
    """What goes between the markers: each language's text in a block of its own."""
    names = {"en": "English", "fi": "Finnish", "sv": "Swedish"}
    blocks = [
        f"{names[lang]} (`announcement.{lang}.txt`):\n\n```text\n{text}```" for lang, text in announcements().items()
    ]
    return "\n\n".join(blocks)


def with_example(guide: str) -> str:
    """The guide's text with the current example between its markers."""
    before, begin, rest = guide.partition(BEGIN)
    _, end, after = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"{GUIDE}: the markers {BEGIN} and {END} are missing")
    return f"{before}{BEGIN}\n{section()}\n{END}{after}"


if __name__ == "__main__":
    current = GUIDE.read_text(encoding="utf-8")
    GUIDE.write_text(with_example(current), encoding="utf-8")
    print(f"{GUIDE.relative_to(REPO)}: the example announcement written")
