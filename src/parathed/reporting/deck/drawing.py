"""DrawingML shapes as XML text: text boxes, tables, chart frames, a slide's title.

python-pptx builds a shape through many small proxy objects (a run's font, a cell's
margins), each a search of the element tree. A deck has thousands of them, so the deck
writes each slide's shape tree here as one string and parses it once. The markup is
what python-pptx itself writes for the same calls (``tests/reporting/deck`` compares
the two): text split into paragraphs at "\\n" and into runs at "\\v" with line
breaks between, control characters escaped as "_xHHHH_", run properties on every run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pptx.oxml.ns import nsdecls

NSDECLS = nsdecls("a", "p", "r")
"""The namespaces a slide (``p:sld``) declares; fragments are parsed inside them."""

_CONTROL = re.compile(r"[\x00-\x08\x0B-\x1F]")
_BREAKS = re.compile("\n|\v")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # python-pptx's default
_GRAPHIC_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"
_GRAPHIC_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"

Box = tuple[int, int, int, int]
"""left, top, width, height in EMU."""


def text(value: str) -> str:
    """``value`` as element text: control characters as "_xHHHH_", markup escaped."""
    if _CONTROL.search(value):
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    return value.translate(_TEXT_ESCAPES)


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (whitespace kept as is)."""
    return value.translate(_ATTR_ESCAPES)


@dataclass(frozen=True, slots=True)
class Font:
    """Run properties set on every run of a paragraph (None: not set)."""

    size: int | None = None  # points
    bold: bool | None = None

    def rpr(self) -> str:
        """The ``a:rPr`` element, or "" when nothing is set."""
        attrs = ""
        if self.size is not None:
            attrs += f' sz="{self.size * 100}"'
        if self.bold is not None:
            attrs += f' b="{int(self.bold)}"'
        return f"<a:rPr{attrs}/>" if attrs else ""


def paragraph(line: str, font: Font, *, align: str = "", space_before: int = -1) -> str:
    """One ``a:p`` holding ``line`` (runs split at "\\n" and "\\v", line breaks
    between, no empty run). ``align`` is an ``algn`` value ("l", "r"), and
    ``space_before`` is in points; both only when given."""
    ppr = ""
    if align or space_before >= 0:
        spacing = (
            f'<a:spcBef><a:spcPts val="{space_before * 100}"/></a:spcBef>'
            if space_before >= 0
            else ""
        )
        algn = f' algn="{align}"' if align else ""
        ppr = f"<a:pPr{algn}>{spacing}</a:pPr>" if spacing else f"<a:pPr{algn}/>"
    rpr = font.rpr()
    parts = []
    for i, piece in enumerate(_BREAKS.split(line)):
        if i:
            parts.append("<a:br/>")
        if piece:
            parts.append(f"<a:r>{rpr}<a:t>{text(piece)}</a:t></a:r>")
    body = "".join(parts)
    return f"<a:p>{ppr}{body}</a:p>" if ppr or body else "<a:p/>"


def paragraphs(value: str, font: Font, *, align: str = "") -> str:
    """``value`` as a text frame's paragraphs: one ``a:p`` per "\\n"-separated line."""
    return "".join(paragraph(line, font, align=align) for line in value.split("\n"))


def text_box(shape_id: int, name: str, box: Box, body: str) -> str:
    """A word-wrapped text box (``p:sp``) holding the paragraphs ``body``."""
    x, y, cx, cy = box
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(name)}"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        '<p:txBody><a:bodyPr wrap="square"><a:spAutoFit/></a:bodyPr><a:lstStyle/>'
        f"{body}</p:txBody></p:sp>"
    )


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A slide's copy of a layout placeholder: its id, name and ``p:ph`` attributes."""

    shape_id: int
    name: str
    ph_attrs: str  # e.g. ' type="title"'
    has_text: bool  # the placeholder type carries a text frame

    def xml(self, box: Box, body: str, *, wrap: bool) -> str:
        """The placeholder ``p:sp`` moved to ``box`` and holding ``body``."""
        x, y, cx, cy = box
        text_body = (
            "<p:txBody>"
            + ('<a:bodyPr wrap="square"/>' if wrap else "<a:bodyPr/>")
            + f"<a:lstStyle/>{body}</p:txBody>"
            if self.has_text
            else ""
        )
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self.shape_id}" name="{attr(self.name)}"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph{self.ph_attrs}/></p:nvPr></p:nvSpPr>"
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>'
            f"</a:xfrm></p:spPr>{text_body}</p:sp>"
        )


def _frame(shape_id: int, name: str, box: Box, descr: str | None = None) -> str:
    x, y, cx, cy = box
    described = "" if descr is None else f' descr="{attr(descr)}"'
    return (
        "<p:graphicFrame><p:nvGraphicFramePr>"
        f'<p:cNvPr id="{shape_id}" name="{attr(name)}"{described}/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>'
        f'<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></p:xfrm><a:graphic>'
    )


def chart_frame(shape_id: int, name: str, box: Box, *, descr: str, rid: str) -> str:
    """The graphic frame (``p:graphicFrame``) showing the chart part related as
    ``rid``, with ``descr`` as its alt text."""
    return (
        _frame(shape_id, name, box, descr)
        + f'<a:graphicData uri="{_GRAPHIC_CHART}"><c:chart {nsdecls("c")} '
        f'r:id="{rid}"/></a:graphicData></a:graphic></p:graphicFrame>'
    )


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: its text and how it is set."""

    value: str
    font: Font
    align: str = ""


_CELL_TAIL = '</a:txBody><a:tcPr anchor="ctr" marT="{m}" marB="{m}"/></a:tc>'


def table_frame(
    shape_id: int,
    name: str,
    position: tuple[int, int],
    *,
    widths: Sequence[int],
    row_height: int,
    rows: Iterable[Sequence[Cell]],
    margin: int,
) -> str:
    """A table (``p:graphicFrame`` holding ``a:tbl``) in the default table style:
    column ``widths`` and ``row_height`` in EMU, cells word-wrapped, centred
    vertically, with ``margin`` EMU above and below."""
    tail = _CELL_TAIL.format(m=margin)
    body = []
    count = 0
    for row in rows:
        count += 1
        body.append(f'<a:tr h="{row_height}">')
        for cell in row:
            body.append(
                '<a:tc><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/>'
                + paragraphs(cell.value, cell.font, align=cell.align)
                + tail
            )
        body.append("</a:tr>")
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
    box = (position[0], position[1], sum(widths), row_height * count)
    return (
        _frame(shape_id, name, box) + f'<a:graphicData uri="{_GRAPHIC_TABLE}"><a:tbl>'
        f'<a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{TABLE_STYLE}'
        f"</a:tableStyleId></a:tblPr><a:tblGrid>{grid}</a:tblGrid>"
        + "".join(body)
        + "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )
