"""The respondent flow through HTTP: links, role choice, answers and the one submit."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import models
from django.test import Client

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Role
from parathed.web.partnerships.models import MeasurementRound
from parathed.web.survey.models import Answer, Response, SurveyLink
from parathed.web.survey.views import SESSION_LINK


def _templates(response: Any) -> list[str]:
    return [t.name for t in response.templates if t.name]


def _answers(role: Role, value: str = "4") -> dict[str, str]:
    return {item.id: value for item in load_instrument().items_for_role(role)}


def _open(client: Client, link: SurveyLink) -> None:
    opened = client.get(f"/s/{link.token}/")
    assert opened.status_code == 302


def _started(client: Client, link: SurveyLink) -> Response:
    """Opens a role-fixed link and shows the questionnaire, which starts a draft."""
    _open(client, link)
    assert client.get("/besvar/").status_code == 200
    return Response.objects.filter(link=link).latest("pk")


def _close(world: Any, what: str) -> None:
    if what == "link":
        SurveyLink.objects.filter(pk=world.link_a.pk).update(is_open=False)
    else:
        MeasurementRound.objects.filter(pk=world.round.pk).update(
            status=MeasurementRound.Status.CLOSED
        )


@pytest.mark.parametrize(
    "token", ["x" * 43, "kort", "Z" * 64], ids=["43-chars", "short", "64-chars"]
)
def test_unknown_token_gives_404_with_the_unknown_link_page(
    world: Any, client: Client, token: str
) -> None:
    """A token that matches no link shows the Danish "unknown link" page with 404."""
    response = client.get(f"/s/{token}/")
    assert response.status_code == 404
    assert "survey/unknown_link.html" in _templates(response)
    assert SESSION_LINK not in client.session


@pytest.mark.parametrize("what", ["link", "round"])
def test_closed_link_or_round_gives_410(world: Any, client: Client, what: str) -> None:
    """Opening a link whose link or round is closed shows the closed page with 410."""
    _close(world, what)
    response = client.get(f"/s/{world.link_a.token}/")
    assert response.status_code == 410
    assert "survey/closed.html" in _templates(response)


def test_token_is_traded_for_a_session_and_dropped_from_the_url(
    world: Any, client: Client
) -> None:
    """The first visit stores the link in the session and redirects to /besvar/."""
    response = client.get(f"/s/{world.link_a.token}/")
    assert (response.status_code, response["Location"]) == (302, "/besvar/")
    assert client.session[SESSION_LINK] == world.link_a.pk
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert world.link_a.token not in page.content.decode()


@pytest.mark.parametrize("path", ["/s/{token}/", "/besvar/", "/besvar/tak/"])
def test_respondent_pages_are_not_stored_in_caches(
    world: Any, client: Client, path: str
) -> None:
    """Every respondent page carries Cache-Control: no-store (reliability.md S7)."""
    _open(client, world.link_a)
    response = client.get(path.format(token=world.link_a.token))
    assert response["Cache-Control"] == "no-store"


def test_role_less_link_asks_for_the_role_first(world: Any, client: Client) -> None:
    """A link without a role shows the role choice and starts nothing until chosen."""
    _open(client, world.link_b)
    response = client.get("/besvar/")
    assert response.status_code == 200
    assert "survey/role.html" in _templates(response)
    assert not Response.objects.filter(link=world.link_b).exists()


@pytest.mark.parametrize("role", [Role.CHEF, Role.LEDER, Role.MEDARBEJDER])
def test_chosen_role_decides_the_items(world: Any, client: Client, role: Role) -> None:
    """After the role choice the questionnaire shows exactly that role's items."""
    _open(client, world.link_b)
    chosen = client.post("/besvar/", {"role": role.value})
    assert (chosen.status_code, chosen["Location"]) == (302, "/besvar/")
    (started,) = Response.objects.filter(link=world.link_b)
    assert (started.role, started.status) == (role.value, Response.Status.DRAFT)
    page = client.get("/besvar/")
    assert "survey/respond.html" in _templates(page)
    expected = [item.id for item in load_instrument().items_for_role(role)]
    assert list(page.context["form"].fields) == expected


@pytest.mark.parametrize(
    "data",
    [{}, {"role": "udfoerer"}, {"role": "borgmester"}],
    ids=["none", "not-a-survey-role", "unknown"],
)
def test_invalid_role_choice_gives_400_and_starts_nothing(
    world: Any, client: Client, data: dict[str, str]
) -> None:
    """A missing or unknown role shows the role page again with 400."""
    _open(client, world.link_b)
    response = client.post("/besvar/", data)
    assert response.status_code == 400
    assert "survey/role.html" in _templates(response)
    assert not Response.objects.filter(link=world.link_b).exists()


def test_role_fixed_link_ignores_a_posted_role(world: Any, client: Client) -> None:
    """A posted role cannot change the role of a link that fixes it."""
    _open(client, world.link_a)
    client.post("/besvar/", {"role": Role.CHEF.value})
    roles = set(
        Response.objects.filter(link=world.link_a).values_list("role", flat=True)
    )
    assert roles == {Role.MEDARBEJDER.value}


def _without_first(data: dict[str, str]) -> dict[str, str]:
    return dict(list(data.items())[1:])


def _with_first(data: dict[str, str], value: str) -> dict[str, str]:
    first = next(iter(data))
    return {**data, first: value}


@pytest.mark.parametrize(
    "spoil",
    [
        _without_first,
        lambda data: {},
        lambda data: _with_first(data, "0"),
        lambda data: _with_first(data, "6"),
        lambda data: _with_first(data, "ja"),
    ],
    ids=["one-missing", "all-missing", "zero", "six", "text"],
)
def test_bad_answers_give_400_with_error_summary_and_keep_nothing(
    world: Any, client: Client, spoil: Any
) -> None:
    """A missing or invalid answer shows the error summary (400) and saves nothing."""
    draft = _started(client, world.link_a)
    response = client.post("/besvar/", spoil(_answers(Role.MEDARBEJDER)))
    assert response.status_code == 400
    assert "survey/_error_summary.html" in _templates(response)
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT
    assert not Answer.objects.filter(response=draft).exists()


@pytest.mark.parametrize(
    ("link_name", "role"),
    [
        ("link_a", Role.MEDARBEJDER),
        ("link_b", Role.CHEF),
        ("link_b", Role.LEDER),
        ("link_b", Role.MEDARBEJDER),
    ],
)
def test_full_submit_stores_one_response_with_one_answer_per_role_item(
    world: Any, client: Client, link_name: str, role: Role
) -> None:
    """A complete submit stores one submitted response and an answer per role item."""
    link = getattr(world, link_name)
    before = set(Response.objects.values_list("pk", flat=True))
    _open(client, link)
    if not link.role:
        client.post("/besvar/", {"role": role.value})
    data = _answers(role)
    data[next(iter(data))] = "vk"  # "ved ikke" is stored as an empty value
    response = client.post("/besvar/", data)
    assert (response.status_code, response["Location"]) == (302, "/besvar/tak/")
    (stored,) = Response.objects.exclude(pk__in=before)
    assert (stored.status, stored.role) == (Response.Status.SUBMITTED, role.value)
    assert stored.submitted_on is not None
    items = load_instrument().items_for_role(role)
    assert all(role in item.roles for item in items)
    answers = dict(
        Answer.objects.filter(response=stored).values_list("item_id", "value")
    )
    assert sorted(answers) == sorted(item.id for item in items)
    assert answers[items[0].id] is None
    assert {answers[item.id] for item in items[1:]} == {4}


@pytest.mark.parametrize("replay", ["same", "changed"])
def test_replayed_submit_yields_one_response_and_the_completion_page(
    world: Any, client: Client, replay: str
) -> None:
    """A repeated submit keeps one response, unchanged, and shows the done page."""
    before = Response.objects.count()
    _open(client, world.link_a)
    first = _answers(Role.MEDARBEJDER, "2")
    assert client.post("/besvar/", first)["Location"] == "/besvar/tak/"
    again = first if replay == "same" else _answers(Role.MEDARBEJDER, "5")
    response = client.post("/besvar/", again, follow=True)
    assert response.redirect_chain == [("/besvar/tak/", 302)]
    assert response.status_code == 200
    assert "survey/done.html" in _templates(response)
    assert Response.objects.count() == before + 1
    stored = Response.objects.latest("pk")
    assert stored.status == Response.Status.SUBMITTED
    values = set(Answer.objects.filter(response=stored).values_list("value", flat=True))
    assert values == {2}


def test_reopening_the_link_after_submit_shows_the_completion_page(
    world: Any, client: Client
) -> None:
    """Opening the same link again in the same session leads to the done page."""
    _open(client, world.link_a)
    client.post("/besvar/", _answers(Role.MEDARBEJDER))
    response = client.get(f"/s/{world.link_a.token}/", follow=True)
    assert "survey/done.html" in _templates(response)


@pytest.mark.parametrize("what", ["link", "round"])
def test_submit_after_closing_keeps_nothing_new(
    world: Any, client: Client, what: str
) -> None:
    """A submit after the link or round closed shows 410 and stores no answers."""
    draft = _started(client, world.link_a)
    answers_before = Answer.objects.count()
    _close(world, what)
    response = client.post("/besvar/", _answers(Role.MEDARBEJDER))
    assert response.status_code == 410
    assert "survey/closed.html" in _templates(response)
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT
    assert Answer.objects.count() == answers_before


@pytest.mark.parametrize("model", [Response, Answer])
def test_nothing_stored_points_to_a_person_or_a_time_of_day(
    model: type[models.Model],
) -> None:
    """Responses and answers hold no IP, user agent or time of day, only dates."""
    fields = model._meta.get_fields()
    words = {word for field in fields for word in field.name.lower().split("_")}
    assert words.isdisjoint({"ip", "agent", "useragent", "time", "timestamp", "at"})
    kinds = (models.DateTimeField, models.TimeField, models.GenericIPAddressField)
    assert [f.name for f in fields if isinstance(f, kinds)] == []


@pytest.mark.parametrize(
    ("path", "closed", "danish"),
    [
        ("/s/findes-ikke/", False, "Vi kan ikke finde dette spørgeskema"),
        ("/s/{token}/", True, "Spørgeskemaet er lukket"),
    ],
)
def test_bad_links_explain_themselves_in_danish(
    world: Any, client: Client, path: str, closed: bool, danish: str
) -> None:
    """An unknown or closed link gets a page in Danish, with lang="da"."""
    if closed:
        _close(world, "round")
    page = client.get(path.format(token=world.link_a.token))
    text = page.content.decode()
    assert danish in text
    assert '<html lang="da">' in text


def test_missing_answer_is_explained_in_danish(world: Any, client: Client) -> None:
    """The error summary says in Danish that an answer is missing."""
    _started(client, world.link_a)
    answers = _answers(Role.MEDARBEJDER)
    answers.pop(next(iter(answers)))
    page = client.post("/besvar/", answers)
    text = page.content.decode()
    assert page.status_code == 400
    assert "Der er et problem" in text
    assert "Vælg et svar til dette udsagn." in text
