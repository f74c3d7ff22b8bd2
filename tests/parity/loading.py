"""Importing a generated SDK from a folder, for the length of a comparison only, and finding its
models by name without importing all of them."""

from __future__ import annotations

import ast
import contextlib
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType


@contextlib.contextmanager
def imported(folder: Path, package: str) -> Iterator[ModuleType]:
    """`package` imported from `folder` (the directory that holds it). Any module of that name
    already imported is set aside and put back afterwards, so other tests that import a package
    of the same name (every generated SDK is `letta_sdk`) see theirs again."""
    if not (folder / package / "__init__.py").is_file():
        raise FileNotFoundError(f"no package {package!r} in {folder}")

    def ours(name: str) -> bool:
        return name == package or name.startswith(package + ".")

    saved = {name: mod for name, mod in sys.modules.items() if ours(name)}
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    importlib.invalidate_caches()
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(folder))
        for name in [n for n in sys.modules if ours(n)]:
            del sys.modules[name]
        sys.modules.update(saved)
        importlib.invalidate_caches()


class ClassIndex:
    """Where each public class of a package is defined (module paths relative to the package,
    private modules left out), read from the source; modules are imported on demand."""

    def __init__(self, root: Path, package: str) -> None:
        self.package = package
        self.by_name: dict[str, list[str]] = {}
        for file in sorted(root.rglob("*.py")):
            rel = file.relative_to(root).with_suffix("").parts
            if any(part.startswith("_") for part in rel if part != "__init__"):
                continue
            parts = rel[:-1] if rel[-1] == "__init__" else rel
            module = ".".join(parts)
            tree = ast.parse(file.read_bytes(), str(file))
            for node in tree.body:
                if isinstance(node, ast.ClassDef):
                    self.by_name.setdefault(node.name, []).append(module)

    def modules_of(self, name: str) -> list[str]:
        return self.by_name.get(name, [])

    def load(self, module: str, name: str) -> object:
        full = f"{self.package}.{module}" if module else self.package
        return getattr(importlib.import_module(full), name, None)
