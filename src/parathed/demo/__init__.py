"""Synthetic, clearly labelled demo partnerships for the demo, tests and benchmarks."""
