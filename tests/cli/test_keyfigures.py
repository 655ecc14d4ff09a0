"""Tests for cli/keyfigures.py: ``parathed keyfigures fetch`` into the database.

No network: a recorded-shape TABLEINFO and DATA answer for UND2 primes the StatBank
cache once (as a real fetch would), then the command runs ``--offline`` from it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from parathed.analysis.keyfigures import NATIONAL_CODE
from parathed.cli import main
from parathed.reference.municipalities import all_municipalities
from parathed.statbank import (
    HttpRequest,
    HttpResponse,
    ResponseCache,
    StatBankClient,
    fetch_inputs,
)

CODES = sorted(m.code for m in all_municipalities())
FETCHED_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class RecordedUnd2:
    """Answers TABLEINFO and DATA for UND2 the way the StatBank does (shape only)."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values

    def __call__(self, request: HttpRequest, *, timeout: float) -> HttpResponse:
        if request.url.endswith("/tableinfo"):
            info = {
                "id": "UND2",
                "text": "Børn der er modtaget underretninger om",
                "unit": "Antal",
                "updated": "2026-06-25T08:00:00",
                "variables": [
                    {
                        "id": "ADMKOM",
                        "text": "administrationskommune",
                        "values": [{"id": "000", "text": "Hele landet"}]
                        + [{"id": c, "text": c} for c in CODES]
                        + [{"id": "998", "text": "Uoplyst kommune"}],
                    },
                    {"id": "UNDERRET", "values": [{"id": "00", "text": "I alt"}]},
                    {"id": "ALDER1", "values": [{"id": "00", "text": "Alder i alt"}]},
                    {"id": "KON", "values": [{"id": "0", "text": "I alt"}]},
                    {
                        "id": "Tid",
                        "time": True,
                        "values": [{"id": "2024"}, {"id": "2025"}],
                    },
                ],
            }
            return HttpResponse(200, json.dumps(info).encode())
        lines = ["ADMKOM;UNDERRET;ALDER1;KON;TID;INDHOLD"]
        for code in ["000", *CODES, "998"]:
            lines.append(f"{code};00;00;0;2025;{self.values.get(code, '500')}")
        return HttpResponse(200, "\n".join(lines).encode())


def _prime(
    cache: Path, values: dict[str, str], fetched_at: datetime = FETCHED_AT
) -> None:
    client = StatBankClient(
        transport=RecordedUnd2(values),
        cache=ResponseCache(cache),
        pause=0,
        now=lambda: fetched_at,
    )
    result = fetch_inputs(2025, client=client, tables=["UND2"])
    assert result.problems == ()


def _fetch(cache: Path) -> Any:
    return CliRunner().invoke(
        main,
        [
            "keyfigures",
            "fetch",
            "--year",
            "2025",
            "--tables",
            "UND2",
            "--offline",
            "--cache-dir",
            str(cache),
        ],
    )


@pytest.mark.django_db
def test_fetch_offline_stores_all_98_and_says_how_old_the_cache_is(
    tmp_path: Path,
) -> None:
    """98 municipalities and the nation stored once; a second run adds nothing.

    A municipality's correction survives a later fetch with a new StatBank value,
    which is kept beside it as the original.
    """
    from parathed.web.keyfigures.models import FigureValue
    from parathed.web.keyfigures.services import figure_correct

    _prime(tmp_path, {"000": "105000", "101": "9312", "825": ".."})
    first = _fetch(tmp_path)
    assert first.exit_code == 0, first.output
    assert "UND2      1 input, fra cachen, hentet 2026-11-20" in first.output
    assert "dage gammel" in first.output
    assert "Gemt: 99 nye, 0 opdaterede, 0 uændrede" in first.output
    rows = FigureValue.objects.filter(name="children_with_notifications", year=2025)
    assert rows.count() == 99
    copenhagen = rows.get(municipality__code="101")
    assert copenhagen.source_value == 9312
    assert copenhagen.citation == (
        "Kilde: Danmarks Statistik, Statistikbanken, tabel UND2 (udtrukket 2026-11-20)"
    )
    assert copenhagen.extracted_on == date(2026, 11, 20)
    assert rows.get(municipality__code="825").source_value is None
    assert rows.get(municipality=None).area_code == NATIONAL_CODE

    second = _fetch(tmp_path)
    assert "Gemt: 0 nye, 0 opdaterede, 99 uændrede" in second.output
    assert rows.count() == 99

    figure_correct(
        figure=copenhagen,
        user_id=None,
        value=9400,
        comment="Eget tal",
        today=date(2026, 11, 21),
    )
    _prime(tmp_path, {"101": "9350"}, FETCHED_AT + timedelta(days=2))
    third = _fetch(tmp_path)
    assert third.exit_code == 0, third.output
    assert "1 kommunale rettelser eller egne tal bevaret" in third.output
    copenhagen.refresh_from_db()
    assert (copenhagen.source_value, copenhagen.corrected_value) == (9350, 9400)
    assert copenhagen.status == FigureValue.Status.CORRECTED
    assert rows.count() == 99


@pytest.mark.django_db
def test_fetch_offline_without_a_cache_says_so_in_danish(tmp_path: Path) -> None:
    """Nothing cached and no network: a Danish problem per table, nothing stored."""
    from parathed.web.keyfigures.models import FigureValue

    result = _fetch(tmp_path / "empty")
    assert result.exit_code == 1
    assert "Statistikbanken kan ikke nås: offline-tilstand" in result.output
    assert FigureValue.objects.count() == 0


@pytest.mark.django_db
def test_fetch_of_every_table_over_http_fills_all_98_once(tmp_path: Path) -> None:
    """The default fetch against a loopback server answering like the StatBank.

    Every StatBank input and the DST group arrive for all 98 municipalities (and the
    nation); a second run answers from the cache and stores nothing new.
    """
    from tests.statbank.laby16 import hierarchical, laby16_tableinfo, real_groups
    from tests.statbank.replay import Replay, ReplayServer, Scripted

    from parathed.web.keyfigures.models import FigureValue

    with ReplayServer(Replay()) as replay:
        replay.script(
            "tableinfo",
            "LABY16",
            Scripted(200, laby16_tableinfo(hierarchical(real_groups()))),
        )
        arguments = [
            "keyfigures",
            "fetch",
            "--year",
            "2025",
            "--base-url",
            replay.url,
            "--pause",
            "0",
            "--cache-dir",
            str(tmp_path),
        ]
        first = CliRunner().invoke(main, arguments)
        assert first.exit_code == 0, first.output
        assert "LABY16" in first.output
        assert "hentet nu fra Statistikbanken" in first.output
        stored = FigureValue.objects.count()
        assert stored == 23 * 99 + 98
        assert "Gemt: 2375 nye, 0 opdaterede, 0 uændrede" in first.output
        second = CliRunner().invoke(main, arguments)
    assert second.exit_code == 0, second.output
    assert "Gemt: 0 nye, 0 opdaterede, 2375 uændrede" in second.output
    assert FigureValue.objects.count() == stored
    group = FigureValue.objects.get(
        municipality__code="101", name="dst_municipality_group"
    )
    assert (group.source_value, group.table) == (1.0, "LABY16")
