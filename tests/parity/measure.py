"""Putting the pieces together: which resources, which two clients, which package."""

from __future__ import annotations

import importlib
from collections.abc import Collection
from pathlib import Path

from .compare import Report, compare
from .loading import ClassIndex, imported

ORACLE_PACKAGE = "letta_client"
# Clients are built only to walk their resources; nothing is sent (a closed local port).
CLIENT_KWARGS = {"api_key": "parity", "base_url": "http://127.0.0.1:9"}


def documented_resources(spec: Path) -> tuple[set[tuple[str, ...]], str]:
    """The resource paths the docs in `spec` document, from the IR, and the client class name."""
    from generator.pipeline import load

    loaded = load(spec)
    return {op.resource for op in loaded.api.operations}, loaded.config.client


def measure(
    sdk: Path, spec: Path, oracle: str = ORACLE_PACKAGE, client_class: str | None = None
) -> Report:
    """Compare the generated SDK package at `sdk` with the official client over the resources
    the docs in `spec` document."""
    resources, client = documented_resources(spec)
    return measure_packages(sdk, resources, oracle, client_class or client)


def measure_packages(
    sdk: Path, resources: Collection[tuple[str, ...]], oracle: str, client_class: str
) -> Report:
    """Compare the package at `sdk` with the importable package `oracle`, both exposing
    `client_class`, over `resources`."""
    sdk = sdk.resolve()
    official = getattr(importlib.import_module(oracle), client_class)(**CLIENT_KWARGS)
    with imported(sdk.parent, sdk.name) as package:
        generated = getattr(package, client_class)(**CLIENT_KWARGS)
        return compare(official, oracle, generated, ClassIndex(sdk, sdk.name), resources)
