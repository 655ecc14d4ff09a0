"""Column suggestions and row validation against the instrument."""

from __future__ import annotations

from datetime import date

import pytest

from parathed.instrument.schema import Instrument, Role
from parathed.intake.responses import (
    DATE,
    IGNORE,
    ROLE,
    UNDECIDED,
    ColumnMapping,
    Problem,
    check_rows,
    cpr_problems,
    parse_date,
    suggest_targets,
    without_personal_columns,
)
from parathed.intake.tables import Table

TODAY = date(2026, 5, 10)


def table(headers: tuple[str, ...], *rows: tuple[str, ...]) -> Table:
    return Table(headers=headers, rows=rows, file_format="csv", description="")


def check(
    t: Table,
    instrument: Instrument,
    targets: tuple[str, ...] | None = None,
    **kw: object,
) -> tuple[Problem, ...]:
    mapping = ColumnMapping(
        targets=targets or suggest_targets(t.headers, instrument),
        **kw,  # type: ignore[arg-type]
    )
    result = check_rows(t, mapping, instrument=instrument, scope="1:101", today=TODAY)
    if result.problems:
        assert result.rows == ()
    return result.problems


def test_headers_by_id_text_and_export_names_get_suggestions(
    instrument: Instrument,
) -> None:
    """Ids, full question texts (Forms) and cut-short labels are all recognised."""
    es01 = instrument.item("ES01")
    headers = (
        "Id",
        "Starttidspunkt",
        "Fuldførelsestidspunkt",
        "Hvad er din rolle?",
        es01.text,
        "ES02",
        instrument.item("ES03").text[:40] + "…",
        "[OPEN01] Største udfordring",
        "Noget helt andet",
    )
    assert suggest_targets(headers, instrument) == (
        IGNORE,
        IGNORE,
        DATE,
        ROLE,
        "item:ES01",
        "item:ES02",
        "item:ES03",
        "open:OPEN01",
        UNDECIDED,
    )


def test_the_same_target_is_suggested_once(instrument: Instrument) -> None:
    """A second column with the same id is left for the consultant to decide."""
    assert suggest_targets(("ES01", "es01"), instrument) == ("item:ES01", UNDECIDED)


def test_labels_and_numbers_are_both_understood(instrument: Instrument) -> None:
    """ "Helt enig" is 5, "2" is 2, "Ved ikke" and the chosen code are None."""
    t = table(
        ("Rolle", "ES01", "ES03", "PQ01", "ES02"),
        ("medarbejder", "Helt enig", "2", "ved ikke", "9"),
        ("Leder", "1,0", "hverken enig eller uenig", "", "Uenig"),
    )
    mapping = ColumnMapping(
        targets=suggest_targets(t.headers, instrument),
        answered_on=date(2026, 5, 1),
        dont_know_code=9,
    )
    result = check_rows(t, mapping, instrument=instrument, scope="s", today=TODAY)
    assert result.problems == ()
    assert [(r.role, r.answers) for r in result.rows] == [
        (
            Role.MEDARBEJDER,
            (("ES01", 5), ("ES03", 2), ("PQ01", None), ("ES02", None)),
        ),
        (Role.LEDER, (("ES01", 1), ("ES03", 3), ("ES02", 2))),
    ]


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (
            ("Direktør", "4"),
            0,
            "Rollen »Direktør« kendes ikke. Brug Chef, Leder, Medarbejder.",
        ),
        (
            ("Udfører/samarbejdspartner", "4"),
            0,
            "Rollen Udfører/samarbejdspartner besvarer ikke spørgeskemaet.",
        ),
        (("", "4"), 0, "Rollen mangler."),
        (("Chef", "7"), 1, "Værdien 7 ligger uden for svarskalaen 1–5."),
        (("Chef", "0"), 1, "Værdien 0 ligger uden for svarskalaen 1–5."),
        (
            ("Chef", "Meget enig"),
            1,
            "Svaret »Meget enig« kendes ikke. Brug tallene 1–5 eller svarmulighederne "
            "Helt uenig, Uenig, Hverken enig eller uenig, Enig, Helt enig, Ved ikke.",
        ),
    ],
)
def test_wrong_codes_are_reported_by_row_and_column(
    instrument: Instrument, cells: tuple[str, str], column: int, message: str
) -> None:
    """Unknown roles, values outside 1-5 and unknown labels each get their reason."""
    t = table(("Rolle", "ES01"), ("Chef", "4"), cells)
    problems = check(t, instrument, answered_on=TODAY)
    assert [(p.row, p.column, p.message) for p in problems] == [(3, column, message)]


def test_unknown_item_id_in_a_header_is_a_problem(instrument: Instrument) -> None:
    """A column headed ES99 cannot be imported until the consultant decides."""
    t = table(("Rolle", "ES01", "ES99"), ("Chef", "4", "5"))
    problems = check(t, instrument, answered_on=TODAY)
    assert [(p.row, p.column_label, p.message) for p in problems] == [
        (
            None,
            "C (ES99)",
            "Spørgeskemaet (version 1.0) har intet udsagn med id ES99. Vælg det "
            "rigtige udsagn, eller vælg »Importér ikke«.",
        )
    ]


def test_item_not_asked_of_the_role_must_be_empty(instrument: Instrument) -> None:
    """ES02 is not asked of a chef, so a chef's answer to it is a problem."""
    assert Role.CHEF not in instrument.item("ES02").roles
    t = table(("Rolle", "ES02"), ("Chef", "4"))
    problems = check(t, instrument, answered_on=TODAY)
    assert [p.message for p in problems] == [
        "Udsagnet ES02 stilles ikke til rollen Chef; cellen skal være tom."
    ]


def test_cpr_number_in_a_text_column_is_located_but_never_repeated(
    instrument: Instrument,
) -> None:
    """The report names row, column and the words before, not the digits."""
    t = table(
        ("Rolle", "ES01", "OPEN01"),
        ("Chef", "4", "Ring til mor, cpr 010203-1234 i morgen"),
    )
    problems = check(t, instrument, answered_on=TODAY)
    assert len(problems) == 1
    assert (problems[0].row, problems[0].column_label) == (2, "C (OPEN01)")
    assert problems[0].message == (
        "Teksten indeholder noget, der ligner et CPR-nummer (linje 1, tegn 19 efter "
        "»til mor, cpr«). Fjern det fra filen; intet er importeret."
    )
    assert "1234" not in problems[0].message


def test_unknown_value_holding_a_cpr_number_is_not_quoted(
    instrument: Instrument,
) -> None:
    """A CPR-shaped number in an answer column is not echoed in the reason."""
    t = table(("Rolle", "ES01"), ("Chef", "0102031234"))
    (problem,) = check(t, instrument, answered_on=TODAY)
    assert "0102031234" not in problem.message


def test_mapping_problems_come_before_any_row(instrument: Instrument) -> None:
    """Without a role, a date or any question, the mapping itself is refused."""
    t = table(("Noget", "Andet"), ("a", "b"))
    problems = check(t, instrument, targets=(UNDECIDED, IGNORE))
    assert [p.message for p in problems] == [
        "Vælg, hvad kolonnen indeholder, eller vælg »Importér ikke«.",
        "Vælg den kolonne, der angiver respondentens rolle, eller vælg én rolle for "
        "alle rækker.",
        "Vælg den kolonne, der angiver besvarelsesdatoen, eller angiv én dato for "
        "alle rækker.",
        "Ingen kolonne er valgt som udsagn eller åbent spørgsmål, så der er intet at "
        "importere.",
    ]


def test_fixed_role_and_date_apply_to_every_row(instrument: Instrument) -> None:
    """A per-role export needs no role column; the date is kept, the time not."""
    t = table(("ES01", "Dato"), ("4", "2026-05-03 14:33:10"))
    mapping = ColumnMapping(targets=("item:ES01", DATE), role=Role.LEDER)
    result = check_rows(t, mapping, instrument=instrument, scope="s", today=TODAY)
    assert [(r.role, r.answered_on) for r in result.rows] == [
        (Role.LEDER, date(2026, 5, 3))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-01", date(2026, 5, 1)),
        ("01-05-2026", date(2026, 5, 1)),
        ("1.5.2026", date(2026, 5, 1)),
        ("01/05/2026 09:12:00", date(2026, 5, 1)),
        ("2026-02-30", None),
        ("maj 2026", None),
    ],
)
def test_dates_are_read_day_first(text: str, expected: date | None) -> None:
    """Danish exports put the day first; an impossible date is unreadable."""
    assert parse_date(text) == expected


def test_future_date_and_empty_row_are_problems(instrument: Instrument) -> None:
    """A date after today, and a row with a role but no answers, are refused."""
    t = table(("Rolle", "Dato", "ES01"), ("Chef", "2026-06-01", "4"), ("Chef", "", ""))
    problems = check(t, instrument)
    assert [(p.row, p.message) for p in problems] == [
        (2, "Datoen ligger efter i dag."),
        (
            3,
            "Datoen mangler eller kan ikke læses; skriv den som 2026-05-01 eller "
            "01-05-2026.",
        ),
    ]


def test_fingerprints_tell_identical_respondents_apart_but_repeat_across_files(
    instrument: Instrument,
) -> None:
    """Two identical rows are two respondents; the same file again gives the same."""
    t = table(("Rolle", "ES01"), ("Chef", "4"), ("Chef", "4"), ("Leder", "4"))
    mapping = ColumnMapping(targets=(ROLE, "item:ES01"), answered_on=TODAY)
    first = check_rows(t, mapping, instrument=instrument, scope="1:101", today=TODAY)
    again = check_rows(t, mapping, instrument=instrument, scope="1:101", today=TODAY)
    elsewhere = check_rows(
        t, mapping, instrument=instrument, scope="1:147", today=TODAY
    )
    prints = [r.fingerprint for r in first.rows]
    assert len(set(prints)) == 3
    assert prints == [r.fingerprint for r in again.rows]
    assert not set(prints) & {r.fingerprint for r in elsewhere.rows}


def test_blank_rows_are_skipped_not_reported(instrument: Instrument) -> None:
    """A row with nothing in any mapped column is not a respondent."""
    t = table(("Rolle", "ES01", "Note"), ("Chef", "4", ""), ("", "", "x"))
    mapping = ColumnMapping(targets=(ROLE, "item:ES01", IGNORE), answered_on=TODAY)
    result = check_rows(t, mapping, instrument=instrument, scope="s", today=TODAY)
    assert (len(result.rows), result.skipped_blank, result.problems) == (1, 1, ())


def test_cpr_scan_on_upload_covers_every_cell_and_header() -> None:
    """Any column, mapped or not, is scanned; the report holds no digits."""
    t = table(("Rolle", "Note 010203-1234"), ("Chef", "ok"), ("Chef", "0102031234"))
    problems = cpr_problems(t)
    assert [(p.row, p.column) for p in problems] == [(1, 1), (3, 1)]
    assert all("1234" not in p.message for p in problems)


def test_name_and_email_cells_are_emptied_in_place(instrument: Instrument) -> None:
    """Forms' Navn and Mail never leave the upload step; columns keep their letters."""
    t = table(("Id", "Navn", "Mail", "ES01"), ("1", "Anne", "a@x.dk", "4"))
    kept, dropped = without_personal_columns(t)
    assert (kept.headers, kept.rows, dropped) == (
        ("Id", "Navn", "Mail", "ES01"),
        (("1", "", "", "4"),),
        ("Navn", "Mail"),
    )
    assert suggest_targets(kept.headers, instrument)[:3] == (IGNORE,) * 3
