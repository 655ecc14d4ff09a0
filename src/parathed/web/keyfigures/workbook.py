"""The municipality's Excel template for key-figure inputs: building it and reading it.

Layout (sheet "Nøgletal"): the municipality code in B2 and the year in B3 (fixed cells),
a header in row 5 and one row per input from row 6: id, label, unit, the StatBank value
(pre-filled, locked) and the municipality's value (the only unlocked column, with data
validation). Reading checks the layout cell by cell and collects every problem with
sheet, cell and reason in Danish; it returns values only when there is no problem.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from parathed.web.keyfigures.inputs import InputSpec

SHEET = "Nøgletal"
GUIDE_SHEET = "Vejledning"
CODE_CELL = "B2"
YEAR_CELL = "B3"
HEADER_ROW = 5
FIRST_ROW = 6
HEADERS = (
    "Id",
    "Nøgletal (input)",
    "Enhed",
    "Danmarks Statistik",
    "Kommunens værdi",
    "Kilde og forklaring",
)
VALUE_COLUMN = "E"
# Not a secret: it only keeps the layout from being changed by accident.
SHEET_PASSWORD = "parathed"  # noqa: S105
GUIDE = (
    "Sådan udfylder I skabelonen",
    "",
    "1. Udfyld kun kolonnen »Kommunens værdi« (de hvide celler) på arket »Nøgletal«.",
    "2. Tal fra Danmarks Statistik står allerede i kolonnen »Danmarks Statistik«. "
    "Skriv kun en værdi ud for dem, hvis jeres egne tal er anderledes; så gemmes jeres "
    "værdi som en rettelse ved siden af Danmarks Statistiks tal.",
    "3. Tal, som kun kommunen kender (fx skift af rådgiver, sager pr. rådgiver, "
    "tid til børnefaglig undersøgelse), står tomme. Udfyld dem, hvis I har dem.",
    "4. Skriv tal uden enheder og uden tekst. Brug komma eller punktum som "
    "decimaltegn. Procenter skrives som tal mellem 0 og 100.",
    "5. Lad en celle stå tom, hvis I ikke kender tallet. Tomme celler ændrer intet.",
    "6. Kommunekode og år (celle B2 og B3) og arkets opbygning må ikke ændres.",
    "7. Gem filen som Excel-projektmappe (.xlsx) og upload den på siden »Nøgletal«.",
    "",
    "Fejl i filen vises med ark, celle og årsag, og intet gemmes, før filen er "
    "fejlfri. Upload af samme fil to gange ændrer intet.",
    "Skriv aldrig cpr-numre eller navne i filen.",
)
LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One problem in an uploaded workbook: where it is and why, in Danish."""

    sheet: str
    cell: str
    reason: str

    def __str__(self) -> str:
        return _("Sheet '%(sheet)s', cell %(cell)s: %(reason)s") % {
            "sheet": self.sheet,
            "cell": self.cell,
            "reason": self.reason,
        }


class WorkbookRejectedError(ValueError):
    """The workbook has one or more problems; nothing from it may be stored."""

    def __init__(self, problems: Sequence[CellProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


def build_template(
    *,
    municipality_code: str,
    municipality_name: str,
    year: int,
    specs: Sequence[InputSpec],
    statbank_values: Mapping[str, float | None],
    own_values: Mapping[str, float | None] | None = None,
) -> bytes:
    """Returns the .xlsx template for one municipality and year.

    ``statbank_values`` maps input names to StatBank's value (None = missing);
    ``own_values`` holds what the municipality gave before (its own data and its
    corrections), so a downloaded template shows the current state. Everything else
    in the value column stays blank.
    """
    own = own_values or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    sheet["A1"] = f"Nøgletal for {municipality_name} – {year}"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = "Kommunekode"
    sheet[CODE_CELL] = municipality_code
    sheet["A3"] = "År"
    sheet[YEAR_CELL] = year
    sheet["C2"] = "Må ikke ændres"
    for column, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = LOCKED_FILL
    for offset, spec in enumerate(specs):
        row = FIRST_ROW + offset
        sheet.cell(row=row, column=1, value=spec.name)
        sheet.cell(row=row, column=2, value=spec.label)
        sheet.cell(row=row, column=3, value=spec.unit)
        if spec.table is not None:
            sheet.cell(row=row, column=4, value=statbank_values.get(spec.name))
            source = f"Danmarks Statistik, tabel {spec.table}. {spec.description}"
        else:
            source = f"Kun kommunens egne data. {spec.description}"
        sheet.cell(row=row, column=6, value=source)
        for column in (1, 2, 3, 4, 6):
            sheet.cell(row=row, column=column).fill = LOCKED_FILL
        value_cell = sheet.cell(row=row, column=5, value=own.get(spec.name))
        value_cell.protection = Protection(locked=False)
        validation = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=f"{spec.maximum if spec.maximum is not None else 1e12:.15g}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ugyldig værdi",
            error=_validation_message(spec),
            promptTitle=spec.label[:32],
            prompt=_validation_message(spec),
            showInputMessage=True,
        )
        validation.add(value_cell.coordinate)
        sheet.add_data_validation(validation)
    for letter, width in zip("ABCDEF", (34, 44, 14, 20, 18, 70), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=FIRST_ROW):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = f"A{FIRST_ROW}"
    sheet.protection.sheet = True
    sheet.protection.password = SHEET_PASSWORD
    guide = workbook.create_sheet(GUIDE_SHEET)
    for row, line in enumerate(GUIDE, start=1):
        guide.cell(row=row, column=1, value=line).alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 110
    guide.protection.sheet = True
    guide.protection.password = SHEET_PASSWORD
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _validation_message(spec: InputSpec) -> str:
    if spec.maximum is not None:
        return f"Skriv et tal mellem 0 og {spec.maximum:g} ({spec.unit})."
    return f"Skriv et tal, der er 0 eller større ({spec.unit})."


def read_upload(
    file: IO[bytes], *, municipality_code: str, specs: Sequence[InputSpec]
) -> tuple[int, dict[str, float]]:
    """Returns the year and the filled-in values (input name → value) of an upload.

    Raises ``WorkbookRejectedError`` with every problem found when the municipality code
    is wrong, the layout changed, a value cell holds text, or a value is impossible
    (negative, or a share over 100 %). The caller has checked the zip structure.
    """
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on bad input
        raise WorkbookRejectedError(
            [
                CellProblem(
                    "–", "–", _("the file cannot be opened as an Excel workbook.")
                )
            ]
        ) from error
    try:
        if SHEET not in workbook.sheetnames:
            raise WorkbookRejectedError(
                [
                    CellProblem(
                        SHEET,
                        "–",
                        _(
                            "the sheet is missing. Use the template downloaded from "
                            "this page."
                        ),
                    )
                ]
            )
        rows = [
            tuple(row)
            for row in workbook[SHEET].iter_rows(
                min_row=1,
                max_row=FIRST_ROW + len(specs),
                max_col=len(HEADERS),
                values_only=True,
            )
        ]
    finally:
        workbook.close()
    return _read_rows(rows, municipality_code=municipality_code, specs=specs)


def _cell(rows: Sequence[tuple[Any, ...]], row: int, column: int) -> Any:
    if row - 1 >= len(rows) or column - 1 >= len(rows[row - 1]):
        return None
    return rows[row - 1][column - 1]


def _read_rows(
    rows: Sequence[tuple[Any, ...]],
    *,
    municipality_code: str,
    specs: Sequence[InputSpec],
) -> tuple[int, dict[str, float]]:
    problems: list[CellProblem] = []
    code = _cell(rows, 2, 2)
    code_text = _as_code(code)
    if code_text != municipality_code:
        problems.append(
            CellProblem(
                SHEET,
                CODE_CELL,
                _(
                    "the municipality code is %(found)s, but this page is for "
                    "municipality %(expected)s. Upload the template of your own "
                    "municipality."
                )
                % {"found": code_text or _("empty"), "expected": municipality_code},
            )
        )
    year = _cell(rows, 3, 2)
    if isinstance(year, float) and year.is_integer():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        problems.append(
            CellProblem(
                SHEET,
                YEAR_CELL,
                _("the year must be a year such as 2025; the layout has been changed."),
            )
        )
    for column, header in enumerate(HEADERS, start=1):
        found = _cell(rows, HEADER_ROW, column)
        if found != header:
            problems.append(
                CellProblem(
                    SHEET,
                    f"{'ABCDEF'[column - 1]}{HEADER_ROW}",
                    _("the layout has been changed: expected the heading '%(text)s'.")
                    % {"text": header},
                )
            )
    values: dict[str, float] = {}
    for offset, spec in enumerate(specs):
        row = FIRST_ROW + offset
        if _cell(rows, row, 1) != spec.name:
            # Rows below a moved or deleted row all shift: one message says it.
            problems.append(
                CellProblem(
                    SHEET,
                    f"A{row}",
                    _(
                        "the layout has been changed from this row on: expected "
                        "'%(label)s' (%(name)s) here. Rows must not be moved, added "
                        "or deleted."
                    )
                    % {"label": spec.label, "name": spec.name},
                )
            )
            break
        raw = _cell(rows, row, 5)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        number, problem = _as_number(raw, spec)
        if problem is not None:
            problems.append(CellProblem(SHEET, f"{VALUE_COLUMN}{row}", problem))
        elif number is not None:
            values[spec.name] = number
    if problems:
        raise WorkbookRejectedError(problems)
    assert isinstance(year, int)  # noqa: S101 (checked above)
    return year, values


def _as_code(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:03d}"
    return str(value).strip()


def _as_number(raw: Any, spec: InputSpec) -> tuple[float | None, str | None]:
    """Returns (number, None) or (None, a Danish reason)."""
    if isinstance(raw, bool):
        return None, _("the cell must hold a number, not TRUE/FALSE.")
    if isinstance(raw, int | float):
        number = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace(" ", "")
        if text.endswith("%"):
            text = text[:-1]
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return None, _(
                "the cell holds text; write a number (e.g. 12 or 4,5) or leave it "
                "empty."
            )
    else:
        return None, _("the cell must hold a number, not a date or other value.")
    if math.isnan(number) or math.isinf(number):
        return None, _("the cell must hold a finite number.")
    if number < 0:
        return None, _("the value %(value)s is negative; it cannot be below 0.") % {
            "value": _format(number)
        }
    if spec.maximum is not None and number > spec.maximum:
        return None, _(
            "the value %(value)s is impossible: %(unit)s cannot be over %(limit)s."
        ) % {
            "value": _format(number),
            "unit": spec.unit,
            "limit": _format(spec.maximum),
        }
    if spec.integer and not number.is_integer():
        return None, _("the value %(value)s must be a whole number (a count).") % {
            "value": _format(number)
        }
    return number, None


def _format(number: float) -> str:
    return f"{number:g}".replace(".", ",")
