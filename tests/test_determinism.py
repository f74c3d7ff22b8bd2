"""`specgen generate` writes the same bytes whatever the hash seed, the order the spec files were
created in, the folders they sit in (read recursively; only file names and contents count), and
whether the writers run side by side in forked processes or in one."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

from paths import SAMPLE_SPEC

CONFIG = "specgen.toml"


def _docs() -> list[Path]:
    return sorted(p for p in SAMPLE_SPEC.iterdir() if p.is_file() and p.name != CONFIG)


def flat(dest: Path) -> None:
    """The sample spec as it is in the repository."""
    dest.mkdir()
    for p in _docs():
        shutil.copy2(p, dest / p.name)
    shutil.copy2(SAMPLE_SPEC / CONFIG, dest / CONFIG)


def nested_reversed(dest: Path) -> None:
    """Each file in its own nested folder, created last-first, the folders sorting in reverse."""
    dest.mkdir()
    shutil.copy2(SAMPLE_SPEC / CONFIG, dest / CONFIG)
    docs = _docs()
    for i, p in enumerate(reversed(docs)):
        folder = dest / f"{i:02d}-section" / "deeper" / ("x" * (len(docs) - i))
        folder.mkdir(parents=True)
        shutil.copyfile(p, folder / p.name)


def shuffled_by_flavor(dest: Path) -> None:
    """Grouped in folders by flavor, copied in a shuffled order."""
    dest.mkdir()
    docs = _docs()
    random.Random(7).shuffle(docs)
    for p in docs:
        flavor = p.name.split(".")[-2] if p.name.count(".") > 1 else "misc"
        (dest / "docs" / flavor).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, dest / "docs" / flavor / p.name)
    shutil.copy2(SAMPLE_SPEC / CONFIG, dest / CONFIG)


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_output_is_byte_identical_across_hash_seeds_and_layouts(tmp_path: Path):
    runs = [
        ("flat", "0", flat, {}),
        ("nested_reversed", "1", nested_reversed, {}),
        ("shuffled_by_flavor", "random", shuffled_by_flavor, {}),
        # the writers in this one process, not side by side in forked children
        ("flat_one_process", "0", flat, {"SPECGEN_JOBS": "1"}),
    ]
    procs = []
    for name, seed, layout, extra in runs:
        spec, out = tmp_path / f"spec-{name}", tmp_path / f"out-{name}"
        layout(spec)
        env = {**os.environ, "PYTHONHASHSEED": seed, **extra}
        cmd = [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--spec",
            str(spec),
            "--out",
            str(out),
        ]
        procs.append(
            (
                name,
                out,
                subprocess.Popen(
                    cmd,
                    env=env,
                    cwd=tmp_path,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
        )
    trees = {}
    for name, out, proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"{name}: {stderr}"
        assert "warning" not in stderr and "error" not in stderr, stderr
        trees[name] = tree(out)
    reference = trees.pop("flat")
    assert len(reference) > 100
    for name, files in trees.items():
        assert sorted(files) == sorted(reference), name
        differ = [rel for rel in reference if files[rel] != reference[rel]]
        assert differ == [], f"{name}: {differ[:10]}"
