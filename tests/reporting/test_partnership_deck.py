"""The partnership deck and appendix, read back against the analysis that fed them."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.enum.chart import XL_CHART_TYPE
from pptx.presentation import Presentation as PresentationType

from parathed.analysis.assessment import (
    GROUP_ALL,
    READINESS_LABELS_DA,
    ReadinessLevel,
    RoundAssessment,
)
from parathed.analysis.round import assess_round
from parathed.demo.generator import generate_national_round
from parathed.instrument.loader import load_instrument
from parathed.reporting.deck.partnership import (
    PartnershipInput,
    build_partnership_deck,
    municipality_labels,
)
from parathed.reporting.partnership_appendix import build_partnership_workbook
from parathed.reporting.pdf import convert_to_pdf

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _round(count: int) -> RoundAssessment:
    instrument = load_instrument()
    evidence = generate_national_round(instrument=instrument, respondents=30)
    evidence = dataclasses.replace(
        evidence, municipalities=evidence.municipalities[:count]
    )
    return assess_round(evidence, instrument=instrument)


@pytest.fixture(scope="module")
def full() -> RoundAssessment:
    """Six municipalities: partnership figures are published."""
    return _round(6)


@pytest.fixture(scope="module")
def small() -> RoundAssessment:
    """Three municipalities: below the minimum, the analysis withholds figures."""
    return _round(3)


def _deck(content: bytes) -> PresentationType:
    return Presentation(io.BytesIO(content))


def _charts(deck: PresentationType) -> dict[str, Chart]:
    found = {}
    for slide in deck.slides:
        title = slide.shapes.title
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False) and title is not None:
                found[title.text] = shape.chart
    return found


def _texts(content: bytes) -> str:
    """Every XML part and embedded workbook's text, joined."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            data = package.read(name)
            if name.endswith(".xlsx"):
                parts.append(_texts(data))
            elif name.endswith((".xml", ".rels")):
                parts.append(data.decode("utf-8"))
    return "\n".join(parts)


def test_readiness_chart_equals_the_analysis(full: RoundAssessment) -> None:
    p = full.partnership
    assert p is not None
    chart = _charts(_deck(build_partnership_deck(full)))[
        "Parathed pr. tema i partnerskabet"
    ]
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    survey, cases = chart.plots[0].series
    expected_scores = tuple(
        next(g.score for g in t.survey if g.group == GROUP_ALL) for t in p.themes
    )
    assert survey.values == expected_scores
    assert cases.values == tuple(t.case_compliance for t in p.themes)
    assert tuple(chart.plots[0].categories) == tuple(t.theme_title for t in p.themes)


def test_spread_chart_is_a_stacked_count_per_level(full: RoundAssessment) -> None:
    p = full.partnership
    assert p is not None
    chart = _charts(_deck(build_partnership_deck(full)))[
        "Spredning af parathed pr. tema"
    ]
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    series = chart.plots[0].series
    assert [s.name for s in series] == [
        READINESS_LABELS_DA[lv] for lv in ReadinessLevel
    ]
    for level, s in zip(ReadinessLevel, series, strict=True):
        assert s.values == tuple(float(dict(t.levels)[level]) for t in p.themes)
    assert chart.value_axis.tick_labels.number_format == "0"
    frame = next(
        sh
        for sl in _deck(build_partnership_deck(full)).slides
        for sh in sl.shapes
        if getattr(sh, "has_chart", False) and "spredning" in sh.name
    )
    assert "Stablet søjlediagram" in frame._element.nvGraphicFramePr.cNvPr.get("descr")


def test_needs_and_joint_days_follow_the_analysis(full: RoundAssessment) -> None:
    p = full.partnership
    assert p is not None
    deck = _deck(build_partnership_deck(full))
    needs = _charts(deck)["Udviklingsbehov i partnerskabet"].plots[0]
    assert needs.series[0].values == tuple(n.gap for n in p.needs)
    slide = next(
        s
        for s in deck.slides
        if s.shapes.title is not None and "fællesdage" in s.shapes.title.text
    )
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    days = [table.cell(r, 1).text for r in range(1, len(table.rows))]
    assert days == [d.theme_title for d in p.joint_days]
    assert len(p.joint_days) == 4


def test_every_slide_has_a_footnote_with_n_and_charts_have_alt_text(
    full: RoundAssessment,
) -> None:
    deck = _deck(build_partnership_deck(full))
    for slide in list(deck.slides)[1:-1]:
        notes = [sh.text_frame.text for sh in slide.shapes if sh.name == "Fodnote"]
        assert notes, slide.shapes.title.text
        assert notes[0]
        for shape in slide.shapes:
            if getattr(shape, "has_chart", False):
                assert "n = 6 kommuner" in notes[0]
                assert "Kilde" in notes[0]
                assert shape._element.nvGraphicFramePr.cNvPr.get("descr")


def test_named_deck_shows_names_sorted(full: RoundAssessment) -> None:
    text = _texts(build_partnership_deck(full))
    for m in full.municipalities:
        assert m.name in text


def test_anonymised_deck_and_appendix_name_no_municipality(
    full: RoundAssessment,
) -> None:
    deck = build_partnership_deck(full, anonymise=True, order_key=b"secret")
    appendix = build_partnership_workbook(
        PartnershipInput(round_assessment=full, anonymise=True, order_key=b"secret")
    )
    for text in (_texts(deck), _texts(appendix)):
        for m in full.municipalities:
            assert m.name not in text
        for i in range(1, 7):
            assert f"Kommune {i}<" in text
    labels = municipality_labels(full, anonymise=True, order_key=b"secret")
    assert labels == municipality_labels(full, anonymise=True, order_key=b"secret")
    by_name = sorted(full.municipalities, key=lambda m: m.name)
    others = [
        [c for c, _, _ in municipality_labels(full, anonymise=True, order_key=k)]
        for k in (b"a", b"b", b"c", b"d")
    ]
    # The order depends on the key, not on the names.
    assert len({tuple(o) for o in others}) > 1
    assert any(o != [m.code for m in by_name] for o in others)


def test_no_free_text_anywhere(full: RoundAssessment) -> None:
    free = [
        text
        for m in full.municipalities
        for texts in (
            [t for c in m.survey.comments for t in c.texts],
            [
                e
                for t in (m.interviews.themes if m.interviews else ())
                for e in (*t.examples_strength, *t.examples_challenge)
            ],
        )
        for text in texts
    ]
    assert free, "the demo round must carry free text for this test to mean anything"
    packages = _texts(build_partnership_deck(full)) + _texts(
        build_partnership_workbook(PartnershipInput(round_assessment=full))
    )
    for text in free:
        assert text[:40] not in packages


def test_withheld_partnership_figures_are_nowhere(small: RoundAssessment) -> None:
    p = small.partnership
    assert p is not None
    assert all(t.mean_gap is None and not t.levels for t in p.themes)
    content = build_partnership_deck(small)
    # The figures the analysis withheld, worked out here only to look for them.
    hidden = []
    for t in p.themes:
        gaps = [
            r.gap
            for m in small.municipalities
            for r in m.readiness
            if r.theme_code == t.theme_code and r.gap is not None
        ]
        hidden.append(round(sum(gaps) / len(gaps), 1))
    text = _texts(content) + _texts(
        build_partnership_workbook(PartnershipInput(round_assessment=small))
    )
    for value in hidden:
        for shown in (f"{value:.1f}", f"{value:.1f}".replace(".", ",")):
            assert not re.search(rf"(?<![\d.,]){re.escape(shown)}(?!\d)", text), shown
    spreads = 0
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            if not name.startswith("ppt/charts/chart"):
                continue
            root = ET.fromstring(package.read(name))  # noqa: S314 (own output)
            chart_title = name
            values = [pt for val in root.iter(C + "val") for pt in val.iter(C + "pt")]
            series_names = [v.text for v in root.iter(C + "v")]
            if any("parat" in (s or "").lower() for s in series_names):
                assert values == [], chart_title  # the level spread is withheld
                spreads += 1
    assert spreads == 1


def test_appendix_has_a_sheet_per_part_with_codes(full: RoundAssessment) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(build_partnership_workbook(PartnershipInput(round_assessment=full)))
    )
    assert book.sheetnames == [
        "Oversigt",
        "Parathed",
        "Spredning",
        "Kommuner",
        "Behov",
        "Fællesdage",
        "Metode",
    ]
    rows = list(book["Spredning"].iter_rows(values_only=True))
    assert rows[1][:2] == ("Kode", "Betegnelse")
    p = full.partnership
    assert p is not None
    assert rows[2][0] == p.themes[0].theme_code


@pytest.mark.slow
def test_partnership_decks_convert_to_pdf(
    full: RoundAssessment, small: RoundAssessment, tmp_path: Path
) -> None:
    for name, content in (
        ("named", build_partnership_deck(full)),
        ("anonymised", build_partnership_deck(full, anonymise=True)),
        ("withheld", build_partnership_deck(small)),
    ):
        pptx = tmp_path / f"{name}.pptx"
        pptx.write_bytes(content)
        pdf = convert_to_pdf(pptx, out_dir=tmp_path, timeout_s=120)
        assert pdf.read_bytes().startswith(b"%PDF")
