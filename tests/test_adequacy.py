"""What the notice says of the Commission's adequacy decisions (generator/notice/adequacy.py, data/adequacy.json)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from support import MULTI_VERSIONS, PROJECT

from generator.notice import adequacy
from generator.notice.read import read_notice
from generator.words.render import render_notice

SCC = "    safeguard: standard_data_protection_clauses\n"
"""The US transfer of the fixture's second version, whose recipient is certified or not."""


def rendered(tmp_path: Path, text: str, lang: str = "en") -> str:
    """The released text of a notice, read through the real reader."""
    path = tmp_path / "notice.yaml"
    path.write_text(text, encoding="utf-8")
    return render_notice(read_notice(path, PROJECT.schema)[0], lang, PROJECT.locales)


def test_a_recipient_not_certified_is_not_said_to_be_covered(tmp_path: Path) -> None:
    """certified: false on a US transfer: the text says the decision covers only some recipients, not this one."""
    v2 = MULTI_VERSIONS[1].read_text(encoding="utf-8")
    assert v2.count(SCC) == 1
    covered = "this recipient is one of them"
    partial = "adequacy decision C(2023) 4745 of 10 July 2023 covers only some recipients in this country."
    not_certified = rendered(tmp_path, v2.replace(SCC, SCC + "    certified: false\n"))
    assert partial in not_certified and covered not in not_certified
    certified = rendered(tmp_path, v2.replace(SCC, SCC + "    certified: true\n"))
    assert covered in certified and partial not in certified


def test_the_uk_decision_is_dated_by_its_adoption_and_its_renewal_named_apart() -> None:
    """Decision (EU) 2021/1772 was adopted on 28 June 2021 and renewed on 19 December 2025 until 27 December 2031."""
    uk = adequacy.load.__wrapped__().of("GB")  # data/adequacy.json read now, not the copy the process keeps
    assert uk is not None
    assert (uk.decision, uk.adopted, uk.renewed, uk.end) == (
        "(EU) 2021/1772",
        date(2021, 6, 28),
        date(2025, 12, 19),
        date(2031, 12, 27),
    )


def test_the_notice_names_the_uk_decision_by_its_date_and_says_when_it_was_renewed(tmp_path: Path) -> None:
    """A transfer to the UK: "(decision (EU) 2021/1772 of <adopted>, renewed on <renewed>)", in English and Finnish."""
    v2 = MULTI_VERSIONS[1].read_text(encoding="utf-8").replace("country: US", "country: GB")
    text = rendered(tmp_path, v2.replace(SCC, "    safeguard: adequacy_decision\n"))
    assert "(decision (EU) 2021/1772 of 28 June 2021, renewed on 19 December 2025)." in text
    fi = rendered(tmp_path, v2.replace(SCC, "    safeguard: adequacy_decision\n"), "fi")
    assert "28. kesäkuuta 2021" in fi and "19. joulukuuta 2025" in fi
    assert fi.index("28. kesäkuuta 2021") < fi.index("19. joulukuuta 2025")
