"""``parathed report``: every deck and appendix of the round, rendered in workers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from pptx import Presentation

from parathed.cli.web import report


def test_report_writes_every_deck_and_appendix(world: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        report, ["--partnership", "p", "--out", str(out), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "parathed-101-koebenhavn-bilag.xlsx",
        "parathed-101-koebenhavn.pptx",
        "parathed-147-frederiksberg-bilag.xlsx",
        "parathed-147-frederiksberg.pptx",
        "parathed-partnerskab-testpartnerskab-bilag.xlsx",
        "parathed-partnerskab-testpartnerskab.pptx",
    ]
    assert "6 filer skrevet" in result.output
    deck = Presentation(str(out / "parathed-partnerskab-testpartnerskab.pptx"))
    text = " ".join(
        s.text_frame.text for sl in deck.slides for s in sl.shapes if s.has_text_frame
    )
    # Anonymised unless --named is given.
    assert "København" not in text
    assert "Frederiksberg" not in text


def test_report_refuses_an_unknown_partnership(world: Any, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        report, ["--partnership", "findes-ikke", "--out", str(tmp_path)]
    )
    assert result.exit_code != 0
    assert "Der findes intet partnerskab" in result.output
