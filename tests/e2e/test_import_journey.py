"""Browser journey: a consultant imports a CSV, fixes a code, and sees the result.

Uses the demo site and Chromium fixtures of ``test_consultant_journey``. Screenshots of
the mapping page and the validation report are written to the test's tmp folder (and
to ``PARATHED_SCREENSHOTS`` when set) for a person to look at.
"""

from __future__ import annotations

import os
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
from tests.intake.builders import csv_bytes

pytestmark = pytest.mark.e2e

ROWS = [
    ("Id", "Navn", "Hvad er din rolle?", "Fuldførelsestidspunkt", "ES01", "ES03"),
    ("1", "Anne", "Medarbejder", "01-05-2026 14:33:10", "Helt enig", "4"),
    ("2", "Bo", "Leder", "02-05-2026 09:01:00", "9", "Enig"),
    ("3", "Carl", "Chef", "03-05-2026 10:00:00", "2", "Ved ikke"),
]


def _imported(database: Path) -> int:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        (count,) = db.execute("select count(*) from survey_importedrow").fetchone()
    db.close()
    return int(count)


def _shot(browser_page: Page, tmp_path: Path, name: str) -> None:
    targets = [tmp_path]
    if os.environ.get("PARATHED_SCREENSHOTS"):
        targets.append(Path(os.environ["PARATHED_SCREENSHOTS"]))
    for folder in targets:
        folder.mkdir(parents=True, exist_ok=True)
        browser_page.screenshot(path=str(folder / name), full_page=True)


# The test writes a file with a CPR number to upload it; the site's database and log
# are still scanned at the end of the session, and must hold none.
@pytest.mark.cpr_planted
def test_consultant_imports_a_forms_export(
    site: Site,  # noqa: F811 (the imported fixture)
    page: tuple[Page, Errors],  # noqa: F811 (the imported fixture)
    tmp_path: Path,
) -> None:
    """Upload, see suggestions, get a report for code 9, call 9 "ved ikke", import."""
    browser_page, errors = page
    log_in_to_site(browser_page, site)
    browser_page.goto(f"{site.base_url}/partnerskaber/{SLUG}/")
    browser_page.locator(f'a[href^="/partnerskaber/{SLUG}/kommuner/"]').first.click()
    browser_page.wait_for_url(re.compile(r"/kommuner/\d{3}/$"))
    browser_page.click("main a[href$='/import/']")
    browser_page.wait_for_url(re.compile(r"/import/$"))

    upload = tmp_path / "forms-eksport.csv"
    upload.write_bytes(csv_bytes(ROWS, bom=True))
    browser_page.set_input_files("#id_file", str(upload))
    browser_page.click("main form button[type=submit]")
    browser_page.wait_for_url(re.compile(r"/import/\d+/$"))
    assert "Navn" in browser_page.locator("main").inner_text()
    assert browser_page.locator("#id_col_1").input_value() == "ignore"
    assert browser_page.locator("#id_col_2").input_value() == "role"
    assert browser_page.locator("#id_col_3").input_value() == "date"
    assert browser_page.locator("#id_col_4").input_value() == "item:ES01"
    _shot(browser_page, tmp_path, "import-mapping.png")

    before = _imported(site.database)
    browser_page.click("main form button:has-text('Kontrollér og importér')")
    report = browser_page.locator("#error-summary")
    report.wait_for()
    assert "Værdien 9 ligger uden for svarskalaen 1–5." in report.inner_text()
    assert "E (ES01)" in report.inner_text()
    assert _imported(site.database) == before
    _shot(browser_page, tmp_path, "import-report.png")

    browser_page.fill("#id_dont_know_code", "9")
    browser_page.click("main form button:has-text('Kontrollér og importér')")
    browser_page.wait_for_url(re.compile(r"/resultat/$"))
    assert "3 besvarelser blev importeret" in browser_page.locator("main").inner_text()
    assert _imported(site.database) == before + 3
    _shot(browser_page, tmp_path, "import-done.png")

    browser_page.click("main .breadcrumb a[href$='/import/']")
    browser_page.wait_for_url(re.compile(r"/import/$"))
    with_cpr = tmp_path / "med-cpr.csv"
    with_cpr.write_bytes(
        csv_bytes([("Rolle", "ES01", "OPEN01"), ("Chef", "4", "Sag 010203-1234")])
    )
    browser_page.set_input_files("#id_file", str(with_cpr))
    browser_page.click("main form button[type=submit]")
    report = browser_page.locator("#error-summary")
    report.wait_for()
    assert "2\tC (OPEN01)\tCellen indeholder noget, der ligner et CPR-nummer." in (
        report.inner_text()
    )
    assert "010203" not in browser_page.content()
    assert _imported(site.database) == before + 3
    _shot(browser_page, tmp_path, "import-upload-report.png")
    # Refusals answer 400 on purpose; Chromium logs those, and nothing else.
    assert [m for m in errors.messages if "status of 400" not in m] == []
    assert len(errors.messages) == 2
