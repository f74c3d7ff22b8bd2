"""Retry policy: the pure delay/should-retry functions and the client retry loop."""

from __future__ import annotations

import random
from email.utils import formatdate

import httpx
import pytest
from rt_support import Server, reply

NOW = 1_700_000_000.0


def test_backoff_without_jitter_doubles_and_caps(rt):
    assert [rt.retry_delay(a, jitter=0.0) for a in range(7)] == [0.5, 1, 2, 4, 8, 8, 8]


def test_backoff_full_jitter_is_three_quarters(rt):
    assert [rt.retry_delay(a, jitter=1.0) for a in range(5)] == [0.375, 0.75, 1.5, 3.0, 6.0]


def test_backoff_bounds_over_many_samples(rt):
    random.seed(1234)
    for attempt in range(8):
        base = min(0.5 * 2**attempt, 8.0)
        samples = [rt.retry_delay(attempt) for _ in range(500)]
        assert all(0.75 * base <= s <= base for s in samples)
        assert max(samples) - min(samples) > 0.2 * base  # jitter is actually applied


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"Retry-After": formatdate(NOW + 10, usegmt=True)}, 10.0),
        ({"Retry-After": formatdate(NOW + 60, usegmt=True)}, 60.0),
        ({"retry-after-ms": "250", "Retry-After": "30"}, 0.25),  # ms wins
        ({"retry-after-ms": "bogus", "Retry-After": "30"}, 30.0),
    ],
)
def test_retry_after_headers_are_honoured(rt, headers, expected):
    assert rt.retry_delay(0, headers, now=NOW, jitter=0.0) == expected


@pytest.mark.parametrize(
    "headers",
    [
        {"Retry-After": "61"},
        {"Retry-After": "0"},
        {"Retry-After": "-4"},
        {"retry-after-ms": "61000"},
        {"Retry-After": formatdate(NOW - 10, usegmt=True)},
        {"Retry-After": formatdate(NOW + 3600, usegmt=True)},
        {"Retry-After": "not a date"},
        {},
    ],
)
def test_out_of_range_retry_after_falls_back_to_backoff(rt, headers):
    assert rt.retry_delay(2, headers, now=NOW, jitter=0.0) == 2.0


def test_retry_after_reads_httpx_headers_case_insensitively(rt):
    headers = httpx.Headers({"RETRY-AFTER-MS": "100"})
    assert rt.retry_delay(0, headers, now=NOW) == 0.1


@pytest.mark.parametrize(
    ("status", "retry"),
    [(408, True), (409, True), (429, True), (500, True), (502, True), (503, True), (504, True)]
    + [(400, False), (401, False), (403, False), (404, False), (422, False), (418, False)],
)
def test_should_retry_by_status(rt, status, retry):
    assert rt.should_retry(httpx.Response(status)) is retry


def test_x_should_retry_header_overrides(rt):
    assert rt.should_retry(httpx.Response(400, headers={"x-should-retry": "true"})) is True
    assert rt.should_retry(httpx.Response(503, headers={"x-should-retry": "false"})) is False
    assert rt.should_retry(httpx.Response(503, headers={"x-should-retry": "maybe"})) is True


TOOL = {"id": "tool-1"}


def test_retries_then_succeeds(make_client):
    server = Server(reply(503), reply(429), reply(200, json=TOOL))
    client = make_client(server)
    assert client.tools.retrieve("tool-1").id == "tool-1"
    assert len(server.requests) == 3
    assert len(client.sleeps) == 2
    assert 0.375 <= client.sleeps[0] <= 0.5 and 0.75 <= client.sleeps[1] <= 1.0


def test_default_max_retries_is_two(rt, make_client):
    server = Server(reply(500))
    client = make_client(server)
    with pytest.raises(rt.InternalServerError):
        client.tools.retrieve("tool-1")
    assert len(server.requests) == 3
    assert len(client.sleeps) == 2


@pytest.mark.parametrize("max_retries", [0, 1, 5])
def test_client_max_retries(rt, make_client, max_retries):
    server = Server(reply(500))
    client = make_client(server, max_retries=max_retries)
    with pytest.raises(rt.InternalServerError):
        client.tools.retrieve("tool-1")
    assert len(server.requests) == max_retries + 1
    assert len(client.sleeps) == max_retries


@pytest.mark.parametrize(("per_call", "expected_requests"), [(0, 1), (1, 2), (4, 5)])
def test_per_call_max_retries_overrides_client(rt, make_client, per_call, expected_requests):
    server = Server(reply(429))
    client = make_client(server, max_retries=3)
    with pytest.raises(rt.RateLimitError):
        client.tools.retrieve("tool-1", max_retries=per_call)
    assert len(server.requests) == expected_requests


@pytest.mark.parametrize("status", [408, 409, 429, 500, 503])
def test_retryable_statuses_are_retried(make_client, status):
    server = Server(reply(status), reply(200, json=TOOL))
    assert make_client(server).tools.retrieve("tool-1").id == "tool-1"
    assert len(server.requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_other_statuses_are_not_retried(rt, make_client, status):
    server = Server(reply(status), reply(200, json=TOOL))
    with pytest.raises(rt.APIStatusError):
        make_client(server).tools.retrieve("tool-1")
    assert len(server.requests) == 1


def test_x_should_retry_false_stops_retries(rt, make_client):
    server = Server(reply(500, headers={"x-should-retry": "false"}))
    client = make_client(server)
    with pytest.raises(rt.InternalServerError):
        client.tools.retrieve("tool-1")
    assert len(server.requests) == 1
    assert client.sleeps == []


def test_x_should_retry_true_retries_a_400(rt, make_client):
    server = Server(reply(400, headers={"x-should-retry": "true"}))
    with pytest.raises(rt.BadRequestError):
        make_client(server).tools.retrieve("tool-1")
    assert len(server.requests) == 3


def test_retry_after_seconds_used_by_client(make_client):
    server = Server(reply(429, headers={"Retry-After": "2"}), reply(200, json=TOOL))
    client = make_client(server)
    client.tools.retrieve("tool-1")
    assert client.sleeps == [2.0]


def test_retry_after_ms_used_by_client(make_client):
    server = Server(reply(503, headers={"retry-after-ms": "250"}), reply(200, json=TOOL))
    client = make_client(server)
    client.tools.retrieve("tool-1")
    assert client.sleeps == [0.25]


def test_retry_after_http_date_used_by_client(make_client, monkeypatch, rtpkg):
    import rtpkg._runtime._retries as retries

    monkeypatch.setattr(retries.time, "time", lambda: NOW)
    date = formatdate(NOW + 7, usegmt=True)
    server = Server(reply(503, headers={"Retry-After": date}), reply(200, json=TOOL))
    client = make_client(server)
    client.tools.retrieve("tool-1")
    assert client.sleeps == [7.0]


def test_connection_errors_are_retried_then_raised(rt, make_client):
    server = Server(httpx.ConnectError("refused"))
    client = make_client(server)
    with pytest.raises(rt.APIConnectionError) as info:
        client.tools.retrieve("tool-1")
    assert type(info.value) is rt.APIConnectionError
    assert len(server.requests) == 3
    assert len(client.sleeps) == 2


def test_connection_error_then_success(make_client):
    server = Server(httpx.ConnectError("refused"), reply(200, json=TOOL))
    client = make_client(server)
    assert client.tools.retrieve("tool-1").id == "tool-1"
    assert len(server.requests) == 2


def test_timeouts_are_retried_then_raised(rt, make_client):
    server = Server(httpx.ReadTimeout("slow"))
    client = make_client(server, max_retries=1)
    with pytest.raises(rt.APITimeoutError):
        client.tools.retrieve("tool-1")
    assert len(server.requests) == 2


def test_request_is_resent_identically(make_client):
    server = Server(reply(500), reply(200, json=TOOL))
    make_client(server).tools.update("tool-1", description="d")
    first, second = server.requests
    assert (first.method, first.url, first.content) == (second.method, second.url, second.content)
    assert first.content == b'{"description":"d"}'


def test_real_sleep_is_used_by_default(sdk, monkeypatch, rtpkg):
    import rtpkg._runtime._client as client_module

    slept: list[float] = []
    monkeypatch.setattr(client_module.time, "sleep", slept.append)
    http = httpx.Client(transport=httpx.MockTransport(Server(reply(500), reply(200, json=TOOL))))
    sdk.Letta(api_key="k", http_client=http).tools.retrieve("tool-1")
    assert len(slept) == 1 and 0.375 <= slept[0] <= 0.5
