"""The security event log (reliability.md S9, ASVS 5.0 V16): writes, reads, pruning.

Every event goes to the ``SecurityEvent`` table (an administrator reads and prunes it
with ``parathed log``) and as one line to the ``parathed.security`` logger, so a
deployment can ship it to a separate system (16.4.3). Both hold ids and codes only.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from parathed.web.accounts.models import SecurityEvent
from parathed.web.accounts.security import throttle_keys

Kind = SecurityEvent.Kind
logger = logging.getLogger("parathed.security")

# The client address of the request being served (set by SecurityEventMiddleware),
# so events recorded deep in a service or a signal still say where they came from.
current_address: ContextVar[str | None] = ContextVar("current_address", default=None)

# URL keyword arguments naming an object: the model (app_label.Model) and its kind.
_OBJECT_KWARGS = {
    "screening_id": ("fieldwork.CaseScreening", "case_screening"),
    "interview_id": ("fieldwork.Interview", "interview"),
    "job_id": ("reports.ReportJob", "report_job"),
    "batch_id": ("survey.ImportBatch", "import_batch"),
    "link_id": ("survey.SurveyLink", "survey_link"),
    "figure_id": ("keyfigures.FigureValue", "key_figure"),
}


def username_hash(username: str) -> str:
    """Returns the keyed hash a typed username is kept as (the throttle's account
    key: 64 hex characters, so it never reads as a CPR number)."""
    return throttle_keys(username=username, address="").account


def security_event_record(
    *,
    kind: SecurityEvent.Kind,
    user_id: int | None = None,
    username_hash: str = "",
    partnership_id: int | None = None,
    municipality_id: int | None = None,
    object_kind: str = "",
    object_id: int | None = None,
    route: str = "",
    status: int | None = None,
    address: str | None = None,
) -> SecurityEvent:
    """Stores one event (time in UTC) and writes its log line."""
    event = SecurityEvent.objects.create(
        at=timezone.now(),
        kind=kind,
        user_id=user_id,
        username_hash=username_hash,
        partnership_id=partnership_id,
        municipality_id=municipality_id,
        object_kind=object_kind,
        object_id=object_id,
        route=route[:80],
        status=status,
        address=address if address is not None else (current_address.get() or None),
    )
    logger.info(
        "event=%s user=%s municipality=%s object=%s:%s route=%s status=%s address=%s",
        event.kind,
        event.user_id or "-",
        event.municipality_id or "-",
        event.object_kind or "-",
        event.object_id or "-",
        event.route or "-",
        event.status or "-",
        event.address or "-",
    )
    return event


def login_failed_record(*, username: str, kind: SecurityEvent.Kind) -> None:
    """Records a refused login step for a username as typed: the user's id when an
    account has that name, and always only a keyed hash of the name itself."""
    user_model = get_user_model()
    user_id = (
        user_model.objects.filter(**{user_model.USERNAME_FIELD: username})
        .values_list("pk", flat=True)
        .first()
    )
    security_event_record(
        kind=kind, user_id=user_id, username_hash=username_hash(username)
    )


@dataclass(frozen=True, slots=True)
class RequestObject:
    """What a request was about, from its URL's keyword arguments (ids only)."""

    route: str = ""
    partnership_id: int | None = None
    municipality_id: int | None = None
    object_kind: str = ""
    object_id: int | None = None


def request_object(request: HttpRequest) -> RequestObject:
    """Returns the route name and the partnership, municipality and object a request
    names. Only integer ids and known slugs/codes are looked up; no string from the
    URL is kept (respondent URLs carry tokens)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return RequestObject()
    kwargs: dict[str, Any] = match.kwargs
    partnership_id = municipality_id = object_id = None
    object_kind = ""
    if isinstance(kwargs.get("slug"), str):
        partnership_id = (
            apps.get_model("partnerships", "Partnership")
            .objects.filter(slug=kwargs["slug"])
            .values_list("pk", flat=True)
            .first()
        )
        object_kind, object_id = "partnership", partnership_id
    if isinstance(kwargs.get("code"), str):
        municipality_id = (
            apps.get_model("partnerships", "Municipality")
            .objects.filter(code=kwargs["code"])
            .values_list("pk", flat=True)
            .first()
        )
        object_kind, object_id = "municipality", municipality_id
    for name, (label, kind) in _OBJECT_KWARGS.items():
        value = kwargs.get(name)
        if isinstance(value, int):
            object_kind, object_id = kind, value
            if municipality_id is None:
                municipality_id = _municipality_of(label, value)
            break
    return RequestObject(
        route=match.view_name or "",
        partnership_id=partnership_id,
        municipality_id=municipality_id,
        object_kind=object_kind,
        object_id=object_id,
    )


def _municipality_of(label: str, pk: int) -> int | None:
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    if not any(f.name == "municipality" for f in model._meta.get_fields()):
        return None
    value = model.objects.filter(pk=pk).values_list("municipality_id", flat=True)
    found = value.first()
    return int(found) if found is not None else None


def request_event_record(
    request: HttpRequest, *, kind: SecurityEvent.Kind, status: int | None = None
) -> SecurityEvent:
    """Records an event of the request's user about the object its URL names."""
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    about = request_object(request)
    return security_event_record(
        kind=kind,
        user_id=user_id,
        partnership_id=about.partnership_id,
        municipality_id=about.municipality_id,
        object_kind=about.object_kind,
        object_id=about.object_id,
        route=about.route,
        status=status,
    )


# --- Reading and pruning (``parathed log``) ------------------------------------------


def security_events(
    *,
    since: datetime | None = None,
    username: str | None = None,
    kind: str | None = None,
    limit: int = 200,
) -> list[SecurityEvent]:
    """Returns the newest events first; ``username`` matches the account of that name
    and failed logins typed with it (through its keyed hash)."""
    events = SecurityEvent.objects.all()
    if since is not None:
        events = events.filter(at__gte=since)
    if kind:
        events = events.filter(kind=kind)
    if username:
        user_model = get_user_model()
        ids = list(
            user_model.objects.filter(
                **{user_model.USERNAME_FIELD: username}
            ).values_list("pk", flat=True)
        )
        events = events.filter(
            Q(user_id__in=ids) | Q(username_hash=username_hash(username))
        )
    return list(events[:limit])


@dataclass(frozen=True, slots=True)
class PruneResult:
    """How many events were deleted, and how many lost their address."""

    deleted: int
    addresses_cleared: int


def security_events_prune(*, now: datetime | None = None) -> PruneResult:
    """Deletes events older than the retention period and blanks the address of
    events older than the address period."""
    now = now or timezone.now()
    days = settings.PARATHED_SECURITY_LOG_DAYS
    address_days = settings.PARATHED_SECURITY_LOG_ADDRESS_DAYS
    deleted, _ = SecurityEvent.objects.filter(
        at__lt=now - timedelta(days=days)
    ).delete()
    cleared = SecurityEvent.objects.filter(
        at__lt=now - timedelta(days=address_days), address__isnull=False
    ).update(address=None)
    return PruneResult(deleted=deleted, addresses_cleared=cleared)
