"""Questionnaire results per item and theme, for the municipality and per role group.

In: ``SurveyEvidence`` and the ``Instrument``. Out: ``SurveyAssessment``. An answer is
aligned with the law's direction (reverse-keyed items flipped), mapped to 0-100 by
``(aligned - 1) / 4 * 100``; an item's score is the mean over its answers, a theme's
score the mean over respondents of each respondent's mean on that theme. "Ved ikke" is
left out of every metric and reported as its own share. Which group may be shown is
decided by ``suppression.suppress`` only. Method: docs/instrument.md.

Sums are kept as integers, and respondent means are added with ``math.fsum`` (exactly
rounded), so no result depends on the order of respondents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, repeat
from operator import add, attrgetter

from parathed.analysis.assessment import (
    GROUP_ALL,
    GROUP_CHEF,
    GROUP_LEDELSE,
    GROUP_LEDER,
    GROUP_MEDARBEJDER,
    GROUPS,
    CommentGroup,
    GroupResult,
    ItemResult,
    ResponseRate,
    RoleGap,
    SurveyAssessment,
    ThemeResult,
    ThemeScore,
)
from parathed.analysis.evidence import AnswerEvidence, ResponseEvidence, SurveyEvidence
from parathed.analysis.suppression import Table, suppress, text_withheld_reason
from parathed.instrument.schema import (
    SURVEY_ROLES,
    Instrument,
    Keying,
    QuestionnaireItem,
    Role,
)

SCALE_MIN = 1
SCALE_MAX = 5
IN_LINE_FROM = 4  # aligned 4 (enig) or 5 (helt enig) is in line with the law
ROLE_CELLS: dict[Role, int] = {Role.CHEF: 0, Role.LEDER: 1, Role.MEDARBEJDER: 2}
# Groups as sums of the role cells (chef, leder, medarbejder), in the order they are
# offered for publication: the whole municipality first, then the biggest groups.
GROUP_CELLS: dict[str, tuple[int, ...]] = {
    GROUP_ALL: (0, 1, 2),
    GROUP_MEDARBEJDER: (2,),
    GROUP_LEDELSE: (0, 1),
    GROUP_LEDER: (1,),
    GROUP_CHEF: (0,),
}
PRIORITY: tuple[str, ...] = tuple(GROUP_CELLS)


def aligned_value(*, value: int, keying: Keying) -> int:
    """Returns ``value`` (1-5) turned so that 5 is always closest to the law.

    Raises ValueError for a value outside 1-5.
    """
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValueError(f"answer {value} is outside {SCALE_MIN}-{SCALE_MAX}")
    if keying is Keying.REVERSE:
        return SCALE_MAX + SCALE_MIN - value
    return value


def answer_score(*, value: int, keying: Keying) -> float:
    """Returns one answer's score on 0-100 (100 = fully in line with the law)."""
    return (
        (aligned_value(value=value, keying=keying) - SCALE_MIN)
        / (SCALE_MAX - SCALE_MIN)
        * 100.0
    )


def _score(aligned_sum: int, answers: int) -> float:
    return (aligned_sum - answers) / (4 * answers) * 100.0


def _pct(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole * 100.0, 1)


@dataclass(slots=True)
class ItemCell:
    """One item's answers in one role: counts of "ved ikke" (index 0) and 1..5."""

    counts: list[int] = field(default_factory=lambda: [0] * 6)

    @property
    def answered(self) -> int:
        """Returns the number of answers with a value."""
        return sum(self.counts[1:])


@dataclass(slots=True)
class ThemeCell:
    """One theme in one role: respondent means, and aligned answer counts."""

    means: list[float] = field(default_factory=list)  # one per respondent with a value
    respondents: int = 0  # respondents with any answer on the theme, "ved ikke" too
    aligned: list[int] = field(default_factory=lambda: [0] * 6)  # [0] = "ved ikke"


@dataclass(slots=True)
class SurveyTally:
    """The raw, additive cells of one municipality's questionnaire (never shown)."""

    items: dict[str, list[ItemCell]]  # item id -> one cell per role
    themes: dict[str, list[ThemeCell]]  # theme code -> one cell per role
    respondents_by_role: dict[Role, int]


_ANSWERS = attrgetter("answers")
_ITEM = attrgetter("item_id")
_VALUE = attrgetter("value")
# An answer is one byte: 0 for "ved ikke", 1..5, _BAD for anything else.
_BAD = 6
_VALUE_BYTES: dict[int | None, int] = {None: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5}
_KEEP = bytes(range(256))
_ALIGNED = {
    Keying.POSITIVE: _KEEP,
    Keying.REVERSE: bytes([0, 5, 4, 3, 2, 1]) + bytes(range(6, 256)),
}
_ANSWERED = bytes([0]) + bytes([1] * 255)
_PER_SUM = 255 // SCALE_MAX  # items added per byte before it could overflow


def tally_survey(evidence: SurveyEvidence, *, instrument: Instrument) -> SurveyTally:
    """Adds up the answers per item, theme and role.

    Answers to unknown items and roles outside the survey are ignored; raises
    ValueError for a value outside 1-5. Responses with the same items in the same
    order (a layout) are counted together, column by column, in C: each response is
    one byte per answer, a column holds one item's answers, and a theme's aligned
    sums per respondent are added as integers with one byte per respondent. So a
    national round needs no Python loop over answers.
    """
    items = {item.id: [ItemCell() for _ in ROLE_CELLS] for item in instrument.items}
    theme_cells = {t.code: [ThemeCell() for _ in ROLE_CELLS] for t in instrument.themes}
    known = {item.id: item for item in instrument.items}
    by_role: list[list[ResponseEvidence]] = [[] for _ in ROLE_CELLS]
    for response in evidence.responses:
        role = ROLE_CELLS.get(response.role)
        if role is not None:
            by_role[role].append(response)
    for role, responses in enumerate(by_role):
        for ids, table in _layouts(responses, known).items():
            _tally_layout(ids, table, role, known, items, theme_cells)
    return SurveyTally(
        items=items,
        themes=theme_cells,
        respondents_by_role={
            role: len(by_role[ROLE_CELLS[role]]) if role in ROLE_CELLS else 0
            for role in SURVEY_ROLES
        },
    )


def _layouts(
    responses: list[ResponseEvidence], known: dict[str, QuestionnaireItem]
) -> dict[tuple[str, ...], bytearray]:
    """Returns the answers of ``responses`` per layout: the item ids in order, and a
    table of one byte per answer, response after response.

    When every response has the same layout (the usual case) the whole table is made
    at once; otherwise response by response. Raises ValueError for an answer to a
    known item outside 1-5.
    """
    value_byte = _VALUE_BYTES.get
    answers = list(map(_ANSWERS, responses))
    if answers and len(set(map(len, answers))) == 1:
        every = list(chain.from_iterable(answers))
        ids = list(map(_ITEM, every))
        width = len(answers[0])
        layout = ids[:width]
        if ids == layout * len(answers):
            table = bytearray(map(value_byte, map(_VALUE, every), repeat(_BAD)))
            if _BAD in table:
                for given in answers:
                    _check_values(given, known)
            return {tuple(layout): table}
    tables: dict[tuple[str, ...], bytearray] = {}
    for given in answers:
        row = bytes(map(value_byte, map(_VALUE, given), repeat(_BAD)))
        if _BAD in row:
            _check_values(given, known)
        key = tuple(map(_ITEM, given))
        held = tables.get(key)
        if held is None:
            tables[key] = bytearray(row)
        else:
            held += row
    return tables


def _tally_layout(
    ids: tuple[str, ...],
    table: bytearray,
    role: int,
    known: dict[str, QuestionnaireItem],
    items: dict[str, list[ItemCell]],
    themes: dict[str, list[ThemeCell]],
) -> None:
    """Adds the responses of one role that answered the items ``ids`` in this order
    (``table``: one byte per answer, response after response)."""
    width = len(ids)
    if not width:
        return
    count = len(table) // width
    by_theme: dict[str, list[tuple[bytearray, QuestionnaireItem]]] = {}
    for j, item_id in enumerate(ids):
        item = known.get(item_id)
        if item is None:
            continue
        column = table[j::width]
        counts = items[item_id][role].counts
        aligned = themes[item.theme][role].aligned
        reverse = item.keying is Keying.REVERSE
        for value in range(SCALE_MAX + 1):
            n = column.count(value)
            if n:
                counts[value] += n
                aligned[6 - value if reverse and value else value] += n
        by_theme.setdefault(item.theme, []).append((column, item))
    for code, columns in by_theme.items():
        sums = [0] * count
        answered = [0] * count
        for start in range(0, len(columns), _PER_SUM):
            chunk = columns[start : start + _PER_SUM]
            total = sum(
                int.from_bytes(column.translate(_ALIGNED[item.keying]), "little")
                for column, item in chunk
            )
            given = sum(
                int.from_bytes(column.translate(_ANSWERED), "little")
                for column, _ in chunk
            )
            sums = list(map(add, sums, total.to_bytes(count, "little")))
            answered = list(map(add, answered, given.to_bytes(count, "little")))
        cell = themes[code][role]
        cell.respondents += count
        # _score(s, a) for each respondent with an answer, inline for speed.
        cell.means.extend(
            [
                (s - a) / (4 * a) * 100.0
                for s, a in zip(sums, answered, strict=True)
                if a
            ]
        )


def _check_values(
    answers: Iterable[AnswerEvidence], known: dict[str, QuestionnaireItem]
) -> None:
    """Raises ValueError for an answer to a known item outside 1-5.

    Such an answer would otherwise be a byte of ``_BAD``, which nothing counts.
    """
    for answer in answers:
        given = answer.value
        known_item = answer.item_id in known
        if known_item and given is not None and not SCALE_MIN <= given <= SCALE_MAX:
            raise ValueError(f"answer {given} is outside {SCALE_MIN}-{SCALE_MAX}")


@lru_cache(maxsize=4096)
def municipal_reasons(
    key: tuple[tuple[int, bool], ...], threshold: int
) -> tuple[str | None, ...]:
    """Returns the withheld reason per group of ``PRIORITY`` for one table.

    ``key`` is (metric base capped at the threshold, anyone present) per role cell;
    capping keeps every decision the same while letting tables share one result.
    """
    table = Table(
        sizes=tuple(size for size, _ in key),
        present=tuple(present for _, present in key),
        groups=tuple(GROUP_CELLS[g] for g in PRIORITY),
        blocks=(GROUP_CELLS[GROUP_ALL],),
    )
    return suppress(table, threshold=threshold)


def item_key(cells: Sequence[ItemCell], threshold: int) -> tuple[tuple[int, bool], ...]:
    """Returns the suppression key of an item's role cells."""
    key = []
    for cell in cells:
        total = sum(cell.counts)
        key.append((min(total - cell.counts[0], threshold), total > 0))
    return tuple(key)


def pool_counts(cells: Iterable[ItemCell]) -> list[int]:
    """Returns the answer counts ("ved ikke", 1..5) of ``cells`` added up."""
    pooled = [sum(column) for column in zip(*(c.counts for c in cells), strict=True)]
    return pooled or [0] * 6


def theme_key(
    cells: Sequence[ThemeCell], threshold: int
) -> tuple[tuple[int, bool], ...]:
    """Returns the suppression key of a theme's role cells."""
    return tuple((min(len(c.means), threshold), c.respondents > 0) for c in cells)


def item_group(
    code: str,
    counts: Sequence[int],
    *,
    reverse: bool,
    reason: str | None,
    withheld: dict[tuple[str, int, str | None], GroupResult] | None = None,
) -> GroupResult:
    """Returns one group's item result from its pooled answer counts.

    ``withheld`` may collect the (immutable) results without metrics, so that equal
    ones are made once.
    """
    dont_know, c1, c2, c3, c4, c5 = counts
    answered = c1 + c2 + c3 + c4 + c5
    if reason is not None or answered == 0:
        key = (code, answered + dont_know, reason)
        held = None if withheld is None else withheld.get(key)
        if held is None:
            held = GroupResult(code, key[1], None, None, None, None, None, None, reason)
            if withheld is not None:
                withheld[key] = held
        return held
    if reverse:
        aligned_sum, in_line = 5 * c1 + 4 * c2 + 3 * c3 + 2 * c4 + c5, c1 + c2
    else:
        aligned_sum, in_line = c1 + 2 * c2 + 3 * c3 + 4 * c4 + 5 * c5, c4 + c5
    return GroupResult(
        group=code,
        respondents=answered + dont_know,
        answered=answered,
        score=round(_score(aligned_sum, answered), 1),
        share_in_line=_pct(in_line, answered),
        dont_know_share=_pct(dont_know, answered + dont_know),
        distribution=(c1, c2, c3, c4, c5),
        dont_know=dont_know,
    )


def theme_group(
    code: str, cells: Iterable[ThemeCell], *, reason: str | None
) -> GroupResult:
    """Returns one group's theme result from its role cells (pooled)."""
    means: list[float] = []
    aligned = [0] * 6
    respondents = 0
    for cell in cells:
        means.extend(cell.means)
        respondents += cell.respondents
        for i, n in enumerate(cell.aligned):
            aligned[i] += n
    if reason is not None or not means:
        return GroupResult(
            group=code,
            respondents=respondents,
            answered=None,
            score=None,
            share_in_line=None,
            dont_know_share=None,
            distribution=None,
            dont_know=None,
            withheld_reason=reason,
        )
    answers = sum(aligned[1:])
    return GroupResult(
        group=code,
        respondents=respondents,
        answered=len(means),
        score=round(math.fsum(means) / len(means), 1),
        share_in_line=_pct(aligned[4] + aligned[5], answers),
        dont_know_share=_pct(aligned[0], answers + aligned[0]),
        distribution=tuple(aligned[1:]),
        dont_know=aligned[0],
    )


def _in_display_order(
    build: dict[str, GroupResult],
) -> tuple[GroupResult, ...]:
    return tuple(build[g] for g in GROUPS)


def role_gap(subject: str, theme_code: str, groups: Sequence[GroupResult]) -> RoleGap:
    """Returns ledelse minus medarbejdere, None unless both groups are shown."""
    if tuple(g.group for g in groups) == GROUPS:  # display order: no search
        lead, staff = groups[_LEDELSE_AT].score, groups[_MEDARBEJDER_AT].score
    else:
        by_code = {g.group: g for g in groups}
        lead, staff = by_code[GROUP_LEDELSE].score, by_code[GROUP_MEDARBEJDER].score
    gap = None if lead is None or staff is None else round(lead - staff, 1)
    return RoleGap(subject, theme_code, lead, staff, gap)


_LEDELSE_AT = GROUPS.index(GROUP_LEDELSE)
_MEDARBEJDER_AT = GROUPS.index(GROUP_MEDARBEJDER)
# Where each group of PRIORITY goes in display order (GROUPS).
_DISPLAY_AT = tuple(PRIORITY.index(g) for g in GROUPS)


def _comments(evidence: SurveyEvidence) -> tuple[CommentGroup, ...]:
    by_question: dict[str, list[str]] = {}
    for answer in evidence.texts:
        if answer.text.strip():
            by_question.setdefault(answer.question_id, []).append(answer.text)
    groups = []
    for question_id in sorted(by_question):
        texts = sorted(by_question[question_id])  # order of respondents hidden
        reason = text_withheld_reason(
            comments=len(texts), text_threshold=evidence.text_threshold
        )
        groups.append(
            CommentGroup(
                question_id=question_id,
                comments=len(texts),
                texts=() if reason else tuple(texts),
                withheld_reason=reason,
            )
        )
    return tuple(groups)


def assess_tally(
    tally: SurveyTally, *, instrument: Instrument, threshold: int
) -> tuple[tuple[ItemResult, ...], tuple[ThemeResult, ...]]:
    """Returns the per-group item and theme results of a tally, suppressed."""
    items = []
    withheld: dict[tuple[str, int, str | None], GroupResult] = {}
    for item in instrument.items:
        cells = tally.items[item.id]
        reasons = municipal_reasons(item_key(cells, threshold), threshold)
        chef, leder, staff = (cell.counts for cell in cells)
        ledelse = list(map(add, chef, leder))
        pooled = {
            GROUP_ALL: list(map(add, ledelse, staff)),
            GROUP_LEDELSE: ledelse,
            GROUP_CHEF: chef,
            GROUP_LEDER: leder,
            GROUP_MEDARBEJDER: staff,
        }
        reverse = item.keying is Keying.REVERSE
        results = [
            item_group(g, pooled[g], reverse=reverse, reason=reason, withheld=withheld)
            for g, reason in zip(PRIORITY, reasons, strict=True)
        ]
        items.append(
            ItemResult(
                item.id,
                item.theme,
                item.text,
                reverse,
                tuple([results[i] for i in _DISPLAY_AT]),
            )
        )
    themes = []
    for theme in instrument.themes:
        theme_cells = tally.themes[theme.code]
        reasons = municipal_reasons(theme_key(theme_cells, threshold), threshold)
        built = {
            g: theme_group(g, (theme_cells[c] for c in GROUP_CELLS[g]), reason=reason)
            for g, reason in zip(PRIORITY, reasons, strict=True)
        }
        themes.append(
            ThemeResult(
                theme_code=theme.code,
                theme_title=theme.title,
                groups=_in_display_order(built),
            )
        )
    return tuple(items), tuple(themes)


def score_survey(
    evidence: SurveyEvidence,
    *,
    instrument: Instrument,
    tally: SurveyTally | None = None,
) -> SurveyAssessment:
    """Returns the municipality's questionnaire result: items, themes, groups, gaps.

    A metric rests on the answers other than "ved ikke"; under ``evidence.threshold``
    of them, or where it would reveal a smaller group, it is withheld (None with a
    reason). Answers to items not in ``instrument`` are ignored. ``tally`` may pass an
    already computed ``tally_survey`` of the same evidence. Does not change its input.
    """
    if tally is None:
        tally = tally_survey(evidence, instrument=instrument)
    items, theme_results = assess_tally(
        tally, instrument=instrument, threshold=evidence.threshold
    )
    themes = tuple(
        ThemeScore(
            theme_code=t.theme_code,
            theme_title=t.theme_title,
            respondents=sum(len(c.means) for c in tally.themes[t.theme_code]),
            score=(everyone := t.group(GROUP_ALL)).score,
            withheld_reason=everyone.withheld_reason,
        )
        for t in theme_results
    )
    roles = tally.respondents_by_role
    return SurveyAssessment(
        respondents=sum(roles.values()),
        respondents_by_role=tuple((role.value, roles[role]) for role in SURVEY_ROLES),
        themes=themes,
        threshold=evidence.threshold,
        items=items,
        theme_results=theme_results,
        item_gaps=tuple(role_gap(i.item_id, i.theme_code, i.groups) for i in items),
        theme_gaps=tuple(
            role_gap(t.theme_code, t.theme_code, t.groups) for t in theme_results
        ),
        comments=_comments(evidence),
        response_rates=rate_responses(roles, dict(evidence.expected)),
    )


def rate_responses(
    submitted: Mapping[Role, int], expected: Mapping[Role, int]
) -> tuple[ResponseRate, ...]:
    """Returns the response rate of each survey role, then of all roles ("").

    ``percent`` is the whole percent (half up) of ``submitted`` over ``expected``; it
    may exceed 100 when more answered than expected. None when the role has no
    expected number or it is 0. The total has a rate only when every survey role has
    an expected number; otherwise its ``expected`` is None. Counts only, so nothing
    is withheld here.
    """

    def rate(role: str, count: int, number: int | None) -> ResponseRate:
        percent = None if not number else int(100 * count / number + 0.5)
        return ResponseRate(role, count, number, percent)

    rows = [
        rate(role.value, submitted.get(role, 0), expected.get(role))
        for role in SURVEY_ROLES
    ]
    complete = all(row.expected is not None for row in rows)
    total = sum(row.expected or 0 for row in rows) if complete else None
    rows.append(rate("", sum(row.submitted for row in rows), total))
    return tuple(rows)
