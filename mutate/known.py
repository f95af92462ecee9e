"""The survivors issues 10 and 18 named: single edits the suite once let through, kept here so they stay caught.

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
        '    if path is None:\n        return _("release %(id)s: %(name)s is missing"',
        '    if path is None:\n        return None\n    if path is None:\n        return _("release %(id)s: %(name)s is missing"',
        "a missing released file not reported",
    ),
    (
        "timeline",
        "r.effective <= day",
        "r.effective < day",
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
        "periods",
        "(?P<week>[0-9]+)W)?(?:(?P<day>[0-9]+)D)?",
        "(?P<day>[0-9]+)W)?(?:(?P<week>[0-9]+)D)?",
        "weeks and days swapped",
    ),
    (
        "changes",
        "            found += [\n                _changed(part, item.label, ",
        "            found += [] and [\n                _changed(part, item.label, ",
        "the changelog drops legal-basis (and every other part) changes",
    ),
    (
        "changes",
        "            found.append(_changed(area, item.label, before, item, kind))\n",
        "",
        'the changelog drops every "changed" item',
    ),
    # Issue 18 (tests named after each survivor: tests/test_diff_pages.py, test_timeline.py, test_adequacy.py,
    # test_check_rules.py, test_load_scalars.py, test_fuzzy_translations.py, test_ledger.py, test_migrate_write.py).
    (
        "compare",
        '            if found is None:\n                out.append(_whole("removed", old[i]))\n                continue\n',
        "            if found is None:\n                continue\n",
        "the diff pages drop a paragraph removed whole",
    ),
    (
        "compare",
        "        out += [_placed(old, new, moved, j) for j in range(following, j2)]\n",
        "",
        "the diff pages drop a paragraph added at the end of a section",
    ),
    (
        "compare",
        "            out += [_placed(old, new, moved, j) for j in range(following, pending[found])]\n",
        "",
        "the diff pages drop a paragraph added before a changed one",
    ),
    (
        "compare",
        "    merged += [_section(gone, None) for gone in before[position:] if gone.key not in new_keys]\n",
        "",
        "the diff pages drop a section removed at the end of the text",
    ),
    (
        "plan",
        "self.ordered(diff.changes(release.notice, current.notice))",
        "self.ordered(diff.changes(current.notice, release.notice))",
        "the comparison with the version in force lists added and removed the wrong way round",
    ),
    (
        "rules",
        't.safeguard == "adequacy_decision" and not t.certified:',
        't.safeguard == "adequacy_decision" and t.certified is None:',
        "check accepts certified: false as covered by a partial adequacy decision",
    ),
    (
        "filters",
        "        if transfer.certified:\n",
        "        if transfer.certified is not None:\n",
        "certified: false stated as covered by the Data Privacy Framework",
    ),
    (
        "adequacy",
        'date.fromisoformat(entry["adopted"])',
        'date.fromisoformat(entry.get("renewed") or entry["adopted"])',
        "an adequacy decision (the UK's) dated by its renewal",
    ),
    (
        "data/adequacy.json",
        '"adopted": "2021-06-28", "renewed"',
        '"adopted": "2025-12-19", "renewed"',
        "the UK adequacy decision's adoption date replaced by its renewal",
    ),
    (
        "filters",
        '"date": i18n.format_date(found.adopted, self.lang)',
        '"date": i18n.format_date(found.renewed or found.adopted, self.lang)',
        "the notice dates a renewed adequacy decision by its renewal",
    ),
    (
        "timeline",
        "return self.in_force_on(self.today) or self.releases[0]",
        "return self.in_force_on(self.today) or self.releases[-1]",
        "before the first release takes effect, the newest is shown as in force",
    ),
    (
        "timeline",
        "return [r for r in later if r.effective == later[0].effective][-1] if later else None",
        "return later[-1] if later else None",
        "the later of two upcoming releases is announced",
    ),
    (
        "timeline",
        "return [r for r in later if r.effective == later[0].effective][-1] if later else None",
        "return later[0] if later else None",
        "of two upcoming releases on one day, the one never in force is announced",
    ),
    (
        "timeline",
        'return "upcoming" if release.effective > current.effective else "archived"',
        'return "upcoming" if release.effective >= current.effective else "archived"',
        "of two releases on one day the earlier is called upcoming",
    ),
    (
        "rules",
        'if bases & {"consent", "contract"}:',
        'if bases & {"consent"}:',
        "portability not required under a contract",
    ),
    (
        "rules",
        '    if bases & {"legitimate_interests", "public_task"}:\n        needed.append("objection")',
        '    if bases & {"legitimate_interests"}:\n        needed.append("objection")',
        "objection not required under a public task",
    ),
    (
        "rules",
        'return "consent" in p.bases or p.special_condition == "explicit_consent"',
        'return "consent" in p.bases',
        "explicit consent (Art. 9(2)(a)) not treated as consent",
    ),
    (
        "load",
        "    if event.style is not None:\n        return value\n",
        '    if event.style not in (None, "\'"):\n        return value\n',
        "single-quoted YAML values read as numbers",
    ),
    (
        "i18n",
        "write_mo(buffer, catalog, use_fuzzy=False)",
        "write_mo(buffer, catalog, use_fuzzy=True)",
        "fuzzy translations published",
    ),
    (
        "lock",
        (
            "    if effective != match.group(1):\n        raise _ShapeError(\n"
            "            # NOTE: effective is the lock's key, as written.\n"
            "            _(\n"
            '                "release %(id)s: effective %(effective)s is not the date of its id",\n'
            "                id=release_id,\n"
            "                effective=json.dumps(effective),\n"
            "            )\n"
            "        )\n"
        ),
        "",
        "a lock entry's effective date edited unnoticed",
    ),
    (
        "lock",
        "return self.effective, int(match.group(2) or 1)",
        'return self.effective, match.group(2) or "1"',
        "same-day releases ordered as text (-10 before -9)",
    ),
    (
        "lock",
        "elif previous and entry.order <= previous.order:",
        "elif previous and entry.effective < previous.effective:",
        "same-day releases out of order unnoticed",
    ),
    (
        "ledger",
        "    if path.is_symlink() or not path.is_file():",
        "    if not path.is_file():",
        "a released file replaced by a symbolic link unnoticed",
    ),
    (
        "releases",
        "        return releases, verify(project, releases)\n",
        "        return releases, []\n",
        "the build no longer holds releases to the lock",
    ),
    (
        "migrate",
        "    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)\n",
        "    handle, temporary = os.open(path, os.O_WRONLY | os.O_TRUNC), path\n",
        "migrate writes in place",
    ),
    (
        "migrate",
        "            os.fsync(out.fileno())\n",
        "",
        "migrate replaces the file without fsync",
    ),
    (
        "migrate",
        "    problems = validate(after, schema)\n",
        "    problems = []\n",
        "migrate writes a result it has not validated",
    ),
]
