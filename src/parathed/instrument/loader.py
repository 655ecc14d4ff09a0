"""Reads and validates the instrument data files into an ``Instrument``.

In: a folder of TOML files (``data/v<N>/``). Out: a frozen ``Instrument`` or an
``InstrumentError`` listing every problem with the file, the item id and a plain Danish
reason. The loader never returns a half-valid instrument. What each file holds and how
the parts become scores: ``docs/instrument.md``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from parathed.instrument.parts import (
    read_changelog,
    read_checks,
    read_guide,
    read_head,
    read_indicators,
    read_items,
    read_scale,
)
from parathed.instrument.reader import (
    InstrumentError,
    InstrumentProblem,
    Reader,
    parse_law_ref,
)
from parathed.instrument.schema import Instrument

CURRENT_VERSION = "v1"

FILES = (
    "instrument.toml",
    "questionnaire.toml",
    "case_checks.toml",
    "interview_guide.toml",
    "indicators.toml",
    "changelog.toml",
)


def data_dir(version: str = CURRENT_VERSION) -> Path:
    """Returns the folder of the shipped instrument data of ``version``."""
    return Path(str(resources.files("parathed.instrument").joinpath("data", version)))


@cache
def load_instrument(version: str = CURRENT_VERSION) -> Instrument:
    """Returns the shipped instrument of ``version``; raises InstrumentError if bad."""
    return load_instrument_from(data_dir(version))


def load_published(version: str) -> Instrument:
    """Returns the shipped instrument whose published version is ``version`` ("1.0").

    Rounds and responses store the published version, so answers are always scored
    with the items they were given. Raises LookupError for a version never shipped.
    """
    root = Path(str(resources.files("parathed.instrument").joinpath("data")))
    for folder in sorted(p.name for p in root.iterdir() if p.is_dir()):
        instrument = load_instrument(folder)
        if instrument.version == version:
            return instrument
    raise LookupError(f"instrumentversion {version!r} findes ikke")


def load_instrument_from(folder: Path) -> Instrument:
    """Reads every instrument file in ``folder``; raises InstrumentError if invalid."""
    raw: dict[str, dict[str, Any]] = {}
    problems: list[InstrumentProblem] = []
    if not folder.is_dir():
        raise InstrumentError(
            [InstrumentProblem(str(folder), "-", "mappen findes ikke")]
        )
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
            problems.append(
                InstrumentProblem(name, "-", f"filen kan ikke læses: {exc}")
            )
            raw[name] = {}
    if problems:
        raise InstrumentError(problems)
    return _build(raw)


def _build(raw: Mapping[str, Mapping[str, Any]]) -> Instrument:
    head = raw["instrument.toml"]
    consolidation = str(head.get("consolidation", ""))
    r = Reader(consolidation)
    if not consolidation:
        r.problem(
            "instrument.toml", "-", "'consolidation' (fx 'LBK nr 282 af ...') mangler"
        )
    h = read_head(r, head)
    r.chapters = h.chapters

    scale = read_scale(r, raw["questionnaire.toml"])
    items, open_questions = read_items(r, h, raw["questionnaire.toml"])
    checks = read_checks(r, h, raw["case_checks.toml"])
    questions, coding = read_guide(r, h, raw["interview_guide.toml"])
    indicators = read_indicators(r, h, raw["indicators.toml"])

    owners = (
        [("questionnaire.toml", x.id) for x in items]
        + [("questionnaire.toml", x.id) for x in open_questions]
        + [("case_checks.toml", x.id) for x in checks]
        + [("interview_guide.toml", x.id) for x in questions]
        + [("indicators.toml", x.id) for x in indicators]
    )
    first_file: dict[str, str] = {}
    for file, item_id in owners:
        if item_id in first_file:
            where = first_file[item_id]
            text = "i samme fil" if where == file else f"også i {where}"
            r.problem(file, item_id, f"id'et bruges mere end én gang ({text})")
        else:
            first_file[item_id] = file
    changelog = read_changelog(r, h.version, raw["changelog.toml"], set(first_file))

    if r.problems:
        raise InstrumentError(r.problems)
    return Instrument(
        version=h.version,
        consolidation=consolidation,
        themes=h.themes,
        reform_aims=h.aims,
        development_needs=h.needs,
        items=items,
        open_questions=open_questions,
        case_checks=checks,
        interview_questions=questions,
        indicators=indicators,
        changelog=changelog,
        chapters=h.chapters,
        case_facts=h.facts,
        case_kinds=h.kinds,
        answer_scale=scale,
        coding=coding,
    )


__all__ = [
    "CURRENT_VERSION",
    "FILES",
    "InstrumentError",
    "InstrumentProblem",
    "data_dir",
    "load_instrument",
    "load_instrument_from",
    "load_published",
    "parse_law_ref",
]
