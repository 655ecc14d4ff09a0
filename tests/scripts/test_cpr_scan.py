"""scripts/cpr_scan.py: a planted CPR number is found in every kind of source.

Every test here plants CPR-shaped numbers on purpose, so the module is marked
``cpr_planted`` and the run's own scan (tests/cpr_guard.py) leaves it out.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from pptx import Presentation
from pptx.util import Inches

from tests.cpr_guard import cpr_scan

pytestmark = pytest.mark.cpr_planted

ROOT = Path(__file__).resolve().parents[2]
PLANTED = "010203-1234"
DIGITS = ("0102", "1234")  # no part of the number may be printed


def run(*args: str) -> tuple[int, str]:
    """Runs the scanner's main in-process; returns its exit code and output."""
    scanner = cpr_scan()
    out = io.StringIO()
    scan = scanner.Scan()
    urls = [a.removeprefix("--database-url=") for a in args if a.startswith("--")]
    for url in urls:
        scanner.scan_database_url(scan, url)
    for arg in args:
        if not arg.startswith("--"):
            for path in scanner.walk(Path(arg)):
                scanner.scan_file(scan, path)
    code = scanner.report(scan, out)
    return code, out.getvalue()


def assert_hidden(output: str) -> None:
    for digits in DIGITS:
        assert digits not in output, output


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with ``text`` in Helvetica, written by hand."""
    content = f"BT /F1 12 Tf 72 760 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return pdf


def write_sqlite(path: Path, note: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        connection.execute("CREATE TABLE counts (id INTEGER PRIMARY KEY, n INTEGER)")
        connection.executemany(
            "INSERT INTO notes (body) VALUES (?)",
            [
                ("Møde 01.02.2024 kl. 14.30",),
                (note,),
                ("md5$salt$9f0102031234ab7c5e4d3a2b1c0d9e8f",),  # a hash's hex digits
            ],
        )
        connection.execute("INSERT INTO counts (n) VALUES (1020304050)")
    connection.close()


def write_pptx(path: Path, first: str, second: str) -> None:
    """A deck whose one paragraph is split into two runs: ``first`` and ``second``."""
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
    paragraph = box.text_frame.paragraphs[0]
    paragraph.add_run().text = first
    paragraph.add_run().text = second
    deck.save(str(path))


def write_xlsx(path: Path, value: object) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Kommune"
    sheet["B1"] = 0.1023456789  # a decimal's fraction is not a CPR number
    sheet["A2"] = value
    book.save(path)


def clean_tree(root: Path) -> Path:
    root.mkdir()
    write_sqlite(root / "app.sqlite3", "Barnet er 9 år")
    (root / "server.log").write_text("2024-02-01 14:30:00 INFO svar gemt 201\n")
    write_pptx(root / "deck.pptx", "Svarprocent 81,3 % pr. ", "01.02.2024")
    write_xlsx(root / "figures.xlsx", "1.250.000 kr.")
    (root / "report.pdf").write_bytes(minimal_pdf("J.nr. 27.15.02-P20-3-24"))
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + b"0102031234")
    return root


def test_a_clean_tree_passes_and_every_source_is_counted(tmp_path: Path) -> None:
    code, output = run(str(clean_tree(tmp_path / "out")))
    assert code == 0, output
    assert "sqlite" in output
    assert "notes.body" not in output
    for name in (
        "app.sqlite3",
        "server.log",
        "deck.pptx",
        "figures.xlsx",
        "report.pdf",
    ):
        assert name in output
    assert "5 sources (1 log, 2 office, 1 pdf, 1 sqlite)" in output
    assert "0 CPR-shaped, 0 errors" in output
    assert "logo.png" not in output  # binary: skipped, not read as text
    assert "3 binary skipped" in output  # the PNG and the decks' thumbnails


def test_a_hit_in_a_sqlite_table_names_table_column_and_row(tmp_path: Path) -> None:
    write_sqlite(tmp_path / "app.sqlite3", f"Barnet ({PLANTED}) bor hos mor")
    code, output = run(str(tmp_path))
    assert code == 1
    assert "notes.body row 2, line 1, column 9" in output
    assert_hidden(output)


def test_a_hit_in_a_log_file_names_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "gunicorn.log").write_text(f"ok\nWARNING fejl i felt: {PLANTED}\n")
    code, output = run(str(tmp_path))
    assert code == 1
    assert "gunicorn.log: text, line 2, column 22" in output
    assert_hidden(output)


def test_a_number_split_across_runs_of_a_deck_is_found(tmp_path: Path) -> None:
    write_pptx(tmp_path / "deck.pptx", "Barn 0102", "03-1234 bor hos mor")
    code, output = run(str(tmp_path))
    assert code == 1
    assert "ppt/slides/slide1.xml" in output
    assert_hidden(output)


def test_a_hit_in_a_workbook_cell_is_found(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "tal.xlsx", f"cpr {PLANTED}")
    code, output = run(str(tmp_path))
    assert code == 1
    assert "tal.xlsx" in output
    assert "CPR-SHAPED: office" in output
    assert_hidden(output)


def test_a_workbook_inside_a_deck_is_opened(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "embedded.xlsx", PLANTED)
    with zipfile.ZipFile(tmp_path / "chart.pptx", "w") as archive:
        archive.write(tmp_path / "embedded.xlsx", "ppt/embeddings/Workbook1.xlsx")
    (tmp_path / "embedded.xlsx").unlink()
    code, output = run(str(tmp_path / "chart.pptx"))
    assert code == 1
    assert "ppt/embeddings/Workbook1.xlsx!xl/" in output
    assert_hidden(output)


def test_a_hit_in_a_pdf_is_found_through_pdftotext(tmp_path: Path) -> None:
    (tmp_path / "rapport.pdf").write_bytes(minimal_pdf(f"Barnets nummer {PLANTED}"))
    code, output = run(str(tmp_path))
    assert code == 1
    assert "pdf" in output
    assert "rapport.pdf: pdftotext, line 1" in output
    assert_hidden(output)


def test_the_command_line_exits_non_zero_and_hides_the_number(tmp_path: Path) -> None:
    write_sqlite(tmp_path / "db.sqlite3", PLANTED)
    (tmp_path / "clean.log").write_text("intet her\n")
    command = [sys.executable, str(ROOT / "scripts" / "cpr_scan.py")]
    done = subprocess.run(
        [*command, "--database-url", f"sqlite:///{tmp_path / 'db.sqlite3'}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "notes.body row 2" in done.stdout
    assert_hidden(done.stdout + done.stderr)
    (tmp_path / "db.sqlite3").unlink()
    done = subprocess.run(
        [*command, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout
    assert "log        " in done.stdout
    done = subprocess.run(
        [*command, str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs a PostgreSQL DATABASE_URL (scripts/with_postgres.py)",
)
def test_a_hit_in_a_postgresql_table_is_found() -> None:
    import psycopg
    from psycopg import sql

    url = os.environ["DATABASE_URL"]
    schema = f"cpr_scan_test_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
        try:
            connection.execute(
                f"CREATE TABLE {schema}.notes (id serial, body varchar(200), "
                "extra jsonb, n bigint)"
            )
            insert = sql.SQL(
                "INSERT INTO {}.notes (body, extra, n) VALUES (%s, %s, %s)"
            ).format(sql.Identifier(schema))
            note = f'{{"note": "{PLANTED}"}}'
            connection.execute(insert, ("kl. 14.30", note, 10**9))
            code, output = run(f"--database-url={url}")
        finally:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
    assert code == 1, output
    assert f"{schema}.notes.extra row 1" in output
    assert_hidden(output)


GUARDED = """
import pytest

def test_plants_in_the_database(db):
    from parathed.web.partnerships.models import Partnership
    Partnership.objects.create(slug="x", name="Barn 010203-1234")

def test_prints_one(capsys):
    print("svar fra 010203-1234")

def test_writes_one(tmp_path):
    (tmp_path / "deck.log").write_text("010203-1234")

@pytest.mark.cpr_planted
def test_plants_on_purpose(db, tmp_path):
    from parathed.web.partnerships.models import Partnership
    Partnership.objects.create(slug="y", name="Barn 010203-1234")
    (tmp_path / "planted.log").write_text("010203-1234")
    print("010203-1234")

def test_clean(db):
    from parathed.web.partnerships.models import Partnership
    Partnership.objects.create(slug="z", name="Testpartnerskab 2024")
"""


def test_the_test_run_guard_catches_database_output_and_files(tmp_path: Path) -> None:
    (tmp_path / "test_guarded.py").write_text(GUARDED)
    env = {
        k: v
        for k, v in os.environ.items()
        if k != "DATABASE_URL" and not k.startswith("PYTEST_")
    }
    env["PARATHED_VAR_DIR"] = str(tmp_path / "var")
    done = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-p", "tests.cpr_guard",
            "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path),
            "--basetemp", str(tmp_path / "basetemp"), "-p", "no:cacheprovider",
            "-q", str(tmp_path / "test_guarded.py"),
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "ERROR at teardown of test_plants_in_the_database" in output
    assert "partnerships_partnership.name row 1" in output
    assert "test_prints_one [Captured stdout call]" in output
    assert "test_writes_one0/deck.log" in output
    assert "test_plants_on_purpose" not in output.split("CPR scan of this run")[1]
    assert "1 error" in output
    assert "5 passed, 1 error" in output
    assert_hidden(output.replace(str(tmp_path), "TMP"))
