"""Small fixtures of the accounts tests: one user per role, without the whole world."""

from __future__ import annotations

from typing import Any

import pytest

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def users(db: None) -> dict[str, Any]:
    """A partnership of two municipalities with a consultant, a steering-group member
    and a municipal contact (password ``PASSWORD``)."""
    from parathed.web.accounts.models import Profile
    from parathed.web.accounts.services import user_create
    from parathed.web.partnerships.models import Municipality
    from parathed.web.partnerships.services import partnership_create

    partnership = partnership_create(
        slug="p", name="Testpartnerskab", municipality_codes=["101", "147"]
    )
    return {
        "consultant": user_create(
            username="konsulent",
            password=PASSWORD,
            role=Profile.Role.CONSULTANT,
            partnership=partnership,
        ),
        "steering": user_create(
            username="styregruppe",
            password=PASSWORD,
            role=Profile.Role.STEERING,
            partnership=partnership,
        ),
        "contact": user_create(
            username="kontakt-a",
            password=PASSWORD,
            role=Profile.Role.CONTACT,
            partnership=partnership,
            municipality=Municipality.objects.get(code="101"),
        ),
    }
