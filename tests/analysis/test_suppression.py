"""The anonymity rule: no metric for a group below the threshold, in scores too."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parathed.analysis.assessment import (
    SUPPRESSED_BELOW_THRESHOLD,
    SUPPRESSED_COMPLEMENTARY,
    SUPPRESSED_TOO_FEW_MUNICIPALITIES,
    WITHHELD_REASONS_DA,
)
from parathed.analysis.evidence import (
    DEFAULT_THRESHOLD,
    AnswerEvidence,
    ResponseEvidence,
    SurveyEvidence,
)
from parathed.analysis.partnership import partnership_reasons, partnership_table
from parathed.analysis.suppression import (
    MIN_MUNICIPALITIES,
    Table,
    audit,
    suppress,
    withheld_reason,
)
from parathed.analysis.survey import (
    item_key,
    municipal_reasons,
    score_survey,
    tally_survey,
    theme_key,
)
from parathed.demo.generator import generate_partnership
from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import SURVEY_ROLES
from tests.analysis.instruments import SMALL, response


@pytest.mark.parametrize(
    ("group_size", "threshold", "expected"),
    [
        (0, 5, SUPPRESSED_BELOW_THRESHOLD),
        (1, 5, SUPPRESSED_BELOW_THRESHOLD),
        (4, 5, SUPPRESSED_BELOW_THRESHOLD),
        (5, 5, None),
        (6, 5, None),
        (500, 5, None),
        (0, 1, SUPPRESSED_BELOW_THRESHOLD),
        (1, 1, None),
        (9, 10, SUPPRESSED_BELOW_THRESHOLD),
        (10, 10, None),
    ],
)
def test_withheld_reason_below_threshold(
    group_size: int, threshold: int, expected: str | None
) -> None:
    """A group smaller than the threshold is withheld; at the threshold it is shown."""
    assert withheld_reason(group_size=group_size, threshold=threshold) == expected


@pytest.mark.parametrize(
    ("group_size", "threshold", "message"),
    [
        (5, 0, "threshold must be at least 1"),
        (5, -3, "threshold must be at least 1"),
        (-1, 5, "group_size cannot be negative"),
    ],
)
def test_withheld_reason_rejects_impossible_input(
    group_size: int, threshold: int, message: str
) -> None:
    """A threshold below 1 or a negative group raises ValueError with the cause."""
    with pytest.raises(ValueError, match=message):
        withheld_reason(group_size=group_size, threshold=threshold)


def test_default_threshold_is_five() -> None:
    """The shipped rule rests every metric on at least five respondents."""
    assert DEFAULT_THRESHOLD == 5
    assert SurveyEvidence(municipality_code="101", responses=()).threshold == 5


def test_every_reason_has_a_danish_text_with_the_threshold() -> None:
    """Each withheld reason has a Danish sentence that names the threshold."""
    text = WITHHELD_REASONS_DA[SUPPRESSED_BELOW_THRESHOLD] % {"threshold": 5}
    assert text == "Vises ikke: færre end 5 besvarelser"


@given(
    group_size=st.integers(min_value=0, max_value=10_000),
    threshold=st.integers(min_value=1, max_value=100),
)
def test_withheld_exactly_when_the_group_is_too_small(
    group_size: int, threshold: int
) -> None:
    """For any sizes, the reason is given if and only if group < threshold."""
    reason = withheld_reason(group_size=group_size, threshold=threshold)
    assert (reason is not None) == (group_size < threshold)


ANSWER = st.one_of(st.none(), st.integers(min_value=1, max_value=5))
RESPONSES = st.lists(
    st.builds(
        lambda role, a1, a2, b1: response(role, A1=a1, A2=a2, B1=b1),
        st.sampled_from(SURVEY_ROLES),
        ANSWER,
        ANSWER,
        ANSWER,
    ),
    max_size=12,
)


@given(
    responses=RESPONSES,
    threshold=st.one_of(st.just(DEFAULT_THRESHOLD), st.integers(1, 8)),
)
def test_no_theme_score_rests_on_fewer_respondents_than_the_threshold(
    responses: list[ResponseEvidence], threshold: int
) -> None:
    """A theme is scored only when enough people answered it other than "ved ikke".

    The respondent count is worked out here from the answers, independently of the
    scoring: the people with at least one real answer on an item of the theme.
    """
    survey = score_survey(
        SurveyEvidence("101", tuple(responses), threshold), instrument=SMALL
    )
    for theme in survey.themes:
        items = {item.id for item in SMALL.items if item.theme == theme.theme_code}
        answered = sum(
            any(a.item_id in items and a.value is not None for a in r.answers)
            for r in responses
        )
        assert theme.respondents == answered
        if answered < threshold:
            assert theme.score is None
            assert theme.withheld_reason == SUPPRESSED_BELOW_THRESHOLD
        else:
            assert theme.score is not None
            assert theme.withheld_reason is None


# --- Complementary suppression and the exact audit ---------------------------------

ALL, STAFF, LEDELSE, LEDER, CHEF = (0, 1, 2), (2,), (0, 1), (1,), (0,)
MUNICIPAL_GROUPS = (ALL, STAFF, LEDELSE, LEDER, CHEF)


def _echelon(rows: list[list[Fraction]]) -> list[tuple[int, list[Fraction]]]:
    """Dense Gaussian elimination over Fractions, independent of ``Span``."""
    basis: list[tuple[int, list[Fraction]]] = []
    for row in rows:
        rest = _reduced(basis, row)
        lead = next((c for c, value in enumerate(rest) if value), None)
        if lead is not None:
            basis.append((lead, [value / rest[lead] for value in rest]))
    return basis


def _reduced(
    basis: list[tuple[int, list[Fraction]]], row: list[Fraction]
) -> list[Fraction]:
    rest = row[:]
    for lead, pivot in basis:
        if rest[lead]:
            factor = rest[lead]
            rest = [a - factor * b for a, b in zip(rest, pivot, strict=True)]
    return rest


def _vector(cells: tuple[int, ...], width: int) -> list[Fraction]:
    return [Fraction(1 if c in cells else 0) for c in range(width)]


def _derivable_by_rank(
    table: Table, published: tuple[bool, ...], threshold: int
) -> list[tuple[int, ...]]:
    """The hidden cells whose vector lies in the span of the published rows."""
    width = len(table.sizes)
    rows = [_vector((c,), width) for c in range(width) if not table.is_present(c)]
    rows += [_vector(g, width) for g in table.fixed]
    shown = [g for g, on in zip(table.groups, published, strict=True) if on]
    rows += [_vector(g, width) for g in shown]
    basis = _echelon(rows)
    return [
        s
        for s in table.sensitive_groups(threshold)
        if not any(_reduced(basis, _vector(s, width)))
    ]


def test_a_single_chef_is_derivable_when_every_other_group_is_shown() -> None:
    """Total, leder and medarbejder give the one chef away; the audit says so."""
    table = Table(sizes=(1, 10, 20), groups=(ALL, LEDER, STAFF))
    assert audit(table, (True, True, True), threshold=5) == ((0,),)


def test_one_chef_is_merged_into_ledelse_and_leder_withheld() -> None:
    """With one chef, ledelse is shown and leder withheld as its complement."""
    table = Table(sizes=(1, 10, 20), groups=MUNICIPAL_GROUPS)
    assert suppress(table, threshold=5) == (
        None,
        None,
        None,
        SUPPRESSED_COMPLEMENTARY,
        SUPPRESSED_BELOW_THRESHOLD,
    )


def test_an_empty_role_is_a_known_zero_so_staff_is_withheld() -> None:
    """No chef (a public count of 0): total minus staff would give the 3 leders."""
    table = Table(sizes=(0, 3, 10), groups=MUNICIPAL_GROUPS)
    reasons = suppress(table, threshold=5)
    assert reasons[0] is None
    assert reasons[1] == SUPPRESSED_COMPLEMENTARY
    assert audit(table, tuple(r is None for r in reasons), threshold=5) == ()


def test_dont_know_only_cell_is_sensitive_but_not_a_known_zero() -> None:
    """A chef who only said "ved ikke" is present: the cell must stay hidden."""
    table = Table(sizes=(0, 10, 20), present=(True, True, True), groups=(ALL, LEDER))
    assert audit(table, (True, True), threshold=5) == ()
    table = Table(
        sizes=(0, 10, 20), present=(True, True, True), groups=(ALL, LEDER, STAFF)
    )
    assert audit(table, (True, True, True), threshold=5) == ((0,),)


def test_partnership_figure_needs_four_municipalities() -> None:
    """Three municipalities with answers: the partnership figure is withheld."""
    table = Table(
        sizes=(10, 10, 10),
        groups=((0, 1, 2),),
        min_parts=(MIN_MUNICIPALITIES,),
        parts=(0, 1, 2),
    )
    assert suppress(table, threshold=5) == (SUPPRESSED_TOO_FEW_MUNICIPALITIES,)
    four = Table(
        sizes=(10, 10, 10, 10),
        groups=((0, 1, 2, 3),),
        min_parts=(MIN_MUNICIPALITIES,),
        parts=(0, 1, 2, 3),
    )
    assert suppress(four, threshold=5) == (None,)


def test_partnership_total_cannot_expose_a_withheld_municipality() -> None:
    """Four municipalities shown and one of 3 hidden: the sum would expose it."""
    table = Table(
        sizes=(10, 10, 10, 10, 3),
        groups=((0, 1, 2, 3, 4),),
        fixed=((0,), (1,), (2,), (3,)),
        min_parts=(MIN_MUNICIPALITIES,),
        parts=(0, 1, 2, 3, 4),
    )
    assert suppress(table, threshold=5) == (SUPPRESSED_COMPLEMENTARY,)


def test_a_small_sum_of_two_roles_is_protected_too() -> None:
    """2 chefs, 10 ledere, 2 medarbejdere: total minus leder would give the other 4."""
    cells = Table(sizes=(2, 10, 2), groups=MUNICIPAL_GROUPS)
    assert suppress(cells, threshold=5)[3] is None  # cell-only rule: leder shown
    table = Table(sizes=(2, 10, 2), groups=MUNICIPAL_GROUPS, blocks=(ALL,))
    assert suppress(table, threshold=5)[3] == SUPPRESSED_COMPLEMENTARY
    assert audit(table, (True, False, False, True, False), threshold=5) == ((0, 2),)


def test_suppress_rejects_a_threshold_below_one() -> None:
    """A threshold of 0 is a configuration error, not "show everything"."""
    with pytest.raises(ValueError, match="threshold must be at least 1"):
        suppress(Table(sizes=(1,), groups=((0,),)), threshold=0)


ROLE_SIZE = st.integers(min_value=0, max_value=6)
CHEF_SIZE = st.sampled_from((0, 1, 1, 1, 2, 3, 6))
STAFF_SIZE = st.integers(min_value=0, max_value=40)
THRESHOLD = st.sampled_from((5, 5, 5, 3, 4, 6))


@st.composite
def municipal_cells(draw: st.DrawFn) -> tuple[tuple[int, bool], ...]:
    """(metric base, anyone present) for chef, leder, medarbejder."""
    sizes = (draw(CHEF_SIZE), draw(ROLE_SIZE), draw(st.one_of(ROLE_SIZE, STAFF_SIZE)))
    return tuple((n, n > 0 or draw(st.booleans())) for n in sizes)


@settings(max_examples=1000, deadline=None)
@given(cells=municipal_cells(), threshold=THRESHOLD)
def test_audit_finds_nothing_derivable_in_random_municipal_tables(
    cells: tuple[tuple[int, bool], ...], threshold: int
) -> None:
    """Over random role tables (one chef, roles of 0-6), nothing hidden is derivable.

    Checked twice: by ``audit`` and by an independent rank test over Fractions; and
    no published group rests on fewer than the threshold.
    """
    table = Table(
        sizes=tuple(n for n, _ in cells),
        present=tuple(p for _, p in cells),
        groups=MUNICIPAL_GROUPS,
        blocks=(ALL,),
    )
    reasons = suppress(table, threshold=threshold)
    published = tuple(r is None for r in reasons)
    assert audit(table, published, threshold=threshold) == ()
    assert _derivable_by_rank(table, published, threshold) == []
    for group, shown in zip(table.groups, published, strict=True):
        assert not shown or table.size(group) >= threshold
    assert published[0] == (table.size(ALL) >= threshold)


@settings(max_examples=1000, deadline=None)
@given(
    municipalities=st.lists(municipal_cells(), min_size=1, max_size=6),
    threshold=THRESHOLD,
)
def test_audit_finds_nothing_derivable_with_partnership_figures(
    municipalities: list[tuple[tuple[int, bool], ...]], threshold: int
) -> None:
    """Municipal groups plus the partnership's per-role figures: nothing derivable."""
    keys = tuple(municipalities)
    table = partnership_table(keys, threshold)
    reasons = partnership_reasons(keys, threshold)
    published = tuple(r is None for r in reasons)
    assert audit(table, published, threshold=threshold) == ()
    assert _derivable_by_rank(table, published, threshold) == []
    with_answers = sum(1 for key in keys if any(n > 0 for n, _ in key))
    if with_answers < MIN_MUNICIPALITIES:
        assert not any(published)


@settings(max_examples=300, deadline=None)
@given(
    kinds=st.lists(municipal_cells(), min_size=1, max_size=3),
    picks=st.lists(st.integers(0, 2), min_size=1, max_size=9),
    threshold=THRESHOLD,
)
def test_twin_municipalities_are_audited_once_with_the_same_decisions(
    kinds: list[tuple[tuple[int, bool], ...]], picks: list[int], threshold: int
) -> None:
    """Municipalities with the same key are twins: checking one of them decides the
    partnership's groups exactly as checking every one does."""
    keys = tuple(kinds[p % len(kinds)] for p in picks)
    table = partnership_table(keys, threshold)
    assert table.mirrors is not None
    everyone = dataclasses.replace(table, mirrors=None)
    assert suppress(table, threshold=threshold) == suppress(
        everyone, threshold=threshold
    )


def test_audit_is_clean_on_every_demo_table() -> None:
    """Every item and theme table of the 18-municipality demo, municipal and
    partnership, audited on the real sizes (decisions are cached on capped sizes)."""
    instrument = load_instrument()
    demo = generate_partnership(instrument=instrument, seed=7)
    tallies = [
        tally_survey(
            SurveyEvidence(
                m.ref.code,
                tuple(
                    ResponseEvidence(
                        r.role, tuple(AnswerEvidence(i, v) for i, v in r.answers)
                    )
                    for r in m.responses
                ),
            ),
            instrument=instrument,
        )
        for m in demo.municipalities
    ]
    tables = [[t.items[item.id] for t in tallies] for item in instrument.items]
    keys_per_table = [[item_key(cells, 5) for cells in table] for table in tables]
    keys_per_table += [
        [theme_key(t.themes[theme.code], 5) for t in tallies]
        for theme in instrument.themes
    ]
    real_sizes = [
        [tuple((c.answered, sum(c.counts) > 0) for c in cells) for cells in table]
        for table in tables
    ]
    real_sizes += [
        [
            tuple((len(c.means), c.respondents > 0) for c in t.themes[theme.code])
            for t in tallies
        ]
        for theme in instrument.themes
    ]
    for keys, real in zip(keys_per_table, real_sizes, strict=True):
        for key, cells in zip(keys, real, strict=True):
            table = Table(
                sizes=tuple(n for n, _ in cells),
                present=tuple(p for _, p in cells),
                groups=MUNICIPAL_GROUPS,
                blocks=(ALL,),
            )
            shown = tuple(r is None for r in municipal_reasons(key, 5))
            assert audit(table, shown, threshold=5) == ()
        full = partnership_table(tuple(real), 5)
        shown = tuple(r is None for r in partnership_reasons(tuple(sorted(keys)), 5))
        assert audit(full, shown, threshold=5) == ()
