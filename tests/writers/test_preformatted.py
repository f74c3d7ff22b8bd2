"""The models come out of the templates as ruff would format them (ruff still runs: this is what
keeps it from rewriting 4,600 files at 100x the spec). Left to it: lines over the length limit
(wrapping annotations is the formatter's job) and the indentation of multi-line class
docstrings (written verbatim; in these corpora they also have a long line)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bench import synth
from generator.pipeline import load
from generator.writers import models
from generator.writers.format import RUFF_ARGS, _ruff
from generator.writers.imports import LINE_LENGTH


def _left_to_ruff(spec: Path, tmp: Path) -> tuple[set[str], set[str]]:
    """Model files ruff would change, and those of them with a line over the limit."""
    loaded = load(spec)
    files = models.render_models(loaded.api, loaded.config)
    for rel, text in files.items():
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_text(text, encoding="utf-8")
    first_party = sorted([loaded.config.sdk_package, loaded.config.server_package])
    isort = f"lint.isort.known-first-party = {first_party!r}"
    lint = ["check", "--select", "I,RUF022", "--config", isort, "--output-format", "concise"]
    checked = subprocess.run(
        [_ruff(), *lint, *RUFF_ARGS, "--no-cache", "--exit-zero", "."],
        cwd=tmp,
        capture_output=True,
        text=True,
    )
    formatted = subprocess.run(
        [_ruff(), "format", "--check", "--output-format", "concise", *RUFF_ARGS, "--no-cache", "."],
        cwd=tmp,
        capture_output=True,
        text=True,
    )
    output = (checked.stdout + formatted.stdout).splitlines()
    changed = {line.split(":")[0] for line in output if ".py:" in line}
    long = {
        rel
        for rel in changed
        if any(len(line) > LINE_LENGTH for line in (tmp / rel).read_text().splitlines())
    }
    return changed, long


def test_the_real_models_need_ruff_only_for_long_lines(spec_dir, tmp_path):
    changed, long = _left_to_ruff(spec_dir, tmp_path)
    assert changed == long
    assert 0 < len(changed) < 40  # of 105 files (the spec has long unions and literal lists)


def test_synthetic_models_need_ruff_only_for_long_lines(tmp_path):
    synth.write_corpus(tmp_path / "docs", 1)
    changed, long = _left_to_ruff(tmp_path / "docs", tmp_path / "out")
    assert changed == long
