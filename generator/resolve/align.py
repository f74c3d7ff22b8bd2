"""Align a flat web listing (no indentation, so no nesting) against the structure that the
structured flavors give, so its extra facts (SDK names, sharper types, constraints) land on the
right field: the listing is a pre-order rendering of the type tree, possibly with gaps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from generator import ir, irwalk, naming
from generator.diagnostics import Diagnostics
from generator.facts import Entry, FieldEntry, ValueEntry
from generator.names import DocName
from generator.resolve.collect import Collector, Ctx
from generator.resolve.merge import Merged, MergedField, MergedObject, field_key
from generator.resolve.observations import FieldObs, RawType
from generator.resolve.unify import unify


def preorder(root: DocName, merged: Mapping[DocName, Merged]) -> list[tuple[DocName, str]]:
    """(owner type, field key) of every field reachable from `root`, parents before children."""
    out: list[tuple[DocName, str]] = []
    stack: list[tuple[DocName, int, frozenset[DocName]]] = [(root, 0, frozenset({root}))]
    # iterative DFS: a frame is (type name, next field index, types on the path)
    while stack:
        name, index, path = stack.pop()
        obj = merged.get(name)
        if not isinstance(obj, MergedObject) or index >= len(obj.fields):
            continue
        f = obj.fields[index]
        out.append((name, f.key))
        stack.append((name, index + 1, path))
        for child in reversed(_object_refs(f.type, merged)):
            if child not in path:
                stack.append((child, 0, path | {child}))
    return out


def _object_refs(ref: RawType, merged: Mapping[DocName, Merged]) -> list[DocName]:
    return [n for n in irwalk.refs_in(ref) if isinstance(merged.get(n), MergedObject)]


def align(
    root: DocName,
    entries: tuple[Entry, ...],
    merged: Mapping[DocName, Merged],
    collector: Collector,
    ctx: Ctx,
    diags: Diagnostics,
) -> dict[DocName, list[FieldObs]]:
    """Field observations by owner type for each flat entry that finds its place."""
    order = preorder(root, merged)
    found: dict[DocName, list[FieldObs]] = {}
    pos = 0
    for entry in entries:
        if not isinstance(entry, FieldEntry):
            continue
        key = field_key(entry.name)
        hit = _find(order, key, pos)
        if hit is None:
            diags.warning(
                entry.span,
                "M005",
                f"{entry.name} matches no documented field of {naming.shown(root)}",
            )
            continue
        pos = hit + 1
        owner = order[hit][0]
        values_only = tuple(c for c in entry.children if isinstance(c, ValueEntry))
        bare = FieldEntry(
            entry.name,
            entry.type,
            entry.optional,
            entry.span,
            entry.description,
            entry.constraints,
            entry.default,
            values_only,
        )
        obs = collector.field(bare, ctx.enter(owner))
        if obs is None:
            continue
        known = _field(merged, owner, key)
        if known is not None and unify(known.type, obs.type) is None:
            # a flat listing cannot show the nesting that disambiguates `array of A or B or C`
            diags.note(
                entry.span,
                "M005",
                f"{entry.name}: the flat listing's type is ambiguous; the structured one is kept",
            )
            obs = replace(obs, type=ir.Unknown())
        found.setdefault(owner, []).append(obs)
    return found


def _field(merged: Mapping[DocName, Merged], owner: DocName, key: str) -> MergedField | None:
    obj = merged.get(owner)
    if isinstance(obj, MergedObject):
        return next((f for f in obj.fields if f.key == key), None)
    return None


def _find(order: list[tuple[DocName, str]], key: str, start: int) -> int | None:
    """Next match at or after `start`; else the first match anywhere (a listing may jump back)."""
    for i in range(start, len(order)):
        if order[i][1] == key:
            return i
    for i in range(0, start):
        if order[i][1] == key:
            return i
    return None
