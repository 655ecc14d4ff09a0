"""Browser journey: a consultant renders a deck in the background and downloads it.

Uses the demo site of ``test_consultant_journey`` (gunicorn, Chromium). The status
page refreshes itself (no JavaScript needed) until the deck is done.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pptx import Presentation

from tests.e2e.staff_login import log_in
from tests.e2e.test_consultant_journey import (  # noqa: F401 (fixtures)
    DEMO_USER,
    SLUG,
    Errors,
    Site,
    browser,
    page,
    site,
)

pytestmark = pytest.mark.e2e
SHOTS = (
    Path(os.environ.get("PARATHED_SHOTS", ""))
    if os.environ.get("PARATHED_SHOTS")
    else None
)


def _shot(browser_page: Page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser_page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_consultant_renders_the_partnership_deck_in_the_background(
    site: Site,  # noqa: F811 (the imported fixture)
    page: tuple[Page, Errors],  # noqa: F811
    tmp_path: Path,
) -> None:
    browser_page, errors = page
    log_in(
        browser_page,
        base_url=site.base_url,
        username=DEMO_USER,
        password=site.password,
        totp_secret=site.totp_secret,
    )
    browser_page.wait_for_url(site.base_url + "/partnerskaber/")
    browser_page.goto(f"{site.base_url}/partnerskaber/{SLUG}/")
    browser_page.click(f'a[href="/partnerskaber/{SLUG}/rapporter/"]')
    buttons = browser_page.locator("main form button")
    assert buttons.count() == 4  # the partnership + three municipalities
    _shot(browser_page, "report-list")
    buttons.first.click()
    browser_page.wait_for_url(re.compile(r"/rapporter/\d+/$"))
    _shot(browser_page, "report-status-pending")
    download_link = browser_page.locator('a[href$="/pptx/"]')
    # The page reloads itself every few seconds; wait for the finished state.
    download_link.wait_for(timeout=120_000)
    _shot(browser_page, "report-status-done")
    with browser_page.expect_download() as download_info:
        download_link.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    deck = Presentation(io.BytesIO(saved.read_bytes()))
    assert "Parathedsanalyse" in deck.slides[0].shapes.title.text_frame.text
    assert errors.messages == []
