"""Writes the whole instrument as a spreadsheet for a domain expert to review.

In: an ``Instrument``. Out: an .xlsx file with one sheet per part (Temaer, Spørgeskema,
Åbne spørgsmål, Sagsscreening, Interviewguide, Nøgletal, Lovhenvisninger, plus the
coding scheme and the case facts), Danish headers, readable law references and an empty
"Kommentar" column. Pure apart from writing the one file; no Django, no click.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from parathed.instrument.schema import (
    ROLE_LABELS_DA,
    CaseCheck,
    CheckAnswerType,
    Direction,
    Instrument,
    Keying,
    LawRef,
    Role,
)

COMMENT_HEADER = "Kommentar"

KEYING_DA: dict[Keying, str] = {
    Keying.POSITIVE: "Positiv (enig = i tråd med loven)",
    Keying.REVERSE: "Omvendt (enig = ikke i tråd med loven)",
}
ANSWER_TYPE_DA: dict[CheckAnswerType, str] = {
    CheckAnswerType.STATUS: "Status",
    CheckAnswerType.DATE: "Dato",
    CheckAnswerType.COUNT: "Antal",
}
DIRECTION_DA: dict[Direction, str] = {
    Direction.HIGHER: "Højere er i tråd med reformen",
    Direction.LOWER: "Lavere er i tråd med reformen",
    Direction.CONTEXT: "Kontekst (ingen retning)",
}

Cell = str | int | None


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet: its name, its columns (header, width) and its rows."""

    name: str
    columns: tuple[tuple[str, int], ...]
    rows: tuple[tuple[Cell, ...], ...]


def law_labels(refs: Sequence[LawRef]) -> str:
    """Returns law references as a reader writes them: "§ 20, stk. 3; § 22"."""
    return "; ".join(ref.label() for ref in refs)


def roles_da(roles: Sequence[Role]) -> str:
    """Returns roles as Danish labels: "Chef, Leder, Medarbejder"."""
    return ", ".join(ROLE_LABELS_DA[role] for role in roles)


def instrument_sheets(instrument: Instrument) -> tuple[Sheet, ...]:
    """Returns the instrument as sheets of plain rows, in the order they are written."""
    builders: tuple[Callable[[Instrument], Sheet], ...] = (
        _themes,
        _items,
        _open_questions,
        _case_checks,
        _interview,
        _coding,
        _indicators,
        _law_refs,
        _case_facts,
    )
    return tuple(build(instrument) for build in builders)


def write_instrument_xlsx(instrument: Instrument, path: Path) -> None:
    """Writes ``instrument`` to ``path`` as .xlsx; overwrites an existing file.

    Each sheet has a frozen, bold header row, wrapped text, set column widths and an
    empty "Kommentar" column last.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = f"parathed parathedsinstrument {instrument.version}"
    workbook.properties.creator = "parathed"
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    for sheet in instrument_sheets(instrument):
        ws = workbook.create_sheet(sheet.name)
        columns = (*sheet.columns, (COMMENT_HEADER, 40))
        ws.append([header for header, _ in columns])
        for row in sheet.rows:
            ws.append([*row, None])
        for index, (_, width) in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        for cell in ws[1]:
            cell.font = header_font
            cell.fill = header_fill
        for row_cells in ws.iter_rows():
            for cell in row_cells:
                cell.alignment = wrap
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)


def _theme_titles(instrument: Instrument) -> dict[str, str]:
    return {t.code: t.title for t in instrument.themes}


def _themes(instrument: Instrument) -> Sheet:
    rows = []
    for theme in instrument.themes:
        rows.append(
            (
                theme.code,
                theme.prefix,
                theme.title,
                theme.description,
                sum(i.theme == theme.code for i in instrument.items),
                sum(c.theme == theme.code for c in instrument.case_checks),
                sum(q.theme == theme.code for q in instrument.interview_questions),
                sum(k.theme == theme.code for k in instrument.indicators),
            )
        )
    return Sheet(
        "Temaer",
        (
            ("Kode", 22),
            ("Præfiks", 9),
            ("Tema", 32),
            ("Beskrivelse", 60),
            ("Udsagn", 9),
            ("Sagstjek", 10),
            ("Interviewspørgsmål", 12),
            ("Nøgletal", 10),
        ),
        tuple(rows),
    )


def _items(instrument: Instrument) -> Sheet:
    titles = _theme_titles(instrument)
    aims = {a.code: f"{a.number}. {a.title}" for a in instrument.reform_aims}
    needs = {n.code: n.title for n in instrument.development_needs}
    rows = tuple(
        (
            item.id,
            titles.get(item.theme, item.theme),
            item.text,
            roles_da(item.roles),
            KEYING_DA[item.keying],
            law_labels(item.law_refs),
            "; ".join(aims.get(a, a) for a in item.reform_aims),
            "; ".join(needs.get(n, n) for n in item.development_needs),
        )
        for item in instrument.items
    )
    return Sheet(
        "Spørgeskema",
        (
            ("Id", 8),
            ("Tema", 24),
            ("Udsagn", 70),
            ("Roller", 24),
            ("Retning", 22),
            ("Lovhenvisninger", 22),
            ("Reformmål", 34),
            ("Udviklingsbehov", 34),
        ),
        rows,
    )


def _open_questions(instrument: Instrument) -> Sheet:
    titles = _theme_titles(instrument)
    rows = tuple(
        (q.id, titles.get(q.theme or "", "Alle temaer"), q.text, roles_da(q.roles))
        for q in instrument.open_questions
    )
    return Sheet(
        "Åbne spørgsmål",
        (("Id", 9), ("Tema", 24), ("Spørgsmål", 80), ("Roller", 24)),
        rows,
    )


def _rule_da(check: CaseCheck, fact_titles: dict[str, str]) -> str:
    """Returns how the check becomes met / not met, in Danish."""
    if check.rule is not None:
        rule = check.rule
        if rule.max_hours is not None:
            limit = f"højst {rule.max_hours} timer"
        elif rule.max_months is not None:
            limit = f"højst {rule.max_months} måneder"
        elif rule.max_days == 0:
            limit = "samme dag eller før"
        else:
            limit = f"højst {rule.max_days} dage"
        start = fact_titles.get(rule.start, rule.start)
        end = fact_titles.get(rule.end, rule.end)
        text = f"Fra «{start}» til «{end}»: {limit}."
        return f"{rule.description} ({text})" if rule.description else text
    if check.count_max is not None:
        return f"Opfyldt ved højst {check.count_max}."
    if check.count_min is not None:
        return f"Opfyldt ved mindst {check.count_min}."
    return "Opfyldt / ikke opfyldt / ikke relevant / ikke dokumenteret."


def _case_checks(instrument: Instrument) -> Sheet:
    titles = _theme_titles(instrument)
    facts = {f.name: f.title for f in instrument.case_facts}
    kinds = {k.code: k.title for k in instrument.case_kinds}
    rows = tuple(
        (
            check.id,
            titles.get(check.theme, check.theme),
            check.text,
            ANSWER_TYPE_DA[check.answer_type],
            _rule_da(check, facts),
            ", ".join(kinds.get(k, k) for k in check.applies_to) or "Alle sager",
            check.guidance,
            law_labels(check.law_refs),
        )
        for check in instrument.case_checks
    )
    return Sheet(
        "Sagsscreening",
        (
            ("Id", 10),
            ("Tema", 24),
            ("Tjek", 60),
            ("Svartype", 10),
            ("Regel", 45),
            ("Gælder for", 24),
            ("Vejledning til screeneren", 50),
            ("Lovhenvisninger", 22),
        ),
        rows,
    )


def _interview(instrument: Instrument) -> Sheet:
    titles = _theme_titles(instrument)
    rows = tuple(
        (
            q.id,
            titles.get(q.theme, q.theme),
            roles_da(q.roles),
            q.text,
            "Ja" if q.optional else "Nej",
            law_labels(q.law_refs),
        )
        for q in instrument.interview_questions
    )
    return Sheet(
        "Interviewguide",
        (
            ("Id", 10),
            ("Tema", 24),
            ("Roller", 24),
            ("Spørgsmål", 70),
            ("Valgfrit", 9),
            ("Lovhenvisninger", 22),
        ),
        rows,
    )


def _coding(instrument: Instrument) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    coding = instrument.coding
    if coding is not None:
        rows.append(("Vejledning", "", coding.description))
        for valence in coding.valences:
            rows.append(("Valens", valence.title, valence.description))
    for theme in instrument.themes:
        rows.append(("Tema", theme.title, theme.description))
    for need in instrument.development_needs:
        rows.append(("Udviklingsbehov", need.title, need.description))
    return Sheet(
        "Kodeskema",
        (("Dimension", 18), ("Kode", 34), ("Beskrivelse", 80)),
        tuple(rows),
    )


def _indicators(instrument: Instrument) -> Sheet:
    titles = _theme_titles(instrument)
    rows = tuple(
        (
            k.id,
            titles.get(k.theme, k.theme),
            k.title,
            k.unit,
            DIRECTION_DA[k.direction],
            k.formula,
            ", ".join(k.sources),
            law_labels(k.law_refs),
            k.note,
        )
        for k in instrument.indicators
    )
    return Sheet(
        "Nøgletal",
        (
            ("Id", 10),
            ("Tema", 24),
            ("Nøgletal", 40),
            ("Enhed", 18),
            ("Retning", 22),
            ("Formel", 60),
            ("Kilder", 24),
            ("Lovhenvisninger", 18),
            ("Bemærkning", 50),
        ),
        rows,
    )


def _law_refs(instrument: Instrument) -> Sheet:
    used: dict[LawRef, list[str]] = {}
    parts = (
        *((x.id, x.law_refs) for x in instrument.items),
        *((x.id, x.law_refs) for x in instrument.case_checks),
        *((x.id, x.law_refs) for x in instrument.interview_questions),
        *((x.id, x.law_refs) for x in instrument.indicators),
    )
    for item_id, refs in parts:
        for ref in refs:
            used.setdefault(ref, []).append(item_id)
    ordered = sorted(
        used, key=lambda r: (r.section_number, r.section, r.stk or 0, r.nr or 0)
    )
    rows = []
    for ref in ordered:
        chapter = instrument.chapter_of(ref)
        rows.append(
            (
                ref.label(),
                ref.law,
                ref.section,
                ref.stk,
                ref.nr,
                f"Kapitel {chapter.number}: {chapter.title}" if chapter else "",
                ref.consolidation,
                ", ".join(used[ref]),
            )
        )
    return Sheet(
        "Lovhenvisninger",
        (
            ("Henvisning", 22),
            ("Lov", 14),
            ("§", 6),
            ("Stk.", 6),
            ("Nr.", 6),
            ("Kapitel", 40),
            ("Bekendtgørelse", 26),
            ("Bruges af", 50),
        ),
        tuple(rows),
    )


def _case_facts(instrument: Instrument) -> Sheet:
    rows: list[tuple[Cell, ...]] = [
        (
            "Sagsoplysning",
            fact.name,
            fact.title,
            fact.description + (" (beregnes)" if fact.derived else ""),
        )
        for fact in instrument.case_facts
    ]
    rows.extend(
        ("Sagstype", kind.code, kind.title, kind.description)
        for kind in instrument.case_kinds
    )
    return Sheet(
        "Sagsoplysninger",
        (("Slags", 16), ("Navn", 28), ("Titel", 50), ("Beskrivelse", 70)),
        tuple(rows),
    )
