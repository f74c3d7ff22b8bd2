"""The generated packages at run time: import cost and model parse/dump throughput."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.measure import child_env, python_child, run, summary

ROOT = Path(__file__).resolve().parents[1]
IMPORT = "import time\nt = time.perf_counter()\n{stmt}\nprint(time.perf_counter() - t)"
RUN_OPERATION = ("mcp_servers", "tools", "run")


def import_time(out: Path, stmt: str, runs: int) -> dict[str, float]:
    """Seconds `stmt` takes in a fresh interpreter with `out` on sys.path (median of `runs`)."""
    outs = python_child(IMPORT.format(stmt=stmt), out, runs)
    return summary([float(o) for o in outs])


def imports(out: Path, sdk: str, server: str | None, client: str, runs: int) -> dict[str, object]:
    figures: dict[str, object] = {
        "import_sdk": import_time(out, f"import {sdk}", runs),
        "import_sdk_client": import_time(out, f"import {sdk}\n{sdk}.{client}", runs),
    }
    if server is not None:
        figures["import_server"] = import_time(out, f"import {server}", runs)
    return figures


def run_example(spec: Path) -> tuple[str, str]:
    """The documented response example of `mcp_servers.tools.run` and its response type."""
    from generator.pipeline import load

    api = load(spec).api
    op = next(o for o in api.operations if (*o.resource, o.sdk_name) == RUN_OPERATION)
    assert op.response_example is not None and op.response is not None, "run has no example"
    text = json.dumps(op.response_example.value, ensure_ascii=False)
    return text, op.response.name  # type: ignore[union-attr]


def throughput(spec: Path, out: Path, sdk: str, work: Path, seconds: float) -> dict[str, object]:
    """Objects per second: `model_validate` of the example and `model_dump` of the result."""
    example, cls = run_example(spec)
    path = work / "example.json"
    path.write_text(example, encoding="utf-8")
    cmd = [
        sys.executable,
        str(ROOT / "bench" / "throughput.py"),
        str(out),
        f"{sdk}.types",
        cls,
        str(path),
        str(seconds),
    ]
    result = json.loads(run(cmd, ROOT, child_env()).stdout)
    return {
        "model": cls,
        "example_bytes": result["example_bytes"],
        "parse_per_s": summary(result["parse_per_s"], 0),
        "dump_per_s": summary(result["dump_per_s"], 0),
        "dump_equals_example": result["roundtrip_equal"],  # datetimes come back respelled
        "dump_keys_equal_example": result["roundtrip_keys_equal"],
    }
