"""The anonymity rule, in one place: what may be published, and its exact audit.

In: group sizes (respondent counts per base cell), the groups a table would show as
sums of base cells, and the round's threshold. Out: for each group, ``None`` (shown) or
the reason it is withheld, which travels with the ``None`` into the assessment.

Three rules (docs/instrument.md, "Anonymity"):

1. Primary: no metric for a group with fewer than ``threshold`` people behind it.
   Counts of respondents may always be shown.
2. Complementary: a group is published only if, together with everything already
   published, no sensitive cell (a non-empty base cell or group under the threshold)
   can be worked out. Groups are tried in a fixed priority order and published only
   when the exact audit below stays clean, so the result is safe by construction.
3. Cross-municipality: a partnership figure rests on at least
   ``MIN_MUNICIPALITIES`` municipalities, so each municipality's own figure has at
   least three others beside it.

The audit is exact linear algebra (integer row reduction, so no rounding): every
published metric of a group is a sum over its base cells (a mean is a sum divided by a
published count), so a hidden cell can be derived iff its indicator vector lies in
the row space of the published groups' vectors. Base cells known to be empty (count 0,
which is public) are published zeros. Pure: no I/O, no randomness.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from heapq import heapify, heappop, heappush
from itertools import combinations
from math import gcd

from parathed.analysis.assessment import (
    SUPPRESSED_BELOW_THRESHOLD,
    SUPPRESSED_COMPLEMENTARY,
    SUPPRESSED_TOO_FEW_MUNICIPALITIES,
)

MIN_MUNICIPALITIES = 4  # the municipality's own and at least three others


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


def text_withheld_reason(*, comments: int, text_threshold: int) -> str | None:
    """Returns why free text is withheld (fewer than ``text_threshold`` comments)."""
    return withheld_reason(group_size=comments, threshold=text_threshold)


class Span:
    """The row space of published vectors, kept in echelon form over exact integers.

    A vector is a mapping column -> integer coefficient (rational row operations
    scaled to integers, divided by their gcd). Each pivot row has its smallest column
    as pivot, so a vector lies in the span iff reducing it by the pivots leaves
    nothing.
    """

    __slots__ = ("pivots",)

    def __init__(self) -> None:
        """Starts with the empty span (nothing published)."""
        self.pivots: dict[int, dict[int, int]] = {}

    def _reduce(self, vector: dict[int, int]) -> dict[int, int]:
        """Eliminates ``vector``'s columns by the pivots, smallest first, until one
        has no pivot; returns what is left (empty when the vector is in the span).

        The columns wait in a heap: a pivot row only reaches columns at or above its
        pivot, so the smallest column is found without scanning the whole vector.
        """
        rest = vector
        pivots = self.pivots
        columns = list(rest)
        heapify(columns)
        while columns:
            column = heappop(columns)
            if column not in rest:
                continue  # cancelled since it was queued
            row = pivots.get(column)
            if row is None:
                return rest
            lead, factor = row[column], rest[column]
            if lead != 1:
                rest = {col: lead * value for col, value in rest.items()}
            for col, value in row.items():
                held = rest.get(col)
                updated = (held or 0) - factor * value
                if updated:
                    if held is None:
                        heappush(columns, col)
                    rest[col] = updated
                else:
                    del rest[col]
            if lead != 1 and rest:
                divisor = gcd(*rest.values())
                if divisor > 1:
                    rest = {col: value // divisor for col, value in rest.items()}
        return rest

    def add(self, cells: Sequence[int]) -> int | None:
        """Adds the sum of ``cells``; returns its pivot column, None if redundant."""
        rest = self._reduce(dict.fromkeys(cells, 1))
        if not rest:
            return None
        column = min(rest)
        divisor = gcd(*rest.values())
        if rest[column] < 0:
            divisor = -divisor
        self.pivots[column] = {col: value // divisor for col, value in rest.items()}
        return column

    def remove(self, column: int) -> None:
        """Undoes the ``add`` that returned ``column`` (the last one added)."""
        del self.pivots[column]

    def holds(self, cells: Sequence[int]) -> bool:
        """Returns whether the sum of ``cells`` can be worked out from the span."""
        return not self._reduce(dict.fromkeys(cells, 1))


@dataclass(frozen=True, slots=True)
class Table:
    """A table to publish: base-cell sizes and the groups shown as sums of cells.

    ``sizes[c]`` is the number of people whose answers count in cell ``c`` (the metric's
    base); ``present[c]`` is whether anyone at all is in it (a count, always public;
    False makes the cell a known zero). ``groups`` are tuples of cell indices in
    publication priority order; ``fixed`` are groups published already (by an earlier
    decision, e.g. municipal figures under a partnership figure) and ``sensitive`` extra
    groups that must stay hidden besides the small cells, small groups and small sums
    within a block.
    """

    sizes: tuple[int, ...]
    groups: tuple[tuple[int, ...], ...]
    present: tuple[bool, ...] | None = None
    fixed: tuple[tuple[int, ...], ...] = ()
    sensitive: tuple[tuple[int, ...], ...] = ()
    min_parts: tuple[int, ...] | None = None  # per group: fewest non-empty parts
    parts: tuple[int, ...] | None = None  # per cell: the part (municipality) it is in
    # Cells of one unit (a municipality's roles): any sum of some of them that rests
    # on fewer than the threshold is sensitive too (chef + medarbejder of 4 people).
    blocks: tuple[tuple[int, ...], ...] = ()
    # Per cell: the same cell of the first part that is a twin of its part (same sizes,
    # presence, fixed and sensitive groups; each group to decide holds both or
    # neither). Swapping two twins leaves the table as it is, so a sensitive group
    # inside one part can be worked out exactly when its twin's can: ``suppress``
    # checks one of each. None: no twins declared.
    mirrors: tuple[int, ...] | None = None

    def is_present(self, cell: int) -> bool:
        """Returns whether anyone is in ``cell`` (defaults to a non-zero size)."""
        if self.present is None:
            return self.sizes[cell] > 0
        return self.present[cell]

    def size(self, group: Sequence[int]) -> int:
        """Returns the number of people behind ``group``."""
        return sum(self.sizes[c] for c in group)

    def sensitive_groups(self, threshold: int) -> tuple[tuple[int, ...], ...]:
        """Returns the cells and groups that must not be derivable."""
        found: dict[tuple[int, ...], None] = {}
        for cell in range(len(self.sizes)):
            if self.is_present(cell) and self.sizes[cell] < threshold:
                found[(cell,)] = None
        for group in self.groups:
            present = any(self.is_present(c) for c in group)
            if present and self.size(group) < threshold:
                found[tuple(sorted(group))] = None
        for group in self.sensitive:
            found[tuple(sorted(group))] = None
        for block in self.blocks:
            for size in range(2, len(block) + 1):
                for subset in combinations(sorted(block), size):
                    present = any(self.is_present(c) for c in subset)
                    if present and self.size(subset) < threshold:
                        found[subset] = None
        return tuple(found)


def _known(table: Table) -> Span:
    span = Span()
    for cell in range(len(table.sizes)):
        if not table.is_present(cell):
            span.add((cell,))
    for group in table.fixed:
        span.add(group)
    return span


def _one_per_twin(
    table: Table, groups: tuple[tuple[int, ...], ...]
) -> tuple[tuple[int, ...], ...]:
    """Returns ``groups`` with each group inside one part replaced by its image in the
    first twin part (``table.mirrors``), duplicates dropped."""
    mirrors, parts = table.mirrors, table.parts
    if mirrors is None or parts is None:
        return groups
    kept: dict[tuple[int, ...], None] = {}
    for group in groups:
        part = parts[group[0]]
        if all(parts[c] == part for c in group):
            group = tuple(sorted(mirrors[c] for c in group))
        kept[group] = None
    return tuple(kept)


def suppress(table: Table, *, threshold: int) -> tuple[str | None, ...]:
    """Returns, per group of ``table``, None when shown or the reason it is withheld.

    Groups are decided in order: below ``threshold`` (or on too few parts) withheld;
    otherwise published only if the exact audit still finds no sensitive cell
    derivable, else withheld as complementary. Raises ValueError for a threshold
    below 1. The result passes ``audit`` by construction.
    """
    if threshold < 1:
        raise ValueError("threshold must be at least 1")
    span = _known(table)
    sensitive = _one_per_twin(table, table.sensitive_groups(threshold))
    reasons: list[str | None] = []
    for index, group in enumerate(table.groups):
        reason = withheld_reason(group_size=table.size(group), threshold=threshold)
        if reason is None and table.min_parts is not None and table.parts is not None:
            parts = {table.parts[c] for c in group if table.sizes[c] > 0}
            if len(parts) < table.min_parts[index]:
                reason = SUPPRESSED_TOO_FEW_MUNICIPALITIES
        if reason is None:
            column = span.add(group)
            if column is not None and any(span.holds(s) for s in sensitive):
                span.remove(column)
                reason = SUPPRESSED_COMPLEMENTARY
        reasons.append(reason)
    return tuple(reasons)


def audit(
    table: Table, published: Sequence[bool], *, threshold: int
) -> tuple[tuple[int, ...], ...]:
    """Returns the sensitive cells and groups derivable from the published groups.

    ``published[i]`` says whether ``table.groups[i]`` is shown. Known-empty cells and
    ``table.fixed`` count as published. An empty result means nothing hidden can be
    worked out by any linear combination of what is shown (exact rationals). Also
    reports any published group below the threshold as derivable (it is shown).
    """
    span = _known(table)
    for group, shown in zip(table.groups, published, strict=True):
        if shown:
            span.add(group)
    return tuple(s for s in table.sensitive_groups(threshold) if span.holds(s))
