"""The OpenAPI writer: mapping rules on hand-built IRs, the sample spec's document (valid, examples
match their schemas, deterministic), and interop with two peer generators."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
import yaml
from openapi_spec_validator import validate
from paths import SAMPLE_SPEC
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from generator import ir
from generator.config import Config
from generator.diagnostics import Level
from generator.jsontext import JsonData
from generator.names import ClassName, PyName
from generator.pipeline import Loaded, load
from generator.source import Span
from generator.writers import openapi

BIN = Path(sys.executable).parent
S = Span("t.md", 1)
CONFIG = Config(client_class="Acme", base_url="https://api.acme.test", version="1.2.3")

STRING = ir.Primitive("string")
INTEGER = ir.Primitive("integer")


# --- builders ----------------------------------------------------------------------------------


def fld(
    name: str,
    type_: ir.TypeRef = STRING,
    *,
    wire: str | None = None,
    required: bool = False,
    nullable: bool = False,
    description: str = "",
    constraints: ir.Constraints = ir.NO_CONSTRAINTS,
    default: ir.Scalar = None,
) -> ir.Field:
    return ir.Field(
        PyName(name),
        wire or name,
        type_,
        required,
        nullable,
        S,
        description,
        constraints,
        default,
    )


def obj(name: str, *fields: ir.Field, description: str = "") -> ir.ObjectType:
    return ir.ObjectType(ClassName(name), fields, S, description)


def ref(name: str) -> ir.Ref:
    return ir.Ref(ClassName(name))


def param(
    name: str,
    location: str,
    type_: ir.TypeRef = STRING,
    *,
    required: bool = False,
    wire: str | None = None,
    description: str = "",
    nullable: bool = False,
) -> ir.Parameter:
    return ir.Parameter(
        name=PyName(name),
        wire_name=wire or name,
        location=location,  # type: ignore[arg-type]
        type=type_,
        required=required,
        nullable=nullable,
        span=S,
        description=description,
    )


def op(
    operation_id: str,
    method: str,
    path: str,
    *,
    resource: tuple[str, ...] = ("things",),
    sdk_name: str = "call",
    params: tuple[ir.Parameter, ...] = (),
    body: ir.Ref | None = None,
    response: ir.TypeRef | None = None,
    example: JsonData | None = None,
    description: str = "",
) -> ir.Operation:
    return ir.Operation(
        operation_id=PyName(operation_id),
        method=method,  # type: ignore[arg-type]
        path=path,
        resource=tuple(PyName(r) for r in resource),
        sdk_name=PyName(sdk_name),
        summary=operation_id.replace("_", " ").title(),
        span=S,
        description=description,
        params=params,
        body=body,
        response=response,
        response_example=example,
        request_kind=ir.JsonBody(S) if body is not None else ir.NoBody(S),
        response_kind=ir.JsonResponse(S) if response is not None else ir.NoContent(S),
    )


def api(*types: ir.TypeDef, ops: tuple[ir.Operation, ...] = ()) -> ir.Api:
    return ir.Api(operations=ops, types=types, title="Things")


def schemas(*types: ir.TypeDef) -> dict[str, Any]:
    return openapi.openapi_document(api(*types), CONFIG)["components"]["schemas"]


def prop(f: ir.Field) -> dict[str, Any]:
    """The schema written for one field."""
    return schemas(obj("Holder", f))["Holder"]["properties"][f.wire_name]


# --- type references ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("string", {"type": "string"}),
        ("integer", {"type": "integer"}),
        ("number", {"type": "number"}),
        ("boolean", {"type": "boolean"}),
        ("datetime", {"type": "string", "format": "date-time"}),
        ("date", {"type": "string", "format": "date"}),
    ],
)
def test_primitives(kind: str, expected: dict[str, Any]) -> None:
    assert openapi.schema(ir.Primitive(kind)) == expected  # type: ignore[arg-type]


def test_unknown_null_list_map() -> None:
    assert openapi.schema(ir.Unknown()) == {}
    assert openapi.schema(ir.Null()) == {"type": "null"}
    assert openapi.schema(ir.ListOf(ref("Tool"))) == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Tool"},
    }
    assert openapi.schema(ir.MapOf(INTEGER)) == {
        "type": "object",
        "additionalProperties": {"type": "integer"},
    }
    assert openapi.schema(ir.MapOf(ir.Unknown())) == {"type": "object", "additionalProperties": {}}


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("asc", "desc"), {"type": "string", "enum": ["asc", "desc"]}),
        (("text",), {"type": "string", "enum": ["text"]}),
        ((1, 2), {"type": "integer", "enum": [1, 2]}),
        ((1, 2.5), {"type": "number", "enum": [1, 2.5]}),
        ((True,), {"type": "boolean", "enum": [True]}),
        (("a", None), {"type": ["string", "null"], "enum": ["a", None]}),
        ((1, "a"), {"enum": [1, "a"]}),
        ((True, 1), {"enum": [True, 1]}),
    ],
)
def test_literal(values: tuple[ir.Scalar, ...], expected: dict[str, Any]) -> None:
    assert openapi.schema(ir.LiteralOf(values)) == expected


def test_anonymous_union_without_and_with_discriminator() -> None:
    plain = ir.UnionOf((STRING, ir.ListOf(STRING), ir.Null()))
    assert openapi.schema(plain) == {
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}},
            {"type": "null"},
        ]
    }
    tagged = ir.UnionOf(
        (ref("Cat"), ref("Dog")),
        ir.Discriminator("kind", (("cat", ClassName("Cat")), ("dog", ClassName("Dog")))),
    )
    assert openapi.schema(tagged) == {
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {
            "propertyName": "kind",
            "mapping": {"cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"},
        },
    }


def test_discriminator_mapping_keys_are_json_spellings_of_non_string_tags() -> None:
    d = ir.Discriminator("v", ((1, ClassName("One")), (True, ClassName("Yes"))))
    assert openapi.discriminator(d) == {
        "propertyName": "v",
        "mapping": {"1": "#/components/schemas/One", "true": "#/components/schemas/Yes"},
    }


# --- fields ------------------------------------------------------------------------------------


def test_required_field_plain() -> None:
    assert prop(fld("name", required=True, description="The name.")) == {
        "type": "string",
        "description": "The name.",
    }


def test_nullable_primitive_uses_type_list() -> None:
    assert prop(fld("name", nullable=True, description="Maybe.")) == {
        "type": ["string", "null"],
        "description": "Maybe.",
    }


def test_nullable_datetime_keeps_format() -> None:
    assert prop(fld("at", ir.Primitive("datetime"), nullable=True)) == {
        "type": ["string", "null"],
        "format": "date-time",
    }


def test_nullable_list_and_map_use_type_list() -> None:
    assert prop(fld("tags", ir.ListOf(STRING), nullable=True)) == {
        "type": ["array", "null"],
        "items": {"type": "string"},
    }
    assert prop(fld("meta", ir.MapOf(ir.Unknown()), nullable=True)) == {
        "type": ["object", "null"],
        "additionalProperties": {},
    }


def test_nullable_ref_uses_any_of_with_description_outside() -> None:
    assert prop(fld("tool", ref("Tool"), nullable=True, description="The tool.")) == {
        "anyOf": [{"$ref": "#/components/schemas/Tool"}, {"type": "null"}],
        "description": "The tool.",
    }


def test_nullable_union_adds_null_member_once() -> None:
    union = ir.UnionOf((STRING, INTEGER))
    assert prop(fld("v", union, nullable=True)) == {
        "anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]
    }
    with_null = ir.UnionOf((STRING, ir.Null()))
    assert prop(fld("w", with_null, nullable=True)) == {
        "anyOf": [{"type": "string"}, {"type": "null"}]
    }


def test_nullable_tagged_union_and_literal_are_wrapped() -> None:
    tagged = ir.UnionOf((ref("Cat"),), ir.Discriminator("kind", (("cat", ClassName("Cat")),)))
    assert prop(fld("pet", tagged, nullable=True)) == {
        "anyOf": [
            {
                "oneOf": [{"$ref": "#/components/schemas/Cat"}],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {"cat": "#/components/schemas/Cat"},
                },
            },
            {"type": "null"},
        ]
    }
    assert prop(fld("order", ir.LiteralOf(("asc", "desc")), nullable=True)) == {
        "anyOf": [{"type": "string", "enum": ["asc", "desc"]}, {"type": "null"}]
    }


def test_nullable_unknown_stays_any() -> None:
    assert prop(fld("x", ir.Unknown(), nullable=True)) == {}


def test_ref_property_keeps_description_as_sibling() -> None:
    assert prop(fld("kind", ref("ToolType"), description="The type.")) == {
        "$ref": "#/components/schemas/ToolType",
        "description": "The type.",
    }


def test_constraints_all_mapped_in_order() -> None:
    c = ir.Constraints(
        min_length=1,
        max_length=10,
        minimum=0,
        maximum=100,
        exclusive_minimum=-1,
        exclusive_maximum=101.5,
        pattern="^[a-z]+$",
        min_items=2,
        max_items=3,
    )
    out = prop(fld("x", STRING, constraints=c))
    assert out == {
        "type": "string",
        "minLength": 1,
        "maxLength": 10,
        "minimum": 0,
        "maximum": 100,
        "exclusiveMinimum": -1,
        "exclusiveMaximum": 101.5,
        "pattern": "^[a-z]+$",
        "minItems": 2,
        "maxItems": 3,
    }
    assert list(out) == ["type", *(openapi._CONSTRAINTS[n] for n in c.__dataclass_fields__)]


def test_constraints_on_nullable_integer() -> None:
    c = ir.Constraints(minimum=1, maximum=1000000)
    assert prop(fld("limit", INTEGER, nullable=True, constraints=c, description="Limit.")) == {
        "type": ["integer", "null"],
        "description": "Limit.",
        "minimum": 1,
        "maximum": 1000000,
    }


def test_default_written_when_documented() -> None:
    assert prop(fld("n", INTEGER, default=5)) == {"type": "integer", "default": 5}
    assert prop(fld("b", ir.Primitive("boolean"), default=False)) == {
        "type": "boolean",
        "default": False,
    }
    assert prop(fld("s", STRING, default=None)) == {"type": "string"}


def test_x_sdk_name_when_python_name_differs() -> None:
    assert prop(fld("metadata", ir.MapOf(ir.Unknown()), wire="metadata_")) == {
        "type": "object",
        "additionalProperties": {},
        "x-sdk-name": "metadata",
    }
    assert "x-sdk-name" not in prop(fld("name"))


# --- type definitions --------------------------------------------------------------------------


def test_object_type_properties_in_field_order_and_required() -> None:
    t = obj(
        "Tool",
        fld("id", required=True, description="The ID."),
        fld("name"),
        fld("tags", ir.ListOf(STRING), required=True),
        description="A tool.",
    )
    assert schemas(t)["Tool"] == {
        "type": "object",
        "description": "A tool.",
        "properties": {
            "id": {"type": "string", "description": "The ID."},
            "name": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["id", "tags"],
    }


def test_object_type_without_required_or_fields() -> None:
    assert schemas(obj("Opt", fld("a")))["Opt"] == {
        "type": "object",
        "properties": {"a": {"type": "string"}},
    }
    assert schemas(obj("Empty"))["Empty"] == {"type": "object"}


def test_enum_types() -> None:
    out = schemas(
        ir.EnumType(ClassName("Color"), ("red", "green"), S, "A color."),
        ir.EnumType(ClassName("Level"), (1, 2, 3), S),
        ir.EnumType(ClassName("Mixed"), ("a", 1), S),
    )
    assert out["Color"] == {"type": "string", "enum": ["red", "green"], "description": "A color."}
    assert out["Level"] == {"type": "integer", "enum": [1, 2, 3]}
    assert out["Mixed"] == {"enum": ["a", 1]}


def test_discriminated_union_type() -> None:
    t = ir.UnionType(
        ClassName("ResponseFormat"),
        (ref("TextFormat"), ref("JsonFormat")),
        S,
        "How to answer.",
        ir.Discriminator(
            "type", (("text", ClassName("TextFormat")), ("json_object", ClassName("JsonFormat")))
        ),
    )
    assert schemas(t)["ResponseFormat"] == {
        "oneOf": [
            {"$ref": "#/components/schemas/TextFormat"},
            {"$ref": "#/components/schemas/JsonFormat"},
        ],
        "discriminator": {
            "propertyName": "type",
            "mapping": {
                "text": "#/components/schemas/TextFormat",
                "json_object": "#/components/schemas/JsonFormat",
            },
        },
        "description": "How to answer.",
    }


def test_undiscriminated_union_type() -> None:
    t = ir.UnionType(ClassName("ToolCalls"), (ir.ListOf(ref("Call")), ref("Delta")), S)
    assert schemas(t)["ToolCalls"] == {
        "anyOf": [
            {"type": "array", "items": {"$ref": "#/components/schemas/Call"}},
            {"$ref": "#/components/schemas/Delta"},
        ]
    }


def test_alias_types() -> None:
    out = schemas(
        ir.AliasType(ClassName("ToolList"), ir.ListOf(ref("Tool")), S, "Some tools."),
        ir.AliasType(ClassName("Anything"), ir.Unknown(), S),
        ir.AliasType(ClassName("Other"), ref("Tool"), S),
    )
    assert out["ToolList"] == {
        "type": "array",
        "items": {"$ref": "#/components/schemas/Tool"},
        "description": "Some tools.",
    }
    assert out["Anything"] == {}
    assert out["Other"] == {"$ref": "#/components/schemas/Tool"}


def test_components_sorted_by_name_with_validation_error_shapes() -> None:
    out = schemas(obj("Zeta"), obj("Alpha"), obj("Mid"))
    assert list(out) == ["Alpha", "HTTPValidationError", "Mid", "ValidationError", "Zeta"]
    assert out["HTTPValidationError"] == {
        "type": "object",
        "properties": {
            "detail": {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}}
        },
    }
    assert out["ValidationError"] == {
        "type": "object",
        "properties": {
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "msg": {"type": "string"},
            "type": {"type": "string"},
        },
        "required": ["loc", "msg", "type"],
    }


# --- operations --------------------------------------------------------------------------------


def doc_of(*ops: ir.Operation, types: tuple[ir.TypeDef, ...] = ()) -> dict[str, Any]:
    return openapi.openapi_document(api(*types, ops=ops), CONFIG)


def test_parameters_path_query_header() -> None:
    o = op(
        "things_list",
        "get",
        "/v1/things/{thing_id}",
        params=(
            param("thing_id", "path", required=True, description="The thing."),
            param("tags", "query", ir.ListOf(STRING)),
            param("limit", "query", INTEGER, description="How many."),
            param("order", "query", ir.LiteralOf(("asc", "desc"))),
            param("x_trace", "header", wire="X-Trace", required=True),
        ),
    )
    got = doc_of(o)["paths"]["/v1/things/{thing_id}"]["get"]["parameters"]
    assert got == [
        {
            "name": "thing_id",
            "in": "path",
            "required": True,
            "description": "The thing.",
            "schema": {"type": "string"},
        },
        {
            "name": "tags",
            "in": "query",
            "required": False,
            "schema": {"type": "array", "items": {"type": "string"}},
            "style": "form",
            "explode": True,
        },
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": "How many.",
            "schema": {"type": "integer"},
        },
        {
            "name": "order",
            "in": "query",
            "required": False,
            "schema": {"type": "string", "enum": ["asc", "desc"]},
        },
        {
            "name": "X-Trace",
            "in": "header",
            "required": True,
            "schema": {"type": "string"},
            "x-sdk-name": "x_trace",
        },
    ]


def test_nullable_query_array_keeps_form_style() -> None:
    o = op("a", "get", "/a", params=(param("ids", "query", ir.ListOf(STRING), nullable=True),))
    assert doc_of(o)["paths"]["/a"]["get"]["parameters"] == [
        {
            "name": "ids",
            "in": "query",
            "required": False,
            "schema": {"type": ["array", "null"], "items": {"type": "string"}},
            "style": "form",
            "explode": True,
        }
    ]


def test_request_body_refs_body_type_and_required_from_params() -> None:
    body_type = obj("ThingCreate", fld("name", required=True), fld("note"))
    create = op(
        "things_create",
        "post",
        "/v1/things/",
        params=(param("name", "body", required=True), param("note", "body")),
        body=ref("ThingCreate"),
    )
    update = op(
        "things_update",
        "patch",
        "/v1/things/{thing_id}",
        params=(param("thing_id", "path", required=True), param("note", "body")),
        body=ref("ThingCreate"),
    )
    doc = doc_of(create, update, types=(body_type,))
    assert doc["paths"]["/v1/things/"]["post"]["requestBody"] == {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingCreate"}}},
    }
    assert "parameters" not in doc["paths"]["/v1/things/"]["post"]
    patch = doc["paths"]["/v1/things/{thing_id}"]["patch"]
    assert patch["requestBody"]["required"] is False
    assert [p["name"] for p in patch["parameters"]] == ["thing_id"]


def test_operation_fields_and_responses() -> None:
    o = op(
        "mcp_servers_tools_run",
        "post",
        "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run",
        resource=("mcp_servers", "tools"),
        sdk_name="run",
        params=(
            param("mcp_server_id", "path", required=True),
            param("tool_id", "path", required=True),
        ),
        response=ref("Result"),
        example=JsonData({"status": "success", "out": [1, 2]}),
        description="Run it.\n\nWith care.",
    )
    got = doc_of(o)["paths"]["/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run"]["post"]
    assert list(got) == [
        "operationId",
        "summary",
        "description",
        "tags",
        "x-sdk-method",
        "parameters",
        "responses",
    ]
    assert got["operationId"] == "mcp_servers_tools_run"
    assert got["summary"] == "Mcp Servers Tools Run"
    assert got["description"] == "Run it.\n\nWith care."
    assert got["tags"] == ["mcp_servers.tools"]
    assert got["x-sdk-method"] == "mcp_servers.tools.run"
    assert got["responses"] == {
        "200": {
            "description": "Successful Response",
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/Result"},
                    "example": {"status": "success", "out": [1, 2]},
                }
            },
        },
        "422": {
            "description": "Validation Error",
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/HTTPValidationError"}}
            },
        },
    }


def test_response_without_type_or_example() -> None:
    """No type, no example: no documented body (`ir.NoContent`, see tests/writers/test_kinds.py)."""
    o = op("things_ping", "get", "/ping", response=None, example=None)
    ok = doc_of(o)["paths"]["/ping"]["get"]["responses"]["200"]
    assert ok == {"description": "Successful Response (no documented body)"}


def test_list_response_and_falsy_example_kept() -> None:
    o = op("things_list", "get", "/t", response=ir.ListOf(ref("Thing")), example=JsonData([]))
    media = doc_of(o)["paths"]["/t"]["get"]["responses"]["200"]["content"]["application/json"]
    assert media == {
        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
        "example": [],
    }


def test_documented_null_example_kept() -> None:
    o = op("things_get", "get", "/t", response=ir.Null(), example=JsonData(None))
    media = doc_of(o)["paths"]["/t"]["get"]["responses"]["200"]["content"]["application/json"]
    assert media == {"schema": {"type": "null"}, "example": None}


def test_paths_merge_methods_in_api_order() -> None:
    ops = (
        op("things_delete", "delete", "/v1/things/{id}"),
        op("things_get", "get", "/v1/things/{id}"),
        op("things_list", "get", "/v1/things/"),
        op("other_run", "post", "/v1/other", resource=("other",)),
        op("things_create", "post", "/v1/things/"),
        op("things_update", "patch", "/v1/things/{id}"),
    )
    doc = doc_of(*ops)
    assert {p: list(m) for p, m in doc["paths"].items()} == {
        "/v1/things/{id}": ["delete", "get", "patch"],
        "/v1/things/": ["get", "post"],
        "/v1/other": ["post"],
    }
    assert list(doc["paths"]) == ["/v1/things/{id}", "/v1/things/", "/v1/other"]
    assert doc["tags"] == [{"name": "things"}, {"name": "other"}]


# --- the document ------------------------------------------------------------------------------


def test_document_header() -> None:
    doc = doc_of()
    assert list(doc) == ["openapi", "info", "servers", "security", "tags", "paths", "components"]
    assert doc["openapi"] == "3.1.0"
    assert doc["info"] == {
        "title": "Acme API",
        "version": "1.2.3",
        "description": "Recovered by specgen from the rendered API reference docs (Things). "
        "Describes only what the docs document.",
    }
    assert doc["servers"] == [{"url": "https://api.acme.test"}]
    assert doc["security"] == [{"bearerAuth": []}]
    assert doc["components"]["securitySchemes"] == {
        "bearerAuth": {"type": "http", "scheme": "bearer"}
    }


def test_document_without_base_url_or_client_class() -> None:
    doc = openapi.openapi_document(api(), Config())
    assert "servers" not in doc
    assert doc["info"]["title"] == "Things"
    assert doc["info"]["version"] == "0.1.0"


def test_base_url_from_api_when_config_silent() -> None:
    a = dataclasses.replace(api(), base_url="https://docs.example")
    assert openapi.openapi_document(a, Config())["servers"] == [{"url": "https://docs.example"}]


def test_render_yaml_round_trips_with_block_literals_and_no_anchors() -> None:
    shared = ir.ListOf(STRING)
    t = obj(
        "Thing",
        fld("a", shared, description="First line.\nSecond line."),
        fld("b", shared, description="Ünïcode — ok"),
        description="Line one.\n\nLine three.",
    )
    text = openapi.render(api(t), CONFIG)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert yaml.safe_load(text) == openapi.openapi_document(api(t), CONFIG)
    assert "      description: |-\n        Line one.\n\n        Line three.\n" in text
    assert "description: Ünïcode — ok\n" in text
    assert "&id" not in text and "*id" not in text


def test_render_falls_back_to_quoting_when_block_literal_unsafe() -> None:
    t = obj("Thing", description="trailing space \nnext")
    text = openapi.render(api(t), CONFIG)
    assert yaml.safe_load(text)["components"]["schemas"]["Thing"]["description"] == (
        "trailing space \nnext"
    )


def test_render_is_deterministic_and_sorts_types() -> None:
    types = (obj("B", fld("x")), obj("A", fld("y")), ir.EnumType(ClassName("C"), ("z",), S))
    one = openapi.render(api(*types), CONFIG)
    assert one == openapi.render(api(*types), CONFIG)
    assert one == openapi.render(api(*reversed(types)), CONFIG)


# --- the sample spec (real pages) --------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    return load(SAMPLE_SPEC)


@pytest.fixture(scope="module")
def document(loaded: Loaded) -> dict[str, Any]:
    return openapi.openapi_document(loaded.api, loaded.config)


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_real_spec_loads_without_errors(loaded: Loaded) -> None:
    assert [d.format() for d in loaded.diags.items if d.level is Level.ERROR] == []


def test_real_spec_document_is_valid_openapi(document: dict[str, Any]) -> None:
    validate(document)


def test_real_spec_document_validates_after_yaml_round_trip(loaded: Loaded) -> None:
    validate(yaml.safe_load(openapi.render(loaded.api, loaded.config)))


def test_real_spec_operations(document: dict[str, Any]) -> None:
    got = [
        (m, p, o["operationId"], o["x-sdk-method"], o["tags"]) for p, m, o in _operations(document)
    ]
    assert got == [
        ("delete", "/v1/tools/{tool_id}", "tools_delete", "tools.delete", ["tools"]),
        ("get", "/v1/tools/{tool_id}", "tools_retrieve", "tools.retrieve", ["tools"]),
        ("patch", "/v1/tools/{tool_id}", "tools_update", "tools.update", ["tools"]),
        ("get", "/v1/tools/", "tools_list", "tools.list", ["tools"]),
        ("post", "/v1/tools/", "tools_create", "tools.create", ["tools"]),
        ("put", "/v1/tools/", "tools_upsert", "tools.upsert", ["tools"]),
        ("post", "/v1/tools/search", "tools_search", "tools.search", ["tools"]),
        (
            "post",
            "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run",
            "mcp_servers_tools_run",
            "mcp_servers.tools.run",
            ["mcp_servers.tools"],
        ),
        (
            "get",
            "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}",
            "mcp_servers_tools_retrieve",
            "mcp_servers.tools.retrieve",
            ["mcp_servers.tools"],
        ),
        (
            "get",
            "/v1/mcp-servers/{mcp_server_id}/tools",
            "mcp_servers_tools_list",
            "mcp_servers.tools.list",
            ["mcp_servers.tools"],
        ),
    ]
    assert document["info"]["title"] == "Letta API"
    assert document["servers"] == [{"url": "https://api.letta.com"}]


def test_real_spec_info_version_is_the_config_default(document: dict[str, Any]) -> None:
    # The sample spec's specgen.toml sets no version, so the document carries Config's default.
    assert document["info"]["version"] == "0.1.0"


def test_real_spec_list_tools_query_arrays(document: dict[str, Any]) -> None:
    params = {p["name"]: p for p in document["paths"]["/v1/tools/"]["get"]["parameters"]}
    for name in ("exclude_tool_types", "names", "tool_ids", "tool_types"):
        assert params[name]["in"] == "query"
        assert params[name]["schema"]["type"] == "array"
        assert (params[name]["style"], params[name]["explode"]) == ("form", True)
    assert "style" not in params["after"]
    assert params["order"]["schema"] == {"type": "string", "enum": ["asc", "desc"]}


def test_real_spec_tool_schema(document: dict[str, Any]) -> None:
    tool = document["components"]["schemas"]["Tool"]
    assert tool["required"] == ["id"]
    assert tool["properties"]["metadata_"]["x-sdk-name"] == "metadata"
    # `Optional[ToolType]` in the Python docs: may be absent or null
    assert tool["properties"]["tool_type"]["anyOf"] == [
        {"$ref": "#/components/schemas/ToolType"},
        {"type": "null"},
    ]
    body = document["paths"]["/v1/tools/"]["post"]["requestBody"]
    assert body == {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ToolCreate"}}},
    }
    names = list(document["components"]["schemas"])
    assert names == sorted(names)


URI = "urn:specgen:openapi.json"


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _response_validator(document: dict[str, Any], path: str, method: str) -> jsonschema.Validator:
    """A Draft 2020-12 validator for one operation's 200 schema, `$ref`s resolved in the document."""
    registry: Registry = Registry().with_resource(URI, DRAFT202012.create_resource(document))
    where = _pointer(
        "paths", path, method, "responses", "200", "content", "application/json", "schema"
    )
    return jsonschema.Draft202012Validator({"$ref": URI + where}, registry=registry)


def test_real_spec_examples_match_response_schemas(document: dict[str, Any]) -> None:
    checked = []
    for path, method, operation in _operations(document):
        media = operation["responses"]["200"]["content"]["application/json"]
        if "example" not in media:
            continue
        validator = _response_validator(document, path, method)
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(media["example"])]
        assert errors == [], operation["operationId"]
        checked.append(operation["operationId"])
    assert checked == [
        "tools_delete",
        "tools_retrieve",
        "tools_update",
        "tools_list",
        "tools_create",
        "tools_upsert",
        "tools_search",
        "mcp_servers_tools_run",
        "mcp_servers_tools_retrieve",
    ]


def test_example_validation_can_fail(document: dict[str, Any]) -> None:
    """The resolver really follows `$ref`s into components: a bad nested value is caught."""
    media = document["paths"]["/v1/tools/search"]["post"]["responses"]["200"]["content"]
    example = json.loads(json.dumps(media["application/json"]["example"]))
    example[0]["tool"]["tool_type"] = "not-a-tool-type"
    del example[0]["combined_score"]
    validator = _response_validator(document, "/v1/tools/search", "post")
    assert sorted(e.json_path for e in validator.iter_errors(example)) == [
        "$[0]",
        "$[0].tool.tool_type",
    ]


def test_real_spec_render_is_deterministic(loaded: Loaded) -> None:
    one = openapi.render(loaded.api, loaded.config)
    assert one == openapi.render(loaded.api, loaded.config)
    shuffled = dataclasses.replace(loaded.api, types=tuple(reversed(loaded.api.types)))
    assert one == openapi.render(shuffled, loaded.config)
    assert one.endswith("\n")


# --- interop with peer generators --------------------------------------------------------------


@pytest.fixture(scope="module")
def openapi_file(loaded: Loaded, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("openapi") / "openapi.yaml"
    path.write_text(openapi.render(loaded.api, loaded.config), encoding="utf-8")
    return path


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.monotonic()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, env=env)
    assert time.monotonic() - start < 60, f"{args[0]} took too long"
    return proc


def _import_path(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic resolves postponed annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def _python_type(module: ModuleType, ref: ir.TypeRef) -> Any:
    if isinstance(ref, ir.Ref):
        return getattr(module, str(ref.name))
    if isinstance(ref, ir.ListOf):
        return list[_python_type(module, ref.item)]  # type: ignore[misc]
    if isinstance(ref, ir.MapOf):
        return dict[str, _python_type(module, ref.value)]  # type: ignore[misc]
    if isinstance(ref, ir.Unknown):
        return Any
    raise AssertionError(f"no peer model mapping for {ref!r}")


def _key_paths(value: Any, prefix: str = "$") -> set[str]:
    """Every object key in a JSON value, as a path (list positions kept)."""
    if isinstance(value, dict):
        out = set()
        for key, item in value.items():
            out.add(f"{prefix}.{key}")
            out |= _key_paths(item, f"{prefix}.{key}")
        return out
    if isinstance(value, list):
        return set().union(*(_key_paths(item, f"{prefix}[{i}]") for i, item in enumerate(value)))
    return set()


@pytest.mark.slow
def test_datamodel_codegen_models_accept_examples(
    loaded: Loaded, openapi_file: Path, tmp_path: Path
) -> None:
    from pydantic import TypeAdapter

    out = tmp_path / "dmcg_models.py"
    proc = _run(
        [
            str(BIN / "datamodel-codegen"),
            "--input",
            str(openapi_file),
            "--input-file-type",
            "openapi",
            "--output",
            str(out),
            "--output-model-type",
            "pydantic_v2.BaseModel",
        ],
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    module = _import_path("specgen_dmcg_models", out)
    try:
        checked = []
        for o in loaded.api.operations:
            if o.response_example is None or o.response is None:
                continue
            example = o.response_example.value
            adapter = TypeAdapter(_python_type(module, o.response))
            value = adapter.validate_python(example)
            # Every documented key was recognized (pydantic drops unknown keys by default); values
            # are compared by key paths since datetimes come back in another (equal) spelling.
            dumped = adapter.dump_python(value, mode="json", by_alias=True, exclude_unset=True)
            assert _key_paths(dumped) == _key_paths(example), o.operation_id
            checked.append(str(o.operation_id))
        assert {"tools_retrieve", "tools_search", "mcp_servers_tools_run"} <= set(checked)
        assert len(checked) == 9
    finally:
        sys.modules.pop("specgen_dmcg_models", None)


@pytest.mark.slow
def test_openapi_python_client_generates_cleanly(
    loaded: Loaded, openapi_file: Path, tmp_path: Path
) -> None:
    pkg = tmp_path / "opc_client"
    proc = _run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(openapi_file),
            "--output-path",
            str(pkg),
            "--meta",
            "none",
        ],
        tmp_path,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert [line for line in output.splitlines() if "Warning" in line or "Error" in line] == []
    modules = sorted(
        p.relative_to(pkg / "api").as_posix()
        for p in (pkg / "api").glob("*/*.py")
        if p.name != "__init__.py"
    )
    assert modules == [
        "mcp_servers_tools/mcp_servers_tools_list.py",
        "mcp_servers_tools/mcp_servers_tools_retrieve.py",
        "mcp_servers_tools/mcp_servers_tools_run.py",
        "tools/tools_create.py",
        "tools/tools_delete.py",
        "tools/tools_list.py",
        "tools/tools_retrieve.py",
        "tools/tools_search.py",
        "tools/tools_update.py",
        "tools/tools_upsert.py",
    ]
    sys.path.insert(0, str(tmp_path))
    try:
        models = importlib.import_module("opc_client.models")
        retrieve = next(o for o in loaded.api.operations if o.operation_id == "tools_retrieve")
        assert retrieve.response_example is not None
        example = copy.deepcopy(retrieve.response_example.value)
        assert models.Tool.from_dict(example).to_dict() == example
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "opc_client" or m.startswith("opc_client.")]:
            del sys.modules[name]


def _nullable_zoo() -> ir.Api:
    """Spellings the sample spec does not exercise (it has no nullable fields): nullable refs,
    unions, literals, lists, maps and datetimes; an integer enum; a tagged union."""
    tagged = ir.Discriminator("kind", (("cat", ClassName("Cat")), ("dog", ClassName("Dog"))))
    cat = obj("Cat", fld("kind", ir.LiteralOf(("cat",)), required=True), fld("name", nullable=True))
    dog = obj(
        "Dog",
        fld("kind", ir.LiteralOf(("dog",)), required=True),
        fld("age", INTEGER, nullable=True, constraints=ir.Constraints(minimum=0)),
    )
    owner = obj(
        "Owner",
        fld("pet", ref("Pet"), nullable=True, description="Their pet."),
        fld("pets", ir.ListOf(ref("Pet")), nullable=True),
        fld("inline", ir.UnionOf((ref("Cat"), ref("Dog")), tagged), nullable=True),
        fld("level", ref("Level"), description="How much."),
        fld("order", ir.LiteralOf(("asc", "desc")), nullable=True),
        fld("meta", ir.MapOf(ir.Unknown()), wire="metadata_", nullable=True),
        fld("when", ir.Primitive("datetime"), nullable=True),
        fld("mix", ir.UnionOf((STRING, INTEGER, ir.Null()))),
    )
    return api(
        cat,
        dog,
        owner,
        ir.UnionType(ClassName("Pet"), (ref("Cat"), ref("Dog")), S, "A pet.", tagged),
        ir.EnumType(ClassName("Level"), (1, 2, 3), S),
        ir.AliasType(ClassName("Owners"), ir.ListOf(ref("Owner")), S, "Owners."),
        ops=(
            op(
                "owners_list",
                "get",
                "/owners",
                params=(param("ids", "query", ir.ListOf(STRING), nullable=True),),
                response=ref("Owners"),
            ),
            op(
                "owners_create",
                "post",
                "/owners",
                params=(param("pet", "body", ref("Pet"), required=True),),
                body=ref("Owner"),
                response=ref("Owner"),
            ),
        ),
    )


@pytest.mark.slow
def test_peers_accept_nullable_spellings(tmp_path: Path) -> None:
    from pydantic import TypeAdapter

    doc = tmp_path / "openapi.yaml"
    doc.write_text(openapi.render(_nullable_zoo(), CONFIG), encoding="utf-8")
    validate(yaml.safe_load(doc.read_text(encoding="utf-8")))
    opc = _run(
        [str(BIN / "openapi-python-client"), "generate", "--path", str(doc)]
        + ["--output-path", str(tmp_path / "zoo_client"), "--meta", "none"],
        tmp_path,
    )
    output = opc.stdout + opc.stderr
    assert opc.returncode == 0, output
    assert [line for line in output.splitlines() if "Warning" in line or "Error" in line] == []
    out = tmp_path / "zoo_models.py"
    dmcg = _run(
        [str(BIN / "datamodel-codegen"), "--input", str(doc), "--input-file-type", "openapi"]
        + ["--output", str(out), "--output-model-type", "pydantic_v2.BaseModel"],
        tmp_path,
    )
    assert dmcg.returncode == 0, dmcg.stderr
    module = _import_path("specgen_zoo_models", out)
    try:
        owners = TypeAdapter(module.Owners)
        nulls = {k: None for k in ("pet", "pets", "inline", "order", "metadata_", "when", "mix")}
        full = {
            "pet": {"kind": "dog", "age": None},
            "pets": [{"kind": "cat", "name": "Tom"}],
            "inline": {"kind": "cat", "name": None},
            "level": 2,
            "order": "asc",
            "metadata_": {"a": [1]},
            "when": "2024-01-02T03:04:05Z",
            "mix": 3,
        }
        value = owners.validate_python([nulls, full])
        assert type(value.root[0].pet).__name__ == "NoneType"
        assert type(value.root[1].pet.root).__name__ == "Dog"
        with pytest.raises(ValueError):
            owners.validate_python([{"level": 4}])
    finally:
        sys.modules.pop("specgen_zoo_models", None)


def test_nullable_spellings_accept_null_only_where_nullable() -> None:
    document = openapi.openapi_document(_nullable_zoo(), CONFIG)
    validate(document)
    registry: Registry = Registry().with_resource(URI, DRAFT202012.create_resource(document))
    owner = jsonschema.Draft202012Validator(
        {"$ref": URI + "#/components/schemas/Owner"}, registry=registry
    )
    nulls = {k: None for k in ("pet", "pets", "inline", "order", "metadata_", "when", "mix")}
    assert list(owner.iter_errors(nulls)) == []
    assert list(owner.iter_errors({"pet": {"kind": "cat", "name": None}, "level": 3})) == []
    bad = {"level": None, "pet": {"kind": "cat", "name": 5}, "order": "up", "mix": 1.5}
    assert sorted({e.json_path for e in owner.iter_errors(bad)}) == [
        "$.level",
        "$.mix",
        "$.order",
        "$.pet",
    ]


def test_real_spec_openapi_yaml_reads_back_as_the_document(
    openapi_file: Path, document: dict[str, Any]
) -> None:
    text = openapi_file.read_text(encoding="utf-8")
    # JSON-normalized: tuples become lists, str subclasses (PyName, ClassName) plain str.
    want = json.loads(json.dumps(document))
    assert yaml.safe_load(text) == want
    assert yaml.load(text, Loader=yaml.CSafeLoader) == want
