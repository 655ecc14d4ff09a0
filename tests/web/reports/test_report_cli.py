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


def test_report_letters_follow_the_partnerships_key(
    world: Any, grow_round: Any, tmp_path: Path
) -> None:
    """Deck and appendix list the municipalities by the letters keyed with the
    partnership's own secret, the same in both files."""
    import openpyxl

    from parathed.reporting.partnership_content import (
        LEVEL_SHORT_DA,
        municipality_labels,
    )
    from parathed.web.partnerships.services import round_assess

    grow_round(municipalities=4, responses_each=5)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        report, ["--partnership", "p", "--out", str(out), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assessment = round_assess(round_id=world.round.pk)
    labels = municipality_labels(
        assessment, named=False, secret=world.partnership.anonymisation_secret
    )
    by_label = {labels[m.code]: m for m in assessment.municipalities}
    deck = Presentation(str(out / "parathed-partnerskab-testpartnerskab.pptx"))
    rows = [
        [cell.text for cell in row.cells]
        for slide in deck.slides
        if slide.shapes.title.text.startswith("Parathedsniveau pr. kommune")
        for shape in slide.shapes
        if shape.has_table
        for row in list(shape.table.rows)[1:]
    ]
    assert [r[0] for r in rows] == sorted(labels.values())
    # Each letter's row holds the levels of the municipality the key gives it: B
    # (no answers) has none, A (staff only) differs from the leader-only others.
    for row in rows:
        municipality = by_label[row[0]]
        assert row[1:] == [
            LEVEL_SHORT_DA[t.level] if t.level else "–" for t in municipality.readiness
        ]
    assert rows[ord(labels["147"][-1]) - 65][1:] == ["–"] * 6
    book = openpyxl.load_workbook(
        out / "parathed-partnerskab-testpartnerskab-bilag.xlsx"
    )
    listed = [
        r[1]
        for r in book["Kommuner"].iter_rows(values_only=True)
        if isinstance(r[1], str) and r[1].startswith("Kommune ")
    ]
    assert listed == [r[0] for r in rows]
