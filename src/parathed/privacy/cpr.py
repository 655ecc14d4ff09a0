"""Finds CPR-shaped numbers in free text, so that no CPR number is ever stored.

A CPR number is a date of birth DDMMYY followed by four digits. Numbers issued since
2007 need not pass the old modulus-11 check, so the check is not used: every valid
date followed by four digits counts, whatever separators stand between the groups.

One exception, measured on Danish municipal prose (tests/privacy/test_cpr_corpus.py):
a P-number (produktionsenhedsnummer, ten digits from 1000000000 upwards) written
straight after its label, "P-nr. 1003388394", is not a CPR number although its digits
may be CPR-shaped. Only ten unbroken digits starting with 10 right after such a label
are let through, so the loophole is a CPR number of someone born on the 10th, written
without separators after the words "P-nr.", which no one does by mistake.

Invariant: this is the only CPR detector; every free-text path calls
``find_cpr_numbers`` (CONTRIBUTING.md, "dangerous constructs").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One optional separator between groups: hyphens and dashes, dot, slash, underscore,
# or a run of up to three spaces (including non-breaking and thin spaces).
_SEP = r"(?:[-\u2010\u2011\u2012\u2013\u2014./_]|[ \u00a0\u2009\u202f]{1,3})?"

_CPR = re.compile(
    rf"(?<![\d])(?P<dd>\d{{2}}){_SEP}(?P<mm>\d{{2}}){_SEP}(?P<yy>\d{{2}})"
    rf"{_SEP}(?P<serial>\d{{4}})(?![\d])"
)

# "P-nr.", "P-nummer:", "p.nr" and the like, ending right before the number.
_P_NUMBER_LABEL = re.compile(
    r"(?<!\w)p[-. ]?(?:nr|nummer)\.?:?[ \u00a0]{0,3}\Z", re.IGNORECASE
)
_P_NUMBER = re.compile(r"10\d{8}")

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_date(day: int, month: int, year: int) -> bool:
    """True if DD/MM/YY is a date in some century (29 February if YY is a leap year)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    if month == 2 and day == 29:
        return year % 4 == 0  # 1900 is not a leap year, but 2000 and 1800+4n are
    return day <= _DAYS_IN_MONTH[month - 1]


def _is_p_number(text: str, start: int, end: int) -> bool:
    """True if text[start:end] is a P-number written right after its label."""
    return bool(
        _P_NUMBER.fullmatch(text, start, end)
        and _P_NUMBER_LABEL.search(text[max(0, start - 16) : start])
    )


def find_cpr_numbers(text: str) -> list[tuple[int, int]]:
    """Returns the (start, end) spans of every CPR-shaped number in ``text``, in order.

    A span covers the whole number including separators, so a caller can tell the
    user where it is without repeating it. Matches do not overlap.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while match := _CPR.search(text, position):
        if _is_date(
            int(match["dd"]), int(match["mm"]), int(match["yy"])
        ) and not _is_p_number(text, *match.span()):
            spans.append(match.span())
            position = match.end()
        else:
            position = match.start() + 1
    return spans


def contains_cpr_number(text: str) -> bool:
    """True if ``text`` holds at least one CPR-shaped number."""
    return bool(find_cpr_numbers(text))


@dataclass(frozen=True, slots=True)
class CprLocation:
    """Where a CPR-shaped number stands, told without repeating any of its digits."""

    start: int
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    words_before: str  # up to three words before it, digits masked, "" at the start


def locate_cpr_numbers(text: str) -> list[CprLocation]:
    """Returns where each CPR-shaped number in ``text`` is, to tell the writer."""
    locations: list[CprLocation] = []
    for start, end in find_cpr_numbers(text):
        line_start = text.rfind("\n", 0, start) + 1
        line = text.count("\n", 0, start) + 1
        column = start - line_start + 1
        words = text[max(line_start, start - 60) : start].split()[-3:]
        before = re.sub(r"\d", "•", " ".join(words))
        locations.append(CprLocation(start, end, line, column, before))
    return locations
