"""The FastAPI server stub `<server>/`: handler protocols, one thin route per operation, the
recovered OpenAPI document, mock responses, `create_app` and `python -m <server>`; the support
module `templates/server/_support.py` is copied verbatim."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from generator import ir
from generator.config import Config
from generator.paths import templates_dir
from generator.writers.imports import import_block, sorted_all
from generator.writers.openapi import openapi_document
from generator.writers.pytypes import Import, Printer, module_map
from generator.writers.render import render
from generator.writers.server_values import ServerWriterError, mock_response
from generator.writers.server_views import resource_views, routed

__all__ = ["ServerWriterError", "render_server"]

SUPPORT = "_support.py"

_ROUTE_IMPORTS = frozenset(
    {
        Import("fastapi", "APIRouter"),
        Import("fastapi", "Request"),
        Import("fastapi.responses", "Response"),
        Import(".", "_support"),  # used qualified: never shadowed by a parameter name
    }
)
_HANDLER_IMPORTS = frozenset(
    {
        Import("collections.abc", "Awaitable"),
        Import("typing", "Protocol"),
    }
)


def _json_data(document: dict[str, Any]) -> Any:
    """The document as plain JSON data (str subclasses and tuples normalized, keys made strings
    the way `json.dumps` makes them), order kept: a copy, made without writing and parsing text
    (its examples were parsed by the readers, once)."""
    try:
        return _plain(document)
    except ValueError as exc:
        raise ServerWriterError(f"the OpenAPI document is not JSON data: {exc}") from exc


def _plain(value: Any) -> Any:
    """What `json.loads(json.dumps(value, allow_nan=False))` returns (the nesting is bounded:
    `jsontext.MAX_DEPTH` for the examples, a few levels of document around them)."""
    if isinstance(value, str):
        return str.__str__(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _finite(value)
    if isinstance(value, dict):
        return {_plain_key(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _plain_key(key: Any) -> str:
    if isinstance(key, str):
        return str.__str__(key)
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return float.__repr__(_finite(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"out of range float values are not JSON compliant: {value!r}")
    return float(value)


def _json_text(data: Any, open_levels: int = 3) -> str:
    """Deterministic, diff-friendly JSON text: the outer `open_levels` levels of objects and
    arrays one member per line (in the OpenAPI document: one line per path item, operation and
    schema), whatever lies deeper on one line. The deep values go through json's C encoder: the
    indenting encoder is pure Python, and was a hot spot on big APIs."""
    parts: list[str] = []

    def write(value: Any, level: int) -> None:
        if level >= open_levels or not isinstance(value, (dict, list)) or not value:
            parts.append(json.dumps(value, ensure_ascii=False, allow_nan=False))
            return
        pad = "\n" + " " * (level + 1)
        if isinstance(value, dict):
            parts.append("{")
            for i, (key, item) in enumerate(value.items()):
                parts.append(("," if i else "") + pad + json.dumps(key, ensure_ascii=False) + ": ")
                write(item, level + 1)
            parts.append("\n" + " " * level + "}")
            return
        parts.append("[")
        for i, item in enumerate(value):
            parts.append(("," if i else "") + pad)
            write(item, level + 1)
        parts.append("\n" + " " * level + "]")

    write(data, 0)
    return "".join(parts) + "\n"


def render_server(
    api: ir.Api,
    config: Config,
    document: dict[str, Any] | None = None,
    modules: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """{path relative to the output folder: source text}. `document` is the OpenAPI document
    of `api` and `modules` its `module_map`, when the caller has them already."""
    pkg = config.server_package
    first_party = (config.sdk_package, pkg)
    shadowed = frozenset(str(op.sdk_name) for op in api.operations)  # handler protocol methods
    modules = module_map(api) if modules is None else modules
    printer = Printer(dict(modules), types_pkg=f"{config.sdk_package}.types", shadowed=shadowed)

    imports: set[Import] = set()  # what the annotations need: shared by handlers and routes
    route_only: set[Import] = set(_ROUTE_IMPORTS)
    resources = resource_views(api, printer, imports, route_only)
    by_id = {op.operation_id: op for r in resources for op in r.operations}
    routes = [by_id[str(op.operation_id)] for op in routed(api)]
    protocols = sorted_all([r.protocol for r in resources])
    mock_responses = [mock_response(api, op) for op in api.operations]  # checks the examples

    return {
        f"{pkg}/__init__.py": render(
            "server/init.py.jinja",
            package=pkg,
            protocols=protocols,
            exports=sorted_all(["HandlerError", "create_app", *protocols]),
        ),
        f"{pkg}/{SUPPORT}": (templates_dir() / "server" / SUPPORT).read_text(encoding="utf-8"),
        f"{pkg}/handlers.py": render(
            "server/handlers.py.jinja",
            imports=import_block(imports | _HANDLER_IMPORTS, first_party),
            resources=resources,
            exports=protocols,
        ),
        f"{pkg}/routes.py": render(
            "server/routes.py.jinja",
            imports=import_block(imports | route_only, first_party),
            operations=routes,
        ),
        f"{pkg}/app.py": render("server/app.py.jinja", resources=resources, protocols=protocols),
        # large data ships as JSON beside tiny loader modules (nothing to format or lint)
        f"{pkg}/openapi.json": _json_text(
            _json_data(document if document is not None else openapi_document(api, config))
        ),
        f"{pkg}/mock_responses.json": _json_text(
            {
                "responses": {r.operation_id: r.value for r in mock_responses},
                "notes": {r.operation_id: r.note for r in mock_responses},
            }
        ),
        f"{pkg}/_openapi.py": render("server/openapi.py.jinja", package=pkg),
        f"{pkg}/_mock.py": render("server/mock.py.jinja", package=pkg),
        f"{pkg}/__main__.py": render("server/main.py.jinja", package=pkg),
    }
