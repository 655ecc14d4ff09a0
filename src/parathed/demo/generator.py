"""Generates a realistic, synthetic partnership as plain data. No Django, no I/O.

Real municipality names and codes; respondents per role in plausible numbers (more in
larger municipalities, one to three chefs); answers with plausible patterns: each
municipality has its own strengths and weaknesses per theme, and leaders are more
positive than staff on continuity, steering and follow-up. Deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from parathed.instrument.schema import Instrument, Keying, QuestionnaireItem, Role
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
