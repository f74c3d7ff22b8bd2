"""A fast path for `specgen check`: a fingerprint of everything generation depends on (the spec
files, specgen's code and templates, the pinned ruff, the options) saved beside the output with
the hash of every file written. When both still match, the output is what generate would write,
without generating. Any doubt means the full check. The cache never decides drift on its own."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from generator.paths import PACKAGE, templates_dir

CACHE = ".specgen-cache"
_VERSION = 1


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _ruff_identity() -> str:
    """The formatter binary by path, size and modification time: a new ruff changes it (and
    this is much cheaper than importing importlib.metadata to ask for the version)."""
    from ruff import find_ruff_bin

    path = find_ruff_bin()
    st = os.stat(path)
    return f"{os.fsdecode(path)}\0{st.st_size}\0{st.st_mtime_ns}"


def fingerprint(spec_dir: Path, options: tuple[str | None, ...]) -> str | None:
    """Hash of the inputs of generation; None when something cannot be read (no fast path).
    Spec files count by name and content, not by folder: the output does not depend on layout."""
    h = hashlib.sha256(repr((_VERSION, options)).encode())
    try:
        h.update(_ruff_identity().encode())
        for root in (PACKAGE, templates_dir()):
            for p in sorted(root.rglob("*")):
                if p.is_file() and "__pycache__" not in p.parts:
                    h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
        spec = sorted((p.name, _digest(p.read_bytes())) for p in spec_dir.rglob("*") if p.is_file())
    except (OSError, ImportError):
        return None
    h.update(json.dumps(spec).encode())
    return h.hexdigest()


def save(out: Path, key: str | None, files: dict[str, bytes]) -> None:
    """Record what this generation wrote (best effort: a cache, not an output)."""
    if key is None:
        return
    record = {"fingerprint": key, "files": {p: _digest(d) for p, d in sorted(files.items())}}
    try:
        (out / CACHE).write_text(json.dumps(record, indent=0, sort_keys=True) + "\n")
    except OSError:
        pass


def up_to_date(out: Path, key: str | None) -> bool:
    """True only when the inputs are unchanged and every recorded file is still as written."""
    if key is None:
        return False
    try:
        record = json.loads((out / CACHE).read_text())
        if record.get("fingerprint") != key:
            return False
        return all(_digest((out / p).read_bytes()) == d for p, d in record["files"].items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
