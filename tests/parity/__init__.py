"""Parity of a generated SDK with the official client (`letta-client`, pinned in the `test`
extra): the oracle is introspected at run time, never read by the generator.

`measure(sdk, spec)` compares the SDK package at `sdk` (a folder such as `output/letta_sdk`; its
name is the package name) over the resources that the docs in `spec` document (from the IR:
each operation's `resource`), and returns a `Report` of figures and mismatches.
"""

from __future__ import annotations

from .compare import FIGURES, Report, compare
from .measure import documented_resources, measure, measure_packages

__all__ = [
    "FIGURES",
    "Report",
    "compare",
    "documented_resources",
    "measure",
    "measure_packages",
]
