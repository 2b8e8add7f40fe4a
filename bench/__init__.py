"""Benchmarks: each prints its figures next to the baseline its issue names."""
