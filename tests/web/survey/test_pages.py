"""The questionnaire's pages: one per theme with items, then the closing questions."""

from __future__ import annotations

import pytest

from parathed.instrument.schema import SURVEY_ROLES, Instrument, Role
from parathed.web.survey.pages import questionnaire_pages


@pytest.mark.parametrize("role", SURVEY_ROLES)
def test_pages_hold_every_item_and_open_question_once_in_order(
    instrument: Instrument, role: Role
) -> None:
    """Concatenated, the pages give the role's items and open questions exactly once."""
    pages = questionnaire_pages(instrument, role)
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    items = [item.id for page in pages for item in page.items]
    assert sorted(items) == sorted(i.id for i in instrument.items_for_role(role))
    questions = [q.id for page in pages for q in page.open_questions]
    asked = [q.id for q in instrument.open_questions if role in q.roles]
    assert sorted(questions) == sorted(asked)
    for page in pages:
        assert len({item.theme for item in page.items}) <= 1


def test_theme_pages_follow_the_theme_order_and_end_with_the_closing_page(
    instrument: Instrument,
) -> None:
    """Themes come in their order; open questions without a theme close the survey."""
    pages = questionnaire_pages(instrument, Role.LEDER)
    themes = [t.title for t in sorted(instrument.themes, key=lambda t: t.order)]
    assert [p.title for p in pages[:-1]] == themes
    closing = pages[-1]
    assert (closing.title, closing.items) == ("", ())
    assert all(q.theme is None for q in closing.open_questions)
    themed = {q.id: q.theme for q in instrument.open_questions if q.theme}
    for page in pages[:-1]:
        for question in page.open_questions:
            assert themed[question.id] == page.items[0].theme
