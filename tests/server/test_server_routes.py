"""Routes, validation (422), 501 without handlers and `/openapi.json`, in-process."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import httpx
import pytest

# (method, documented path, python operation id): the ten operations of the sample spec.
DOCUMENTED = [
    ("DELETE", "/v1/tools/{tool_id}", "tools_delete"),
    ("GET", "/v1/tools/{tool_id}", "tools_retrieve"),
    ("PATCH", "/v1/tools/{tool_id}", "tools_update"),
    ("GET", "/v1/tools/", "tools_list"),
    ("POST", "/v1/tools/", "tools_create"),
    ("PUT", "/v1/tools/", "tools_upsert"),
    ("POST", "/v1/tools/search", "tools_search"),
    ("POST", "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}/run", "mcp_servers_tools_run"),
    ("GET", "/v1/mcp-servers/{mcp_server_id}/tools/{tool_id}", "mcp_servers_tools_retrieve"),
    ("GET", "/v1/mcp-servers/{mcp_server_id}/tools", "mcp_servers_tools_list"),
]
# A valid request for each operation: concrete path and JSON body (None: no body).
VALID_BODY: dict[str, Any] = {
    "tools_update": {},
    "tools_create": {"source_code": "def f():\n    return 1"},
    "tools_upsert": {"source_code": "def f():\n    return 1"},
    "tools_search": {},
    "mcp_servers_tools_run": {"args": {}},
}
LABELS = {
    "tools_delete": "tools.delete",
    "tools_retrieve": "tools.retrieve",
    "tools_update": "tools.update",
    "tools_list": "tools.list",
    "tools_create": "tools.create",
    "tools_upsert": "tools.upsert",
    "tools_search": "tools.search",
    "mcp_servers_tools_run": "mcp_servers.tools.run",
    "mcp_servers_tools_retrieve": "mcp_servers.tools.retrieve",
    "mcp_servers_tools_list": "mcp_servers.tools.list",
}


def concrete(path: str) -> str:
    return path.replace("{tool_id}", "tool-1").replace("{mcp_server_id}", "mcp-1")


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://stub")


async def call(app: Any, method: str, path: str, **kwargs: Any) -> httpx.Response:
    async with client(app) as c:
        return await c.request(method, path, **kwargs)


def test_every_documented_operation_has_its_route(server: ModuleType, server_loaded: Any) -> None:
    from fastapi.routing import APIRoute

    routes = {
        (m, r.path, r.operation_id)
        for r in server.routes.router.routes
        if isinstance(r, APIRoute)
        for m in r.methods
    }
    assert routes == set(DOCUMENTED)
    ir_ops = {(op.method.upper(), op.path, op.operation_id) for op in server_loaded.api.operations}
    assert ir_ops == set(DOCUMENTED)


def test_concrete_path_is_registered_before_the_templated_one(server: ModuleType) -> None:
    paths = [r.path for r in server.routes.router.routes]
    assert paths.index("/v1/tools/search") < paths.index("/v1/tools/{tool_id}")


@pytest.mark.anyio
@pytest.mark.parametrize(("method", "path", "op_id"), DOCUMENTED)
async def test_without_handlers_every_operation_answers_501(
    server: ModuleType, method: str, path: str, op_id: str
) -> None:
    response = await call(server.create_app(), method, concrete(path), json=VALID_BODY.get(op_id))
    assert response.status_code == 501
    assert response.json() == {"detail": f"{LABELS[op_id]} is not implemented"}


@pytest.mark.anyio
async def test_missing_required_body_field_is_422_naming_it(server: ModuleType) -> None:
    response = await call(server.create_app(), "POST", "/v1/tools/", json={"tags": ["a"]})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "source_code"]
    assert error["type"] == "missing"
    assert error["msg"] == "Field required"


@pytest.mark.anyio
async def test_wrong_query_type_is_422_naming_it(server: ModuleType) -> None:
    response = await call(server.create_app(), "GET", "/v1/tools/", params={"limit": "abc"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "limit"]
    assert error["type"] == "float_parsing"


@pytest.mark.anyio
async def test_violated_constraint_is_422_naming_it(server: ModuleType) -> None:
    body = {"source_code": "x", "npm_requirements": [{"name": ""}]}
    response = await call(server.create_app(), "POST", "/v1/tools/", json=body)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "npm_requirements", 0, "name"]
    assert error["type"] == "string_too_short"
    assert error["ctx"] == {"min_length": 1}


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("kwargs", "loc"),
    [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, ["body", 1]),
        ({"content": b"\xc9\x939\x83", "headers": {"content-type": "application/json"}}, ["body"]),
        ({"json": ["a list"]}, ["body"]),
        ({"json": {"source_code": 5}}, ["body", "source_code"]),
        ({"json": {"source_code": "x", "tags": "not-a-list"}}, ["body", "tags"]),
    ],
)
async def test_malformed_bodies_are_422_never_500(
    server: ModuleType, kwargs: dict[str, Any], loc: list[Any]
) -> None:
    response = await call(server.create_app(), "POST", "/v1/tools/", **kwargs)
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["detail"]] == [loc]


@pytest.mark.anyio
async def test_optional_body_may_be_left_out(server: ModuleType) -> None:
    """ToolUpdateParams has no required field: no body means an empty model, not 422."""
    seen: list[Any] = []

    class Tools(server.ToolsHandler):
        def update(self, tool_id: str, *, body: Any) -> dict[str, str]:
            seen.append((tool_id, body.model_dump(exclude_unset=True)))
            return {"id": tool_id}

    response = await call(server.create_app(Tools()), "PATCH", "/v1/tools/tool-9")
    assert (response.status_code, response.json()) == (200, {"id": "tool-9"})
    assert seen == [("tool-9", {})]


@pytest.mark.anyio
async def test_openapi_json_is_the_recovered_document(
    server: ModuleType, server_loaded: Any
) -> None:
    from generator.writers.openapi import openapi_document

    expected = json.loads(json.dumps(openapi_document(server_loaded.api, server_loaded.config)))
    for app in (server.create_app(), server.create_app(mock=True)):
        response = await call(app, "GET", "/openapi.json")
        assert response.status_code == 200
        assert response.json() == expected
    assert set(expected["paths"]) == {p for _, p, _ in DOCUMENTED}


def test_embedded_document_matches_openapi_yaml(server: ModuleType, server_loaded: Any) -> None:
    import yaml

    from generator.writers import openapi

    text = openapi.render(server_loaded.api, server_loaded.config)
    assert server._openapi.OPENAPI == yaml.safe_load(text)


@pytest.mark.anyio
async def test_unknown_paths_and_methods_keep_their_statuses(server: ModuleType) -> None:
    app = server.create_app()
    missing = await call(app, "GET", "/v1/nothing")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not Found"})
    wrong = await call(app, "DELETE", "/v1/tools/")
    assert (wrong.status_code, wrong.json()) == (405, {"detail": "Method Not Allowed"})
