"""Reads each instrument file's rows into typed parts, noting every problem.

In: the raw TOML of one file plus ``Head`` (what instrument.toml defines: themes,
aims, needs, chapter map, case facts, case kinds). Out: tuples of schema objects;
problems go to the ``Reader``. The changelog's cross-file rule lives here too; the
loader orchestrates and checks that ids are unique across files. The rules are
written up in ``docs/instrument.md``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parathed.instrument.reader import Reader, row_id, table_rows
from parathed.instrument.schema import (
    CaseCheck,
    CaseFact,
    CaseKind,
    ChangelogEntry,
    Chapter,
    CheckAnswerType,
    CodingScheme,
    CodingValence,
    DateRule,
    DevelopmentNeed,
    Direction,
    Indicator,
    InterviewQuestion,
    Keying,
    OpenQuestion,
    QuestionnaireItem,
    ReformAim,
    Role,
    ScalePoint,
    Theme,
)

_FACT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SOURCE = re.compile(r"^(?:[A-Z][A-Z0-9]+|municipal:[a-z][a-z0-9_]*)$")
_CODING_DIMENSIONS = ("theme", "valence", "development_need")


@dataclass(frozen=True, slots=True)
class Head:
    """What instrument.toml holds, before the other files are read."""

    version: str
    themes: tuple[Theme, ...]
    aims: tuple[ReformAim, ...]
    needs: tuple[DevelopmentNeed, ...]
    chapters: tuple[Chapter, ...]
    facts: tuple[CaseFact, ...]
    kinds: tuple[CaseKind, ...]

    @property
    def theme_codes(self) -> tuple[str, ...]:
        """Codes of the themes, in order."""
        return tuple(t.code for t in self.themes)

    @property
    def aim_codes(self) -> tuple[str, ...]:
        """Codes of the reform aims."""
        return tuple(a.code for a in self.aims)

    @property
    def need_codes(self) -> tuple[str, ...]:
        """Codes of the development needs."""
        return tuple(n.code for n in self.needs)


def read_head(r: Reader, head: Mapping[str, Any]) -> Head:
    """Reads instrument.toml: version, themes, aims, needs, chapters, facts, kinds."""
    f = "instrument.toml"
    version = head.get("version")
    if not isinstance(version, str) or not version.strip():
        r.problem(f, "-", "'version' (fx \"1.0\") mangler")
        version = ""
    themes = tuple(
        Theme(
            code=r.text(f, row, "code", f"tema {i + 1}"),
            title=r.text(f, row, "title", str(row.get("code", f"tema {i + 1}"))),
            description=str(row.get("description", "")),
            order=i + 1,
            prefix=str(row.get("prefix", "")),
        )
        for i, row in enumerate(table_rows(head, "themes"))
    )
    if not themes:
        r.problem(f, "-", "der er ingen temaer ([[themes]])")
    for theme in themes:
        if theme.prefix and not re.fullmatch(r"[A-Z]{2}", theme.prefix):
            r.problem(f, theme.code, "'prefix' skal være to store bogstaver, fx 'ES'")
    aims = tuple(
        ReformAim(
            code=r.text(f, row, "code", f"mål {i + 1}"),
            number=int(row.get("number", i + 1)),
            title=r.text(f, row, "title", str(row.get("code", f"mål {i + 1}"))),
        )
        for i, row in enumerate(table_rows(head, "reform_aims"))
    )
    needs = tuple(
        DevelopmentNeed(
            code=r.text(f, row, "code", f"behov {i + 1}"),
            title=r.text(f, row, "title", str(row.get("code", f"behov {i + 1}"))),
            description=str(row.get("description", "")),
        )
        for i, row in enumerate(table_rows(head, "development_needs"))
    )
    chapters = read_chapters(r, head)
    facts = tuple(
        CaseFact(
            name=r.text(f, row, "name", f"sagsoplysning {i + 1}"),
            title=r.text(
                f, row, "title", str(row.get("name", f"sagsoplysning {i + 1}"))
            ),
            description=str(row.get("description", "")),
            derived=bool(row.get("derived", False)),
        )
        for i, row in enumerate(table_rows(head, "case_facts"))
    )
    for fact in facts:
        if fact.name and not _FACT_NAME.match(fact.name):
            r.problem(f, fact.name, "navnet må kun have små bogstaver, tal og '_'")
    kinds = tuple(
        CaseKind(
            code=r.text(f, row, "code", f"sagstype {i + 1}"),
            title=r.text(f, row, "title", str(row.get("code", f"sagstype {i + 1}"))),
            description=str(row.get("description", "")),
        )
        for i, row in enumerate(table_rows(head, "case_kinds"))
    )
    r.unique(f, [t.code for t in themes], what="temakoden")
    r.unique(f, [t.prefix for t in themes if t.prefix], what="præfikset")
    r.unique(f, [a.code for a in aims], what="reformmålets kode")
    r.unique(f, [n.code for n in needs], what="udviklingsbehovets kode")
    r.unique(f, [c.number for c in chapters], what="kapitelnummeret")
    r.unique(f, [x.name for x in facts], what="sagsoplysningens navn")
    r.unique(f, [k.code for k in kinds], what="sagstypens kode")
    return Head(str(version), themes, aims, needs, chapters, facts, kinds)


def read_chapters(r: Reader, head: Mapping[str, Any]) -> tuple[Chapter, ...]:
    """Reads the chapter map; ranges must be well-formed and must not overlap."""
    f = "instrument.toml"
    chapters: list[Chapter] = []
    for i, row in enumerate(table_rows(head, "chapters")):
        label = f"kapitel {row.get('number', i + 1)}"
        first, last = r.number(f, row, "first", label), r.number(f, row, "last", label)
        if first is None or last is None or first > last:
            r.problem(
                f, label, "'first' og 'last' skal angive et interval, fx 18 og 27"
            )
            continue
        chapters.append(
            Chapter(
                number=str(row.get("number", i + 1)),
                title=r.text(f, row, "title", label),
                first=first,
                last=last,
            )
        )
    if not chapters:
        r.problem(f, "-", "lovens kapiteloversigt ([[chapters]]) mangler")
    ordered = sorted(chapters, key=lambda c: c.first)
    for before, after in itertools.pairwise(ordered):
        if after.first <= before.last:
            r.problem(
                f,
                f"kapitel {after.number}",
                f"overlapper med kapitel {before.number} (§ {after.first})",
            )
    return tuple(chapters)


def read_scale(r: Reader, q: Mapping[str, Any]) -> tuple[ScalePoint, ...]:
    """Reads the answer scale; it must be 1-5 plus one "ved ikke"."""
    f = "questionnaire.toml"
    points = tuple(
        ScalePoint(
            value=r.number(f, row, "value", f"svarmulighed {i + 1}"),
            label=r.text(f, row, "label", f"svarmulighed {i + 1}"),
        )
        for i, row in enumerate(table_rows(q, "scale"))
    )
    if points:
        values = sorted(p.value for p in points if p.value is not None)
        if values != [1, 2, 3, 4, 5] or sum(p.value is None for p in points) != 1:
            r.problem(
                f,
                "scale",
                "svarskalaen skal have værdierne 1-5 og én 'ved ikke' uden værdi",
            )
    return points


def read_items(
    r: Reader, h: Head, q: Mapping[str, Any]
) -> tuple[tuple[QuestionnaireItem, ...], tuple[OpenQuestion, ...]]:
    """Reads the questionnaire items and the open questions."""
    f = "questionnaire.toml"
    survey_roles = (Role.CHEF, Role.LEDER, Role.MEDARBEJDER)
    items: list[QuestionnaireItem] = []
    for row in table_rows(q, "items"):
        item_id = row_id(row)
        keying = r.enum(f, row, "keying", item_id, Keying)
        items.append(
            QuestionnaireItem(
                id=item_id,
                text=r.text(f, row, "text", item_id),
                theme=r.theme(f, row, item_id, h.theme_codes),
                roles=r.roles(f, row, item_id, allowed=survey_roles),
                keying=keying or Keying.POSITIVE,
                law_refs=r.law(f, row, item_id),
                reform_aims=r.codes(
                    f, row, "aims", item_id, allowed=h.aim_codes, label="reformmål"
                ),
                development_needs=r.codes(
                    f,
                    row,
                    "needs",
                    item_id,
                    allowed=h.need_codes,
                    label="udviklingsbehov",
                ),
            )
        )
    open_questions: list[OpenQuestion] = []
    for row in table_rows(q, "open_questions"):
        item_id = row_id(row)
        theme = r.theme(f, row, item_id, h.theme_codes, required=False)
        open_questions.append(
            OpenQuestion(
                id=item_id,
                text=r.text(f, row, "text", item_id),
                roles=r.roles(f, row, item_id, allowed=survey_roles),
                theme=theme or None,
            )
        )
    check_ids(r, f, [i.id for i in items], r"{p}\d{{2}}", h, [i.theme for i in items])
    for question in open_questions:
        if not re.fullmatch(r"OPEN\d{2}", question.id):
            r.problem(f, question.id, "id'et skal have formen OPEN01")
    return tuple(items), tuple(open_questions)


def check_ids(
    r: Reader,
    file: str,
    ids: Sequence[str],
    pattern: str,
    h: Head,
    themes: Sequence[str],
) -> None:
    """Notes ids not of the form ``pattern`` with the theme's prefix, e.g. CS-ES01."""
    prefixes = {t.code: t.prefix for t in h.themes}
    for item_id, theme in zip(ids, themes, strict=True):
        prefix = prefixes.get(theme, "")
        if not prefix:
            continue
        if not re.fullmatch(pattern.format(p=prefix), item_id):
            example = pattern.format(p=prefix).replace(r"\d{2}", "01")
            r.problem(
                file,
                item_id,
                f"id'et passer ikke til temaet '{theme}'; "
                f"det skal have formen {example}",
            )


def read_rule(
    r: Reader, item_id: str, row: Mapping[str, Any], facts: Sequence[str]
) -> DateRule | None:
    """Reads a date rule; its start and end must be known case facts."""
    f = "case_checks.toml"
    raw_rule = row.get("rule")
    if raw_rule is None:
        return None
    if not isinstance(raw_rule, Mapping):
        r.problem(f, item_id, "'rule' skal være en tabel med start, end og en frist")
        return None
    rule = DateRule(
        start=r.text(f, raw_rule, "start", item_id),
        end=r.text(f, raw_rule, "end", item_id),
        max_days=r.number(f, raw_rule, "max_days", item_id),
        max_months=r.number(f, raw_rule, "max_months", item_id),
        max_hours=r.number(f, raw_rule, "max_hours", item_id),
        description=str(raw_rule.get("description", "")),
    )
    for end, name in (("start", rule.start), ("slut", rule.end)):
        if name and name not in facts:
            r.problem(
                f,
                item_id,
                f"reglens {end} nævner en ukendt sagsoplysning '{name}'; "
                "brug et navn fra [[case_facts]] i instrument.toml",
            )
    if rule.start and rule.start == rule.end:
        r.problem(f, item_id, "reglens start og slut er den samme sagsoplysning")
    limits = [
        x for x in (rule.max_days, rule.max_months, rule.max_hours) if x is not None
    ]
    if len(limits) != 1:
        r.problem(
            f,
            item_id,
            "reglen skal have præcis én frist: max_hours, max_days eller max_months",
        )
    return rule


def read_checks(r: Reader, h: Head, raw: Mapping[str, Any]) -> tuple[CaseCheck, ...]:
    """Reads the case-screening checks with their rules and case kinds."""
    f = "case_checks.toml"
    facts = [x.name for x in h.facts]
    kinds = [k.code for k in h.kinds]
    checks: list[CaseCheck] = []
    for row in table_rows(raw, "checks"):
        item_id = row_id(row)
        answer_type = r.enum(f, row, "answer_type", item_id, CheckAnswerType)
        rule = read_rule(r, item_id, row, facts)
        count_max = r.number(f, row, "count_max", item_id)
        count_min = r.number(f, row, "count_min", item_id)
        if answer_type is CheckAnswerType.DATE and rule is None:
            r.problem(f, item_id, "et datotjek skal have en regel ('rule')")
        if answer_type is not CheckAnswerType.DATE and "rule" in row:
            r.problem(
                f, item_id, "kun datotjek (answer_type = 'date') kan have en regel"
            )
        is_count = answer_type is CheckAnswerType.COUNT
        if is_count and count_max is None and count_min is None:
            r.problem(
                f, item_id, "et antalstjek skal have 'count_max' eller 'count_min'"
            )
        if not is_count and (count_max is not None or count_min is not None):
            r.problem(
                f, item_id, "kun antalstjek kan have 'count_max' eller 'count_min'"
            )
        checks.append(
            CaseCheck(
                id=item_id,
                text=r.text(f, row, "text", item_id),
                theme=r.theme(f, row, item_id, h.theme_codes),
                answer_type=answer_type or CheckAnswerType.STATUS,
                law_refs=r.law(f, row, item_id),
                reform_aims=r.codes(
                    f,
                    row,
                    "aims",
                    item_id,
                    allowed=h.aim_codes,
                    label="reformmål",
                    required=False,
                ),
                development_needs=r.codes(
                    f,
                    row,
                    "needs",
                    item_id,
                    allowed=h.need_codes,
                    label="udviklingsbehov",
                    required=False,
                ),
                rule=rule,
                count_max=count_max,
                applies_to=r.codes(
                    f,
                    row,
                    "applies_to",
                    item_id,
                    allowed=kinds,
                    label="sagstype",
                    required=False,
                ),
                count_min=count_min,
                guidance=str(row.get("guidance", "")),
            )
        )
    check_ids(
        r, f, [c.id for c in checks], r"CS-{p}\d{{2}}", h, [c.theme for c in checks]
    )
    return tuple(checks)


def read_guide(
    r: Reader, h: Head, raw: Mapping[str, Any]
) -> tuple[tuple[InterviewQuestion, ...], CodingScheme | None]:
    """Reads the interview questions and the coding scheme."""
    f = "interview_guide.toml"
    questions = tuple(
        InterviewQuestion(
            id=row_id(row),
            text=r.text(f, row, "text", row_id(row)),
            theme=r.theme(f, row, row_id(row), h.theme_codes),
            roles=r.roles(f, row, row_id(row), allowed=tuple(Role)),
            law_refs=r.law(f, row, row_id(row), required=False),
            optional=bool(row.get("optional", False)),
        )
        for row in table_rows(raw, "questions")
    )
    check_ids(
        r,
        f,
        [x.id for x in questions],
        r"IV-{p}\d{{2}}",
        h,
        [x.theme for x in questions],
    )
    coding_row = raw.get("coding")
    if not isinstance(coding_row, Mapping):
        if questions:
            r.problem(f, "coding", "kodeskemaet ([coding]) mangler")
        return questions, None
    dimensions = tuple(r.strings(f, coding_row, "dimensions", "coding"))
    for dimension in dimensions:
        if dimension not in _CODING_DIMENSIONS:
            choices = ", ".join(_CODING_DIMENSIONS)
            r.problem(f, "coding", f"ukendt dimension '{dimension}' (brug: {choices})")
    valences = tuple(
        CodingValence(
            code=r.text(f, row, "code", f"valens {i + 1}"),
            title=r.text(f, row, "title", str(row.get("code", f"valens {i + 1}"))),
            description=str(row.get("description", "")),
        )
        for i, row in enumerate(table_rows(coding_row, "valences"))
    )
    if len(valences) < 2:
        r.problem(
            f, "coding", "kodeskemaet skal have mindst to valenser (styrke, udfordring)"
        )
    r.unique(f, [v.code for v in valences], what="valensens kode")
    coding = CodingScheme(
        dimensions=dimensions,
        valences=valences,
        description=str(coding_row.get("description", "")),
    )
    return questions, coding


def read_indicators(
    r: Reader, h: Head, raw: Mapping[str, Any]
) -> tuple[Indicator, ...]:
    """Reads the key figures and checks that each source is well-formed."""
    f = "indicators.toml"
    indicators: list[Indicator] = []
    for row in table_rows(raw, "indicators"):
        item_id = row_id(row)
        direction = r.enum(f, row, "direction", item_id, Direction)
        sources = tuple(r.strings(f, row, "sources", item_id))
        if not sources:
            r.problem(f, item_id, "mangler kilde ('sources')")
        for source in sources:
            if not _SOURCE.match(source):
                r.problem(
                    f,
                    item_id,
                    f"kilden '{source}' er hverken en tabel i Statistikbanken (fx "
                    "'ANBAAR12') eller et kommunalt felt (fx 'municipal:open_cases')",
                )
        indicators.append(
            Indicator(
                id=item_id,
                title=r.text(f, row, "title", item_id),
                theme=r.theme(f, row, item_id, h.theme_codes),
                unit=r.text(f, row, "unit", item_id),
                direction=direction or Direction.CONTEXT,
                formula=r.text(f, row, "formula", item_id),
                sources=sources,
                law_refs=r.law(f, row, item_id, required=False),
                note=str(row.get("note", "")),
            )
        )
    check_ids(
        r,
        f,
        [x.id for x in indicators],
        r"KF-{p}\d{{2}}",
        h,
        [x.theme for x in indicators],
    )
    return tuple(indicators)


def read_changelog(
    r: Reader, version: str, raw: Mapping[str, Any], known_ids: set[str]
) -> tuple[ChangelogEntry, ...]:
    """Reads the versions; the current one must be there, with known ids."""
    f = "changelog.toml"
    entries: list[ChangelogEntry] = []
    for i, row in enumerate(table_rows(raw, "versions")):
        label = str(row.get("version", f"version {i + 1}"))
        comparable = tuple(r.strings(f, row, "comparable_with_previous", label))
        changed = tuple(r.strings(f, row, "not_comparable", label))
        entries.append(
            ChangelogEntry(
                version=r.text(f, row, "version", label),
                date=str(row.get("date", "")),
                summary=r.text(f, row, "summary", label),
                comparable_with_previous=comparable,
                not_comparable=changed,
            )
        )
        if label == version:
            for item_id in (*comparable, *changed):
                if item_id not in known_ids:
                    r.problem(f, label, f"'{item_id}' findes ikke i instrumentet")
            for item_id in set(comparable) & set(changed):
                r.problem(f, label, f"'{item_id}' står både som sammenlignelig og ikke")
    r.unique(f, [e.version for e in entries], what="versionen")
    if version and version not in {e.version for e in entries}:
        r.problem(
            f, version, "versionen fra instrument.toml har ingen post i changelog"
        )
    return tuple(entries)
