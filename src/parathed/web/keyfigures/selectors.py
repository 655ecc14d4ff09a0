"""Reads of key-figure inputs: evidence for the analysis, rows for the pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from parathed.analysis.evidence import FigureEvidence, FigureStatus
from parathed.analysis.keyfigures import INPUTS, NATIONAL_CODE
from parathed.web.keyfigures.inputs import input_specs
from parathed.web.keyfigures.models import FigureValue
from parathed.web.partnerships.models import Municipality, Partnership


def figure_evidence(
    *, year: int | None = None, names: list[str] | None = None
) -> tuple[FigureEvidence, ...]:
    """Returns the inputs in force for every municipality that has any, as evidence.

    Every municipality in the country is included (not only a partnership's), and
    the national total under ``NATIONAL_CODE``, so that national and comparable-group
    benchmarks can be computed. A correction replaces the source's value; its status
    says so.
    """
    rows = FigureValue.objects.all()
    if year is not None:
        rows = rows.filter(year=year)
    if names is not None:
        rows = rows.filter(name__in=names)
    evidence = [
        FigureEvidence(
            municipality_code=code or NATIONAL_CODE,
            name=name,
            year=row_year,
            value=corrected if status == FigureValue.Status.CORRECTED else original,
            source=citation.removeprefix("Kilde: "),
            status=FigureStatus(status),
        )
        for code, name, row_year, original, corrected, status, citation in (
            rows.values_list(
                "municipality__code",
                "name",
                "year",
                "source_value",
                "corrected_value",
                "status",
                "citation",
            )
        )
    ]
    return tuple(sorted(evidence, key=lambda f: (f.municipality_code, f.year, f.name)))


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One input on the validation page."""

    id: int
    name: str
    label: str
    unit: str
    value: float | None
    original: float | None
    source: str
    citation: str
    status: str
    status_label: str
    comment: str
    validated_on: date | None


def figure_years(*, municipality_id: int) -> list[int]:
    """Returns the years with inputs for the municipality, newest first."""
    return list(
        FigureValue.objects.filter(municipality_id=municipality_id)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def figure_rows(*, municipality_id: int, year: int) -> list[FigureRow]:
    """Returns every input of one municipality and year, in the template's order."""
    order = {spec.name: n for n, spec in enumerate(input_specs())}
    figures = FigureValue.objects.filter(municipality_id=municipality_id, year=year)
    rows = [
        FigureRow(
            id=f.pk,
            name=f.name,
            label=INPUTS[f.name].label if f.name in INPUTS else f.name,
            unit=INPUTS[f.name].unit if f.name in INPUTS else "",
            value=f.value,
            original=f.source_value,
            source=str(f.get_source_display()),
            citation=f.citation,
            status=f.status,
            status_label=str(f.get_status_display()),
            comment=f.comment,
            validated_on=f.validated_on,
        )
        for f in figures
    ]
    return sorted(rows, key=lambda r: (order.get(r.name, len(order)), r.name))


def statbank_values(*, municipality_id: int, year: int) -> dict[str, float | None]:
    """Returns StatBank's values for one municipality and year, for the template."""
    return dict(
        FigureValue.objects.filter(
            municipality_id=municipality_id,
            year=year,
            source=FigureValue.Source.STATBANK,
        ).values_list("name", "source_value")
    )


def own_values(*, municipality_id: int, year: int) -> dict[str, float | None]:
    """Returns what the municipality gave itself: its own data and its corrections."""
    rows = FigureValue.objects.filter(municipality_id=municipality_id, year=year)
    own: dict[str, float | None] = dict(
        rows.filter(source=FigureValue.Source.MUNICIPAL).values_list(
            "name", "source_value"
        )
    )
    own.update(
        rows.filter(status=FigureValue.Status.CORRECTED).values_list(
            "name", "corrected_value"
        )
    )
    return own


@dataclass(frozen=True, slots=True)
class ValidationStatus:
    """How far one municipality has validated its inputs of one year."""

    code: str
    name: str
    total: int
    confirmed: int
    corrected: int

    @property
    def open(self) -> int:
        """Inputs not yet confirmed or corrected."""
        return self.total - self.confirmed - self.corrected


def validation_status(*, partnership: Partnership, year: int) -> list[ValidationStatus]:
    """Returns the validation status of each of the partnership's municipalities."""
    municipalities: list[Municipality] = list(
        partnership.municipalities.order_by("name")
    )
    counts: Counter[tuple[int, str]] = Counter(
        FigureValue.objects.filter(
            municipality__in=municipalities, year=year
        ).values_list("municipality_id", "status")
    )
    result = []
    for m in municipalities:
        confirmed = counts[(m.pk, FigureValue.Status.CONFIRMED.value)]
        corrected = counts[(m.pk, FigureValue.Status.CORRECTED.value)]
        unvalidated = counts[(m.pk, FigureValue.Status.UNVALIDATED.value)]
        result.append(
            ValidationStatus(
                code=m.code,
                name=m.name,
                total=confirmed + corrected + unvalidated,
                confirmed=confirmed,
                corrected=corrected,
            )
        )
    return result


def default_year(*, municipality_id: int | None = None, today: date) -> int:
    """Returns the newest year with inputs (for the municipality, if given).

    Without any, the year before ``today``: StatBank publishes a year's figures in
    the following year.
    """
    rows = FigureValue.objects.all()
    if municipality_id is not None:
        rows = rows.filter(municipality_id=municipality_id)
    newest = rows.order_by("-year").values_list("year", flat=True).first()
    return newest if newest is not None else today.year - 1


def figure_for_municipality(
    *, figure_id: int, municipality_id: int
) -> FigureValue | None:
    """Returns one input of the municipality, or None if it is not theirs."""
    return FigureValue.objects.filter(
        pk=figure_id, municipality_id=municipality_id
    ).first()
