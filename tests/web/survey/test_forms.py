"""The CPR guard's message on open answers: where the number is, never the number."""

from __future__ import annotations

import pytest
from django.utils import translation

from parathed.web.survey.forms import cpr_refusal


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("0102031234", "linje 1, tegn 1)"),
        ("Mødet 150324 1430 gik godt", "linje 1, tegn 7, efter »Mødet«"),
        ("a\nb\nsag 31-12-99 1234", "linje 3, tegn 5, efter »sag«"),
        ("nr. 12 og 010203-1234", "linje 1, tegn 11, efter »nr. •• og«"),
    ],
)
def test_refusal_says_where_and_how_without_the_number(text: str, where: str) -> None:
    """The Danish message gives line, character and masked words before the number,
    and how to write dates and times; no digit of the number appears in it."""
    with translation.override("da"):
        message = cpr_refusal(text)
    assert message is not None
    assert where in message
    assert "15.03.2024 kl. 14.30" in message
    assert "ikke gemt" in message
    for span_text in ("0102031234", "150324 1430", "31-12-99 1234", "010203-1234"):
        assert span_text not in message


@pytest.mark.parametrize(
    "text", ["", "Ring kl. 14.30 den 15.03.2024", "Sag 12345", "tlf 12 34 56 78"]
)
def test_no_refusal_without_a_cpr_number(text: str) -> None:
    """Ordinary text, dates written as advised and phone numbers pass."""
    assert cpr_refusal(text) is None
