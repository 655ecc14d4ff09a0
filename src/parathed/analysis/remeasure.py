"""Re-measurement: baseline against follow-up, on items comparable across versions.

In: the baseline and follow-up ``SurveyEvidence`` of one municipality, the follow-up
round's ``Instrument`` (its changelog says which ids stay comparable) and the baseline
round's instrument version. Out: ``RemeasurementAssessment``. Both rounds are scored
on the comparable items only, with the same suppression, so a theme delta compares
like with like; a delta exists only where both values are shown. Method:
docs/instrument.md ("Re-measurement").
"""

from __future__ import annotations

from dataclasses import replace

from parathed.analysis.assessment import (
    GROUP_ALL,
    DeltaResult,
    ItemResult,
    RemeasurementAssessment,
    ThemeResult,
)
from parathed.analysis.evidence import SurveyEvidence
from parathed.analysis.survey import assess_tally, tally_survey
from parathed.instrument.schema import Instrument


def comparable_items(
    instrument: Instrument, *, baseline_version: str
) -> tuple[frozenset[str], dict[str, str]]:
    """Returns the item ids comparable with ``baseline_version`` and a note per other.

    Same version: every item. Otherwise an item is comparable only if every changelog
    entry after the baseline's, up to ``instrument.version``, lists it under
    ``comparable_with_previous``. Notes are Danish.
    """
    ids = [item.id for item in instrument.items]
    if baseline_version == instrument.version:
        return frozenset(ids), {}
    versions = [entry.version for entry in instrument.changelog]
    if baseline_version not in versions or instrument.version not in versions:
        note = f"Version {baseline_version} findes ikke i instrumentets ændringslog"
        return frozenset(), dict.fromkeys(ids, note)
    steps = instrument.changelog[
        versions.index(baseline_version) + 1 : versions.index(instrument.version) + 1
    ]
    comparable = set(ids)
    notes: dict[str, str] = {}
    for entry in steps:
        for item_id in ids:
            if item_id in entry.comparable_with_previous or item_id not in comparable:
                continue
            comparable.discard(item_id)
            if item_id in entry.not_comparable:
                notes[item_id] = f"Ændret indhold i version {entry.version}"
            else:
                notes[item_id] = f"Nyt spørgsmål i version {entry.version}"
    return frozenset(comparable), notes


def _delta(
    subject: str,
    theme: str,
    base: float | None,
    follow: float | None,
    *,
    comparable: bool,
    note: str,
) -> DeltaResult:
    delta = None if base is None or follow is None else round(follow - base, 1)
    return DeltaResult(
        subject=subject,
        theme_code=theme,
        baseline=base,
        follow_up=follow,
        delta=delta if comparable else None,
        comparable=comparable,
        note=note,
    )


def _scored(
    evidence: SurveyEvidence, instrument: Instrument
) -> tuple[dict[str, ItemResult], dict[str, ThemeResult]]:
    items, themes = assess_tally(
        tally_survey(evidence, instrument=instrument),
        instrument=instrument,
        threshold=evidence.threshold,
    )
    return {i.item_id: i for i in items}, {t.theme_code: t for t in themes}


def assess_remeasurement(
    baseline: SurveyEvidence,
    follow_up: SurveyEvidence,
    *,
    instrument: Instrument,
    baseline_version: str,
    baseline_round_name: str,
) -> RemeasurementAssessment:
    """Returns item and theme deltas (follow-up minus baseline, score points).

    Items not comparable get no delta and a note; a theme that lost items says on how
    many comparable items it rests. Does not change its input.
    """
    comparable, notes = comparable_items(instrument, baseline_version=baseline_version)
    restricted = replace(
        instrument, items=tuple(i for i in instrument.items if i.id in comparable)
    )
    base_items, base_themes = _scored(baseline, restricted)
    follow_items, follow_themes = _scored(follow_up, restricted)
    items = []
    for item in instrument.items:
        if item.id in comparable:
            items.append(
                _delta(
                    item.id,
                    item.theme,
                    base_items[item.id].group(GROUP_ALL).score,
                    follow_items[item.id].group(GROUP_ALL).score,
                    comparable=True,
                    note="",
                )
            )
        else:
            items.append(
                _delta(
                    item.id,
                    item.theme,
                    None,
                    None,
                    comparable=False,
                    note=notes[item.id],
                )
            )
    themes = []
    for theme in instrument.themes:
        total = sum(1 for i in instrument.items if i.theme == theme.code)
        kept = sum(1 for i in restricted.items if i.theme == theme.code)
        note = (
            ""
            if kept == total
            else (f"Bygger på {kept} af {total} spørgsmål, der kan sammenlignes")
        )
        themes.append(
            _delta(
                theme.code,
                theme.code,
                base_themes[theme.code].group(GROUP_ALL).score,
                follow_themes[theme.code].group(GROUP_ALL).score,
                comparable=kept > 0,
                note=note,
            )
        )
    return RemeasurementAssessment(
        baseline_round_name=baseline_round_name,
        baseline_version=baseline_version,
        items=tuple(items),
        themes=tuple(themes),
    )
