"""Reads of partnerships and rounds, and the assembly of a round's evidence."""

from __future__ import annotations

from parathed.analysis.evidence import MunicipalityEvidence, RoundEvidence
from parathed.web.partnerships.models import MeasurementRound, Municipality, Partnership
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
    """Returns the round's evidence, for all its municipalities or only those given."""
    measurement = MeasurementRound.objects.select_related("partnership").get(
        pk=round_id
    )
    municipalities = measurement.partnership.municipalities.order_by("name")
    if municipality_ids is not None:
        municipalities = municipalities.filter(pk__in=municipality_ids)
    listed = list(municipalities)
    surveys = survey_evidence_by_municipality(
        round_id=round_id,
        municipality_ids=[m.pk for m in listed],
        threshold=measurement.anonymity_threshold,
    )
    return RoundEvidence(
        partnership_name=measurement.partnership.name,
        round_name=measurement.name,
        instrument_version=measurement.instrument_version,
        municipalities=tuple(
            MunicipalityEvidence(code=m.code, name=m.name, survey=surveys[m.pk])
            for m in listed
        ),
        threshold=measurement.anonymity_threshold,
    )
