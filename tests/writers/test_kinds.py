"""The writers and the request and response kinds: how the OpenAPI document spells each kind
(and stays valid 3.1), and which operations the SDK and the server leave out (W001)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate
from paths import CONSTRUCTS

from generator import ir
from generator.config import Config
from generator.diagnostics import Diagnostics
from generator.jsontext import JsonData
from generator.names import ClassName, PyName
from generator.source import Span
from generator.writers import emit, openapi, report_left_out, unwritable, writable

BIN = Path(sys.executable).parent
S = Span("t.md", 1)
CONFIG = Config(client_class="Acme", base_url="https://api.acme.test", version="1.2.3")
STRING = ir.Primitive("string")
BINARY = ir.Primitive("binary")
EVENT = ir.ObjectType(
    ClassName("Tick"),
    (ir.Field(PyName("n"), "n", ir.Primitive("integer"), True, False, S),),
    S,
    "One Server-Sent Event.",
)
TICK_REF = ir.Ref(ClassName("Tick"))
NO_BODY, JSON_RESPONSE = ir.NoBody(S), ir.JsonResponse(S)
TICK = {"$ref": "#/components/schemas/Tick"}
UPLOAD = ir.ObjectType(
    ClassName("ThingUploadParams"),
    (
        ir.Field(PyName("file"), "file", BINARY, True, False, S),
        ir.Field(PyName("note"), "note", STRING, False, False, S),
    ),
    S,
)


def param(
    name: str, location: str, type_: ir.TypeRef = STRING, *, deprecated: bool = False
) -> ir.Parameter:
    return ir.Parameter(
        name=PyName(name),
        wire_name=name,
        location=location,  # type: ignore[arg-type]
        type=type_,
        required=location == "path",
        nullable=False,
        span=S,
        deprecated=deprecated,
    )


def op(
    name: str,
    *,
    request: ir.RequestKind = NO_BODY,
    response: ir.ResponseKind = JSON_RESPONSE,
    response_type: ir.TypeRef | None = TICK_REF,
    params: tuple[ir.Parameter, ...] = (),
    body: str | None = None,
    switch: ir.StreamSwitch | None = None,
    deprecated: bool = False,
    example: JsonData | None = None,
) -> ir.Operation:
    return ir.Operation(
        operation_id=PyName(f"things_{name}"),
        method="post",
        path=f"/v1/things/{name}",
        resource=(PyName("things"),),
        sdk_name=PyName(name),
        summary=name.title(),
        span=S,
        params=params,
        body=ir.Ref(ClassName(body)) if body else None,
        response=response_type,
        response_example=example,
        request_kind=request,
        response_kind=response,
        stream_switch=switch,
        deprecated=deprecated,
    )


def document(*ops: ir.Operation) -> dict[str, Any]:
    api = ir.Api(operations=ops, types=(EVENT, UPLOAD), title="Things")
    doc = openapi.openapi_document(api, CONFIG)
    validate(json.loads(json.dumps(doc)))  # valid OpenAPI 3.1, whatever the kinds
    return doc


def written(o: ir.Operation) -> dict[str, Any]:
    op_doc: dict[str, Any] = document(o)["paths"][o.path]["post"]
    return op_doc


# --- the OpenAPI document ---------------------------------------------------------------------


def test_a_binary_primitive_is_a_binary_string() -> None:
    assert openapi.schema(BINARY) == {
        "type": "string",
        "format": "binary",
        "contentMediaType": "application/octet-stream",
    }


def test_json_request_and_response() -> None:
    o = op("make", request=ir.JsonBody(S), params=(param("note", "body"),), body="Tick")
    doc = written(o)
    assert doc["requestBody"] == {
        "required": False,
        "content": {"application/json": {"schema": TICK}},
    }
    assert doc["responses"]["200"]["content"] == {"application/json": {"schema": TICK}}
    assert "deprecated" not in doc


def test_a_multipart_upload_is_form_data_with_the_file_as_binary() -> None:
    params = (param("file", "body", BINARY), param("note", "body"))
    o = op(
        "upload", request=ir.MultipartBody(("file",), S), params=params, body="ThingUploadParams"
    )
    doc = document(o)
    body = doc["paths"][o.path]["post"]["requestBody"]
    assert body == {
        "required": False,
        "content": {
            "multipart/form-data": {"schema": {"$ref": "#/components/schemas/ThingUploadParams"}}
        },
    }
    fields = doc["components"]["schemas"]["ThingUploadParams"]["properties"]
    assert fields["file"]["format"] == "binary"
    assert fields["note"] == {"type": "string"}  # a form field


def test_a_file_part_only_the_example_shows_is_added_to_the_form() -> None:
    o = op("upload", request=ir.MultipartBody(("file",), S))
    body = written(o)["requestBody"]
    form = body["content"]["multipart/form-data"]["schema"]
    assert form == {"type": "object", "properties": {"file": openapi.schema(BINARY)}}
    assert body["required"] is True
    with_body = op(
        "upload",
        request=ir.MultipartBody(("photo",), S),
        params=(param("note", "body"),),
        body="ThingUploadParams",
    )
    form = written(with_body)["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["allOf"][0] == {"$ref": "#/components/schemas/ThingUploadParams"}
    assert form["allOf"][1]["properties"] == {"photo": openapi.schema(BINARY)}


def test_an_event_stream_is_text_event_stream_with_the_event_schema() -> None:
    o = op("stream", response=ir.EventStream(S), example=JsonData({"n": 1}))
    ok = written(o)["responses"]["200"]
    assert ok["content"] == {"text/event-stream": {"schema": TICK, "example": {"n": 1}}}
    assert "Server-Sent Events" in ok["description"]


def test_a_stream_switch_adds_the_event_stream_beside_the_json_response() -> None:
    switch = ir.StreamSwitch("streaming", S, ir.Ref(ClassName("Tick")))
    o = op("send", switch=switch, params=(param("streaming", "body", ir.Primitive("boolean")),))
    ok = written(o)["responses"]["200"]
    assert ok["content"] == {
        "application/json": {"schema": TICK},
        "text/event-stream": {"schema": TICK},
    }
    assert "`streaming`" in ok["description"]
    unknown_events = op("send", switch=ir.StreamSwitch("streaming", S))
    assert written(unknown_events)["responses"]["200"]["content"]["text/event-stream"] == {
        "schema": {}
    }


def test_plain_text_untyped_and_no_content() -> None:
    text = op("render", response=ir.PlainText(S), response_type=STRING, example=JsonData("hi"))
    assert written(text)["responses"]["200"]["content"] == {
        "text/plain": {"schema": {"type": "string"}, "example": "hi"}
    }
    untyped = op("poke", response=ir.Untyped(S), response_type=None, example=JsonData({}))
    assert written(untyped)["responses"]["200"]["content"] == {
        "application/json": {"schema": {}, "example": {}}
    }
    nothing = op("drop", response=ir.NoContent(S), response_type=None)
    assert written(nothing)["responses"]["200"] == {
        "description": "Successful Response (no documented body)"
    }


def test_deprecated_operations_and_parameters() -> None:
    params = (param("cursor", "query", deprecated=True), param("limit", "query"))
    doc = written(op("list", params=params, deprecated=True))
    assert doc["deprecated"] is True
    assert [p.get("deprecated") for p in doc["parameters"]] == [True, None]


# --- what the SDK and the server leave out ------------------------------------------------------

CASES = [
    (op("upload", request=ir.MultipartBody(("file",), S)), "multipart/form-data"),
    (op("stream", response=ir.EventStream(S)), "Server-Sent Events"),
    (op("render", response=ir.PlainText(S), response_type=STRING), "plain text"),
    (op("send", switch=ir.StreamSwitch("streaming", S)), "with `streaming`"),
]


@pytest.mark.parametrize(("o", "reason"), CASES, ids=[c[0].sdk_name for c in CASES])
def test_kinds_the_sdk_and_server_cannot_write_are_left_out_with_one_warning(
    o: ir.Operation, reason: str
) -> None:
    assert reason in (unwritable(o) or "")
    api = ir.Api(operations=(op("make"), o), types=(EVENT, UPLOAD), title="Things")
    assert [x.sdk_name for x in writable(api).operations] == ["make"]
    diags = Diagnostics()
    report_left_out(api, diags)
    (warning,) = diags.items
    assert (warning.code, warning.span) == ("W001", o.span)
    assert f"POST {o.path} (things.{o.sdk_name})" in warning.message


@pytest.mark.parametrize(
    "o",
    [
        op("make", request=ir.JsonBody(S), body="Tick"),
        op("poke", response=ir.Untyped(S), response_type=None),
        op("drop", response=ir.NoContent(S), response_type=None),
    ],
    ids=["json", "untyped", "no-content"],
)
def test_json_kinds_are_written(o: ir.Operation) -> None:
    assert unwritable(o) is None
    api = ir.Api(operations=(o,), types=(EVENT, UPLOAD), title="Things")
    assert writable(api) is api


def test_emit_keeps_a_left_out_operation_in_openapi_yaml_only() -> None:
    stream = op("stream", response=ir.EventStream(S))
    api = ir.Api(operations=(op("make"), stream), types=(EVENT, UPLOAD), title="Things")
    config = Config(
        sdk_package="syn_sdk", server_package="syn_server", client_class="Acme", env_prefix="ACME"
    )
    files = {path: text.decode() for path, text in emit(api, config).items()}
    assert "/v1/things/stream:" in files["openapi.yaml"]
    assert "/v1/things/make:" in files["openapi.yaml"]
    served = json.loads(files["syn_server/openapi.json"])
    assert list(served["paths"]) == ["/v1/things/make"]  # the server serves what it routes
    sdk = "\n".join(text for path, text in files.items() if path.startswith("syn_sdk/"))
    assert "def make(" in sdk
    assert "def stream(" not in sdk
    assert "/v1/things/stream" not in files["syn_server/routes.py"]


def test_generate_and_check_print_the_same_w001_warning(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    spec, out = CONSTRUCTS / "c22-sse-streaming-endpoint" / "spec", tmp_path / "out"
    runner = CliRunner()
    generated = runner.invoke(main, ["generate", "--spec", str(spec), "--out", str(out)])
    assert generated.exit_code == 0, generated.stderr
    checked = runner.invoke(main, ["check", "--full", "--spec", str(spec), "--out", str(out)])
    assert checked.exit_code == 0, checked.stdout
    warned = [line for line in generated.stderr.splitlines() if " W001: " in line]
    assert len(warned) == 1 and "(chats.stream)" in warned[0]
    assert [line for line in checked.stderr.splitlines() if " W001: " in line] == warned
    assert "/v1/chats/{chat_id}/stream:" in (out / "openapi.yaml").read_text(encoding="utf-8")


@pytest.mark.slow
def test_peers_read_every_kind(tmp_path: Path) -> None:
    """openapi-python-client and datamodel-code-generator read a document with every kind
    (multipart upload, event stream, conditional stream, plain text, no content) cleanly."""
    upload_params = (param("file", "body", BINARY), param("note", "body"))
    everything = document(
        op("make", request=ir.JsonBody(S), params=(param("note", "body"),), body="Tick"),
        op(
            "upload", request=ir.MultipartBody(("file",), S), params=upload_params, body=UPLOAD.name
        ),
        op("stream", response=ir.EventStream(S)),
        op("send", switch=ir.StreamSwitch("streaming", S, TICK_REF)),
        op("render", response=ir.PlainText(S), response_type=STRING),
        op("drop", response=ir.NoContent(S), response_type=None, deprecated=True),
    )
    spec = tmp_path / "openapi.yaml"
    spec.write_text(openapi.render_document(everything), encoding="utf-8")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    runs = {
        "openapi-python-client": [
            "generate", "--path", str(spec), "--output-path", str(tmp_path / "opc"), "--meta", "none"
        ],
        "datamodel-codegen": [
            "--input", str(spec), "--input-file-type", "openapi", "--output",
            str(tmp_path / "models.py"), "--formatters", "builtin",
            "--output-model-type", "pydantic_v2.BaseModel",
        ],
    }  # fmt: skip
    for tool, args in runs.items():
        proc = subprocess.run(
            [str(BIN / tool), *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == 0, output
        assert [line for line in output.splitlines() if "Warning" in line or "Error" in line] == []
    uploaded = (tmp_path / "opc" / "api" / "things" / "things_upload.py").read_text()
    assert "to_multipart()" in uploaded  # sent as a form, not as JSON
    assert "file: bytes" in (tmp_path / "models.py").read_text()
