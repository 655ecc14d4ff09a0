"""Response headers that keep authenticated and respondent pages out of caches."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse

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
                logout(request)
        return self.get_response(request)
