"""Run independent jobs side by side in forked child processes, results back in order.

A forked child starts with the parent's memory, so a job can read the IR (or anything else the
parent holds) without pickling it; only its result travels back through a pipe, pickled, so
results should be cheap to pickle (text, not object graphs). Where forking is not safe or not
possible (no `fork` on the platform, other threads running, one CPU, `SPECGEN_JOBS=1`), the jobs
run one after the other in this process: the results are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

JOBS_ENV = "SPECGEN_JOBS"  # `1` runs everything in this process


class JobFailed(RuntimeError):
    """A job failed in a child process (its error is in the message)."""


def can_fork() -> bool:
    """Whether jobs would run in forked children here (see the module docstring)."""
    if os.environ.get(JOBS_ENV, "").strip() == "1":
        return False
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return False
    return threading.active_count() == 1  # forking a threaded process can deadlock the child


def run_all(jobs: Sequence[Callable[[], T]], *, fork: bool | None = None) -> list[T]:
    """Each job's result, in the order of `jobs`. The first runs here, the others in forked
    children at the same time when `fork` (by default: when `can_fork()`); a failure anywhere
    raises (JobFailed for a child's), after every child has ended."""
    if fork is None:
        fork = can_fork()
    if len(jobs) < 2 or not fork:
        return [job() for job in jobs]
    context = multiprocessing.get_context("fork")
    sys.stdout.flush()  # a child flushes its copy of the buffers when it ends: print nothing twice
    sys.stderr.flush()
    children = []
    for job in jobs[1:]:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(job, sender), daemon=True)
        process.start()
        sender.close()  # the child holds its own copy: EOF here once the child is gone
        children.append((process, receiver))
    try:
        first = jobs[0]()
    finally:
        outcomes = [_collect(process, receiver) for process, receiver in children]
    results: list[Any] = [first]
    for ok, value in outcomes:
        if not ok:
            raise JobFailed(value)
        results.append(value)
    return results


def _child(job: Callable[[], Any], sender: Connection) -> None:
    try:
        outcome: tuple[bool, Any] = (True, job())
    except BaseException as exc:  # reported to the parent, never printed here
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {last[0].filename}:{last[0].lineno}" if last else ""
        outcome = (False, f"{type(exc).__name__}: {exc}{where}")
    sender.send(outcome)
    sender.close()


def _collect(process: Any, receiver: Connection) -> tuple[bool, Any]:
    """(True, result) or (False, why): read before join, or a big result would block the child."""
    try:
        outcome: tuple[bool, Any] = receiver.recv()
    except EOFError:
        process.join()
        outcome = (False, f"a child process ended without a result (exit code {process.exitcode})")
    finally:
        receiver.close()
        process.join()
    return outcome
