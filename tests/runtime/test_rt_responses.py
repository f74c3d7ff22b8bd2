"""with_raw_response / with_streaming_response (sync)."""

from __future__ import annotations

import httpx
import pytest
from rt_support import RecordingStream, Server, paged_tools, reply

TOOL = {"id": "tool-1", "metadata_": None}
JSON = {"content-type": "application/json"}


def test_raw_response(rt, sdk, make_client):
    server = Server(reply(200, json=TOOL, headers={"x-request-id": "req-9"}))
    client = make_client(server)
    raw = client.tools.with_raw_response.retrieve("tool-1", x_project="p")
    assert isinstance(raw, rt.APIResponse)
    assert raw.status_code == 200
    assert raw.headers["x-request-id"] == "req-9"
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.text == '{"id":"tool-1","metadata_":null}'
    assert raw.json() == TOOL
    tool = raw.parse()
    assert isinstance(tool, sdk.Tool)
    assert (tool.id, tool.metadata) == ("tool-1", None)
    assert raw.parse() == tool
    assert server.last.headers["x-project"] == "p"  # arguments are passed through


def test_raw_mode_does_not_leak_into_later_calls(sdk, make_client):
    client = make_client(Server(reply(200, json=TOOL)))
    client.tools.with_raw_response.retrieve("tool-1")
    assert isinstance(client.tools.retrieve("tool-1"), sdk.Tool)


def test_raw_response_still_raises_for_errors(rt, make_client):
    with pytest.raises(rt.NotFoundError):
        make_client(Server(reply(404, json={"detail": "nope"}))).tools.with_raw_response.retrieve(
            "x"
        )


def test_raw_response_of_none_and_list(rt, make_client):
    server = Server(reply(204), reply(200, json=[{"id": "a"}]))
    client = make_client(server)
    raw = client.tools.with_raw_response.delete("tool-1")
    assert raw.status_code == 204 and raw.parse() is None
    run = client.mcp_servers.tools.with_raw_response.run("t", mcp_server_id="m", args={})
    assert isinstance(run, rt.APIResponse)
    assert [t.id for t in run.parse()] == ["a"]
    assert server.last.url.path == "/v1/mcp-servers/m/tools/t/run"


def test_raw_response_through_parent_view(rt, make_client):
    server = Server(reply(200, json=[{"id": "a"}]))
    run = make_client(server).mcp_servers.with_raw_response.tools.run(
        "t", mcp_server_id="m", args={}
    )
    assert isinstance(run, rt.APIResponse)
    assert run.parse()[0].id == "a"


def test_raw_response_of_a_page(rt, make_client):
    server = Server(paged_tools({None: ["t1"], "t1": ["t2"], "t2": []}))
    raw = make_client(server).tools.with_raw_response.list(limit=1)
    assert isinstance(raw, rt.APIResponse)
    page = raw.parse()
    assert isinstance(page, rt.SyncArrayPage)
    assert [t.id for t in page] == ["t1", "t2"]
    assert len(server.requests) == 3


def test_raw_mode_reads_the_body(make_client):
    stream = RecordingStream(b'{"id": "tool-1"}')
    client = make_client(Server(lambda request: httpx.Response(200, headers=JSON, stream=stream)))
    client.tools.with_raw_response.retrieve("tool-1")
    assert stream.consumed


def test_streaming_response_defers_reading(rt, sdk, make_client):
    stream = RecordingStream(b'{"id": ', b'"tool-1"}')
    client = make_client(Server(lambda request: httpx.Response(200, headers=JSON, stream=stream)))
    with client.tools.with_streaming_response.retrieve("tool-1") as response:
        assert isinstance(response, rt.APIResponse)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert not stream.consumed and not stream.closed
        tool = response.parse()
        assert stream.consumed
        assert isinstance(tool, sdk.Tool) and tool.id == "tool-1"
    assert stream.closed
    assert response.http_response.is_closed


def test_streaming_read_and_iteration(make_client):
    stream = RecordingStream(b"line 1\nli", b"ne 2\n")
    client = make_client(Server(lambda request: httpx.Response(200, stream=stream)))
    with client.tools.with_streaming_response.retrieve("tool-1") as response:
        assert not stream.consumed
        assert next(response.iter_lines()) == "line 1"
        assert not stream.closed
    assert stream.closed  # closed on exit even though not fully read

    stream2 = RecordingStream(b"ab", b"cd")
    client = make_client(Server(lambda request: httpx.Response(200, stream=stream2)))
    with client.tools.with_streaming_response.retrieve("tool-1") as response:
        assert list(response.iter_bytes()) == [b"ab", b"cd"]

    stream3 = RecordingStream(b"xy")
    client = make_client(Server(lambda request: httpx.Response(200, stream=stream3)))
    with client.tools.with_streaming_response.retrieve("tool-1") as response:
        assert not stream3.consumed
        assert response.read() == b"xy"
        assert response.text == "xy"


def test_streaming_errors_raise_on_enter(rt, make_client):
    stream = RecordingStream(b'{"detail": "missing"}')
    client = make_client(
        Server(lambda request: httpx.Response(404, headers=JSON, stream=stream)), max_retries=0
    )
    with pytest.raises(rt.NotFoundError) as info:
        with client.tools.with_streaming_response.retrieve("tool-1"):
            pytest.fail("the body should not be entered")
    assert info.value.body == {"detail": "missing"}
    assert stream.closed


def test_streaming_retries_close_failed_attempts(make_client):
    failed = RecordingStream(b"busy")
    ok = RecordingStream(b'{"id": "tool-1"}')
    server = Server(
        lambda request: httpx.Response(503, stream=failed),
        lambda request: httpx.Response(200, headers=JSON, stream=ok),
    )
    client = make_client(server)
    with client.tools.with_streaming_response.retrieve("tool-1") as response:
        assert failed.closed and not ok.consumed
        assert response.parse().id == "tool-1"
    assert len(server.requests) == 2


def test_streaming_sub_resource(make_client):
    client = make_client(Server(reply(200, json=[{"id": "a"}])))
    with client.mcp_servers.tools.with_streaming_response.run(
        "t", mcp_server_id="m", args={}
    ) as response:
        assert [t.id for t in response.parse()] == ["a"]
