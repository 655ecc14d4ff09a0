"""Benchmarks: a municipality's position against the partnership, the nation, its DST
kommunegruppe and its structurally most similar municipalities.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from parathed.analysis.evidence import FigureEvidence
from parathed.analysis.keyfigures.indicators import (
    FORMULAS,
    compute_indicator,
    dst_groups_of,
    inputs_by_municipality,
)
from parathed.analysis.keyfigures.inputs import (
    DST_GROUP_NAMES,
    NATIONAL_CODE,
    STRUCTURE_INPUTS,
)
from parathed.instrument.schema import Direction, Indicator

MIN_OTHERS = 3  # fewest other municipalities with a value before a group is used
SIMILAR_COUNT = 5  # size of the structural-similarity group (others)


class ComparisonKind(StrEnum):
    """Whom a municipality is compared with."""

    PARTNERSHIP = "partnership"
    NATION = "nation"
    DST_GROUP = "dst_group"
    SIMILAR = "similar"


@dataclass(frozen=True, slots=True)
class Position:
    """A municipality's position on one indicator within one comparison group.

    ``rank`` is 1 for the best value (direction-aware: the highest for "higher", the
    lowest for "lower"; for "context" 1 is the highest value); tied values share the
    better rank. ``percentile`` is on the value scale whatever the direction: the share
    (0-100) of the other municipalities with a lower value, ties counted half.
    ``reference`` is the median of the others (for the nation the national figure
    when known, see ``reference_basis``) and ``difference`` is value - reference.
    ``favourable`` tells whether the difference points the reform's way (None for
    "context" or no difference). ``better_than`` is the direction-aware companion of
    the percentile: the share (0-100) of the others this municipality does better than,
    ties counted half (None for "context"). ``broadened`` and ``note`` (Danish) say when
    a wider group than asked for was used, or why there is no position.
    """

    kind: ComparisonKind
    label: str  # Danish, e.g. "Kommunegruppe: Landkommuner"
    compared_with: tuple[str, ...]  # codes of the other municipalities with a value
    rank: int | None
    size: int  # municipalities ranked, this one included
    percentile: float | None
    reference: float | None
    reference_basis: str  # "median" or "national_total"
    difference: float | None
    favourable: bool | None
    broadened: bool = False
    note: str = ""
    better_than: float | None = None  # direction-aware, see better_than_share()


@dataclass(frozen=True, slots=True)
class Benchmark:
    """One municipality's value of one indicator and its positions."""

    indicator_id: str
    municipality_code: str
    value: float | None
    direction: Direction
    positions: tuple[Position, ...]

    def position(self, kind: ComparisonKind) -> Position:
        """The position of comparison ``kind``; KeyError when absent."""
        for position in self.positions:
            if position.kind is kind:
                return position
        raise KeyError(kind)


def rank_of(value: float, others: Sequence[float], direction: Direction) -> int:
    """1 + the number of others strictly better (lower for "lower", else higher)."""
    if direction is Direction.LOWER:
        return 1 + sum(1 for other in others if other < value)
    return 1 + sum(1 for other in others if other > value)


def percentile_of(value: float, others: Sequence[float]) -> float | None:
    """The share (0-100) of ``others`` below ``value``, ties counted half."""
    if not others:
        return None
    below = sum(1 for other in others if other < value)
    ties = sum(1 for other in others if other == value)
    return 100.0 * (below + 0.5 * ties) / len(others)


def better_than_share(
    value: float, others: Sequence[float], direction: Direction
) -> float | None:
    """The share (0-100) of ``others`` that ``value`` beats in ``direction``.

    Ties count half; None for "context" (no better) or no others.
    """
    percentile = percentile_of(value, others)
    if percentile is None or direction is Direction.CONTEXT:
        return None
    return percentile if direction is Direction.HIGHER else 100.0 - percentile


def _favourable(difference: float, direction: Direction) -> bool | None:
    if direction is Direction.CONTEXT or difference == 0:
        return None
    return (difference > 0) == (direction is Direction.HIGHER)


def _median_of_sorted(numbers: Sequence[float]) -> float:
    """``statistics.median`` of numbers already in order (the same element or mean)."""
    n = len(numbers)
    if n % 2 == 1:
        return numbers[n // 2]
    return (numbers[n // 2 - 1] + numbers[n // 2]) / 2


def _counts_of_sorted(value: float, numbers: Sequence[float]) -> tuple[int, int, int]:
    """(below, equal, above) ``value`` among ``numbers`` in ascending order."""
    below = bisect_left(numbers, value)
    up_to = bisect_right(numbers, value, lo=below)
    return below, up_to - below, len(numbers) - up_to


class _Field:
    """One indicator's values, prepared once for the positions of many municipalities.

    A pool of comparison is kept as the sorted tuple of its codes with a value, built
    once; a municipality's position takes its own code out of the pool. Results are
    those of comparing against each other municipality one by one (``rank_of``,
    ``percentile_of``, ``statistics.median``), only found by bisection.
    """

    __slots__ = ("_pools", "_ranked", "dst_groups", "nearest", "partnership", "values")

    def __init__(
        self,
        values: Mapping[str, float | None],
        partnership: Collection[str],
        dst_groups: Mapping[str, str] | None,
        nearest: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] | None = None,
    ) -> None:
        self.values = values
        self.partnership = partnership
        self.dst_groups = dst_groups or {}
        # (code, candidates) -> nearest codes, shared by the indicators of a round.
        self.nearest = {} if nearest is None else nearest
        self._pools: dict[object, tuple[str, ...]] = {}
        self._ranked: dict[tuple[str, ...], tuple[list[tuple[float, str]], list[float]]]
        self._ranked = {}

    def pool(self, key: object, codes: Iterable[str]) -> tuple[str, ...]:
        """The codes of ``codes`` with a value, sorted; built once per ``key``."""
        held = self._pools.get(key)
        if held is None:
            values = self.values
            held = tuple(sorted(c for c in set(codes) if values.get(c) is not None))
            self._pools[key] = held
        return held

    def nation(self) -> tuple[str, ...]:
        """Every municipality with a value (the national total left out)."""
        held = self._pools.get("nation")
        if held is None:
            held = self.pool("nation", (c for c in self.values if c != NATIONAL_CODE))
        return held

    def groups(self, groups: frozenset[str]) -> tuple[str, ...]:
        """The municipalities with a value in any of the DST ``groups``."""
        dst = self.dst_groups
        return self.pool(groups, (c for c in self.nation() if dst.get(c) in groups))

    def compare(
        self, pool: tuple[str, ...], code: str
    ) -> tuple[tuple[str, ...], list[float]]:
        """The codes of ``pool`` but ``code`` and their values in ascending order
        (equal values in code order, as a stable sort of the codes' values gives)."""
        ranked = self._ranked.get(pool)
        if ranked is None:
            values = self.values
            pairs = sorted(
                [(value, c) for c in pool if (value := values[c]) is not None]
            )
            ranked = self._ranked[pool] = (pairs, [value for value, _ in pairs])
        pairs, numbers = ranked
        value = self.values.get(code)
        if value is not None:
            at = bisect_left(pairs, (value, code))
            if at < len(pairs) and pairs[at][1] == code:
                return _without(pool, code), numbers[:at] + numbers[at + 1 :]
        return pool, numbers


def _without(pool: tuple[str, ...], code: str) -> tuple[str, ...]:
    """``pool`` (sorted) without ``code``."""
    i = bisect_left(pool, code)
    if i < len(pool) and pool[i] == code:
        return pool[:i] + pool[i + 1 :]
    return pool


def _position(
    kind: ComparisonKind,
    label: str,
    value: float | None,
    compared: tuple[tuple[str, ...], list[float]],
    direction: Direction,
    *,
    broadened: bool = False,
    note: str = "",
    national_value: float | None = None,
) -> Position:
    """The position among ``compared``: the other municipalities with a value (codes
    in order) and their values in ascending order (``_Field.compare``)."""
    members, numbers = compared
    if value is None:
        return Position(
            kind,
            label,
            members,
            None,
            len(members),
            None,
            None,
            "median",
            None,
            None,
            broadened,
            note or "Kommunen har intet tal for indikatoren.",
        )
    if len(members) < MIN_OTHERS:
        reason = (
            f"Kun {len(members)} andre kommuner med tal (mindst {MIN_OTHERS} kræves); "
            "ingen placering."
        )
        return Position(
            kind,
            label,
            members,
            None,
            len(members) + 1,
            None,
            None,
            "median",
            None,
            None,
            broadened,
            f"{note} {reason}".strip(),
        )
    below, ties, above = _counts_of_sorted(value, numbers)
    basis = "median"
    reference = _median_of_sorted(numbers)
    if national_value is not None:
        basis, reference = "national_total", national_value
    difference = value - reference
    percentile = 100.0 * (below + 0.5 * ties) / len(numbers)  # percentile_of
    better_than = None  # better_than_share
    if direction is Direction.HIGHER:
        better_than = percentile
    elif direction is Direction.LOWER:
        better_than = 100.0 - percentile
    return Position(
        kind=kind,
        label=label,
        compared_with=members,
        rank=1 + (below if direction is Direction.LOWER else above),  # rank_of
        size=len(numbers) + 1,
        percentile=percentile,
        reference=reference,
        reference_basis=basis,
        difference=difference,
        favourable=_favourable(difference, direction),
        broadened=broadened,
        note=note,
        better_than=better_than,
    )


def _danish_list(words: Sequence[str]) -> str:
    """ "a", "a og b", "a, b og c"."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} og {words[-1]}"


def _dst_group_position(
    code: str,
    value: float | None,
    field: _Field,
    direction: Direction,
) -> Position:
    everyone = field.compare(field.nation(), code)
    group = field.dst_groups.get(code)
    if group is None or group not in DST_GROUP_NAMES:
        return _position(
            ComparisonKind.DST_GROUP,
            "Hele landet (kommunegruppe ukendt)",
            value,
            everyone,
            direction,
            broadened=True,
            note="Kommunens kommunegruppe er ikke oplyst; sammenlignet med hele "
            "landet.",
        )
    name = DST_GROUP_NAMES[group]
    same = field.compare(field.groups(frozenset((group,))), code)
    if len(same[0]) >= MIN_OTHERS:
        return _position(
            ComparisonKind.DST_GROUP,
            f"Kommunegruppe: {name}",
            value,
            same,
            direction,
        )
    # Groups are ordered by urbanisation: widen to the neighbouring groups.
    near = {str(int(group) + step) for step in (-1, 0, 1)} & set(DST_GROUP_NAMES)
    wider = field.compare(field.groups(frozenset(near)), code)
    names = _danish_list([DST_GROUP_NAMES[g] for g in sorted(near)])
    if len(wider[0]) >= MIN_OTHERS:
        return _position(
            ComparisonKind.DST_GROUP,
            f"Kommunegrupper: {names}",
            value,
            wider,
            direction,
            broadened=True,
            note=f"{name} har for få andre kommuner med tal; sammenlignet med {names}.",
        )
    return _position(
        ComparisonKind.DST_GROUP,
        "Hele landet",
        value,
        everyone,
        direction,
        broadened=True,
        note=f"{names} har for få andre kommuner med tal; sammenlignet med "
        "hele landet.",
    )


def benchmark_municipality(
    values: Mapping[str, float | None],
    *,
    indicator_id: str,
    municipality_code: str,
    direction: Direction,
    partnership: Collection[str] = (),
    dst_groups: Mapping[str, str] | None = None,
    profiles: Mapping[str, StructuralProfile] | StructuralSpace | None = None,
    national_value: float | None = None,
    similar_count: int = SIMILAR_COUNT,
) -> Benchmark:
    """Positions one municipality among the others on one indicator.

    ``values`` holds the indicator for every municipality (code -> value or None);
    a key :data:`NATIONAL_CODE` is ignored there, pass the national figure as
    ``national_value``. Comparisons, in this order: the partnership (its other
    members), the nation (all others), the DST kommunegruppe (``dst_groups``: code ->
    "1"-"5"), and the ``similar_count`` structurally nearest municipalities with a value
    (``profiles``, or a :class:`StructuralSpace` built once for many calls). A group is
    used only with at least :data:`MIN_OTHERS` other municipalities with a value;
    otherwise the DST group widens to its neighbouring groups and then the nation, the
    similarity group falls back to the DST group, and the partnership gets no
    position — each with a note.
    """
    return _benchmark(
        _Field(values, partnership, dst_groups),
        indicator_id=indicator_id,
        code=municipality_code,
        direction=direction,
        profiles=profiles,
        national_value=national_value,
        similar_count=similar_count,
    )


def _benchmark(
    field: _Field,
    *,
    indicator_id: str,
    code: str,
    direction: Direction,
    profiles: Mapping[str, StructuralProfile] | StructuralSpace | None,
    national_value: float | None,
    similar_count: int,
) -> Benchmark:
    """``benchmark_municipality`` on an indicator's values prepared once."""
    values = field.values
    value = values.get(code)
    nation = field.compare(field.nation(), code)
    candidates = nation[0]
    partners = field.compare(field.pool("partnership", field.partnership), code)
    positions = [
        _position(
            ComparisonKind.PARTNERSHIP,
            "Partnerskabet",
            value,
            partners,
            direction,
        ),
        _position(
            ComparisonKind.NATION,
            "Hele landet",
            value,
            nation,
            direction,
            national_value=national_value,
        ),
    ]
    dst_position = _dst_group_position(code, value, field, direction)
    positions.append(dst_position)
    if profiles is not None and code in profiles and len(candidates) >= MIN_OTHERS:
        space = (
            profiles
            if isinstance(profiles, StructuralSpace)
            else StructuralSpace(profiles)
        )
        key = (code, candidates)
        nearest = field.nearest.get(key)
        if nearest is None:
            nearest = space.nearest(code, among=candidates, count=similar_count)
            field.nearest[key] = nearest
        positions.append(
            _position(
                ComparisonKind.SIMILAR,
                f"{len(nearest)} strukturelt sammenlignelige kommuner",
                value,
                field.compare(field.pool(("similar", nearest), nearest), code),
                direction,
            )
        )
    else:
        reason = (
            "Kommunens strukturdata (folketal, areal, andel udsatte børn) mangler"
            if profiles is None or code not in profiles
            else "For få kommuner har tal"
        )
        positions.append(
            replace(
                dst_position,
                kind=ComparisonKind.SIMILAR,
                broadened=True,
                note=(
                    f"{reason}; i stedet vises kommunegruppen. {dst_position.note}"
                ).strip(),
            )
        )
    return Benchmark(indicator_id, code, value, direction, tuple(positions))


@dataclass(frozen=True, slots=True)
class StructuralProfile:
    """A municipality's structure: size, urbanisation and share of vulnerable children.

    ``log_population`` = ln(population), ``log_density`` = ln(inhabitants per km²),
    ``vulnerable_share`` = BU43's share of 0-22-year-olds receiving support or placed.
    """

    log_population: float
    log_density: float
    vulnerable_share: float


def structural_profiles(
    figures: Iterable[FigureEvidence], *, year: int
) -> dict[str, StructuralProfile]:
    """Profiles of every municipality whose structure inputs are all present."""
    return _profiles_of(inputs_by_municipality(figures, year=year))


def _profiles_of(
    by_municipality: Mapping[str, Mapping[str, float | None]],
) -> dict[str, StructuralProfile]:
    """``structural_profiles`` of inputs already by municipality."""
    profiles: dict[str, StructuralProfile] = {}
    for code, inputs in by_municipality.items():
        population, area, share = (inputs.get(name) for name in STRUCTURE_INPUTS)
        if code == NATIONAL_CODE or population is None or area is None:
            continue
        if share is None or population <= 0 or area <= 0:
            continue
        profiles[code] = StructuralProfile(
            math.log(population), math.log(population / area), share
        )
    return profiles


class StructuralSpace:
    """Profiles standardised once (z-score per feature), for repeated neighbour queries.

    Each of the three features is standardised over all the profiles given (a feature
    that does not vary counts 0); the distance is Euclidean over the three.
    """

    def __init__(self, profiles: Mapping[str, StructuralProfile]) -> None:
        rows = {
            code: (p.log_population, p.log_density, p.vulnerable_share)
            for code, p in profiles.items()
        }
        columns = list(zip(*rows.values(), strict=True)) or [(), (), ()]
        centres = [math.fsum(c) / len(c) if c else 0.0 for c in columns]
        spreads = [
            math.sqrt(math.fsum((x - m) ** 2 for x in c) / len(c)) if c else 0.0
            for c, m in zip(columns, centres, strict=True)
        ]
        spreads = [s or 1.0 for s in spreads]
        self._coordinates = {
            code: tuple(
                (x - m) / s for x, m, s in zip(row, centres, spreads, strict=True)
            )
            for code, row in rows.items()
        }

    def __contains__(self, code: object) -> bool:
        return code in self._coordinates

    def nearest(
        self,
        code: str,
        *,
        among: Collection[str] | None = None,
        count: int = SIMILAR_COUNT,
    ) -> tuple[str, ...]:
        """The ``count`` codes nearest to ``code``, nearest first; ties: lower code.

        ``among`` limits the candidates (e.g. to municipalities with a value).
        KeyError when ``code`` has no profile.
        """
        origin = self._coordinates[code]
        pool = among if among is not None else self._coordinates
        distances = sorted(
            (math.dist(origin, self._coordinates[c]), c)
            for c in pool
            if c != code and c in self._coordinates
        )
        return tuple(c for _, c in distances[:count])


def similar_municipalities(
    profiles: Mapping[str, StructuralProfile],
    code: str,
    *,
    among: Collection[str] | None = None,
    count: int = SIMILAR_COUNT,
) -> tuple[str, ...]:
    """The ``count`` municipalities structurally nearest to ``code``, nearest first.

    Each of the three profile features is standardised (z-score over all
    ``profiles``); the distance is Euclidean over the three; ties go to the lower code.
    ``among`` limits the candidates (e.g. to municipalities with a value). For many
    queries over the same profiles build one :class:`StructuralSpace`.
    """
    return StructuralSpace(profiles).nearest(code, among=among, count=count)


def benchmark_key_figures(
    figures: Iterable[FigureEvidence],
    *,
    year: int,
    indicators: Sequence[Indicator],
    municipality_codes: Sequence[str],
    partnership: Collection[str],
    dst_groups: Mapping[str, str] | None = None,
    similar_count: int = SIMILAR_COUNT,
) -> tuple[Benchmark, ...]:
    """Benchmarks of ``municipality_codes`` on every indicator with a formula.

    ``figures`` should hold inputs for all 98 municipalities (and the national total
    under :data:`NATIONAL_CODE`), so that the nation and the groups are complete.
    ``dst_groups`` defaults to the ``dst_municipality_group`` figures.
    """
    by_municipality = inputs_by_municipality(figures, year=year)
    if dst_groups is None:
        dst_groups = dst_groups_of(by_municipality)
    space = StructuralSpace(_profiles_of(by_municipality))
    nearest: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
    result: list[Benchmark] = []
    for indicator in indicators:
        if indicator.id not in FORMULAS:
            continue
        values = {
            code: compute_indicator(indicator.id, inputs)
            for code, inputs in by_municipality.items()
        }
        national = values.pop(NATIONAL_CODE, None)
        field = _Field(values, partnership, dst_groups, nearest)
        for code in municipality_codes:
            result.append(
                _benchmark(
                    field,
                    indicator_id=indicator.id,
                    code=code,
                    direction=indicator.direction,
                    profiles=space,
                    national_value=national,
                    similar_count=similar_count,
                )
            )
    return tuple(result)
