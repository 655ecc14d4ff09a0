"""Slides written as XML text are the slides python-pptx's object layer writes.

Each case renders the same slide specs twice into the same template: with the deck's
``render_slide`` and with ``proxy_reference`` (every property set through
python-pptx's proxies, as the deck did before). Every XML part of the two files must
be the same document (canonical XML: attribute order and namespace declarations
aside), and every embedded chart workbook must hold the same cells.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest
from lxml import etree  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from parathed.reporting.content import (
    ChartSpec,
    ReportInput,
    SlideSpec,
    TableSpec,
    TextBlock,
    municipal_slides,
)
from parathed.reporting.deck.municipal import (
    DEFAULT_TEMPLATE,
    add_title_slide,
    clear_template_slides,
    render_slide,
)
from parathed.reporting.partnership_content import partnership_slides
from tests.reporting.deck.proxy_reference import reference_render_slide
from tests.reporting.demo_round import demo_report

Render = Callable[[PresentationType, SlideSpec], Slide]


def _deck(template: Path, slides: Sequence[SlideSpec], render: Render) -> bytes:
    prs = Presentation(str(template))
    clear_template_slides(prs)
    add_title_slide(prs, title="Titel", subtitle="Undertitel\nAnden linje")
    for spec in slides:
        render(prs, spec)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _canonical(xml: bytes) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(xml, parser)
    return bytes(etree.tostring(root, method="c14n"))


def _cells(xlsx: bytes) -> list[list[tuple[object, str]]]:
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    cells = [
        [(cell.value, cell.number_format) for cell in row]
        for sheet in book.worksheets
        for row in sheet.iter_rows()
    ]
    book.close()
    return cells


def _assert_same_package(fast: bytes, reference: bytes) -> None:
    with (
        zipfile.ZipFile(io.BytesIO(fast)) as ours,
        zipfile.ZipFile(io.BytesIO(reference)) as theirs,
    ):
        assert sorted(ours.namelist()) == sorted(theirs.namelist())
        for name in theirs.namelist():
            a, b = ours.read(name), theirs.read(name)
            if name.endswith((".xml", ".rels")):
                assert _canonical(a) == _canonical(b), name
            elif name.endswith(".xlsx"):
                assert _cells(a) == _cells(b), name
            else:
                assert a == b, name


def _assert_renders_alike(template: Path, slides: Sequence[SlideSpec]) -> None:
    fast = _deck(template, slides, render_slide)
    reference = _deck(template, slides, reference_render_slide)
    _assert_same_package(fast, reference)
    assert len(Presentation(io.BytesIO(fast)).slides) == len(slides) + 1


def _chart(**changes: object) -> ChartSpec:
    spec = ChartSpec(
        categories=("Første & <bedste>", 'Anden "citeret"', "Tredje"),
        codes=("A", "B", "C"),
        series=(("Kommunen", (12.5, None, 80.0)),),
        number_format="0.0",
        footnote="n = 12.",
        alt_text='Søjlediagram: "A" & B\nanden linje',
    )
    fields = {name: getattr(spec, name) for name in spec.__slots__}
    fields.update(changes)
    return ChartSpec(**fields)


BLOCKS = (
    TextBlock("Overskrift\vmed blødt linjeskift", ("Linje 1", "", "Tab\there")),
    TextBlock("", ("Kontroltegn \x07 og \x1b & <tag>",)),
)
SERIES4 = tuple((f"Serie {i}", (float(i), 2.0 * i, None)) for i in range(1, 6))
EDGE_SLIDES = (
    SlideSpec("Enkelt søjlediagram", "Del", chart=_chart(), footnote="Kilde."),
    SlideSpec("Uden akseloft", "Del", chart=_chart(axis_max=None), text=BLOCKS),
    SlideSpec(
        "Grupperet, fem serier",
        "Del",
        chart=_chart(series=SERIES4, categories=tuple("ABCDEFG"[:3])),
    ),
    SlideSpec(
        "Stablet, mange kategorier",
        "Del",
        chart=_chart(
            categories=tuple(f"Kategori {i}" for i in range(8)),
            codes=tuple(str(i) for i in range(8)),
            series=(
                ("Lav", tuple(float(i) for i in range(8))),
                ("Høj", tuple(None if i % 3 else 1.0 for i in range(8))),
            ),
            number_format='0;-0;""',
            stacked=True,
            axis_max=None,
        ),
    ),
    SlideSpec("Stablet, én serie", "Del", chart=_chart(stacked=True)),
    SlideSpec("Diagram uden kategorier", "Del", chart=_chart(categories=())),
    SlideSpec(
        "Tabel\nmed to linjer i titlen",
        "Del",
        table=TableSpec(
            header=("Kode", "Skjult", "Tekst", "Tal", "Heltal", "Sand"),
            rows=(
                ("x1", "væk", "Linje\nto & tre", 1.25, 7, True),
                ("", "væk", "", None, -3, False),
            ),
            widths=(0.1, 0, 0.4, 0.2, 0.2, 0.1),
            footnote="Tabelnote.",
        ),
        text=BLOCKS,
        footnote="Slidenote.",
    ),
    SlideSpec(
        "Lang tabel",
        "Del",
        table=TableSpec(
            header=("A", "B"),
            rows=tuple((f"r{i}", float(i) / 3) for i in range(12)),
            widths=(1.0, 1.0),
        ),
    ),
    SlideSpec("Kun tekst", "Del", text=BLOCKS, footnote="Første\nAnden"),
    SlideSpec("Tom", "Del"),
)


def test_edge_cases_render_as_python_pptx_writes_them() -> None:
    """Escaping, line breaks, control characters, empty and hidden cells, numbers,
    booleans, stacked and clustered charts (one to five series, with and without
    an axis maximum, without categories), text-only and empty slides."""
    _assert_renders_alike(DEFAULT_TEMPLATE, EDGE_SLIDES)


def test_demo_municipal_deck_renders_as_python_pptx_writes_it() -> None:
    """Every slide of a demo municipality's deck (key figures, withheld leaders)."""
    demo = demo_report()
    data = ReportInput(
        assessment=demo.assessment.municipalities[0],
        round_assessment=demo.assessment,
        instrument=demo.instrument,
        benchmarks=demo.benchmarks,
        figures=demo.figures,
    )
    _assert_renders_alike(DEFAULT_TEMPLATE, municipal_slides(data))


def test_demo_partnership_deck_renders_as_python_pptx_writes_it() -> None:
    """Every slide of the demo partnership deck (stacked chart with a legend)."""
    demo = demo_report()
    slides = partnership_slides(demo.assessment, instrument=demo.instrument)
    _assert_renders_alike(DEFAULT_TEMPLATE, slides)


def _fallback_template(path: Path) -> Path:
    """A 4:3 template without a title-only layout, layouts in reverse order: content
    slides fall back to a layout whose other placeholders the deck drops."""
    prs = Presentation()
    master = prs.slide_masters[0]
    names = [layout.name for layout in master.slide_layouts]
    id_list = master._element.get_or_add_sldLayoutIdLst()
    entries = list(id_list)
    for entry in entries:
        id_list.remove(entry)
    kept = [
        entry
        for entry, name in zip(entries, names, strict=True)
        if name not in ("Title Only", "Blank")
    ]
    for entry in reversed(kept):
        id_list.append(entry)
    slide = prs.slides.add_slide(prs.slide_layouts[0])  # a leftover sample slide
    slide.shapes.add_textbox(0, 0, 100, 100).text_frame.text = "Skabelonens eksempel"
    prs.save(str(path))
    return path


@pytest.mark.parametrize("slides", [EDGE_SLIDES[:3], EDGE_SLIDES[6:9]])
def test_a_template_without_a_title_only_layout_renders_alike(
    tmp_path: Path, slides: Sequence[SlideSpec]
) -> None:
    """On a layout with more placeholders than a title the same shapes (ids, names,
    kept title) come out."""
    template = _fallback_template(tmp_path / "skabelon.pptx")
    _assert_renders_alike(template, slides)
    deck = Presentation(io.BytesIO(_deck(template, slides, render_slide)))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    for slide in list(deck.slides)[1:]:
        assert [ph.placeholder_format.idx for ph in slide.placeholders] == [0]
