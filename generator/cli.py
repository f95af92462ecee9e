"""Command line: python -m generator check | build | release | serve.

Exit codes: 0 success, 1 invalid input (the findings are printed, each with
file, line and column), 2 usage error. No traceback reaches the user for a bad
notice; one that does is a bug.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import Sequence

from .findings import NoticeError, UsageError
from .publish_dir import Busy, shown
from .report import FORMATS

DEFAULT_NOTICE = Path("policy/notice.yaml")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_usage(sys.stderr)
        return 2
    try:
        return args.run(args)
    except NoticeError as exc:
        for finding in exc.findings:
            print(finding, file=sys.stderr)
        return 1
    except (UsageError, Busy) as exc:
        print(f"{exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the disk, not the notice: full, read-only, a folder where a file should be
        print(f"{_where(exc)}: error: {(exc.strerror or str(exc)).lower()}", file=sys.stderr)
        return 1


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
    check.add_argument("path", nargs="?", type=Path, default=DEFAULT_NOTICE, help="notice file (default: %(default)s)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format")
    check.add_argument("--since", metavar="REF", help="also fail if a release recorded at git revision REF was "
                                                      "removed or changed, or one was added before its newest")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="build the site")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="output folder (default: %(default)s)")
    build.add_argument("--draft", action="store_true", help="also publish the unreleased working copy as a draft")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="live preview of one language, rebuilt on every change")
    serve.add_argument("--lang", choices=("fi", "sv", "en"), default="fi")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)

    release = commands.add_parser("release", help="freeze the working copy as a new release")
    release.set_defaults(run=_release)
    return parser


def _check(args: argparse.Namespace) -> int:
    from .check import run_check

    return run_check(args.path, strict=args.strict, output=args.format, since=args.since)


def _build(args: argparse.Namespace) -> int:
    from .build import build_site

    plan = build_site(Path.cwd(), args.site_dir, draft=args.draft)
    counts = {len(pages) for pages in plan.pages.values()}
    print(f"built {args.site_dir}/ in {', '.join(plan.pages)} ({max(counts)} pages each)")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .mkdocs_adapter import serve

    serve(Path.cwd(), args.lang, args.dev_addr)
    return 0


def _release(args: argparse.Namespace) -> int:
    from .releases import make_release

    release = make_release(Path.cwd())
    print(f"released {release.id} (effective {release.effective.isoformat()})")
    return 0
