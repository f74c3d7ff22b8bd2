"""Writing and comparing the output tree: atomic replacement, a manifest of what specgen wrote,
and a unified diff for `specgen check`."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

MANIFEST = ".specgen-manifest"


class UnsafePath(ValueError):
    """A generated path that would land outside the output folder."""


def _safe(rel: str) -> PurePosixPath:
    p = PurePosixPath(rel)
    if p.is_absolute() or not p.parts or any(part in ("..", "", ".") for part in p.parts):
        raise UnsafePath(rel)
    return p


def manifest_text(files: dict[str, bytes]) -> bytes:
    return ("".join(f"{name}\n" for name in sorted(files))).encode()


def previous_manifest(out: Path) -> set[str]:
    path = out / MANIFEST
    if not path.is_file():
        return set()
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line}


def write_tree(out: Path, files: dict[str, bytes], *, clean: bool = False) -> None:
    """Replace `out` with the generated files in one step. Files specgen did not generate are
    carried over unless `clean`; files an earlier run generated but this one does not are gone."""
    for rel in files:
        _safe(rel)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    old_generated = previous_manifest(out)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.specgen-", dir=out.parent))
    try:
        if out.is_dir() and not clean:
            _carry_over(out, tmp, old_generated | set(files) | {MANIFEST})
        for rel, data in sorted(files.items()):
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (tmp / MANIFEST).write_bytes(manifest_text(files))
        _swap(out, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _carry_over(out: Path, tmp: Path, generated: set[str]) -> None:
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and rel not in generated and "__pycache__" not in path.parts:
            dest = tmp / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)


def _swap(out: Path, tmp: Path) -> None:
    if not out.exists():
        os.replace(tmp, out)
        return
    old = out.with_name(f".{out.name}.specgen-old")
    if old.exists():
        shutil.rmtree(old)
    os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def diff_tree(out: Path, files: dict[str, bytes]) -> tuple[str, str]:
    """(summary, unified diff) between `out` and the generated files; empty diff when equal."""
    expected = dict(files)
    expected[MANIFEST] = manifest_text(files)
    stale = previous_manifest(out) - set(expected)
    added, changed, removed = [], [], sorted(p for p in stale if (out / p).is_file())
    chunks: list[str] = []
    for rel in sorted(expected):
        path = out / rel
        new = expected[rel]
        if not path.is_file():
            added.append(rel)
            chunks.append(_diff(rel, b"", new))
        elif path.read_bytes() != new:
            changed.append(rel)
            chunks.append(_diff(rel, path.read_bytes(), new))
    for rel in removed:
        chunks.append(_diff(rel, (out / rel).read_bytes(), b""))
    summary = (
        f"specgen check: {len(added)} file(s) missing, {len(changed)} changed,"
        f" {len(removed)} no longer generated"
    )
    return summary, "".join(chunks)


def _diff(rel: str, old: bytes, new: bytes) -> str:
    a = old.decode("utf-8", "replace").splitlines(keepends=True)
    b = new.decode("utf-8", "replace").splitlines(keepends=True)
    lines = difflib.unified_diff(a, b, fromfile=f"a/{rel}", tofile=f"b/{rel}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
