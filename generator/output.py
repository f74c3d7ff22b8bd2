"""Writing and comparing the output tree: atomic replacement, a manifest of what specgen wrote,
and a unified diff for `specgen check`."""

from __future__ import annotations

import difflib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

MANIFEST = ".specgen-manifest"


class UnsafePath(ValueError):
    """A generated path that would land outside the output folder."""


class NotAFolder(ValueError):
    """`--out` names something that exists and is not a folder (it is left alone)."""


class InTheWay(ValueError):
    """A file or symlink of the user's in `--out` is where a generated folder must go."""


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


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """An empty folder beside `out` to build the new tree in (same file system, so the swap is
    a rename), with the permissions `out` has. `write_tree(..., staged=)` consumes it; it is
    removed if anything fails first."""
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise NotAFolder(str(out))
    made = [p for p in (out.parent, *out.parent.parents) if not p.exists()]  # deepest first
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.specgen-", dir=out.parent))
    try:
        os.chmod(tmp, _folder_mode(out))  # mkdtemp makes it private (0700); the output is not
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        for folder in made:  # a failed run leaves no trace, not even the folders it made
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # nothing left after a successful swap


def write_tree(
    out: Path, files: dict[str, bytes], *, clean: bool = False, staged: Path | None = None
) -> None:
    """Replace `out` with the generated files in one step. Files specgen did not generate are
    carried over unless `clean`; files an earlier run generated but this one does not are gone.
    `staged` is a folder from `staging(out)` that may already hold some of the files (those
    with the right bytes are not written again)."""
    for rel in files:
        _safe(rel)
    if staged is not None:
        _fill(out.resolve(), staged, files, clean)
        return
    with staging(out) as tmp:
        _fill(out.resolve(), tmp, files, clean)


def _fill(out: Path, tmp: Path, files: dict[str, bytes], clean: bool) -> None:
    """Complete the new tree in `tmp` and swap it in for `out`."""
    if out.is_dir() and not clean:
        _carry_over(out, tmp, previous_manifest(out) | set(files) | {MANIFEST}, set(files))
    for rel, data in sorted(files.items()):
        target = tmp / rel
        if target.is_file() and target.read_bytes() == data:
            continue  # staged by the formatter
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (tmp / MANIFEST).write_bytes(manifest_text(files))
    _swap(out, tmp)


def _folder_mode(out: Path) -> int:
    """The permissions `out` has, or those a new folder gets (0777 less the umask)."""
    if out.is_dir():
        return stat.S_IMODE(out.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _ancestors(paths: set[str]) -> set[str]:
    return {parent.as_posix() for p in paths for parent in PurePosixPath(p).parents} - {"."}


def _carry_over(out: Path, tmp: Path, generated: set[str], new: set[str]) -> None:
    """Copy into `tmp` everything in `out` that specgen did not generate, as it is: files,
    symlinks (never followed, so never written through) and folders, empty ones too. Folders
    that hold generated files are walked; the others are copied whole. `__pycache__` folders of
    the generated packages are dropped. Something of the user's where a generated folder must
    go is an error (InTheWay), not a deletion."""
    generated_dirs = _ancestors(generated)
    new_dirs = _ancestors(new)
    for dirpath, dirnames, filenames in os.walk(out):
        base = Path(dirpath).relative_to(out)
        for name in sorted(dirnames):
            rel = (base / name).as_posix()
            path = out / rel
            if name == "__pycache__" and base.as_posix() in generated_dirs | {"."}:
                dirnames.remove(name)  # caches of generated modules
            elif path.is_symlink():
                dirnames.remove(name)
                _keep(path, tmp / rel, rel, new_dirs)
            elif rel not in generated_dirs:  # nothing generated in there: the user's folder
                dirnames.remove(name)
                shutil.copytree(path, tmp / rel, symlinks=True)
        for name in sorted(filenames):
            rel = (base / name).as_posix()
            if rel not in generated:
                _keep(out / rel, tmp / rel, rel, new_dirs)


def _keep(path: Path, dest: Path, rel: str, new_dirs: set[str]) -> None:
    """One file or symlink of the user's, copied as it is."""
    if rel in new_dirs:
        raise InTheWay(rel)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        os.symlink(os.readlink(path), dest)
    else:
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
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
