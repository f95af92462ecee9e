"""YAML text into safe Markdown: text is data, never markup.

Authors may write paragraphs (each line of a text is one: in a folded YAML
block, `>`, a blank line starts a new paragraph) and links of the
form [text](https://...) or [text](mailto:...). Everything else is escaped
for Markdown and HTML alike, so `<script>`, `{: onclick=...}` attribute lists,
`javascript:` links, image syntax `![x](https://...)`, table cells `|` and
Markdown syntax show up on the page as typed.

>>> print(paragraphs("See [our site](https://example.com).\\n\\n<b>bold</b> *not*"))
See [our site](<https://example.com>).
<BLANKLINE>
&lt;b&gt;bold&lt;/b&gt; \\*not\\*
>>> inline("[x](javascript:alert(1))")
'\\\\[x\\\\](javascript:alert(1))'
>>> print(inline("![pixel](https://t.example/p.gif) a|b [x](https://a.fi){: onclick=alert }"))
\\!\\[pixel\\](https://t.example/p.gif) a\\|b [x](<https://a.fi>)\\{: onclick=alert \\}
"""

from __future__ import annotations

import re

LINK = re.compile(r"(?<!!)\[([^\[\]\n]+)\]\(([^()\s]+)\)")
"""A Markdown link as the author writes it; only safe schemes become links.
After a `!` it is image syntax, which stays text: no picture loads from another host."""

SAFE_SCHEMES = ("https://", "mailto:")

_SPECIAL = re.compile(r"([\\`*_\[\]{}#!|])")
_BLOCK_START = re.compile(r"^(?:[-+]|\d+(?=\.))")
"""What would start a list at the start of a line. Markdown escapes `-` and `+` but not digits,
so `1.` becomes `1\\.`: an escape Markdown does not know would show its backslash."""
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_FENCE = re.compile(r"^~(?=~~)")
"""Three tildes at the start of a line open a block of code, and Markdown has no escape for `~`: the first
becomes an entity, which shows as `~`."""


class Markdown(str):
    """Markdown that is already safe; templates pass it through unescaped."""


def _entities(text: str) -> str:
    return re.sub(r"[&<>]", lambda match: _ENTITIES[match.group()], text)


def _escape(text: str) -> str:
    return _entities(_SPECIAL.sub(r"\\\1", text))


def inline(text: str) -> Markdown:
    """One line of text, escaped, with safe links kept as links; newlines become spaces."""
    text = " ".join(str(text).split())
    out, last = [], 0
    for match in LINK.finditer(text):
        label, url = match.groups()
        if not url.startswith(SAFE_SCHEMES):
            continue
        out.append(_escape(text[last : match.start()]))
        out.append(f"[{_escape(label)}](<{_entities(url)}>)")
        last = match.end()
    out.append(_escape(text[last:]))
    return Markdown(_FENCE.sub("&#126;", _BLOCK_START.sub(_unlist, "".join(out))))


def _unlist(match: re.Match[str]) -> str:
    """`- x` -> `\\- x`, `1. x` -> `1\\. x`: text, not a list.

    >>> print(inline("1. one"), inline("- two"), inline("= three"), inline("1) four"))
    1\\. one \\- two = three 1) four
    """
    marker = match.group()
    return f"{marker}\\" if marker[0].isdigit() else f"\\{marker}"


def paragraphs(text: str) -> Markdown:
    """A multi-paragraph text: each line break starts a paragraph. A line's leading white space goes: at the
    start of a paragraph, a tab or four spaces would make the line a block of code.

    >>> print(paragraphs("one\\n\\t|\\ttwo\\n\\n    three\\n~~~ four"))
    one
    <BLANKLINE>
    \\| two
    <BLANKLINE>
    three
    <BLANKLINE>
    &#126;~~ four
    """
    blocks = [block.strip() for block in str(text).splitlines() if block.strip()]
    return Markdown("\n\n".join(inline(block) for block in blocks))


class Plain(str):
    """Plain text already made plain (paragraphs kept); a plain-text template prints it as it is."""


def plain(text: str) -> str:
    """One line of text for a plain-text file (an e-mail): spaces as one, and a link as its words followed by
    its address in brackets (the address alone where the words are the address), so that no Markdown is left.

    >>> plain("See  [our site](https://example.com) or [a@b.fi](mailto:a@b.fi).\\n*not* [x](javascript:y)")
    'See our site (https://example.com) or a@b.fi. *not* [x](javascript:y)'
    """
    text = " ".join(str(text).split())

    def said(match: re.Match[str]) -> str:
        label, url = match.groups()
        if not url.startswith(SAFE_SCHEMES):
            return match.group()
        address = url.removeprefix("mailto:")
        return address if label.strip() in (url, address) else f"{label} ({address})"

    return LINK.sub(said, text)


def plain_paragraphs(text: str) -> str:
    """A multi-paragraph text for a plain-text file: each line a paragraph (`plain`), a blank line between.

    >>> print(plain_paragraphs("one\\n\\n  two [x](https://a.fi)"))
    one
    <BLANKLINE>
    two x (https://a.fi)
    """
    return "\n\n".join(plain(block) for block in str(text).splitlines() if block.strip())


def plain_finalize(value: object) -> object:
    """Jinja2 `finalize` of a plain-text template: every value a line of plain text (`plain`) unless it is
    `Plain` already; nothing prints nothing.

    >>> plain_finalize(None), plain_finalize("[a](https://a.fi)\\n b"), plain_finalize(Plain("a\\n\\nb"))
    ('', 'a (https://a.fi) b', 'a\\n\\nb')
    """
    if value is None:
        return ""
    if isinstance(value, Plain):
        return value
    return plain(str(value))


def finalize(value: object) -> object:
    """Jinja2 `finalize`: escape every value a template prints unless it is Markdown; nothing prints nothing.

    >>> finalize(None), finalize("*a*"), finalize(Markdown("*a*"))
    ('', '\\\\*a\\\\*', '*a*')
    """
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value
    return inline(str(value))
