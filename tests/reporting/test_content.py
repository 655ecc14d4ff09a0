"""What the municipal deck says, read back with python-pptx: the response rate per
role and in total on the method slide, and each interview paraphrase once."""

from __future__ import annotations

import dataclasses
import io
from typing import Any, cast

import pytest
from pptx import Presentation
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide

from parathed.analysis.assessment import RoundAssessment
from parathed.analysis.evidence import RoundEvidence, Valence
from parathed.analysis.round import assess_round
from parathed.instrument.schema import Role
from parathed.reporting.content import distinct_examples, fmt
from parathed.reporting.deck.municipal import build_deck
from tests.reporting.demo_round import demo_report

METHOD = "Sådan er analysen lavet"


def _with_expected(
    evidence: RoundEvidence, expected: tuple[tuple[Role, int], ...]
) -> RoundEvidence:
    """The round with ``expected`` entered for its first municipality."""
    first = evidence.municipalities[0]
    survey = dataclasses.replace(first.survey, expected=expected)
    return dataclasses.replace(
        evidence,
        municipalities=(
            dataclasses.replace(first, survey=survey),
            *evidence.municipalities[1:],
        ),
    )


def _deck(assessment: RoundAssessment, index: int = 0) -> PresentationType:
    demo = demo_report()
    content = build_deck(
        assessment.municipalities[index],
        round_assessment=assessment,
        instrument=demo.instrument,
    )
    return Presentation(io.BytesIO(content))


def _slide(deck: PresentationType, title: str) -> Slide:
    found: Slide = next(
        s for s in deck.slides if s.shapes.title and s.shapes.title.text == title
    )
    return found


def _rows(slide: Slide) -> dict[str, list[str]]:
    (table,) = [cast(Any, s).table for s in slide.shapes if s.has_table]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Kilde", "Antal", "Svarprocent", "Bemærkning"]
    return {row[0]: row[1:] for row in rows[1:]}


def _counts(assessment: RoundAssessment) -> dict[str, int]:
    return dict(assessment.municipalities[0].survey.respondents_by_role)


def test_method_slide_shows_the_response_rate_per_role_and_in_total() -> None:
    """With an expected number for every role the slide gives each role's count,
    its rate (answered / expected, whole percent) and the total."""
    demo = demo_report()
    counts = _counts(demo.assessment)
    expected = {
        Role.CHEF: max(1, counts["chef"]),
        Role.LEDER: counts["leder"] + 1,
        Role.MEDARBEJDER: counts["medarbejder"] * 2,
    }
    evidence = _with_expected(demo.evidence, tuple(expected.items()))
    assessment = assess_round(evidence, instrument=demo.instrument)
    rows = _rows(_slide(_deck(assessment), METHOD))
    total_expected = sum(expected.values())
    submitted = sum(counts.values())
    assert rows["Spørgeskema: besvarelser i alt"] == [
        str(submitted),
        str(int(100 * submitted / total_expected + 0.5)),
        f"{submitted} af {total_expected} forventede",
    ]
    for role, label in (
        (Role.CHEF, "Chef"),
        (Role.LEDER, "Ledere"),
        (Role.MEDARBEJDER, "Medarbejdere"),
    ):
        n, number = counts[role.value], expected[role]
        assert rows[f"Spørgeskema: {label}"] == [
            str(n),
            str(int(100 * n / number + 0.5)),
            f"{n} af {number} forventede",
        ]
    # Three leaders are under the threshold: their count and rate are still shown.
    assert rows["Spørgeskema: Ledere"][:2] == ["3", "75"]


def test_method_slide_says_per_role_where_no_expected_number_is_entered() -> None:
    """Leaders without an expected number: their row says so, the total needs every
    role and names the missing one; the other roles keep their rates."""
    demo = demo_report()
    counts = _counts(demo.assessment)
    evidence = _with_expected(
        demo.evidence,
        ((Role.CHEF, 2), (Role.MEDARBEJDER, counts["medarbejder"] + 10)),
    )
    assessment = assess_round(evidence, instrument=demo.instrument)
    rows = _rows(_slide(_deck(assessment), METHOD))
    assert rows["Spørgeskema: Ledere"] == [
        str(counts["leder"]),
        "–",
        "Forventet antal ikke oplyst af kommunen",
    ]
    assert rows["Spørgeskema: besvarelser i alt"][1:] == [
        "–",
        "Kræver forventet antal for alle roller; mangler for ledere",
    ]
    assert rows["Spørgeskema: Chef"][1] == str(int(100 * counts["chef"] / 2 + 0.5))
    # Another municipality has no numbers at all.
    other = _rows(_slide(_deck(assessment, 1), METHOD))
    assert other["Spørgeskema: Medarbejdere"][1:] == [
        "–",
        "Forventet antal ikke oplyst af kommunen",
    ]


def test_interview_slide_shows_a_repeated_paraphrase_once_with_its_count() -> None:
    """The demo's interviews repeat one paraphrase: each theme's slide names it once
    per valence, with the number of statements that said it."""
    demo = demo_report()
    municipality = demo.evidence.municipalities[1]
    deck = _deck(demo.assessment, 1)
    instrument = demo.instrument
    for theme in instrument.themes:
        slide = _slide(deck, f"{theme.title}: sager og interview")
        (text,) = [
            cast(Any, s).text_frame.text for s in slide.shapes if s.name == "Tekst"
        ]
        lines = text.split("\n")
        assert len(lines) == len(set(lines))
        for valence, sign in ((Valence.STRENGTH, "+"), (Valence.CHALLENGE, "−")):
            said = [
                s.paraphrase
                for i in municipality.interviews
                for s in i.statements
                if s.theme == theme.code and s.valence is valence
            ]
            shown = [line for line in lines if line.startswith(sign + " ")]
            assert shown == [f"{sign} {x}" for x in distinct_examples(sorted(said))]
            if len(said) > 1:
                assert shown == [f"{sign} {said[0]} (i {len(said)} udsagn)"]


@pytest.mark.parametrize(
    ("examples", "shown"),
    [
        (("a", "a", "b"), ["a (i 2 udsagn)", "b"]),
        (("a", "b", "c"), ["a", "b"]),
        (("a", "a", "a"), ["a (i 3 udsagn)"]),
        ((), []),
    ],
)
def test_distinct_examples_names_each_paraphrase_once(
    examples: tuple[str, ...], shown: list[str]
) -> None:
    """Up to two different paraphrases, in order, a repeat counted, not repeated."""
    assert distinct_examples(examples) == shown


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (9863.4, "9.863,4"),
        (12617.54, "12.617,5"),
        (1234567.0, "1.234.567,0"),
        (-1500.0, "−1.500,0"),
        (64.2, "64,2"),
        (0.0, "0,0"),
        (None, "–"),
        (2024, "2024"),
    ],
)
def test_numbers_are_written_the_danish_way(value: float | None, text: str) -> None:
    assert fmt(value) == text
