"""Tests for instrument/schema.py: law references, chapters and instrument look-ups."""

from __future__ import annotations

import pytest

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Chapter, LawRef, Role

INSTRUMENT = load_instrument()


@pytest.mark.parametrize(
    ("ref", "label", "number"),
    [
        (LawRef(section="20"), "§ 20", 20),
        (LawRef(section="20", stk=3), "§ 20, stk. 3", 20),
        (LawRef(section="2", stk=2, nr=5), "§ 2, stk. 2, nr. 5", 2),
        (LawRef(section="20 a", stk=2), "§ 20 a, stk. 2", 20),
    ],
)
def test_law_ref_reads_as_danish_and_knows_its_number(
    ref: LawRef, label: str, number: int
) -> None:
    """A reference prints as "§ 20, stk. 3" and its section number ignores letters."""
    assert ref.label() == label
    assert ref.section_number == number


def test_law_ref_defaults_to_barnets_lov() -> None:
    """A reference names Barnets lov unless told otherwise."""
    assert LawRef(section="5").law == "Barnets lov"


@pytest.mark.parametrize(
    ("section", "holds"), [(17, False), (18, True), (27, True), (28, False)]
)
def test_chapter_holds_its_range_inclusive(section: int, holds: bool) -> None:
    """Chapter 3 holds §§ 18-27, both ends included."""
    chapter = Chapter(number="3", title="Screening", first=18, last=27)
    assert chapter.holds(section) is holds


@pytest.mark.parametrize(
    ("section", "chapter"), [("20", "3"), ("156", "19"), ("114", "13"), ("155", None)]
)
def test_instrument_finds_the_chapter_of_a_reference(
    section: str, chapter: str | None
) -> None:
    """chapter_of returns the chapter holding the section, None for an unmapped one."""
    found = INSTRUMENT.chapter_of(LawRef(section=section))
    assert (found.number if found else None) == chapter


@pytest.mark.parametrize(
    "lookup", [INSTRUMENT.item, INSTRUMENT.case_check, INSTRUMENT.indicator]
)
def test_lookups_raise_key_error_for_unknown_ids(lookup: object) -> None:
    """item, case_check and indicator raise KeyError for an id that does not exist."""
    assert callable(lookup)
    with pytest.raises(KeyError):
        lookup("XX99")


def test_items_for_role_keeps_instrument_order() -> None:
    """A role's items come in the order of the questionnaire."""
    ids = [i.id for i in INSTRUMENT.items_for_role(Role.MEDARBEJDER)]
    order = [i.id for i in INSTRUMENT.items]
    assert ids == sorted(ids, key=order.index)


def test_udfoerer_gets_interview_questions_but_no_survey_items() -> None:
    """The provider side is interviewed but never answers the questionnaire."""
    assert not INSTRUMENT.items_for_role(Role.UDFOERER)
    assert INSTRUMENT.interview_questions_for(Role.UDFOERER)


def test_coding_scheme_has_strength_and_challenge() -> None:
    """Interview notes are coded as styrke or udfordring by theme and need."""
    assert INSTRUMENT.coding is not None
    assert [v.code for v in INSTRUMENT.coding.valences] == ["styrke", "udfordring"]
    assert INSTRUMENT.coding.dimensions == ("theme", "valence", "development_need")
