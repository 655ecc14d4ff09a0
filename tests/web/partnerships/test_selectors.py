"""Reads of partnerships and rounds: a round's evidence in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from parathed.web.partnerships.selectors import round_evidence


@pytest.mark.parametrize(("municipalities", "responses_each"), [(0, 0), (5, 6)])
def test_round_evidence_takes_four_queries_whatever_the_size(
    world: Any,
    grow_round: Callable[..., None],
    django_assert_num_queries: Any,
    municipalities: int,
    responses_each: int,
) -> None:
    """Round, municipalities, responses and answers: four queries for any round."""
    grow_round(municipalities=municipalities, responses_each=responses_each)
    with django_assert_num_queries(4):
        evidence = round_evidence(round_id=world.round.pk)
    assert len(evidence.municipalities) == 2 + municipalities
    counts = {m.code: len(m.survey.responses) for m in evidence.municipalities}
    assert (counts.pop("101"), counts.pop("147")) == (6, 0)
    assert set(counts.values()) <= {responses_each}


def test_round_evidence_for_some_municipalities_holds_only_those(
    world: Any, django_assert_num_queries: Any
) -> None:
    """Naming municipalities limits the evidence to them, still in four queries."""
    with django_assert_num_queries(4):
        evidence = round_evidence(
            round_id=world.round.pk, municipality_ids=[world.municipality_b.pk]
        )
    assert [m.code for m in evidence.municipalities] == ["147"]
