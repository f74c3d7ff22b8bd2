"""Child process: one `specgen generate`, timed by phase; prints the seconds as JSON.

`python -m bench.phases SPEC OUT` does what `specgen generate --spec SPEC --out OUT` does
(load, emit, write the tree) with the pipeline's steps wrapped in timers: imports, read (the
readers), build (the IR), render (templates), format (`format_python`: the staged tree and the
ruff subprocesses, each also timed alone as `ruff <subcommand>`), write. The writers run in this
one process (SPECGEN_JOBS=1) so that each phase's time is its own; `specgen generate` reads in
two parts and writes the models and the rest side by side, so its total is less than the sum of
the phases.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path

_T0 = time.perf_counter()
os.environ["SPECGEN_JOBS"] = "1"  # read by generator.forked when emit runs
gc.disable()  # as the `specgen` command does for its run

import generator.pipeline as pipeline  # noqa: E402
import generator.writers as writers  # noqa: E402
from generator.output import staging, write_tree  # noqa: E402
from generator.writers import client, models, openapi, package, server  # noqa: E402, F401

seconds: dict[str, float] = {"import": time.perf_counter() - _T0}


def _timer(name: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def _subprocess_timer(run):
    @functools.wraps(run)
    def wrapper(args, *rest, **kwargs):
        argv = [str(a) for a in args]
        name = "subprocess"
        if argv and Path(argv[0]).stem == "ruff":  # the ruff binary, run directly
            name = "ruff " + argv[1]
        return _timer(name, run)(args, *rest, **kwargs)

    return wrapper


def main(spec: Path, out: Path) -> dict[str, float]:
    subprocess.run = _subprocess_timer(subprocess.run)
    pipeline.read_spec = _timer("read", pipeline.read_spec)
    pipeline.build_api = _timer("build", pipeline.build_api)
    writers.format_python = _timer("format", writers.format_python)
    start = time.perf_counter()
    loaded = pipeline.load(spec)
    if loaded.diags.has_errors:
        raise SystemExit(loaded.diags.render())
    with staging(out) as staged:  # as `specgen generate` does it
        emit_start = time.perf_counter()
        files = writers.emit(loaded.api, loaded.config, staged)
        seconds["render"] = time.perf_counter() - emit_start - seconds["format"]
        _timer("write", write_tree)(out, files, staged=staged)
    seconds["total"] = time.perf_counter() - start + seconds["import"]
    return {k: round(v, 4) for k, v in seconds.items()}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
