"""Validation by the municipality: confirm, correct with a comment, the overview."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from parathed.web.keyfigures.models import FigureValue


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name: str, world: Any, figure: Any = None) -> str:
    kwargs = {"slug": "p", "code": "101"}
    if figure is not None:
        kwargs["figure_id"] = str(figure.pk)
    return reverse(f"keyfigures:{name}", kwargs=kwargs)


def test_contact_sees_each_value_with_its_source(world: Any) -> None:
    """The page lists the input, its value and DST's citation with the date."""
    page = _client(world.contact_a).get(_url("municipality", world)).content.decode()
    assert "Børn med underretninger" in page
    assert "9.000" in page
    assert (
        "Kilde: Danmarks Statistik, Statistikbanken, tabel UND2 (udtrukket 2026-05-01)"
        in page
    )
    assert "Ikke valideret" in page
    assert "Bekræft" in page


def test_consultant_sees_the_values_but_cannot_validate(world: Any) -> None:
    """No confirm button for a consultant, and a POST is refused with 403."""
    client = _client(world.consultant)
    page = client.get(_url("municipality", world)).content.decode()
    assert "9.000" in page
    assert "Bekræft" not in page
    assert client.post(_url("figure-confirm", world, world.figure_a)).status_code == 403
    world.figure_a.refresh_from_db()
    assert world.figure_a.status == FigureValue.Status.UNVALIDATED


def test_contact_confirms_a_value(world: Any) -> None:
    """Confirming marks the value confirmed, by whom and when; the value stays."""
    response = _client(world.contact_a).post(
        _url("figure-confirm", world, world.figure_a)
    )
    assert response.status_code == 302
    world.figure_a.refresh_from_db()
    assert world.figure_a.status == FigureValue.Status.CONFIRMED
    assert world.figure_a.validated_by_id == world.contact_a.pk
    assert world.figure_a.value == 9000


def test_contact_corrects_a_value_and_the_original_stays_beside_it(
    world: Any,
) -> None:
    """The correction and its comment are stored; StatBank's value is kept."""
    client = _client(world.contact_a)
    response = client.post(
        _url("figure-correct", world, world.figure_a),
        {
            f"f{world.figure_a.pk}-value": "9125",
            f"f{world.figure_a.pk}-comment": "Vores sagssystem tæller dobbelt.",
        },
    )
    assert response.status_code == 302
    world.figure_a.refresh_from_db()
    assert (world.figure_a.source_value, world.figure_a.corrected_value) == (
        9000,
        9125,
    )
    assert world.figure_a.comment == "Vores sagssystem tæller dobbelt."
    page = client.get(response["Location"]).content.decode()
    assert "oprindelig: 9.000" in page
    assert "Rettet" in page


@pytest.mark.parametrize(
    ("comment", "where"),
    [
        ("Barnet 010203-1234 er talt to gange", "linje 1, kolonne 8, efter »Barnet«"),
        ("Se sagen\nCPR 0102031234", "linje 2, kolonne 5, efter »CPR«"),
    ],
)
def test_comment_with_a_cpr_number_is_refused_and_not_echoed(
    world: Any, comment: str, where: str
) -> None:
    """A Danish message says where; the number is neither stored nor shown again."""
    response = _client(world.contact_a).post(
        _url("figure-correct", world, world.figure_a),
        {
            f"f{world.figure_a.pk}-value": "9100",
            f"f{world.figure_a.pk}-comment": comment,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "ser ud til at indeholde et cpr-nummer" in page
    assert where in page
    assert "1234" not in page
    world.figure_a.refresh_from_db()
    assert world.figure_a.status == FigureValue.Status.UNVALIDATED
    assert world.figure_a.comment == ""


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-1", "Værdien kan ikke være under 0."),
        ("12,5", "Værdien skal være et helt tal."),
        ("mange", "Skriv et tal, fx 12 eller 4,5."),
    ],
)
def test_impossible_correction_is_refused(world: Any, value: str, message: str) -> None:
    """A negative or fractional count, or text, gives a Danish message; no change."""
    response = _client(world.contact_a).post(
        _url("figure-correct", world, world.figure_a),
        {f"f{world.figure_a.pk}-value": value, f"f{world.figure_a.pk}-comment": "x"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    world.figure_a.refresh_from_db()
    assert world.figure_a.corrected_value is None


def test_contact_of_b_cannot_confirm_a_value_of_a(world: Any) -> None:
    """B's contact is refused at A's address (403); A's figure id under B's code
    is not found (404)."""
    client = _client(world.contact_b)
    assert client.post(_url("figure-confirm", world, world.figure_a)).status_code == 403
    under_b = reverse(
        "keyfigures:figure-confirm",
        kwargs={"slug": "p", "code": "147", "figure_id": world.figure_a.pk},
    )
    assert client.post(under_b).status_code == 404
    world.figure_a.refresh_from_db()
    assert world.figure_a.status == FigureValue.Status.UNVALIDATED


def test_overview_shows_status_per_municipality(world: Any) -> None:
    """A consultant sees each municipality's counts of confirmed and open values."""
    _client(world.contact_a).post(_url("figure-confirm", world, world.figure_a))
    page = (
        _client(world.consultant)
        .get(reverse("keyfigures:overview", kwargs={"slug": "p"}), {"aar": 2025})
        .content.decode()
    )
    assert "Validering af nøgletal 2025" in page
    assert "København" in page
    assert "Frederiksberg" in page
    rows = [line for line in page.splitlines() if "/kommuner/101/noegletal/" in line]
    assert rows
    assert (
        '<td class="num">1</td><td class="num">1</td><td class="num">0</td>' in rows[0]
    )
