"""The synthetic demo partnership: deterministic, real places, plausible answers."""

from __future__ import annotations

from collections import Counter
from statistics import fmean

import pytest

from parathed.analysis.evidence import AnswerEvidence, ResponseEvidence, SurveyEvidence
from parathed.analysis.keyfigures import (
    DST_GROUP_INPUT,
    INPUTS,
    ComparisonKind,
    InputKind,
)
from parathed.analysis.round import assess_round
from parathed.analysis.survey import score_survey
from parathed.demo.generator import (
    DEFAULT_CODES,
    DemoMunicipality,
    generate_national_round,
    generate_partnership,
    pick_municipalities,
)
from parathed.instrument.schema import Instrument, Role
from parathed.reference.municipalities import all_municipalities

LEADERS = frozenset({Role.CHEF, Role.LEDER})
STAFF = frozenset({Role.MEDARBEJDER})


def _score(
    municipality: DemoMunicipality,
    roles: frozenset[Role],
    theme: str,
    instrument: Instrument,
) -> float | None:
    """The theme score of the respondents in ``roles`` (threshold 1: a check here)."""
    evidence = SurveyEvidence(
        municipality_code=municipality.ref.code,
        responses=tuple(
            ResponseEvidence(
                role=r.role,
                answers=tuple(AnswerEvidence(item_id=k, value=v) for k, v in r.answers),
            )
            for r in municipality.responses
            if r.role in roles
        ),
        threshold=1,
    )
    return score_survey(evidence, instrument=instrument).theme(theme).score


def test_same_seed_gives_the_same_partnership(instrument: Instrument) -> None:
    """Two runs with one seed give equal data; another seed gives other answers."""
    first = generate_partnership(instrument=instrument, municipalities=4, seed=7)
    again = generate_partnership(instrument=instrument, municipalities=4, seed=7)
    other = generate_partnership(instrument=instrument, municipalities=4, seed=8)
    assert first == again
    assert [m.ref for m in other.municipalities] == [
        m.ref for m in first.municipalities
    ]
    assert other.municipalities != first.municipalities


def test_default_partnership_has_eighteen_real_municipalities(
    instrument: Instrument,
) -> None:
    """By default: the 18 listed municipalities, each a real code and name."""
    demo = generate_partnership(instrument=instrument)
    real = {m.code: m.name for m in all_municipalities()}
    codes = [m.ref.code for m in demo.municipalities]
    assert len(codes) == 18
    assert sorted(codes) == sorted(DEFAULT_CODES)
    for m in demo.municipalities:
        assert real[m.ref.code] == m.ref.name
    by_code = {m.ref.code: m.ref.name for m in demo.municipalities}
    assert by_code["147"] == "Frederiksberg"
    assert by_code["751"] == "Aarhus"


def test_default_partnership_names_and_slug(instrument: Instrument) -> None:
    """The demo is the partnership "demo-boernene-foerst" in a baseline round."""
    demo = generate_partnership(instrument=instrument, municipalities=1)
    assert demo.slug == "demo-boernene-foerst"
    assert "baseline" in demo.round_name


@pytest.mark.parametrize(("count", "first_default"), [(1, 1), (18, 18), (20, 18)])
def test_pick_municipalities_takes_the_default_ones_first(
    count: int, first_default: int
) -> None:
    """``count`` municipalities, of which the default ones come first."""
    picked = pick_municipalities(count)
    assert len(picked) == count == len({m.code for m in picked})
    assert sum(m.code in DEFAULT_CODES for m in picked) == first_default


@pytest.mark.parametrize("count", [0, 99])
def test_pick_municipalities_rejects_impossible_counts(count: int) -> None:
    """Denmark has 98 municipalities; asking for 0 or 99 raises ValueError."""
    with pytest.raises(ValueError, match="between 1 and 98"):
        pick_municipalities(count)


def test_answers_fit_the_instrument_and_the_role(instrument: Instrument) -> None:
    """Each response answers exactly its role's items with 1-5 or "ved ikke"."""
    demo = generate_partnership(instrument=instrument, municipalities=3)
    for municipality in demo.municipalities:
        roles = {r.role for r in municipality.responses}
        assert roles == {Role.CHEF, Role.LEDER, Role.MEDARBEJDER}
        for r in municipality.responses:
            expected = [item.id for item in instrument.items_for_role(r.role)]
            assert [item_id for item_id, _ in r.answers] == expected
            assert all(v is None or 1 <= v <= 5 for _, v in r.answers)


def test_leaders_are_more_positive_than_staff_on_continuity(
    instrument: Instrument,
) -> None:
    """On casework_continuity, chef + leder score above medarbejder on average."""
    demo = generate_partnership(instrument=instrument)
    gaps = []
    for municipality in demo.municipalities:
        leaders = _score(municipality, LEADERS, "casework_continuity", instrument)
        staff = _score(municipality, STAFF, "casework_continuity", instrument)
        assert leaders is not None
        assert staff is not None
        gaps.append(leaders - staff)
    assert fmean(gaps) > 5.0  # score points on 0-100; the generator's gap is ~15


@pytest.mark.parametrize(
    "respondents",
    [
        1,
        2,
        3,
        5,
        40,
        300,
    ],
)
def test_respondents_fixes_the_count_per_municipality(
    instrument: Instrument, respondents: int
) -> None:
    """``respondents=N`` gives every municipality exactly N responses."""
    demo = generate_partnership(
        instrument=instrument, municipalities=3, respondents=respondents
    )
    assert [len(m.responses) for m in demo.municipalities] == [respondents] * 3


def test_national_round_is_deterministic_and_complete(instrument: Instrument) -> None:
    """98 municipalities, each with its responses, cases (one double-screened),
    three interviews and every key-figure input; same seed, same round."""
    first = generate_national_round(instrument=instrument, respondents=10, cases=2)
    assert first == generate_national_round(
        instrument=instrument, respondents=10, cases=2
    )
    assert len(first.municipalities) == 98
    sample = first.municipalities[0]
    assert len(sample.survey.responses) == 10
    assert [c.rater for c in sample.cases] == [1, 2, 1]
    assert len(sample.interviews) == 3
    names = Counter(f.name for f in first.figures)
    assert set(names) == set(INPUTS)
    # Every input for each of the 98, the DST group too; StatBank inputs for the nation.
    statbank = [n for n, i in INPUTS.items() if i.kind is InputKind.STATBANK]
    assert names == {n: 98 + (n in statbank) for n in INPUTS}
    groups = {f.value for f in first.figures if f.name == DST_GROUP_INPUT}
    assert groups == {1.0, 2.0, 3.0, 4.0, 5.0}


def test_national_round_computes_every_indicator_for_every_municipality(
    instrument: Instrument,
) -> None:
    """The round's key figures are real inputs, so each of the instrument's indicators
    has a value and a rank in every comparison, for each of the 98 municipalities."""
    evidence = generate_national_round(instrument=instrument, respondents=5, cases=1)
    assessment = assess_round(evidence, instrument=instrument)
    indicators = [i.id for i in instrument.indicators]
    assert len(indicators) == 18
    assert len(assessment.municipalities) == 98
    for m in assessment.municipalities:
        assert m.key_figure_year == 2025
        assert [b.indicator_id for b in m.key_figures] == indicators, m.code
        for benchmark in m.key_figures:
            assert benchmark.value is not None, (m.code, benchmark.indicator_id)
            assert [p.kind for p in benchmark.positions] == list(ComparisonKind)
            assert all(p.rank is not None for p in benchmark.positions)
        assert {f.name for f in m.figures} == set(INPUTS)
