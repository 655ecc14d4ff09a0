"""Counts what a loaded instrument holds, and finds themes with too little evidence.

In: an ``Instrument``. Out: an ``InstrumentSummary`` with counts per theme and evidence
source, and ``coverage_problems`` for themes that lack an evidence source or a role in
the interview guide. Pure: no I/O. ``parathed instrument check`` prints both; the rules
are in ``docs/instrument.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from parathed.instrument.loader import InstrumentProblem
from parathed.instrument.schema import SURVEY_ROLES, Instrument, Keying

SOURCE_LABELS_DA: dict[str, str] = {
    "items": "Spørgeskema",
    "case_checks": "Sagsscreening",
    "interview_questions": "Interview",
    "indicators": "Nøgletal",
}


@dataclass(frozen=True, slots=True)
class ThemeCounts:
    """How many parts of each evidence source one theme has."""

    theme: str
    title: str
    items: int
    case_checks: int
    interview_questions: int
    indicators: int
    reverse_items: int
    items_for_all_roles: int

    def count(self, source: str) -> int:
        """Returns the count for ``source``, one of the keys of SOURCE_LABELS_DA."""
        return {
            "items": self.items,
            "case_checks": self.case_checks,
            "interview_questions": self.interview_questions,
            "indicators": self.indicators,
        }[source]


@dataclass(frozen=True, slots=True)
class InstrumentSummary:
    """Counts of one instrument version, per theme and in total."""

    version: str
    themes: tuple[ThemeCounts, ...]
    open_questions: int
    law_refs: int
    without_law_ref: tuple[str, ...]  # ids of items and checks without a law reference
    themes_missing_source: tuple[str, ...]  # theme codes lacking an evidence source

    def total(self, source: str) -> int:
        """Returns the count of ``source`` over all themes."""
        return sum(theme.count(source) for theme in self.themes)


def summarise_instrument(instrument: Instrument) -> InstrumentSummary:
    """Counts items, checks, interview questions and key figures per theme."""
    rows = []
    for theme in instrument.themes:
        items = [i for i in instrument.items if i.theme == theme.code]
        rows.append(
            ThemeCounts(
                theme=theme.code,
                title=theme.title,
                items=len(items),
                case_checks=sum(c.theme == theme.code for c in instrument.case_checks),
                interview_questions=sum(
                    q.theme == theme.code for q in instrument.interview_questions
                ),
                indicators=sum(k.theme == theme.code for k in instrument.indicators),
                reverse_items=sum(i.keying is Keying.REVERSE for i in items),
                items_for_all_roles=sum(
                    all(role in i.roles for role in SURVEY_ROLES) for i in items
                ),
            )
        )
    without = tuple(x.id for x in instrument.items if not x.law_refs) + tuple(
        x.id for x in instrument.case_checks if not x.law_refs
    )
    missing = tuple(
        row.theme for row in rows if any(row.count(s) == 0 for s in SOURCE_LABELS_DA)
    )
    refs = sum(len(x.law_refs) for x in instrument.items)
    refs += sum(len(x.law_refs) for x in instrument.case_checks)
    refs += sum(len(x.law_refs) for x in instrument.interview_questions)
    refs += sum(len(x.law_refs) for x in instrument.indicators)
    return InstrumentSummary(
        version=instrument.version,
        themes=tuple(rows),
        open_questions=len(instrument.open_questions),
        law_refs=refs,
        without_law_ref=without,
        themes_missing_source=missing,
    )


def coverage_problems(instrument: Instrument) -> list[InstrumentProblem]:
    """Returns a problem per theme lacking an evidence source or an interview role.

    Every theme needs questionnaire items, case checks, interview questions and key
    figures, and interview questions for chef, leder and medarbejder. The loader accepts
    a partial instrument; this is what makes a shipped version complete.
    """
    problems: list[InstrumentProblem] = []
    files = {
        "items": "questionnaire.toml",
        "case_checks": "case_checks.toml",
        "interview_questions": "interview_guide.toml",
        "indicators": "indicators.toml",
    }
    summary = summarise_instrument(instrument)
    for row in summary.themes:
        for source, label in SOURCE_LABELS_DA.items():
            if row.count(source) == 0:
                problems.append(
                    InstrumentProblem(
                        files[source],
                        row.theme,
                        f"temaet har ingen dele i {label.lower()}",
                    )
                )
        for role in SURVEY_ROLES:
            if not instrument.interview_questions_for(role, row.theme):
                problems.append(
                    InstrumentProblem(
                        "interview_guide.toml",
                        row.theme,
                        "temaet har ingen interviewspørgsmål til rollen "
                        f"'{role.value}'",
                    )
                )
    for item_id in summary.without_law_ref:
        problems.append(InstrumentProblem("-", item_id, "mangler lovhenvisning"))
    return problems
