"""Writers: everything that knows Python or OpenAPI. Each returns {relative path: text}."""

from __future__ import annotations

from pathlib import Path

from generator import ir
from generator.config import Config
from generator.writers.format import format_python


def emit(api: ir.Api, config: Config, workdir: Path | None = None) -> dict[str, bytes]:
    """Every output file, formatted, keyed by its path relative to the output folder. With
    `workdir` (an empty folder), the Python files are also left there (see `format_python`)."""
    from generator.writers import client, models, openapi, package, server

    files: dict[str, str] = {"openapi.yaml": openapi.render(api, config)}
    files.update(models.render_models(api, config))
    files.update(client.render_client(api, config))
    files.update(server.render_server(api, config))
    files.update(package.render_package(api, config))
    return {
        path: text.encode("utf-8") for path, text in sorted(format_python(files, workdir).items())
    }
