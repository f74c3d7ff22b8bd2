"""Base API clients: configuration, request building, retries and response parsing."""

from __future__ import annotations

import asyncio
import json
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, Generic, Self, TypeVar, overload
from urllib.parse import quote

import httpx
import pydantic

from ._exceptions import APIConnectionError, APITimeoutError, make_status_error
from ._models import to_jsonable
from ._pagination import AsyncArrayPage, AsyncPaginator, SyncArrayPage
from ._response import RESPONSE_MODE, APIResponse, AsyncAPIResponse, parse_body
from ._retries import retry_delay, should_retry
from ._types import NOT_GIVEN, Body, NotGiven, Query, RequestOptions, RequestSpec, Timeout

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2

_T = TypeVar("_T")
_HttpT = TypeVar("_HttpT", httpx.Client, httpx.AsyncClient)
_PageT = TypeVar("_PageT", bound=SyncArrayPage[Any])
_AsyncPageT = TypeVar("_AsyncPageT", bound=AsyncArrayPage[Any])
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def _to_str(value: object) -> str:
    """Render a scalar for a URL: bools as true/false, enums by value, dates as ISO 8601."""
    data = to_jsonable(value)
    return data if isinstance(data, str) else json.dumps(data)


def _encode_query(query: Mapping[str, object]) -> list[tuple[str, Any]]:
    pairs: list[tuple[str, Any]] = []
    for key, value in query.items():
        for item in value if isinstance(value, list | tuple) else [value]:
            if not _omitted(item):
                pairs.append((key, _to_str(item)))
    return pairs


def _omitted(value: object) -> bool:
    return value is None or isinstance(value, NotGiven)


def _encode_body(
    body: Body | None, body_model: type[pydantic.BaseModel] | None, extra_body: Body | None
) -> object:
    if isinstance(body, Mapping):
        body = {k: v for k, v in body.items() if not isinstance(v, NotGiven)}
    data: object = NOT_GIVEN
    if body is not None and body_model is not None:
        model = body_model.model_validate(body)
        data = model.model_dump(mode="json", by_alias=True, exclude_unset=True)
    elif body is not None:
        data = to_jsonable(body)
    if extra_body is not None:
        extra = to_jsonable(extra_body)
        if isinstance(data, dict) and isinstance(extra, dict):
            data = {**data, **extra}
        elif isinstance(data, NotGiven):
            data = extra
        else:
            raise TypeError("extra_body can only be merged into a JSON object body")
    return data


class _BaseClient(Generic[_HttpT]):
    """Configuration and request building shared by the sync and async clients."""

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx.URL | None = None,
        timeout: Timeout | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Mapping[str, str] | None = None,
        http_client: _HttpT | None = None,
        env_prefix: str,
        default_base_url: str,
        sdk_name: str,
        version: str,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.api_key = api_key if api_key is not None else os.environ.get(f"{env_prefix}_API_KEY")
        url = base_url or os.environ.get(f"{env_prefix}_BASE_URL") or default_base_url
        self.base_url = httpx.URL(str(url))
        self.timeout: Timeout = DEFAULT_TIMEOUT if isinstance(timeout, NotGiven) else timeout
        self.max_retries = max_retries
        headers = {"Accept": "application/json", "User-Agent": f"{sdk_name}/Python {version}"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        self.default_headers: dict[str, str] = {**headers, **(default_headers or {})}
        self._owns_http = http_client is None
        self._http: _HttpT = http_client or self._new_http()

    def _new_http(self) -> _HttpT:
        raise NotImplementedError

    def path(self, template: str, **params: object) -> str:
        """Fill ``{name}`` placeholders with URL-encoded values (``/`` and dot segments too)."""

        def fill(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in params:
                raise ValueError(f"Missing path parameter {name!r} for {template!r}")
            value = _to_str(params[name])
            if not value:
                raise ValueError(f"Expected a non-empty value for `{name}` but received {value!r}")
            encoded = quote(value, safe="")
            return encoded.replace(".", "%2E") if value in (".", "..") else encoded

        return _PLACEHOLDER.sub(fill, template)

    def _build_request(self, spec: RequestSpec) -> httpx.Request:
        options = spec.options
        data = _encode_body(spec.body, spec.body_model, options.extra_body)
        params = _encode_query({**(spec.query or {}), **(options.extra_query or {})})
        headers = httpx.Headers(self.default_headers)
        for extra in (spec.headers or {}, options.extra_headers or {}):
            headers.update({k: _to_str(v) for k, v in extra.items() if not _omitted(v)})
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        url = spec.path if "://" in spec.path else str(self.base_url).rstrip("/") + spec.path
        kwargs: dict[str, Any] = {} if isinstance(data, NotGiven) else {"json": data}
        return self._http.build_request(
            spec.method.upper(), url, params=params, headers=headers, timeout=timeout, **kwargs
        )

    def _retries(self, options: RequestOptions) -> int:
        return (
            self.max_retries if isinstance(options.max_retries, NotGiven) else options.max_retries
        )


def _connection_error(exc: httpx.TransportError, request: httpx.Request) -> APIConnectionError:
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(request=request)
    return APIConnectionError(request=request, message=f"Connection error: {exc}")


class SyncAPIClient(_BaseClient[httpx.Client]):
    """Base of the generated synchronous client."""

    def _new_http(self) -> httpx.Client:
        return httpx.Client(follow_redirects=True)

    def close(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[_T],
        body: Body | None = None,
        body_model: type[pydantic.BaseModel] | None = None,
        query: Query | None = None,
        headers: Mapping[str, object] | None = None,
        options: RequestOptions | None = None,
    ) -> _T: ...
    @overload
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: None,
        body: Body | None = None,
        body_model: type[pydantic.BaseModel] | None = None,
        query: Query | None = None,
        headers: Mapping[str, object] | None = None,
        options: RequestOptions | None = None,
    ) -> None: ...
    def request(
        self, method: str, path: str, *, options: RequestOptions | None = None, **kwargs: Any
    ) -> Any:
        """Send a request (with retries) and parse the JSON response into ``cast_to``.

        ``body``, ``query`` and ``headers`` entries that are NOT_GIVEN are left out; a
        ``body_model`` validates the body and renames its keys to wire names.
        """
        spec = RequestSpec(method, path, options=options or RequestOptions(), **kwargs)
        return self._execute(spec, lambda data: data)

    def get_page(
        self,
        path: str,
        *,
        page_cls: type[_PageT],
        item_type: type[_T],
        query: Query | None = None,
        cursor_param: str | None = "after",
        item_id: str = "id",
        options: RequestOptions | None = None,
    ) -> _PageT:
        """Fetch the first page of a listing whose body is a JSON array of ``item_type``."""
        items = list.__class_getitem__(item_type)
        spec = RequestSpec("get", path, items, options or RequestOptions(), query)
        spec = replace(spec, cursor_param=cursor_param, item_id=item_id)
        return self._fetch_page(page_cls, spec)

    def _fetch_page(self, page_cls: type[_PageT], spec: RequestSpec) -> _PageT:
        page: _PageT = self._execute(
            spec, lambda items: page_cls(items=items, request=spec, client=self)
        )
        return page

    def _execute(self, spec: RequestSpec, post_parse: Callable[[Any], Any]) -> Any:
        request = self._build_request(spec)
        mode = RESPONSE_MODE.get()
        response = self._send(request, self._retries(spec.options), stream=mode == "stream")
        if mode is None:
            return post_parse(parse_body(response, spec.cast_to))
        return APIResponse(response, spec.cast_to, post_parse)

    def _send(self, request: httpx.Request, max_retries: int, *, stream: bool) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = self._http.send(request, stream=stream)
            except httpx.TransportError as exc:
                if attempt >= max_retries:
                    raise _connection_error(exc, request) from exc
                delay = retry_delay(attempt)
            else:
                if response.is_success:
                    return response
                if attempt >= max_retries or not should_retry(response):
                    response.read()
                    response.close()
                    raise make_status_error(response)
                delay = retry_delay(attempt, response.headers)
                response.close()
            self._sleep(delay)
            attempt += 1


class AsyncAPIClient(_BaseClient[httpx.AsyncClient]):
    """Base of the generated asynchronous client."""

    def _new_http(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(follow_redirects=True)

    async def aclose(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http:
            await self._http.aclose()

    close = aclose

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def _asleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[_T],
        body: Body | None = None,
        body_model: type[pydantic.BaseModel] | None = None,
        query: Query | None = None,
        headers: Mapping[str, object] | None = None,
        options: RequestOptions | None = None,
    ) -> _T: ...
    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: None,
        body: Body | None = None,
        body_model: type[pydantic.BaseModel] | None = None,
        query: Query | None = None,
        headers: Mapping[str, object] | None = None,
        options: RequestOptions | None = None,
    ) -> None: ...
    async def request(
        self, method: str, path: str, *, options: RequestOptions | None = None, **kwargs: Any
    ) -> Any:
        """Send a request (with retries) and parse the JSON response into ``cast_to``."""
        spec = RequestSpec(method, path, options=options or RequestOptions(), **kwargs)
        return await self._execute(spec, lambda data: data)

    def get_page(
        self,
        path: str,
        *,
        page_cls: type[_AsyncPageT],
        item_type: type[_T],
        query: Query | None = None,
        cursor_param: str | None = "after",
        item_id: str = "id",
        options: RequestOptions | None = None,
    ) -> AsyncPaginator[_T, _AsyncPageT]:
        """Return a paginator: ``await`` it for the first page, ``async for`` for all items."""
        items = list.__class_getitem__(item_type)
        spec = RequestSpec("get", path, items, options or RequestOptions(), query)
        spec = replace(spec, cursor_param=cursor_param, item_id=item_id)
        return AsyncPaginator(lambda: self._fetch_page(page_cls, spec))

    async def _fetch_page(self, page_cls: type[_AsyncPageT], spec: RequestSpec) -> _AsyncPageT:
        page: _AsyncPageT = await self._execute(
            spec, lambda items: page_cls(items=items, request=spec, client=self)
        )
        return page

    async def _execute(self, spec: RequestSpec, post_parse: Callable[[Any], Any]) -> Any:
        request = self._build_request(spec)
        mode = RESPONSE_MODE.get()
        response = await self._send(request, self._retries(spec.options), stream=mode == "stream")
        if mode is None:
            return post_parse(parse_body(response, spec.cast_to))
        return AsyncAPIResponse(response, spec.cast_to, post_parse)

    async def _send(
        self, request: httpx.Request, max_retries: int, *, stream: bool
    ) -> httpx.Response:
        attempt = 0
        while True:
            try:
                response = await self._http.send(request, stream=stream)
            except httpx.TransportError as exc:
                if attempt >= max_retries:
                    raise _connection_error(exc, request) from exc
                delay = retry_delay(attempt)
            else:
                if response.is_success:
                    return response
                if attempt >= max_retries or not should_retry(response):
                    await response.aread()
                    await response.aclose()
                    raise make_status_error(response)
                delay = retry_delay(attempt, response.headers)
                await response.aclose()
            await self._asleep(delay)
            attempt += 1
