"""Rendering: key sentences per language, exact durations, and text that stays text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.read import read_notice, read_notice_text
from generator.render import render_notice
from support import MULTI_VERSIONS, PROJECT, REPO, make_project, release, run


@pytest.fixture(scope="module")
def entrack():
    return read_notice(REPO / "policy" / "notice.yaml", PROJECT.schema)[0]


@pytest.mark.parametrize("lang, sentences", [
    ("fi", ["# Tietosuojaseloste: Entrack Oy", "Voit toteuttaa oikeutesi", "Henkilötietojen käsittelijä"]),
    ("sv", ["# Dataskyddsbeskrivning: Entrack Oy", "personuppgiftsbiträde", "Rätt till radering"]),
    ("en", ["# Privacy notice: Entrack Oy", "processor", "Right to erasure (Art. 17)"]),
])
def test_key_sentences_per_language(entrack, lang: str, sentences: list[str]) -> None:
    text = render_notice(entrack, lang, PROJECT.locales)
    lowered = text.lower()
    assert [s for s in sentences if s.lower() not in lowered] == []


@pytest.mark.parametrize("lang, words", [("fi", "18 kuukautta"), ("sv", "18 månader"), ("en", "18 months")])
def test_retention_durations_are_exact(lang: str, words: str) -> None:
    notice = read_notice(MULTI_VERSIONS[1], PROJECT.schema)[0]
    assert words in render_notice(notice, lang, PROJECT.locales)


HOSTILE = MULTI_VERSIONS[0].read_text().replace(
    "description: {fi: Käsittelemme tilauksia., sv: Vi hanterar beställningar., en: We handle orders.}",
    'description: {fi: "<script>alert(1)</script> [klik](javascript:alert(2)) <img src=x onerror=alert(3)>",'
    ' sv: "{: onclick=alert(4) } **fet** `kod` &amp; [länk](https://example.com/a_b)",'
    ' en: "# not a heading\\n\\n- not a list <b>bold</b>"}')


def test_hostile_text_renders_as_text_in_markdown() -> None:
    notice = read_notice_text(HOSTILE, "hostile.yaml", PROJECT.schema)[0]
    fi = render_notice(notice, "fi", PROJECT.locales)
    assert "<script>" not in fi and "&lt;script&gt;" in fi
    assert "\\[klik\\](javascript:alert(2))" in fi  # escaped: not a link


def test_hostile_text_is_shown_as_text_on_the_built_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    # An unsafe link is an error of check, which stops release; the rest is published as text.
    (tmp_path / "hostile.yaml").write_text(HOSTILE.replace(" [klik](javascript:alert(2))", ""), encoding="utf-8")
    release(root, tmp_path / "hostile.yaml")
    assert run(root, "build").returncode == 0
    site = root / "site"
    fi = (site / "fi" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in fi and "&lt;script&gt;alert(1)&lt;/script&gt;" in fi
    assert "<img src=x" not in fi
    sv = (site / "sv" / "index.html").read_text(encoding="utf-8")
    assert "onclick" not in re.sub(r"\{: onclick=alert\(4\) \}", "", sv)
    assert "**fet**" in sv and "`kod`" in sv and "&amp;amp;" in sv
    assert 'href="https://example.com/a_b"' in sv
    en = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "# not a heading" in en and "<b>bold</b>" not in en and "&lt;b&gt;bold&lt;/b&gt;" in en


def test_a_catalog_edit_reaches_the_next_render_in_the_same_process(tmp_path: Path) -> None:
    """`make serve` keeps one process: a fixed translation must show without a restart."""
    import subprocess
    import sys

    root = make_project(tmp_path)
    script = """
import os, sys
from pathlib import Path
from generator.project import Project
from generator.read import read_notice
from generator.render import render_notice
project = Project.at(Path())
notice = read_notice(sys.argv[1], project.schema)[0]
print(render_notice(notice, "fi", project.locales).splitlines()[0])
po = Path("locales/fi/LC_MESSAGES/messages.po")
po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Tietosuojaseloste"', 'msgstr "Korjattu"'), encoding="utf-8")
stat = po.stat()
os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
print(render_notice(notice, "fi", project.locales).splitlines()[0])
"""
    result = subprocess.run([sys.executable, "-c", script, str(MULTI_VERSIONS[0])], cwd=root,
                            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["# Tietosuojaseloste: Esimerkki Oy", "# Korjattu: Esimerkki Oy"]
