"""The project's settings: policy/settings.yaml, optional, one key a line.

    notice_period_days: 30   # how long before a material change takes effect readers are told of it
    moved_from_root: customers   # a company's notice published before as the project's one notice

Without the file (or with one that holds only comments) every setting has
its default. Read with the notice's own loader (no anchors, aliases, tags or
duplicate keys; positions for every value), so a slip is a finding at its
line and column, and `check`, `build` and `release` stop with exit code 1.
It sits beside project.py, but in the notice's layer: it reads YAML as the
notice does, and the rules use what it says.

>>> read_text("notice_period_days: 45\\n", "s.yaml")
Settings(notice_period_days=45, moved_from_root=None)
>>> read_text("# nothing set yet\\nmoved_from_root: customers\\n", "s.yaml")
Settings(notice_period_days=30, moved_from_root='customers')
>>> try:
...     read_text("notice_period_days: 30\\nnotice_days: 14\\n", "s.yaml")
... except NoticeError as exc:
...     print(exc.findings[0])
s.yaml:2:1: error: notice_days: not a setting; the settings are notice_period_days, moved_from_root [settings]
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from generator.findings import Finding, NoticeError, Position, Said, _, finding
from generator.notice.load import Document, load_bytes, read_bounded
from generator.project import NOTICE_ID, Project, notices

RULE = "settings"
NOTICE_PERIOD_DAYS = 30
"""How many days before a material change takes effect readers are told of it, unless the project says
otherwise: GitHub's site policy gives 30 days' notice of material changes, and WP260 rev.01 asks for the
change to be told "well in advance" without a number."""
MAX_NOTICE_PERIOD_DAYS = 365


@dataclass(frozen=True)
class Settings:
    """What the project sets; each field a key of policy/settings.yaml, with its default."""

    notice_period_days: int = NOTICE_PERIOD_DAYS
    """Days from a release to the date a material change in it may take effect (rule notice-period)."""
    moved_from_root: str | None = None
    """A company's notice that was published before as the project's one notice (/fi/2026-11-25/): the site
    keeps its old addresses, each leading to the new one (/fi/<notice>/2026-11-25/), and its feed entries' ids."""


def read_settings(path: Path, shown: str) -> Settings:
    """The settings in `path` (shown in messages as `shown`), the defaults where it does not exist;
    NoticeError with every problem of the file."""
    if not path.exists() and not path.is_symlink():
        return Settings()
    return _settings(read_bounded(path, shown), shown)


def read_text(text: str, name: str) -> Settings:
    """The settings in a file's text (for tests and doctests)."""
    return _settings(text.encode("utf-8"), name)


def _settings(raw: bytes, name: str) -> Settings:
    if _only_comments(raw):
        return Settings()
    doc = load_bytes(
        raw,
        name,
        not_a_mapping=_("the settings must be a mapping of keys (key: value), not a single value or a list"),
    )
    problems = list(_problems(doc))
    if problems:
        raise NoticeError(problems)
    return Settings(**doc.data)


def _only_comments(raw: bytes) -> bool:
    """A file with nothing but blank lines and comments sets nothing."""
    return all(
        not line.strip() or line.lstrip().startswith(b"#") for line in raw.removeprefix(b"\xef\xbb\xbf").splitlines()
    )


def _problems(doc: Document) -> list[Finding]:
    """Each key that is not a setting, at the key, and each value a setting cannot take, at the value."""
    known = [spec.name for spec in fields(Settings)]
    found = []
    for key, value in doc.data.items():
        if key not in known:
            found.append(
                _at(
                    doc.position((key,), key=True),
                    # NOTE: %(key)s is what the file says, %(known)s the keys Seloste knows; both as written.
                    _("%(key)s: not a setting; the settings are %(known)s", key=key, known=", ".join(known)),
                )
            )
        elif (problem := _problem(key, value)) is not None:
            found.append(_at(doc.position((key,)), problem))
    return found


def _problem(key: str, value: Any) -> Said | None:
    """What is wrong with a setting's value, or None (a setting added to Settings gets its check here)."""
    if key == "notice_period_days" and not _days(value):
        return _(
            "%(key)s: must be a whole number of days from 0 to %(most)d, such as %(default)d",
            key=key,
            most=MAX_NOTICE_PERIOD_DAYS,
            default=NOTICE_PERIOD_DAYS,
        )
    if key == "moved_from_root" and not (isinstance(value, str) and NOTICE_ID.fullmatch(value)):
        return _("%(key)s: must be the folder name of one of policy/notices/, such as customers", key=key)
    return None


def _days(value: Any) -> bool:
    """A number of days: a whole number (true and false are not numbers), within the bounds.

    >>> _days(30), _days(0), _days(366), _days(True), _days(30.0), _days("30")
    (True, True, False, False, False, False)
    """
    return type(value) is int and 0 <= value <= MAX_NOTICE_PERIOD_DAYS


def _at(position: Position, message: Said) -> Finding:
    return finding(position, "error", message, RULE)


def unknown_moved(project: Project, settings: Settings) -> list[Finding]:
    """moved_from_root names one of the company's notices, or the finding at its value that it does not
    (check, release and build ask first; the site plan asks again)."""
    moved = settings.moved_from_root
    known = [p.id for p in notices(project.root) if p.id]
    if moved is None or moved in known:
        return []
    shown = project.shown(project.settings)
    position = load_bytes(read_bounded(project.settings, shown), shown).position(("moved_from_root",))
    # NOTE: %(id)s is the value as written; %(known)s the folder names of the company's notices.
    said = _(
        "moved_from_root: there is no notice %(id)s; the notices are %(known)s",
        id=moved,
        known=", ".join(known) or "-",
    )
    return [_at(position, said)]
