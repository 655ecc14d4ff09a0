"""Maps a table's columns to the questionnaire and validates every row of answers.

In: a ``Table`` (``intake.tables``), the ``Instrument`` of the round, and a column
mapping (suggested by ``suggest_targets`` from header texts and ids, then confirmed by
the consultant). Out: ``Checked`` — the rows as plain answers with a fingerprint each,
or problems, each with row, column and a Danish reason. Invariants: a cell's content is
never quoted back when it holds a CPR-shaped number, and free text always passes
``parathed.privacy.find_cpr_numbers``; one problem anywhere means nothing is imported
(the caller stores all rows or none). Both answer labels ("Helt enig" … "Ved ikke") and
numbers 1-5 are understood.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date

from parathed.instrument.schema import (
    ROLE_LABELS_DA,
    SURVEY_ROLES,
    Instrument,
    Role,
)
from parathed.intake.tables import Table, column_letter
from parathed.privacy import find_cpr_numbers, locate_cpr_numbers

IGNORE = "ignore"  # the consultant chose not to import the column
UNDECIDED = ""  # no choice yet: a problem until the consultant decides
ROLE = "role"
DATE = "date"
ITEM = "item:"  # followed by the item id
OPEN = "open:"  # followed by the open question id

MAX_TEXT = 5000  # characters in one free-text answer

# Columns that name a person; they are dropped on upload and never stored.
PERSONAL_HEADERS = frozenset(
    {
        "navn",
        "name",
        "mail",
        "e-mail",
        "email",
        "e-mailadresse",
        "mailadresse",
        "email address",
        "respondentnavn",
        "ip",
        "ip-adresse",
        "ip address",
    }
)
# Export bookkeeping from SurveyXact and Microsoft Forms: suggested as "do not import".
_META_HEADERS = frozenset(
    {
        "id",
        "respondentid",
        "respondent id",
        "respondent",
        "statuscode",
        "status",
        "starttidspunkt",
        "start time",
        "startdate",
        "starttid",
        "tidspunkt for sidste ændring",
        "last modified time",
        "sidst ændret",
    }
)
_DATE_HEADERS = (
    "besvarelsesdato",
    "svardato",
    "dato",
    "date",
    "fuldførelsestidspunkt",
    "completion time",
    "closetime",
    "sluttidspunkt",
    "afsluttet",
)
_ROLE_HEADERS = ("rolle", "role", "din rolle", "stilling", "hvad er din rolle")
_ID_SHAPE = re.compile(r"^\s*\[?([A-Za-z]{2,4}\d{2,3})\]?(?:\b|$)")


@dataclass(frozen=True, slots=True)
class Problem:
    """One reason the file cannot be imported; ``row`` and ``column`` as in Excel.

    ``row`` None is a problem with the whole column (or the whole mapping); ``column``
    None is a problem with the whole row. ``column`` is 0-based; ``header`` its text.
    """

    row: int | None
    column: int | None
    header: str
    message: str

    @property
    def column_label(self) -> str:
        """Returns "C (Rolle)", the way the report names a column."""
        if self.column is None:
            return ""
        header = self.header if len(self.header) <= 40 else self.header[:39] + "…"
        return f"{column_letter(self.column)} ({header})" if header else ""


@dataclass(frozen=True, slots=True)
class RowAnswers:
    """One respondent's answers, ready to store; no cell text except free text."""

    row: int  # the file's row number
    role: Role
    answered_on: date
    answers: tuple[tuple[str, int | None], ...]  # (item id, 1-5 or None = ved ikke)
    texts: tuple[tuple[str, str], ...]  # (open question id, text)
    fingerprint: str  # sha256 hex; the same row in a later file gets the same one


@dataclass(frozen=True, slots=True)
class Checked:
    """The outcome of validation: rows to store, or the problems (then no rows)."""

    rows: tuple[RowAnswers, ...]
    problems: tuple[Problem, ...]
    skipped_blank: int = 0


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """What each column holds (one target per column) and the fallbacks."""

    targets: tuple[str, ...]
    role: Role | None = None  # every row's role when no column holds the role
    answered_on: date | None = None  # every row's date when no column holds it
    dont_know_code: int | None = None  # a number meaning "ved ikke", e.g. 6 or 9


def normalise(text: str) -> str:
    """Returns ``text`` folded for matching: NFC, lower case, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.rstrip(" .:?…").lstrip()


def file_fingerprint(data: bytes) -> str:
    """Returns the SHA-256 of the uploaded bytes, to know a file seen before."""
    return hashlib.sha256(data).hexdigest()


def is_personal_header(header: str) -> bool:
    """True for columns that name a person (name, e-mail); they are never stored."""
    return normalise(header) in PERSONAL_HEADERS


# --- suggestions ----------------------------------------------------------------


def _match_question(header: str, instrument: Instrument) -> str:
    """Returns the target for a header naming an item or open question, else ""."""
    ids = {item.id.lower(): ITEM + item.id for item in instrument.items}
    ids.update({q.id.lower(): OPEN + q.id for q in instrument.open_questions})
    shaped = _ID_SHAPE.match(header)
    if shaped and shaped.group(1).lower() in ids:
        return ids[shaped.group(1).lower()]
    wanted = normalise(header).rstrip("…. ")
    if len(wanted) < 20:
        return ""
    texts = [(normalise(i.text), ITEM + i.id) for i in instrument.items]
    texts += [(normalise(q.text), OPEN + q.id) for q in instrument.open_questions]
    for text, target in texts:
        if text == wanted:
            return target
    for text, target in texts:
        # A header cut short by the export (SurveyXact labels, Excel) or with the
        # question text after an id or number.
        if text.startswith(wanted) or wanted.endswith(text):
            return target
    return ""


def suggest_target(header: str, instrument: Instrument) -> str:
    """Returns a sensible first guess for one column from its header text."""
    key = normalise(header)
    if not key:
        return IGNORE
    question = _match_question(header, instrument)
    if question:
        return question
    if key in _ROLE_HEADERS or key.startswith(("rolle", "din rolle")):
        return ROLE
    if key in _DATE_HEADERS:
        return DATE
    if key in _META_HEADERS or key in PERSONAL_HEADERS:
        return IGNORE
    return UNDECIDED


def suggest_targets(
    headers: tuple[str, ...], instrument: Instrument
) -> tuple[str, ...]:
    """Returns a target per column; a target already taken is left undecided."""
    taken: set[str] = set()
    targets: list[str] = []
    for header in headers:
        target = suggest_target(header, instrument)
        if target not in (IGNORE, UNDECIDED) and target in taken:
            target = UNDECIDED
        taken.add(target)
        targets.append(target)
    return tuple(targets)


# --- values ---------------------------------------------------------------------


def _quote(value: str) -> str:
    """Returns »value« for a message, or a neutral phrase if it must not be repeated."""
    if find_cpr_numbers(value):
        return "(indholdet gentages ikke)"
    short = value if len(value) <= 40 else value[:39] + "…"
    return f"»{short}«"


_ROLE_KEYS = {role.value: role for role in Role} | {
    normalise(label): role for role, label in ROLE_LABELS_DA.items()
}


def _role_of(value: str) -> Role | None:
    return _ROLE_KEYS.get(normalise(value))


_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4})(?:[ T].*)?$"),
)


def parse_date(value: str) -> date | None:
    """Reads 2026-05-01, 01-05-2026, 1.5.2026 or 01/05/2026, dropping a time of day.

    Day comes before month, as Danish exports write it. Returns None if unreadable.
    """
    for pattern in _DATE_FORMATS:
        match = pattern.match(value.strip())
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


class _Scale:
    """Understands an answer cell: 1-5, a scale label, or empty."""

    def __init__(self, instrument: Instrument, dont_know_code: int | None) -> None:
        self.labels: dict[str, int | None] = {
            normalise(point.label): point.value for point in instrument.answer_scale
        }
        self.values = sorted(
            p.value for p in instrument.answer_scale if p.value is not None
        )
        self.dont_know_code = dont_know_code
        self.label_list = ", ".join(p.label for p in instrument.answer_scale)
        self.seen: dict[str, tuple[bool, int | None, str]] = {}  # few distinct cells

    def read(self, value: str) -> tuple[bool, int | None, str]:
        """Returns (understood, value, Danish reason if not understood)."""
        known = self.seen.get(value)
        if known is None:
            known = self.seen[value] = self._read(value)
        return known

    def _read(self, value: str) -> tuple[bool, int | None, str]:
        number = re.fullmatch(r"(\d+)(?:[.,]0+)?", value.strip())
        if number:
            code = int(number.group(1))
            if code in self.values:
                return True, code, ""
            if self.dont_know_code is not None and code == self.dont_know_code:
                return True, None, ""
            return (
                False,
                None,
                f"Værdien {code} ligger uden for svarskalaen "
                f"{self.values[0]}–{self.values[-1]}.",
            )
        key = normalise(value)
        if key in self.labels:
            return True, self.labels[key], ""
        return (
            False,
            None,
            f"Svaret {_quote(value)} kendes ikke. Brug tallene "
            f"{self.values[0]}–{self.values[-1]} eller svarmulighederne "
            f"{self.label_list}.",
        )


# --- validation -----------------------------------------------------------------


def _mapping_problems(
    table: Table, mapping: ColumnMapping, instrument: Instrument
) -> list[Problem]:
    problems: list[Problem] = []
    item_ids = {item.id for item in instrument.items}
    open_ids = {q.id for q in instrument.open_questions}
    counts = Counter(t for t in mapping.targets if t not in (IGNORE, UNDECIDED))
    for column, (header, target) in enumerate(
        zip(table.headers, mapping.targets, strict=True)
    ):
        if target == UNDECIDED:
            shaped = _ID_SHAPE.match(header)
            if shaped and normalise(header) == shaped.group(1).lower():
                message = (
                    f"Spørgeskemaet (version {instrument.version}) har intet udsagn "
                    f"med id {shaped.group(1).upper()}. Vælg det rigtige udsagn, "
                    "eller vælg »Importér ikke«."
                )
            else:
                message = "Vælg, hvad kolonnen indeholder, eller vælg »Importér ikke«."
            problems.append(Problem(None, column, header, message))
        elif target.startswith(ITEM) and target[len(ITEM) :] not in item_ids:
            problems.append(
                Problem(
                    None,
                    column,
                    header,
                    f"Spørgeskemaet (version {instrument.version}) har intet udsagn "
                    f"med id {target[len(ITEM) :]}.",
                )
            )
        elif target.startswith(OPEN) and target[len(OPEN) :] not in open_ids:
            problems.append(
                Problem(
                    None,
                    column,
                    header,
                    f"Spørgeskemaet (version {instrument.version}) har intet åbent "
                    f"spørgsmål med id {target[len(OPEN) :]}.",
                )
            )
        elif counts.get(target, 0) > 1:
            problems.append(
                Problem(
                    None,
                    column,
                    header,
                    "Flere kolonner er valgt til det samme; vælg det for én kolonne.",
                )
            )
    if ROLE not in counts and mapping.role is None:
        problems.append(
            Problem(
                None,
                None,
                "",
                "Vælg den kolonne, der angiver respondentens rolle, eller vælg én "
                "rolle for alle rækker.",
            )
        )
    if DATE not in counts and mapping.answered_on is None:
        problems.append(
            Problem(
                None,
                None,
                "",
                "Vælg den kolonne, der angiver besvarelsesdatoen, eller angiv én dato "
                "for alle rækker.",
            )
        )
    if not any(t.startswith((ITEM, OPEN)) for t in counts):
        problems.append(
            Problem(
                None,
                None,
                "",
                "Ingen kolonne er valgt som udsagn eller åbent spørgsmål, så der er "
                "intet at importere.",
            )
        )
    return problems


def _fingerprint(
    scope: str, role: Role, answers: list[tuple[str, int | None]], texts: list[str]
) -> str:
    payload = json.dumps(
        [scope, role.value, sorted(answers, key=lambda a: a[0]), texts],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class _Context:
    """What every row is checked against: the mapped columns and the instrument."""

    def __init__(
        self, table: Table, mapping: ColumnMapping, instrument: Instrument
    ) -> None:
        self.headers = table.headers
        self.mapping = mapping
        self.scale = _Scale(instrument, mapping.dont_know_code)
        self.role_column = _column_of(mapping, ROLE)
        self.date_column = _column_of(mapping, DATE)
        self.item_columns = [
            (c, t[len(ITEM) :])
            for c, t in enumerate(mapping.targets)
            if t.startswith(ITEM)
        ]
        self.open_columns = [
            (c, t[len(OPEN) :])
            for c, t in enumerate(mapping.targets)
            if t.startswith(OPEN)
        ]
        self.open_roles = {q.id: q.roles for q in instrument.open_questions}
        self.item_roles = {item.id: item.roles for item in instrument.items}
        self.used = [
            c for c, t in enumerate(mapping.targets) if t not in (IGNORE, UNDECIDED)
        ]


class _RowChecker:
    """Reads one row's role, date, answers and texts, collecting its problems."""

    def __init__(
        self, context: _Context, cells: tuple[str, ...], number: int, today: date
    ) -> None:
        self.context = context
        self.cells = cells
        self.number = number
        self.today = today
        self.found: list[Problem] = []
        self.role: Role = Role.MEDARBEJDER
        self.answered_on: date = today
        self.answers: list[tuple[str, int | None]] = []
        self.texts: list[tuple[str, str]] = []

    def problem(self, column: int | None, message: str) -> None:
        header = self.context.headers[column] if column is not None else ""
        self.found.append(Problem(self.number, column, header, message))

    def check(self) -> list[Problem]:
        """Returns the row's problems; with none, the attributes hold its answers."""
        role = self._role()
        self._date()
        self._answers(role)
        self._texts(role)
        if not self.found and not self.answers and not self.texts:
            self.problem(None, "Rækken har ingen svar på udsagn eller åbne spørgsmål.")
        if role is not None:
            self.role = role
        return self.found

    def _role(self) -> Role | None:
        column = self.context.role_column
        if column is None:
            return self.context.mapping.role
        value = self.cells[column]
        role = _role_of(value) if value else None
        if not value:
            self.problem(column, "Rollen mangler.")
        elif role is None:
            names = ", ".join(ROLE_LABELS_DA[r] for r in SURVEY_ROLES)
            self.problem(column, f"Rollen {_quote(value)} kendes ikke. Brug {names}.")
        elif role not in SURVEY_ROLES:
            self.problem(
                column, f"Rollen {ROLE_LABELS_DA[role]} besvarer ikke spørgeskemaet."
            )
            return None
        return role

    def _date(self) -> None:
        column = self.context.date_column
        if column is None:
            if self.context.mapping.answered_on is not None:
                self.answered_on = self.context.mapping.answered_on
            return
        value = self.cells[column]
        answered_on = parse_date(value) if value else None
        if answered_on is None:
            self.problem(
                column,
                "Datoen mangler eller kan ikke læses; skriv den som 2026-05-01 "
                "eller 01-05-2026.",
            )
        elif answered_on > self.today:
            self.problem(column, "Datoen ligger efter i dag.")
        else:
            self.answered_on = answered_on

    def _answers(self, role: Role | None) -> None:
        for column, item_id in self.context.item_columns:
            value = self.cells[column]
            if not value:
                continue
            understood, code, reason = self.context.scale.read(value)
            if not understood:
                self.problem(column, reason)
            elif role is not None and role not in self.context.item_roles[item_id]:
                self.problem(
                    column,
                    f"Udsagnet {item_id} stilles ikke til rollen "
                    f"{ROLE_LABELS_DA[role]}; cellen skal være tom.",
                )
            else:
                self.answers.append((item_id, code))

    def _texts(self, role: Role | None) -> None:
        for column, question_id in self.context.open_columns:
            value = self.cells[column]
            if not value:
                continue
            spots = locate_cpr_numbers(value)
            if spots:
                where = spots[0]
                after = f" efter »{where.words_before}«" if where.words_before else ""
                self.problem(
                    column,
                    "Teksten indeholder noget, der ligner et CPR-nummer (linje "
                    f"{where.line}, tegn {where.column}{after}). Fjern det fra filen; "
                    "intet er importeret.",
                )
            elif len(value) > MAX_TEXT:
                self.problem(
                    column,
                    f"Teksten er på {len(value)} tegn; højst {MAX_TEXT} er tilladt.",
                )
            elif role is not None and role not in self.context.open_roles[question_id]:
                self.problem(
                    column,
                    f"Spørgsmålet {question_id} stilles ikke til rollen "
                    f"{ROLE_LABELS_DA[role]}; cellen skal være tom.",
                )
            else:
                self.texts.append((question_id, value))


def check_rows(
    table: Table,
    mapping: ColumnMapping,
    *,
    instrument: Instrument,
    scope: str,
    today: date,
) -> Checked:
    """Validates every row against the instrument; all rows or the problems.

    ``scope`` names where the rows go (round and municipality) so the same answers in
    another place get another fingerprint. Two identical rows in one file are two
    respondents: each gets its own fingerprint (content plus occurrence), and a later
    file holding the same rows gets the same fingerprints again.
    """
    if len(mapping.targets) != len(table.headers):
        raise ValueError("one target per column")
    problems = _mapping_problems(table, mapping, instrument)
    if problems:
        return Checked(rows=(), problems=tuple(problems))
    context = _Context(table, mapping, instrument)
    rows: list[RowAnswers] = []
    seen: Counter[str] = Counter()
    blank = 0
    for index, cells in enumerate(table.rows):
        if not any(cells[c] for c in context.used):
            blank += 1
            continue
        checker = _RowChecker(context, cells, index + 2, today)
        found = checker.check()
        if found:
            problems.extend(found)
            continue
        content = _fingerprint(
            scope, checker.role, checker.answers, [f"{q}={t}" for q, t in checker.texts]
        )
        seen[content] += 1
        occurrence = hashlib.sha256(f"{content}#{seen[content]}".encode()).hexdigest()
        rows.append(
            RowAnswers(
                row=index + 2,
                role=checker.role,
                answered_on=checker.answered_on,
                answers=tuple(checker.answers),
                texts=tuple(checker.texts),
                fingerprint=occurrence,
            )
        )
    if problems:
        return Checked(rows=(), problems=tuple(problems), skipped_blank=blank)
    return Checked(rows=tuple(rows), problems=(), skipped_blank=blank)


def _column_of(mapping: ColumnMapping, target: str) -> int | None:
    for column, chosen in enumerate(mapping.targets):
        if chosen == target:
            return column
    return None


def cpr_problems(table: Table) -> tuple[Problem, ...]:
    """Returns a problem for every cell (header included) holding a CPR-shaped number.

    Run on upload over every column, before anything is kept, so no CPR number is
    stored even while a file waits for its column mapping.
    """
    found: list[Problem] = []
    for column, header in enumerate(table.headers):
        if find_cpr_numbers(header):
            found.append(
                Problem(
                    1,
                    column,
                    "",
                    "Overskriften indeholder noget, der ligner et CPR-nummer. Fjern "
                    "det fra filen; intet er gemt.",
                )
            )
    for index, cells in enumerate(table.rows):
        for column, value in enumerate(cells):
            if value and find_cpr_numbers(value):
                found.append(
                    Problem(
                        index + 2,
                        column,
                        table.headers[column],
                        "Cellen indeholder noget, der ligner et CPR-nummer. Fjern det "
                        "fra filen; intet er gemt.",
                    )
                )
    return tuple(found)


def without_personal_columns(table: Table) -> tuple[Table, tuple[str, ...]]:
    """Returns the table with name and e-mail cells emptied, and those headers.

    The columns stay in place (empty), so every column keeps its letter from the file.
    """
    personal = [c for c, h in enumerate(table.headers) if is_personal_header(h)]
    if not personal:
        return table, ()
    rows = tuple(
        tuple("" if c in personal else cell for c, cell in enumerate(row))
        for row in table.rows
    )
    return (
        Table(
            headers=table.headers,
            rows=rows,
            file_format=table.file_format,
            description=table.description,
        ),
        tuple(table.headers[c] for c in personal),
    )
