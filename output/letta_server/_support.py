"""Runtime of the generated server stub, copied verbatim into the package by specgen.

It binds user handler objects to operations, calls them (sync or async), turns `HandlerError`
into a JSON error, serializes results by wire name and answers mock responses. The generated
route functions only validate their input (through FastAPI) and call `dispatch`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

__all__ = [
    "HandlerError",
    "Operation",
    "Resource",
    "StubApp",
    "bind_handlers",
    "build_app",
    "dispatch",
    "serialize",
]

HandlerKey = tuple[tuple[str, ...], str]  # (resource path, method name)


class HandlerError(Exception):
    """Raise from a handler to answer `status_code` with the JSON body `{"detail": detail}`
    (`detail` defaults to the status phrase, e.g. "Not Found")."""

    def __init__(
        self,
        status_code: int,
        detail: object = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if detail is None:
            try:
                detail = HTTPStatus(status_code).phrase
            except ValueError:
                detail = "Error"
        super().__init__(status_code, detail)
        self.status_code = status_code
        self.detail = detail
        self.headers = dict(headers) if headers else None


@dataclass(frozen=True)
class Operation:
    """What a route needs at run time: whose handler method serves it and what it returns."""

    operation_id: str
    resource: tuple[str, ...]
    method: str
    response: Any  # a type pydantic can validate and serialize (`Tool`, `List[Tool]`, `object`)
    status_code: int = 200
    cursor: str | None = None  # paginated listing: the query parameter taking the last item's id

    @property
    def label(self) -> str:
        """`tools.list`: the SDK spelling of the operation."""
        return ".".join((*self.resource, self.method))


@dataclass(frozen=True)
class Resource:
    """One SDK resource: its path, the generated handler protocol and the method names."""

    path: tuple[str, ...]
    protocol: type
    methods: tuple[str, ...]

    @property
    def label(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class ServerState:
    handlers: Mapping[HandlerKey, Callable[..., Any]]
    mock: bool
    mock_responses: Mapping[str, object]


_STATE = "specgen_server"


# --- binding handler objects to operations -----------------------------------------------------


def _objects(handlers: object) -> list[object]:
    if handlers is None:
        return []
    if isinstance(handlers, (list, tuple)):
        return list(handlers)
    return [handlers]


def _targets(obj: object, resources: Sequence[Resource]) -> list[tuple[Resource, object]]:
    """Which resources `obj` serves, and through which object:
    - a mapping from resource path (`"tools"`, `"mcp_servers.tools"`) to handler objects;
    - an instance of a class that subclasses generated `*Handler` protocols: those resources;
    - otherwise a root object shaped like the SDK client (`obj.tools`, `obj.mcp_servers.tools`).
    """
    if isinstance(obj, Mapping):
        by_label = {r.label: r for r in resources}
        out = []
        for key, target in obj.items():
            if key not in by_label:
                raise ValueError(f"no resource {key!r}; known: {', '.join(sorted(by_label))}")
            out.append((by_label[key], target))
        return out
    mro = type(obj).__mro__
    declared = [(r, obj) for r in resources if r.protocol in mro]
    if declared:
        return declared
    found = []
    for r in resources:
        node: object = obj
        for part in r.path:
            node = getattr(node, part, None)
            if node is None:
                break
        if node is not None:
            found.append((r, node))
    return found


def _method(target: object, resource: Resource, name: str) -> Callable[..., Any] | None:
    """The bound method implementing `name`, None when absent or only the protocol's stub."""
    fn = getattr(target, name, None)
    if fn is None or not callable(fn):
        return None
    stub = resource.protocol.__dict__.get(name)
    if stub is not None and inspect.getattr_static(type(target), name, None) is stub:
        return None
    return fn  # type: ignore[no-any-return]


def bind_handlers(
    handlers: object, resources: Sequence[Resource]
) -> dict[HandlerKey, Callable[..., Any]]:
    """(resource path, method name) -> callable, for every operation some handler implements."""
    bound: dict[HandlerKey, Callable[..., Any]] = {}
    for obj in _objects(handlers):
        found = False
        for resource, target in _targets(obj, resources):
            for name in resource.methods:
                fn = _method(target, resource, name)
                if fn is None:
                    continue
                key = (resource.path, name)
                if key in bound:
                    raise ValueError(f"two handlers implement {resource.label}.{name}")
                bound[key] = fn
                found = True
        if not found:
            raise TypeError(
                f"{obj!r} implements no operation: pass an instance of a class that subclasses "
                "a generated *Handler protocol, an object with resource attributes like the SDK "
                "client (obj.tools), or a mapping {'tools': obj}"
            )
    return bound


# --- answering requests ------------------------------------------------------------------------


@functools.cache
def _adapter(response: Any) -> TypeAdapter[Any]:
    return TypeAdapter(response)


def serialize(response: Any, value: object) -> Any:
    """`value` checked against the response type (dicts become models, models pass through) and
    dumped as JSON data by wire name, leaving out fields that were never set."""
    adapter = _adapter(response)
    checked = adapter.validate_python(value)
    return adapter.dump_python(checked, mode="json", by_alias=True, exclude_unset=True)


async def _call(fn: Callable[..., Any], arguments: Mapping[str, Any]) -> Any:
    if inspect.iscoroutinefunction(fn):
        return await fn(**arguments)
    result = await run_in_threadpool(fn, **arguments)
    if inspect.isawaitable(result):
        result = await result
    return result


async def dispatch(request: Request, op: Operation, arguments: Mapping[str, Any]) -> Response:
    """Answer one validated request: mock response, 501, handler result or `HandlerError`."""
    state: ServerState = getattr(request.app.state, _STATE)
    if state.mock:
        if op.cursor and request.query_params.get(op.cursor):
            return JSONResponse([], status_code=op.status_code)  # the example is the only page
        return JSONResponse(state.mock_responses[op.operation_id], status_code=op.status_code)
    fn = state.handlers.get((op.resource, op.method))
    if fn is None:
        return JSONResponse({"detail": f"{op.label} is not implemented"}, status_code=501)
    try:
        result = await _call(fn, arguments)
    except HandlerError as exc:
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )
    try:
        body = serialize(op.response, result)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        detail = {"detail": f"{op.label} returned an invalid response", "errors": errors}
        return JSONResponse(detail, status_code=500)
    return JSONResponse(body, status_code=op.status_code)


async def body_parse_error(request: Request, exc: Exception) -> Response:
    """FastAPI answers 400 to a body it cannot parse as JSON at all (bytes that are not UTF-8);
    the document promises 422 for bad input, so say it in the validation-error shape. Nothing
    else in the app raises a 400 `HTTPException` (handlers raise `HandlerError`)."""
    if isinstance(exc, HTTPException) and exc.status_code == 400:
        cause = exc.__cause__
        reason = f"{type(cause).__name__}: {cause}" if cause is not None else str(exc.detail)
        error = {"type": "body_invalid", "loc": ["body"], "msg": f"Invalid body: {reason}"}
        return JSONResponse({"detail": [error]}, status_code=422)
    assert isinstance(exc, HTTPException)
    return await http_exception_handler(request, exc)


# --- the application ---------------------------------------------------------------------------


class StubApp(FastAPI):
    """A FastAPI app whose `/openapi.json` is the recovered document, not one FastAPI derives."""

    def __init__(self, *, document: dict[str, Any], **kwargs: Any) -> None:
        self._document = document
        super().__init__(**kwargs)

    def openapi(self) -> dict[str, Any]:
        return self._document


def build_app(
    *,
    handlers: object,
    mock: bool,
    router: APIRouter,
    resources: Sequence[Resource],
    document: dict[str, Any],
    mock_responses: Mapping[str, object],
) -> FastAPI:
    state = ServerState(bind_handlers(handlers, resources), mock, mock_responses)
    info = document.get("info", {})
    app = StubApp(
        document=document,
        title=str(info.get("title", "API")),
        version=str(info.get("version", "0")),
    )
    setattr(app.state, _STATE, state)
    app.add_exception_handler(HTTPException, body_parse_error)
    app.include_router(router)
    return app
