"""Test helpers: a scripted MockTransport handler."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

BASE_URL = "https://api.test"


def reply(status: int = 200, **kwargs: Any) -> Callable[[httpx.Request], httpx.Response]:
    """A scripted reply: a fresh ``httpx.Response(status, **kwargs)`` each time."""
    return lambda request: httpx.Response(status, **kwargs)


class Server:
    """Scripted MockTransport handler: answers with ``replies`` in order (the last one
    repeats) and records every request it receives."""

    def __init__(self, *replies: Callable[[httpx.Request], httpx.Response] | Exception) -> None:
        self.replies = list(replies) or [reply(200, json={})]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        item = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(item, Exception):
            raise item
        return item(request)

    @property
    def last(self) -> httpx.Request:
        return self.requests[-1]


class RecordingStream(httpx.SyncByteStream):
    """A response body that records when it is read and closed."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = chunks
        self.consumed = False
        self.closed = False

    def __iter__(self) -> Any:
        self.consumed = True
        yield from self.chunks

    def close(self) -> None:
        self.closed = True


class AsyncRecordingStream(httpx.AsyncByteStream):
    """Async twin of :class:`RecordingStream`."""

    def __init__(self, *chunks: bytes) -> None:
        self.chunks = chunks
        self.consumed = False
        self.closed = False

    async def __aiter__(self) -> Any:
        self.consumed = True
        for chunk in self.chunks:
            yield chunk

    async def aclose(self) -> None:
        self.closed = True


def paged_tools(pages: dict[str | None, list[str]]) -> Callable[[httpx.Request], httpx.Response]:
    """Handler serving a JSON array of tools per value of the ``after`` query parameter."""

    def handle(request: httpx.Request) -> httpx.Response:
        ids = pages[request.url.params.get("after")]
        return httpx.Response(200, json=[{"id": i, "name": f"tool {i}"} for i in ids])

    return handle
