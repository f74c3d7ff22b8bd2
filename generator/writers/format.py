"""Format generated Python once, at the end, with the pinned ruff."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

RUFF_ARGS = ["--isolated", "--line-length", "100", "--target-version", "py310"]


class FormatError(RuntimeError):
    """ruff could not format what a template produced: a specgen bug, never a docs problem."""


def format_python(files: dict[str, str]) -> dict[str, str]:
    """The same files with every `.py` import-sorted and formatted by the pinned ruff (run once
    over a temp tree)."""
    py = {p: t for p, t in files.items() if p.endswith(".py")}
    if not py:
        return files
    with tempfile.TemporaryDirectory(prefix="specgen-fmt-") as tmp:
        root = Path(tmp)
        for rel, text in py.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        for step in (["check", "--select", "I,RUF022", "--fix", "--exit-zero"], ["format"]):
            proc = subprocess.run(
                [sys.executable, "-m", "ruff", *step, *RUFF_ARGS, "--no-cache", "."],
                cwd=root,
                capture_output=True,
                text=True,
            )
            if proc.returncode != 0:
                raise FormatError(proc.stderr.strip() or proc.stdout.strip())
        out = dict(files)
        for rel in py:
            out[rel] = (root / rel).read_text(encoding="utf-8")
    return out
