"""The speed tricks, each behind a named seam with a switch back to the plain path.

A speed trick changes how fast specgen is, never what it writes or reports. Each one asks this
module whether it is on (`active()`); off, its code takes the plain path:

- `block_reuse` (`readers/bullets.py`): a bullet block a file repeats is read once and copied
  with its lines moved. Plain: every block is read.
- `field_memo` (`resolve/collect.py`): a copied field (`FieldEntry.origin`) is collected once.
  Plain: every field is collected.
- `fork_split` (`forked.py`, `readers/__init__.py`, `writers/__init__.py`): a big spec is read in
  two parts, and the models and the rest are written, side by side in forked children. Plain:
  one process; every file read in one go, then every output file written and formatted at once.
- `gc_pause` (`cli.py`): the cyclic garbage collector is paused for the command. Plain: it runs.
- `template_cache` (`writers/render.py`): compiled templates are kept in the user's cache folder
  (`$XDG_CACHE_HOME/specgen/jinja`, by default `~/.cache/specgen/jinja`). Plain: templates are
  compiled in memory on every run and nothing is written there.

The switch is one environment variable, read once per process (the first time a trick asks):

    SPECGEN_PLAIN=block_reuse,field_memo   these seams off, the others on
    SPECGEN_PLAIN=all                      every seam off: the plain path throughout
    SPECGEN_PLAIN= (or unset)              every seam on

Names are separated by commas, spaces around them ignored. A name that is no seam is an error
(`UnknownSeam`; the command reports it and exits 2), never ignored: a typo must not leave a
trick on while you think it is off. (`SPECGEN_JOBS=1`, older, still runs the forked jobs one
after the other in this process; it does not undo the split.)

`tests/test_speedups.py` generates with each seam off, and with all off, and compares files,
diagnostics and IR with the run where all are on.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

ENV = "SPECGEN_PLAIN"
ALL = "all"


@dataclass(frozen=True, slots=True)
class Speedups:
    """Which seams are on (True: the trick is used). The default: all of them."""

    block_reuse: bool = True
    field_memo: bool = True
    fork_split: bool = True
    gc_pause: bool = True
    template_cache: bool = True


SEAMS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Speedups))


class UnknownSeam(ValueError):
    """`SPECGEN_PLAIN` names something that is no seam (the message says which and lists them)."""


def parse(text: str) -> Speedups:
    """The seams with those `text` names off (`SPECGEN_PLAIN`'s syntax, see the module)."""
    names = {name.strip() for name in text.split(",")} - {""}
    unknown = sorted(names - {*SEAMS, ALL})
    if unknown:
        listed = ", ".join(repr(name) for name in unknown)
        raise UnknownSeam(
            f"{ENV}={text!r}: unknown seam {listed}; the seams are {', '.join(SEAMS)} (or {ALL})"
        )
    off = set(SEAMS) if ALL in names else names
    return Speedups(**{name: name not in off for name in SEAMS})


_active: Speedups | None = None


def active() -> Speedups:
    """The seams on in this process: `SPECGEN_PLAIN`, read the first time (or set by `use`).
    Raises UnknownSeam when it names something that is no seam."""
    global _active
    if _active is None:
        _active = parse(os.environ.get(ENV, ""))
    return _active


@contextmanager
def use(speedups: Speedups) -> Iterator[Speedups]:
    """These seams, instead of the environment's, until the block ends (for tests)."""
    global _active
    before = _active
    _active = speedups
    try:
        yield speedups
    finally:
        _active = before
