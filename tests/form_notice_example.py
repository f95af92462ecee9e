"""The shop's newsletter form with its notice at the form pasted in, shown in the README, made, never written by hand.

The fictional web shop of tests/fixtures/shop is released as it is on 1 June
2026 with its site's address known; the notice at the form of its newsletter
(the purpose `newsletter`, in English: the newsletter's entry of
form-notices.en.json) goes into the shop's subscription form between the
README's markers, and below it the same entry as JSON:

    .venv/bin/python tests/form_notice_example.py   # (also run by `make docs`)

tests/test_form_notice_example.py fails while the README shows anything else.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.project import Project
from generator.record.lock import form_notices_name
from generator.record.releases import make_release
from support import FIXTURES, REPO, make_project

SHOP = FIXTURES / "shop" / "notice.yaml"
README = REPO / "README.md"
BEGIN, END = "<!-- form notice example: begin -->", "<!-- form notice example: end -->"
RELEASED = date(2026, 6, 1)
ADDRESS = "https://tietosuoja.puolukka.example"
"""The shop's site address (fictional), known when it is released."""
PURPOSE, LANG = "newsletter", "en"
FORM = """<form action="https://puolukka.example/newsletter" method="post">
  <label for="email">E-mail address</label>
  <input id="email" name="email" type="email" autocomplete="email" required>
{fragment}
  <button>Subscribe</button>
</form>"""
"""The shop's own form (its words are the shop's, not Seloste's); the notice goes above its button."""


def frozen_entry() -> str:
    """The newsletter's entry of form-notices.en.json as `release` writes it (its text, as the file has it)."""
    with tempfile.TemporaryDirectory() as folder:
        project = Project.at(make_project(Path(folder)))
        project.notice.write_text(SHOP.read_text(encoding="utf-8"), encoding="utf-8")
        release = make_release(project, today=RELEASED, site_url=ADDRESS)
        raw = release.read(form_notices_name(LANG)).decode("utf-8")
    entry = json.loads(raw)[PURPOSE]
    escaped = json.dumps(entry, ensure_ascii=False, indent=2)
    return escaped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def section() -> str:
    """What goes between the markers: the form with the notice pasted in, then the same notice as JSON."""
    entry = frozen_entry()
    fragment = json.loads(entry)["html"]
    form = FORM.format(fragment="\n".join(f"  {line}" for line in fragment.splitlines()))
    return (
        f"```html\n{form}\n```\n\n"
        f"The same notice as JSON (the `{PURPOSE}` entry of `policy/releases/<id>/{form_notices_name(LANG)}`, served as "
        f"`{LANG}/<id>/forms/purpose-{PURPOSE}.json`):\n\n```json\n{entry}\n```"
    )


def with_example(readme: str) -> str:
    """The README's text with the current example between its markers."""
    before, begin, rest = readme.partition(BEGIN)
    _, end, after = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"{README}: the markers {BEGIN} and {END} are missing")
    return f"{before}{BEGIN}\n{section()}\n{END}{after}"


if __name__ == "__main__":
    README.write_text(with_example(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{README.relative_to(REPO)}: the example notice at the form written")
