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

from parathed.privacy import find_cpr_numbers
from parathed.web.keyfigures.models import FigureValue
from parathed.web.partnerships.models import Municipality


@dataclass(frozen=True, slots=True)
class StatbankObservation:
    """One input value for one municipality and year, as the StatBank client gave it."""

    municipality_code: str
    name: str
    year: int
    value: float | None  # None: missing or suppressed in the table
    table: str


@dataclass(frozen=True, slots=True)
class StoreResult:
    """How many inputs a store created, changed and left as they were."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    corrections_kept: int = 0


def statbank_citation(*, table: str, extracted_on: date) -> str:
    """Returns DST's recommended attribution for one table and extraction date."""
    return (
        f"Kilde: Danmarks Statistik, Statistikbanken, tabel {table} "
        f"(udtrukket {extracted_on.isoformat()})"
    )


def municipal_citation(*, municipality_name: str, uploaded_on: date) -> str:
    """Returns the provenance text of a value from the municipality's own data."""
    return (
        f"Kilde: {municipality_name} Kommunes egne data "
        f"(uploadet {uploaded_on.isoformat()})"
    )


@transaction.atomic
def figures_store_statbank(
    *, observations: Iterable[StatbankObservation], extracted_on: date
) -> StoreResult:
    """Creates or updates StatBank values; fetching the same values again is a no-op.

    A changed value gets the new extraction date and citation; a confirmation of the
    old value lapses. A municipality's correction is never overwritten: the new
    StatBank value lands beside it as the original.
    """
    listed = list(observations)
    municipalities = {
        m.code: m
        for m in Municipality.objects.filter(
            code__in={o.municipality_code for o in listed}
        )
    }
    existing = {
        (f.municipality.code, f.name, f.year): f
        for f in FigureValue.objects.select_related("municipality").filter(
            name__in={o.name for o in listed}, year__in={o.year for o in listed}
        )
    }
    created: list[FigureValue] = []
    updated: list[FigureValue] = []
    unchanged = kept = 0
    for observation in listed:
        municipality = municipalities.get(observation.municipality_code)
        if municipality is None:
            continue  # national totals, 998 "uoplyst" and the like
        key = (observation.municipality_code, observation.name, observation.year)
        figure = existing.get(key)
        citation = statbank_citation(table=observation.table, extracted_on=extracted_on)
        if figure is None:
            created.append(
                FigureValue(
                    municipality=municipality,
                    name=observation.name,
                    year=observation.year,
                    source_value=observation.value,
                    source=FigureValue.Source.STATBANK,
                    table=observation.table,
                    extracted_on=extracted_on,
                    citation=citation,
                )
            )
            existing[key] = created[-1]
            continue
        if figure.source == FigureValue.Source.MUNICIPAL:
            # The municipality's own number came first; StatBank's sits beside it.
            kept += 1
            continue
        if figure.source_value == observation.value and figure.table == (
            observation.table
        ):
            unchanged += 1
            continue
        figure.source_value = observation.value
        figure.table = observation.table
        figure.extracted_on = extracted_on
        figure.citation = citation
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
