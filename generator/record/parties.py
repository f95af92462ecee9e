"""Shared parties in the record: which notices a change of policy/parties.yaml reaches.

Each release froze the parties its notice took (parties.json, as the notice
took them: in its languages), so a change of parties.yaml changes no
published text. A party that now says something else than the newest release
of a notice that still names it has not reached that notice's readers: the
notice needs a new release. `changes` finds every such party once, at its line
in parties.yaml, with exactly the notices it reaches; `check` warns of each
(`parties-changed`) on every notice it names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.findings import Finding, NoticeError, Position, finding, joined, listed, ngettext
from generator.notice.load import load_file
from generator.notice.parties import KINDS, Kind, Parties, read_parties, references, taken
from generator.project import Project, notices
from generator.record.releases import load_releases

RULE = "parties-changed"


@dataclass(frozen=True)
class Change:
    """A party of parties.yaml that differs from what the newest release of each of `notices` froze."""

    kind: Kind
    id: str
    position: Position
    """Where the party is written in parties.yaml: its id's line."""
    notices: tuple[str, ...]
    """The notices it reaches, by name (`name`), in the order of the project's notices."""

    def finding(self) -> Finding:
        """The warning `check` gives of it."""
        return finding(
            self.position,
            "warning",
            joined(
                f"{self.kind.key}.{self.id}",
                ": ",
                # NOTE: %(notices)s names the notices, such as "recruitment and employees".
                ngettext(
                    "changed since the last release of the notice %(notices)s, which uses it: that notice needs a "
                    "new release",
                    "changed since the last releases of the notices %(notices)s, which use it: each needs a new "
                    "release",
                    len(self.notices),
                    notices=listed(self.notices),
                ),
            ),
            RULE,
        )


def name(project: Project) -> str:
    """A notice as messages name it: its id in a company's project, else its file."""
    return project.id or project.shown(project.notice)


def changes(projects: Iterable[Project]) -> tuple[Change, ...]:
    """Every party of the parties file that differs from what the newest release of a notice naming it froze,
    with the notices it reaches. None while the file cannot be read: each notice naming a party says why."""
    projects = tuple(projects)
    parties = _parties(projects)
    if parties is None:
        return ()
    reached: dict[tuple[str, str], list[str]] = {}
    for project in projects:
        for kind, party_id in _stale(project, parties):
            reached.setdefault((kind.key, party_id), []).append(name(project))
    found = [
        Change(kind, party_id, parties.position(kind, party_id), tuple(names))
        for kind in KINDS
        for (key, party_id), names in reached.items()
        if key == kind.key
    ]
    return tuple(sorted(found, key=lambda change: change.position))


def parties_changed(project: Project) -> list[Finding]:
    """`check`'s warnings for the notice of `project`: each shared party it names that changed since its last
    release, naming every notice of the repository the change reaches (the same warning on each of them)."""
    if not project.parties.is_file():
        return []
    try:
        company = notices(project.root)
    except NoticeError:  # the layout's problems are the command line's to say
        return []
    mine = name(project)
    return [change.finding() for change in changes(company) if mine in change.notices]


def _parties(projects: tuple[Project, ...]) -> Parties | None:
    if not projects or not projects[0].parties.is_file():
        return None
    try:
        return read_parties(projects[0].parties, projects[0].schema)
    except NoticeError:
        return None


def _stale(project: Project, parties: Parties) -> list[tuple[Kind, str]]:
    """The parties the notice's newest release froze that parties.yaml now says otherwise, in the notice's
    languages, and that its working copy still names."""
    try:
        releases = load_releases(project)
        frozen = releases[-1].parties if releases else {}
    except NoticeError:  # the release's problems are its own check's
        return []
    named = _named(project)
    stale = []
    for kind in KINDS:
        for party_id, was in frozen.get(kind.key, {}).items():
            now = parties.party(kind, party_id)
            if now is None or (named is not None and (kind.key, party_id) not in named):
                continue
            if taken(kind, now, releases[-1].languages) != was:
                stale.append((kind, party_id))
    return stale


def _named(project: Project) -> set[tuple[str, str]] | None:
    """The parties the working copy names, by kind and id; None if it cannot be read (then: those it named)."""
    try:
        data = load_file(project.notice).data
    except (NoticeError, OSError):
        return None
    return {(kind.key, party_id) for _path, kind, party_id in references(data)}
