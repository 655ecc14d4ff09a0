"""Interview signals per theme: coded strengths against challenges, and the needs named.

In: a municipality's ``InterviewEvidence`` and the ``Instrument``. Out:
``InterviewAssessment``. Interviews give no score: they count coded statements per
theme (styrke / udfordring) and the development needs the challenges point at.
Paraphrases are kept as examples for the municipality's own outputs only (sorted, so
the order of interviews does not show). Method: docs/instrument.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from parathed.analysis.assessment import InterviewAssessment, InterviewTheme
from parathed.analysis.evidence import InterviewEvidence, Valence
from parathed.instrument.schema import Instrument


def assess_interviews(
    interviews: Sequence[InterviewEvidence], *, instrument: Instrument
) -> InterviewAssessment:
    """Returns per theme the strengths, challenges and needs named in challenges.

    Statements on a theme not in ``instrument`` are ignored. ``needs`` is ordered by
    count (most first), then by the instrument's order of needs.
    """
    need_order = {n.code: i for i, n in enumerate(instrument.development_needs)}
    strengths: Counter[str] = Counter()
    challenges: Counter[str] = Counter()
    needs: dict[str, Counter[str]] = {t.code: Counter() for t in instrument.themes}
    examples: dict[tuple[str, Valence], list[str]] = {}
    for interview in interviews:
        for statement in interview.statements:
            if statement.theme not in needs:
                continue
            if statement.valence is Valence.STRENGTH:
                strengths[statement.theme] += 1
            else:
                challenges[statement.theme] += 1
                needs[statement.theme].update(statement.development_needs)
            if statement.paraphrase.strip():
                examples.setdefault((statement.theme, statement.valence), []).append(
                    statement.paraphrase.strip()
                )
    themes = tuple(
        InterviewTheme(
            theme_code=theme.code,
            theme_title=theme.title,
            strengths=strengths[theme.code],
            challenges=challenges[theme.code],
            needs=tuple(
                sorted(
                    needs[theme.code].items(),
                    key=lambda kv: (-kv[1], need_order.get(kv[0], 99), kv[0]),
                )
            ),
            examples_strength=tuple(
                sorted(examples.get((theme.code, Valence.STRENGTH), ()))
            ),
            examples_challenge=tuple(
                sorted(examples.get((theme.code, Valence.CHALLENGE), ()))
            ),
        )
        for theme in instrument.themes
    )
    return InterviewAssessment(
        interviews=len(interviews),
        participants=sum(i.participants for i in interviews),
        themes=themes,
    )
