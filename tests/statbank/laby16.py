"""LABY16 TABLEINFO answers built at test time (never stored in the repository).

The grouping comes from the real reference data in ../shared (read at test time only)
or from a synthetic assignment; the value list has the StatBank's hierarchical order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parathed.reference.municipalities import all_municipalities

KOMMUNER = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "keyfigures_data"
    / "doughnut"
    / "kommuner.json"
)
GROUP_NAMES = {
    "1": "Hovedstadskommuner",
    "2": "Storbykommuner",
    "3": "Provinsbykommuner",
    "4": "Oplandskommuner",
    "5": "Landkommuner",
}
CODES = sorted(m.code for m in all_municipalities())
SYNTHETIC = {code: str(index % 5 + 1) for index, code in enumerate(CODES)}


def real_groups() -> dict[str, str]:
    """DST's grouping of the 98 municipalities, from ../shared."""
    data = json.loads(KOMMUNER.read_text("utf-8"))
    return {m["kode"]: str(m["gruppe"]) for m in data["kommuner"]}


def hierarchical(groups: dict[str, str]) -> list[tuple[str, str]]:
    """KOMGRP values as the StatBank lists them: each group, then its municipalities."""
    values = [("0", "Hele landet")]
    for group, name in GROUP_NAMES.items():
        values.append((group, name))
        values += [(code, f"Kommune {code}") for code in CODES if groups[code] == group]
    return values


def laby16_tableinfo(values: list[tuple[str, str]]) -> bytes:
    """A LABY16 TABLEINFO answer with these KOMGRP values, as UTF-8 JSON."""
    answer: dict[str, Any] = {
        "id": "LABY16",
        "text": "Andel af børn mellem 0-18 år med underretninger efter kommunegruppe "
        "og tid",
        "unit": "Pct.",
        "updated": "2026-06-20T08:00:00",
        "variables": [
            {
                "id": "KOMGRP",
                "text": "kommunegruppe",
                "elimination": True,
                "time": False,
                "values": [{"id": i, "text": t} for i, t in values],
            },
            {
                "id": "Tid",
                "text": "tid",
                "elimination": False,
                "time": True,
                "values": [{"id": "2025", "text": "2025"}],
            },
        ],
    }
    return json.dumps(answer, ensure_ascii=False).encode("utf-8")
