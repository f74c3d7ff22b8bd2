"""Writers: everything that knows Python or OpenAPI. Each returns {relative path: text}."""

from __future__ import annotations

import functools
from pathlib import Path

from generator import ir
from generator.config import Config
from generator.forked import run_all
from generator.writers.format import format_python


def emit(api: ir.Api, config: Config, workdir: Path | None = None) -> dict[str, bytes]:
    """Every output file, formatted, keyed by its path relative to the output folder. With
    `workdir` (an empty folder), the Python files are also left there (see `format_python`).
    The SDK and the server (with the OpenAPI document) are written side by side when the
    platform allows (`generator.forked`); the bytes are the same either way."""
    halves = run_all(
        [
            functools.partial(_sdk_files, api, config, workdir),
            functools.partial(_server_files, api, config, workdir),
        ]
    )
    files = {path: text for half in halves for path, text in half.items()}
    return {path: text.encode("utf-8") for path, text in sorted(files.items())}


def _sdk_files(api: ir.Api, config: Config, workdir: Path | None) -> dict[str, str]:
    """The SDK package (models, client, runtime) and the packaging files, formatted."""
    from generator.writers import client, models, package

    files = models.render_models(api, config)
    files.update(client.render_client(api, config))
    files.update(package.render_package(api, config))
    return format_python(files, workdir, (config.sdk_package, config.server_package))


def _server_files(api: ir.Api, config: Config, workdir: Path | None) -> dict[str, str]:
    """`openapi.yaml` and the server package, formatted."""
    from generator.writers import openapi, server

    document = openapi.openapi_document(api, config)
    files = {"openapi.yaml": openapi.render_document(document)}
    files.update(server.render_server(api, config, document))
    return format_python(files, workdir, (config.sdk_package, config.server_package))
