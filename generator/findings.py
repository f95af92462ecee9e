"""Findings: what is wrong with a notice, where, and how much it matters.

A finding is a value, not an exception: every stage (load, validate, check)
collects findings so that the author sees all of a file's problems at once.

>>> f = Finding(Position("policy/notice.yaml", 3, 5), "error", "controller.name: required")
>>> str(f)
'policy/notice.yaml:3:5: error: controller.name: required'

A message is said in the language `check --lang` asks for: its words are a
gettext message (`_`, `ngettext`) with named placeholders, rendered once in
English (`Finding.message`, what tests and tools read) and again in any
language by `Finding.said_in`. A placeholder's value is data: whatever it
holds (a `%`, a `%(x)s`), it is put in once and never read as a template.

>>> f = finding(Position("n.yaml", 3, 5), "warning", _("%(field)s is %(what)s", field="a", what="50%(x)s"), "r", "13")
>>> f.message, str(f)
('a is 50%(x)s', 'n.yaml:3:5: warning: a is 50%(x)s [r, GDPR Art. 13]')
"""

from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

Level = Literal["error", "warning"]


class Words(Protocol):
    """A language's catalog, as a message is said with it: its code, Babel's locale and gettext's calls."""

    @property
    def lang(self) -> str: ...
    @property
    def locale(self) -> str: ...
    def gettext(self, message: str) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int) -> str: ...
    def pgettext(self, context: str, message: str) -> str: ...


@dataclass(frozen=True)
class Speaker:
    """Words of one language from a compiled catalog; without one, the messages as written (English)."""

    lang: str = "en"
    locale: str = "en_GB"
    catalog: _gettext.NullTranslations = field(default_factory=_gettext.NullTranslations)

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalog.pgettext(context, message)


ENGLISH = Speaker()
"""The messages as the code writes them: `Finding.message`, and every test that reads it."""


class Said(Protocol):
    """Words that can be said in any language: a message, a name from the notice, a list, a country."""

    def render(self, words: Words) -> str: ...


def say(value: object, words: Words) -> str:
    """A placeholder's value in `words`' language: a Said rendered, anything else as text."""
    render = getattr(value, "render", None)
    return str(render(words)) if callable(render) else str(value)


@dataclass(frozen=True)
class Message:
    """A gettext message and its placeholders' values; rendered in a language only when printed."""

    singular: str
    params: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    count: int = 0
    context: str | None = None

    def render(self, words: Words) -> str:
        if self.plural is not None:
            template = words.ngettext(self.singular, self.plural, self.count)
        elif self.context is not None:
            template = words.pgettext(self.context, self.singular)
        else:
            template = words.gettext(self.singular)
        if not self.params and self.plural is None:
            return template
        values = {name: value if isinstance(value, int) else say(value, words) for name, value in self.params}
        return template % ({"count": self.count} | values)


def _(message: str, /, **params: object) -> Message:
    """A message of `check` for the catalogs (pybabel extracts it), said later in the reader's language."""
    return Message(message, tuple(params.items()))


def ngettext(singular: str, plural: str, count: int, /, **params: object) -> Message:
    """A message whose words depend on `count` (%(count)d in it), with the language's plural forms."""
    return Message(singular, tuple(params.items()), plural, count)


def pgettext(context: str, message: str, /) -> Message:
    """A word that needs its context to be translated (the same English may be two words in Finnish)."""
    return Message(message, context=context)


@dataclass(frozen=True)
class Joined:
    """Parts said one after another: a field's name, then its message."""

    parts: tuple[object, ...]

    def render(self, words: Words) -> str:
        return "".join(say(part, words) for part in self.parts)


def joined(*parts: object) -> Joined:
    return Joined(parts)


@dataclass(frozen=True)
class Listed:
    """Items joined as the language joins them: "a, b and c", "a, b ja c"; with `word` "or", "a, b or c"."""

    items: tuple[object, ...]
    word: Literal["and", "or"] = "and"

    def render(self, words: Words) -> str:
        items = [say(item, words) for item in self.items]
        if words.lang == "en" or not items:  # the English of the code, byte for byte
            return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {self.word} {items[-1]}" if items else ""
        from babel.lists import format_list

        return str(format_list(items, style="standard" if self.word == "and" else "or", locale=words.locale))


def listed(items: Iterable[object], word: Literal["and", "or"] = "and") -> Listed:
    return Listed(tuple(items), word)


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
    """The message in English, as the code writes it."""
    rule: str = ""
    article: str = ""
    said: Said | None = field(default=None, compare=False, repr=False)
    """The message in words any catalog can say (None: `message` is said as it is, in every language)."""

    def __str__(self) -> str:
        return self.line(ENGLISH)

    def said_in(self, words: Words) -> str:
        """The message in `words`' language."""
        return self.message if self.said is None else self.said.render(words)

    def about(self, words: Words) -> tuple[str, str]:
        """The field the finding is about and what it says of it, apart, in `words`' language; where it names
        no field, "" and the whole message.

        >>> f = finding(Position("n.yaml", 3, 5), "warning", joined("purposes[a].name", ": ", _("%(x)s is empty", x="b")))
        >>> f.about(ENGLISH), Finding(Position("n.yaml"), "error", "invalid YAML: x: y").about(ENGLISH)
        (('purposes[a].name', 'b is empty'), ('', 'invalid YAML: x: y'))
        """
        said = self.said
        if isinstance(said, Joined) and len(said.parts) == 3 and said.parts[1] == ": ":
            return say(said.parts[0], words), say(said.parts[2], words)
        return "", self.said_in(words)

    def citation(self, words: Words) -> str:
        """The article cited, in `words`' language ("GDPR Art. 13(1)(a)"), or "" for a rule of the format."""
        # NOTE: the article cited after a finding of check, e.g. "GDPR Art. 13(1)(a), 14(1)(a)"; keep the
        # numbering as it is, and name the regulation as your language's lawyers abbreviate it.
        return _("GDPR Art. %(article)s", article=self.article).render(words) if self.article else ""

    def line(self, words: Words) -> str:
        """`path:line:col: level: message [rule, GDPR Art. X]`: the level and the rule stay as they are."""
        text = f"{self.position}: {self.level}: {self.said_in(words)}"
        if self.rule:
            source = f", {self.citation(words)}" if self.article else ""
            text += f" [{self.rule}{source}]"
        return text


def finding(position: Position, level: Level, said: Said, rule: str = "", article: str = "") -> Finding:
    """A finding whose message any catalog can say; `message` holds its English."""
    return Finding(position, level, said.render(ENGLISH), rule, article, said)


class NoticeError(Exception):
    """Raised when input cannot be used; carries every finding about it."""

    words: Words = ENGLISH
    """The language the command line says the findings in (`--lang`)."""

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
