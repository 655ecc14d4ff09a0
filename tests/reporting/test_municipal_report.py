"""The full municipal deck and Excel appendix on a realistic demo round, read back.

Charts hold exactly the analysis output; nothing withheld is anywhere in the
package (XML parts and embedded workbooks) or in the appendix; every chart has a
footnote, alt text and explicit number formats; shapes stay on the slide and apart;
a second, differently styled template is used through its own layouts.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.dml.color import RGBColor
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide
from pptx.util import Pt

from parathed.analysis.assessment import (
    GROUP_ALL,
    MunicipalityAssessment,
)
from parathed.reporting.content import STATUS_DA, ReportInput, fmt, municipal_slides
from parathed.reporting.deck.municipal import build_deck
from parathed.reporting.excel import build_workbook
from parathed.reporting.pdf import convert_to_pdf
from tests.reporting.demo_round import DemoReport, demo_report


@pytest.fixture(scope="module")
def demo() -> DemoReport:
    """The demo round with its withheld leadership in the first municipality."""
    return demo_report()


@pytest.fixture(scope="module")
def municipality(demo: DemoReport) -> MunicipalityAssessment:
    """The municipality with three leaders (below the threshold of five)."""
    return demo.assessment.municipalities[0]


def _build(demo: DemoReport, m: MunicipalityAssessment, **kwargs: Any) -> bytes:
    return build_deck(
        m,
        round_assessment=demo.assessment,
        instrument=demo.instrument,
        benchmarks=demo.benchmarks,
        figures=demo.figures,
        **kwargs,
    )


@pytest.fixture(scope="module")
def deck_bytes(demo: DemoReport, municipality: MunicipalityAssessment) -> bytes:
    """The municipal deck from the shipped default template."""
    return _build(demo, municipality, synthetic=True)


@pytest.fixture(scope="module")
def deck(deck_bytes: bytes) -> PresentationType:
    """The deck read back."""
    return Presentation(io.BytesIO(deck_bytes))


def _title(slide: Slide) -> str:
    title = slide.shapes.title
    assert title is not None
    return str(title.text_frame.text)


def _slide(deck: PresentationType, title: str) -> Slide:
    found = [s for s in deck.slides if _title(s) == title]
    assert len(found) == 1, title
    slide: Slide = found[0]
    return slide


def _charts(slide: Slide) -> list[Chart]:
    return [cast(Any, s).chart for s in slide.shapes if getattr(s, "has_chart", False)]


def test_slide_list(deck: PresentationType, demo: DemoReport) -> None:
    """Title, method, overview, scores, three per theme, needs, focus, appendix."""
    titles = [_title(s) for s in deck.slides]
    per_theme = [
        f"{t.title}: {part}"
        for t in demo.instrument.themes
        for part in ("spørgeskema", "sager og interview", "nøgletal og lovkrav")
    ]
    assert titles == [
        "Parathedsanalyse: Københavns Kommune",
        "Sådan er analysen lavet",
        "Parathed på de seks temaer",
        "Parathed pr. tema (spørgeskema)",
        *per_theme,
        "Største gab og udviklingsbehov",
        "Anbefalede fokusområder til designplanen",
        "Bilag: metode",
        "Bilag: lovhenvisninger",
    ]


def test_chart_values_equal_the_analysis(
    deck: PresentationType, demo: DemoReport, municipality: MunicipalityAssessment
) -> None:
    """Every chart's series are the assessment's numbers, None where withheld."""
    m = municipality
    partnership = demo.assessment.partnership
    assert partnership is not None
    (scores,) = _charts(_slide(deck, "Parathed pr. tema (spørgeskema)"))
    assert tuple(scores.series[0].values) == tuple(t.score for t in m.survey.themes)
    checked = 0
    for theme in demo.instrument.themes:
        (chart,) = _charts(_slide(deck, f"{theme.title}: spørgeskema"))
        items = [i for i in m.survey.items if i.theme_code == theme.code]
        pooled = {i.item_id: i for i in partnership.items}
        assert tuple(chart.series[0].values) == tuple(
            i.group(GROUP_ALL).score for i in items
        )
        assert tuple(chart.series[1].values) == tuple(
            pooled[i.item_id].group(GROUP_ALL).score for i in items
        )
        practice = _charts(_slide(deck, f"{theme.title}: sager og interview"))
        assert m.cases is not None
        checks = [c for c in m.cases.checks if c.theme_code == theme.code]
        if practice:
            values = tuple(practice[0].series[0].values)
            assert values == tuple(c.compliance for c in checks)
            checked += 1
        else:
            assert all(c.compliance is None for c in checks)
    assert checked >= 3
    (needs,) = _charts(_slide(deck, "Største gab og udviklingsbehov"))
    assert tuple(needs.series[0].values) == tuple(n.gap for n in m.needs)


def test_overview_table_holds_every_theme_level_and_agreement(
    deck: PresentationType, municipality: MunicipalityAssessment
) -> None:
    """The overview slide's table: one row per theme with level and current practice."""
    slide = _slide(deck, "Parathed på de seks temaer")
    (shape,) = [s for s in slide.shapes if s.has_table]
    rows = [[c.text for c in row.cells] for row in cast(Any, shape).table.rows]
    assert len(rows) == 1 + len(municipality.readiness)
    for row, theme in zip(rows[1:], municipality.readiness, strict=True):
        assert row[0] == theme.theme_title
        assert row[2] == fmt(theme.current)


def test_key_figures_show_benchmarks_source_and_validation(
    deck: PresentationType, demo: DemoReport, municipality: MunicipalityAssessment
) -> None:
    """Each theme's key-figure table: the municipality's value, benchmarks, status."""
    theme = demo.instrument.themes[0]
    slide = _slide(deck, f"{theme.title}: nøgletal og lovkrav")
    (shape,) = [s for s in slide.shapes if s.has_table]
    rows = [[c.text for c in row.cells] for row in cast(Any, shape).table.rows]
    benchmarks = [
        b
        for b in demo.benchmarks
        if b.municipality_code == municipality.code
        and b.indicator_id.startswith("KF-ES")
    ]
    assert len(rows) == 1 + len(benchmarks)
    for row, bench in zip(rows[1:], benchmarks, strict=True):
        assert row[1] == fmt(bench.value)
        assert row[2] == fmt(bench.positions[0].reference)
        assert row[-1] in set(STATUS_DA.values())
    texts = " ".join(
        cast(Any, s).text_frame.text for s in slide.shapes if s.has_text_frame
    )
    assert "Kilde: Syntetiske demodata efter Danmarks Statistik" in texts
    assert "Lovkrav i spil" in texts
    assert "§ 136" in texts


def test_every_chart_has_footnote_alt_text_and_explicit_formats(
    deck: PresentationType,
) -> None:
    """n, source and law in the footnote; descr on the frame; formats not linked."""
    charts = 0
    for slide in deck.slides:
        frames = [s for s in slide.shapes if getattr(s, "has_chart", False)]
        if not frames:
            continue
        notes = [s.text_frame.text for s in slide.shapes if s.name == "Fodnote"]
        assert len(notes) == 1, _title(slide)
        assert "n = " in notes[0]
        assert "Kilde" in notes[0]
        assert "Lovgrundlag" in notes[0]
        if ": spørgeskema" in _title(slide) or "sager og interview" in _title(slide):
            assert "Lovgrundlag: §" in notes[0]
        for frame in frames:
            charts += 1
            descr = frame._element.nvGraphicFramePr.cNvPr.get("descr")
            assert descr is not None
            assert descr.startswith("Søjlediagram")
            chart = cast(Any, frame).chart
            labels = chart.plots[0].data_labels
            assert labels.number_format_is_linked is False
            assert labels.number_format in {"0", '0"%"', '0;-0;""'}
            assert chart.value_axis.tick_labels.number_format_is_linked is False
    assert charts >= 12


def test_withheld_groups_show_their_reason_not_a_number(
    deck: PresentationType, demo: DemoReport
) -> None:
    """Three leaders: the leadership figure is replaced by the Danish reason."""
    theme = demo.instrument.themes[0]
    slide = _slide(deck, f"{theme.title}: spørgeskema")
    text = " ".join(
        cast(Any, s).text_frame.text for s in slide.shapes if s.has_text_frame
    )
    assert "Ledelse (n = 3): Vises ikke: færre end 5 besvarelser" in text
    assert "Forskellen vises ikke" in text


def _withheld_values(
    demo: DemoReport, municipality: MunicipalityAssessment
) -> list[float]:
    """The values the withheld cells would have had (the threshold-1 twin)."""
    open_twin = demo.unsuppressed.municipality(municipality.code)
    values: list[float] = []
    pairs: list[tuple[Any, Any]] = [
        *zip(municipality.survey.items, open_twin.survey.items, strict=True),
        *zip(
            municipality.survey.theme_results,
            open_twin.survey.theme_results,
            strict=True,
        ),
    ]
    for hidden, shown in pairs:
        for group, twin in zip(hidden.groups, shown.groups, strict=True):
            if group.withheld_reason is None:
                continue
            for name in ("score", "share_in_line", "dont_know_share"):
                value = getattr(twin, name)
                if value is not None:
                    values.append(value)
    return values


def _shown_numbers(value: object) -> Iterator[float]:
    """Every float anywhere in the (suppressed) assessments: what may appear."""
    if isinstance(value, float):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _shown_numbers(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for entry in value:
            yield from _shown_numbers(entry)


def _patterns(value: float) -> list[re.Pattern[str]]:
    """The ways a value could be written: full precision, one decimal, dot or comma."""
    forms = {repr(value), f"{value:.1f}", f"{value:.2f}"}
    forms |= {f.replace(".", ",") for f in forms}
    return [re.compile(rf"(?<![\d.,]){re.escape(f)}(?![\d])") for f in forms]


def _texts_of_package(data: bytes) -> Iterator[tuple[str, str]]:
    """Every part's text, recursing into embedded packages (chart workbooks)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            blob = package.read(name)
            if blob[:2] == b"PK":
                for inner, text in _texts_of_package(blob):
                    yield f"{name}!{inner}", text
            else:
                yield name, blob.decode("utf-8", errors="replace")


def test_no_withheld_value_appears_anywhere(
    deck_bytes: bytes, demo: DemoReport, municipality: MunicipalityAssessment
) -> None:
    """Values that only a withheld cell would have had appear in no XML part, no
    embedded workbook, and not in the Excel appendix.
    """
    own = [b for b in demo.benchmarks if b.municipality_code == municipality.code]
    shown = {
        round(v, 1)
        for v in _shown_numbers((municipality, demo.assessment.partnership, own))
    }
    withheld = [
        v for v in _withheld_values(demo, municipality) if round(v, 1) not in shown
    ]
    assert len(withheld) >= 20  # distinctive: no shown number carries them
    data = ReportInput(
        municipality, demo.assessment, demo.instrument, demo.benchmarks, demo.figures
    )
    parts = list(_texts_of_package(deck_bytes))
    parts += list(_texts_of_package(build_workbook(data)))
    embedded = [name for name, _ in parts if "!" in name]
    assert embedded  # the chart workbooks were scanned too
    for value in withheld:
        for pattern in _patterns(value):
            for name, text in parts:
                assert not pattern.search(text), (value, name)


def test_excel_appendix_repeats_the_deck_numbers_with_codes(
    demo: DemoReport, municipality: MunicipalityAssessment
) -> None:
    """One sheet per part; chart blocks carry codes beside labels and the values."""
    data = ReportInput(
        municipality, demo.assessment, demo.instrument, demo.benchmarks, demo.figures
    )
    book = openpyxl.load_workbook(io.BytesIO(build_workbook(data)))
    assert book.sheetnames[:3] == ["Metode", "Overblik", "Tema 1"]
    assert {"Behov", "Lovgrundlag", "Tema 6"} <= set(book.sheetnames)
    rows = list(book["Tema 1"].iter_rows(values_only=True))
    items = [i for i in municipality.survey.items if i.theme_code == "earlier_support"]
    found = {r[0]: r for r in rows if r[0] in {i.item_id for i in items}}
    assert len(found) == len(items)
    for item in items:
        score = item.group(GROUP_ALL).score
        cell = found[item.item_id][2]
        assert cell == (score if score is not None else "Vises ikke (se note)")
    slides = municipal_slides(data)
    assert len({s.part for s in slides}) == len(book.sheetnames)


def _shapes_fit_and_do_not_overlap(deck: PresentationType) -> None:
    width, height = int(deck.slide_width or 0), int(deck.slide_height or 0)
    for slide in deck.slides:
        boxes = []
        for shape in slide.shapes:
            left, top = int(shape.left or 0), int(shape.top or 0)
            right = left + int(shape.width or 0)
            bottom = top + int(shape.height or 0)
            assert 0 <= left < right <= width, (_title(slide), shape.name)
            assert 0 <= top < bottom <= height, (_title(slide), shape.name)
            boxes.append((shape.name, left, top, right, bottom))
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
                assert apart, (_title(slide), a[0], b[0])


def test_shapes_stay_on_the_slide_and_apart(deck: PresentationType) -> None:
    """No shape reaches past the slide's edge; no two shapes overlap."""
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    _shapes_fit_and_do_not_overlap(deck)


def _other_template(path: Path) -> Path:
    """A 4:3 template with Danish layout names, reversed layout order, red titles."""
    prs = Presentation()
    names = {
        "Title Slide": "Forside",
        "Title Only": "Kun titel",
        "Title and Content": "Titel og indhold",
    }
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, "Andet: " + layout.name)
    id_list = prs.slide_masters[0]._element.get_or_add_sldLayoutIdLst()
    entries = list(id_list)
    for entry in entries:
        id_list.remove(entry)
    for entry in reversed(entries):
        id_list.append(entry)
    title = prs.slide_masters[0].placeholders[0]
    for paragraph in cast(Any, title).text_frame.paragraphs:
        paragraph.font.color.rgb = RGBColor.from_string("C00000")  # type: ignore[no-untyped-call]
        paragraph.font.size = Pt(36)
    slide = prs.slides.add_slide(prs.slide_layouts[0])  # a leftover sample slide
    slide.shapes.add_textbox(0, 0, 100, 100).text_frame.text = "Skabelonens eksempel"
    prs.save(str(path))
    return path


def test_a_consultancys_template_is_used_through_its_layouts(
    tmp_path: Path, demo: DemoReport, municipality: MunicipalityAssessment
) -> None:
    """Layouts are found by name and placeholder type, whatever their order; the
    template's size is kept and its own sample slides are dropped.
    """
    template = _other_template(tmp_path / "konsulent.pptx")
    deck = Presentation(io.BytesIO(_build(demo, municipality, template=template)))
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    assert deck.slides[0].slide_layout.name == "Forside"
    assert {s.slide_layout.name for s in list(deck.slides)[1:]} == {"Kun titel"}
    texts = [
        s.text_frame.text for sl in deck.slides for s in sl.shapes if s.has_text_frame
    ]
    assert "Skabelonens eksempel" not in texts
    _shapes_fit_and_do_not_overlap(deck)


def _pdf_pages(pdf: Path) -> int:
    import subprocess

    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, flags=re.MULTILINE)
    assert found is not None
    return int(found.group(1))


@pytest.mark.slow
def test_demo_decks_convert_to_pdf(
    tmp_path: Path, demo: DemoReport, municipality: MunicipalityAssessment
) -> None:
    """The default-template deck and the consultancy-template deck both become PDFs
    with a page per slide (LibreOffice, own profile, timeout).
    """
    template = _other_template(tmp_path / "konsulent.pptx")
    for name, content in (
        ("standard.pptx", _build(demo, municipality)),
        ("konsulent-deck.pptx", _build(demo, municipality, template=template)),
    ):
        pptx = tmp_path / name
        pptx.write_bytes(content)
        pdf = convert_to_pdf(pptx, out_dir=tmp_path / "pdf", timeout_s=180)
        assert _pdf_pages(pdf) == len(Presentation(str(pptx)).slides)
