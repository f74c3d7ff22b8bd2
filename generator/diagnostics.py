"""Diagnostics: values with a code, a level and a source span, collected and printed grouped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from generator.source import Span


class Level(StrEnum):
    """How bad a diagnostic is: errors stop generation, warnings and notes do not."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


# Every diagnostic code, documented once. The README's list is checked against this table.
CODES: dict[str, str] = {
    # reading files
    "R001": "file is not valid UTF-8",
    "R002": "file contains binary data (NUL bytes)",
    "R003": "file has reference constructs but is in no known documentation flavor",
    "R004": "file is empty",
    "R005": "file is larger than the reader accepts",
    "R006": "file repeats another file byte for byte and was read once",
    "R007": "spec folder is missing or documents no operation: nothing to generate",
    "R008": "file is a TypeScript SDK reference page and was skipped (a note)",
    "R009": "file has no reference construct (a guide, a table of contents, an SDK README)"
    " and was skipped (a note)",
    "C001": "configuration file is invalid",
    # document structure
    "D001": "construct the reader does not understand",
    "D002": "type expression could not be parsed",
    "D003": "summary (count or names) disagrees with the fields, values or variants listed",
    "D004": "operation has no HTTP method and path",
    "D005": "SDK method signature is malformed or names an undocumented argument",
    "D006": "example is not valid JSON, or holds a value no output can carry",
    "D007": "bullet indentation does not fit the list structure",
    "D008": "nesting deeper than the reader accepts",
    "D009": "file ends in the middle of a construct (truncated)",
    "D010": "constraint could not be parsed",
    # merging and resolving
    "M001": "reference to a type that is documented nowhere",
    "M002": "two descriptions of the same type conflict",
    "M003": "two descriptions of the same operation conflict",
    "M004": "the same operation is documented twice in one file",
    "M005": "field from a web page matches no documented field",
    "M006": "type is documented only as a flat web listing; its nesting was inferred",
    "M007": "operation response inferred from the resource's naming convention",
    "M008": "path parameter not documented; assumed to be a required string",
    "M009": "name collides with another (or with one the generated code uses) as an identifier",
    "M010": "name is not usable as a Python identifier and was rewritten",
    "M011": "union variants share no distinct tag; no discriminator",
    "M012": "example does not match the documented type",
    "M013": "a name documented with another shape elsewhere: told apart as a type of its own",
    "M014": "request or response kind taken from an example, a name or a description",
    "M015": "Python parameter is a field of the whole request body (`body: A or B`), read as such",
    # writing
    "W001": "operation left out of the SDK and the server: a kind they cannot write yet",
}


MAX_MESSAGE = 400  # characters; messages quote the docs, which can hold anything
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """A message as one printable line of bounded length: docs text quoted in it can neither
    break the `file:line: level CODE: message` format nor send escape codes to a terminal."""
    text = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], message)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One finding about the input, pointing at the docs."""

    span: Span
    code: str
    level: Level = field(compare=False)
    message: str = field(compare=True)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code}")

    def format(self) -> str:
        """`file:line: level code: message`, the one format users see."""
        where = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], str(self.span))  # file names too
        return f"{where}: {self.level.value} {self.code}: {self.message}"


class Diagnostics:
    """A collector: readers and builders add to it; nobody raises on bad input."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []

    def error(self, span: Span, code: str, message: str) -> None:
        self._items.append(Diagnostic(span, code, Level.ERROR, one_line(message)))

    def warning(self, span: Span, code: str, message: str) -> None:
        self._items.append(Diagnostic(span, code, Level.WARNING, one_line(message)))

    def note(self, span: Span, code: str, message: str) -> None:
        self._items.append(Diagnostic(span, code, Level.NOTE, one_line(message)))

    def extend(self, items: Diagnostics | list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self._items.extend(items.items if isinstance(items, Diagnostics) else items)

    def __len__(self) -> int:
        """How many were added so far (repeats included): a cheap "did anything go wrong here"."""
        return len(self._items)

    @property
    def items(self) -> tuple[Diagnostic, ...]:
        """Deduplicated and sorted by file, line, code: stable whatever the reading order."""
        return tuple(sorted(set(self._items)))

    @property
    def has_errors(self) -> bool:
        return any(d.level is Level.ERROR for d in self._items)

    def render(self, *, min_level: Level = Level.WARNING) -> str:
        """Grouped by file, errors and warnings (notes only when asked)."""
        keep = {Level.ERROR, Level.WARNING} if min_level is not Level.NOTE else set(Level)
        lines = [d.format() for d in self.items if d.level in keep]
        return "\n".join(lines)
