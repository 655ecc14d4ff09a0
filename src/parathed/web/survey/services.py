"""Writes of the questionnaire: links, starting a response, the idempotent submit."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date

from django.db import transaction

from parathed.instrument.schema import SURVEY_ROLES, Role
from parathed.web.partnerships.models import MeasurementRound, Municipality
from parathed.web.survey.models import Answer, Response, SurveyLink

TOKEN_BYTES = 32  # 256 random bits; reliability.md S8 asks for at least 128


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


@transaction.atomic
def response_submit(
    *, response_id: int, answers: Mapping[str, int | None], today: date
) -> tuple[Response, bool]:
    """Stores the answers and submits the response, exactly once.

    Returns the response and whether this call submitted it; a repeated submit (double
    click, replayed POST) changes nothing and returns False. Raises SurveyClosedError
    when the link or round closed before a first submit.
    """
    response = (
        Response.objects.select_for_update(of=("self",))
        .select_related("link__round")
        .get(pk=response_id)
    )
    if response.status == Response.Status.SUBMITTED:
        return response, False
    if response.link is None or not link_is_usable(response.link):
        raise SurveyClosedError
    for value in answers.values():
        if value is not None and not 1 <= value <= 5:
            raise ValueError("answer outside 1-5")
    Answer.objects.filter(response=response).delete()
    Answer.objects.bulk_create(
        [
            Answer(response=response, item_id=item, value=v)
            for item, v in answers.items()
        ]
    )
    response.status = Response.Status.SUBMITTED
    response.submitted_on = today
    response.save(update_fields=["status", "submitted_on"])
    return response, True
