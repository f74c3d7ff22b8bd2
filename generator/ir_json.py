"""The IR as plain JSON data (for `specgen inspect --json` and snapshots)."""

from __future__ import annotations

from typing import Any, assert_never

from generator import ir


def typeref(ref: ir.TypeRef) -> Any:
    """A compact, readable spelling: "string", {"list": ...}, {"ref": "Tool"}, ..."""
    match ref:
        case ir.Primitive():
            return ref.kind
        case ir.Unknown():
            return "unknown"
        case ir.Null():
            return "null"
        case ir.ListOf():
            return {"list": typeref(ref.item)}
        case ir.MapOf():
            return {"map": typeref(ref.value)}
        case ir.LiteralOf():
            return {"literal": list(ref.values)}
        case ir.UnionOf():
            out: dict[str, Any] = {"union": [typeref(m) for m in ref.members]}
            if ref.discriminator:
                out["discriminator"] = ref.discriminator.property
            return out
        case ir.Ref():
            return {"ref": str(ref.name)}
        case _:
            assert_never(ref)


def _span(span: Any) -> str:
    return str(span)


def _constraints(c: ir.Constraints) -> dict[str, Any]:
    return dict(c.items())


def field(f: ir.Field) -> dict[str, Any]:
    return {
        "name": str(f.name),
        "wire_name": f.wire_name,
        "required": f.required,
        "nullable": f.nullable,
        "type": typeref(f.type),
        "constraints": _constraints(f.constraints),
        "description": f.description,
        "span": _span(f.span),
    }


def typedef(t: ir.TypeDef) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": str(t.name),
        "scope": list(t.scope),
        "name_in_scope": str(t.local_name or t.name),
        "description": t.description,
        "span": _span(t.span),
    }
    match t:
        case ir.ObjectType():
            return {**base, "kind": "object", "fields": [field(f) for f in t.fields]}
        case ir.EnumType():
            return {**base, "kind": "enum", "values": list(t.values)}
        case ir.UnionType():
            disc = None
            if t.discriminator:
                disc = {
                    "property": t.discriminator.property,
                    "mapping": {str(k): str(v) for k, v in t.discriminator.mapping},
                }
            members = [typeref(m) for m in t.members]
            return {**base, "kind": "union", "members": members, "discriminator": disc}
        case ir.AliasType():
            return {**base, "kind": "alias", "target": typeref(t.target)}
        case _:
            assert_never(t)


def operation(op: ir.Operation) -> dict[str, Any]:
    return {
        "operation_id": str(op.operation_id),
        "method": op.method,
        "path": op.path,
        "sdk_method": ".".join([*op.resource, op.sdk_name]),
        "summary": op.summary,
        "positional": [str(p) for p in op.positional],
        "params": [
            {
                "name": str(p.name),
                "wire_name": p.wire_name,
                "in": p.location,
                "required": p.required,
                "nullable": p.nullable,
                "type": typeref(p.type),
                "constraints": _constraints(p.constraints),
            }
            for p in op.params
        ],
        "body": str(op.body.name) if op.body else None,
        "response": typeref(op.response) if op.response is not None else None,
        "pagination": (
            {"cursor": op.pagination.cursor_param, "item_id": op.pagination.item_id}
            if op.pagination
            else None
        ),
        "has_response_example": op.response_example is not None,
        "span": _span(op.span),
    }


def api(a: ir.Api) -> dict[str, Any]:
    return {
        "title": a.title,
        "base_url": a.base_url,
        "client_class": a.client_class,
        "operations": [operation(o) for o in a.operations],
        "types": [typedef(t) for t in a.types],
    }
