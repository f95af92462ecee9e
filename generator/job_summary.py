"""Findings as a Markdown table for a CI job summary ($GITHUB_STEP_SUMMARY), and the draft's redline.

GitHub shows at most ten warning annotations per step; the job summary has
room for every finding. Errors come first, then warnings, each in the order
of the file. Every value is text: Markdown and HTML in a message (which
quotes the notice) are escaped, so no cell can add a cell, a link, a mention
or markup (a plain address may still show as a link, as anywhere on GitHub);
a bidirectional control is shown as its escape, never obeyed. GitHub drops a
step's summary over 1 MiB whole, errors included, so the table stops at
`BUDGET` bytes with a line saying how many findings it left out (errors come
first, so they are the last to go); a message longer than a screen is cut.

>>> from generator.findings import Finding, Position
>>> print(table([Finding(Position("n.yaml", 9, 1), "warning", "x", "retention", "13(2)(a)"),
...              Finding(Position("n.yaml", 3, 5), "error", "a | <b> [c](https://x) @d")], "n.yaml"))
### Seloste check: n\\.yaml
<BLANKLINE>
n\\.yaml: 1 error, 1 warning
<BLANKLINE>
| Level | Where | Rule | Message |
| --- | --- | --- | --- |
| error | n\\.yaml:3:5 |  | a \\| &lt;b&gt; \\[c\\]\\(https://x\\) @\u2060d |
| warning | n\\.yaml:9:1 | retention \\(GDPR Art\\. 13\\(2\\)\\(a\\)\\) | x |
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.findings import ENGLISH, Finding, Words, _, ngettext, pgettext
from generator.report import summary
from generator.site.plan import Redline
from generator.words.i18n import language_name

_MARKUP = re.compile(r"[\\`*_{}\[\]()#+\-.!|~]")
"""What Markdown could read as markup (emphasis, code, links, headings, lists, table cells, strike-through):
backslash-escaped, which both CommonMark (GitHub) and Python-Markdown read as the character itself."""
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MENTION = re.compile(r"(?<![\w.+-])@(?=\w)")
"""`@name` would notify a GitHub user or team: a word joiner (U+2060) after the @ keeps it text."""
BUDGET = 900 * 1024
"""Bytes of the table at most: GitHub's limit is 1 MiB for a step, and other steps may append too."""
MAX_CELL = 2000
"""Characters of a message at most: the whole of it is in `make check`."""


def table(findings: Iterable[Finding], path: str, *, strict: bool = False, words: Words = ENGLISH) -> str:
    """A heading, the count line, and one table row per finding, errors first; in `words`' language, but for
    the levels and the rules' ids, which stay as `check` prints them."""
    findings = sorted(findings, key=lambda f: (f.level != "error", f.position, f.rule, f.message))
    # NOTE: the heading of check's table in a GitHub job summary; %(file)s is the notice's file.
    heading = cell(_("Seloste check: %(file)s", file=path).render(words))
    lines = [f"### {heading}", "", cell(summary(findings, path, strict=strict, words=words)), ""]
    if findings:
        # NOTE: the column heads of check's table in a GitHub job summary: the level (error or warning), the
        # file:line:column, the rule with its article, and the message.
        heads = [
            said.render(words)
            for said in (
                pgettext("check's table", "Level"),
                pgettext("check's table", "Where"),
                pgettext("check's table", "Rule"),
                pgettext("check's table", "Message"),
            )
        ]
        lines += [f"| {' | '.join(heads)} |", "| --- | --- | --- | --- |"]
        size = sum(len(line.encode("utf-8")) + 1 for line in lines)
        for shown, finding in enumerate(findings):
            row = (
                f"| {finding.level} | {cell(str(finding.position))} | {cell(_rule(finding, words))} "
                f"| {_message(finding, words)} |"
            )
            size += len(row.encode("utf-8")) + 1
            if size > BUDGET - 200:  # room for the line that says what is left out
                lines += [
                    "",
                    cell(
                        ngettext(
                            "%(count)d more finding is left out here, to keep the summary under GitHub's 1 MiB; "
                            "`make check` lists them all.",
                            "%(count)d more findings are left out here, to keep the summary under GitHub's 1 MiB; "
                            "`make check` lists them all.",
                            len(findings) - shown,
                        ).render(words)
                    ),
                ]
                break
            lines.append(row)
    return "\n".join(lines) + "\n"


def _message(finding: Finding, words: Words) -> str:
    text = finding.said_in(words)
    return cell(text if len(text) <= MAX_CELL else text[:MAX_CELL] + " [...]")


def append(file: Path, findings: Iterable[Finding], path: str, *, strict: bool = False, words: Words = ENGLISH) -> None:
    """Add the table to `file` (a job summary collects what every step appends)."""
    with open(file, "a", encoding="utf-8") as handle:
        handle.write(table(findings, path, strict=strict, words=words))


def cell(text: str) -> str:
    """`text` as the literal content of a Markdown table cell: one line, nothing it could mark up.

    >>> cell("*a*\\n_b_ `c` &amp;")
    '\\\\*a\\\\* \\\\_b\\\\_ \\\\`c\\\\` &amp;amp;'
    >>> cell("@team \\u202eexe"), cell("a@b.fi")
    ('@\\u2060team \\\\\\\\u202eexe', 'a@b\\\\.fi')
    """
    text = _CONTROL.sub(" ", _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    text = _MARKUP.sub(lambda m: "\\" + m.group(), text)
    text = _MENTION.sub("@\u2060", text)
    return re.sub("[&<>]", lambda m: _ENTITIES[m.group()], text)


def _rule(finding: Finding, words: Words) -> str:
    if not finding.rule:
        return ""
    return f"{finding.rule} ({finding.citation(words)})" if finding.article else finding.rule


def redline(redlines: dict[str, Redline], *, download: str = "", words: Words = ENGLISH) -> str:
    """The draft compared with the version in force, for the approver of a pull request: in each language, the
    address of its redline page in the draft site (a link to `download`, where the site can be downloaded) and
    the changes the page lists, in that language. Every value is text (`cell`); `download` must be an address
    `downloadable` accepts.

    >>> from generator.record.releases import Release
    >>> from datetime import date
    >>> from pathlib import Path
    >>> v1 = Release("2026-01-01", date(2026, 1, 1), {}, Path("x"))
    >>> print(redline({"en": Redline(v1, "/en/draft/diff/", [], (), [("", ["Purpose added: *News*"])], "Material change"),
    ...                "fi": Redline(v1, "/fi/draft/diff/", [], (), [])}, download="https://x.example/a"))
    ### Redline: the draft compared with version 2026\\-01\\-01, in force
    <BLANKLINE>
    Each link below downloads the draft site this run built: unzip it, serve its folder with python3 \\-m http\\.server \\-d FOLDER, and open the address the link names\\.
    <BLANKLINE>
    **English**: [en/draft/diff/](<https://x.example/a>)
    <BLANKLINE>
    Material change\\.
    <BLANKLINE>
    - Purpose added: \\*News\\*
    <BLANKLINE>
    **Suomi**: [fi/draft/diff/](<https://x.example/a>)
    <BLANKLINE>
    - Nothing has changed: the draft says word for word what version 2026\\-01\\-01 says\\.
    <BLANKLINE>
    """
    if not redlines:
        return ""
    in_force = next(iter(redlines.values())).in_force.id
    # NOTE: the heading of the redline in a GitHub job summary: the draft of the notice compared with the
    # version in force (%(id)s, e.g. 2026-03-01).
    heading = _("Redline: the draft compared with version %(id)s, in force", id=in_force)
    lines = [f"### {cell(heading.render(words))}", ""]
    if download:
        # NOTE: in a GitHub job summary, before one link per language to the draft site; python3 -m http.server
        # -d FOLDER is a command, keep it as it is.
        intro = _(
            "Each link below downloads the draft site this run built: unzip it, serve its folder with "
            "python3 -m http.server -d FOLDER, and open the address the link names."
        )
    else:
        # NOTE: in a GitHub job summary, before the address of each language's redline in the draft site.
        intro = _("Each language's redline is a page of the draft site, at the address given below.")
    lines += [cell(intro.render(words)), ""]
    size = 0
    for lang, compared in redlines.items():
        address = compared.address.lstrip("/")
        where = f"[{cell(address)}](<{download}>)" if download else f"`{address}`"
        lines += [f"**{cell(language_name(lang, lang))}**: {where}", ""]
        if compared.change_class:
            lines += [cell(f"{compared.change_class}."), ""]
        if compared.unchanged:
            said = _("Nothing has changed: the draft says word for word what version %(id)s says.", id=in_force)
            groups = [("", [said.render(words)])]
        else:
            groups = compared.changes or [("", [_("Wording changed; see the comparison.").render(words)])]
        left = sum(len(group) for _lead, group in groups)
        for lead, group in groups:
            if lead:  # "Material changes:", as the page leads each group where there are both
                lines += [cell(lead), ""]
            for change in group:
                size += len(change.encode("utf-8"))
                if size > BUDGET // 2:
                    break
                lines.append(f"- {cell(change if len(change) <= MAX_CELL else change[:MAX_CELL] + ' [...]')}")
                left -= 1
            else:
                lines.append("")
                continue
            lines.append(
                "- "
                + cell(
                    ngettext(
                        "%(count)d more change is left out here; the redline lists them all.",
                        "%(count)d more changes are left out here; the redline lists them all.",
                        left,
                    ).render(words)
                )
            )
            lines.append("")
            break
    return "\n".join(lines)


def downloadable(address: str) -> bool:
    """Whether `address` can be the target of a link in the summary as it is: an https: address without
    spaces, angle brackets or control characters (it is written between < and >).

    >>> downloadable("https://github.com/o/r/actions/runs/1#artifacts"), downloadable("javascript:alert(1)")
    (True, False)
    >>> downloadable("https://x.example/a> [b](c"), downloadable("https://x.example/\\na")
    (False, False)
    """
    return re.fullmatch(r"https://[^\s<>\\\x00-\x1f\x7f]+", address) is not None
