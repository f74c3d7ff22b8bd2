"""The generator passes `mypy --strict` (configured in pyproject.toml, mypy pinned exactly), and
every `type: ignore` left in it says why on the lines just above it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_generator_passes_mypy_strict(tmp_path: Path):
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "generator"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "MYPY_FORCE_COLOR": "0"},
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    assert "Success: no issues found" in done.stdout


def test_every_type_ignore_says_why():
    unexplained = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if re.search(r"#\s*type:\s*ignore", line):
                above = lines[i - 1].strip() if i else ""
                if not above.startswith("#"):
                    unexplained.append(f"{path.relative_to(ROOT)}:{i + 1}")
    assert not unexplained, f"type: ignore without a comment saying why: {unexplained}"
