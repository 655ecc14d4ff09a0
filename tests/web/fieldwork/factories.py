"""Builders of fieldwork records for tests, through the services."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from parathed.analysis.agreement import check_applies
from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import CheckAnswerType, CheckStatus
from parathed.web.fieldwork.models import CaseScreening, Interview
from parathed.web.fieldwork.services import (
    AnswerInput,
    CaseFacts,
    case_screening_complete,
    case_screening_create,
    case_screening_save,
    interview_create,
    statement_add,
)


def screen_case(
    *,
    round: Any,
    municipality: Any,
    screener: Any,
    label: str = "Sag A",
    kinds: tuple[str, ...] = ("support",),
    dates: Mapping[str, date] | None = None,
    statuses: Mapping[str, CheckStatus] | None = None,
    complete: bool = True,
) -> CaseScreening:
    """A screening with every applicable check answered: STATUS checks met, DATE and
    COUNT checks not relevant, unless ``statuses`` or ``dates`` say otherwise."""
    screening = case_screening_create(
        round=round, municipality=municipality, label=label, screener=screener
    )
    answers = {}
    for check in load_instrument().case_checks:
        if not check_applies(check, kinds):
            continue
        default = (
            CheckStatus.MET
            if check.answer_type is CheckAnswerType.STATUS
            else CheckStatus.NOT_RELEVANT
        )
        answers[check.id] = AnswerInput(status=(statuses or {}).get(check.id, default))
    case_screening_save(
        screening=screening,
        facts=CaseFacts(
            age_band="6-11",
            kinds=kinds,
            birth_year=None,
            birth_month=None,
            dates=dates or {},
        ),
        answers=answers,
    )
    if complete:
        assert case_screening_complete(screening=screening) == []
    screening.refresh_from_db()
    return screening


def record_interview(*, round: Any, municipality: Any, interviewer: Any) -> Interview:
    """An interview of a leder and two medarbejdere with two coded statements."""
    interview = interview_create(
        round=round,
        municipality=municipality,
        held_on=date(2026, 5, 12),
        roles=["leder", "medarbejder"],
        participants=3,
        notes="",
        interviewer=interviewer,
    )
    statement_add(
        interview=interview,
        role="leder",
        theme="casework_continuity",
        valence="udfordring",
        development_needs=["continuity_organisation"],
        paraphrase="Mange skift af rådgiver i det seneste år.",
    )
    statement_add(
        interview=interview,
        role="medarbejder",
        theme="involvement_rights",
        valence="styrke",
        development_needs=[],
        paraphrase="",
    )
    return interview
