"""Development needs and reform aims ranked by the gaps that point at them.

In: per source (questionnaire item or case check) its gap to the law (100 - score, or
100 - compliance) and the instrument's mapping of sources to needs and aims. Out:
``NeedGap`` rankings, largest gap first; for the partnership also the themes proposed
for the four joint days. Only shown values enter, so nothing withheld leaks. Method:
docs/instrument.md ("Development needs").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from parathed.analysis.assessment import (
    GROUP_ALL,
    CaseAssessment,
    InterviewAssessment,
    JointDayTheme,
    NeedGap,
    SurveyAssessment,
)
from parathed.instrument.schema import Instrument

LARGEST = 3  # ids listed under each need
JOINT_DAYS = 4


def source_gaps(
    survey: SurveyAssessment, cases: CaseAssessment | None
) -> dict[str, float]:
    """Returns the gap (0-100) of every shown item and every applicable check."""
    gaps: dict[str, float] = {}
    for item in survey.items:
        score = item.group(GROUP_ALL).score
        if score is not None:
            gaps[item.item_id] = round(100.0 - score, 1)
    if cases is not None:
        for check in cases.checks:
            if check.compliance is not None:
                gaps[check.check_id] = round(100.0 - check.compliance, 1)
    return gaps


def _needs_of(instrument: Instrument) -> dict[str, tuple[str, ...]]:
    mapping = {item.id: item.development_needs for item in instrument.items}
    mapping.update({c.id: c.development_needs for c in instrument.case_checks})
    return mapping


def _aims_of(instrument: Instrument) -> dict[str, tuple[str, ...]]:
    mapping = {item.id: item.reform_aims for item in instrument.items}
    mapping.update({c.id: c.reform_aims for c in instrument.case_checks})
    return mapping


def theme_of(instrument: Instrument) -> dict[str, str]:
    """Returns the theme of every item and check id."""
    mapping = {item.id: item.theme for item in instrument.items}
    mapping.update({c.id: c.theme for c in instrument.case_checks})
    return mapping


def rank_gaps(
    gaps: Mapping[str, float],
    *,
    mapping: Mapping[str, Sequence[str]],
    codes: Sequence[tuple[str, str]],
    mentions: Mapping[str, int] | None = None,
) -> tuple[NeedGap, ...]:
    """Returns one ``NeedGap`` per (code, title), largest mean gap first.

    A code's gap is the mean of the gaps of the sources ``mapping`` points at it;
    None (ranked last) when none has a gap. Ties go by interview mentions, then the
    order of ``codes``.
    """
    mentions = mentions or {}
    # code -> the sources with a gap that point at it (one pass over the gaps).
    pointing: dict[str, list[tuple[float, str]]] = {}
    for source, gap in gaps.items():
        for code in set(mapping[source]):
            pointing.setdefault(code, []).append((gap, source))
    rows = []
    for order, (code, title) in enumerate(codes):
        found = sorted(pointing.get(code, ()), key=lambda pair: (-pair[0], pair[1]))
        mean = round(sum(g for g, _ in found) / len(found), 1) if found else None
        rows.append(
            (
                order,
                NeedGap(
                    code=code,
                    title=title,
                    gap=mean,
                    sources=len(found),
                    interview_mentions=mentions.get(code, 0),
                    largest=tuple(source for _, source in found[:LARGEST]),
                ),
            )
        )
    rows.sort(
        key=lambda row: (
            row[1].gap is None,
            -(row[1].gap or 0.0),
            -row[1].interview_mentions,
            row[0],
        )
    )
    return tuple(need for _, need in rows)


def interview_mentions(interviews: InterviewAssessment | None) -> dict[str, int]:
    """Returns how often each development need was named in a challenge."""
    counts: dict[str, int] = {}
    if interviews is not None:
        for theme in interviews.themes:
            for code, n in theme.needs:
                counts[code] = counts.get(code, 0) + n
    return counts


def rank_needs(
    gaps: Mapping[str, float],
    *,
    instrument: Instrument,
    mentions: Mapping[str, int] | None = None,
) -> tuple[tuple[NeedGap, ...], tuple[NeedGap, ...]]:
    """Returns (development needs, reform aims), each ranked by mean gap."""
    needs = rank_gaps(
        gaps,
        mapping=_needs_of(instrument),
        codes=[(n.code, n.title) for n in instrument.development_needs],
        mentions=mentions,
    )
    aims = rank_gaps(
        gaps,
        mapping=_aims_of(instrument),
        codes=[(a.code, a.title) for a in instrument.reform_aims],
    )
    return needs, aims


def mean_gaps(per_municipality: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """Returns per source the mean over municipalities of their shown gaps."""
    sums: dict[str, list[float]] = {}
    for gaps in per_municipality:
        for source, gap in gaps.items():
            sums.setdefault(source, []).append(gap)
    return {s: round(sum(v) / len(v), 1) for s, v in sorted(sums.items())}


def propose_joint_days(
    theme_gaps: Sequence[tuple[str, str, float | None]],
    gaps: Mapping[str, float],
    *,
    instrument: Instrument,
) -> tuple[JointDayTheme, ...]:
    """Returns the four themes with the largest mean readiness gap, one per day.

    ``theme_gaps`` is (code, title, mean gap) per theme; themes without a gap are
    never proposed. Each day names the two needs with the largest gap in its theme.
    """
    ranked = sorted(
        (t for t in theme_gaps if t[2] is not None),
        key=lambda t: -(t[2] or 0.0),
    )
    themes = theme_of(instrument)
    days = []
    for day, (code, title, gap) in enumerate(ranked[:JOINT_DAYS], start=1):
        within = {s: g for s, g in gaps.items() if themes.get(s) == code}
        needs, _ = rank_needs(within, instrument=instrument)
        days.append(
            JointDayTheme(
                day=day,
                theme_code=code,
                theme_title=title,
                mean_gap=gap,
                needs=tuple(n.code for n in needs if n.gap is not None)[:2],
            )
        )
    return tuple(days)
