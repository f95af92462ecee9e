"""Rendering: key sentences per language, exact durations, and text that stays text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.read import read_notice, read_notice_text
from generator.render import render_notice
from support import MULTI_VERSIONS, REPO, make_project, release, run


@pytest.fixture(scope="module")
def entrack():
    return read_notice(REPO / "policy" / "notice.yaml")[0]


@pytest.mark.parametrize("lang, sentences", [
    ("fi", ["# Tietosuojaseloste: Entrack Oy", "Voit toteuttaa oikeutesi", "Henkilötietojen käsittelijä"]),
    ("sv", ["# Dataskyddsbeskrivning: Entrack Oy", "personuppgiftsbiträde", "Rätt till radering"]),
    ("en", ["# Privacy notice: Entrack Oy", "processor", "Right to erasure (Art. 17)"]),
])
def test_key_sentences_per_language(entrack, lang: str, sentences: list[str]) -> None:
    text = render_notice(entrack, lang)
    lowered = text.lower()
    assert [s for s in sentences if s.lower() not in lowered] == []


@pytest.mark.parametrize("lang, words", [("fi", "18 kuukautta"), ("sv", "18 månader"), ("en", "18 months")])
def test_retention_durations_are_exact(lang: str, words: str) -> None:
    notice = read_notice(MULTI_VERSIONS[1])[0]
    assert words in render_notice(notice, lang)


HOSTILE_TEXT = {
    # Attacks the Markdown parser would really act on: a `javascript:` target without parentheses matches
    # the link pattern, and attr_list applies after an inline element or at the end of a block.
    "fi": "<script>alert(1)</script> [klik](javascript:alert) [data](data:text/html,x) "
          "<img src=x onerror=alert(3)> ![pixel](https://tracker.example/p.gif) [ok](https://example.com/ok)\n"
          "1. not a list\n+ not a list\n= not a heading",
    "sv": "**fet**{: onclick=alert } `kod`{: onclick=alert } &amp; [länk](https://example.com/a_b){: onclick=alert } "
          "[<b>x</b> *y*](https://example.com/c) slut {: onclick=alert }",
    "en": "# not a heading\n\n- not a list <b>bold</b> [x](https://example.com/d)\\{: onclick=alert } "
          "**b**\\{: style=\"color:red\" } _i_\\{: #forged } C:\\*temp\\*",
}
HOSTILE = MULTI_VERSIONS[0].read_text().replace(
    "description: {fi: Käsittelemme tilauksia., sv: Vi hanterar beställningar., en: We handle orders.}",
    f"description: {json.dumps(HOSTILE_TEXT)}")


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.found


def test_hostile_text_renders_as_text_in_markdown() -> None:
    notice = read_notice_text(HOSTILE, "hostile.yaml")[0]
    fi = render_notice(notice, "fi")
    assert "<script>" not in fi and "&lt;script&gt;" in fi
    assert "\\[klik\\](javascript:alert)" in fi  # escaped: not a link
    sv = render_notice(notice, "sv")
    assert "[&lt;b&gt;x&lt;/b&gt; \\*y\\*](<https://example.com/c>)" in sv  # a link, its label escaped
    assert "\\{: onclick=alert \\}" in sv


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp_path = tmp_path_factory.mktemp("hostile")
    root = make_project(tmp_path / "p")
    (tmp_path / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    release(root, tmp_path / "hostile.yaml")
    assert run(root, "build").returncode == 0
    return {lang: (root / "site" / lang / "index.html").read_text(encoding="utf-8") for lang in ("fi", "sv", "en")}


def test_hostile_text_is_shown_as_text_on_the_built_pages(hostile_pages: dict[str, str]) -> None:
    pages = hostile_pages
    for lang, html in pages.items():
        found = elements(html)
        assert [(tag, name) for tag, attrs in found for name in attrs if name.startswith("on")] == [], lang
        assert [a["href"] for tag, a in found if tag == "a" and re.match(r"[a-z]+:", a.get("href") or "")
                and not a["href"].startswith(("https:", "mailto:"))] == [], lang
        assert [a for tag, a in found if a.get("style") or a.get("id") == "forged"] == [], lang
    fi = pages["fi"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fi and "[klik](javascript:alert)" in fi
    assert '<a href="https://example.com/ok">ok</a>' in fi  # a safe link after an unsafe one is still a link
    assert "<p>1. not a list</p>" in fi and "<p>+ not a list</p>" in fi and "<p>= not a heading</p>" in fi
    sv = pages["sv"]
    assert "**fet**{: onclick=alert }" in sv and "`kod`{: onclick=alert }" in sv and "&amp;amp;" in sv
    assert '<a href="https://example.com/a_b">länk</a>{: onclick=alert }' in sv
    assert '<a href="https://example.com/c">&lt;b&gt;x&lt;/b&gt; *y*</a>' in sv
    assert "slut {: onclick=alert }" in sv
    en = pages["en"]
    assert "# not a heading" in en and "<b>bold</b>" not in en and "&lt;b&gt;bold&lt;/b&gt;" in en
    assert "<p>- not a list &lt;b&gt;" in en
    assert '<a href="https://example.com/d">x</a>\\{: onclick=alert }' in en
    assert '**b**\\{: style="color:red" }' in en.replace("&quot;", '"')
    assert "C:\\*temp\\*" in en  # a typed backslash is text too: it cannot undo the next escape


def test_image_syntax_is_text_not_a_request(hostile_pages: dict[str, str]) -> None:
    fi = hostile_pages["fi"]
    assert [a for tag, a in elements(fi) if tag == "img"] == []
    assert "![pixel](https://tracker.example/p.gif)" in fi or '!<a href="https://tracker.example/p.gif">' in fi


def test_a_catalog_edit_reaches_the_next_render_in_the_same_process(tmp_path: Path) -> None:
    """`make serve` keeps one process: a fixed translation must show without a restart."""
    import subprocess
    import sys

    root = make_project(tmp_path)
    script = """
import os, sys
from pathlib import Path
from generator.read import read_notice
from generator.render import render_notice
notice = read_notice(sys.argv[1])[0]
print(render_notice(notice, "fi").splitlines()[0])
po = Path("locales/fi/LC_MESSAGES/messages.po")
po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Tietosuojaseloste"', 'msgstr "Korjattu"'), encoding="utf-8")
stat = po.stat()
os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
print(render_notice(notice, "fi").splitlines()[0])
"""
    result = subprocess.run([sys.executable, "-c", script, str(MULTI_VERSIONS[0])], cwd=root,
                            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["# Tietosuojaseloste: Esimerkki Oy", "# Korjattu: Esimerkki Oy"]


@pytest.mark.parametrize("value, words", [
    ("P2W", {"fi": "2 viikkoa", "en": "2 weeks"}), ("P3D", {"fi": "3 päivää", "en": "3 days"}),
    ("P1Y2M3W4D", {"fi": "1 vuosi, 2 kuukautta, 3 viikkoa ja 4 päivää", "en": "1 year, 2 months, 3 weeks, and 4 days"}),
    ("PT12H", {"en": "12 hours"}), ("PT30M", {"fi": "30 minuuttia", "en": "30 minutes"}), ("P1M", {"en": "1 month"}),
    ("P1DT1H1M1S", {"en": "1 day, 1 hour, 1 minute, and 1 second"}), ("P18M", {"sv": "18 månader"}),
])
def test_every_unit_of_a_duration_is_named_as_written(value: str, words: dict[str, str]) -> None:
    from generator import i18n

    assert {lang: i18n.format_duration(value, lang) for lang in words} == words
