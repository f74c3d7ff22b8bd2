"""Shared fixtures: the real spec, its IR, and the generated output imported from a temp dir."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    return SPEC


@pytest.fixture(scope="session")
def loaded():
    from generator.pipeline import load

    result = load(SPEC)
    assert not result.diags.has_errors, result.diags.render()
    return result


@pytest.fixture(scope="session")
def generated_files(loaded) -> dict[str, bytes]:
    from generator.writers import emit

    return emit(loaded.api, loaded.config)


@pytest.fixture(scope="session")
def generated_dir(generated_files, tmp_path_factory) -> Path:
    """The whole output tree written to a temp dir and put first on sys.path."""
    out = tmp_path_factory.mktemp("generated")
    for rel, data in generated_files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    sys.path.insert(0, str(out))
    for name in list(sys.modules):
        if name.split(".")[0] in ("letta_sdk", "letta_server"):
            del sys.modules[name]
    return out
