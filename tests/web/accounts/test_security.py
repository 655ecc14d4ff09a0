"""Throttling, TOTP devices, recovery codes and sessions (reliability.md S4-S6)."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from parathed.web.accounts import security, totp
from parathed.web.accounts.access import mfa_required
from parathed.web.accounts.models import (
    LoginFailure,
    LoginThrottle,
    RecoveryCode,
    TotpDevice,
    UserSession,
)
from parathed.web.accounts.security import (
    login_failure_record,
    login_locked,
    login_success_record,
    mfa_code_check,
    mfa_reset,
    recovery_code_use,
    recovery_codes_create,
    throttle_keys,
    totp_device_confirm,
    totp_device_set,
    totp_device_start,
    user_deactivate,
    user_sessions_end,
)

pytestmark = pytest.mark.django_db


def wrong_code(secret: str, unix_time: float) -> str:
    """A six-digit code that no step in the accepted window gives."""
    step = totp.step_at(unix_time)
    good = {totp.code_at_step(secret, step + d) for d in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(10) if f"{n:06d}" not in good)


# --- S4 ------------------------------------------------------------------------------


def test_five_failures_lock_the_pair_for_fifteen_minutes() -> None:
    keys = throttle_keys(username="konsulent", address="10.0.0.1")
    start = timezone.now()
    for n in range(4):
        assert (
            login_failure_record(keys=keys, now=start + timedelta(seconds=n)) is False
        )
        assert not login_locked(keys=keys, now=start + timedelta(seconds=n))
    assert login_failure_record(keys=keys, now=start + timedelta(seconds=4)) is True
    assert login_locked(keys=keys, now=start + timedelta(minutes=14, seconds=59))
    assert not login_locked(keys=keys, now=start + timedelta(minutes=15, seconds=5))
    # After the pause the count starts again from nothing: one failure does not lock.
    later = start + timedelta(minutes=16)
    assert login_failure_record(keys=keys, now=later) is False
    assert not login_locked(keys=keys, now=later)


def test_the_lock_is_per_username_and_address_never_per_address_alone() -> None:
    locked = throttle_keys(username="konsulent", address="10.0.0.1")
    now = timezone.now()
    for _ in range(5):
        login_failure_record(keys=locked, now=now)
    assert login_locked(keys=locked, now=now)
    # A colleague behind the same NAT address, and the same user elsewhere, go on.
    assert not login_locked(
        keys=throttle_keys(username="kontakt-a", address="10.0.0.1"), now=now
    )
    assert not login_locked(
        keys=throttle_keys(username="konsulent", address="10.0.0.2"), now=now
    )
    # Case and surrounding spaces do not make a new counter.
    assert login_locked(
        keys=throttle_keys(username=" KONSULENT ", address="10.0.0.1"), now=now
    )


def test_a_success_forgets_the_pairs_failures() -> None:
    keys = throttle_keys(username="konsulent", address="10.0.0.1")
    now = timezone.now()
    for _ in range(4):
        login_failure_record(keys=keys, now=now)
    login_success_record(keys=keys)
    assert login_failure_record(keys=keys, now=now) is False


def test_one_hundred_failures_an_hour_lock_the_account_from_every_address() -> None:
    now = timezone.now()
    # 20 addresses x 5 failures = 100 within the hour, each address paused on its own.
    for n in range(20):
        keys = throttle_keys(username="konsulent", address=f"10.0.1.{n}")
        for _ in range(5):
            login_failure_record(keys=keys, now=now - timedelta(minutes=30))
    fresh = throttle_keys(username="konsulent", address="192.0.2.7")
    assert login_locked(keys=fresh, now=now)
    assert not login_locked(keys=fresh, now=now + timedelta(minutes=31))
    assert not login_locked(
        keys=throttle_keys(username="kontakt-a", address="192.0.2.7"), now=now
    )


def test_the_throttle_stores_neither_username_nor_address() -> None:
    keys = throttle_keys(username="konsulent", address="10.0.0.1")
    login_failure_record(keys=keys)
    stored = [
        *LoginThrottle.objects.values_list("key", flat=True),
        *LoginFailure.objects.values_list("account_key", flat=True),
    ]
    assert stored
    assert all("konsulent" not in s and "10.0.0.1" not in s for s in stored)


def test_failures_older_than_an_hour_are_pruned() -> None:
    keys = throttle_keys(username="konsulent", address="10.0.0.1")
    now = timezone.now()
    login_failure_record(keys=keys, now=now - timedelta(hours=2))
    login_failure_record(keys=keys, now=now)
    assert LoginFailure.objects.count() == 1


# --- S5 ------------------------------------------------------------------------------


def test_who_needs_a_second_factor(users: dict[str, Any]) -> None:
    assert mfa_required(user=users["consultant"])
    assert mfa_required(user=users["steering"])
    assert not mfa_required(user=users["contact"])
    assert not mfa_required(user=AnonymousUser())
    admin = User.objects.create_superuser(username="drift", password=None)
    assert mfa_required(user=admin)


def test_enrolment_confirms_with_one_code_and_gives_ten_recovery_codes(
    users: dict[str, Any],
) -> None:
    user = users["consultant"]
    device = totp_device_start(user=user)
    assert totp_device_start(user=user).pk == device.pk  # reloading keeps the key
    now = time.time()
    assert (
        totp_device_confirm(
            user=user, code=wrong_code(device.secret, now), unix_time=now
        )
        is None
    )
    codes = totp_device_confirm(
        user=user, code=totp.code_at(device.secret, now), unix_time=now
    )
    assert codes is not None
    assert len(set(codes)) == len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed_at is not None
    with pytest.raises(ValueError, match="confirmed"):
        totp_device_start(user=user)
    stored = list(
        RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True)
    )
    assert not any(
        code in h or code.replace("-", "") in h for code in codes for h in stored
    )


def test_a_code_logs_in_once_then_is_refused(users: dict[str, Any]) -> None:
    user = users["consultant"]
    device = totp_device_set(user=user, secret=totp.secret_new())
    now = time.time()
    code = totp.code_at(device.secret, now)
    assert mfa_code_check(user=user, code=code, unix_time=now)
    assert not mfa_code_check(user=user, code=code, unix_time=now)


def test_an_unconfirmed_device_never_passes_the_code_step(
    users: dict[str, Any],
) -> None:
    user = users["consultant"]
    device = totp_device_set(user=user, secret=totp.secret_new(), confirmed=False)
    now = time.time()
    assert not mfa_code_check(user=user, code=totp.code_at(device.secret, now))


def test_each_recovery_code_works_once(users: dict[str, Any]) -> None:
    user = users["consultant"]
    totp_device_set(user=user, secret=totp.secret_new())
    codes = recovery_codes_create(user=user)
    assert mfa_code_check(user=user, code=codes[0].upper())
    assert not mfa_code_check(user=user, code=codes[0])
    assert recovery_code_use(user=user, code=codes[1].replace("-", ""))
    assert not recovery_code_use(user=user, code="abcde-fghjk")
    # Another user's code is not this user's.
    other = users["steering"]
    assert not recovery_code_use(user=other, code=codes[2])


def test_reset_removes_device_and_codes(users: dict[str, Any]) -> None:
    user = users["consultant"]
    totp_device_set(user=user, secret=totp.secret_new())
    recovery_codes_create(user=user)
    mfa_reset(user=user)
    assert not TotpDevice.objects.filter(user=user).exists()
    assert not RecoveryCode.objects.filter(user=user).exists()


# --- S6 ------------------------------------------------------------------------------


def _logged_in_clients(user: User, count: int) -> list[Client]:
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_ending_a_users_sessions_logs_out_every_browser(users: dict[str, Any]) -> None:
    user = users["contact"]
    clients = _logged_in_clients(user, 3)
    other = _logged_in_clients(users["steering"], 1)[0]
    assert UserSession.objects.filter(user=user).count() == 3
    assert user_sessions_end(user=user) == 3
    for client in clients:
        assert client.get("/partnerskaber/").status_code == 302
    assert other.get("/partnerskaber/").status_code == 200
    assert UserSession.objects.filter(user=user).count() == 0


def test_deactivating_a_user_ends_every_session(users: dict[str, Any]) -> None:
    user = users["contact"]
    clients = _logged_in_clients(user, 2)
    keys = list(
        UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    )
    assert user_deactivate(user=user) == 2
    assert not Session.objects.filter(session_key__in=keys).exists()
    for client in clients:
        assert client.get("/partnerskaber/").status_code == 302


def test_saving_a_user_as_inactive_any_other_way_ends_sessions(
    users: dict[str, Any],
) -> None:
    user = users["contact"]
    (client,) = _logged_in_clients(user, 1)
    fresh = User.objects.get(pk=user.pk)
    fresh.is_active = False
    fresh.save()
    assert not UserSession.objects.filter(user=user).exists()
    assert Session.objects.count() == 0
    assert client.get("/partnerskaber/").status_code == 302


def test_logging_out_forgets_the_session_record(users: dict[str, Any]) -> None:
    user = users["contact"]
    (client,) = _logged_in_clients(user, 1)
    assert client.post("/konto/logout/").status_code == 302
    assert not UserSession.objects.filter(user=user).exists()


def test_a_stored_recovery_hash_never_reads_as_a_cpr_number() -> None:
    """The salt is one long hex run, so ten digits in it that form a date are an
    encoding's to the CPR scanner; a 16-character salt once tripped it."""
    from tests.cpr_guard import cpr_scan

    scanner = cpr_scan()
    salt = security._recovery_salt()
    assert len(salt) == 32
    worst = "0101201234" + salt[10:]  # ten digits, a valid date: CPR-shaped
    scan = scanner.Scan()
    source = scanner.Source("test", "recovery hash")
    scan.text(source, "code_hash", security._recovery_hash("abcde-fghij", salt=worst))
    assert scan.hits == []
    short = scanner.Scan()
    short.text(source, "code_hash", "0101201234abcdef$" + "0" * 4)
    assert short.hits  # the scanner does catch such a number outside a long run
