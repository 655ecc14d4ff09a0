"""Reads of link management: current links and response rates, in fixed queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from parathed.instrument.schema import Role
from parathed.web.survey.link_selectors import (
    RoleRate,
    current_links,
    first_link_issued_at,
    response_rates,
)
from parathed.web.survey.link_services import expected_headcounts_set, link_rotate
from parathed.web.survey.models import Response


@pytest.mark.parametrize(("municipalities", "responses_each"), [(0, 0), (5, 3)])
def test_response_rates_take_two_queries_whatever_the_size(
    world: Any,
    grow_round: Callable[..., None],
    django_assert_num_queries: Any,
    municipalities: int,
    responses_each: int,
) -> None:
    """Counts and expected numbers come in two queries for any number of
    municipalities; every municipality gets one row per survey role."""
    grow_round(municipalities=municipalities, responses_each=responses_each)
    listed = list(world.partnership.municipalities.order_by("code"))
    with django_assert_num_queries(2):
        rates = response_rates(round_id=world.round.pk, municipalities=listed)
    assert [r.code for r in rates] == [m.code for m in listed]
    assert {len(r.roles) for r in rates} == {3}
    assert sum(r.total.submitted for r in rates) == 6 + municipalities * responses_each


def test_rates_count_submitted_responses_only_and_use_expected_numbers(
    world: Any,
) -> None:
    """A draft does not count; 6 of 40 is 15 %; a role without a number has no rate,
    so the total has none either."""
    Response.objects.create(
        link=world.link_a,
        round=world.round,
        municipality=world.municipality_a,
        role="medarbejder",
        instrument_version="1.0",
        started_on="2026-05-01",
    )
    expected_headcounts_set(
        round=world.round,
        municipality=world.municipality_a,
        expected={Role.LEDER: 8, Role.MEDARBEJDER: 40},
    )
    (rates,) = response_rates(
        round_id=world.round.pk, municipalities=[world.municipality_a]
    )
    by_role = {r.role: r for r in rates.roles}
    assert (by_role["medarbejder"].submitted, by_role["medarbejder"].percent) == (6, 15)
    assert (by_role["leder"].submitted, by_role["leder"].percent) == (0, 0)
    assert (by_role["chef"].expected, by_role["chef"].percent) == (None, None)
    assert (rates.total.submitted, rates.total.expected) == (6, None)


@pytest.mark.parametrize(
    ("submitted", "expected", "percent"),
    [(0, 0, None), (1, 3, 33), (2, 3, 67), (12, 10, 120), (3, None, None)],
)
def test_percent_is_whole_and_missing_without_a_positive_expected_number(
    submitted: int, expected: int | None, percent: int | None
) -> None:
    """Rounded to whole percent; above 100 is shown as it is (the number is wrong)."""
    rate = RoleRate(
        role="leder", role_label="Leder", submitted=submitted, expected=expected
    )
    assert rate.percent == percent


def test_current_links_leave_out_replaced_links_and_count_rotations(
    world: Any, django_assert_num_queries: Any
) -> None:
    """After two rotations of link A only the newest is listed, marked as replacing
    two earlier links; the freeze time is the first link's."""
    first_issued = world.link_a.created_at
    newest = link_rotate(link=link_rotate(link=world.link_a))
    with django_assert_num_queries(2):
        rows = current_links(round_id=world.round.pk)
    # By municipality name: Frederiksberg (147) before København (101).
    assert [(r.municipality_code, r.role) for r in rows] == [
        ("147", ""),
        ("101", "medarbejder"),
    ]
    link = next(r for r in rows if r.role == "medarbejder")
    assert (link.id, link.token, link.rotations) == (newest.pk, newest.token, 2)
    assert first_link_issued_at(round_id=world.round.pk) == first_issued
