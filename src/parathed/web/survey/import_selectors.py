"""Reads of response imports for the import pages, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parathed.web.survey.models import ImportBatch


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """One import as the list of earlier imports shows it."""

    id: int
    status: str
    status_label: str
    file_format: str
    created_on: date
    imported_on: date | None
    source_rows: int
    imported_rows: int
    duplicate_rows: int


def import_batches_for(*, round_id: int, municipality_id: int) -> list[BatchSummary]:
    """Returns one municipality's imports in a round, newest first, in one query."""
    return [
        BatchSummary(
            id=batch.pk,
            status=batch.status,
            status_label=str(batch.get_status_display()),
            file_format=batch.file_format,
            created_on=batch.created_on,
            imported_on=batch.imported_on,
            source_rows=batch.source_rows,
            imported_rows=batch.imported_rows,
            duplicate_rows=batch.duplicate_rows,
        )
        for batch in ImportBatch.objects.filter(
            round_id=round_id, municipality_id=municipality_id
        )
        .defer("table", "mapping")
        .order_by("-created_on", "-pk")
    ]


def column_samples(
    headers: tuple[str, ...], rows: tuple[tuple[str, ...], ...], *, limit: int = 3
) -> list[str]:
    """Returns up to ``limit`` distinct non-empty values per column, joined, for hints.

    Samples are cut to 30 characters; the cells were scanned for CPR numbers on upload.
    """
    samples: list[str] = []
    for column in range(len(headers)):
        seen: list[str] = []
        for row in rows:
            value = row[column]
            if value and value not in seen:
                seen.append(value if len(value) <= 30 else value[:29] + "…")
            if len(seen) >= limit:
                break
        samples.append(" · ".join(seen))
    return samples
