"""The municipal deck, read back: slides, title, native chart, footnote, withholding."""

from __future__ import annotations

import io
import zipfile
from typing import cast
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide

from parathed.reporting.deck.municipal import SYNTHETIC_NOTE, build_deck
from tests.reporting.assessments import (
    SCORES,
    THEMES,
    municipality_assessment,
    round_assessment,
)

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
TITLES = tuple(title for _, title in THEMES)
WITHHELD = SCORES.index(None)  # "Overgangen til voksenlivet"


@pytest.fixture(scope="module")
def deck_bytes() -> bytes:
    """The deck of one municipality with one withheld theme."""
    assessment = municipality_assessment()
    return build_deck(assessment, round_assessment=round_assessment(assessment))


@pytest.fixture(scope="module")
def deck(deck_bytes: bytes) -> PresentationType:
    """The deck as python-pptx reads it back."""
    return Presentation(io.BytesIO(deck_bytes))


SCORES_TITLE = "Parathed pr. tema (spørgeskema)"


def _scores_slide(deck: PresentationType) -> Slide:
    """The slide of the questionnaire score per theme."""
    found = [s for s in deck.slides if s.shapes.title.text_frame.text == SCORES_TITLE]
    assert len(found) == 1
    slide: Slide = found[0]
    return slide


def _chart_frame(deck: PresentationType) -> GraphicFrame:
    frames = [s for s in _scores_slide(deck).shapes if getattr(s, "has_chart", False)]
    assert len(frames) == 1
    frame = cast(GraphicFrame, frames[0])
    return frame


def _chart(deck: PresentationType) -> Chart:
    chart: Chart = _chart_frame(deck).chart
    return chart


def test_deck_has_a_title_slide_and_a_chart_slide(deck: PresentationType) -> None:
    """The title slide names the municipality; one slide charts the theme scores."""
    assert len(deck.slides) > 2
    title = deck.slides[0].shapes.title.text_frame.text
    assert "Ringkøbing-Skjern" in title
    assert title == "Parathedsanalyse: Ringkøbing-Skjern Kommune"
    scores_title = _scores_slide(deck).shapes.title
    assert scores_title is not None
    assert scores_title.text_frame.text == SCORES_TITLE


def test_title_slide_names_partnership_round_and_version(
    deck: PresentationType,
) -> None:
    """The subtitle says which partnership, round and instrument version."""
    subtitle = deck.slides[0].placeholders[1].text_frame.text
    assert "Testpartnerskab Vest · Baseline 2026" in subtitle
    assert "Instrument version 1.0" in subtitle
    assert SYNTHETIC_NOTE not in subtitle


def test_synthetic_deck_says_so_on_its_title_slide() -> None:
    """``synthetic=True`` adds the demo-data note under the subtitle."""
    assessment = municipality_assessment()
    deck = Presentation(
        io.BytesIO(
            build_deck(
                assessment,
                round_assessment=round_assessment(assessment),
                synthetic=True,
            )
        )
    )
    assert SYNTHETIC_NOTE in deck.slides[0].placeholders[1].text_frame.text


def test_chart_is_a_native_bar_chart_of_the_theme_scores(
    deck: PresentationType,
) -> None:
    """A clustered bar chart: six theme titles as categories, the scores as values."""
    chart = _chart(deck)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    plot = chart.plots[0]
    assert tuple(plot.categories) == TITLES
    assert len(chart.series) == 1
    assert tuple(chart.series[0].values) == SCORES
    assert chart.series[0].values[WITHHELD] is None
    assert chart.value_axis.minimum_scale == 0
    assert chart.value_axis.maximum_scale == 100


def test_footnote_gives_n_and_the_withheld_theme(deck: PresentationType) -> None:
    """The footnote under the chart states n = 37 and names the withheld theme."""
    notes = [s for s in _scores_slide(deck).shapes if s.name == "Fodnote"]
    assert len(notes) == 1
    text = cast(Shape, notes[0]).text_frame.text
    assert "n = 37" in text
    assert "Vises ikke: færre end 5 besvarelser (Overgangen til voksenlivet)" in text


def test_chart_has_alt_text(deck: PresentationType) -> None:
    """The chart's graphic frame carries a description (descr) for screen readers."""
    descr = _chart_frame(deck)._element.nvGraphicFramePr.cNvPr.get("descr")
    assert descr is not None
    assert descr.startswith("Søjlediagram over score pr. tema for Ringkøbing-Skjern")
    assert "Kontinuitet i sagsbehandlingen 37" in descr
    assert "Overgangen til voksenlivet" not in descr.split("Vises ikke:")[0]
    assert descr.endswith("Vises ikke: Overgangen til voksenlivet.")


def _number_points(part: ET.Element) -> dict[int, str]:
    """Returns the value points of the chart's series (numCache or numLit)."""
    points: dict[int, str] = {}
    for val in part.iter(C + "val"):
        for pt in val.iter(C + "pt"):
            value = pt.find(C + "v")
            points[int(pt.get("idx", "-1"))] = "" if value is None else value.text or ""
    return points


def test_withheld_value_is_absent_from_every_xml_part(deck_bytes: bytes) -> None:
    """No XML part holds a value point or a data label for the withheld theme.

    Every chart part is scanned: its series values carry exactly the shown themes'
    points (none at the withheld category), and no per-point label is added.
    """
    with zipfile.ZipFile(io.BytesIO(deck_bytes)) as package:
        xml_names = [n for n in package.namelist() if n.endswith((".xml", ".rels"))]
        charts = 0
        for name in xml_names:
            root = ET.fromstring(package.read(name))  # noqa: S314 (own output)
            if root.tag != C + "chartSpace":
                assert not list(root.iter(C + "val")), name
                continue
            charts += 1
            points = _number_points(root)
            shown = {i: s for i, s in enumerate(SCORES) if s is not None}
            assert set(points) == set(shown), name
            assert {i: float(v) for i, v in points.items()} == shown
            labelled = {
                int(idx.get("val", "-1"))
                for d in root.iter(C + "dLbl")
                if (idx := d.find(C + "idx")) is not None
            }
            assert WITHHELD not in labelled
    assert charts == 1


def test_embedded_workbook_leaves_the_withheld_cell_empty(
    deck: PresentationType,
) -> None:
    """The chart's workbook: themes in column A, scores in B, the withheld one empty."""
    xlsx = _chart(deck).part.chart_workbook.xlsx_part.blob  # type: ignore[attr-defined]
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert len(workbook.worksheets) == 1
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][1] == "Score (0–100)"
    assert tuple(r[0] for r in rows[1:]) == TITLES
    assert tuple(r[1] for r in rows[1:]) == SCORES
    withheld_row = rows[1 + WITHHELD]
    assert withheld_row == ("Overgangen til voksenlivet", None)
    workbook.close()


def test_survey_only_deck_leaves_out_the_case_and_interview_slides(
    deck: PresentationType,
) -> None:
    """Without cases and interviews no theme gets an (empty) practice slide."""
    titles = []
    for slide in deck.slides:
        title = slide.shapes.title
        assert title is not None
        titles.append(title.text_frame.text)
    assert not [t for t in titles if t.endswith(": sager og interview")]
    assert len([t for t in titles if t.endswith(": spørgeskema")]) == 6
    assert len([t for t in titles if t.endswith(": nøgletal og lovkrav")]) == 6
