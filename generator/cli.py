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
from generator.project import Project, shown
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
    serve.add_argument("--dev-addr", type=_address, default="127.0.0.1:8000", help="HOST:PORT (default: %(default)s)")
    serve.set_defaults(run=_serve)

    release = commands.add_parser("release", help="check, then freeze the working copy as a new release")
    release.add_argument("--strict", action="store_true", help="refuse on warnings too")
    _lang_option(release)
    release.set_defaults(run=_release)

    migrate = commands.add_parser(
        "migrate", help="rewrite a notice in an older format in the current one, keeping comments"
    )
    migrate.add_argument("path", nargs="?", type=Path, help="notice file (default: policy/notice.yaml)")
    migrate.set_defaults(run=_migrate)
    return parser


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
    path = args.path or project.notice
    inspection = inspect(project, path, args.since, today=build_date())
    words = words_for(project, args.lang, inspection, path)
    findings = list(inspection.findings)
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


def _build(project: Project, args: argparse.Namespace) -> int:
    from generator.host.adapter import site_url
    from generator.host.build import build_site

    if args.summary and not args.draft:
        raise UsageError("--summary lists what the draft changes: it needs --draft")
    if args.artifact_url and not args.summary:
        raise UsageError("--artifact-url is linked from the summary: it needs --summary")
    today = build_date()
    inspection = _fit_to_publish(project, args.strict, today, args.lang)
    environment = Environment(today, site_url(project))
    try:
        built = build_site(project, args.site_dir, environment, draft=args.draft)
    except NoticeError as exc:
        exc.words = words_for(project, args.lang, inspection)
        raise
    print(f"built {args.site_dir}/ in {', '.join(built)} ({max(built.values())} pages each)")
    if args.summary:
        _redline_summary(project, args, environment, inspection)
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
    return serve(project, args.lang, args.dev_addr)


def _release(project: Project, args: argparse.Namespace) -> int:
    from generator.record.releases import make_release

    today = build_date()
    inspection = _fit_to_publish(project, args.strict, today, args.lang)
    words = words_for(project, args.lang, inspection)
    try:
        release = make_release(project, today=today)
    except NoticeError as exc:
        exc.words = words
        raise
    print(f"released {release.id} (effective {release.effective.isoformat()})")
    for finding in inspection.findings:
        if finding.rule in ABOUT_THE_RELEASE:  # not a gap in the notice: said in full
            print(report.line(finding, words), file=sys.stderr)
    return 0


ABOUT_THE_RELEASE = frozenset({"effective-far-ahead", "notice-period"})
"""The rules whose warnings are about the release being made, which `release` prints in full."""


def _migrate(project: Project, args: argparse.Namespace) -> int:
    from generator.notice.migrate import CURRENT, migrate_file

    path = args.path or project.notice
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
