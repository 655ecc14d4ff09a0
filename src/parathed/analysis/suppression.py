"""The anonymity rule, in one place: no metric for a group below the threshold.

In: a group size and the round's threshold. Out: whether a metric may be shown and, if
not, the reason that travels with the ``None``. Counts themselves may always be shown.
"""

from __future__ import annotations

from parathed.analysis.assessment import SUPPRESSED_BELOW_THRESHOLD


def withheld_reason(*, group_size: int, threshold: int) -> str | None:
    """Returns why a metric over ``group_size`` people is withheld, or None if shown.

    ``threshold`` is the fewest respondents a metric may rest on (at least 1).
    Raises ValueError for a threshold below 1 or a negative group size.
    """
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    if group_size < 0:
        raise ValueError("group_size cannot be negative")
    if group_size < threshold:
        return SUPPRESSED_BELOW_THRESHOLD
    return None
