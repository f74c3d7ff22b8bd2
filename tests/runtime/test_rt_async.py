"""The async client: requests, retries, errors, pagination, raw and streaming responses."""

from __future__ import annotations

import asyncio
import json

import httpx
import pydantic
import pytest
from rt_support import AsyncRecordingStream, Server, paged_tools, reply

TOOL = {"id": "tool-1"}
PAGES = {None: ["t1", "t2"], "t2": ["t3", "t4"], "t4": ["t5"], "t5": []}


def test_request_and_body(sdk, make_async_client):
    server = Server(reply(200, json={"id": "tool-1", "metadata_": {"a": 1}}))
    client = make_async_client(server)

    async def main():
        tool = await client.tools.retrieve("a/..", extra_headers={"X-A": "1"}, timeout=3)
        await client.tools.update("tool-1", metadata=None, extra_body={"z": 0})
        return tool

    tool = asyncio.run(main())
    assert isinstance(tool, sdk.Tool) and tool.metadata == {"a": 1}
    first, second = server.requests
    assert first.url.raw_path == b"/v1/tools/a%2F.."
    assert first.headers["x-a"] == "1"
    assert first.headers["authorization"] == "Bearer sk-test"
    assert first.headers["user-agent"] == "letta_sdk/Python 0.1.0"
    assert first.extensions["timeout"]["read"] == 3
    assert json.loads(second.content) == {"metadata_": None, "z": 0}


def test_validation_and_empty_path_fail_before_request(make_async_client):
    server = Server(reply(200, json=TOOL))
    client = make_async_client(server)
    with pytest.raises(pydantic.ValidationError):
        asyncio.run(client.tools.update("tool-1", description=""))
    with pytest.raises(ValueError, match="non-empty"):
        asyncio.run(client.tools.retrieve(""))
    assert server.requests == []


def test_delete_returns_none(make_async_client):
    assert asyncio.run(make_async_client(Server(reply(204))).tools.delete("t")) is None


def test_retries(rt, make_async_client):
    server = Server(reply(500), reply(429, headers={"retry-after-ms": "20"}), reply(200, json=TOOL))
    client = make_async_client(server)
    assert asyncio.run(client.tools.retrieve("tool-1")).id == "tool-1"
    assert len(server.requests) == 3
    assert 0.375 <= client.sleeps[0] <= 0.5 and client.sleeps[1] == 0.02


@pytest.mark.parametrize(
    ("client_retries", "per_call", "expected"), [(2, None, 3), (0, None, 1), (0, 3, 4)]
)
def test_max_retries(rt, make_async_client, client_retries, per_call, expected):
    server = Server(reply(502))
    client = make_async_client(server, max_retries=client_retries)
    kwargs = {} if per_call is None else {"max_retries": per_call}
    with pytest.raises(rt.InternalServerError) as info:
        asyncio.run(client.tools.retrieve("tool-1", **kwargs))
    assert info.value.status_code == 502
    assert len(server.requests) == expected
    assert len(client.sleeps) == expected - 1


def test_not_retried_status(rt, make_async_client):
    server = Server(reply(403, json={"message": "forbidden"}))
    with pytest.raises(rt.PermissionDeniedError) as info:
        asyncio.run(make_async_client(server).tools.retrieve("tool-1"))
    assert info.value.message == "Error code: 403 - forbidden"
    assert info.value.body == {"message": "forbidden"}
    assert len(server.requests) == 1


def test_connection_and_timeout_errors(rt, make_async_client):
    server = Server(httpx.ConnectError("down"))
    with pytest.raises(rt.APIConnectionError):
        asyncio.run(make_async_client(server, max_retries=1).tools.retrieve("tool-1"))
    assert len(server.requests) == 2
    server = Server(httpx.ReadTimeout("slow"), reply(200, json=TOOL))
    assert asyncio.run(make_async_client(server).tools.retrieve("tool-1")).id == "tool-1"
    with pytest.raises(rt.APITimeoutError):
        asyncio.run(
            make_async_client(Server(httpx.WriteTimeout("w")), max_retries=0).tools.retrieve("t")
        )


def test_async_for_over_paginator(sdk, make_async_client):
    server = Server(paged_tools(PAGES))
    client = make_async_client(server)

    async def main():
        return [tool async for tool in client.tools.list(limit=2)]

    tools = asyncio.run(main())
    assert [t.id for t in tools] == ["t1", "t2", "t3", "t4", "t5"]
    assert all(isinstance(t, sdk.Tool) for t in tools)
    assert [r.url.params.get("after") for r in server.requests] == [None, "t2", "t4", "t5"]
    assert all(r.url.params["limit"] == "2" for r in server.requests)


def test_await_paginator_and_walk_pages(rt, make_async_client):
    server = Server(paged_tools(PAGES))
    client = make_async_client(server)

    async def main():
        page = await client.tools.list()
        assert isinstance(page, rt.AsyncArrayPage)
        assert [t.id for t in page.items] == ["t1", "t2"] and len(server.requests) == 1
        second = await page.get_next_page()
        pages = [p async for p in page.iter_pages()]
        items = [t.id async for t in second]
        return second, pages, items

    second, pages, items = asyncio.run(main())
    assert [t.id for t in second.items] == ["t3", "t4"]
    assert [[t.id for t in p.items] for p in pages] == [["t1", "t2"], ["t3", "t4"], ["t5"], []]
    assert pages[-1].has_next_page() is False
    assert items == ["t3", "t4", "t5"]
    with pytest.raises(RuntimeError):
        asyncio.run(pages[-1].get_next_page())


def test_async_raw_response(rt, sdk, make_async_client):
    server = Server(reply(200, json=TOOL, headers={"x-request-id": "r1"}))
    client = make_async_client(server)

    async def main():
        raw = await client.tools.with_raw_response.retrieve("tool-1")
        assert isinstance(raw, rt.AsyncAPIResponse)
        assert raw.status_code == 200 and raw.headers["x-request-id"] == "r1"
        assert raw.text == '{"id":"tool-1"}'
        assert await raw.json() == TOOL
        tool = await raw.parse()
        run = await client.mcp_servers.tools.with_raw_response.run("t", mcp_server_id="m", args={})
        return tool, run

    tool, run = asyncio.run(main())
    assert isinstance(tool, sdk.Tool) and tool.id == "tool-1"
    assert isinstance(run, rt.AsyncAPIResponse)
    assert server.last.url.path == "/v1/mcp-servers/m/tools/t/run"


def test_async_raw_response_of_a_page(rt, make_async_client):
    server = Server(paged_tools({None: ["t1"], "t1": []}))
    client = make_async_client(server)

    async def main():
        raw = await client.tools.with_raw_response.list()
        assert isinstance(raw, rt.AsyncAPIResponse)
        page = await raw.parse()
        assert isinstance(page, rt.AsyncArrayPage)
        return [t.id async for t in page]

    assert asyncio.run(main()) == ["t1"]
    assert len(server.requests) == 2


def test_async_raw_response_raises_for_errors(rt, make_async_client):
    client = make_async_client(Server(reply(409)), max_retries=0)
    with pytest.raises(rt.ConflictError):
        asyncio.run(client.tools.with_raw_response.retrieve("tool-1"))


def test_async_streaming_response_defers_reading(rt, sdk, make_async_client):
    stream = AsyncRecordingStream(b'{"id": "to', b'ol-1"}')
    headers = {"content-type": "application/json"}
    client = make_async_client(
        Server(lambda request: httpx.Response(200, headers=headers, stream=stream))
    )

    async def main():
        async with client.tools.with_streaming_response.retrieve("tool-1") as response:
            assert isinstance(response, rt.AsyncAPIResponse)
            assert response.status_code == 200
            assert not stream.consumed and not stream.closed
            tool = await response.parse()
            assert stream.consumed
        return tool, response

    tool, response = asyncio.run(main())
    assert isinstance(tool, sdk.Tool) and tool.id == "tool-1"
    assert stream.closed and response.http_response.is_closed


def test_async_streaming_iteration(make_async_client):
    stream = AsyncRecordingStream(b"a\nb", b"\nc\n")
    client = make_async_client(Server(lambda request: httpx.Response(200, stream=stream)))

    async def main():
        async with client.tools.with_streaming_response.retrieve("tool-1") as response:
            assert not stream.consumed
            return [line async for line in response.iter_lines()]

    assert asyncio.run(main()) == ["a", "b", "c"]
    assert stream.closed


def test_async_streaming_error(rt, make_async_client):
    client = make_async_client(Server(reply(422, json={"detail": "bad"})))

    async def main():
        async with client.tools.with_streaming_response.retrieve("tool-1"):
            pytest.fail("not reached")

    with pytest.raises(rt.UnprocessableEntityError) as info:
        asyncio.run(main())
    assert info.value.body == {"detail": "bad"}


def test_async_context_manager_and_close(sdk, make_async_client):
    async def main():
        async with sdk.AsyncLetta(api_key="k") as owned:
            assert not owned._http.is_closed
        borrowed = make_async_client(Server())
        async with borrowed:
            pass
        other = sdk.AsyncLetta(api_key="k")
        await other.close()
        return owned, borrowed, other

    owned, borrowed, other = asyncio.run(main())
    assert owned._http.is_closed and other._http.is_closed
    assert not borrowed._http.is_closed


def test_async_env_and_default_base_url(sdk, monkeypatch):
    monkeypatch.setenv("LETTA_API_KEY", "env-key")
    monkeypatch.delenv("LETTA_BASE_URL", raising=False)
    server = Server(reply(200, json=TOOL))
    client = sdk.AsyncLetta(http_client=httpx.AsyncClient(transport=httpx.MockTransport(server)))
    asyncio.run(client.tools.retrieve("tool-1"))
    assert str(server.last.url) == "https://api.letta.com/v1/tools/tool-1"
    assert server.last.headers["authorization"] == "Bearer env-key"
