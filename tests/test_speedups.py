"""Every speed trick (`generator.speedups`) against the plain path: `specgen generate` over
`spec/` and over synthetic docs ten times its size (read in two parts), with each seam off, and
with all off, must write the same bytes, report the same diagnostics and build the same facts
and IR as with every seam on. Each run also counts what the tricks did, so that a comparison
where both sides took the same path fails instead of passing for nothing."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench import synth
from generator import speedups
from generator.readers import PARALLEL_MIN_BYTES, spec_files

ROOT = Path(__file__).resolve().parents[1]
SPECS = ("spec", "synthetic")
SEAMS = speedups.SEAMS
PLAIN = (*SEAMS, "all")  # what each run turns off ("" below: nothing)

# One `specgen generate` in a fresh interpreter (it has one thread, so it may fork), with
# counters on the tricks; what it read, built and counted is pickled into the report file.
SCRIPT = r"""
import dataclasses, gc, multiprocessing, os, pickle, sys
from generator import cli, forked, pipeline, readers, writers
from generator.diagnostics import Level
from generator.facts import FieldEntry
from generator.resolve import collect

spec, out, report = sys.argv[1:]
seen = dict.fromkeys(["forks", "read_splits", "emit_splits", "memo_stores", "memo_hits"], 0)
kept = {}


def count(owner, name, key):
    real = getattr(owner, name)

    def counted(*args, **kwargs):
        seen[key] += 1
        return real(*args, **kwargs)

    setattr(owner, name, counted)


count(forked, "_start", "forks")  # a child process started
count(readers, "_split", "read_splits")  # the files cut in two parts
count(writers, "_model_files", "emit_splits")  # the models written apart from the rest
count(collect, "_Walked", "memo_stores")  # a field remembered by the builder
count(collect.Collector, "_again", "memo_hits")  # a field given again from the memo


def keep(owner, name):
    real = getattr(owner, name)

    def kept_result(*args, **kwargs):
        if name == "load":  # the command has begun: count collections from here
            collections[0] = 0
        kept[name] = result = real(*args, **kwargs)
        if name == "emit":  # ... to the end of its work
            kept["collections"] = collections[0]
        return result

    setattr(owner, name, kept_result)


real_init = collect.Collector.__init__


def init(self, registry, diags):
    real_init(self, registry, diags)
    kept["registry"] = registry  # (one builder, one registry)


collect.Collector.__init__ = init
keep(pipeline, "read_spec")
keep(pipeline, "load")
keep(writers, "emit")
collections = [0]
gc.callbacks.append(lambda phase, info: phase == "start" and collections.__setitem__(0, collections[0] + 1))


def copies(value):
    if isinstance(value, (list, tuple)):
        return sum(copies(v) for v in value)
    if dataclasses.is_dataclass(value):
        here = isinstance(value, FieldEntry) and value.origin is not None
        return here + sum(copies(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "origin")
    return 0


try:
    cli.main(["generate", "--spec", spec, "--out", out], standalone_mode=False)
    code = 0
except SystemExit as exc:
    code = exc.code
loaded = kept["load"]
pickle.dump(
    {
        "code": code,
        "seen": {**seen, "collections": kept.get("collections", -1), "copies": copies(kept["read_spec"])},
        "can_fork": "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1,
        "docs": kept["read_spec"],
        "api": loaded.api,
        # what the builder checks besides the observations (the memo makes fewer of those)
        "references": kept["registry"].references,
        "counts": kept["registry"].counts,
        "diags": loaded.diags.items,
        "notes": loaded.diags.render(min_level=Level.NOTE),
    },
    open(report, "wb"),
)
"""


@dataclass
class Run:
    plain: str  # the seams off, as SPECGEN_PLAIN says them
    code: int
    stdout: str  # without the output folder and the seconds
    stderr: str
    files: dict[str, bytes]
    facts: dict[str, object]  # the report: counters, facts, IR, diagnostics
    cache_files: int  # compiled templates in this run's own XDG_CACHE_HOME

    @property
    def seen(self) -> dict[str, int]:
        return self.facts["seen"]  # type: ignore[return-value]


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _generate(spec: Path, work: Path, plain: str) -> Run:
    work.mkdir()
    out, report, cache = work / "out", work / "report.pickle", work / "xdg-cache"
    env = {**os.environ, speedups.ENV: plain, "XDG_CACHE_HOME": str(cache)}
    env.pop("SPECGEN_JOBS", None)  # the fork split is this test's to turn off
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(spec), str(out), str(report)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    stdout = re.sub(r" in \S+ \(\d+\.\d+ s\)$", "", proc.stdout.strip())
    facts = pickle.loads(report.read_bytes())
    cached = len(list((cache / "specgen" / "jinja").glob("*"))) if cache.exists() else 0
    return Run(plain, facts["code"], stdout, proc.stderr, _tree(out), facts, cached)


def _add_warnings(folder: Path) -> None:
    """Files that warn (no error: generate must still write), read and built in either part."""
    corpus = ROOT / "tests" / "corpus"
    shutil.copy(sorted(folder.glob("*.http.md"))[0], folder / "mirror.http.md")  # R006
    for name in (
        "empty.md",  # R004
        "http-duplicate-operation-conflict.http.md",  # M004, M002, M012
        "http-hostile-field-names.http.md",  # M009, M010
    ):
        shutil.copy(corpus / name, folder / name)
    # D001 from the reader, sorted last: in the part a forked child reads
    shutil.copy(corpus / "http-heading-levels.http.md", folder / "zz-heading-levels.http.md")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], Run]]:
    """Every spec generated with nothing off, each seam off, and all off (two at a time)."""
    base = tmp_path_factory.mktemp("speedups")
    folders = {"spec": ROOT / "spec", "synthetic": base / "synthetic"}
    size = synth.write_corpus(folders["synthetic"], 10)
    assert size.bytes >= PARALLEL_MIN_BYTES  # big enough to be read in two parts
    _add_warnings(folders["synthetic"])
    jobs = [(spec, plain) for spec in SPECS for plain in ("", *PLAIN)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        done = pool.map(
            lambda job: _generate(folders[job[0]], base / f"{job[0]}-{job[1] or 'none'}", job[1]),
            jobs,
        )
        results = dict(zip(jobs, done, strict=True))
    yield results  # (the pool's threads gone)


def _what_the_tricks_did(run: Run) -> dict[str, object]:
    """What each trick did in the run, by what it counted (not by what it was told)."""
    seen = run.seen
    return {
        "block_reuse": seen["copies"] > 0,
        "field_memo": seen["memo_stores"] > 0,
        "fork_split": (seen["read_splits"], seen["emit_splits"], seen["forks"]),
        "gc_pause": seen["collections"] == 0,
        "template_cache": run.cache_files > 0,
    }


def _docs_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in spec_files(folder))


def _expected(spec: str, off: set[str], can_fork: bool) -> dict[str, object]:
    """What each trick does with the seams `off` off. The fork split: the files cut in two
    parts (docs of at least `PARALLEL_MIN_BYTES`: the synthetic ones, and `spec/` when it is
    that big), the models written apart, and the children started for both (where this
    machine can fork)."""
    big = spec == "synthetic" or _docs_bytes(ROOT / "spec") >= PARALLEL_MIN_BYTES
    on = {"fork_split": (int(big), 1, (1 + big) * can_fork)}
    plain = {"fork_split": (0, 0, 0)}
    return {seam: plain.get(seam, False) if seam in off else on.get(seam, True) for seam in SEAMS}


@pytest.mark.parametrize("spec", SPECS)
@pytest.mark.parametrize("plain", PLAIN)
def test_the_plain_path_gives_what_the_trick_gives(runs: dict, spec: str, plain: str):
    fast, slow = runs[spec, ""], runs[spec, plain]
    off = set(SEAMS) if plain == "all" else {plain}
    can_fork = fast.facts["can_fork"]
    # each run took the paths it was told to take, and only those
    assert _what_the_tricks_did(fast) == _expected(spec, set(), can_fork)
    assert _what_the_tricks_did(slow) == _expected(spec, off, can_fork)
    if {"block_reuse", "field_memo"}.isdisjoint(off):
        assert slow.seen["memo_hits"] > 0  # copies were collected from the memo
    else:
        assert slow.seen["memo_hits"] == 0
    # ... and came to the same
    assert fast.code == slow.code == 0
    assert fast.files.keys() == slow.files.keys() and len(fast.files) > 100
    assert [p for p in fast.files if fast.files[p] != slow.files[p]] == []
    assert slow.stderr == fast.stderr and slow.stdout == fast.stdout
    assert slow.facts["notes"] == fast.facts["notes"]
    assert slow.facts["diags"] == fast.facts["diags"]
    assert slow.facts["docs"] == fast.facts["docs"]
    assert slow.facts["api"] == fast.facts["api"]
    assert slow.facts["references"] == fast.facts["references"]
    assert slow.facts["counts"] == fast.facts["counts"]


def test_the_runs_have_diagnostics_to_compare(runs: dict):
    """The real docs make notes; the synthetic docs warn, from the reader and the builder, in
    the part read here and in the part a child reads."""
    assert " note " in runs["spec", ""].facts["notes"]
    synthetic = runs["synthetic", ""]
    codes = {d.code for d in synthetic.facts["diags"]}
    assert {"R004", "R006", "D001", "M002", "M004", "M009", "M010"} <= codes
    assert "zz-heading-levels.http.md:1: warning D001" in synthetic.stderr


# --- the switch ---------------------------------------------------------------------------------


def vars_of(s: speedups.Speedups) -> dict[str, bool]:
    return {seam: getattr(s, seam) for seam in speedups.SEAMS}


def test_nothing_said_is_every_trick_on_and_all_is_none():
    assert speedups.parse("") == speedups.Speedups() == speedups.parse(" , ")
    assert not any(vars_of(speedups.parse("all")).values())
    assert speedups.parse("all, gc_pause") == speedups.parse("all")


def test_named_seams_are_off_and_the_others_on():
    s = speedups.parse(" block_reuse,template_cache ")
    assert vars_of(s) == {
        "block_reuse": False,
        "field_memo": True,
        "fork_split": True,
        "gc_pause": True,
        "template_cache": False,
    }


@pytest.mark.parametrize("text", ["fork", "block_reuse,GC_PAUSE", "all,nope", "block-reuse"])
def test_a_name_that_is_no_seam_is_an_error_that_lists_the_seams(text: str):
    with pytest.raises(speedups.UnknownSeam) as caught:
        speedups.parse(text)
    message = str(caught.value)
    assert message.startswith(f"{speedups.ENV}=") and ", ".join(speedups.SEAMS) in message


def test_the_command_reports_an_unknown_seam_as_bad_input(tmp_path: Path):
    env = {**os.environ, speedups.ENV: "field_memo,gc-pause", "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "inspect", "--spec", str(ROOT / "spec")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("specgen: SPECGEN_PLAIN=") and "'gc-pause'" in proc.stderr


def test_no_job_runs_in_a_child_with_the_fork_split_off(monkeypatch: pytest.MonkeyPatch):
    """(The reader and the writers do not even split their work then: any other caller of
    `forked.run_all` gets one process too.)"""
    import multiprocessing

    from generator import forked

    monkeypatch.delenv(forked.JOBS_ENV, raising=False)
    monkeypatch.setattr(forked.threading, "active_count", lambda: 1)  # as in a `specgen` run
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        pytest.skip("this machine never forks")
    with speedups.use(speedups.Speedups()):
        assert forked.can_fork()
    with speedups.use(speedups.parse("fork_split")):
        assert not forked.can_fork()
        assert forked.run_all([os.getpid, os.getpid]) == [os.getpid()] * 2


def test_use_sets_the_seams_for_a_block_and_puts_them_back():
    before = speedups.active()
    plain = speedups.parse("all")
    with speedups.use(plain):
        assert speedups.active() is plain
    assert speedups.active() is before


def test_the_field_memo_stays_empty_when_off():
    """In one process (the builder's state is visible here): off, nothing is remembered."""
    from generator.diagnostics import Diagnostics
    from generator.readers import read_spec
    from generator.resolve import build_api, collect

    made: list[collect.Collector] = []
    real_init = collect.Collector.__init__

    def init(self: collect.Collector, *args: object) -> None:
        real_init(self, *args)  # type: ignore[arg-type]
        made.append(self)

    remembered = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(collect.Collector, "__init__", init)
        for s in (speedups.Speedups(), speedups.parse("field_memo")):
            made.clear()
            with speedups.use(s):
                diags = Diagnostics()
                build_api(read_spec(ROOT / "spec", diags), diags)
            assert made  # the builder made its collectors
            remembered.append(sum(len(c._walked) for c in made))
    assert remembered[0] > 0 and remembered[1] == 0


def test_readme_names_every_seam():
    performance = (ROOT / "README.md").read_text(encoding="utf-8").split("## Performance")[1]
    rows = re.findall(r"^\| `(\w+)` \|", performance, re.M)
    assert rows == list(speedups.SEAMS)
    assert f"{speedups.ENV}=all" in performance
