"""``parathed links`` (cli/web.py) over the survey links of a round (uses the world)."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner

from parathed.cli import main
from parathed.web.survey.link_services import link_close, link_rotate


def test_links_prints_current_links_marks_closed_ones_and_leaves_out_replaced(
    world: Any,
) -> None:
    """After rotating link A and closing link B: the new A token, B marked
    "(lukket)", and no line with the replaced token."""
    new = link_rotate(link=world.link_a)
    link_close(link=world.link_b)
    result = CliRunner().invoke(
        main, ["links", "--partnership", "p", "--base-url", "https://x.dk/"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"101 København            medarbejder  https://x.dk/s/{new.token}/",
        f"147 Frederiksberg        alle roller  https://x.dk/s/{world.link_b.token}/"
        " (lukket)",
    ]
    assert world.link_a.token not in result.output


def test_links_for_an_unknown_partnership_fails_in_danish(db: None) -> None:
    """Exit 1 with a Danish message naming the slug."""
    result = CliRunner().invoke(main, ["links", "--partnership", "findes-ikke"])
    assert result.exit_code == 1
    assert "Der findes intet partnerskab med navnet 'findes-ikke'." in result.output
