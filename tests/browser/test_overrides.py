"""The Material templates copied into site_overrides/ stay true to Material.

Five templates had to be copied whole because Material renders the faulty
markup outside any block: each copy must equal the installed Material's file
with exactly the edits listed in ``EDITS`` (and our own header comment in
place of Material's "automatically generated" one). After a Material upgrade
this test fails, and its message says how to re-derive the copies.

``site_overrides/main.html`` replaces Material's ``scripts`` block to load
Material's script on the first use of search: it must load the very script
that Material's block loads, and that block must hold nothing else.

Fast and browser-free: no ``browser`` mark.
"""

from __future__ import annotations

import pathlib
import re

import material
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
OVERRIDES = REPO / "site_overrides"
MATERIAL = pathlib.Path(material.__file__).parent / "templates"

#: template path -> list of (Material's text, our text); each must occur once.
EDITS: dict[str, list[tuple[str, str]]] = {
    # Nu Html Checker: autocomplete is not allowed on type="checkbox"; the menu's checkbox takes
    # keyboard focus below 76.25em (its label, Material's menu button, cannot), so it has a name.
    "base.html": [
        (
            ' type="checkbox" id="__drawer" autocomplete="off">',
            ' type="checkbox" id="__drawer" aria-label="{{ config.extra.labels.menu | e }}">',
        ),
        (
            ' type="checkbox" id="__search" autocomplete="off">',
            ' type="checkbox" id="__search">',
        ),
    ],
    # axe-core aria-dialog-name: the search dialog needs an accessible name.
    "partials/search.html": [
        (
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
        ),
        # Material's Finnish "Tyhjää" for the reset button: the label comes from the catalogs.
        (
            "title=\"{{ lang.t('search.reset') }}\" aria-label=\"{{ lang.t('search.reset') }}\"",
            'title="{{ config.extra.labels.search_reset | e }}"'
            ' aria-label="{{ config.extra.labels.search_reset | e }}"',
        ),
        # Tab stopped on the results box while it showed nothing: its result links take focus.
        (
            '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
            '<div class="md-search__scrollwrap" data-md-scrollfix>',
        ),
    ],
    # The controller's logo, else its initial: never Material's own book icon.
    "partials/logo.html": [
        ('alt="logo">', 'alt="">'),
        (
            '  {% set icon = config.theme.icon.logo or "material/library" %}\n'
            '  {% include ".icons/" ~ icon ~ ".svg" %}\n',
            "  {% if config.theme.icon.logo %}\n"
            '    {% include ".icons/" ~ config.theme.icon.logo ~ ".svg" %}\n'
            "  {% else %}\n"
            '    <span class="seloste-monogram" aria-hidden="true">{{ config.extra.monogram | e }}</span>\n'
            "  {% endif %}\n",
        ),
    ],
    # The language menu names the current language in words, and marks it in the list.
    "partials/alternate.html": [
        (
            '<button class="md-header__button md-icon" aria-label="{{ lang.t(\'select.language\') }}">\n      {% include ".icons/" ~ icon ~ ".svg" %}\n',
            '<button class="md-header__button md-icon seloste-language">\n      {% include ".icons/" ~ icon ~ ".svg" %}\n      <span class="seloste-sr">{{ config.extra.labels.language | e }}:</span>\n      {% for alt in config.extra.alternate if alt.lang == config.theme.language %}<span class="seloste-language__name">{{ alt.name | e }}</span>{% endfor %}\n',
        ),
        (
            'hreflang="{{ alt.lang }}" class="md-select__link">\n              {{ alt.name }}\n',
            'hreflang="{{ alt.lang }}" lang="{{ alt.lang }}" class="md-select__link"{% if alt.lang == config.theme.language %} aria-current="page"{% endif %}>\n              {{ alt.name | e }}{% if alt.lang == config.theme.language %}<span aria-hidden="true"> ✓</span>{% endif %}\n',
        ),
    ],
    # Nu Html Checker: label for="__toc" on pages outside the navigation,
    # where Material renders no __toc toggle.
    "partials/toc.html": [
        (
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if nav and page in nav.pages %} for="__toc"{% endif %}>',
        ),
    ],
}

LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def _body(text: str) -> str:
    """The template without its leading ``{#- ... -#}`` comment."""
    return LEADING_COMMENT.sub("", text, count=1)


@pytest.mark.parametrize("name", sorted(EDITS))
def test_copied_template_is_material_plus_listed_edits(name: str) -> None:
    upstream = (MATERIAL / name).read_text(encoding="utf-8")
    expected = _body(upstream)
    for old, new in EDITS[name]:
        assert expected.count(old) == 1, (
            f"Material's {name} no longer contains exactly one {old!r}: "
            f"see whether the fix is still needed, then update EDITS in {__file__}"
        )
        expected = expected.replace(old, new)
    ours = (OVERRIDES / name).read_text(encoding="utf-8")
    assert LEADING_COMMENT.match(ours), f"site_overrides/{name} lost its header comment"
    assert _body(ours) == expected, (
        f"site_overrides/{name} is not {MATERIAL / name} plus the edits listed in "
        f"EDITS (Material upgraded?). Re-derive it: copy Material's file, keep our "
        f"header comment, apply the edits, and check the site again."
    )


BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
# Material's scripts block, whitespace aside, with its script's name as BUNDLE.
MATERIAL_SCRIPTS = (
    "<script src=\"{{ 'BUNDLE' | url }}\"></script> {% for script in config.extra_javascript %}"
    " {{ script | script_tag }} {% endfor %}"
)


def _block(text: str, name: str) -> str:
    found = re.search(r"\{% block " + name + r" %\}(.*?)\{% endblock %\}", text, re.S)
    assert found, f"no {name} block"
    return " ".join(found.group(1).split())


def test_search_loads_the_script_material_would_load() -> None:
    upstream = (MATERIAL / "base.html").read_text(encoding="utf-8")
    scripts = _block(upstream, "scripts")
    assert BUNDLE.sub("BUNDLE", scripts) == MATERIAL_SCRIPTS, (
        f"Material's scripts block changed ({scripts!r}): site_overrides/main.html replaces it "
        f"and must load whatever it loads; update both, then MATERIAL_SCRIPTS here"
    )
    ours = _block((OVERRIDES / "main.html").read_text(encoding="utf-8"), "scripts")
    assert BUNDLE.findall(ours) == BUNDLE.findall(scripts), (
        "site_overrides/main.html loads another script than Material's base.html: "
        f"{BUNDLE.findall(ours)} vs {BUNDLE.findall(scripts)}"
    )
    assert "config.extra_javascript" in ours, "main.html's scripts block dropped extra_javascript"
