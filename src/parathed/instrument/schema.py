"""Typed shape of the readiness instrument: themes, items, checks, guide, indicators.

Everything here is immutable data read from ``data/v<N>/*.toml`` by ``loader.py``.
Item ids never change meaning across versions; ``changelog.toml`` says which items stay
comparable. How the parts become scores is written up in ``docs/instrument.md``.
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


class CheckStatus(StrEnum):
    """The outcome of one case-screening check in one case file."""

    MET = "met"  # the requirement is met, or a lawful exception is documented
    NOT_MET = "not_met"
    NOT_RELEVANT = "not_relevant"  # left out of the share
    NOT_DOCUMENTED = "not_documented"  # counted as not met, and reported on its own


CHECK_STATUS_LABELS_DA: dict[CheckStatus, str] = {
    CheckStatus.MET: "Opfyldt",
    CheckStatus.NOT_MET: "Ikke opfyldt",
    CheckStatus.NOT_RELEVANT: "Ikke relevant",
    CheckStatus.NOT_DOCUMENTED: "Ikke dokumenteret",
}


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

    @property
    def section_number(self) -> int:
        """Returns the section's number without its letter: 20 for "20 a"."""
        return int(self.section.split()[0].rstrip("abcdefghijklmnopqrstuvwxyz"))


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter of Barnets lov and the range of sections it holds."""

    number: str  # "5", or "14-15" where the chapter map groups chapters
    title: str  # Danish
    first: int
    last: int

    def holds(self, section_number: int) -> bool:
        """Returns whether § ``section_number`` lies in this chapter."""
        return self.first <= section_number <= self.last


@dataclass(frozen=True, slots=True)
class Theme:
    """One of the six readiness themes (tema)."""

    code: str
    title: str  # Danish
    description: str  # Danish
    order: int
    prefix: str = ""  # the two letters that start the theme's item ids, e.g. "ES"


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
    """A statement about today's practice, answered on a 1-5 scale or "ved ikke"."""

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
class ScalePoint:
    """One answer option of the questionnaire; ``value`` None is "ved ikke"."""

    value: int | None
    label: str  # Danish, e.g. "Helt enig"


@dataclass(frozen=True, slots=True)
class CaseFact:
    """A named date a screener records from a case file, used by date rules."""

    name: str  # e.g. "awareness_date"
    title: str  # Danish
    description: str = ""
    derived: bool = False  # computed from other facts (e.g. the 18th birthday)


@dataclass(frozen=True, slots=True)
class CaseKind:
    """A kind of case a check applies to; one case may be of several kinds."""

    code: str  # e.g. "placement"
    title: str  # Danish
    description: str = ""


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
    applies_to: tuple[str, ...] = ()  # case kinds it applies to (any of); empty = all
    count_min: int | None = (
        None  # for COUNT checks: met when the count is at least this
    )
    guidance: str = ""  # Danish: how the screener decides, and when it is not relevant


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
    note: str = ""  # caveats: breaks in series, unconfirmed codes, benchmarks


@dataclass(frozen=True, slots=True)
class CodingValence:
    """Whether a coded interview passage is a strength or a challenge."""

    code: str  # "styrke" or "udfordring"
    title: str  # Danish
    description: str = ""


@dataclass(frozen=True, slots=True)
class CodingScheme:
    """How interview notes are coded: theme x valence x development need."""

    dimensions: tuple[str, ...]  # ("theme", "valence", "development_need")
    valences: tuple[CodingValence, ...]
    description: str = ""  # Danish guidance for the coder


@dataclass(frozen=True, slots=True)
class ChangelogEntry:
    """What changed in one version, and which items stay comparable with the last."""

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
    chapters: tuple[Chapter, ...] = ()
    case_facts: tuple[CaseFact, ...] = ()
    case_kinds: tuple[CaseKind, ...] = ()
    answer_scale: tuple[ScalePoint, ...] = ()
    coding: CodingScheme | None = None

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

    def case_check(self, check_id: str) -> CaseCheck:
        """Returns the case check ``check_id``; raises KeyError if there is none."""
        for check in self.case_checks:
            if check.id == check_id:
                return check
        raise KeyError(check_id)

    def indicator(self, indicator_id: str) -> Indicator:
        """Returns the key figure ``indicator_id``; raises KeyError if there is none."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def chapter_of(self, ref: LawRef) -> Chapter | None:
        """Returns the chapter that holds ``ref``'s section, or None if none does."""
        for chapter in self.chapters:
            if chapter.holds(ref.section_number):
                return chapter
        return None

    def interview_questions_for(
        self, role: Role, theme: str | None = None
    ) -> tuple[InterviewQuestion, ...]:
        """Returns the interview questions for ``role``, optionally for one theme."""
        return tuple(
            q
            for q in self.interview_questions
            if role in q.roles and (theme is None or q.theme == theme)
        )
