"""`python -m tests.parity`: the parity figures of a generated SDK, from the repository root.

    python -m tests.parity                 # output/<sdk package> against spec/, and the baseline
    python -m tests.parity --update        # the same, then write tests/parity/baseline.json
    python -m tests.parity --sdk /tmp/out/letta_sdk --spec /tmp/docs [--show 100]

`--sdk` is the generated package folder (its name is the package name); `--spec` the docs it was
generated from (they say which resources are compared). Exit status: 0, or 1 when the project's
figures differ from the baseline (only checked with the default `--sdk` and `--spec`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.config import load_config
from generator.diagnostics import Diagnostics

from . import BASELINE, check_baseline, measure, read_baseline, write_baseline
from .baseline import UPDATE_COMMAND

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec"


def default_sdk(spec: Path) -> Path:
    return ROOT / "output" / load_config(spec, Diagnostics()).sdk_package


def main(argv: list[str] | None = None, *, baseline: Path = BASELINE, spec: Path = SPEC) -> int:
    """The command; `baseline` and the project's `spec` can be moved by tests."""
    parser = argparse.ArgumentParser(prog="python -m tests.parity", description=__doc__)
    parser.add_argument("--sdk", type=Path, help="generated SDK package folder")
    parser.add_argument("--spec", type=Path, help="docs folder it was generated from")
    parser.add_argument("--show", type=int, default=40, help="mismatches to print")
    parser.add_argument("--update", action="store_true", help=f"write {BASELINE.name}")
    args = parser.parse_args(argv)
    project = args.sdk is None and args.spec is None
    if args.update and not project:
        parser.error("--update writes the project's baseline: give neither --sdk nor --spec")
    spec = args.spec or spec
    report = measure(args.sdk or default_sdk(spec), spec)
    print(report.render(args.show))
    if args.update:
        write_baseline(report, baseline)
        print(f"wrote {baseline}")
        return 0
    if project:
        problems = check_baseline(report, read_baseline(baseline))
        if problems:
            print(f"differs from {baseline.name} (update with: {UPDATE_COMMAND}):")
            print("\n".join(f"  {p}" for p in problems))
            return 1
        print(f"equal to {baseline.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
