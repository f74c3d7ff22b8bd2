"""Fixtures: the models and the server stub generated from the sample spec into a temp dir and
imported, and live uvicorn servers on loopback."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from live import LiveServer
from paths import SAMPLE_SPEC

# Like the generated output's pyproject.toml: ruff takes the target version from it.
PYPROJECT = '[project]\nname = "generated"\nversion = "0"\nrequires-python = ">=3.10"\n'


@pytest.fixture(scope="session")
def server_loaded() -> Any:
    from generator.pipeline import load

    return load(SAMPLE_SPEC)


@pytest.fixture(scope="session")
def server_files(server_loaded: Any) -> dict[str, str]:
    """What `render_server` writes, formatted like the real pipeline does."""
    from generator.writers.format import format_python
    from generator.writers.server import render_server

    return format_python(render_server(server_loaded.api, server_loaded.config))


@pytest.fixture(scope="session")
def server_root(generated_dir: Path) -> Path:
    """The whole generated output (SDK, runtime, server), first on sys.path."""
    return generated_dir


def _forget(packages: tuple[str, ...]) -> None:
    for name in [m for m in sys.modules if m.split(".")[0] in packages]:
        del sys.modules[name]


@pytest.fixture(scope="session")
def server(server_root: Path, server_loaded: Any) -> ModuleType:
    """The generated `letta_server` package, imported."""
    return importlib.import_module(server_loaded.config.server_package)


@pytest.fixture(scope="session")
def sdk_types(server_root: Path, server_loaded: Any) -> ModuleType:
    return importlib.import_module(f"{server_loaded.config.sdk_package}.types")


@pytest.fixture
def live() -> Iterator[Callable[[Any], LiveServer]]:
    """`live(app)` serves `app` over real HTTP until the test ends."""
    servers: list[LiveServer] = []

    def start(app: Any) -> LiveServer:
        servers.append(LiveServer(app).start())
        return servers[-1]

    yield start
    for s in servers:
        s.stop()


@pytest.fixture(scope="session")
def mock_server(server: ModuleType) -> Iterator[LiveServer]:
    """One mock-mode server shared by the mock and property-based tests."""
    s = LiveServer(server.create_app(mock=True)).start()
    yield s
    s.stop()
