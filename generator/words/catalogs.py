"""The translators' catalogs checked as any input is: a sentence whose placeholders differ from its message's
would crash the build or drop a fact from a page.

A translated sentence (`msgstr`) is filled with its values by Python's `%`
operator, so it must name exactly the placeholders of its message (`msgid`),
`%(controller)s` and the like, and write a percent sign as `%%`. A typo
(`%(controler)s`) or a lone `%` ends the build in a traceback; a placeholder
left out silently drops a fact from the page. `check` reports each at its line
of the catalog; fuzzy entries are never published, so they are not checked.

>>> placeholders("Rekisterinpitäjä on %(controller)s (%%)")
({'controller'}, [])
>>> placeholders("100 % varma %(x)")
(set(), ['%', '%(x)'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from generator.findings import Finding, Position

RULE = "catalog-placeholders"
_TOKEN = re.compile(r"%\((\w+)\)[sd]|%%|(%(?:\([^)]*\)?)?.?)")


def placeholders(text: str) -> tuple[set[str], list[str]]:
    """The placeholder names `text` fills, and every `%` in it that is not a placeholder or `%%`."""
    names, stray = set(), []
    for match in _TOKEN.finditer(text):
        if match.group(1):
            names.add(match.group(1))
        elif match.group(2):
            stray.append(match.group(2).rstrip())
    return names, stray


def problems(locales: Path, languages: Iterable[str], shown: Callable[[Path], str]) -> list[Finding]:
    """Every translated sentence of the catalogs of `languages` whose placeholders do not fit its message."""
    found: list[Finding] = []
    for lang in languages:
        po = locales / lang / "LC_MESSAGES" / "messages.po"
        try:
            with open(po, "rb") as handle:
                catalog = read_po(handle, locale=lang, abort_invalid=True)
        except (OSError, PoFileError, ValueError) as exc:
            found.append(Finding(Position(shown(po)), "error", f"the {lang} catalog cannot be read: {exc}", RULE))
            continue
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            found += _message_problems(message.id, message.string or "", Position(shown(po), message.lineno or 0))
    return found


def _message_problems(
    ids: str | tuple[str, ...] | list[str], strings: str | tuple[str, ...] | list[str], where: Position
) -> list[Finding]:
    ids = (ids,) if isinstance(ids, str) else tuple(ids)
    strings = (strings,) if isinstance(strings, str) else tuple(strings)
    expected = set().union(*(placeholders(i)[0] for i in ids))
    out = []
    for text in (s for s in strings if s):
        names, stray = placeholders(text)
        if stray:
            out.append(
                f"{', '.join(repr(s) for s in stray)} in the translation of {ids[0]!r} is not a placeholder; "
                "write a percent sign as %%"
            )
        missing, unknown = expected - names, names - expected
        if unknown:
            out.append(
                f"the translation of {ids[0]!r} fills {', '.join(sorted(unknown))}, which its message does "
                f"not have (it has {', '.join(sorted(expected)) or 'none'})"
            )
        if missing and len(ids) == 1:  # a plural's singular may leave out the number
            out.append(
                f"the translation of {ids[0]!r} leaves out {', '.join(sorted(missing))}: the page would not say it"
            )
    return [Finding(where, "error", message, RULE) for message in dict.fromkeys(out)]
