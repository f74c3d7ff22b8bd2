"""Benchmark harness of specgen: `python -m bench --help` (see bench/README.md)."""
