"""Request building: bodies, aliases, NOT_GIVEN vs None, query, headers, paths, config, timeouts."""

from __future__ import annotations

import datetime
import json

import httpx
import pydantic
import pytest
from rt_support import BASE_URL, Server, reply

TOOL = {"id": "tool-1"}


def body_of(request: httpx.Request) -> object:
    return json.loads(request.content)


def test_not_given_is_absent_and_none_is_null(make_client):
    server = Server(reply(200, json=TOOL))
    client = make_client(server)
    client.tools.update("tool-1")
    assert server.last.content == b"{}"
    client.tools.update("tool-1", metadata=None)
    assert server.last.content == b'{"metadata_":null}'
    client.tools.update("tool-1", description="new", metadata={"k": [1, 2]})
    assert body_of(server.last) == {"description": "new", "metadata_": {"k": [1, 2]}}
    assert server.last.headers["content-type"] == "application/json"
    assert server.last.method == "PATCH"


def test_nested_models_and_plain_dicts_serialize_by_alias(sdk, make_client):
    server = Server(reply(200, json=TOOL))
    client = make_client(server)
    expected = {"tool_rules": [{"tool_name": "a", "type": "exit"}]}
    client.tools.update("t", tool_rules=[sdk.ToolRuleParam(tool_name="a", rule_type="exit")])
    assert body_of(server.last) == expected
    client.tools.update("t", tool_rules=[{"tool_name": "a", "rule_type": "exit"}])  # SDK names
    assert body_of(server.last) == expected
    client.tools.update("t", tool_rules=[{"tool_name": "a", "type": "exit"}])  # wire names
    assert body_of(server.last) == expected


def test_body_model_constraints_raise_before_any_request(make_client):
    server = Server(reply(200, json=TOOL))
    with pytest.raises(pydantic.ValidationError, match="at least 1 character"):
        make_client(server).tools.update("tool-1", description="")
    with pytest.raises(pydantic.ValidationError):
        make_client(server).tools.update("tool-1", tool_rules=[{"tool_name": "a"}])
    assert server.requests == []


def test_body_without_model_serializes_models_by_alias(sdk, make_client):
    server = Server(reply(200, json={"ok": True}))
    client = make_client(server)
    tool = sdk.Tool(id="t", metadata={"k": 1})
    assert client.tools.upsert(tool=tool, note=None) == {"ok": True}
    assert body_of(server.last) == {"tool": {"id": "t", "metadata_": {"k": 1}}, "note": None}
    client.tools.upsert()
    assert server.last.content == b"{}"


def test_extra_headers_query_and_body(make_client):
    server = Server(reply(200, json=TOOL))
    make_client(server).tools.update(
        "tool-1",
        description="d",
        extra_headers={"X-Extra": "1", "User-Agent": "custom/1"},
        extra_query={"dry_run": True, "ids": ["a", "b"]},
        extra_body={"force": True, "metadata_": {"x": 1}},
    )
    request = server.last
    assert request.headers["x-extra"] == "1"
    assert request.headers.get_list("user-agent") == ["custom/1"]
    assert request.url.params.multi_items() == [("dry_run", "true"), ("ids", "a"), ("ids", "b")]
    assert body_of(request) == {"description": "d", "force": True, "metadata_": {"x": 1}}


def test_extra_body_on_request_without_body(make_client):
    server = Server(reply(200, json=TOOL))
    client = make_client(server)
    client.tools.retrieve("tool-1")
    assert server.last.content == b""
    assert "content-type" not in server.last.headers
    client.tools.retrieve("tool-1", extra_body={"a": 1})
    assert body_of(server.last) == {"a": 1}


def test_header_params_drop_not_given(make_client):
    server = Server(reply(200, json=TOOL))
    client = make_client(server)
    client.tools.retrieve("tool-1")
    assert "x-project" not in server.last.headers
    client.tools.retrieve("tool-1", x_project="proj-1")
    assert server.last.headers["x-project"] == "proj-1"


def test_query_encoding(make_client):
    server = Server(reply(200, json=[]))
    client = make_client(server)
    list(client.tools.list(limit=5, tags=["a", "b"], include_deleted=False))
    assert server.last.url.params.multi_items() == [
        ("limit", "5"),
        ("tags", "a"),
        ("tags", "b"),
        ("include_deleted", "false"),
    ]
    list(client.tools.list(include_deleted=True))
    assert str(server.last.url) == f"{BASE_URL}/v1/tools/?include_deleted=true"
    list(client.tools.list(include_deleted=None, extra_query={"x": None}))
    assert str(server.last.url) == f"{BASE_URL}/v1/tools/"
    list(client.tools.list(extra_query={"since": datetime.date(2024, 1, 2), "n": 1.5}))
    assert server.last.url.params.multi_items() == [("since", "2024-01-02"), ("n", "1.5")]


@pytest.mark.parametrize(
    ("tool_id", "raw_path"),
    [
        ("a/b", b"/v1/tools/a%2Fb"),
        ("..", b"/v1/tools/%2E%2E"),
        (".", b"/v1/tools/%2E"),
        ("../../admin", b"/v1/tools/..%2F..%2Fadmin"),
        ("a b?c#d", b"/v1/tools/a%20b%3Fc%23d"),
        ("tool-1.v2", b"/v1/tools/tool-1.v2"),
    ],
)
def test_path_params_are_url_encoded(make_client, tool_id, raw_path):
    server = Server(reply(200, json=TOOL))
    make_client(server).tools.retrieve(tool_id)
    assert server.last.url.raw_path == raw_path
    assert server.last.url.host == "api.test"


def test_empty_path_param_raises_before_request(make_client):
    server = Server(reply(200, json=TOOL))
    client = make_client(server)
    with pytest.raises(ValueError, match="non-empty value for `tool_id`"):
        client.tools.retrieve("")
    assert server.requests == []


def test_path_helper(make_client):
    client = make_client(Server())
    assert client.path("/v1/a/{x}/b/{y}", x="é", y=7) == "/v1/a/%C3%A9/b/7"
    with pytest.raises(ValueError, match="Missing path parameter 'y'"):
        client.path("/v1/{x}/{y}", x="1")


def test_sub_resource_path_and_list_cast(sdk, make_client):
    server = Server(reply(200, json=[{"id": "r1"}, {"id": "r2", "extra": 1}]))
    result = make_client(server).mcp_servers.tools.run("t/1", mcp_server_id="m 1", args={"q": 1})
    assert [t.id for t in result] == ["r1", "r2"]
    assert all(isinstance(t, sdk.Tool) for t in result)
    assert server.last.url.raw_path == b"/v1/mcp-servers/m%201/tools/t%2F1/run"
    assert body_of(server.last) == {"args": {"q": 1}}


def test_cast_to_none_and_scalars(make_client):
    server = Server(reply(204), reply(200, json={"ignored": True}), reply(200, json=3))
    client = make_client(server)
    assert client.tools.delete("tool-1") is None
    assert client.tools.delete("tool-1") is None
    assert client.tools.count() == 3
    assert server.requests[0].method == "DELETE"


def test_auth_user_agent_and_default_headers(make_client):
    server = Server(reply(200, json=TOOL))
    make_client(server, default_headers={"X-Team": "core"}).tools.retrieve("tool-1")
    headers = server.last.headers
    assert headers["authorization"] == "Bearer sk-test"
    assert headers["user-agent"] == "letta_sdk/Python 0.1.0"
    assert headers["accept"] == "application/json"
    assert headers["x-team"] == "core"


def test_env_vars_for_api_key_and_base_url(sdk, monkeypatch):
    monkeypatch.setenv("LETTA_API_KEY", "env-key")
    monkeypatch.setenv("LETTA_BASE_URL", "https://env.example/api/")
    server = Server(reply(200, json=TOOL))
    client = sdk.Letta(http_client=httpx.Client(transport=httpx.MockTransport(server)))
    assert client.api_key == "env-key"
    client.tools.retrieve("tool-1")
    assert str(server.last.url) == "https://env.example/api/v1/tools/tool-1"
    assert server.last.headers["authorization"] == "Bearer env-key"
    explicit = sdk.Letta(api_key="arg-key", base_url="https://arg.example")
    assert (explicit.api_key, str(explicit.base_url)) == ("arg-key", "https://arg.example")


def test_defaults_without_env(sdk, monkeypatch):
    monkeypatch.delenv("LETTA_API_KEY", raising=False)
    monkeypatch.delenv("LETTA_BASE_URL", raising=False)
    server = Server(reply(200, json=TOOL))
    client = sdk.Letta(http_client=httpx.Client(transport=httpx.MockTransport(server)))
    assert client.api_key is None
    assert client.max_retries == 2
    assert client.timeout == 60.0
    client.tools.retrieve("tool-1")
    assert str(server.last.url) == "https://api.letta.com/v1/tools/tool-1"
    assert "authorization" not in server.last.headers


def test_timeouts_reach_httpx(make_client):
    server = Server(reply(200, json=TOOL))
    client = make_client(server)
    client.tools.retrieve("tool-1")
    assert server.last.extensions["timeout"] == dict.fromkeys(
        ("connect", "read", "write", "pool"), 60.0
    )
    client.tools.retrieve("tool-1", timeout=1.5)
    assert server.last.extensions["timeout"]["read"] == 1.5
    client.tools.retrieve("tool-1", timeout=httpx.Timeout(9.0, connect=2.0))
    assert server.last.extensions["timeout"] == {
        "connect": 2.0,
        "read": 9.0,
        "write": 9.0,
        "pool": 9.0,
    }
    client.tools.retrieve("tool-1", timeout=None)
    assert server.last.extensions["timeout"]["read"] is None
    make_client(server, timeout=5).tools.retrieve("tool-1")
    assert server.last.extensions["timeout"]["connect"] == 5


def test_invalid_max_retries(sdk):
    with pytest.raises(ValueError, match="max_retries"):
        sdk.Letta(api_key="k", max_retries=-1)


def test_context_manager_closes_only_owned_http_client(sdk, make_client):
    with sdk.Letta(api_key="k") as owned:
        assert not owned._http.is_closed
    assert owned._http.is_closed
    with make_client(Server()) as borrowed:
        pass
    assert not borrowed._http.is_closed
