"""Shared fixtures: the sample spec (`tests/fixtures/sample-spec/`), its IR, and the output
generated from it, imported from a temp dir."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from paths import SAMPLE_SPEC


@pytest.fixture(scope="session")
def spec_dir() -> Path:
    return SAMPLE_SPEC


@pytest.fixture(scope="session")
def loaded():
    from generator.pipeline import load

    result = load(SAMPLE_SPEC)
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
