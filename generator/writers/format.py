"""Format generated Python once, at the end, with the pinned ruff."""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

# Every generated file is formatted: the user's ignore files (the staging folder sits in their
# tree; a `.gitignore` with `lib/`) and ruff's default excludes (a package named `venv`) would
# make ruff skip some without a word.
RUFF_ARGS = [
    "--isolated",
    "--no-respect-gitignore",
    "--config",
    "exclude = []",
    "--line-length",
    "100",
    "--target-version",
    "py310",
]


def _ruff() -> str:
    """The pinned ruff's binary, run directly: `python -m ruff` would first start a Python
    interpreter only to exec it (a tenth of a second per call on a small spec)."""
    from ruff import find_ruff_bin

    return os.fsdecode(find_ruff_bin())


class FormatError(RuntimeError):
    """ruff could not format what a template produced: a specgen bug, never a docs problem."""


def format_python(
    files: dict[str, str],
    workdir: Path | None = None,
    first_party: tuple[str, ...] = (),
    roots: tuple[str, ...] | None = None,
) -> dict[str, str]:
    """The same files with every `.py` import-sorted and formatted by the pinned ruff (run once
    over a tree on disk). The tree is a temp folder, or `workdir` when given: a folder of the
    caller's, where the formatted `.py` files are left (the output's staging folder, so that
    they are written once). ruff formats only `roots` (folders or files; by default these
    files' top-level folders), so another `format_python` may work in the same `workdir` at
    the same time on others.
    `first_party` names the packages isort puts last: said outright, not guessed from which
    folders happen to exist (which would make the output depend on the order of work)."""
    py = {p: t for p, t in files.items() if p.endswith(".py")}
    if not py:
        return files
    if roots is None:
        roots = tuple(sorted({PurePosixPath(rel).parts[0] for rel in py}))
    if workdir is not None:
        return {**files, **_format_in(workdir, py, first_party, roots)}
    with tempfile.TemporaryDirectory(prefix="specgen-fmt-") as tmp:
        return {**files, **_format_in(Path(tmp), py, first_party, roots)}


def _format_in(
    root: Path, py: dict[str, str], first_party: tuple[str, ...], roots: tuple[str, ...]
) -> dict[str, str]:
    for rel, text in py.items():
        if PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
            raise FormatError(f"generated path {rel!r} leaves the output folder")
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    isort = f"lint.isort.known-first-party = {sorted(first_party)!r}"
    for step in (
        ["check", "--select", "I,RUF022", "--fix", "--exit-zero", "--config", isort],
        ["format"],
    ):
        proc = subprocess.run(
            [_ruff(), *step, *RUFF_ARGS, "--no-cache", "--", *roots],
            cwd=root,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise FormatError(proc.stderr.strip() or proc.stdout.strip())
    return {rel: (root / rel).read_text(encoding="utf-8") for rel in py}
