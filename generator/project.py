"""The project: where a notice, its releases and its site configuration live.

Built once, by the command line, and passed to check, release, build and
serve, so that no other module writes a project path itself. The layout is
the repository's (`Project.at`), but every path is a field: a second notice
(recruitment, staff) can be a second Project over the same root.

>>> p = Project.at(Path("/repo"))
>>> p.notice, p.lock, p.mkdocs_config
(PosixPath('/repo/policy/notice.yaml'), PosixPath('/repo/policy/releases/releases.lock'), PosixPath('/repo/mkdocs.yml'))
>>> p.shown(p.notice)
'policy/notice.yaml'
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LOCK_NAME = "releases.lock"


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

    @classmethod
    def at(cls, root: Path) -> Project:
        """The standard layout of a Seloste repository at `root` (relative paths stay relative,
        so that messages name files as the user does)."""
        return cls(
            root=root,
            notice=root / "policy" / "notice.yaml",
            releases=root / "policy" / "releases",
            schema=root / "policy" / "schema.json",
            locales=root / "locales",
            mkdocs_config=root / "mkdocs.yml",
            settings=root / "policy" / "settings.yaml",
        )

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
