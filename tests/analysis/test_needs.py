"""Development needs and reform aims ranked by gap, and the joint-day proposal."""

from __future__ import annotations

from parathed.analysis.needs import propose_joint_days, rank_needs
from tests.analysis.instruments import FULL

GAPS = {"A1": 40.0, "A2": 20.0, "B1": 10.0, "B2": 60.0, "CS-A1": 70.0}


def test_needs_are_ranked_by_the_mean_gap_of_what_points_at_them() -> None:
    """organisation: (40 + 60 + 70) / 3 = 56.7; dialogue: (20 + 10) / 2 = 15."""
    needs, _ = rank_needs(GAPS, instrument=FULL, mentions={"dialogue": 4})
    assert [(n.code, n.gap, n.sources) for n in needs] == [
        ("organisation", 56.7, 3),
        ("dialogue", 15.0, 2),
    ]
    assert needs[0].largest == ("CS-A1", "B2", "A1")
    assert needs[1].interview_mentions == 4


def test_reform_aims_are_ranked_the_same_way() -> None:
    """earlier_help: (40 + 20 + 70) / 3 = 43.3; child_rights: (10 + 60) / 2 = 35."""
    _, aims = rank_needs(GAPS, instrument=FULL)
    assert [(a.code, a.gap) for a in aims] == [
        ("earlier_help", 43.3),
        ("child_rights", 35.0),
    ]


def test_a_need_without_any_gap_is_ranked_last_without_a_number() -> None:
    """Only dialogue sources have gaps: organisation comes last with None."""
    needs, _ = rank_needs({"A2": 5.0}, instrument=FULL)
    assert [(n.code, n.gap) for n in needs] == [
        ("dialogue", 5.0),
        ("organisation", None),
    ]


def test_joint_days_take_the_themes_with_the_largest_gap() -> None:
    """Beta (50) before alpha (30); each day names its largest needs."""
    days = propose_joint_days(
        [("alpha", "Alfa", 30.0), ("beta", "Beta", 50.0), ("gamma", "Gamma", None)],
        GAPS,
        instrument=FULL,
    )
    assert [(d.day, d.theme_code, d.mean_gap) for d in days] == [
        (1, "beta", 50.0),
        (2, "alpha", 30.0),
    ]
    assert days[0].needs == ("organisation", "dialogue")
    assert days[1].needs == ("organisation", "dialogue")
