"""The shipped default template: reproducible from its script, 16:9, usable layouts."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from parathed.reporting.deck.layouts import title_layout, title_only_layout
from parathed.reporting.deck.municipal import DEFAULT_TEMPLATE

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_template.py"


def test_shipped_template_is_what_the_script_builds(tmp_path: Path) -> None:
    """Running scripts/build_template.py gives the shipped file byte for byte."""
    spec = importlib.util.spec_from_file_location("build_template", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(tmp_path / "skabelon.pptx")
    assert built.read_bytes() == DEFAULT_TEMPLATE.read_bytes()


def test_shipped_template_is_wide_with_title_and_title_only_layouts() -> None:
    """16:9, no slides of its own, and both layouts the decks need are found."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert len(prs.slides) == 0
    title = title_layout(prs)
    types = {ph.placeholder_format.type for ph in title.placeholders}  # type: ignore[misc]
    assert {PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE} <= types
    assert title_only_layout(prs).name == "Title Only"
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:  # type: ignore[misc]
            right = int(ph.left or 0) + int(ph.width or 0)
            assert right <= 12192000, (layout.name, ph.name)
