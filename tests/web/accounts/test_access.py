"""Who may see what: the access getters, called directly for each role."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from parathed.web.accounts.access import (
    access_municipality_by_code,
    access_partnership_by_slug,
    is_consultant,
    visible_partnerships,
)
from parathed.web.accounts.models import Profile
from parathed.web.accounts.services import user_create
from parathed.web.partnerships.services import partnership_create

OK = "ok"


def _user(world: Any, who: str) -> Any:
    if who == "anonymous":
        return AnonymousUser()
    if who == "no_profile":
        return User.objects.create_user(username="uden-profil", password=None)
    return getattr(world, who)


# who, slugs they see
VISIBLE = [
    ("anonymous", []),
    ("no_profile", []),
    ("consultant", ["p"]),
    ("contact_a", ["p"]),
    ("contact_b", ["p"]),
    ("steering", ["p"]),
    ("outsider_consultant", ["other"]),
]


@pytest.mark.parametrize(("who", "slugs"), VISIBLE)
def test_visible_partnerships_by_role(world: Any, who: str, slugs: list[str]) -> None:
    """Each user sees exactly the partnerships they take part in."""
    visible = visible_partnerships(user=_user(world, who))
    assert sorted(visible.values_list("slug", flat=True)) == slugs


@pytest.mark.parametrize(
    ("who", "slug", "expected"),
    [
        ("consultant", "p", OK),
        ("contact_a", "p", OK),
        ("steering", "p", OK),
        ("outsider_consultant", "p", Http404),
        ("consultant", "other", Http404),
        ("anonymous", "p", Http404),
        ("no_profile", "p", Http404),
        ("consultant", "findes-ikke", Http404),
    ],
)
def test_access_partnership_by_slug(
    world: Any, who: str, slug: str, expected: Any
) -> None:
    """The partnership comes back to its participants; anyone else gets Http404."""
    user = _user(world, who)
    if expected is OK:
        assert access_partnership_by_slug(user=user, slug=slug).slug == slug
    else:
        with pytest.raises(expected):
            access_partnership_by_slug(user=user, slug=slug)


@pytest.mark.parametrize(
    ("who", "code", "expected"),
    [
        ("consultant", "101", OK),
        ("consultant", "147", OK),
        ("contact_a", "101", OK),
        ("contact_a", "147", PermissionDenied),
        ("contact_b", "147", OK),
        ("contact_b", "101", PermissionDenied),
        ("steering", "101", PermissionDenied),
        ("steering", "147", PermissionDenied),
        ("anonymous", "101", PermissionDenied),
        ("no_profile", "101", PermissionDenied),
        ("consultant", "751", Http404),
        ("contact_a", "751", Http404),
        ("consultant", "999", Http404),
    ],
)
def test_access_municipality_by_code(
    world: Any, who: str, code: str, expected: Any
) -> None:
    """Consultants see every municipality, a contact their own, steering none."""
    user = _user(world, who)
    if expected is OK:
        municipality = access_municipality_by_code(
            user=user, partnership=world.partnership, code=code
        )
        assert municipality.code == code
    else:
        with pytest.raises(expected):
            access_municipality_by_code(
                user=user, partnership=world.partnership, code=code
            )


def test_contact_sees_only_their_own_partnership(world: Any) -> None:
    """A contact of A does not see another partnership that A also takes part in."""
    partnership_create(slug="q", name="Andet med A", municipality_codes=["101"])
    visible = visible_partnerships(user=world.contact_a)
    assert list(visible.values_list("slug", flat=True)) == ["p"]
    with pytest.raises(Http404):
        access_partnership_by_slug(user=world.contact_a, slug="q")


def test_contact_without_a_partnership_sees_nothing(world: Any) -> None:
    """A contact whose profile names no partnership is shown no partnership."""
    user = user_create(
        username="kontakt-uden",
        password=None,
        role=Profile.Role.CONTACT,
        municipality=world.municipality_a,
    )
    assert list(visible_partnerships(user=user)) == []


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("consultant", True),
        ("outsider_consultant", True),
        ("contact_a", False),
        ("steering", False),
        ("anonymous", False),
        ("no_profile", False),
    ],
)
def test_is_consultant(world: Any, who: str, expected: bool) -> None:
    """Only users with the consultant role count as consultants."""
    assert is_consultant(user=_user(world, who)) is expected
