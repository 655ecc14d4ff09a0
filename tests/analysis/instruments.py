"""A small hand-made instrument, so that every expected score can be worked out by hand.

Two themes: ``alpha`` with a positive item (A1) and a reverse-keyed one (A2), and
``beta`` with one positive item (B1). Every survey role sees every item.
"""

from __future__ import annotations

from parathed.analysis.evidence import AnswerEvidence, ResponseEvidence
from parathed.instrument.schema import (
    SURVEY_ROLES,
    Instrument,
    Keying,
    QuestionnaireItem,
    Role,
    Theme,
)


def _item(item_id: str, theme: str, keying: Keying) -> QuestionnaireItem:
    return QuestionnaireItem(
        id=item_id,
        text=f"Udsagn {item_id}",
        theme=theme,
        roles=SURVEY_ROLES,
        keying=keying,
        law_refs=(),
        reform_aims=(),
        development_needs=(),
    )


SMALL = Instrument(
    version="0.test",
    consolidation="LBK nr 0 af 01/01/2026",
    themes=(
        Theme(code="alpha", title="Alfa", description="", order=1),
        Theme(code="beta", title="Beta", description="", order=2),
    ),
    reform_aims=(),
    development_needs=(),
    items=(
        _item("A1", "alpha", Keying.POSITIVE),
        _item("A2", "alpha", Keying.REVERSE),
        _item("B1", "beta", Keying.POSITIVE),
    ),
)


def response(role: Role = Role.MEDARBEJDER, **answers: int | None) -> ResponseEvidence:
    """Returns a response with ``answers`` by item id; None is "ved ikke"."""
    return ResponseEvidence(
        role=role,
        answers=tuple(AnswerEvidence(item_id=k, value=v) for k, v in answers.items()),
    )
