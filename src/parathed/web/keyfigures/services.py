"""Writes of key-figure inputs: StatBank fetches, municipal uploads, validation.

Invariants: storing the same values again changes nothing (no new rows, no new dates);
a fetch never touches a municipality's correction; a correction keeps the original
value beside it; a comment holding a CPR-shaped number is refused, never stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from parathed.analysis.keyfigures import NATIONAL_CODE
from parathed.privacy import find_cpr_numbers
from parathed.statbank import FetchedFigure
from parathed.web.keyfigures.models import FigureValue
from parathed.web.partnerships.models import Municipality


@dataclass(frozen=True, slots=True)
class StoreResult:
    """How many inputs a store created, changed and left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    corrections_kept: int = 0  # corrections and own values a fetch left alone


def municipal_citation(*, municipality_name: str, uploaded_on: date) -> str:
    """Returns the provenance text of a value from the municipality's own data."""
    return (
        f"Kilde: {municipality_name} Kommunes egne data "
        f"(uploadet {uploaded_on.isoformat()})"
    )


@transaction.atomic
def figures_store_statbank(*, figures: Iterable[FetchedFigure]) -> StoreResult:
    """Creates or updates StatBank values; fetching the same values again is a no-op.

    Each value keeps its table, extraction date and DST's citation; the national
    total is stored without a municipality. A changed value gets the new date and
    citation, and a confirmation of the old value lapses. A municipality's
    correction is never overwritten: the new StatBank value lands beside it as the
    original. A value the municipality supplied itself (no StatBank row before it)
    is left alone.
    """
    listed = list(figures)
    municipalities = {
        m.code: m
        for m in Municipality.objects.filter(
            code__in={f.municipality_code for f in listed}
        )
    }
    existing = {
        (f.area_code, f.name, f.year): f
        for f in FigureValue.objects.select_related("municipality").filter(
            name__in={f.name for f in listed}, year__in={f.year for f in listed}
        )
    }
    created: list[FigureValue] = []
    updated: list[FigureValue] = []
    unchanged = kept = 0
    for fetched in listed:
        municipality = municipalities.get(fetched.municipality_code)
        if municipality is None and fetched.municipality_code != NATIONAL_CODE:
            continue  # not one of the 98 (regions, 998 "uoplyst", …)
        key = (fetched.municipality_code, fetched.name, fetched.year)
        figure = existing.get(key)
        if figure is None:
            created.append(
                FigureValue(
                    municipality=municipality,
                    name=fetched.name,
                    year=fetched.year,
                    source_value=fetched.value,
                    source=FigureValue.Source.STATBANK,
                    table=fetched.table,
                    extracted_on=fetched.extracted,
                    citation=fetched.citation,
                )
            )
            existing[key] = created[-1]
            continue
        if figure.source == FigureValue.Source.MUNICIPAL:
            kept += 1
            continue
        if figure.source_value == fetched.value and figure.table == fetched.table:
            unchanged += 1
            continue
        figure.source_value = fetched.value
        figure.table = fetched.table
        figure.extracted_on = fetched.extracted
        figure.citation = fetched.citation
        if figure.status == FigureValue.Status.CONFIRMED:
            figure.status = FigureValue.Status.UNVALIDATED
        elif figure.status == FigureValue.Status.CORRECTED:
            kept += 1
        updated.append(figure)
    FigureValue.objects.bulk_create(created, batch_size=1000)
    FigureValue.objects.bulk_update(
        updated,
        ["source_value", "table", "extracted_on", "citation", "status"],
        batch_size=1000,
    )
    return StoreResult(
        created=len(created),
        updated=len(updated),
        unchanged=unchanged,
        corrections_kept=kept,
    )


@transaction.atomic
def figures_store_upload(
    *,
    municipality: Municipality,
    year: int,
    values: Mapping[str, float],
    uploaded_on: date,
    user_id: int | None,
) -> StoreResult:
    """Stores the values of a municipality's checked upload.

    An input only the municipality has is stored as its own data. A value that
    differs from StatBank's becomes a correction with StatBank's value kept beside
    it. Uploading the same file again changes nothing.
    """
    existing = {
        f.name: f
        for f in FigureValue.objects.filter(
            municipality=municipality, year=year, name__in=list(values)
        )
    }
    citation = municipal_citation(
        municipality_name=municipality.name, uploaded_on=uploaded_on
    )
    created = updated = unchanged = 0
    for name, value in values.items():
        figure = existing.get(name)
        if figure is None:
            FigureValue.objects.create(
                municipality=municipality,
                name=name,
                year=year,
                source_value=value,
                source=FigureValue.Source.MUNICIPAL,
                extracted_on=uploaded_on,
                citation=citation,
            )
            created += 1
        elif figure.value == value:
            unchanged += 1
        elif figure.source == FigureValue.Source.MUNICIPAL:
            figure.source_value = value
            figure.extracted_on = uploaded_on
            figure.citation = citation
            figure.status = FigureValue.Status.UNVALIDATED
            figure.save(
                update_fields=["source_value", "extracted_on", "citation", "status"]
            )
            updated += 1
        else:
            figure.corrected_value = value
            figure.status = FigureValue.Status.CORRECTED
            figure.comment = "Rettet ved upload af kommunens skabelon."
            figure.validated_by_id = user_id
            figure.validated_on = uploaded_on
            figure.save(
                update_fields=[
                    "corrected_value",
                    "status",
                    "comment",
                    "validated_by",
                    "validated_on",
                ]
            )
            updated += 1
    return StoreResult(created=created, updated=updated, unchanged=unchanged)


def figure_confirm(
    *, figure: FigureValue, user_id: int | None, today: date
) -> FigureValue:
    """Marks the source's value as confirmed by the municipality.

    A correction made earlier is withdrawn; its value is not kept, the original is.
    """
    figure.status = FigureValue.Status.CONFIRMED
    figure.corrected_value = None
    figure.comment = ""
    figure.validated_by_id = user_id
    figure.validated_on = today
    figure.save(
        update_fields=[
            "status",
            "corrected_value",
            "comment",
            "validated_by",
            "validated_on",
        ]
    )
    return figure


def figure_correct(
    *,
    figure: FigureValue,
    user_id: int | None,
    value: float,
    comment: str,
    today: date,
) -> FigureValue:
    """Stores the municipality's value beside the source's, with the reason given.

    Raises ``ValueError`` if the comment holds a CPR-shaped number (the form refuses
    it first, with where it is); nothing is stored then.
    """
    if find_cpr_numbers(comment):
        raise ValueError(_("The comment holds a CPR number and was not stored."))
    figure.status = FigureValue.Status.CORRECTED
    figure.corrected_value = value
    figure.comment = comment.strip()
    figure.validated_by_id = user_id
    figure.validated_on = today
    figure.save(
        update_fields=[
            "status",
            "corrected_value",
            "comment",
            "validated_by",
            "validated_on",
        ]
    )
    return figure
