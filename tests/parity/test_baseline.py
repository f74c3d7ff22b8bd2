"""The ratchet: any difference from the baseline fails, and says which way and how to update."""

from __future__ import annotations

from pathlib import Path

from .baseline import UPDATE_COMMAND, check_baseline, read_baseline, write_baseline
from .compare import FIGURES, Report


def report_with(**changes: tuple[int, int]) -> Report:
    report = Report()
    for key in FIGURES:
        report.figures[key] = list(changes.get(key, (5, 10)))
    return report


def baseline() -> dict[str, list[int]]:
    return {key: [5, 10] for key in FIGURES}


def test_equal_figures_pass() -> None:
    assert check_baseline(report_with(), baseline()) == []


def test_a_drop_is_a_regression() -> None:
    assert check_baseline(report_with(fields_equal=(4, 10)), baseline()) == [
        "fields_equal: dropped from 5 to 4 / 10: a regression"
    ]


def test_a_rise_must_raise_the_baseline() -> None:
    assert check_baseline(report_with(methods_found=(6, 10)), baseline()) == [
        "methods_found: rose from 5 to 6 / 10: raise the baseline"
    ]


def test_a_changed_total_must_be_recorded() -> None:
    # even with a better ratio: the baseline must say what is measured now
    (problem,) = check_baseline(report_with(models_found=(50, 60)), baseline())
    assert problem.startswith("models_found: measured over 60, the baseline over 10")


def test_figures_missing_from_either_side() -> None:
    old = baseline()
    del old["aliases_equal"]
    old["retired_figure"] = [1, 1]
    assert check_baseline(report_with(), old) == [
        "retired_figure: in the baseline but no longer measured",
        "aliases_equal: 5 / 10 is not in the baseline",
    ]


def test_written_baseline_reads_back_and_names_the_update_command(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    report = report_with(methods_found=(7, 9))
    write_baseline(report, path)
    assert read_baseline(path) == report.figures
    text = path.read_text()
    assert UPDATE_COMMAND in text
    assert '"methods_found": [7, 9],' in text  # one figure a line: a readable diff


def test_the_committed_baseline_has_every_figure() -> None:
    assert set(read_baseline()) == set(FIGURES)
