"""Command line: python -m generator check | build | release | serve | migrate.

Exit codes: 0 success, 1 invalid input (the findings are printed, each with
file, line and column), 2 usage error. No traceback reaches the user for a bad
notice; one that does is a bug. The project (generator/project.py) and the
environment (generator/environment.py) are read here, once, and handed to every command.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import cast

from generator import environment, report
from generator.environment import Environment, build_date
from generator.findings import Failure, NoticeError, UsageError, Words, _
from generator.notice.languages import DEFAULT, SUPPORTED
from generator.project import NOTICES, Project, notices, shown
from generator.record.inspection import Inspection, exit_code, inspect, refuse_errors, strictly


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_usage(sys.stderr)
        return 2
    run = cast(Callable[[Project, argparse.Namespace], int], args.run)  # a command's, from set_defaults below
    try:
        code = run(Project.at(Path()), args)
        sys.stdout.flush()  # here, so that a reader who stopped reading is seen below, not at exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except NoticeError as exc:
        for finding in exc.findings:
            print(report.line(finding, exc.words), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"{parser.prog}: error: {report.visible(str(exc))}", file=sys.stderr)
        return 2
    except Failure as exc:
        print(report.visible(str(exc)), file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the disk, not the notice: full, read-only, a folder where a file should be
        print(f"{report.visible(_where(exc))}: error: {(exc.strerror or str(exc)).lower()}", file=sys.stderr)
        return 1


def _reader_gone() -> int:
    """The output's reader stopped reading (`check --format json | head`): stop as `cat` does, silently.

    Python would print a second error when it flushes standard output at exit,
    so that is pointed at /dev/null first.
    """
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 128 + signal.SIGPIPE


def _where(exc: OSError) -> str:
    """The file an OS error is about (of a copy, the one written when writing failed), relative to here."""
    written = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS)
    name = exc.filename2 if written and exc.filename2 else exc.filename
    if not isinstance(name, (str, bytes)) or not name:
        return "."
    return shown(Path(os.fsdecode(name)), Path.cwd())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Seloste: privacy notices as code.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check a notice for errors and GDPR gaps")
    check.add_argument("path", nargs="?", type=Path, help="notice file (default: policy/notice.yaml)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _notice_option(check, "check only this notice of a company's (repeat for more; default: every notice)")
    check.add_argument("--format", choices=report.FORMATS, default="text", help="output format")
    _lang_option(check)
    check.add_argument(
        "--since",
        metavar="REF",
        help="also fail if a release recorded at git revision REF was "
        "removed or changed, or one was added before its newest",
    )
    check.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help="also append every finding as a Markdown table to FILE (e.g. $GITHUB_STEP_SUMMARY)",
    )
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="check, then build the site")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: %(default)s)")
    build.add_argument("--draft", action="store_true", help="also publish the unreleased working copy as a draft")
    build.add_argument("--strict", action="store_true", help="refuse on warnings too")
    _lang_option(build)
    build.add_argument(
        "--summary",
        type=Path,
        metavar="FILE",
        help="with --draft: also append the draft compared with the version in force, in each language, "
        "as Markdown to FILE (e.g. $GITHUB_STEP_SUMMARY)",
    )
    build.add_argument(
        "--artifact-url",
        type=_download,
        metavar="URL",
        help="with --summary: the https: address where the built site can be downloaded, which the summary links",
    )
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="live preview of one language, rebuilt on every change")
    serve.add_argument("--lang", choices=SUPPORTED, default=DEFAULT)
    _notice_option(serve, "preview this notice of a company's (default: the first)")
    serve.add_argument("--dev-addr", type=_address, default="127.0.0.1:8000", help="HOST:PORT (default: %(default)s)")
    serve.set_defaults(run=_serve)

    release = commands.add_parser("release", help="check, then freeze the working copy as a new release")
    release.add_argument("--strict", action="store_true", help="refuse on warnings too")
    _notice_option(
        release,
        "release this notice of a company's (repeat for more; default: every notice whose working copy changed)",
    )
    _lang_option(release)
    release.set_defaults(run=_release)

    migrate = commands.add_parser(
        "migrate", help="rewrite a notice in an older format in the current one, keeping comments"
    )
    migrate.add_argument("path", nargs="?", type=Path, help="notice file (default: policy/notice.yaml)")
    migrate.set_defaults(run=_migrate)
    return parser


def _notice_option(command: argparse.ArgumentParser, help: str) -> None:
    command.add_argument("--notice", action="append", metavar="ID", help=help)


def chosen(project: Project, args: argparse.Namespace) -> tuple[Project, ...]:
    """The notices a command works on: those `--notice` names, else every notice of the project (its one, or
    each of a company's under policy/notices/)."""
    every = notices(project.root)
    wanted = getattr(args, "notice", None)
    if not wanted:
        return every
    if not every[0].id:
        raise UsageError(f"--notice names a notice under policy/{NOTICES}/; this project has one notice")
    known = {p.id: p for p in every}
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise UsageError(f"no notice {', '.join(map(repr, unknown))}: the notices are {', '.join(known)}")
    return tuple(known[name] for name in dict.fromkeys(wanted))


def _lang_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lang",
        choices=SUPPORTED,
        help="the language of the messages about the notice (default: the notice's first language)",
    )


def words_for(project: Project, lang: str | None, inspection: Inspection | None, path: Path | None = None) -> Words:
    """The catalog messages are said with: `--lang`, else the notice's first language (`languages:`), else,
    where the notice cannot be read, the first supported language. English without a readable catalog."""
    if lang is None:
        lang = _first_language(inspection, path or project.notice)
    return speaker(project.locales, lang)


def speaker(locales: Path, lang: str) -> Words:
    """The messages of `check` in `lang`, from its catalog under `locales`."""
    from generator.words.i18n import speaker as catalog_speaker

    return catalog_speaker(locales, lang)


def _first_language(inspection: Inspection | None, path: Path) -> str:
    if inspection is not None and inspection.notice is not None:
        first = inspection.notice.languages[0]
        return first if first in SUPPORTED else DEFAULT
    if inspection is not None and inspection.doc is not None:
        data = inspection.doc.data
    else:  # the notice did not validate: its `languages:` may still be read
        from generator.notice.load import load_file

        try:
            data = load_file(path).data
        except (NoticeError, OSError):
            return SUPPORTED[0]
    languages = data.get("languages") if isinstance(data, dict) else None
    if isinstance(languages, list) and languages and languages[0] in SUPPORTED:
        return str(languages[0])
    return SUPPORTED[0] if languages is not None or not isinstance(data, dict) else DEFAULT


def _address(value: str) -> str:
    """HOST:PORT for the preview server, the port from 1 to 65535.

    >>> _address("127.0.0.1:8001")
    '127.0.0.1:8001'
    >>> _address("127.0.0.1:99999")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: '127.0.0.1:99999' is not HOST:PORT with a port from 1 to 65535
    """
    host, _, port = value.rpartition(":")
    if not host or not re.fullmatch(r"[0-9]{1,5}", port) or not 0 < int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not HOST:PORT with a port from 1 to 65535")
    return value


def _download(value: str) -> str:
    """An https: address the job summary can link as it is.

    >>> _download("javascript:alert(1)")
    Traceback (most recent call last):
    argparse.ArgumentTypeError: 'javascript:alert(1)' is not an https: address without spaces or angle brackets
    """
    from generator.job_summary import downloadable

    if not downloadable(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an https: address without spaces or angle brackets")
    return value


def _check(project: Project, args: argparse.Namespace) -> int:
    today = build_date()
    if args.path:
        path: Path = args.path
        inspections = [inspect(_owner(project, path), path, args.since, today=today)]
    else:
        projects = chosen(project, args)
        path = projects[0].notice if len(projects) == 1 else project.root / "policy" / NOTICES
        inspections = [inspect(p, None, args.since, today=today) for p in projects]
    words = words_for(project, args.lang, inspections[0], path)
    findings = list(dict.fromkeys(f for inspection in inspections for f in inspection.findings))
    if args.strict:
        findings = strictly(findings)
    report.write(findings, project.shown(path), args.format, strict=args.strict, words=words)
    if args.summary:
        from generator import job_summary

        try:
            job_summary.append(args.summary, findings, project.shown(path), strict=args.strict, words=words)
        except OSError as exc:
            raise UsageError(f"cannot write the summary to {args.summary}: {exc.strerror or exc}") from None
    return exit_code(findings)


def _owner(project: Project, path: Path) -> Project:
    """The notice of the project that `path` is the working copy of (its releases are checked with it), else
    the project's one notice."""
    for candidate in notices(project.root):
        if candidate.id and path.resolve().is_relative_to(candidate.notice.parent.resolve()):
            return candidate
    return notices(project.root)[0]


def _build(project: Project, args: argparse.Namespace) -> int:
    from generator.host.adapter import site_url
    from generator.host.build import build_site

    if args.summary and not args.draft:
        raise UsageError("--summary lists what the draft changes: it needs --draft")
    if args.artifact_url and not args.summary:
        raise UsageError("--artifact-url is linked from the summary: it needs --summary")
    today = build_date()
    projects = notices(project.root)
    inspections = [_fit_to_publish(p, args.strict, today, args.lang) for p in projects]
    environment = Environment(today, site_url(project))
    try:
        built = build_site(projects, args.site_dir, environment, draft=args.draft)
    except NoticeError as exc:
        exc.words = words_for(project, args.lang, inspections[0])
        raise
    print(f"built {args.site_dir}/ in {', '.join(built)} ({max(built.values())} pages each)")
    if args.summary:
        for p, inspection in zip(projects, inspections, strict=True):
            _redline_summary(p, args, environment, inspection)
    return 0


def _redline_summary(
    project: Project, args: argparse.Namespace, environment: Environment, inspection: Inspection
) -> None:
    """Append the draft's redline, in each language, to the job summary (`build --draft --summary`)."""
    from generator import job_summary
    from generator.site.plan import redlines

    compared = redlines(project, environment, inspection.notice)
    words = words_for(project, args.lang, inspection)
    text = job_summary.redline(compared, download=args.artifact_url or "", words=words)
    try:
        with open(args.summary, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write the summary to {args.summary}: {exc.strerror or exc}") from None


def _serve(project: Project, args: argparse.Namespace) -> int:
    from generator.host.adapter import serve

    build_date()  # a malformed SOURCE_DATE_EPOCH or SELOSTE_SITE_URL stops the preview before it starts
    environment.site_url()
    return serve(chosen(project, args)[0], args.lang, args.dev_addr)


def _release(project: Project, args: argparse.Namespace) -> int:
    """Release the project's notice, or a company's notices (those `--notice` names, else every one whose
    working copy changed), each checked before any is released, each with its own summary."""
    from generator.host.adapter import site_url
    from generator.record.releases import changed_since_release

    today = build_date()
    projects = chosen(project, args)
    if projects[0].id and not args.notice:
        projects = tuple(p for p in projects if changed_since_release(p))
        if not projects:
            print("nothing to release: every notice says what its newest release says")
            return 0
    inspections = [_fit_to_publish(p, args.strict, today, args.lang) for p in projects]
    address = site_url(project)
    for p, inspection in zip(projects, inspections, strict=True):
        _release_one(p, inspection, args.lang, today, address)
    return 0


def _release_one(project: Project, inspection: Inspection, lang: str | None, today: date, address: str) -> None:
    from generator.record.releases import make_release

    words = words_for(project, lang, inspection)
    try:
        release = make_release(project, today=today, site_url=address)
    except NoticeError as exc:
        exc.words = words
        raise
    name = f"{project.id} " if project.id else ""
    print(f"released {name}{release.id} (effective {release.effective.isoformat()})")
    if release.announced:
        _tell_of_announcement(project, release.id, release.announced, address)
    for finding in inspection.findings:
        if finding.rule in ABOUT_THE_RELEASE:  # not a gap in the notice: said in full
            print(report.line(finding, words), file=sys.stderr)


def _tell_of_announcement(project: Project, release_id: str, languages: tuple[str, ...], address: str) -> None:
    """Where the announcement of a material change is, and, without the site's address, that it names its
    pages by their paths from the site's root (frozen so: an e-mail cannot follow a later address)."""
    folder = project.shown(project.releases / release_id)
    print(
        f"announced: a material change; send {folder}/announcement.<lang>.txt to your readers "
        f"({', '.join(languages)}; its page: /<lang>/{project.prefix}{release_id}/announcement/)"
    )
    if not address:
        print(
            f"note: the site's address is not known ({environment.SITE_URL_ENV} or site_url in "
            f"{project.shown(project.mkdocs_config)}), so the announcement names its pages by their paths from "
            f"the site's root (/{languages[0]}/{project.prefix}{release_id}/); to give full addresses, discard this release "
            "before you commit it and release again with the address set",
            file=sys.stderr,
        )


ABOUT_THE_RELEASE = frozenset({"effective-far-ahead", "notice-period"})
"""The rules whose warnings are about the release being made, which `release` prints in full."""


def _migrate(project: Project, args: argparse.Namespace) -> int:
    from generator.notice.migrate import CURRENT, migrate_file

    path = args.path or _single(project, "migrate").notice
    shown = project.shown(path)
    result = migrate_file(path, shown, project.schema)
    if not result.changed:
        print(f"{shown} is already in format {CURRENT}; nothing to change")
        return 0
    print(f"migrated {shown} to format {CURRENT}")
    for note in result.notes:
        print(note)
    if result.notes:
        marked = "all" if result.marked == len(result.notes) else result.marked
        print(
            f"{len(result.notes)} field(s) left for you to complete, {marked} of them marked '# migrate:' in the "
            "file; `check` keeps reporting them until you do"
        )
    return 0


def _single(project: Project, command: str) -> Project:
    """The project's one notice; a usage error in a company's project, where `command` needs the file named."""
    first = notices(project.root)[0]
    if first.id:
        raise UsageError(
            f"{command} needs the notice file: this project has several (policy/{NOTICES}/<id>/notice.yaml)"
        )
    return first


def _fit_to_publish(project: Project, strict: bool, today: date, lang: str | None) -> Inspection:
    """Refuse, with every finding, while `check` would fail; count the warnings that do not stop it."""
    inspection = inspect(project, today=today)
    words = words_for(project, lang, inspection)
    try:
        refuse_errors(inspection, strict)
    except NoticeError as exc:
        exc.words = words
        raise
    if inspection.findings:
        total = report.summary(inspection.findings, project.shown(project.notice), words=words)
        # NOTE: after the counts of build and release ("policy/notice.yaml: 0 errors, 2 warnings"); make check
        # is the command as typed, keep it.
        hint = _(" (`make check` lists them)").render(words)
        print(f"{total}{hint}", file=sys.stderr)
    return inspection
