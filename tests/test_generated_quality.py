"""Static quality of the whole generated tree: the pinned ruff (lint and format, with the config
the output ships) and mypy --strict over the SDK and the server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True)


def test_generated_code_passes_ruff_check_and_format(generated_dir: Path):
    lint = run(["ruff", "check", "--no-cache", "."], generated_dir)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = run(["ruff", "format", "--no-cache", "--check", "."], generated_dir)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


@pytest.mark.slow
def test_generated_code_type_checks_strictly(generated_dir: Path):
    done = run(
        ["mypy", "--strict", "--no-incremental", "-p", "letta_sdk", "-p", "letta_server"],
        generated_dir,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr
    assert done.stdout.startswith("Success: no issues found")
