"""The municipal readiness deck: an assessment in, a .pptx file's bytes out.

Slides use the layouts of the template deck (our shipped default when none is given),
found by name and placeholder type, so a consultancy's own master carries through.
Every shape is placed in shares of the slide size, so 16:9 and 4:3 masters both work.
Charts are native and editable, with explicit number formats, a footnote and alt
text. The slides' content comes from ``reporting.content``; nothing is scored here.
"""

from __future__ import annotations

import io
import itertools
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.slide import CT_Slide
from pptx.parts.slide import SlideLayoutPart, SlidePart
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.autoshape import Shape
from pptx.shapes.shapetree import SlideShapes
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Pt

from parathed.analysis.assessment import MunicipalityAssessment, RoundAssessment
from parathed.analysis.evidence import FigureEvidence
from parathed.analysis.keyfigures.benchmarks import Benchmark
from parathed.instrument.loader import load_published
from parathed.instrument.schema import Instrument
from parathed.reference.municipalities import official_name
from parathed.reporting.content import (
    ChartSpec,
    ReportInput,
    SlideSpec,
    TableSpec,
    TextBlock,
    fmt,
    municipal_slides,
)
from parathed.reporting.deck.charts import SERIES_COLOURS, PartNames, add_chart
from parathed.reporting.deck.drawing import (
    NSDECLS,
    Box,
    Cell,
    Font,
    Placeholder,
    attr,
    chart_frame,
    paragraph,
    paragraphs,
    table_frame,
    text_box,
)
from parathed.reporting.deck.layouts import (
    TemplateError,
    title_layout,
    title_only_layout,
)

DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / (
    "templates/parathed-default.pptx"
)
SYNTHETIC_NOTE = "Syntetiske demodata – ikke en rigtig kommunes resultater."
BODY_TOP, BODY_BOTTOM = 0.18, 0.85
LEFT, RIGHT = 0.05, 0.95
MAX_SLIDE_ID = 2147483647

__all__ = [
    "DEFAULT_TEMPLATE",
    "SERIES_COLOURS",
    "SYNTHETIC_NOTE",
    "TemplateError",
    "add_title_slide",
    "build_deck",
    "clear_template_slides",
    "render_slide",
]


@dataclass(slots=True)
class _Canvas:
    """What every slide of one presentation reuses: its size, the content layout
    and the title placeholder a slide copies from it (found on the first slide)."""

    width: int
    height: int
    layout: weakref.ref[SlideLayoutPart] | None = None
    title: Placeholder | None = None
    part_names: PartNames | None = None


# Keyed by the presentation's part; the values refer to nothing of the deck
# strongly, so a finished deck is freed with its canvas.
_CANVASES: weakref.WeakKeyDictionary[object, _Canvas] = weakref.WeakKeyDictionary()


def _canvas(prs: PresentationType) -> _Canvas:
    canvas = _CANVASES.get(prs.part)
    if canvas is None:
        canvas = _Canvas(*_size(prs))
        _CANVASES[prs.part] = canvas
    return canvas


def _size(prs: PresentationType) -> tuple[int, int]:
    """Returns the slide width and height in EMU."""
    width, height = prs.slide_width, prs.slide_height
    if width is None or height is None:
        raise TemplateError("skabelonen angiver ikke diasstørrelsen")
    return int(width), int(height)


def _emu(canvas: _Canvas, left: float, top: float, width: float, height: float) -> Box:
    w, h = canvas.width, canvas.height
    return int(w * left), int(h * top), int(w * width), int(h * height)


def _box(
    prs: PresentationType, left: float, top: float, width: float, height: float
) -> tuple[Emu, Emu, Emu, Emu]:
    x, y, cx, cy = _emu(_canvas(prs), left, top, width, height)
    return Emu(x), Emu(y), Emu(cx), Emu(cy)


def _title_shape(slide: Slide) -> Shape:
    title = slide.shapes.title
    if title is None:
        raise TemplateError("skabelonens layout mangler en titelpladsholder")
    return title


def clear_template_slides(prs: PresentationType) -> None:
    """Drops slides the template itself carries; the deck starts empty."""
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def add_title_slide(prs: PresentationType, *, title: str, subtitle: str) -> Slide:
    """Adds the title slide from the template's title layout."""
    slide: Slide = prs.slides.add_slide(title_layout(prs))
    title_shape = _title_shape(slide)
    title_shape.text = title
    title_shape.left, title_shape.top, title_shape.width, title_shape.height = _box(
        prs, 0.08, 0.22, 0.84, 0.22
    )
    others = [p for p in slide.placeholders if p.placeholder_format.idx != 0]
    if others:
        subtitle_shape = others[0]
        subtitle_shape.text = subtitle
    else:
        subtitle_shape = slide.shapes.add_textbox(*_box(prs, 0.08, 0.5, 0.84, 0.3))
        subtitle_shape.text_frame.text = subtitle
        subtitle_shape.text_frame.word_wrap = True
    subtitle_shape.name = "Undertitel"
    box = _box(prs, 0.08, 0.5, 0.84, 0.32)
    subtitle_shape.left, subtitle_shape.top = box[0], box[1]
    subtitle_shape.width, subtitle_shape.height = box[2], box[3]
    for line in subtitle_shape.text_frame.paragraphs:
        for run in line.runs:
            run.font.size = Pt(20)
    for ph in list(slide.placeholders):
        if ph.placeholder_format.idx != 0 and ph is not subtitle_shape and not ph.text:
            ph._element.getparent().remove(ph._element)
    return slide


def _title_placeholder(layout: SlideLayout) -> Placeholder:
    """The title a content slide gets from ``layout``: python-pptx's copy of the
    layout's placeholders (title, body, ...), of which the deck keeps the title
    (idx 0) and drops the others, as it never fills them."""
    scratch = CT_Slide.new()
    shapes = SlideShapes(scratch.cSld.spTree, cast(Any, None))
    shapes.clone_layout_placeholders(layout)
    for sp in scratch.cSld.spTree.iter_ph_elms():
        ph = sp.ph
        if ph is not None and sp.ph_idx == 0:
            return Placeholder(
                shape_id=sp.shape_id,
                name=sp.shape_name,
                ph_attrs="".join(f' {k}="{attr(v)}"' for k, v in ph.attrib.items()),
                has_text=sp.find(qn("p:txBody")) is not None,
            )
    raise TemplateError("skabelonens layout mangler en titelpladsholder")


def _content_slide(
    prs: PresentationType, canvas: _Canvas
) -> tuple[SlidePart, Placeholder]:
    """Adds an empty slide on the content layout (title only); returns its part and
    the title placeholder to put on it."""
    layout_part = canvas.layout() if canvas.layout is not None else None
    title = canvas.title
    if layout_part is None or title is None:
        layout = title_only_layout(prs)
        title = canvas.title = _title_placeholder(layout)
        layout_part = layout.part
        canvas.layout = weakref.ref(layout_part)
    presentation = prs.part
    slide_part = SlidePart.new(
        presentation._next_slide_partname, presentation.package, layout_part
    )
    _add_slide_id(prs, presentation.relate_to(slide_part, RT.SLIDE))
    return cast(SlidePart, slide_part), title


def _add_slide_id(prs: PresentationType, rid: str) -> None:
    """Lists the slide related as ``rid`` last, with the next slide id (python-pptx's
    ``add_sldId`` without its XPath query per slide)."""
    id_list = prs.slides._sldIdLst
    used = [int(i) for entry in id_list if (i := entry.get("id", "")).isdigit()]
    next_id = max([255, *used]) + 1
    if next_id > MAX_SLIDE_ID:  # python-pptx reuses a free id below
        id_list.add_sldId(rid)
        return
    id_list.append(
        id_list.makeelement(qn("p:sldId"), {"id": str(next_id), qn("r:id"): rid})
    )


def _title(placeholder: Placeholder, canvas: _Canvas, title: str) -> str:
    if not placeholder.has_text:
        raise TemplateError("skabelonens titelpladsholder kan ikke rumme tekst")
    return placeholder.xml(
        _emu(canvas, LEFT, 0.04, RIGHT - LEFT, 0.12),
        paragraphs(title, Font(28, bold=True), align="l"),
        wrap=True,
    )


def _footnote(canvas: _Canvas, shape_id: int, text: str) -> str:
    return text_box(
        shape_id,
        "Fodnote",
        _emu(canvas, LEFT, 0.86, RIGHT - LEFT, 0.1),
        paragraphs(text, Font(10)),
    )


def _chart(
    canvas: _Canvas,
    slide_part: SlidePart,
    shape_id: int,
    spec: ChartSpec,
    *,
    title: str,
    box: tuple[float, float, float, float],
) -> str:
    if canvas.part_names is None:
        canvas.part_names = PartNames(slide_part.package)
    rid = add_chart(slide_part, spec, canvas.part_names)
    return chart_frame(
        shape_id,
        "Diagram: " + title,
        _emu(canvas, *box),
        descr=spec.alt_text,  # alt text, on the frame's non-visual properties
        rid=rid,
    )


def _cell_text(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt(value)
    return str(value)


def _table(
    canvas: _Canvas,
    shape_id: int,
    spec: TableSpec,
    *,
    box: tuple[float, float, float, float],
    size: int = 12,
) -> str:
    columns = [i for i, w in enumerate(spec.widths) if w > 0]
    left, top, width, _ = _emu(canvas, *box)
    total = sum(spec.widths[i] for i in columns)
    header = Font(size, bold=True)
    plain = Font(size, bold=False)
    rows = [[Cell(spec.header[column], header) for column in columns]]
    for values in spec.rows:
        cells = []
        for column in columns:
            value = values[column]
            right = isinstance(value, float | int)
            cells.append(Cell(_cell_text(value), plain, "r" if right else ""))
        rows.append(cells)
    return table_frame(
        shape_id,
        "Tabel",
        (left, top),
        widths=[int(width * spec.widths[c] / total) for c in columns],
        row_height=int(Pt(size) * 2.4),
        rows=rows,
        margin=int(Pt(2)),
    )


def _text(
    canvas: _Canvas,
    shape_id: int,
    blocks: Sequence[TextBlock],
    *,
    box: tuple[float, float, float, float],
    size: int = 14,
) -> str:
    heading = Font(size + 2, bold=True)
    line = Font(size)
    body = "".join(
        paragraph(block.heading, heading, space_before=10)
        + "".join(paragraph(item, line, space_before=3) for item in block.lines)
        for block in blocks
    )
    return text_box(shape_id, "Tekst", _emu(canvas, *box), body or "<a:p/>")


def render_slide(prs: PresentationType, spec: SlideSpec) -> Slide:
    """Adds one content slide: title, then chart (+ side text), table (+ text) or text,
    and the footnote.
    """
    canvas = _canvas(prs)
    slide_part, title = _content_slide(prs, canvas)
    shapes = [_title(title, canvas, spec.title)]
    ids = itertools.count(title.shape_id + 1)
    body = BODY_BOTTOM - BODY_TOP
    if spec.chart is not None and spec.chart.categories:
        chart_width = 0.6 if spec.text else RIGHT - LEFT
        shapes.append(
            _chart(
                canvas,
                slide_part,
                next(ids),
                spec.chart,
                title=spec.title,
                box=(LEFT, BODY_TOP, chart_width, body),
            )
        )
        if spec.text:
            side = (LEFT + 0.62, BODY_TOP, 0.28, body)
            shapes.append(_text(canvas, next(ids), spec.text, box=side, size=13))
        note = _join(spec.chart.footnote, spec.footnote)
    elif spec.table is not None:
        size = 12 if len(spec.table.rows) <= 8 else 11
        height = (len(spec.table.rows) + 1) * size * 2.4 / 540  # share of 7.5 in
        box = (LEFT, BODY_TOP, RIGHT - LEFT, body)
        shapes.append(_table(canvas, next(ids), spec.table, box=box, size=size))
        if spec.text:
            below = (
                LEFT,
                BODY_TOP + height + 0.04,
                RIGHT - LEFT,
                body - height - 0.04,
            )
            shapes.append(_text(canvas, next(ids), spec.text, box=below, size=13))
        note = _join(spec.table.footnote, spec.footnote)
    else:
        blocks = spec.text
        if spec.chart is not None:  # a chart without categories: nothing to plot
            blocks = (*blocks, TextBlock("Diagram", ("Ingen resultater at vise.",)))
        box = (LEFT, BODY_TOP, RIGHT - LEFT, body)
        shapes.append(_text(canvas, next(ids), blocks, box=box, size=14))
        note = spec.footnote
    if note:
        shapes.append(_footnote(canvas, next(ids), note))
    tree = slide_part._element.cSld.spTree
    tree.extend(parse_xml(f"<p:spTree {NSDECLS}>{''.join(shapes)}</p:spTree>"))
    return cast(Slide, slide_part.slide)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def build_deck(
    assessment: MunicipalityAssessment,
    *,
    round_assessment: RoundAssessment,
    template: Path | None = None,
    synthetic: bool = False,
    instrument: Instrument | None = None,
    benchmarks: Sequence[Benchmark] = (),
    figures: Sequence[FigureEvidence] = (),
) -> bytes:
    """Returns the .pptx bytes of one municipality's readiness deck.

    ``template`` is a .pptx whose layouts are used (default: the shipped
    ``parathed-default.pptx``); its own slides are dropped. ``instrument`` gives
    texts and law references (default: the published version of the round).
    ``benchmarks`` and ``figures`` give the key figures with their sources and
    validation status (default: those the assessment carries). ``synthetic`` marks
    the deck as demo data on its title slide.
    """
    if instrument is None:
        instrument = load_published(round_assessment.instrument_version)
    prs = Presentation(str(template or DEFAULT_TEMPLATE))
    clear_template_slides(prs)
    subtitle = (
        f"{round_assessment.partnership_name} · {round_assessment.round_name}\n"
        f"Instrument version {round_assessment.instrument_version}"
    )
    if synthetic:
        subtitle += "\n" + SYNTHETIC_NOTE
    add_title_slide(
        prs,
        title=f"Parathedsanalyse: {official_name(assessment.name)}",
        subtitle=subtitle,
    )
    data = ReportInput(
        assessment=assessment,
        round_assessment=round_assessment,
        instrument=instrument,
        benchmarks=tuple(benchmarks or assessment.key_figures),
        figures=tuple(figures or assessment.figures),
    )
    for spec in municipal_slides(data):
        render_slide(prs, spec)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
