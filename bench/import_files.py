"""Benchmark: reading and validating a file of questionnaire responses (issue #4).

A leder file of 1,000 rows x 55 statements + role, date and one open question, as CSV
(semicolon, UTF-8) and as XLSX written by openpyxl (inline strings, numbers as numbers),
plus the refusal of a 101 MB zip bomb. Medians of 3 runs (5 for the bomb), in seconds.
Run: ``.venv/bin/python bench/import_files.py`` (``make bench`` runs it too).
"""

from __future__ import annotations

import io
import statistics
import time
import zipfile
from datetime import date

import openpyxl

from parathed.instrument.loader import load_instrument
from parathed.instrument.schema import Role
from parathed.intake.responses import (
    ColumnMapping,
    check_rows,
    suggest_targets,
)
from parathed.intake.tables import MB, TableError, read_table

ROWS = 1000


def _rows() -> list[tuple[object, ...]]:
    items = load_instrument().items_for_role(Role.LEDER)
    header: tuple[object, ...] = ("Rolle", "Dato", *(i.id for i in items), "OPEN01")
    body = [
        ("Leder", "2026-05-01", *(((n + k) % 5) + 1 for k in range(len(items))), "Tid")
        for n in range(ROWS)
    ]
    return [header, *body]


def _csv(rows: list[tuple[object, ...]]) -> bytes:
    return "".join(";".join(str(c) for c in row) + "\r\n" for row in rows).encode()


def _xlsx(rows: list[tuple[object, ...]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 (a new workbook has a sheet)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _bomb() -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w") as entry,
    ):
        for _ in range(101):
            entry.write(bytes(MB))
    return out.getvalue()


def _median(action: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Prints the medians and the BENCH line."""
    instrument = load_instrument()
    rows = _rows()
    results: dict[str, float] = {}
    for name, data, filename in (
        ("csv", _csv(rows), "svar.csv"),
        ("xlsx", _xlsx(rows), "svar.xlsx"),
    ):
        results[f"{name}_read_s"] = _median(
            lambda d=data, f=filename: read_table(d, filename=f), 3
        )
        table = read_table(data, filename=filename)
        mapping = ColumnMapping(targets=suggest_targets(table.headers, instrument))
        results[f"{name}_validate_s"] = _median(
            lambda t=table, m=mapping: check_rows(
                t, m, instrument=instrument, scope="1:101", today=date(2026, 5, 10)
            ),
            3,
        )
    bomb = _bomb()

    def refuse() -> None:
        try:
            read_table(bomb, filename="bombe.xlsx")
        except TableError:
            return
        raise AssertionError("the zip bomb was not refused")

    results["bomb_refusal_s"] = _median(refuse, 5)
    for key, value in results.items():
        print(f"{key:>20}: {value:.5f}")
    line = " ".join(f"{k}={v:.5f}" for k, v in results.items())
    print(f"BENCH import_files rows={ROWS} {line}")


if __name__ == "__main__":
    main()
