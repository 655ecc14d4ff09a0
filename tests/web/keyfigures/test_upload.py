"""Uploads of the municipality's template: each bad input refused, nothing stored."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from parathed.web.keyfigures.inputs import input_specs
from parathed.web.keyfigures.models import FigureValue
from parathed.web.keyfigures.workbook import FIRST_ROW

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROW = {spec.name: FIRST_ROW + n for n, spec in enumerate(input_specs())}


def _template(client: Client, world: Any, year: int = 2025) -> bytes:
    url = reverse(
        "keyfigures:template-download",
        kwargs={"slug": "p", "code": world.municipality_a.code},
    )
    response = client.get(url, {"aar": year})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return response.content


def _edit(content: bytes, change: Callable[[Any], None]) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    change(workbook["Nøgletal"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _upload(client: Client, content: bytes, name: str = "skabelon.xlsx") -> Any:
    url = reverse("keyfigures:upload", kwargs={"slug": "p", "code": "101"})
    return client.post(
        url + "?aar=2025",
        {"file": SimpleUploadedFile(name, content, content_type=XLSX)},
    )


def _snapshot() -> list[tuple[Any, ...]]:
    return list(
        FigureValue.objects.order_by("pk").values_list(
            "pk",
            "municipality__code",
            "name",
            "year",
            "source_value",
            "status",
            "corrected_value",
            "comment",
            "extracted_on",
            "citation",
        )
    )


@pytest.fixture
def contact(world: Any) -> Client:
    client = Client()
    client.force_login(world.contact_a)
    return client


def _fill(values: dict[str, object]) -> Callable[[Any], None]:
    def change(sheet: Any) -> None:
        for name, value in values.items():
            sheet[f"E{ROW[name]}"] = value

    return change


def test_filled_template_is_stored_with_municipal_provenance(
    world: Any, contact: Client
) -> None:
    """Values only the municipality has are stored as its own data, with a citation."""
    content = _edit(
        _template(contact, world),
        _fill(
            {
                "municipal:caseworker_changes_12m": 140,
                "municipal:caseworker_fte": "31,5",
            }
        ),
    )
    response = _upload(contact, content)
    assert response.status_code == 302
    stored = {
        f.name: f
        for f in FigureValue.objects.filter(municipality__code="101", year=2025)
    }
    assert stored["municipal:caseworker_changes_12m"].source_value == 140
    assert stored["municipal:caseworker_fte"].source_value == 31.5
    assert stored["municipal:caseworker_fte"].source == FigureValue.Source.MUNICIPAL
    assert (
        "København Kommunes egne data (uploadet "
        in stored["municipal:caseworker_fte"].citation
    )


def test_a_value_differing_from_statbank_becomes_a_correction_beside_it(
    world: Any, contact: Client
) -> None:
    """StatBank's 9000 stays as the original; the upload's 9100 is the correction."""
    content = _edit(
        _template(contact, world), _fill({"children_with_notifications": 9100})
    )
    assert _upload(contact, content).status_code == 302
    world.figure_a.refresh_from_db()
    assert (world.figure_a.source_value, world.figure_a.corrected_value) == (
        9000,
        9100,
    )
    assert world.figure_a.status == FigureValue.Status.CORRECTED
    assert world.figure_a.value == 9100


def test_template_is_prefilled_locked_and_validated(
    world: Any, contact: Client
) -> None:
    """Code in B2, StatBank's value pre-filled, only the value column unlocked."""
    workbook = load_workbook(io.BytesIO(_template(contact, world)))
    sheet = workbook["Nøgletal"]
    assert sheet["B2"].value == "101"
    assert sheet["B3"].value == 2025
    assert sheet.protection.sheet is True
    row = ROW["children_with_notifications"]
    assert sheet[f"D{row}"].value == 9000
    assert sheet[f"D{row}"].protection.locked is True
    assert sheet[f"E{row}"].protection.locked is False
    assert sheet[f"D{ROW['municipal:caseworker_fte']}"].value is None
    validated = {
        str(cell)
        for validation in sheet.data_validations.dataValidation
        for cell in validation.sqref.ranges
    }
    assert {f"E{r}" for r in ROW.values()} <= validated
    share = next(
        v
        for v in sheet.data_validations.dataValidation
        if f"E{ROW['preventive_share_0_17']}" in {str(c) for c in v.sqref.ranges}
    )
    assert (share.type, share.formula1, share.formula2) == ("decimal", "0", "100")
    assert "Udfyld kun kolonnen" in workbook["Vejledning"]["A3"].value


def _wrong_code(sheet: Any) -> None:
    sheet["B2"] = "147"


def _moved_row(sheet: Any) -> None:
    sheet.delete_rows(FIRST_ROW + 1)


def _changed_header(sheet: Any) -> None:
    sheet["E5"] = "Vores tal"


BAD_EDITS = [
    pytest.param(
        _wrong_code,
        "Ark »Nøgletal«, celle B2: kommunekoden er 147, men denne side er for "
        "kommune 101",
        id="wrong-municipality-code",
    ),
    pytest.param(
        _fill({"municipal:caseworker_changes_12m": "cirka 40"}),
        f"Ark »Nøgletal«, celle E{ROW['municipal:caseworker_changes_12m']}: "
        "cellen indeholder tekst",
        id="text-in-number-cell",
    ),
    pytest.param(
        _fill({"preventive_share_0_17": 104.5}),
        f"Ark »Nøgletal«, celle E{ROW['preventive_share_0_17']}: værdien 104,5 er "
        "umulig: procent kan ikke være over 100",
        id="share-over-100",
    ),
    pytest.param(
        _fill({"municipal:open_cases": -3}),
        f"Ark »Nøgletal«, celle E{ROW['municipal:open_cases']}: værdien -3 er negativ",
        id="negative-count",
    ),
    pytest.param(
        _fill({"municipal:open_cases": 12.5}),
        f"Ark »Nøgletal«, celle E{ROW['municipal:open_cases']}: værdien 12,5 skal "
        "være et helt tal",
        id="fraction-of-a-count",
    ),
    pytest.param(
        _moved_row,
        f"Ark »Nøgletal«, celle A{FIRST_ROW + 1}: layoutet er ændret fra denne række",
        id="deleted-row",
    ),
    pytest.param(
        _changed_header,
        "Ark »Nøgletal«, celle E5: layoutet er ændret",
        id="changed-header",
    ),
]


@pytest.mark.parametrize(("edit", "message"), BAD_EDITS)
def test_bad_workbook_is_refused_with_sheet_cell_and_reason(
    world: Any, contact: Client, edit: Callable[[Any], None], message: str
) -> None:
    """A Danish message names sheet, cell and reason; not one value is stored.

    Each bad file also carries one good value, which must not be stored either.
    """
    template = _template(contact, world)
    before = _snapshot()

    def change(sheet: Any) -> None:
        sheet[f"E{ROW['municipal:caseworker_fte']}"] = 20
        edit(sheet)

    response = _upload(contact, _edit(template, change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Filen blev ikke indlæst – intet er gemt" in response.content.decode()
    assert _snapshot() == before


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as big:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(101):
                big.write(chunk)
    return out.getvalue()


BAD_FILES = [
    pytest.param(
        lambda: b"x" * (10 * 1024 * 1024 + 1),
        "Filen fylder 10,0 MB; der kan højst uploades 10 MB.",
        id="over-10-mb",
    ),
    pytest.param(
        lambda: b"Kommunekode;101\nUnderretninger;900\n",
        "Filen er ikke en Excel-projektmappe (.xlsx).",
        id="csv-not-xlsx",
    ),
    pytest.param(
        lambda: _zip({"readme.txt": b"hej"}),
        "Filen er ikke en Excel-projektmappe (.xlsx).",
        id="zip-but-not-xlsx",
    ),
    pytest.param(
        lambda: _zip({f"xl/part{n}.xml": b"" for n in range(1001)}),
        "Filen består af 1001 dele",
        id="over-1000-entries",
    ),
    pytest.param(_bomb, "Filen fylder 101 MB udpakket", id="zip-bomb"),
    pytest.param(
        lambda: _zip({"[Content_Types].xml": b"<x", "xl/workbook.xml": b"<x"}),
        "filen kan ikke åbnes som en Excel-projektmappe.",
        id="xlsx-shaped-garbage",
    ),
]


@pytest.mark.parametrize(("make", "message"), BAD_FILES)
def test_unsafe_file_is_refused_before_openpyxl_opens_it(
    world: Any, contact: Client, make: Callable[[], bytes], message: str
) -> None:
    """Oversized, non-xlsx and zip-bomb files get a Danish message; nothing stored."""
    before = _snapshot()
    response = _upload(contact, make())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _snapshot() == before


def test_same_upload_twice_changes_nothing(world: Any, contact: Client) -> None:
    """The second upload of the same file leaves every row, date and status as is."""
    content = _edit(
        _template(contact, world),
        _fill({"municipal:open_cases": 812, "children_with_notifications": 9100}),
    )
    assert _upload(contact, content).status_code == 302
    after_first = _snapshot()
    response = _upload(contact, content)
    assert response.status_code == 302
    assert _snapshot() == after_first
    page = contact.get(response["Location"])
    assert "intet er ændret" in page.content.decode()


def test_contact_of_b_cannot_upload_to_a(world: Any) -> None:
    """Another municipality's contact gets 403 and stores nothing."""
    client = Client()
    client.force_login(world.contact_b)
    before = _snapshot()
    response = _upload(client, b"anything")
    assert response.status_code == 403
    assert _snapshot() == before
