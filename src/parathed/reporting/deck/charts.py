"""Native bar charts for the decks: python-pptx's chart part, formatted in its XML.

python-pptx writes the chart XML and the embedded workbook from ``CategoryChartData``;
the formatting (axes, number formats, labels, colours, legend, font sizes) is then
set directly on the chart's element tree in one pass, which gives the markup
python-pptx's chart objects would give, without a proxy per property.
"""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.package import Package
from pptx.parts.chart import ChartPart
from pptx.parts.embeddedpackage import EmbeddedXlsxPart
from pptx.parts.slide import SlidePart

from parathed.reporting.content import ChartSpec

SERIES_COLOURS = ("1F3A5F", "9DB4C0", "5B8DB8", "D9E4EC")
_NS = nsdecls("c", "a")


def _element(xml: str) -> Any:
    """One element parsed from ``xml`` (c: and a: prefixes declared)."""
    return parse_xml(f"<c:x {_NS}>{xml}</c:x>")[0]


def _number_format(code: str) -> str:
    quoted = code.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return f'<c:numFmt formatCode="{quoted}" sourceLinked="0"/>'


def _font(size: int, colour: str = "") -> str:
    fill = f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>' if colour else ""
    rpr = (
        f'<a:defRPr sz="{size * 100}">{fill}</a:defRPr>'
        if fill
        else f'<a:defRPr sz="{size * 100}"/>'
    )
    return f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>{rpr}</a:pPr></a:p></c:txPr>"


def _labels(number_format: str, position: str, font: str) -> str:
    return (
        f'<c:dLbls>{_number_format(number_format)}{font}<c:dLblPos val="{position}"/>'
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
        '<c:showLeaderLines val="1"/></c:dLbls>'
    )


def _float(value: float) -> str:
    return str(float(value))


def _find(parent: Any, *path: str) -> Any:
    """The element at ``path`` (prefixed tags) under ``parent``; python-pptx's chart
    XML always has it."""
    found = parent.find("/".join(qn(tag) for tag in path))
    if found is None:
        raise ValueError(f"chart XML without {'/'.join(path)}")
    return found


def format_chart(space: Any, spec: ChartSpec) -> None:
    """Formats the bar chart ``space`` (a ``c:chartSpace``) as the decks show it:
    no chart title (the slide says it), a legend at the bottom when there are several
    series, value axis from 0 (to ``axis_max``) under the bars with the spec's number
    format and gridlines, categories top-down without tick marks, narrow gaps, the
    series colours, value labels outside the bars (centred and, on the darkest
    segment, white when stacked), and font sizes for a slide.
    """
    chart = _find(space, "c:chart")
    _find(chart, "c:autoTitleDeleted").set("val", "1")
    plot_area = _find(chart, "c:plotArea")
    several = len(spec.series) > 1
    if several:
        legend = f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_font(12)}'
        plot_area.addnext(_element(legend + "</c:legend>"))
    size = 11 if len(spec.categories) > 6 else 13
    _find(space, "c:txPr", "a:p", "a:pPr", "a:defRPr").set("sz", str(size * 100))
    bars = _find(plot_area, "c:barChart")
    series = bars.findall(qn("c:ser"))
    for ser, colour in zip(series, SERIES_COLOURS, strict=False):
        fill = f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        _find(ser, "c:tx").addnext(_element(f"<c:spPr>{fill}</c:spPr>"))
    fmt = spec.number_format
    if spec.stacked and series:  # white labels on the darkest segment
        first = series[0]
        anchor = first.find(qn("c:spPr"))
        anchor = _find(first, "c:tx") if anchor is None else anchor
        anchor.addnext(_element(_labels(fmt, "ctr", _font(10, "FFFFFF"))))
    last = series[-1] if series else _find(bars, "c:grouping")
    position = "ctr" if spec.stacked else "outEnd"
    labels = _element(_labels(fmt, position, _font(10)))
    last.addnext(labels)
    labels.addnext(_element('<c:gapWidth val="60"/>'))
    if several and not spec.stacked:  # clustered bars side by side: no overlap
        for overlap in bars.findall(qn("c:overlap")):
            bars.remove(overlap)
    categories = _find(plot_area, "c:catAx")
    _find(categories, "c:scaling", "c:orientation").set("val", "maxMin")  # top-down
    _find(categories, "c:majorTickMark").set("val", "none")
    values = _find(plot_area, "c:valAx")
    scaling = _find(values, "c:scaling")
    if spec.axis_max is not None:
        scaling.append(_element(f'<c:max val="{_float(spec.axis_max)}"/>'))
    scaling.append(_element(f'<c:min val="{_float(0)}"/>'))
    _find(values, "c:majorGridlines").addnext(_element(_number_format(fmt)))
    # Reversed categories move the value axis to the top; crossing at the maximum
    # keeps the scale under the bars.
    _find(values, "c:crosses").set("val", "max")


class PartNames:
    """Hands out the next free part name per name template ("/ppt/charts/chart%d.xml")
    in one package. python-pptx's ``next_partname`` walks every part of the package
    for each name; a deck asks for two names per chart, so the names in use are
    read once and counted on from there."""

    def __init__(self, package: Package) -> None:
        self._used = {str(part.partname) for part in package.iter_parts()}
        self._next: dict[str, int] = {}

    def next(self, template: str) -> PackURI:
        """The lowest free name of ``template`` above those handed out already."""
        n = self._next.get(template, 1)
        while template % n in self._used:
            n += 1
        self._next[template] = n + 1
        return PackURI(template % n)


def add_chart(slide_part: SlidePart, spec: ChartSpec, names: PartNames) -> str:
    """Adds ``spec`` as a native, editable bar chart (its data in an embedded
    workbook) to the slide and returns the relationship id of the chart part."""
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for name, values in spec.series:
        data.add_series(name, values, number_format=spec.number_format)
    kind = XL_CHART_TYPE.BAR_STACKED if spec.stacked else XL_CHART_TYPE.BAR_CLUSTERED
    space = parse_xml(data.xml_bytes(kind))
    format_chart(space, spec)
    package = slide_part.package
    part = ChartPart(
        names.next(ChartPart.partname_template), CT.DML_CHART, package, space
    )
    part.chart_workbook.xlsx_part = EmbeddedXlsxPart(
        names.next(EmbeddedXlsxPart.partname_template),
        EmbeddedXlsxPart.content_type,
        package,
        data.xlsx_blob,
    )
    return str(slide_part.relate_to(part, RT.CHART))
