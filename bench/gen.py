"""Whole-process generation timings: specgen and its peers on the same API."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.measure import fresh, run, timed, tool

PEERS = ("openapi_python_client", "datamodel_codegen")


def specgen_generate(spec: Path, out: Path) -> list[str]:
    return [tool("specgen"), "generate", "--spec", str(spec), "--out", str(out)]


def specgen_check(spec: Path, out: Path) -> list[str]:
    return [tool("specgen"), "check", "--spec", str(spec), "--out", str(out)]


def peer_command(peer: str, openapi: Path, out: Path) -> list[str]:
    """The peer generating from `openapi` into `out`, with its default formatters."""
    if peer == "openapi_python_client":  # the whole client package; ruff post-hooks via PATH
        return [
            tool("openapi-python-client"),
            "generate",
            "--path",
            str(openapi),
            "--output-path",
            str(out),
            "--overwrite",
        ]
    return [
        tool("datamodel-codegen"),
        "--input",
        str(openapi),
        "--input-file-type",
        "openapi",
        "--output",
        str(out / "models.py"),
        "--output-model-type",
        "pydantic_v2.BaseModel",
        "--formatters",
        "black",
        "isort",
    ]  # the current default formatters, pinned


def time_peer(peer: str, openapi: Path, work: Path, runs: int, warmup: int) -> dict[str, float]:
    out = work / peer

    def prepare() -> None:
        fresh(out)()
        out.mkdir(parents=True)

    figures = timed(peer_command(peer, openapi, out), runs, warmup=warmup, prepare=prepare)
    fresh(out)()
    return figures


def phases(spec: Path, out: Path) -> dict[str, float]:
    """One in-process run split by pipeline phase (see bench.phases)."""
    fresh(out)()
    result = run(
        [sys.executable, "-m", "bench.phases", str(spec), str(out)],
        cwd=Path(__file__).resolve().parents[1],
    )
    fresh(out)()
    seconds = json.loads(result.stdout)
    seconds["format_share"] = round(seconds["format"] / seconds["total"], 3)
    return seconds


def compare(
    spec: Path, work: Path, runs: int, peer_runs: int | None = None, peer_warmup: int = 1
) -> dict[str, object]:
    """specgen generate on `spec`; the peers on the openapi.yaml it writes; specgen's phases.
    The warm-up run writes `work/output` (kept for check, the peers and the SDK figures).
    Ratios are specgen's median over the peer's (0.25: specgen takes a quarter of the time)."""
    keep = work / "output"
    fresh(keep)()
    first = run(specgen_generate(spec, keep))
    ours_out = work / "specgen"
    ours = timed(specgen_generate(spec, ours_out), runs, warmup=0, prepare=fresh(ours_out))
    fresh(ours_out)()
    figures: dict[str, object] = {"summary": first.stdout.strip(), "specgen_generate": ours}
    for peer in PEERS:
        peer_figures = time_peer(peer, keep / "openapi.yaml", work, peer_runs or runs, peer_warmup)
        peer_figures["specgen_ratio"] = round(ours["median"] / peer_figures["median"], 3)
        figures[peer] = peer_figures
    figures["phases"] = phases(spec, work / "phases")
    return figures


def check(spec: Path, out: Path, runs: int) -> dict[str, float]:
    """specgen check against an output folder that is up to date."""
    return timed(specgen_check(spec, out), runs)
