"""Writers: everything that knows Python or OpenAPI. Each returns {relative path: text}."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import assert_never

from generator import ir, speedups
from generator.config import Config
from generator.diagnostics import Diagnostics
from generator.forked import run_all
from generator.writers.format import format_python


def unwritable(op: ir.Operation) -> str | None:
    """Why the SDK and server writers cannot write `op` yet (None: they can). They write JSON
    requests and responses: any JSON value, and no documented body (the SDK returns None for
    an empty body); the OpenAPI document has every kind."""
    request, response = op.request_kind, op.response_kind
    match request:
        case ir.MultipartBody():
            return "its request is a multipart/form-data upload"
        case ir.JsonBody() | ir.NoBody():
            pass
        case _:
            assert_never(request)
    match response:
        case ir.EventStream():
            return "it answers a stream of Server-Sent Events"
        case ir.PlainText():
            return "it answers plain text"
        case ir.JsonResponse() | ir.Untyped() | ir.NoContent():
            pass
        case _:
            assert_never(response)
    if op.stream_switch is not None:
        return (
            f"its response becomes a stream of Server-Sent Events with `{op.stream_switch.param}`"
        )
    return None


def report_left_out(api: ir.Api, diags: Diagnostics) -> None:
    """One warning (W001) for each operation the SDK and the server leave out (`writable`)."""
    for op in api.operations:
        reason = unwritable(op)
        if reason is not None:
            method = ".".join([*op.resource, op.sdk_name])
            msg = (
                f"{op.method.upper()} {op.path} ({method}) is left out of the SDK and the server:"
                f" {reason}, which they cannot write yet; openapi.yaml has it"
            )
            diags.warning(op.span, "W001", msg)


def writable(api: ir.Api) -> ir.Api:
    """The API the SDK and the server are written from: every type, the operations they can
    write (`unwritable`)."""
    ops = tuple(op for op in api.operations if unwritable(op) is None)
    return api if len(ops) == len(api.operations) else dataclasses.replace(api, operations=ops)


def emit(api: ir.Api, config: Config, workdir: Path | None = None) -> dict[str, bytes]:
    """Every output file, formatted, keyed by its path relative to the output folder. With
    `workdir` (an empty folder), the Python files are also left there (see `format_python`).
    The models, and everything else (client, packaging, OpenAPI document, server), are written
    side by side when the platform allows (`generator.forked`): the two take about as long
    (the models are most of the files). The bytes are the same either way, and the same as with
    the seam `fork_split` of `generator.speedups` off: all written, then formatted at once."""
    if not speedups.active().fork_split:
        files = _formatted({**_models(api, config), **_others(api, config)}, workdir, config)
        return {path: text.encode("utf-8") for path, text in sorted(files.items())}
    halves = run_all(
        [
            functools.partial(_model_files, api, config, workdir),
            functools.partial(_other_files, api, config, workdir),
        ]
    )
    files = {path: text for half in halves for path, text in half.items()}
    return {path: text.encode("utf-8") for path, text in sorted(files.items())}


def _models_folder(config: Config) -> str:
    return f"{config.sdk_package}/types"


def _model_files(api: ir.Api, config: Config, workdir: Path | None) -> dict[str, str]:
    """The SDK's `types` package, formatted."""
    return _formatted(_models(api, config), workdir, config, (_models_folder(config),))


def _models(api: ir.Api, config: Config) -> dict[str, str]:
    from generator.writers import models

    return models.render_models(api, config)


def _other_files(api: ir.Api, config: Config, workdir: Path | None) -> dict[str, str]:
    """The SDK but its models (client, runtime, packaging), `openapi.yaml` and the server
    package, formatted."""
    files = _others(api, config)
    return _formatted(files, workdir, config, roots_outside(files, _models_folder(config)))


def _others(api: ir.Api, config: Config) -> dict[str, str]:
    """`openapi.yaml` of every operation; the client, packaging and server of the operations
    they can write (`writable`; `report_left_out` warned of the others)."""
    from generator.writers import client, openapi, package, server
    from generator.writers.pytypes import module_map

    written = writable(api)
    modules = module_map(written)  # the client and the server import the models from there
    files = client.render_client(written, config, modules)
    files.update(package.render_package(written, config))
    document = openapi.openapi_document(api, config)
    files["openapi.yaml"] = openapi.render_document(document)
    served = document if written is api else openapi.openapi_document(written, config)
    files.update(server.render_server(written, config, served, modules))
    return files


def _formatted(
    files: dict[str, str],
    workdir: Path | None,
    config: Config,
    roots: tuple[str, ...] | None = None,
) -> dict[str, str]:
    first_party = (config.sdk_package, config.server_package)
    return format_python(files, workdir, first_party, roots)


def roots_outside(files: dict[str, str], folder: str) -> tuple[str, ...]:
    """The fewest folders and files that hold every Python file of `files` and nothing in
    `folder` (which another job formats at the same time)."""
    parent = folder.rpartition("/")[0]
    roots: set[str] = set()
    for path in files:
        if not path.endswith(".py"):
            continue
        if path == folder or path.startswith(folder + "/"):
            raise ValueError(f"{path} is in {folder}, which is formatted apart")
        if parent and path.startswith(parent + "/"):  # beside `folder`: its own entry
            roots.add(parent + "/" + path[len(parent) + 1 :].split("/")[0])
        else:
            roots.add(path.split("/")[0])
    return tuple(sorted(roots))
