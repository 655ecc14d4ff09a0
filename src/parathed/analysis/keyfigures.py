"""Key figures (nøgletal): the input vocabulary, indicator values and benchmarks.

Three parts, all pure (no Django, no I/O, no clock):

1. **Inputs** (:data:`INPUTS`): every raw number the key-figure analysis uses, by name.
   A StatBank input carries the table and selection to fetch (``parathed.statbank``
   fetches it; this module never does). A municipal input (``municipal:…``) comes from
   the municipality's own upload. The classification input ``dst_municipality_group``
   is the municipality's DST kommunegruppe (see *Where the DST group comes from*).
   :class:`parathed.analysis.evidence.FigureEvidence` names its input here.
2. **Indicators** (:data:`FORMULAS`): each of the instrument's indicators computed from
   inputs, following ``indicators.toml`` (``KF-ES02`` = children with notifications per
   1,000 aged 0-17, …). A missing input gives a missing indicator, never 0.
3. **Benchmarks**: each municipality's position against the partnership, the nation,
   its DST kommunegruppe and its structurally most similar municipalities
   (:func:`benchmark_municipality`, :func:`benchmark_key_figures`).

Where the DST group comes from
------------------------------
parathed ships no copy of DST's classification KOMMUNEGRUPPER (v1, 2018). The group is
an input like any other figure: ``dst_municipality_group`` with the group code 1-5 as
its value, entered for each municipality (the web side's national key-figure upload
carries it, read from DST's published classification) and stored with its source.
:func:`dst_groups_from_figures` turns those figures into the mapping the benchmarks use.
Without it the DST-group comparison falls back to the nation and says so; the
structural-similarity group needs no configuration, because it is computed from StatBank
inputs (population, area, share of vulnerable children).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from parathed.analysis.evidence import FigureEvidence, FigureStatus
from parathed.instrument.schema import Direction, Indicator

NATIONAL_CODE = "000"  # the whole country, whatever code the table uses for it
MIN_OTHERS = 3  # fewest other municipalities with a value before a group is used
SIMILAR_COUNT = 5  # size of the structural-similarity group (others)


# -- 1. Inputs ------------------------------------------------------------------------


class InputKind(StrEnum):
    """Where an input's values come from."""

    STATBANK = "statbank"  # fetched from Statistics Denmark's StatBank
    MUNICIPAL = "municipal"  # the municipality's own data (upload)
    CLASSIFICATION = "classification"  # a code assigned to the municipality


class PeriodRule(StrEnum):
    """Which StatBank period holds an input of analysis year ``Y``."""

    YEAR = "year"  # Tid = "Y" (stocks at 31 December Y, flows during Y, accounts)
    NEXT_Q1 = "next_q1"  # Tid = "(Y+1)K1": population on 1 January of the next year


@dataclass(frozen=True, slots=True)
class StatBankSelection:
    """What to fetch for one input: the table, its geography variable, fixed codes.

    ``geography`` is the variable holding the municipality code (all its values are
    fetched; the national total becomes :data:`NATIONAL_CODE`). ``values`` fixes every
    other variable except time; when a variable lists several codes their values are
    summed, and the sum is missing if any part is missing.
    """

    table: str
    geography: str
    values: tuple[tuple[str, tuple[str, ...]], ...]
    period: PeriodRule = PeriodRule.YEAR

    def period_code(self, year: int) -> str:
        """The StatBank time code for analysis year ``year`` ("2025" or "2026K1")."""
        if self.period is PeriodRule.NEXT_Q1:
            return f"{year + 1}K1"
        return str(year)


@dataclass(frozen=True, slots=True)
class KeyFigureInput:
    """One raw input of the key-figure analysis."""

    name: str  # "population_0_17", "municipal:caseworker_fte"
    label: str  # Danish, for templates and pages
    description: str  # Danish: exactly what is counted
    unit: str  # Danish
    kind: InputKind
    statbank: StatBankSelection | None = None


def _ages(first: int, last: int) -> str:
    return "+".join(str(age) for age in range(first, last + 1))


def _sel(
    table: str, geography: str, spec: str, period: PeriodRule = PeriodRule.YEAR
) -> StatBankSelection:
    """``spec`` = "VARIABLE=code+code VARIABLE=code"; ``+`` joins codes to sum."""
    values = []
    for part in spec.split():
        variable, codes = part.split("=")
        values.append((variable, tuple(codes.split("+"))))
    return StatBankSelection(table, geography, tuple(values), period)


def _folk1a(ages: str) -> StatBankSelection:
    spec = f"KØN=TOT ALDER={ages} CIVILSTAND=TOT"
    return _sel("FOLK1A", "OMRÅDE", spec, PeriodRule.NEXT_Q1)


def _regk31(functions: str) -> StatBankSelection:
    spec = f"FUNKTION={functions} DRANST=1 ART=TOT PRISENHED=LOBM"
    return _sel("REGK31", "OMRÅDE", spec)


def _statbank(
    name: str, label: str, unit: str, selection: StatBankSelection, description: str
) -> KeyFigureInput:
    return KeyFigureInput(name, label, description, unit, InputKind.STATBANK, selection)


def _municipal(name: str, label: str, unit: str, description: str) -> KeyFigureInput:
    return KeyFigureInput(name, label, description, unit, InputKind.MUNICIPAL)


_PLACE = "52820+52821+52822+52823+52824"

# fmt: off
_VOCABULARY = (
    _statbank("population_0_17", "Folketal 0-17 år", "personer", _folk1a(_ages(0, 17)),
              "Indbyggere på 0-17 år den 1. januar året efter analyseåret (FOLK1A)."),
    _statbank("population_18_22", "Folketal 18-22 år", "personer",
              _folk1a(_ages(18, 22)),
              "Indbyggere på 18-22 år den 1. januar året efter analyseåret (FOLK1A)."),
    _statbank("population_total", "Folketal i alt", "personer", _folk1a("IALT"),
              "Alle indbyggere den 1. januar året efter analyseåret (FOLK1A)."),
    _statbank("area_km2", "Areal", "km²", _sel("ARE207", "OMRÅDE", ""),
              "Kommunens areal 1. januar i analyseåret (ARE207)."),
    _statbank("notifications", "Underretninger", "underretninger",
              _sel("UND1", "ADMKOM", "UNDERRETERE=0 ALDER1=00 KON=0"),
              "Underretninger vedrørende børn i analyseåret, i alt (UND1)."),
    _statbank("children_with_notifications", "Børn med underretninger", "børn",
              _sel("UND2", "ADMKOM", "UNDERRET=00 ALDER1=00 KON=0"),
              "Børn, der er modtaget mindst én underretning om i året (UND2)."),
    _statbank("preventive_share_0_17", "Andel 0-17-årige med støttende indsatser",
              "procent", _sel("BU43", "OMRÅDE", "FORANSTALT=FORB ALDER=9917"),
              "Procent af de 0-17-årige med støttende indsatser pr. 31.12. (BU43)."),
    _statbank("placed_share_0_17", "Andel 0-17-årige, der er anbragt", "procent",
              _sel("BU43", "OMRÅDE", "FORANSTALT=ANBR ALDER=9917"),
              "Procent af de 0-17-årige, der er anbragt, pr. 31.12. (BU43)."),
    _statbank("supported_share_18_22", "Andel 18-22-årige med støtte", "procent",
              _sel("BU43", "OMRÅDE", "FORANSTALT=IALT ALDER=1822"),
              "Procent af de 18-22-årige med støtte eller anbringelse (BU43)."),
    _statbank("vulnerable_share_0_22", "Andel udsatte 0-22-årige", "procent",
              _sel("BU43", "OMRÅDE", "FORANSTALT=IALT ALDER=TOT22"),
              "Procent af de 0-22-årige med støtte eller anbringelse (BU43)."),
    _statbank("placed_0_17", "Anbragte 0-17-årige", "anbragte",
              _sel("ANBAAR9", "ADMKOM", "ALERAMS=9917"),
              "Anbragte 0-17-årige pr. 31.12. efter administrationskommune (ANBAAR9)."),
    _statbank("placed_18_22", "Anbragte 18-22-årige", "anbragte",
              _sel("ANBAAR9", "ADMKOM", "ALERAMS=1822"),
              "18-22-årige i anbringelse eller døgnophold pr. 31.12. (ANBAAR9)."),
    _statbank("placed_all", "Anbragte i alt", "anbragte",
              _sel("ANBAAR12", "ADMKOM", "ANBRINGELSE=0"),
              "Anbragte børn og unge pr. 31.12., alle anbringelsessteder (ANBAAR12)."),
    _statbank("placed_place_unknown", "Anbragte, uoplyst sted", "anbragte",
              _sel("ANBAAR12", "ADMKOM", "ANBRINGELSE=99"),
              "Anbragte med uoplyst anbringelsessted (ANBAAR12, kode 99)."),
    _statbank("placed_network", "Anbragte i netværkspleje", "anbragte",
              _sel("ANBAAR12", "ADMKOM", "ANBRINGELSE=1"),
              "Anbragte i netværksplejefamilie (ANBAAR12, kode 1)."),
    _statbank("placed_foster_family", "Anbragte i plejefamilie", "anbragte",
              _sel("ANBAAR12", "ADMKOM", "ANBRINGELSE=1+21+22+23+24+25+26"),
              "Anbragte i plejefamilie inkl. netværkspleje (ANBAAR12, 1 og 21-26)."),
    _statbank("placed_residential", "Anbragte på børne- og ungehjem", "anbragte",
              _sel("ANBAAR12", "ADMKOM", "ANBRINGELSE=7+8+9+27"),
              "Anbragte på døgninstitution eller opholdssted (ANBAAR12, 7-9 og 27)."),
    _statbank("placed_by_decision_all", "Anbragte efter afgørelse i alt", "anbragte",
              _sel("ANBAAR13", "ADMKOM", "FORAN=0"),
              "Anbragte pr. 31.12., alle afgørelsestyper (ANBAAR13, kode 0)."),
    _statbank("placed_without_consent", "Anbragte uden samtykke", "anbragte",
              _sel("ANBAAR13", "ADMKOM", "FORAN=102"),
              "Anbragte efter afgørelse uden samtykke (ANBAAR13, kode 102)."),
    _statbank("expenditure_preventive", "Udgift, forebyggende indsatser", "1.000 kr.",
              _regk31("52821"),
              "Nettodriftsudgift, funktion 5.28.21, løbende priser (REGK31)."),
    _statbank("expenditure_special_needs", "Udgift, børn og unge med særlige behov",
              "1.000 kr.", _regk31(_PLACE),
              "Nettodriftsudgift, funktion 5.28.20-5.28.24, løbende priser (REGK31)."),
    _statbank("interventions_active", "Aktive indsatser", "indsatser",
              _sel("ISBU01", "KOMMUNEDK", "INDSATSER=3"),
              "Aktive indsatser og støtte i året, i alt (ISBU01)."),
    _statbank("children_with_interventions", "Børn med indsatser", "børn",
              _sel("ISBU02", "KOMMUNEDK", "INDSATSER=2"),
              "Børn og unge, der modtager indsatser og støtte i året (ISBU02)."),
    KeyFigureInput("dst_municipality_group", "Kommunegruppe (Danmarks Statistik)",
                   "Kode 1-5 i Danmarks Statistiks klassifikation KOMMUNEGRUPPER v1 "
                   "(2018).", "kode", InputKind.CLASSIFICATION),
    _municipal("municipal:placed_age_0_5", "Anbragte 0-5-årige", "børn",
               "Anbragte børn på 0-5 år pr. 31.12., fra kommunens egne data."),
    _municipal("municipal:caseworker_changes_12m", "Rådgiverskift", "skift",
               "Skift af ansvarlig rådgiver de seneste 12 måneder."),
    _municipal("municipal:children_with_open_case", "Børn med åben sag", "børn",
               "Børn med åben sag på tælledagen."),
    _municipal("municipal:open_cases", "Åbne sager", "sager",
               "Åbne sager på tælledagen (oplys, om en sag er et barn eller en "
               "familie)."),
    _municipal("municipal:caseworker_fte", "Rådgiverårsværk", "årsværk",
               "Børne- og ungerådgivere på tælledagen, i årsværk."),
    _municipal("municipal:decisions", "Afgørelser", "afgørelser",
               "Afgørelser truffet i de seneste 12 måneder."),
    _municipal("municipal:decisions_with_child_conversation",
               "Afgørelser med samtale", "afgørelser",
               "Afgørelser med dokumenteret samtale med barnet forud."),
)
# fmt: on

INPUTS: Mapping[str, KeyFigureInput] = {i.name: i for i in _VOCABULARY}

DST_GROUP_INPUT = "dst_municipality_group"
DST_GROUP_NAMES: Mapping[str, str] = {
    "1": "Hovedstadskommuner",
    "2": "Storbykommuner",
    "3": "Provinsbykommuner",
    "4": "Oplandskommuner",
    "5": "Landkommuner",
}
STRUCTURE_INPUTS = ("population_total", "area_km2", "vulnerable_share_0_22")


def input_by_name(name: str) -> KeyFigureInput:
    """The input called ``name``; KeyError for a name outside the vocabulary."""
    return INPUTS[name]


def statbank_inputs(
    tables: Collection[str] | None = None,
) -> tuple[KeyFigureInput, ...]:
    """Every StatBank input (of ``tables`` only, when given), in vocabulary order."""
    wanted = {table.upper() for table in tables} if tables is not None else None
    return tuple(
        i
        for i in INPUTS.values()
        if i.statbank is not None
        and (wanted is None or i.statbank.table.upper() in wanted)
    )


def municipal_inputs() -> tuple[KeyFigureInput, ...]:
    """Every input the municipality supplies itself (``municipal:…``)."""
    return tuple(i for i in INPUTS.values() if i.kind is InputKind.MUNICIPAL)


# -- 2. Indicators --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Formula:
    """An indicator as (sum of numerator terms) / (sum of denominator terms) × factor.

    A term is ``(input name, sign)``; an empty denominator means 1. The result is
    missing when any input is missing or the denominator is 0.
    """

    indicator_id: str
    numerator: tuple[tuple[str, int], ...]
    denominator: tuple[tuple[str, int], ...] = ()
    factor: float = 1.0

    def input_names(self) -> tuple[str, ...]:
        """Every input the formula reads, numerator first."""
        return tuple(name for name, _ in (*self.numerator, *self.denominator))


def _f(
    indicator_id: str, numerator: str, denominator: str = "", factor: float = 1.0
) -> Formula:
    def terms(text: str) -> tuple[tuple[str, int], ...]:
        result: list[tuple[str, int]] = []
        for part in text.replace("-", " -").replace("+", " +").split():
            sign = -1 if part.startswith("-") else 1
            result.append((part.lstrip("+-"), sign))
        return tuple(result)

    return Formula(indicator_id, terms(numerator), terms(denominator), factor)


_PLACED_KNOWN = "placed_all -placed_place_unknown"

FORMULAS: Mapping[str, Formula] = {
    f.indicator_id: f
    for f in (
        _f("KF-ES01", "notifications", "population_0_17", 1000.0),
        _f("KF-ES02", "children_with_notifications", "population_0_17", 1000.0),
        _f("KF-ES03", "preventive_share_0_17", "", 10.0),
        _f("KF-ES04", "preventive_share_0_17", "placed_share_0_17"),
        _f("KF-PQ01", "placed_0_17", "population_0_17", 1000.0),
        _f("KF-PQ02", "placed_network", _PLACED_KNOWN, 100.0),
        _f("KF-PQ03", "placed_foster_family", _PLACED_KNOWN, 100.0),
        _f("KF-PQ04", "placed_residential", _PLACED_KNOWN, 100.0),
        _f("KF-PQ05", "municipal:placed_age_0_5", "placed_0_17", 100.0),
        _f("KF-PQ06", "placed_without_consent", "placed_by_decision_all", 100.0),
        _f(
            "KF-CC01",
            "municipal:caseworker_changes_12m",
            "municipal:children_with_open_case",
        ),
        _f("KF-CC02", "municipal:open_cases", "municipal:caseworker_fte"),
        _f(
            "KF-IR01",
            "municipal:decisions_with_child_conversation",
            "municipal:decisions",
            100.0,
        ),
        _f("KF-TA01", "placed_18_22", "population_18_22", 1000.0),
        _f("KF-TA02", "supported_share_18_22"),
        _f("KF-LS01", "expenditure_preventive", "expenditure_special_needs", 100.0),
        _f("KF-LS02", "expenditure_special_needs", "population_0_17", 1000.0),
        _f("KF-LS03", "interventions_active", "children_with_interventions"),
    )
}


def compute_indicator(
    indicator_id: str, inputs: Mapping[str, float | None]
) -> float | None:
    """The indicator's value from one municipality's inputs (name -> value).

    None when an input is absent or missing, or the denominator is 0. KeyError for an
    indicator without a formula.
    """
    formula = FORMULAS[indicator_id]

    def total(terms: tuple[tuple[str, int], ...]) -> float | None:
        result = 0.0
        for name, sign in terms:
            value = inputs.get(name)
            if value is None or not math.isfinite(value):
                return None
            result += sign * value
        return result

    numerator = total(formula.numerator)
    denominator = total(formula.denominator) if formula.denominator else 1.0
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * formula.factor


_STATUS_PRIORITY = {
    FigureStatus.CORRECTED: 2,
    FigureStatus.CONFIRMED: 1,
    FigureStatus.UNVALIDATED: 0,
}


def inputs_by_municipality(
    figures: Iterable[FigureEvidence], *, year: int
) -> dict[str, dict[str, float | None]]:
    """Figures of ``year`` as municipality code -> input name -> value.

    When one input of one municipality appears more than once, the municipality's
    corrected value wins over a confirmed one, which wins over an unvalidated one.
    """
    chosen: dict[tuple[str, str], FigureEvidence] = {}
    for figure in figures:
        if figure.year != year:
            continue
        key = (figure.municipality_code, figure.name)
        held = chosen.get(key)
        if (
            held is None
            or _STATUS_PRIORITY[figure.status] >= _STATUS_PRIORITY[held.status]
        ):
            chosen[key] = figure
    result: dict[str, dict[str, float | None]] = {}
    for (code, name), figure in chosen.items():
        result.setdefault(code, {})[name] = figure.value
    return result


def indicator_values(
    figures: Iterable[FigureEvidence], *, year: int, indicator_id: str
) -> dict[str, float | None]:
    """The indicator for every municipality (and :data:`NATIONAL_CODE`) with figures."""
    return {
        code: compute_indicator(indicator_id, inputs)
        for code, inputs in inputs_by_municipality(figures, year=year).items()
    }


def dst_groups_from_figures(
    figures: Iterable[FigureEvidence], *, year: int
) -> dict[str, str]:
    """Municipality code -> DST group code ("1"-"5") from ``dst_municipality_group``."""
    groups: dict[str, str] = {}
    for code, inputs in inputs_by_municipality(figures, year=year).items():
        value = inputs.get(DST_GROUP_INPUT)
        if value is not None and code != NATIONAL_CODE:
            groups[code] = str(round(value))
    return groups


# -- 3. Benchmarks --------------------------------------------------------------------


class ComparisonKind(StrEnum):
    """Whom a municipality is compared with."""

    PARTNERSHIP = "partnership"
    NATION = "nation"
    DST_GROUP = "dst_group"
    SIMILAR = "similar"


@dataclass(frozen=True, slots=True)
class Position:
    """A municipality's position on one indicator within one comparison group.

    ``rank`` is 1 for the best value (direction-aware: the highest for "higher", the
    lowest for "lower"; for "context" 1 is the highest value); tied values share the
    better rank. ``percentile`` is on the value scale whatever the direction: the share
    (0-100) of the other municipalities with a lower value, ties counted half.
    ``reference`` is the median of the others (for the nation the national figure
    when known, see ``reference_basis``) and ``difference`` is value - reference.
    ``favourable`` tells whether the difference points the reform's way (None for
    "context" or no difference). ``broadened`` and ``note`` (Danish) say when a wider
    group than asked for was used, or why there is no position.
    """

    kind: ComparisonKind
    label: str  # Danish, e.g. "Kommunegruppe: Landkommuner"
    compared_with: tuple[str, ...]  # codes of the other municipalities with a value
    rank: int | None
    size: int  # municipalities ranked, this one included
    percentile: float | None
    reference: float | None
    reference_basis: str  # "median" or "national_total"
    difference: float | None
    favourable: bool | None
    broadened: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Benchmark:
    """One municipality's value of one indicator and its positions."""

    indicator_id: str
    municipality_code: str
    value: float | None
    direction: Direction
    positions: tuple[Position, ...]

    def position(self, kind: ComparisonKind) -> Position:
        """The position of comparison ``kind``; KeyError when absent."""
        for position in self.positions:
            if position.kind is kind:
                return position
        raise KeyError(kind)


def rank_of(value: float, others: Sequence[float], direction: Direction) -> int:
    """1 + the number of others strictly better (lower for "lower", else higher)."""
    if direction is Direction.LOWER:
        return 1 + sum(1 for other in others if other < value)
    return 1 + sum(1 for other in others if other > value)


def percentile_of(value: float, others: Sequence[float]) -> float | None:
    """The share (0-100) of ``others`` below ``value``, ties counted half."""
    if not others:
        return None
    below = sum(1 for other in others if other < value)
    ties = sum(1 for other in others if other == value)
    return 100.0 * (below + 0.5 * ties) / len(others)


def _favourable(difference: float, direction: Direction) -> bool | None:
    if direction is Direction.CONTEXT or difference == 0:
        return None
    return (difference > 0) == (direction is Direction.HIGHER)


def _position(
    kind: ComparisonKind,
    label: str,
    value: float | None,
    values: Mapping[str, float | None],
    others: Iterable[str],
    direction: Direction,
    *,
    broadened: bool = False,
    note: str = "",
    national_value: float | None = None,
) -> Position:
    members = tuple(
        sorted(code for code in set(others) if values.get(code) is not None)
    )
    numbers = [v for code in members if (v := values[code]) is not None]
    if value is None:
        return Position(
            kind,
            label,
            members,
            None,
            len(members),
            None,
            None,
            "median",
            None,
            None,
            broadened,
            note or "Kommunen har intet tal for indikatoren.",
        )
    if len(numbers) < MIN_OTHERS:
        reason = (
            f"Kun {len(numbers)} andre kommuner med tal (mindst {MIN_OTHERS} kræves); "
            "ingen placering."
        )
        return Position(
            kind,
            label,
            members,
            None,
            len(members) + 1,
            None,
            None,
            "median",
            None,
            None,
            broadened,
            f"{note} {reason}".strip(),
        )
    basis = "median"
    reference = statistics.median(numbers)
    if national_value is not None:
        basis, reference = "national_total", national_value
    difference = value - reference
    return Position(
        kind=kind,
        label=label,
        compared_with=members,
        rank=rank_of(value, numbers, direction),
        size=len(numbers) + 1,
        percentile=percentile_of(value, numbers),
        reference=reference,
        reference_basis=basis,
        difference=difference,
        favourable=_favourable(difference, direction),
        broadened=broadened,
        note=note,
    )


def _with_value(values: Mapping[str, float | None], codes: Iterable[str]) -> int:
    return sum(1 for code in codes if values.get(code) is not None)


def _dst_group_position(
    code: str,
    value: float | None,
    values: Mapping[str, float | None],
    direction: Direction,
    dst_groups: Mapping[str, str] | None,
) -> Position:
    everyone = [c for c in values if c not in {code, NATIONAL_CODE}]
    group = (dst_groups or {}).get(code)
    if group is None or group not in DST_GROUP_NAMES:
        return _position(
            ComparisonKind.DST_GROUP,
            "Hele landet (kommunegruppe ukendt)",
            value,
            values,
            everyone,
            direction,
            broadened=True,
            note="Kommunens kommunegruppe er ikke oplyst; sammenlignet med hele "
            "landet.",
        )
    assert dst_groups is not None  # noqa: S101 (narrowing for mypy)
    name = DST_GROUP_NAMES[group]
    same = [c for c in everyone if dst_groups.get(c) == group]
    if _with_value(values, same) >= MIN_OTHERS:
        return _position(
            ComparisonKind.DST_GROUP,
            f"Kommunegruppe: {name}",
            value,
            values,
            same,
            direction,
        )
    # Groups are ordered by urbanisation: widen to the neighbouring groups.
    near = {str(int(group) + step) for step in (-1, 0, 1)} & set(DST_GROUP_NAMES)
    wider = [c for c in everyone if dst_groups.get(c) in near]
    names = " og ".join(DST_GROUP_NAMES[g] for g in sorted(near))
    if _with_value(values, wider) >= MIN_OTHERS:
        return _position(
            ComparisonKind.DST_GROUP,
            f"Kommunegrupper: {names}",
            value,
            values,
            wider,
            direction,
            broadened=True,
            note=f"{name} har for få andre kommuner med tal; sammenlignet med {names}.",
        )
    return _position(
        ComparisonKind.DST_GROUP,
        "Hele landet",
        value,
        values,
        everyone,
        direction,
        broadened=True,
        note=f"{names} har for få andre kommuner med tal; sammenlignet med "
        "hele landet.",
    )


def benchmark_municipality(
    values: Mapping[str, float | None],
    *,
    indicator_id: str,
    municipality_code: str,
    direction: Direction,
    partnership: Collection[str] = (),
    dst_groups: Mapping[str, str] | None = None,
    profiles: Mapping[str, StructuralProfile] | None = None,
    national_value: float | None = None,
    similar_count: int = SIMILAR_COUNT,
) -> Benchmark:
    """Positions one municipality among the others on one indicator.

    ``values`` holds the indicator for every municipality (code -> value or None);
    a key :data:`NATIONAL_CODE` is ignored there, pass the national figure as
    ``national_value``. Comparisons, in this order: the partnership (its other
    members), the nation (all others), the DST kommunegruppe (``dst_groups``: code ->
    "1"-"5"), and the ``similar_count`` structurally nearest municipalities with a value
    (``profiles``; see :func:`similar_municipalities`). A group is used only with at
    least :data:`MIN_OTHERS` other municipalities with a value; otherwise the DST group
    widens to its neighbouring groups and then the nation, the similarity group falls
    back to the DST group, and the partnership gets no position — each with a note.
    """
    code = municipality_code
    value = values.get(code)
    everyone = [c for c in values if c not in {code, NATIONAL_CODE}]
    positions = [
        _position(
            ComparisonKind.PARTNERSHIP,
            "Partnerskabet",
            value,
            values,
            [c for c in partnership if c != code],
            direction,
        ),
        _position(
            ComparisonKind.NATION,
            "Hele landet",
            value,
            values,
            everyone,
            direction,
            national_value=national_value,
        ),
    ]
    dst_position = _dst_group_position(code, value, values, direction, dst_groups)
    positions.append(dst_position)
    candidates = [c for c in everyone if values.get(c) is not None]
    if profiles is not None and code in profiles and len(candidates) >= MIN_OTHERS:
        nearest = similar_municipalities(
            profiles, code, among=candidates, count=similar_count
        )
        positions.append(
            _position(
                ComparisonKind.SIMILAR,
                f"{len(nearest)} strukturelt sammenlignelige kommuner",
                value,
                values,
                nearest,
                direction,
            )
        )
    else:
        reason = (
            "Kommunens strukturdata (folketal, areal, andel udsatte børn) mangler"
            if profiles is None or code not in profiles
            else "For få kommuner har tal"
        )
        positions.append(
            Position(
                ComparisonKind.SIMILAR,
                dst_position.label,
                dst_position.compared_with,
                dst_position.rank,
                dst_position.size,
                dst_position.percentile,
                dst_position.reference,
                dst_position.reference_basis,
                dst_position.difference,
                dst_position.favourable,
                broadened=True,
                note=(
                    f"{reason}; i stedet vises kommunegruppen. {dst_position.note}"
                ).strip(),
            )
        )
    return Benchmark(indicator_id, code, value, direction, tuple(positions))


@dataclass(frozen=True, slots=True)
class StructuralProfile:
    """A municipality's structure: size, urbanisation and share of vulnerable children.

    ``log_population`` = ln(population), ``log_density`` = ln(inhabitants per km²),
    ``vulnerable_share`` = BU43's share of 0-22-year-olds receiving support or placed.
    """

    log_population: float
    log_density: float
    vulnerable_share: float


def structural_profiles(
    figures: Iterable[FigureEvidence], *, year: int
) -> dict[str, StructuralProfile]:
    """Profiles of every municipality whose structure inputs are all present."""
    profiles: dict[str, StructuralProfile] = {}
    for code, inputs in inputs_by_municipality(figures, year=year).items():
        population, area, share = (inputs.get(name) for name in STRUCTURE_INPUTS)
        if code == NATIONAL_CODE or population is None or area is None:
            continue
        if share is None or population <= 0 or area <= 0:
            continue
        profiles[code] = StructuralProfile(
            math.log(population), math.log(population / area), share
        )
    return profiles


def similar_municipalities(
    profiles: Mapping[str, StructuralProfile],
    code: str,
    *,
    among: Collection[str] | None = None,
    count: int = SIMILAR_COUNT,
) -> tuple[str, ...]:
    """The ``count`` municipalities structurally nearest to ``code``, nearest first.

    Each of the three profile features is standardised (z-score over all
    ``profiles``); the distance is Euclidean over the three; ties go to the lower code.
    ``among`` limits the candidates (e.g. to municipalities with a value).
    """
    if code not in profiles:
        raise KeyError(code)
    columns = list(
        zip(
            *(
                (p.log_population, p.log_density, p.vulnerable_share)
                for p in profiles.values()
            ),
            strict=True,
        )
    )
    centres = [statistics.fmean(column) for column in columns]
    spreads = [statistics.pstdev(column) or 1.0 for column in columns]

    def scaled(profile: StructuralProfile) -> tuple[float, ...]:
        raw = (profile.log_population, profile.log_density, profile.vulnerable_share)
        return tuple(
            (x - centre) / spread
            for x, centre, spread in zip(raw, centres, spreads, strict=True)
        )

    origin = scaled(profiles[code])
    pool = [c for c in (among if among is not None else profiles) if c in profiles]
    distances = sorted(
        (math.dist(origin, scaled(profiles[c])), c) for c in pool if c != code
    )
    return tuple(c for _, c in distances[:count])


def benchmark_key_figures(
    figures: Iterable[FigureEvidence],
    *,
    year: int,
    indicators: Sequence[Indicator],
    municipality_codes: Sequence[str],
    partnership: Collection[str],
    dst_groups: Mapping[str, str] | None = None,
    similar_count: int = SIMILAR_COUNT,
) -> tuple[Benchmark, ...]:
    """Benchmarks of ``municipality_codes`` on every indicator with a formula.

    ``figures`` should hold inputs for all 98 municipalities (and the national total
    under :data:`NATIONAL_CODE`), so that the nation and the groups are complete.
    ``dst_groups`` defaults to the ``dst_municipality_group`` figures.
    """
    figures = tuple(figures)
    if dst_groups is None:
        dst_groups = dst_groups_from_figures(figures, year=year)
    profiles = structural_profiles(figures, year=year)
    by_municipality = inputs_by_municipality(figures, year=year)
    result: list[Benchmark] = []
    for indicator in indicators:
        if indicator.id not in FORMULAS:
            continue
        values = {
            code: compute_indicator(indicator.id, inputs)
            for code, inputs in by_municipality.items()
        }
        national = values.pop(NATIONAL_CODE, None)
        for code in municipality_codes:
            result.append(
                benchmark_municipality(
                    values,
                    indicator_id=indicator.id,
                    municipality_code=code,
                    direction=indicator.direction,
                    partnership=partnership,
                    dst_groups=dst_groups,
                    profiles=profiles,
                    national_value=national,
                    similar_count=similar_count,
                )
            )
    return tuple(result)
