"""The locks pin what the .in files ask for, and this environment is what the locks say.

Dependabot edits requirements.in and requirements-test.in, never the locks
(it does not read them). Without this test its pull request would pass CI
testing the old pins; with it, CI fails until `make lock` re-pins.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PAIRS = [("requirements.in", "requirements.lock"), ("requirements-test.in", "requirements-test.lock")]


def _lines(name: str) -> list[str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def _pins(name: str) -> dict[str, str]:
    pins = {}
    for line in _lines(name):
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{name}: {line} is not an exact pin"
        pins[canonicalize_name(requirement.name)] = specifier.version
    return pins


@pytest.mark.parametrize(("wanted", "lock"), PAIRS)
def test_every_requirement_is_pinned_by_its_lock_to_a_version_it_accepts(wanted: str, lock: str) -> None:
    pins = _pins("requirements.lock") | _pins(lock)
    for line in _lines(wanted):
        requirement = Requirement(line)
        pin = pins.get(canonicalize_name(requirement.name))
        assert pin is not None, f"{wanted} asks for {line}, but {lock} pins no {requirement.name}: run `make lock`"
        assert requirement.specifier.contains(pin, prereleases=True), (
            f"{wanted} asks for {line}, but {lock} pins {requirement.name}=={pin}: run `make lock`"
        )


def test_the_test_lock_adds_to_the_build_lock_and_repeats_nothing() -> None:
    assert not set(_pins("requirements.lock")) & set(_pins("requirements-test.lock"))


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-test.lock"])
def test_this_environment_has_what_the_lock_pins(lock: str) -> None:
    for name, version in _pins(lock).items():
        assert metadata.version(name) == version, f"{name} is {metadata.version(name)}, {lock} pins {version}"
