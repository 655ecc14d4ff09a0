"""Fetching every StatBank input of the key-figure analysis for all 98 municipalities.

:func:`fetch_inputs` reads the input vocabulary of :mod:`parathed.analysis.keyfigures`,
asks TABLEINFO of each table first (to check every variable, code and period), then one
CSV DATA call per table and selection shape, and returns one :class:`FetchedFigure` per
input, municipality and year, plus the national total under ``NATIONAL_CODE``. Every
value keeps its table, period, extraction date and DST's required citation. Regions,
kommunegruppe aggregates and 998 "uoplyst kommune" are left out. A missing municipality
row or a suppressed cell gives ``value=None``, never 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from parathed.analysis.evidence import FigureEvidence, FigureStatus
from parathed.analysis.keyfigures import (
    DST_GROUP_INPUT,
    NATIONAL_CODE,
    KeyFigureInput,
    StatBankSelection,
    statbank_inputs,
)
from parathed.reference.municipalities import all_municipalities
from parathed.statbank.client import Provenance, StatBankClient, TableInfo
from parathed.statbank.errors import (
    StatBankError,
    StatBankFormatError,
    StatBankSelectionError,
)
from parathed.statbank.groups import DST_GROUP_TABLE, fetch_dst_groups
from parathed.statbank.parse import StatRow

NATIONAL_TEXTS = ("hele landet", "i alt", "danmark", "landet i alt")
NATIONAL_IDS = ("0", "00", "000")


def statbank_source(table: str, extracted: date) -> str:
    """DST's attribution without the "Kilde:" prefix (FigureEvidence.source)."""
    return (
        f"Danmarks Statistik, Statistikbanken, tabel {table} "
        f"(udtrukket {extracted.isoformat()})"
    )


def statbank_citation(table: str, extracted: date) -> str:
    """DST's citation "Kilde: Danmarks Statistik, Statistikbanken, tabel X (…)"."""
    return f"Kilde: {statbank_source(table, extracted)}"


@dataclass(frozen=True, slots=True)
class FetchedFigure:
    """One input value of one municipality (or the nation) and year, with provenance."""

    municipality_code: str  # "101" …, or NATIONAL_CODE for the whole country
    name: str  # input name in parathed.analysis.keyfigures.INPUTS
    year: int  # analysis year
    value: float | None  # None when missing or suppressed at DST, never 0
    table: str
    period: str  # the StatBank period read: "2025" or "2026K1"
    extracted: date  # when DST sent the answer (from the cache: the original date)
    from_cache: bool = False

    @property
    def source(self) -> str:
        """Attribution as FigureEvidence.source holds it."""
        return statbank_source(self.table, self.extracted)

    @property
    def citation(self) -> str:
        """DST's required citation, "Kilde: …"."""
        return statbank_citation(self.table, self.extracted)

    def to_evidence(self) -> FigureEvidence:
        """The figure as analysis evidence (unvalidated until checked)."""
        return FigureEvidence(
            municipality_code=self.municipality_code,
            name=self.name,
            year=self.year,
            value=self.value,
            source=self.source,
            status=FigureStatus.UNVALIDATED,
        )


@dataclass(frozen=True, slots=True)
class TableReport:
    """How one table went: inputs fetched, provenance, or the Danish problem."""

    table: str
    inputs: tuple[str, ...]
    provenance: Provenance | None
    problem: str = ""

    def describe(self, now: datetime) -> str:
        """Danish one-liner: "UND2: fra cachen, hentet 2026-11-20 (3 dage gammel)"."""
        parts = [f"{self.table}:"]
        if self.provenance is not None:
            parts.append(self.provenance.describe(now))
        if self.problem:
            parts.append(("– " if self.provenance is not None else "") + self.problem)
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Progress report: ``done`` of ``total`` tables, now at ``table``."""

    table: str
    done: int
    total: int
    message: str  # Danish


@dataclass(frozen=True, slots=True)
class FetchResult:
    """Everything :func:`fetch_inputs` obtained, and what it could not."""

    year: int
    figures: tuple[FetchedFigure, ...]
    tables: tuple[TableReport, ...]

    @property
    def problems(self) -> tuple[str, ...]:
        """The Danish problem messages of every table that failed (wholly or partly)."""
        return tuple(report.problem for report in self.tables if report.problem)

    def evidence(self) -> tuple[FigureEvidence, ...]:
        """Every figure as FigureEvidence."""
        return tuple(figure.to_evidence() for figure in self.figures)


def fetch_inputs(
    year: int,
    *,
    client: StatBankClient,
    tables: Collection[str] | None = None,
    inputs: Sequence[KeyFigureInput] | None = None,
    progress: Callable[[FetchProgress], None] | None = None,
) -> FetchResult:
    """Fetches the StatBank inputs of analysis year ``year`` for all 98 municipalities.

    ``tables`` limits the fetch to some tables ("UND2", …); ``inputs`` replaces the
    vocabulary's StatBank inputs. Unless ``inputs`` is given or ``tables`` leaves it
    out, the DST kommunegruppe of every municipality is read too (input
    ``dst_municipality_group``, table LABY16; see :mod:`parathed.statbank.groups`).
    A failing table (network, 4xx, unknown code or period) does not stop the others;
    its problem is in :attr:`FetchResult.problems`.
    """
    chosen = [
        i
        for i in (inputs if inputs is not None else statbank_inputs(tables))
        if i.statbank is not None
        and (tables is None or i.statbank.table.upper() in {t.upper() for t in tables})
    ]
    by_table: dict[str, list[KeyFigureInput]] = {}
    for item in chosen:
        assert item.statbank is not None  # noqa: S101 (filtered above)
        by_table.setdefault(item.statbank.table, []).append(item)
    with_groups = inputs is None and (
        tables is None or DST_GROUP_TABLE in {t.upper() for t in tables}
    )
    figures: list[FetchedFigure] = []
    reports: list[TableReport] = []
    total = len(by_table) + (1 if with_groups else 0)
    for done, (table, table_inputs) in enumerate(by_table.items()):
        if progress is not None:
            progress(FetchProgress(table, done, total, f"Henter tabel {table} …"))
        table_figures, report = _fetch_table(client, year, table, table_inputs)
        figures.extend(table_figures)
        reports.append(report)
    if with_groups:
        if progress is not None:
            message = f"Henter kommunegrupper fra tabel {DST_GROUP_TABLE} …"
            progress(FetchProgress(DST_GROUP_TABLE, total - 1, total, message))
        group_figures, report = _fetch_groups(client, year)
        figures.extend(group_figures)
        reports.append(report)
    if progress is not None:
        progress(FetchProgress("", total, total, f"{total} tabeller behandlet."))
    return FetchResult(year=year, figures=tuple(figures), tables=tuple(reports))


def _fetch_table(
    client: StatBankClient, year: int, table: str, inputs: list[KeyFigureInput]
) -> tuple[list[FetchedFigure], TableReport]:
    names = tuple(i.name for i in inputs)
    try:
        info = client.tableinfo(table)
    except StatBankError as error:
        return [], TableReport(table, names, None, str(error))
    valid: list[KeyFigureInput] = []
    problems: list[str] = []
    for item in inputs:
        try:
            _check_selection(info, _selection(item), year)
        except StatBankSelectionError as error:
            problems.append(f"{item.name}: {error}")
        else:
            valid.append(item)
    figures: list[FetchedFigure] = []
    provenance: Provenance | None = None
    shapes: dict[tuple[str, ...], list[KeyFigureInput]] = {}
    for item in valid:
        key = tuple(variable for variable, _ in _selection(item).values)
        shapes.setdefault(key, []).append(item)
    for shape_inputs in shapes.values():
        try:
            shape_figures, provenance = _fetch_shape(client, info, year, shape_inputs)
        except StatBankError as error:
            problems.append(str(error))
            continue
        figures.extend(shape_figures)
    fetched = tuple(sorted({f.name for f in figures}, key=names.index))
    return figures, TableReport(table, fetched, provenance, " ".join(problems))


def _fetch_groups(
    client: StatBankClient, year: int
) -> tuple[list[FetchedFigure], TableReport]:
    try:
        groups, provenance = fetch_dst_groups(client)
    except StatBankError as error:
        return [], TableReport(DST_GROUP_TABLE, (DST_GROUP_INPUT,), None, str(error))
    figures = [
        FetchedFigure(
            municipality_code=code,
            name=DST_GROUP_INPUT,
            year=year,
            value=float(group),
            table=DST_GROUP_TABLE,
            period="KOMMUNEGRUPPER v1",
            extracted=provenance.fetched_at.date(),
            from_cache=provenance.from_cache,
        )
        for code, group in sorted(groups.items())
    ]
    return figures, TableReport(DST_GROUP_TABLE, (DST_GROUP_INPUT,), provenance)


def _selection(item: KeyFigureInput) -> StatBankSelection:
    if item.statbank is None:
        raise ValueError(f"{item.name} is not a StatBank input")
    return item.statbank


def _check_selection(info: TableInfo, selection: StatBankSelection, year: int) -> None:
    try:
        info.variable(selection.geography)
        time_variable = info.time_variable()
    except KeyError as error:
        raise StatBankSelectionError(
            f"Tabel {info.id} har ingen variabel {error.args[0]}."
        ) from None
    for variable_id, codes in selection.values:
        try:
            variable = info.variable(variable_id)
        except KeyError:
            raise StatBankSelectionError(
                f"Tabel {info.id} har ingen variabel {variable_id}."
            ) from None
        unknown = [code for code in codes if code not in variable.value_ids()]
        if unknown:
            raise StatBankSelectionError(
                f"Tabel {info.id} har ikke koden {', '.join(unknown)} "
                f"i variablen {variable.id}."
            )
    period = selection.period_code(year)
    if period not in time_variable.value_ids():
        newest = time_variable.values[-1].id if time_variable.values else "ingen"
        raise StatBankSelectionError(
            f"Tabel {info.id} har endnu ikke perioden {period} (nyeste: {newest})."
        )


def _national_ids(info: TableInfo, geography: str) -> frozenset[str]:
    variable = info.variable(geography)
    by_text = {
        value.id
        for value in variable.values
        if value.text.strip().lower() in NATIONAL_TEXTS
    }
    return frozenset(by_text or (variable.value_ids() & set(NATIONAL_IDS)))


def _fetch_shape(
    client: StatBankClient, info: TableInfo, year: int, inputs: list[KeyFigureInput]
) -> tuple[list[FetchedFigure], Provenance]:
    first = _selection(inputs[0])
    geography = info.variable(first.geography).id
    request: list[tuple[str, list[str]]] = [(geography, ["*"])]
    for position, (variable_id, _) in enumerate(first.values):
        codes: list[str] = []
        for item in inputs:
            for code in _selection(item).values[position][1]:
                if code not in codes:
                    codes.append(code)
        request.append((info.variable(variable_id).id, codes))
    periods = sorted({_selection(item).period_code(year) for item in inputs})
    time_id = info.time_variable().id
    request.append((time_id, periods))
    answer = client.data(info.id, request)
    national = _national_ids(info, geography)
    municipalities = {m.code for m in all_municipalities()}
    wanted = [geography, time_id, *(v for v, _ in first.values)]
    absent = [v for v in wanted if v.upper() not in answer.data.variables]
    if absent:
        raise StatBankFormatError(
            f"Svaret fra tabel {info.id} mangler kolonnen {', '.join(absent)}."
        )
    index: dict[tuple[str, ...], StatRow] = {}
    for row in answer.data.rows:
        place = row.code(geography)
        if place in national:
            place = NATIONAL_CODE
        elif place not in municipalities:
            continue  # regions, group aggregates, 998 "uoplyst kommune"
        key = (place, row.code(time_id), *(row.code(v) for v, _ in first.values))
        index[key] = row
    extracted = answer.provenance.fetched_at.date()
    figures: list[FetchedFigure] = []
    for item in inputs:
        selection = _selection(item)
        period = selection.period_code(year)
        combinations = list(
            itertools.product(*(codes for _, codes in selection.values))
        )
        for place in (*sorted(municipalities), NATIONAL_CODE):
            value = _sum(index, place, period, combinations)
            figures.append(
                FetchedFigure(
                    municipality_code=place,
                    name=item.name,
                    year=year,
                    value=value,
                    table=info.id,
                    period=period,
                    extracted=extracted,
                    from_cache=answer.provenance.from_cache,
                )
            )
    return figures, answer.provenance


def _sum(
    index: dict[tuple[str, ...], StatRow],
    place: str,
    period: str,
    combinations: list[tuple[str, ...]],
) -> float | None:
    total = 0.0
    for combination in combinations:
        row = index.get((place, period, *combination))
        if row is None or row.value is None:
            return None
        total += row.value
    return total
