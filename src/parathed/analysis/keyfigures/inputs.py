"""The key-figure input vocabulary: every raw number the analysis uses, by name.

A StatBank input carries the table and selection to fetch (``parathed.statbank`` fetches
it; the analysis never does); a municipal input (``municipal:…``) comes from the
municipality's own upload; ``dst_municipality_group`` is a classification code.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

NATIONAL_CODE = "000"  # the whole country, whatever code the table uses for it


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
                   "(2018), læst i Statistikbanken (tabel LABY16, variablen KOMGRP).",
                   "kode", InputKind.CLASSIFICATION),
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
    _municipal("municipal:bfu_median_days", "Tid til afsluttet børnefaglig "
               "undersøgelse", "dage",
               "Median antal dage fra kommunen blev opmærksom på behovet til "
               "afsluttet børnefaglig undersøgelse (§ 20), for undersøgelser "
               "afsluttet de seneste 12 måneder. Fristen er 4 måneder."),
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
