"""The session engine: a login is renewed on every request, a respondent's session
only when it changes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from parathed.web.accounts.sessions import SessionStore


def _age_session(client: Client, minutes: int) -> Any:
    """Moves the client's session expiry to ``minutes`` from now; returns it."""
    expiry = timezone.now() + timedelta(minutes=minutes)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=expiry
    )
    return expiry


def _expiry(client: Client) -> Any:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_a_logged_in_session_is_renewed_on_every_request(
    world: Any, client: Client
) -> None:
    """Staff stay logged in while active: each request moves the 30-minute idle
    deadline (reliability.md S6)."""
    client.force_login(world.consultant)
    aged = _age_session(client, 5)
    assert client.get("/").status_code in (200, 302)
    assert _expiry(client) > aged + timedelta(minutes=20)


def test_an_unchanged_session_without_a_login_is_not_written(
    world: Any, client: Client
) -> None:
    """A respondent's page reads the session and leaves the row alone."""
    client.get(f"/s/{world.link_a.token}/")
    client.post("/besvar/", {})
    aged = _age_session(client, 5)
    assert client.get("/besvar/side/1/").status_code == 200
    assert _expiry(client) == aged


def test_a_changed_session_without_a_login_is_written(
    world: Any, client: Client
) -> None:
    """Opening a link stores it in the session, login or not."""
    client.get(f"/s/{world.link_a.token}/")
    aged = _age_session(client, 5)
    client.get(f"/s/{world.link_b.token}/")
    assert client.session["survey_link_id"] == world.link_b.pk
    assert _expiry(client) > aged


def test_a_new_session_is_created_even_unmodified(db: None) -> None:
    """must_create always writes: a new key is never left without its row."""
    store = SessionStore()
    store.create()
    assert Session.objects.filter(session_key=store.session_key).exists()


def test_an_expired_session_is_not_loaded(world: Any, client: Client) -> None:
    """Past its expiry a session reads as empty and its key is dropped."""
    client.get(f"/s/{world.link_a.token}/")
    key = client.session.session_key
    assert SessionStore(key).load() == {
        "survey_link_id": world.link_a.pk,
        "survey_resume": True,
    }
    _age_session(client, -1)
    expired = SessionStore(key)
    assert expired.load() == {}
    assert expired.session_key is None
