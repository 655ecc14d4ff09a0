"""Tests for instrument/loader.py: the shipped instrument and the validator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from parathed.instrument.loader import (
    InstrumentError,
    load_instrument,
    load_instrument_from,
    load_published,
)
from parathed.instrument.schema import SURVEY_ROLES, CheckAnswerType, Keying, Role

EditFolder = Callable[[str, str, str], Path]

INSTRUMENT = load_instrument()


@pytest.mark.parametrize(
    ("part", "minimum"),
    [
        ("items", 48),
        ("case_checks", 30),
        ("indicators", 10),
        ("open_questions", 3),
        ("interview_questions", 18),
    ],
)
def test_shipped_instrument_meets_minimum_counts(part: str, minimum: int) -> None:
    """The shipped instrument has at least the number of parts issue #3 asks for."""
    assert len(getattr(INSTRUMENT, part)) >= minimum


@pytest.mark.parametrize("theme", [t.code for t in INSTRUMENT.themes])
def test_each_theme_has_enough_items_of_each_kind(theme: str) -> None:
    """Each theme has 6+ items, 3+ for all three roles and at least one reverse item."""
    items = [i for i in INSTRUMENT.items if i.theme == theme]
    assert len(items) >= 6
    assert sum(set(SURVEY_ROLES) <= set(i.roles) for i in items) >= 3
    assert any(i.keying is Keying.REVERSE for i in items)


@pytest.mark.parametrize("theme", [t.code for t in INSTRUMENT.themes])
def test_each_theme_has_every_evidence_source(theme: str) -> None:
    """Each theme has items, case checks, key figures and interview questions."""
    assert any(i.theme == theme for i in INSTRUMENT.items)
    assert any(c.theme == theme for c in INSTRUMENT.case_checks)
    assert any(k.theme == theme for k in INSTRUMENT.indicators)
    for role in SURVEY_ROLES:
        assert INSTRUMENT.interview_questions_for(role, theme)


def test_every_item_has_law_reference_aim_and_need() -> None:
    """No questionnaire item lacks a law reference, a reform aim or a need."""
    for item in INSTRUMENT.items:
        assert item.law_refs, item.id
        assert item.reform_aims, item.id
        assert item.development_needs, item.id


def test_every_case_check_has_a_law_reference() -> None:
    """No case check lacks a law reference."""
    assert all(check.law_refs for check in INSTRUMENT.case_checks)


@pytest.mark.parametrize(
    ("role", "strategic_item"),
    [(Role.CHEF, "LS05"), (Role.LEDER, "LS03"), (Role.MEDARBEJDER, "IR04")],
)
def test_roles_get_their_own_items(role: Role, strategic_item: str) -> None:
    """Chefs get steering items, medarbejdere practice items; leaders get both kinds."""
    assert INSTRUMENT.item(strategic_item) in INSTRUMENT.items_for_role(role)


def test_chef_does_not_get_pure_practice_items() -> None:
    """An item for leder and medarbejder only (such as ES02) is not shown to chefs."""
    assert INSTRUMENT.item("ES02") not in INSTRUMENT.items_for_role(Role.CHEF)


@pytest.mark.parametrize(
    ("item_id", "theme", "keying"),
    [
        ("ES01", "earlier_support", Keying.POSITIVE),
        ("ES02", "earlier_support", Keying.REVERSE),
        ("PQ01", "placement_quality", Keying.POSITIVE),
        ("PQ02", "placement_quality", Keying.POSITIVE),
        ("CC01", "casework_continuity", Keying.POSITIVE),
        ("CC02", "casework_continuity", Keying.REVERSE),
        ("IR01", "involvement_rights", Keying.POSITIVE),
        ("IR02", "involvement_rights", Keying.POSITIVE),
        ("TA01", "transition_adulthood", Keying.POSITIVE),
        ("TA02", "transition_adulthood", Keying.POSITIVE),
        ("LS01", "leadership_steering", Keying.POSITIVE),
        ("LS02", "leadership_steering", Keying.REVERSE),
    ],
)
def test_seed_items_keep_their_theme_and_keying(
    item_id: str, theme: str, keying: Keying
) -> None:
    """The first twelve item ids keep the theme and keying they were published with."""
    item = INSTRUMENT.item(item_id)
    assert (item.theme, item.keying) == (theme, keying)


def test_seed_open_question_is_kept() -> None:
    """OPEN01 still asks about the biggest challenge with Barnets lov."""
    (first,) = [q for q in INSTRUMENT.open_questions if q.id == "OPEN01"]
    assert "største udfordring" in first.text


def test_date_checks_have_rules_and_count_checks_limits() -> None:
    """Every date check has a rule; every count check has count_max or count_min."""
    for check in INSTRUMENT.case_checks:
        if check.answer_type is CheckAnswerType.DATE:
            assert check.rule is not None, check.id
        if check.answer_type is CheckAnswerType.COUNT:
            assert (check.count_max, check.count_min) != (None, None), check.id


def test_the_24_hour_check_counts_hours_from_receipt() -> None:
    """CS-ES01 is met when the assessment follows the notification within 24 hours."""
    rule = INSTRUMENT.case_check("CS-ES01").rule
    assert rule is not None
    assert (rule.start, rule.end, rule.max_hours) == (
        "notification_received",
        "assessment_24h_date",
        24,
    )


def test_version_has_a_changelog_entry() -> None:
    """The shipped version is described in the changelog."""
    assert INSTRUMENT.version in {entry.version for entry in INSTRUMENT.changelog}


@pytest.mark.parametrize(
    ("file", "old", "new", "item_id", "fragment"),
    [
        # a duplicate id
        (
            "questionnaire.toml",
            'id = "ES02"',
            'id = "ES01"',
            "ES01",
            "mere end én gang",
        ),
        # a missing law reference
        (
            "questionnaire.toml",
            'law = ["§ 20, stk. 3"]\n',
            "",
            "ES02",
            "mangler lovhenvisning",
        ),
        # an unknown theme
        (
            "case_checks.toml",
            'theme = "placement_quality"',
            'theme = "placements"',
            "CS-PQ01",
            "ukendt tema 'placements'",
        ),
        # an unknown role
        (
            "questionnaire.toml",
            'roles = ["chef", "leder"]',
            'roles = ["chef", "direktør"]',
            "ES09",
            "ukendt rolle 'direktør'",
        ),
        # a malformed § reference
        (
            "questionnaire.toml",
            'law = ["§ 20, stk. 3"]',
            'law = ["§ 20 stk 3"]',
            "ES02",
            "kan ikke læses",
        ),
        # a § outside the chapter map
        (
            "questionnaire.toml",
            'law = ["§ 6"]',
            'law = ["§ 400"]',
            "IR03",
            "§ 400 findes ikke i lovens kapiteloversigt",
        ),
        # a § in the gap of the chapter map (chapter 18 is not mapped)
        (
            "case_checks.toml",
            'law = ["§ 6"]',
            'law = ["§ 155"]',
            "CS-IR03",
            "§ 155 findes ikke",
        ),
        # a date rule naming an unknown fact
        (
            "case_checks.toml",
            'end = "bfu_finished_date"',
            'end = "bfu_done_date"',
            "CS-ES04",
            "ukendt sagsoplysning 'bfu_done_date'",
        ),
        # a date rule with two limits
        (
            "case_checks.toml",
            "max_months = 4,",
            "max_months = 4, max_days = 120,",
            "CS-ES04",
            "præcis én frist",
        ),
        # an unknown case kind
        (
            "case_checks.toml",
            'applies_to = ["notification"]',
            'applies_to = ["notice"]',
            "CS-ES01",
            "ukendt sagstype 'notice'",
        ),
        # a count check without a limit
        ("case_checks.toml", "count_min = 2\n", "", "CS-PQ07", "count_max"),
        # an id that does not match its theme
        (
            "questionnaire.toml",
            'id = "PQ09"',
            'id = "ES11"',
            "ES11",
            "skal have formen PQ01",
        ),
        # an unknown interview role
        (
            "interview_guide.toml",
            'roles = ["udfoerer"]',
            'roles = ["borger"]',
            "IV-ES05",
            "ukendt rolle 'borger'",
        ),
        # a key-figure source that is neither a table nor a municipal field
        (
            "indicators.toml",
            'sources = ["BU43"]',
            'sources = ["bu43"]',
            "KF-ES03",
            "kilden 'bu43'",
        ),
        # a version without a changelog entry
        ("changelog.toml", 'version = "1.0"', 'version = "0.9"', "1.0", "ingen post"),
    ],
)
def test_validator_names_file_id_and_problem(
    edited_copy: EditFolder,
    file: str,
    old: str,
    new: str,
    item_id: str,
    fragment: str,
) -> None:
    """One bad edit is rejected with a Danish message naming the file and the id."""
    folder = edited_copy(file, old, new)
    with pytest.raises(InstrumentError) as caught:
        load_instrument_from(folder)
    expected_file = "changelog.toml" if file == "changelog.toml" else file
    assert any(
        p.file == expected_file and p.item_id == item_id and fragment in p.message
        for p in caught.value.problems
    ), caught.value.problems
    assert f"{expected_file}: {item_id}: " in str(caught.value)


def test_validator_lists_every_problem_at_once(edited_copy: EditFolder) -> None:
    """Two problems in two files are both reported in one error."""
    edited_copy("questionnaire.toml", 'law = ["§ 6"]', 'law = ["§ 400"]')
    folder = edited_copy("case_checks.toml", 'theme = "placement_quality"', "theme = 1")
    with pytest.raises(InstrumentError) as caught:
        load_instrument_from(folder)
    assert {p.item_id for p in caught.value.problems} == {"IR03", "CS-PQ01"}


def test_missing_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """A folder that does not exist gives one readable problem."""
    with pytest.raises(InstrumentError, match="mappen findes ikke"):
        load_instrument_from(tmp_path / "nowhere")


def test_missing_required_file_is_named(edited_copy: EditFolder) -> None:
    """Without questionnaire.toml the loader says which file is missing."""
    folder = edited_copy("questionnaire.toml", "[[items]]", "[[items]]")
    (folder / "questionnaire.toml").unlink()
    with pytest.raises(InstrumentError, match=r"questionnaire\.toml: -: filen mangler"):
        load_instrument_from(folder)


def test_load_published_finds_the_instrument_by_its_published_version() -> None:
    """A round's stored version ("1.0") finds the shipped instrument of that version."""
    assert load_published("1.0") is load_instrument("v1")


def test_load_published_refuses_a_version_never_shipped() -> None:
    """An unknown version raises LookupError rather than scoring with other items."""
    with pytest.raises(LookupError):
        load_published("9.9")
