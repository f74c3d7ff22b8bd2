"""Fixtures: the runtime copied into a temp package ``rtpkg._runtime`` plus a fake generated SDK."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent
RUNTIME_SRC = HERE.parents[1] / "templates" / "sdk_runtime"
if str(HERE) not in sys.path:  # rt_support must import under any --import-mode
    sys.path.insert(0, str(HERE))

from rt_support import BASE_URL  # noqa: E402


@pytest.fixture(scope="session")
def rtpkg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    base = tmp_path_factory.mktemp("rt")
    pkg = base / "rtpkg"
    shutil.copytree(RUNTIME_SRC, pkg / "_runtime", ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "__init__.py").write_text('"""Temp package holding the runtime under test."""\n')
    shutil.copy(Path(__file__).with_name("fake_sdk.py"), pkg / "sdk.py")
    sys.path.insert(0, str(base))
    try:
        yield importlib.import_module("rtpkg")
    finally:
        sys.path.remove(str(base))
        for name in [m for m in sys.modules if m == "rtpkg" or m.startswith("rtpkg.")]:
            del sys.modules[name]


@pytest.fixture(scope="session")
def rt(rtpkg: ModuleType) -> ModuleType:
    """The runtime package (``rtpkg._runtime``)."""
    return importlib.import_module("rtpkg._runtime")


@pytest.fixture(scope="session")
def sdk(rtpkg: ModuleType) -> ModuleType:
    """The fake generated SDK (``rtpkg.sdk``): Letta, AsyncLetta, Tool, ..."""
    return importlib.import_module("rtpkg.sdk")


@pytest.fixture
def make_client(sdk: ModuleType) -> Callable[..., Any]:
    """Build a ``Letta`` talking to a handler; ``client.sleeps`` records retry delays."""

    def make(handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> Any:
        kwargs.setdefault("api_key", "sk-test")
        kwargs.setdefault("base_url", BASE_URL)
        http = httpx.Client(transport=httpx.MockTransport(handler))
        client = sdk.Letta(http_client=http, **kwargs)
        client.sleeps = []
        client._sleep = client.sleeps.append
        return client

    return make


@pytest.fixture
def make_async_client(sdk: ModuleType) -> Callable[..., Any]:
    """Build an ``AsyncLetta`` talking to a handler; ``client.sleeps`` records retry delays."""

    def make(handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> Any:
        kwargs.setdefault("api_key", "sk-test")
        kwargs.setdefault("base_url", BASE_URL)
        http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
        client = sdk.AsyncLetta(http_client=http, **kwargs)
        client.sleeps = []

        async def record(seconds: float) -> None:
            client.sleeps.append(seconds)

        client._asleep = record
        return client

    return make
