"""The login in two steps through the real views (reliability.md S4, S5)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.test import Client

from parathed.web.accounts import totp
from parathed.web.accounts.models import TotpDevice
from parathed.web.accounts.security import totp_device_set
from parathed.web.accounts.views import PENDING_KEY
from tests.web.accounts.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/konto/login/"
VERIFY = "/konto/login/kode/"
ENROL = "/konto/login/totp-opsaetning/"
LOCKED_DA = "For mange mislykkede forsøg"
WRONG_DA = "Brugernavn eller adgangskode er forkert"


def _password(
    client: Client, username: str, password: str = PASSWORD, **extra: str
) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def _logged_in(client: Client) -> bool:
    return client.get("/partnerskaber/").status_code == 200


def _current_code(secret: str) -> str:
    return totp.code_at(secret, time.time())


def _wrong_code(secret: str) -> str:
    now = time.time()
    good = {totp.code_at_step(secret, totp.step_at(now) + d) for d in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(10) if f"{n:06d}" not in good)


def test_a_contact_logs_in_with_the_password_alone(users: dict[str, Any]) -> None:
    client = Client()
    response = _password(client, "kontakt-a")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _logged_in(client)


def test_a_consultant_with_an_app_needs_the_code_after_the_password(
    users: dict[str, Any],
) -> None:
    device = totp_device_set(user=users["consultant"], secret=totp.secret_new())
    client = Client()
    response = _password(client, "konsulent", next="/partnerskaber/p/")
    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert not _logged_in(client)  # the password alone opens nothing

    page = client.get(VERIFY)
    assert page.status_code == 200
    assert "Kode fra din autentificeringsapp" in page.content.decode()

    wrong = client.post(VERIFY, {"code": _wrong_code(device.secret)})
    assert wrong.status_code == 200
    assert "Koden er forkert eller udløbet" in wrong.content.decode()
    assert not _logged_in(client)

    right = client.post(VERIFY, {"code": _current_code(device.secret)})
    assert right.status_code == 302
    assert right["Location"] == "/partnerskaber/p/"
    assert _logged_in(client)
    assert PENDING_KEY not in client.session


def test_the_session_key_changes_at_each_step(users: dict[str, Any]) -> None:
    device = totp_device_set(user=users["steering"], secret=totp.secret_new())
    client = Client()
    client.get(LOGIN)
    _password(client, "styregruppe")
    after_password = client.session.session_key
    client.post(VERIFY, {"code": _current_code(device.secret)})
    assert client.session.session_key != after_password
    assert _logged_in(client)


def test_a_recovery_code_replaces_a_lost_phone_once(users: dict[str, Any]) -> None:
    from parathed.web.accounts.security import recovery_codes_create

    totp_device_set(user=users["consultant"], secret=totp.secret_new())
    codes = recovery_codes_create(user=users["consultant"])
    client = Client()
    _password(client, "konsulent")
    assert "10" in client.get(VERIFY).content.decode()
    assert client.post(VERIFY, {"code": codes[3]}).status_code == 302
    assert _logged_in(client)

    again = Client()
    _password(again, "konsulent")
    assert client.get(VERIFY).status_code == 302  # the first client is logged in
    reused = again.post(VERIFY, {"code": codes[3]})
    assert reused.status_code == 200
    assert not _logged_in(again)


def test_first_login_enrols_the_app_with_a_local_qr_code(users: dict[str, Any]) -> None:
    client = Client()
    response = _password(client, "konsulent")
    assert response["Location"] == ENROL
    assert client.get(VERIFY)["Location"] == ENROL  # no code step without an app

    page = client.get(ENROL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Opsæt din autentificeringsapp" in html
    assert re.search(r"<svg[^>]*class=\"qr\"", html)
    assert "http" not in re.search(r"<svg.*?</svg>", html, re.S).group(0).replace(  # type: ignore[union-attr]
        "http://www.w3.org/2000/svg", ""
    )
    device = TotpDevice.objects.get(user=users["consultant"])
    assert totp.secret_grouped(device.secret) in html
    # Reloading the page shows the same key (a half-scanned app keeps working).
    assert totp.secret_grouped(device.secret) in client.get(ENROL).content.decode()

    wrong = client.post(ENROL, {"code": _wrong_code(device.secret)})
    assert "Koden er forkert eller udløbet" in wrong.content.decode()
    assert not _logged_in(client)

    done = client.post(ENROL, {"code": _current_code(device.secret)})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", done.content.decode())
    assert len(codes) == 10
    assert "Dine gendannelseskoder" in done.content.decode()
    assert _logged_in(client)
    device.refresh_from_db()
    assert device.confirmed_at is not None
    # Enrolled: the next login asks for the code, and the set-up page is closed.
    other = Client()
    assert _password(other, "konsulent")["Location"] == VERIFY
    assert other.get(ENROL)["Location"] == VERIFY


def test_the_pending_step_expires_after_five_minutes(users: dict[str, Any]) -> None:
    device = totp_device_set(user=users["consultant"], secret=totp.secret_new())
    client = Client()
    _password(client, "konsulent")
    session = client.session
    session[PENDING_KEY] = {**session[PENDING_KEY], "at": time.time() - 301}
    session.save()
    response = client.post(VERIFY, {"code": _current_code(device.secret)})
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/"
    assert not _logged_in(client)


def test_a_user_deactivated_between_the_steps_gets_no_session(
    users: dict[str, Any],
) -> None:
    device = totp_device_set(user=users["consultant"], secret=totp.secret_new())
    client = Client()
    _password(client, "konsulent")
    users["consultant"].is_active = False
    users["consultant"].save()
    client.post(VERIFY, {"code": _current_code(device.secret)})
    assert not _logged_in(client)


# --- S4 through the form -------------------------------------------------------------


def _error_summary(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert match is not None, html
    return re.sub(r"\s+", " ", match.group(0))


def test_five_wrong_passwords_lock_with_a_danish_message(users: dict[str, Any]) -> None:
    client = Client()
    for _ in range(4):
        html = _password(client, "kontakt-a", "wrong-password-1234").content.decode()
        assert WRONG_DA in html
    fifth = _password(client, "kontakt-a", "wrong-password-1234").content.decode()
    assert LOCKED_DA in fifth
    assert "15 minutter" in fifth
    # Locked: even the right password is refused, without saying it was right.
    right = _password(client, "kontakt-a")
    assert right.status_code == 200
    assert LOCKED_DA in right.content.decode()
    assert not _logged_in(client)
    # A colleague from the same address logs in as usual.
    colleague = Client()
    assert _password(colleague, "kontakt-a", "x" * 20).status_code == 200
    steering = Client()
    totp_device_set(user=users["steering"], secret=totp.secret_new())
    assert _password(steering, "styregruppe")["Location"] == VERIFY


def test_the_lock_message_does_not_tell_whether_the_username_exists(
    users: dict[str, Any],
) -> None:
    summaries = {}
    for username in ("kontakt-a", "ingen-saadan-bruger"):
        client = Client()
        first = _password(client, username, "wrong-password-1234").content.decode()
        for _ in range(5):
            last = _password(client, username, "wrong-password-1234").content.decode()
        summaries[username] = (_error_summary(first), _error_summary(last))
    assert summaries["kontakt-a"] == summaries["ingen-saadan-bruger"]
    assert LOCKED_DA in summaries["kontakt-a"][1]


def test_wrong_codes_count_towards_the_same_lock(users: dict[str, Any]) -> None:
    device = totp_device_set(user=users["consultant"], secret=totp.secret_new())
    client = Client()
    for _ in range(2):
        _password(client, "konsulent", "wrong-password-1234")
    _password(client, "konsulent")
    for _ in range(2):
        client.post(VERIFY, {"code": _wrong_code(device.secret)})
    locked = client.post(VERIFY, {"code": _wrong_code(device.secret)})
    assert LOCKED_DA in locked.content.decode()
    assert PENDING_KEY not in client.session  # back to the password step
    assert client.post(VERIFY, {"code": _current_code(device.secret)})["Location"] == (
        "/konto/login/"
    )
    assert LOCKED_DA in _password(client, "konsulent").content.decode()
    assert not _logged_in(client)


def test_the_address_comes_from_the_proxy_header_when_configured(
    users: dict[str, Any], settings: Any
) -> None:
    settings.PARATHED_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for _ in range(5):
        _password(
            Client(HTTP_X_REAL_IP="198.51.100.1"), "kontakt-a", "wrong-password-1234"
        )
    assert (
        LOCKED_DA
        in _password(
            Client(HTTP_X_REAL_IP="198.51.100.1"), "kontakt-a"
        ).content.decode()
    )
    elsewhere = Client(HTTP_X_REAL_IP="198.51.100.2")
    assert _password(elsewhere, "kontakt-a").status_code == 302
