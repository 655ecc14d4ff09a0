"""Browser journey against a real server: a consultant downloads a deck.

The demo is loaded with ``parathed demo`` into a fresh SQLite database, gunicorn serves
it on a free loopback port, and Debian's Chromium (no browser download) runs the pages.
"""

from __future__ import annotations

import io
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from pptx import Presentation

from parathed.instrument.loader import load_instrument
from tests.e2e.staff_login import (
    csp_violations,
    demo_totp_secret,
    log_in,
    watch_csp,
)

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BIN = Path(sys.executable).parent
SLUG = "demo-boernene-foerst"
DEMO_USER = "konsulent"
SERVER_START_S = 20.0
# Settings that would turn the server into production mode (secure cookies on http).
UNSET = (
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "PARATHED_SSL_REDIRECT",
)


@dataclass
class Site:
    """A running demo site: its address, database, demo password and links."""

    base_url: str
    database: Path
    password: str
    staff_links: list[str]
    log: Path
    totp_secret: str = ""  # the demo's published TOTP key (consultants, steering)
    env: dict[str, str] = field(default_factory=dict)  # to run parathed on its database


@dataclass
class Errors:
    """Console errors and uncaught exceptions a page reported."""

    messages: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        """Keeps a console message of type error, with where it came from."""
        url = message.location.get("url", "")
        if message.type == "error":
            self.messages.append(f"{message.text} ({url})")

    def exception(self, error: Exception) -> None:
        """Keeps an uncaught page exception."""
        self.messages.append(f"uncaught: {error}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"gunicorn did not listen on {port} in {SERVER_START_S} s")


def _parathed(*args: str, env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [str(BIN / "parathed"), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The demo (3 municipalities) served by gunicorn; stopped after the module."""
    var = tmp_path_factory.mktemp("site")
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env |= {
        "PARATHED_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "parathed.web.settings",
    }
    demo = _parathed(
        "demo",
        "--no-serve",
        "--municipalities",
        "3",
        "--out",
        str(var / "out"),
        env=env,
        cwd=var,
    )
    password = re.search(r"adgangskode for alle: (\S+)\)", demo)
    assert password is not None, demo
    assert re.search(rf"^\s+{DEMO_USER}\s", demo, flags=re.MULTILINE), demo
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    links = _parathed(
        "links", "--partnership", SLUG, "--base-url", base_url, env=env, cwd=var
    )
    staff_links = re.findall(r"\smedarbejder\s+(http://\S+/)$", links, re.MULTILINE)
    assert len(staff_links) == 3, links
    log = var / "gunicorn.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "parathed.web.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
            ],
            env=env,
            cwd=var,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, server, log)
        yield Site(
            base_url=base_url,
            database=var / "parathed.sqlite3",
            password=password.group(1),
            staff_links=staff_links,
            log=log,
            totp_secret=demo_totp_secret(demo),
            env=env,
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            pytest.fail("gunicorn did not stop on SIGTERM; it was killed")
        assert server.returncode == 0, log.read_text()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, shared by the journeys of this module."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, Errors]]:
    """A page in a fresh context (own cookies) that records console errors; the
    journey fails on any CSP violation (reliability.md S7)."""
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(10_000)
    watch_csp(context)
    page = context.new_page()
    errors = Errors()
    page.on("console", errors.console)
    page.on("pageerror", errors.exception)
    yield page, errors
    context.close()
    assert csp_violations(errors.messages) == []


def log_in_to_site(browser_page: Page, site: Site, username: str = DEMO_USER) -> None:
    """Logs ``username`` in (with the demo TOTP key where the role needs a code) and
    waits for the partnership list."""
    log_in(
        browser_page,
        base_url=site.base_url,
        username=username,
        password=site.password,
        totp_secret=site.totp_secret,
    )
    browser_page.wait_for_url(site.base_url + "/partnerskaber/")


def _submitted(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        (count,) = db.execute(
            "select count(*) from survey_response where status = 'submitted'"
        ).fetchone()
    db.close()
    return int(count)


def test_consultant_downloads_a_municipality_deck(
    site: Site, page: tuple[Page, Errors], tmp_path: Path
) -> None:
    """Log in, open the partnership and a municipality, download its deck.

    The file is a .pptx that python-pptx opens, titled with the municipality, holding
    a scores chart with one bar per theme. No page logs a console error.
    """
    browser_page, errors = page
    log_in_to_site(browser_page, site)

    browser_page.click(f'a[href="/partnerskaber/{SLUG}/"]')
    browser_page.wait_for_url(f"{site.base_url}/partnerskaber/{SLUG}/")
    municipalities = browser_page.locator(f'a[href^="/partnerskaber/{SLUG}/kommuner/"]')
    assert municipalities.count() == 3
    municipalities.first.click()
    browser_page.wait_for_url(re.compile(r"/kommuner/\d{3}/$"))
    name = browser_page.locator("h1").inner_text().strip()
    assert name

    with browser_page.expect_download() as download_info:
        browser_page.click('a[href$="/rapport.pptx"]')
    download = download_info.value
    assert re.fullmatch(r"parathed-\d{3}-[a-z0-9-]+\.pptx", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    deck = Presentation(io.BytesIO(saved.read_bytes()))
    assert name in deck.slides[0].shapes.title.text_frame.text
    charts = [
        s.chart
        for slide in deck.slides
        for s in slide.shapes
        if s.has_chart and s.name == "Diagram: Parathed pr. tema (spørgeskema)"
    ]
    assert len(charts) == 1
    themes = tuple(theme.title for theme in load_instrument().themes)
    assert tuple(charts[0].plots[0].categories) == themes
    assert errors.messages == []
