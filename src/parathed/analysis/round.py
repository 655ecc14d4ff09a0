"""Assesses a whole round: each municipality's evidence through every scoring function.

In: ``RoundEvidence`` and the follow-up ``Instrument``. Out: ``RoundAssessment`` with
each municipality's questionnaire, case screening, interviews, readiness per theme,
ranked needs and (with a baseline round) re-measurement, and the partnership as a
whole. Pure: every number shown anywhere is computed here, once.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from parathed.analysis.assessment import (
    MunicipalityAssessment,
    RoundAssessment,
    ThemeReadiness,
)
from parathed.analysis.cases import assess_cases
from parathed.analysis.evidence import (
    FigureEvidence,
    MunicipalityEvidence,
    RoundEvidence,
)
from parathed.analysis.interviews import assess_interviews
from parathed.analysis.keyfigures.benchmarks import Benchmark, benchmark_key_figures
from parathed.analysis.needs import interview_mentions, rank_needs, source_gaps
from parathed.analysis.partnership import assess_partnership
from parathed.analysis.readiness import assess_readiness
from parathed.analysis.remeasure import assess_remeasurement
from parathed.analysis.survey import SurveyTally, score_survey, tally_survey
from parathed.instrument.schema import Instrument


def assess_municipality(
    evidence: MunicipalityEvidence,
    *,
    instrument: Instrument,
    baseline: RoundEvidence | None = None,
    tally: SurveyTally | None = None,
) -> MunicipalityAssessment:
    """Returns everything the analysis says about one municipality.

    ``baseline`` is the earlier round; the municipality is compared with its own
    evidence there when it took part. Does not change its input.
    """
    survey = score_survey(evidence.survey, instrument=instrument, tally=tally)
    cases = (
        assess_cases(evidence.cases, instrument=instrument) if evidence.cases else None
    )
    interviews = (
        assess_interviews(evidence.interviews, instrument=instrument)
        if evidence.interviews
        else None
    )
    readiness: list[ThemeReadiness] = []
    for theme in instrument.themes:
        score = survey.theme(theme.code)
        compliance = cases.theme(theme.code) if cases else None
        said = interviews.theme(theme.code) if interviews else None
        readiness.append(
            assess_readiness(
                theme_code=theme.code,
                theme_title=theme.title,
                survey_score=score.score,
                survey_respondents=score.respondents,
                case_compliance=compliance.compliance if compliance else None,
                case_applicable=compliance.applicable if compliance else 0,
                interview_strengths=said.strengths if said else 0,
                interview_challenges=said.challenges if said else 0,
            )
        )
    needs, aims = rank_needs(
        source_gaps(survey, cases),
        instrument=instrument,
        mentions=interview_mentions(interviews),
    )
    remeasurement = None
    if baseline is not None:
        earlier = {m.code: m for m in baseline.municipalities}.get(evidence.code)
        if earlier is not None:
            remeasurement = assess_remeasurement(
                earlier.survey,
                evidence.survey,
                instrument=instrument,
                baseline_version=baseline.instrument_version,
                baseline_round_name=baseline.round_name,
            )
    return MunicipalityAssessment(
        code=evidence.code,
        name=evidence.name,
        survey=survey,
        cases=cases,
        interviews=interviews,
        readiness=tuple(readiness),
        needs=needs,
        aims=aims,
        remeasurement=remeasurement,
    )


def assess_round(evidence: RoundEvidence, *, instrument: Instrument) -> RoundAssessment:
    """Returns the assessment of every municipality in ``evidence``, in its order,
    and of the partnership as a whole. Does not change its input.
    """
    with _no_cycle_collection():
        return _assess_round(evidence, instrument=instrument)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Holds off Python's cycle collector while the round is assessed.

    The analysis builds hundreds of thousands of frozen values and no reference
    cycles (reference counting frees everything), but the allocations set off full
    collections that walk the whole evidence of a national round, about a tenth of a
    second each. The collector's state is restored afterwards (left off if it was).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _assess_round(
    evidence: RoundEvidence, *, instrument: Instrument
) -> RoundAssessment:
    tallies = [
        tally_survey(m.survey, instrument=instrument) for m in evidence.municipalities
    ]
    municipalities = tuple(
        assess_municipality(
            m, instrument=instrument, baseline=evidence.baseline, tally=tally
        )
        for m, tally in zip(evidence.municipalities, tallies, strict=True)
    )
    municipalities = _with_key_figures(evidence, municipalities, instrument=instrument)
    partnership = assess_partnership(
        municipalities, tallies, instrument=instrument, threshold=evidence.threshold
    )
    return RoundAssessment(
        partnership_name=evidence.partnership_name,
        round_name=evidence.round_name,
        instrument_version=evidence.instrument_version,
        municipalities=municipalities,
        partnership=partnership,
        threshold=evidence.threshold,
    )


def key_figure_year(evidence: RoundEvidence) -> int | None:
    """Returns the newest year in which a municipality of the round has inputs."""
    codes = {m.code for m in evidence.municipalities}
    years = [f.year for f in evidence.figures if f.municipality_code in codes]
    return max(years, default=None)


def _with_key_figures(
    evidence: RoundEvidence,
    municipalities: tuple[MunicipalityAssessment, ...],
    *,
    instrument: Instrument,
) -> tuple[MunicipalityAssessment, ...]:
    """Adds each municipality's key-figure benchmarks of the newest year with inputs."""
    year = key_figure_year(evidence)
    if year is None:
        return municipalities
    codes = [m.code for m in municipalities]
    benchmarks: dict[str, list[Benchmark]] = {code: [] for code in codes}
    for benchmark in benchmark_key_figures(
        evidence.figures,
        year=year,
        indicators=instrument.indicators,
        municipality_codes=codes,
        partnership=codes,
    ):
        benchmarks[benchmark.municipality_code].append(benchmark)
    own: dict[str, list[FigureEvidence]] = {code: [] for code in codes}
    for figure in evidence.figures:
        if figure.year == year and figure.municipality_code in own:
            own[figure.municipality_code].append(figure)
    return tuple(
        replace(
            m,
            key_figure_year=year,
            key_figures=tuple(benchmarks[m.code]),
            figures=tuple(own[m.code]),
        )
        for m in municipalities
    )
