"""Mock responses of the server stub: each operation's documented example (parsed and checked by
the readers, strictly: `generator.jsontext`) or, without one, a minimal value of the response
type."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, assert_never

from generator import ir


class ServerWriterError(RuntimeError):
    """The IR cannot be written as a server stub: a specgen bug, never a docs problem (the
    builder has already checked the docs)."""


@dataclass(frozen=True)
class MockResponse:
    operation_id: str
    value: Any  # JSON data
    documented: bool  # False: minimal value, no documented example
    note: str  # what the value is, for a comment in the generated code


_PRIMITIVE_MINIMUM: dict[str, Any] = {
    "string": "",
    "integer": 0,
    "number": 0,
    "boolean": False,
    "datetime": "1970-01-01T00:00:00Z",
    "date": "1970-01-01",
    "binary": "",
}


def _constrained(value: Any, constraints: ir.Constraints) -> Any:
    """Stretch a minimal scalar or list to the documented lower bounds."""
    if isinstance(value, str) and constraints.min_length:
        return "a" * constraints.min_length
    if isinstance(value, list) and constraints.min_items:
        return value  # the item type is not known here: callers fill lists themselves
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if constraints.minimum is not None and value < constraints.minimum:
            value = constraints.minimum
        if constraints.exclusive_minimum is not None and value <= constraints.exclusive_minimum:
            value = constraints.exclusive_minimum + 1
        if constraints.maximum is not None and value > constraints.maximum:
            value = constraints.maximum
    return value


def minimal_value(api: ir.Api, ref: ir.TypeRef, seen: frozenset[str] = frozenset()) -> Any:
    """The smallest valid value of a type: `[]`, `{}`, `""`, `0`, `false`, null, the first
    literal, an object with only its required fields (each minimal)."""
    match ref:
        case ir.Primitive():
            return _PRIMITIVE_MINIMUM[ref.kind]
        case ir.Unknown() | ir.Null():
            return None
        case ir.ListOf():
            return []
        case ir.MapOf():
            return {}
        case ir.LiteralOf():
            return ref.values[0]
        case ir.UnionOf():
            return minimal_value(api, ref.members[0], seen)
        case ir.Ref():
            if ref.name in seen:  # a required cycle has no finite value; null is the best effort
                return None
            return _definition(api, api.type_named(ref.name), seen | {str(ref.name)})
        case _:
            assert_never(ref)


def _definition(api: ir.Api, t: ir.TypeDef, seen: frozenset[str]) -> Any:
    match t:
        case ir.EnumType():
            return t.values[0]
        case ir.UnionType():
            return minimal_value(api, t.members[0], seen)
        case ir.AliasType():
            return minimal_value(api, t.target, seen)
        case ir.ObjectType():
            return _minimal_object(api, t, seen)
        case _:
            assert_never(t)


def _minimal_object(api: ir.Api, t: ir.ObjectType, seen: frozenset[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in t.fields:
        if not f.required:
            continue
        if f.nullable:
            out[f.wire_name] = None
        elif isinstance(f.type, ir.ListOf) and f.constraints.min_items:
            item = minimal_value(api, f.type.item, seen)
            out[f.wire_name] = [item] * f.constraints.min_items
        else:
            out[f.wire_name] = _constrained(minimal_value(api, f.type, seen), f.constraints)
    return out


def mock_response(api: ir.Api, op: ir.Operation) -> MockResponse:
    if op.response_example is not None:
        value = op.response_example.value  # parsed by the reader, strictly (`jsontext`)
        return MockResponse(str(op.operation_id), value, True, "documented example")
    if op.response is None:
        return MockResponse(str(op.operation_id), None, False, "no example, no response type: null")
    value = minimal_value(api, op.response)
    note = f"no documented example: minimal valid value {json.dumps(value)}"
    return MockResponse(str(op.operation_id), value, False, note)
