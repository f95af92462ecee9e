"""Findings: what is wrong with a notice, where, and how much it matters.

A finding is a value, not an exception: every stage (load, validate, check)
collects findings so that the author sees all of a file's problems at once.

>>> f = Finding(Position("policy/notice.yaml", 3, 5), "error", "controller.name: required")
>>> str(f)
'policy/notice.yaml:3:5: error: controller.name: required'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file; line and column count from 1 (0 = unknown)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    """One problem: its position, level, message and (for GDPR rules) the rule."""

    position: Position
    level: Level
    message: str
    rule: str = ""
    article: str = ""

    def __str__(self) -> str:
        text = f"{self.position}: {self.level}: {self.message}"
        if self.rule:
            source = f", GDPR Art. {self.article}" if self.article else ""
            text += f" [{self.rule}{source}]"
        return text


class NoticeError(Exception):
    """Raised when input cannot be used; carries every finding about it."""

    def __init__(self, findings: list[Finding] | tuple[Finding, ...]):
        self.findings = tuple(sorted(findings, key=lambda f: f.position))
        super().__init__("\n".join(str(f) for f in self.findings))

    def __reduce__(self) -> tuple[type[NoticeError], tuple[tuple[Finding, ...]]]:
        """Pickled with its findings, so that an error of a worker process arrives whole."""
        return (NoticeError, (self.findings,))


class UsageError(Exception):
    """Raised when the command cannot run as asked (its arguments or environment); exit code 2."""


class Failure(Exception):  # noqa: N818 (a failure of the run, as the exit code says; not a program error)
    """A command that could not finish, through no fault of the notice (exit 1, with a sentence)."""

    exit_code = 1
