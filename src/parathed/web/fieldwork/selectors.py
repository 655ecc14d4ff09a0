"""Reads of fieldwork: case and interview evidence for the core, and the page data.

Evidence holds completed screenings only; the first completed screening of a case is
rater 1, a second consultant's is rater 2. Of the child's birth only year and month
are stored; the evidence gives the last day of that month as ``birth_date``, so a
17½- or 18-year deadline is never earlier than the true one (a "not met" is certain).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from parathed.analysis.agreement import (
    CaseAgreement,
    case_outcomes,
    check_applies,
    compare_screenings,
    pooled_share,
)
from parathed.analysis.evidence import (
    CaseEvidence,
    CheckAnswerEvidence,
    InterviewEvidence,
    StatementEvidence,
    Valence,
)
from parathed.instrument.loader import load_published
from parathed.instrument.schema import CheckStatus, Instrument
from parathed.web.fieldwork.models import (
    DEFAULT_PLANNED_CASES as DEFAULT_PLANNED,
)
from parathed.web.fieldwork.models import (
    AccessLogEntry,
    CasePlan,
    CaseScreening,
    CheckAnswer,
    Interview,
)

LOG_PAGE = 300


def birth_date_of(year: int | None, month: int | None) -> date | None:
    """Returns the last day of the birth month, or None when either part is missing."""
    if year is None or month is None:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def screening_dates(screening: CaseScreening) -> dict[str, date]:
    """Returns the screening's entered dates, with the stand-in birth date."""
    dates = {name: date.fromisoformat(value) for name, value in screening.dates.items()}
    birth = birth_date_of(screening.birth_year, screening.birth_month)
    if birth is not None:
        dates["birth_date"] = birth
    return dates


def _answer_evidence(answer: CheckAnswer) -> CheckAnswerEvidence:
    return CheckAnswerEvidence(
        check_id=answer.check_id,
        status=CheckStatus(answer.status) if answer.status else None,
        count=answer.count,
    )


def screening_evidence(
    screening: CaseScreening,
    answers: Iterable[CheckAnswer],
    *,
    instrument: Instrument,
    rater: int = 1,
) -> CaseEvidence:
    """Returns one screening as evidence, with answers to its applicable checks only."""
    kinds = tuple(screening.kinds)
    applicable = {c.id for c in instrument.case_checks if check_applies(c, kinds)}
    return CaseEvidence(
        label=screening.label,
        rater=rater,
        kinds=kinds,
        age_band=screening.age_band,
        dates=tuple(sorted(screening_dates(screening).items())),
        answers=tuple(
            _answer_evidence(a)
            for a in sorted(answers, key=lambda a: a.check_id)
            if a.check_id in applicable
        ),
    )


def screening_progress(
    screening: CaseScreening, answers: Iterable[CheckAnswer]
) -> tuple[int, int]:
    """Returns (decided, applicable) checks of a screening as it is stored."""
    instrument = load_published(screening.instrument_version)
    evidence = screening_evidence(screening, answers, instrument=instrument)
    outcomes = case_outcomes(evidence, instrument.case_checks)
    applicable = [
        c.id for c in instrument.case_checks if check_applies(c, evidence.kinds)
    ]
    return sum(1 for c in applicable if outcomes[c] is not None), len(applicable)


def _completed(round_id: int, municipality_ids: list[int]) -> list[CaseScreening]:
    return list(
        CaseScreening.objects.filter(
            round_id=round_id,
            municipality_id__in=municipality_ids,
            status=CaseScreening.Status.COMPLETE,
        )
        .prefetch_related("answers")
        .order_by("municipality_id", "label", "completed_at", "pk")
    )


def case_evidence_by_municipality(
    *, round_id: int, municipality_ids: list[int]
) -> dict[int, tuple[CaseEvidence, ...]]:
    """Returns the completed screenings of each municipality as case evidence.

    Two queries whatever the number of municipalities. A case screened by more than
    two consultants gives raters 1, 2, 3, … in order of completion.
    """
    result: dict[int, list[CaseEvidence]] = {pk: [] for pk in municipality_ids}
    raters: dict[tuple[int, str], int] = defaultdict(int)
    instruments: dict[str, Instrument] = {}
    for screening in _completed(round_id, municipality_ids):
        version = screening.instrument_version
        instrument = instruments.setdefault(version, load_published(version))
        key = (screening.municipality_id, screening.label)
        raters[key] += 1
        result[screening.municipality_id].append(
            screening_evidence(
                screening,
                screening.answers.all(),
                instrument=instrument,
                rater=raters[key],
            )
        )
    return {pk: tuple(cases) for pk, cases in result.items()}


def case_evidence(*, round_id: int, municipality_id: int) -> tuple[CaseEvidence, ...]:
    """Returns one municipality's completed screenings as case evidence."""
    return case_evidence_by_municipality(
        round_id=round_id, municipality_ids=[municipality_id]
    )[municipality_id]


def interview_evidence_by_municipality(
    *, round_id: int, municipality_ids: list[int]
) -> dict[int, tuple[InterviewEvidence, ...]]:
    """Returns each municipality's interviews and coded statements (2 queries)."""
    result: dict[int, list[InterviewEvidence]] = {pk: [] for pk in municipality_ids}
    interviews = (
        Interview.objects.filter(
            round_id=round_id, municipality_id__in=municipality_ids
        )
        .prefetch_related("statements")
        .order_by("municipality_id", "held_on", "pk")
    )
    for interview in interviews:
        result[interview.municipality_id].append(
            InterviewEvidence(
                roles=tuple(interview.roles),
                participants=interview.participants,
                statements=tuple(
                    StatementEvidence(
                        theme=s.theme,
                        valence=Valence(s.valence),
                        development_needs=tuple(s.development_needs),
                        paraphrase=s.paraphrase,
                    )
                    for s in interview.statements.all()
                ),
            )
        )
    return {pk: tuple(items) for pk, items in result.items()}


def interview_evidence(
    *, round_id: int, municipality_id: int
) -> tuple[InterviewEvidence, ...]:
    """Returns one municipality's interviews as evidence."""
    return interview_evidence_by_municipality(
        round_id=round_id, municipality_ids=[municipality_id]
    )[municipality_id]


# --- Page data ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScreeningRow:
    """One consultant's screening of a case, as the case list shows it."""

    id: int
    screener: str
    complete: bool
    decided: int  # applicable checks with an outcome
    applicable: int
    not_met: int


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One case (label) with its screenings and, if screened twice, the agreement."""

    label: str
    screenings: tuple[ScreeningRow, ...]
    agreement: CaseAgreement | None
    agreement_screening_id: int | None  # the rater-1 screening that links to it


@dataclass(frozen=True, slots=True)
class CaseOverview:
    """The case list of one municipality in one round."""

    planned: int
    cases: tuple[CaseRow, ...]
    completed_cases: int
    pooled_agreement: float | None


def planned_cases(*, round_id: int, municipality_id: int) -> int:
    """Returns how many cases the municipality's screening covers (default 5)."""
    plan = CasePlan.objects.filter(
        round_id=round_id, municipality_id=municipality_id
    ).first()
    return plan.planned_cases if plan else DEFAULT_PLANNED


def case_overview(*, round_id: int, municipality_id: int) -> CaseOverview:
    """Returns the cases, their screenings and agreement (3 queries)."""
    screenings = list(
        CaseScreening.objects.filter(round_id=round_id, municipality_id=municipality_id)
        .select_related("screener")
        .prefetch_related("answers")
        .order_by("label", "completed_at", "pk")
    )
    by_label: dict[str, list[CaseScreening]] = defaultdict(list)
    for screening in screenings:
        by_label[screening.label].append(screening)
    rows = []
    for label, group in by_label.items():
        cells = []
        complete_evidence: list[tuple[int, CaseEvidence]] = []
        instrument = load_published(group[0].instrument_version)
        for screening in group:
            evidence = screening_evidence(
                screening, screening.answers.all(), instrument=instrument
            )
            outcomes = case_outcomes(evidence, instrument.case_checks)
            applicable = [
                c.id for c in instrument.case_checks if check_applies(c, evidence.kinds)
            ]
            decided = [outcomes[c] for c in applicable if outcomes[c] is not None]
            cells.append(
                ScreeningRow(
                    id=screening.pk,
                    screener=screening.screener.get_username(),
                    complete=screening.status == CaseScreening.Status.COMPLETE,
                    decided=len(decided),
                    applicable=len(applicable),
                    not_met=sum(
                        1
                        for o in decided
                        if o in (CheckStatus.NOT_MET, CheckStatus.NOT_DOCUMENTED)
                    ),
                )
            )
            if cells[-1].complete:
                complete_evidence.append((screening.pk, evidence))
        agreement = None
        if len(complete_evidence) >= 2:
            agreement = compare_screenings(
                complete_evidence[0][1],
                complete_evidence[1][1],
                instrument.case_checks,
            )
        rows.append(
            CaseRow(
                label=label,
                screenings=tuple(cells),
                agreement=agreement,
                agreement_screening_id=complete_evidence[0][0] if agreement else None,
            )
        )
    return CaseOverview(
        planned=planned_cases(round_id=round_id, municipality_id=municipality_id),
        cases=tuple(rows),
        completed_cases=sum(1 for r in rows if any(s.complete for s in r.screenings)),
        pooled_agreement=pooled_share(r.agreement for r in rows if r.agreement),
    )


def screening_answers(screening: CaseScreening) -> dict[str, CheckAnswer]:
    """Returns the screening's stored answers by check id."""
    return {a.check_id: a for a in screening.answers.all()}


def screening_pair(
    screening: CaseScreening,
) -> tuple[CaseScreening, CaseScreening] | None:
    """Returns the first two completed screenings of ``screening``'s case, or None."""
    pair = list(
        CaseScreening.objects.filter(
            round_id=screening.round_id,
            municipality_id=screening.municipality_id,
            label=screening.label,
            status=CaseScreening.Status.COMPLETE,
        )
        .select_related("screener")
        .prefetch_related("answers")
        .order_by("completed_at", "pk")[:2]
    )
    if len(pair) < 2:
        return None
    return pair[0], pair[1]


def interviews_of(*, round_id: int, municipality_id: int) -> list[Interview]:
    """Returns the municipality's interviews with their number of coded statements."""
    return list(
        Interview.objects.filter(round_id=round_id, municipality_id=municipality_id)
        .annotate(statement_count=Count("statements"))
        .order_by("held_on", "pk")
    )


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """How often one role spoke to one theme: strengths and challenges."""

    strengths: int
    challenges: int

    @property
    def total(self) -> int:
        """All coded statements in the cell."""
        return self.strengths + self.challenges


def coverage(
    *, round_id: int, municipality_id: int
) -> dict[tuple[str, str], CoverageCell]:
    """Returns (theme, role) -> coded statements of that role on that theme."""
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    rows = (
        Interview.objects.filter(round_id=round_id, municipality_id=municipality_id)
        .values_list("statements__theme", "statements__role", "statements__valence")
        .exclude(statements__isnull=True)
    )
    for theme, role, valence in rows:
        cells[(theme, role)][0 if valence == Valence.STRENGTH else 1] += 1
    return {key: CoverageCell(*value) for key, value in cells.items()}


def fieldwork_counts(*, round_id: int, municipality_id: int) -> tuple[int, int]:
    """Returns (completed cases, interviews) of a municipality: counts only."""
    cases = (
        CaseScreening.objects.filter(
            round_id=round_id,
            municipality_id=municipality_id,
            status=CaseScreening.Status.COMPLETE,
        )
        .values("label")
        .distinct()
        .count()
    )
    interviews = Interview.objects.filter(
        round_id=round_id, municipality_id=municipality_id
    ).count()
    return cases, interviews


def access_log(*, partnership_id: int) -> list[AccessLogEntry]:
    """Returns the partnership's newest fieldwork log entries (at most ``LOG_PAGE``)."""
    return list(
        AccessLogEntry.objects.filter(partnership_id=partnership_id)
        .select_related("municipality")
        .order_by("-at", "-pk")[:LOG_PAGE]
    )
