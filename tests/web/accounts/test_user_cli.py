"""``parathed user`` and ``parathed totp`` (cli/accounts.py): an administrator ends
sessions, deactivates, resets MFA (reliability.md S5, S6)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.test import Client

from parathed.cli import main
from parathed.web.accounts import totp
from parathed.web.accounts.models import TotpDevice
from parathed.web.accounts.security import recovery_codes_create, totp_device_set

pytestmark = pytest.mark.django_db


def _browsers(user: User, count: int) -> list[Client]:
    clients = [Client() for _ in range(count)]
    for client in clients:
        client.force_login(user)
    return clients


def test_end_sessions_logs_the_user_out_everywhere(users: dict[str, Any]) -> None:
    clients = _browsers(users["contact"], 2)
    result = CliRunner().invoke(main, ["user", "end-sessions", "kontakt-a"])
    assert result.exit_code == 0, result.output
    assert "2 sessioner afsluttet for kontakt-a." in result.output
    assert all(c.get("/partnerskaber/").status_code == 302 for c in clients)


def test_deactivate_ends_sessions_and_refuses_the_next_login(
    users: dict[str, Any],
) -> None:
    (client,) = _browsers(users["contact"], 1)
    result = CliRunner().invoke(main, ["user", "deactivate", "kontakt-a"])
    assert result.exit_code == 0, result.output
    assert "kontakt-a er deaktiveret; 1 sessioner afsluttet." in result.output
    assert client.get("/partnerskaber/").status_code == 302
    assert not User.objects.get(username="kontakt-a").is_active


def test_reset_mfa_sends_the_user_back_to_enrolment(users: dict[str, Any]) -> None:
    totp_device_set(user=users["consultant"], secret=totp.secret_new())
    recovery_codes_create(user=users["consultant"])
    result = CliRunner().invoke(main, ["user", "reset-mfa", "konsulent"])
    assert result.exit_code == 0, result.output
    assert not TotpDevice.objects.filter(user=users["consultant"]).exists()


def test_an_unknown_user_fails_in_danish(db: None) -> None:
    result = CliRunner().invoke(main, ["user", "end-sessions", "ingen"])
    assert result.exit_code == 1
    assert "Der findes ingen bruger med navnet 'ingen'." in result.output


def test_totp_prints_the_code_an_app_would_show() -> None:
    secret = totp.secret_new()
    before = totp.code_at(secret, time.time())
    result = CliRunner().invoke(main, ["totp", secret])
    after = totp.code_at(secret, time.time())
    assert result.exit_code == 0, result.output
    code = re.match(r"(\d{6})  \(gælder \d+ s endnu\)", result.output)
    assert code is not None, result.output
    assert code.group(1) in {before, after}
    bad = CliRunner().invoke(main, ["totp", "not-base32!"])
    assert bad.exit_code == 1
    assert "Nøglen er ikke gyldig base32." in bad.output
