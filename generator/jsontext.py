"""JSON text from the docs (examples, structured defaults), held to what the outputs can carry.
The readers parse it, once, with these rules; what comes after gets the values (`JsonData`).

`json.loads` accepts more than the generated files can hold: `NaN`/`Infinity` and numbers too
large for a float (no JSON or Python literal for them), `\\ud800`-style lone surrogates (cannot be
written as UTF-8), and nesting deep enough to exhaust the recursion of whoever walks the value
next. `loads` refuses all of them with a ValueError, and never raises RecursionError.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from generator.picklable import by_fields

JsonValue: TypeAlias = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]

MAX_DEPTH = 100  # JSON nested deeper than this is refused (the real docs nest about 10 deep)

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# A lone surrogate can only come from a `\uD800`-`\uDFFF` escape (the text itself was decoded as
# strict UTF-8). This also matches `\\ud800` (an escaped backslash): that only costs a slow check.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class JsonTooDeep(ValueError):
    """The text nests arrays/objects deeper than MAX_DEPTH."""


@by_fields
@dataclass(frozen=True, slots=True)
class JsonData:
    """A JSON value of the docs, parsed by a reader with `loads` (so every output can carry it).

    A box rather than a bare `JsonValue | None`: a documented `null` is a value, not the absence
    of one. The value is shared (facts, IR, writers) and must never be mutated (copy it first).
    It is left out of the hash (a `dict` or `list` is unhashable: every box hashes alike, which
    keeps equal boxes hashing alike) but not out of `==`, so the frozen nodes holding a box (an
    `Example`, an `ir.Operation`) stay hashable. Pickles by its field (`by_fields`)."""

    value: JsonValue = field(hash=False)


def depth(text: str) -> int:
    """The deepest array/object nesting of a JSON text (strings skipped), without parsing it."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))  # the regexes run in C; few remain
    deepest = current = 0
    for ch in brackets:
        if ch in "[{":
            current += 1
            if current > deepest:
                deepest = current
        else:
            current -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("a number is too large for a float")
    return value


def loads(text: str) -> JsonValue:
    """Parse a JSON text the outputs can carry; ValueError (JsonTooDeep for nesting) otherwise."""
    if depth(text) > MAX_DEPTH:
        raise JsonTooDeep(f"nested deeper than {MAX_DEPTH} levels")
    try:
        value: JsonValue = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite)
    except RecursionError as exc:  # unreachable after the depth check; kept as a guarantee
        raise JsonTooDeep(f"nested deeper than {MAX_DEPTH} levels") from exc
    if _SURROGATE_ESCAPE.search(text) and _has_surrogate(value):
        raise ValueError(
            "a string holds a lone surrogate (\\ud800-\\udfff), which UTF-8 cannot encode"
        )
    return value


def _has_surrogate(value: Any) -> bool:
    """Whether a parsed value holds a string UTF-8 cannot encode (iterative: no recursion)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def scalar(text: str) -> Any:
    """A JSON scalar (`"a\\"b"`, `1.5`, `true`) the outputs can carry; ValueError otherwise."""
    value = loads(text)
    if isinstance(value, (dict, list)):
        raise ValueError("not a scalar")
    return value
