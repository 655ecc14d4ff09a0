"""Import services on the database: all rows or none, no duplicates, none on error."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from parathed.instrument.loader import load_published
from parathed.intake.responses import ColumnMapping, suggest_targets
from parathed.web.partnerships.models import MeasurementRound
from parathed.web.survey.import_services import (
    ImportRefusedError,
    import_batch_run,
    import_batch_upload,
    pending_table,
)
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

TODAY = date(2026, 5, 10)


def counts() -> tuple[int, int, int, int, int]:
    """Rows in every table an import writes to."""
    return (
        Response.objects.count(),
        Answer.objects.count(),
        OpenAnswer.objects.count(),
        ImportedRow.objects.count(),
        ImportBatch.objects.count(),
    )


def upload(world: Any, data: bytes, filename: str) -> ImportBatch:
    return import_batch_upload(
        round=world.round,
        municipality=world.municipality_a,
        user_id=world.consultant.pk,
        data=data,
        filename=filename,
        today=TODAY,
    )


def run_suggested(batch: ImportBatch) -> Any:
    table = pending_table(batch)
    instrument = load_published("1.0")
    return import_batch_run(
        batch_id=batch.pk,
        mapping=ColumnMapping(targets=suggest_targets(table.headers, instrument)),
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (csv_bytes(good_rows()), "svar.csv"),
        (xlsx_bytes(good_rows()), "svar.xlsx"),
    ],
    ids=["csv", "xlsx"],
)
def test_good_file_is_imported_whole(world: Any, data: bytes, filename: str) -> None:
    """Three rows become three submitted responses without a link, dated, versioned."""
    before = counts()
    outcome = run_suggested(upload(world, data, filename))
    assert (outcome.imported, outcome.duplicates) == (3, 0)
    after = counts()
    assert [a - b for a, b in zip(after, before, strict=True)] == [3, 7, 2, 3, 1]
    imported = Response.objects.filter(imported_row__isnull=False).order_by("pk")
    assert [
        (r.role, r.link_id, r.instrument_version, r.status, r.submitted_on)
        for r in imported
    ] == [
        ("medarbejder", None, "1.0", "submitted", date(2026, 5, 1)),
        ("leder", None, "1.0", "submitted", date(2026, 5, 2)),
        ("chef", None, "1.0", "submitted", date(2026, 5, 3)),
    ]
    first = imported[0]
    assert dict(first.answers.values_list("item_id", "value")) == {
        "ES01": 5,
        "ES02": 2,
        "ES03": None,
    }
    assert list(first.open_answers.values_list("question_id", "text")) == [
        ("OPEN01", "Mere tid")
    ]
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.table, batch.dropped_columns) == (
        "imported",
        None,
        ["Navn"],
    )


def test_same_file_twice_is_refused_in_danish(world: Any) -> None:
    """The file fingerprint stops a second import of the same bytes."""
    data = csv_bytes(good_rows())
    run_suggested(upload(world, data, "svar.csv"))
    before = counts()
    with pytest.raises(ImportRefusedError) as refused:
        upload(world, data, "kopi.csv")
    assert refused.value.message == (
        "Denne fil er allerede importeret den 10. maj 2026 (3 besvarelser). "
        "Intet er importeret igen."
    )
    assert counts() == before


def test_rows_already_imported_from_another_file_are_skipped(world: Any) -> None:
    """A later export holding the same rows adds only the new respondent."""
    run_suggested(upload(world, csv_bytes(good_rows()), "svar.csv"))
    later = [
        *good_rows(),
        (4, "", "Leder", "2026-05-04", "3", "3", "3", ""),
    ]
    before = counts()
    outcome = run_suggested(upload(world, xlsx_bytes(later), "senere.xlsx"))
    assert (outcome.imported, outcome.duplicates) == (1, 3)
    assert counts()[0] - before[0] == 1


def test_wrong_codes_store_nothing(world: Any) -> None:
    """Unknown role, unknown item, value out of range and unknown label: no rows."""
    rows = [
        ("Rolle", "Dato", "ES01", "ES99", "ES03"),
        ("Medarbejder", "2026-05-01", "4", "", "Helt enig"),
        ("Direktør", "2026-05-01", "4", "", "2"),
        ("Chef", "2026-05-01", "6", "", "Meget enig"),
    ]
    batch = upload(world, csv_bytes(rows), "svar.csv")
    before = counts()
    table = pending_table(batch)
    targets = suggest_targets(table.headers, load_published("1.0"))
    with pytest.raises(ImportRefusedError) as refused:
        import_batch_run(
            batch_id=batch.pk, mapping=ColumnMapping(targets=targets), today=TODAY
        )
    assert refused.value.message == ("Filen har 1 problem. Intet er importeret.")
    assert [p.column_label for p in refused.value.problems] == ["D (ES99)"]
    targets = tuple("ignore" if t == "" else t for t in targets)
    with pytest.raises(ImportRefusedError) as refused:
        import_batch_run(
            batch_id=batch.pk, mapping=ColumnMapping(targets=targets), today=TODAY
        )
    assert [(p.row, p.column_label) for p in refused.value.problems] == [
        (3, "A (Rolle)"),
        (4, "C (ES01)"),
        (4, "E (ES03)"),
    ]
    assert refused.value.message == "Filen har 3 problemer. Intet er importeret."
    assert counts() == before
    batch.refresh_from_db()
    assert batch.status == "pending"


def test_cpr_number_in_a_text_column_stores_nothing_at_all(world: Any) -> None:
    """The upload is refused by row and column; not even the waiting file is kept."""
    rows = [
        GOOD_HEADERS,
        *GOOD_ROWS[:2],
        (3, "", "Chef", "2026-05-03", "1", "", "", "Sagen om 010203-1234 viser"),
    ]
    before = counts()
    with pytest.raises(ImportRefusedError) as refused:
        upload(world, csv_bytes(rows), "svar.csv")
    assert [(p.row, p.column_label) for p in refused.value.problems] == [
        (4, "H (OPEN01)")
    ]
    assert "010203" not in str(refused.value.problems)
    assert counts() == before


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (truncated(xlsx_bytes(good_rows())), "ufuldstændig eller beskadiget"),
        (zip_bomb(unpacked=101 * MB), "afvist uden at blive pakket ud"),
    ],
    ids=["truncated", "zip-bomb"],
)
def test_bad_xlsx_stores_nothing(world: Any, data: bytes, reason: str) -> None:
    """A damaged workbook or a zip bomb is refused with a Danish reason."""
    before = counts()
    with pytest.raises(ImportRefusedError) as refused:
        upload(world, data, "svar.xlsx")
    assert reason in refused.value.message
    assert counts() == before


def test_closed_round_takes_no_import(world: Any) -> None:
    """Once the round is closed, an upload is refused."""
    MeasurementRound.objects.filter(pk=world.round.pk).update(status="closed")
    world.round.refresh_from_db()
    with pytest.raises(ImportRefusedError) as refused:
        upload(world, csv_bytes(good_rows()), "svar.csv")
    assert "lukket" in refused.value.message
    assert ImportBatch.objects.count() == 0


def test_stale_waiting_files_are_deleted_on_the_next_upload(world: Any) -> None:
    """A file left unmapped for more than a day is deleted with its cells."""
    old = upload(world, csv_bytes(good_rows()), "svar.csv")
    ImportBatch.objects.filter(pk=old.pk).update(created_on=date(2026, 5, 1))
    upload(world, xlsx_bytes(good_rows()), "svar.xlsx")
    assert not ImportBatch.objects.filter(pk=old.pk).exists()


def test_import_list_is_read_in_one_query(
    world: Any, django_assert_num_queries: Any
) -> None:
    """The list of a municipality's imports costs one query however many there are."""
    from parathed.web.survey.import_selectors import import_batches_for

    run_suggested(upload(world, csv_bytes(good_rows()), "svar.csv"))
    upload(world, xlsx_bytes(good_rows()), "svar.xlsx")
    with django_assert_num_queries(1):
        listed = import_batches_for(
            round_id=world.round.pk, municipality_id=world.municipality_a.pk
        )
    assert [(b.status, b.imported_rows) for b in listed] == [
        ("pending", 0),
        ("imported", 3),
    ]
