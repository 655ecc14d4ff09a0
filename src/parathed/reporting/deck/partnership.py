"""The partnership deck for the steering group: a round in, a .pptx file's bytes out.

Same template handling and slide rendering as the municipal deck; the content comes
from ``reporting.partnership_content`` (pooled, suppressed figures only, no free
text, municipalities named or anonymised).
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from parathed.analysis.assessment import RoundAssessment
from parathed.instrument.loader import load_published
from parathed.instrument.schema import Instrument
from parathed.reporting.deck.municipal import (
    DEFAULT_TEMPLATE,
    SYNTHETIC_NOTE,
    add_title_slide,
    clear_template_slides,
    render_slide,
)
from parathed.reporting.partnership_content import partnership_slides


def build_partnership_deck(
    round_assessment: RoundAssessment,
    *,
    template: Path | None = None,
    named: bool = False,
    synthetic: bool = False,
    instrument: Instrument | None = None,
    secret: bytes | None = None,
) -> bytes:
    """Returns the .pptx bytes of the steering group's deck for the round.

    ``named`` shows the municipalities' names; otherwise they are "Kommune A", ...
    in an order keyed by ``secret`` (the partnership's; see
    ``partnership_content.municipality_labels``).
    Raises ValueError when the round has no partnership assessment.
    """
    if instrument is None:
        instrument = load_published(round_assessment.instrument_version)
    slides = partnership_slides(
        round_assessment, instrument=instrument, named=named, secret=secret
    )
    prs = Presentation(str(template or DEFAULT_TEMPLATE))
    clear_template_slides(prs)
    subtitle = (
        f"Samlet for styregruppen · {round_assessment.round_name}\n"
        f"Instrument version {round_assessment.instrument_version}"
    )
    if synthetic:
        subtitle += "\n" + SYNTHETIC_NOTE
    add_title_slide(
        prs,
        title=f"Parathedsanalyse: {round_assessment.partnership_name}",
        subtitle=subtitle,
    )
    for spec in slides:
        render_slide(prs, spec)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
