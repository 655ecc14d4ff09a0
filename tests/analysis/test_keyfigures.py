"""Key figures: the input vocabulary, indicator formulas and benchmark positions."""

from __future__ import annotations

import bisect
import csv
import json
import math
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parathed.analysis.evidence import FigureEvidence, FigureStatus
from parathed.analysis.keyfigures import (
    DST_GROUP_NAMES,
    FORMULAS,
    INPUTS,
    NATIONAL_CODE,
    ComparisonKind,
    InputKind,
    PeriodRule,
    StructuralProfile,
    StructuralSpace,
    benchmark_key_figures,
    benchmark_municipality,
    better_than_share,
    compute_indicator,
    dst_groups_from_figures,
    indicator_values,
    inputs_by_municipality,
    municipal_inputs,
    percentile_of,
    rank_of,
    similar_municipalities,
    statbank_inputs,
    structural_profiles,
)
from parathed.instrument.schema import Direction, Instrument

# Real reference data beside the repository (../shared), read at test time only.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "keyfigures_data"
DOUGHNUT = SHARED / "doughnut"


# -- vocabulary ------------------------------------------------------------------------


def test_every_instrument_indicator_has_a_formula(instrument: Instrument) -> None:
    """The 18 indicators of the instrument and the formulas are the same set."""
    assert {i.id for i in instrument.indicators} == set(FORMULAS)
    assert len(FORMULAS) == 18


def test_formulas_read_only_the_sources_the_instrument_names(
    instrument: Instrument,
) -> None:
    """Each formula's inputs come from the tables and municipal fields it cites."""
    for indicator in instrument.indicators:
        used = set()
        for name in FORMULAS[indicator.id].input_names():
            selection = INPUTS[name].statbank
            used.add(selection.table if selection is not None else name)
        assert used <= set(indicator.sources), indicator.id


def test_inputs_are_well_formed() -> None:
    """StatBank inputs carry a selection, municipal ones are prefixed and carry none."""
    for name, item in INPUTS.items():
        assert item.name == name
        assert item.label
        assert item.description
        assert item.unit
        if item.kind is InputKind.STATBANK:
            assert item.statbank is not None
        else:
            assert item.statbank is None
        assert name.startswith("municipal:") == (item.kind is InputKind.MUNICIPAL)
    assert {i.name for i in municipal_inputs()} == {
        "municipal:placed_age_0_5",
        "municipal:caseworker_changes_12m",
        "municipal:children_with_open_case",
        "municipal:open_cases",
        "municipal:caseworker_fte",
        "municipal:decisions",
        "municipal:decisions_with_child_conversation",
        "municipal:bfu_median_days",  # only in the template: no formula reads it yet
    }


def test_statbank_selections_follow_the_documented_request_shapes() -> None:
    """UND2 codes keep leading zeros; FOLK1A is read for 1 January of the next year."""
    und2 = INPUTS["children_with_notifications"].statbank
    assert und2 is not None
    assert (und2.table, und2.geography) == ("UND2", "ADMKOM")
    assert und2.values == (("UNDERRET", ("00",)), ("ALDER1", ("00",)), ("KON", ("0",)))
    assert und2.period_code(2025) == "2025"
    folk = INPUTS["population_0_17"].statbank
    assert folk is not None
    assert folk.period is PeriodRule.NEXT_Q1
    assert folk.period_code(2025) == "2026K1"
    assert dict(folk.values)["ALDER"] == tuple(str(a) for a in range(18))
    assert dict(folk.values)["KØN"] == ("TOT",)
    foster = INPUTS["placed_foster_family"].statbank
    assert foster is not None
    assert dict(foster.values)["ANBRINGELSE"] == (
        "1",
        "21",
        "22",
        "23",
        "24",
        "25",
        "26",
    )


def test_statbank_inputs_by_table() -> None:
    """Filtering by table is case-insensitive and keeps vocabulary order."""
    assert [i.name for i in statbank_inputs(["bu43"])] == [
        "preventive_share_0_17",
        "placed_share_0_17",
        "supported_share_18_22",
        "vulnerable_share_0_22",
    ]
    assert all(i.statbank is not None for i in statbank_inputs())


# -- indicators ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator_id", "inputs", "expected"),
    [
        (
            "KF-ES02",
            {"children_with_notifications": 1234, "population_0_17": 15000},
            1234 / 15000 * 1000,
        ),
        ("KF-ES01", {"notifications": 2100, "population_0_17": 14000}, 150.0),
        ("KF-ES03", {"preventive_share_0_17": 2.5}, 25.0),
        ("KF-ES04", {"preventive_share_0_17": 3.0, "placed_share_0_17": 1.5}, 2.0),
        (
            "KF-PQ02",
            {"placed_network": 5, "placed_all": 60, "placed_place_unknown": 10},
            10.0,
        ),
        (
            "KF-PQ04",
            {"placed_residential": 20, "placed_all": 60, "placed_place_unknown": 10},
            40.0,
        ),
        (
            "KF-LS02",
            {"expenditure_special_needs": 45000, "population_0_17": 9000},
            5000.0,
        ),
        (
            "KF-CC01",
            {
                "municipal:caseworker_changes_12m": 90,
                "municipal:children_with_open_case": 300,
            },
            0.3,
        ),
        ("KF-TA02", {"supported_share_18_22": 4.2}, 4.2),
        # missing, absent and zero-denominator inputs give None, never 0
        ("KF-ES02", {"children_with_notifications": None, "population_0_17": 1}, None),
        ("KF-ES02", {"children_with_notifications": 10}, None),
        ("KF-ES02", {"children_with_notifications": 10, "population_0_17": 0}, None),
        (
            "KF-PQ02",
            {"placed_network": 5, "placed_all": 10, "placed_place_unknown": 10},
            None,
        ),
        (
            "KF-ES02",
            {"children_with_notifications": math.nan, "population_0_17": 5},
            None,
        ),
    ],
)
def test_compute_indicator(
    indicator_id: str, inputs: dict[str, float | None], expected: float | None
) -> None:
    """Hand-computed values of the instrument's formulas."""
    result = compute_indicator(indicator_id, inputs)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


def figure(
    code: str,
    name: str,
    value: float | None,
    *,
    year: int = 2025,
    status: FigureStatus = FigureStatus.UNVALIDATED,
) -> FigureEvidence:
    return FigureEvidence(code, name, year, value, "Danmarks Statistik, test", status)


def test_the_municipalitys_correction_wins() -> None:
    """Corrected beats confirmed beats unvalidated; other years are left out."""
    figures = [
        figure("101", "population_0_17", 100),
        figure("101", "population_0_17", 120, status=FigureStatus.CORRECTED),
        figure("101", "population_0_17", 110, status=FigureStatus.CONFIRMED),
        figure("101", "population_0_17", 105),
        figure("101", "population_0_17", 999, year=2024),
    ]
    assert inputs_by_municipality(figures, year=2025) == {
        "101": {"population_0_17": 120}
    }


def test_indicator_values_per_municipality_and_nation() -> None:
    """One value per code with figures, the nation included."""
    figures = [
        figure("101", "children_with_notifications", 900),
        figure("101", "population_0_17", 10000),
        figure("147", "children_with_notifications", None),
        figure("147", "population_0_17", 5000),
        figure(NATIONAL_CODE, "children_with_notifications", 92000),
        figure(NATIONAL_CODE, "population_0_17", 1000000),
    ]
    assert indicator_values(figures, year=2025, indicator_id="KF-ES02") == {
        "101": 90.0,
        "147": None,
        NATIONAL_CODE: 92.0,
    }


# -- positions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "others", "direction", "rank", "percentile"),
    [
        (30, [10, 20, 40, 50, 60], Direction.HIGHER, 4, 40.0),
        (30, [10, 20, 40, 50, 60], Direction.LOWER, 3, 40.0),
        (30, [10, 20, 40, 50, 60], Direction.CONTEXT, 4, 40.0),
        (60, [10, 20, 40, 50], Direction.HIGHER, 1, 100.0),
        (60, [10, 20, 40, 50], Direction.LOWER, 5, 100.0),
        (10, [10, 20, 40, 50], Direction.LOWER, 1, 12.5),  # a tie counts half
        (20, [20, 20, 10, 30], Direction.HIGHER, 2, 50.0),  # ties share rank 2
    ],
)
def test_rank_and_percentile(
    value: float,
    others: list[float],
    direction: Direction,
    rank: int,
    percentile: float,
) -> None:
    """Rank 1 is the best value in the indicator's direction; percentile is by value."""
    assert rank_of(value, others, direction) == rank
    assert percentile_of(value, others) == percentile
    expected = {
        Direction.HIGHER: percentile,
        Direction.LOWER: 100.0 - percentile,
        Direction.CONTEXT: None,
    }[direction]
    assert better_than_share(value, others, direction) == expected


values_strategy = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=40
)


# No deadline: the suite runs on a shared, busy machine; these are pure and fast.
@settings(deadline=None)
@given(
    value=st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    others=values_strategy,
    direction=st.sampled_from(list(Direction)),
    seed=st.randoms(use_true_random=False),
)
def test_position_bounds_and_order_independence(
    value: float, others: list[float], direction: Direction, seed: object
) -> None:
    """Percentile in 0-100, rank in 1..n+1, and neither depends on the order."""
    shuffled = list(others)
    seed.shuffle(shuffled)  # type: ignore[attr-defined]
    percentile = percentile_of(value, others)
    assert percentile is not None
    assert 0.0 <= percentile <= 100.0
    assert percentile_of(value, shuffled) == percentile
    rank = rank_of(value, others, direction)
    assert 1 <= rank <= len(others) + 1
    assert rank_of(value, shuffled, direction) == rank


@settings(deadline=None)
@given(others=values_strategy, low=st.floats(-1e6, 1e6), high=st.floats(-1e6, 1e6))
def test_a_better_value_never_ranks_worse(
    others: list[float], low: float, high: float
) -> None:
    """For "higher" a larger value has a rank at least as good (and the reverse)."""
    low, high = min(low, high), max(low, high)
    assert rank_of(high, others, Direction.HIGHER) <= rank_of(
        low, others, Direction.HIGHER
    )
    assert rank_of(low, others, Direction.LOWER) <= rank_of(
        high, others, Direction.LOWER
    )
    low_percentile = percentile_of(low, others)
    high_percentile = percentile_of(high, others)
    assert low_percentile is not None
    assert high_percentile is not None
    assert low_percentile <= high_percentile


@settings(deadline=None, max_examples=50)
@given(
    numbers=st.lists(
        st.one_of(st.none(), st.floats(0, 1000, allow_nan=False)),
        min_size=9,
        max_size=9,
    ),
    direction=st.sampled_from(list(Direction)),
    seed=st.randoms(use_true_random=False),
)
def test_benchmark_does_not_depend_on_input_order(
    numbers: list[float | None], direction: Direction, seed: object
) -> None:
    """Shuffling the order of municipalities, groups and partnership changes nothing."""
    codes = ["101", "147", "151", "153", "155", "157", "159", "161", "163"]
    values = dict(zip(codes, numbers, strict=True))
    profiles = {
        c: StructuralProfile(float(i), float(i % 3), float(i % 2))
        for i, c in enumerate(codes)
    }
    shuffled = list(codes)
    seed.shuffle(shuffled)  # type: ignore[attr-defined]
    arguments = {
        "indicator_id": "X",
        "municipality_code": "151",
        "direction": direction,
        "similar_count": 4,
    }
    first = benchmark_municipality(
        values,
        partnership=codes[:6],
        dst_groups=GROUPS,
        profiles=profiles,
        **arguments,  # type: ignore[arg-type]
    )
    second = benchmark_municipality(
        {c: values[c] for c in shuffled},
        partnership=[c for c in shuffled if c in codes[:6]],
        dst_groups={c: GROUPS[c] for c in shuffled},
        profiles={c: profiles[c] for c in shuffled},
        **arguments,  # type: ignore[arg-type]
    )
    assert first == second
    for position in first.positions:
        if position.percentile is not None:
            assert 0.0 <= position.percentile <= 100.0


@settings(deadline=None, max_examples=80)
@given(
    numbers=st.lists(
        st.one_of(
            st.none(),
            st.sampled_from([0.0, 1.5, 2.0, 2.0, 7.25]),  # ties
            st.floats(-1e6, 1e6, allow_nan=False),
        ),
        min_size=12,
        max_size=12,
    ),
    direction=st.sampled_from(list(Direction)),
    national=st.one_of(st.none(), st.floats(0, 10)),
)
def test_each_position_is_the_one_by_one_comparison(
    numbers: list[float | None], direction: Direction, national: float | None
) -> None:
    """Positions are found by bisecting sorted values; each equals the definition:
    ``rank_of``, ``percentile_of``, ``better_than_share`` and the median against the
    other municipalities with a value in the group, compared one by one."""
    codes = [str(101 + 2 * i) for i in range(12)]
    values = dict(zip(codes, numbers, strict=True))
    groups = {c: "1" if i < 7 else "3" for i, c in enumerate(codes)}
    profiles = {
        c: StructuralProfile(float(i), float(i % 4), float(i % 3))
        for i, c in enumerate(codes)
    }
    for code in codes:
        benchmark = benchmark_municipality(
            values,
            indicator_id="X",
            municipality_code=code,
            direction=direction,
            partnership=codes[:8],
            dst_groups=groups,
            profiles=profiles,
            national_value=national,
            similar_count=4,
        )
        value = values[code]
        for position in benchmark.positions:
            others = [values[c] for c in position.compared_with]
            assert code not in position.compared_with
            assert list(position.compared_with) == sorted(position.compared_with)
            numbers_ = [v for v in others if v is not None]
            assert len(numbers_) == len(others)
            if value is None or position.rank is None:
                continue
            assert position.rank == rank_of(value, numbers_, direction)
            assert position.percentile == percentile_of(value, numbers_)
            assert position.better_than == better_than_share(value, numbers_, direction)
            if position.reference_basis == "median":
                assert position.reference == statistics.median(numbers_)
            else:
                assert position.kind is ComparisonKind.NATION
                assert position.reference == national
        nation = benchmark.position(ComparisonKind.NATION)
        assert set(nation.compared_with) == {
            c for c in codes if c != code and values[c] is not None
        }


# Seven municipalities in three DST groups; 159 has no value.
VALUES: dict[str, float | None] = {
    "101": 10.0,
    "147": 20.0,
    "151": 30.0,
    "153": 40.0,
    "155": 50.0,
    "157": 60.0,
    "159": None,
    "161": 70.0,
    "163": 80.0,
    NATIONAL_CODE: 35.0,
}
GROUPS = {
    "101": "1",
    "147": "1",
    "151": "1",
    "153": "3",
    "155": "3",
    "157": "3",
    "159": "3",
    "161": "3",
    "163": "5",
}


def test_benchmark_against_nation_group_and_partnership() -> None:
    """151 (30) with direction "higher": hand-computed positions in each comparison."""
    result = benchmark_municipality(
        VALUES,
        indicator_id="KF-PQ02",
        municipality_code="151",
        direction=Direction.HIGHER,
        partnership=["151", "153", "155", "159"],
        dst_groups=GROUPS,
        national_value=35.0,
    )
    assert result.value == 30.0
    nation = result.position(ComparisonKind.NATION)
    assert nation.compared_with == ("101", "147", "153", "155", "157", "161", "163")
    assert (nation.rank, nation.size) == (6, 8)
    assert nation.percentile == pytest.approx(200 / 7)
    assert (nation.reference, nation.reference_basis) == (35.0, "national_total")
    assert nation.difference == -5.0
    assert nation.favourable is False
    assert nation.better_than == pytest.approx(200 / 7)  # beats 10 and 20
    # Group 1 has only two others: widened to groups 1 and 2 (2 is empty) -> still
    # two, so the nation is used, and the note says so.
    group = result.position(ComparisonKind.DST_GROUP)
    assert group.broadened
    assert group.label == "Hele landet"
    assert "for få andre kommuner" in group.note
    assert group.rank == 6
    # Partnership: 153 and 155 have values, 159 none -> 2 others, no position.
    partnership = result.position(ComparisonKind.PARTNERSHIP)
    assert partnership.rank is None
    assert partnership.compared_with == ("153", "155")
    assert partnership.note == (
        "Kun 2 andre kommuner med tal (mindst 3 kræves); ingen placering."
    )
    # No structural profiles: the similarity group falls back to the DST group.
    similar = result.position(ComparisonKind.SIMILAR)
    assert similar.broadened
    assert similar.rank == group.rank
    assert similar.note.startswith("Kommunens strukturdata")


def test_benchmark_in_own_group_with_median_reference() -> None:
    """157 (60) in group 3 with three others (153, 155, 161) and direction "lower"."""
    result = benchmark_municipality(
        VALUES,
        indicator_id="KF-CC01",
        municipality_code="157",
        direction=Direction.LOWER,
        dst_groups=GROUPS,
    )
    group = result.position(ComparisonKind.DST_GROUP)
    assert group.label == "Kommunegruppe: Provinsbykommuner"
    assert not group.broadened
    assert group.compared_with == ("153", "155", "161")
    assert (group.rank, group.size) == (3, 4)  # 40 and 50 are lower (better)
    assert group.percentile == pytest.approx(200 / 3)
    assert (group.reference, group.reference_basis) == (50.0, "median")
    assert group.difference == 10.0
    assert group.favourable is False
    assert group.better_than == pytest.approx(100 / 3)  # lower than 70 only
    nation = result.position(ComparisonKind.NATION)
    assert nation.reference == statistics.median([10, 20, 30, 40, 50, 70, 80])
    assert nation.reference_basis == "median"


def test_small_group_widens_to_neighbouring_groups() -> None:
    """163 is alone in group 5: widened to groups 4 and 5, which have three others."""
    groups = dict(GROUPS, **{"161": "4", "157": "4", "155": "4"})
    result = benchmark_municipality(
        VALUES,
        indicator_id="KF-ES02",
        municipality_code="163",
        direction=Direction.CONTEXT,
        dst_groups=groups,
    )
    group = result.position(ComparisonKind.DST_GROUP)
    assert group.broadened
    assert group.label == "Kommunegrupper: Oplandskommuner og Landkommuner"
    assert group.compared_with == ("155", "157", "161")
    assert group.rank == 1  # context: 1 is the highest value
    assert group.favourable is None
    assert group.note == (
        "Landkommuner har for få andre kommuner med tal; sammenlignet med "
        "Oplandskommuner og Landkommuner."
    )


def test_unknown_group_and_missing_value() -> None:
    """Without a group the nation is used; without a value there is no position."""
    result = benchmark_municipality(
        VALUES,
        indicator_id="KF-ES02",
        municipality_code="159",
        direction=Direction.CONTEXT,
    )
    assert result.value is None
    for position in result.positions:
        assert position.rank is None
        assert position.percentile is None
    group = result.position(ComparisonKind.DST_GROUP)
    assert group.label == "Hele landet (kommunegruppe ukendt)"


def profile(x: float) -> StructuralProfile:
    return StructuralProfile(log_population=x, log_density=1.0, vulnerable_share=3.0)


def test_similar_municipalities_nearest_first_ties_by_code() -> None:
    """On one varying feature the distance is the gap; a tie goes to the lower code."""
    profiles = {
        "101": profile(0),
        "147": profile(1),
        "151": profile(2),
        "153": profile(3),
        "155": profile(10),
    }
    assert similar_municipalities(profiles, "147", count=3) == ("101", "151", "153")
    assert similar_municipalities(profiles, "147", among=["155", "153"]) == (
        "153",
        "155",
    )
    with pytest.raises(KeyError):
        similar_municipalities(profiles, "999")


def test_similar_uses_all_three_features_standardised() -> None:
    """Features are standardised: a gap counts relative to the feature's spread."""
    profiles = {
        "101": StructuralProfile(10.0, 5.0, 3.0),
        "147": StructuralProfile(12.0, 5.0, 3.0),  # 2 away on a wide feature
        "151": StructuralProfile(10.0, 5.0, 3.5),  # 0.5 away on a narrow feature
        "153": StructuralProfile(14.0, 5.0, 3.6),
    }
    # spreads: pstdev(10, 12, 10, 14) = 1.658; pstdev(3.0, 3.0, 3.5, 3.6) = 0.2773
    # 147: 2 / 1.658 = 1.21; 151: 0.5 / 0.2773 = 1.80; 153: hypot(2.41, 2.16) = 3.24
    # (unstandardised, 151 at 0.5 would come before 147 at 2)
    assert similar_municipalities(profiles, "101", count=3) == ("147", "151", "153")


def test_structural_profiles_from_figures() -> None:
    """ln(population), ln(density), share; incomplete and national rows left out."""
    figures = [
        figure("101", "population_total", 1000),
        figure("101", "area_km2", 10),
        figure("101", "vulnerable_share_0_22", 3.5),
        figure("147", "population_total", 500),
        figure("147", "area_km2", 5),
        figure("147", "vulnerable_share_0_22", None),
        figure(NATIONAL_CODE, "population_total", 6e6),
        figure(NATIONAL_CODE, "area_km2", 43000),
        figure(NATIONAL_CODE, "vulnerable_share_0_22", 3.5),
    ]
    profiles = structural_profiles(figures, year=2025)
    assert list(profiles) == ["101"]
    assert profiles["101"].log_population == pytest.approx(math.log(1000))
    assert profiles["101"].log_density == pytest.approx(math.log(100))
    assert profiles["101"].vulnerable_share == 3.5


def test_benchmark_key_figures_end_to_end() -> None:
    """From raw figures: indicator values, DST groups and similarity group."""
    figures: list[FigureEvidence] = []
    for index, code in enumerate(["101", "147", "151", "153", "155", "157"]):
        figures += [
            figure(code, "children_with_notifications", 100 + 10 * index),
            figure(code, "population_0_17", 1000),
            figure(code, "population_total", 10000 * (index + 1)),
            figure(code, "area_km2", 100),
            figure(code, "vulnerable_share_0_22", 3.0),
            figure(code, "dst_municipality_group", 1 if index < 4 else 2),
        ]
    figures += [
        figure(NATIONAL_CODE, "children_with_notifications", 92),
        figure(NATIONAL_CODE, "population_0_17", 1000),
    ]
    assert dst_groups_from_figures(figures, year=2025) == {
        "101": "1",
        "147": "1",
        "151": "1",
        "153": "1",
        "155": "2",
        "157": "2",
    }
    from parathed.instrument.loader import load_instrument

    indicators = [i for i in load_instrument().indicators if i.id == "KF-ES02"]
    (result,) = benchmark_key_figures(
        figures,
        year=2025,
        indicators=indicators,
        municipality_codes=["147"],
        partnership=["101", "147", "151", "153"],
        similar_count=3,
    )
    assert result.value == 110.0
    nation = result.position(ComparisonKind.NATION)
    assert (nation.reference, nation.reference_basis) == (92.0, "national_total")
    assert nation.difference == 18.0
    group = result.position(ComparisonKind.DST_GROUP)
    assert group.compared_with == ("101", "151", "153")
    assert group.rank == 3  # 130 and 120 are higher
    similar = result.position(ComparisonKind.SIMILAR)
    # populations 10k..60k: nearest to 20k in log terms are 10k, 30k, 40k
    assert similar.compared_with == ("101", "151", "153")
    assert similar.label == "3 strukturelt sammenlignelige kommuner"
    assert result.position(ComparisonKind.PARTNERSHIP).rank == 3


# -- acceptance: real 2025 figures for all 98 municipalities ---------------------------


def read_rates(filename: str, column: str) -> dict[str, float | None]:
    with (DOUGHNUT / filename).open(encoding="utf-8", newline="") as handle:
        return {
            row["kommune_kode"]: float(row[column]) if row[column] else None
            for row in csv.DictReader(handle)
        }


def real_groups() -> dict[str, str]:
    data = json.loads((DOUGHNUT / "kommuner.json").read_text("utf-8"))
    return {m["kode"]: str(m["gruppe"]) for m in data["kommuner"]}


def independent_position(value: float, others: list[float]) -> tuple[int, float]:
    """Rank (context: highest first) by sorting, percentile by bisection."""
    descending = sorted([value, *others], reverse=True)
    rank = descending.index(value) + 1
    ascending = sorted(others)
    below = bisect.bisect_left(ascending, value)
    ties = bisect.bisect_right(ascending, value) - below
    return rank, 100 * (below + ties / 2) / len(others)


@pytest.mark.parametrize(
    ("filename", "column", "national"),
    [
        ("underretning_scores.csv", "child_notifications_per_1k", 92.33),
        ("velfaerd_extra_scores.csv", "vulnerable_children_pct", 3.5),
    ],
)
def test_real_2025_positions_of_all_98_municipalities(
    filename: str, column: str, national: float
) -> None:
    """Real UND2 notification rates and BU43 shares (2025), all 98 municipalities.

    Every rank and percentile in the nation and in the DST group equals an
    independent computation (sorting and bisection) in this test.
    """
    assert SHARED.exists(), f"the shared reference data is missing: {SHARED}"
    values = read_rates(filename, column)
    groups = real_groups()
    assert len(values) == 98
    assert set(values) == set(groups)
    assert set(groups.values()) == set(DST_GROUP_NAMES)
    for code, value in values.items():
        assert value is not None
        result = benchmark_municipality(
            values,
            indicator_id=column,
            municipality_code=code,
            direction=Direction.CONTEXT,
            dst_groups=groups,
            national_value=national,
        )
        others = [v for c, v in values.items() if c != code and v is not None]
        nation = result.position(ComparisonKind.NATION)
        rank, percentile = independent_position(value, others)
        assert (nation.rank, nation.size) == (rank, 98)
        assert nation.percentile == pytest.approx(percentile)
        assert nation.difference == pytest.approx(value - national)
        own = int(groups[code])
        peers = [
            v
            for c, v in values.items()
            if c != code and groups[c] == groups[code] and v is not None
        ]
        group = result.position(ComparisonKind.DST_GROUP)
        if len(peers) >= 3:
            assert not group.broadened
            assert group.label == f"Kommunegruppe: {DST_GROUP_NAMES[groups[code]]}"
        else:  # Storbykommuner has three members: widened to groups 1-3
            assert own == 2
            assert group.broadened
            assert group.label == (
                "Kommunegrupper: Hovedstadskommuner, Storbykommuner og "
                "Provinsbykommuner"
            )
            peers = [
                v
                for c, v in values.items()
                if c != code and abs(int(groups[c]) - own) <= 1 and v is not None
            ]
        rank, percentile = independent_position(value, peers)
        assert (group.rank, group.size) == (rank, len(peers) + 1)
        assert group.percentile == pytest.approx(percentile)
        assert group.reference == pytest.approx(statistics.median(peers))


def test_real_rates_highest_and_lowest_are_rank_1_and_98() -> None:
    """The highest notification rate ranks 1 with percentile 100; the lowest 98 / 0."""
    values = read_rates("underretning_scores.csv", "child_notifications_per_1k")
    numbers = {c: v for c, v in values.items() if v is not None}
    highest = max(numbers, key=lambda c: numbers[c])
    lowest = min(numbers, key=lambda c: numbers[c])
    for code, rank, percentile in ((highest, 1, 100.0), (lowest, 98, 0.0)):
        nation = benchmark_municipality(
            values,
            indicator_id="KF-ES02",
            municipality_code=code,
            direction=Direction.CONTEXT,
        ).position(ComparisonKind.NATION)
        assert (nation.rank, nation.percentile) == (rank, percentile)


def test_structural_space_answers_like_similar_municipalities() -> None:
    """One space built once gives the same neighbours as the one-off function."""
    profiles = {
        code: StructuralProfile(float(i % 7), float(i % 4), float(i % 3))
        for i, code in enumerate(["101", "147", "151", "153", "155", "157", "159"])
    }
    space = StructuralSpace(profiles)
    for code in profiles:
        assert space.nearest(code, count=3) == similar_municipalities(
            profiles, code, count=3
        )
    assert "101" in space
    assert "999" not in space
    with pytest.raises(KeyError):
        StructuralSpace({}).nearest("101")
