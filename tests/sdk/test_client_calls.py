"""The generated client, imported and called: every method, sync and async, with every parameter
and with only the required ones; the exact HTTP request is checked each time."""

from __future__ import annotations

import asyncio
import importlib
import json
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from generator import ir

BASE = "https://api.test"


def sample(ref: ir.TypeRef, api: ir.Api, name: str) -> Any:
    """A valid value of the type (as JSON data, by wire names)."""
    if isinstance(ref, ir.Primitive):
        return {
            "string": f"v-{name}",
            "integer": 3,
            "number": 2.5,
            "boolean": True,
            "datetime": "2024-01-02T03:04:05Z",
            "date": "2024-01-02",
        }[ref.kind]
    if isinstance(ref, ir.ListOf):
        return [sample(ref.item, api, name)]
    if isinstance(ref, ir.MapOf):
        return {"k": "v"}
    if isinstance(ref, ir.LiteralOf):
        return ref.values[0]
    if isinstance(ref, ir.UnionOf):
        return sample(ref.members[0], api, name)
    if isinstance(ref, ir.Ref):
        t = api.type_named(ref.name)
        if isinstance(t, ir.EnumType):
            return t.values[0]
        if isinstance(t, ir.ObjectType):
            return {f.wire_name: sample(f.type, api, f.name) for f in t.fields if f.required}
        if isinstance(t, ir.AliasType):
            return sample(t.target, api, name)
        if isinstance(t, ir.UnionType):
            return sample(t.members[0], api, name)
    return {"any": "thing"}


def expected_query(op: ir.Operation, values: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for p in op.params:
        if p.location != "query" or p.name not in values:
            continue
        items = values[p.name] if isinstance(values[p.name], list) else [values[p.name]]
        for item in items:
            out.append((p.wire_name, json.dumps(item) if isinstance(item, bool) else str(item)))
    return sorted(out)


class Recorder:
    def __init__(self, loaded) -> None:
        self.api = loaded.api
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        op = self.op_for(request)
        body = op.response_example.value if op.response_example is not None else []
        if op.pagination and dict(parse_qsl(request.url.query.decode())).get("after"):
            body = []
        return httpx.Response(200, json=body)

    def op_for(self, request: httpx.Request) -> ir.Operation:
        path = request.url.path
        for op in self.api.operations:
            pattern = op.path
            for p in op.params:
                if p.location == "path":
                    pattern = pattern.replace("{" + p.wire_name + "}", "X")
            parts, want = path.split("/"), pattern.split("/")
            if request.method.lower() == op.method and len(parts) == len(want):
                if all((w == "X" and g) or w == g for g, w in zip(parts, want, strict=True)):
                    return op
        raise AssertionError(f"no operation for {request.method} {path}")


def call_args(op: ir.Operation, api: ir.Api, everything: bool) -> tuple[list[Any], dict[str, Any]]:
    args, kwargs = [], {}
    for p in op.params:
        if not (p.required or everything):
            continue
        value = sample(p.type, api, p.name)
        if p.name in op.positional:
            args.append(value)
        else:
            kwargs[p.name] = value
    return args, kwargs


def check_request(
    request: httpx.Request, op: ir.Operation, kwargs: dict[str, Any], args: list[Any]
) -> None:
    assert request.method == op.method.upper()
    values = dict(kwargs)
    values.update(zip(op.positional, args, strict=True))
    path = op.path
    for p in op.params:
        if p.location == "path":
            path = path.replace("{" + p.wire_name + "}", str(values[p.name]))
    assert request.url.path == path
    assert sorted(parse_qsl(request.url.query.decode())) == expected_query(op, values)
    body = {
        p.wire_name: values[p.name] for p in op.params if p.location == "body" and p.name in values
    }
    if op.method in ("post", "put", "patch") and op.body is not None:
        assert json.loads(request.content or b"{}") == body
    else:
        assert request.content == b""
    assert request.headers["authorization"] == "Bearer sk-test"


@pytest.fixture(scope="module")
def sdk(generated_dir):
    return importlib.import_module("letta_sdk")


def resource(client: Any, op: ir.Operation) -> Any:
    target = client
    for part in op.resource:
        target = getattr(target, part)
    return getattr(target, op.sdk_name)


@pytest.mark.parametrize("everything", [True, False], ids=["all-params", "required-only"])
def test_every_method_sync(sdk, loaded, everything):
    recorder = Recorder(loaded)
    client = sdk.Letta(
        api_key="sk-test",
        base_url=BASE,
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
    )
    for op in loaded.api.operations:
        recorder.requests.clear()
        args, kwargs = call_args(op, loaded.api, everything)
        result = resource(client, op)(*args, **kwargs)
        if op.pagination:
            list(result)  # walks to the empty page
        check_request(recorder.requests[0], op, kwargs, args)


@pytest.mark.parametrize("everything", [True, False], ids=["all-params", "required-only"])
def test_every_method_async(sdk, loaded, everything):
    recorder = Recorder(loaded)

    async def main() -> None:
        transport = httpx.MockTransport(recorder)
        async with sdk.AsyncLetta(
            api_key="sk-test", base_url=BASE, http_client=httpx.AsyncClient(transport=transport)
        ) as client:
            for op in loaded.api.operations:
                recorder.requests.clear()
                args, kwargs = call_args(op, loaded.api, everything)
                result = resource(client, op)(*args, **kwargs)
                if op.pagination:
                    [item async for item in result]
                else:
                    await result
                check_request(recorder.requests[0], op, kwargs, args)

    asyncio.run(main())


def test_signatures_follow_the_python_docs(sdk, loaded):
    import inspect

    client = sdk.Letta(api_key="k", base_url=BASE)
    run = inspect.signature(client.mcp_servers.tools.run)
    kinds = {n: p.kind for n, p in run.parameters.items()}
    assert kinds["tool_id"] is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert kinds["mcp_server_id"] is inspect.Parameter.KEYWORD_ONLY
    assert kinds["args"] is inspect.Parameter.KEYWORD_ONLY
    assert run.parameters["args"].default is sdk.NOT_GIVEN
    update = inspect.signature(client.tools.update)
    assert list(update.parameters)[:2] == ["tool_id", "args_json_schema"]


def test_omit_and_none_on_the_wire(sdk, loaded):
    recorder = Recorder(loaded)
    client = sdk.Letta(
        api_key="sk-test",
        base_url=BASE,
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
    )
    tool = client.tools.update("tool-1", metadata={"a": 1}, description="d")
    assert json.loads(recorder.requests[-1].content) == {"metadata_": {"a": 1}, "description": "d"}
    assert tool.metadata == {"foo": "bar"}  # parsed from the documented example by its alias
    client.tools.update("tool-1")
    assert json.loads(recorder.requests[-1].content) == {}


def test_empty_path_parameter_is_refused_before_any_request(sdk, loaded):
    recorder = Recorder(loaded)
    client = sdk.Letta(
        api_key="sk-test",
        base_url=BASE,
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
    )
    with pytest.raises(ValueError):
        client.tools.retrieve("")
    assert recorder.requests == []


def test_request_constraints_are_enforced_client_side(sdk, loaded):
    import pydantic

    recorder = Recorder(loaded)
    client = sdk.Letta(
        api_key="sk-test",
        base_url=BASE,
        http_client=httpx.Client(transport=httpx.MockTransport(recorder)),
    )
    with pytest.raises(pydantic.ValidationError):
        client.tools.create(source_code="x", npm_requirements=[{"name": ""}])
    assert recorder.requests == []


def test_import_is_lazy(generated_dir):
    import subprocess
    import sys

    code = (
        "import sys, letta_sdk; print(sorted(m for m in sys.modules if m.startswith('letta_sdk')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=generated_dir, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "['letta_sdk']"
