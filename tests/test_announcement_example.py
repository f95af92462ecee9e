"""docs/editing.md shows, under *Announcing a change*, the announcement `release` writes today for the shop's
change (tests/announcement_example.py; `make docs` writes it), as test_reference.py keeps docs/format.md."""

from __future__ import annotations

from announcement_example import GUIDE, announcements, changed_shop, with_example

from generator.notice.changes import changes, classed
from generator.notice.read import read_notice_text
from support import FIXTURES, PROJECT


def test_the_guide_shows_the_announcement_release_writes_for_the_shop() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert guide == with_example(guide), "docs/editing.md: the example announcement is out of date: run `make docs`"


def test_the_example_announces_the_material_changes_and_leaves_the_editorial_one_out() -> None:
    shop = (FIXTURES / "shop" / "notice.yaml").read_text(encoding="utf-8")
    before = read_notice_text(shop, "shop.yaml", PROJECT.schema)[0]
    after = read_notice_text(changed_shop(), "shop.yaml", PROJECT.schema)[0]
    found = changes(before, after)
    assert classed(found) == "material" and [c.area for c in found if not c.material] == ["controller"]
    text = announcements()["en"]
    assert "• New recipient: Chattila Oy\n" in text and "• Retention period changed: Handling orders\n" in text
    assert "Controller" not in text and "555" not in text  # the new telephone number: editorial
