"""mypy --strict over the copied runtime, the fake generated SDK and a typed usage snippet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

USAGE = """
from __future__ import annotations

from typing import assert_type

from ._runtime import APIResponse, AsyncArrayPage, SyncArrayPage
from .sdk import AsyncLetta, Letta, Tool


def sync_usage(client: Letta) -> None:
    for tool in client.tools.list(limit=2):
        assert_type(tool, Tool)
    page = client.tools.list()
    assert_type(page.get_next_page(), SyncArrayPage[Tool])
    assert_type(client.tools.retrieve("x"), Tool)
    assert_type(client.tools.delete("x"), None)
    assert_type(client.mcp_servers.tools.run("t", mcp_server_id="m", args={}), list[Tool])
    raw: APIResponse[Tool] = client.tools.with_raw_response.retrieve("x")
    with client.tools.with_streaming_response.retrieve("x") as response:
        response.read()


async def async_usage(client: AsyncLetta) -> None:
    async with client:
        async for tool in client.tools.list():
            assert_type(tool, Tool)
        assert_type(await client.tools.list(), AsyncArrayPage[Tool])
        assert_type(await client.tools.retrieve("x"), Tool)
        assert_type(await client.tools.delete("x"), None)
        async with client.tools.with_streaming_response.retrieve("x") as response:
            await response.read()
"""


@pytest.mark.slow
def test_mypy_strict(rtpkg, tmp_path):
    pytest.importorskip("mypy")
    package = Path(rtpkg.__file__).parent
    (package / "usage.py").write_text(USAGE)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), "-p", "rtpkg"],
        cwd=package.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in " in result.stdout
