"""TOTP against RFC 6238's own test vectors, and the rules of a good code."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

from parathed.web.accounts import totp

# RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890", 8 digits.
RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
RFC_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("unix_time", "expected"), RFC_VECTORS)
def test_rfc_6238_vectors(unix_time: int, expected: str) -> None:
    step = totp.step_at(unix_time)
    assert totp.code_at_step(RFC_SECRET, step, digits=8) == expected
    # Six digits are the last six of the eight (the modulus is a power of ten).
    assert totp.code_at(RFC_SECRET, unix_time) == expected[-6:]


def test_a_new_secret_is_160_random_bits_in_base32() -> None:
    first, second = totp.secret_new(), totp.secret_new()
    assert first != second
    assert len(base64.b32decode(first)) == 20


def test_a_code_matches_within_one_step_either_side_only() -> None:
    now = 1_700_000_000.0
    step = totp.step_at(now)
    for offset in (-1, 0, 1):
        code = totp.code_at_step(RFC_SECRET, step + offset)
        assert totp.matching_step(RFC_SECRET, code, unix_time=now, after_step=0) == (
            step + offset
        )
    for offset in (-3, -2, 2, 3):
        code = totp.code_at_step(RFC_SECRET, step + offset)
        if code in {totp.code_at_step(RFC_SECRET, step + d) for d in (-1, 0, 1)}:
            continue  # a collision of six digits; not this test's point
        assert totp.matching_step(RFC_SECRET, code, unix_time=now, after_step=0) is None


def test_a_code_is_good_once_and_older_codes_are_refused() -> None:
    now = 1_700_000_000.0
    step = totp.step_at(now)
    code = totp.code_at(RFC_SECRET, now)
    assert totp.matching_step(RFC_SECRET, code, unix_time=now, after_step=step) is None
    earlier = totp.code_at_step(RFC_SECRET, step - 1)
    assert (
        totp.matching_step(RFC_SECRET, earlier, unix_time=now, after_step=step) is None
    )


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_malformed_codes_never_match(typed: str) -> None:
    assert totp.matching_step(RFC_SECRET, typed, unix_time=59, after_step=0) is None


def test_spaces_in_a_typed_code_are_ignored() -> None:
    code = totp.code_at(RFC_SECRET, 59)
    spaced = f"{code[:3]} {code[3:]}"
    assert totp.matching_step(RFC_SECRET, spaced, unix_time=59, after_step=0) == 1


def test_provisioning_uri_is_what_authenticator_apps_read() -> None:
    uri = totp.provisioning_uri(RFC_SECRET, account="konsulent", issuer="parathed")
    parts = urlsplit(uri)
    assert parts.scheme == "otpauth"
    assert parts.netloc == "totp"
    assert parts.path == "/parathed%3Akonsulent"
    query = parse_qs(parts.query)
    assert query["secret"] == [RFC_SECRET]
    assert query["issuer"] == ["parathed"]
    assert query["digits"] == ["6"]
    assert query["period"] == ["30"]


def test_grouped_secret_reads_back_to_the_same_key() -> None:
    grouped = totp.secret_grouped(RFC_SECRET)
    assert grouped.split(" ")[0] == RFC_SECRET[:4]
    assert totp.code_at(grouped, 59) == totp.code_at(RFC_SECRET, 59)
