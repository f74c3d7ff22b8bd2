"""The official client compared with itself, over every resource it has: every figure is full.
This proves the introspection reads the whole oracle (TypedDict inputs, generic pages, streams,
nested resources, aliases) and would not report differences that are not there."""

from __future__ import annotations

import importlib
from pathlib import Path

from . import surface
from .measure import CLIENT_KWARGS, ORACLE_PACKAGE, measure_packages


def test_the_oracle_against_itself_is_full_parity() -> None:
    oracle = importlib.import_module(ORACLE_PACKAGE)
    methods = surface.api_methods(oracle.Letta(**CLIENT_KWARGS))
    resources = {m.resource for m in methods}
    assert () in resources  # `health()` on the client itself
    report = measure_packages(Path(oracle.__file__).parent, resources, ORACLE_PACKAGE, "Letta")
    assert report.mismatches == report.module_mismatches == []
    assert report.figures["methods_found"][1] == len(methods)
    for key, (count, total) in report.figures.items():
        assert total > 0 and count == total, key
