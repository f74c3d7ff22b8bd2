"""Every test file under tests/ is collected: a folder pytest skips (`norecursedirs` holds
`build`, `dist`, `venv`, ...), a missing `__init__.py` that makes two basenames clash, or a
file that fails to import would otherwise run 0 tests without a word."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"


def _test_files() -> set[str]:
    return {
        p.relative_to(ROOT).as_posix()
        for p in TESTS.rglob("test_*.py")
        if "__snapshots__" not in p.parts and "corpus" not in p.relative_to(TESTS).parts[:1]
    }


def test_every_test_file_is_collected():
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        + ["--snapshot-warn-unused", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    collected = {line.split("::", 1)[0] for line in done.stdout.splitlines() if "::" in line}
    files = _test_files()
    assert files, "no test files found: the glob is wrong"
    missing = sorted(files - collected)
    assert not missing, f"test files pytest does not collect: {missing}"
    assert "tests/resolve/test_merge.py" in collected  # the folder once named like an artifact
