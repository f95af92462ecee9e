"""Survivors read by hand and found to change nothing: each with the reason, so the rate counts only mutants that can.

A mutant is equivalent when no input can tell it from the code: the edit is
to typing only, to speed only, or to a guard no caller can reach. Such a
survivor no test can kill, and counting it would hold a module below its
target for want of a test that cannot exist. Each entry is (module, the line
as it is, the line as mutated, why), the lines stripped as the report shows
them; a survivor matching one is reported as equivalent, with its reason, and
left out of its module's rate (the table says how many). An entry names its
line by the text, so it covers every line of the module with that text: list
one only where the reason holds for each (`return 0` in cli.py: every command
returns its exit status to `sys.exit`). An entry whose line
is no longer in its module fails tests/test_mutate_tool.py, so that a change
to the code makes someone read the mutant again.
"""

from __future__ import annotations

from typing import Any

EQUIVALENT: list[tuple[str, str, str, str]] = [
    (
        "record/ledger.py",
        "@property",
        "def directory(self) -> Path: ...",
        "a Protocol's member: only the type checker reads whether it is a property",
    ),
    (
        "record/ledger.py",
        'commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")',
        'commit = _git(root, "rev-parse", "--verify", f"{ref}^{{commit}}", "--quiet")',
        "git reads options after the revision too",
    ),
    (
        "record/ledger.py",
        '["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace"',
        '["git", *args], cwd=root, capture_output=True, encoding="utf-8", errors="replace"',
        "subprocess reads text whenever an encoding is given",
    ),
    (
        "notice/migrate.py",
        "marked: bool = False",
        "marked: bool = True",
        "a default no caller uses: every caller passes `marked`",
    ),
    (
        "host/adapter.py",
        'config.extra["alternate"] = alternates("")',
        'config.extra[""] = alternates("")',
        "set again for each page (on_page_context) before any template reads it",
    ),
    (
        "host/adapter.py",
        'found.update(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/") for name in names)',
        'found.update(name if relative == "." else f"{relative}/{name}".replace("/", os.sep) for name in names)',
        "os.sep is / on every system Seloste runs on (POSIX)",
    ),
    (
        "host/adapter.py",
        "return markdown",
        "return None",
        "MkDocs keeps a page's Markdown when on_page_markdown returns None",
    ),
    (
        "host/adapter.py",
        'pending, seen = ["main.html", "404.html"], set()',
        'pending, seen = ["", "404.html"], set()',
        "speed only: 404.html extends main.html, so the same templates are compiled before the fork",
    ),
    (
        "cli.py",
        "if inspection is not None and inspection.notice is not None:",
        "pass",
        "a parsed notice always comes with its document, whose `languages` the next branch reads alike",
    ),
    (
        "cli.py",
        "return 0",
        "return None",
        "sys.exit(None) exits 0 as sys.exit(0) does",
    ),
    (
        "host/build.py",
        "compile_theme(project, plan.languages[0])",
        "pass",
        "speed only: each language's process compiles what was not compiled before the fork",
    ),
    (
        "host/build.py",
        "compile_templates(project.locales, plan.languages)",
        "pass",
        "speed only: each language's process compiles what was not compiled before the fork",
    ),
    (
        "host/build.py",
        "target.parent.mkdir(parents=True, exist_ok=True)",
        "target.parent.mkdir(exist_ok=True)",
        "each planned file's folder is one below a folder already there: the language builds make the pages' "
        "folders (forms/ too), and in sorted order a release's X.json comes before its folder X/",
    ),
    (
        "host/build.py",
        "target.parent.mkdir(parents=True, exist_ok=True)",
        "target.parent.mkdir(parents=False, exist_ok=True)",
        "each planned file's folder is one below a folder already there: the language builds make the pages' "
        "folders (forms/ too), and in sorted order a release's X.json comes before its folder X/",
    ),
    (
        "host/build.py",
        "return dict(zip(plan.languages, built, strict=True))",
        "return dict(zip(plan.languages, built))",
        "for_each_language returns one result per language, in order",
    ),
    (
        "host/build.py",
        "return dict(zip(plan.languages, built, strict=True))",
        "return dict(zip(plan.languages, built, strict=False))",
        "for_each_language returns one result per language, in order",
    ),
    (
        "words/i18n.py",
        "@caches.kept(maxsize=16)",
        "@caches.kept()",
        "a cache's size: speed and memory only (the catalog's place, the compiled catalog)",
    ),
    (
        "words/i18n.py",
        "@caches.kept(maxsize=16)",
        "@caches.kept(maxsize=17)",
        "a cache's size: speed and memory only (the catalog's place, the compiled catalog)",
    ),
    (
        "words/i18n.py",
        "@caches.kept(maxsize=1024)",
        "def format_date(value: date, lang: str) -> str:",
        "a cache of a pure function's results removed: speed only",
    ),
    (
        "words/i18n.py",
        "@caches.kept(maxsize=1024)",
        "@caches.kept(maxsize=1025)",
        "a cache's size: speed and memory only",
    ),
    (
        "words/render.py",
        "@caches.kept(maxsize=8)",
        "@caches.kept()",
        "a cache's size: speed and memory only (the templates' environments)",
    ),
    (
        "site/feeds.py",
        'for candidate in (urlsplit(website or "").hostname or "", (email or "").rpartition("@")[2].lower()):',
        'for candidate in (urlsplit(website or "XX").hostname or "", (email or "").rpartition("@")[2].lower()):',
        'an address of "XX" has no host name either, so the candidate is "" as before',
    ),
    (
        "site/feeds.py",
        'for candidate in (urlsplit(website or "").hostname or "", (email or "").rpartition("@")[2].lower()):',
        'for candidate in (urlsplit(website or "").hostname or "XX", (email or "").rpartition("@")[2].lower()):',
        'the candidate must be a lower-case DNS name: "XX" is refused as "" is',
    ),
    (
        "host/extensions.py",
        'if element.tag == "a" and not safe_address(element.get("href", "")):',
        'if element.tag == "a" and not safe_address(element.get("href", "XX")):',
        "a link without an address is kept either way: the empty and a relative address are both safe",
    ),
    (
        "words/filters.py",
        "NAMES: tuple[str, ...] = ()",
        "pass",
        "every family states its own NAMES, and Words itself is never asked for its filters",
    ),
    (
        "words/filters.py",
        "at = 0",
        "at = 1",
        "`at` is set at the first ending before the only place that reads it (there are endings)",
    ),
    (
        "notice/languages.py",
        "@caches.kept(maxsize=64)",
        "def _in_order(codes: frozenset[str]) -> tuple[str, ...]:",
        "a cache of a pure function's results removed: speed only",
    ),
    (
        "notice/languages.py",
        "@caches.kept(maxsize=64)",
        "@caches.kept()",
        "a cache's size: speed and memory only",
    ),
    (
        "notice/languages.py",
        "@caches.kept(maxsize=64)",
        "@caches.kept(maxsize=65)",
        "a cache's size: speed and memory only",
    ),
]


def why(module: str, survivor: dict[str, Any]) -> str | None:
    """The reason a survivor of `module` changes nothing, if it is one read by hand.

    >>> why("cli.py", {"original": "return 0", "mutated": "return None"})
    'sys.exit(None) exits 0 as sys.exit(0) does'
    >>> why("cli.py", {"original": "return 0", "mutated": "return 1"}) is None
    True
    """
    for name, original, mutated, reason in EQUIVALENT:
        if name == module and (original, mutated) == (survivor["original"], survivor["mutated"]):
            return reason
    return None
