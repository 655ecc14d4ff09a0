"""QR codes of respondent links as inline SVG, drawn locally with segno (no service)."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, scale: int = 4) -> SafeString:
    """Returns an inline ``<svg>`` QR code of ``url`` (error correction M).

    The markup is segno's own (paths and numbers only, the URL is not echoed), so it
    is safe to insert unescaped.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=scale, svgclass="qr", lineclass=None, omitsize=False)
    return mark_safe(svg)  # noqa: S308 (segno output: path data and numbers only)
