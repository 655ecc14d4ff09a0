"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30 s), pure Python.

What every authenticator app (and ``pyotp``) computes; checked against the RFC's test
vectors in tests/web/accounts/test_totp.py. No Django here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
SECRET_BYTES = 20  # 160 bits, RFC 4226's recommendation
# Codes one step either side of now are accepted: clocks of phones drift.
WINDOW_STEPS = 1


def secret_new() -> str:
    """Returns a fresh random secret, base32 without padding (32 characters)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def step_at(unix_time: float) -> int:
    """Returns the time step (counter) that holds ``unix_time``."""
    return int(unix_time // STEP_SECONDS)


def code_at_step(secret: str, step: int, *, digits: int = DIGITS) -> str:
    """Returns the HOTP value of the secret at counter ``step`` (RFC 4226 §5.3)."""
    digest = hmac.new(_key(secret), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    (number,) = struct.unpack(">I", digest[offset : offset + 4])
    return str((number & 0x7FFFFFFF) % 10**digits).zfill(digits)


def code_at(secret: str, unix_time: float) -> str:
    """Returns the code an authenticator app shows at ``unix_time``."""
    return code_at_step(secret, step_at(unix_time))


def matching_step(
    secret: str, code: str, *, unix_time: float, after_step: int
) -> int | None:
    """Returns the step whose code equals ``code``, within the window around
    ``unix_time`` and later than ``after_step`` (a code is good once), else None."""
    code = code.replace(" ", "").strip()
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = step_at(unix_time)
    found = None
    for step in range(now - WINDOW_STEPS, now + WINDOW_STEPS + 1):
        # Compare every candidate in constant time, so timing tells nothing.
        if hmac.compare_digest(code_at_step(secret, step), code) and step > after_step:
            found = step
    return found


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """Returns the ``otpauth://`` URI an authenticator app reads from a QR code."""
    label = quote(f"{issuer}:{account}", safe="")
    query = urlencode(
        {
            "secret": secret,
            "issuer": issuer,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP_SECONDS,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def secret_grouped(secret: str) -> str:
    """Returns the secret in groups of four for typing it by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
