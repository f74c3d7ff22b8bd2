"""User handlers behind the generated app, over real HTTP (uvicorn on loopback + httpx)."""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType, SimpleNamespace
from typing import Any

import httpx
import pytest
from live import LiveServer

SOURCE = "def roll_dice():\n    return 4"


def make_tools_handler(server: ModuleType, sdk_types: ModuleType) -> Any:
    """An in-memory implementation of the generated ToolsHandler protocol (all 7 methods)."""
    Tool = sdk_types.Tool

    class InMemoryTools(server.ToolsHandler):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            self.tools: dict[str, Any] = {}
            self.calls: list[tuple[str, dict[str, Any]]] = []

        def _get(self, tool_id: str) -> Any:
            if tool_id not in self.tools:
                raise server.HandlerError(404, f"tool {tool_id} not found")
            return self.tools[tool_id]

        def _new(self, body: Any) -> Any:
            name = re.match(r"def (\w+)", body.source_code)
            fields = body.model_dump(exclude_unset=True)
            tool = Tool(
                id=f"tool-{len(self.tools) + 1}", name=name.group(1) if name else "", **fields
            )
            self.tools[tool.id] = tool
            return tool

        def create(self, *, body: Any) -> Any:
            self.calls.append(("create", {"body": body}))
            return self._new(body)

        async def retrieve(self, tool_id: str) -> Any:  # async methods are awaited
            self.calls.append(("retrieve", {"tool_id": tool_id}))
            return self._get(tool_id)

        def list(self, **query: Any) -> list[Any]:
            self.calls.append(("list", query))
            tools = [t for t in self.tools.values() if query["name"] in (None, t.name)]
            return tools[: int(query["limit"])] if query["limit"] is not None else tools

        def update(self, tool_id: str, *, body: Any) -> Any:
            tool = self._get(tool_id)
            updated = tool.model_copy(update=body.model_dump(exclude_unset=True))
            self.tools[tool_id] = updated
            return updated

        def upsert(self, *, body: Any) -> Any:
            name = re.match(r"def (\w+)", body.source_code)
            for tool in self.tools.values():
                if name and tool.name == name.group(1):
                    return self.update(tool.id, body=body)
            return self._new(body)

        async def delete(self, tool_id: str) -> dict[str, str]:
            self._get(tool_id)
            del self.tools[tool_id]
            return {"deleted": tool_id}

        def search(self, *, body: Any) -> list[dict[str, Any]]:
            hits = [t for t in self.tools.values() if body.query and body.query in (t.name or "")]
            return [{"combined_score": 1.0, "tool": t} for t in hits]

    return InMemoryTools()


def test_in_memory_tools_handler_over_http(
    server: ModuleType, sdk_types: ModuleType, live: Callable[[Any], LiveServer]
) -> None:
    tools = make_tools_handler(server, sdk_types)
    base = live(server.create_app([tools])).url
    with httpx.Client(base_url=base, timeout=10) as c:
        created = c.post("/v1/tools/", json={"source_code": SOURCE, "tags": ["dice"]})
        assert created.status_code == 200
        tool = {"id": "tool-1", "name": "roll_dice", "source_code": SOURCE, "tags": ["dice"]}
        assert created.json() == tool
        # the handler received the validated body model
        [(kind, args)] = tools.calls
        assert kind == "create" and type(args["body"]).__name__ == "ToolCreate"

        assert c.get("/v1/tools/tool-1").json() == tool
        assert c.get("/v1/tools/", params={"name": "roll_dice"}).json() == [tool]
        assert c.get("/v1/tools/", params={"name": "other"}).json() == []
        assert tools.calls[-1] == (
            "list",
            {
                "after": None,
                "before": None,
                "exclude_tool_types": None,
                "limit": None,
                "name": "other",
                "names": None,
                "order": None,
                "order_by": None,
                "return_only_letta_tools": None,
                "search": None,
                "tool_ids": None,
                "tool_types": None,
            },
        )
        listed = c.get("/v1/tools/", params={"limit": "1", "tool_ids": ["a", "b"]})
        assert listed.json() == [tool]
        assert tools.calls[-1][1]["limit"] == 1.0 and tools.calls[-1][1]["tool_ids"] == ["a", "b"]

        # wire name `metadata_` in and out; fields never set stay out of the response
        updated = c.patch("/v1/tools/tool-1", json={"metadata_": {"k": "v"}, "description": "d"})
        assert updated.status_code == 200
        assert updated.json() == {**tool, "metadata_": {"k": "v"}, "description": "d"}
        assert "metadata" not in updated.json()

        upserted = c.put("/v1/tools/", json={"source_code": SOURCE, "tags": ["new"]})
        assert upserted.json() == {**updated.json(), "tags": ["new"]}
        other = c.put("/v1/tools/", json={"source_code": "def flip():\n    return 0"})
        assert other.json() == {
            "id": "tool-2",
            "name": "flip",
            "source_code": "def flip():\n    return 0",
        }

        found = c.post("/v1/tools/search", json={"query": "flip"})
        assert found.json() == [{"combined_score": 1.0, "tool": other.json()}]

        deleted = c.delete("/v1/tools/tool-1")
        assert (deleted.status_code, deleted.json()) == (200, {"deleted": "tool-1"})
        missing = c.get("/v1/tools/tool-1")
        assert (missing.status_code, missing.json()) == (404, {"detail": "tool tool-1 not found"})
        assert c.delete("/v1/tools/tool-1").status_code == 404
        assert c.get("/v1/tools/").json() == [other.json()]
        # the other resource has no handler
        not_impl = c.get("/v1/mcp-servers/m/tools")
        assert (not_impl.status_code, not_impl.json()) == (
            501,
            {"detail": "mcp_servers.tools.list is not implemented"},
        )


def test_root_object_shaped_like_the_client_with_async_methods(
    server: ModuleType, live: Callable[[Any], LiveServer]
) -> None:
    seen: list[Any] = []

    class McpTools:  # duck-typed: no protocol subclass, bound through `root.mcp_servers.tools`
        async def run(self, mcp_server_id: str, tool_id: str, *, body: Any) -> dict[str, Any]:
            seen.append((mcp_server_id, tool_id, body.args))
            return {"status": "success", "func_return": body.args, "stdout": ["ok"]}

        def list(self, mcp_server_id: str) -> list[dict[str, str]]:
            return [{"id": f"{mcp_server_id}-t"}]

    root = SimpleNamespace(mcp_servers=SimpleNamespace(tools=McpTools()))
    base = live(server.create_app(root)).url
    with httpx.Client(base_url=base, timeout=10) as c:
        ran = c.post("/v1/mcp-servers/m1/tools/t1/run", json={"args": {"x": 1}})
        assert ran.json() == {"status": "success", "func_return": {"x": 1}, "stdout": ["ok"]}
        assert seen == [("m1", "t1", {"x": 1})]
        assert c.get("/v1/mcp-servers/m1/tools").json() == [{"id": "m1-t"}]
        assert c.get("/v1/mcp-servers/m1/tools/t1").status_code == 501
        assert c.get("/v1/tools/").status_code == 501


@pytest.mark.anyio
async def test_mapping_binding_and_invalid_handler_results(server: ModuleType) -> None:
    class Tools:
        def retrieve(self, tool_id: str) -> Any:
            return {"no_id": True} if tool_id == "bad" else {"id": tool_id, "metadata": {"a": 1}}

    app = server.create_app({"tools": Tools()})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://stub") as c:
        ok = await c.get("/v1/tools/t")
        # a dict by Python name is validated into the model and dumped by wire name
        assert ok.json() == {"id": "t", "metadata_": {"a": 1}}
        bad = await c.get("/v1/tools/bad")
        assert bad.status_code == 500
        assert bad.json()["detail"] == "tools.retrieve returned an invalid response"
        assert [e["loc"] for e in bad.json()["errors"]] == [["id"]]


def test_handler_objects_that_cannot_be_bound_are_rejected(server: ModuleType) -> None:
    class Nothing:
        pass

    with pytest.raises(TypeError, match="implements no operation"):
        server.create_app(Nothing())
    with pytest.raises(ValueError, match="no resource 'agents'"):
        server.create_app({"agents": Nothing()})

    class A:
        def list(self, **kw: Any) -> list[Any]:
            return []

    with pytest.raises(ValueError, match=r"two handlers implement tools\.list"):
        server.create_app([{"tools": A()}, {"tools": A()}])


@pytest.mark.anyio
async def test_handler_error_status_detail_and_headers(server: ModuleType) -> None:
    class Tools(server.ToolsHandler):  # type: ignore[misc,name-defined]
        def retrieve(self, tool_id: str) -> Any:
            if tool_id == "teapot":
                raise server.HandlerError(418)
            raise server.HandlerError(409, {"why": "busy"}, headers={"retry-after": "3"})

    transport = httpx.ASGITransport(app=server.create_app(Tools()))
    async with httpx.AsyncClient(transport=transport, base_url="http://stub") as c:
        teapot = await c.get("/v1/tools/teapot")
        assert (teapot.status_code, teapot.json()) == (418, {"detail": "I'm a Teapot"})
        busy = await c.get("/v1/tools/x")
        assert (busy.status_code, busy.json()) == (409, {"detail": {"why": "busy"}})
        assert busy.headers["retry-after"] == "3"
        # methods the subclass does not override are the protocol's stubs: 501
        assert (await c.get("/v1/tools/")).status_code == 501
