"""Browser journey: a municipal contact validates key figures and uploads the template.

Runs against the demo served by gunicorn (the fixtures of the consultant journey),
in Debian's Chromium. The demo's key figures are synthetic and labelled so.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page

from tests.e2e import test_consultant_journey as journey
from tests.e2e.test_consultant_journey import Errors, Site

# The consultant journey's fixtures: the demo served by gunicorn, and Chromium.
site = journey.site
browser = journey.browser
page = journey.page

pytestmark = pytest.mark.e2e

SLUG = "demo-boernene-foerst"
CONTACT = "kontakt-157"  # Gentofte: no value validated in the demo


def _figure(database: Path, name: str) -> tuple[str, float | None, float | None, str]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        row = db.execute(
            "select f.status, f.source_value, f.corrected_value, f.comment "
            "from keyfigures_figurevalue f join partnerships_municipality m "
            "on m.id = f.municipality_id where m.code = '157' and f.name = ?",
            (name,),
        ).fetchone()
    db.close()
    return row[0], row[1], row[2], row[3]


def _log_in(browser_page: Page, site: Site) -> None:
    # Helpers share two cores with other work: allow slow answers, not wrong ones.
    browser_page.set_default_timeout(45_000)
    journey.log_in_to_site(browser_page, site, CONTACT)


def test_contact_confirms_one_value_and_corrects_another(
    site: Site, page: tuple[Page, Errors]
) -> None:
    """From the municipality page to the key figures: confirm the population, correct
    the number of children with notifications with a comment. The page then shows
    both states and the original value beside the correction; so does the database.
    """
    browser_page, errors = page
    _log_in(browser_page, site)
    browser_page.click(f'a[href="/partnerskaber/{SLUG}/"]')
    browser_page.wait_for_url(re.compile(r"/kommuner/157/$"))
    browser_page.click('a[href$="/kommuner/157/noegletal/"]')
    browser_page.wait_for_url(re.compile(r"/kommuner/157/noegletal/$"))
    assert "Syntetiske demodata" in browser_page.inner_text("body")

    population = browser_page.locator('tr[data-name="population_0_17"]')
    population.get_by_role("button", name=re.compile("^Bekræft")).click()
    browser_page.wait_for_url(re.compile(r"noegletal/\?aar=2025#figure-\d+$"))
    assert "Bekræftet" in population.inner_text()
    assert _figure(site.database, "population_0_17")[0] == "confirmed"

    status, original, _, _ = _figure(site.database, "children_with_notifications")
    assert (status, original is not None) == ("unvalidated", True)
    notified = browser_page.locator('tr[data-name="children_with_notifications"]')
    notified.locator("summary").click()
    notified.get_by_label("Jeres værdi").fill("512")
    notified.get_by_label("Hvorfor er værdien anderledes?").fill(
        "Vores opgørelse fra sagssystemet pr. 31. december."
    )
    notified.get_by_role("button", name="Gem rettelse").click()
    browser_page.wait_for_url(re.compile(r"#figure-\d+$"))
    text = notified.inner_text()
    assert "Rettet" in text
    assert "512" in text
    assert f"oprindelig: {original:.0f}" in text.replace(".", "")
    assert _figure(site.database, "children_with_notifications") == (
        "corrected",
        original,
        512.0,
        "Vores opgørelse fra sagssystemet pr. 31. december.",
    )
    assert "Bekræftet" in population.inner_text()
    assert errors.messages == []


def test_contact_uploads_the_filled_template_and_a_wrong_one(
    site: Site, page: tuple[Page, Errors], tmp_path: Path
) -> None:
    """Download the template, fill one own figure, upload: the value is shown with
    the municipality as its source. A text in a number cell is refused in Danish
    with sheet and cell, and nothing changes.
    """
    browser_page, errors = page
    _log_in(browser_page, site)
    browser_page.goto(f"{site.base_url}/partnerskaber/{SLUG}/kommuner/157/noegletal/")
    with browser_page.expect_download() as download_info:
        browser_page.click('a[href*="/skabelon.xlsx"]')
    download = download_info.value
    assert download.suggested_filename == "noegletal-157-2025.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    workbook = load_workbook(saved)
    sheet = workbook["Nøgletal"]
    assert sheet["B2"].value == "157"
    row = next(
        r
        for r in range(6, sheet.max_row + 1)
        if sheet[f"A{r}"].value == "municipal:caseworker_fte"
    )
    good, bad = tmp_path / "udfyldt.xlsx", tmp_path / "forkert.xlsx"
    sheet[f"E{row}"] = 23.5
    workbook.save(good)
    sheet[f"E{row}"] = "ca. 24"
    workbook.save(bad)

    browser_page.set_input_files("#id_file", str(bad))
    browser_page.click("form[enctype] button[type=submit]")
    summary = browser_page.locator("#error-summary").inner_text()
    assert "Filen blev ikke indlæst – intet er gemt" in summary
    assert f"Ark »Nøgletal«, celle E{row}: cellen indeholder tekst" in summary

    browser_page.set_input_files("#id_file", str(good))
    browser_page.click("form[enctype] button[type=submit]")
    browser_page.wait_for_url(re.compile(r"noegletal/\?aar=2025$"))
    assert "Filen er indlæst" in browser_page.inner_text("body")
    fte = browser_page.locator('tr[data-name="municipal:caseworker_fte"]')
    assert "23,5" in fte.inner_text()
    assert "Kilde: Gentofte Kommunes egne data (uploadet " in fte.inner_text()
    assert errors.messages == []
