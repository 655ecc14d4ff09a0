"""Fixtures of the web tests: growing the world's round for query-count checks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

EXTRA_CODES = ("151", "153", "155", "157", "159")


@pytest.fixture
def grow_round(world: Any) -> Callable[..., None]:
    """Returns a function that adds municipalities with submitted leder responses."""
    from parathed.instrument.loader import load_instrument
    from parathed.instrument.schema import Role
    from parathed.web.partnerships.models import Municipality, Participation
    from parathed.web.survey.services import (
        link_create,
        response_start,
        response_submit,
    )

    items = load_instrument().items_for_role(Role.LEDER)
    day = date(2026, 5, 4)

    def grow(*, municipalities: int, responses_each: int) -> None:
        for code in EXTRA_CODES[:municipalities]:
            municipality = Municipality.objects.get(code=code)
            Participation.objects.create(
                partnership=world.partnership, municipality=municipality
            )
            link = link_create(
                round=world.round, municipality=municipality, role=Role.LEDER
            )
            for _ in range(responses_each):
                draft = response_start(link=link, role=Role.LEDER, today=day)
                response_submit(
                    response_id=draft.pk, answers={i.id: 4 for i in items}, today=day
                )

    return grow
