"""Reads and validates the instrument data files into an ``Instrument``.

In: a folder of TOML files (``data/v<N>/``). Out: a frozen ``Instrument`` or an
``InstrumentError`` listing every problem with the file, the item id and a plain reason.
The loader never returns a half-valid instrument.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from parathed.instrument.schema import (
    CaseCheck,
    ChangelogEntry,
    CheckAnswerType,
    DateRule,
    DevelopmentNeed,
    Direction,
    Indicator,
    Instrument,
    InterviewQuestion,
    Keying,
    LawRef,
    OpenQuestion,
    QuestionnaireItem,
    ReformAim,
    Role,
    Theme,
)

CURRENT_VERSION = "v1"

E = TypeVar("E", bound=StrEnum)

# "§ 20", "§ 20, stk. 3", "§ 20, stk. 1, nr. 2", "§ 20 a, stk. 2"
_LAW_REF = re.compile(
    r"^§\s*(?P<section>\d{1,3}(?:\s?[a-z])?)"
    r"(?:,\s*stk\.\s*(?P<stk>\d{1,2}))?"
    r"(?:,\s*nr\.\s*(?P<nr>\d{1,2}))?$"
)

FILES = (
    "instrument.toml",
    "questionnaire.toml",
    "case_checks.toml",
    "interview_guide.toml",
    "indicators.toml",
    "changelog.toml",
)


@dataclass(frozen=True, slots=True)
class InstrumentProblem:
    """One thing wrong in the instrument data, said so a domain editor can fix it."""

    file: str
    item_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item_id}: {self.message}"


class InstrumentError(ValueError):
    """The instrument data is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[InstrumentProblem]) -> None:
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"Instrumentet har {len(self.problems)} fejl:\n{lines}")


def parse_law_ref(text: str, *, consolidation: str) -> LawRef:
    """Parses "§ 20, stk. 3, nr. 1" into a LawRef; raises ValueError when malformed."""
    match = _LAW_REF.match(text.strip())
    if match is None:
        raise ValueError(
            f"lovhenvisningen {text!r} kan ikke læses; skriv fx '§ 20, stk. 3' "
            "eller '§ 20, stk. 1, nr. 2'"
        )
    stk, nr = match["stk"], match["nr"]
    return LawRef(
        section=match["section"].replace(" ", " "),
        stk=int(stk) if stk else None,
        nr=int(nr) if nr else None,
        consolidation=consolidation,
    )


def data_dir(version: str = CURRENT_VERSION) -> Path:
    """Returns the folder of the shipped instrument data of ``version``."""
    return Path(str(resources.files("parathed.instrument").joinpath("data", version)))


@cache
def load_instrument(version: str = CURRENT_VERSION) -> Instrument:
    """Returns the shipped instrument of ``version``; raises InstrumentError if invalid."""
    return load_instrument_from(data_dir(version))


def load_instrument_from(folder: Path) -> Instrument:
    """Reads every instrument file in ``folder``; raises InstrumentError if invalid."""
    raw: dict[str, dict[str, Any]] = {}
    problems: list[InstrumentProblem] = []
    for name in FILES:
        path = folder / name
        if not path.exists():
            if name in ("instrument.toml", "questionnaire.toml"):
                problems.append(InstrumentProblem(name, "-", "filen mangler"))
            raw[name] = {}
            continue
        try:
            raw[name] = tomllib.loads(path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(InstrumentProblem(name, "-", f"filen kan ikke læses: {exc}"))
            raw[name] = {}
    if problems:
        raise InstrumentError(problems)
    return _build(raw)


class _Reader:
    """Collects problems while turning raw TOML tables into typed values."""

    def __init__(self, consolidation: str) -> None:
        self.consolidation = consolidation
        self.problems: list[InstrumentProblem] = []

    def problem(self, file: str, item_id: str, message: str) -> None:
        self.problems.append(InstrumentProblem(file, item_id, message))

    def text(self, file: str, row: Mapping[str, Any], key: str, item_id: str) -> str:
        value = row.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(file, item_id, f"feltet '{key}' mangler eller er tomt")
            return ""
        return value.strip()

    def codes(
        self,
        file: str,
        row: Mapping[str, Any],
        key: str,
        item_id: str,
        *,
        allowed: Iterable[str],
        label: str,
        required: bool = True,
    ) -> tuple[str, ...]:
        values = row.get(key, [])
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list):
            self.problem(file, item_id, f"feltet '{key}' skal være en liste")
            return ()
        known = set(allowed)
        good: list[str] = []
        for value in values:
            if value in known:
                good.append(value)
            else:
                self.problem(file, item_id, f"ukendt {label} '{value}'")
        if required and not values:
            self.problem(file, item_id, f"mindst én {label} skal angives i '{key}'")
        return tuple(good)

    def roles(
        self, file: str, row: Mapping[str, Any], item_id: str, *, allowed: Iterable[Role]
    ) -> tuple[Role, ...]:
        codes = self.codes(
            file, row, "roles", item_id, allowed=[r.value for r in allowed], label="rolle"
        )
        return tuple(Role(code) for code in codes)

    def law(
        self, file: str, row: Mapping[str, Any], item_id: str, *, required: bool = True
    ) -> tuple[LawRef, ...]:
        values = row.get("law", [])
        if isinstance(values, str):
            values = [values]
        refs: list[LawRef] = []
        for value in values:
            try:
                refs.append(parse_law_ref(str(value), consolidation=self.consolidation))
            except ValueError as exc:
                self.problem(file, item_id, str(exc))
        if required and not values:
            self.problem(file, item_id, "mangler lovhenvisning (feltet 'law')")
        return tuple(refs)

    def enum(
        self, file: str, row: Mapping[str, Any], key: str, item_id: str, kind: type[E]
    ) -> E | None:
        value = row.get(key)
        try:
            return kind(value)
        except ValueError:
            choices = ", ".join(member.value for member in kind)
            self.problem(
                file, item_id, f"'{key}' = {value!r} er ikke en af: {choices}"
            )
            return None

    def unique(self, file: str, ids: Iterable[str]) -> None:
        seen: set[str] = set()
        for item_id in ids:
            if item_id in seen:
                self.problem(file, item_id, "id'et bruges mere end én gang")
            seen.add(item_id)


def _build(raw: Mapping[str, Mapping[str, Any]]) -> Instrument:
    head = raw["instrument.toml"]
    consolidation = str(head.get("consolidation", ""))
    r = _Reader(consolidation)
    if not consolidation:
        r.problem("instrument.toml", "-", "'consolidation' (fx 'LBK nr 282 af ...') mangler")

    f = "instrument.toml"
    themes = tuple(
        Theme(
            code=r.text(f, row, "code", f"tema {i + 1}"),
            title=r.text(f, row, "title", row.get("code", f"tema {i + 1}")),
            description=str(row.get("description", "")),
            order=i + 1,
        )
        for i, row in enumerate(head.get("themes", []))
    )
    aims = tuple(
        ReformAim(
            code=r.text(f, row, "code", f"mål {i + 1}"),
            number=int(row.get("number", i + 1)),
            title=r.text(f, row, "title", row.get("code", f"mål {i + 1}")),
        )
        for i, row in enumerate(head.get("reform_aims", []))
    )
    needs = tuple(
        DevelopmentNeed(
            code=r.text(f, row, "code", f"behov {i + 1}"),
            title=r.text(f, row, "title", row.get("code", f"behov {i + 1}")),
            description=str(row.get("description", "")),
        )
        for i, row in enumerate(head.get("development_needs", []))
    )
    r.unique(f, [t.code for t in themes])
    r.unique(f, [a.code for a in aims])
    r.unique(f, [n.code for n in needs])
    theme_codes = [t.code for t in themes]
    aim_codes = [a.code for a in aims]
    need_codes = [n.code for n in needs]
    survey_roles = (Role.CHEF, Role.LEDER, Role.MEDARBEJDER)

    f = "questionnaire.toml"
    q = raw[f]
    items: list[QuestionnaireItem] = []
    for row in q.get("items", []):
        item_id = str(row.get("id", "?"))
        keying = r.enum(f, row, "keying", item_id, Keying)
        items.append(
            QuestionnaireItem(
                id=item_id,
                text=r.text(f, row, "text", item_id),
                theme=_one(r, f, row, item_id, theme_codes),
                roles=r.roles(f, row, item_id, allowed=survey_roles),
                keying=keying or Keying.POSITIVE,
                law_refs=r.law(f, row, item_id),
                reform_aims=r.codes(
                    f, row, "aims", item_id, allowed=aim_codes, label="reformmål"
                ),
                development_needs=r.codes(
                    f, row, "needs", item_id, allowed=need_codes, label="udviklingsbehov"
                ),
            )
        )
    open_questions = tuple(
        OpenQuestion(
            id=str(row.get("id", "?")),
            text=r.text(f, row, "text", str(row.get("id", "?"))),
            roles=r.roles(f, row, str(row.get("id", "?")), allowed=survey_roles),
            theme=row.get("theme"),
        )
        for row in q.get("open_questions", [])
    )
    r.unique(f, [i.id for i in items] + [o.id for o in open_questions])

    f = "case_checks.toml"
    checks: list[CaseCheck] = []
    for row in raw[f].get("checks", []):
        item_id = str(row.get("id", "?"))
        answer_type = r.enum(f, row, "answer_type", item_id, CheckAnswerType)
        rule = None
        if isinstance(row.get("rule"), dict):
            rule_row = row["rule"]
            rule = DateRule(
                start=r.text(f, rule_row, "start", item_id),
                end=r.text(f, rule_row, "end", item_id),
                max_days=rule_row.get("max_days"),
                max_months=rule_row.get("max_months"),
                max_hours=rule_row.get("max_hours"),
                description=str(rule_row.get("description", "")),
            )
            if not any((rule.max_days, rule.max_months, rule.max_hours)):
                r.problem(f, item_id, "reglen mangler en frist (max_days/months/hours)")
        if answer_type is CheckAnswerType.DATE and rule is None:
            r.problem(f, item_id, "et datotjek skal have en regel ('rule')")
        checks.append(
            CaseCheck(
                id=item_id,
                text=r.text(f, row, "text", item_id),
                theme=_one(r, f, row, item_id, theme_codes),
                answer_type=answer_type or CheckAnswerType.STATUS,
                law_refs=r.law(f, row, item_id),
                reform_aims=r.codes(
                    f, row, "aims", item_id, allowed=aim_codes, label="reformmål",
                    required=False,
                ),
                development_needs=r.codes(
                    f, row, "needs", item_id, allowed=need_codes,
                    label="udviklingsbehov", required=False,
                ),
                rule=rule,
                count_max=row.get("count_max"),
                applies_to=tuple(row.get("applies_to", ())),
            )
        )
    r.unique(f, [c.id for c in checks])

    f = "interview_guide.toml"
    questions = tuple(
        InterviewQuestion(
            id=str(row.get("id", "?")),
            text=r.text(f, row, "text", str(row.get("id", "?"))),
            theme=_one(r, f, row, str(row.get("id", "?")), theme_codes),
            roles=r.roles(f, row, str(row.get("id", "?")), allowed=tuple(Role)),
            law_refs=r.law(f, row, str(row.get("id", "?")), required=False),
            optional=bool(row.get("optional", False)),
        )
        for row in raw[f].get("questions", [])
    )
    r.unique(f, [x.id for x in questions])

    f = "indicators.toml"
    indicators: list[Indicator] = []
    for row in raw[f].get("indicators", []):
        item_id = str(row.get("id", "?"))
        direction = r.enum(f, row, "direction", item_id, Direction)
        sources = tuple(str(s) for s in row.get("sources", ()))
        if not sources:
            r.problem(f, item_id, "mangler kilde ('sources')")
        indicators.append(
            Indicator(
                id=item_id,
                title=r.text(f, row, "title", item_id),
                theme=_one(r, f, row, item_id, theme_codes),
                unit=r.text(f, row, "unit", item_id),
                direction=direction or Direction.CONTEXT,
                formula=r.text(f, row, "formula", item_id),
                sources=sources,
                law_refs=r.law(f, row, item_id, required=False),
            )
        )
    r.unique(f, [x.id for x in indicators])

    changelog = tuple(
        ChangelogEntry(
            version=str(row.get("version", "")),
            date=str(row.get("date", "")),
            summary=str(row.get("summary", "")),
            comparable_with_previous=tuple(row.get("comparable_with_previous", ())),
            not_comparable=tuple(row.get("not_comparable", ())),
        )
        for row in raw["changelog.toml"].get("versions", [])
    )

    if r.problems:
        raise InstrumentError(r.problems)
    return Instrument(
        version=str(head.get("version", "")),
        consolidation=consolidation,
        themes=themes,
        reform_aims=aims,
        development_needs=needs,
        items=tuple(items),
        open_questions=open_questions,
        case_checks=tuple(checks),
        interview_questions=questions,
        indicators=tuple(indicators),
        changelog=changelog,
    )


def _one(
    r: _Reader, file: str, row: Mapping[str, Any], item_id: str, themes: Sequence[str]
) -> str:
    value = row.get("theme")
    if value not in themes:
        r.problem(file, item_id, f"ukendt tema {value!r}")
        return ""
    return str(value)
