"""View objects of the server stub templates: every decision about the generated code (names,
annotations, FastAPI parameter markers, ordering) is made here; the templates only lay it out."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from generator import ir, naming
from generator.writers.pytypes import CONSTRAINT_KWARGS, Import, Printer, pyrepr
from generator.writers.server_values import ServerWriterError

_MARKERS = {"path": "Path", "query": "Query", "header": "Header"}
_DEFAULT_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


@dataclass(frozen=True)
class ParamView:
    """A path, query or header parameter."""

    name: str  # Python name: route argument and handler keyword
    annotation: str  # plain annotation (handler protocol)
    route_annotation: str  # `Annotated[..., Query(...)]` for the route function
    default: str | None  # Python expression; None: required
    location: str


@dataclass(frozen=True)
class BodyView:
    model: str
    required: bool  # False: every field is optional, a missing body means an empty model


@dataclass(frozen=True)
class OperationView:
    operation_id: str
    const: str  # module constant holding the `_support.Operation`
    http_method: str
    path: str  # the documented path, placeholders spelled by Python name
    resource: tuple[str, ...]
    method: str
    response: str  # annotation of the response type
    params: tuple[ParamView, ...]  # path params (in path order), then query and header params
    body: BodyView | None
    request_arg: str  # name of the route's `Request` argument (never a parameter's name)
    cursor: str | None  # wire name of the pagination cursor, if the operation pages
    doc: str  # summary, description, HTTP line: docs text, goes through `docstring`

    @property
    def path_params(self) -> tuple[ParamView, ...]:
        return tuple(p for p in self.params if p.location == "path")

    @property
    def keyword_params(self) -> tuple[ParamView, ...]:
        return tuple(p for p in self.params if p.location != "path")


@dataclass(frozen=True)
class ResourceView:
    path: tuple[str, ...]
    protocol: str  # `ToolsHandler`
    operations: tuple[OperationView, ...]
    doc: str

    @property
    def label(self) -> str:
        return ".".join(self.path)

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(op.method for op in self.operations)


def protocol_name(resource: tuple[str, ...]) -> str:
    """`("mcp_servers", "tools")` -> `McpServersToolsHandler`."""
    return naming.handler_protocol(resource)


def _default(p: ir.Parameter) -> str | None:
    """The documented default when it is a value of the parameter's type, else None."""
    value = p.default
    if value is None:
        return None
    if isinstance(p.type, ir.LiteralOf):
        return pyrepr(value) if value in p.type.values else None
    if isinstance(p.type, ir.Primitive) and p.type.kind in _DEFAULT_TYPES:
        ok = isinstance(value, _DEFAULT_TYPES[p.type.kind])
        if ok and (p.type.kind == "boolean" or not isinstance(value, bool)):
            return pyrepr(value)
    return None


def _marker(p: ir.Parameter, route_imports: set[Import]) -> str:
    marker = _MARKERS[p.location]
    route_imports.add(Import("fastapi", marker))
    args: list[str] = []
    if p.wire_name != p.name and p.location != "path":  # path: the route path is renamed
        args.append(f"alias={pyrepr(p.wire_name)}")
    if p.location == "header":
        args.append("convert_underscores=False")
    args.extend(
        f"{CONSTRAINT_KWARGS[name]}={pyrepr(value)}" for name, value in p.constraints.items()
    )
    return f"{marker}({', '.join(args)})"


def param_view(
    p: ir.Parameter, printer: Printer, imports: set[Import], route_imports: set[Import]
) -> ParamView:
    """`imports`: what the plain annotation needs; `route_imports`: what only routes need."""
    annotation = printer.annotation(p.type, imports)
    required = p.required or p.location == "path"
    if p.nullable or not required:
        annotation = printer.optional(annotation, imports)
    route_imports.add(Import("typing", "Annotated"))
    route_annotation = f"Annotated[{annotation}, {_marker(p, route_imports)}]"
    default = None if required else (_default(p) or "None")
    return ParamView(str(p.name), annotation, route_annotation, default, p.location)


def _path_order(op: ir.Operation) -> list[ir.Parameter]:
    path = [p for p in op.params if p.location == "path"]
    return sorted(path, key=lambda p: op.path.find("{" + p.wire_name + "}"))


def _check_names(op: ir.Operation, names: list[str]) -> None:
    reserved = {"self", "_support"} | ({"body"} if op.body is not None else set())
    clash = sorted({n for n in names if n in reserved or names.count(n) > 1})
    if clash:
        raise ServerWriterError(
            f"{op.operation_id}: parameter names {clash} cannot be handler arguments "
            "(duplicated, or `self` / `body` / `_support`)"
        )


def _arg_lines(params: list[ir.Parameter]) -> str:
    return "\n".join(f"    {p.name}: {' '.join(p.description.split())}" for p in params)


def _doc(op: ir.Operation) -> str:
    """Summary, description, the HTTP line, then the documented parameters and body fields."""
    parts = [op.summary or str(op.operation_id)]
    if op.description and op.description.strip() != op.summary.strip():
        parts.append(op.description.strip())
    parts.append(f"{op.method.upper()} {op.path}")
    args = [p for p in op.params if p.location != "body" and p.description]
    if args:
        parts.append("Args:\n" + _arg_lines(args))
    fields = [p for p in op.params if p.location == "body" and p.description]
    if op.body is not None and fields:
        parts.append(f"Body fields ({op.body.name}):\n" + _arg_lines(fields))
    return "\n\n".join(parts)


def operation_view(
    op: ir.Operation, printer: Printer, imports: set[Import], route_imports: set[Import]
) -> OperationView:
    params = [*_path_order(op), *(p for p in op.params if p.location in ("query", "header"))]
    names = [str(p.name) for p in params]
    _check_names(op, names)
    views = tuple(param_view(p, printer, imports, route_imports) for p in params)
    body = None
    if op.body is not None:
        model = printer.annotation(op.body, imports)
        required = any(p.required for p in op.params if p.location == "body")
        route_imports.add(Import("fastapi", "Body"))
        route_imports.add(Import("typing", "Annotated"))
        body = BodyView(model, required)
    response = "object" if op.response is None else printer.annotation(op.response, imports)
    route_path = op.path
    for p in op.params:
        if p.location == "path":  # Starlette placeholders must be identifiers (`{tool-id}`)
            route_path = route_path.replace("{" + p.wire_name + "}", "{" + str(p.name) + "}")
    request_arg = "request"
    while request_arg in names:
        request_arg += "_"
    return OperationView(
        operation_id=str(op.operation_id),
        const=str(op.operation_id).upper(),
        cursor=op.pagination.cursor_param if isinstance(op.pagination, ir.CursorList) else None,
        http_method=op.method,
        path=route_path,
        resource=tuple(map(str, op.resource)),
        method=str(op.sdk_name),
        response=response,
        params=views,
        body=body,
        request_arg=request_arg,
        doc=_doc(op),
    )


def _route_key(op: ir.Operation) -> list[bool]:
    """Concrete path segments before templated ones, so `/tools/search` wins over
    `/tools/{tool_id}` whatever the documented order."""
    return [segment.startswith("{") for segment in op.path.split("/")]


def routed(api: ir.Api) -> list[ir.Operation]:
    """Operations in registration order: documented order, concrete paths first."""
    return sorted(api.operations, key=_route_key)


def resource_doc(path: tuple[str, ...]) -> str:
    label = ".".join(path)
    paragraphs = [
        f"Handler of the `{label}` operations.",
        "Implement any of these methods (sync or async) on your own object and pass it to "
        "`create_app`: an instance of a class that subclasses this protocol, an object with "
        f"resource attributes like the SDK client, or a mapping {{{label!r}: obj}}. A method "
        "left out answers 501.",
        "Calling convention: path parameters positional-or-keyword (in path order), then "
        "query and header parameters keyword-only by their SDK (Python) names, then `body` "
        "(the request model) keyword-only when the operation has a body. The server passes "
        "every argument; an optional one the request leaves out arrives as its documented "
        "default, or None. Return the response model (a dict, or a list of models or dicts, "
        "is accepted and validated into it); an async method returns it from a coroutine. "
        "Raise `HandlerError(status_code, detail)` to answer an error.",
    ]
    return "\n\n".join(textwrap.fill(p, 92) for p in paragraphs)


def resource_views(
    api: ir.Api, printer: Printer, imports: set[Import], route_imports: set[Import]
) -> list[ResourceView]:
    """One view per SDK resource, in documented order of first appearance. `imports` collects
    what the annotations need (handlers and routes), `route_imports` what only routes need."""
    grouped: dict[tuple[str, ...], list[OperationView]] = {}
    for op in api.operations:
        grouped.setdefault(tuple(map(str, op.resource)), []).append(
            operation_view(op, printer, imports, route_imports)
        )
    out = []
    for path, ops in grouped.items():
        methods = [o.method for o in ops]
        if len(set(methods)) != len(methods):
            raise ServerWriterError(f"resource {'.'.join(path)} has two operations named alike")
        protocol = protocol_name(path)
        out.append(ResourceView(path, protocol, tuple(ops), resource_doc(path)))
    names = [r.protocol for r in out]
    if len(set(names)) != len(names):
        raise ServerWriterError(f"two resources give the same handler name: {names}")
    return out
