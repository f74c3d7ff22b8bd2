"""Writers: everything that knows Python or OpenAPI. Each returns {relative path: text}."""

from __future__ import annotations

import functools
from pathlib import Path

from generator import ir, speedups
from generator.config import Config
from generator.forked import run_all
from generator.writers.format import format_python


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
    from generator.writers import client, openapi, package, server
    from generator.writers.pytypes import module_map

    modules = module_map(api)  # the client and the server import the models from there
    files = client.render_client(api, config, modules)
    files.update(package.render_package(api, config))
    document = openapi.openapi_document(api, config)
    files["openapi.yaml"] = openapi.render_document(document)
    files.update(server.render_server(api, config, document, modules))
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
