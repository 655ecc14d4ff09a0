"""Reads of questionnaire data, returned as plain evidence for the analysis core."""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import cast

from django.db import connection
from django.db.models import Count

from parathed.analysis.evidence import (
    DEFAULT_TEXT_THRESHOLD,
    AnswerEvidence,
    ResponseEvidence,
    SurveyEvidence,
    TextAnswerEvidence,
)
from parathed.instrument.schema import Role
from parathed.web.partnerships.models import MeasurementRound, Municipality
from parathed.web.rows import column_list, instances, table
from parathed.web.survey.models import Answer, OpenAnswer, Response, SurveyLink
from parathed.web.survey.services import resume_digest


def survey_evidence_by_municipality(
    *,
    round_id: int,
    municipality_ids: list[int],
    threshold: int,
    text_threshold: int = DEFAULT_TEXT_THRESHOLD,
) -> dict[int, SurveyEvidence]:
    """Returns each municipality's submitted answers in the round, in three queries.

    Open answers carry no role and are ordered by question and text, so that nothing
    ties a comment to the response it came from.
    """
    responses = Response.objects.filter(
        round_id=round_id,
        municipality_id__in=municipality_ids,
        status=Response.Status.SUBMITTED,
    ).values_list("pk", "municipality_id", "municipality__code", "role")
    answers: dict[int, list[AnswerEvidence]] = defaultdict(list)
    rows = Answer.objects.filter(
        response__round_id=round_id,
        response__municipality_id__in=municipality_ids,
        response__status=Response.Status.SUBMITTED,
    ).values_list("response_id", "item_id", "value")
    for response_id, item_id, value in rows.order_by("response_id", "item_id"):
        answers[response_id].append(AnswerEvidence(item_id=item_id, value=value))
    by_municipality: dict[int, list[ResponseEvidence]] = defaultdict(list)
    codes: dict[int, str] = {}
    for response_id, municipality_id, code, role in responses.order_by("pk"):
        codes[municipality_id] = code
        by_municipality[municipality_id].append(
            ResponseEvidence(role=Role(role), answers=tuple(answers[response_id]))
        )
    texts: dict[int, list[TextAnswerEvidence]] = defaultdict(list)
    open_rows = OpenAnswer.objects.filter(
        response__round_id=round_id,
        response__municipality_id__in=municipality_ids,
        response__status=Response.Status.SUBMITTED,
    ).values_list("response__municipality_id", "question_id", "text")
    for municipality_id, question_id, text in open_rows.order_by("question_id", "text"):
        texts[municipality_id].append(TextAnswerEvidence(question_id, text))
    return {
        municipality_id: SurveyEvidence(
            municipality_code=codes.get(municipality_id, ""),
            responses=tuple(by_municipality[municipality_id]),
            threshold=threshold,
            texts=tuple(texts[municipality_id]),
            text_threshold=text_threshold,
        )
        for municipality_id in municipality_ids
    }


def response_counts(*, round_id: int) -> dict[int, dict[str, int]]:
    """Returns submitted responses per municipality id and role; counts may be shown."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Response.objects.filter(round_id=round_id, status=Response.Status.SUBMITTED)
        .values("municipality_id", "role")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["municipality_id"]][row["role"]] = row["n"]
    return counts


def links_for_round(*, round_id: int) -> list[SurveyLink]:
    """Returns the round's links with their municipality, ordered for printing."""
    return list(
        SurveyLink.objects.filter(round_id=round_id)
        .select_related("municipality")
        .order_by("municipality__code", "role")
    )


def draft_by_resume_key(*, key: str) -> Response | None:
    """Returns the draft a resume key (from the respondent's cookie) belongs to."""
    if not key:
        return None
    return (
        Response.objects.filter(
            resume_digest=resume_digest(key), status=Response.Status.DRAFT
        )
        .only("pk", "link_id")
        .first()
    )


def link_for_respondent(*, link_id: int) -> SurveyLink | None:
    """Returns the link with its round and municipality (for the respondent pages)."""
    return (
        SurveyLink.objects.select_related("round", "municipality")
        .filter(pk=link_id)
        .first()
    )


@cache
def _draft_sql() -> str:
    return (
        f"SELECT {column_list(Response, 'r')}, {column_list(SurveyLink, 'l')}, "  # noqa: S608
        f"{column_list(MeasurementRound, 'o')}, {column_list(Municipality, 'm')} "
        f"FROM {table(Response)} r "
        f"JOIN {table(SurveyLink)} l ON l.id = r.link_id "
        f"JOIN {table(MeasurementRound)} o ON o.id = l.round_id "
        f"JOIN {table(Municipality)} m ON m.id = l.municipality_id "
        "WHERE r.id = %s AND r.link_id = %s"
    )


def draft_for_respondent(*, response_id: int, link_id: int) -> Response | None:
    """Returns the link's response with its link, round and municipality: one query.

    Every respondent request after the start makes this read, so its SQL is written
    once rather than built by the ORM each time (``parathed.web.rows``).
    """
    with connection.cursor() as cursor:
        cursor.execute(_draft_sql(), [response_id, link_id])
        row = cursor.fetchone()
    if row is None:
        return None
    response, link, round, municipality = instances(
        row, Response, SurveyLink, MeasurementRound, Municipality
    )
    link = cast(SurveyLink, link)
    link.round = cast(MeasurementRound, round)
    link.municipality = cast(Municipality, municipality)
    response = cast(Response, response)
    response.link = link
    return response


def saved_answers(*, response_id: int) -> dict[str, int | None]:
    """Returns a response's stored statement answers by item id; None is "ved ikke"."""
    return dict(
        Answer.objects.filter(response_id=response_id).values_list("item_id", "value")
    )


@cache
def _saved_sql() -> str:
    return (
        f"SELECT item_id, value, NULL FROM {table(Answer)} WHERE response_id = %s "  # noqa: S608
        "UNION ALL "
        f"SELECT question_id, NULL, text FROM {table(OpenAnswer)} "
        "WHERE response_id = %s"
    )


def saved_page_answers(
    *, response_id: int
) -> tuple[dict[str, int | None], dict[str, str]]:
    """Returns a response's stored statement answers (as ``saved_answers``) and its
    open answers by question id, in one query: each page of the questionnaire shows
    both."""
    answers: dict[str, int | None] = {}
    texts: dict[str, str] = {}
    with connection.cursor() as cursor:
        cursor.execute(_saved_sql(), [response_id, response_id])
        for key, value, text in cursor.fetchall():
            if text is None:
                answers[key] = value
            else:
                texts[key] = text
    return answers, texts
