"""Reads of questionnaire data, returned as plain evidence for the analysis core."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count

from parathed.analysis.evidence import (
    DEFAULT_TEXT_THRESHOLD,
    AnswerEvidence,
    ResponseEvidence,
    SurveyEvidence,
    TextAnswerEvidence,
)
from parathed.instrument.schema import Role
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


def draft_for_respondent(*, response_id: int, link_id: int) -> Response | None:
    """Returns the link's response with its link, round and municipality: one query."""
    return (
        Response.objects.select_related("link__round", "link__municipality")
        .filter(pk=response_id, link_id=link_id)
        .first()
    )


def saved_answers(*, response_id: int) -> dict[str, int | None]:
    """Returns a response's stored statement answers by item id; None is "ved ikke"."""
    return dict(
        Answer.objects.filter(response_id=response_id).values_list("item_id", "value")
    )


def saved_open_answers(*, response_id: int) -> dict[str, str]:
    """Returns a response's stored open answers by question id."""
    return dict(
        OpenAnswer.objects.filter(response_id=response_id).values_list(
            "question_id", "text"
        )
    )
