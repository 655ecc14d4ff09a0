"""Reading the StatBank's CSV and BULK answers: codes stay text, missing stays missing.

Both formats are semicolon-separated with a header of variable ids in upper case and a
last column ``INDHOLD`` (the value). Codes are kept exactly as sent (``"00"`` is not
``"0"``, ``"081"`` is not ``81``). Values use a decimal comma; a suppressed, unavailable
or uncertain cell (``..``, ``.``, ``-``, ``x`` or empty) is ``None``, never 0.

The difference between the formats is what an absent row means: in BULK (streaming)
DST leaves out combinations whose value is 0, in CSV every requested combination is
present. :func:`parse_bulk` therefore marks its result ``absent_means_zero``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from parathed.statbank.errors import StatBankFormatError

MISSING_MARKERS = frozenset({"", "..", ".", "-", "x", "X", ":"})
VALUE_COLUMN = "INDHOLD"


@dataclass(frozen=True, slots=True)
class StatRow:
    """One observation: a code per variable (upper-case ids) and its value."""

    codes: Mapping[str, str]
    value: float | None

    def code(self, variable: str) -> str:
        """The code of ``variable`` (case-insensitive: ``Tid`` finds ``TID``)."""
        return self.codes[variable.upper()]


@dataclass(frozen=True, slots=True)
class StatTable:
    """A parsed answer: the header's variable ids and the rows."""

    variables: tuple[str, ...]
    rows: tuple[StatRow, ...]
    absent_means_zero: bool = False


def parse_number(text: str) -> float | None:
    """Reads one value: ``"89,97"`` -> 89.97, ``"1.234,5"`` -> 1234.5, ``".."`` -> None.

    Raises :class:`StatBankFormatError` for text that is neither a number nor a
    missing marker.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned in MISSING_MARKERS:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise StatBankFormatError(
            f"Statistikbanken sendte en værdi, der ikke er et tal: {text[:20]!r}."
        ) from None


def parse_csv(text: str) -> StatTable:
    """Parses a CSV answer (``format: "CSV"``); see the module docstring."""
    return _parse(text, absent_means_zero=False)


def parse_bulk(text: str) -> StatTable:
    """Parses a BULK answer (``format: "BULK"``); absent combinations mean 0 there."""
    return _parse(text, absent_means_zero=True)


def _parse(text: str, *, absent_means_zero: bool) -> StatTable:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=";")
    try:
        header = [cell.strip().upper() for cell in next(reader)]
    except StopIteration:
        raise StatBankFormatError("Statistikbanken sendte et tomt svar.") from None
    if not header or header[-1] != VALUE_COLUMN:
        raise StatBankFormatError(
            "Statistikbankens svar har ikke det ventede format: sidste kolonne skal "
            f"være {VALUE_COLUMN}, men overskriften er {';'.join(header)[:200]!r}."
        )
    variables = tuple(header[:-1])
    rows: list[StatRow] = []
    for line_number, cells in enumerate(reader, start=2):
        if not cells or all(not cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise StatBankFormatError(
                f"Linje {line_number} i Statistikbankens svar har {len(cells)} felter, "
                f"men overskriften har {len(header)}."
            )
        codes = {
            variable: cell.strip()
            for variable, cell in zip(variables, cells[:-1], strict=True)
        }
        rows.append(StatRow(codes=codes, value=parse_number(cells[-1])))
    return StatTable(
        variables=variables, rows=tuple(rows), absent_means_zero=absent_means_zero
    )
