"""Source spans: every fact and IR node remembers where in the docs it came from."""

from __future__ import annotations

from dataclasses import dataclass

from generator.picklable import by_fields


@by_fields
@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A file (posix path relative to the spec folder) and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"
