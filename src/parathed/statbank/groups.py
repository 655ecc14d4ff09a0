"""The DST kommunegruppe of every municipality, read from the StatBank itself.

DST's classification KOMMUNEGRUPPER (v1, 2018) is used as a variable in its LABY
tables (``KOMGRP`` in LABY16: "Andel af børn mellem 0-18 år med underretninger efter
kommunegruppe"). That variable holds both levels: the five groups (codes 1-5) and the
98 municipalities, listed in the StatBank under their group. parathed reads the
grouping from that list in TABLEINFO instead of shipping a copy of the classification.

The order "group, then its municipalities" is how the StatBank presents hierarchical
variables; it is checked on every read (all five groups present and non-empty, every one
of the 98 municipalities placed once, none before the first group). If DST ever lists
the values differently, :func:`dst_groups_from_tableinfo` refuses with a Danish message
rather than guessing, and the benchmarks fall back to the nation and say so.
"""

from __future__ import annotations

from parathed.reference.municipalities import all_municipalities
from parathed.statbank.client import Provenance, StatBankClient, TableInfo
from parathed.statbank.errors import StatBankFormatError

DST_GROUP_TABLE = "LABY16"
DST_GROUP_VARIABLE = "KOMGRP"
GROUP_CODES = ("1", "2", "3", "4", "5")


def _municipality_code(code: str) -> str:
    """ "0101" -> "101"; three-digit codes unchanged."""
    if len(code) == 4 and code.startswith("0") and code.isdigit():
        return code[1:]
    return code


def dst_groups_from_tableinfo(
    info: TableInfo, variable: str = DST_GROUP_VARIABLE
) -> dict[str, str]:
    """Municipality code -> group code ("1"-"5") from a KOMGRP variable's value list."""
    try:
        values = info.variable(variable).values
    except KeyError:
        raise StatBankFormatError(
            f"Tabel {info.id} har ingen variabel {variable}; kommunegrupperne kan "
            "ikke læses."
        ) from None
    expected = {m.code for m in all_municipalities()}
    groups: dict[str, str] = {}
    seen_groups: list[str] = []
    current: str | None = None
    for value in values:
        code = _municipality_code(value.id.strip())
        if code in GROUP_CODES:
            if code in seen_groups:
                raise _refuse(info, f"gruppe {code} står to gange")
            seen_groups.append(code)
            current = code
        elif code in expected:
            if current is None:
                raise _refuse(info, f"kommune {code} står før den første gruppe")
            if code in groups:
                raise _refuse(info, f"kommune {code} står to gange")
            groups[code] = current
    if sorted(seen_groups) != list(GROUP_CODES):
        raise _refuse(info, "ikke alle fem grupper findes")
    empty = [g for g in GROUP_CODES if g not in groups.values()]
    if empty:
        raise _refuse(info, f"gruppe {', '.join(empty)} har ingen kommuner")
    missing = sorted(expected - set(groups))
    if missing:
        raise _refuse(info, f"{len(missing)} kommuner mangler (fx {missing[0]})")
    return groups


def _refuse(info: TableInfo, reason: str) -> StatBankFormatError:
    return StatBankFormatError(
        f"Kommunegrupperne kunne ikke læses af tabel {info.id}: {reason}. Kommunerne "
        "sammenlignes derfor med hele landet i stedet for med deres kommunegruppe."
    )


def fetch_dst_groups(
    client: StatBankClient, *, table: str = DST_GROUP_TABLE
) -> tuple[dict[str, str], Provenance]:
    """Every municipality's DST group, and where the TABLEINFO answer came from."""
    info = client.tableinfo(table)
    return dst_groups_from_tableinfo(info), info.provenance
