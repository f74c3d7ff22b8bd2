"""Entry point: `python -m bench [--quick] [--spec DIR] [--runs N] [--sizes 1,10,100]
[--json PATH]`.

Runs the three parts (generation on spec/ against the peers, scaling on synthetic docs, the
generated SDK at run time), writes the figures as JSON and prints them as markdown tables.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import gen, measure, report, scale, sdk, synth  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"
DEFAULT_JSON = ROOT / "bench" / "results" / "latest.json"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[1])
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke-test size: 1 run, no peer warm-up, sizes 1,10, short throughput",
    )
    p.add_argument("--spec", type=Path, default=SPEC, help="docs to measure on (default spec/)")
    p.add_argument("--runs", type=int, help="measured runs on spec/ (default 5; quick 1)")
    p.add_argument("--scale-runs", type=int, help="specgen runs per synthetic size (default 3)")
    p.add_argument(
        "--peer-scale-runs",
        type=int,
        default=1,
        help="peer runs per synthetic size (default 1: they take minutes at 100x)",
    )
    p.add_argument("--sizes", help="synthetic sizes as multiples of spec/ (default 1,10,100)")
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"default {DEFAULT_JSON}")
    p.add_argument("--work", type=Path, help="keep the corpora and outputs here (default: temp)")
    args = p.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else 5)
    args.scale_runs = args.scale_runs or (1 if args.quick else min(args.runs, 3))
    sizes = args.sizes or ("1,10" if args.quick else "1,10,100")
    args.sizes = [float(s) for s in sizes.split(",") if s.strip()]
    return args


def meta(args: argparse.Namespace) -> dict[str, object]:
    def git(*args: str) -> str:  # read-only queries
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    commit = git("rev-parse", "--short", "HEAD").strip()
    if git("status", "--porcelain", "--untracked-files=no", "--", "generator", "templates"):
        commit += " + uncommitted changes"
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "cpus": os.cpu_count(),
        "commit": commit or "unknown",
        "runs": args.runs,
        "quick": args.quick,
        "command": "python -m bench " + " ".join(sys.argv[1:]),
    }


def bench(args: argparse.Namespace, work: Path) -> dict[str, object]:
    from generator.pipeline import load

    spec = args.spec.resolve()
    config = load(spec).config
    peer_warmup = 0 if args.quick else 1
    generation = gen.compare(spec, work / "spec", args.runs, peer_warmup=peer_warmup)
    out = work / "spec" / "output"
    generation["specgen_check"] = gen.check(spec, out, args.runs)
    counts = re.search(r"(\d+) operations, (\d+) types", str(generation.pop("summary")))
    size = synth.corpus_size(spec)
    import_runs = max(args.runs, 3)
    results: dict[str, object] = {
        "meta": meta(args),
        "spec": {
            "bytes": size.bytes,
            "lines": size.lines,
            "doc_files": size.files,
            "operations": int(counts[1]) if counts else None,
            "types": int(counts[2]) if counts else None,
        },
        "generation": generation,
        "sdk": {
            **sdk.imports(
                out,
                config.sdk_package,
                config.server_package,
                str(config.client_class),
                import_runs,
            ),
            "throughput": sdk.throughput(
                spec, out, config.sdk_package, work, 0.5 if args.quick else 3.0
            ),
        },
        "scaling_runs": {"specgen": args.scale_runs, "peers": args.peer_scale_runs},
        "scaling": scale.scaling(
            args.sizes, work / "synth", args.scale_runs, args.peer_scale_runs, import_runs
        ),
    }
    results["targets"] = report.targets(results)
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        try:
            results = bench(args, args.work.resolve())
        finally:
            measure.empty_trash(args.work.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="specgen-bench-") as tmp:
            results = bench(args, Path(tmp))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report.markdown(results))
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
