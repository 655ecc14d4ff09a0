"""Reads of questionnaire data: plain evidence in a fixed number of queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from parathed.instrument.schema import Role
from parathed.web.survey.models import Response
from parathed.web.survey.selectors import (
    draft_for_respondent,
    response_counts,
    saved_page_answers,
    survey_evidence_by_municipality,
)
from parathed.web.survey.services import response_save_page, response_start


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


def test_draft_for_respondent_reads_the_draft_its_link_round_and_place_at_once(
    world: Any, django_assert_num_queries: Any
) -> None:
    """One query gives every field the ORM would; nothing read later queries."""
    draft = response_start(
        link=world.link_a, role=Role.MEDARBEJDER, today=date(2026, 5, 4)
    )
    with django_assert_num_queries(1):
        found = draft_for_respondent(response_id=draft.pk, link_id=world.link_a.pk)
        assert found is not None
        assert found.link is not None
        seen = (
            found.pk,
            found.status,
            found.started_on,
            found.link.token,
            found.link.is_open,
            found.link.round.status,
            found.link.round.anonymity_threshold,
            found.link.municipality.name,
        )
    orm = Response.objects.select_related("link__round", "link__municipality").get(
        pk=draft.pk
    )
    assert orm.link is not None
    assert seen == (
        orm.pk,
        orm.status,
        orm.started_on,
        orm.link.token,
        orm.link.is_open,
        orm.link.round.status,
        orm.link.round.anonymity_threshold,
        orm.link.municipality.name,
    )


def test_draft_for_respondent_needs_the_link_the_session_holds(world: Any) -> None:
    """A response id with another link's id finds nothing."""
    draft = response_start(
        link=world.link_a, role=Role.MEDARBEJDER, today=date(2026, 5, 4)
    )
    assert draft_for_respondent(response_id=draft.pk, link_id=world.link_b.pk) is None
    assert (
        draft_for_respondent(response_id=draft.pk + 999, link_id=world.link_a.pk)
        is None
    )


def test_saved_page_answers_separates_statements_and_texts_in_one_query(
    world: Any, django_assert_num_queries: Any
) -> None:
    """A "ved ikke" (None) stays a statement answer; texts come by question id."""
    draft = response_start(
        link=world.link_a, role=Role.MEDARBEJDER, today=date(2026, 5, 4)
    )
    response_save_page(
        response_id=draft.pk,
        answers={"ES01": 4, "ES02": None},
        open_answers={"OPEN01": "Mere tid til børnesamtaler."},
        page=2,
    )
    with django_assert_num_queries(1):
        answers, texts = saved_page_answers(response_id=draft.pk)
    assert answers == {"ES01": 4, "ES02": None}
    assert texts == {"OPEN01": "Mere tid til børnesamtaler."}
    assert saved_page_answers(response_id=draft.pk + 999) == ({}, {})
