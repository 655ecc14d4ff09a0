"""Writes of the questionnaire: links, drafts saved page by page, one submit."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import date
from functools import cache

from django.db import connection, transaction

from parathed.instrument.loader import load_published
from parathed.instrument.schema import SURVEY_ROLES, Role
from parathed.privacy import find_cpr_numbers
from parathed.web.partnerships.models import MeasurementRound, Municipality
from parathed.web.rows import table
from parathed.web.survey.models import Answer, OpenAnswer, Response, SurveyLink

TOKEN_BYTES = 32  # 256 random bits; reliability.md S8 asks for at least 128
RESUME_KEY_BYTES = 32


class IncompleteResponseError(Exception):
    """A submit was asked for while statements are still unanswered."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__(f"{len(missing)} statements unanswered")
        self.missing = missing


class SurveyClosedError(Exception):
    """The link or its round no longer takes answers."""


def link_create(
    *, round: MeasurementRound, municipality: Municipality, role: Role | None = None
) -> SurveyLink:
    """Issues an anonymous link; ``role`` None lets the respondent choose a role."""
    return SurveyLink.objects.create(
        round=round,
        municipality=municipality,
        role=role.value if role else "",
        token=secrets.token_urlsafe(TOKEN_BYTES),
    )


def link_is_usable(link: SurveyLink) -> bool:
    """Returns whether the link still takes answers (link and round both open)."""
    return link.is_open and link.round.status == MeasurementRound.Status.OPEN


def response_start(*, link: SurveyLink, role: Role, today: date) -> Response:
    """Starts a draft response for the link; raises SurveyClosedError when closed."""
    if not link_is_usable(link):
        raise SurveyClosedError
    if role not in SURVEY_ROLES:
        raise ValueError(f"{role} does not answer the questionnaire")
    return Response.objects.create(
        link=link,
        round_id=link.round_id,
        municipality_id=link.municipality_id,
        role=role.value,
        instrument_version=link.round.instrument_version,
        started_on=today,
    )


def resume_digest(key: str) -> str:
    """Returns the stored form of a resume key: its SHA-256 digest, hex."""
    return hashlib.sha256(key.encode()).hexdigest()


def response_resume_key_issue(*, response_id: int) -> str:
    """Gives a draft a new random resume key and returns it; only its digest is kept.

    The key goes into the respondent's cookie, so the draft is found again after the
    session has timed out. Issuing a new key makes any earlier one useless.
    """
    key = secrets.token_urlsafe(RESUME_KEY_BYTES)
    Response.objects.filter(pk=response_id, status=Response.Status.DRAFT).update(
        resume_digest=resume_digest(key)
    )
    return key


def _locked_draft(response_id: int) -> Response | None:
    """Returns the response locked for update, or None when it is already submitted.

    Raises SurveyClosedError when the link or round no longer takes answers.
    """
    response = (
        Response.objects.select_for_update(of=("self",))
        .select_related("link__round")
        .get(pk=response_id)
    )
    if response.status == Response.Status.SUBMITTED:
        return None
    if response.link is None or not link_is_usable(response.link):
        raise SurveyClosedError
    return response


def _check(
    role: Role,
    instrument_version: str,
    answers: Mapping[str, int | None],
    open_answers: Mapping[str, str],
) -> None:
    """Raises ValueError for an unknown id, a value outside 1-5 or a CPR number."""
    instrument = load_published(instrument_version)
    item_ids = {item.id for item in instrument.items_for_role(role)}
    question_ids = {q.id for q in instrument.open_questions if role in q.roles}
    if not set(answers) <= item_ids:
        raise ValueError("answer to a statement the role is not asked")
    if not set(open_answers) <= question_ids:
        raise ValueError("answer to an open question the role is not asked")
    for value in answers.values():
        if value is not None and not 1 <= value <= 5:
            raise ValueError("answer outside 1-5")
    for text in open_answers.values():
        if find_cpr_numbers(text):
            raise ValueError("open answer holds a CPR number")


def _store(
    response_id: int,
    answers: Mapping[str, int | None],
    open_answers: Mapping[str, str],
) -> None:
    """Writes the answers over those stored for the same ids; a blank text deletes.

    One upsert per kind (INSERT … ON CONFLICT DO UPDATE on the unique pairs), so a
    page save is one statement per table rather than a delete and an insert.
    """
    Answer.objects.bulk_create(
        [
            Answer(response_id=response_id, item_id=item, value=v)
            for item, v in answers.items()
        ],
        update_conflicts=True,
        unique_fields=["response", "item_id"],
        update_fields=["value"],
    )
    blank = [question for question, text in open_answers.items() if not text.strip()]
    if blank:
        OpenAnswer.objects.filter(
            response_id=response_id, question_id__in=blank
        ).delete()
    OpenAnswer.objects.bulk_create(
        [
            OpenAnswer(response_id=response_id, question_id=question, text=text)
            for question, text in open_answers.items()
            if text.strip()
        ],
        update_conflicts=True,
        unique_fields=["response", "question_id"],
        update_fields=["text"],
    )


@cache
def _claim_sql() -> str:
    """An UPDATE that sets the page of a draft whose link and round are open, locks
    it for the transaction and returns its role and instrument version."""
    return (
        f"UPDATE {table(Response)} SET page = %s "  # noqa: S608
        "WHERE id = %s AND status = %s AND link_id IN ("
        f"SELECT l.id FROM {table(SurveyLink)} l "
        f"JOIN {table(MeasurementRound)} o ON o.id = l.round_id "
        "WHERE l.is_open AND o.status = %s) "
        "RETURNING role, instrument_version"
    )


@transaction.atomic
def response_save_page(
    *,
    response_id: int,
    answers: Mapping[str, int | None],
    open_answers: Mapping[str, str],
    page: int,
) -> bool:
    """Saves a page of a draft (autosave) and remembers it as the page to resume at.

    ``answers`` and ``open_answers`` replace what was stored for those ids; an empty
    text removes an open answer. Returns False and changes nothing when the response
    is already submitted. Raises SurveyClosedError when the link or round closed, and
    ValueError for an id the role is not asked, a value outside 1-5 or a CPR number.

    One statement claims the draft: it checks that it is still a draft on an open
    link in an open round, locks it like ``_locked_draft`` and sets the page (undone
    with the rest when a check fails). Every page change of every respondent makes
    this write, so it is one round trip rather than a read, a lock and an update.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _claim_sql(),
            [
                page,
                response_id,
                Response.Status.DRAFT.value,
                MeasurementRound.Status.OPEN.value,
            ],
        )
        claimed = cursor.fetchone()
    if claimed is None:
        if Response.objects.filter(
            pk=response_id, status=Response.Status.SUBMITTED
        ).exists():
            return False
        raise SurveyClosedError
    role, instrument_version = claimed
    _check(Role(role), instrument_version, answers, open_answers)
    _store(response_id, answers, open_answers)
    return True


@transaction.atomic
def response_submit(
    *,
    response_id: int,
    answers: Mapping[str, int | None],
    today: date,
    open_answers: Mapping[str, str] | None = None,
) -> tuple[Response, bool]:
    """Stores the last answers and submits the response, exactly once.

    ``answers`` and ``open_answers`` are added to those saved page by page; then every
    statement the role is asked must have an answer ("ved ikke" counts), or
    IncompleteResponseError names the missing ones and nothing is submitted. The resume
    key is dropped, so the submitted response cannot be found again from a cookie.

    Returns the response and whether this call submitted it; a repeated submit (double
    click, replayed POST) changes nothing and returns False. Raises SurveyClosedError
    when the link or round closed before a first submit.
    """
    response = _locked_draft(response_id)
    if response is None:
        return Response.objects.get(pk=response_id), False
    open_answers = open_answers or {}
    _check(Role(response.role), response.instrument_version, answers, open_answers)
    _store(response.pk, answers, open_answers)
    items = load_published(response.instrument_version).items_for_role(
        Role(response.role)
    )
    answered = set(
        Answer.objects.filter(response=response).values_list("item_id", flat=True)
    )
    missing = tuple(item.id for item in items if item.id not in answered)
    if missing:
        raise IncompleteResponseError(missing)
    response.status = Response.Status.SUBMITTED
    response.submitted_on = today
    response.resume_digest = None
    response.save(update_fields=["status", "submitted_on", "resume_digest"])
    return response, True
