"""Where specgen's own files are (kept free of heavy imports: `specgen check` reads it first)."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """`templates/` beside the package in a checkout; packaged copy in an installed wheel."""
    packaged = PACKAGE / "_templates"
    if packaged.is_dir():
        return packaged
    return PACKAGE.parent / "templates"
