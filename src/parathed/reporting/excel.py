"""The Excel appendix: every number of the municipal deck, one sheet per part.

In: the same ``ReportInput`` as the deck. Out: .xlsx bytes. Each slide's chart or
table becomes a block on its part's sheet (Danish headers, codes beside labels);
a withheld value is an empty cell with its reason beside it, never a number.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from parathed.analysis.assessment import RoundAssessment
from parathed.instrument.schema import Instrument
from parathed.reporting.content import ReportInput, SlideSpec, municipal_slides
from parathed.reporting.partnership_content import partnership_slides

BOLD = Font(bold=True)
WITHHELD_TEXT = "Vises ikke (se note)"


def _block(sheet: Worksheet, spec: SlideSpec) -> None:
    row = sheet.max_row + 2 if sheet.max_row > 1 else 1
    sheet.cell(row=row, column=1, value=spec.title).font = Font(bold=True, size=13)
    row += 1
    if spec.chart is not None and spec.chart.categories:
        chart = spec.chart
        header = ["Kode", "Betegnelse", *(name for name, _ in chart.series)]
        for column, text in enumerate(header, 1):
            sheet.cell(row=row, column=column, value=text).font = BOLD
        for i, (code, label) in enumerate(
            zip(chart.codes, chart.categories, strict=True)
        ):
            row += 1
            sheet.cell(row=row, column=1, value=code)
            sheet.cell(row=row, column=2, value=label)
            for j, (_, values) in enumerate(chart.series):
                value = values[i]
                cell = sheet.cell(
                    row=row,
                    column=3 + j,
                    value=WITHHELD_TEXT if value is None else value,
                )
                if value is not None:
                    cell.number_format = "0.0"
        note = " ".join(p for p in (chart.footnote, spec.footnote) if p)
    elif spec.table is not None:
        table = spec.table
        for column, text in enumerate(table.header, 1):
            sheet.cell(row=row, column=column, value=text).font = BOLD
        for cells in table.rows:
            row += 1
            for column, entry in enumerate(cells, 1):
                cell = sheet.cell(row=row, column=column, value=entry)
                if isinstance(entry, float):
                    cell.number_format = "0.0"
        note = " ".join(p for p in (table.footnote, spec.footnote) if p)
    else:
        for block in spec.text:
            sheet.cell(row=row, column=1, value=block.heading).font = BOLD
            for line in block.lines:
                row += 1
                sheet.cell(row=row, column=2, value=line)
            row += 1
        note = spec.footnote
    if spec.chart is not None or spec.table is not None:
        for block in spec.text:
            row += 1
            sheet.cell(row=row, column=1, value=block.heading).font = BOLD
            for line in block.lines:
                row += 1
                sheet.cell(row=row, column=2, value=line)
    if note:
        sheet.cell(row=row + 1, column=1, value="Note")
        sheet.cell(row=row + 1, column=2, value=note)


def build_workbook(data: ReportInput) -> bytes:
    """Returns the .xlsx bytes of the municipal appendix for ``data``."""
    return workbook_from_slides(municipal_slides(data))


def workbook_from_slides(slides: Sequence[SlideSpec]) -> bytes:
    """Returns the .xlsx bytes holding every slide's numbers, a sheet per part."""
    book = Workbook()
    first = book.active
    if first is not None:
        book.remove(first)
    sheets: dict[str, Worksheet] = {}
    for spec in slides:
        sheet = sheets.get(spec.part)
        if sheet is None:
            sheet = book.create_sheet(spec.part[:31])
            sheet.column_dimensions["A"].width = 16
            sheet.column_dimensions["B"].width = 60
            for letter in "CDEFGHI":
                sheet.column_dimensions[letter].width = 16
            sheets[spec.part] = sheet
        _block(sheet, spec)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build_partnership_workbook(
    round_assessment: RoundAssessment,
    *,
    instrument: Instrument,
    named: bool = False,
    secret: bytes | None = None,
) -> bytes:
    """Returns the .xlsx bytes of the partnership appendix (same slides' numbers);
    ``secret`` keys the anonymised letters as in the deck."""
    return workbook_from_slides(
        partnership_slides(
            round_assessment, instrument=instrument, named=named, secret=secret
        )
    )
