"""Big specs are read in two halves side by side (a forked child reads one): the facts and the
diagnostics are the same as when one process reads every file."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT, SAMPLE_SPEC

from generator import readers

# Run in a fresh interpreter: it has one thread, so it may fork (this test process may not).
SCRIPT = """
import pickle, sys
from pathlib import Path
from generator import forked, readers
from generator.diagnostics import Diagnostics
readers.PARALLEL_MIN_BYTES = 0  # halves however small the folder
diags = Diagnostics()
docs = readers.read_spec(Path(sys.argv[1]), diags)
sys.stdout.buffer.write(pickle.dumps((forked.can_fork(), docs, diags.items)))
"""


def _read(spec: Path, **env: str) -> tuple[bool, list, tuple]:
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(spec)],
        capture_output=True,
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
    )
    return pickle.loads(proc.stdout)


@pytest.fixture
def mixed_spec(tmp_path: Path) -> Path:
    """The sample docs, a mirror copy of one, and broken files from the corpus (diagnostics)."""
    spec = tmp_path / "spec"
    shutil.copytree(SAMPLE_SPEC, spec)
    shutil.copy(SAMPLE_SPEC / "tools.http.md", spec / "mirror-tools.http.md")
    for name in ("binary-garbage.md", "empty.md", "http-indent-odd.http.md", "http-bom.http.md"):
        shutil.copy(ROOT / "tests" / "corpus" / name, spec / name)
    return spec


def test_two_halves_read_what_one_process_reads(mixed_spec: Path):
    forked_run, docs, diags = _read(mixed_spec)
    one_run, one_docs, one_diags = _read(mixed_spec, SPECGEN_JOBS="1")
    assert forked_run and not one_run  # the two paths were really taken
    assert docs == one_docs and len(docs) >= 6
    assert diags == one_diags
    codes = {d.code for d in diags}
    assert {"R006", "R004", "D007"} <= codes  # mirror, empty file, bad indentation


def test_the_split_is_by_bytes_in_order():
    files = [(f"f{i}", b"x" * size, str(i)) for i, size in enumerate([10, 10, 10, 30])]
    assert readers._split(files, 0.5) == [files[:3], files[3:]]
    assert readers._split(files, 0.3) == [files[:2], files[2:]]
    assert readers._split(files[:1], 0.5) == [files[:1]]  # one file: nothing to split
    assert 0 < readers.CHILD_SHARE < 0.5  # the child also pickles what it read
