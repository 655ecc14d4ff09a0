"""App configuration for accounts."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Registers the app with Django, and its session bookkeeping (S6)."""

    name = "parathed.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.db.models.signals import post_save

        user_logged_in.connect(_logged_in, dispatch_uid="accounts-session-register")
        user_logged_out.connect(_logged_out, dispatch_uid="accounts-session-forget")
        post_save.connect(
            _user_saved, sender=get_user_model(), dispatch_uid="accounts-deactivated"
        )
        post_save.connect(
            _report_job_saved,
            sender="reports.ReportJob",
            dispatch_uid="accounts-report-job-event",
        )


def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from parathed.web.accounts.security import session_register

    if request is not None and hasattr(request, "session"):
        session_register(user=user, session=request.session)
    _event("login", user_id=user.pk)


def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from parathed.web.accounts.security import session_forget

    if request is not None and hasattr(request, "session"):
        session_forget(session_key=request.session.session_key)
    if not getattr(request, "security_logout_logged", False):
        _event("logout", user_id=user.pk if user is not None else None)


def _user_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A user saved as inactive loses every session at once (ASVS 7.4.2)."""
    if not created and not instance.is_active:
        from parathed.web.accounts.security import user_sessions_end

        user_sessions_end(user=instance)
        fields = kwargs.get("update_fields")
        if fields is None or "is_active" in fields:
            _event("deactivated", user_id=instance.pk)


def _report_job_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A new report job is logged (S9) where it is created, whichever view or
    command started it."""
    if created:
        from parathed.web.accounts.events import Kind, security_event_record

        security_event_record(
            kind=Kind.REPORT_STARTED,
            user_id=instance.requested_by_id,
            partnership_id=instance.measurement_round.partnership_id,
            municipality_id=instance.municipality_id,
            object_kind="report_job",
            object_id=instance.pk,
        )


def _event(kind: str, *, user_id: int | None) -> None:
    from parathed.web.accounts.events import Kind, security_event_record

    security_event_record(kind=Kind(kind), user_id=user_id)
