"""Loading one reproducer of `../shared/constructs/` (a folder per construct, with `spec/` and
sometimes `spec-silent/` or `spec-python-only/` variants) the way `specgen generate` would."""

from __future__ import annotations

from paths import CONSTRUCTS

from generator import ir
from generator.diagnostics import Level
from generator.pipeline import Loaded, load


def load_construct(name: str, variant: str = "spec") -> Loaded:
    """The IR and diagnostics of one construct folder's variant (no assertion made here)."""
    folder = CONSTRUCTS / name / variant
    assert folder.is_dir(), f"no reproducer at {folder}"
    return load(folder)


def clean(name: str, variant: str = "spec") -> ir.Api:
    """The IR of a reproducer that must read with no error and no warning."""
    loaded = load_construct(name, variant)
    assert not loaded.diags.items or all(d.level is Level.NOTE for d in loaded.diags.items), (
        loaded.diags.render()
    )
    return loaded.api


def operation(api: ir.Api, method: str, path: str) -> ir.Operation:
    for op in api.operations:
        if op.method == method and op.path == path:
            return op
    raise AssertionError(f"no operation {method.upper()} {path}")
