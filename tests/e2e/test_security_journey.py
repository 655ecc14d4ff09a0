"""Login security in the browser (reliability.md S4-S7), on the demo site of the
consultant journey: first-login enrolment of an authenticator, the Danish lockout,
an administrator ending a user's sessions, and the CSP on staff and respondent
pages with 0 violations (and proof that the violation watch does catch one).

Screenshots go to ``$PARATHED_E2E_SHOTS`` when it is set.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from parathed.web.accounts import totp
from tests.e2e.staff_login import csp_violations, log_in, next_code, watch_csp
from tests.e2e.test_consultant_journey import (  # noqa: F401 (fixtures)
    SLUG,
    Errors,
    Site,
    _parathed,
    browser,
    page,
    site,
)

pytestmark = pytest.mark.e2e
SECOND_CONSULTANT = "konsulent-2"


def _shot(tab: Page, name: str) -> None:
    folder = os.environ.get("PARATHED_E2E_SHOTS")
    if folder:
        tab.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _wrong_code(secret: str) -> str:
    """A six-digit code that no step near now gives."""
    now = totp.step_at(time.time())
    good = {totp.code_at_step(secret, now + d) for d in range(-2, 3)}
    return next(f"{n:06d}" for n in range(10) if f"{n:06d}" not in good)


def _policy(header: str) -> dict[str, str]:
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in header.split(";")
        if part.strip()
    }


def test_the_violation_watch_catches_inline_style_and_script(
    site: Site,  # noqa: F811 (fixture)
    browser: Browser,  # noqa: F811 (fixture)
) -> None:
    """The negative control: an inline style attribute and an inline script put into
    a served page are blocked by the CSP and reported by the watch."""
    context = browser.new_context()
    watch_csp(context)
    tab = context.new_page()
    errors = Errors()
    tab.on("console", errors.console)
    tab.goto(site.base_url + "/konto/login/")
    tab.evaluate(
        """() => {
            document.body.setAttribute('style', 'background: red');
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.head.appendChild(script);
        }"""
    )
    tab.wait_for_timeout(300)  # the events are dispatched asynchronously
    found = csp_violations(errors.messages)
    assert any("style-src" in m for m in found), errors.messages
    assert any("script-src" in m for m in found), errors.messages
    assert tab.evaluate("() => window.injected === undefined")
    context.close()


def test_staff_and_respondent_responses_carry_the_policy(
    site: Site,  # noqa: F811 (fixture)
    page: tuple[Page, Errors],  # noqa: F811 (fixture)
) -> None:
    """The login page, a staff page, a respondent link and a static file all carry
    the CSP; the page fixture fails on any violation."""
    tab, errors = page
    seen = []
    tab.on("response", lambda r: seen.append(r))
    log_in(
        tab,
        base_url=site.base_url,
        username="konsulent",
        password=site.password,
        totp_secret=site.totp_secret,
    )
    tab.goto(f"{site.base_url}/partnerskaber/{SLUG}/")
    tab.goto(site.staff_links[0])
    tab.wait_for_url(re.compile(r"/besvar/"))
    assert any(r.url.endswith(".css") for r in seen)
    for response in seen:
        policy = _policy(response.headers.get("content-security-policy", ""))
        assert policy.get("object-src") == "'none'", response.url
        assert policy.get("base-uri") == "'none'", response.url
        assert policy.get("frame-ancestors") == "'none'", response.url
        assert "unsafe-inline" not in " ".join(policy.values()), response.url
    assert errors.messages == []


def test_first_login_enrols_an_authenticator_and_an_admin_ends_the_session(
    site: Site,  # noqa: F811 (fixture)
    page: tuple[Page, Errors],  # noqa: F811 (fixture)
) -> None:
    """After ``parathed user reset-mfa`` the second consultant's next login shows the
    set-up page (a local QR code and the key to type), one code confirms it, ten
    recovery codes are shown once; ``parathed user end-sessions`` then logs them
    out of the open browser."""
    tab, errors = page
    cwd = site.database.parent
    _parathed("user", "reset-mfa", SECOND_CONSULTANT, env=site.env, cwd=cwd)
    tab.goto(site.base_url + "/konto/login/")
    tab.fill("#id_username", SECOND_CONSULTANT)
    tab.fill("#id_password", site.password)
    with tab.expect_navigation():
        tab.press("#id_password", "Enter")
    assert tab.url == site.base_url + "/konto/login/totp-opsaetning/"
    assert tab.locator("h1").inner_text() == "Opsæt din autentificeringsapp"
    assert tab.locator(".mfa-qr svg.qr path").count() >= 1
    _shot(tab, "mfa-enrol")
    secret = tab.locator(".mfa-secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    assert secret != site.totp_secret

    tab.fill("#id_code", _wrong_code(secret))
    with tab.expect_navigation():
        tab.press("#id_code", "Enter")
    assert (
        "Koden er forkert eller udløbet" in tab.locator(".error-summary").inner_text()
    )
    code = next_code(base_url=site.base_url, username=SECOND_CONSULTANT, secret=secret)
    tab.fill("#id_code", code)
    with tab.expect_navigation():
        tab.press("#id_code", "Enter")
    assert tab.locator("h1").inner_text() == "Dine gendannelseskoder"
    codes = tab.locator(".mfa-codes code").all_inner_texts()
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-9]{5}-[a-z2-9]{5}", c) for c in codes)
    _shot(tab, "mfa-recovery-codes")
    tab.click("text=Jeg har gemt koderne")
    tab.wait_for_url(site.base_url + "/partnerskaber/")

    ended = _parathed("user", "end-sessions", SECOND_CONSULTANT, env=site.env, cwd=cwd)
    assert "1 sessioner afsluttet" in ended
    tab.goto(f"{site.base_url}/partnerskaber/{SLUG}/")
    assert tab.url.startswith(site.base_url + "/konto/login/")
    assert errors.messages == []


def test_five_wrong_passwords_pause_the_login_with_a_danish_message(
    site: Site,  # noqa: F811 (fixture)
    page: tuple[Page, Errors],  # noqa: F811 (fixture)
) -> None:
    """For a username that does not exist, so no demo login is locked by the test;
    the message is the same as for one that exists (tests/web/accounts)."""
    tab, errors = page
    tab.goto(site.base_url + "/konto/login/")
    for attempt in range(5):
        tab.fill("#id_username", "ingen-saadan-bruger")
        tab.fill("#id_password", f"forkert-adgangskode-{attempt}")
        with tab.expect_navigation():
            tab.press("#id_password", "Enter")
    summary = tab.locator(".error-summary").inner_text()
    assert "For mange mislykkede forsøg" in summary
    assert "15 minutter" in summary
    _shot(tab, "login-locked")
    assert errors.messages == []


def test_logins_and_a_refused_page_reach_the_security_log(
    site: Site,  # noqa: F811 (fixture)
    page: tuple[Page, Errors],  # noqa: F811 (fixture)
) -> None:
    """S9: a wrong password, a login and a contact's 403 on another municipality's
    page are in ``parathed log show`` and the server's log, without the password."""
    import sqlite3

    from parathed.privacy import find_cpr_numbers

    tab, errors = page
    with sqlite3.connect(site.database) as db:
        (own, own_code), (_, other_code) = db.execute(
            "SELECT u.username, m.code FROM auth_user u"
            " JOIN accounts_profile p ON p.user_id = u.id"
            " JOIN partnerships_municipality m ON m.id = p.municipality_id"
            " WHERE p.role = 'contact' ORDER BY m.code LIMIT 2"
        ).fetchall()
    typed = "forkert-S9-adgangskode"
    tab.goto(site.base_url + "/konto/login/")
    tab.fill("#id_username", own)
    tab.fill("#id_password", typed)
    with tab.expect_navigation():
        tab.press("#id_password", "Enter")
    log_in(
        tab,
        base_url=site.base_url,
        username=own,
        password=site.password,
        totp_secret=site.totp_secret,
    )
    refused = tab.goto(f"{site.base_url}/partnerskaber/{SLUG}/kommuner/{other_code}/")
    assert refused is not None
    assert refused.status == 403

    shown = _parathed(
        "log", "show", "--user", own, env=site.env, cwd=site.database.parent
    )
    assert re.search(rf"Z login_failed user={own}#\d+ ", shown)
    assert re.search(rf"Z login user={own}#\d+ .* adresse=127\.0\.0\.1", shown)
    forbidden = re.search(
        rf"Z forbidden user={own}#\d+ kommune=(\d+) objekt=municipality#(\d+)"
        r" route=partnerships:municipality-detail status=403",
        shown,
    )
    assert forbidden is not None
    assert forbidden.group(1) == forbidden.group(2)
    server_log = site.log.read_text()
    assert "event=forbidden" in server_log
    for text in (shown, server_log):
        assert typed not in text
        assert site.password not in text
    assert find_cpr_numbers(shown) == []
    assert own_code != other_code
    # Chromium reports the refused page itself as a console error; nothing else.
    assert [m for m in errors.messages if "status of 403" not in m] == []
