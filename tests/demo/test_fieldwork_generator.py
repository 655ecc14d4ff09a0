"""The synthetic fieldwork: five cases per municipality, late BFUs, one disagreement."""

from __future__ import annotations

from datetime import date

import pytest

from parathed.analysis.agreement import case_outcomes, compare_screenings
from parathed.analysis.assessment import Agreement
from parathed.analysis.date_rules import derive_dates
from parathed.analysis.evidence import (
    AnswerEvidence,
    CaseEvidence,
    CheckAnswerEvidence,
    InterviewEvidence,
    MunicipalityEvidence,
    ResponseEvidence,
    RoundEvidence,
    StatementEvidence,
    SurveyEvidence,
    Valence,
)
from parathed.analysis.round import assess_round
from parathed.demo.generator import (
    DemoScreening,
    generate_fieldwork,
    generate_partnership,
)
from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import CheckStatus, Instrument, Role
from parathed.privacy import find_cpr_numbers

CODES = ("147", "157", "173", "219")


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument()


def _evidence(screening: DemoScreening) -> CaseEvidence:
    dates = dict(screening.dates)
    if screening.birth_year and screening.birth_month:
        dates["birth_date"] = date(screening.birth_year, screening.birth_month, 28)
    return CaseEvidence(
        label=screening.label,
        rater=screening.rater,
        kinds=screening.kinds,
        age_band=screening.age_band,
        dates=tuple(sorted(dates.items())),
        answers=tuple(
            CheckAnswerEvidence(a.check_id, a.status, a.count)
            for a in screening.answers
        ),
    )


def test_the_same_seed_gives_the_same_fieldwork(instrument: Instrument) -> None:
    first = generate_fieldwork(instrument=instrument, municipality_codes=CODES)
    assert first == generate_fieldwork(instrument=instrument, municipality_codes=CODES)
    assert first != generate_fieldwork(
        instrument=instrument, municipality_codes=CODES, seed=7
    )


def test_five_complete_cases_each_and_one_double_screening(
    instrument: Instrument,
) -> None:
    """Every applicable check is decided; only the first municipality's Sag A is
    screened twice, and the two screenings disagree."""
    fieldwork = generate_fieldwork(instrument=instrument, municipality_codes=CODES)
    for index, municipality in enumerate(fieldwork):
        first = [s for s in municipality.screenings if s.rater == 1]
        assert [s.label for s in first] == ["Sag A", "Sag B", "Sag C", "Sag D", "Sag E"]
        for screening in municipality.screenings:
            outcomes = case_outcomes(_evidence(screening), instrument.case_checks)
            assert None not in outcomes.values(), screening.label
        second = [s for s in municipality.screenings if s.rater == 2]
        assert len(second) == (1 if index == 0 else 0)
    pair = [_evidence(s) for s in fieldwork[0].screenings if s.label == "Sag A"]
    agreement = compare_screenings(pair[0], pair[1], instrument.case_checks)
    assert len(agreement.disagreements) == 2


def test_compliance_varies_and_some_investigations_are_late(
    instrument: Instrument,
) -> None:
    fieldwork = generate_fieldwork(
        instrument=instrument, municipality_codes=(*CODES, "259", "330")
    )
    late_bfu = 0
    shares = []
    for municipality in fieldwork:
        decided = met = 0
        for screening in municipality.screenings:
            outcomes = case_outcomes(_evidence(screening), instrument.case_checks)
            late_bfu += outcomes["CS-ES04"] is CheckStatus.NOT_MET
            counted = [
                o for o in outcomes.values() if o is not CheckStatus.NOT_RELEVANT
            ]
            decided += len(counted)
            met += sum(1 for o in counted if o is CheckStatus.MET)
        shares.append(met / decided)
    assert late_bfu >= 2
    assert max(shares) - min(shares) > 0.15


def test_interviews_cover_the_roles_and_leave_a_gap(instrument: Instrument) -> None:
    themes = {t.code for t in instrument.themes}
    for municipality in generate_fieldwork(
        instrument=instrument, municipality_codes=CODES
    ):
        roles = {r for i in municipality.interviews for r in i.roles}
        assert {Role.CHEF, Role.LEDER, Role.MEDARBEJDER} <= roles
        staff = {
            s.theme
            for i in municipality.interviews
            for s in i.statements
            if s.role is Role.MEDARBEJDER
        }
        assert len(themes - staff) == 1
        valences = {s.valence for i in municipality.interviews for s in i.statements}
        assert valences <= {"styrke", "udfordring"}
        for interview in municipality.interviews:
            assert interview.participants >= len(interview.roles)
            assert all(not find_cpr_numbers(s.paraphrase) for s in interview.statements)


def test_youth_cases_reach_the_17_and_a_half_year_rule(instrument: Instrument) -> None:
    """A case of a young person carries year and month of birth, never a day."""
    youth = [
        s
        for m in generate_fieldwork(instrument=instrument, municipality_codes=CODES)
        for s in m.screenings
        if "youth_17plus" in s.kinds
    ]
    assert youth
    for screening in youth:
        assert screening.birth_year is not None
        assert "birth_date" not in dict(screening.dates)
        assert "age_17_5_date" in derive_dates(dict(_evidence(screening).dates))


def _demo_round(instrument: Instrument, municipalities: int) -> RoundEvidence:
    """The demo partnership's questionnaire and fieldwork as analysis evidence."""
    demo = generate_partnership(instrument=instrument, municipalities=municipalities)
    fieldwork = {
        f.municipality_code: f
        for f in generate_fieldwork(
            instrument=instrument,
            municipality_codes=tuple(m.ref.code for m in demo.municipalities),
        )
    }
    result = []
    for m in demo.municipalities:
        work = fieldwork[m.ref.code]
        result.append(
            MunicipalityEvidence(
                code=m.ref.code,
                name=m.ref.name,
                survey=SurveyEvidence(
                    municipality_code=m.ref.code,
                    responses=tuple(
                        ResponseEvidence(
                            r.role, tuple(AnswerEvidence(*a) for a in r.answers)
                        )
                        for r in m.responses
                    ),
                ),
                cases=tuple(_evidence(s) for s in work.screenings),
                interviews=tuple(
                    InterviewEvidence(
                        roles=tuple(r.value for r in i.roles),
                        participants=i.participants,
                        statements=tuple(
                            StatementEvidence(
                                s.theme,
                                Valence(s.valence),
                                s.development_needs,
                                s.paraphrase,
                            )
                            for s in i.statements
                        ),
                    )
                    for i in work.interviews
                ),
            )
        )
    return RoundEvidence(
        partnership_name=demo.name,
        round_name=demo.round_name,
        instrument_version=instrument.version,
        municipalities=tuple(result),
    )


def test_demo_sources_agree_on_some_themes_and_not_on_others(
    instrument: Instrument,
) -> None:
    """Questionnaire, cases and interviews follow one level per municipality and
    theme, so the demo shows a realistic mix: between a third and four fifths of
    the themes with two or more sources agree, and the questionnaire and the case
    compliance lie on average within 15 points of each other."""
    assessment = assess_round(_demo_round(instrument, 18), instrument=instrument)
    readiness = [t for m in assessment.municipalities for t in m.readiness]
    judged = [
        t.agreement
        for t in readiness
        if t.agreement in (Agreement.AGREE, Agreement.DISAGREE)
    ]
    agreeing = judged.count(Agreement.AGREE) / len(judged)
    assert 1 / 3 <= agreeing <= 4 / 5, agreeing
    both = [
        (t.survey_score, t.case_compliance)
        for t in readiness
        if t.survey_score is not None and t.case_compliance is not None
    ]
    survey = sum(s for s, _ in both) / len(both)
    cases = sum(c for _, c in both) / len(both)
    assert abs(survey - cases) <= 15, (survey, cases)
