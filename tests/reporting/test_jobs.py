"""Rendering a round in worker processes: every file written, failures collected."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation

from parathed.analysis.assessment import RoundAssessment
from parathed.analysis.round import assess_round
from parathed.demo.generator import generate_national_round
from parathed.instrument.loader import load_instrument
from parathed.reporting.jobs import (
    PARTNERSHIP_APPENDIX,
    PARTNERSHIP_DECK,
    RenderOptions,
    _PickledOnce,
    convert_pdfs,
    render_round,
    round_jobs,
)


@pytest.fixture(scope="module")
def assessment() -> RoundAssessment:
    instrument = load_instrument()
    evidence = generate_national_round(instrument=instrument, respondents=30)
    evidence = dataclasses.replace(evidence, municipalities=evidence.municipalities[:5])
    return assess_round(evidence, instrument=instrument)


def test_round_is_rendered_in_two_workers(
    assessment: RoundAssessment, tmp_path: Path
) -> None:
    seen: list[tuple[str, bool]] = []
    result = render_round(
        assessment,
        out_dir=tmp_path,
        options=RenderOptions(synthetic=True),
        workers=2,
        progress=lambda job, ok: seen.append((job, ok)),
    )
    assert result.failures == []
    assert sorted(job for job, _ in seen) == sorted(round_jobs(assessment))
    assert len(result.paths) == 2 * len(assessment.municipalities) + 2
    decks = [p for p in result.paths if p.suffix == ".pptx"]
    assert len(decks) == len(assessment.municipalities) + 1
    for path in decks:
        assert len(Presentation(str(path)).slides) > 5
    assert [p for p in result.paths if p.suffix == ".xlsx"]
    assert not list(tmp_path.glob("*.part"))


class _Counted:
    """Counts how often it is pickled."""

    pickled = 0

    def __reduce__(self) -> tuple[type[_Counted], tuple[()]]:
        type(self).pickled += 1
        return _Counted, ()


def test_worker_state_is_pickled_once_for_all_worker_starts(
    assessment: RoundAssessment, tmp_path: Path
) -> None:
    """Two worker starts share one pickling of the state; each gets the state itself
    (not the wrapper); a start beyond the expected ones pickles afresh."""
    state: Any = (assessment, tmp_path, _Counted())  # a stand-in for the options
    shared = _PickledOnce(state, starts=2)
    first, second = pickle.dumps(shared), pickle.dumps(shared)
    assert _Counted.pickled == 1
    for blob in (first, second):
        loaded = pickle.loads(blob)  # noqa: S301 (own bytes)
        assert isinstance(loaded, tuple)
        assert loaded[0] == assessment
        assert loaded[1] == tmp_path
        assert isinstance(loaded[2], _Counted)
    pickle.loads(pickle.dumps(shared))  # noqa: S301 (own bytes)
    assert _Counted.pickled == 2


def test_a_failing_job_is_reported_and_the_rest_written(
    assessment: RoundAssessment, tmp_path: Path
) -> None:
    jobs = ["999", assessment.municipalities[0].code, PARTNERSHIP_DECK]
    result = render_round(assessment, out_dir=tmp_path, jobs=jobs, workers=1)
    assert [job for job, _ in result.failures] == ["999"]
    assert "KeyError" in result.failures[0][1]
    assert len(result.paths) == 3


def test_a_round_without_partnership_has_only_municipal_jobs(
    assessment: RoundAssessment,
) -> None:
    bare = dataclasses.replace(assessment, partnership=None)
    assert PARTNERSHIP_APPENDIX not in round_jobs(bare)
    assert len(round_jobs(bare)) == len(assessment.municipalities)


@pytest.mark.slow
def test_every_rendered_deck_converts_to_pdf(
    assessment: RoundAssessment, tmp_path: Path
) -> None:
    result = render_round(
        assessment, out_dir=tmp_path / "decks", options=RenderOptions(), workers=2
    )
    decks = [p for p in result.paths if p.suffix == ".pptx"]
    pdfs = convert_pdfs(decks, out_dir=tmp_path / "pdf", timeout_s=180)
    assert pdfs.failures == []
    assert len(pdfs.paths) == len(decks)
    for pdf in pdfs.paths:
        assert pdf.read_bytes().startswith(b"%PDF")
