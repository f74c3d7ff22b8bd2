"""The generated client against the generated server, over real HTTP on 127.0.0.1: mock mode
(responses are the documented examples) and a small in-memory implementation of the tools."""

from __future__ import annotations

import asyncio
import importlib
import json
from typing import Any

import pytest
from jsoncompare import same_instants
from live import LiveServer


@pytest.fixture(scope="module")
def packages(generated_dir):
    return importlib.import_module("letta_sdk"), importlib.import_module("letta_server")


@pytest.fixture(scope="module")
def mock_url(packages):
    _, server = packages
    live = LiveServer(server.create_app(mock=True)).start()
    yield live.url
    live.stop()


def example(loaded, op_id: str) -> Any:
    op = next(o for o in loaded.api.operations if o.operation_id == op_id)
    return op.response_example.value if op.response_example is not None else []


CALLS = {  # operation -> how the docs' Python flavor calls it
    "tools_delete": lambda c: c.tools.delete("tool-1"),
    "tools_retrieve": lambda c: c.tools.retrieve("tool-1"),
    "tools_update": lambda c: c.tools.update("tool-1", description="d"),
    "tools_list": lambda c: c.tools.list(limit=5),
    "tools_create": lambda c: c.tools.create(source_code="def f(): pass"),
    "tools_upsert": lambda c: c.tools.upsert(source_code="def f(): pass"),
    "tools_search": lambda c: c.tools.search(query="q"),
    "mcp_servers_tools_run": lambda c: c.mcp_servers.tools.run(
        "t", mcp_server_id="m", args={"a": 1}
    ),
    "mcp_servers_tools_retrieve": lambda c: c.mcp_servers.tools.retrieve("t", mcp_server_id="m"),
    "mcp_servers_tools_list": lambda c: c.mcp_servers.tools.list("m"),
}


def as_json(value: Any) -> Any:
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value


def test_all_operations_are_covered(loaded):
    assert sorted(CALLS) == sorted(o.operation_id for o in loaded.api.operations)


def test_mock_server_answers_every_sync_call_with_the_documented_example(
    packages, mock_url, loaded
):
    sdk, _ = packages
    with sdk.Letta(api_key="k", base_url=mock_url) as client:
        for op_id, call in CALLS.items():
            result = call(client)
            if op_id == "tools_list":
                result = result.items  # first page; the mock answers every page the same
            assert same_instants(as_json(result)) == same_instants(example(loaded, op_id)), op_id


def test_mock_server_answers_every_async_call_with_the_documented_example(
    packages, mock_url, loaded
):
    sdk, _ = packages

    async def main() -> None:
        async with sdk.AsyncLetta(api_key="k", base_url=mock_url) as client:
            for op_id, call in CALLS.items():
                pending = call(client)
                result = (await pending).items if op_id == "tools_list" else await pending
                assert same_instants(as_json(result)) == same_instants(example(loaded, op_id)), (
                    op_id
                )

    asyncio.run(main())


def test_invalid_request_reaches_the_client_as_a_422(packages, mock_url):
    sdk, _ = packages
    with sdk.Letta(api_key="k", base_url=mock_url) as client:
        with pytest.raises(sdk.UnprocessableEntityError) as info:
            client.tools.create(source_code="x", extra_body={"npm_requirements": [{"name": ""}]})
    assert info.value.status_code == 422
    assert "npm_requirements" in json.dumps(info.value.body)


class InMemoryTools:
    """A tiny tools backend: what a team would write to stand in for the real server."""

    def __init__(self, server) -> None:
        self.server = server
        self.tools: dict[str, dict[str, Any]] = {}

    def _get(self, tool_id: str) -> dict[str, Any]:
        if tool_id not in self.tools:
            raise self.server.HandlerError(404, f"tool {tool_id} not found")
        return self.tools[tool_id]

    def create(self, *, body) -> dict[str, Any]:
        tool_id = f"tool-{len(self.tools) + 1}"
        self.tools[tool_id] = {"id": tool_id, **body.to_dict()}
        return self.tools[tool_id]

    def upsert(self, *, body) -> dict[str, Any]:
        for tool in self.tools.values():
            if tool["source_code"] == body.source_code:
                tool.update(body.to_dict())
                return tool
        return self.create(body=body)

    def retrieve(self, tool_id: str) -> dict[str, Any]:
        return self._get(tool_id)

    def list(self, **query: Any) -> list[dict[str, Any]]:
        ids = sorted(self.tools)
        if query.get("after"):
            ids = [i for i in ids if i > query["after"]]
        return [self.tools[i] for i in ids[: int(query["limit"] or 100)]]

    def update(self, tool_id: str, *, body) -> dict[str, Any]:
        self._get(tool_id).update(body.to_dict())
        return self.tools[tool_id]

    def delete(self, tool_id: str) -> None:
        self._get(tool_id)
        del self.tools[tool_id]


def test_in_memory_handler_round_trip_through_the_sdk(packages):
    sdk, server = packages
    backend = InMemoryTools(server)
    live = LiveServer(server.create_app({"tools": backend})).start()
    try:
        with sdk.Letta(api_key="k", base_url=live.url, max_retries=0) as client:
            made = client.tools.create(source_code="def a(): pass", tags=["t"])
            assert (made.id, made.tags) == ("tool-1", ["t"])
            client.tools.create(source_code="def b(): pass")
            client.tools.create(source_code="def c(): pass")
            assert [t.id for t in client.tools.list(limit=2)] == ["tool-1", "tool-2", "tool-3"]
            assert client.tools.retrieve("tool-2").source_code == "def b(): pass"
            updated = client.tools.update("tool-1", description="now", metadata={"x": 1})
            assert (updated.description, updated.metadata) == ("now", {"x": 1})
            assert updated.to_dict()["metadata_"] == {"x": 1}  # the wire name made the round trip
            same = client.tools.upsert(source_code="def a(): pass", tags=["u"])
            assert (same.id, same.tags) == ("tool-1", ["u"])
            client.tools.delete("tool-3")
            with pytest.raises(sdk.NotFoundError) as info:
                client.tools.retrieve("tool-3")
            assert info.value.status_code == 404
            assert info.value.body == {"detail": "tool tool-3 not found"}
            with pytest.raises(sdk.APIStatusError) as info:
                client.mcp_servers.tools.list("m")
            assert info.value.status_code == 501
    finally:
        live.stop()
