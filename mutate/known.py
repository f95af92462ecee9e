"""The survivors issue 10 named: single edits the suite once let through, kept here so they stay caught.

Each is (module or file under generator/, text as it is, text as mutated,
what the bug is). The first item names a module by its stem (`ledger`) or
a file by the end of its path (`templates/files/diff.html.j2`), so moving a
module into a subpackage does not retire its entries. A module's entries
run with that module; a template's with the module that names the template
(its tests are those of the lines naming it). The operators do not make
some of these (none drops one character from a regular expression), so
`make mutate` applies them too, one at a time, and runs the tests of the
mutated line. A text no longer found in its file is reported, and
tests/test_mutate_tool.py fails, so that a refactoring cannot silently
retire one.
"""

from __future__ import annotations

KNOWN: list[tuple[str, str, str, str]] = [
    (
        "markup",
        "        if not url.startswith(SAFE_SCHEMES):\n            continue\n",
        "",
        "the https:/mailto: scheme check removed",
    ),
    (
        "markup",
        'out.append(f"[{_escape(label)}](<{_entities(url)}>)")',
        'out.append(f"[{label}](<{_entities(url)}>)")',
        "a link's label not escaped",
    ),
    (
        "markup",
        r'_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|])")',
        r'_SPECIAL = re.compile(r"([`*_\[\]{}#!|])")',
        "\\ not escaped",
    ),
    (
        "markup",
        r'_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|])")',
        r'_SPECIAL = re.compile(r"([\\`*_\[\]#!|])")',
        "{} not escaped",
    ),
    (
        "templates/files/diff.html.j2",
        "{% else %}{{ s.text }}{% endif %}",
        "{% else %}{{ s.text|safe }}{% endif %}",
        "unchanged diff lines not escaped",
    ),
    (
        "templates/files/diff.html.j2",
        "{% endif %}{{ s.text }}</del>",
        "{% endif %}{{ s.text|safe }}</del>",
        "removed diff lines not escaped",
    ),
    (
        "templates/files/diff.html.j2",
        "{% endif %}{{ s.text }}</ins>",
        "{% endif %}{{ s.text|safe }}</ins>",
        "added diff lines not escaped",
    ),
    (
        "ledger",
        "    for name, expected in sorted(release.files.items()):\n",
        '    for name, expected in sorted(release.files.items()):\n        if name == "notice.json": continue\n',
        "verification skips notice.json",
    ),
    (
        "ledger",
        "    for name, expected in sorted(release.files.items()):\n",
        '    for name, expected in sorted(release.files.items()):\n        if name == "notice.yaml": continue\n',
        "verification skips notice.yaml",
    ),
    (
        "ledger",
        "    for name, expected in sorted(release.files.items()):\n",
        '    for name, expected in sorted(release.files.items()):\n        if name == "fi.md": continue\n',
        "verification skips fi.md",
    ),
    (
        "ledger",
        '        if path is None:\n            problem = "is missing"\n        elif',
        "        if path is None:\n            continue\n        elif",
        "a missing released file not reported",
    ),
    (
        "timeline",
        "r.effective <= self.today",
        "r.effective < self.today",
        "a release not in force on its own effective date",
    ),
    (
        "rules",
        '@rule("unknown-reference", "", "error")',
        '@rule("unknown-reference", "", "warning")',
        "unknown-reference lowered to a warning",
    ),
    (
        "rules",
        '@rule("unsafe-link", "", "error")',
        '@rule("unsafe-link", "", "warning")',
        "unsafe-link lowered to a warning",
    ),
    (
        "rules",
        '@rule("transfer-adequacy", "13(1)(f), 14(1)(f)", "error")',
        '@rule("transfer-adequacy", "13(1)(f), 14(1)(f)", "warning")',
        "transfer-adequacy lowered to a warning",
    ),
    (
        "rules",
        '@rule("duplicate-id", "", "error")',
        '@rule("duplicate-id", "", "warning")',
        "duplicate-id lowered to a warning",
    ),
    (
        "duration",
        "(?P<week>\\d+)W)?(?:(?P<day>\\d+)D)?",
        "(?P<day>\\d+)W)?(?:(?P<week>\\d+)D)?",
        "weeks and days swapped",
    ),
    (
        "diff",
        '            found += [Change(part, "changed", item.label)',
        '            found += [] and [Change(part, "changed", item.label)',
        "the changelog drops legal-basis (and every other part) changes",
    ),
    (
        "diff",
        '            found.append(Change(area, "changed", item.label))\n',
        "",
        'the changelog drops every "changed" item',
    ),
]
