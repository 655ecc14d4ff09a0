"""Selectors of key figures: evidence for every municipality, in few queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from parathed.analysis.evidence import FigureStatus
from parathed.analysis.keyfigures import NATIONAL_CODE
from parathed.statbank import FetchedFigure
from parathed.web.keyfigures.selectors import figure_evidence, validation_status
from parathed.web.keyfigures.services import figure_correct, figures_store_statbank


def test_evidence_holds_every_municipality_the_nation_and_corrections(
    world: Any, django_assert_num_queries: Any
) -> None:
    """One query; the correction's value in force with status CORRECTED."""
    figures_store_statbank(
        figures=[
            FetchedFigure(
                NATIONAL_CODE,
                "children_with_notifications",
                2025,
                105000.0,
                "UND2",
                "2025",
                date(2026, 5, 1),
            ),
            FetchedFigure(
                "751",
                "children_with_notifications",
                2025,
                None,
                "UND2",
                "2025",
                date(2026, 5, 1),
            ),
        ]
    )
    figure_correct(
        figure=world.figure_a,
        user_id=None,
        value=9100.0,
        comment="",
        today=date(2026, 5, 2),
    )
    with django_assert_num_queries(1):
        evidence = figure_evidence(year=2025)
    by_code = {f.municipality_code: f for f in evidence}
    assert set(by_code) == {NATIONAL_CODE, "101", "147", "751"}
    assert (by_code["101"].value, by_code["101"].status) == (
        9100.0,
        FigureStatus.CORRECTED,
    )
    assert by_code["751"].value is None
    assert by_code["147"].source == (
        "Danmarks Statistik, Statistikbanken, tabel UND2 (udtrukket 2026-05-01)"
    )


def test_validation_status_counts_in_two_queries(
    world: Any, django_assert_num_queries: Any
) -> None:
    """Per municipality of the partnership: total, confirmed, corrected, open."""
    with django_assert_num_queries(2):
        statuses = validation_status(partnership=world.partnership, year=2025)
    assert [(s.code, s.total, s.open) for s in statuses] == [
        ("147", 1, 1),
        ("101", 1, 1),
    ]
