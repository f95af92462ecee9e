"""Values written into CSS: a string that can hold any text and never ends its rule or its <style>; and the
site's stylesheet as served, without the comments that explain it.

>>> print(string('Entrack "Oy" </style>'))
"Entrack \\22 Oy\\22  \\3c /style\\3e "
"""

from __future__ import annotations

import re

from markupsafe import Markup

_UNSAFE = re.compile(r"[^\w .,:;·/()@+\-–]", re.UNICODE)


def string(value: object) -> Markup:
    """A quoted CSS string; every character that is not plainly text is a hex escape.

    Marked safe for HTML too: the result holds no `<`, `>`, `&`, quote or backslash of its own.
    """
    escaped = _UNSAFE.sub(lambda match: f"\\{ord(match.group()):x} ", str(value))
    return Markup(f'"{escaped}"')


_COMMENT = re.compile(r"/\*.*?\*/\s*", re.S)
_BLANK = re.compile(r"\n\s*\n")


def served(stylesheet: str) -> str:
    """assets/seloste.css as the site serves it: its comments (two fifths of its weight) left out.

    Only for Seloste's own stylesheet, whose strings and addresses hold no comment opener.

    >>> served("/* why */\\n.a {\\n  color: red; /* how */\\n}\\n\\n/* next */\\n.b { mask: url('x.svg'); }\\n")
    ".a {\\n  color: red; }\\n.b { mask: url('x.svg'); }\\n"
    """
    return _BLANK.sub("\n", _COMMENT.sub("", stylesheet))
