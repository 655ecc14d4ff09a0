"""The import pages through HTTP: upload, column choice, Danish report, result."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from parathed.web.survey.models import (
    Answer,
    ImportBatch,
    ImportedRow,
    OpenAnswer,
    Response,
)
from tests.intake.builders import (
    GOOD_HEADERS,
    GOOD_ROWS,
    MB,
    csv_bytes,
    good_rows,
    truncated,
    xlsx_bytes,
    zip_bomb,
)

UPLOAD = "/partnerskaber/p/kommuner/101/import/"


def counts() -> tuple[int, int, int, int]:
    return (
        Response.objects.count(),
        Answer.objects.count(),
        OpenAnswer.objects.count(),
        ImportedRow.objects.count(),
    )


def consultant(world: Any) -> Client:
    client = Client()
    client.force_login(world.consultant)
    return client


def post_file(client: Client, data: bytes, name: str) -> Any:
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def chosen(page: str) -> dict[str, str]:
    """Returns the selected option of every column select on the mapping page."""
    found: dict[str, str] = {}
    for name, body in re.findall(
        r'<select name="(col_\d+)"[^>]*>(.*?)</select>', page, re.S
    ):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        found[name] = selected.group(1) if selected else ""
    return found


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (csv_bytes(good_rows()), "svar.csv"),
        (csv_bytes(good_rows(), bom=True), "forms.csv"),
        (csv_bytes(good_rows(), encoding="cp1252", delimiter=","), "excel.csv"),
        (csv_bytes(good_rows(), encoding="latin-1", delimiter=";"), "excel.csv"),
        (xlsx_bytes(good_rows()), "svar.xlsx"),
    ],
    ids=["utf8-semicolon", "utf8-bom", "cp1252-comma", "latin1-semicolon", "xlsx"],
)
def test_good_file_goes_from_upload_through_mapping_to_result(
    world: Any, data: bytes, name: str
) -> None:
    """Upload, accept the suggestions, import: three responses and a Danish result."""
    client = consultant(world)
    uploaded = post_file(client, data, name)
    assert uploaded.status_code == 302
    batch = ImportBatch.objects.get()
    assert uploaded["Location"] == f"{UPLOAD}{batch.pk}/"
    page = client.get(uploaded["Location"])
    assert page.status_code == 200
    assert "Filen har 3 rækker med besvarelser" in text(page)
    assert "Udeladt og ikke gemt (navne og e-mailadresser): Navn." in text(page)
    selections = chosen(page.content.decode())
    assert selections == {
        "col_0": "ignore",
        "col_1": "ignore",
        "col_2": "role",
        "col_3": "date",
        "col_4": "item:ES01",
        "col_5": "item:ES02",
        "col_6": "item:ES03",
        "col_7": "open:OPEN01",
    }
    before = counts()
    done = client.post(uploaded["Location"], selections)
    assert done.status_code == 302
    result = client.get(done["Location"])
    assert "3 besvarelser blev importeret den" in text(result)
    assert [a - b for a, b in zip(counts(), before, strict=True)] == [3, 7, 2, 3]


def test_wrong_codes_give_a_report_and_store_nothing(world: Any) -> None:
    """Every problem is listed with row, column and a Danish reason; no rows stored."""
    rows = [
        ("Rolle", "Dato", "ES01", "ES03"),
        ("Medarbejder", "2026-05-01", "4", "Helt enig"),
        ("Direktør", "2026-05-01", "4", "2"),
        ("Chef", "2026-05-01", "9", "Meget enig"),
    ]
    client = consultant(world)
    url = post_file(client, csv_bytes(rows), "svar.csv")["Location"]
    before = counts()
    report = client.post(
        url,
        {"col_0": "role", "col_1": "date", "col_2": "item:ES01", "col_3": "item:ES03"},
    )
    assert report.status_code == 400
    page = text(report)
    assert "Intet er importeret" in page
    assert "Valideringsrapport: 3 problemer" in page
    assert (
        '<td class="num">3</td><td>A (Rolle)</td><td>Rollen »Direktør« kendes ikke. '
        "Brug Chef, Leder, Medarbejder.</td>"
    ) in page
    assert (
        '<td class="num">4</td><td>C (ES01)</td><td>Værdien 9 ligger uden for '
        "svarskalaen 1–5.</td>"
    ) in page
    assert "<td>D (ES03)</td><td>Svaret »Meget enig« kendes ikke." in page
    assert counts() == before
    # The consultant says 9 means "ved ikke"; the other two problems remain.
    again = client.post(
        url,
        {
            "col_0": "role",
            "col_1": "date",
            "col_2": "item:ES01",
            "col_3": "item:ES03",
            "dont_know_code": "9",
        },
    )
    assert "Valideringsrapport: 2 problemer" in text(again)
    assert counts() == before


def test_cpr_number_in_a_text_column_is_reported_without_the_number(
    world: Any,
) -> None:
    """The upload is refused with row and column; nothing at all is kept."""
    rows = [
        GOOD_HEADERS,
        *GOOD_ROWS[:2],
        (3, "", "Chef", "2026-05-03", "1", "", "", "Barnet 010203-1234 har ventet"),
    ]
    client = consultant(world)
    before = counts()
    report = post_file(client, csv_bytes(rows), "svar.csv")
    assert report.status_code == 400
    page = text(report)
    assert "Filen indeholder noget, der ligner et CPR-nummer. Intet er gemt" in page
    assert (
        '<td class="num">4</td><td>H (OPEN01)</td><td>Cellen indeholder noget, der '
        "ligner et CPR-nummer."
    ) in page
    assert "010203" not in page
    assert "1234" not in page
    assert counts() == before
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            truncated(xlsx_bytes(good_rows())),
            "Excel-filen er ufuldstændig eller beskadiget og kan ikke læses.",
        ),
        (
            zip_bomb(unpacked=101 * MB),
            "Excel-filen fylder 101,0 MB, når den pakkes ud; højst 100,0 MB er "
            "tilladt. Filen er afvist uden at blive pakket ud.",
        ),
    ],
    ids=["truncated", "zip-bomb"],
)
def test_bad_xlsx_is_refused_in_danish(world: Any, data: bytes, message: str) -> None:
    """A damaged workbook or a zip bomb named .xlsx stores nothing."""
    client = consultant(world)
    before = counts()
    report = post_file(client, data, "svar.xlsx")
    assert report.status_code == 400
    assert message in text(report)
    assert counts() == before
    assert ImportBatch.objects.count() == 0


def test_upload_limit_is_a_setting(world: Any, settings: Any) -> None:
    """With the limit set to 1 KB, a larger file is refused by the form."""
    settings.PARATHED_IMPORT_MAX_UPLOAD_BYTES = 1024
    client = consultant(world)
    report = post_file(client, csv_bytes(good_rows() * 20), "svar.csv")
    assert report.status_code == 400
    assert "Filen fylder 3,6 kB; den må højst fylde 1,0 kB." in text(report)
    assert ImportBatch.objects.count() == 0


def test_same_file_again_is_refused_and_says_so(world: Any) -> None:
    """The second upload of the same bytes names the first import's date and size."""
    client = consultant(world)
    data = csv_bytes(good_rows())
    url = post_file(client, data, "svar.csv")["Location"]
    selections = chosen(client.get(url).content.decode())
    client.post(url, selections)
    before = counts()
    report = post_file(client, data, "svar.csv")
    assert report.status_code == 400
    assert "Denne fil er allerede importeret den" in text(report)
    assert "(3 besvarelser). Intet er importeret igen." in text(report)
    assert counts() == before


@pytest.mark.parametrize("actor", ["contact_a", "steering"])
def test_only_consultants_may_upload(world: Any, actor: str) -> None:
    """A municipal contact or steering-group member posting a file gets 403."""
    client = Client()
    client.force_login(getattr(world, actor))
    response = post_file(client, csv_bytes(good_rows()), "svar.csv")
    assert response.status_code == 403
    assert ImportBatch.objects.count() == 0


def test_cancel_deletes_the_waiting_file(world: Any) -> None:
    """Cancelling removes the batch and the cells it held."""
    client = consultant(world)
    url = post_file(client, csv_bytes(good_rows()), "svar.csv")["Location"]
    response = client.post(url + "annuller/")
    assert response.status_code == 302
    assert ImportBatch.objects.count() == 0


def test_repeated_mapping_post_shows_the_result_and_adds_nothing(world: Any) -> None:
    """A replayed "check and import" lands on the result page; no row is added."""
    client = consultant(world)
    url = post_file(client, csv_bytes(good_rows()), "svar.csv")["Location"]
    selections = chosen(client.get(url).content.decode())
    first = client.post(url, selections)
    before = counts()
    again = client.post(url, selections)
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert counts() == before
