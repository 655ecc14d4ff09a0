"""Writes of response imports: keep an uploaded file for mapping, then import it whole.

``import_batch_upload`` reads the file within the limits, drops name and e-mail
columns, refuses any CPR-shaped number in any cell, and keeps the cells until the
consultant has mapped the columns. ``import_batch_run`` validates every row and stores
all of them or none; rows imported before (same fingerprint) are skipped, and the
same file twice is refused. Parsing and validation live in ``parathed.intake``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parathed.instrument.loader import load_published
from parathed.intake.responses import (
    ColumnMapping,
    Problem,
    check_rows,
    cpr_problems,
    file_fingerprint,
    without_personal_columns,
)
from parathed.intake.tables import Limits, Table, TableError, read_table
from parathed.web.partnerships.models import MeasurementRound, Municipality
from parathed.web.survey.models import (
    Answer,
    ImportBatch,
    ImportedRow,
    OpenAnswer,
    Response,
)

PENDING_DAYS = 1  # a file waiting for its mapping is deleted after this many days


class ImportRefusedError(Exception):
    """Nothing was imported: a Danish ``message`` and the ``problems`` found."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """How many rows were stored and how many were skipped as imported before."""

    batch: ImportBatch
    imported: int
    duplicates: int


def import_limits() -> Limits:
    """Returns the upload limits from the settings (``PARATHED_IMPORT_*``)."""
    return Limits(
        max_upload_bytes=settings.PARATHED_IMPORT_MAX_UPLOAD_BYTES,
        max_unpacked_bytes=settings.PARATHED_IMPORT_MAX_UNPACKED_BYTES,
        max_entries=settings.PARATHED_IMPORT_MAX_ENTRIES,
    )


def _already_imported(batch: ImportBatch) -> ImportRefusedError:
    assert batch.imported_on is not None  # noqa: S101 (imported batches have a date)
    return ImportRefusedError(
        ngettext(
            "This file was already imported on %(date)s (%(count)s response). "
            "Nothing has been imported again.",
            "This file was already imported on %(date)s (%(count)s responses). "
            "Nothing has been imported again.",
            batch.imported_rows,
        )
        % {
            "date": date_format(batch.imported_on, "j. F Y"),
            "count": batch.imported_rows,
        }
    )


def import_batch_upload(
    *,
    round: MeasurementRound,
    municipality: Municipality,
    user_id: int,
    data: bytes,
    filename: str,
    today: date,
) -> ImportBatch:
    """Keeps a readable, CPR-free file for mapping; raises ImportRefusedError if not.

    A file already waiting for this municipality is returned as it is.
    """
    ImportBatch.objects.filter(
        status=ImportBatch.Status.PENDING,
        created_on__lt=today - timedelta(days=PENDING_DAYS),
    ).delete()
    if round.status == MeasurementRound.Status.CLOSED:
        raise ImportRefusedError(
            _("The measurement round is closed; responses can no longer be imported.")
        )
    fingerprint = file_fingerprint(data)
    earlier = ImportBatch.objects.filter(
        round=round, municipality=municipality, file_sha256=fingerprint
    ).first()
    if earlier is not None and earlier.status == ImportBatch.Status.IMPORTED:
        raise _already_imported(earlier)
    if earlier is not None:
        return earlier
    try:
        table = read_table(data, filename=filename, limits=import_limits())
    except TableError as error:
        raise ImportRefusedError(error.message) from None
    table, dropped = without_personal_columns(table)
    found = cpr_problems(table)
    if found:
        raise ImportRefusedError(
            _(
                "The file holds something that looks like a CPR number. Nothing has "
                "been saved; remove it from the file and upload it again."
            ),
            found,
        )
    return ImportBatch.objects.create(
        round=round,
        municipality=municipality,
        created_by_id=user_id,
        created_on=today,
        file_sha256=fingerprint,
        file_format=table.file_format,
        description=table.description,
        dropped_columns=list(dropped),
        table={"headers": list(table.headers), "rows": [list(r) for r in table.rows]},
        source_rows=len(table.rows),
    )


def pending_table(batch: ImportBatch) -> Table:
    """Returns the cells of a batch awaiting its mapping."""
    if batch.table is None:
        raise ValueError("the batch holds no cells")
    return Table(
        headers=tuple(batch.table["headers"]),
        rows=tuple(tuple(row) for row in batch.table["rows"]),
        file_format=batch.file_format,
        description=batch.description,
    )


def _mapping_record(mapping: ColumnMapping, table: Table) -> dict[str, Any]:
    """The mapping as kept for later reference: targets by header, no cell content."""
    return {
        "columns": [
            {"header": header[:200], "target": target}
            for header, target in zip(table.headers, mapping.targets, strict=True)
        ],
        "role": mapping.role.value if mapping.role else None,
        "answered_on": mapping.answered_on.isoformat() if mapping.answered_on else None,
        "dont_know_code": mapping.dont_know_code,
    }


@transaction.atomic
def import_batch_run(
    *, batch_id: int, mapping: ColumnMapping, today: date
) -> ImportOutcome:
    """Validates every row and stores all new ones, or none.

    Raises ImportRefusedError with every problem (row, column, Danish reason) when a
    single cell is wrong, or when the batch was imported already.
    """
    batch = (
        ImportBatch.objects.select_for_update()
        .select_related("round", "municipality")
        .get(pk=batch_id)
    )
    if batch.status == ImportBatch.Status.IMPORTED:
        raise _already_imported(batch)
    if batch.round.status == MeasurementRound.Status.CLOSED:
        raise ImportRefusedError(
            _("The measurement round is closed; responses can no longer be imported.")
        )
    table = pending_table(batch)
    instrument = load_published(batch.round.instrument_version)
    checked = check_rows(
        table,
        mapping,
        instrument=instrument,
        scope=f"{batch.round_id}:{batch.municipality.code}",
        today=today,
    )
    if checked.problems:
        raise ImportRefusedError(
            ngettext(
                "The file has %(count)s problem. Nothing has been imported.",
                "The file has %(count)s problems. Nothing has been imported.",
                len(checked.problems),
            )
            % {"count": len(checked.problems)},
            checked.problems,
        )
    known = set(
        ImportedRow.objects.filter(
            fingerprint__in=[row.fingerprint for row in checked.rows]
        ).values_list("fingerprint", flat=True)
    )
    new_rows = [row for row in checked.rows if row.fingerprint not in known]
    responses = Response.objects.bulk_create(
        [
            Response(
                link=None,
                round_id=batch.round_id,
                municipality_id=batch.municipality_id,
                role=row.role.value,
                instrument_version=batch.round.instrument_version,
                status=Response.Status.SUBMITTED,
                started_on=row.answered_on,
                submitted_on=row.answered_on,
            )
            for row in new_rows
        ]
    )
    Answer.objects.bulk_create(
        [
            Answer(response=response, item_id=item_id, value=value)
            for response, row in zip(responses, new_rows, strict=True)
            for item_id, value in row.answers
        ]
    )
    OpenAnswer.objects.bulk_create(
        [
            OpenAnswer(response=response, question_id=question_id, text=text)
            for response, row in zip(responses, new_rows, strict=True)
            for question_id, text in row.texts
        ]
    )
    ImportedRow.objects.bulk_create(
        [
            ImportedRow(
                batch=batch,
                response=response,
                row_number=row.row,
                fingerprint=row.fingerprint,
            )
            for response, row in zip(responses, new_rows, strict=True)
        ]
    )
    batch.status = ImportBatch.Status.IMPORTED
    batch.mapping = _mapping_record(mapping, table)
    batch.table = None
    batch.imported_rows = len(new_rows)
    batch.duplicate_rows = len(checked.rows) - len(new_rows)
    batch.imported_on = today
    batch.save(
        update_fields=[
            "status",
            "mapping",
            "table",
            "imported_rows",
            "duplicate_rows",
            "imported_on",
        ]
    )
    return ImportOutcome(
        batch=batch, imported=len(new_rows), duplicates=batch.duplicate_rows
    )


def import_batch_cancel(*, batch: ImportBatch) -> None:
    """Deletes a batch still awaiting its mapping, with the cells it holds."""
    if batch.status == ImportBatch.Status.PENDING:
        batch.delete()
