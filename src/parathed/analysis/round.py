"""Assesses a whole round: each municipality's evidence through every scoring function.

In: ``RoundEvidence`` and the ``Instrument``. Out: ``RoundAssessment``. Pure.
"""

from __future__ import annotations

from parathed.analysis.assessment import MunicipalityAssessment, RoundAssessment
from parathed.analysis.evidence import RoundEvidence
from parathed.analysis.survey import score_survey
from parathed.instrument.schema import Instrument


def assess_round(evidence: RoundEvidence, *, instrument: Instrument) -> RoundAssessment:
    """Returns the assessment of every municipality in ``evidence``, in its order."""
    return RoundAssessment(
        partnership_name=evidence.partnership_name,
        round_name=evidence.round_name,
        instrument_version=evidence.instrument_version,
        municipalities=tuple(
            MunicipalityAssessment(
                code=m.code,
                name=m.name,
                survey=score_survey(m.survey, instrument=instrument),
            )
            for m in evidence.municipalities
        ),
    )
