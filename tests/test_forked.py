"""generator.forked: jobs side by side in forked children, results in order, failures raised."""

from __future__ import annotations

import os

import pytest

from generator import forked


def _pid() -> int:
    return os.getpid()


# The jobs here fork even when other tests left server threads running (`fork=True`): they only
# compute and write to their pipe. The CLI forks only from a single-threaded process, and the
# determinism test compares its output with and without forking.


def test_results_come_back_in_order_from_other_processes():
    pids = forked.run_all([_pid, _pid, _pid], fork=True)
    assert pids[0] == os.getpid()
    assert len(set(pids)) == 3  # each job after the first ran in a child of its own


def test_a_child_sees_the_parents_memory_without_pickling():
    unpicklable = lambda: None  # noqa: E731 (a lambda cannot be pickled)
    assert forked.run_all([lambda: 1, lambda: unpicklable is not None], fork=True) == [1, True]


def test_one_process_when_told(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(forked.JOBS_ENV, "1")
    assert not forked.can_fork()
    assert forked.run_all([_pid, _pid]) == [os.getpid(), os.getpid()]


def _boom() -> int:
    raise ValueError("bad value")


def test_a_failing_child_raises_with_its_error():
    with pytest.raises(forked.JobFailed, match=r"ValueError: bad value at .*test_forked\.py"):
        forked.run_all([lambda: 1, _boom], fork=True)


def test_a_child_that_dies_raises():
    with pytest.raises(forked.JobFailed, match=r"ended without a result \(exit code 3\)"):
        forked.run_all([lambda: 1, lambda: os._exit(3)], fork=True)


def test_the_parents_failure_waits_for_the_children_then_raises():
    with pytest.raises(ValueError, match="bad value"):
        forked.run_all([_boom, lambda: 2], fork=True)


def test_no_fork_from_a_process_with_threads(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(forked.JOBS_ENV, raising=False)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 2)
    assert not forked.can_fork()


def test_a_result_that_cannot_be_pickled_is_a_failure_not_a_hang():
    with pytest.raises(forked.JobFailed, match="PicklingError|AttributeError|Can't"):
        forked.run_all([lambda: 1, lambda: lambda: 2], fork=True)


def test_a_failed_fork_runs_the_job_here(monkeypatch: pytest.MonkeyPatch):
    import multiprocessing.context

    def no_fork(self: object) -> None:
        raise BlockingIOError("no process to spare")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", no_fork)
    assert forked.run_all([_pid, _pid, _pid], fork=True) == [os.getpid()] * 3


def test_no_fork_from_a_daemon_process(monkeypatch: pytest.MonkeyPatch):
    import multiprocessing

    class Daemon:
        daemon = True

    monkeypatch.delenv(forked.JOBS_ENV, raising=False)
    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemon())
    assert not forked.can_fork()


def test_closed_standard_streams_are_no_obstacle(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("sys.stdout", None)
    monkeypatch.setattr("sys.stderr", None)
    assert forked.run_all([lambda: 1, lambda: 2], fork=True) == [1, 2]


def test_a_failure_here_stops_a_child_blocked_on_a_big_result():
    """The child's result (10 MB) is more than a pipe holds: it waits for a reader that will
    never read. The parent's failure must end it, not wait for it."""
    import multiprocessing
    import time

    def big() -> bytes:
        return b"x" * 10_000_000

    def slow_boom() -> None:
        time.sleep(0.3)  # the child is blocked in its send by now
        raise ValueError("bad value")

    start = time.monotonic()
    with pytest.raises(ValueError, match="bad value"):
        forked.run_all([slow_boom, big], fork=True)
    assert time.monotonic() - start < 10
    assert not multiprocessing.active_children()
