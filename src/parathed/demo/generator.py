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
from parathed.analysis.keyfigures.inputs import DST_GROUP_INPUT
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
        for _ in instrument.themes:  # the draws the shared levels replaced
            local.gauss(0, 0.45)
        theme_effect = theme_levels(instrument=instrument, code=ref.code, seed=seed)
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
    a second rater), three coded interviews, and every key-figure input of every
    municipality and the nation (``national_key_figures``). Deterministic for a seed.
    """
    partnership = generate_partnership(
        instrument=instrument, municipalities=98, respondents=respondents, seed=seed
    )
    municipalities = []
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
    return RoundEvidence(
        partnership_name="Syntetisk landsrunde",
        round_name=partnership.round_name,
        instrument_version=instrument.version,
        municipalities=tuple(municipalities),
        figures=national_key_figures(tuple(m.code for m in municipalities), seed=seed),
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


# --- Shared levels (issue #8): one practice level per municipality and theme ----------
# The questionnaire, the case screenings and the interviews of a demo municipality
# all follow the same level per theme, each with its own noise, so that the sources
# agree on some themes and disagree on others, as in a real round.


def theme_levels(*, instrument: Instrument, code: str, seed: int) -> dict[str, float]:
    """Returns theme -> the municipality's latent level (scale points around 0).

    The questionnaire answers centre on 3.2 + level (score about 55 + 25 x level);
    the case compliance and the interview strengths follow ``theme_compliance``.
    Deterministic for (code, seed).
    """
    rng = random.Random(f"{seed}-levels-{code}")  # noqa: S311 (synthetic data)
    return {
        theme.code: THEME_BASE.get(theme.code, 0.0) + rng.gauss(0, 0.45)
        for theme in instrument.themes
    }


def theme_compliance(level: float) -> float:
    """Returns the share of case checks met (and of strengths said) at ``level``:
    about 0.6 where the questionnaire score is about 60, so both sources cross the
    readiness line at about the same level."""
    return _clip(0.57 + 0.22 * level, 0.15, 0.95)


# --- Fieldwork (issue #5): case screenings and coded interviews ----------------------
# Five cases per municipality of a few realistic kinds, dates drawn so that some
# investigations (BFU) run past the four months and some follow-ups are late; each
# municipality has its own level of compliance. The first municipality's "Sag A" is
# screened a second time by another consultant who decides two checks differently.
# Interviews: a chef, a group of leaders, a group of staff, sometimes the provider
# side, each with coded statements; one theme is left out for staff, so the coverage
# view has a gap to show. Paraphrases are short synthetic sentences, never names.

REVIEW_DAY = date(2026, 4, 15)
CASE_LABELS = ("Sag A", "Sag B", "Sag C", "Sag D", "Sag E")
# (kinds, age band) of the cases; a municipality draws five of these.
CASE_PROFILES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("notification", "support"), "6-11"),
    (("notification", "placement"), "12-17"),
    (("application", "support", "disability"), "0-5"),
    (("placement", "youth_17plus"), "12-17"),
    (("notification",), "6-11"),
    (("notification", "support"), "12-17"),
    (("application", "support"), "6-11"),
)
PARAPHRASES = {
    "styrke": (
        "Faste møder med barnet før hver afgørelse.",
        "Gode erfaringer med netværksråd tidligt i sagen.",
        "Tæt samarbejde med skolen om tidlige tegn.",
        "Lederen følger fristerne op hver uge.",
    ),
    "udfordring": (
        "Mange skift af rådgiver det seneste år.",
        "Undersøgelserne trækker ud på grund af ventetid.",
        "Opfølgningen sker ofte senere end planlagt.",
        "Ungeplanen bliver først lavet tæt på 18 år.",
    ),
}


# Paraphrases that belong to their theme (issue #8: a statement on early support
# should not speak of the plan for turning 18); PARAPHRASES for other themes.
THEME_PARAPHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "earlier_support": {
        "styrke": (
            "Tæt samarbejde med skolen om tidlige tegn.",
            "Gode erfaringer med netværksråd tidligt i sagen.",
            "Familierådgivningen kan hjælpe uden en lang visitation.",
        ),
        "udfordring": (
            "Undersøgelserne trækker ud på grund af ventetid.",
            "Familierne venter ofte måneder på den rette indsats.",
            "Tilbudsviften mangler lette, tidlige indsatser.",
        ),
    },
    "placement_quality": {
        "styrke": (
            "Plejefamilierne får god supervision det første år.",
            "Netværket bliver undersøgt, før barnet anbringes.",
            "Matchningen af barn og anbringelsessted er grundig.",
        ),
        "udfordring": (
            "For mange børn flytter anbringelsessted undervejs.",
            "Handleplanen bliver lavet sent efter anbringelsen.",
            "Der mangler plejefamilier til de største børn.",
        ),
    },
    "casework_continuity": {
        "styrke": (
            "Barnet beholder sin rådgiver, når sagen skifter team.",
            "Lederen følger fristerne op hver uge.",
            "Svære sager har to rådgivere tilknyttet.",
        ),
        "udfordring": (
            "Mange skift af rådgiver det seneste år.",
            "Opfølgningen sker ofte senere end planlagt.",
            "Sager skifter hænder ved hver visitation.",
        ),
    },
    "involvement_rights": {
        "styrke": (
            "Faste møder med barnet før hver afgørelse.",
            "Børnene kender deres bisidder og ved, hvor de kan henvende sig.",
            "Samtalerne med barnet bliver skrevet ind i afgørelsen.",
        ),
        "udfordring": (
            "Børnesamtalen bliver ofte holdt lige før afgørelsen.",
            "De mindste børn bliver sjældent hørt direkte.",
            "Børnene kender ikke deres ret til at klage.",
        ),
    },
    "transition_adulthood": {
        "styrke": (
            "Ungeteamet tager over fra 16 år.",
            "Efterværnet bliver tilbudt til alle anbragte unge.",
            "Overgangen til voksenområdet aftales i god tid.",
        ),
        "udfordring": (
            "Ungeplanen bliver først lavet tæt på 18 år.",
            "Voksenområdet kommer sent ind i sagen.",
            "Efterværnet bliver tilbudt sent eller slet ikke.",
        ),
    },
    "leadership_steering": {
        "styrke": (
            "Ledelsen gennemgår økonomi og indsatser hver måned.",
            "Lederen sparrer fast med rådgiverne om progression.",
            "Der er klare mål for sagsbehandlingen.",
        ),
        "udfordring": (
            "Indsatser løber videre uden opfølgning på effekt.",
            "Ledelsen mangler data om sagernes forløb.",
            "Budgettet styrer mere end barnets behov.",
        ),
    },
}


@dataclass(frozen=True, slots=True)
class DemoCheckAnswer:
    """One synthetic answer: a chosen status and/or a count (dates decide the rest)."""

    check_id: str
    status: CheckStatus | None = None
    count: int | None = None


@dataclass(frozen=True, slots=True)
class DemoScreening:
    """One synthetic completed screening of a pseudonymous case."""

    label: str
    rater: int  # 1, or 2 for the second consultant's screening of the same case
    age_band: str
    kinds: tuple[str, ...]
    birth_year: int | None
    birth_month: int | None
    dates: tuple[tuple[str, date], ...]
    answers: tuple[DemoCheckAnswer, ...]


@dataclass(frozen=True, slots=True)
class DemoStatement:
    """One coded statement: who said it, theme, valence, needs, a paraphrase."""

    role: Role
    theme: str
    valence: str
    development_needs: tuple[str, ...]
    paraphrase: str


@dataclass(frozen=True, slots=True)
class DemoInterview:
    """One synthetic interview: date, roles present, head count, statements."""

    held_on: date
    roles: tuple[Role, ...]
    participants: int
    statements: tuple[DemoStatement, ...]


@dataclass(frozen=True, slots=True)
class DemoFieldwork:
    """The fieldwork of one municipality."""

    municipality_code: str
    screenings: tuple[DemoScreening, ...]
    interviews: tuple[DemoInterview, ...]


def _days(start: date, days: int) -> date:
    return date.fromordinal(start.toordinal() + days)


def _case_dates(
    rng: random.Random, kinds: tuple[str, ...], lateness: float
) -> dict[str, date]:
    """Plausible dates of one case; ``lateness`` (0..1) makes deadlines slip."""
    awareness = _days(REVIEW_DAY, -rng.randint(240, 420))
    dates = {"review_date": REVIEW_DAY, "awareness_date": awareness}
    if "notification" in kinds:
        dates["notification_received"] = awareness
        late = rng.random() < lateness / 2
        dates["assessment_24h_date"] = _days(
            awareness, rng.randint(2, 5) if late else rng.randint(0, 1)
        )
    if {"notification", "application"} & set(kinds):
        dates["screening_date"] = _days(awareness, rng.randint(1, 7))
        dates["bfu_started_date"] = _days(awareness, rng.randint(7, 21))
        bfu_days = (
            rng.randint(125, 175) if rng.random() < lateness else (rng.randint(70, 118))
        )
        dates["bfu_finished_date"] = _days(awareness, bfu_days)
        decided = _days(dates["bfu_finished_date"], rng.randint(5, 20))
    else:
        decided = _days(awareness, rng.randint(30, 90))
    if {"support", "placement"} & set(kinds):
        dates["decision_date"] = decided
        talk = (
            rng.randint(1, 10) if rng.random() < lateness / 2 else -rng.randint(0, 14)
        )
        dates["child_conversation_date"] = _days(decided, talk)
        start = _days(decided, rng.randint(7, 30))
        dates["support_start_date"] = start
        follow = (
            rng.randint(95, 150) if rng.random() < lateness else rng.randint(45, 88)
        )
        dates["first_followup_date"] = _days(start, follow)
    if "placement" in kinds:
        dates["placement_date"] = _days(decided, rng.randint(3, 14))
        plan = rng.randint(95, 140) if rng.random() < lateness else rng.randint(20, 85)
        dates["plan_date"] = _days(dates["placement_date"], plan)
    return {k: v for k, v in dates.items() if v <= REVIEW_DAY}


def _screening(
    rng: random.Random,
    instrument: Instrument,
    *,
    label: str,
    profile: tuple[tuple[str, ...], str],
    compliance: float,
    by_theme: dict[str, float] | None = None,
) -> DemoScreening:
    kinds, band = profile
    dates = _case_dates(rng, kinds, lateness=1.0 - compliance)
    birth_year = birth_month = None
    if "youth_17plus" in kinds:
        birth_year, birth_month = REVIEW_DAY.year - 18, rng.randint(6, 12)
        seventeen_half = date(birth_year + 17, birth_month, 28)
        slip = (
            rng.randint(20, 120) if rng.random() > compliance else -rng.randint(30, 120)
        )
        dates["post18_plan_date"] = _days(seventeen_half, slip)
    known = set(dates) | (
        {"age_17_5_date", "age_18_date"} if birth_year is not None else set()
    )
    answers = []
    overall = compliance
    for check in instrument.case_checks:
        if check.applies_to and not set(check.applies_to) & set(kinds):
            continue
        compliance = (by_theme or {}).get(check.theme, overall)
        if check.answer_type is CheckAnswerType.DATE:
            rule = check.rule
            if rule is not None and {rule.start, rule.end} <= known:
                answers.append(DemoCheckAnswer(check.id))
            else:
                answers.append(DemoCheckAnswer(check.id, CheckStatus.NOT_RELEVANT))
        elif check.answer_type is CheckAnswerType.COUNT:
            if check.count_min is not None:  # visits: more is better
                count = (
                    rng.randint(2, 4)
                    if rng.random() < compliance
                    else (rng.randint(0, 1))
                )
            else:  # changes of caseworker: fewer is better
                count = (
                    rng.randint(0, 1)
                    if rng.random() < compliance
                    else (rng.randint(2, 3))
                )
            answers.append(DemoCheckAnswer(check.id, count=count))
        else:
            draw = rng.random()
            if "Ikke relevant" in check.guidance and draw < 0.15:
                status = CheckStatus.NOT_RELEVANT
            elif draw < compliance:
                status = CheckStatus.MET
            elif draw < compliance + (1 - compliance) / 3:
                status = CheckStatus.NOT_DOCUMENTED
            else:
                status = CheckStatus.NOT_MET
            answers.append(DemoCheckAnswer(check.id, status))
    return DemoScreening(
        label=label,
        rater=1,
        age_band=band,
        kinds=tuple(sorted(kinds)),
        birth_year=birth_year,
        birth_month=birth_month,
        dates=tuple(sorted(dates.items())),
        answers=tuple(answers),
    )


def _second_opinion(rng: random.Random, first: DemoScreening) -> DemoScreening:
    """The same case screened again, with two STATUS checks decided differently."""
    flip = {
        CheckStatus.MET: CheckStatus.NOT_MET,
        CheckStatus.NOT_MET: CheckStatus.MET,
        CheckStatus.NOT_DOCUMENTED: CheckStatus.NOT_MET,
        CheckStatus.NOT_RELEVANT: CheckStatus.MET,
    }
    decided = [i for i, a in enumerate(first.answers) if a.status in flip]
    chosen = set(rng.sample(decided, k=min(2, len(decided))))
    answers = tuple(
        DemoCheckAnswer(a.check_id, flip[a.status]) if i in chosen and a.status else a
        for i, a in enumerate(first.answers)
    )
    return DemoScreening(
        label=first.label,
        rater=2,
        age_band=first.age_band,
        kinds=first.kinds,
        birth_year=first.birth_year,
        birth_month=first.birth_month,
        dates=first.dates,
        answers=answers,
    )


def _interviews(
    rng: random.Random, instrument: Instrument, by_theme: dict[str, float]
) -> tuple[DemoInterview, ...]:
    themes = [t.code for t in instrument.themes]
    needs = [n.code for n in instrument.development_needs]
    staff_gap = rng.choice(themes)  # staff never get to this theme: a coverage gap
    groups: list[tuple[tuple[Role, ...], int]] = [
        ((Role.CHEF,), 1),
        ((Role.LEDER,), rng.randint(2, 4)),
        ((Role.MEDARBEJDER,), rng.randint(4, 8)),
    ]
    if rng.random() < 0.6:
        groups.append(((Role.LEDER, Role.UDFOERER), rng.randint(2, 4)))
    interviews = []
    for n, (roles, participants) in enumerate(groups):
        statements = []
        for role in roles:
            spoken = [
                t for t in themes if not (role is Role.MEDARBEJDER and t == staff_gap)
            ]
            if role is Role.UDFOERER:
                spoken = rng.sample(spoken, k=2)
            for theme in spoken:
                for _ in range(rng.randint(1, 2)):
                    valence = (
                        "styrke" if rng.random() < by_theme[theme] else "udfordring"
                    )
                    statements.append(
                        DemoStatement(
                            role=role,
                            theme=theme,
                            valence=valence,
                            development_needs=tuple(
                                rng.sample(needs, k=rng.randint(0, 2))
                            )
                            if valence == "udfordring"
                            else (),
                            paraphrase=rng.choice(
                                THEME_PARAPHRASES.get(theme, PARAPHRASES)[valence]
                            )
                            if rng.random() < 0.5
                            else "",
                        )
                    )
        interviews.append(
            DemoInterview(
                held_on=_days(REVIEW_DAY, 7 + 2 * n),
                roles=roles,
                participants=participants,
                statements=tuple(statements),
            )
        )
    return tuple(interviews)


def generate_fieldwork(
    *, instrument: Instrument, municipality_codes: tuple[str, ...], seed: int = 2024
) -> tuple[DemoFieldwork, ...]:
    """Returns five screened cases and three or four coded interviews per municipality.

    Deterministic for the same arguments. Compliance per municipality and theme
    follows the municipality's ``theme_levels`` (the same as its questionnaire
    answers with the same seed), so the sources agree on some themes and not on
    others; deadlines slip with the municipality's mean. The first municipality's
    "Sag A" has a second screening (rater 2) that disagrees on two checks.
    """
    result = []
    for index, code in enumerate(municipality_codes):
        rng = random.Random(f"{seed}-fieldwork-{code}")  # noqa: S311 (synthetic data)
        rng.uniform(0.45, 0.9)  # the draw of the former single compliance
        levels = theme_levels(instrument=instrument, code=code, seed=seed)
        by_theme = {theme: theme_compliance(level) for theme, level in levels.items()}
        compliance = sum(by_theme.values()) / len(by_theme)
        profiles = rng.sample(CASE_PROFILES, k=len(CASE_LABELS))
        screenings = [
            _screening(
                rng,
                instrument,
                label=label,
                profile=profile,
                compliance=compliance,
                by_theme=by_theme,
            )
            for label, profile in zip(CASE_LABELS, profiles, strict=True)
        ]
        if index == 0:
            screenings.append(_second_opinion(rng, screenings[0]))
        result.append(
            DemoFieldwork(
                municipality_code=code,
                screenings=tuple(screenings),
                interviews=_interviews(rng, instrument, by_theme),
            )
        )
    return tuple(result)


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
        # No draw from ``rng``, so the values above stay as they were.
        "municipal:bfu_median_days": 70 + (decisions * 37) % 80,
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


# Synthetic DST group sizes (Hovedstads-, Storby-, Provinsby-, Oplands-, Landkommuner),
# close to the real classification's; groups go by the generated population density.
_DEMO_GROUP_SIZES = (("1", 24), ("2", 3), ("3", 16), ("4", 24), ("5", 31))
NATIONAL_ROUND_YEAR = 2025
_DEMO_SOURCE = "Syntetiske demodata"


def national_key_figures(
    codes: tuple[str, ...], *, seed: int = 2024, year: int = NATIONAL_ROUND_YEAR
) -> tuple[FigureEvidence, ...]:
    """Returns every key-figure input of ``codes`` (own inputs too) and the nation.

    The inputs of ``generate_key_figures`` as analysis evidence of ``year``, plus a
    synthetic DST group per municipality (the densest in group 1, …, the sparsest in
    group 5), so that every indicator has a value for every municipality and every
    comparison has its group. Deterministic for a seed.
    """
    figures = [
        FigureEvidence(
            municipality_code=f.municipality_code,
            name=f.name,
            year=year,
            value=f.value,
            source=_DEMO_SOURCE,
        )
        for f in generate_key_figures(partnership_codes=codes, seed=seed)
    ]
    inputs: dict[str, dict[str, float | None]] = {}
    for f in figures:
        inputs.setdefault(f.municipality_code, {})[f.name] = f.value
    by_density = sorted(
        (c for c in inputs if c in codes),
        key=lambda c: (-_density(inputs[c]), c),
    )
    ranks = [group for group, size in _DEMO_GROUP_SIZES for _ in range(size)]
    figures.extend(
        FigureEvidence(
            municipality_code=code,
            name=DST_GROUP_INPUT,
            year=year,
            value=float(ranks[rank * len(ranks) // len(by_density)]),
            source=_DEMO_SOURCE,
        )
        for rank, code in enumerate(by_density)
    )
    return tuple(figures)


def _density(inputs: dict[str, float | None]) -> float:
    population, area = inputs.get("population_total"), inputs.get("area_km2")
    return (population or 0.0) / (area or 1.0)
