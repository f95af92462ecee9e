"""Render a Notice into Markdown, one language at a time.

Jinja2 templates hold the structure; every fixed string goes through the
gettext catalog of the language; every value from the YAML is escaped by
`markup.finalize` unless a filter here has already made it safe Markdown.
Rendering is pure: the same notice, templates and catalogs give the same text.

>>> from generator.notice.model import Notice
>>> n = Notice.from_data({"seloste": 2, "controller": {"name": "Example <Oy>"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}})
>>> render_notice(n, "sv", PROJECT.locales).splitlines()[0]
'# Dataskyddsbeskrivning: Example &lt;Oy&gt;'

Files that are not pages (the language chooser, the 404 page, the Atom feed,
the diff's markup) are HTML or XML: `render_file` renders them with
autoescaping, so a value from the YAML is always text there. A plain-text
file (the announcement of a change, for e-mail) is rendered by `render_text`
from templates/text/: every value as plain text (`markup.plain`), so no
Markdown or HTML is left in it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Protocol, cast

import jinja2
from babel.support import Translations

from generator import caches
from generator.notice.authority import supervisory_authority
from generator.notice.markup import Plain, finalize, plain_finalize, plain_paragraphs
from generator.notice.model import (
    Notice,
)
from generator.words import compiled_templates, i18n, vocabulary
from generator.words.filters import filters

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def render_notice(notice: Notice, lang: str, locales: Path) -> str:
    """The whole notice in `lang` as Markdown."""
    return _tidy(environment(lang, locales).get_template("notice.md.j2").render(n=notice))


def render_template(name: str, lang: str, locales: Path, **context: Any) -> str:
    """Any other page template (changelog, banners) in `lang`."""
    return _tidy(environment(lang, locales).get_template(name).render(**context))


def render_file(name: str, language: str, locales: Path, **context: Any) -> str:
    """An HTML or XML file from templates/files/, autoescaped, in `language`."""
    translations = i18n.translations(locales, language)
    return _files_environment(language, translations).get_template(f"files/{name}").render(**context)


def render_text(name: str, lang: str, locales: Path, **context: Any) -> str:
    """A plain-text file from templates/text/, in `lang`: one blank line between paragraphs, a final newline."""
    return _tidy(
        _text_environment(lang, i18n.translations(locales, lang)).get_template(f"text/{name}").render(**context)
    )


def translate(message: str, lang: str, locales: Path, **values: Any) -> str:
    """One message of the catalog in `lang`, with its placeholders filled."""
    text = i18n.translations(locales, lang).gettext(message)
    return text % values if values else text


def _tidy(markdown: str) -> str:
    """One blank line between blocks, whatever the template's conditionals left."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def environment(lang: str, locales: Path) -> jinja2.Environment:
    """A Jinja2 environment whose gettext, filters and globals speak `lang`.

    Keyed on the compiled catalog, which i18n recompiles when its .po file
    changes: a catalog edit shows in the next `make serve` rebuild.
    """
    return _environment(lang, i18n.translations(locales, lang))


def compile_templates(locales: Path, languages: tuple[str, ...]) -> None:
    """Compile every template for every language now: the language builds forked after this inherit them,
    and a template is compiled once, not once for each language (languages share the compiled code)."""
    for lang in languages:
        translations = i18n.translations(locales, lang)
        markdown, files = _environment(lang, translations), _files_environment(lang, translations)
        text = _text_environment(lang, translations)
        for name in markdown.list_templates(extensions=["j2"]):
            (files if name.startswith("files/") else text if name.startswith("text/") else markdown).get_template(name)


class _Gettext(Protocol):
    """What the jinja2.ext.i18n extension adds to an environment (at run time: jinja2's types do not show it)."""

    def install_gettext_translations(self, translations: Translations, newstyle: bool | None = None) -> None: ...


_MARKDOWN_CODE = compiled_templates.InMemory()
"""The Markdown templates' code, shared by the languages' environments."""
_FILES_CODE = compiled_templates.InMemory()
"""The HTML and XML templates' code (autoescaped, so not the same), shared likewise."""
_TEXT_CODE = compiled_templates.InMemory()
"""The plain-text templates' code (another finalize), shared likewise."""


def _configured(translations: Translations, code: jinja2.BytecodeCache, **options: Any) -> jinja2.Environment:
    """An environment of the templates with gettext in `translations`: what the Markdown, file and text
    environments share; `options` say how each treats a value (finalize, autoescape)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        bytecode_cache=code,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **options,
    )
    cast(_Gettext, env).install_gettext_translations(translations, newstyle=True)
    return env


@caches.kept(maxsize=8)
def _text_environment(lang: str, translations: Translations) -> jinja2.Environment:
    # the output is plain text; markup.plain_finalize leaves no markup in a value
    env = _configured(translations, _TEXT_CODE, finalize=plain_finalize, autoescape=False)
    env.filters.update(
        date=lambda value: i18n.format_date(value, lang),
        para=lambda text: Plain(plain_paragraphs(text[lang])) if text else Plain(""),
    )
    return env


@caches.kept(maxsize=8)
def _files_environment(lang: str, translations: Translations) -> jinja2.Environment:
    return _configured(translations, _FILES_CODE, autoescape=True)


@caches.kept(maxsize=8)
def _environment(lang: str, translations: Translations) -> jinja2.Environment:
    # the output is Markdown; markup.finalize escapes for it
    env = _configured(translations, _MARKDOWN_CODE, finalize=finalize, autoescape=False)
    env.filters.update(filters(lang, translations))
    env.globals.update(
        ROLES=vocabulary.RECIPIENT_ROLES,
        RIGHTS=vocabulary.RIGHTS,
        SPECIAL_CONDITIONS=vocabulary.SPECIAL_CONDITIONS,
        DIRECT_MARKETING=vocabulary.DIRECT_MARKETING,
        COOKIE_COLUMNS=vocabulary.COOKIE_COLUMNS,
        supervisory_authority=supervisory_authority,
    )
    return env
