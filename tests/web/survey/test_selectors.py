"""Reads of questionnaire data: plain evidence in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from parathed.web.survey.models import Response
from parathed.web.survey.selectors import (
    response_counts,
    survey_evidence_by_municipality,
)


@pytest.mark.parametrize(("municipalities", "responses_each"), [(0, 0), (5, 6)])
def test_survey_evidence_takes_three_queries_whatever_the_size(
    world: Any,
    grow_round: Callable[..., None],
    django_assert_num_queries: Any,
    municipalities: int,
    responses_each: int,
) -> None:
    """Responses, answers and open answers: three queries for any number of places."""
    grow_round(municipalities=municipalities, responses_each=responses_each)
    ids = list(world.partnership.municipalities.values_list("pk", flat=True))
    with django_assert_num_queries(3):
        evidence = survey_evidence_by_municipality(
            round_id=world.round.pk, municipality_ids=ids, threshold=5
        )
    assert sorted(evidence) == sorted(ids)
    assert sum(len(e.responses) for e in evidence.values()) == 6 + (
        municipalities * responses_each
    )


def test_survey_evidence_leaves_out_drafts(world: Any) -> None:
    """Only submitted responses count as evidence."""
    response = Response.objects.filter(link=world.link_a).first()
    assert response is not None
    Response.objects.filter(pk=response.pk).update(status=Response.Status.DRAFT)
    evidence = survey_evidence_by_municipality(
        round_id=world.round.pk, municipality_ids=[world.municipality_a.pk], threshold=5
    )
    assert len(evidence[world.municipality_a.pk].responses) == 5


def test_survey_evidence_carries_role_and_answers_only(world: Any) -> None:
    """Each response is its role and its answers, ordered by item id."""
    evidence = survey_evidence_by_municipality(
        round_id=world.round.pk, municipality_ids=[world.municipality_a.pk], threshold=5
    )[world.municipality_a.pk]
    assert evidence.municipality_code == "101"
    assert {r.role for r in evidence.responses} == {"medarbejder"}
    first = evidence.responses[0].answers
    assert [a.item_id for a in first] == sorted(a.item_id for a in first)


@pytest.mark.parametrize("municipalities", [0, 5])
def test_response_counts_take_one_query(
    world: Any,
    grow_round: Callable[..., None],
    django_assert_num_queries: Any,
    municipalities: int,
) -> None:
    """Counts per municipality and role come from one grouped query."""
    grow_round(municipalities=municipalities, responses_each=2)
    with django_assert_num_queries(1):
        counts = response_counts(round_id=world.round.pk)
    assert counts[world.municipality_a.pk] == {"medarbejder": 6}
    assert len(counts) == 1 + municipalities
