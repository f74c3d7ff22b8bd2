"""Scaling: specgen and the peers on synthetic docs at multiples of the size of `spec/`."""

from __future__ import annotations

import re
from pathlib import Path

from bench import gen, sdk, synth
from bench.measure import ProcessFailed, growth_exponent, run, tool

_COUNTS = re.compile(r"specgen: (\d+) operations, (\d+) types, (\d+) files")


class OffFormat(RuntimeError):
    """The synthetic docs do not read cleanly: the generator is off-format or specgen has a bug."""


def read_cleanly(corpus: Path) -> int:
    """`specgen inspect` must exit 0 with no error; returns the number of warnings."""
    try:
        result = run([tool("specgen"), "inspect", "--spec", str(corpus)])
    except ProcessFailed as exc:
        raise OffFormat(f"synthetic docs in {corpus} do not read cleanly:\n{exc}") from exc
    return result.stderr.count(": warning ")


def one_size(scale: float, work: Path, runs: int, peer_runs: int, import_runs: int) -> dict:
    """Corpus, generation figures (ours and peers), phases and SDK import cost at one size."""
    corpus = work / "docs"
    size = synth.write_corpus(corpus, scale)
    warnings = read_cleanly(corpus)
    figures = gen.compare(corpus, work, runs, peer_runs, peer_warmup=0)
    out = work / "output"
    counts = _COUNTS.search(str(figures.pop("summary")))
    assert counts, "specgen generate printed no summary"
    ops, types, files = (int(g) for g in counts.groups())
    return {
        "scale": scale,
        "bytes": size.bytes,
        "lines": size.lines,
        "doc_files": size.files,
        "operations": ops,
        "types": types,
        "output_files": files,
        "openapi_bytes": (out / "openapi.yaml").stat().st_size,
        "warnings": warnings,
        **figures,
        "sdk": sdk.imports(out, "synth_sdk", None, "Synth", import_runs),
    }


def exponents(sizes: list[dict]) -> dict[str, object]:
    """Growth exponents in the docs' bytes: the least-squares fit over all sizes of whole
    processes and of specgen's phases, and the local exponent between consecutive sizes (the
    fit is flattened by fixed start-up costs at the small end; the local one at the top is not)."""
    x = [s["bytes"] for s in sizes]
    out: dict[str, object] = {
        name: growth_exponent(x, [s[name]["median"] for s in sizes])
        for name in ("specgen_generate", *gen.PEERS)
    }
    out["local"] = {
        f"{a['scale']:g}x-{b['scale']:g}x": {
            name: growth_exponent([a["bytes"], b["bytes"]], [a[name]["median"], b[name]["median"]])
            for name in ("specgen_generate", *gen.PEERS)
        }
        for a, b in zip(sizes, sizes[1:], strict=False)
    }
    phases = [p for p in sizes[0]["phases"] if p not in ("import", "format_share")]
    out["specgen_phases"] = {
        phase: growth_exponent(x, [s["phases"].get(phase, 0) for s in sizes]) for phase in phases
    }
    return out


def scaling(scales: list[float], work: Path, runs: int, peer_runs: int, import_runs: int) -> dict:
    """Every size in turn (the peers without warm-up: the generate before them read the disk)."""
    sizes = [one_size(s, work / f"x{s:g}", runs, peer_runs, import_runs) for s in scales]
    return {"sizes": sizes, "exponent": exponents(sizes) if len(sizes) > 1 else {}}
