"""The MkDocs adapter: the only module that knows MkDocs (with hooks.py).

MkDocs runs once per language with theme.language set to that language. The
hook events below feed it the pages that site.plan_site decided on; moving to
another site host means rewriting this file alone.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import socket
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

import yaml
from jinja2 import Environment as Templates
from jinja2 import FileSystemLoader, TemplateError, meta
from markupsafe import escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.yaml import yaml_load

from generator import environment, report
from generator.environment import Environment, build_date
from generator.findings import Finding, NoticeError, Position, UsageError
from generator.host import css
from generator.host.extensions import seloste_extensions
from generator.project import Project
from generator.site import preview
from generator.site.plan import SitePlan
from generator.words import compiled_templates, i18n

# Material announces its end of life on every build; Seloste's README covers it.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

_active: dict[str, Any] = {}
_serving: dict[str, Project] = {}
_serving_hosts: dict[str, frozenset[str]] = {}
"""The names the preview answers at: loopback's and the host of --dev-addr."""


HOOKS = Path(__file__).resolve().parent / "hooks.py"
"""The hook module MkDocs runs: the package's own, whatever the project's mkdocs.yml says."""


def site_url(project: Project) -> str:
    """The site's public address: SELOSTE_SITE_URL, else mkdocs.yml's site_url, else ""."""
    return environment.site_url(
        configured=lambda: (_raw_config(project).get("site_url"), project.shown(project.mkdocs_config))
    )


def _raw_config(project: Project) -> dict[str, Any]:
    """mkdocs.yml as written; NoticeError, with the line where there is one, if it cannot be used."""
    try:
        with open(project.mkdocs_config, encoding="utf-8") as handle:
            raw = yaml_load(handle)
    except OSError as exc:
        raise NoticeError([_config_error(project, f"cannot read the site configuration: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise NoticeError([_config_error(project, "the site configuration is not UTF-8 text")]) from None
    except MkDocsException as exc:  # MkDocs' reader wraps the YAML error, or an INHERIT: file cannot be read
        cause = exc.__context__
        mark = getattr(cause, "problem_mark", None)
        if isinstance(cause, yaml.YAMLError) and mark is not None:
            problem = getattr(cause, "problem", None) or "not valid YAML"
            raise NoticeError(
                [_config_error(project, f"invalid YAML: {problem}", mark.line + 1, mark.column + 1)]
            ) from None
        raise NoticeError([_config_error(project, f"the site configuration cannot be used: {exc}")]) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("theme"), dict):
        raise NoticeError(
            [
                _config_error(
                    project, "the site configuration must be a mapping with a theme: mapping (name: material, ...)"
                )
            ]
        )
    return raw


COLORS = {
    "primary": ("--md-primary-fg-color", "--md-primary-fg-color--light", "--md-primary-fg-color--dark"),
    "dark_link": ("--seloste-link-dark",),
}
"""mkdocs.yml's extra.colors: each key, and the stylesheet's variables it sets (site_overrides/assets/seloste.css)."""
_AGAINST = {"primary": ("#ffffff", "the header's white text"), "dark_link": ("#1a1e22", "the dark-mode page")}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def colors(extra: object) -> dict[str, str]:
    """The controller's colours from mkdocs.yml's `extra` mapping (`colors: {primary: "#1d4f6e"}`), checked:
    ValueError, with a sentence, for an unknown key, a value that is not #rrggbb, or text that would not read on it.

    >>> colors({"colors": {"primary": "#1D4F6E"}})
    {'primary': '#1d4f6e'}
    >>> from collections import UserDict  # a mapping of another kind, as MkDocs' `config.extra` is
    >>> colors(UserDict({"colors": {"dark_link": "#9FD0EE"}}))
    {'dark_link': '#9fd0ee'}
    >>> colors({"colors": {"primary": "#ffcc00"}})
    Traceback (most recent call last):
    ValueError: extra.colors.primary "#ffcc00": the header's white text reads on it at 1.5:1, WCAG asks 4.5:1
    """
    given = extra.get("colors") if isinstance(extra, Mapping) else None  # MkDocs' config.extra: no dict
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise ValueError('extra.colors must be a mapping: primary: "#rrggbb", dark_link: "#rrggbb"')
    found = {}
    for key, value in given.items():
        if key not in COLORS:
            raise ValueError(f"extra.colors.{key}: not a colour Seloste sets (it knows {', '.join(COLORS)})")
        if not isinstance(value, str) or not _HEX.fullmatch(value):
            raise ValueError(f'extra.colors.{key} must be a colour written "#rrggbb", not {value!r}')
        against, what = _AGAINST[key]
        ratio = _contrast(value, against)
        if ratio < 4.5:
            raise ValueError(f'extra.colors.{key} "{value}": {what} reads on it at {ratio:.1f}:1, WCAG asks 4.5:1')
        found[key] = value.lower()
    return found


def _contrast(one: str, other: str) -> float:
    def luminance(color: str) -> float:
        channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def site_colors(project: Project) -> dict[str, str]:
    """The controller's colours from mkdocs.yml, checked; NoticeError at that file if they cannot be used."""
    try:
        return colors(_raw_config(project).get("extra"))
    except ValueError as exc:
        raise NoticeError([_config_error(project, str(exc))]) from None


def _config_error(project: Project, message: str, line: int = 0, column: int = 0) -> Finding:
    return Finding(Position(project.shown(project.mkdocs_config), line, column), "error", message)


def build_language(project: Project, plan: SitePlan, lang: str, site_dir: Path) -> int:
    """Run one MkDocs build of `plan` in `lang` into `site_dir`; the number of pages built."""
    _active["plan"] = plan
    try:
        mkdocs_build(_config(project, lang, site_dir=str(site_dir)))
        return len(plan.pages[lang])
    except MkDocsException as exc:
        raise NoticeError(
            [Finding(Position(project.shown(project.mkdocs_config)), "error", f"MkDocs build failed ({lang}): {exc}")]
        ) from None
    finally:
        _active.clear()


def serve(project: Project, lang: str, dev_addr: str) -> int:
    """Live preview of one language: the draft, the notice in force and the changelog.

    Rebuilt when policy/, locales/ or site_overrides/ change (mkdocs.yml `watch`).
    While the working copy has errors, every page lists them (preview.py).
    Returns the exit code: 1 when MkDocs aborts the first build (its message is printed).
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    _serving["project"] = project
    _serving_hosts["hosts"] = frozenset((*LOOPBACK_HOSTS, dev_addr.rpartition(":")[0].strip("[]").lower()))
    overrides = _overrides(project, lang)
    overrides["watch"] = [*overrides["watch"], str(HOOKS.parent)]
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    print(f"Preview of your working copy: http://{dev_addr}/draft/")
    try:
        mkdocs_serve(str(project.mkdocs_config), livereload=True, dev_addr=dev_addr, **overrides)
    except Abort as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        if isinstance(exc, socket.gaierror) or exc.errno in (errno.EADDRINUSE, errno.EADDRNOTAVAIL, errno.EACCES):
            raise UsageError(f"cannot serve the preview at {dev_addr}: {exc.strerror or exc}") from None
        raise
    return 0


def _config(project: Project, lang: str, **options: Any) -> MkDocsConfig:
    return load_config(str(project.mkdocs_config), **_overrides(project, lang), **options)


def _overrides(project: Project, lang: str) -> dict[str, Any]:
    raw = _raw_config(project)
    watch = [str(project.mkdocs_config.parent / path) for path in raw.get("watch", ())]
    return {"theme": dict(raw["theme"], language=lang), "hooks": [str(HOOKS)], "watch": watch}


# -- Hook events (hooks.py re-exports these) -----------------------------------------


# on_config: the plan decides the site name, the navigation (the notice and
# the changelog only: revisions stay out of it so that every page does not
# grow with the number of releases), the language menu and the addresses.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = config.theme["language"]
    serving = "plan" not in _active
    if serving:  # `serve`: read the project afresh for every rebuild; its errors become the pages
        project = _serving["project"]
        problems: tuple[Finding, ...]
        try:
            preview_environment, problems = Environment(build_date(), site_url(project)), ()
        except NoticeError as exc:  # a bad site address: shown on the preview's pages like any error
            preview_environment, problems = Environment(build_date()), tuple(exc.findings)
        _active["serving"], findings = preview.plan(project, lang, preview_environment, problems)
        if any(finding.level == "error" for finding in findings):
            report.write(findings, project.shown(project.notice), "text", out=sys.stderr)
        else:  # the warnings are the preview's panel: the terminal gives their count only
            print(report.visible(report.summary(findings, project.shown(project.notice))), file=sys.stderr)
        # The preview leaves out archived releases and diffs: it links them by their addresses
        # (plan.Pages.link), which MkDocs does not know and need not mention; the preview answers
        # them with a page that says so.
        config.validation.links.not_found = logging.INFO
        config.validation.links.anchors = logging.INFO
        config.validation.links.unrecognized_links = logging.DEBUG
    plan = _plan(config)
    if not serving:
        # Each language is its own MkDocs site under /<lang>/: error pages need
        # that base (MkDocs gives them root-absolute links from site_url's path).
        # The preview is served at the root of its own address, which MkDocs sets.
        config.site_url = f"{plan.site_url}/{lang}/"
    # Without the site's address, canonical links and the sitemap, which must
    # be full addresses, are left out (on_page_context, on_files).
    if not plan.site_url:
        config.theme.static_templates.discard("sitemap.xml")
    config.extra["feed_title"] = plan.feed_titles.get(lang, "")
    # The footer's version history where a page does not name its own (the 404 page): a company's has none.
    config.extra["changelog"] = next((page.changelog for page in plan.pages[lang] if page.in_nav), "")
    # The controller's colours (main.html writes them, each a checked #rrggbb) and, without a logo, its initial.
    chosen = colors(config.extra)
    config.extra["colors_css"] = "".join(f"{name}:{chosen[key]};" for key in chosen for name in COLORS[key])
    config.extra["monogram"] = next((c.upper() for c in plan.site_name if c.isalnum()), "")
    config.extra["full_addresses"] = bool(plan.site_url)
    # Material prints site_name both escaped (| e) and raw (the header, the
    # navigation, <title>): escaped once as Markup, it reads right in both.
    config.site_name = escape(plan.site_name)
    config.nav = [{page.title: page.path} for page in plan.pages[lang] if page.in_nav]
    # The language menu: every language of the site; the preview builds one, so it has none.
    _active["languages"] = () if serving else plan.languages
    config.extra["alternate"] = alternates("")
    config.extra["labels"] = plan.labels[lang]
    ours: list[Any] = seloste_extensions(lambda: _active.get("blocks", ()))
    config.markdown_extensions += ours  # MkDocs types the option list[str]; Markdown takes extension objects too
    config.theme.get_env = _listing_no_hidden_folders(config.theme.get_env)  # type: ignore[method-assign]  # wrapped on purpose
    return config


def _listing_no_hidden_folders(get_env: Callable[[], Templates]) -> Callable[[], Templates]:
    """The theme's Jinja environment, listing its templates without looking into hidden folders.

    MkDocs lists every file of the theme to copy the static ones, and leaves out
    whatever is hidden; Material's hidden .icons folder holds 14,000 files, only
    ever included by name. Not walking it saves a sixth of a preview rebuild, and
    copies the same files.
    """

    def env() -> Templates:
        made = get_env()
        loader = made.loader
        if isinstance(loader, FileSystemLoader):
            loader.list_templates = lambda: _visible_templates(loader)  # type: ignore[method-assign]  # replaced on purpose
        return made

    return env


def _visible_templates(loader: FileSystemLoader) -> list[str]:
    found: set[str] = set()
    for folder in loader.searchpath:
        for path, folders, names in os.walk(folder, followlinks=loader.followlinks):
            folders[:] = [name for name in folders if not name.startswith(".")]
            relative = os.path.relpath(path, folder)
            found.update(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/") for name in names)
    return sorted(found)


# on_files: pages exist only in memory (MkDocs 1.6 File.generated); docs_dir
# holds nothing but static files.
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not _plan(config).site_url:  # no sitemap: the theme's template would be copied as it is
        for file in [f for f in files if f.src_uri == "sitemap.xml"]:
            files.remove(file)
    pages = _plan(config).pages[config.theme["language"]]
    _active["by_path"] = {page.path: page for page in pages}  # for on_page_markdown, once per page
    for page in pages:
        files.append(File.generated(config, page.path, content=page.markdown))
    return files


# on_page_markdown: per-page settings the templates read: title, search, robots,
# the HTML blocks Markdown takes as finished (extensions.FinishedHtml),
# and what a printed release names on every sheet.
def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    spec = _active["by_path"].get(page.file.src_uri)
    _active["blocks"] = spec.html_blocks if spec is not None else ()
    if spec is not None:
        page.meta["title"] = escape(spec.title)  # Material prints it raw in places, escaped in others (as site_name)
        if not spec.searchable:
            page.meta["search"] = {"exclude": True}
        if spec.robots:
            page.meta["robots"] = spec.robots
        if spec.record:
            page.meta["record"] = spec.record
        page.meta["changelog"] = spec.changelog
    return markdown


# on_page_context: Material's language menu and its <link rel="alternate"
# hreflang> tags both read extra.alternate, rendered right after this event:
# pointing it at this page in each language keeps a switch on the same page.
def on_page_context(context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    config.extra["alternate"] = alternates(page.url)
    if not _plan(config).site_url:
        page.canonical_url = None  # a path from the host's root is no canonical address
    return context


# on_template_context: static templates (404.html) link the same template in
# the other languages.
def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    config.extra["alternate"] = alternates(template_name if template_name == "404.html" else "")
    return context


# on_serve: a rebuild that fails inside MkDocs (a template or catalog it
# cannot use) would leave every request waiting and print a traceback; the
# preview shows the problem instead, and reloads when it is fixed.
def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    lang = config.theme["language"]

    def guarded() -> None:
        try:
            builder()
        except Exception as exc:  # anything the host raises: shown, never a traceback
            problem = f"{type(exc).__name__}: {exc}"
            print(f"The preview was not rebuilt: {problem}", file=sys.stderr)
            preview.write_failure(_serving["project"], lang, Path(server.root), problem)

    server.builder = guarded
    server.set_app(_answering_only_its_owner(server.serve_request, _serving_hosts["hosts"]))
    return server


LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def _answering_only_its_owner(app: Callable[..., Any], hosts: frozenset[str]) -> Callable[..., Any]:
    """The preview's web application, refusing what is not a request of its owner's browser.

    A page elsewhere can make the browser ask for the preview under a name of its own that resolves to
    127.0.0.1 (DNS rebinding) and read the unreleased draft: a request whose Host is not a name the preview
    is served at is refused (403). A path with a NUL byte, which no file can have, is refused (400) before
    MkDocs would print a traceback for it.
    """

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        host = str(environ.get("HTTP_HOST", ""))
        name = host[1:].partition("]")[0] if host.startswith("[") else host.rpartition(":")[0] or host
        if name.lower() not in hosts:
            start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"This preview answers only at the address it is served at.\n"]
        if "\0" in str(environ.get("PATH_INFO", "")):
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"No file has a NUL byte in its name.\n"]
        return app(environ, start_response)

    return guarded


# on_post_build: the site's stylesheet is served without its comments (css.served), and the preview
# answers an address it does not build with a page that says so.
def on_post_build(config: MkDocsConfig) -> None:
    stylesheet = Path(config.site_dir) / "assets" / "seloste.css"
    if stylesheet.is_file():
        stylesheet.write_text(css.served(stylesheet.read_text(encoding="utf-8")), encoding="utf-8")
    if "serving" in _active:
        preview.write_not_found(_serving["project"], config.theme["language"], Path(config.site_dir))


# on_env: the templates' filter for text in CSS (the print header), and:
# MkDocs makes a new Jinja environment for every build, so the live
# preview compiled Material's templates anew on every edit (a third of a
# rebuild). Compiled templates are kept for the life of the process; a
# template whose source changed is compiled again (Jinja checks each one's
# checksum), so an edit in site_overrides/ shows in the next rebuild.
def on_env(env: Templates, config: MkDocsConfig, files: Files) -> Templates:
    env.bytecode_cache = _COMPILED
    env.filters["css_string"] = css.string
    return env


def compile_theme(project: Project, lang: str) -> None:
    """Compile the theme's templates here, once: the language builds forked after this inherit them
    instead of each compiling them again (about a third of a second of CPU each)."""
    config = _config(project, lang)
    env = on_env(config.theme.get_env(), config, Files([]))
    pending, seen = ["main.html", "404.html"], set()
    loader = env.loader
    assert loader is not None  # a theme's templates come from its folders
    while pending:
        name = pending.pop()
        seen.add(name)
        try:
            env.get_template(name)
            found = meta.find_referenced_templates(env.parse(loader.get_source(env, name)[0]))
        except TemplateError:  # a name the theme does not have, or cannot compile: the build will say
            continue
        pending += [other for other in found if other and other not in seen and other not in pending]


_COMPILED = compiled_templates.InMemory()


def alternates(url: str, languages: tuple[str, ...] | None = None) -> list[dict[str, str]]:
    """The page at `url` in every language, as links from this language's root.

    >>> [a["link"] for a in alternates("2026-01-01/", ("fi", "en"))]
    ['../fi/2026-01-01/', '../en/2026-01-01/']
    """
    languages = _active["languages"] if languages is None else languages
    return [
        {"lang": other, "name": i18n.language_name(other, other), "link": f"../{other}/{url}"} for other in languages
    ]


def _plan(config: MkDocsConfig) -> SitePlan:
    return cast(SitePlan, _active.get("plan") or _active["serving"])  # a build's plan, or the preview's
