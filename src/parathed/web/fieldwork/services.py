"""Writes of fieldwork: screenings, their answers and completion, interviews, the log.

Every service re-checks free text with the CPR guard (``CprRefusedError``) even though
the forms already refused it, so no path stores a CPR number. Log entries hold ids.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from parathed.analysis.agreement import case_outcomes, check_applies
from parathed.instrument.loader import load_published
from parathed.instrument.schema import CheckStatus, Role
from parathed.web.fieldwork.guard import CprRefusedError, assert_no_cpr, label_problem
from parathed.web.fieldwork.models import (
    AccessLogEntry,
    CasePlan,
    CaseScreening,
    CheckAnswer,
    CodedStatement,
    Interview,
)
from parathed.web.fieldwork.selectors import screening_evidence
from parathed.web.partnerships.models import MeasurementRound, Municipality, Partnership

AGE_BANDS = ("0-5", "6-11", "12-17", "18-22")
INTERVIEW_ROLES = tuple(role.value for role in Role)

__all__ = ["CprRefusedError"]


class LabelTakenError(ValueError):
    """The screener already screens a case with this label."""


def access_log_record(
    *,
    user: AbstractBaseUser | AnonymousUser,
    partnership: Partnership,
    municipality: Municipality | None,
    action: AccessLogEntry.Action,
    kind: AccessLogEntry.Kind,
    object_id: int = 0,
) -> AccessLogEntry:
    """Logs one access: who, when, which municipality, which object; no content."""
    return AccessLogEntry.objects.create(
        user_id=user.pk if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        partnership=partnership,
        municipality=municipality,
        action=action,
        kind=kind,
        object_id=object_id,
    )


def access_log_denied(
    *,
    user: AbstractBaseUser | AnonymousUser,
    slug: str,
    code: str | None,
    kind: AccessLogEntry.Kind,
    object_id: int = 0,
) -> None:
    """Logs a refused access to an existing partnership's fieldwork; else nothing."""
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None or not user.is_authenticated:
        return
    municipality = (
        partnership.municipalities.filter(code=code).first() if code else None
    )
    access_log_record(
        user=user,
        partnership=partnership,
        municipality=municipality,
        action=AccessLogEntry.Action.DENIED,
        kind=kind,
        object_id=object_id,
    )


def case_plan_set(
    *, round: MeasurementRound, municipality: Municipality, planned_cases: int
) -> CasePlan:
    """Sets how many cases the municipality's screening covers (1-30)."""
    if not 1 <= planned_cases <= 30:
        raise ValueError("planned cases outside 1-30")
    plan, _ = CasePlan.objects.update_or_create(
        round=round,
        municipality=municipality,
        defaults={"planned_cases": planned_cases},
    )
    return plan


def case_screening_create(
    *,
    round: MeasurementRound,
    municipality: Municipality,
    label: str,
    screener: AbstractBaseUser,
) -> CaseScreening:
    """Starts a screening of the case ``label`` by ``screener``.

    Raises CprRefusedError or ValueError for a label that is not a short pseudonym,
    LabelTakenError when the screener already screens that case.
    """
    assert_no_cpr(label)
    label = " ".join(label.split())
    if label_problem(label) is not None:
        raise ValueError("not a pseudonymous case label")
    if CaseScreening.objects.filter(
        round=round, municipality=municipality, label=label, screener_id=screener.pk
    ).exists():
        raise LabelTakenError(label)
    return CaseScreening.objects.create(
        round=round,
        municipality=municipality,
        label=label,
        screener_id=screener.pk,
        instrument_version=round.instrument_version,
    )


@dataclass(frozen=True, slots=True)
class AnswerInput:
    """What the form gives for one check; ``note`` None keeps the stored note."""

    status: CheckStatus | None = None
    count: int | None = None
    note: str | None = ""


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """The facts of a case as the form gives them."""

    age_band: str
    kinds: tuple[str, ...]
    birth_year: int | None
    birth_month: int | None
    dates: Mapping[str, date]


@transaction.atomic
def case_screening_save(
    *,
    screening: CaseScreening,
    facts: CaseFacts,
    answers: Mapping[str, AnswerInput],
) -> CaseScreening:
    """Stores facts and answers as they are, finished or not (a draft may be partial).

    A completed screening whose changes leave a check undecided goes back to draft.
    Raises CprRefusedError when a note holds a CPR-shaped number.
    """
    assert_no_cpr(*(a.note for a in answers.values() if a.note))
    instrument = load_published(screening.instrument_version)
    known_facts = {f.name for f in instrument.case_facts if not f.derived}
    known_kinds = {k.code for k in instrument.case_kinds}
    if facts.age_band and facts.age_band not in AGE_BANDS:
        raise ValueError("unknown age band")
    if not set(facts.kinds) <= known_kinds or not set(facts.dates) <= known_facts:
        raise ValueError("unknown kind or case fact")
    screening.age_band = facts.age_band
    screening.kinds = sorted(facts.kinds)
    screening.birth_year = facts.birth_year
    screening.birth_month = facts.birth_month
    screening.dates = {name: d.isoformat() for name, d in sorted(facts.dates.items())}
    stored = {a.check_id: a for a in screening.answers.all()}
    for check_id, given in answers.items():
        instrument.case_check(check_id)  # KeyError for an unknown check
        answer = stored.get(check_id) or CheckAnswer(
            screening=screening, check_id=check_id
        )
        answer.status = given.status.value if given.status else ""
        answer.count = given.count
        if given.note is not None:
            answer.note = given.note.strip()
        if answer.pk is None:
            answer.save(force_insert=True)
        else:
            answer.save(update_fields=["status", "count", "note"])
        stored[check_id] = answer
    fields = ["age_band", "kinds", "birth_year", "birth_month", "dates", "updated_at"]
    if screening.status == CaseScreening.Status.COMPLETE and case_screening_problems(
        screening=screening, answers=list(stored.values())
    ):
        screening.status = CaseScreening.Status.DRAFT
        screening.completed_at = None
        fields += ["status", "completed_at"]
    screening.save(update_fields=fields)
    return screening


def case_screening_problems(
    *, screening: CaseScreening, answers: Sequence[CheckAnswer]
) -> list[str]:
    """Returns what stops completion: "age_band", "kinds", or undecided check ids."""
    problems = []
    if not screening.age_band:
        problems.append("age_band")
    if not screening.kinds:
        problems.append("kinds")
        return problems
    instrument = load_published(screening.instrument_version)
    evidence = screening_evidence(screening, answers, instrument=instrument)
    outcomes = case_outcomes(evidence, instrument.case_checks)
    problems.extend(
        check.id
        for check in instrument.case_checks
        if check_applies(check, evidence.kinds) and outcomes[check.id] is None
    )
    return problems


@transaction.atomic
def case_screening_complete(*, screening: CaseScreening) -> list[str]:
    """Marks the screening complete when every applicable check is decided.

    Returns the problems (see ``case_screening_problems``); empty means completed.
    """
    problems = case_screening_problems(
        screening=screening, answers=list(screening.answers.all())
    )
    if problems:
        return problems
    if screening.status != CaseScreening.Status.COMPLETE:
        screening.status = CaseScreening.Status.COMPLETE
        screening.completed_at = timezone.now()
        screening.save(update_fields=["status", "completed_at", "updated_at"])
    return []


def _check_interview(roles: Sequence[str], participants: int, notes: str) -> None:
    assert_no_cpr(notes)
    if not roles or not set(roles) <= set(INTERVIEW_ROLES):
        raise ValueError("an interview has at least one known role")
    if not len(roles) <= participants <= 50:
        raise ValueError("participants fewer than roles or above 50")


def interview_create(
    *,
    round: MeasurementRound,
    municipality: Municipality,
    held_on: date,
    roles: Sequence[str],
    participants: int,
    notes: str,
    interviewer: AbstractBaseUser,
) -> Interview:
    """Records an interview: date, roles present, a head count, optional notes."""
    _check_interview(roles, participants, notes)
    return Interview.objects.create(
        round=round,
        municipality=municipality,
        held_on=held_on,
        roles=[r for r in INTERVIEW_ROLES if r in roles],
        participants=participants,
        notes=notes.strip(),
        instrument_version=round.instrument_version,
        created_by_id=interviewer.pk,
    )


def interview_update(
    *,
    interview: Interview,
    held_on: date,
    roles: Sequence[str],
    participants: int,
    notes: str | None,
) -> Interview:
    """Changes an interview record; ``notes`` None keeps the stored notes."""
    _check_interview(roles, participants, notes or "")
    interview.held_on = held_on
    interview.roles = [r for r in INTERVIEW_ROLES if r in roles]
    interview.participants = participants
    fields = ["held_on", "roles", "participants"]
    if notes is not None:
        interview.notes = notes.strip()
        fields.append("notes")
    interview.save(update_fields=fields)
    return interview


def statement_add(
    *,
    interview: Interview,
    role: str,
    theme: str,
    valence: str,
    development_needs: Sequence[str],
    paraphrase: str,
) -> CodedStatement:
    """Codes one statement of the interview with the instrument's coding scheme.

    Raises ValueError when the role was not present or a code is not in the scheme,
    CprRefusedError when the paraphrase holds a CPR-shaped number.
    """
    assert_no_cpr(paraphrase)
    instrument = load_published(interview.instrument_version)
    valences = (
        {v.code for v in instrument.coding.valences} if instrument.coding else set()
    )
    if role not in interview.roles:
        raise ValueError("the role was not present")
    if theme not in {t.code for t in instrument.themes} or valence not in valences:
        raise ValueError("unknown theme or valence")
    if not set(development_needs) <= {n.code for n in instrument.development_needs}:
        raise ValueError("unknown development need")
    return CodedStatement.objects.create(
        interview=interview,
        role=role,
        theme=theme,
        valence=valence,
        development_needs=list(development_needs),
        paraphrase=paraphrase.strip(),
    )


def statement_delete(*, interview: Interview, statement_id: int) -> bool:
    """Deletes one coded statement of ``interview``; False when there was none."""
    deleted, _ = CodedStatement.objects.filter(
        interview=interview, pk=statement_id
    ).delete()
    return bool(deleted)
