"""What the analysis core produces, and what reporting and pages may read.

Invariant: a withheld value is ``None`` together with the reason; reporting never
decides what to hide. Every number here is computed once, by one function in
``analysis``. Percentages and scores are on 0-100, rounded to one decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from parathed.analysis.evidence import FigureEvidence
from parathed.analysis.keyfigures.benchmarks import Benchmark

SUPPRESSED_BELOW_THRESHOLD = "below_threshold"
SUPPRESSED_COMPLEMENTARY = "complementary"
SUPPRESSED_TOO_FEW_MUNICIPALITIES = "too_few_municipalities"
NOT_COMPARABLE = "not_comparable"

WITHHELD_REASONS_DA: dict[str, str] = {
    SUPPRESSED_BELOW_THRESHOLD: "Vises ikke: færre end %(threshold)s besvarelser",
    SUPPRESSED_COMPLEMENTARY: (
        "Vises ikke: tallet ville sammen med de viste tal afsløre en gruppe med færre"
        " end %(threshold)s besvarelser"
    ),
    SUPPRESSED_TOO_FEW_MUNICIPALITIES: (
        "Vises ikke: partnerskabstal kræver mindst fire kommuner med svar"
    ),
    NOT_COMPARABLE: "Kan ikke sammenlignes: spørgsmålet er ændret mellem versionerne",
}

# Respondent groups, in display order. "ledelse" is chef and leder together, so a
# municipality with a single chef still has a leadership figure.
GROUP_ALL = "alle"
GROUP_LEDELSE = "ledelse"
GROUP_CHEF = "chef"
GROUP_LEDER = "leder"
GROUP_MEDARBEJDER = "medarbejder"
GROUPS: tuple[str, ...] = (
    GROUP_ALL,
    GROUP_LEDELSE,
    GROUP_CHEF,
    GROUP_LEDER,
    GROUP_MEDARBEJDER,
)
GROUP_LABELS_DA: dict[str, str] = {
    GROUP_ALL: "Alle",
    GROUP_LEDELSE: "Ledelse (chef og ledere)",
    GROUP_CHEF: "Chef",
    GROUP_LEDER: "Leder",
    GROUP_MEDARBEJDER: "Medarbejder",
}


@dataclass(frozen=True, slots=True)
class ThemeScore:
    """A theme's questionnaire score for all respondents of a municipality."""

    theme_code: str
    theme_title: str
    respondents: int  # respondents with at least one answer other than "ved ikke"
    score: float | None  # 0-100; None when withheld (see ``withheld_reason``)
    withheld_reason: str | None = None


@dataclass(frozen=True, slots=True)
class GroupResult:
    """One respondent group's answers to an item or a theme.

    ``respondents`` (people who answered at all, "ved ikke" included) is a count and
    always shown. ``answered`` (people, for a theme; answers, for an item, with a value
    other than "ved ikke") is the metric's base: like every metric it is None when the
    group is withheld (with ``withheld_reason``), since respondents minus answered
    would show how many said "ved ikke".
    ``distribution`` counts the answers 1..5 (as given for an item; aligned with the
    law, 5 = closest, for a theme).
    """

    group: str
    respondents: int
    answered: int | None
    score: float | None
    share_in_line: float | None  # % of answers at 4-5 after reverse keying
    dont_know_share: float | None  # % of answers that were "ved ikke"
    distribution: tuple[int, ...] | None
    dont_know: int | None
    withheld_reason: str | None = None

    @property
    def shown(self) -> bool:
        """Returns whether the group's metrics may be shown."""
        return self.withheld_reason is None


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One questionnaire item for every respondent group."""

    item_id: str
    theme_code: str
    text: str
    reverse: bool
    groups: tuple[GroupResult, ...]

    def group(self, code: str) -> GroupResult:
        """Returns the result of group ``code``; KeyError when absent."""
        return _find_group(self.groups, code)


@dataclass(frozen=True, slots=True)
class ThemeResult:
    """One theme of the questionnaire for every respondent group."""

    theme_code: str
    theme_title: str
    groups: tuple[GroupResult, ...]

    def group(self, code: str) -> GroupResult:
        """Returns the result of group ``code``; KeyError when absent."""
        return _find_group(self.groups, code)


def _find_group(groups: tuple[GroupResult, ...], code: str) -> GroupResult:
    for group in groups:
        if group.group == code:
            return group
    raise KeyError(code)


@dataclass(frozen=True, slots=True)
class RoleGap:
    """Ledelse (chef and leder) against medarbejdere on one item or theme.

    ``gap`` is ledelse minus medarbejdere in score points; None unless both groups are
    shown (at or above the threshold, and not withheld as a complement).
    """

    subject: str  # an item id or a theme code
    theme_code: str
    ledelse: float | None
    medarbejder: float | None
    gap: float | None


@dataclass(frozen=True, slots=True)
class CommentGroup:
    """Free-text answers to one open question: shown from ``text_threshold`` on.

    Municipal outputs only; partnership outputs never carry free text.
    """

    question_id: str
    comments: int
    texts: tuple[str, ...]  # empty when withheld
    withheld_reason: str | None = None


@dataclass(frozen=True, slots=True)
class ResponseRate:
    """Submitted responses of one role (``role`` "" for all roles) against the number
    of respondents the municipality expected. Counts are not answers, so they are
    shown under the anonymity threshold too.
    """

    role: str
    submitted: int
    expected: int | None  # None: no expected number entered (for every role, in all)
    percent: int | None  # whole percent; None without a positive expected number


@dataclass(frozen=True, slots=True)
class SurveyAssessment:
    """The questionnaire result of one municipality."""

    respondents: int
    respondents_by_role: tuple[tuple[str, int], ...]  # (role, count); counts shown
    themes: tuple[ThemeScore, ...]
    threshold: int
    items: tuple[ItemResult, ...] = ()
    theme_results: tuple[ThemeResult, ...] = ()
    item_gaps: tuple[RoleGap, ...] = ()
    theme_gaps: tuple[RoleGap, ...] = ()
    comments: tuple[CommentGroup, ...] = ()
    response_rates: tuple[ResponseRate, ...] = ()  # per survey role, then all ("")

    def theme(self, code: str) -> ThemeScore:
        """Returns the score of the theme ``code``; raises KeyError when absent."""
        for theme in self.themes:
            if theme.theme_code == code:
                return theme
        raise KeyError(code)

    def item(self, item_id: str) -> ItemResult:
        """Returns the result of item ``item_id``; KeyError when absent."""
        for item in self.items:
            if item.item_id == item_id:
                return item
        raise KeyError(item_id)

    def theme_result(self, code: str) -> ThemeResult:
        """Returns the per-group result of theme ``code``; KeyError when absent."""
        for theme in self.theme_results:
            if theme.theme_code == code:
                return theme
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class CheckCompliance:
    """One case-screening check over a municipality's screened cases (rater 1).

    compliance = met / applicable, applicable = met + not met + not documented; "not
    relevant" and cases of other kinds are left out. ``days`` are the date rule's
    elapsed days per case where both dates were recorded, sorted.
    """

    check_id: str
    theme_code: str
    met: int
    not_met: int
    not_documented: int
    not_relevant: int
    applicable: int
    compliance: float | None  # %; None when no case was applicable
    not_documented_share: float | None  # % of applicable
    days: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ThemeCompliance:
    """Case-screening compliance of one theme: all its checks' answers pooled."""

    theme_code: str
    theme_title: str
    met: int
    not_documented: int
    applicable: int
    compliance: float | None
    not_documented_share: float | None


@dataclass(frozen=True, slots=True)
class CheckAgreement:
    """Agreement between rater 1 and rater 2 on one check over double-screened cases.

    ``kappa`` is Cohen's kappa, None where undefined (chance agreement of 1).
    """

    check_id: str
    pairs: int
    agreeing: int
    agreement: float | None  # % of pairs with the same outcome
    kappa: float | None


@dataclass(frozen=True, slots=True)
class CaseAssessment:
    """The case screening of one municipality (an indication: few cases)."""

    cases: int  # cases screened by rater 1
    double_screened: int
    checks: tuple[CheckCompliance, ...]
    themes: tuple[ThemeCompliance, ...]
    agreement: tuple[CheckAgreement, ...]

    def check(self, check_id: str) -> CheckCompliance:
        """Returns the compliance of ``check_id``; KeyError when absent."""
        for check in self.checks:
            if check.check_id == check_id:
                return check
        raise KeyError(check_id)

    def theme(self, code: str) -> ThemeCompliance:
        """Returns the compliance of theme ``code``; KeyError when absent."""
        for theme in self.themes:
            if theme.theme_code == code:
                return theme
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class InterviewTheme:
    """What the interviews said about one theme: coded strengths and challenges.

    ``needs`` counts the development needs named in challenge statements, most named
    first. ``examples_*`` are paraphrases, for the municipality's own outputs only.
    """

    theme_code: str
    theme_title: str
    strengths: int
    challenges: int
    needs: tuple[tuple[str, int], ...]
    examples_strength: tuple[str, ...] = ()
    examples_challenge: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InterviewAssessment:
    """The coded interviews of one municipality."""

    interviews: int
    participants: int
    themes: tuple[InterviewTheme, ...]

    def theme(self, code: str) -> InterviewTheme:
        """Returns the interview result of theme ``code``; KeyError when absent."""
        for theme in self.themes:
            if theme.theme_code == code:
                return theme
        raise KeyError(code)


class ReadinessLevel(StrEnum):
    """The four readiness levels, from far from ready to ready."""

    FAR = "langt_fra_parat"
    SOME_WAY = "et_stykke_fra_parat"
    CLOSE = "taet_paa_parat"
    READY = "parat"


READINESS_LABELS_DA: dict[ReadinessLevel, str] = {
    ReadinessLevel.FAR: "Langt fra parat",
    ReadinessLevel.SOME_WAY: "Et stykke fra parat",
    ReadinessLevel.CLOSE: "Tæt på parat",
    ReadinessLevel.READY: "Parat",
}


class Agreement(StrEnum):
    """Whether the sources point the same way on a theme."""

    AGREE = "samstemmende"
    DISAGREE = "modstridende"
    SINGLE = "en_kilde"
    NONE = "ingen_kilder"


class EvidenceStrength(StrEnum):
    """How much evidence a readiness level rests on."""

    STRONG = "staerk"
    MODERATE = "middel"
    WEAK = "svag"
    NONE = "ingen"


@dataclass(frozen=True, slots=True)
class ThemeReadiness:
    """The readiness of one theme: current practice against intended practice.

    ``current`` (0-100) combines the questionnaire score and the case compliance by
    ``analysis.readiness.assess_readiness``; ``gap`` = 100 - current. ``level`` is None
    when no number source is available. Key figures are shown beside it as context.
    """

    theme_code: str
    theme_title: str
    level: ReadinessLevel | None
    current: float | None
    gap: float | None
    survey_score: float | None
    survey_respondents: int
    case_compliance: float | None
    case_applicable: int
    interview_strengths: int
    interview_challenges: int
    agreement: Agreement
    strength: EvidenceStrength
    sources: int  # number sources with a value, plus 1 when interviews coded it
    capped: bool = False  # the level was lowered because the sources disagree


@dataclass(frozen=True, slots=True)
class NeedGap:
    """A development need or reform aim with the mean gap of what points at it.

    ``gap`` is the mean of (100 - score) over shown items and (100 - compliance) over
    checks mapped to it; ``largest`` lists the ids with the largest gaps first.
    """

    code: str
    title: str
    gap: float | None
    sources: int
    interview_mentions: int
    largest: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DeltaResult:
    """A baseline vs follow-up change on one item or theme (all respondents).

    ``delta`` = follow-up - baseline score points; None when either is withheld or the
    item is not comparable (``note`` says why).
    """

    subject: str
    theme_code: str
    baseline: float | None
    follow_up: float | None
    delta: float | None
    comparable: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class RemeasurementAssessment:
    """The change since the baseline round, on items comparable across versions."""

    baseline_round_name: str
    baseline_version: str
    items: tuple[DeltaResult, ...]
    themes: tuple[DeltaResult, ...]


@dataclass(frozen=True, slots=True)
class MunicipalityAssessment:
    """Everything the analysis says about one municipality in one round."""

    code: str
    name: str
    survey: SurveyAssessment
    cases: CaseAssessment | None = None
    interviews: InterviewAssessment | None = None
    readiness: tuple[ThemeReadiness, ...] = ()
    needs: tuple[NeedGap, ...] = ()  # ranked, largest gap first
    aims: tuple[NeedGap, ...] = ()  # ranked, largest gap first
    remeasurement: RemeasurementAssessment | None = None
    # Key figures of the newest year with inputs: each indicator against the
    # partnership, the nation and comparable municipalities, and the municipality's
    # own inputs of that year with their source and validation status.
    key_figure_year: int | None = None
    key_figures: tuple[Benchmark, ...] = ()
    figures: tuple[FigureEvidence, ...] = ()

    def theme_readiness(self, code: str) -> ThemeReadiness:
        """Returns the readiness of theme ``code``; KeyError when absent."""
        for theme in self.readiness:
            if theme.theme_code == code:
                return theme
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class PartnershipTheme:
    """One theme across the partnership: pooled figures and the spread of levels.

    ``survey`` holds the partnership figure per group, suppressed so that no
    municipality's hidden group can be derived and shown only with at least four
    municipalities behind it. No free text.
    """

    theme_code: str
    theme_title: str
    survey: tuple[GroupResult, ...]
    case_compliance: float | None
    case_applicable: int
    strengths: int | None  # coded interview statements; None under four municipalities
    challenges: int | None
    levels: tuple[tuple[ReadinessLevel, int], ...]
    mean_gap: float | None  # mean of the municipalities' readiness gaps


@dataclass(frozen=True, slots=True)
class JointDayTheme:
    """A theme proposed for one of the partnership's joint days (fællesdage)."""

    day: int
    theme_code: str
    theme_title: str
    mean_gap: float | None
    needs: tuple[str, ...]  # development needs most pointed at within the theme


@dataclass(frozen=True, slots=True)
class PartnershipAssessment:
    """The partnership as a whole: no free text, no municipality derivable."""

    municipalities: int
    themes: tuple[PartnershipTheme, ...]
    items: tuple[ItemResult, ...]
    needs: tuple[NeedGap, ...]
    aims: tuple[NeedGap, ...]
    joint_days: tuple[JointDayTheme, ...]


@dataclass(frozen=True, slots=True)
class RoundAssessment:
    """The assessment of every municipality in a round of a partnership."""

    partnership_name: str
    round_name: str
    instrument_version: str
    municipalities: tuple[MunicipalityAssessment, ...]
    partnership: PartnershipAssessment | None = None
    threshold: int = 5

    def municipality(self, code: str) -> MunicipalityAssessment:
        """Returns the assessment of the municipality ``code``; KeyError when absent."""
        for municipality in self.municipalities:
            if municipality.code == code:
                return municipality
        raise KeyError(code)
