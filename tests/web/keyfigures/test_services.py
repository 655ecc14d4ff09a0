"""Services of key figures: fetches are idempotent and respect the municipality."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from parathed.statbank import FetchedFigure
from parathed.web.keyfigures.models import FigureValue
from parathed.web.keyfigures.services import (
    figure_confirm,
    figure_correct,
    figures_store_statbank,
    figures_store_upload,
)

DAY = date(2026, 6, 1)


def _fetched(code: str, value: float | None, day: date = DAY) -> FetchedFigure:
    return FetchedFigure(
        code, "children_with_notifications", 2025, value, "UND2", "2025", day
    )


def test_a_changed_statbank_value_lapses_a_confirmation(world: Any) -> None:
    """The new value gets the new date and citation and must be confirmed again."""
    figure_confirm(figure=world.figure_a, user_id=world.contact_a.pk, today=DAY)
    result = figures_store_statbank(figures=[_fetched("101", 9050.0, DAY)])
    assert (result.created, result.updated) == (0, 1)
    world.figure_a.refresh_from_db()
    assert world.figure_a.status == FigureValue.Status.UNVALIDATED
    assert world.figure_a.source_value == 9050
    assert world.figure_a.extracted_on == DAY
    assert world.figure_a.citation.endswith("tabel UND2 (udtrukket 2026-06-01)")


def test_an_unchanged_statbank_value_keeps_its_confirmation_and_date(
    world: Any,
) -> None:
    """Fetching the same number again on a later day changes nothing at all."""
    figure_confirm(figure=world.figure_a, user_id=world.contact_a.pk, today=DAY)
    result = figures_store_statbank(figures=[_fetched("101", 9000.0, DAY)])
    assert (result.updated, result.unchanged) == (0, 1)
    world.figure_a.refresh_from_db()
    assert world.figure_a.status == FigureValue.Status.CONFIRMED
    assert world.figure_a.extracted_on == date(2026, 5, 1)


def test_a_fetch_leaves_the_municipalitys_own_value_alone(world: Any) -> None:
    """A value first uploaded by the municipality is not replaced by StatBank's."""
    figures_store_upload(
        municipality=world.municipality_b,
        year=2024,
        values={"children_with_notifications": 1400.0},
        uploaded_on=DAY,
        user_id=world.contact_b.pk,
    )
    result = figures_store_statbank(
        figures=[
            FetchedFigure(
                "147", "children_with_notifications", 2024, 1500.0, "UND2", "2024", DAY
            )
        ]
    )
    assert result.corrections_kept == 1
    own = FigureValue.objects.get(municipality=world.municipality_b, year=2024)
    assert (own.source, own.source_value) == (FigureValue.Source.MUNICIPAL, 1400)


def test_confirming_withdraws_an_earlier_correction(world: Any) -> None:
    """Confirm after correct: the source's value is in force again, no comment."""
    figure_correct(
        figure=world.figure_a, user_id=None, value=1.0, comment="fejl", today=DAY
    )
    figure_confirm(figure=world.figure_a, user_id=None, today=DAY)
    world.figure_a.refresh_from_db()
    assert (world.figure_a.value, world.figure_a.comment) == (9000, "")


def test_correct_refuses_a_comment_with_a_cpr_number(world: Any) -> None:
    """The service itself refuses, even if a caller skipped the form."""
    with pytest.raises(ValueError, match="cpr-nummer"):
        figure_correct(
            figure=world.figure_a,
            user_id=None,
            value=1.0,
            comment="barn 0102031234",
            today=DAY,
        )
    world.figure_a.refresh_from_db()
    assert world.figure_a.comment == ""
