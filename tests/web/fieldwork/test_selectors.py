"""Fieldwork selectors hand the core plain evidence: completed screenings only."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from parathed.analysis.evidence import CaseEvidence, InterviewEvidence, Valence
from parathed.instrument.schema import CheckStatus
from parathed.web.fieldwork.selectors import (
    birth_date_of,
    case_evidence,
    case_evidence_by_municipality,
    case_overview,
    coverage,
    fieldwork_counts,
    interview_evidence,
    interview_evidence_by_municipality,
)
from tests.web.fieldwork.factories import screen_case


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2008, 2, date(2008, 2, 29)),
        (2009, 2, date(2009, 2, 28)),
        (2008, 11, date(2008, 11, 30)),
        (2008, None, None),
        (None, 5, None),
    ],
)
def test_birth_is_kept_as_the_last_day_of_its_month(
    year: int | None, month: int | None, expected: date | None
) -> None:
    """The stand-in birth date never makes a 17½- or 18-year deadline earlier."""
    assert birth_date_of(year, month) == expected


def test_case_evidence_holds_completed_screenings_with_raters(world: Any) -> None:
    screen_case(
        round=world.round,
        municipality=world.municipality_a,
        screener=world.consultant,
        label="Sag B",
        complete=False,
    )
    cases = case_evidence(
        round_id=world.round.pk, municipality_id=world.municipality_a.pk
    )
    assert [(c.label, c.rater) for c in cases] == [("Sag A", 1), ("Sag A", 2)]
    assert all(isinstance(c, CaseEvidence) for c in cases)
    first, second = cases
    assert first.kinds == ("support",)
    assert first.age_band == "6-11"
    es08 = {a.check_id: a for a in second.answers}["CS-ES08"]
    assert es08.status is CheckStatus.NOT_MET
    # Only checks that apply to a support case are handed over.
    assert all(not a.check_id.startswith("CS-PQ") for a in first.answers)


def test_evidence_for_many_municipalities_takes_two_queries(
    world: Any, django_assert_num_queries: Any
) -> None:
    ids = [world.municipality_a.pk, world.municipality_b.pk]
    with django_assert_num_queries(2):
        cases = case_evidence_by_municipality(
            round_id=world.round.pk, municipality_ids=ids
        )
    assert (len(cases[ids[0]]), cases[ids[1]]) == (2, ())
    with django_assert_num_queries(2):
        interviews = interview_evidence_by_municipality(
            round_id=world.round.pk, municipality_ids=ids
        )
    assert (len(interviews[ids[0]]), interviews[ids[1]]) == (1, ())


def test_interview_evidence_has_roles_counts_and_coding(world: Any) -> None:
    (interview,) = interview_evidence(
        round_id=world.round.pk, municipality_id=world.municipality_a.pk
    )
    assert isinstance(interview, InterviewEvidence)
    assert interview.roles == ("leder", "medarbejder")
    assert interview.participants == 3
    first = interview.statements[0]
    assert (first.theme, first.valence) == ("casework_continuity", Valence.CHALLENGE)
    assert first.development_needs == ("continuity_organisation",)


def test_case_overview_shows_the_disagreement(
    world: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(3):
        overview = case_overview(
            round_id=world.round.pk, municipality_id=world.municipality_a.pk
        )
    (case,) = overview.cases
    assert case.agreement is not None
    assert [row.check_id for row in case.agreement.disagreements] == ["CS-ES08"]
    assert overview.planned == 5
    assert overview.completed_cases == 1


def test_coverage_counts_by_theme_and_role(world: Any) -> None:
    cells = coverage(round_id=world.round.pk, municipality_id=world.municipality_a.pk)
    assert cells[("casework_continuity", "leder")].challenges == 1
    assert cells[("involvement_rights", "medarbejder")].strengths == 1
    assert len(cells) == 2


def test_counts_for_the_municipality_page(world: Any) -> None:
    """A case screened twice counts once."""
    assert fieldwork_counts(
        round_id=world.round.pk, municipality_id=world.municipality_a.pk
    ) == (1, 1)
