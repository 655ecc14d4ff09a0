"""Browser journey: a consultant renders a deck in the background and downloads it.

Uses the demo site of ``test_consultant_journey`` (gunicorn, Chromium). The status
page refreshes itself (no JavaScript needed) until the deck is done.
"""

from __future__ import annotations

import io
import os
import re
import signal
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pptx import Presentation

from tests.e2e.test_consultant_journey import (  # noqa: F401 (fixtures)
    DEMO_USER,
    SLUG,
    Errors,
    Site,
    browser,
    log_in_to_site,
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
    log_in_to_site(browser_page, site)
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


def _gunicorn_workers(port: int) -> list[int]:
    """The pids of the site's gunicorn workers (children of its master)."""
    bind = f"127.0.0.1:{port}".encode()
    serving: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if bind not in (entry / "cmdline").read_bytes():
                continue
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        serving[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return [pid for pid, parent in serving.items() if parent in serving]


def test_a_job_whose_worker_is_killed_is_shown_as_interrupted_and_starts_again(
    site: Site,  # noqa: F811 (the imported fixture)
    page: tuple[Page, Errors],  # noqa: F811
) -> None:
    browser_page, errors = page
    log_in_to_site(browser_page, site)
    browser_page.goto(f"{site.base_url}/partnerskaber/{SLUG}/rapporter/")
    browser_page.locator("main form button").first.click()
    browser_page.wait_for_url(re.compile(r"/rapporter/\d+/$"))
    status_url = browser_page.url
    # The deck and its PDF take seconds; kill -9 every worker while it renders.
    workers = _gunicorn_workers(int(site.base_url.rsplit(":", 1)[1]))
    assert workers
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    message = browser_page.get_by_text(
        "Jobbet blev afbrudt, fordi serveren genstartede"
    )
    # gunicorn starts new workers; the page's own refresh then shows the outcome.
    message.wait_for(timeout=60_000)
    assert browser_page.url == status_url
    assert browser_page.locator('a[href$="/pptx/"]').count() == 0
    _shot(browser_page, "report-status-interrupted")
    browser_page.get_by_role("button", name="Start igen").click()
    browser_page.wait_for_url(re.compile(r"/rapporter/\d+/$"))
    assert browser_page.url != status_url
    browser_page.locator('a[href$="/pptx/"]').wait_for(timeout=120_000)
    browser_page.goto(f"{site.base_url}/partnerskaber/{SLUG}/rapporter/")
    assert browser_page.get_by_text("afbrudt af en genstart af serveren").count() == 1
    assert errors.messages == []
