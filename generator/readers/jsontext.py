"""JSON text from the docs (examples, structured defaults), held to what the outputs can carry.

`json.loads` accepts more than the generated files can hold: `NaN`/`Infinity` and numbers too
large for a float (no JSON or Python literal for them), `\\ud800`-style lone surrogates (cannot be
written as UTF-8), and nesting deep enough to exhaust the recursion of whoever walks the value
next. `loads` refuses all of them with a ValueError, and never raises RecursionError.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 100  # JSON nested deeper than this is refused (the real docs nest about 10 deep)

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class JsonTooDeep(ValueError):
    """The text nests arrays/objects deeper than MAX_DEPTH."""


def depth(text: str) -> int:
    """The deepest array/object nesting of a JSON text (strings skipped), without parsing it."""
    deepest = current = 0
    for m in _TOKEN.finditer(text):
        ch = m.group(0)
        if ch in "[{":
            current += 1
            deepest = max(deepest, current)
        elif ch in "]}":
            current -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def loads(text: str) -> Any:
    """Parse a JSON text the outputs can carry; ValueError (JsonTooDeep for nesting) otherwise."""
    if depth(text) > MAX_DEPTH:
        raise JsonTooDeep(f"nested deeper than {MAX_DEPTH} levels")
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError as exc:  # unreachable after the depth check; kept as a guarantee
        raise JsonTooDeep(f"nested deeper than {MAX_DEPTH} levels") from exc
    problem = _unwritable(value)
    if problem:
        raise ValueError(problem)
    return value


def _unwritable(value: Any) -> str | None:
    """Why a parsed value cannot be written out, or None (iterative: no recursion)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, float) and not math.isfinite(v):
            return "a number is too large for a float"
        if isinstance(v, str) and _has_surrogate(v):
            return "a string holds a lone surrogate (\\ud800-\\udfff), which UTF-8 cannot encode"
        if isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return None


def _has_surrogate(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def scalar(text: str) -> Any:
    """A JSON scalar (`"a\\"b"`, `1.5`, `true`) the outputs can carry; ValueError otherwise."""
    value = loads(text)
    if isinstance(value, (dict, list)):
        raise ValueError("not a scalar")
    return value
