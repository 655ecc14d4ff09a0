"""A small hand-made instrument, so that every expected score can be worked out by hand.

Two themes: ``alpha`` with a positive item (A1) and a reverse-keyed one (A2), and
``beta`` with one positive item (B1). Every survey role sees every item.
"""

from __future__ import annotations

from parathed.analysis.evidence import AnswerEvidence, ResponseEvidence
from parathed.instrument.schema import (
    SURVEY_ROLES,
    CaseCheck,
    ChangelogEntry,
    CheckAnswerType,
    DateRule,
    DevelopmentNeed,
    Instrument,
    Keying,
    QuestionnaireItem,
    ReformAim,
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


# A fuller instrument for cases, needs and aims: two themes, two needs, two aims,
# four items and four case checks of every answer type.
def _mapped(
    item_id: str,
    theme: str,
    keying: Keying,
    needs: tuple[str, ...],
    aims: tuple[str, ...],
) -> QuestionnaireItem:
    return QuestionnaireItem(
        id=item_id,
        text=f"Udsagn {item_id}",
        theme=theme,
        roles=SURVEY_ROLES,
        keying=keying,
        law_refs=(),
        reform_aims=aims,
        development_needs=needs,
    )


FULL = Instrument(
    version="2.0",
    consolidation="LBK nr 0 af 01/01/2026",
    themes=SMALL.themes,
    reform_aims=(
        ReformAim(code="earlier_help", number=1, title="Tidligere hjælp"),
        ReformAim(code="child_rights", number=3, title="Barnets rettigheder"),
    ),
    development_needs=(
        DevelopmentNeed(code="organisation", title="Organisering", description=""),
        DevelopmentNeed(code="dialogue", title="Samtaler", description=""),
    ),
    items=(
        _mapped("A1", "alpha", Keying.POSITIVE, ("organisation",), ("earlier_help",)),
        _mapped("A2", "alpha", Keying.REVERSE, ("dialogue",), ("earlier_help",)),
        _mapped("B1", "beta", Keying.POSITIVE, ("dialogue",), ("child_rights",)),
        _mapped("B2", "beta", Keying.POSITIVE, ("organisation",), ("child_rights",)),
    ),
    case_checks=(
        CaseCheck(
            id="CS-A1",
            text="Status",
            theme="alpha",
            answer_type=CheckAnswerType.STATUS,
            law_refs=(),
            development_needs=("organisation",),
            reform_aims=("earlier_help",),
        ),
        CaseCheck(
            id="CS-A2",
            text="BFU inden 4 måneder",
            theme="alpha",
            answer_type=CheckAnswerType.DATE,
            law_refs=(),
            rule=DateRule(
                start="awareness_date", end="bfu_finished_date", max_months=4
            ),
            applies_to=("notification",),
            development_needs=("organisation",),
        ),
        CaseCheck(
            id="CS-B1",
            text="Højst ét skift",
            theme="beta",
            answer_type=CheckAnswerType.COUNT,
            law_refs=(),
            count_max=1,
            development_needs=("dialogue",),
        ),
        CaseCheck(
            id="CS-B2",
            text="Mindst to besøg",
            theme="beta",
            answer_type=CheckAnswerType.COUNT,
            law_refs=(),
            count_min=2,
        ),
    ),
    changelog=(
        ChangelogEntry(version="1.0", date="2026-01-01", summary="Første"),
        ChangelogEntry(
            version="2.0",
            date="2026-06-01",
            summary="Anden",
            comparable_with_previous=("A1", "A2", "B1"),
            not_comparable=("B2",),
        ),
    ),
)
