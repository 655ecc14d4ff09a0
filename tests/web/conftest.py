"""Fixtures of the web tests: a partnership world with every role, and growing it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Role

PASSWORD = "a-long-test-password-1"
EXTRA_CODES = ("151", "153", "155", "157", "159")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Hashes test passwords with MD5: PBKDF2's cost buys nothing in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """A partnership of two municipalities (A = 101, B = 147) and one user per role."""

    partnership: Any
    round: Any
    municipality_a: Any
    municipality_b: Any
    link_a: Any
    link_b: Any
    consultant: Any
    contact_a: Any
    contact_b: Any
    steering: Any
    outsider_consultant: Any
    # Fieldwork (issue #5): a case in A screened by two consultants who disagree on
    # one check, and a coded interview in A.
    second_consultant: Any = None
    screening_a: Any = None
    screening_a2: Any = None
    interview_a: Any = None
    figure_a: Any = None  # a key-figure input of A (#6)


@pytest.fixture
def world(db: None) -> World:
    """Builds the world with six submitted medarbejder responses in municipality A."""
    from parathed.web.accounts.models import Profile
    from parathed.web.accounts.services import user_create
    from parathed.web.partnerships.models import Municipality
    from parathed.web.partnerships.services import partnership_create, round_open
    from parathed.web.survey.services import (
        link_create,
        response_start,
        response_submit,
    )

    partnership = partnership_create(
        slug="p", name="Testpartnerskab", municipality_codes=["101", "147"]
    )
    other = partnership_create(slug="other", name="Andet", municipality_codes=["751"])
    measurement = round_open(
        partnership=partnership, name="Baseline", instrument_version="1.0"
    )
    a = Municipality.objects.get(code="101")
    b = Municipality.objects.get(code="147")
    link_a = link_create(round=measurement, municipality=a, role=Role.MEDARBEJDER)
    link_b = link_create(round=measurement, municipality=b)
    items = load_instrument().items_for_role(Role.MEDARBEJDER)
    for n in range(6):
        response = response_start(
            link=link_a, role=Role.MEDARBEJDER, today=date(2026, 5, 1)
        )
        response_submit(
            response_id=response.pk,
            answers={item.id: (n % 5) + 1 for item in items},
            today=date(2026, 5, 1),
        )
    from parathed.statbank import FetchedFigure
    from parathed.web.keyfigures.services import figures_store_statbank

    figures_store_statbank(
        figures=[
            FetchedFigure(
                code,
                "children_with_notifications",
                2025,
                value,
                "UND2",
                "2025",
                date(2026, 5, 1),
            )
            for code, value in (("101", 9000.0), ("147", 1500.0))
        ]
    )
    figure_a = a.figure_values.get(name="children_with_notifications")
    created = World(
        figure_a=figure_a,
        partnership=partnership,
        round=measurement,
        municipality_a=a,
        municipality_b=b,
        link_a=link_a,
        link_b=link_b,
        consultant=user_create(
            username="konsulent",
            password=PASSWORD,
            role=Profile.Role.CONSULTANT,
            partnership=partnership,
        ),
        contact_a=user_create(
            username="kontakt-a",
            password=PASSWORD,
            role=Profile.Role.CONTACT,
            partnership=partnership,
            municipality=a,
        ),
        contact_b=user_create(
            username="kontakt-b",
            password=PASSWORD,
            role=Profile.Role.CONTACT,
            partnership=partnership,
            municipality=b,
        ),
        steering=user_create(
            username="styregruppe",
            password=PASSWORD,
            role=Profile.Role.STEERING,
            partnership=partnership,
        ),
        outsider_consultant=user_create(
            username="anden-konsulent",
            password=PASSWORD,
            role=Profile.Role.CONSULTANT,
            partnership=other,
        ),
    )
    _add_fieldwork(created)
    return created


def _add_fieldwork(world: World) -> None:
    """Adds the fieldwork records of issue #5 to the world."""
    from parathed.instrument.schema import CheckStatus
    from parathed.web.accounts.models import Profile
    from parathed.web.accounts.services import user_create
    from tests.web.fieldwork.factories import record_interview, screen_case

    world.second_consultant = user_create(
        username="konsulent-2",
        password=PASSWORD,
        role=Profile.Role.CONSULTANT,
        partnership=world.partnership,
    )
    common = {"round": world.round, "municipality": world.municipality_a}
    world.screening_a = screen_case(screener=world.consultant, **common)
    world.screening_a2 = screen_case(
        screener=world.second_consultant,
        statuses={"CS-ES08": CheckStatus.NOT_MET},
        **common,
    )
    world.interview_a = record_interview(interviewer=world.consultant, **common)


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
