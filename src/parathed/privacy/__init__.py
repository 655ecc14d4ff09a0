"""CPR-number detection for every free-text path (issues #4, #5). No Django."""

from parathed.privacy.cpr import (
    CprLocation,
    contains_cpr_number,
    find_cpr_numbers,
    locate_cpr_numbers,
)

__all__ = [
    "CprLocation",
    "contains_cpr_number",
    "find_cpr_numbers",
    "locate_cpr_numbers",
]
