"""Builds the shipped template deck ``reporting/templates/parathed-default.pptx``.

Run: ``.venv/bin/python scripts/build_template.py``. Starts from python-pptx's blank
deck, makes it 16:9, moves every master and layout placeholder onto the wide slide,
and gives the master a quiet house style (dark-blue bold titles).
Deterministic: the same script always writes the same slides.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

OUT = (
    Path(__file__).resolve().parent.parent
    / "src/parathed/reporting/templates/parathed-default.pptx"
)
OLD_WIDTH = 9144000
WIDTH, HEIGHT = 12192000, 6858000
NAVY = RGBColor.from_string("1F3A5F")  # type: ignore[no-untyped-call]


def _widen(shapes: object) -> None:
    scale = WIDTH / OLD_WIDTH
    for shape in shapes:  # type: ignore[attr-defined]
        if shape.left is None or shape.width is None:
            continue
        shape.left = Emu(int(shape.left * scale))
        shape.width = Emu(int(shape.width * scale))


def build(out: Path = OUT) -> Path:
    """Writes the template to ``out`` and returns its path."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    master = prs.slide_masters[0]
    _widen(master.shapes)
    for layout in prs.slide_layouts:
        _widen(layout.placeholders)
    title = master.placeholders[0]
    for paragraph in title.text_frame.paragraphs:  # type: ignore[attr-defined]
        paragraph.font.color.rgb = NAVY
        paragraph.font.bold = True
    for layout in prs.slide_layouts:
        for shape in layout.placeholders:  # type: ignore[misc]
            if shape.placeholder_format.idx == 0:
                for paragraph in shape.text_frame.paragraphs:
                    paragraph.font.color.rgb = NAVY
                    paragraph.font.size = Pt(30)
    prs.core_properties.title = "parathed standardskabelon"
    prs.core_properties.author = "parathed"
    out.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(out))
    return out


if __name__ == "__main__":
    sys.stdout.write(f"{build()}\n")
