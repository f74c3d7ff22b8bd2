"""The ratchet: the figures of the project's `output/` against `baseline.json`.

Any difference fails: a figure below its baseline is a regression; a figure above it, or a
changed total (the docs, the generated SDK or the oracle changed what is measured), means the
baseline no longer tells the truth and must be raised with `UPDATE_COMMAND`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .compare import FIGURES, Report

BASELINE = Path(__file__).with_name("baseline.json")
UPDATE_COMMAND = ".venv/bin/python -m tests.parity --update"


def read_baseline(path: Path = BASELINE) -> dict[str, list[int]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    figures: dict[str, list[int]] = data["figures"]
    return figures


def write_baseline(report: Report, path: Path = BASELINE) -> None:
    data = {
        "about": "figures of tests/test_parity.py; update with: " + UPDATE_COMMAND,
        "figures": report.figures,
    }
    text = json.dumps(data, indent=2)
    # one figure per line: `"methods_found": [7, 10],`
    text = text.replace(",\n      ", ", ").replace("[\n      ", "[").replace("\n    ]", "]")
    path.write_text(text + "\n", encoding="utf-8")


def check_baseline(report: Report, baseline: dict[str, list[int]]) -> list[str]:
    """What differs from the baseline, one line per figure (empty when nothing does)."""
    problems = []
    for key in sorted(baseline.keys() - report.figures.keys()):
        problems.append(f"{key}: in the baseline but no longer measured")
    for key in FIGURES:
        count, total = report.figures[key]
        if key not in baseline:
            problems.append(f"{key}: {count} / {total} is not in the baseline")
            continue
        was_count, was_total = baseline[key]
        if total != was_total:
            problems.append(
                f"{key}: measured over {total}, the baseline over {was_total} "
                f"({count} / {total} against {was_count} / {was_total}): what is measured changed"
            )
        elif count < was_count:
            problems.append(f"{key}: dropped from {was_count} to {count} / {total}: a regression")
        elif count > was_count:
            problems.append(
                f"{key}: rose from {was_count} to {count} / {total}: raise the baseline"
            )
    return problems
