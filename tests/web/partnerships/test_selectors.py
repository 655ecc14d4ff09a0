"""Reads of partnerships and rounds: a round's evidence in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from parathed.web.partnerships.selectors import round_evidence

QUERIES = 11
# Without screenings or interviews, their answers and statements need no query.
QUERIES_WITHOUT_FIELDWORK = 9


@pytest.mark.parametrize(("municipalities", "responses_each"), [(0, 0), (5, 6)])
def test_round_evidence_takes_a_fixed_number_of_queries_whatever_the_size(
    world: Any,
    grow_round: Callable[..., None],
    django_assert_num_queries: Any,
    municipalities: int,
    responses_each: int,
) -> None:
    """Round, municipalities, responses, answers, open answers, expected numbers,
    screenings and their answers, interviews with their statements, key figures:
    eleven queries, any round."""
    grow_round(municipalities=municipalities, responses_each=responses_each)
    with django_assert_num_queries(QUERIES):
        evidence = round_evidence(round_id=world.round.pk)
    assert len(evidence.municipalities) == 2 + municipalities
    counts = {m.code: len(m.survey.responses) for m in evidence.municipalities}
    assert (counts.pop("101"), counts.pop("147")) == (6, 0)
    assert set(counts.values()) <= {responses_each}


def test_round_evidence_for_some_municipalities_holds_only_those(
    world: Any, django_assert_num_queries: Any
) -> None:
    """Naming municipalities limits the evidence to them, in as many queries."""
    with django_assert_num_queries(QUERIES_WITHOUT_FIELDWORK):
        evidence = round_evidence(
            round_id=world.round.pk, municipality_ids=[world.municipality_b.pk]
        )
    assert [m.code for m in evidence.municipalities] == ["147"]


def test_round_evidence_holds_every_kind_of_evidence(world: Any) -> None:
    """Cases, interviews and open answers of the municipality; key figures of all."""
    evidence = round_evidence(round_id=world.round.pk)
    a = next(m for m in evidence.municipalities if m.code == "101")
    assert {case.label for case in a.cases} == {world.screening_a.label}
    assert sorted(case.rater for case in a.cases) == [1, 2]
    assert len(a.interviews) == 1
    assert a.interviews[0].statements
    figures = {(f.municipality_code, f.name) for f in evidence.figures}
    assert ("101", "children_with_notifications") in figures
    assert ("147", "children_with_notifications") in figures


def test_round_evidence_carries_the_expected_numbers_per_role(world: Any) -> None:
    """The numbers the contact entered reach the survey evidence in role order;
    a municipality without numbers has none."""
    from parathed.instrument.schema import Role
    from parathed.web.survey.link_services import expected_headcounts_set

    expected_headcounts_set(
        round=world.round,
        municipality=world.municipality_a,
        expected={Role.MEDARBEJDER: 8, Role.CHEF: 1},
    )
    evidence = round_evidence(round_id=world.round.pk)
    surveys = {m.code: m.survey for m in evidence.municipalities}
    assert surveys["101"].expected == ((Role.CHEF, 1), (Role.MEDARBEJDER, 8))
    assert surveys["147"].expected == ()
