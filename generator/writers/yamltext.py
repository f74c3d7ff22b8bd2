"""Block-style YAML text for JSON-like data (dict, list, tuple, str, int, float, bool, None).

A small, fast replacement for `yaml.dump` on the OpenAPI document. Strings come from the docs, so
they are untrusted: a string is written plain only when YAML 1.1 and 1.2 loaders certainly read it
back as the same string; otherwise it is quoted, or written as a `|` block literal when it spans
lines and a literal holds it exactly. No anchors, no line wrapping, key order kept as given.
"""

from __future__ import annotations

import math
import re
import string
from typing import Any

_INDENT = "  "
_SEQUENCE = (list, tuple)  # a tuple, not `list | tuple`: isinstance() checks it faster

# First characters of a plain scalar: none starts a number, timestamp, `.inf`, `<<`, `=`, `~` or an
# indicator, so the only plain words left to read as non-strings are the bool/null words below.
_PLAIN_FIRST = frozenset(string.ascii_letters + "_/$")
# YAML 1.1 bool/null words (1.2's are a subset), compared lowercased: `No`, `oN`, `NULL`, ...
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_RESERVED_MAX = max(map(len, _RESERVED))

# YAML caps an implicit (`key: value`) key at 1024 characters; longer keys take the explicit
# `? key` form. Measured in UTF-8 bytes, with a margin, in case a loader counts bytes.
_IMPLICIT_KEY_MAX = 1000

# In a double-quoted scalar: every character except printable ASCII other than `"` and `\`.
_NOT_SIMPLE = re.compile(r"[^\x20\x21\x23-\x5b\x5d-\x7e]")
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def dump(data: Any) -> str:
    """YAML text of `data` (block style), ending with exactly one newline.

    Raises TypeError for a value (or key) that is not JSON-like."""
    writer = _Writer()
    if isinstance(data, dict) and data:
        writer.mapping(data, "", "")
    elif isinstance(data, _SEQUENCE) and data:
        writer.sequence(data, "", "")
    elif isinstance(data, str):
        # Never a block literal at the top level: its indentation indicator would count from -1.
        writer.out.append(writer.flow(data) + "\n")
    else:
        writer.out.append(_non_string(data) + "\n")
    text = "".join(writer.out)
    # A `|+` literal last keeps its trailing blank lines only up to an explicit document end.
    return text + "...\n" if text.endswith("\n\n") else text


class _Writer:
    """Appends the text of one document to `out`; remembers how each string was written."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self._flow: dict[str, str] = {}  # the same keys and words recur thousands of times

    def mapping(self, data: dict[Any, Any], indent: str, lead: str) -> None:
        """`key: value` lines at `indent`; the first line starts with `lead` instead (after `- `)."""
        out = self.out
        for key, value in data.items():
            text = self.key(key)
            # (a character is at most 4 UTF-8 bytes, so most keys skip the encode())
            if len(text) > _IMPLICIT_KEY_MAX // 4 and len(text.encode()) > _IMPLICIT_KEY_MAX:
                out.append(f"{lead}? {text}\n{indent}:")
            else:
                out.append(f"{lead}{text}:")
            lead = indent
            self.value(value, indent)

    def sequence(self, data: list[Any] | tuple[Any, ...], indent: str, lead: str) -> None:
        """`- item` lines at `indent`; the first line starts with `lead` instead."""
        out = self.out
        for item in data:
            out.append(f"{lead}-")
            lead = indent
            self.item(item, indent)

    def value(self, value: Any, indent: str) -> None:
        """The rest of a `key:` line at `indent`: nested mappings indented, sequences not."""
        if isinstance(value, str):
            self.string(value, indent)
        elif isinstance(value, dict) and value:
            self.out.append("\n")
            self.mapping(value, indent + _INDENT, indent + _INDENT)
        elif isinstance(value, _SEQUENCE) and value:
            self.out.append("\n")
            self.sequence(value, indent, indent)
        else:
            self.out.append(f" {_non_string(value)}\n")

    def item(self, item: Any, indent: str) -> None:
        """The rest of a `-` line at `indent`: a collection starts on the same line."""
        if isinstance(item, str):
            self.string(item, indent)
        elif isinstance(item, dict) and item:
            self.out.append(" ")
            self.mapping(item, indent + _INDENT, "")
        elif isinstance(item, _SEQUENCE) and item:
            self.out.append(" ")
            self.sequence(item, indent + _INDENT, "")
        else:
            self.out.append(f" {_non_string(item)}\n")

    def string(self, text: str, indent: str) -> None:
        """` text` and the line end, after a `key:` or `-` at `indent`."""
        if "\n" in text and _literal_fits(text):
            self.out.append(_literal(text, indent + _INDENT))
        else:
            self.out.append(f" {self.flow(text)}\n")

    def key(self, key: Any) -> str:
        """A mapping key on one line (never a block literal)."""
        if isinstance(key, str):
            return self.flow(key)
        if isinstance(key, (dict, *_SEQUENCE)):
            raise TypeError(f"cannot write a {type(key).__name__} as a YAML mapping key")
        return _non_string(key)

    def flow(self, text: str) -> str:
        """A string on one line: plain if certainly safe, else quoted."""
        written = self._flow.get(text)
        if written is None:
            written = self._flow[text] = _string(text)
        return written


def _non_string(value: Any) -> str:
    """`null`, `true`/`false`, a number that YAML 1.1 and 1.2 loaders read back as the same, or an
    empty `{}`/`[]`."""
    if value is None:
        return "null"
    if isinstance(value, bool):  # before int: bool is an int
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))  # int(): an IntEnum's str() is its name
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, _SEQUENCE) and not value:
        return "[]"
    raise TypeError(f"cannot write a {type(value).__name__} as YAML: {value!r}")


def _float(value: float) -> str:
    """repr() round-trips; YAML 1.1 also needs a `.` in the mantissa (`1.0e+20`, not `1e+20`)."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(float(value))
    if "." not in text:  # repr always writes a `.` or an `e`, and the exponent sign
        text = text.replace("e", ".0e")
    return text


def _string(text: str) -> str:
    """A string on one line: plain if certainly safe, else single- or double-quoted."""
    if _plain_ok(text):
        return str.__str__(text)  # the characters, never a str subclass's own __str__
    if text.isprintable():  # one line, nothing to escape: `'` is the only special character
        return "'" + text.replace("'", "''") + "'"
    return '"' + _NOT_SIMPLE.sub(_escape, text) + '"'


def _plain_ok(text: str) -> bool:
    """Whether `text` can be written unquoted and still reads back as this string."""
    # isprintable() rejects control characters, line breaks (incl. U+0085, U+2028, U+2029), tabs,
    # the BOM and non-ASCII spaces; the first character rules out numbers and indicators.
    return (
        text.isprintable()
        and text != ""
        and (text[0] in _PLAIN_FIRST or text[0] > "\x7f")
        and text[-1] not in " :"
        and ": " not in text
        and " #" not in text
        and not (len(text) <= _RESERVED_MAX and text.lower() in _RESERVED)
    )


def _escape(match: re.Match[str]) -> str:
    """The double-quoted form of one character: printable non-ASCII stays as it is."""
    ch = match.group()
    short = _SHORT_ESCAPES.get(ch)
    if short is not None:
        return short
    if ch.isprintable():
        return ch
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def _literal_fits(text: str) -> bool:
    """Whether a `|` block literal holds multi-line `text` exactly (and survives editors)."""
    # Rejected: anything but printable characters and `\n` (CR, tabs, U+2028, the BOM, ...),
    # trailing spaces (editors strip them; whitespace-only lines are their worst case), and text
    # that is only line breaks (a literal with no content line clips them all away).
    return (
        text.replace("\n", "").isprintable()
        and " \n" not in text
        and not text.endswith(" ")
        and text.strip("\n") != ""
    )


def _literal(text: str, indent: str) -> str:
    """` |` header, then the lines of `text` at `indent` (empty lines left empty)."""
    if not text.endswith("\n"):
        chomp = "-"  # strip: no final line break
    elif text.endswith("\n\n"):
        chomp = "+"  # keep: the trailing empty lines are content
    else:
        chomp = ""  # clip: exactly one final line break
    # A loader takes the first content line's leading spaces as indentation: when that line starts
    # with a space, state the indentation instead (2, counted from the `key:` or `-` column).
    width = str(len(_INDENT)) if text.lstrip("\n").startswith(" ") else ""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the final line break ends the last line; it does not start another
    body = "".join(f"{indent}{line}\n" if line else "\n" for line in lines)
    return f" |{width}{chomp}\n{body}"
