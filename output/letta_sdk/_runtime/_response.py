"""Raw and streaming response wrappers returned by ``with_raw_response`` / ``with_streaming_response``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextvars import ContextVar
from typing import Any, Generic, Literal, TypeVar

import httpx
import pydantic

from ._compat import construct_lenient, shape_matches
from ._exceptions import APIResponseValidationError
from ._models import validate_type

_T = TypeVar("_T")

ResponseMode = Literal["raw", "stream"]
RESPONSE_MODE: ContextVar[ResponseMode | None] = ContextVar("sdk_response_mode", default=None)
"""Set by the resource views; ``request`` returns a response wrapper instead of parsed data."""


def parse_body(response: httpx.Response, cast_to: Any) -> Any:
    """Decode a read response body into ``cast_to`` (a type or typing form; None for no body)."""
    if cast_to is None or cast_to is type(None):
        return None
    if cast_to is str and "json" not in response.headers.get("content-type", ""):
        return response.text
    try:
        data = response.json() if response.content else None
    except ValueError as exc:
        raise APIResponseValidationError(
            response=response, body=response.text, message=f"Response is not JSON: {exc}"
        ) from exc
    try:
        return validate_type(cast_to, data)
    except pydantic.ValidationError as exc:
        if not shape_matches(cast_to, data):
            raise APIResponseValidationError(
                response=response, body=data, message=str(exc)
            ) from exc
        return construct_lenient(cast_to, data)  # a newer server: keep what it sent


class _BaseResponse(Generic[_T]):
    def __init__(
        self, http_response: httpx.Response, cast_to: Any, post_parse: Callable[[Any], _T]
    ) -> None:
        self.http_response = http_response
        self._cast_to = cast_to
        self._post_parse = post_parse

    @property
    def headers(self) -> httpx.Headers:
        """Response headers."""
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        """HTTP status code."""
        return self.http_response.status_code

    def _parse_read(self) -> _T:
        return self._post_parse(parse_body(self.http_response, self._cast_to))


class APIResponse(_BaseResponse[_T]):
    """An HTTP response whose body is parsed into ``_T`` on demand by :meth:`parse`."""

    @property
    def text(self) -> str:
        """The body decoded as text (reads it if needed)."""
        self.read()
        return self.http_response.text

    def read(self) -> bytes:
        """Read and return the whole body."""
        return self.http_response.read()

    def json(self) -> Any:
        """The body decoded as JSON."""
        self.read()
        return self.http_response.json()

    def parse(self) -> _T:
        """The body parsed into the method's return type."""
        self.read()
        return self._parse_read()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """Iterate over the body without loading it at once."""
        return self.http_response.iter_bytes(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        """Iterate over the body line by line."""
        return self.http_response.iter_lines()

    def close(self) -> None:
        """Release the connection."""
        self.http_response.close()


class AsyncAPIResponse(_BaseResponse[_T]):
    """Async twin of :class:`APIResponse` (``await resp.parse()``)."""

    @property
    def text(self) -> str:
        """The body decoded as text; in streaming mode ``await read()`` first."""
        return self.http_response.text

    async def read(self) -> bytes:
        """Read and return the whole body."""
        return await self.http_response.aread()

    async def json(self) -> Any:
        """The body decoded as JSON."""
        await self.read()
        return self.http_response.json()

    async def parse(self) -> _T:
        """The body parsed into the method's return type."""
        await self.read()
        return self._parse_read()

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        """Iterate over the body without loading it at once."""
        return self.http_response.aiter_bytes(chunk_size)

    def iter_lines(self) -> AsyncIterator[str]:
        """Iterate over the body line by line."""
        return self.http_response.aiter_lines()

    async def close(self) -> None:
        """Release the connection."""
        await self.http_response.aclose()
