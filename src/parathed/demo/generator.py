"""Generates a realistic, synthetic partnership as plain data. No Django, no I/O.

Real municipality names and codes; respondents per role in plausible numbers (more in
larger municipalities, one to three chefs); answers with plausible patterns: each
municipality has its own strengths and weaknesses per theme, and leaders are more
positive than staff on continuity, steering and follow-up. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from parathed.analysis.evidence import (
    AnswerEvidence,
    CaseEvidence,
    CheckAnswerEvidence,
    FigureEvidence,
    InterviewEvidence,
    MunicipalityEvidence,
    ResponseEvidence,
    RoundEvidence,
    StatementEvidence,
    SurveyEvidence,
    Valence,
)
from parathed.instrument.schema import (
    CheckAnswerType,
    CheckStatus,
    Instrument,
    Keying,
    QuestionnaireItem,
    Role,
)
from parathed.reference.municipalities import MunicipalityRef, all_municipalities

DONT_KNOW_RATE = 0.05
# How much more positive ledelse (chef + leder) is than staff, by theme (scale points).
LEADER_OPTIMISM = {
    "casework_continuity": 0.6,
    "leadership_steering": 0.7,
    "earlier_support": 0.3,
}
# Themes municipalities broadly find hard (negative) or easy, before local effects.
THEME_BASE = {
    "earlier_support": 0.1,
    "placement_quality": 0.0,
    "casework_continuity": -0.5,
    "involvement_rights": 0.2,
    "transition_adulthood": -0.3,
    "leadership_steering": -0.2,
}
# Municipalities of the demo partnership of 18 (spread over all five regions).
DEFAULT_CODES = (
    "147",
    "157",
    "173",
    "219",
    "259",
    "330",
    "370",
    "410",
    "461",
    "561",
    "621",
    "657",
    "730",
    "740",
    "751",
    "787",
    "813",
    "851",
)


@dataclass(frozen=True, slots=True)
class DemoResponse:
    """One synthetic respondent: role and answers (None = "ved ikke")."""

    role: Role
    answers: tuple[tuple[str, int | None], ...]


@dataclass(frozen=True, slots=True)
class DemoMunicipality:
    """A real municipality with synthetic responses and expected staff numbers."""

    ref: MunicipalityRef
    expected: tuple[tuple[Role, int], ...]
    responses: tuple[DemoResponse, ...]


@dataclass(frozen=True, slots=True)
class DemoPartnership:
    """A synthetic partnership of municipalities in one baseline round."""

    slug: str
    name: str
    round_name: str
    municipalities: tuple[DemoMunicipality, ...]


def pick_municipalities(count: int) -> tuple[MunicipalityRef, ...]:
    """Returns ``count`` municipalities: the default 18 first, then by code; 1..98."""
    if not 1 <= count <= 98:
        raise ValueError("a partnership has between 1 and 98 municipalities")
    every = all_municipalities()
    if count == 98:
        return every
    chosen = [m for m in every if m.code in DEFAULT_CODES][:count]
    rest = [m for m in every if m.code not in DEFAULT_CODES]
    return tuple(sorted(chosen + rest[: count - len(chosen)], key=lambda m: m.name))


def _answer(
    rng: random.Random, *, item: QuestionnaireItem, latent: float
) -> int | None:
    if rng.random() < DONT_KNOW_RATE:
        return None
    aligned = min(5, max(1, round(3.2 + latent + rng.gauss(0, 0.85))))
    return 6 - aligned if item.keying is Keying.REVERSE else aligned


def _staff_numbers(rng: random.Random, size: float) -> dict[Role, int]:
    return {
        Role.CHEF: rng.choice((1, 1, 2, 3)),
        Role.LEDER: max(2, round(3 + 4 * size + rng.gauss(0, 1))),
        Role.MEDARBEJDER: max(6, round(18 + 40 * size + rng.gauss(0, 4))),
    }


def generate_partnership(
    *,
    instrument: Instrument,
    municipalities: int = 18,
    respondents: int | None = None,
    seed: int = 2024,
) -> DemoPartnership:
    """Returns a synthetic partnership; the same arguments always give the same data.

    ``respondents`` fixes the number of respondents per municipality (for benchmarks);
    None draws plausible numbers from each municipality's size. Response rates lie
    between 55 % and 90 % of the expected staff.
    """
    result = []
    for ref in pick_municipalities(municipalities):
        local = random.Random(f"{seed}-{ref.code}")  # noqa: S311 (synthetic data)
        size = local.random()
        theme_effect = {
            theme.code: THEME_BASE.get(theme.code, 0.0) + local.gauss(0, 0.45)
            for theme in instrument.themes
        }
        expected = _staff_numbers(local, size)
        if respondents is None:
            counts = {
                role: max(1, round(n * local.uniform(0.55, 0.9)))
                for role, n in expected.items()
            }
        else:
            counts = _split(respondents, expected)
        responses = []
        for role, count in counts.items():
            bias = 0.0
            for _ in range(count):
                person = local.gauss(0, 0.35)
                answers = []
                for item in instrument.items_for_role(role):
                    if role is not Role.MEDARBEJDER:
                        bias = LEADER_OPTIMISM.get(item.theme, 0.1)
                    latent = theme_effect[item.theme] + bias + person
                    answers.append((item.id, _answer(local, item=item, latent=latent)))
                responses.append(DemoResponse(role=role, answers=tuple(answers)))
        result.append(
            DemoMunicipality(
                ref=ref,
                expected=tuple(expected.items()),
                responses=tuple(responses),
            )
        )
    return DemoPartnership(
        slug="demo-boernene-foerst",
        name="Demopartnerskab Børnene Først",
        round_name="Parathedsanalyse 2026 (baseline)",
        municipalities=tuple(result),
    )


def _split(total: int, expected: dict[Role, int]) -> dict[Role, int]:
    """Splits ``total`` respondents over roles in proportion to the expected staff."""
    staff = sum(expected.values())
    chefs = min(expected[Role.CHEF], max(1, total // 50)) if total >= 10 else 0
    leaders = round(total * expected[Role.LEDER] / staff)
    leaders = min(total - chefs, max(1 if total >= 3 else 0, leaders))
    return {
        Role.CHEF: chefs,
        Role.LEDER: leaders,
        Role.MEDARBEJDER: max(0, total - chefs - leaders),
    }


# --- A national round of evidence (for the analysis benchmark, issue #7) -------------


def generate_national_round(
    *,
    instrument: Instrument,
    respondents: int = 150,
    cases: int = 5,
    seed: int = 2024,
) -> RoundEvidence:
    """Returns a synthetic round of all 98 municipalities as analysis evidence.

    Each municipality gets ``respondents`` questionnaire responses (split over roles as
    in ``generate_partnership``), ``cases`` screened cases (the first also screened by
    a second rater), three coded interviews and one key-figure input per indicator.
    Deterministic for a seed.
    """
    partnership = generate_partnership(
        instrument=instrument, municipalities=98, respondents=respondents, seed=seed
    )
    municipalities = []
    figures: list[FigureEvidence] = []
    for demo in partnership.municipalities:
        rng = random.Random(f"{seed}-evidence-{demo.ref.code}")  # noqa: S311
        survey = SurveyEvidence(
            municipality_code=demo.ref.code,
            responses=tuple(
                ResponseEvidence(
                    role=r.role,
                    answers=tuple(AnswerEvidence(i, v) for i, v in r.answers),
                )
                for r in demo.responses
            ),
        )
        screened = []
        for n in range(cases):
            case = _demo_case(rng, instrument=instrument, label=f"Sag {chr(65 + n)}")
            screened.append(case)
            if n == 0:
                screened.append(_second_rater(rng, case))
        municipalities.append(
            MunicipalityEvidence(
                code=demo.ref.code,
                name=demo.ref.name,
                survey=survey,
                cases=tuple(screened),
                interviews=tuple(
                    _demo_interview(rng, instrument=instrument, role=role)
                    for role in ("chef", "leder", "medarbejder")
                ),
            )
        )
        figures.extend(
            FigureEvidence(
                municipality_code=demo.ref.code,
                name=indicator.id,
                year=2025,
                value=round(rng.uniform(1, 100), 1),
                source="Syntetiske demodata",
            )
            for indicator in instrument.indicators
        )
    return RoundEvidence(
        partnership_name="Syntetisk landsrunde",
        round_name=partnership.round_name,
        instrument_version=instrument.version,
        municipalities=tuple(municipalities),
        figures=tuple(figures),
    )


def _demo_case(
    rng: random.Random, *, instrument: Instrument, label: str
) -> CaseEvidence:
    kinds = tuple(
        sorted(rng.sample([k.code for k in instrument.case_kinds] or ["support"], 2))
    )
    start = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
    dates = {"birth_date": start - timedelta(days=rng.randrange(365, 365 * 17))}
    for fact in instrument.case_facts:
        if not fact.derived and fact.name != "birth_date" and rng.random() < 0.9:
            dates[fact.name] = start + timedelta(days=rng.randrange(0, 150))
    answers = []
    for check in instrument.case_checks:
        if check.answer_type is CheckAnswerType.DATE:
            answers.append(CheckAnswerEvidence(check.id))
        elif check.answer_type is CheckAnswerType.COUNT:
            answers.append(CheckAnswerEvidence(check.id, count=rng.randrange(0, 4)))
        else:
            status = rng.choices(list(CheckStatus), weights=(60, 20, 10, 10), k=1)[0]
            answers.append(CheckAnswerEvidence(check.id, status=status))
    return CaseEvidence(
        label=label,
        rater=1,
        kinds=kinds,
        age_band=rng.choice(("0-5", "6-11", "12-17")),
        dates=tuple(sorted(dates.items())),
        answers=tuple(answers),
    )


def _second_rater(rng: random.Random, case: CaseEvidence) -> CaseEvidence:
    answers = tuple(
        CheckAnswerEvidence(a.check_id, status=rng.choice(list(CheckStatus)))
        if a.status is not None and rng.random() < 0.15
        else a
        for a in case.answers
    )
    return CaseEvidence(
        label=case.label,
        rater=2,
        kinds=case.kinds,
        age_band=case.age_band,
        dates=case.dates,
        answers=answers,
    )


def _demo_interview(
    rng: random.Random, *, instrument: Instrument, role: str
) -> InterviewEvidence:
    needs = [n.code for n in instrument.development_needs]
    statements = []
    for _ in range(rng.randrange(8, 13)):
        theme = rng.choice(instrument.themes).code
        valence = rng.choice((Valence.STRENGTH, Valence.CHALLENGE))
        statements.append(
            StatementEvidence(
                theme=theme,
                valence=valence,
                development_needs=(rng.choice(needs),)
                if needs and valence is Valence.CHALLENGE
                else (),
                paraphrase="Syntetisk udsagn (demodata).",
            )
        )
    return InterviewEvidence(
        roles=(role,), participants=rng.randrange(2, 7), statements=tuple(statements)
    )
