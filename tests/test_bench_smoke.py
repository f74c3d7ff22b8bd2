"""Smoke test of the benchmark harness (`bench/`): it runs end to end at tiny size and writes the
figures it promises. No timing thresholds: figures from a shared machine are not pass/fail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT, SAMPLE_SPEC

BIN = Path(sys.executable).parent
PEERS = ("openapi-python-client", "datamodel-codegen")


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    import bench

    return bench


def _timing(fig: dict, runs: int) -> None:
    assert fig["runs"] == runs
    assert 0 < fig["min"] <= fig["median"] <= fig["max"]
    assert fig["max_rss_mb"] > 0


def test_growth_exponent_reads_linear_and_quadratic(bench):
    from bench.measure import growth_exponent

    sizes = [1, 10, 100]
    assert growth_exponent(sizes, [2 * s for s in sizes]) == pytest.approx(1.0)
    assert growth_exponent(sizes, [0.5 * s * s for s in sizes]) == pytest.approx(2.0)
    assert growth_exponent([1, 1], [1, 2]) is None


def test_fresh_moves_an_output_aside_until_the_trash_is_emptied(bench, tmp_path):
    from bench.measure import empty_trash, fresh

    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    (out / "pkg" / "a.py").write_text("x = 1\n")
    fresh(out)()
    fresh(out)()  # nothing there: nothing to do
    assert not out.exists()
    assert [p.name for p in tmp_path.rglob("a.py")] == ["a.py"]  # moved, not deleted
    empty_trash(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_synthetic_docs_read_without_errors_and_match_the_sample_size(bench, tmp_path):
    from bench import synth
    from generator.pipeline import load

    size = synth.write_corpus(tmp_path, 1)
    loaded = load(tmp_path)
    assert not loaded.diags.has_errors, loaded.diags.render()
    sample = synth.corpus_size(SAMPLE_SPEC)
    assert 0.5 < size.bytes / sample.bytes < 2
    assert len(loaded.api.operations) == size.operations == 10
    flavors = {p.name.split(".")[-2] for p in tmp_path.glob("*.md")}
    assert flavors == {"http", "python"}


@pytest.mark.slow
def test_quick_run_writes_every_figure(tmp_path):
    for peer in PEERS:  # the comparison is the point: a missing peer fails, it is not skipped
        assert (BIN / peer).is_file(), f"{peer} is needed by the benchmark (test dependency)"
    out = tmp_path / "latest.json"
    cmd = [
        sys.executable,
        "-m",
        "bench",
        "--quick",
        "--spec",
        str(SAMPLE_SPEC),
        "--sizes",
        "1",
        "--runs",
        "1",
        "--json",
        str(out),
        "--work",
        str(tmp_path / "work"),
    ]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert not list((tmp_path / "work").rglob(".bench-trash"))  # emptied at the end
    assert "| specgen generate |" in proc.stdout
    data = json.loads(out.read_text())
    assert {"meta", "spec", "generation", "sdk", "scaling", "targets"} <= set(data)

    gen = data["generation"]
    for key in ("specgen_generate", "openapi_python_client", "datamodel_codegen", "specgen_check"):
        _timing(gen[key], 1)
    for peer in ("openapi_python_client", "datamodel_codegen"):
        assert gen[peer]["specgen_ratio"] > 0
    phases = gen["phases"]
    assert all(phases[k] >= 0 for k in ("import", "read", "build", "render", "format", "write"))
    assert phases["total"] > 0 and 0 < phases["format_share"] < 1
    assert phases["ruff check"] > 0 and phases["ruff format"] > 0  # the formatter runs are seen
    assert data["spec"]["bytes"] > 0 and data["spec"]["operations"] > 0

    sdk = data["sdk"]
    for key in ("import_sdk", "import_sdk_client", "import_server"):
        assert 0 < sdk[key]["median"]
    assert sdk["throughput"]["model"] == "ToolExecutionResult"
    assert sdk["throughput"]["parse_per_s"]["median"] > 0
    assert sdk["throughput"]["dump_per_s"]["median"] > 0

    [size] = data["scaling"]["sizes"]
    assert size["scale"] == 1 and size["operations"] > 0 and size["types"] > 0
    for key in ("specgen_generate", "openapi_python_client", "datamodel_codegen"):
        _timing(size[key], 1)
    assert size["sdk"]["import_sdk"]["median"] > 0

    assert data["targets"] and all(t["met"] in (True, False, None) for t in data["targets"])
    ratio = next(t for t in data["targets"] if "openapi-python-client" in t["target"])
    assert ratio["value"] == gen["openapi_python_client"]["specgen_ratio"]
