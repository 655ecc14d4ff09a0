"""Who may see what, in one place: ``access_<entity>_by_<key>`` getters.

Each getter returns the object or raises: ``Http404`` when the object does not exist or
lies outside every partnership the user belongs to (its existence is not revealed),
``PermissionDenied`` when the user may see the partnership but not this object.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from parathed.web.accounts.models import Profile
from parathed.web.partnerships.models import Municipality, Partnership

if TYPE_CHECKING:
    from parathed.web.reports.models import ReportJob

AnyUser = AbstractBaseUser | AnonymousUser


def profile_of(user: AnyUser) -> Profile | None:
    """Returns the user's profile, or None for anonymous users and users without one."""
    if not user.is_authenticated:
        return None
    try:
        return Profile.objects.select_related("municipality").get(user_id=user.pk)
    except Profile.DoesNotExist:
        return None


def visible_partnerships(*, user: AnyUser) -> QuerySet[Partnership]:
    """Returns the partnerships the user takes part in, by role."""
    profile = profile_of(user)
    if profile is None:
        return Partnership.objects.none()
    if profile.role == Profile.Role.CONSULTANT:
        return Partnership.objects.filter(consultants=profile.user_id)
    if profile.role == Profile.Role.CONTACT and profile.partnership_id is not None:
        # Only the contact's own partnership, even when their municipality is in others.
        return Partnership.objects.filter(
            pk=profile.partnership_id, municipalities=profile.municipality_id
        )
    if profile.role == Profile.Role.STEERING and profile.partnership_id is not None:
        return Partnership.objects.filter(pk=profile.partnership_id)
    return Partnership.objects.none()


def access_partnership_by_slug(*, user: AnyUser, slug: str) -> Partnership:
    """Returns the partnership ``slug`` if the user takes part in it, else Http404."""
    partnership = visible_partnerships(user=user).filter(slug=slug).first()
    if partnership is None:
        raise Http404
    return partnership


def access_municipality_by_code(
    *, user: AnyUser, partnership: Partnership, code: str
) -> Municipality:
    """Returns a participating municipality the user may see in detail.

    Consultants of the partnership see every municipality; a municipal contact only
    their own; a steering-group member none (they see aggregates).
    """
    municipality = partnership.municipalities.filter(code=code).first()
    if municipality is None:
        raise Http404
    profile = profile_of(user)
    if profile is None:
        raise PermissionDenied
    if profile.role == Profile.Role.CONSULTANT:
        return municipality
    if (
        profile.role == Profile.Role.CONTACT
        and profile.municipality_id == municipality.pk
    ):
        return municipality
    raise PermissionDenied


def is_consultant(*, user: AnyUser) -> bool:
    """Returns whether the user is a consultant."""
    profile = profile_of(user)
    return profile is not None and profile.role == Profile.Role.CONSULTANT


# --- Report jobs (issue #8): who may render and download which deck ----------------


def access_report_target(
    *, user: AnyUser, partnership: Partnership, code: str | None
) -> Municipality | None:
    """Returns the municipality whose deck the user may have (None: the partnership
    deck). Consultants: every municipality of their partnership and the partnership
    deck; a municipal contact: their own municipality's deck only; a steering-group
    member: the partnership deck only.
    """
    if code:
        return access_municipality_by_code(
            user=user, partnership=partnership, code=code
        )
    profile = profile_of(user)
    if profile is not None and profile.role in (
        Profile.Role.CONSULTANT,
        Profile.Role.STEERING,
    ):
        return None
    raise PermissionDenied


def access_report_job(
    *, user: AnyUser, partnership: Partnership, job_id: int
) -> ReportJob:
    """Returns the report job ``job_id`` of the partnership if the user may have its
    deck; Http404 when it belongs to no round of the partnership."""
    from parathed.web.reports.models import ReportJob

    job = (
        ReportJob.objects.select_related("municipality", "measurement_round")
        .filter(pk=job_id, measurement_round__partnership=partnership)
        .first()
    )
    if job is None:
        raise Http404
    access_report_target(
        user=user,
        partnership=partnership,
        code=job.municipality.code if job.municipality else None,
    )
    return job
