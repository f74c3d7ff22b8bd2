"""Where `specgen generate` spends its time: cProfile over load, emit and write, in process.

`python -m bench.profile [--spec DIR | --scale S] [--top N]` prints the functions with the most
cumulative time (wall clock, so the `ruff format` subprocess counts) and their share of the run.
cProfile inflates code made of many small calls (the readers' line loop); `--pyinstrument`
samples instead (needs `pip install pyinstrument`) and prints its call tree.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import tempfile
import time
from pathlib import Path

from bench import synth

ROOT = Path(__file__).resolve().parents[1]


def generate(spec: Path, out: Path) -> None:
    """What `specgen generate` does once its modules are imported."""
    from generator.output import staging, write_tree
    from generator.pipeline import load
    from generator.writers import emit

    gc.disable()  # as the `specgen` command does for its run
    loaded = load(spec)
    with staging(out) as staged:
        write_tree(out, emit(loaded.api, loaded.config, staged), staged=staged)


def _preload() -> None:
    """Import what `generate` uses: module imports are not what we profile."""
    import generator.output  # noqa: F401
    import generator.pipeline  # noqa: F401
    from generator.writers import client, models, openapi, package, server  # noqa: F401


def profile(spec: Path, out: Path) -> tuple[pstats.Stats, float]:
    _preload()
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.enable()
    generate(spec, out)
    prof.disable()
    return pstats.Stats(prof), time.perf_counter() - start


def sampled(spec: Path, out: Path) -> str:
    from pyinstrument import Profiler

    _preload()
    with Profiler(interval=0.001) as prof:
        generate(spec, out)
    return prof.output_text(unicode=False, color=False)


def _where(file: str, line: int, name: str) -> str:
    """`generator/writers/yamltext.py:37(dump)`, `json/encoder.py:183(encode)`, `~(len)`."""
    for marker in ("/site-packages/", "/work/main/", "/lib/python3"):
        if marker in file:
            file = file.split(marker)[-1].removeprefix(".11/")
            break
    return f"{file}:{line}({name})"


def hot_spots(
    stats: pstats.Stats, total: float, top: int, key: str = "cum"
) -> list[tuple[str, float, float, int]]:
    """(function, seconds, share of the run, calls): by cumulative time (`cum`, with callees)
    or by self time (`self`), largest first."""
    rows = []
    for (file, line, name), (_, calls, self_s, cum, _) in stats.stats.items():  # type: ignore[attr-defined]
        if name in ("enable", "disable") or name.startswith("<built-in method builtins.exec"):
            continue
        seconds = cum if key == "cum" else self_s
        rows.append((_where(file, line, name), seconds, seconds / total, calls))
    return sorted(rows, key=lambda r: -r[1])[:top]


def _print(rows: list[tuple[str, float, float, int]], title: str) -> None:
    print(f"\n{title:72} {'s':>7} {'share':>6} {'calls':>8}")
    for name, seconds, share, calls in rows:
        print(f"{name[-72:]:72} {seconds:7.2f} {share:6.1%} {calls:8d}")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    p.add_argument("--spec", type=Path, help="docs folder (default: spec/ unless --scale)")
    p.add_argument("--scale", type=float, help="profile synthetic docs of this size instead")
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--pyinstrument", action="store_true", help="sample with pyinstrument")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="specgen-profile-") as tmp:
        spec = args.spec or ROOT / "spec"
        if args.scale:
            spec = Path(tmp) / "docs"
            synth.write_corpus(spec, args.scale)
        if args.pyinstrument:
            print(sampled(spec, Path(tmp) / "out"))
            return
        stats, total = profile(spec, Path(tmp) / "out")
    print(f"{spec}: {total:.2f} s in process (cProfile overhead included)")
    _print(hot_spots(stats, total, args.top, "cum"), "by cumulative time (function and callees)")
    _print(hot_spots(stats, total, args.top // 2, "self"), "by self time")


if __name__ == "__main__":
    main()
