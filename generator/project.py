"""The project: where a notice, its releases and its site configuration live.

Built once, by the command line, and passed to check, release, build and
serve, so that no other module writes a project path itself. A repository
holds one notice (policy/notice.yaml, its releases in policy/releases/) or,
for a company with several, one folder per notice under policy/notices/
(policy/notices/<id>/notice.yaml and .../releases/), all sharing the parties
of policy/parties.yaml, the schema, the catalogs and the site. A `Project` is
one notice of it: `notices` gives them all.

>>> p = Project.at(Path("/repo"))
>>> p.notice, p.lock, p.mkdocs_config
(PosixPath('/repo/policy/notice.yaml'), PosixPath('/repo/policy/releases/releases.lock'), PosixPath('/repo/mkdocs.yml'))
>>> p.shown(p.notice), p.id, p.prefix
('policy/notice.yaml', '', '')
>>> c = Project.at(Path("/repo"), "recruitment")
>>> c.shown(c.notice), c.shown(c.lock), c.shown(c.parties), c.prefix
('policy/notices/recruitment/notice.yaml', 'policy/notices/recruitment/releases/releases.lock', 'policy/parties.yaml', 'recruitment/')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.findings import Finding, NoticeError, Position, _, finding

LOCK_NAME = "releases.lock"
NOTICES = "notices"
"""The folder under policy/ that holds a company's notices, one folder each."""
NOTICE_ID = re.compile(r"[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?")
"""A notice's id: its folder's name and its part of every address (/fi/<id>/), in letters that need no escaping."""
RESERVED = frozenset({"assets", "changelog", "compare", "draft", "releases", "search", "in-brief", "forms"})
"""Names a notice cannot take: the site's own folders, and the pages of a notice beside which a notice's folder
would sit in a one-notice site."""


@dataclass(frozen=True)
class Project:
    root: Path
    """The repository; paths in messages are shown relative to it."""
    notice: Path
    """The working copy of the notice (YAML)."""
    releases: Path
    """The folder of frozen releases and their lock."""
    schema: Path
    """The JSON Schema of the notice format (editors use it too)."""
    locales: Path
    """The gettext catalogs: locales/<lang>/LC_MESSAGES/messages.po."""
    mkdocs_config: Path
    """The site host's configuration (mkdocs.yml)."""
    settings: Path
    """The project's settings (policy/settings.yaml, optional; read by generator/settings.py)."""
    parties: Path
    """The parties a company's notices share (policy/parties.yaml, optional)."""
    id: str = ""
    """The notice's id in a company's project (its folder under policy/notices/); "" for a project of one notice."""

    @classmethod
    def at(cls, root: Path, notice_id: str = "") -> Project:
        """The standard layout of a Seloste repository at `root` (relative paths stay relative,
        so that messages name files as the user does): its one notice, or the company's notice `notice_id`."""
        policy = root / "policy"
        home = policy / NOTICES / notice_id if notice_id else policy
        return cls(
            root=root,
            notice=home / "notice.yaml",
            releases=home / "releases",
            schema=policy / "schema.json",
            locales=root / "locales",
            mkdocs_config=root / "mkdocs.yml",
            settings=policy / "settings.yaml",
            parties=policy / "parties.yaml",
            id=notice_id,
        )

    @property
    def prefix(self) -> str:
        """The notice's folder in every language of the site: "recruitment/" (/fi/recruitment/), or "" for the
        one notice of a project, whose pages are the language's own (/fi/)."""
        return f"{self.id}/" if self.id else ""

    @property
    def lock(self) -> Path:
        """The record of every release: ids, dates and each file's sha256."""
        return self.releases / LOCK_NAME

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the root where it is inside it."""
        return shown(path, self.root)


def shown(path: Path, root: Path) -> str:
    """`path` as the user knows it: relative to `root` when inside it.

    >>> shown(Path("/repo/site"), Path("/repo")), shown(Path("/repo"), Path("/repo")), shown(Path("/x"), Path("/repo"))
    ('site', '.', '/x')
    """
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def notices(root: Path) -> tuple[Project, ...]:
    """Every notice of the repository at `root`: its one notice, or each folder of policy/notices/ in the
    order of their names; NoticeError for a folder whose name cannot be an address, or a repository that
    has both layouts.

    >>> [p.id for p in notices(Path("/nowhere"))]
    ['']
    """
    folder = root / "policy" / NOTICES
    if not folder.is_dir():
        return (Project.at(root),)
    single = Project.at(root)
    problems: list[Finding] = []
    if single.notice.exists() or single.releases.exists():
        problems.append(
            finding(
                Position(shown(single.notice, root)),
                "error",
                # NOTE: %(notices)s is the folder of a company's notices (policy/notices), as it is.
                _(
                    "a project is one notice (policy/notice.yaml) or several (%(notices)s/<id>/notice.yaml), not "
                    "both: move this notice and its releases into a folder of %(notices)s",
                    notices=shown(folder, root),
                ),
                "project-layout",
            )
        )
    ids = sorted(entry.name for entry in folder.iterdir() if entry.is_dir() and not entry.name.startswith("."))
    for notice_id in ids:
        if not NOTICE_ID.fullmatch(notice_id) or notice_id in RESERVED:
            problems.append(
                finding(
                    Position(shown(folder / notice_id, root)),
                    "error",
                    # NOTE: %(id)s is a folder's name as written; %(reserved)s the names a notice cannot take.
                    _(
                        "%(id)s: a notice's folder name is its address, so it must be lower-case letters a-z, "
                        "digits and hyphens (at most 40, starting with a letter), and not one of %(reserved)s",
                        id=notice_id,
                        reserved=", ".join(sorted(RESERVED)),
                    ),
                    "project-layout",
                )
            )
    if not ids:
        problems.append(
            finding(
                Position(shown(folder, root)),
                "error",
                _("there is no notice here: add a folder per notice, each with its notice.yaml"),
                "project-layout",
            )
        )
    if problems:
        raise NoticeError(problems)
    return tuple(Project.at(root, notice_id) for notice_id in ids)
