"""Tests for instrument/reader.py: parsing law references from their Danish form."""

from __future__ import annotations

import pytest

from parathed.instrument.reader import parse_law_ref

LBK = "LBK nr 282 af 17/03/2025"


@pytest.mark.parametrize(
    ("text", "section", "stk", "nr"),
    [
        ("§ 20", "20", None, None),
        ("§ 20, stk. 3", "20", 3, None),
        ("§ 20, stk. 1, nr. 2", "20", 1, 2),
        ("§ 20 a, stk. 2", "20 a", 2, None),
        ("§20a", "20 a", None, None),
        ("  § 156, stk. 5 ", "156", 5, None),
    ],
)
def test_parse_law_ref_reads_section_stk_and_nr(
    text: str, section: str, stk: int | None, nr: int | None
) -> None:
    """A well-formed reference becomes section, stk. and nr. with the consolidation."""
    ref = parse_law_ref(text, consolidation=LBK)
    assert (ref.section, ref.stk, ref.nr, ref.consolidation) == (section, stk, nr, LBK)


@pytest.mark.parametrize(
    "text",
    ["20, stk. 3", "§ 20 stk 3", "§ 20, nr. 2, stk. 1", "§ 1000", "§", "SEL § 50"],
)
def test_parse_law_ref_rejects_malformed_text(text: str) -> None:
    """A reference not in the form "§ 20, stk. 1, nr. 2" is refused with an example."""
    with pytest.raises(ValueError, match=r"skriv fx '§ 20, stk\. 3'"):
        parse_law_ref(text, consolidation=LBK)
