"""Error mapping: status classes, their attributes, hierarchy, connection/timeout/validation errors."""

from __future__ import annotations

import httpx
import pytest
from rt_support import Server, reply

STATUS_CLASSES = [
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, "InternalServerError"),
    (503, "InternalServerError"),
    (418, "APIStatusError"),
    (302, "APIStatusError"),
]


@pytest.mark.parametrize(("status", "name"), STATUS_CLASSES)
def test_status_maps_to_error_class(rt, make_client, status, name):
    body = {"detail": "Tool not found"}
    server = Server(reply(status, json=body))
    with pytest.raises(rt.APIStatusError) as info:
        make_client(server, max_retries=0).tools.retrieve("tool-1")
    error = info.value
    assert type(error) is getattr(rt, name)
    assert error.status_code == status
    assert isinstance(error.response, httpx.Response)
    assert error.response.status_code == status
    assert error.body == body
    assert error.message == f"Error code: {status} - Tool not found"
    assert str(error) == error.message
    assert error.request is error.response.request
    assert error.request.url == "https://api.test/v1/tools/tool-1"


def test_error_message_prefers_message_then_detail_then_error(rt, make_client):
    server = Server(reply(400, json={"error": "e", "message": "m", "detail": "d"}))
    with pytest.raises(rt.BadRequestError) as info:
        make_client(server).tools.retrieve("x")
    assert info.value.message == "Error code: 400 - m"


def test_error_message_with_structured_body(rt, make_client):
    body = {"detail": [{"loc": ["body", "name"], "msg": "required"}]}
    server = Server(reply(422, json=body))
    with pytest.raises(rt.UnprocessableEntityError) as info:
        make_client(server).tools.retrieve("x")
    assert info.value.body == body
    assert info.value.message == "Error code: 422 - [{'loc': ['body', 'name'], 'msg': 'required'}]"


def test_error_with_text_body(rt, make_client):
    server = Server(reply(400, text="plain oops"))
    with pytest.raises(rt.BadRequestError) as info:
        make_client(server).tools.retrieve("x")
    assert info.value.body == "plain oops"
    assert info.value.message == "Error code: 400 - plain oops"


def test_error_with_empty_body(rt, make_client):
    server = Server(reply(404))
    with pytest.raises(rt.NotFoundError) as info:
        make_client(server).tools.retrieve("x")
    assert info.value.body is None
    assert info.value.message == "Error code: 404"


def test_hierarchy(rt):
    assert issubclass(rt.APIError, Exception)
    assert rt.APIConnectionError.__mro__[1] is rt.APIError
    assert rt.APITimeoutError.__mro__[1] is rt.APIConnectionError
    assert issubclass(rt.APIStatusError, rt.APIError)
    assert issubclass(rt.APIResponseValidationError, rt.APIError)
    assert not issubclass(rt.APIResponseValidationError, rt.APIStatusError)
    assert not issubclass(rt.APIStatusError, rt.APIConnectionError)
    for _, name in STATUS_CLASSES:
        assert issubclass(getattr(rt, name), rt.APIStatusError)


def test_connect_error_mapping(rt, make_client):
    cause = httpx.ConnectError("connection refused")
    with pytest.raises(rt.APIConnectionError) as info:
        make_client(Server(cause), max_retries=0).tools.retrieve("tool-1")
    error = info.value
    assert not isinstance(error, rt.APITimeoutError)
    assert error.__cause__ is cause
    assert error.message == "Connection error: connection refused"
    assert error.request.url == "https://api.test/v1/tools/tool-1"


@pytest.mark.parametrize(
    "exc", [httpx.ReadTimeout("r"), httpx.ConnectTimeout("c"), httpx.PoolTimeout("p")]
)
def test_timeout_mapping(rt, make_client, exc):
    with pytest.raises(rt.APITimeoutError) as info:
        make_client(Server(exc), max_retries=0).tools.retrieve("tool-1")
    assert isinstance(info.value, rt.APIConnectionError)
    assert info.value.message == "Request timed out."
    assert info.value.__cause__ is exc


def test_response_validation_error(rt, make_client):
    # a body of the wrong kind (an array for an object) cannot be kept leniently
    server = Server(reply(200, json=["no", "object"]))
    with pytest.raises(rt.APIResponseValidationError) as info:
        make_client(server).tools.retrieve("tool-1")
    error = info.value
    assert error.status_code == 200
    assert error.response.status_code == 200
    assert error.body == ["no", "object"]
    assert "Input should be a valid dictionary" in error.message
    assert len(server.requests) == 1  # not retried


def test_missing_required_field_is_kept_lenient(make_client):
    server = Server(reply(200, json={"name": "no id"}))
    tool = make_client(server).tools.retrieve("tool-1")
    assert tool.name == "no id"
    assert tool.model_fields_set == {"name"}


def test_response_not_json(rt, make_client):
    server = Server(reply(200, text="<html>"))
    with pytest.raises(rt.APIResponseValidationError) as info:
        make_client(server).tools.retrieve("tool-1")
    assert info.value.body == "<html>"
    assert info.value.message.startswith("Response is not JSON")
