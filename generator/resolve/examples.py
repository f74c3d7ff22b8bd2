"""Check documented JSON examples against the IR: a cheap proof that types, wire names and
required flags were read right (and that mock servers will answer with valid data)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, assert_never

from generator import ir
from generator.jsontext import JsonValue
from generator.names import ClassName

Types = Mapping[ClassName, ir.TypeDef]

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def example_problems(value: JsonValue, ref: ir.TypeRef, types: Types) -> list[str]:
    """Every place where the example (as the reader parsed it) disagrees with `ref`
    (`$.a[0].b: expected integer`)."""
    problems: list[str] = []
    _check(value, ref, types, "$", problems, 0)
    return problems


def _check(value: Any, ref: ir.TypeRef, types: Types, at: str, out: list[str], depth: int) -> None:
    if depth > 200:
        out.append(f"{at}: nested too deeply")
        return
    match ref:
        case ir.Unknown():
            return
        case ir.Null():
            if value is not None:
                out.append(f"{at}: expected null")
        case ir.Primitive():
            if not _prim_ok(value, ref.kind):
                out.append(f"{at}: expected {ref.kind}, got {json.dumps(value)[:40]}")
        case ir.LiteralOf():
            if value not in ref.values:
                out.append(f"{at}: {json.dumps(value)[:40]} is not one of the documented values")
        case ir.ListOf():
            if not isinstance(value, list):
                out.append(f"{at}: expected an array")
                return
            for i, item in enumerate(value):
                _check(item, ref.item, types, f"{at}[{i}]", out, depth + 1)
        case ir.MapOf():
            if not isinstance(value, dict):
                out.append(f"{at}: expected an object")
                return
            for k, v in value.items():
                _check(v, ref.value, types, f"{at}.{k}", out, depth + 1)
        case ir.UnionOf():
            _union(value, ref.members, types, at, out, depth)
        case ir.Ref():
            t = types.get(ref.name)
            if t is not None:  # an undocumented type is reported where it is referenced (M001)
                _named(value, t, types, at, out, depth)
        case _:
            assert_never(ref)


def _named(value: Any, t: ir.TypeDef, types: Types, at: str, out: list[str], depth: int) -> None:
    match t:
        case ir.EnumType():
            _check(value, ir.LiteralOf(t.values), types, at, out, depth)
        case ir.UnionType():
            _union(value, t.members, types, at, out, depth)
        case ir.AliasType():
            _check(value, t.target, types, at, out, depth + 1)
        case ir.ObjectType():
            _object(value, t, types, at, out, depth)
        case _:
            assert_never(t)


def _object(
    value: Any, t: ir.ObjectType, types: Types, at: str, out: list[str], depth: int
) -> None:
    if not isinstance(value, dict):
        out.append(f"{at}: expected a {t.name} object")
        return
    known = {f.wire_name: f for f in t.fields}
    for key in value:
        if key not in known:
            out.append(f"{at}: {key!r} is not a documented field of {t.name}")
    for f in t.fields:
        if f.wire_name not in value:
            if f.required:
                out.append(f"{at}: required field {f.wire_name!r} of {t.name} is missing")
            continue
        item = value[f.wire_name]
        if item is None and (f.nullable or not f.required):
            continue
        _check(item, f.type, types, f"{at}.{f.wire_name}", out, depth + 1)


def _union(
    value: Any,
    members: tuple[ir.TypeRef, ...],
    types: Types,
    at: str,
    out: list[str],
    depth: int,
) -> None:
    attempts = []
    for m in members:
        found: list[str] = []
        _check(value, m, types, at, found, depth + 1)
        if not found:
            return
        attempts.append(found)
    best = min(attempts, key=len) if attempts else [f"{at}: empty union"]
    out.extend(best)


def _prim_ok(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "datetime":
        return isinstance(value, str) and bool(_DATETIME.match(value))
    return isinstance(value, str) and bool(_DATE.match(value))
