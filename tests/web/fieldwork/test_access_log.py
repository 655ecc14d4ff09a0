"""Every access to a case or interview URL, allowed or refused, is in the log.

Runs each fieldwork row of the role × view matrix and checks that the request left
exactly the expected trace: a read for a 200, a refusal for a 403/404 by a logged-in
user, nothing for an anonymous visitor (who is sent to the login page) or where the
partnership has no round yet (there is nothing to open).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from parathed.web.fieldwork.models import AccessLogEntry
from tests.web.test_role_matrix import ACTORS, TABLE, Row

FIELDWORK = [r for r in TABLE if r.name.startswith("fieldwork:")]
LOGGED_IN = [a for a in ACTORS if a not in ("anonymous", "respondent")]


@pytest.mark.parametrize("entry", [pytest.param(r, id=r.id) for r in FIELDWORK])
def test_every_fieldwork_access_is_logged(world: Any, entry: Row) -> None:
    for actor in ACTORS:
        _check_trace(world, entry, actor)


def _check_trace(world: Any, entry: Row, actor: str) -> None:
    client = Client()
    if actor in LOGGED_IN:
        client.force_login(getattr(world, actor))
    kwargs = entry.kwargs(world)
    before = AccessLogEntry.objects.count()
    response = client.get(reverse(entry.name, kwargs=kwargs))
    new = list(AccessLogEntry.objects.order_by("pk")[before:])
    granted = response.status_code == HTTPStatus.OK
    if actor not in LOGGED_IN or (
        "without a round" in entry.label and actor == "outsider_consultant"
    ):
        # Nobody logged in, or a partnership without a round: no record was opened.
        assert new == [], actor
        return
    assert new, f"no log entry for {actor}"
    user = getattr(world, actor)
    assert {e.user_id for e in new} == {user.pk}, actor
    assert {e.partnership.slug for e in new} == {kwargs["slug"]}, actor
    expected = AccessLogEntry.Action.READ if granted else AccessLogEntry.Action.DENIED
    assert {e.action for e in new} == {expected}, actor
    object_id = kwargs.get("screening_id") or kwargs.get("interview_id")
    if object_id is not None:
        assert int(object_id) in {e.object_id for e in new}, actor


def test_the_log_page_shows_who_and_what_but_no_content(world: Any) -> None:
    """Refused accesses appear to the consultant; labels and notes do not."""
    refused = Client()
    refused.force_login(world.contact_a)
    case_url = reverse(
        "fieldwork:case-edit",
        kwargs={
            "slug": "p",
            "code": world.municipality_a.code,
            "screening_id": world.screening_a.pk,
        },
    )
    assert refused.get(case_url).status_code == 403
    consultant = Client()
    consultant.force_login(world.consultant)
    page = consultant.get(reverse("fieldwork:access-log", kwargs={"slug": "p"}))
    text = page.content.decode()
    assert "kontakt-a" in text
    assert "adgang nægtet" in text
    assert f"sagsscreening #{world.screening_a.pk}" in text
    assert "Sag A" not in text
    assert "Mange skift" not in text  # a paraphrase of the world's interview
