"""A realistic round for the report tests, from the demo generators.

Eight municipalities of the synthetic national round, key figures from
``parathed.demo.keyfigures``, and one municipality (the first) whose leadership is
three leaders with fixed answers: under the threshold of five, so every leadership,
chef and leder figure of it is withheld. The same evidence assessed with threshold 1
gives the values the withheld cells would have had.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

from parathed.analysis.assessment import RoundAssessment
from parathed.analysis.evidence import (
    AnswerEvidence,
    FigureEvidence,
    MunicipalityEvidence,
    ResponseEvidence,
    RoundEvidence,
)
from parathed.analysis.keyfigures.benchmarks import Benchmark, benchmark_key_figures
from parathed.analysis.round import assess_round
from parathed.demo.generator import generate_national_round
from parathed.demo.keyfigures import YEAR, demo_key_figures
from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Instrument, Role

LEADER_ANSWERS = (5, 4, 2)  # per item: three leaders, a mean of 11/3


@dataclass(frozen=True)
class DemoReport:
    """A round, its assessment, the unsuppressed twin and the key figures."""

    instrument: Instrument
    evidence: RoundEvidence
    assessment: RoundAssessment
    unsuppressed: RoundAssessment
    benchmarks: tuple[Benchmark, ...]
    figures: tuple[FigureEvidence, ...]


def _few_leaders(
    municipality: MunicipalityEvidence, instrument: Instrument
) -> MunicipalityEvidence:
    staff = [r for r in municipality.survey.responses if r.role is Role.MEDARBEJDER]
    items = instrument.items_for_role(Role.LEDER)
    leaders = [
        ResponseEvidence(
            role=Role.LEDER,
            answers=tuple(AnswerEvidence(item.id, answer) for item in items),
        )
        for answer in LEADER_ANSWERS
    ]
    survey = dataclasses.replace(municipality.survey, responses=(*leaders, *staff))
    return dataclasses.replace(municipality, survey=survey)


def _with_threshold(evidence: RoundEvidence, threshold: int) -> RoundEvidence:
    return dataclasses.replace(
        evidence,
        threshold=threshold,
        municipalities=tuple(
            dataclasses.replace(
                m, survey=dataclasses.replace(m.survey, threshold=threshold)
            )
            for m in evidence.municipalities
        ),
    )


@lru_cache(maxsize=1)
def demo_report(municipalities: int = 8) -> DemoReport:
    """Returns the demo round (cached: the tests only read it)."""
    instrument = load_instrument()
    national = generate_national_round(instrument=instrument, respondents=40, seed=11)
    chosen = list(national.municipalities[:municipalities])
    chosen[0] = _few_leaders(chosen[0], instrument)
    evidence = dataclasses.replace(
        national,
        partnership_name="Demopartnerskab Børnene Først",
        municipalities=tuple(chosen),
        figures=(),
    )
    codes = [m.code for m in national.municipalities]
    figures = demo_key_figures(codes, seed=11, validated=codes[:1])
    partnership = [m.code for m in chosen]
    benchmarks = benchmark_key_figures(
        figures,
        year=YEAR,
        indicators=instrument.indicators,
        municipality_codes=partnership,
        partnership=partnership,
    )
    return DemoReport(
        instrument=instrument,
        evidence=evidence,
        assessment=assess_round(evidence, instrument=instrument),
        unsuppressed=assess_round(_with_threshold(evidence, 1), instrument=instrument),
        benchmarks=benchmarks,
        figures=figures,
    )
