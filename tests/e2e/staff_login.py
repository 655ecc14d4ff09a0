"""Logging staff in through the real forms, and watching for CSP violations.

``log_in`` types the username and password, and for the roles with a second factor
(reliability.md S5) the TOTP code of the demo's published key, computed as an
authenticator app would. A code is good once per user, so codes are handed out per
(site, user) in increasing steps, waiting for the clock when a step is used up.

``watch_csp`` makes every document of a browser context report a
``securitypolicyviolation`` as a console error starting with ``CSP violation``; the
journeys' ``Errors`` collect console errors, so a violation fails them (S7).
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import BrowserContext, Page

from parathed.web.accounts import totp

CODE_PATH = "/konto/login/kode/"
CSP_PREFIX = "CSP violation"
# Runs before any page script, outside the page's CSP (Playwright injects it).
_CSP_WATCH = (
    "document.addEventListener('securitypolicyviolation', (event) => {"
    f" console.error('{CSP_PREFIX}: ' + event.violatedDirective"
    " + ' blocked ' + (event.blockedURI || '(inline)')"
    " + ' at ' + (event.sourceFile || document.location.href)"
    " + ':' + event.lineNumber); });"
)
_last_step: dict[tuple[str, str], int] = {}


def demo_totp_secret(demo_output: str) -> str:
    """Returns the TOTP key ``parathed demo`` prints for consultants and steering."""
    found = re.search(r"demo-nøgle: ([A-Z2-7]+)", demo_output)
    assert found is not None, demo_output
    return found.group(1)


def next_code(*, base_url: str, username: str, secret: str) -> str:
    """Returns a code this user has not used on this site yet, waiting if needed."""
    key = (base_url, username)
    now = totp.step_at(time.time())
    step = max(now, _last_step.get(key, 0) + 1)
    # The server accepts one step either side of its clock; wait beyond that.
    while step > totp.step_at(time.time()) + 1:
        time.sleep(0.5)
    _last_step[key] = step
    return totp.code_at_step(secret, step)


def log_in(
    page: Page, *, base_url: str, username: str, password: str, totp_secret: str
) -> None:
    """Logs in through the login form, and the code step when the role has one."""
    page.goto(base_url + "/konto/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.press("#id_password", "Enter")
    if page.url == base_url + CODE_PATH:
        code = next_code(base_url=base_url, username=username, secret=totp_secret)
        page.fill("#id_code", code)
        with page.expect_navigation():
            page.press("#id_code", "Enter")
    assert "/konto/login/" not in page.url, page.url


def watch_csp(context: BrowserContext) -> None:
    """Reports every CSP violation in the context's pages as a console error."""
    context.add_init_script(_CSP_WATCH)


def csp_violations(messages: list[str]) -> list[str]:
    """The console errors that are CSP violations, ours or Chromium's own."""
    return [
        m
        for m in messages
        if m.startswith(CSP_PREFIX) or "Content Security Policy" in m
    ]
