"""A first walk along the thin path through the web layer."""

from __future__ import annotations

from django.test import Client

from tests.web.conftest import World


def test_consultant_downloads_a_deck(world: World, client: Client) -> None:
    """A consultant of the partnership downloads municipality A's deck as a .pptx."""
    client.force_login(world.consultant)
    response = client.get("/partnerskaber/p/kommuner/101/rapport.pptx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
