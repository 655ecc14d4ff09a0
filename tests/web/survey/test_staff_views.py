"""The staff side of collection through HTTP: round settings and their freeze, links
(issue, close, rotate), expected numbers, response rates, reminders and invitations."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Role
from parathed.web.partnerships.models import MeasurementRound
from parathed.web.partnerships.services import round_open
from parathed.web.survey.models import ExpectedHeadcount, SurveyLink
from parathed.web.survey.services import link_create, response_start, response_submit

DAY = date(2026, 5, 4)
ROUND = "/partnerskaber/p/maaling/"
RATES_A = "/partnerskaber/p/kommuner/101/svarprocent/"
PRINT_A = "/partnerskaber/p/kommuner/101/invitationer/"
SETTINGS = {"anonymity_threshold": "6", "text_threshold": "15", "link_mode": "shared"}
EXPECTED = {"chef": "2", "leder": "8", "medarbejder": "40"}
TOKEN = re.compile(r"/s/([A-Za-z0-9_-]{43})/")


def _as(world: Any, actor: str) -> Client:
    client = Client()
    if actor != "anonymous":
        client.force_login(getattr(world, actor))
    return client


def _text(response: Any) -> str:
    return str(response.content.decode())


def _fresh(world: Any) -> MeasurementRound:
    """A newer round without links; it becomes the partnership's current round."""
    return round_open(
        partnership=world.partnership, name="Genmåling", instrument_version="1.0"
    )


def _submit(link: SurveyLink, role: Role, n: int) -> None:
    answers = {item.id: 4 for item in load_instrument().items_for_role(role)}
    for _ in range(n):
        draft = response_start(link=link, role=role, today=DAY)
        response_submit(response_id=draft.pk, answers=answers, today=DAY)


# --- Round settings and the freeze ---


def test_settings_are_saved_before_the_first_link(world: Any) -> None:
    """On a round without links the consultant changes thresholds and link mode."""
    fresh = _fresh(world)
    client = _as(world, "consultant")
    page = client.get(ROUND)
    assert page.status_code == 200
    assert "frozen-reason" not in _text(page)
    response = client.post(ROUND, SETTINGS)
    assert (response.status_code, response["Location"]) == (302, ROUND)
    fresh.refresh_from_db()
    assert (fresh.anonymity_threshold, fresh.text_threshold, fresh.link_mode) == (
        6,
        15,
        "shared",
    )


def test_after_the_first_link_the_page_shows_the_settings_frozen_with_the_reason(
    world: Any,
) -> None:
    """The world's round has links: disabled fields, no save button, a Danish reason."""
    page = _as(world, "consultant").get(ROUND)
    text = _text(page)
    assert 'id="frozen-reason"' in text
    assert "Låst: Det første link blev udstedt den" in text
    assert "Gem indstillinger" not in text
    assert re.search(r'name="anonymity_threshold"[^>]*disabled', text)


def test_the_server_refuses_a_settings_change_after_the_first_link(world: Any) -> None:
    """A POST after the freeze gets 409 with a Danish message; nothing changes."""
    response = _as(world, "consultant").post(ROUND, SETTINGS)
    assert response.status_code == 409
    assert "Indstillingerne blev ikke ændret" in _text(response)
    world.round.refresh_from_db()
    assert (world.round.anonymity_threshold, world.round.link_mode) == (5, "per_role")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("anonymity_threshold", "3", "Skriv et helt tal fra 5 til 50."),
        ("text_threshold", "", "Skriv et tal."),
        ("text_threshold", "ti", "Skriv et helt tal fra 10 til 50."),
    ],
)
def test_bad_settings_get_a_danish_error_and_change_nothing(
    world: Any, field: str, value: str, message: str
) -> None:
    """A threshold under the minimum or not a number: 400, the message, no change."""
    fresh = _fresh(world)
    response = _as(world, "consultant").post(ROUND, {**SETTINGS, field: value})
    assert response.status_code == 400
    assert message in _text(response)
    fresh.refresh_from_db()
    assert (fresh.anonymity_threshold, fresh.link_mode) == (5, "per_role")


# --- Links ---


def test_issue_links_gives_each_municipality_one_link_per_role(world: Any) -> None:
    """Issuing on a fresh round: 2 municipalities × 3 roles, shown on the page, and
    the settings are frozen from then on."""
    fresh = _fresh(world)
    client = _as(world, "consultant")
    response = client.post(ROUND + "links/udsted/")
    assert (response.status_code, response["Location"]) == (302, ROUND)
    links = SurveyLink.objects.filter(round=fresh)
    assert sorted(links.values_list("municipality__code", "role")) == [
        ("101", "chef"),
        ("101", "leder"),
        ("101", "medarbejder"),
        ("147", "chef"),
        ("147", "leder"),
        ("147", "medarbejder"),
    ]
    page = _text(client.get(ROUND))
    assert "6 links blev udstedt." in page
    assert set(TOKEN.findall(page)) == {link.token for link in links}
    assert client.post(ROUND, SETTINGS).status_code == 409


def test_closing_a_link_gives_the_closed_page_to_its_token(world: Any) -> None:
    """After "Luk" the token shows the 410 closed page; the answers remain."""
    client = _as(world, "consultant")
    response = client.post(f"{ROUND}links/{world.link_a.pk}/luk/")
    assert response.status_code == 302
    opened = Client().get(f"/s/{world.link_a.token}/")
    assert opened.status_code == 410
    assert world.link_a.responses.filter(status="submitted").count() == 6
    client.post(f"{ROUND}links/{world.link_a.pk}/genaabn/")
    assert Client().get(f"/s/{world.link_a.token}/").status_code == 302


def test_rotating_a_link_closes_the_old_token_and_opens_a_new_one(world: Any) -> None:
    """After "Nyt link": old token 410, new token opens; the page lists the new one
    only; the six responses still count for municipality A."""
    client = _as(world, "consultant")
    response = client.post(f"{ROUND}links/{world.link_a.pk}/forny/")
    assert response.status_code == 302
    new = SurveyLink.objects.get(replaces=world.link_a)
    assert Client().get(f"/s/{world.link_a.token}/").status_code == 410
    assert Client().get(f"/s/{new.token}/").status_code == 302
    page = _text(client.get(ROUND))
    assert new.token in page
    assert world.link_a.token not in page
    assert "erstatter 1 tidligere link" in page
    rates = _text(client.get(RATES_A))
    assert re.search(
        r'data-role="medarbejder"><th scope="row">Medarbejder</th>'
        r'<td class="num">6</td>',
        rates,
    )


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 302),
        ("contact_a", 403),
        ("contact_b", 403),
        ("steering", 403),
        ("outsider_consultant", 404),
    ],
)
@pytest.mark.parametrize("action", ["luk", "forny", "genaabn"])
def test_only_the_partnerships_consultant_changes_links(
    world: Any, actor: str, status: int, action: str
) -> None:
    """Every other actor is refused and the link is unchanged."""
    if action == "genaabn":
        _close_link_a(world)
    before = list(SurveyLink.objects.values_list("pk", "token", "is_open"))
    response = _as(world, actor).post(f"{ROUND}links/{world.link_a.pk}/{action}/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/konto/login/")
    assert list(SurveyLink.objects.values_list("pk", "token", "is_open")) == before


def _close_link_a(world: Any) -> None:
    SurveyLink.objects.filter(pk=world.link_a.pk).update(is_open=False)


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 302),
        ("contact_a", 403),
        ("steering", 403),
        ("outsider_consultant", 404),
    ],
)
def test_only_the_consultant_issues_links_and_changes_settings(
    world: Any, actor: str, status: int
) -> None:
    """Issue and settings POSTs from anyone else change nothing."""
    fresh = _fresh(world)
    client = _as(world, actor)
    assert client.post(ROUND + "links/udsted/").status_code == status
    assert client.post(ROUND, SETTINGS).status_code == status
    assert not SurveyLink.objects.filter(round=fresh).exists()
    fresh.refresh_from_db()
    assert fresh.link_mode == "per_role"


def test_a_link_of_another_partnership_is_not_found(world: Any) -> None:
    """A link id from another partnership's round gives 404, even to a consultant."""
    other_round = round_open(
        partnership=world.outsider_consultant.consulted_partnerships.get(),
        name="Anden",
        instrument_version="1.0",
    )
    other = link_create(
        round=other_round,
        municipality=other_round.partnership.municipalities.get(),
        role=Role.LEDER,
    )
    response = _as(world, "consultant").post(f"{ROUND}links/{other.pk}/luk/")
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.is_open


# --- Expected numbers, rates, reminders ---


def test_contact_enters_expected_numbers_and_sees_the_rate(world: Any) -> None:
    """Contact A saves 2/8/40: the page shows 6 of 40 medarbejdere (15 %) and 0 of 2
    chefs, and a reminder with the link and the rate."""
    client = _as(world, "contact_a")
    response = client.post(RATES_A, EXPECTED)
    assert (response.status_code, response["Location"]) == (302, RATES_A)
    page = _text(client.get(RATES_A))
    assert "De forventede antal er gemt." in page
    assert re.search(
        r'data-role="medarbejder">.*?<td class="num">6</td><td class="num">40</td>'
        r"<td>15 %",
        page,
    )
    assert re.search(
        r'data-role="chef">.*?<td class="num">0</td><td class="num">2</td>', page
    )
    assert f"http://testserver/s/{world.link_a.token}/" in page
    assert "Indtil nu har 6 af 40 medarbejdere i" in page


def test_counts_under_the_threshold_are_shown_and_no_score_is(world: Any) -> None:
    """Two leder responses (under 5) show as a count of 2 on the rates page, which
    shows no theme and no score at all."""
    leder = link_create(
        round=world.round, municipality=world.municipality_a, role=Role.LEDER
    )
    _submit(leder, Role.LEDER, 2)
    page = _text(_as(world, "consultant").get(RATES_A))
    assert re.search(r'data-role="leder">.*?<td class="num">2</td>', page)
    assert not any(theme.title in page for theme in load_instrument().themes)
    assert ">Score<" not in page


@pytest.mark.parametrize(
    ("value", "message"),
    [("-3", "Skriv et helt tal fra 0 til 100000."), ("mange", "Skriv et helt tal")],
)
def test_a_bad_expected_number_keeps_what_was_saved(
    world: Any, value: str, message: str
) -> None:
    """400 with a Danish message; the numbers saved before stay."""
    client = _as(world, "contact_a")
    client.post(RATES_A, EXPECTED)
    response = client.post(RATES_A, {**EXPECTED, "leder": value})
    assert response.status_code == 400
    assert message in _text(response)
    assert dict(ExpectedHeadcount.objects.values_list("role", "expected")) == {
        "chef": 2,
        "leder": 8,
        "medarbejder": 40,
    }


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("contact_b", 403),
        ("steering", 403),
        ("outsider_consultant", 404),
        ("anonymous", 302),
    ],
)
def test_nobody_else_enters_municipality_as_numbers(
    world: Any, actor: str, status: int
) -> None:
    """Contact B, the steering group and outsiders cannot set A's numbers."""
    assert _as(world, actor).post(RATES_A, EXPECTED).status_code == status
    assert not ExpectedHeadcount.objects.exists()


def test_consultant_sees_every_municipalitys_rate_with_totals(world: Any) -> None:
    """The partnership page lists A and B by role, with counts for both."""
    _as(world, "contact_a").post(RATES_A, EXPECTED)
    page = _text(_as(world, "consultant").get("/partnerskaber/p/svarprocent/"))
    assert "København" in page
    assert "Frederiksberg" in page
    assert "6 af 40 (15 %)" in page


def test_steering_group_sees_no_token_anywhere(world: Any) -> None:
    """The partnership page shows the steering group counts, but no link or token."""
    client = _as(world, "steering")
    page = _text(client.get("/partnerskaber/p/"))
    assert TOKEN.search(page) is None
    assert "/maaling/" not in page
    assert "/invitationer/" not in page
    for url in (ROUND, RATES_A, PRINT_A, "/partnerskaber/p/svarprocent/"):
        assert client.get(url).status_code == 403


# --- Invitations to print ---


def test_print_page_has_every_open_link_with_qr_code_and_danish_text(
    world: Any,
) -> None:
    """Municipality A's open links each get a section with an inline SVG QR code,
    the URL and the invitation; a closed link is left out."""
    leder = link_create(
        round=world.round, municipality=world.municipality_a, role=Role.LEDER
    )
    chef = link_create(
        round=world.round, municipality=world.municipality_a, role=Role.CHEF
    )
    SurveyLink.objects.filter(pk=chef.pk).update(is_open=False)
    page = _text(_as(world, "contact_a").get(PRINT_A))
    assert page.count('<section class="invitation"') == 2
    assert page.count("<svg") == 2
    assert set(TOKEN.findall(page)) == {world.link_a.token, leder.token}
    assert "Spørgeskemaet er anonymt." in page
    assert "mindst 5 personer" in page
    assert "http" not in page.split("<svg")[1].split("</svg>")[0]


# --- Rounds ---


def test_consultant_opens_a_new_round_and_closes_it(world: Any) -> None:
    """ "Åbn en ny måling" makes a current, unfrozen re-measurement; "Luk målingen"
    closes it, so its links show the closed page."""
    client = _as(world, "consultant")
    response = client.post(ROUND + "ny/", {"name": "Genmåling 2027"})
    assert (response.status_code, response["Location"]) == (302, ROUND)
    fresh = MeasurementRound.objects.get(name="Genmåling 2027")
    page = _text(client.get(ROUND))
    assert "Målingen Genmåling 2027 er åbnet." in page
    assert 'id="frozen-reason"' not in page
    client.post(ROUND + "links/udsted/")
    link = SurveyLink.objects.filter(round=fresh).first()
    assert link is not None
    assert client.post(ROUND + "luk/").status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == "closed"
    assert Client().get(f"/s/{link.token}/").status_code == 410
    world.round.refresh_from_db()
    assert world.round.status == "open"


def test_a_round_without_a_name_is_refused_in_danish(world: Any) -> None:
    """400 and "Giv målingen et navn."; no round is added."""
    response = _as(world, "consultant").post(ROUND + "ny/", {"name": ""})
    assert response.status_code == 400
    assert "Giv målingen et navn." in _text(response)
    assert MeasurementRound.objects.filter(partnership=world.partnership).count() == 1


@pytest.mark.parametrize(
    ("actor", "status"),
    [
        ("anonymous", 302),
        ("contact_a", 403),
        ("steering", 403),
        ("outsider_consultant", 404),
    ],
)
def test_only_the_consultant_opens_and_closes_rounds(
    world: Any, actor: str, status: int
) -> None:
    """Everyone else is refused; the round list and status stay as they were."""
    client = _as(world, actor)
    assert client.post(ROUND + "ny/", {"name": "X"}).status_code == status
    assert client.post(ROUND + "luk/").status_code == status
    world.round.refresh_from_db()
    assert world.round.status == "open"
    assert MeasurementRound.objects.filter(partnership=world.partnership).count() == 1


def test_round_page_buttons_post_to_each_links_own_action(world: Any) -> None:
    """Link A's row carries "Luk" and "Nyt link" buttons whose formaction is A's
    close and rotate URL, inside one form with a CSRF token; B's are B's."""
    page = _text(_as(world, "consultant").get(ROUND))
    for link in (world.link_a, world.link_b):
        assert f'formaction="{ROUND}links/{link.pk}/luk/"' in page
        assert f'formaction="{ROUND}links/{link.pk}/forny/"' in page
    assert 'id="link-actions"' in page
    assert "genaabn/" not in page  # no link is closed


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("Måling for 010203-1234 i år", "(tegn nr. 12, efter “Måling for”)"),
        ("0102031234 genmåling", "(i starten)"),
    ],
)
def test_a_round_name_with_a_cpr_number_is_refused_without_echoing_it(
    world: Any, name: str, where: str
) -> None:
    """400 with a Danish message saying where; the digits are not in the page and
    no round is added."""
    response = _as(world, "consultant").post(ROUND + "ny/", {"name": name})
    assert response.status_code == 400
    text = _text(response)
    assert f"Navnet ser ud til at indeholde et CPR-nummer {where}" in text
    assert "1234" not in text
    assert MeasurementRound.objects.filter(partnership=world.partnership).count() == 1


def test_a_shared_link_gets_one_reminder_with_the_municipalitys_total(
    world: Any,
) -> None:
    """Municipality B's link lets respondents choose a role: one reminder to all
    staff ("ansatte") with B's total, here 0 of 12."""
    client = _as(world, "contact_b")
    client.post(
        "/partnerskaber/p/kommuner/147/svarprocent/",
        {"chef": "1", "leder": "3", "medarbejder": "8"},
    )
    page = _text(client.get("/partnerskaber/p/kommuner/147/svarprocent/"))
    assert page.count('class="copy-text"') == 1
    assert "Påmindelse til ansatte" in page
    assert "Indtil nu har 0 af 12 ansatte i Frederiksberg svaret (0 %)." in page
    assert f"http://testserver/s/{world.link_b.token}/" in page
