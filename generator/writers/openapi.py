"""The OpenAPI 3.1 document: the IR as data (`openapi_document`) and as YAML text (`render`).

Key order is fixed by construction (dicts are built in a set order; component schemas are sorted
by name), so the same IR always gives the same bytes. Nullability uses the 3.1 spelling:
`type: [X, "null"]` for plain typed schemas, `anyOf: [..., {type: "null"}]` for everything else.
"""

from __future__ import annotations

import json
from typing import Any, assert_never

from generator import ir
from generator.config import Config
from generator.writers import yamltext

OPENAPI_VERSION = "3.1.0"
SCHEMA_PREFIX = "#/components/schemas/"
JSON = "application/json"
MULTIPART = "multipart/form-data"
EVENT_STREAM = "text/event-stream"
TEXT = "text/plain"

# FastAPI's request-validation error shape, answered with 422 by the generated server stub.
VALIDATION_ERROR = "ValidationError"
HTTP_VALIDATION_ERROR = "HTTPValidationError"

_PRIMITIVES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "binary": {
        "type": "string",
        "format": "binary",
        "contentMediaType": "application/octet-stream",
    },
}

# IR constraint name -> JSON Schema keyword, in the order they are written.
_CONSTRAINTS: dict[str, str] = {
    "min_length": "minLength",
    "max_length": "maxLength",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusive_minimum": "exclusiveMinimum",
    "exclusive_maximum": "exclusiveMaximum",
    "pattern": "pattern",
    "min_items": "minItems",
    "max_items": "maxItems",
}


# --- type references ---------------------------------------------------------------------------


def schema_ref(name: str) -> dict[str, Any]:
    return {"$ref": SCHEMA_PREFIX + str(name)}


def json_type(value: ir.Scalar) -> str:
    """The JSON Schema type of one scalar (bool before int: `True` is an int in Python)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


def values_type(values: tuple[ir.Scalar, ...]) -> str | list[str] | None:
    """One `type` for a set of literal values: a single type, integers widened to number when
    floats are present, `[T, "null"]` when None is among them; None when the types are mixed."""
    kinds = {json_type(v) for v in values}
    nullable = "null" in kinds
    kinds.discard("null")
    if kinds == {"integer", "number"}:
        kinds = {"number"}
    if len(kinds) != 1:
        return None if kinds else "null"
    (kind,) = kinds
    return [kind, "null"] if nullable else kind


def tag_key(value: ir.Scalar) -> str:
    """A discriminator mapping key: the tag as it appears in JSON text (`true`, `3`, `text`)."""
    return value if isinstance(value, str) else json.dumps(value)


def discriminator(d: ir.Discriminator) -> dict[str, Any]:
    return {
        "propertyName": d.property,
        "mapping": {tag_key(tag): SCHEMA_PREFIX + str(name) for tag, name in d.mapping},
    }


def union_schema(members: tuple[ir.TypeRef, ...], disc: ir.Discriminator | None) -> dict[str, Any]:
    """`oneOf` + `discriminator` for a tagged union, `anyOf` otherwise."""
    if disc is not None:
        return {"oneOf": [schema(m) for m in members], "discriminator": discriminator(disc)}
    return {"anyOf": [schema(m) for m in members]}


def literal_schema(values: tuple[ir.Scalar, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    kind = values_type(values)
    if kind is not None:
        out["type"] = kind
    out["enum"] = list(values)
    return out


def schema(ref: ir.TypeRef) -> dict[str, Any]:
    """The JSON Schema of a type reference (a fresh dict on every call: callers may extend it)."""
    match ref:
        case ir.Primitive():
            return dict(_PRIMITIVES[ref.kind])
        case ir.Unknown():
            return {}
        case ir.Null():
            return {"type": "null"}
        case ir.ListOf():
            return {"type": "array", "items": schema(ref.item)}
        case ir.MapOf():
            return {"type": "object", "additionalProperties": schema(ref.value)}
        case ir.LiteralOf():
            return literal_schema(ref.values)
        case ir.UnionOf():
            return union_schema(ref.members, ref.discriminator)
        case ir.Ref():
            return schema_ref(ref.name)
        case _:
            assert_never(ref)


def nullable(s: dict[str, Any]) -> dict[str, Any]:
    """`s` or null, in 3.1 spelling."""
    if not s:  # any value, null included
        return s
    kind = s.get("type")
    if isinstance(kind, str) and "enum" not in s and "$ref" not in s:
        return {**s, "type": [kind, "null"]}
    if isinstance(kind, list) and "null" in kind:
        return s
    if list(s) == ["anyOf"]:
        members = s["anyOf"]
        if {"type": "null"} in members:
            return s
        return {"anyOf": [*members, {"type": "null"}]}
    return {"anyOf": [s, {"type": "null"}]}


def value_schema(
    ref: ir.TypeRef,
    *,
    is_nullable: bool,
    description: str,
    constraints: ir.Constraints,
    default: ir.Scalar,
) -> dict[str, Any]:
    """A property or parameter schema: type, nullability, description, constraints, default."""
    out = schema(ref)
    if is_nullable:
        out = nullable(out)
    if description:
        out["description"] = description
    for name, value in constraints.items():
        out[_CONSTRAINTS[name]] = value
    if default is not None:
        out["default"] = default
    return out


# --- type definitions --------------------------------------------------------------------------


def field_schema(f: ir.Field) -> dict[str, Any]:
    out = value_schema(
        f.type,
        is_nullable=f.nullable,
        description=f.description,
        constraints=f.constraints,
        default=f.default,
    )
    if str(f.name) != f.wire_name:
        out["x-sdk-name"] = str(f.name)
    return out


def object_schema(t: ir.ObjectType) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object"}
    if t.description:
        out["description"] = t.description
    if t.fields:
        out["properties"] = {f.wire_name: field_schema(f) for f in t.fields}
    required = [f.wire_name for f in t.fields if f.required]
    if required:
        out["required"] = required
    return out


def enum_schema(t: ir.EnumType) -> dict[str, Any]:
    out = literal_schema(t.values)
    if t.description:
        out["description"] = t.description
    return out


def definition_schema(t: ir.TypeDef) -> dict[str, Any]:
    """The component schema of a named type."""
    match t:
        case ir.ObjectType():
            return object_schema(t)
        case ir.EnumType():
            return enum_schema(t)
        case ir.UnionType():
            out = union_schema(t.members, t.discriminator)
        case ir.AliasType():
            out = schema(t.target)
        case _:
            assert_never(t)
    if t.description:
        out["description"] = t.description
    return out


def validation_error_schemas() -> dict[str, dict[str, Any]]:
    """FastAPI's `HTTPValidationError` / `ValidationError` components."""
    return {
        HTTP_VALIDATION_ERROR: {
            "type": "object",
            "properties": {
                "detail": {"type": "array", "items": schema_ref(VALIDATION_ERROR)},
            },
        },
        VALIDATION_ERROR: {
            "type": "object",
            "properties": {
                "loc": {
                    "type": "array",
                    "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                },
                "msg": {"type": "string"},
                "type": {"type": "string"},
            },
            "required": ["loc", "msg", "type"],
        },
    }


def component_schemas(api: ir.Api) -> dict[str, dict[str, Any]]:
    """Every documented type plus the validation-error shapes, sorted by name. A documented type
    named like one of the validation-error schemas wins over it."""
    schemas = validation_error_schemas()
    for t in api.types:
        schemas[str(t.name)] = definition_schema(t)
    return {name: schemas[name] for name in sorted(schemas)}


# --- operations --------------------------------------------------------------------------------


def _is_array(ref: ir.TypeRef) -> bool:
    return isinstance(ref, ir.ListOf)


def parameter(p: ir.Parameter) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.wire_name,
        "in": p.location,
        "required": p.required or p.location == "path",
    }
    if p.description:
        out["description"] = p.description
    out["schema"] = value_schema(
        p.type,
        is_nullable=p.nullable,
        description="",
        constraints=p.constraints,
        default=p.default,
    )
    if p.location == "query" and _is_array(p.type):
        out["style"] = "form"
        out["explode"] = True
    if str(p.name) != p.wire_name:
        out["x-sdk-name"] = str(p.name)
    if p.deprecated:
        out["deprecated"] = True
    return out


def sdk_method(op: ir.Operation) -> str:
    return ".".join([*map(str, op.resource), str(op.sdk_name)])


def tag(op: ir.Operation) -> str:
    return ".".join(map(str, op.resource))


def response_example(op: ir.Operation) -> tuple[bool, Any]:
    """(present, value) of the documented response example (a documented `null` is present)."""
    if op.response_example is None:
        return False, None
    return True, op.response_example.value


def _success(op: ir.Operation) -> dict[str, Any]:
    """The 200 response as the operation's response kind says: a JSON body, a stream of
    Server-Sent Events (each event's `data` a JSON value of the event schema), plain text, any
    JSON value, or no documented body. A body flag that switches to events adds the stream."""
    kind = op.response_kind
    body = schema(op.response) if op.response is not None else {}
    present, example = response_example(op)
    media: dict[str, Any] = {"schema": body}
    if present:
        media["example"] = example
    match kind:
        case ir.JsonResponse() | ir.Untyped():
            content = {JSON: media}
            switch = op.stream_switch
            if switch is None:
                return {"description": "Successful Response", "content": content}
            event = schema(switch.event) if switch.event is not None else {}
            return {
                "description": (
                    f"Successful Response; with `{switch.param}` true, a stream of Server-Sent"
                    " Events (each event's `data` is JSON of the event schema)"
                ),
                "content": {**content, EVENT_STREAM: {"schema": event}},
            }
        case ir.EventStream():
            return {
                "description": (
                    "A stream of Server-Sent Events; each event's `data` is JSON of the schema"
                ),
                "content": {EVENT_STREAM: media},
            }
        case ir.PlainText():
            return {"description": "Successful Response", "content": {TEXT: media}}
        case ir.NoContent():
            return {"description": "Successful Response (no documented body)"}
        case _:
            assert_never(kind)


def responses(op: ir.Operation) -> dict[str, Any]:
    return {
        "200": _success(op),
        "422": {
            "description": "Validation Error",
            "content": {JSON: {"schema": schema_ref(HTTP_VALIDATION_ERROR)}},
        },
    }


def request_body(op: ir.Operation) -> dict[str, Any] | None:
    """The request body as the request kind says: JSON of the body type, or a multipart form
    whose file parts are binary (a part the request example alone shows is added to the body
    type's fields)."""
    kind = op.request_kind
    body_params = [p for p in op.params if p.location == "body"]
    required = any(p.required for p in body_params)
    match kind:
        case ir.NoBody():
            return None
        case ir.JsonBody():
            if op.body is None:
                return None
            return {"required": required, "content": {JSON: {"schema": schema_ref(op.body.name)}}}
        case ir.MultipartBody():
            documented = {p.wire_name for p in body_params}
            extra = [name for name in kind.files if name not in documented]
            form: dict[str, Any] = {"type": "object"}
            if extra:
                form["properties"] = {name: schema(ir.Primitive("binary")) for name in extra}
            if op.body is not None:
                form = (
                    {"allOf": [schema_ref(op.body.name), form]}
                    if extra
                    else schema_ref(op.body.name)
                )
            return {"required": required or bool(extra), "content": {MULTIPART: {"schema": form}}}
        case _:
            assert_never(kind)


def operation(op: ir.Operation) -> dict[str, Any]:
    out: dict[str, Any] = {"operationId": str(op.operation_id)}
    if op.summary:
        out["summary"] = op.summary
    if op.description:
        out["description"] = op.description
    if op.deprecated:
        out["deprecated"] = True
    if op.resource:
        out["tags"] = [tag(op)]
    out["x-sdk-method"] = sdk_method(op)
    params = [parameter(p) for p in op.params if p.location != "body"]
    if params:
        out["parameters"] = params
    body = request_body(op)
    if body is not None:
        out["requestBody"] = body
    out["responses"] = responses(op)
    return out


def paths(api: ir.Api) -> dict[str, dict[str, Any]]:
    """Path keys exactly as documented, in order of first appearance; methods in api order."""
    out: dict[str, dict[str, Any]] = {}
    for op in api.operations:
        out.setdefault(op.path, {})[op.method] = operation(op)
    return out


def tags(api: ir.Api) -> list[dict[str, Any]]:
    seen: dict[str, None] = {}
    for op in api.operations:
        if op.resource:
            seen.setdefault(tag(op), None)
    return [{"name": name} for name in seen]


# --- the document ------------------------------------------------------------------------------


def title(api: ir.Api, config: Config) -> str:
    """`<Client> API` when the client class is known (the docs' own title names a section, like
    "Tools"), else the docs' title."""
    client = config.client_class or api.client_class
    if client and client != "Client":
        return f"{client} API"
    return api.title or "API"


def openapi_document(api: ir.Api, config: Config) -> dict[str, Any]:
    info: dict[str, Any] = {
        "title": title(api, config),
        "version": str(config.version),
        "description": (
            "Recovered by specgen from the rendered API reference docs"
            + (f" ({api.title})" if api.title else "")
            + ". Describes only what the docs document."
        ),
    }
    doc: dict[str, Any] = {"openapi": OPENAPI_VERSION, "info": info}
    base_url = config.base_url or api.base_url
    if base_url:
        doc["servers"] = [{"url": base_url}]
    doc["security"] = [{"bearerAuth": []}]
    doc["tags"] = tags(api)
    doc["paths"] = paths(api)
    doc["components"] = {
        "schemas": component_schemas(api),
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
    }
    return doc


# --- YAML ---------------------------------------------------------------------------------------


def render(api: ir.Api, config: Config) -> str:
    """YAML text of the document (block style, written by `yamltext`): deterministic (same input
    -> same bytes; key order fixed by construction, not by hash order), no timestamps, no anchors,
    ends with a newline."""
    return render_document(openapi_document(api, config))


def render_document(document: dict[str, Any]) -> str:
    """`render` for a document already built by `openapi_document`."""
    return yamltext.dump(document)
