"""Mock mode over real HTTP: documented examples, request validation, a property-based run with
schemathesis against the recovered OpenAPI document, and `python -m letta_server --mock`."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from live import LiveServer, free_port

from .test_server_routes import DOCUMENTED, VALID_BODY, concrete

# Operations the docs give no response example for, and the minimal value the mock answers.
NO_EXAMPLE = {"mcp_servers_tools_list": []}


def test_mock_answers_the_documented_examples(mock_server: LiveServer, server_loaded: Any) -> None:
    examples = {op.operation_id: op.response_example for op in server_loaded.api.operations}
    assert {k for k, v in examples.items() if v is None} == set(NO_EXAMPLE)
    with httpx.Client(base_url=mock_server.url, timeout=10) as c:
        for method, path, op_id in DOCUMENTED:
            response = c.request(method, concrete(path), json=VALID_BODY.get(op_id))
            assert response.status_code == 200, (op_id, response.text)
            assert response.headers["content-type"] == "application/json"
            expected = NO_EXAMPLE[op_id] if op_id in NO_EXAMPLE else examples[op_id].value
            assert response.json() == expected, op_id


def test_mock_validates_requests_first(mock_server: LiveServer) -> None:
    with httpx.Client(base_url=mock_server.url, timeout=10) as c:
        missing = c.post("/v1/tools/", json={})
        assert missing.status_code == 422
        assert [e["loc"] for e in missing.json()["detail"]] == [["body", "source_code"]]
        wrong = c.get("/v1/tools/", params={"limit": "abc"})
        assert wrong.status_code == 422
        assert [e["loc"] for e in wrong.json()["detail"]] == [["query", "limit"]]
        bad = c.put("/v1/tools/", json={"source_code": "x", "npm_requirements": [{"name": ""}]})
        assert bad.status_code == 422
        assert [e["loc"] for e in bad.json()["detail"]] == [["body", "npm_requirements", 0, "name"]]
        wrong_enum = c.post("/v1/tools/search", json={"search_mode": "exact"})
        assert wrong_enum.status_code == 422
        assert [e["loc"] for e in wrong_enum.json()["detail"]] == [["body", "search_mode"]]


def test_mock_responses_say_which_value_is_not_documented(server: Any) -> None:
    notes = server._mock.NOTES
    assert notes["mcp_servers_tools_list"] == "no documented example: minimal valid value []"
    assert sum(note == "documented example" for note in notes.values()) == 9
    assert server._mock.MOCK_RESPONSES["mcp_servers_tools_list"] == []


# --- property-based: schemathesis against the mock server --------------------------------------

# Examples per operation and mode: the whole run stays within seconds on loopback (generating
# the bodies costs more than the HTTP calls).
MAX_EXAMPLES = {"positive": 10, "negative": 6}


def fuzz(operation: Any, mode: Any, base_url: str, seen: dict[str, set[int]]) -> None:
    """Bounded, reproducible hypothesis run of one operation against the live mock server:
    never a 5xx, responses conform to the document (status, content type, schema); data that
    fits the schema is accepted (200), data that does not is answered 200 or 422."""
    from hypothesis import HealthCheck, given, settings
    from schemathesis import checks

    chosen = [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.content_type_conformance,
        checks.response_schema_conformance,
    ]
    label = f"{operation.method.upper()} {operation.path}"
    allowed = {200} if mode.is_positive else {200, 422}

    @settings(
        max_examples=MAX_EXAMPLES[str(mode)],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        response = case.call(base_url=base_url, timeout=10)
        assert response.status_code in allowed, (label, str(mode), response.text)
        seen.setdefault(f"{mode} {label}", set()).add(response.status_code)
        case.validate_response(response, checks=chosen)

    run()


def test_schemathesis_mock_server_conforms_to_the_recovered_document(
    mock_server: LiveServer, server: Any
) -> None:
    schemathesis = pytest.importorskip("schemathesis")
    from schemathesis.generation.modes import GenerationMode

    document = json.loads(json.dumps(server._openapi.OPENAPI))
    document["servers"] = [{"url": mock_server.url}]  # loopback only, never the documented host
    schema = schemathesis.openapi.from_dict(document)
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) == len(DOCUMENTED)
    seen: dict[str, set[int]] = {}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode, mock_server.url, seen)
    labels = {f"{m} {p}" for m, p, _ in DOCUMENTED}
    assert {k for k in seen if k.startswith("positive ")} == {f"positive {x}" for x in labels}
    # operations with a body or typed query parameters can be fed invalid data: all got 422s
    rejected = {k.split(" ", 1)[1] for k, codes in seen.items() if 422 in codes}
    assert {"POST /v1/tools/", "PUT /v1/tools/", "GET /v1/tools/"} <= rejected, seen


# --- python -m letta_server --------------------------------------------------------------------


@contextlib.contextmanager
def serve(root: Path, package: str, *args: str, extra_path: Path | None = None) -> Iterator[str]:
    """`python -m <package> --host 127.0.0.1 --port <free> *args` in a subprocess, until its
    first answer; yields the base URL and terminates the process afterwards."""
    port = free_port()
    paths = [str(root)] + ([str(extra_path)] if extra_path else [])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    command = [sys.executable, "-m", package, "--host", "127.0.0.1", "--port", str(port), *args]
    proc = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(url + "/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"server did not come up: {out}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def test_python_m_server_mock_answers_a_request(server_root: Path, server_loaded: Any) -> None:
    with serve(server_root, server_loaded.config.server_package, "--mock") as url:
        response = httpx.get(url + "/v1/tools/tool-1", timeout=10)
    assert response.status_code == 200
    [op] = [o for o in server_loaded.api.operations if o.operation_id == "tools_retrieve"]
    assert response.json() == op.response_example.value


HANDLERS_MODULE = """
class Tools:
    def retrieve(self, tool_id):
        return {"id": tool_id, "metadata": {"from": "user code"}}

handlers = {"tools": Tools()}
"""


def test_python_m_server_serves_user_handlers(
    server_root: Path, server_loaded: Any, tmp_path: Path
) -> None:
    (tmp_path / "user_handlers.py").write_text(HANDLERS_MODULE, encoding="utf-8")  # user code
    package = server_loaded.config.server_package
    args = ("--handlers", "user_handlers:handlers")
    with serve(server_root, package, *args, extra_path=tmp_path) as url:
        ok = httpx.get(url + "/v1/tools/t7", timeout=10)
        missing = httpx.get(url + "/v1/tools/", timeout=10)
    assert (ok.status_code, ok.json()) == (200, {"id": "t7", "metadata_": {"from": "user code"}})
    assert (missing.status_code, missing.json()) == (
        501,
        {"detail": "tools.list is not implemented"},
    )


def test_python_m_server_rejects_a_bad_handlers_spec(server_root: Path, server_loaded: Any) -> None:
    env = {**os.environ, "PYTHONPATH": str(server_root)}
    package = server_loaded.config.server_package
    done = subprocess.run(
        [sys.executable, "-m", package, "--handlers", "no_colon"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "--handlers wants module:attr, not 'no_colon'" in done.stderr
