"""Benchmark: the whole analysis of a generated national round (98 municipalities).

98 municipalities x 150 respondents, 5 screened cases each (one double-screened),
three coded interviews each and every key-figure input of every municipality and the
nation (so each of the 18 indicators is benchmarked for all 98); times
``assess_round`` and quotes the median of several runs, each with the analysis caches
cleared. Target: median < 1 s. Last line: ``BENCH analysis median_s=<seconds>``.
"""

from __future__ import annotations

import os
import statistics
import time

from parathed.analysis.partnership import partnership_reasons
from parathed.analysis.round import assess_round
from parathed.analysis.survey import municipal_reasons
from parathed.demo.generator import generate_national_round
from parathed.instrument.loader import load_instrument

RUNS = 5


def main() -> None:
    """Generates the round once, then times the analysis ``RUNS`` times, cold caches."""
    instrument = load_instrument()
    evidence = generate_national_round(instrument=instrument)
    answers = sum(
        len(r.answers) for m in evidence.municipalities for r in m.survey.responses
    )
    times = []
    cpu = []
    for _ in range(RUNS):
        municipal_reasons.cache_clear()
        partnership_reasons.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        assessment = assess_round(evidence, instrument=instrument)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    median = statistics.median(times)
    print(
        f"municipalities={len(assessment.municipalities)} answers={answers} "
        f"cases={sum(len(m.cases) for m in evidence.municipalities)} "
        f"figures={len(evidence.figures)} "
        f"runs={RUNS} min_s={min(times):.3f} max_s={max(times):.3f}"
    )
    # On a shared machine wall time includes waiting for a core; CPU time does not.
    print(f"cpu_median_s={statistics.median(cpu):.3f} load={os.getloadavg()[0]:.1f}")
    print(f"BENCH analysis median_s={median:.3f}")


if __name__ == "__main__":
    main()
