"""The partnership as a whole: pooled figures no municipality can be derived from.

In: each municipality's questionnaire tally and assessment, and the ``Instrument``.
Out: ``PartnershipAssessment``. Questionnaire figures are pooled from the raw cells
and published per group only when the exact audit over every municipality's
published groups and the partnership's finds no hidden cell derivable, and at least
``MIN_MUNICIPALITIES`` municipalities have answers behind them. Other figures (case
compliance, mean gaps, needs, level spread) also need that many municipalities.
Never free text. Method: docs/instrument.md ("Anonymity", "Development needs").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

from parathed.analysis.assessment import (
    GROUPS,
    ItemResult,
    MunicipalityAssessment,
    PartnershipAssessment,
    PartnershipTheme,
    ReadinessLevel,
)
from parathed.analysis.needs import (
    interview_mentions,
    mean_gaps,
    propose_joint_days,
    rank_needs,
    source_gaps,
)
from parathed.analysis.suppression import MIN_MUNICIPALITIES, Table, suppress
from parathed.analysis.survey import (
    GROUP_CELLS,
    PRIORITY,
    SurveyTally,
    item_group,
    item_key,
    municipal_reasons,
    pool_counts,
    theme_group,
    theme_key,
)
from parathed.instrument.schema import Instrument, Keying

Key = tuple[tuple[int, bool], ...]
ROLES = 3


def partnership_table(keys: Sequence[Key], threshold: int) -> Table:
    """Returns the municipality x role table of one item or theme for the audit.

    Each municipality's published groups are fixed, its small groups sensitive; the
    groups to decide are the partnership's, in ``PRIORITY`` order. Municipalities with
    the same key are twins (``Table.mirrors``): the audit checks one of them.
    """
    sizes: list[int] = []
    present: list[bool] = []
    fixed: list[tuple[int, ...]] = []
    sensitive: list[tuple[int, ...]] = []
    mirrors: list[int] = []
    patterns: dict[Key, tuple[list[tuple[int, ...]], list[tuple[int, ...]]]] = {}
    first: dict[Key, int] = {}
    for m, key in enumerate(keys):
        sizes.extend(size for size, _ in key)
        present.extend(flag for _, flag in key)
        pattern = patterns.get(key)
        if pattern is None:
            pattern = patterns[key] = _municipal_pattern(key, threshold)
        offset = m * ROLES
        fixed.extend(tuple(offset + c for c in cells) for cells in pattern[0])
        sensitive.extend(tuple(offset + c for c in cells) for cells in pattern[1])
        twin = first.setdefault(key, m) * ROLES
        mirrors.extend(twin + c for c in range(ROLES))
    groups = tuple(
        tuple(m * ROLES + c for m in range(len(keys)) for c in GROUP_CELLS[g])
        for g in PRIORITY
    )
    return Table(
        sizes=tuple(sizes),
        present=tuple(present),
        groups=groups,
        fixed=tuple(fixed),
        sensitive=tuple(sensitive),
        min_parts=(MIN_MUNICIPALITIES,) * len(groups),
        parts=tuple(c // ROLES for c in range(len(sizes))),
        blocks=tuple(
            tuple(m * ROLES + c for c in range(ROLES)) for m in range(len(keys))
        ),
        mirrors=tuple(mirrors),
    )


def _municipal_pattern(
    key: Key, threshold: int
) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """Returns a municipality's published groups and small withheld groups (role
    cells 0-2): published ones are fixed in the partnership table, small ones
    sensitive."""
    fixed: list[tuple[int, ...]] = []
    sensitive: list[tuple[int, ...]] = []
    reasons = municipal_reasons(key, threshold)
    for group, reason in zip(PRIORITY, reasons, strict=True):
        cells = GROUP_CELLS[group]
        if reason is None:
            fixed.append(cells)
        elif any(key[c][1] for c in cells) and (
            sum(key[c][0] for c in cells) < threshold
        ):
            sensitive.append(cells)
    return fixed, sensitive


@lru_cache(maxsize=1024)
def partnership_reasons(
    keys: tuple[Key, ...], threshold: int
) -> tuple[str | None, ...]:
    """Returns the withheld reason per partnership group of ``PRIORITY``.

    The decision depends only on the multiset of municipal keys, so callers pass them
    sorted: equal tables share one audit, whatever the order of municipalities.
    """
    return suppress(partnership_table(keys, threshold), threshold=threshold)


def _added(counts: Iterable[list[int]]) -> list[int]:
    """Returns answer counts ("ved ikke", 1..5) added up."""
    return [sum(column) for column in zip(*counts, strict=True)]


def _enough(count: int) -> bool:
    return count >= MIN_MUNICIPALITIES


def assess_partnership(
    municipalities: Sequence[MunicipalityAssessment],
    tallies: Sequence[SurveyTally],
    *,
    instrument: Instrument,
    threshold: int,
) -> PartnershipAssessment:
    """Returns the partnership's pooled figures, levels, needs and joint-day themes.

    ``tallies`` match ``municipalities`` one to one. Does not change its input.
    """
    items = []
    for item in instrument.items:
        cells = [t.items[item.id] for t in tallies]
        keys = tuple(item_key(c, threshold) for c in cells)
        reasons = partnership_reasons(tuple(sorted(keys)), threshold)
        # Each role's answer counts over the municipalities, then a group's as the
        # sum of its roles' (integers: the same as pooling every cell at once).
        by_role = [pool_counts(c[r] for c in cells) for r in range(ROLES)]
        built = {
            g: item_group(
                g,
                _added(by_role[r] for r in GROUP_CELLS[g]),
                reverse=item.keying is Keying.REVERSE,
                reason=reason,
            )
            for g, reason in zip(PRIORITY, reasons, strict=True)
        }
        items.append(
            ItemResult(
                item_id=item.id,
                theme_code=item.theme,
                text=item.text,
                reverse=item.keying is Keying.REVERSE,
                groups=tuple(built[g] for g in GROUPS),
            )
        )
    themes = []
    for theme in instrument.themes:
        cells_t = [t.themes[theme.code] for t in tallies]
        keys = tuple(theme_key(c, threshold) for c in cells_t)
        reasons = partnership_reasons(tuple(sorted(keys)), threshold)
        built = {
            g: theme_group(
                g, (c[r] for c in cells_t for r in GROUP_CELLS[g]), reason=reason
            )
            for g, reason in zip(PRIORITY, reasons, strict=True)
        }
        met = applicable = contributing = strengths = challenges = interviewed = 0
        for m in municipalities:
            if m.cases is not None:
                compliance = m.cases.theme(theme.code)
                met += compliance.met
                applicable += compliance.applicable
                contributing += compliance.applicable > 0
            if m.interviews is not None:
                interviewed += 1
                strengths += m.interviews.theme(theme.code).strengths
                challenges += m.interviews.theme(theme.code).challenges
        readiness = [m.theme_readiness(theme.code) for m in municipalities]
        gaps = [r.gap for r in readiness if r.gap is not None]
        levels = Counter(r.level for r in readiness if r.level is not None)
        themes.append(
            PartnershipTheme(
                theme_code=theme.code,
                theme_title=theme.title,
                survey=tuple(built[g] for g in GROUPS),
                case_compliance=(
                    round(met / applicable * 100.0, 1)
                    if applicable and _enough(contributing)
                    else None
                ),
                case_applicable=applicable,
                # A municipality knows its own counts: with fewer than four behind
                # the pooled ones it could work out the others' by subtraction.
                strengths=strengths if _enough(interviewed) else None,
                challenges=challenges if _enough(interviewed) else None,
                levels=(
                    tuple((level, levels[level]) for level in ReadinessLevel)
                    if _enough(sum(levels.values()))
                    else ()
                ),
                mean_gap=(
                    round(sum(gaps) / len(gaps), 1) if _enough(len(gaps)) else None
                ),
            )
        )
    per_municipality = [source_gaps(m.survey, m.cases) for m in municipalities]
    counts = Counter(s for gaps in per_municipality for s in gaps)
    pooled = {
        s: g for s, g in mean_gaps(per_municipality).items() if _enough(counts[s])
    }
    mentions: Counter[str] = Counter()
    for m in municipalities:
        mentions.update(interview_mentions(m.interviews))
    needs, aims = rank_needs(pooled, instrument=instrument, mentions=mentions)
    joint_days = propose_joint_days(
        [(t.theme_code, t.theme_title, t.mean_gap) for t in themes],
        pooled,
        instrument=instrument,
    )
    return PartnershipAssessment(
        municipalities=len(municipalities),
        themes=tuple(themes),
        items=tuple(items),
        needs=needs,
        aims=aims,
        joint_days=joint_days,
    )
