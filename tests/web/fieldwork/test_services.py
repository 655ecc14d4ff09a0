"""Fieldwork services: the CPR guard at the last line, labels, completion, the log."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from parathed.instrument.schema import CheckStatus
from parathed.web.fieldwork.guard import CprRefusedError, cpr_refusal, label_problem
from parathed.web.fieldwork.models import (
    AccessLogEntry,
    CaseScreening,
    CheckAnswer,
    Interview,
)
from parathed.web.fieldwork.services import (
    AnswerInput,
    CaseFacts,
    LabelTakenError,
    case_plan_set,
    case_screening_complete,
    case_screening_create,
    case_screening_save,
    interview_create,
    statement_add,
)
from tests.web.fieldwork.factories import screen_case

CPR = "Født 0102031234 i Odense"


@pytest.mark.parametrize(
    ("label", "ok"),
    [
        ("Sag A", True),
        ("Sag 3", True),
        ("sag B2", True),
        ("A", True),
        ("12", True),
        ("Sag ABCD", False),
        ("Anna Jensen", False),
        ("Sag 0102031234", False),
        ("", False),
        ("Sag A!", False),
    ],
)
def test_label_rule(label: str, ok: bool) -> None:
    assert (label_problem(label) is None) is ok


def test_the_refusal_tells_where_without_the_number() -> None:
    message = cpr_refusal("Note\nFødt 010203-1234 i Odense", where="Noten")
    assert message is not None
    assert "linje 2, kolonne 6" in message
    assert "»Født«" in message
    assert "010203" not in message
    assert cpr_refusal("Ingen numre her: 12 34", where="Noten") is None


def test_services_refuse_cpr_numbers_even_past_the_form(world: Any) -> None:
    """No path stores a CPR number: labels, notes, interview notes, paraphrases."""
    common = {"round": world.round, "municipality": world.municipality_a}
    with pytest.raises(CprRefusedError):
        case_screening_create(label="0102031234", screener=world.consultant, **common)
    screening = case_screening_create(
        label="Sag 9", screener=world.consultant, **common
    )
    facts = CaseFacts("6-11", ("support",), None, None, {})
    with pytest.raises(CprRefusedError):
        case_screening_save(
            screening=screening,
            facts=facts,
            answers={"CS-ES08": AnswerInput(status=CheckStatus.MET, note=CPR)},
        )
    assert not CheckAnswer.objects.filter(screening=screening).exists()
    with pytest.raises(CprRefusedError):
        interview_create(
            held_on=date(2026, 5, 1),
            roles=["chef"],
            participants=1,
            notes=CPR,
            interviewer=world.consultant,
            **common,
        )
    with pytest.raises(CprRefusedError):
        statement_add(
            interview=world.interview_a,
            role="leder",
            theme="casework_continuity",
            valence="styrke",
            development_needs=[],
            paraphrase=CPR,
        )


def test_a_screener_screens_a_case_once(world: Any) -> None:
    with pytest.raises(LabelTakenError):
        case_screening_create(
            round=world.round,
            municipality=world.municipality_a,
            label="Sag A",
            screener=world.consultant,
        )


def test_a_refused_note_keeps_the_stored_note(world: Any) -> None:
    """``note=None`` (a refused note) leaves the earlier note as it was."""
    screening = screen_case(
        round=world.round,
        municipality=world.municipality_b,
        screener=world.consultant,
        complete=False,
    )
    facts = CaseFacts("6-11", ("support",), None, None, {})
    case_screening_save(
        screening=screening,
        facts=facts,
        answers={"CS-ES08": AnswerInput(status=CheckStatus.MET, note="Side 4")},
    )
    case_screening_save(
        screening=screening,
        facts=facts,
        answers={"CS-ES08": AnswerInput(status=CheckStatus.NOT_MET, note=None)},
    )
    answer = CheckAnswer.objects.get(screening=screening, check_id="CS-ES08")
    assert (answer.status, answer.note) == ("not_met", "Side 4")


def test_a_completed_case_that_loses_an_answer_is_a_draft_again(world: Any) -> None:
    screening: CaseScreening = world.screening_a
    case_screening_save(
        screening=screening,
        facts=CaseFacts("6-11", ("support",), None, None, {}),
        answers={"CS-ES08": AnswerInput(status=None)},
    )
    screening.refresh_from_db()
    assert screening.status == CaseScreening.Status.DRAFT
    assert case_screening_complete(screening=screening) == ["CS-ES08"]


def test_a_case_needs_age_and_kind_before_it_is_complete(world: Any) -> None:
    screening = case_screening_create(
        round=world.round,
        municipality=world.municipality_b,
        label="Sag Z",
        screener=world.consultant,
    )
    assert case_screening_complete(screening=screening) == ["age_band", "kinds"]


def test_birth_is_stored_as_year_and_month_only(world: Any) -> None:
    """A youth case decides the 17½-year rule from year and month of birth."""
    screening = case_screening_create(
        round=world.round,
        municipality=world.municipality_b,
        label="Sag U",
        screener=world.consultant,
    )
    case_screening_save(
        screening=screening,
        facts=CaseFacts(
            "12-17",
            ("youth_17plus",),
            2008,
            11,
            {"post18_plan_date": date(2026, 6, 1)},
        ),
        answers={},
    )
    screening.refresh_from_db()
    assert (screening.birth_year, screening.birth_month) == (2008, 11)
    assert "birth_date" not in screening.dates


def test_unknown_codes_are_refused(world: Any) -> None:
    with pytest.raises(ValueError, match="not present"):
        statement_add(
            interview=world.interview_a,
            role="chef",
            theme="casework_continuity",
            valence="styrke",
            development_needs=[],
            paraphrase="",
        )
    with pytest.raises(ValueError, match="theme or valence"):
        statement_add(
            interview=world.interview_a,
            role="leder",
            theme="casework_continuity",
            valence="neutral",
            development_needs=[],
            paraphrase="",
        )
    with pytest.raises(ValueError, match="fewer than roles"):
        interview_create(
            round=world.round,
            municipality=world.municipality_a,
            held_on=date(2026, 5, 1),
            roles=["chef", "leder"],
            participants=1,
            notes="",
            interviewer=world.consultant,
        )
    assert Interview.objects.count() == 1


def test_the_case_plan_is_configurable(world: Any) -> None:
    plan = case_plan_set(
        round=world.round, municipality=world.municipality_a, planned_cases=8
    )
    assert plan.planned_cases == 8
    with pytest.raises(ValueError, match="outside"):
        case_plan_set(
            round=world.round, municipality=world.municipality_a, planned_cases=0
        )


def test_log_entries_hold_no_content(world: Any) -> None:
    """The log's columns are ids, names of actions and kinds, and the username."""
    columns = {f.name for f in AccessLogEntry._meta.get_fields()}
    assert columns == {
        "id",
        "at",
        "user",
        "username",
        "partnership",
        "municipality",
        "action",
        "kind",
        "object_id",
    }
