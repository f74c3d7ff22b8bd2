"""Run independent jobs side by side in forked child processes, results back in order.

A forked child starts with the parent's memory, so a job can read the IR (or anything else the
parent holds) without pickling it; only its result travels back through a pipe, pickled, so
results should be cheap to pickle (text; document facts, through `generator.picklable`). Where
forking is not safe or not possible (no `fork` on the platform, other threads running, a daemonic
process, one CPU, `SPECGEN_JOBS=1`, the seam `fork_split` of `generator.speedups` off, a fork
that fails), the jobs run one after the other in this process: the results are the same either
way.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from generator import speedups

T = TypeVar("T")

JOBS_ENV = "SPECGEN_JOBS"  # `1` runs everything in this process


class JobFailed(RuntimeError):
    """A job failed in a child process (its error is in the message)."""


def can_fork() -> bool:
    """Whether jobs would run in forked children here (see the module docstring)."""
    if os.environ.get(JOBS_ENV, "").strip() == "1" or not speedups.active().fork_split:
        return False
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return False
    if multiprocessing.current_process().daemon:  # a Pool worker may not have children
        return False
    return threading.active_count() == 1  # forking a threaded process can deadlock the child


def run_all(jobs: Sequence[Callable[[], T]], *, fork: bool | None = None) -> list[T]:
    """Each job's result, in the order of `jobs`. The first runs here, the others in forked
    children at the same time when `fork` (by default: when `can_fork()`; a job whose fork
    fails runs here too). A failure raises (JobFailed for a child's); on any exception here,
    Ctrl-C included, the children are stopped before it propagates."""
    if fork is None:
        fork = can_fork()
    if len(jobs) < 2 or not fork:
        return [job() for job in jobs]
    _flush_std_streams()
    context = multiprocessing.get_context("fork")
    children: list[tuple[int, Any, Connection]] = []  # (job index, process, receiver)
    here = [0]  # indexes of the jobs this process runs
    for index, job in enumerate(jobs[1:], 1):
        child = _start(context, job) if here == [0] else None  # after a failed fork: no more
        if child is None:
            here.append(index)
        else:
            children.append((index, *child))
    results: list[Any] = [None] * len(jobs)
    try:
        for index in here:
            results[index] = jobs[index]()
        failures = []
        for index, process, receiver in children:
            ok, value = _collect(process, receiver)
            if ok:
                results[index] = value
            else:
                failures.append(value)
    except BaseException:
        _stop(children)
        raise
    if failures:
        raise JobFailed(failures[0])
    return results


def _flush_std_streams() -> None:
    """A child flushes its copy of the buffers when it ends: flush first, print nothing twice."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:  # None when the stream was closed before Python started
            try:
                stream.flush()
            except (OSError, ValueError):
                pass


def _start(context: Any, job: Callable[[], Any]) -> tuple[Any, Connection] | None:
    """A started child running `job`, and the end of the pipe its result comes through; None
    when the fork fails (no process or memory to spare: the job then runs here)."""
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(job, sender, receiver), daemon=True)
    try:
        process.start()
    except OSError:
        receiver.close()
        sender.close()
        return None
    sender.close()  # the child holds its own copy: EOF here once the child is gone
    return process, receiver


def _child(job: Callable[[], Any], sender: Connection, receiver: Connection) -> None:
    """In the child: run the job, send (True, result) or (False, why), never print."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops us
    receiver.close()  # once the parent is gone, a send fails (EPIPE) instead of blocking forever
    try:
        data = pickle.dumps((True, job()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # reported to the parent
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = f" at {last[0].filename}:{last[0].lineno}" if last else ""
        data = pickle.dumps((False, f"{type(exc).__name__}: {exc}{where}"))
    try:
        sender.send_bytes(data)
    except OSError:
        pass  # the parent is gone: nobody to tell
    finally:
        sender.close()


def _collect(process: Any, receiver: Connection) -> tuple[bool, Any]:
    """(True, result) or (False, why): read before join, or a big result would block the child."""
    try:
        try:
            outcome: tuple[bool, Any] = pickle.loads(receiver.recv_bytes())
        except (EOFError, OSError):
            process.join()
            code = process.exitcode
            outcome = (False, f"a child process ended without a result (exit code {code})")
    finally:
        receiver.close()
    process.join()
    return outcome


def _stop(children: list[tuple[int, Any, Connection]]) -> None:
    """End the children now (after an exception here): terminated, waited for, pipes closed."""
    for _, process, receiver in children:
        if process.is_alive():
            process.terminate()
        process.join()
        receiver.close()
