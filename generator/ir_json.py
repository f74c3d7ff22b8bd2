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


def request_kind(k: ir.RequestKind) -> dict[str, Any]:
    """`{"kind": "json" | "multipart" | "none", "span": …}`; multipart adds its file parts."""
    match k:
        case ir.JsonBody():
            return {"kind": "json", "span": _span(k.span)}
        case ir.MultipartBody():
            return {"kind": "multipart", "files": list(k.files), "span": _span(k.span)}
        case ir.NoBody():
            return {"kind": "none", "span": _span(k.span)}
        case _:
            assert_never(k)


_RESPONSE_KINDS: dict[type, str] = {
    ir.JsonResponse: "json",
    ir.EventStream: "event-stream",
    ir.PlainText: "text",
    ir.Untyped: "untyped",
    ir.NoContent: "none",
}


def response_kind(k: ir.ResponseKind) -> dict[str, Any]:
    """`{"kind": "json" | "event-stream" | "text" | "untyped" | "none", "span": …}`."""
    match k:
        case ir.JsonResponse() | ir.EventStream() | ir.PlainText() | ir.Untyped() | ir.NoContent():
            return {"kind": _RESPONSE_KINDS[type(k)], "span": _span(k.span)}
        case _:
            assert_never(k)


def pagination(p: ir.Pagination | None) -> dict[str, Any] | None:
    """The paging kind and its parameters and fields (wire names); None: not paged."""
    match p:
        case None:
            return None
        case ir.CursorList():
            return {
                "kind": "cursor-list",
                "cursor": p.cursor_param,
                "item_id": p.item_id,
                "before": p.before,
                "limit": p.limit,
            }
        case ir.CursorEnvelope():
            return {
                "kind": "cursor-envelope",
                "items": p.items,
                "cursor": p.cursor_param,
                "item_id": p.item_id,
                "has_more": p.has_more,
                "next_cursor": p.next_cursor,
                "before": p.before,
                "limit": p.limit,
            }
        case ir.OffsetEnvelope():
            return {
                "kind": "offset-envelope",
                "items": p.items,
                "offset": p.offset_param,
                "has_more": p.has_more,
                "limit": p.limit,
            }
        case _:
            assert_never(p)


def operation(op: ir.Operation) -> dict[str, Any]:
    switch = op.stream_switch
    return {
        "operation_id": str(op.operation_id),
        "method": op.method,
        "path": op.path,
        "sdk_method": ".".join([*op.resource, op.sdk_name]),
        "summary": op.summary,
        "deprecated": op.deprecated,
        "positional": [str(p) for p in op.positional],
        "params": [
            {
                "name": str(p.name),
                "wire_name": p.wire_name,
                "in": p.location,
                "required": p.required,
                "nullable": p.nullable,
                "deprecated": p.deprecated,
                "type": typeref(p.type),
                "constraints": _constraints(p.constraints),
            }
            for p in op.params
        ],
        "headers": [p.wire_name for p in op.params if p.location == "header"],
        "body": str(op.body.name) if op.body else None,
        "request_kind": request_kind(op.request_kind),
        "response": typeref(op.response) if op.response is not None else None,
        "response_kind": response_kind(op.response_kind),
        "stream_switch": (
            {
                "param": switch.param,
                "event": typeref(switch.event) if switch.event is not None else None,
                "span": _span(switch.span),
            }
            if switch is not None
            else None
        ),
        "pagination": pagination(op.pagination),
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
