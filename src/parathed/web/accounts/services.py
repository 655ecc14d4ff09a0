"""Writes of accounts: users with their role."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from parathed.web.accounts.models import Profile
from parathed.web.partnerships.models import Municipality, Partnership


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    role: Profile.Role,
    partnership: Partnership | None = None,
    municipality: Municipality | None = None,
) -> User:
    """Creates a user with a role; a consultant joins ``partnership``'s consultants.

    ``password`` None leaves the password unusable until one is set. Raises
    ValueError when a contact has no municipality.
    """
    if role == Profile.Role.CONTACT and municipality is None:
        raise ValueError("a municipal contact belongs to a municipality")
    user = User.objects.create_user(username=username, password=password)
    Profile.objects.create(
        user=user, role=role, municipality=municipality, partnership=partnership
    )
    if role == Profile.Role.CONSULTANT and partnership is not None:
        partnership.consultants.add(user)
    return user
