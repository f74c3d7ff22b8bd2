"""Parity of a generated SDK with the official client (`letta-client`, pinned in the `test`
extra): the oracle is introspected at run time, never read by the generator.

`measure(sdk, spec)` compares the SDK package at `sdk` (a folder such as `output/letta_sdk`; its
name is the package name) over the resources that the docs in `spec` document (from the IR:
each operation's `resource`), and returns a `Report` of figures and mismatches.
`check_baseline` is the ratchet against `baseline.json`. From the command line:
`python -m tests.parity [--sdk DIR] [--spec DIR] [--update]` (see `__main__.py`).
"""

from __future__ import annotations

from .baseline import BASELINE, check_baseline, read_baseline, write_baseline
from .compare import FIGURES, Report, compare
from .measure import documented_resources, measure, measure_packages

__all__ = [
    "BASELINE",
    "FIGURES",
    "Report",
    "check_baseline",
    "compare",
    "documented_resources",
    "measure",
    "measure_packages",
    "read_baseline",
    "write_baseline",
]
