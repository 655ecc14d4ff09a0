"""The demo's key figures: loaded for all 98, labelled synthetic, the same twice."""

from __future__ import annotations

from datetime import date

import pytest

from parathed.web.keyfigures.models import FigureValue
from parathed.web.keyfigures.selectors import figure_evidence
from parathed.web.partnerships.demo import demo_load_key_figures


@pytest.mark.django_db
def test_demo_key_figures_are_synthetic_and_loading_twice_changes_nothing() -> None:
    """Every value's citation says synthetic; a reload gives the same rows."""
    day = date(2026, 11, 23)
    count = demo_load_key_figures(partnership_codes=("147",), year=2025, today=day)
    assert count == FigureValue.objects.count()
    assert not FigureValue.objects.exclude(citation__startswith="Syntetiske").exists()
    first = figure_evidence(year=2025)
    assert len({f.municipality_code for f in first}) == 99
    demo_load_key_figures(partnership_codes=("147",), year=2025, today=day)
    assert figure_evidence(year=2025) == first
    assert FigureValue.objects.filter(status=FigureValue.Status.CORRECTED).count() == 1
