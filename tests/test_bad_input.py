"""Every kind of bad input gets exit 1 and a message with file, line and column, never a traceback.

Each case runs the real command line, `python -m generator check FILE`, in a
subprocess. How long a case takes is measured by the benchmark, not here.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import command_server
import pytest

from generator import cli
from generator.notice.load import MAX_BYTES, MAX_DEPTH, MAX_FINDINGS
from support import make_project

REPO = Path(__file__).resolve().parent.parent

BASE = """\
seloste: 2
controller:
  name: Esimerkki Oy
  email: tietosuoja@esimerkki.fi
recipients:
  - id: crm
    name: {fi: Asiakkuudenhallinta, sv: Kundhantering, en: Customer management}
    role: processor
    country: FI
cookies:
  - provider: Esimerkki Oy
    duration: P1Y
website_services:
  - name: Kartta
    terms: https://esimerkki.fi/kartta
transfers_outside_eea: false
revision:
  effective: "2026-01-01"
  summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}
"""


def changed(old: str, new: str) -> bytes:
    assert old in BASE
    return BASE.replace(old, new, 1).encode("utf-8")


def check(tmp_path: Path, content: bytes, *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`check` of `content` from `cwd`'s project (this repository's, whose releases the notice is compared with)."""
    path = tmp_path / "notice.yaml"
    path.write_bytes(content)
    return command_server.run(["check", str(path), "--lang", "en", *args], cwd, command_server.BASE, timeout=120)


def refused(
    tmp_path: Path, content: bytes, runner: Callable[..., subprocess.CompletedProcess[str]] = check
) -> list[str]:
    """Run check on a bad file: exit 1, no traceback; the error lines of the report, without the file name."""
    result = runner(tmp_path, content)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    name = str(tmp_path / "notice.yaml")
    assert re.fullmatch(rf"{re.escape(name)}: \d+ errors?, \d+ warnings?", lines[-1])
    assert all(line.startswith(name) for line in lines)
    return [line[len(name) :] for line in lines[:-1] if ": error: " in line]


@pytest.mark.slow
def test_base_is_valid(tmp_path: Path) -> None:
    result = check(tmp_path, BASE.encode())
    assert result.returncode == 0, result.stdout
    assert ": error:" not in result.stdout


# (case, file content, expected ":line:col: error: ..." start, words the message must have)
CASES = [
    ("empty file", b"", ":1:1: error:", ["empty"]),
    ("only blank lines and spaces", b"\n   \n\n", ":1:1: error:", ["empty"]),
    ("a single value", b"just some text\n", ":1:1: error:", ["mapping"]),
    ("a list", b"- seloste: 1\n", ":1:1: error:", ["mapping", "list"]),
    (
        "invalid UTF-8",
        BASE.encode().replace(b"Esimerkki Oy", b"Esimerk\xe4i Oy", 1),
        ":3:16: error:",
        ["not valid UTF-8", "0xe4"],
    ),
    ("UTF-16", "seloste: 1\n".encode("utf-16"), ":1:1: error:", ["not valid UTF-8"]),
    ("NUL byte", changed("Esimerkki Oy", "Esimerkki\0 Oy"), ":3:18: error:", ["NUL"]),
    ("control character", changed("Esimerkki Oy", "Esimerkki\x07 Oy"), ":3:18: error:", ["control character U+0007"]),
    ("tab indentation", changed("  name: Esimerkki Oy", "\tname: Esimerkki Oy"), ":3:1: error:", ["tab", "spaces"]),
    ("unclosed double quote", changed('"2026-01-01"', '"2026-01-01'), ":18:14: error:", ["quote", "never closed"]),
    ("unclosed single quote", changed("name: Esimerkki Oy", "name: 'Esimerkki Oy"), ":3:9: error:", ["quote"]),
    (
        "duplicate key",
        changed("  email:", "  name: Toinen Oy\n  email:"),
        ":4:3: error:",
        ["duplicate key 'name'", "line 3"],
    ),
    ("duplicate top-level key", BASE.encode() + b"seloste: 1\n", ":20:1: error:", ["duplicate key 'seloste'"]),
    ("typo in a key", changed("controller:", "controler:"), ":2:1: error:", ["controler", "did you mean 'controller'"]),
    ("typo in a nested key", changed("    role:", "    rol:"), ":8:5: error:", ["rol", "did you mean 'role'"]),
    (
        "wrong type",
        changed("transfers_outside_eea: false", "transfers_outside_eea: 'no'"),
        ":16:24: error:",
        ["transfers_outside_eea", "true or false", "'no'"],
    ),
    (
        "a list where a text belongs",
        changed(
            "name: {fi: Asiakkuudenhallinta, sv: Kundhantering, en: Customer management}", "name: [Asiakkuudenhallinta]"
        ),
        ":7:11: error:",
        ["Not a name: a proper name written once", "the name in each language"],
    ),
    (
        "bad enum value",
        changed("role: processor", "role: processer"),
        ":8:11: error:",
        ["'processer'", "processor, controller, joint_controller, authority"],
    ),
    ("unknown country code", changed("country: FI", "country: XX"), ":9:14: error:", ["'XX'", "ISO 3166-1"]),
    ("lower-case country code", changed("country: FI", "country: fi"), ":9:14: error:", ["did you mean 'FI'"]),
    ("impossible date", changed('"2026-01-01"', '"2026-02-30"'), ":18:14: error:", ["'2026-02-30'", "YYYY-MM-DD"]),
    ("date in another format", changed('"2026-01-01"', '"1.1.2026"'), ":18:14: error:", ["'1.1.2026'", "YYYY-MM-DD"]),
    ("bad duration", changed("duration: P1Y", "duration: 1 year"), ":12:15: error:", ["'1 year'", "ISO 8601 duration"]),
    (
        "bad e-mail",
        changed("email: tietosuoja@esimerkki.fi", "email: tietosuoja(at)esimerkki.fi"),
        ":4:10: error:",
        ["e-mail address"],
    ),
    ("http URL", changed("terms: https://", "terms: http://"), ":15:12: error:", ["https:"]),
    (
        "URL without host",
        changed("terms: https://esimerkki.fi/kartta", "terms: https:kartta"),
        ":15:12: error:",
        ["https:"],
    ),
    (
        "anchor and alias",
        changed("controller:\n", "controller: &c\n") + b"representative: *c\n",
        ":2:13: error:",
        ["anchors (&c)"],
    ),
    (
        "YAML tag",
        changed("seloste: 2", "seloste: !!python/object/apply:os.system ['echo hi']"),
        ":1:10: error:",
        ["tags", "python/object/apply"],
    ),
    ("custom tag", changed("name: Esimerkki Oy", "name: !secret x"), ":3:9: error:", ["tags", "secret"]),
    ("second document", BASE.encode() + b"---\nseloste: 1\n", ":20:1: error:", ["second YAML document"]),
    (
        "deep nesting",
        b"seloste: " + b"[" * 200 + b"]" * 200 + b"\n",
        f":1:{9 + MAX_DEPTH}: error:",
        [f"nested deeper than {MAX_DEPTH}"],
    ),
]


def check_here(tmp_path: Path, content: bytes, *args: str) -> subprocess.CompletedProcess[str]:
    """`check` through the same command line in this process (faster): stdout and stderr encode
    UTF-8 strictly, as a terminal's do, so text that cannot be printed fails as it would there."""
    path = tmp_path / "notice.yaml"
    path.write_bytes(content)
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict") for _ in range(2))
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["check", str(path), "--lang", "en", *args])
        out.flush(), err.flush()
    return subprocess.CompletedProcess([], code, out.buffer.getvalue().decode(), err.buffer.getvalue().decode())


# Characters a double-quoted YAML escape can write but no published text can carry (XML 1.0, UTF-8, a terminal).
UNCARRIABLE = [
    ("NUL", "\\0", "control character U+0000"),
    ("C0 control", "\\x01", "control character U+0001"),
    ("escape", "\\e[31m", "control character U+001B"),
    ("carriage return", "\\r", "control character U+000D"),
    ("DEL", "\\x7f", "control character U+007F"),
    ("NEL", "\\N", "control character U+0085"),
    ("C1 control", "\\x9b", "control character U+009B"),
    ("U+FFFE", "\\uFFFE", "non-character U+FFFE"),
    ("U+FFFF", "\\uFFFF", "non-character U+FFFF"),
    ("lone high surrogate", "\\ud800", "half of a surrogate pair, U+D800"),
    ("lone low surrogate", "\\udc00", "half of a surrogate pair, U+DC00"),
    ("surrogate pair as two escapes", "\\ud83d\\ude00", "half of a surrogate pair, U+D83D"),
]
HERE = [
    (
        f"{name} in a name",
        changed("name: Esimerkki Oy", f'name: "Esimerkki{escape} Oy"'),
        ":3:9: error:",
        ["controller.name: contains", words, "remove it"],
    )
    for name, escape, words in UNCARRIABLE
]
HERE += [
    (
        f"{name} in a text",
        changed("en: First version.", f'en: "First{escape} version."'),
        ":19:65: error:",
        ["revision.summary.en: contains", words],
    )
    for name, escape, words in UNCARRIABLE[:3]
]
HERE += [
    (
        "lone surrogate in a country",
        changed("country: FI", 'country: "\\ud800"'),
        ":9:14: error:",
        ["recipients[crm].country: contains half of a surrogate pair, U+D800"],
    ),
    (
        "control character in a key",
        changed("  email:", '  "e\\x1bmail":'),
        ":4:3: error:",
        ["controller: a key contains the control character U+001B"],
    ),
    (
        "escape beyond Unicode",
        changed("name: Esimerkki Oy", 'name: "\\U0011FFFF"'),
        ":3:10: error:",
        ["\\U0011FFFF is beyond the last Unicode character, U+10FFFF"],
    ),
    ("YAML 1.3", b"%YAML 1.3\n---\n" + BASE.encode(), ":1:1: error:", ["%YAML 1.3 is not a YAML version"]),
    (
        "a number of 4,301 digits",
        changed("seloste: 2", "seloste: " + "1" * 4301),
        ":1:10: error:",
        ["a number of 4301 digits is too long to read"],
    ),
    (
        "a duration of 28 digits",
        changed("duration: P1Y", "duration: P" + "9" * 28 + "Y"),
        ":12:15: error:",
        ["cookies[1].duration", "is not valid"],
    ),
    (
        "e-mail with a trailing newline",
        changed("email: tietosuoja@esimerkki.fi", 'email: "tietosuoja@esimerkki.fi\\n"'),
        ":4:10: error:",
        ["controller.email: 'tietosuoja@esimerkki.fi\\n' is not a valid e-mail address"],
    ),
    (
        "e-mail as a block with its newline",
        changed("email: tietosuoja@esimerkki.fi", "email: |\n    tietosuoja@esimerkki.fi"),
        ":4:10: error:",
        ["e-mail address"],
    ),
    (
        "e-mail of one long word",
        changed("email: tietosuoja@esimerkki.fi", "email: " + "x" * 5000),
        ":4:10: error:",
        ["e-mail address"],
    ),
    (
        "URL of one long word",
        changed("terms: https://esimerkki.fi/kartta", "terms: https://" + "x-" * 5000),
        ":15:12: error:",
        ["https:"],
    ),
    (
        "e-mail with two dots",
        changed("email: tietosuoja@esimerkki.fi", "email: tieto..suoja@esimerkki.fi"),
        ":4:10: error:",
        ["e-mail address"],
    ),
    ("id with a trailing newline", changed("- id: crm", '- id: "crm\\n"'), ":6:9: error:", ["'crm\\n' is not valid"]),
    (
        "URL with a broken IPv6 host",
        changed("terms: https://esimerkki.fi/kartta", "terms: https://[::1"),
        ":15:12: error:",
        ["https:"],
    ),
    (
        "URL with a user name",
        changed("terms: https://esimerkki.fi/kartta", "terms: https://esimerkki.fi@evil.example/"),
        ":15:12: error:",
        ["https:"],
    ),
    (
        "URL with port 99999",
        changed("terms: https://esimerkki.fi/kartta", "terms: https://esimerkki.fi:99999/"),
        ":15:12: error:",
        ["https:"],
    ),
    (
        "URL with a trailing newline",
        changed("terms: https://esimerkki.fi/kartta", 'terms: "https://esimerkki.fi/\\n"'),
        ":15:12: error:",
        ["https:"],
    ),
    (
        "URL with a bidi control",
        changed("terms: https://esimerkki.fi/kartta", 'terms: "https://esimerkki.fi/\\u202ecod.exe"'),
        ":15:12: error:",
        ["the bidirectional control U+202E, which would reorder the text around it"],
    ),
    (
        "name with a bidi override",
        changed("name: Esimerkki Oy", 'name: "Esimerkki Oy\\u202e"'),
        ":3:9: error:",
        ["controller.name: contains the bidirectional control U+202E"],
    ),
    (
        "EU is no country",
        changed("country: FI", "country: EU"),
        ":9:14: error:",
        ["'EU' is not the ISO 3166-1 alpha-2 code"],
    ),
    (
        "UK for the United Kingdom",
        changed("country: FI", "country: UK"),
        ":9:14: error:",
        ["'UK'", "did you mean 'GB'?"],
    ),
    ("EL for Greece", changed("country: FI", "country: EL"), ":9:14: error:", ["'EL'", "did you mean 'GR'?"]),
    ("private-use country code", changed("country: FI", "country: XK"), ":9:14: error:", ["'XK'", "ISO 3166-1"]),
    ("country with a trailing newline", changed("country: FI", 'country: "FI\\n"'), ":9:14: error:", ["ISO 3166-1"]),
]


@pytest.mark.slow
@pytest.mark.parametrize("content, where, words", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_input(tmp_path: Path, content: bytes, where: str, words: list[str]) -> None:
    errors = refused(tmp_path, content)
    match = [line for line in errors if line.startswith(where)]
    assert match, errors
    assert all(word in match[0] for word in words), match[0]


BILLION_LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.mark.slow
def test_billion_laughs(tmp_path: Path) -> None:
    errors = refused(tmp_path, BILLION_LAUGHS)
    assert errors[0] == ":1:4: error: anchors (&a) are not allowed; write each value out in full"
    assert ":2:8: error: aliases (*a) are not allowed; write the value out in full" in errors
    assert len(errors) == 9 + 8 * 9  # each anchor and each alias once; nothing expanded


@pytest.mark.slow
def test_a_flood_of_aliases_stops_at_the_limit(tmp_path: Path) -> None:
    content = b"a: &a x\nb: [" + b"*a, " * 400_000 + b"]\n"
    assert len(content) < MAX_BYTES
    errors = refused(tmp_path, content)
    assert len(errors) == MAX_FINDINGS + 1
    assert f"more than {MAX_FINDINGS} problems" in errors[-1]


@pytest.mark.slow
def test_file_over_the_size_limit(tmp_path: Path) -> None:
    content = BASE.encode() + b"# " + b"x" * MAX_BYTES + b"\n"
    errors = refused(tmp_path, content)
    assert errors == [": error: the file is larger than 2 MiB, the limit for a notice"]


@pytest.mark.slow
def test_file_that_does_not_exist(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(tmp_path / "missing.yaml"), "--lang", "en"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'missing.yaml'}: error: cannot read file: No such file or directory" in result.stdout


@pytest.mark.slow
def test_many_problems_are_all_reported_at_once(tmp_path: Path) -> None:
    content = (
        changed("role: processor", "role: processer")
        .replace(b"country: FI", b"country: XX")
        .replace(b"duration: P1Y", b"duration: forever")
        .replace(b"controller:", b"controler:")
    )
    errors = refused(tmp_path, content)
    assert [e.split(": error:")[0] for e in errors] == [":1:1", ":2:1", ":8:11", ":9:14", ":12:15"]
    assert "controller: missing required field" in errors[0] and "did you mean 'controller'" in errors[1]


@pytest.mark.slow
@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "<b onclick='x()'>hi</b>"])
def test_html_in_text_is_not_an_error(tmp_path: Path, text: str) -> None:
    """HTML is data: the page shows it as typed (the page generator's tests show that)."""
    result = check(tmp_path, changed("Ensimmäinen versio.", f'"{text}"'))
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_javascript_link_in_text_is_an_error(tmp_path: Path) -> None:
    errors = refused(tmp_path, changed("en: First version.", 'en: "[Read more](javascript:alert(1))"'))
    assert errors == [
        ":19:65: error: revision.summary.en: the link to 'javascript:alert(1)' is not allowed: only "
        "https: and mailto: links are published as links, and this one would show as plain text "
        "[unsafe-link]"
    ]


@pytest.mark.parametrize("content, where, words", [case[1:] for case in HERE], ids=[case[0] for case in HERE])
def test_refused_naming_the_field(tmp_path: Path, content: bytes, where: str, words: list[str]) -> None:
    """Inputs that ended in a traceback or passed unnoticed: each is one finding at its place."""
    errors = refused(tmp_path, content, check_here)
    match = [line for line in errors if line.startswith(where)]
    assert match, errors
    assert all(word in match[0] for word in words), match[0]


def test_a_retention_period_of_28_digits_is_refused(tmp_path: Path) -> None:
    """decimal.InvalidOperation in release, before: the number now stops at check."""
    text = (REPO / "tests" / "fixtures" / "multi" / "v3.yaml").read_text(encoding="utf-8")
    errors = refused(
        tmp_path,
        text.replace("retention: [{period: P18M}]", "retention: [{period: P" + "9" * 28 + "M}]").encode(),
        check_here,
    )
    assert [e for e in errors if "purposes[orders].retention[1].period: 'P9999" in e and "more than 9 digits" in e], (
        errors
    )


@pytest.mark.slow
def test_a_key_holding_a_newline_cannot_forge_a_finding(tmp_path: Path) -> None:
    """The text report keeps one finding to a line: the key's newline is printed as \\n."""
    name = str(tmp_path / "notice.yaml")
    forged = f"x\\n{name}:1:1: error: forged"
    result = check(tmp_path, changed("  email:", f'  "{forged}": 1\n  email:'))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert not [line for line in result.stdout.splitlines() if line.startswith(f"{name}:1:1: error: forged")]
    assert f"x\\n{name}:1:1: error: forged: unknown field" in result.stdout


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f", "\u2028"])
def test_bidi_controls_and_separators_are_printed_escaped(tmp_path: Path, char: str) -> None:
    """A bidirectional control in a key is refused; a line separator is shown escaped. Neither reaches the
    terminal as itself."""
    result = check_here(tmp_path, changed("  email:", f'  "a{char}b": 1\n  email:'))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert char not in result.stdout
    expected = (
        "unknown field"
        if char == "\u2028"
        else f"a key contains the bidirectional control U+{ord(char):04X}, which would reorder the text"
    )
    assert (f"a\\u{ord(char):04x}b: unknown field" if char == "\u2028" else expected) in result.stdout


@pytest.mark.parametrize("key", ["a\\u202eb", "a\\u2028b", "a\\Nb"])
def test_machine_formats_stay_valid_whatever_a_key_holds(tmp_path: Path, key: str) -> None:
    content = changed("  email:", f'  "{key}": 1\n  email:')
    findings = json.loads(check_here(tmp_path, content, "--format", "json").stdout)
    assert len(findings) == 1 and findings[0]["message"].startswith("controller")
    lines = check_here(tmp_path, content, "--format", "github").stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("::error file=") and "\u202e" not in lines[0]


@pytest.mark.slow
def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A name from the command line that is not UTF-8 is printed escaped, never a UnicodeEncodeError."""
    path = os.path.join(os.fsencode(tmp_path), b"n\xff.yaml")
    with open(path, "wb") as handle:
        handle.write(changed("role: processor", "role: processer"))
    for output in ("text", "json", "github"):
        result = subprocess.run(
            [sys.executable, "-m", "generator", "check", path, "--format", output],
            cwd=REPO,
            capture_output=True,
            timeout=120,
        )
        assert result.returncode == 1 and b"Traceback" not in result.stderr, (output, result.stderr)
        assert b"\\udcff" in result.stdout + result.stderr
    assert json.loads(
        subprocess.run(
            [sys.executable, "-m", "generator", "check", path, "--format", "json"],
            cwd=REPO,
            capture_output=True,
            timeout=120,
        ).stdout
    )


@pytest.mark.slow
def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    valid = (REPO / "tests" / "fixtures" / "multi" / "v3.yaml").read_text(encoding="utf-8")
    bom_crlf = b"\xef\xbb\xbf" + valid.replace("\n", "\r\n").encode("utf-8")
    result = check(tmp_path, bom_crlf, cwd=make_project(tmp_path / "project"))  # no release to compare with
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith(": 0 errors, 0 warnings\n")


@pytest.mark.slow
def test_bom_and_crlf_keep_positions(tmp_path: Path) -> None:
    content = b"\xef\xbb\xbf" + changed("role: processor", "role: processer").replace(b"\n", b"\r\n")
    errors = refused(tmp_path, content)
    assert errors[0].startswith(":8:11: error: recipients[crm].role: 'processer' is not allowed")
