"""Browser journey of collection: a municipal contact enters expected numbers and sees
the response rate by role, with a reminder text holding the link and the rate.

The demo (2 municipalities) is loaded into a fresh SQLite database and served by
gunicorn; Debian's Chromium runs the pages.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.staff_login import csp_violations, demo_totp_secret, log_in, watch_csp
from tests.e2e.test_consultant_journey import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SLUG,
    UNSET,
    Errors,
    _free_port,
    _parathed,
    _wait_for_port,
)

pytestmark = pytest.mark.e2e


@dataclass
class Demo:
    """A served demo: address, database, password and the contact's municipality."""

    base_url: str
    database: Path
    password: str
    code: str
    links: dict[str, str]  # role -> link URL of that municipality
    totp_secret: str  # the demo's published TOTP key


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo of two municipalities under gunicorn; stopped after the module."""
    var = tmp_path_factory.mktemp("collection")
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env |= {
        "PARATHED_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "parathed.web.settings",
    }
    out = _parathed(
        "demo",
        "--no-serve",
        "--municipalities",
        "2",
        "--out",
        str(var / "out"),
        env=env,
        cwd=var,
    )
    password = re.search(r"adgangskode for alle: (\S+)\)", out)
    contact = re.search(r"^\s+kontakt-(\d{3})\s", out, flags=re.MULTILINE)
    assert password is not None, out
    assert contact is not None, out
    code = contact.group(1)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    listed = _parathed(
        "links", "--partnership", SLUG, "--base-url", base_url, env=env, cwd=var
    )
    links = dict(
        re.findall(
            rf"^{code} .*?\s(chef|leder|medarbejder)\s+(http://\S+/)$",
            listed,
            flags=re.MULTILINE,
        )
    )
    assert sorted(links) == ["chef", "leder", "medarbejder"], listed
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
        yield Demo(
            base_url,
            var / "parathed.sqlite3",
            password.group(1),
            code,
            links,
            demo_totp_secret(out),
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            pytest.fail("gunicorn did not stop on SIGTERM; it was killed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _submitted(database: Path, code: str) -> dict[str, int]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        rows = db.execute(
            "select r.role, count(*) from survey_response r"
            " join partnerships_municipality m on m.id = r.municipality_id"
            " where r.status = 'submitted' and m.code = ? group by r.role",
            (code,),
        ).fetchall()
    db.close()
    return {role: int(n) for role, n in rows}


def test_contact_enters_expected_numbers_and_sees_the_rate(
    demo: Demo, browser: Browser
) -> None:
    """The contact logs in, lands on their municipality, opens the response-rate page,
    enters twice the submitted medarbejdere as expected, and sees 50 % in the table
    and in the reminder text, which also holds the medarbejder link. The steering
    group sees no token on the partnership page. No console errors."""
    submitted = _submitted(demo.database, demo.code)
    context = browser.new_context()
    context.set_default_timeout(10_000)
    watch_csp(context)
    page: Page = context.new_page()
    errors = Errors()
    page.on("console", errors.console)
    page.on("pageerror", errors.exception)

    log_in(
        page,
        base_url=demo.base_url,
        username=f"kontakt-{demo.code}",
        password=demo.password,
        totp_secret=demo.totp_secret,
    )
    page.wait_for_url(demo.base_url + "/partnerskaber/")
    page.click(f'a[href="/partnerskaber/{SLUG}/"]')
    page.wait_for_url(re.compile(rf"/kommuner/{demo.code}/$"))
    page.click(f'a[href$="/kommuner/{demo.code}/svarprocent/"]')
    page.wait_for_url(re.compile(rf"/kommuner/{demo.code}/svarprocent/$"))

    staff = submitted["medarbejder"]
    page.fill("#id_chef", "")
    page.fill("#id_leder", str(submitted.get("leder", 0) * 4))
    page.fill("#id_medarbejder", str(staff * 2))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(rf"/kommuner/{demo.code}/svarprocent/$"))
    assert "De forventede antal er gemt." in page.locator(".messages").inner_text()

    row = page.locator('tr[data-role="medarbejder"] td')
    assert [row.nth(n).inner_text().strip() for n in range(3)] == [
        str(staff),
        str(staff * 2),
        "50 %",
    ]
    leder = page.locator('tr[data-role="leder"] td').nth(2).inner_text().strip()
    assert leder == ("25 %" if submitted.get("leder") else "–")
    chef = page.locator('tr[data-role="chef"] td')
    assert chef.nth(1).inner_text().strip() == "–"
    assert page.locator('tr[data-role="total"] td').nth(2).inner_text().strip() == "–"

    reminders = page.locator("textarea.copy-text")
    texts = [reminders.nth(n).input_value() for n in range(reminders.count())]
    staff_text = next(t for t in texts if demo.links["medarbejder"] in t)
    assert f"{staff} af {staff * 2} medarbejdere" in staff_text
    assert "(50 %)" in staff_text
    assert page.locator("#id_medarbejder").input_value() == str(staff * 2)
    assert errors.messages == []
    context.close()

    steering = browser.new_context()
    watch_csp(steering)
    steering_page = steering.new_page()
    steering_errors = Errors()
    steering_page.on("console", steering_errors.console)
    log_in(
        steering_page,
        base_url=demo.base_url,
        username="styregruppe",
        password=demo.password,
        totp_secret=demo.totp_secret,
    )
    steering_page.wait_for_url(demo.base_url + "/partnerskaber/")
    steering_page.goto(f"{demo.base_url}/partnerskaber/{SLUG}/")
    assert "/s/" not in steering_page.content()
    assert csp_violations(steering_errors.messages) == []
    steering.close()
