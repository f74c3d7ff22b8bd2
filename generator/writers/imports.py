"""Import statements and `__all__` laid out as ruff's isort rules (I001, RUF022) lay them out, so
that the formatter finds nothing to change in most generated files (it still has the last word:
what it does change costs a rewrite, never a different result)."""

from __future__ import annotations

import re
import sys

from generator.writers.pytypes import Import

LINE_LENGTH = 100  # as the formatter is told (`writers.format.RUFF_ARGS`)

_DIGITS = re.compile(r"(\d+)")


NaturalKey = tuple[tuple[int, int | str], ...]


def _natural(text: str) -> NaturalKey:
    """`part2` before `part10`, as ruff orders names (digit runs by value)."""
    return tuple((1, int(p)) if p.isdigit() else (0, p) for p in _DIGITS.split(text) if p)


def _member_key(name: str) -> tuple[int, NaturalKey, NaturalKey]:
    """isort's order by type: CONSTANTS, then Classes, then functions and variables."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return (kind, _natural(name.lower()), _natural(name))


def _module_key(module: str) -> tuple[int, NaturalKey, NaturalKey]:
    """Relative modules furthest first (`..x` before `.y`), then by name, case aside."""
    dots = len(module) - len(module.lstrip("."))
    rest = module[dots:]
    return (-dots, _natural(rest.lower()), _natural(rest))


def _section(imp: Import, first_party: tuple[str, ...]) -> int:
    if imp.module.startswith("."):
        return 4
    top = (imp.module or imp.name).split(".")[0]
    if top == "__future__":
        return 0
    if top in first_party:
        return 3
    return 1 if top in sys.stdlib_module_names else 2


def _from_line(module: str, names: list[str]) -> list[str]:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return [line]
    return [f"from {module} import (", *(f"    {n}," for n in names), ")"]


def import_block(imports: set[Import], first_party: tuple[str, ...] = ()) -> list[str]:
    """Import lines in isort's sections (future, stdlib, third party, first party, relative)
    with a blank line between sections; `Import("", name)` is `import name`."""
    sections: dict[int, set[Import]] = {}
    for imp in imports:
        sections.setdefault(_section(imp, first_party), set()).add(imp)
    out: list[str] = []
    for number in sorted(sections):
        if out:
            out.append("")
        plain = sorted({i.name for i in sections[number] if not i.module}, key=_module_key)
        out.extend(f"import {name}" for name in plain)
        by_module: dict[str, set[str]] = {}
        for imp in sections[number]:
            if imp.module:
                by_module.setdefault(imp.module, set()).add(imp.name)
        for module in sorted(by_module, key=_module_key):
            out.extend(_from_line(module, sorted(by_module[module], key=_member_key)))
    return out


def sorted_all(names: list[str]) -> list[str]:
    """`__all__` in ruff's (RUF022) isort-style order: CONSTANTS, Classes, functions."""
    return sorted(names, key=_member_key)
