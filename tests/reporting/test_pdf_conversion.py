"""PDF conversion with LibreOffice: page count, values read back, parallel runs, errors.

These tests start LibreOffice (``soffice``) and need ``pdfinfo`` (poppler-utils).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pptx import Presentation

from parathed.analysis.assessment import (
    SUPPRESSED_BELOW_THRESHOLD,
    MunicipalityAssessment,
)
from parathed.analysis.evidence import AnswerEvidence, ResponseEvidence, SurveyEvidence
from parathed.analysis.survey import score_survey
from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Instrument, Keying, Role
from parathed.reporting.deck.municipal import build_deck
from parathed.reporting.pdf import PdfConversionError, convert_to_pdf
from tests.reporting.assessments import municipality_assessment, round_assessment

pytestmark = pytest.mark.slow

STAFF = 6  # medarbejder respondents; four of them answer the last theme


def _pages(pdf: Path) -> int:
    """Returns the page count pdfinfo reports."""
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    found = re.search(r"^Pages:\s+(\d+)$", info, flags=re.MULTILINE)
    assert found is not None, info
    return int(found.group(1))


def _aligned_target(theme_index: int) -> int:
    """The aligned answer every respondent gives on theme k: 1 + k % 5 (0, 25, ...)."""
    return 1 + theme_index % 5


def _evidence(instrument: Instrument) -> SurveyEvidence:
    """Six medarbejder respondents; on theme k each answers aligned 1 + k % 5.

    On the last theme only four of them answer; the other two say "ved ikke".
    """
    last = instrument.themes[-1].code
    order = {theme.code: k for k, theme in enumerate(instrument.themes)}
    responses = []
    for person in range(STAFF):
        answers = []
        for item in instrument.items_for_role(Role.MEDARBEJDER):
            aligned = _aligned_target(order[item.theme])
            value: int | None = (
                6 - aligned if item.keying is Keying.REVERSE else aligned
            )
            if item.theme == last and person >= 4:
                value = None
            answers.append(AnswerEvidence(item_id=item.id, value=value))
        responses.append(
            ResponseEvidence(role=Role.MEDARBEJDER, answers=tuple(answers))
        )
    return SurveyEvidence(municipality_code="760", responses=tuple(responses))


def _expected_scores(instrument: Instrument) -> tuple[float | None, ...]:
    """Worked out from the instrument: 25 * (k % 5), None without enough answers."""
    staff_themes = {item.theme for item in instrument.items_for_role(Role.MEDARBEJDER)}
    last = instrument.themes[-1].code
    return tuple(
        25.0 * (k % 5) if theme.code in staff_themes and theme.code != last else None
        for k, theme in enumerate(instrument.themes)
    )


def _write_deck(path: Path, assessment: MunicipalityAssessment) -> Path:
    path.write_bytes(
        build_deck(assessment, round_assessment=round_assessment(assessment))
    )
    return path


def test_scored_deck_converts_to_a_pdf_page_per_slide_with_the_analysis_values(
    tmp_path: Path,
) -> None:
    """A deck scored from the shipped instrument becomes a PDF, a page per slide.

    Its chart holds exactly ``score_survey``'s values (theme k at 25 * (k % 5), the
    last theme withheld at four respondents) in the instrument's theme order.
    """
    instrument = load_instrument()
    survey = score_survey(_evidence(instrument), instrument=instrument)
    assert tuple(t.score for t in survey.themes) == _expected_scores(instrument)
    last = survey.themes[-1]
    assert (last.respondents, last.withheld_reason) == (4, SUPPRESSED_BELOW_THRESHOLD)
    assessment = MunicipalityAssessment(
        code="760", name="Ringkøbing-Skjern", survey=survey
    )
    pptx = _write_deck(tmp_path / "ringkoebing-skjern.pptx", assessment)

    pdf = convert_to_pdf(pptx, out_dir=tmp_path / "pdf", timeout_s=120)

    assert pdf == tmp_path / "pdf" / "ringkoebing-skjern.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    deck = Presentation(io.BytesIO(pptx.read_bytes()))
    assert _pages(pdf) == len(deck.slides)
    chart = next(s.chart for slide in deck.slides for s in slide.shapes if s.has_chart)
    assert tuple(chart.plots[0].categories) == tuple(t.title for t in instrument.themes)
    assert tuple(chart.series[0].values) == tuple(t.score for t in survey.themes)


def test_two_conversions_run_side_by_side(tmp_path: Path) -> None:
    """Two threads converting at once, each with its own profile, both get a PDF."""
    decks = [
        _write_deck(tmp_path / f"deck-{n}.pptx", municipality_assessment(name=name))
        for n, name in enumerate(("Aarhus", "Thisted"))
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(
            pool.map(lambda p: convert_to_pdf(p, out_dir=tmp_path / "pdf"), decks)
        )
    assert [p.name for p in pdfs] == ["deck-0.pdf", "deck-1.pdf"]
    slides = [len(Presentation(str(d)).slides) for d in decks]
    assert [_pages(p) for p in pdfs] == slides


def test_an_older_pdf_of_the_same_name_is_replaced(tmp_path: Path) -> None:
    """A stale PDF in ``out_dir`` never passes for a new conversion."""
    pptx = _write_deck(tmp_path / "deck.pptx", municipality_assessment())
    (tmp_path / "deck.pdf").write_bytes(b"stale")
    pdf = convert_to_pdf(pptx, out_dir=tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_timeout_raises_and_leaves_no_office_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A conversion past its timeout raises; its processes and profile are gone."""
    temp_root = tmp_path / "temp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    pptx = _write_deck(tmp_path / "deck.pptx", municipality_assessment())
    with pytest.raises(PdfConversionError, match=r"did not convert deck\.pptx within"):
        convert_to_pdf(pptx, out_dir=tmp_path / "pdf", timeout_s=0.2)
    assert list(temp_root.iterdir()) == []
    assert _processes_mentioning(str(temp_root)) == []


def _processes_mentioning(text: str) -> list[int]:
    """Returns the ids of running processes whose command line contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if text.encode() in cmdline and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


def test_a_file_office_cannot_read_raises(tmp_path: Path) -> None:
    """Bytes that are no presentation give PdfConversionError, not a missing file."""
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"not a presentation")
    with pytest.raises(PdfConversionError, match=r"wrote no PDF for broken\.pptx"):
        convert_to_pdf(broken, out_dir=tmp_path / "pdf")


def test_a_missing_input_raises(tmp_path: Path) -> None:
    """A path that does not exist raises PdfConversionError naming it."""
    with pytest.raises(PdfConversionError, match="No such file"):
        convert_to_pdf(tmp_path / "absent.pptx", out_dir=tmp_path)


def test_missing_libreoffice_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without soffice or libreoffice on PATH the error says LibreOffice is missing."""
    pptx = _write_deck(tmp_path / "deck.pptx", municipality_assessment())
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(PdfConversionError, match="LibreOffice was not found"):
        convert_to_pdf(pptx, out_dir=tmp_path)


@pytest.mark.parametrize("timeout_s", [0, -1.0])
def test_timeout_must_be_positive(tmp_path: Path, timeout_s: float) -> None:
    """A timeout of zero or less is a programming error: ValueError."""
    with pytest.raises(ValueError, match="timeout_s must be above 0"):
        convert_to_pdf(tmp_path / "deck.pptx", out_dir=tmp_path, timeout_s=timeout_s)
