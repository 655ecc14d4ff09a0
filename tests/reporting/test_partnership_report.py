"""The partnership deck for the steering group, read back.

Pooled values equal the partnership assessment; municipalities are anonymised unless
asked; no free text or municipal survey figure is in the package; the appendix
repeats the numbers; the deck converts to PDF.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from parathed.analysis.assessment import GROUP_ALL, PartnershipAssessment
from parathed.reporting.content import fmt
from parathed.reporting.deck.partnership import build_partnership_deck
from parathed.reporting.excel import build_partnership_workbook
from parathed.reporting.partnership_content import LEVEL_ORDER, municipality_labels
from parathed.reporting.pdf import convert_to_pdf
from tests.reporting.demo_round import DemoReport, demo_report


@pytest.fixture(scope="module")
def demo() -> DemoReport:
    """The demo round of eight municipalities."""
    return demo_report()


@pytest.fixture(scope="module")
def partnership(demo: DemoReport) -> PartnershipAssessment:
    """The round's partnership assessment."""
    assert demo.assessment.partnership is not None
    return demo.assessment.partnership


@pytest.fixture(scope="module")
def deck_bytes(demo: DemoReport) -> bytes:
    """The anonymised partnership deck."""
    return build_partnership_deck(demo.assessment, instrument=demo.instrument)


@pytest.fixture(scope="module")
def deck(deck_bytes: bytes) -> PresentationType:
    """The anonymised deck read back."""
    return Presentation(io.BytesIO(deck_bytes))


def _title(slide: Slide) -> str:
    title = slide.shapes.title
    assert title is not None
    return str(title.text_frame.text)


def _slide(deck: PresentationType, title: str) -> Slide:
    (slide,) = [s for s in deck.slides if _title(s) == title]
    result: Slide = slide
    return result


def _table(slide: Slide) -> list[list[str]]:
    (shape,) = [s for s in slide.shapes if s.has_table]
    return [[c.text for c in row.cells] for row in cast(Any, shape).table.rows]


def _package_text(data: bytes) -> str:
    texts = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            blob = package.read(name)
            if blob[:2] == b"PK":
                texts.append(_package_text(blob))
            else:
                texts.append(blob.decode("utf-8", errors="replace"))
    return "\n".join(texts)


def test_slide_list(deck: PresentationType) -> None:
    """Title, overview, spread, levels per municipality, needs, joint days, method."""
    assert [_title(s) for s in deck.slides] == [
        "Parathedsanalyse: Demopartnerskab Børnene Først",
        "Parathed på tværs af partnerskabet",
        "Spredning: kommunernes parathed pr. tema",
        "Parathedsniveau pr. kommune",
        "Udviklingsbehov i partnerskabet",
        "Forslag til temaer for de fire fællesdage",
        "Bilag: metode og lovgrundlag",
    ]


def test_pooled_values_and_spread_equal_the_partnership_assessment(
    deck: PresentationType, partnership: PartnershipAssessment
) -> None:
    """Overview table, stacked spread chart and needs chart hold the analysis values."""
    rows = _table(_slide(deck, "Parathed på tværs af partnerskabet"))[1:]
    for row, theme in zip(rows, partnership.themes, strict=True):
        everyone = next(g for g in theme.survey if g.group == GROUP_ALL)
        assert row[0] == theme.theme_title
        if everyone.score is None:
            assert row[1].startswith("Vises ikke")
        else:
            assert row[1] == fmt(everyone.score)
        assert row[-1] == fmt(theme.mean_gap)
    slide = _slide(deck, "Spredning: kommunernes parathed pr. tema")
    (chart,) = [cast(Any, s).chart for s in slide.shapes if s.has_chart]
    for series, level in zip(chart.series, LEVEL_ORDER, strict=True):
        assert tuple(series.values) == tuple(
            float(dict(t.levels).get(level, 0)) for t in partnership.themes
        )
    slide = _slide(deck, "Udviklingsbehov i partnerskabet")
    (needs,) = [cast(Any, s).chart for s in slide.shapes if s.has_chart]
    assert tuple(needs.series[0].values) == tuple(n.gap for n in partnership.needs)
    days = _table(_slide(deck, "Forslag til temaer for de fire fællesdage"))[1:]
    assert [d[1] for d in days] == [d.theme_title for d in partnership.joint_days]


def test_anonymised_deck_names_no_municipality(
    deck_bytes: bytes, demo: DemoReport
) -> None:
    """Without ``named`` no name appears in any part; letters stand in for them."""
    text = _package_text(deck_bytes)
    for m in demo.assessment.municipalities:
        assert m.name not in text
    labels = municipality_labels(demo.assessment, named=False, secret=b"key")
    assert sorted(labels.values()) == [f"Kommune {c}" for c in "ABCDEFGH"]
    # the letters do not follow the codes' order
    by_code = [labels[c] for c in sorted(labels)]
    assert by_code != sorted(by_code)


def test_named_deck_names_the_municipalities(demo: DemoReport) -> None:
    """With ``named`` the levels table lists each municipality by name."""
    deck = Presentation(
        io.BytesIO(
            build_partnership_deck(
                demo.assessment, instrument=demo.instrument, named=True
            )
        )
    )
    names = [r[0] for r in _table(_slide(deck, "Parathedsniveau pr. kommune"))[1:]]
    assert sorted(names) == sorted(m.name for m in demo.assessment.municipalities)


def test_no_free_text_in_the_partnership_deck(
    deck_bytes: bytes, demo: DemoReport
) -> None:
    """Interview paraphrases of the municipalities never reach the steering group."""
    text = _package_text(deck_bytes)
    examples = {
        x
        for m in demo.assessment.municipalities
        if m.interviews
        for t in m.interviews.themes
        for x in (*t.examples_strength, *t.examples_challenge)
    }
    assert examples
    for example in examples:
        assert example not in text


def test_partnership_appendix_repeats_the_deck(
    demo: DemoReport, partnership: PartnershipAssessment
) -> None:
    """The appendix has the overview, needs and joint days with codes."""
    book = openpyxl.load_workbook(
        io.BytesIO(
            build_partnership_workbook(demo.assessment, instrument=demo.instrument)
        )
    )
    assert {"Overblik", "Kommuner", "Behov", "Fællesdage", "Metode"} == set(
        book.sheetnames
    )
    rows = list(book["Behov"].iter_rows(values_only=True))
    gaps = {r[0]: r[2] for r in rows if r[0] in {n.code for n in partnership.needs}}
    assert gaps == {n.code: n.gap for n in partnership.needs}


@pytest.mark.slow
def test_partnership_deck_converts_to_pdf(tmp_path: Path, deck_bytes: bytes) -> None:
    """LibreOffice makes a page per slide."""
    pptx = tmp_path / "partnerskab.pptx"
    pptx.write_bytes(deck_bytes)
    pdf = convert_to_pdf(pptx, out_dir=tmp_path, timeout_s=180)
    assert pdf.read_bytes().startswith(b"%PDF-")
    from tests.reporting.test_municipal_report import _pdf_pages

    assert _pdf_pages(pdf) == len(Presentation(str(pptx)).slides)
