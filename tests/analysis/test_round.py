"""A whole round: municipalities, readiness, the partnership and re-measurement."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parathed.analysis.assessment import (
    SUPPRESSED_TOO_FEW_MUNICIPALITIES,
    PartnershipAssessment,
    ReadinessLevel,
)
from parathed.analysis.evidence import (
    CaseEvidence,
    CheckAnswerEvidence,
    InterviewEvidence,
    MunicipalityEvidence,
    RoundEvidence,
    StatementEvidence,
    SurveyEvidence,
    TextAnswerEvidence,
    Valence,
)
from parathed.analysis.round import assess_round
from parathed.instrument.schema import CheckStatus, Instrument, Role
from tests.analysis.instruments import FULL, response


def _municipality(code: str, value: int, *, texts: int = 0) -> MunicipalityEvidence:
    survey = SurveyEvidence(
        code,
        (
            *(response(Role.MEDARBEJDER, A1=value, B1=value) for _ in range(6)),
            response(Role.CHEF, A1=5, B1=5),
        ),
        texts=tuple(TextAnswerEvidence("OPEN01", f"Tekst {n}") for n in range(texts)),
    )
    case = CaseEvidence(
        label="Sag A",
        rater=1,
        kinds=("notification",),
        age_band="0-5",
        dates=(
            ("awareness_date", date(2025, 1, 1)),
            ("bfu_finished_date", date(2025, 3, 1)),
        ),
        answers=(
            CheckAnswerEvidence("CS-A1", CheckStatus.MET),
            CheckAnswerEvidence("CS-A2"),
            CheckAnswerEvidence("CS-B1", count=3),
            CheckAnswerEvidence("CS-B2", count=0),
        ),
    )
    interview = InterviewEvidence(
        roles=("leder",),
        participants=2,
        statements=(
            StatementEvidence("beta", Valence.CHALLENGE, ("dialogue",), "Privat."),
        ),
    )
    return MunicipalityEvidence(
        code=code,
        name=f"Kommune {code}",
        survey=survey,
        cases=(case,) * 3,
        interviews=(interview,),
    )


def _round(count: int, *, texts: int = 0) -> RoundEvidence:
    return RoundEvidence(
        partnership_name="P",
        round_name="Runde 2",
        instrument_version="2.0",
        municipalities=tuple(
            _municipality(f"{100 + n}", 2 + n % 3, texts=texts) for n in range(count)
        ),
    )


def test_municipal_readiness_combines_survey_and_cases() -> None:
    """Alpha: survey 25 (A1=2 from six, 100 from the chef, mean of 7 = 35.7) and
    cases 100 (two checks met in three cases): mean 67.9, tæt på, disagree."""
    result = assess_round(_round(1), instrument=FULL).municipalities[0]
    alpha = result.theme_readiness("alpha")
    assert alpha.survey_score == 35.7  # (6 * 25 + 100) / 7
    assert alpha.case_compliance == 100.0
    assert alpha.current == 67.8  # (35.7 + 100) / 2 = 67.85 -> 67.8
    assert alpha.level is ReadinessLevel.CLOSE
    beta = result.theme_readiness("beta")
    assert beta.case_compliance == 0.0  # 3 changes and 0 visits, three times
    assert beta.interview_challenges == 1
    assert result.needs[0].code == "dialogue"


def test_partnership_figures_need_four_municipalities() -> None:
    """Three municipalities: every partnership figure is withheld; four: shown."""
    three = assess_round(_round(3), instrument=FULL).partnership
    assert three is not None
    alpha = three.themes[0]
    assert alpha.survey[0].withheld_reason == SUPPRESSED_TOO_FEW_MUNICIPALITIES
    assert alpha.case_compliance is None
    assert alpha.mean_gap is None
    assert alpha.levels == ()
    assert (three.themes[1].strengths, three.themes[1].challenges) == (None, None)
    assert all(n.gap is None for n in three.needs)
    four = assess_round(_round(4), instrument=FULL).partnership
    assert four is not None
    assert four.themes[0].survey[0].score is not None
    assert four.themes[0].case_compliance == 100.0
    assert sum(n for _, n in four.themes[0].levels) == 4
    assert (four.themes[1].strengths, four.themes[1].challenges) == (0, 4)
    assert [d.day for d in four.joint_days] == [1, 2]


def test_partnership_has_no_free_text() -> None:
    """Neither comments nor interview paraphrases reach the partnership result."""
    result = assess_round(_round(4, texts=12), instrument=FULL)
    assert result.municipalities[0].survey.comments[0].texts  # the municipality's own
    partnership = result.partnership
    assert partnership is not None
    assert "Privat." not in repr(partnership)
    assert "Tekst" not in repr(partnership)
    names = {f.name for f in dataclasses.fields(PartnershipAssessment)}
    assert not names & {"comments", "texts", "examples_strength"}


def test_baseline_round_gives_a_remeasurement() -> None:
    """With a baseline round the municipality gets deltas; without, none."""
    follow = _round(1)
    assert assess_round(follow, instrument=FULL).municipalities[0].remeasurement is None
    baseline = dataclasses.replace(
        _round(1), round_name="Runde 1", instrument_version="1.0"
    )
    result = assess_round(
        dataclasses.replace(follow, baseline=baseline), instrument=FULL
    )
    remeasurement = result.municipalities[0].remeasurement
    assert remeasurement is not None
    assert remeasurement.baseline_round_name == "Runde 1"
    assert {d.subject: d.delta for d in remeasurement.items}["A1"] == 0.0


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_round_does_not_depend_on_the_order_of_respondents_or_cases(
    data: st.DataObject,
) -> None:
    """Shuffled responses and cases give exactly the same round assessment."""
    evidence = _round(4)
    shuffled = dataclasses.replace(
        evidence,
        municipalities=tuple(
            dataclasses.replace(
                m,
                survey=dataclasses.replace(
                    m.survey,
                    responses=tuple(data.draw(st.permutations(m.survey.responses))),
                ),
                cases=tuple(data.draw(st.permutations(m.cases))),
            )
            for m in evidence.municipalities
        ),
    )
    assert assess_round(evidence, instrument=FULL) == assess_round(
        shuffled, instrument=FULL
    )


def test_key_figures_of_the_newest_year_are_benchmarked_for_each_municipality(
    instrument: Instrument,
) -> None:
    """Each municipality carries the benchmarks of the newest year with inputs and
    its own inputs of that year; an older year's inputs are left out."""
    from parathed.analysis.keyfigures import benchmark_key_figures
    from parathed.demo.keyfigures import demo_key_figures

    codes = ("101", "147", "751", "461", "851")
    newest = demo_key_figures((*codes, "169", "183"), validated=("101",))
    older = tuple(dataclasses.replace(f, year=f.year - 1) for f in newest)
    evidence = RoundEvidence(
        partnership_name="P",
        round_name="Runde 1",
        instrument_version=instrument.version,
        municipalities=tuple(
            MunicipalityEvidence(code=c, name=c, survey=SurveyEvidence(c, ()))
            for c in codes
        ),
        figures=older + newest,
    )
    assessed = assess_round(evidence, instrument=instrument)
    year = newest[0].year
    expected = benchmark_key_figures(
        newest,
        year=year,
        indicators=instrument.indicators,
        municipality_codes=codes,
        partnership=codes,
    )
    a = assessed.municipality("101")
    assert a.key_figure_year == year
    assert a.key_figures == tuple(b for b in expected if b.municipality_code == "101")
    assert a.key_figures
    assert {f.municipality_code for f in a.figures} == {"101"}
    assert {f.year for f in a.figures} == {year}


def test_the_cycle_collector_is_restored_after_a_round(instrument: Instrument) -> None:
    """The collector is held off during the analysis only: on again afterwards (also
    after an error), and left off when the caller had turned it off."""
    import gc

    evidence = RoundEvidence(
        partnership_name="P",
        round_name="Runde 1",
        instrument_version=instrument.version,
        municipalities=(_municipality("101", 4),),
    )
    assert gc.isenabled()
    assess_round(evidence, instrument=instrument)
    assert gc.isenabled()
    broken = dataclasses.replace(
        evidence,
        municipalities=(
            MunicipalityEvidence(
                "101", "101", SurveyEvidence("101", (response(Role.CHEF, A1=9),))
            ),
        ),
    )
    with pytest.raises(ValueError, match="outside 1-5"):
        assess_round(broken, instrument=FULL)
    assert gc.isenabled()
    gc.disable()
    try:
        assess_round(evidence, instrument=instrument)
        assert not gc.isenabled()
    finally:
        gc.enable()
