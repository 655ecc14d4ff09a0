"""The CPR detector: spans, separators, dates, and what it must leave alone."""

from __future__ import annotations

import pytest

from parathed.privacy import find_cpr_numbers, locate_cpr_numbers


@pytest.mark.parametrize(
    "number",
    [
        "0102031234",
        "010203-1234",
        "010203 1234",
        "01.02.03-1234",
        "01-02-03-1234",
        "01 02 03 1234",
        "010203\u20131234",
        "010203\u00a01234",
        "290200-4321",  # 29 February 2000
        "311299-0000",
    ],
)
def test_finds_a_cpr_number_in_any_layout(number: str) -> None:
    text = f"Barnet ({number}) bor hos mor."
    start = text.index(number)
    assert find_cpr_numbers(text) == [(start, start + len(number))]


@pytest.mark.parametrize(
    "text",
    [
        "Mødet var 01.02.2024 kl. 14:30.",  # a date and a time
        "Ring på 12 34 56 78 eller +45 87 65 43 21.",  # phone numbers
        "Udgiften var 1.250.000 kr. i 2024.",  # an amount
        "320103-1234",  # day 32
        "011303-1234",  # month 13
        "290201-1234",  # 29 February 2001 does not exist
        "01020312345",  # eleven digits: not a CPR number
        "J.nr. 27.15.02-P20-3-24",
    ],
)
def test_leaves_other_numbers_alone(text: str) -> None:
    assert find_cpr_numbers(text) == []


def test_finds_several_and_says_where_without_the_digits() -> None:
    text = "Sag om barn\nmed cpr 010203-1234 og søster 020304 5678."
    locations = locate_cpr_numbers(text)
    assert [(loc.line, loc.column) for loc in locations] == [(2, 9), (2, 31)]
    assert locations[0].words_before == "med cpr"
    assert locations[1].words_before == "••••••-•••• og søster"
