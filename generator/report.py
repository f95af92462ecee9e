"""Findings as people and tools read them: text, GitHub workflow commands, JSON.

Text is for the editor at a terminal: one line per finding, then a summary.
`github` prints one workflow command per finding, which GitHub Actions shows
as an annotation on that line of the file. `json` is a list for other tools.
In the two machine formats stdout holds nothing else; the summary goes to
stderr, where it still shows in the log.

>>> from generator.findings import Finding, Position
>>> f = Finding(Position("n.yaml", 3, 5), "warning", "a: 50% done,\\nnext", "retention", "13(2)(a)")
>>> print(github(f))
::warning file=n.yaml,line=3,col=5,title=retention::a: 50%25 done,%0Anext (GDPR Art. 13(2)(a))
>>> summary([f], "n.yaml")
'n.yaml: 0 errors, 1 warning'

Keys and values of a notice reach the messages. Whatever they hold, each
finding stays one line, and no character reaches the terminal that it would
obey rather than show: control characters, line separators and bidi controls
are printed as escapes.

>>> print(line(Finding(Position("n.yaml", 1, 1), "error", "a\\nn.yaml:9:9: error: b\\x1b[2J \\u202ec")))
n.yaml:1:1: error: a\\nn.yaml:9:9: error: b\\x1b[2J \\u202ec
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from typing import TextIO

from generator.findings import ENGLISH, Finding, Words, _, joined, ngettext

FORMATS = ("text", "github", "json")

_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""What a terminal obeys or cannot print: control characters (C0, DEL, C1), line and
paragraph separators, bidirectional controls, lone surrogates."""
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def write(
    findings: Iterable[Finding],
    path: str,
    output: str,
    *,
    strict: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    words: Words = ENGLISH,
) -> None:
    """Print `findings` about the file `path` in the format `output`, their messages in `words`' language."""
    out, err = out or sys.stdout, err or sys.stderr
    findings = sorted(findings, key=lambda f: (f.position, f.rule, f.message))
    total = summary(findings, path, strict=strict, words=words)
    if output == "json":
        listed = [as_dict(f, words) for f in findings]
        print(_surrogates_escaped(json.dumps(listed, ensure_ascii=False, indent=2)), file=out)
        print(visible(total), file=err)
    elif output == "github":
        for finding in findings:
            print(github(finding, words), file=out)
        print(visible(total), file=err)
    else:
        for finding in findings:
            print(line(finding, words), file=out)
        print(visible(total), file=out)


def line(finding: Finding, words: Words = ENGLISH) -> str:
    """One finding as one line of text, for a terminal."""
    return visible(finding.line(words))


def visible(text: str) -> str:
    """`text` with every character in _INVISIBLE written as an escape (\\n, \\x1b, \\u202e).

    >>> print(visible("a\\r\\nb\\tc\\x1b[2Jd\\u202ee"))
    a\\r\\nb\\tc\\x1b[2Jd\\u202ee
    """
    return _INVISIBLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def _surrogates_escaped(text: str) -> str:
    """JSON text with each lone surrogate (from a file name that is not UTF-8) as a JSON escape."""
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def summary(findings: Iterable[Finding], path: str, *, strict: bool = False, words: Words = ENGLISH) -> str:
    """One line: how many errors and warnings `path` has."""
    levels = [f.level for f in findings]
    errors, warnings = levels.count("error"), levels.count("warning")
    # NOTE: the last line of check: "policy/notice.yaml: 2 errors, 1 warning"; these are its two counts.
    counts = joined(
        ngettext("%(count)d error", "%(count)d errors", errors),
        ", ",
        ngettext("%(count)d warning", "%(count)d warnings", warnings),
    )
    text = f"{path}: {counts.render(words)}"
    # NOTE: after the counts of check --strict; --strict is the option as typed, keep it.
    return text + _(" (--strict: warnings count as errors)").render(words) if strict else text


def github(finding: Finding, words: Words = ENGLISH) -> str:
    """A GitHub Actions workflow command (::error or ::warning) for one finding."""
    position = finding.position
    properties = [f"file={_property(position.path)}"]
    if position.line:
        properties.append(f"line={position.line}")
        if position.column:
            properties.append(f"col={position.column}")
    properties.append(f"title={_property(finding.rule or 'seloste')}")
    message = finding.said_in(words) + (f" ({finding.citation(words)})" if finding.article else "")
    return f"::{finding.level} {','.join(properties)}::{visible(_data(message))}"


def _data(text: str) -> str:
    """Escape a command's message as GitHub's toolkit does (escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a command's property value as GitHub's toolkit does (escapeProperty)."""
    return visible(_data(text).replace(":", "%3A").replace(",", "%2C"))


def as_dict(finding: Finding, words: Words = ENGLISH) -> dict[str, object]:
    """One finding as a JSON object; line and column are null where unknown.

    `message` is always the English (what a tool matches on, whatever the
    language); `lang` and `localised` give it in the language asked for.
    """
    position = finding.position
    return {
        "file": position.path,
        "line": position.line or None,
        "column": position.column or None,
        "level": finding.level,
        "rule": finding.rule or None,
        "article": finding.article or None,
        "message": finding.message,
        "lang": words.lang,
        "localised": finding.said_in(words),
    }
