"""Interviews: strengths against challenges per theme and the needs named."""

from __future__ import annotations

from parathed.analysis.evidence import InterviewEvidence, StatementEvidence, Valence
from parathed.analysis.interviews import assess_interviews
from tests.analysis.instruments import FULL

S, C = Valence.STRENGTH, Valence.CHALLENGE
INTERVIEWS = (
    InterviewEvidence(
        roles=("leder",),
        participants=3,
        statements=(
            StatementEvidence("alpha", S, paraphrase="Faste møder virker."),
            StatementEvidence("alpha", C, ("dialogue",), "For lidt tid til samtaler."),
            StatementEvidence("beta", C, ("organisation", "dialogue")),
        ),
    ),
    InterviewEvidence(
        roles=("medarbejder",),
        participants=5,
        statements=(
            StatementEvidence("alpha", C, ("dialogue",)),
            StatementEvidence("alpha", S, ("organisation",)),  # need on a strength
            StatementEvidence("gamma", C, ("dialogue",)),  # unknown theme: ignored
        ),
    ),
)


def test_strengths_challenges_and_needs_per_theme() -> None:
    """Alpha: 2 strengths, 2 challenges, dialogue named twice (challenges only)."""
    result = assess_interviews(INTERVIEWS, instrument=FULL)
    assert (result.interviews, result.participants) == (2, 8)
    alpha = result.theme("alpha")
    assert (alpha.strengths, alpha.challenges) == (2, 2)
    assert alpha.needs == (("dialogue", 2),)
    assert alpha.examples_strength == ("Faste møder virker.",)
    assert alpha.examples_challenge == ("For lidt tid til samtaler.",)
    beta = result.theme("beta")
    assert (beta.strengths, beta.challenges) == (0, 1)
    assert beta.needs == (("organisation", 1), ("dialogue", 1))  # instrument order


def test_interview_order_does_not_matter() -> None:
    """Reversing the interviews gives the same result."""
    assert assess_interviews(INTERVIEWS, instrument=FULL) == assess_interviews(
        tuple(reversed(INTERVIEWS)), instrument=FULL
    )
