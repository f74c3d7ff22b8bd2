"""Timing and memory of whole child processes, and the statistics the report uses."""

from __future__ import annotations

import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent  # the venv's scripts: specgen and the peer generators


class ProcessFailed(RuntimeError):
    """A measured command exited non-zero: the figures would be meaningless."""


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    max_rss_mb: float  # peak RSS of the child (or of its largest waited-for descendant)
    stdout: str
    stderr: str


def tool(name: str) -> str:
    """Path of a console script of this venv; missing tools are an error, never a skip."""
    path = BIN / name
    if not path.is_file():
        raise FileNotFoundError(f"{path} is not installed (pip install it into the venv)")
    return str(path)


PYCACHE = Path(tempfile.gettempdir()) / "specgen-bench-pycache"


def child_env(**extra: str) -> dict[str, str]:
    """The environment of measured children: the venv's scripts first on PATH (the peers run
    their formatters through PATH, specgen runs ruff through its own interpreter), and bytecode
    caching on, in a tree of our own (PYTHONPYCACHEPREFIX): figures of an installed tool, even
    where the caller sets PYTHONDONTWRITEBYTECODE, without writing into the source tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    path = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**env, "PATH": path, "PYTHONPYCACHEPREFIX": str(PYCACHE), **extra}


def run(cmd: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` to completion; wall time and peak RSS from `wait4` on that very child."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=env or child_env(), stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise ProcessFailed(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, stdout, stderr)


TRASH = ".bench-trash"


def fresh(path: Path) -> Callable[[], None]:
    """A `prepare` step: move `path` out of the way (into a `.bench-trash` folder beside it,
    which `empty_trash` deletes when the whole run is over) so every run writes into an empty
    place. Moved, not deleted: on an ext4 without a journal (this machine's), creating files
    shortly after thousands were deleted costs up to about 2 s more per 4,800 files (the kernel
    steps over each recently freed inode), which would charge one run's cleanup to the next."""

    def move_aside() -> None:
        if path.exists() or path.is_symlink():
            trash = path.parent / TRASH
            trash.mkdir(exist_ok=True)
            os.rename(path, Path(tempfile.mkdtemp(dir=trash)) / path.name)

    return move_aside


def empty_trash(root: Path) -> None:
    """Delete what `fresh` moved aside under `root`."""
    for trash in sorted(root.rglob(TRASH)):
        shutil.rmtree(trash, ignore_errors=True)


def timed(
    cmd: Sequence[str],
    runs: int,
    *,
    warmup: int = 1,
    prepare: Callable[[], None] | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> dict[str, float]:
    """Warm-up runs, then `runs` measured runs (each after `prepare`, untimed): the summary."""
    samples: list[Run] = []
    for i in range(warmup + runs):
        if prepare is not None:
            prepare()
        result = run(cmd, cwd, env)
        if i >= warmup:
            samples.append(result)
    return {
        **summary([s.seconds for s in samples]),
        "max_rss_mb": round(max(s.max_rss_mb for s in samples), 1),
    }


def summary(values: Sequence[float], digits: int = 4) -> dict[str, float]:
    """Median, min, max and count of samples."""
    return {
        "median": round(statistics.median(values), digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "runs": len(values),
    }


def python_child(code: str, cwd: Path, runs: int, warmup: int = 1) -> list[str]:
    """Run `python -c code` in `cwd` (on sys.path) warm-up + `runs` times; their stdouts."""
    cmd = [sys.executable, "-c", code]
    env = child_env(PYTHONPATH=str(cwd))
    outs = [run(cmd, cwd, env).stdout for _ in range(warmup + runs)]
    return outs[warmup:]


def growth_exponent(sizes: Sequence[float], times: Sequence[float]) -> float | None:
    """Least-squares slope of log(time) on log(size): 1 is linear, 2 quadratic."""
    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, times, strict=True) if s > 0 < t]
    if len({x for x, _ in points}) < 2:
        return None
    mx = statistics.fmean(x for x, _ in points)
    my = statistics.fmean(y for _, y in points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    sxy = sum((x - mx) * (y - my) for x, y in points)
    return round(sxy / sxx, 3)
