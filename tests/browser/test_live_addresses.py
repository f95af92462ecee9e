"""In Chromium: what the live preview and the site's addresses do in a real browser.

The live preview's open page reloads itself to the errors and back (tests/test_preview.py runs the
same command over HTTP); a site served under a sub-path without its address configured still
shows readers the full permanent address (tests/test_site_address.py follows its links).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from test_preview import HANG_GUARD, Preview, notice_shown, preview  # noqa: F401 (a fixture, shared: pytest passes it by name)
from test_site_address import SubPathServer


@pytest.fixture
def sub_path_server() -> Iterator[SubPathServer]:
    served = SubPathServer()
    yield served
    served.close()


@pytest.mark.browser
def test_the_open_page_reloads_itself_with_the_errors_and_back(preview: Preview, browser: Any) -> None:  # noqa: F811 (pytest passes the fixture imported above by its name)
    """The page that is open when the file is saved changes by itself (live reload)."""
    good = preview.notice.read_text(encoding="utf-8")
    preview.wait_for("/draft/", notice_shown, "the draft")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(preview.base + "/draft/")
        page.wait_for_selector("h1", timeout=HANG_GUARD * 1000)
        preview.save(good.replace("    recipients: [mailer]", "    recipients: [nobody]"))
        alert = page.wait_for_selector(".seloste-preview-errors", timeout=HANG_GUARD * 1000)
        assert "unknown-reference" in alert.inner_text()
        assert re.search(r"policy/notice\.yaml:\d+:\d+", alert.inner_text())
        preview.save(good)
        page.wait_for_selector(".seloste-preview-errors", state="detached", timeout=HANG_GUARD * 1000)
        assert "Esimerkki Oy" in page.locator("h1").first.inner_text()
    finally:
        context.close()


@pytest.mark.browser
def test_without_an_address_the_browser_writes_the_permanent_address_in_full(
    sub_path_server: SubPathServer, multi_release_site: Any, browser: Any
) -> None:
    """Served under /notice/ with no address configured: the reader still sees (and prints) the
    full permanent address, which the browser knows; without JavaScript, the path."""
    sub_path_server.site = multi_release_site.root
    base = sub_path_server.base
    for javascript, shown in ((True, f"{base}sv/2026-01-01/"), (False, "/sv/2026-01-01/")):
        context = browser.new_context(java_script_enabled=javascript)
        try:
            page = context.new_page()
            page.goto(f"{base}sv/2026-01-01/")
            assert page.locator("a.seloste-permalink").inner_text() == shown
        finally:
            context.close()
