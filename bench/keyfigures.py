"""Benchmark: key-figure benchmarks for all 98 municipalities on all 18 indicators.

Synthetic inputs (deterministic, no network) for the 98 municipalities and the nation:
every StatBank and municipal input, DST groups and structure. Times
``benchmark_key_figures`` for every municipality and indicator (98 x 18 benchmarks, four
comparisons each) and quotes the median of several runs. Target: median < 2 s. Last
line: ``BENCH keyfigures median_s=<seconds>``.
"""

from __future__ import annotations

import random
import statistics
import time

from parathed.analysis.evidence import FigureEvidence
from parathed.analysis.keyfigures import (
    INPUTS,
    NATIONAL_CODE,
    InputKind,
    benchmark_key_figures,
)
from parathed.instrument.loader import load_instrument
from parathed.reference.municipalities import all_municipalities

RUNS = 5
YEAR = 2025


def synthetic_figures() -> list[FigureEvidence]:
    """One value per input and municipality, drawn from a fixed seed."""
    rng = random.Random(6)  # noqa: S311 (not cryptography)
    figures = []
    for code in [m.code for m in all_municipalities()] + [NATIONAL_CODE]:
        for name, item in INPUTS.items():
            if item.kind is InputKind.CLASSIFICATION:
                value = float(rng.randint(1, 5))
            elif item.unit == "procent":
                value = rng.uniform(0.5, 8.0)
            else:
                value = float(rng.randint(50, 50000))
            figures.append(FigureEvidence(code, name, YEAR, value, "syntetisk"))
    return figures


def main() -> None:
    """Builds the inputs once, then times the benchmarks ``RUNS`` times."""
    instrument = load_instrument()
    figures = synthetic_figures()
    codes = [m.code for m in all_municipalities()]
    times = []
    count = 0
    for _ in range(RUNS):
        start = time.perf_counter()
        result = benchmark_key_figures(
            figures,
            year=YEAR,
            indicators=instrument.indicators,
            municipality_codes=codes,
            partnership=codes[:8],
        )
        times.append(time.perf_counter() - start)
        count = len(result)
    print(
        f"figures={len(figures)} benchmarks={count} runs={RUNS} "
        f"min_s={min(times):.3f} max_s={max(times):.3f}"
    )
    print(f"BENCH keyfigures median_s={statistics.median(times):.3f}")


if __name__ == "__main__":
    main()
