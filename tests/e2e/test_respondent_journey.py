"""Respondent journeys in Chromium: keyboard only, resume, double submit, reflow, axe.

Runs against the demo served by gunicorn (the ``site`` fixture of the consultant
journey). Every respondent page is checked with axe-core, read from node_modules and
injected into the page, for WCAG 2.0/2.1 A and AA; every request must go to the site
itself. Set ``PARATHED_SCREENSHOTS=DIR`` to keep a PNG of every page at both widths.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Role
from tests.e2e.staff_login import csp_violations, watch_csp
from tests.e2e.test_consultant_journey import Errors, Site, browser, site

__all__ = ["browser", "site"]  # fixtures used by this module

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
RESUME_COOKIE = "parathed_survey_resume"
CPR_LIKE = "0102031234"  # a valid date followed by four digits, made up
TIMEOUT_MS = 30_000  # generous: the reference machine is shared while tests run


@dataclass
class Visit:
    """A browser page with its console errors and every URL it requested."""

    page: Page
    errors: Errors
    requests: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def check(self, site: Site, name: str) -> None:
        """Runs axe, the reflow and the own-host checks on the page as it is now."""
        check_axe(self.page, name)
        check_reflow(self.page, name)
        foreign = [u for u in self.requests if not u.startswith(site.base_url + "/")]
        assert foreign == [], f"{name}: requests to other hosts {foreign}"
        shots = os.environ.get("PARATHED_SCREENSHOTS")
        if shots:
            width = self.page.viewport_size["width"] if self.page.viewport_size else 0
            Path(shots).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=f"{shots}/{name}-{width}.png", full_page=True)
            self.page.screenshot(path=f"{shots}/{name}-{width}-top.png")
        self.checked.append(name)


def check_axe(page: Page, name: str) -> None:
    """Asserts axe-core finds no WCAG 2.0/2.1 A or AA violation on the page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated, not added as an inline <script>: the page's CSP blocks those.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    assert len(result["passes"]) >= 5, f"{name}: axe checked almost nothing"
    violations = [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
    assert violations == [], f"{name}: {json.dumps(violations, indent=1)}"


def check_reflow(page: Page, name: str) -> None:
    """Asserts nothing sticks out sideways: no horizontal scroll, no clipped element."""
    overflow = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.right > width + 1 && !e.closest('.sr-only');
            }).map(e => e.tagName + '.' + e.className);
            return {scroll: document.documentElement.scrollWidth - width, wide};
        }"""
    )
    assert overflow == {"scroll": 0, "wide": []}, f"{name}: {overflow}"


@pytest.fixture(params=[DESKTOP, NARROW], ids=["desktop", "320px"])
def visit(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A page in a fresh context at desktop width or 320 CSS px."""
    context = browser.new_context(viewport=request.param)
    context.set_default_timeout(TIMEOUT_MS)
    watch_csp(context)  # a violation is a console error: the journeys fail on it
    page = context.new_page()
    errors = Errors()
    result = Visit(page=page, errors=errors)
    page.on("console", errors.console)
    page.on("pageerror", errors.exception)
    page.on("request", lambda r: result.requests.append(r.url))
    yield result
    context.close()
    assert csp_violations(errors.messages) == []  # every respondent page (S7)


def _db(site: Site) -> sqlite3.Connection:
    return sqlite3.connect(site.database, timeout=10)


def _token(site: Site, role: str) -> str:
    """Returns a link's token for ``role`` ("" for a link without a role).

    The demo round issues links per role; a link with a role question (the other
    link mode) is added beside them for the first municipality when asked for.
    """
    with _db(site) as db:
        row = db.execute(
            "select token from survey_surveylink where role = ? and is_open"
            " order by id limit 1",
            (role,),
        ).fetchone()
        if row is None and role == "":
            row = (secrets.token_urlsafe(32),)
            db.execute(
                "insert into survey_surveylink"
                " (round_id, municipality_id, role, token, is_open, created_at)"
                " select round_id, municipality_id, '', ?, 1, created_at"
                " from survey_surveylink where is_open order by id limit 1",
                row,
            )
    return str(row[0])


def _submitted(site: Site) -> int:
    with _db(site) as db:
        (count,) = db.execute(
            "select count(*) from survey_response where status = 'submitted'"
        ).fetchone()
    return int(count)


def _answers_of(site: Site, response_id: int) -> dict[str, int | None]:
    with _db(site) as db:
        rows = db.execute(
            "select item_id, value from survey_answer where response_id = ?",
            (response_id,),
        ).fetchall()
    return dict(rows)


def _latest_response(site: Site) -> tuple[int, str, str]:
    with _db(site) as db:
        row = db.execute(
            "select id, status, role from survey_response order by id desc limit 1"
        ).fetchone()
    return int(row[0]), str(row[1]), str(row[2])


def _open_link(visit: Visit, site: Site, token: str) -> None:
    visit.page.goto(f"{site.base_url}/s/{token}/")
    assert token not in visit.page.url


def _press_until(page: Page, predicate: str, limit: int = 40) -> dict[str, str]:
    """Presses Tab until the focused element matches ``predicate`` (a JS function)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused: dict[str, str] | None = page.evaluate(
            f"""() => {{
                const e = document.activeElement;
                const info = {{tag: e.tagName, type: e.type || '', name: e.name || '',
                              value: e.value || '', checked: String(!!e.checked)}};
                return ({predicate})(e) ? info : null;
            }}"""
        )
        if focused is not None:
            return focused
    raise AssertionError(f"no element matched {predicate} after {limit} tabs")


def _answer_page_by_keyboard(page: Page) -> str:
    """Answers every group on the page with Tab and arrow keys, then presses Enter on
    the primary button; returns that button's value ("next" or "submit")."""
    while True:
        focused = _press_until(
            page,
            "e => (e.type === 'radio' && !document.querySelector("
            "`input[name=\"${e.name}\"]:checked`)) || e.tagName === 'TEXTAREA'"
            " || (e.tagName === 'BUTTON' && e.value !== 'back')",
        )
        if focused["tag"] == "BUTTON":
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return focused["value"]
        if focused["tag"] == "TEXTAREA":
            page.keyboard.type("Mere tid til samtaler med børnene.")
        else:
            page.keyboard.press("ArrowDown")  # the second option, "Uenig" (2)


def test_respondent_completes_with_the_keyboard_alone(site: Site, visit: Visit) -> None:
    """A link without a role: choose the role, answer every page and submit, keys only.

    Every statement ends up answered with 2 ("Uenig"), the open answers are stored, the
    completion page shows, and each page passes axe, reflow and own-host checks.
    """
    page = visit.page
    before = _submitted(site)
    _open_link(visit, site, _token(site, ""))
    assert page.url == site.base_url + "/besvar/"
    assert page.locator("html").get_attribute("lang") == "da"
    visit.check(site, "start-role")

    focused = _press_until(page, "e => e.type === 'radio'")
    assert focused["name"] == "role"
    page.keyboard.press("ArrowDown")  # chef -> leder
    _press_until(page, "e => e.tagName === 'BUTTON'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(site.base_url + "/besvar/side/1/")

    pages = 0
    while True:
        pages += 1
        heading = page.locator("h1").inner_text().strip()
        assert heading
        progress = page.locator(".survey-progress-text").inner_text()
        assert re.fullmatch(rf"Side {pages} af \d+", progress.strip()), progress
        visit.check(site, f"page-{pages}")
        if _answer_page_by_keyboard(page) == "submit":
            break
    page.wait_for_url(site.base_url + "/besvar/tak/")
    visit.check(site, "done")

    assert _submitted(site) == before + 1
    response_id, status, role = _latest_response(site)
    assert (status, role) == ("submitted", Role.LEDER.value)
    items = load_instrument().items_for_role(Role.LEDER)
    assert _answers_of(site, response_id) == {item.id: 2 for item in items}
    with _db(site) as db:
        (texts,) = db.execute(
            "select count(*) from survey_openanswer where response_id = ?",
            (response_id,),
        ).fetchone()
    assert texts == 4
    assert RESUME_COOKIE not in {c["name"] for c in page.context.cookies()}
    fonts = [u for u in visit.requests if u.endswith(".woff2")]
    assert fonts
    assert all(u.startswith(site.base_url + "/static/vendor/") for u in fonts)
    assert visit.errors.messages == []


def _click_page(page: Page, value: int, action: str = "next") -> None:
    for group in page.locator("main fieldset").all():
        group.locator(f"input[type=radio][value='{value}']").check()
    with page.expect_navigation():
        page.click(f"main button[value={action}]")


def test_resume_after_closing_the_browser_keeps_every_answer(
    site: Site, browser: Browser, visit: Visit
) -> None:
    """Two pages answered, the third half; the browser closes (session gone).

    Opening the same link again in that browser lands on page 3, and pages 1 and 2
    show every saved answer checked.
    """
    page = visit.page
    _open_link(visit, site, _token(site, Role.MEDARBEJDER.value))
    visit.check(site, "start-fixed-role")
    page.click("main button[type=submit]")
    page.wait_for_url(site.base_url + "/besvar/side/1/")
    _click_page(page, 5)
    page.wait_for_url(site.base_url + "/besvar/side/2/")
    _click_page(page, 3)
    page.wait_for_url(site.base_url + "/besvar/side/3/")
    page.locator("main fieldset").first.locator("input[value='1']").check()

    cookies = page.context.cookies()
    resume = [c for c in cookies if c["name"] == RESUME_COOKIE]
    assert len(resume) == 1
    assert (resume[0]["httpOnly"], resume[0]["path"]) == (True, "/besvar/")
    assert resume[0]["expires"] > 0  # outlives the browser session
    page.close()
    # A browser restart keeps lasting cookies and drops session cookies.
    lasting = [c for c in cookies if c["expires"] > 0]
    assert "sessionid" not in {c["name"] for c in lasting}
    context = browser.new_context(viewport=page.viewport_size)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies(lasting)  # type: ignore[arg-type]
    reopened = context.new_page()
    reopened.on("request", lambda r: visit.requests.append(r.url))
    try:
        reopened.goto(f"{site.base_url}/s/{_token(site, Role.MEDARBEJDER.value)}/")
        reopened.wait_for_url(site.base_url + "/besvar/side/3/")
        visit.page = reopened
        visit.check(site, "resumed")
        for number, value in ((1, "5"), (2, "3")):
            reopened.goto(f"{site.base_url}/besvar/side/{number}/")
            groups = reopened.locator("main fieldset")
            assert groups.count() > 0
            for group in groups.all():
                assert group.locator("input:checked").get_attribute("value") == value
    finally:
        context.close()


def test_double_submit_gives_one_response_and_the_completion_page(
    site: Site, visit: Visit
) -> None:
    """A double click on the last page's submit, then a replayed POST: one response."""
    page = visit.page
    _open_link(visit, site, _token(site, Role.CHEF.value))
    page.click("main button[type=submit]")
    page.wait_for_url(site.base_url + "/besvar/side/1/")
    while page.locator("main button[value=next]").count():
        _click_page(page, 4)
    before = _submitted(site)
    with page.expect_request(lambda r: r.method == "POST") as posted:
        page.dblclick("main button[value=submit]")
    page.wait_for_url(site.base_url + "/besvar/tak/")
    assert _submitted(site) == before + 1
    submit = posted.value
    replay = page.request.post(
        submit.url,
        data=submit.post_data,
        headers={"Content-Type": submit.headers["content-type"], "Referer": submit.url},
    )
    assert replay.ok
    assert replay.url == site.base_url + "/besvar/tak/"
    page.go_back()
    page.wait_for_load_state()
    page.goto(site.base_url + "/besvar/tak/")
    assert page.locator("h1").inner_text().strip() == "Tak for dine svar"
    assert _submitted(site) == before + 1


def test_error_states_are_told_and_accessible(site: Site, visit: Visit) -> None:
    """Missing role, a page with unanswered statements and a CPR number in a comment.

    Each shows the error summary at the top tied to its fields and passes axe; the CPR
    text is neither shown again nor stored, and the other answers on the page are kept.
    """
    page = visit.page
    _open_link(visit, site, _token(site, ""))
    page.click("main button[type=submit]")
    assert page.locator("#error-summary a[href='#id_role_0']").count() == 1
    visit.check(site, "start-error")
    page.locator("#id_role_2").check()  # medarbejder
    page.click("main button[type=submit]")
    page.wait_for_url(site.base_url + "/besvar/side/1/")

    page.locator("main fieldset").first.locator("input[value='4']").check()
    page.fill("main textarea", f"Ring til mor, cpr {CPR_LIKE}, i morgen")
    page.click("main button[value=next]")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    links = summary.locator("a")
    assert links.count() == page.locator("main fieldset").count()  # 1 refused text
    cpr_error = page.locator(".form-error-message", has_text="CPR")
    assert "linje 1, tegn 19" in cpr_error.inner_text()
    assert CPR_LIKE not in page.content()
    assert page.locator("main textarea").input_value() == ""
    assert page.locator("main fieldset").first.locator("input:checked").count() == 1
    visit.check(site, "page-error")
    response_id, status, _ = _latest_response(site)
    first = load_instrument().items_for_role(Role.MEDARBEJDER)[0].id
    assert (status, _answers_of(site, response_id)) == ("draft", {first: 4})
    with _db(site) as db:
        stored = db.execute("select text from survey_openanswer").fetchall()
    assert not any(CPR_LIKE in text for (text,) in stored)


def test_unknown_and_closed_links_are_accessible(site: Site, visit: Visit) -> None:
    """The unknown-link page (404) and the closed-link page (410) pass every check."""
    page = visit.page
    unknown = page.goto(f"{site.base_url}/s/{'x' * 43}/")
    assert unknown is not None
    assert unknown.status == 404
    visit.check(site, "unknown-link")
    with _db(site) as db:
        (token,) = db.execute(
            "select token from survey_surveylink order by id desc limit 1"
        ).fetchone()
        db.execute("update survey_surveylink set is_open = 0 where token = ?", (token,))
    closed = page.goto(f"{site.base_url}/s/{token}/")
    assert closed is not None
    assert closed.status == 410
    visit.check(site, "closed-link")
    assert urlsplit(page.url).path == f"/s/{token}/"
