"""Writes of the questionnaire: link tokens, drafts saved by page, the one submit."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Role
from parathed.web.partnerships.models import MeasurementRound
from parathed.web.partnerships.services import round_open
from parathed.web.survey.models import Answer, OpenAnswer, Response, SurveyLink
from parathed.web.survey.selectors import draft_by_resume_key
from parathed.web.survey.services import (
    TOKEN_BYTES,
    IncompleteResponseError,
    SurveyClosedError,
    link_create,
    response_resume_key_issue,
    response_save_page,
    response_start,
    response_submit,
    resume_digest,
)

DAY = date(2026, 5, 4)
URL_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")


def _answers(role: Role, value: int | None = 3) -> dict[str, int | None]:
    return {item.id: value for item in load_instrument().items_for_role(role)}


def _draft(world: Any) -> Response:
    return response_start(link=world.link_a, role=Role.MEDARBEJDER, today=DAY)


def _stored(response: Response) -> dict[str, int | None]:
    return dict(
        Answer.objects.filter(response=response).values_list("item_id", "value")
    )


def test_submit_stores_answers_and_marks_the_response_submitted(world: Any) -> None:
    """A first submit returns (response, True), dated, with every answer stored."""
    draft = _draft(world)
    response, submitted = response_submit(
        response_id=draft.pk, answers=_answers(Role.MEDARBEJDER), today=DAY
    )
    assert submitted is True
    assert (response.status, response.submitted_on) == (Response.Status.SUBMITTED, DAY)
    assert _stored(response) == _answers(Role.MEDARBEJDER)


def test_second_submit_returns_false_and_changes_nothing(world: Any) -> None:
    """A repeated submit returns (response, False) and keeps the first answers."""
    draft = _draft(world)
    response_submit(
        response_id=draft.pk, answers=_answers(Role.MEDARBEJDER, 2), today=DAY
    )
    later = date(2026, 5, 5)
    response, submitted = response_submit(
        response_id=draft.pk, answers=_answers(Role.MEDARBEJDER, 5), today=later
    )
    assert (response.pk, submitted) == (draft.pk, False)
    response.refresh_from_db()
    assert response.submitted_on == DAY
    assert _stored(response) == _answers(Role.MEDARBEJDER, 2)


@pytest.mark.parametrize("value", [0, 6, -1, 100])
def test_submit_rejects_values_outside_1_to_5(world: Any, value: int) -> None:
    """A value outside 1-5 raises ValueError and leaves the response a draft."""
    draft = _draft(world)
    answers = _answers(Role.MEDARBEJDER)
    answers[next(iter(answers))] = value
    with pytest.raises(ValueError, match="1-5"):
        response_submit(response_id=draft.pk, answers=answers, today=DAY)
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT
    assert _stored(draft) == {}


def test_submit_keeps_dont_know_as_none(world: Any) -> None:
    """ "Ved ikke" (None) is stored as an empty value, not as a number."""
    draft = _draft(world)
    response, _ = response_submit(
        response_id=draft.pk, answers=_answers(Role.MEDARBEJDER, None), today=DAY
    )
    assert set(_stored(response).values()) == {None}


def _close(world: Any, what: str) -> None:
    if what == "link":
        SurveyLink.objects.filter(pk=world.link_a.pk).update(is_open=False)
    else:
        MeasurementRound.objects.filter(pk=world.round.pk).update(
            status=MeasurementRound.Status.CLOSED
        )


@pytest.mark.parametrize("what", ["link", "round"])
def test_submit_after_closing_raises_survey_closed(world: Any, what: str) -> None:
    """A first submit after the link or round closed raises and stores nothing."""
    draft = _draft(world)
    _close(world, what)
    with pytest.raises(SurveyClosedError):
        response_submit(
            response_id=draft.pk, answers=_answers(Role.MEDARBEJDER), today=DAY
        )
    assert _stored(draft) == {}


@pytest.mark.parametrize("what", ["link", "round"])
def test_submit_repeated_after_closing_is_still_idempotent(
    world: Any, what: str
) -> None:
    """A response submitted before closing is returned unchanged on a repeat."""
    draft = _draft(world)
    response_submit(response_id=draft.pk, answers=_answers(Role.MEDARBEJDER), today=DAY)
    _close(world, what)
    _, submitted = response_submit(
        response_id=draft.pk, answers=_answers(Role.MEDARBEJDER, 1), today=DAY
    )
    assert submitted is False


@pytest.mark.parametrize("what", ["link", "round"])
def test_start_after_closing_raises_survey_closed(world: Any, what: str) -> None:
    """No draft is started on a closed link or in a closed round."""
    _close(world, what)
    world.link_a.refresh_from_db()
    world.link_a.round.refresh_from_db()
    with pytest.raises(SurveyClosedError):
        _draft(world)


def test_start_refuses_a_role_that_does_not_answer_the_questionnaire(
    world: Any,
) -> None:
    """Udfoerer answers no questionnaire, so no response is started for it."""
    with pytest.raises(ValueError, match="questionnaire"):
        response_start(link=world.link_b, role=Role.UDFOERER, today=DAY)


def test_start_copies_round_municipality_and_instrument_version(world: Any) -> None:
    """A draft knows its round, municipality and instrument version, and no more."""
    draft = _draft(world)
    assert (draft.round_id, draft.municipality_id) == (
        world.round.pk,
        world.municipality_a.pk,
    )
    assert draft.instrument_version == world.round.instrument_version
    assert (draft.started_on, draft.submitted_on) == (DAY, None)


def test_link_tokens_have_at_least_128_random_bits_and_are_unique(world: Any) -> None:
    """200 links get 200 distinct URL-safe tokens of 32 random bytes (43 characters)."""
    assert TOKEN_BYTES * 8 >= 128
    links = [  # one link per municipality x role x round, so 200 rounds
        link_create(
            round=round_open(
                partnership=world.partnership, name=f"R{n}", instrument_version="1.0"
            ),
            municipality=world.municipality_b,
            role=None,
        )
        for n in range(200)
    ]
    tokens = {link.token for link in links}
    assert len(tokens) == 200
    assert {len(token) for token in tokens} == {43}
    assert all(URL_SAFE.match(token) for token in tokens)


@pytest.mark.parametrize(("role", "stored"), [(None, ""), (Role.LEDER, "leder")])
def test_link_stores_its_role_or_none(
    world: Any, role: Role | None, stored: str
) -> None:
    """A link without a role lets the respondent choose; otherwise the role is fixed."""
    link = link_create(round=world.round, municipality=world.municipality_a, role=role)
    link.refresh_from_db()
    assert (link.role, link.is_open) == (stored, True)


# --- drafts saved page by page ----------------------------------------------------


def _open_texts(response: Response) -> dict[str, str]:
    return dict(
        OpenAnswer.objects.filter(response=response).values_list("question_id", "text")
    )


def test_save_page_replaces_the_page_answers_and_remembers_the_page(
    world: Any,
) -> None:
    """A second save of the same items overwrites them; other answers stay."""
    draft = _draft(world)
    first, second, third = (i.id for i in load_instrument().items[:3])
    assert response_save_page(
        response_id=draft.pk,
        answers={first: 1, second: None},
        open_answers={"OPEN01": "Tid."},
        page=2,
    )
    response_save_page(
        response_id=draft.pk, answers={second: 5, third: 3}, open_answers={}, page=3
    )
    draft.refresh_from_db()
    assert draft.page == 3
    assert _stored(draft) == {first: 1, second: 5, third: 3}
    assert _open_texts(draft) == {"OPEN01": "Tid."}
    response_save_page(
        response_id=draft.pk, answers={}, open_answers={"OPEN01": "  "}, page=3
    )
    assert _open_texts(draft) == {}


@pytest.mark.parametrize(
    ("answers", "open_answers", "message"),
    [
        ({"ES01": 6}, {}, "1-5"),
        ({"NOPE1": 3}, {}, "not asked"),
        ({}, {"OPEN99": "x"}, "not asked"),
        ({"ES01": 3}, {"OPEN01": "cpr 010203-1234"}, "CPR"),
    ],
    ids=["value", "unknown-item", "unknown-question", "cpr"],
)
def test_save_page_refuses_bad_input_and_keeps_what_was_saved(
    world: Any,
    answers: dict[str, int | None],
    open_answers: dict[str, str],
    message: str,
) -> None:
    """A bad value, an id the role is not asked or a CPR number changes nothing."""
    draft = _draft(world)
    response_save_page(
        response_id=draft.pk, answers={"ES01": 2}, open_answers={}, page=1
    )
    with pytest.raises(ValueError, match=message):
        response_save_page(
            response_id=draft.pk, answers=answers, open_answers=open_answers, page=2
        )
    draft.refresh_from_db()
    assert (draft.page, _stored(draft), _open_texts(draft)) == (1, {"ES01": 2}, {})


def test_save_page_after_submit_changes_nothing(world: Any) -> None:
    """A late save (a replayed page POST) returns False and keeps the answers."""
    draft = _draft(world)
    response_submit(response_id=draft.pk, answers=_answers(Role.MEDARBEJDER), today=DAY)
    first = next(iter(_answers(Role.MEDARBEJDER)))
    saved = response_save_page(
        response_id=draft.pk, answers={first: 1}, open_answers={}, page=1
    )
    assert saved is False
    assert _stored(draft)[first] == 3


@pytest.mark.parametrize("what", ["link", "round"])
def test_save_page_after_closing_raises(world: Any, what: str) -> None:
    """No draft is saved on a closed link or in a closed round."""
    draft = _draft(world)
    _close(world, what)
    with pytest.raises(SurveyClosedError):
        response_save_page(
            response_id=draft.pk, answers={"ES01": 2}, open_answers={}, page=1
        )
    assert _stored(draft) == {}


def test_submit_needs_every_statement_and_names_the_missing(world: Any) -> None:
    """A submit with answers missing raises with their ids and stays a draft."""
    draft = _draft(world)
    answers = _answers(Role.MEDARBEJDER)
    missing = list(answers)[-2:]
    for item in missing:
        del answers[item]
    with pytest.raises(IncompleteResponseError) as raised:
        response_submit(response_id=draft.pk, answers=answers, today=DAY)
    assert list(raised.value.missing) == missing
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT


def test_submit_adds_to_the_saved_pages(world: Any) -> None:
    """Answers saved page by page count; the submit only adds the last ones."""
    draft = _draft(world)
    answers = _answers(Role.MEDARBEJDER)
    head = dict(list(answers.items())[:10])
    tail = dict(list(answers.items())[10:])
    response_save_page(response_id=draft.pk, answers=head, open_answers={}, page=2)
    _, submitted = response_submit(
        response_id=draft.pk, answers=tail, today=DAY, open_answers={"OPEN02": "Ja"}
    )
    assert submitted is True
    assert _stored(draft) == answers
    assert _open_texts(draft) == {"OPEN02": "Ja"}


def test_resume_key_is_random_stored_as_digest_and_dropped_on_submit(
    world: Any,
) -> None:
    """The key finds its draft; only its SHA-256 is stored; a new key or the submit
    makes the old one useless."""
    draft = _draft(world)
    key = response_resume_key_issue(response_id=draft.pk)
    draft.refresh_from_db()
    assert draft.resume_digest == resume_digest(key) != key
    found = draft_by_resume_key(key=key)
    assert found is not None
    assert found.pk == draft.pk
    newer = response_resume_key_issue(response_id=draft.pk)
    assert newer != key
    assert draft_by_resume_key(key=key) is None
    response_submit(response_id=draft.pk, answers=_answers(Role.MEDARBEJDER), today=DAY)
    assert draft_by_resume_key(key=newer) is None
    draft.refresh_from_db()
    assert draft.resume_digest is None
