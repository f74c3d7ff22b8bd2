"""Fixtures: the models and the server stub generated from the real spec into a temp dir and
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

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec"
RUNTIME = ROOT / "templates" / "sdk_runtime"

# Stand-in for the SDK runtime (only what the models import), used when the real one is absent.
_MINIMAL_RUNTIME = '''"""Minimal runtime stand-in for the server tests."""

import pydantic
from pydantic import ConfigDict


class BaseModel(pydantic.BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())
'''

# Like the generated output's pyproject.toml: ruff takes the target version from it.
PYPROJECT = '[project]\nname = "generated"\nversion = "0"\nrequires-python = ">=3.9"\n'


@pytest.fixture(scope="session")
def server_loaded() -> Any:
    from generator.pipeline import load

    return load(SPEC)


@pytest.fixture(scope="session")
def server_files(server_loaded: Any) -> dict[str, str]:
    """What `render_server` writes, formatted like the real pipeline does."""
    from generator.writers.format import format_python
    from generator.writers.server import render_server

    return format_python(render_server(server_loaded.api, server_loaded.config))


@pytest.fixture(scope="session")
def server_root(
    server_loaded: Any, server_files: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """Models + runtime + server written to a temp dir that is put first on sys.path."""
    from generator.writers.format import format_python
    from generator.writers.models import render_models

    api, config = server_loaded.api, server_loaded.config
    root = tmp_path_factory.mktemp("server_out")
    files = dict(format_python(render_models(api, config)))
    files.update(server_files)
    sdk = config.sdk_package
    files[f"{sdk}/__init__.py"] = '"""SDK package (only its types are needed here)."""\n'
    if RUNTIME.is_dir():
        for src in sorted(RUNTIME.glob("*.py")):
            files[f"{sdk}/_runtime/{src.name}"] = src.read_text(encoding="utf-8")
    else:
        files[f"{sdk}/_runtime/__init__.py"] = _MINIMAL_RUNTIME
    files["pyproject.toml"] = PYPROJECT
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    packages = (sdk, config.server_package)
    _forget(packages)
    sys.path.insert(0, str(root))
    try:
        yield root
    finally:
        sys.path.remove(str(root))
        _forget(packages)


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
