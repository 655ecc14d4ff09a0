"""Low-level reading of instrument TOML rows: problems, law references, typed fields.

In: raw TOML tables. Out: typed values, with every problem collected in a ``Reader`` as
an ``InstrumentProblem`` (file, item id, plain Danish reason) instead of raised at once,
so an editor sees all problems in one run. Used by ``parts.py`` and ``loader.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from parathed.instrument.schema import Chapter, LawRef, Role

E = TypeVar("E", bound=StrEnum)

# "§ 20", "§ 20, stk. 3", "§ 20, stk. 1, nr. 2", "§ 20 a, stk. 2"
_LAW_REF = re.compile(
    r"^§\s*(?P<number>\d{1,3})\s?(?P<letter>[a-z])?"
    r"(?:,\s*stk\.\s*(?P<stk>\d{1,2}))?"
    r"(?:,\s*nr\.\s*(?P<nr>\d{1,2}))?$"
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
    """Parses "§ 20, stk. 3, nr. 1" into a LawRef; raises ValueError when malformed.

    Only the form is checked here; whether the section exists is checked against the
    chapter map by the loader.
    """
    match = _LAW_REF.match(text.strip())
    if match is None:
        raise ValueError(
            f"lovhenvisningen {text!r} kan ikke læses; skriv fx '§ 20, stk. 3' "
            "eller '§ 20, stk. 1, nr. 2'"
        )
    section = match["number"] + (f" {match['letter']}" if match["letter"] else "")
    stk, nr = match["stk"], match["nr"]
    return LawRef(
        section=section,
        stk=int(stk) if stk else None,
        nr=int(nr) if nr else None,
        consolidation=consolidation,
    )


def row_id(row: Mapping[str, Any], fallback: str = "?") -> str:
    """Returns the row's id as text, or ``fallback`` when it has none."""
    return str(row.get("id", fallback))


def table_rows(raw: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """Returns the tables under ``key``, skipping anything that is not a table."""
    rows = raw.get(key, [])
    return (
        [row for row in rows if isinstance(row, Mapping)]
        if isinstance(rows, list)
        else []
    )


class Reader:
    """Collects problems while turning raw TOML tables into typed values."""

    def __init__(self, consolidation: str) -> None:
        self.consolidation = consolidation
        self.chapters: tuple[Chapter, ...] = ()
        self.problems: list[InstrumentProblem] = []

    def problem(self, file: str, item_id: str, message: str) -> None:
        """Notes one problem."""
        self.problems.append(InstrumentProblem(file, item_id, message))

    def text(self, file: str, row: Mapping[str, Any], key: str, item_id: str) -> str:
        """Returns a required, non-empty text field; notes it when missing."""
        value = row.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(file, item_id, f"feltet '{key}' mangler eller er tomt")
            return ""
        return value.strip()

    def number(
        self, file: str, row: Mapping[str, Any], key: str, item_id: str
    ) -> int | None:
        """Returns a whole number of at least 0, None when absent; notes a bad value."""
        value = row.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(
                file, item_id, f"'{key}' skal være et helt tal på 0 eller mere"
            )
            return None
        return int(value)

    def strings(
        self, file: str, row: Mapping[str, Any], key: str, item_id: str
    ) -> list[str]:
        """Returns a list of texts (a single text counts as a list of one)."""
        values = row.get(key, [])
        if isinstance(values, str):
            return [values]
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            self.problem(file, item_id, f"feltet '{key}' skal være en liste af tekster")
            return []
        return list(values)

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
        """Returns the values of ``key`` found in ``allowed``; notes the others."""
        values = self.strings(file, row, key, item_id)
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
        self,
        file: str,
        row: Mapping[str, Any],
        item_id: str,
        *,
        allowed: Iterable[Role],
    ) -> tuple[Role, ...]:
        """Returns the roles listed in ``roles``; notes unknown ones."""
        codes = self.codes(
            file,
            row,
            "roles",
            item_id,
            allowed=[r.value for r in allowed],
            label="rolle",
        )
        return tuple(Role(code) for code in codes)

    def law(
        self, file: str, row: Mapping[str, Any], item_id: str, *, required: bool = True
    ) -> tuple[LawRef, ...]:
        """Returns the parsed law references; notes malformed or unknown sections."""
        values = self.strings(file, row, "law", item_id)
        refs: list[LawRef] = []
        for value in values:
            try:
                ref = parse_law_ref(value, consolidation=self.consolidation)
            except ValueError as exc:
                self.problem(file, item_id, str(exc))
                continue
            if not any(c.holds(ref.section_number) for c in self.chapters):
                self.problem(
                    file,
                    item_id,
                    f"§ {ref.section} findes ikke i lovens kapiteloversigt "
                    f"({ranges_da(self.chapters)}); tjek paragrafnummeret",
                )
                continue
            refs.append(ref)
        if required and not values:
            self.problem(file, item_id, "mangler lovhenvisning (feltet 'law')")
        return tuple(refs)

    def enum(
        self, file: str, row: Mapping[str, Any], key: str, item_id: str, kind: type[E]
    ) -> E | None:
        """Returns ``row[key]`` as a member of ``kind``, or None (and a problem)."""
        value = row.get(key)
        try:
            return kind(str(value))
        except ValueError:
            choices = ", ".join(member.value for member in kind)
            self.problem(file, item_id, f"'{key}' = {value!r} er ikke en af: {choices}")
            return None

    def theme(
        self,
        file: str,
        row: Mapping[str, Any],
        item_id: str,
        themes: Sequence[str],
        *,
        required: bool = True,
    ) -> str:
        """Returns a known theme code, or "" (and a problem when required)."""
        value = row.get("theme")
        if value is None and not required:
            return ""
        if value not in themes:
            self.problem(file, item_id, f"ukendt tema {value!r}")
            return ""
        return str(value)

    def unique(self, file: str, ids: Iterable[str], *, what: str = "id'et") -> None:
        """Notes every id that occurs more than once."""
        seen: set[str] = set()
        for item_id in ids:
            if item_id in seen:
                self.problem(file, item_id, f"{what} bruges mere end én gang")
            seen.add(item_id)


def ranges_da(chapters: Sequence[Chapter]) -> str:
    """Returns the cited ranges in Danish, merged: "§§ 1-154 og 156-159"."""
    spans: list[list[int]] = []
    for chapter in sorted(chapters, key=lambda c: c.first):
        if spans and chapter.first <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], chapter.last)
        else:
            spans.append([chapter.first, chapter.last])
    if not spans:
        return "kapiteloversigten er tom"
    parts = [f"{a}-{b}" for a, b in spans]
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
    return f"§§ {joined}"
