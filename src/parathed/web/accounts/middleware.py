"""Response headers that keep authenticated and respondent pages out of caches."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from parathed.web.accounts import access, events
from parathed.web.accounts.forms import client_address
from parathed.web.accounts.security import LOGIN_AT_KEY


class NoStoreMiddleware:
    """Adds ``Cache-Control: no-store`` to every page that is not a static file."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response


# --- Security headers and session lifetime (reliability.md S6, S7) ------------------


class ContentSecurityPolicyMiddleware:
    """Sets ``Content-Security-Policy`` on every response (S7), static files too.

    The policy (``PARATHED_CSP`` in settings) allows scripts, styles, images and fonts
    from our own origin only: no inline script or style, no plugin objects, no
    ``<base>``, no framing. Placed first, so it also covers WhiteNoise's responses.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = "; ".join(
            f"{directive} {' '.join(sources)}"
            for directive, sources in settings.PARATHED_CSP.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class SessionLifetimeMiddleware:
    """Logs a user out 12 hours after they logged in, however active (S6).

    The 30-minute idle limit is Django's own (``SESSION_COOKIE_AGE`` with
    ``SESSION_SAVE_EVERY_REQUEST``). Requests without a session cookie are not
    touched, and a session is only read, never written, so respondent pages pay
    no extra query (their views load the same session anyway).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            session = request.session
            started = session.get(LOGIN_AT_KEY)
            if started is None:
                # A logged-in session without a login time (older than this check)
                # cannot be shown to be under 12 hours: it ends.
                if SESSION_KEY in session:
                    logout(request)
            elif time.time() - started > settings.PARATHED_SESSION_MAX_AGE:
                events.security_event_record(
                    kind=events.Kind.SESSION_EXPIRED,
                    user_id=int(session[SESSION_KEY])
                    if SESSION_KEY in session
                    else None,
                )
                request.security_logout_logged = True  # type: ignore[attr-defined]
                logout(request)
        return self.get_response(request)


# --- The security event log (reliability.md S9) ---------------------------------------


def _raised_by_access_check(exception: BaseException) -> bool:
    """Whether the exception was raised inside ``accounts/access.py`` (the innermost
    frame of its traceback): a 404 of an access check hides an object the user may
    not see, unlike a 404 for a page that does not exist."""
    tb = exception.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return tb.tb_frame.f_globals.get("__name__") == access.__name__


class SecurityEventMiddleware:
    """The single place where refused accesses and files in and out are logged.

    - ``PermissionDenied`` from any view (403), and ``Http404`` raised by an access
      check in ``accounts/access.py``: one ``forbidden`` or ``not_visible`` event.
    - A response with ``Content-Disposition`` (a deck, PDF or workbook): ``download``.
    - A multipart POST carrying files (an import or a key-figure workbook): ``upload``.

    It also makes the client address known to events recorded while the request runs
    (``events.current_address``). Ordinary requests pay no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = events.current_address.set(client_address(request) or None)
        try:
            response = self.get_response(request)
            if (
                response.has_header("Content-Disposition")
                and response.status_code == 200
            ):
                events.request_event_record(
                    request, kind=events.Kind.DOWNLOAD, status=response.status_code
                )
            elif (
                request.method == "POST"
                and response.status_code not in (403, 404)  # logged as refused
                and request.content_type == "multipart/form-data"
                and request.FILES
            ):
                events.request_event_record(
                    request, kind=events.Kind.UPLOAD, status=response.status_code
                )
            return response
        finally:
            events.current_address.reset(token)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, PermissionDenied):
            events.request_event_record(request, kind=events.Kind.FORBIDDEN, status=403)
        elif isinstance(exception, Http404) and _raised_by_access_check(exception):
            events.request_event_record(
                request, kind=events.Kind.NOT_VISIBLE, status=404
            )
        return None
