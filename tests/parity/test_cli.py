"""`python -m tests.parity`: measures, checks the baseline only for the project's own output,
writes it with `--update`. Run on the five sample pages (the project's `spec/` grows)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .__main__ import ROOT, main
from .baseline import UPDATE_COMMAND

SAMPLE_SPEC = ROOT / "tests" / "fixtures" / "sample-spec"


def test_update_then_check_then_a_stale_baseline(tmp_path: Path, capsys) -> None:
    baseline = tmp_path / "baseline.json"
    assert main(["--update", "--show", "0"], baseline=baseline, spec=SAMPLE_SPEC) == 0
    assert "methods_found" in capsys.readouterr().out
    figures = json.loads(baseline.read_text())["figures"]
    assert figures["methods_found"][1] > 0
    figures["methods_found"][0] -= 1  # the baseline says less than is true
    baseline.write_text(json.dumps({"figures": figures}))
    assert main([], baseline=baseline, spec=SAMPLE_SPEC) == 1
    out = capsys.readouterr().out
    assert "methods_found: rose from" in out and UPDATE_COMMAND in out


def test_any_sdk_and_docs_are_measured_without_the_baseline(tmp_path: Path, capsys) -> None:
    absent = tmp_path / "absent.json"  # not read: no baseline is checked for other folders
    sdk = ROOT / "output" / "letta_sdk"
    assert main(["--sdk", str(sdk), "--spec", str(SAMPLE_SPEC)], baseline=absent) == 0
    out = capsys.readouterr().out
    assert out.startswith("parity with the official client:")
    assert "baseline" not in out


def test_update_refuses_another_folder(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--update", "--sdk", "/tmp/x"])
    assert exit_.value.code == 2
    assert "--update writes the project's baseline" in capsys.readouterr().err
