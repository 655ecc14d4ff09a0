"""Key figures (nøgletal): the input vocabulary, indicator values and benchmarks.

Three parts, all pure (no Django, no I/O, no clock):

1. **Inputs** (:data:`INPUTS`): every raw number the key-figure analysis uses, by name.
   A StatBank input carries the table and selection to fetch (``parathed.statbank``
   fetches it; this package never does). A municipal input (``municipal:…``) comes from
   the municipality's own upload. The classification input ``dst_municipality_group``
   is the municipality's DST kommunegruppe (see *Where the DST group comes from*).
   :class:`parathed.analysis.evidence.FigureEvidence` names its input here.
2. **Indicators** (:data:`FORMULAS`): each of the instrument's indicators computed from
   inputs, following ``indicators.toml`` (``KF-ES02`` = children with notifications per
   1,000 aged 0-17, …). A missing input gives a missing indicator, never 0.
3. **Benchmarks**: each municipality's position against the partnership, the nation,
   its DST kommunegruppe and its structurally most similar municipalities
   (:func:`benchmark_municipality`, :func:`benchmark_key_figures`).

Where the DST group comes from
------------------------------
parathed ships no copy of DST's classification KOMMUNEGRUPPER (v1, 2018). The group is
an input like any other figure: ``dst_municipality_group`` with the group code 1-5 as
its value and DST's citation as its source. ``parathed.statbank.fetch_inputs`` reads it
from the StatBank (the ``KOMGRP`` variable of table LABY16 lists each municipality under
its group; see ``parathed.statbank.groups``) and it is stored with the other figures.
:func:`dst_groups_from_figures` turns those figures into the mapping the benchmarks use
(a caller may also pass the mapping directly). Without it the DST-group comparison
falls back to the nation and says so. The structural-similarity group needs no
configuration: it is computed from StatBank inputs (population, area, share of
vulnerable children).
"""

from parathed.analysis.keyfigures.benchmarks import (
    MIN_OTHERS,
    SIMILAR_COUNT,
    Benchmark,
    ComparisonKind,
    Position,
    StructuralProfile,
    StructuralSpace,
    benchmark_key_figures,
    benchmark_municipality,
    better_than_share,
    percentile_of,
    rank_of,
    similar_municipalities,
    structural_profiles,
)
from parathed.analysis.keyfigures.indicators import (
    FORMULAS,
    Formula,
    compute_indicator,
    dst_groups_from_figures,
    indicator_values,
    inputs_by_municipality,
)
from parathed.analysis.keyfigures.inputs import (
    DST_GROUP_INPUT,
    DST_GROUP_NAMES,
    INPUTS,
    NATIONAL_CODE,
    STRUCTURE_INPUTS,
    InputKind,
    KeyFigureInput,
    PeriodRule,
    StatBankSelection,
    input_by_name,
    municipal_inputs,
    statbank_inputs,
)

__all__ = [
    "DST_GROUP_INPUT",
    "DST_GROUP_NAMES",
    "FORMULAS",
    "INPUTS",
    "MIN_OTHERS",
    "NATIONAL_CODE",
    "SIMILAR_COUNT",
    "STRUCTURE_INPUTS",
    "Benchmark",
    "ComparisonKind",
    "Formula",
    "InputKind",
    "KeyFigureInput",
    "PeriodRule",
    "Position",
    "StatBankSelection",
    "StructuralProfile",
    "StructuralSpace",
    "benchmark_key_figures",
    "benchmark_municipality",
    "better_than_share",
    "compute_indicator",
    "dst_groups_from_figures",
    "indicator_values",
    "input_by_name",
    "inputs_by_municipality",
    "municipal_inputs",
    "percentile_of",
    "rank_of",
    "similar_municipalities",
    "statbank_inputs",
    "structural_profiles",
]
