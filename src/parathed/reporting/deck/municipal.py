"""The municipal readiness deck: an assessment in, a .pptx file's bytes out.

Slides use the layouts of the template deck (python-pptx's default when none is given),
so a consultancy's own master carries through. Charts are native and editable.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Emu, Pt

from parathed.analysis.assessment import MunicipalityAssessment, RoundAssessment
from parathed.reporting.figures import BarChartSpec, theme_scores_chart

WIDE_WIDTH = Emu(12192000)  # 13.333 in: 16:9
WIDE_HEIGHT = Emu(6858000)  # 7.5 in
TITLE_LAYOUT = 0
TITLE_ONLY_LAYOUT = 5
SYNTHETIC_NOTE = "Syntetiske demodata – ikke en rigtig kommunes resultater."


def _new_presentation(template: Path | None) -> PresentationType:
    if template is not None:
        return Presentation(str(template))
    prs = Presentation()
    prs.slide_width = WIDE_WIDTH
    prs.slide_height = WIDE_HEIGHT
    return prs


def _add_title_slide(
    prs: PresentationType, *, title: str, subtitle: str
) -> Slide:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    slide.shapes.title.text = title
    slide.placeholders[1].text = subtitle
    # Placeholders inherit 4:3 positions; place both on the wide slide explicitly.
    width, height = prs.slide_width, prs.slide_height
    boxes = ((0.30, 0.22), (0.55, 0.30))  # (top, height) as shares of the slide
    for shape, (top, tall) in zip((slide.shapes.title, slide.placeholders[1]), boxes):
        shape.left, shape.width = int(width * 0.08), int(width * 0.84)
        shape.top, shape.height = int(height * top), int(height * tall)
    return slide


def _set_title(slide: Slide, text: str, *, prs: PresentationType) -> None:
    """Sets a content slide's title, placed across the top of a wide slide."""
    title = slide.shapes.title
    title.text = text
    title.left, title.top = int(prs.slide_width * 0.06), int(prs.slide_height * 0.05)
    title.width, title.height = int(prs.slide_width * 0.88), int(prs.slide_height * 0.13)
    frame = title.text_frame
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(30)
            run.font.bold = True


def _add_bar_chart_slide(prs: PresentationType, spec: BarChartSpec) -> Slide:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _set_title(slide, spec.title, prs=prs)
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    data.add_series(spec.series_name, spec.values, number_format=spec.number_format)
    width, height = prs.slide_width, prs.slide_height
    left, top = int(width * 0.06), int(height * 0.22)
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED,
        left,
        top,
        int(width * 0.88),
        int(height * 0.62),
        data,
    )
    frame.name = "Diagram: " + spec.title
    # Alt text lives on the graphic frame's non-visual properties (descr).
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    chart = frame.chart
    chart.has_title = False  # the slide title says it
    chart.has_legend = False
    chart.font.size = Pt(14)
    axis = chart.value_axis
    axis.minimum_scale = 0
    if spec.axis_max is not None:
        axis.maximum_scale = spec.axis_max
    axis.tick_labels.number_format = spec.number_format
    axis.tick_labels.number_format_is_linked = False
    categories = chart.category_axis
    categories.reverse_order = True  # first theme on top, as read
    categories.major_tick_mark = XL_TICK_MARK.NONE
    # Reversing moves the value axis to the top; crossing the category axis at its
    # last category keeps the scale under the bars. python-pptx only sets this from
    # the other side (``ValueAxis.crosses`` writes the category axis), so the value
    # axis element is set here.
    value_axis = axis._element
    value_axis._remove_crosses()
    value_axis._remove_crossesAt()
    value_axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = spec.number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    note = slide.shapes.add_textbox(
        left, int(height * 0.86), int(width * 0.88), int(height * 0.1)
    )
    note.name = "Fodnote"
    note.text_frame.word_wrap = True
    note.text_frame.text = spec.footnote
    for paragraph in note.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(11)
    return slide


def build_deck(
    assessment: MunicipalityAssessment,
    *,
    round_assessment: RoundAssessment,
    template: Path | None = None,
    synthetic: bool = False,
) -> bytes:
    """Returns the .pptx bytes of one municipality's readiness deck.

    ``template`` is a .pptx whose layouts 0 (title) and 5 (title only) are used.
    ``synthetic`` marks the deck as demo data on its title slide. Deterministic for the
    same input apart from the timestamps python-pptx writes in the package.
    """
    prs = _new_presentation(template)
    subtitle = (
        f"{round_assessment.partnership_name} · {round_assessment.round_name}\n"
        f"Instrument version {round_assessment.instrument_version}"
    )
    if synthetic:
        subtitle += "\n" + SYNTHETIC_NOTE
    _add_title_slide(
        prs, title=f"Parathedsanalyse: {assessment.name} Kommune", subtitle=subtitle
    )
    _add_bar_chart_slide(prs, theme_scores_chart(assessment))
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
