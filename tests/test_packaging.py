"""The generated output is an installable distribution: one wheel with both packages."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest


@pytest.mark.slow
def test_output_builds_a_wheel_with_sdk_and_server(generated_dir: Path, tmp_path: Path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            str(generated_dir),
            "-w",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = tmp_path.glob("letta_sdk-0.1.0-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"letta_sdk/py.typed", "letta_server/py.typed", "letta_sdk/_runtime/_client.py"} <= names
    assert {
        "letta_sdk/types/tool.py",
        "letta_server/app.py",
        "letta_sdk/resources/tools.py",
    } <= names
    metadata = zipfile.ZipFile(wheel).read("letta_sdk-0.1.0.dist-info/METADATA").decode()
    assert "Requires-Dist: httpx" in metadata and "Requires-Dist: pydantic" in metadata
    assert "Provides-Extra: server" in metadata


@pytest.mark.slow
def test_specgen_builds_a_wheel_with_every_module_and_template(tmp_path: Path):
    """specgen's own wheel holds every module of `generator/` and every template (renamed or
    new packages are easy to leave out of `[tool.hatch.build]`)."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(root), "-w", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = tmp_path.glob("specgen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(root).as_posix() for p in (root / "generator").rglob("*.py")}
    templates = {
        "generator/_templates/" + p.relative_to(root / "templates").as_posix()
        for p in (root / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert "generator/resolve/merge.py" in modules and templates
    assert not modules - names, f"modules missing from the wheel: {sorted(modules - names)}"
    assert not templates - names, f"templates missing from the wheel: {sorted(templates - names)}"
    entry = zipfile.ZipFile(wheel).read("specgen-0.1.0.dist-info/entry_points.txt").decode()
    assert "specgen = generator.cli:main" in entry
