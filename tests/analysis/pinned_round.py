"""Generated rounds whose whole assessment is pinned, and a canonical dump of it.

The pinned digests in ``data/pinned_round.json`` were written by the analysis before
it was made fast (issue #7): a change that alters any number, reason, order or note
of an assessment shows up as the section that differs. To see the difference itself,
dump both versions and compare them::

    .venv/bin/python -m tests.analysis.pinned_round dump DIR   # writes DIR/<round>.json

``write`` re-pins the digests; only for a change that is meant to alter results.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from parathed.analysis.assessment import RoundAssessment
from parathed.analysis.evidence import RoundEvidence
from parathed.analysis.round import assess_round
from parathed.demo.generator import generate_national_round
from parathed.instrument.loader import load_instrument

PINNED = Path(__file__).parent / "data" / "pinned_round.json"


ROUNDS = ("partnership", "national")


@lru_cache(maxsize=2)
def pinned_round(name: str) -> RoundEvidence:
    """Returns the generated round of evidence ``name`` (one of ``ROUNDS``).

    ``partnership``: ten municipalities, four with nine respondents (no chef, groups
    withheld, complements) and six with forty, a baseline round for six of them, and
    every key-figure input of the country. ``national``: all 98 with twenty
    respondents and two cases each (the partnership audit over 98 municipalities).
    """
    instrument = load_instrument()
    if name == "national":
        return generate_national_round(
            instrument=instrument, respondents=20, cases=2, seed=3
        )
    few = generate_national_round(instrument=instrument, respondents=9, seed=7)
    more = generate_national_round(instrument=instrument, respondents=40, seed=7)
    baseline = dataclasses.replace(
        few,
        round_name="Parathedsanalyse 2024",
        municipalities=few.municipalities[2:8],
        figures=(),
    )
    return dataclasses.replace(
        more,
        partnership_name="Fast partnerskab",
        municipalities=few.municipalities[:4] + more.municipalities[4:10],
        baseline=baseline,
    )


def canonical(value: Any) -> Any:
    """Returns ``value`` as JSON data: dataclasses as field dicts, enums by value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {
            f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)
        }
        return {"__type__": type(value).__name__, **fields}
    if isinstance(value, enum.Enum):
        return canonical(value.value)
    if isinstance(value, tuple | list):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {str(k): canonical(v) for k, v in value.items()}
    if isinstance(value, float):
        return repr(value)  # exact: every bit of the float shows
    return value


def _digest(value: Any) -> str:
    # The dataclasses' repr shows every field, each float exactly and each enum by
    # name and value; quicker than the canonical JSON over a national round.
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()[:20]


def sections(assessment: RoundAssessment, *, per_field: bool = True) -> dict[str, Any]:
    """Returns the assessment cut into named parts: each municipality (each of its
    fields, with ``per_field``) and each field of the partnership."""
    parts: dict[str, Any] = {
        "round": (
            assessment.partnership_name,
            assessment.round_name,
            assessment.instrument_version,
            assessment.threshold,
            [m.code for m in assessment.municipalities],
        )
    }
    for m in assessment.municipalities:
        if not per_field:
            parts[m.code] = m
            continue
        for field in dataclasses.fields(m):
            parts[f"{m.code}.{field.name}"] = getattr(m, field.name)
    partnership = assessment.partnership
    assert partnership is not None
    for field in dataclasses.fields(partnership):
        parts[f"partnership.{field.name}"] = getattr(partnership, field.name)
    return parts


def digests(assessment: RoundAssessment) -> dict[str, str]:
    """Returns a digest of every section of ``assessment`` (per field up to 20
    municipalities, per municipality beyond, to keep the pinned file short)."""
    per_field = len(assessment.municipalities) <= 20
    return {
        name: _digest(part)
        for name, part in sections(assessment, per_field=per_field).items()
    }


@lru_cache(maxsize=2)
def assessed(name: str) -> RoundAssessment:
    """Returns the assessment of the pinned round ``name``."""
    return assess_round(pinned_round(name), instrument=load_instrument())


def main(argv: list[str]) -> None:
    """``dump DIR``: full canonical JSON per round; ``write``: re-pin the digests."""
    if argv[:1] == ["dump"] and len(argv) == 2:
        out = Path(argv[1])
        out.mkdir(parents=True, exist_ok=True)
        for name in ROUNDS:
            text = json.dumps(canonical(assessed(name)), indent=1, ensure_ascii=False)
            (out / f"{name}.json").write_text(text, "utf-8")
    elif argv == ["write"]:
        pinned = {name: digests(assessed(name)) for name in ROUNDS}
        PINNED.parent.mkdir(exist_ok=True)
        PINNED.write_text(json.dumps(pinned, indent=1) + "\n", "utf-8")
    else:
        raise SystemExit(
            "usage: python -m tests.analysis.pinned_round dump DIR | write"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
