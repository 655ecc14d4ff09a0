"""Finds the layouts a deck needs in any template: by name, then by placeholders.

A consultancy's master may name and order its layouts differently; the deck asks for
a *title* layout (a title and a subtitle) and a *title only* layout (a title and no
body), and falls back sensibly: the first layout with a title, then layout 0.
"""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout

TITLE_NAMES = ("title slide", "titeldias", "titelslide", "forside", "title")
TITLE_ONLY_NAMES = ("title only", "kun titel", "titel alene", "titel")
_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_FOOTERS = (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER)


class TemplateError(ValueError):
    """The template deck lacks a layout or placeholder the deck needs."""


def _types(layout: SlideLayout) -> list[PP_PLACEHOLDER]:
    return [
        ph.placeholder_format.type
        for ph in layout.placeholders  # type: ignore[misc]
        if ph.placeholder_format.type not in _FOOTERS
    ]


def _by_name(prs: PresentationType, names: tuple[str, ...]) -> SlideLayout | None:
    layouts = list(prs.slide_layouts)
    for wanted in names:
        for layout in layouts:
            if layout.name.strip().lower() == wanted:
                return layout
    return None


def title_layout(prs: PresentationType) -> SlideLayout:
    """The layout for the title slide."""
    for layout in prs.slide_layouts:
        types = _types(layout)
        if PP_PLACEHOLDER.CENTER_TITLE in types and PP_PLACEHOLDER.SUBTITLE in types:
            return layout
    found = _by_name(prs, TITLE_NAMES)
    if found is not None and any(t in _TITLES for t in _types(found)):
        return found
    return _any_titled(prs)


def title_only_layout(prs: PresentationType) -> SlideLayout:
    """The layout for content slides: a title and nothing else to fill."""
    found = _by_name(prs, TITLE_ONLY_NAMES)
    if found is not None and _types(found) == [PP_PLACEHOLDER.TITLE]:
        return found
    for layout in prs.slide_layouts:
        if _types(layout) == [PP_PLACEHOLDER.TITLE]:
            return layout
    return _any_titled(prs)


def _any_titled(prs: PresentationType) -> SlideLayout:
    for layout in prs.slide_layouts:
        if any(t in _TITLES for t in _types(layout)):
            return layout
    raise TemplateError("skabelonen har intet layout med en titelpladsholder")
