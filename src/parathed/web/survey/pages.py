"""How the questionnaire splits into pages: one page per theme, then the closing page.

Page numbers start at 1; page 0 is the start page (what is stored, and the role choice
where the link has none). Themes without items for the role are left out, and the open
questions tied to a theme stand on that theme's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from parathed.instrument.schema import (
    Instrument,
    OpenQuestion,
    QuestionnaireItem,
    Role,
)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the questionnaire: a theme's statements and open questions."""

    number: int
    title: str  # Danish; "" for the closing page (the template names it)
    description: str  # Danish, "" for the closing page
    items: tuple[QuestionnaireItem, ...]
    open_questions: tuple[OpenQuestion, ...]


def questionnaire_pages(instrument: Instrument, role: Role) -> tuple[Page, ...]:
    """Returns the pages ``role`` answers, numbered from 1, in instrument order."""
    items = instrument.items_for_role(role)
    questions = tuple(q for q in instrument.open_questions if role in q.roles)
    pages: list[Page] = []
    for theme in sorted(instrument.themes, key=lambda t: t.order):
        theme_items = tuple(i for i in items if i.theme == theme.code)
        theme_questions = tuple(q for q in questions if q.theme == theme.code)
        if theme_items or theme_questions:
            pages.append(
                Page(
                    number=len(pages) + 1,
                    title=theme.title,
                    description=theme.description,
                    items=theme_items,
                    open_questions=theme_questions,
                )
            )
    closing = tuple(q for q in questions if q.theme is None)
    if closing:
        pages.append(
            Page(
                number=len(pages) + 1,
                title="",
                description="",
                items=(),
                open_questions=closing,
            )
        )
    return tuple(pages)
