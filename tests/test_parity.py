"""Parity of the SDK generated from `spec/` (the committed `output/`, which the golden test keeps
in sync with it) with the official client, `letta-client` pinned in the `test` extra: for each
official method of a resource `spec/` documents, the generated method and its signature, and
the names, aliases, requiredness and nullability of every model reachable from them.

The figures are a ratchet against `tests/parity/baseline.json`: lower fails (a regression),
higher fails too until the baseline is raised (`python -m tests.parity --update`), so the
committed figures are always the true ones. `pytest -s` prints them with the first mismatches.
"""

from __future__ import annotations

from parity import check_baseline, measure, read_baseline
from parity.baseline import UPDATE_COMMAND
from paths import ROOT, SPEC

from generator.config import load_config
from generator.diagnostics import Diagnostics


def test_parity_with_the_official_client() -> None:
    sdk = ROOT / "output" / load_config(SPEC, Diagnostics()).sdk_package
    report = measure(sdk, SPEC)
    print(report.render())
    problems = check_baseline(report, read_baseline())
    assert not problems, (
        f"the parity figures differ from tests/parity/baseline.json; if the change is meant, "
        f"update it with: {UPDATE_COMMAND}\n  " + "\n  ".join(problems) + "\n" + report.render()
    )
