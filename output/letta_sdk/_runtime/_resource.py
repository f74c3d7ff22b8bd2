"""Resource base classes and the generic ``with_raw_response`` / ``with_streaming_response`` views."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from ._response import RESPONSE_MODE, APIResponse, AsyncAPIResponse, ResponseMode

if TYPE_CHECKING:
    from ._client import AsyncAPIClient, SyncAPIClient


class _BaseResource:
    @property
    def with_raw_response(self) -> ResourceView:
        """The same methods, returning an (Async)APIResponse; ``.parse()`` gives the data."""
        return ResourceView(self, "raw")

    @property
    def with_streaming_response(self) -> ResourceView:
        """The same methods as (async) context managers yielding a response not yet read."""
        return ResourceView(self, "stream")


class SyncAPIResource(_BaseResource):
    """Base of generated synchronous resources."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client


class AsyncAPIResource(_BaseResource):
    """Base of generated asynchronous resources."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client


def _call(mode: ResponseMode, method: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    token = RESPONSE_MODE.set(mode)
    try:
        return method(*args, **kwargs)
    finally:
        RESPONSE_MODE.reset(token)


async def _acall(mode: ResponseMode, method: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    token = RESPONSE_MODE.set(mode)
    try:
        result = method(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result
    finally:
        RESPONSE_MODE.reset(token)


class _StreamContext:
    def __init__(self, open_response: Callable[[], APIResponse[Any]]) -> None:
        self._open = open_response

    def __enter__(self) -> APIResponse[Any]:
        self._response = self._open()
        return self._response

    def __exit__(self, *exc_info: object) -> None:
        self._response.close()


class _AsyncStreamContext:
    def __init__(self, open_response: Callable[[], Awaitable[AsyncAPIResponse[Any]]]) -> None:
        self._open = open_response

    async def __aenter__(self) -> AsyncAPIResponse[Any]:
        self._response = await self._open()
        return self._response

    async def __aexit__(self, *exc_info: object) -> None:
        await self._response.close()


class ResourceView:
    """Wraps every method (and sub-resource) of a resource to return responses, not data."""

    def __init__(self, resource: _BaseResource, mode: ResponseMode) -> None:
        self._resource = resource
        self._mode: ResponseMode = mode

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._resource, name)
        if isinstance(attr, _BaseResource):
            return ResourceView(attr, self._mode)
        if not callable(attr):
            return attr
        mode, is_async = self._mode, isinstance(self._resource, AsyncAPIResource)

        @functools.wraps(attr)
        def method(*args: Any, **kwargs: Any) -> Any:
            if not is_async:
                if mode == "stream":
                    return _StreamContext(lambda: _call(mode, attr, args, kwargs))
                return _call(mode, attr, args, kwargs)
            if mode == "stream":
                return _AsyncStreamContext(lambda: _acall(mode, attr, args, kwargs))
            return _acall(mode, attr, args, kwargs)

        return method
