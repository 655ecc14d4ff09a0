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
from parathed.web.fieldwork.models import CaseScreening, Interview
from parathed.web.partnerships.models import Municipality, Partnership
from parathed.web.survey.models import ImportBatch, SurveyLink

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


# --- Link management (issue #4): rounds, links, invitations, response rates. ---
# Consultants of the partnership manage rounds and links. A municipal contact sees
# their own municipality's links, expected numbers and rates through
# ``access_municipality_by_code``. Steering-group members see no link or token.


def access_link_management(*, user: AnyUser, partnership: Partnership) -> None:
    """Raises PermissionDenied unless the user is a consultant of the partnership.

    ``partnership`` must come from ``access_partnership_by_slug``, which already
    hides partnerships the user does not take part in.
    """
    if not is_consultant(user=user):
        raise PermissionDenied


def access_link_by_id(
    *, user: AnyUser, partnership: Partnership, link_id: int
) -> SurveyLink:
    """Returns a link of one of the partnership's rounds for a consultant.

    Http404 when the link is not the partnership's; PermissionDenied for other roles.
    """
    link = (
        SurveyLink.objects.select_related("round", "municipality")
        .filter(pk=link_id, round__partnership=partnership)
        .first()
    )
    if link is None:
        raise Http404
    access_link_management(user=user, partnership=partnership)
    return link


# --- Imports of questionnaire responses (issue #4) ----------------------------------
# Only consultants of the partnership import, and only for one of its municipalities.


def access_response_import(
    *, user: AnyUser, slug: str, code: str
) -> tuple[Partnership, Municipality]:
    """Returns the partnership and municipality a consultant may import responses for.

    Http404 outside the user's partnerships or for a municipality not taking part;
    PermissionDenied for every role but consultant.
    """
    partnership = access_partnership_by_slug(user=user, slug=slug)
    municipality = access_municipality_by_code(
        user=user, partnership=partnership, code=code
    )
    if not is_consultant(user=user):
        raise PermissionDenied
    return partnership, municipality


def access_import_batch_by_id(
    *, user: AnyUser, slug: str, code: str, batch_id: int
) -> ImportBatch:
    """Returns an import of this municipality in one of the partnership's rounds."""
    partnership, municipality = access_response_import(user=user, slug=slug, code=code)
    batch = (
        ImportBatch.objects.select_related("round", "municipality")
        .filter(pk=batch_id, municipality=municipality, round__partnership=partnership)
        .first()
    )
    if batch is None:
        raise Http404
    return batch


# --- Fieldwork (issue #5): case screenings and interviews, the partnership's ---------
# consultants only. A contact or steering-group member gets 403 inside their own
# partnership, everybody else 404.


def access_fieldwork_by_code(
    *, user: AnyUser, slug: str, code: str
) -> tuple[Partnership, Municipality]:
    """Returns the partnership and municipality whose fieldwork the user may open."""
    partnership = access_partnership_by_slug(user=user, slug=slug)
    municipality = partnership.municipalities.filter(code=code).first()
    if municipality is None:
        raise Http404
    if not is_consultant(user=user):
        raise PermissionDenied
    return partnership, municipality


def access_fieldwork_log_by_slug(*, user: AnyUser, slug: str) -> Partnership:
    """Returns the partnership whose fieldwork access log the user may read."""
    partnership = access_partnership_by_slug(user=user, slug=slug)
    if not is_consultant(user=user):
        raise PermissionDenied
    return partnership


def access_case_screening_by_id(
    *, user: AnyUser, slug: str, code: str, screening_id: int
) -> CaseScreening:
    """Returns a case screening of the municipality in a round of the partnership."""
    partnership, municipality = access_fieldwork_by_code(
        user=user, slug=slug, code=code
    )
    screening = (
        CaseScreening.objects.select_related("round", "municipality", "screener")
        .filter(
            pk=screening_id,
            municipality=municipality,
            round__partnership=partnership,
        )
        .first()
    )
    if screening is None:
        raise Http404
    return screening


def access_interview_by_id(
    *, user: AnyUser, slug: str, code: str, interview_id: int
) -> Interview:
    """Returns an interview of the municipality in one of the partnership's rounds."""
    partnership, municipality = access_fieldwork_by_code(
        user=user, slug=slug, code=code
    )
    interview = (
        Interview.objects.select_related("round", "municipality")
        .filter(
            pk=interview_id,
            municipality=municipality,
            round__partnership=partnership,
        )
        .first()
    )
    if interview is None:
        raise Http404
    return interview


# --- Key figures (issue #6) ---------------------------------------------------------


def access_keyfigure_overview(*, user: AnyUser, slug: str) -> Partnership:
    """Returns the partnership whose validation status per municipality the user sees.

    Only the partnership's consultants: a contact sees their own municipality's page
    only, a steering-group member no single municipality's validation.
    """
    partnership = access_partnership_by_slug(user=user, slug=slug)
    if not is_consultant(user=user):
        raise PermissionDenied
    return partnership


def may_validate_keyfigures(*, user: AnyUser, municipality: Municipality) -> bool:
    """Returns whether the user confirms and corrects the municipality's key figures.

    Only the municipality's own contact validates; consultants see and upload.
    """
    profile = profile_of(user)
    if profile is None:
        return False
    return (
        profile.role == Profile.Role.CONTACT
        and profile.municipality_id == municipality.pk
    )


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


# --- Multi-factor authentication (reliability.md S5) --------------------------------
# Every account that can see case data or more than one municipality logs in with a
# second factor: consultants (case screenings, every municipality of a partnership),
# steering-group members (the whole partnership), and Django superusers and staff.
# A municipal contact sees one municipality and no case data.


def mfa_required(*, user: AnyUser) -> bool:
    """Returns whether the user must pass a TOTP code after the password."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_superuser", False) or getattr(user, "is_staff", False):
        return True
    profile = profile_of(user)
    return profile is not None and profile.role in (
        Profile.Role.CONSULTANT,
        Profile.Role.STEERING,
    )
