"""The feeds' tag: authority (generator/site/feeds.py), in process: a DNS label whatever the controller gives.

tests/test_feeds.py checks the ids in built feeds; these check the edge cases of the name made into a label.
"""

from __future__ import annotations

from generator.site.feeds import FALLBACK, tag_authority


def test_a_name_without_a_letter_ascii_can_carry_gives_the_fallback() -> None:
    assert tag_authority("Ωμέγα ★", None, None) == FALLBACK == "seloste"


def test_an_address_whose_host_is_not_a_dns_name_is_passed_over_for_the_name() -> None:
    assert tag_authority("Entrack Oy", None, "tietosuoja@entrack_fi") == "entrack-oy"
    assert tag_authority("Entrack Oy", "https://entrack_fi/", None) == "entrack-oy"


def test_a_long_name_is_cut_to_one_dns_label_of_63_characters() -> None:
    assert tag_authority("a" * 70, None, None) == "a" * 63
    # what is left out of the label before the cut (a leading bracket) does not shorten it
    assert tag_authority("(" + "b" * 70, None, None) == "b" * 63
    # nor does the cut leave a hyphen at the end
    assert tag_authority("c" * 62 + " d", None, None) == "c" * 62
