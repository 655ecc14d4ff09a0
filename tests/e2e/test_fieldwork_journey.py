"""Browser journey: a consultant screens a case end to end in Chromium.

The demo site of ``test_consultant_journey`` (its fixtures are reused here) serves
the pages. The consultant starts a case, enters facts, sees a late investigation
(BFU) computed from the dates, saves half-way, leaves, resumes, has an evidence note
with a CPR number refused in Danish while the other answers stay, and completes.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import Page

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

LABEL = "Sag 6"
CPR_NOTE = "Barnet (cpr 010203-1234) bor hos mor"
LATE_BFU = "Efter 143 dage — fristen er 4 måneder, § 20, stk. 3 (ikke overholdt)"


def _query(database: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        rows = db.execute(sql, args).fetchall()
    db.close()
    return rows


def _save(browser_page: Page, button: str) -> None:
    with browser_page.expect_navigation():
        browser_page.click(f"button[name=action][value={button}]")


def test_consultant_screens_a_case_end_to_end(
    site: Site,  # noqa: F811 (fixture)
    page: tuple[Page, Errors],  # noqa: F811 (fixture)
) -> None:
    browser_page, errors = page
    log_in_to_site(browser_page, site)

    # From the municipality page into its case screening.
    browser_page.goto(f"{site.base_url}/partnerskaber/{SLUG}/")
    browser_page.locator(f'a[href^="/partnerskaber/{SLUG}/kommuner/"]').first.click()
    browser_page.wait_for_url(re.compile(r"/kommuner/\d{3}/$"))
    assert "5 sager screenet" in browser_page.locator("#fieldwork").inner_text()
    browser_page.click("#fieldwork a[href$='/sager/']")
    browser_page.wait_for_url(re.compile(r"/sager/$"))
    case_list = browser_page.url

    # A new case, known only by its label.
    browser_page.fill("#id_label", LABEL)
    with browser_page.expect_navigation():
        browser_page.click("text=Start screeningen")
    assert re.search(r"/sager/\d+/$", browser_page.url)
    edit_url = browser_page.url

    # Facts first: the checks of a notification case appear after saving.
    browser_page.check("input[name=age_band][value='6-11']")
    browser_page.check("input[name=kinds][value=notification]")
    browser_page.fill("#id_date__awareness_date", "2026-01-05")
    browser_page.fill("#id_date__bfu_finished_date", "2026-05-28")
    _save(browser_page, "save")
    computed = browser_page.locator("[data-computed='CS-ES04']")
    assert computed.inner_text().startswith(LATE_BFU)
    assert (
        "Barnets lov § 20, stk. 3"
        in browser_page.locator("#check-CS-ES04").inner_text()
    )

    # Half-way: two checks answered, saved as a draft; then away and back.
    browser_page.check("input[name='status__CS-ES02'][value=met]")
    browser_page.check("input[name='status__CS-ES03'][value=not_met]")
    browser_page.fill("#id_note__CS-ES03", "Ingen BFU trods bekymring, se journal")
    _save(browser_page, "save")
    browser_page.goto(case_list)
    row = browser_page.locator("tr", has_text=LABEL)
    assert "i gang" in row.inner_text()
    with browser_page.expect_navigation():
        row.locator("a", has_text="fortsæt").click()
    assert browser_page.url == edit_url
    assert browser_page.is_checked("input[name='status__CS-ES02'][value=met]")
    assert browser_page.is_checked("input[name='status__CS-ES03'][value=not_met]")

    # A CPR number in a note: refused in Danish, the other answers stay.
    browser_page.check("input[name='status__CS-ES06'][value=met]")
    browser_page.fill("#id_note__CS-ES06", CPR_NOTE)
    _save(browser_page, "save")
    summary = browser_page.locator("#error-summary").inner_text()
    assert "Dokumentationsnoten til CS-ES06" in summary
    assert "CPR-nummer" in summary
    assert "linje 1, kolonne 13, efter »Barnet (cpr«" in summary
    assert "1234" not in browser_page.content()
    assert browser_page.input_value("#id_note__CS-ES06") == ""
    assert browser_page.is_checked("input[name='status__CS-ES06'][value=met]")
    assert browser_page.is_checked("input[name='status__CS-ES02'][value=met]")
    assert browser_page.input_value("#id_note__CS-ES03").startswith("Ingen BFU")

    # Completing too early names what is missing, and keeps the draft.
    _save(browser_page, "complete")
    assert browser_page.url == edit_url
    missing = browser_page.locator("#error-summary").inner_text()
    assert "CS-ES01 er ikke besvaret" in missing  # its dates are not entered
    assert "CS-ES04" not in missing  # decided by the dates

    # The rest: every check still undecided is marked not documented; then complete.
    for check in browser_page.locator(".fw-check").all():
        radios = check.locator("input[type=radio]")
        computed = check.locator(".fw-computed")
        cannot = computed.count() and "Kan ikke beregnes" in computed.inner_text()
        count = check.locator("input[type=number]")
        uncounted = count.count() and not count.input_value()
        chosen = any(radios.nth(i).is_checked() for i in range(radios.count()))
        if not chosen or cannot or uncounted:
            check.locator("input[type=radio][value=not_documented]").check()
    _save(browser_page, "complete")
    assert browser_page.url == case_list, browser_page.inner_text("main")[:2000]
    assert f"{LABEL} er færdigscreenet" in browser_page.inner_text(".fw-messages")
    assert "færdig" in browser_page.locator("tr", has_text=LABEL).inner_text()

    ((status, screening_id),) = _query(
        site.database,
        "select status, id from fieldwork_casescreening where label = ?",
        LABEL,
    )
    assert status == "complete"
    notes = _query(
        site.database,
        "select note from fieldwork_checkanswer where screening_id = ?",
        screening_id,
    )
    assert all("1234" not in str(note) for (note,) in notes)
    actions = {
        action
        for (action,) in _query(
            site.database,
            "select action from fieldwork_accesslogentry where object_id = ? "
            "and kind = 'case'",
            screening_id,
        )
    }
    assert {"create", "read", "update", "complete"} <= actions
    assert "1234" not in site.log.read_text()
    # Chromium reports the two deliberate 400 answers (refusal, incomplete) only.
    unexpected = [m for m in errors.messages if "status of 400" not in m]
    assert unexpected == []
    assert len(errors.messages) == 2
