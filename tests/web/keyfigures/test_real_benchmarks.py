"""Real 2025 figures for all 98 municipalities, through the municipal upload path.

The reference data (``../shared/keyfigures_data/``, DST figures republished by the
doughnut repository; read at test time, never copied) hold two published rates per
municipality: children with notifications per 1,000 aged 0-17 (UND2 / FOLK1A, 2025)
and the share of 0-22-year-olds receiving support or placed (BU43, 2025). Each
municipality's template is filled and uploaded over HTTP; the selectors' evidence
then goes through kfcore's benchmark functions, and every rank and percentile is
compared with a computation written out here, independently of the analysis code.

UND2's count and FOLK1A's 0-17 population are not in the reference data, only their
ratio, so the rate is uploaded as children per 100,000 (``population_0_17`` =
100,000): the computed KF-ES02 must then equal the published rate.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from parathed.analysis.keyfigures import (
    ComparisonKind,
    benchmark_key_figures,
    benchmark_municipality,
    inputs_by_municipality,
)
from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Direction
from parathed.web.keyfigures.inputs import input_specs
from parathed.web.keyfigures.selectors import figure_evidence
from parathed.web.keyfigures.workbook import build_template

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "keyfigures_data"
PER = 100_000


def _read(name: str, column: str) -> dict[str, float]:
    path = DATA / "doughnut" / name
    if not path.exists():
        pytest.skip(f"reference data not found: {path}")
    with path.open(encoding="utf-8", newline="") as stream:
        return {
            row.get("kommune_kode") or row["kommunekode"]: float(row[column])
            for row in csv.DictReader(stream)
        }


def _upload(client: Client, code: str, name: str, values: dict[str, float]) -> None:
    content = build_template(
        municipality_code=code,
        municipality_name=name,
        year=2025,
        specs=input_specs(),
        statbank_values={},
        own_values=values,
    )
    url = reverse("keyfigures:upload", kwargs={"slug": "alle", "code": code})
    response = client.post(url, {"file": SimpleUploadedFile(f"{code}.xlsx", content)})
    assert response.status_code == 302, response.content.decode()[:2000]


def _rank_and_percentile(value: float, others: list[float]) -> tuple[int, float]:
    """Rank 1 = the highest value (ties share the better rank); percentile = share of
    the others below, ties counted half, written without the analysis code."""
    ordered = sorted([value, *others], reverse=True)
    rank = ordered.index(value) + 1
    below = len([o for o in others if o < value])
    ties = len([o for o in others if o == value])
    return rank, (below + ties / 2) / len(others) * 100


@pytest.mark.django_db
def test_real_rates_of_all_98_give_the_expected_positions(
    settings: Any,
) -> None:
    """Every municipality's rank and percentile among all 98, nationally and in its
    DST group, matches an independent computation; values survive the upload exactly.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from parathed.web.accounts.models import Profile
    from parathed.web.accounts.services import user_create
    from parathed.web.partnerships.models import Municipality
    from parathed.web.partnerships.services import partnership_create

    rates = _read("underretning_scores.csv", "child_notifications_per_1k")
    shares = _read("velfaerd_extra_scores.csv", "vulnerable_children_pct")
    groups = {
        code: str(int(group))
        for code, group in _read(
            "../kommuner_98_derived.csv", "kommunegruppe_kode"
        ).items()
    }
    assert len(rates) == len(shares) == 98
    partnership = partnership_create(
        slug="alle", name="Hele landet", municipality_codes=sorted(rates)
    )
    consultant = user_create(
        username="k",
        password="x-long-password-1",
        role=Profile.Role.CONSULTANT,
        partnership=partnership,
    )
    client = Client()
    client.force_login(consultant)
    names = dict(Municipality.objects.values_list("code", "name"))
    for code in sorted(rates):
        _upload(
            client,
            code,
            names[code],
            {
                "children_with_notifications": round(rates[code] * PER / 1000),
                "population_0_17": PER,
                "vulnerable_share_0_22": shares[code],
            },
        )

    evidence = figure_evidence(year=2025)
    assert len({f.municipality_code for f in evidence}) == 98
    assert {f.source.split(" (")[0] for f in evidence} == {
        f"{n} Kommunes egne data" for n in names.values()
    }
    indicator = next(i for i in load_instrument().indicators if i.id == "KF-ES02")
    benchmarks = benchmark_key_figures(
        evidence,
        year=2025,
        indicators=[indicator],
        municipality_codes=sorted(rates),
        partnership=sorted(rates),
        dst_groups=groups,
    )
    assert len(benchmarks) == 98
    for benchmark in benchmarks:
        code = benchmark.municipality_code
        assert benchmark.value == pytest.approx(rates[code], abs=1e-9)
        others = [rates[c] for c in rates if c != code]
        rank, percentile = _rank_and_percentile(rates[code], others)
        nation = benchmark.position(ComparisonKind.NATION)
        assert (nation.rank, nation.size) == (rank, 98), code
        assert nation.percentile == pytest.approx(percentile), code
        same = [rates[c] for c in rates if c != code and groups[c] == groups[code]]
        if len(same) < 3:  # too few: the neighbouring groups join (documented rule)
            near = {int(groups[code]) + step for step in (-1, 0, 1)}
            same = [rates[c] for c in rates if c != code and int(groups[c]) in near]
        rank, percentile = _rank_and_percentile(rates[code], same)
        group = benchmark.position(ComparisonKind.DST_GROUP)
        assert group.rank == rank, code
        assert group.percentile == pytest.approx(percentile), code

    share_values = {
        code: inputs["vulnerable_share_0_22"]
        for code, inputs in inputs_by_municipality(evidence, year=2025).items()
    }
    assert share_values == shares
    for code in ("101", "147", "825", "860"):
        benchmark = benchmark_municipality(
            share_values,
            indicator_id="vulnerable_share_0_22",
            municipality_code=code,
            direction=Direction.CONTEXT,
        )
        nation = benchmark.position(ComparisonKind.NATION)
        rank, percentile = _rank_and_percentile(
            shares[code], [shares[c] for c in shares if c != code]
        )
        assert nation.rank == rank, code
        assert nation.percentile == pytest.approx(percentile), code
