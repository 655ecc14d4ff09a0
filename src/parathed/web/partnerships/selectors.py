"""Reads of partnerships and rounds, and the assembly of a round's evidence."""

from __future__ import annotations

from dataclasses import replace

from parathed.analysis.evidence import MunicipalityEvidence, RoundEvidence
from parathed.instrument.schema import SURVEY_ROLES, Role
from parathed.web.fieldwork.selectors import (
    case_evidence_by_municipality,
    interview_evidence_by_municipality,
)
from parathed.web.keyfigures.selectors import figure_evidence
from parathed.web.partnerships.models import MeasurementRound, Municipality, Partnership
from parathed.web.survey.models import ExpectedHeadcount
from parathed.web.survey.selectors import survey_evidence_by_municipality


def current_round(*, partnership: Partnership) -> MeasurementRound | None:
    """Returns the partnership's newest measurement round, or None if it has none."""
    return partnership.rounds.order_by("-created_at", "-pk").first()


def participating_municipalities(*, partnership: Partnership) -> list[Municipality]:
    """Returns the partnership's municipalities ordered by name."""
    return list(partnership.municipalities.order_by("name"))


def round_evidence(
    *, round_id: int, municipality_ids: list[int] | None = None
) -> RoundEvidence:
    """Returns the round's evidence, for all its municipalities or only those given.

    Questionnaire (with the expected number of respondents per role the municipal
    contact entered, for the response rate), completed case screenings and coded
    interviews of the chosen municipalities, and the key-figure inputs of every
    municipality in the country (benchmarks compare with the nation and with groups
    outside the partnership).
    """
    measurement = MeasurementRound.objects.select_related("partnership").get(
        pk=round_id
    )
    municipalities = measurement.partnership.municipalities.order_by("name")
    if municipality_ids is not None:
        municipalities = municipalities.filter(pk__in=municipality_ids)
    listed = list(municipalities)
    ids = [m.pk for m in listed]
    surveys = survey_evidence_by_municipality(
        round_id=round_id,
        municipality_ids=ids,
        threshold=measurement.anonymity_threshold,
        text_threshold=measurement.text_threshold,
    )
    expected = expected_headcounts(round_id=round_id, municipality_ids=ids)
    cases = case_evidence_by_municipality(round_id=round_id, municipality_ids=ids)
    interviews = interview_evidence_by_municipality(
        round_id=round_id, municipality_ids=ids
    )
    return RoundEvidence(
        partnership_name=measurement.partnership.name,
        round_name=measurement.name,
        instrument_version=measurement.instrument_version,
        municipalities=tuple(
            MunicipalityEvidence(
                code=m.code,
                name=m.name,
                survey=replace(surveys[m.pk], expected=expected.get(m.pk, ())),
                cases=cases[m.pk],
                interviews=interviews[m.pk],
            )
            for m in listed
        ),
        threshold=measurement.anonymity_threshold,
        figures=figure_evidence(),
    )


def expected_headcounts(
    *, round_id: int, municipality_ids: list[int]
) -> dict[int, tuple[tuple[Role, int], ...]]:
    """Returns municipality id -> (role, expected respondents) in survey-role order,
    for the roles with a number entered; one query."""
    order = {role.value: n for n, role in enumerate(SURVEY_ROLES)}
    found: dict[int, list[tuple[Role, int]]] = {}
    rows = ExpectedHeadcount.objects.filter(
        round_id=round_id, municipality_id__in=municipality_ids
    ).values_list("municipality_id", "role", "expected")
    for municipality_id, role, number in rows:
        if role in order:
            found.setdefault(municipality_id, []).append((Role(role), number))
    return {
        pk: tuple(sorted(pairs, key=lambda p: order[p[0].value]))
        for pk, pairs in found.items()
    }
