"""Shared fixtures: the instrument and a small partnership world with every role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Instrument, Role

PASSWORD = "a-long-test-password-1"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    """Hashes test passwords with MD5: PBKDF2's cost buys nothing in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def instrument() -> Instrument:
    """The shipped instrument."""
    return load_instrument()


@dataclass
class World:
    """A partnership of two municipalities (A = 101, B = 147) and one user per role."""

    partnership: object
    round: object
    municipality_a: object
    municipality_b: object
    link_a: object
    link_b: object
    consultant: object
    contact_a: object
    contact_b: object
    steering: object
    outsider_consultant: object


@pytest.fixture
def world(db: None) -> World:
    """Builds the world with six submitted medarbejder responses in municipality A."""
    from parathed.web.accounts.models import Profile
    from parathed.web.accounts.services import user_create
    from parathed.web.partnerships.models import Municipality
    from parathed.web.partnerships.services import partnership_create, round_open
    from parathed.web.survey.services import link_create, response_start, response_submit

    partnership = partnership_create(
        slug="p", name="Testpartnerskab", municipality_codes=["101", "147"]
    )
    other = partnership_create(slug="other", name="Andet", municipality_codes=["751"])
    measurement = round_open(partnership=partnership, name="Baseline", instrument_version="1.0")
    a = Municipality.objects.get(code="101")
    b = Municipality.objects.get(code="147")
    link_a = link_create(round=measurement, municipality=a, role=Role.MEDARBEJDER)
    link_b = link_create(round=measurement, municipality=b)
    items = load_instrument().items_for_role(Role.MEDARBEJDER)
    for n in range(6):
        response = response_start(link=link_a, role=Role.MEDARBEJDER, today=date(2026, 5, 1))
        response_submit(
            response_id=response.pk,
            answers={item.id: (n % 5) + 1 for item in items},
            today=date(2026, 5, 1),
        )
    return World(
        partnership=partnership,
        round=measurement,
        municipality_a=a,
        municipality_b=b,
        link_a=link_a,
        link_b=link_b,
        consultant=user_create(
            username="konsulent", password=PASSWORD, role=Profile.Role.CONSULTANT,
            partnership=partnership,
        ),
        contact_a=user_create(
            username="kontakt-a", password=PASSWORD, role=Profile.Role.CONTACT,
            partnership=partnership, municipality=a,
        ),
        contact_b=user_create(
            username="kontakt-b", password=PASSWORD, role=Profile.Role.CONTACT,
            partnership=partnership, municipality=b,
        ),
        steering=user_create(
            username="styregruppe", password=PASSWORD, role=Profile.Role.STEERING,
            partnership=partnership,
        ),
        outsider_consultant=user_create(
            username="anden-konsulent", password=PASSWORD, role=Profile.Role.CONSULTANT,
            partnership=other,
        ),
    )
