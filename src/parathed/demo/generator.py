"""Generates a realistic, synthetic partnership as plain data. No Django, no I/O.

Real municipality names and codes; respondents per role in plausible numbers (more in
larger municipalities, one to three chefs); answers with plausible patterns: each
municipality has its own strengths and weaknesses per theme, and leaders are more
positive than staff on continuity, steering and follow-up. Deterministic for a seed.
"""

from __future__ import annotations

import math
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


# --- Key figures (issue #6): synthetic but plausible inputs for all 98 -------------


@dataclass(frozen=True, slots=True)
class DemoFigure:
    """One synthetic key-figure input of one municipality (or "000", the nation)."""

    municipality_code: str
    name: str  # an input of parathed.analysis.keyfigures.INPUTS
    value: float | None


# Inputs that are shares in percent of an age group: the nation gets the mean
# weighted by that age group, not a sum.
_DEMO_SHARES = {
    "preventive_share_0_17": "population_0_17",
    "placed_share_0_17": "population_0_17",
    "supported_share_18_22": "population_18_22",
    "vulnerable_share_0_22": "population_0_17",
}


def _clip(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def _demo_statbank_inputs(rng: random.Random) -> dict[str, float]:
    """StatBank-like inputs of one municipality, in plausible proportions."""
    population = round(
        _clip(math.exp(rng.gauss(math.log(45_000), 0.75)), 1_800, 650_000)
    )
    young = round(population * rng.uniform(0.17, 0.23))
    adults = round(population * rng.uniform(0.05, 0.09))
    preventive = round(_clip(rng.gauss(2.4, 0.6), 0.8, 5.0), 1)
    placed_share = round(_clip(rng.gauss(1.0, 0.3), 0.3, 2.5), 1)
    placed_young = round(young * placed_share / 100)
    placed_adults = round(adults * rng.uniform(0.004, 0.012))
    placed = placed_young + placed_adults
    notified = round(young * _clip(rng.gauss(92, 18), 40, 160) / 1000)
    special = round(young * rng.uniform(9, 16))  # 1.000 kr.
    supported = round(young * preventive / 100 * rng.uniform(1.1, 1.5))
    return {
        "population_0_17": young,
        "population_18_22": adults,
        "population_total": population,
        "area_km2": round(rng.uniform(9, 1_500), 1),
        "notifications": round(notified * rng.uniform(1.4, 2.0)),
        "children_with_notifications": notified,
        "preventive_share_0_17": preventive,
        "placed_share_0_17": placed_share,
        "supported_share_18_22": round(_clip(rng.gauss(3.0, 0.8), 0.8, 6.0), 1),
        "vulnerable_share_0_22": round(_clip(rng.gauss(3.5, 0.8), 1.2, 7.0), 1),
        "placed_0_17": placed_young,
        "placed_18_22": placed_adults,
        "placed_all": placed,
        "placed_place_unknown": round(placed * rng.uniform(0, 0.02)),
        "placed_network": round(placed * rng.uniform(0.05, 0.15)),
        "placed_foster_family": round(placed * rng.uniform(0.4, 0.6)),
        "placed_residential": round(placed * rng.uniform(0.25, 0.4)),
        "placed_by_decision_all": placed,
        "placed_without_consent": round(placed * rng.uniform(0.1, 0.25)),
        "expenditure_preventive": round(special * rng.uniform(0.2, 0.35)),
        "expenditure_special_needs": special,
        "interventions_active": round(supported * rng.uniform(1.3, 2.0)),
        "children_with_interventions": supported,
    }


def _demo_municipal_inputs(
    rng: random.Random, statbank: dict[str, float]
) -> dict[str, float]:
    """What only the municipality knows, in plausible proportions to its size."""
    open_children = round(statbank["population_0_17"] * rng.uniform(0.03, 0.05))
    decisions = round(open_children * rng.uniform(0.6, 1.0))
    return {
        "municipal:placed_age_0_5": round(
            statbank["placed_0_17"] * rng.uniform(0.08, 0.18)
        ),
        "municipal:caseworker_changes_12m": round(
            open_children * rng.uniform(0.3, 0.9)
        ),
        "municipal:children_with_open_case": open_children,
        "municipal:open_cases": round(open_children * rng.uniform(0.8, 1.0)),
        "municipal:caseworker_fte": round(open_children / rng.uniform(22, 38), 1),
        "municipal:decisions": decisions,
        "municipal:decisions_with_child_conversation": round(
            decisions * rng.uniform(0.5, 0.85)
        ),
    }


def generate_key_figures(
    *, partnership_codes: tuple[str, ...], seed: int = 2024
) -> tuple[DemoFigure, ...]:
    """Returns synthetic key-figure inputs for all 98 municipalities and the nation.

    StatBank-like inputs for every municipality (so benchmarks against the nation
    have all 98); the municipality's own inputs only for ``partnership_codes``. The
    nation ("000") sums the counts and weights the shares. Deterministic for a seed.
    """
    figures: list[DemoFigure] = []
    totals: dict[str, float] = {}
    for ref in all_municipalities():
        local = random.Random(f"{seed}-keyfigures-{ref.code}")  # noqa: S311 (synthetic)
        statbank = _demo_statbank_inputs(local)
        inputs = dict(statbank)
        if ref.code in partnership_codes:
            inputs |= _demo_municipal_inputs(local, statbank)
        figures.extend(DemoFigure(ref.code, n, v) for n, v in inputs.items())
        for name, value in statbank.items():
            weight = statbank[_DEMO_SHARES[name]] if name in _DEMO_SHARES else 1.0
            totals[name] = totals.get(name, 0.0) + value * weight
    for name, total in totals.items():
        if name in _DEMO_SHARES:
            total = round(total / totals[_DEMO_SHARES[name]], 1)
        figures.append(DemoFigure("000", name, total))
    return tuple(figures)
