"""The municipal readiness deck: an assessment in, a .pptx file's bytes out.

Slides use the layouts of the template deck (python-pptx's default when none is given),
so a consultancy's own master carries through. Charts are native and editable.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import cast

from pptx import Presentation
from pptx.chart.data import CategoryChartData, ChartData
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Pt

from parathed.analysis.assessment import MunicipalityAssessment, RoundAssessment
from parathed.reference.municipalities import official_name
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


class TemplateError(ValueError):
    """The template deck lacks a layout or placeholder the deck needs."""


def _size(prs: PresentationType) -> tuple[int, int]:
    """Returns the slide width and height in EMU."""
    width, height = prs.slide_width, prs.slide_height
    if width is None or height is None:
        raise TemplateError("skabelonen angiver ikke diasstørrelsen")
    return int(width), int(height)


def _title_shape(slide: Slide) -> Shape:
    title = slide.shapes.title
    if title is None:
        raise TemplateError("skabelonens layout mangler en titelpladsholder")
    return title


def _add_title_slide(prs: PresentationType, *, title: str, subtitle: str) -> Slide:
    slide: Slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    title_shape = _title_shape(slide)
    subtitle_shape = slide.placeholders[1]
    title_shape.text = title
    subtitle_shape.text = subtitle
    # Placeholders inherit 4:3 positions; place both on the wide slide explicitly.
    width, height = _size(prs)
    boxes = ((0.30, 0.22), (0.55, 0.30))  # (top, height) as shares of the slide
    for shape, (top, tall) in zip((title_shape, subtitle_shape), boxes, strict=True):
        shape.left, shape.width = Emu(int(width * 0.08)), Emu(int(width * 0.84))
        shape.top, shape.height = Emu(int(height * top)), Emu(int(height * tall))
    return slide


def _set_title(slide: Slide, text: str, *, prs: PresentationType) -> None:
    """Sets a content slide's title, placed across the top of a wide slide."""
    title = _title_shape(slide)
    title.text = text
    width, height = _size(prs)
    title.left, title.top = Emu(int(width * 0.06)), Emu(int(height * 0.05))
    title.width, title.height = Emu(int(width * 0.88)), Emu(int(height * 0.13))
    frame = title.text_frame
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(30)
            run.font.bold = True


def _add_bar_chart_slide(prs: PresentationType, spec: BarChartSpec) -> Slide:
    slide: Slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _set_title(slide, spec.title, prs=prs)
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    data.add_series(spec.series_name, spec.values, number_format=spec.number_format)
    width, height = _size(prs)
    left, top = int(width * 0.06), int(height * 0.22)
    # python-pptx's hints say add_chart returns a Chart; it returns the graphic frame.
    frame = cast(
        GraphicFrame,
        slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED,
            Emu(left),
            Emu(top),
            Emu(int(width * 0.88)),
            Emu(int(height * 0.62)),
            cast(ChartData, data),
        ),
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
        Emu(left),
        Emu(int(height * 0.86)),
        Emu(int(width * 0.88)),
        Emu(int(height * 0.1)),
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
        prs,
        title=f"Parathedsanalyse: {official_name(assessment.name)}",
        subtitle=subtitle,
    )
    _add_bar_chart_slide(prs, theme_scores_chart(assessment))
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
