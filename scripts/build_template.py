"""Builds the shipped template deck ``reporting/templates/parathed-default.pptx``.

Run: ``.venv/bin/python scripts/build_template.py``. Starts from python-pptx's blank
deck, makes it 16:9, moves every master and layout placeholder onto the wide slide,
and gives the master a quiet house style (dark-blue bold titles).
Deterministic: the same script always writes the same slides.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
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
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NAVY = RGBColor.from_string("1F3A5F")  # type: ignore[no-untyped-call]


def _widen(shapes: object) -> None:
    scale = WIDTH / OLD_WIDTH
    for shape in shapes:  # type: ignore[attr-defined]
        # Only shapes with their own position; the others inherit the master's,
        # which is widened once already.
        if getattr(shape._element, "xfrm", None) is None:
            continue
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
    props = prs.core_properties
    props.title = "parathed standardskabelon"
    props.author = props.last_modified_by = "parathed"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    buffer = io.BytesIO()
    prs.save(buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_fixed_zip(buffer.getvalue()))
    return out


def _fixed_zip(data: bytes) -> bytes:
    """Rewrites the package with fixed entry times, so the same input gives the
    same bytes.
    """
    result = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for name in source.namelist():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return result.getvalue()


if __name__ == "__main__":
    sys.stdout.write(f"{build()}\n")
