"""Headers on every response (S7) and the 12-hour session cap (S6)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from parathed.web.accounts.middleware import SessionLifetimeMiddleware
from parathed.web.accounts.security import LOGIN_AT_KEY

pytestmark = pytest.mark.django_db

HOURS_12 = 12 * 3600


def _policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize(
    "path",
    [
        "/konto/login/",
        "/partnerskaber/",  # a redirect to the login
        "/findes-ikke/",  # a 404
        "/besvar/",  # a respondent page without a session (404)
        "/static/parathed/site.css",  # WhiteNoise answers before the views
    ],
)
def test_every_response_carries_the_policy(path: str) -> None:
    response = Client().get(path)
    response.close()  # WhiteNoise streams the file
    policy = _policy(response)
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert policy[directive] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_a_respondent_page_carries_the_policy_and_no_store(world: Any) -> None:
    client = Client()
    opened = client.get(f"/s/{world.link_a.token}/")
    assert opened.status_code == 302
    page = client.get(opened["Location"])
    assert page.status_code == 200
    assert _policy(page)["object-src"] == ["'none'"]
    assert page["Cache-Control"] == "no-store"


def test_a_staff_page_carries_the_policy(world: Any) -> None:
    client = Client()
    client.force_login(world.consultant)
    page = client.get("/partnerskaber/p/")
    assert page.status_code == 200
    assert _policy(page)["frame-ancestors"] == ["'none'"]


def test_the_idle_limit_is_thirty_minutes_renewed_by_each_request() -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.PARATHED_SESSION_MAX_AGE == HOURS_12


def _age_login(client: Client, seconds: float) -> None:
    session = client.session
    session[LOGIN_AT_KEY] = int(time.time() - seconds)
    session.save()


def test_a_session_ends_twelve_hours_after_login_however_active(
    world: Any,
) -> None:
    client = Client()
    client.force_login(world.contact_a)
    assert LOGIN_AT_KEY in client.session
    _age_login(client, HOURS_12 - 60)
    assert client.get("/partnerskaber/").status_code == 200
    _age_login(client, HOURS_12 + 1)
    response = client.get("/partnerskaber/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/login/")
    # The old session is gone on the server too.
    assert client.get("/partnerskaber/").status_code == 302


def test_a_logged_in_session_without_a_login_time_ends(world: Any) -> None:
    client = Client()
    client.force_login(world.contact_a)
    session = client.session
    del session[LOGIN_AT_KEY]
    session.save()
    assert client.get("/partnerskaber/").status_code == 302


def test_the_cap_costs_no_query_when_the_view_reads_the_session(db: None) -> None:
    """Respondent views load their session anyway: the middleware adds no query."""
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store["respondent"] = 1
    store.create()

    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(str(request.session.get("respondent")))

    def run(with_middleware: bool) -> int:
        request = RequestFactory().get("/besvar/")
        request.COOKIES[settings.SESSION_COOKIE_NAME] = store.session_key or ""
        request.session = SessionStore(store.session_key)
        handler = SessionLifetimeMiddleware(view) if with_middleware else view
        with CaptureQueriesContext(connection) as queries:
            assert handler(request).content == b"1"
        return len(queries)

    assert run(with_middleware=True) == run(with_middleware=False) == 1


def test_the_cap_reads_nothing_without_a_session_cookie() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        SessionLifetimeMiddleware(view)(request)
    assert len(queries) == 0
