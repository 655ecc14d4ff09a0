"""Builds upload files for the import tests: CSV, XLSX, damaged files and zip bombs."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from functools import cache

import openpyxl

MB = 1024 * 1024

Cells = Sequence[Sequence[object]]

GOOD_HEADERS = ("ID", "Navn", "Rolle", "Dato", "ES01", "ES02", "ES03", "OPEN01")
GOOD_ROWS: tuple[tuple[object, ...], ...] = (
    (1, "Anne", "Medarbejder", "2026-05-01", "Helt enig", "2", "Ved ikke", "Mere tid"),
    (2, "Bo", "leder", "02-05-2026", 4, 5, "", ""),
    (3, "", "Chef", "3.5.2026", "1", "", "Enig", "Færre skift af rådgiver"),
)


def csv_bytes(
    rows: Cells,
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    """Returns ``rows`` as CSV text the way Excel writes it."""
    out = io.StringIO()
    for row in rows:
        cells = []
        for value in row:
            text = "" if value is None else str(value)
            if any(c in text for c in (delimiter, '"', "\n")):
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        out.write(delimiter.join(cells) + "\r\n")
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: Cells) -> bytes:
    """Returns ``rows`` as a one-sheet Excel workbook written by openpyxl."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def good_rows() -> list[tuple[object, ...]]:
    """Returns the good file's header and rows."""
    return [GOOD_HEADERS, *GOOD_ROWS]


def truncated(data: bytes) -> bytes:
    """Returns the first two thirds of ``data``: a download cut short."""
    return data[: len(data) * 2 // 3]


@cache
def zip_bomb(*, unpacked: int, lie_to: int | None = None) -> bytes:
    """Returns an .xlsx-looking zip whose one entry unpacks to ``unpacked`` zero bytes.

    With ``lie_to``, the zip directory declares that size instead of the real one.
    """
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    chunk = bytes(MB)
    parts = []
    crc = 0
    remaining = unpacked
    while remaining:
        size = min(MB, remaining)
        parts.append(compressor.compress(chunk[:size]))
        crc = zlib.crc32(chunk[:size], crc)
        remaining -= size
    parts.append(compressor.flush())
    payload = b"".join(parts)
    declared = unpacked if lie_to is None else lie_to
    name = b"xl/worksheets/sheet1.xml"
    local = (
        struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(payload),
            declared,
            len(name),
            0,
        )
        + name
    )
    central = (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(payload),
            declared,
            len(name),
            0,
            0,
            0,
            0,
            0,
            0,
        )
        + name
    )
    offset = len(local) + len(payload)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central), offset, 0)
    return local + payload + central + end


def many_entries(count: int) -> bytes:
    """Returns a small zip with ``count`` tiny entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(count):
            archive.writestr(f"xl/part{index}.xml", "<x/>")
    return out.getvalue()
