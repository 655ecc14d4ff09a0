"""The deck's slide rendering written through python-pptx's object layer: the oracle.

This is the renderer the decks used before their slides were written as XML text
(``reporting.deck.drawing``): every run, cell and chart property set through
python-pptx's proxies. ``test_rendering`` renders the same slide specs both ways and
compares the parts, so the faster writer is held to what python-pptx itself writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from pptx.chart.data import CategoryChartData, ChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_MARK,
)
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Pt

from parathed.reporting.content import (
    ChartSpec,
    SlideSpec,
    TableSpec,
    TextBlock,
    fmt,
)
from parathed.reporting.deck.layouts import TemplateError, title_only_layout
from parathed.reporting.deck.municipal import (
    BODY_BOTTOM,
    BODY_TOP,
    LEFT,
    RIGHT,
    SERIES_COLOURS,
)


def _box(
    prs: PresentationType, left: float, top: float, width: float, height: float
) -> tuple[Emu, Emu, Emu, Emu]:
    w, h = int(prs.slide_width or 0), int(prs.slide_height or 0)
    return (
        Emu(int(w * left)),
        Emu(int(h * top)),
        Emu(int(w * width)),
        Emu(int(h * height)),
    )


def _title_shape(slide: Slide) -> Shape:
    title = slide.shapes.title
    if title is None:
        raise TemplateError("skabelonens layout mangler en titelpladsholder")
    return title


def _content_slide(prs: PresentationType, title: str) -> Slide:
    slide: Slide = prs.slides.add_slide(title_only_layout(prs))
    shape = _title_shape(slide)
    shape.text = title
    shape.left, shape.top, shape.width, shape.height = _box(
        prs, LEFT, 0.04, RIGHT - LEFT, 0.12
    )
    shape.text_frame.word_wrap = True
    for paragraph in shape.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(28)
            run.font.bold = True
    for ph in list(slide.placeholders):
        if (ph.placeholder_format.idx != 0 and not ph.has_text_frame) or (
            ph.placeholder_format.idx != 0 and not ph.text
        ):
            ph._element.getparent().remove(ph._element)
    return slide


def _footnote(prs: PresentationType, slide: Slide, text: str) -> None:
    if not text:
        return
    note = slide.shapes.add_textbox(*_box(prs, LEFT, 0.86, RIGHT - LEFT, 0.1))
    note.name = "Fodnote"
    frame = note.text_frame
    frame.word_wrap = True
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(10)


def _chart(
    prs: PresentationType,
    slide: Slide,
    spec: ChartSpec,
    *,
    title: str,
    box: tuple[float, float, float, float],
) -> GraphicFrame:
    data = CategoryChartData(number_format=spec.number_format)  # type: ignore[no-untyped-call]
    data.categories = spec.categories
    for name, values in spec.series:
        data.add_series(name, values, number_format=spec.number_format)  # type: ignore[no-untyped-call]
    # python-pptx's hints say add_chart returns a Chart; it returns the graphic frame.
    frame = cast(
        GraphicFrame,
        slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_STACKED if spec.stacked else XL_CHART_TYPE.BAR_CLUSTERED,
            *_box(prs, *box),
            cast(ChartData, data),
        ),
    )
    frame.name = "Diagram: " + title
    # Alt text lives on the graphic frame's non-visual properties (descr).
    frame._element.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    chart = frame.chart
    chart.has_title = False  # the slide title says it
    chart.has_legend = len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    chart.font.size = Pt(11 if len(spec.categories) > 6 else 13)
    axis = chart.value_axis
    axis.minimum_scale = 0
    if spec.axis_max is not None:
        axis.maximum_scale = spec.axis_max
    axis.tick_labels.number_format = spec.number_format
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    categories = chart.category_axis
    categories.reverse_order = True  # first category on top, as read
    categories.major_tick_mark = XL_TICK_MARK.NONE
    # Reversing moves the value axis to the top; crossing the category axis at its
    # last category keeps the scale under the bars (python-pptx only sets this from
    # the other side, so the value axis element is set here).
    value_axis = axis._element
    value_axis._remove_crosses()
    value_axis._remove_crossesAt()
    value_axis._add_crosses(val=XL_AXIS_CROSSES.MAXIMUM)
    plot = chart.plots[0]
    plot.gap_width = 60
    if len(spec.series) > 1:
        plot.overlap = 100 if spec.stacked else 0
    for series, colour in zip(plot.series, SERIES_COLOURS, strict=False):
        fill = series.format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(colour)
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = spec.number_format
    labels.number_format_is_linked = False
    labels.position = (
        XL_LABEL_POSITION.CENTER if spec.stacked else XL_LABEL_POSITION.OUTSIDE_END
    )
    labels.font.size = Pt(10)
    if spec.stacked:  # the darkest segment gets white labels to stay readable
        dark = plot.series[0].data_labels
        dark.number_format = spec.number_format
        dark.number_format_is_linked = False
        dark.position = XL_LABEL_POSITION.CENTER
        dark.show_value = True
        dark.font.size = Pt(10)
        dark.font.color.rgb = _rgb("FFFFFF")
    return frame


def _rgb(hex_colour: str) -> object:
    return RGBColor.from_string(hex_colour)  # type: ignore[no-untyped-call]


def _cell_text(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt(value)
    return str(value)


def _table(
    prs: PresentationType,
    slide: Slide,
    spec: TableSpec,
    *,
    box: tuple[float, float, float, float],
    size: int = 12,
) -> None:
    columns = [i for i, w in enumerate(spec.widths) if w > 0]
    left, top, width, _ = _box(prs, *box)
    row_height = Emu(int(Pt(size) * 2.4))
    shape = slide.shapes.add_table(
        len(spec.rows) + 1,
        len(columns),
        left,
        top,
        width,
        Emu(row_height * (len(spec.rows) + 1)),
    )
    shape.name = "Tabel"
    table = shape.table
    total = sum(spec.widths[i] for i in columns)
    for position, column in enumerate(columns):
        table.columns[position].width = Emu(int(width * spec.widths[column] / total))
    for row in range(len(spec.rows) + 1):
        table.rows[row].height = row_height
    for position, column in enumerate(columns):
        _set_cell(table.cell(0, position), spec.header[column], size=size, bold=True)
        for row, values in enumerate(spec.rows, start=1):
            value = values[column]
            _set_cell(
                table.cell(row, position),
                _cell_text(value),
                size=size,
                right=isinstance(value, float | int),
            )


def _set_cell(
    cell: object, text: str, *, size: int, bold: bool = False, right: bool = False
) -> None:
    frame = cell.text_frame  # type: ignore[attr-defined]
    frame.word_wrap = True
    frame.text = text
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE  # type: ignore[attr-defined]
    cell.margin_top = cell.margin_bottom = Emu(int(Pt(2)))  # type: ignore[attr-defined]
    for paragraph in frame.paragraphs:
        if right:
            paragraph.alignment = PP_ALIGN.RIGHT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold


def _text(
    prs: PresentationType,
    slide: Slide,
    blocks: Sequence[TextBlock],
    *,
    box: tuple[float, float, float, float],
    size: int = 14,
) -> None:
    shape = slide.shapes.add_textbox(*_box(prs, *box))
    shape.name = "Tekst"
    frame = shape.text_frame
    frame.word_wrap = True
    first = True
    for block in blocks:
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        paragraph.text = block.heading
        paragraph.space_before = Pt(0 if paragraph is frame.paragraphs[0] else 10)
        for run in paragraph.runs:
            run.font.bold = True
            run.font.size = Pt(size + 2)
        for line in block.lines:
            item = frame.add_paragraph()
            item.text = line
            item.space_before = Pt(3)
            for run in item.runs:
                run.font.size = Pt(size)


def reference_render_slide(prs: PresentationType, spec: SlideSpec) -> Slide:
    """``render_slide`` as python-pptx's object layer writes it (the oracle)."""
    slide = _content_slide(prs, spec.title)
    body = BODY_BOTTOM - BODY_TOP
    if spec.chart is not None and spec.chart.categories:
        chart_width = 0.6 if spec.text else RIGHT - LEFT
        _chart(
            prs,
            slide,
            spec.chart,
            title=spec.title,
            box=(LEFT, BODY_TOP, chart_width, body),
        )
        if spec.text:
            _text(
                prs, slide, spec.text, box=(LEFT + 0.62, BODY_TOP, 0.28, body), size=13
            )
        _footnote(prs, slide, _join(spec.chart.footnote, spec.footnote))
    elif spec.table is not None:
        size = 12 if len(spec.table.rows) <= 8 else 11
        height = (len(spec.table.rows) + 1) * size * 2.4 / 540  # share of 7.5 in
        _table(
            prs, slide, spec.table, box=(LEFT, BODY_TOP, RIGHT - LEFT, body), size=size
        )
        if spec.text:
            _text(
                prs,
                slide,
                spec.text,
                box=(
                    LEFT,
                    BODY_TOP + height + 0.04,
                    RIGHT - LEFT,
                    body - height - 0.04,
                ),
                size=13,
            )
        _footnote(prs, slide, _join(spec.table.footnote, spec.footnote))
    else:
        blocks = spec.text
        if spec.chart is not None:  # a chart without categories: nothing to plot
            blocks = (*blocks, TextBlock("Diagram", ("Ingen resultater at vise.",)))
        _text(prs, slide, blocks, box=(LEFT, BODY_TOP, RIGHT - LEFT, body), size=14)
        _footnote(prs, slide, spec.footnote)
    return slide


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)
