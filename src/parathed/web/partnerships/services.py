"""Writes of partnerships and rounds, and the one report service.

``report_build`` is the only place where selectors, analysis and reporting meet; the
report view and ``parathed report`` both call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from parathed.analysis.assessment import RoundAssessment
from parathed.analysis.round import assess_round
from parathed.instrument.loader import load_published
from parathed.reporting.deck.municipal import build_deck
from parathed.web.partnerships.models import (
    MeasurementRound,
    Municipality,
    Participation,
    Partnership,
)
from parathed.web.partnerships.selectors import round_evidence


@dataclass(frozen=True, slots=True)
class BuiltDeck:
    """One rendered deck: the file name to offer and its bytes."""

    filename: str
    content: bytes


def round_assess(
    *, round_id: int, municipality_ids: list[int] | None = None
) -> RoundAssessment:
    """Returns the analysis of a round (or of some of its municipalities)."""
    evidence = round_evidence(round_id=round_id, municipality_ids=municipality_ids)
    instrument = load_published(evidence.instrument_version)
    return assess_round(evidence, instrument=instrument)


def report_build(
    *, round_id: int, municipality_id: int | None = None, template: Path | None = None
) -> list[BuiltDeck]:
    """Renders the municipal decks of a round: one municipality's, or all of them."""
    measurement = MeasurementRound.objects.select_related("partnership").get(
        pk=round_id
    )
    # The whole round, also for one municipality's deck: its comparisons with the
    # partnership and its suppression depend on every other municipality.
    assessment = round_assess(round_id=round_id)
    wanted = None
    if municipality_id is not None:
        wanted = Municipality.objects.values_list("code", flat=True).get(
            pk=municipality_id
        )
    return [
        BuiltDeck(
            filename=f"parathed-{m.code}-{_slugify(m.name)}.pptx",
            content=build_deck(
                m,
                round_assessment=assessment,
                template=template,
                synthetic=measurement.partnership.is_synthetic,
            ),
        )
        for m in assessment.municipalities
        if wanted is None or m.code == wanted
    ]


def _slugify(name: str) -> str:
    table = str.maketrans(
        {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
    )
    return "".join(c if c.isalnum() else "-" for c in name.translate(table)).lower()


@transaction.atomic
def partnership_create(
    *,
    slug: str,
    name: str,
    municipality_codes: list[str],
    is_synthetic: bool = False,
) -> Partnership:
    """Creates a partnership with its participating municipalities."""
    partnership = Partnership.objects.create(
        slug=slug, name=name, is_synthetic=is_synthetic
    )
    municipalities = Municipality.objects.filter(code__in=municipality_codes)
    Participation.objects.bulk_create(
        [Participation(partnership=partnership, municipality=m) for m in municipalities]
    )
    return partnership


def round_open(
    *, partnership: Partnership, name: str, instrument_version: str, threshold: int = 5
) -> MeasurementRound:
    """Creates an open measurement round for the partnership."""
    return MeasurementRound.objects.create(
        partnership=partnership,
        name=name,
        instrument_version=instrument_version,
        anonymity_threshold=threshold,
        status=MeasurementRound.Status.OPEN,
    )
