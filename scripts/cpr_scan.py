#!/usr/bin/env python3
"""Scans databases, logs and generated files for CPR-shaped strings (issue #5).

Usage (it needs the project installed, so run it with the virtualenv's Python)::

    .venv/bin/python scripts/cpr_scan.py [--database-url URL]... [PATH]...

Every PATH is a file or a directory walked recursively. Each file is read by what it
is, not by its name alone:

- a SQLite database (``SQLite format 3`` header): every text value of every table;
- an Office file or other zip (.pptx, .xlsx, .docx): every XML part, its attribute
  values and its text, with the runs of one paragraph or shared string joined so a
  number split across runs is still seen; workbooks embedded in a deck are opened too;
- a PDF: its text through ``pdftotext`` and its metadata through ``pdfinfo``;
- any other file without NUL bytes (logs, CSV, HTML, JSON): its text, line by line.
  Other binary files (images, fonts) are counted as skipped.

``--database-url`` scans a PostgreSQL (``postgres://…``) or SQLite (``sqlite:///…``)
database the same way: every text, varchar, json and xml column of every table.

The detector is ``parathed.privacy.find_cpr_numbers`` (through
``locate_cpr_numbers``). One thing it would flag is let through here: ten unbroken
digits right after "<digit>." or "<digit>,", which is the fractional part of a decimal
number (chart caches hold values like 0.1023456789); and digits inside a hex, base64
or URL-safe token of 20 characters or more with a letter in it (password hashes,
session data, link tokens).

Prints one line per source with its counts and one line per hit with where it is (file,
part, table, column, row, line, column), never the number itself. Exits 0 if nothing
is found, 1 on a hit, 2 if a source could not be read.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from xml.etree import ElementTree

from parathed.privacy import locate_cpr_numbers

MAX_FILE_BYTES = 200 * 1024 * 1024
SQLITE_MAGIC = b"SQLite format 3\x00"
# Side files of a SQLite database; their content is read through the database.
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
# XML elements whose text runs make one line: a paragraph (pptx, docx) or a shared or
# inline string (xlsx).
JOINED_ELEMENTS = frozenset({"p", "si", "is"})
PDF_TIMEOUT_S = 60
POSTGRES_TEXT_TYPES = ("text", "character varying", "character", "json", "jsonb", "xml")
_DECIMAL_FRACTION = re.compile(r"\d{10}")
_BLOB = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/_-")
BLOB_MIN_LENGTH = 20
_INTEGER = re.compile(r"[-+]?\d+")


class Cursor(Protocol):
    """The part of a DB-API cursor the database scan uses."""

    def execute(self, sql: str, /) -> Any: ...  # noqa: D102

    def fetchall(self) -> list[Any]: ...  # noqa: D102

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...  # noqa: D102


@dataclass
class Source:
    """What was scanned in one source, for the summary line."""

    kind: str
    name: str
    units: int = 0  # values, parts or lines, by kind
    unit: str = "values"
    hits: int = 0
    note: str = ""


@dataclass
class Scan:
    """Collects sources and hits; a hit is a place, never the number."""

    sources: list[Source] = field(default_factory=list)
    hits: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: int = 0

    def text(self, source: Source, where: str, text: str) -> None:
        """Scans one text value; records a hit for every CPR-shaped number in it."""
        if not any(c.isdigit() for c in text):
            return
        for location in locate_cpr_numbers(text):
            if is_decimal_fraction(text, location.start, location.end):
                continue
            if is_inside_encoded_blob(text, location.start, location.end):
                continue
            source.hits += 1
            self.hits.append(
                f"{source.kind} {source.name}: {where}, line {location.line}, "
                f"column {location.column}"
            )


def is_decimal_fraction(text: str, start: int, end: int) -> bool:
    """True if text[start:end] is ten digits after "<digit>." or "<digit>,"."""
    return (
        start >= 2
        and text[start - 1] in ".,"
        and text[start - 2].isdigit()
        and bool(_DECIMAL_FRACTION.fullmatch(text, start, end))
    )


def is_inside_encoded_blob(text: str, start: int, end: int) -> bool:
    """True if text[start:end] lies inside a hex, base64 or URL-safe token.

    That is: the number and the run of ``[0-9A-Za-z+/_-]`` around it are one unbroken
    run of at least 20 characters holding a letter, as in a password hash, a session
    or a link token. Such digits are an encoding's, not a number someone wrote.
    """
    if not all(c in _BLOB for c in text[start:end]):
        return False
    left, right = start, end
    while left > 0 and text[left - 1] in _BLOB:
        left -= 1
    while right < len(text) and text[right] in _BLOB:
        right += 1
    run = text[left:right]
    return right - left >= BLOB_MIN_LENGTH and any(c.isalpha() for c in run)


# --- Databases --------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_tables(cursor: Cursor) -> dict[str, list[str]]:
    """Returns every table of a SQLite database with all its columns.

    SQLite stores text in a column of any declared type, so every column is read and
    only the values that are text are scanned.
    """
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    tables = [row[0] for row in cursor.fetchall()]
    columns: dict[str, list[str]] = {}
    for table in tables:
        cursor.execute(f"PRAGMA table_info({_quote(table)})")
        columns[table] = [row[1] for row in cursor.fetchall()]
    return columns


def postgres_tables(cursor: Cursor) -> dict[str, list[str]]:
    """Returns every user table of a PostgreSQL database with its text-like columns."""
    types = ", ".join(f"'{t}'" for t in POSTGRES_TEXT_TYPES)
    query = (
        "SELECT c.table_schema, c.table_name, c.column_name "
        "FROM information_schema.columns c JOIN information_schema.tables t "
        "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE t.table_type = 'BASE TABLE' "
        "AND c.table_schema NOT IN ('pg_catalog', 'information_schema') "
        "AND (c.data_type IN (TYPES) OR c.data_type = 'ARRAY') "
        "ORDER BY c.table_schema, c.table_name, c.ordinal_position"
    )
    cursor.execute(query.replace("TYPES", types))
    columns: dict[str, list[str]] = {}
    for schema, table, column in cursor.fetchall():
        name = table if schema == "public" else f"{schema}.{table}"
        columns.setdefault(name, []).append(column)
    return columns


def scan_tables(
    scan: Scan,
    source: Source,
    cursor: Cursor,
    tables: dict[str, list[str]],
    *,
    postgres: bool,
) -> None:
    """Reads every listed column of every listed table and scans its text values."""
    for table, columns in tables.items():
        if not columns:
            continue
        if postgres:
            qualified = ".".join(_quote(part) for part in table.split(".", 1))
            selected = ", ".join(f"{_quote(c)}::text" for c in columns)
        else:
            qualified = _quote(table)
            selected = ", ".join(_quote(c) for c in columns)
        cursor.execute(f"SELECT {selected} FROM {qualified}")  # noqa: S608 (quoted names)
        row_number = 0
        while rows := cursor.fetchmany(1000):
            for row in rows:
                row_number += 1
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str):
                        source.units += 1
                        scan.text(source, f"{table}.{column} row {row_number}", value)


def scan_sqlite_connection(
    scan: Scan, connection: sqlite3.Connection, name: str
) -> Source:
    """Scans an open SQLite database (a file or a test run's in-memory one)."""
    source = Source("sqlite", name)
    scan.sources.append(source)
    cursor = connection.cursor()
    try:
        scan_tables(scan, source, cursor, sqlite_tables(cursor), postgres=False)
    finally:
        cursor.close()
    return source


def scan_sqlite_file(scan: Scan, path: Path) -> None:
    """Scans a SQLite database file, opened read-only."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        scan_sqlite_connection(scan, connection, str(path))
    except sqlite3.Error as exc:
        scan.errors.append(f"sqlite {path}: {exc}")
    finally:
        connection.close()


def scan_postgres_cursor(scan: Scan, cursor: Cursor, name: str) -> Source:
    """Scans the PostgreSQL database an open cursor belongs to."""
    source = Source("postgresql", name)
    scan.sources.append(source)
    scan_tables(scan, source, cursor, postgres_tables(cursor), postgres=True)
    return source


def scan_database_url(scan: Scan, url: str) -> None:
    """Scans the database a ``DATABASE_URL`` names (PostgreSQL or SQLite)."""
    shown = re.sub(r"//[^@/]*@", "//", url)  # never print a password
    if url.startswith("sqlite:///"):
        scan_sqlite_file(scan, Path(url.removeprefix("sqlite://")))
        return
    if not url.startswith(("postgres://", "postgresql://")):
        scan.errors.append(f"database {shown}: only postgres:// and sqlite:/// URLs")
        return
    import psycopg

    try:
        with psycopg.connect(url) as connection, connection.cursor() as cursor:
            scan_postgres_cursor(scan, cursor, shown)
    except psycopg.Error as exc:
        scan.errors.append(f"postgresql {shown}: {exc}")


# --- Files ------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _xml_texts(element: ElementTree.Element, path: str) -> Iterator[tuple[str, str]]:
    """Yields (where, text) for attribute values, joined paragraphs and loose text.

    Attribute values that are a bare integer are left out: in Office XML they are
    sizes, offsets and random ids (``p14:creationId val="1234567890"``), never text
    someone wrote. Text nodes are always scanned, numeric or not.
    """
    name = _local(element.tag) if isinstance(element.tag, str) else "?"
    here = f"{path}/{name}"
    joined = name in JOINED_ELEMENTS
    for node in element.iter() if joined else (element,):
        for attribute, value in node.attrib.items():
            if not _INTEGER.fullmatch(value):
                yield f"{here}@{_local(attribute)}", value
    if joined:
        yield here, "".join(element.itertext())
        return
    if element.text and element.text.strip():
        yield here, element.text
    for child in element:
        yield from _xml_texts(child, here)
        if child.tail and child.tail.strip():
            yield here, child.tail


def scan_xml(scan: Scan, source: Source, part: str, data: bytes) -> None:
    """Scans one XML part; a part that does not parse is scanned as plain text."""
    try:
        root = ElementTree.fromstring(data)  # noqa: S314 (our own generated files)
    except ElementTree.ParseError:
        scan_lines(scan, source, part, data.decode("utf-8", errors="replace"))
        return
    for where, text in _xml_texts(root, ""):
        scan.text(source, f"{part} {where}", text)


def scan_lines(scan: Scan, source: Source, where: str, text: str) -> None:
    """Scans text as one value; hits are told by line and column."""
    scan.text(source, where, text)
    if source.unit == "lines":
        source.units += text.count("\n") + (not text.endswith("\n"))


def scan_zip(scan: Scan, source: Source, data: bytes, prefix: str = "") -> None:
    """Scans every XML and text part of a zip; zips inside it are opened too."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.is_dir() or info.file_size > MAX_FILE_BYTES:
                continue
            part = f"{prefix}{info.filename}"
            content = archive.read(info)
            source.units += 1
            if content.startswith(b"PK\x03\x04"):
                scan_zip(scan, source, content, prefix=f"{part}!")
            elif content.lstrip()[:1] == b"<":
                scan_xml(scan, source, part, content)
            elif b"\x00" not in content[:8192]:
                scan_lines(
                    scan, source, part, content.decode("utf-8", errors="replace")
                )
            else:
                scan.skipped += 1


def scan_pdf(scan: Scan, source: Source, path: Path) -> None:
    """Scans a PDF's text (pdftotext) and its metadata (pdfinfo)."""
    for tool, args in (("pdftotext", ["-q", str(path), "-"]), ("pdfinfo", [str(path)])):
        try:
            result = subprocess.run(
                [tool, *args],
                capture_output=True,
                check=False,
                timeout=PDF_TIMEOUT_S,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            scan.errors.append(f"pdf {path}: {tool}: {exc}")
            return
        if result.returncode != 0:
            scan.errors.append(f"pdf {path}: {tool} exited {result.returncode}")
            return
        scan_lines(scan, source, tool, result.stdout.decode("utf-8", errors="replace"))


def scan_file(scan: Scan, path: Path) -> None:
    """Scans one file by what it is."""
    if path.name.endswith(SQLITE_SIDE_FILES):
        return
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            scan.errors.append(f"file {path}: larger than {MAX_FILE_BYTES} bytes")
            return
        with path.open("rb") as handle:
            head = handle.read(16)
        if head == SQLITE_MAGIC:
            scan_sqlite_file(scan, path)
            return
        data = path.read_bytes()
    except OSError as exc:
        scan.errors.append(f"file {path}: {exc}")
        return
    if head.startswith(b"PK\x03\x04"):
        source = Source("office" if path.suffix in OFFICE else "zip", str(path))
        source.unit = "parts"
        scan.sources.append(source)
        try:
            scan_zip(scan, source, data)
        except zipfile.BadZipFile as exc:
            scan.errors.append(f"zip {path}: {exc}")
    elif head.startswith(b"%PDF"):
        source = Source("pdf", str(path), unit="lines")
        scan.sources.append(source)
        scan_pdf(scan, source, path)
    elif b"\x00" in data[:8192]:
        scan.skipped += 1
    else:
        kind = "log" if ".log" in path.suffixes or path.suffix == ".out" else "file"
        source = Source(kind, str(path), unit="lines")
        scan.sources.append(source)
        scan_lines(scan, source, "text", data.decode("utf-8", errors="replace"))


OFFICE = frozenset({".pptx", ".xlsx", ".docx", ".potx", ".xlsm", ".odt", ".ods"})


def walk(path: Path, *, skip_marker: str | None = None) -> Iterable[Path]:
    """Yields the files under ``path`` (or ``path`` itself), in a stable order.

    A directory holding a file named ``skip_marker`` is left out with everything in it.
    """
    if path.is_file():
        yield path
        return
    for root, dirs, files in os.walk(path):
        if skip_marker and skip_marker in files:
            dirs[:] = []
            continue
        dirs.sort()
        for name in sorted(files):
            candidate = Path(root) / name
            if candidate.is_file() and not candidate.is_symlink():
                yield candidate


# --- Report -----------------------------------------------------------------------


def report(scan: Scan, out: Any = None) -> int:
    """Prints counts per source, every hit's place and errors; returns the exit code."""
    out = out or sys.stdout
    for source in scan.sources:
        print(
            f"{source.kind:<10} {source.name}: {source.units} {source.unit}, "
            f"{source.hits} hits",
            file=out,
        )
    for hit in scan.hits:
        print(f"CPR-SHAPED: {hit}", file=out)
    for error in scan.errors:
        print(f"ERROR: {error}", file=out)
    by_kind: dict[str, int] = {}
    for source in scan.sources:
        by_kind[source.kind] = by_kind.get(source.kind, 0) + 1
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(by_kind.items())) or "none"
    print(
        f"cpr_scan: {len(scan.sources)} sources ({kinds}), {scan.skipped} binary "
        f"skipped, {len(scan.hits)} CPR-shaped, {len(scan.errors)} errors",
        file=out,
    )
    if scan.hits:
        return 1
    return 2 if scan.errors else 0


def main(argv: list[str] | None = None) -> int:
    """Parses arguments, scans, reports."""
    parser = argparse.ArgumentParser(
        description="Scan databases, logs and generated files for CPR-shaped strings."
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or directories")
    parser.add_argument(
        "--database-url",
        action="append",
        default=[],
        help="a postgres:// or sqlite:/// database to scan (repeatable)",
    )
    args = parser.parse_args(argv)
    if not args.paths and not args.database_url:
        parser.error("give at least one path or --database-url")
    scan = Scan()
    for url in args.database_url:
        scan_database_url(scan, url)
    for path in args.paths:
        if not path.exists():
            scan.errors.append(f"path {path}: does not exist")
            continue
        for file in walk(path):
            scan_file(scan, file)
    return report(scan)


if __name__ == "__main__":
    sys.exit(main())
