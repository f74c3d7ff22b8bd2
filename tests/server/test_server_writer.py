"""The writer itself: files, determinism, documented examples, minimal values, inert docs text,
and a synthetic API exercising aliases, header parameters and defaults at run time."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator import ir
from generator.config import Config
from generator.jsontext import JsonData
from generator.names import ClassName, PyName
from generator.source import Span
from generator.writers.server import ServerWriterError, render_server
from generator.writers.server import _json_data as server_json_data
from generator.writers.server_values import MockResponse, minimal_value, mock_response
from generator.writers.server_views import protocol_name

SPAN = Span("synthetic.md", 1)
EVIL = 'Get a thing """\nimport os; os.system("echo pwned")  # \x07 \u2028 end"'


def test_render_server_writes_these_files(server_files: dict[str, str]) -> None:
    assert sorted(server_files) == [
        "letta_server/__init__.py",
        "letta_server/__main__.py",
        "letta_server/_mock.py",
        "letta_server/_openapi.py",
        "letta_server/_support.py",
        "letta_server/app.py",
        "letta_server/handlers.py",
        "letta_server/mock_responses.json",
        "letta_server/openapi.json",
        "letta_server/routes.py",
    ]
    support = Path(__file__).parents[2] / "templates" / "server" / "_support.py"
    assert server_files["letta_server/_support.py"] == support.read_text(encoding="utf-8")


def test_render_server_is_deterministic(server_loaded: Any) -> None:
    api, config = server_loaded.api, server_loaded.config
    assert render_server(api, config) == render_server(api, config)


def test_protocol_names_come_from_the_resource_path() -> None:
    assert protocol_name((PyName("tools"),)) == "ToolsHandler"
    assert protocol_name((PyName("mcp_servers"), PyName("tools"))) == "McpServersToolsHandler"


# Text that is not strict JSON never reaches the writer: the readers parse the examples
# (tests/readers/test_markdown.py, test_web.py); the IR carries values.


def test_a_documented_null_example_is_served_as_documented() -> None:
    op = dataclasses.replace(GET, response_example=JsonData(None))
    assert mock_response(SYNTHETIC, op) == MockResponse(
        "things_get", None, True, "documented example"
    )


def test_the_openapi_copy_is_what_a_json_round_trip_gives() -> None:
    document = {
        "a": (PyName("x"), 1.5, -0.0, True, None, [{"k": 2}]),
        PyName("b"): {1: "one", 2.5: "f", None: "n"},
        "c": {False: "no"},
    }
    assert server_json_data(document) == json.loads(json.dumps(document))
    assert type(server_json_data(document)["a"][0]) is str
    with pytest.raises(ServerWriterError, match="not JSON data"):
        server_json_data({"x": [float("nan")]})


# --- a synthetic API -----------------------------------------------------------------------------


def _field(name: str, type_: ir.TypeRef, required: bool = True, **kw: Any) -> ir.Field:
    wire = kw.pop("wire", name)
    return ir.Field(PyName(name), wire, type_, required, kw.pop("nullable", False), SPAN, **kw)


def _param(name: str, loc: Any, type_: ir.TypeRef, required: bool, **kw: Any) -> ir.Parameter:
    wire = kw.pop("wire", name)
    return ir.Parameter(PyName(name), wire, loc, type_, required, False, SPAN, **kw)


STR = ir.Primitive("string")
INT = ir.Primitive("integer")
THING = ir.ObjectType(
    ClassName("Thing"),
    (
        _field("id", STR),
        _field("kind", ir.LiteralOf(("a", "b"))),
        _field("count", INT, constraints=ir.Constraints(minimum=3)),
        _field("name", STR, constraints=ir.Constraints(min_length=2)),
        _field("parent", ir.Ref(ClassName("Thing")), nullable=True),
        _field("tags", ir.ListOf(STR)),
        _field("note", STR, required=False, wire="note_", description=EVIL),
    ),
    SPAN,
    description=EVIL,
)
THING_CREATE = ir.ObjectType(ClassName("ThingCreate"), (_field("name", STR),), SPAN)
GET = ir.Operation(
    operation_id=PyName("things_get"),
    method="get",
    path="/v1/things/{thing-id}",
    resource=(PyName("things"),),
    sdk_name=PyName("get"),
    summary=EVIL,
    span=SPAN,
    description=EVIL,
    params=(
        _param("thing_id", "path", STR, True, wire="thing-id", description=EVIL),
        _param(
            "page_size",
            "query",
            INT,
            False,
            wire="pageSize",
            default=10,
            constraints=ir.Constraints(maximum=50),
        ),
        _param("mode", "query", ir.LiteralOf(('x"y', "z")), False, default='x"y'),
        _param("x_trace", "header", STR, False, wire="X-Trace"),
        _param("request", "query", STR, False),
    ),
    response=ir.Ref(ClassName("Thing")),
    request_kind=ir.NoBody(SPAN),
    response_kind=ir.JsonResponse(SPAN),
)
MAKE = ir.Operation(
    operation_id=PyName("things_make"),
    method="post",
    path="/v1/things",
    resource=(PyName("things"), PyName("made")),
    sdk_name=PyName("make"),
    summary="Make",
    span=SPAN,
    params=(_param("name", "body", STR, True),),
    body=ir.Ref(ClassName("ThingCreate")),
    response=ir.ListOf(ir.Ref(ClassName("Thing"))),
    response_example=JsonData(
        [{"id": "t", "kind": "b", "count": 4, "name": "nn", "parent": None, "tags": []}]
    ),
    request_kind=ir.JsonBody(SPAN),
    response_kind=ir.JsonResponse(SPAN),
)
SYNTHETIC = ir.Api(operations=(GET, MAKE), types=(THING, THING_CREATE), title="Things")
SYN_CONFIG = Config(sdk_package="syn_sdk", server_package="syn_server", version="1.0.0")


def test_minimal_value_fills_required_fields_within_constraints() -> None:
    assert minimal_value(SYNTHETIC, ir.Ref(ClassName("Thing"))) == {
        "id": "",
        "kind": "a",
        "count": 3,
        "name": "aa",
        "parent": None,
        "tags": [],
    }
    assert minimal_value(SYNTHETIC, ir.ListOf(STR)) == []
    assert minimal_value(SYNTHETIC, ir.MapOf(STR)) == {}
    assert minimal_value(SYNTHETIC, ir.Unknown()) is None
    note = mock_response(SYNTHETIC, GET).note
    assert note.startswith("no documented example: minimal valid value {")


def test_docs_text_stays_inert_in_the_generated_code() -> None:
    files = render_server(SYNTHETIC, SYN_CONFIG)
    routes = ast.parse(files["syn_server/routes.py"])
    handlers = ast.parse(files["syn_server/handlers.py"])
    assert "pwned" not in "".join(
        ast.unparse(n) for n in ast.walk(routes) if isinstance(n, ast.Call)
    )
    [route] = [
        n for n in routes.body if isinstance(n, ast.AsyncFunctionDef) and n.name == "things_get"
    ]
    doc = ast.get_docstring(route, clean=False) or ""
    assert doc.startswith(EVIL.strip())
    [proto] = [
        n for n in handlers.body if isinstance(n, ast.ClassDef) and n.name == "ThingsHandler"
    ]
    [method] = [n for n in proto.body if isinstance(n, ast.FunctionDef)]
    assert (ast.get_docstring(method, clean=False) or "").startswith(EVIL.strip())
    # no statement was smuggled in: only imports, assignments, functions and classes
    kinds = {type(n).__name__ for tree in (routes, handlers) for n in tree.body}
    assert kinds <= {"ImportFrom", "Assign", "AnnAssign", "AsyncFunctionDef", "ClassDef", "Expr"}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    from generator.writers.format import format_python
    from generator.writers.models import render_models

    root = tmp_path_factory.mktemp("synthetic")
    files = format_python(
        {**render_models(SYNTHETIC, SYN_CONFIG), **render_server(SYNTHETIC, SYN_CONFIG)}
    )
    files["syn_sdk/__init__.py"] = ""
    runtime = Path(__file__).parents[2] / "templates" / "sdk_runtime"
    for src in sorted(runtime.glob("*.py")):
        files[f"syn_sdk/_runtime/{src.name}"] = src.read_text(encoding="utf-8")
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module("syn_server")
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m.split(".")[0] in ("syn_sdk", "syn_server")]:
            del sys.modules[name]


@pytest.mark.anyio
async def test_synthetic_aliases_headers_defaults_and_request_name(synthetic: ModuleType) -> None:
    import inspect

    calls: list[dict[str, Any]] = []

    class Things(synthetic.ThingsHandler):  # type: ignore[misc,name-defined]
        def get(self, thing_id: str, **kw: Any) -> dict[str, Any]:
            calls.append({"thing_id": thing_id, **kw})
            return {
                "id": thing_id,
                "kind": "a",
                "count": 3,
                "name": "nn",
                "parent": None,
                "tags": [],
                "note": "n",
            }

    params = list(inspect.signature(synthetic.ThingsHandler.get).parameters.values())
    assert [(p.name, p.kind.name) for p in params] == [
        ("self", "POSITIONAL_OR_KEYWORD"),
        ("thing_id", "POSITIONAL_OR_KEYWORD"),
        ("page_size", "KEYWORD_ONLY"),
        ("mode", "KEYWORD_ONLY"),
        ("x_trace", "KEYWORD_ONLY"),
        ("request", "KEYWORD_ONLY"),
    ]
    transport = httpx.ASGITransport(app=synthetic.create_app(Things()))
    async with httpx.AsyncClient(transport=transport, base_url="http://stub") as c:
        r = await c.get("/v1/things/t1", headers={"X-Trace": "abc"}, params={"request": "r"})
        assert r.status_code == 200
        assert r.json() == {
            "id": "t1",
            "kind": "a",
            "count": 3,
            "name": "nn",
            "parent": None,
            "tags": [],
            "note_": "n",
        }
        assert calls[-1] == {
            "thing_id": "t1",
            "page_size": 10,
            "mode": 'x"y',
            "x_trace": "abc",
            "request": "r",
        }
        r = await c.get("/v1/things/t2", params={"pageSize": "7", "mode": "z"})
        assert calls[-1] == {
            "thing_id": "t2",
            "page_size": 7,
            "mode": "z",
            "x_trace": None,
            "request": None,
        }
        r = await c.get("/v1/things/t2", params={"pageSize": "51"})
        assert r.status_code == 422
        assert [e["loc"] for e in r.json()["detail"]] == [["query", "pageSize"]]
        # the other resource (things.made) has no handler
        r = await c.post("/v1/things", json={"name": "n"})
        assert (r.status_code, r.json()) == (501, {"detail": "things.made.make is not implemented"})

    mock = httpx.ASGITransport(app=synthetic.create_app(mock=True))
    async with httpx.AsyncClient(transport=mock, base_url="http://stub") as c:
        assert (await c.get("/v1/things/x")).json() == minimal_value(SYNTHETIC, GET.response)  # type: ignore[arg-type]
        made = await c.post("/v1/things", json={"name": "n"})
        assert made.json() == [
            {"id": "t", "kind": "b", "count": 4, "name": "nn", "parent": None, "tags": []}
        ]


# --- static checks of the generated package ------------------------------------------------------

# ruff over the whole generated tree: tests/test_generated_quality.py


@pytest.mark.slow
def test_generated_server_passes_mypy_strict(server_root: Path) -> None:
    """The server package and what it imports (the models, the runtime), under --strict."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "letta_server"],
        cwd=server_root,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found in 8 source files" in done.stdout
