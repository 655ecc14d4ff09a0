"""Reads an uploaded CSV or XLSX file into a grid of strings, within hard limits.

In: the raw bytes and the file name. Out: a ``Table`` (header row, data rows, how the
file was read) or a ``TableError`` with a Danish reason. Nothing here knows the
instrument. Invariants: an xlsx is never handed to the spreadsheet reader before its
zip directory passes the entry and size limits *and* every entry has been unpacked
under a byte counter (declared sizes can lie); a CSV is decoded as UTF-8 (with or
without BOM), UTF-16 with BOM, or Windows-1252 (Danish Excel), and its separator
(``;``, ``,`` or tab) is chosen from the rows themselves.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

import openpyxl

MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """How much an upload may hold; reliability.md S11 gives the defaults."""

    max_upload_bytes: int = 10 * MB
    max_unpacked_bytes: int = 100 * MB
    max_entries: int = 1000
    max_rows: int = 20_000
    max_columns: int = 500


class TableError(Exception):
    """The file cannot be read; ``message`` is a Danish sentence for the uploader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Table:
    """A sheet as text: ``rows[i]`` is the file's row ``i + 2`` (the header is row 1).

    Every row has as many cells as the header; empty cells are "".
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    file_format: str  # "csv" or "xlsx"
    description: str  # Danish: how it was read, e.g. "CSV, UTF-8 med BOM, semikolon"


def column_letter(index: int) -> str:
    """Returns the spreadsheet letter of the 0-based column ``index``: 0 -> "A"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def human_size(size: int) -> str:
    """Returns a byte count the Danish way: "10,0 MB", or "1,5 kB" below 0.1 MB."""
    if size < MB // 10:
        return f"{size / 1024:.1f} kB".replace(".", ",")
    return f"{size / MB:.1f} MB".replace(".", ",")


def read_table(data: bytes, *, filename: str, limits: Limits | None = None) -> Table:
    """Reads ``data`` as CSV or XLSX, chosen by name *and* content, which must agree.

    Raises TableError, with a Danish reason, for a file too large, of another type,
    damaged, a zip bomb, without a header row, or with too many rows or columns.
    """
    limits = limits or Limits()
    if len(data) > limits.max_upload_bytes:
        raise TableError(
            f"Filen fylder {human_size(len(data))}; den må højst fylde "
            f"{human_size(limits.max_upload_bytes)}."
        )
    name = filename.lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise TableError(
            "Filen er i det gamle Excel-format (.xls). Gem den som Excel-projektmappe "
            "(.xlsx) eller som CSV, og upload den igen."
        )
    if name.endswith(".xlsx"):
        if not data.startswith(ZIP_MAGIC):
            raise TableError(
                "Filen hedder .xlsx, men er ikke en Excel-projektmappe. Gem den igen "
                "fra Excel som .xlsx, eller som CSV."
            )
        return _read_xlsx(data, limits)
    if name.endswith((".csv", ".txt")):
        if data.startswith(ZIP_MAGIC):
            raise TableError(
                "Filen hedder .csv, men er en Excel-projektmappe. Giv den endelsen "
                ".xlsx, eller gem den som CSV fra Excel."
            )
        return _read_csv(data, limits)
    raise TableError(
        "Filtypen kendes ikke. Upload en Excel-projektmappe (.xlsx) eller en CSV-fil "
        "(.csv)."
    )


# --- XLSX -----------------------------------------------------------------------


def _damaged() -> TableError:
    return TableError(
        "Excel-filen er ufuldstændig eller beskadiget og kan ikke læses. Gem den "
        "igen fra Excel (eller hent eksporten igen), og upload den på ny."
    )


def _check_zip(data: bytes, limits: Limits) -> None:
    """Checks the zip directory, then unpacks every entry under a byte counter."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise _damaged() from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_entries:
            raise TableError(
                f"Excel-filen indeholder {len(entries)} dele; højst "
                f"{limits.max_entries} er tilladt. Filen er afvist uden at blive "
                "pakket ud."
            )
        declared = sum(entry.file_size for entry in entries)
        if declared > limits.max_unpacked_bytes:
            raise TableError(
                f"Excel-filen fylder {human_size(declared)}, når den pakkes ud; "
                f"højst {human_size(limits.max_unpacked_bytes)} er tilladt. Filen "
                "er afvist uden at blive pakket ud."
            )
        unpacked = 0
        for entry in entries:
            try:
                with archive.open(entry) as stream:
                    while chunk := stream.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limits.max_unpacked_bytes:
                            raise TableError(
                                "Excel-filen fylder mere end "
                                f"{human_size(limits.max_unpacked_bytes)}, når "
                                "den pakkes ud. Udpakningen er stoppet, og filen er "
                                "afvist."
                            )
            except TableError:
                raise
            except (
                zipfile.BadZipFile,
                zlib.error,
                EOFError,
                NotImplementedError,
                RuntimeError,
                ValueError,
                OSError,
            ) as exc:
                raise _damaged() from exc


def _cell_text(value: object) -> str:
    """Returns a cell value as the text a person sees; dates without time as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes, limits: Limits) -> Table:
    _check_zip(data, limits)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and data validation it does not keep.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True
            )
            try:
                sheet = workbook.worksheets[0]
                rows = _bounded_rows(sheet.iter_rows(values_only=True), limits)
            finally:
                workbook.close()
    except TableError:
        raise
    except Exception as exc:  # openpyxl raises many types on a bad file
        raise _damaged() from exc
    return _table(rows, "xlsx", "Excel-projektmappe (.xlsx), første ark")


def _bounded_rows(
    source: Iterable[Sequence[object]], limits: Limits
) -> list[list[str]]:
    rows: list[list[str]] = []
    for raw in source:
        if len(rows) > limits.max_rows:
            raise TableError(
                f"Filen har mere end {limits.max_rows} rækker; del den op i flere "
                "filer."
            )
        cells = [_cell_text(value) for value in raw]
        while cells and cells[-1] == "":
            cells.pop()
        if len(cells) > limits.max_columns:
            raise TableError(
                f"Filen har mere end {limits.max_columns} kolonner; fjern dem, der "
                "ikke skal importeres."
            )
        rows.append(cells)
    return rows


def _table(rows: list[list[str]], file_format: str, description: str) -> Table:
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        raise TableError(
            "Filen har ingen overskrifter i første række. Første række skal navngive "
            "kolonnerne (fx rolle og udsagnenes id eller tekst)."
        )
    width = max(len(row) for row in rows)
    padded = [tuple(row + [""] * (width - len(row))) for row in rows]
    if not padded[1:]:
        raise TableError("Filen har ingen rækker med besvarelser under overskrifterne.")
    return Table(
        headers=padded[0],
        rows=tuple(padded[1:]),
        file_format=file_format,
        description=description,
    )


# --- CSV ------------------------------------------------------------------------

_DELIMITERS = ((";", "semikolon"), (",", "komma"), ("\t", "tabulator"))


def _decode(data: bytes) -> tuple[str, str]:
    """Returns the text and the name of its encoding in Danish."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 med BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data:
        raise TableError(
            "Filen er ikke en tekstfil (CSV). Upload en CSV-fil eller en "
            "Excel-projektmappe (.xlsx)."
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (dansk Excel)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _choose_delimiter(text: str) -> tuple[str, str]:
    """Picks the separator that gives every sampled row the same, largest width."""
    sample = text[:65536].splitlines()[:50]
    best: tuple[tuple[bool, int, int], str, str] | None = None
    for rank, (delimiter, name) in enumerate(_DELIMITERS):
        try:
            widths = [
                len(row)
                for row in csv.reader(sample, delimiter=delimiter)
                if any(cell.strip() for cell in row)
            ]
        except csv.Error:
            continue
        if not widths:
            continue
        consistent = len(set(widths)) == 1 and widths[0] > 1
        score = (consistent, widths[0], -rank)
        if best is None or score > best[0]:
            best = (score, delimiter, name)
    if best is None:
        return ";", "semikolon"
    return best[1], best[2]


def _read_csv(data: bytes, limits: Limits) -> Table:
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError as exc:
        raise TableError(
            "Filens tegn kan ikke læses. Gem den som CSV (UTF-8) fra Excel."
        ) from exc
    delimiter, name = _choose_delimiter(text)
    try:
        reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=delimiter, strict=True
        )
        rows = _bounded_rows(([cell.strip() for cell in row] for row in reader), limits)
    except csv.Error as exc:
        raise TableError(
            "CSV-filen kan ikke læses: den har et anførselstegn, der ikke lukkes, "
            "eller en celle, der er for lang. Gem filen igen fra Excel."
        ) from exc
    return _table(rows, "csv", f"CSV, {encoding}, adskilt med {name}")
