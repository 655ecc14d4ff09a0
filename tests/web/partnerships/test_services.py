"""The report service: selectors, analysis and reporting meet once, in report_build."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pptx import Presentation

from parathed.web.partnerships.services import report_build, round_assess


def _chart(content: bytes) -> Any:
    """Returns the deck's native chart of the theme scores."""
    prs = Presentation(io.BytesIO(content))
    (chart,) = [
        shape.chart
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_chart and shape.name == "Diagram: Parathed pr. tema (spørgeskema)"
    ]
    return chart


def test_report_build_gives_one_deck_per_municipality(world: Any) -> None:
    """A round of two municipalities gives two decks, each a .pptx named by its code."""
    decks = report_build(round_id=world.round.pk)
    codes = sorted(deck.filename.split("-")[1] for deck in decks)
    assert codes == ["101", "147"]
    for deck in decks:
        assert deck.filename.endswith(".pptx")
        assert len(Presentation(io.BytesIO(deck.content)).slides) >= 2


def test_report_build_for_one_municipality_gives_its_deck_only(world: Any) -> None:
    """Naming a municipality builds that municipality's deck alone."""
    (deck,) = report_build(
        round_id=world.round.pk, municipality_id=world.municipality_b.pk
    )
    assert deck.filename.startswith("parathed-147-")


@pytest.mark.parametrize("code", ["101", "147"])
def test_deck_chart_shows_the_theme_scores_of_the_analysis(
    world: Any, code: str
) -> None:
    """The chart's categories and values are the themes and scores of round_assess."""
    decks = {d.filename.split("-")[1]: d for d in report_build(round_id=world.round.pk)}
    chart = _chart(decks[code].content)
    survey = round_assess(round_id=world.round.pk).municipality(code).survey
    assert tuple(chart.plots[0].categories) == tuple(
        t.theme_title for t in survey.themes
    )
    values = chart.plots[0].series[0].values
    assert values == tuple(t.score for t in survey.themes)


def test_scores_are_withheld_below_the_threshold(world: Any) -> None:
    """B has no responses, so every theme is withheld; A's six give scores."""
    assessment = round_assess(round_id=world.round.pk)
    b = assessment.municipality("147").survey
    assert {t.score for t in b.themes} == {None}
    assert {t.withheld_reason for t in b.themes} == {"below_threshold"}
    a = assessment.municipality("101").survey
    assert a.respondents == 6
    assert any(t.score is not None for t in a.themes)


def _charts_xml(content: bytes) -> list[bytes]:
    prs = Presentation(io.BytesIO(content))
    return [
        shape.chart.part.blob
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_chart
    ]


def test_one_municipalitys_deck_is_the_same_as_in_the_whole_round(
    world: Any, grow_round: Any
) -> None:
    """Its comparisons with the partnership rest on the whole round, not on itself."""
    grow_round(municipalities=4, responses_each=6)
    whole = {d.filename: d for d in report_build(round_id=world.round.pk)}
    (alone,) = report_build(
        round_id=world.round.pk, municipality_id=world.municipality_a.pk
    )
    assert _charts_xml(alone.content) == _charts_xml(whole[alone.filename].content)


def test_deck_shows_the_response_rate_from_the_expected_numbers(world: Any) -> None:
    """Six staff answered of eight expected: 75 %; the roles without a number say
    so, and the total waits for every role."""
    from parathed.instrument.schema import Role
    from parathed.web.survey.link_services import expected_headcounts_set

    expected_headcounts_set(
        round=world.round,
        municipality=world.municipality_a,
        expected={Role.MEDARBEJDER: 8},
    )
    (deck,) = report_build(
        round_id=world.round.pk, municipality_id=world.municipality_a.pk
    )
    prs = Presentation(io.BytesIO(deck.content))
    slide = next(
        s for s in prs.slides if s.shapes.title.text == "Sådan er analysen lavet"
    )
    (table,) = [s.table for s in slide.shapes if s.has_table]
    rows = {r.cells[0].text: [c.text for c in r.cells][1:] for r in table.rows}
    assert rows["Spørgeskema: Medarbejdere"] == ["6", "75", "6 af 8 forventede"]
    assert rows["Spørgeskema: Chef"][1:] == [
        "–",
        "Forventet antal ikke oplyst af kommunen",
    ]
    assert rows["Spørgeskema: besvarelser i alt"][1] == "–"
