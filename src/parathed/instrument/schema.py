"""Typed shape of the readiness instrument: themes, items, checks, guide, indicators.

Everything here is immutable data read from ``data/v<N>/*.toml`` by ``loader.py``. Item ids
never change meaning across versions; ``changelog.toml`` says which items stay comparable.
How the parts become scores is written up in ``docs/instrument.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

LAW_NAME = "Barnets lov"


class Role(StrEnum):
    """Who answers the questionnaire (and who speaks in interviews)."""

    CHEF = "chef"
    LEDER = "leder"
    MEDARBEJDER = "medarbejder"
    UDFOERER = "udfoerer"  # interviews only: the provider side (udfører / partner)


SURVEY_ROLES: tuple[Role, ...] = (Role.CHEF, Role.LEDER, Role.MEDARBEJDER)

ROLE_LABELS_DA: dict[Role, str] = {
    Role.CHEF: "Chef",
    Role.LEDER: "Leder",
    Role.MEDARBEJDER: "Medarbejder",
    Role.UDFOERER: "Udfører/samarbejdspartner",
}


class Keying(StrEnum):
    """Whether agreeing with a statement means practice is in line with the law."""

    POSITIVE = "positive"  # agreement = in line with the law
    REVERSE = "reverse"  # agreement = away from the law


class CheckAnswerType(StrEnum):
    """What a case-screening check records."""

    STATUS = "status"  # met / not met / not relevant / not documented
    DATE = "date"  # a date; a rule turns two dates into met / not met
    COUNT = "count"  # a whole number; a rule may turn it into met / not met


class Direction(StrEnum):
    """Which way a key figure moves towards the reform's intention."""

    HIGHER = "higher"
    LOWER = "lower"
    CONTEXT = "context"  # context only: no direction is implied


@dataclass(frozen=True, slots=True)
class LawRef:
    """A structured reference to a provision, e.g. Barnets lov § 20, stk. 3."""

    section: str  # "20", or "20 a" for a lettered section
    stk: int | None = None
    nr: int | None = None
    law: str = LAW_NAME
    consolidation: str = ""  # e.g. "LBK nr 282 af 17/03/2025"

    def label(self) -> str:
        """Returns the reference as a Danish reader writes it: "§ 20, stk. 3, nr. 1"."""
        text = f"§ {self.section}"
        if self.stk is not None:
            text += f", stk. {self.stk}"
        if self.nr is not None:
            text += f", nr. {self.nr}"
        return text


@dataclass(frozen=True, slots=True)
class Theme:
    """One of the six readiness themes (tema)."""

    code: str
    title: str  # Danish
    description: str  # Danish
    order: int


@dataclass(frozen=True, slots=True)
class ReformAim:
    """One of the seven aims of the Børnene Først agreement."""

    code: str
    number: int
    title: str


@dataclass(frozen=True, slots=True)
class DevelopmentNeed:
    """One of the four development needs found across the partnership municipalities."""

    code: str
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class QuestionnaireItem:
    """A statement about today's practice, answered on a five-point scale or "ved ikke"."""

    id: str
    text: str
    theme: str
    roles: tuple[Role, ...]
    keying: Keying
    law_refs: tuple[LawRef, ...]
    reform_aims: tuple[str, ...]
    development_needs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """A free-text question; answers pass the CPR guard before they are stored."""

    id: str
    text: str
    roles: tuple[Role, ...]
    theme: str | None = None


@dataclass(frozen=True, slots=True)
class DateRule:
    """Turns two case dates into met / not met: ``end - start <= limit``."""

    start: str  # name of a case fact date, e.g. "awareness_date"
    end: str  # e.g. "bfu_finished_date"
    max_days: int | None = None
    max_months: int | None = None
    max_hours: int | None = None
    description: str = ""  # Danish, e.g. "BFU afsluttet senest 4 måneder efter ..."


@dataclass(frozen=True, slots=True)
class CaseCheck:
    """A concrete requirement of the law checked in one case file."""

    id: str
    text: str
    theme: str
    answer_type: CheckAnswerType
    law_refs: tuple[LawRef, ...]
    reform_aims: tuple[str, ...] = ()
    development_needs: tuple[str, ...] = ()
    rule: DateRule | None = None
    count_max: int | None = None  # for COUNT checks: met when the count is at most this
    applies_to: tuple[str, ...] = ()  # case kinds it applies to; empty = all


@dataclass(frozen=True, slots=True)
class InterviewQuestion:
    """A question in the interview guide for one or more roles and one theme."""

    id: str
    text: str
    theme: str
    roles: tuple[Role, ...]
    law_refs: tuple[LawRef, ...] = ()
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Indicator:
    """A key figure (nøgletal) and how to compute it."""

    id: str
    title: str
    theme: str
    unit: str
    direction: Direction
    formula: str  # in words and symbols over the named sources
    sources: tuple[str, ...]  # StatBank tables ("BU01A") or "municipal:<field>"
    law_refs: tuple[LawRef, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangelogEntry:
    """What changed in one version, and which items stay comparable with the previous."""

    version: str
    date: str
    summary: str
    comparable_with_previous: tuple[str, ...] = ()
    not_comparable: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Instrument:
    """The whole readiness instrument of one version."""

    version: str
    consolidation: str
    themes: tuple[Theme, ...]
    reform_aims: tuple[ReformAim, ...]
    development_needs: tuple[DevelopmentNeed, ...]
    items: tuple[QuestionnaireItem, ...]
    open_questions: tuple[OpenQuestion, ...] = ()
    case_checks: tuple[CaseCheck, ...] = ()
    interview_questions: tuple[InterviewQuestion, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    changelog: tuple[ChangelogEntry, ...] = field(default=())

    def theme(self, code: str) -> Theme:
        """Returns the theme with ``code``; raises KeyError when there is none."""
        for theme in self.themes:
            if theme.code == code:
                return theme
        raise KeyError(code)

    def items_for_role(self, role: Role) -> tuple[QuestionnaireItem, ...]:
        """Returns the questionnaire items shown to ``role``, in instrument order."""
        return tuple(item for item in self.items if role in item.roles)

    def item(self, item_id: str) -> QuestionnaireItem:
        """Returns the item with ``item_id``; raises KeyError when there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)
