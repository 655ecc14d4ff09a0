"""Writes and checks of login security (reliability.md S4-S6).

- S4 throttling: failures are counted per username + address together (never per
  address alone: a municipality's staff share one NAT address), and per account.
- S5 TOTP: devices, one-time codes that are good once, hashed recovery codes.
- S6 sessions: every session a user logs in with is remembered, so deactivating the
  user or an administrator can end all of them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone

from parathed.web.accounts import totp
from parathed.web.accounts.models import (
    LoginFailure,
    LoginThrottle,
    RecoveryCode,
    TotpDevice,
    UserSession,
)

# The session key holding when the user logged in (unix seconds), for the 12-hour cap.
LOGIN_AT_KEY = "parathed_login_at"
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i
_RECOVERY_LENGTH = 10  # 10 of 31 symbols: about 50 bits each


def _event(kind: str, *, user_id: int | None) -> None:
    """Records a security event (S9); imported late, as ``events`` imports this."""
    from parathed.web.accounts.events import Kind, security_event_record

    security_event_record(kind=Kind(kind), user_id=user_id)


# --- S4: login throttling ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ThrottleKeys:
    """Keyed hashes of (username, address) and of the username alone."""

    pair: str
    account: str


def _keyed_hash(*parts: str) -> str:
    message = "\x1f".join(parts).encode("utf-8")
    return hmac.new(
        settings.SECRET_KEY.encode("utf-8"), message, hashlib.sha256
    ).hexdigest()


def throttle_keys(*, username: str, address: str) -> ThrottleKeys:
    """Returns the keys of a login attempt; the username is compared case-blind, so
    ``Konsulent`` and ``konsulent`` share one counter."""
    name = username.strip().casefold()
    return ThrottleKeys(
        pair=_keyed_hash("pair", name, address), account=_keyed_hash("account", name)
    )


def login_locked(*, keys: ThrottleKeys, now: datetime | None = None) -> bool:
    """Returns whether logins with these keys are refused now: the pair is in its
    cool-off, or the account has reached the hourly ceiling of failures."""
    now = now or timezone.now()
    if LoginThrottle.objects.filter(key=keys.pair, locked_until__gt=now).exists():
        return True
    recent = LoginFailure.objects.filter(
        account_key=keys.account, at__gt=now - timedelta(hours=1)
    ).count()
    return recent >= settings.PARATHED_LOGIN_ACCOUNT_LIMIT_PER_HOUR


@transaction.atomic
def login_failure_record(*, keys: ThrottleKeys, now: datetime | None = None) -> bool:
    """Counts one failed attempt (a wrong password or a wrong code); returns whether
    the pair is locked now. The limit-th failure starts the cool-off."""
    now = now or timezone.now()
    throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(key=keys.pair)
    if throttle.locked_until is not None and throttle.locked_until <= now:
        throttle.locked_until = None
        throttle.failures = 0
    throttle.failures += 1
    if throttle.failures >= settings.PARATHED_LOGIN_FAILURE_LIMIT:
        throttle.failures = 0
        throttle.locked_until = now + settings.PARATHED_LOGIN_COOLOFF
    throttle.save()
    LoginFailure.objects.create(account_key=keys.account, at=now)
    LoginFailure.objects.filter(at__lte=now - timedelta(hours=1)).delete()
    return throttle.locked_until is not None


def login_success_record(*, keys: ThrottleKeys) -> None:
    """Forgets the pair's failures after a complete login (password and code)."""
    LoginThrottle.objects.filter(key=keys.pair).delete()


# --- S5: TOTP and recovery codes -----------------------------------------------------


def totp_device_confirmed(*, user: AbstractBaseUser) -> TotpDevice | None:
    """Returns the user's confirmed authenticator, or None."""
    return TotpDevice.objects.filter(
        user_id=user.pk, confirmed_at__isnull=False
    ).first()


@transaction.atomic
def totp_device_start(*, user: AbstractBaseUser) -> TotpDevice:
    """Returns the user's unconfirmed device, creating one with a fresh secret.

    Raises ValueError when the user already has a confirmed device: replacing it
    takes an administrator (``parathed user reset-mfa``).
    """
    device = TotpDevice.objects.select_for_update().filter(user_id=user.pk).first()
    if device is None:
        return TotpDevice.objects.create(user_id=user.pk, secret=totp.secret_new())
    if device.confirmed_at is not None:
        raise ValueError("the user already has a confirmed authenticator")
    return device


@transaction.atomic
def totp_device_confirm(
    *, user: AbstractBaseUser, code: str, unix_time: float | None = None
) -> list[str] | None:
    """Confirms the user's new device with a code from the app; returns fresh
    recovery codes (shown once), or None when the code is wrong."""
    device = (
        TotpDevice.objects.select_for_update()
        .filter(user_id=user.pk, confirmed_at__isnull=True)
        .first()
    )
    if device is None:
        return None
    step = totp.matching_step(
        device.secret,
        code,
        unix_time=time.time() if unix_time is None else unix_time,
        after_step=device.last_step,
    )
    if step is None:
        return None
    device.last_step = step
    device.confirmed_at = timezone.now()
    device.save(update_fields=["last_step", "confirmed_at"])
    _event("mfa_enrolled", user_id=user.pk)
    return recovery_codes_create(user=user)


@transaction.atomic
def totp_device_set(
    *, user: AbstractBaseUser, secret: str, confirmed: bool = True
) -> TotpDevice:
    """Gives the user a device with a known secret (the demo's published one)."""
    TotpDevice.objects.filter(user_id=user.pk).delete()
    return TotpDevice.objects.create(
        user_id=user.pk,
        secret=secret,
        confirmed_at=timezone.now() if confirmed else None,
    )


@transaction.atomic
def mfa_code_check(
    *, user: AbstractBaseUser, code: str, unix_time: float | None = None
) -> bool:
    """Returns whether ``code`` is a current code of the user's confirmed device
    (used once: the same code, or an older one, is refused afterwards) or one of
    the user's unused recovery codes, which is then spent."""
    device = (
        TotpDevice.objects.select_for_update()
        .filter(user_id=user.pk, confirmed_at__isnull=False)
        .first()
    )
    if device is None:
        return False
    step = totp.matching_step(
        device.secret,
        code,
        unix_time=time.time() if unix_time is None else unix_time,
        after_step=device.last_step,
    )
    if step is not None:
        device.last_step = step
        device.save(update_fields=["last_step"])
        return True
    return recovery_code_use(user=user, code=code)


def _recovery_salt() -> str:
    # 128 bits, as 32 hex characters: a run that long reads as an encoding, never as
    # a CPR-shaped number to the CPR scanner (scripts/cpr_scan.is_inside_encoded_blob
    # needs 20); 16 characters of salt sometimes held ten digits forming a date.
    return secrets.token_hex(16)


def _recovery_hash(code: str, *, salt: str) -> str:
    normal = code.replace("-", "").replace(" ", "").strip().lower()
    digest = hashlib.sha256(f"{salt}:{normal}".encode()).hexdigest()
    return f"{salt}${digest}"


@transaction.atomic
def recovery_codes_create(*, user: AbstractBaseUser) -> list[str]:
    """Replaces the user's recovery codes by fresh ones; returns them in clear text
    (the only time they exist outside the user's hands)."""
    RecoveryCode.objects.filter(user_id=user.pk).delete()
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(
            secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH)
        )
        codes.append(f"{raw[:5]}-{raw[5:]}")
    RecoveryCode.objects.bulk_create(
        RecoveryCode(
            user_id=user.pk, code_hash=_recovery_hash(c, salt=_recovery_salt())
        )
        for c in codes
    )
    return codes


@transaction.atomic
def recovery_code_use(*, user: AbstractBaseUser, code: str) -> bool:
    """Spends an unused recovery code of the user; returns whether it matched."""
    if len(code.replace("-", "").replace(" ", "").strip()) != _RECOVERY_LENGTH:
        return False
    unused = RecoveryCode.objects.select_for_update().filter(
        user_id=user.pk, used_at__isnull=True
    )
    for stored in unused:
        salt = stored.code_hash.split("$", 1)[0]
        if hmac.compare_digest(_recovery_hash(code, salt=salt), stored.code_hash):
            stored.used_at = timezone.now()
            stored.save(update_fields=["used_at"])
            _event("recovery_code_used", user_id=user.pk)
            return True
    return False


def recovery_codes_left(*, user: AbstractBaseUser) -> int:
    """Returns how many unused recovery codes the user has."""
    return RecoveryCode.objects.filter(user_id=user.pk, used_at__isnull=True).count()


@transaction.atomic
def mfa_reset(*, user: AbstractBaseUser) -> None:
    """Removes the user's device and recovery codes and ends their sessions: they
    set up a new authenticator at their next login (an administrator's action)."""
    TotpDevice.objects.filter(user_id=user.pk).delete()
    RecoveryCode.objects.filter(user_id=user.pk).delete()
    user_sessions_end(user=user)
    _event("mfa_reset", user_id=user.pk)


# --- S6: sessions --------------------------------------------------------------------


def _session_store(key: str | None = None) -> SessionBase:
    engine: Any = import_module(settings.SESSION_ENGINE)
    store: SessionBase = engine.SessionStore(key)
    return store


def session_register(*, user: AbstractBaseUser, session: SessionBase) -> None:
    """Remembers a fresh login's session (and when it started), dropping the user's
    records of sessions that have ended meanwhile."""
    session[LOGIN_AT_KEY] = int(time.time())
    if session.session_key is None:
        session.save()
    for record in UserSession.objects.filter(user_id=user.pk):
        if not _session_store().exists(record.session_key):
            record.delete()
    UserSession.objects.get_or_create(user_id=user.pk, session_key=session.session_key)


def session_forget(*, session_key: str | None) -> None:
    """Forgets a session the user logged out of."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def user_sessions_end(*, user: AbstractBaseUser) -> int:
    """Ends every session of the user on the server; returns how many were ended."""
    ended = 0
    for record in UserSession.objects.filter(user_id=user.pk):
        store = _session_store(record.session_key)
        if store.exists(record.session_key):
            store.delete(record.session_key)
            ended += 1
        record.delete()
    return ended


@transaction.atomic
def user_deactivate(*, user: User) -> int:
    """Deactivates the user and ends all their sessions; returns how many ended.

    Any other way of saving a user as inactive ends them too (``apps.py`` connects
    ``user_sessions_end`` to the user's ``post_save``).
    """
    ended = user_sessions_end(user=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return ended
