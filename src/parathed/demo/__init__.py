"""Synthetic, clearly labelled demo partnerships for ``make demo``, tests and benchmarks."""
