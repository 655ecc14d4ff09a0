"""The partnership's Excel appendix: every number of the partnership deck.

In: the same ``PartnershipInput`` as the deck. Out: .xlsx bytes, one sheet per part
(Danish headers, codes beside labels), written with the municipal appendix's block
writer; a withheld value is an empty cell with its reason, never a number.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from parathed.reporting.deck.partnership import PartnershipInput, partnership_slides
from parathed.reporting.excel import _block


def build_partnership_workbook(data: PartnershipInput) -> bytes:
    """Returns the .xlsx bytes of the partnership appendix for ``data``."""
    book = Workbook()
    first = book.active
    if first is not None:
        book.remove(first)
    sheets: dict[str, Worksheet] = {}
    for spec in partnership_slides(data):
        sheet = sheets.get(spec.part)
        if sheet is None:
            sheet = book.create_sheet(spec.part[:31])
            sheet.column_dimensions["A"].width = 18
            sheet.column_dimensions["B"].width = 40
            for letter in "CDEFGHIJ":
                sheet.column_dimensions[letter].width = 22
            sheets[spec.part] = sheet
        _block(sheet, spec)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
