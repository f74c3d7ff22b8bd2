"""The README's usage example runs, against the generated mock server on loopback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from live import LiveServer

README = Path(__file__).resolve().parents[1] / "README.md"


def usage_block() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- usage:start -->\n```python\n(.*?)```\n<!-- usage:end -->", text, re.S)
    assert match, "README lost its usage block"
    return match.group(1)


def test_readme_starts_with_the_two_commands():
    lines = [
        line
        for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith("python3 -m venv")
    ]
    assert lines[0].endswith("&& .venv/bin/specgen generate")
    assert lines[1].endswith("&& .venv/bin/python -m pytest")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci  # .ci/run runs exactly the README's test command


def test_usage_example_runs_against_the_mock_server(generated_dir):
    import importlib

    server = importlib.import_module("letta_server")
    live = LiveServer(server.create_app(mock=True)).start()
    try:
        env = {"LETTA_BASE_URL": live.url, "PATH": "", "PYTHONPATH": str(generated_dir)}
        done = subprocess.run(
            [sys.executable, "-c", usage_block()],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        live.stop()
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "tool-123e4567-e89b-12d3-a456-426614174000 custom {'foo': 'bar'}"
    assert lines[-1] == "200 tool-123e4567-e89b-12d3-a456-426614174000" or lines[-1].startswith(
        "not found"
    )
