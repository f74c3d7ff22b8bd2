"""Unify two descriptions of the same type: the sharper one wins where they agree."""

from __future__ import annotations

from generator import ir

_SHARPER = {
    ("number", "integer"): "integer",
    ("string", "datetime"): "datetime",
    ("string", "date"): "date",
}


def unify(a: ir.TypeRef, b: ir.TypeRef) -> ir.TypeRef | None:
    """The common, sharpest description of `a` and `b`, or None when they conflict."""
    if a == b:
        return a
    if isinstance(a, ir.Unknown):
        return b
    if isinstance(b, ir.Unknown):
        return a
    if isinstance(a, ir.Primitive) and isinstance(b, ir.Primitive):
        kind = _SHARPER.get((a.kind, b.kind)) or _SHARPER.get((b.kind, a.kind))
        return ir.Primitive(kind) if kind else None  # type: ignore[arg-type]
    if isinstance(a, ir.ListOf) and isinstance(b, ir.ListOf):
        item = unify(a.item, b.item)
        return ir.ListOf(item) if item is not None else None
    if isinstance(a, ir.MapOf) and isinstance(b, ir.MapOf):
        value = unify(a.value, b.value)
        return ir.MapOf(value) if value is not None else None
    if isinstance(a, ir.UnionOf) and isinstance(b, ir.UnionOf):
        if len(a.members) != len(b.members):
            return None
        members = [unify(x, y) for x, y in zip(a.members, b.members, strict=True)]
        if any(m is None for m in members):
            return None
        return ir.UnionOf(tuple(m for m in members if m is not None))
    if isinstance(a, ir.LiteralOf) and isinstance(b, ir.LiteralOf):
        return a if set(a.values) == set(b.values) else None
    # a named enum/type and its inline spelling: keep the name (checked when resolving)
    if isinstance(a, ir.Ref) and isinstance(b, (ir.LiteralOf, ir.Primitive)):
        return a
    if isinstance(b, ir.Ref) and isinstance(a, (ir.LiteralOf, ir.Primitive)):
        return b
    return None


def refs_in(ref: ir.TypeRef) -> list[str]:
    """Names of every type `ref` mentions, in order."""
    if isinstance(ref, ir.Ref):
        return [ref.name]
    if isinstance(ref, ir.ListOf):
        return refs_in(ref.item)
    if isinstance(ref, ir.MapOf):
        return refs_in(ref.value)
    if isinstance(ref, ir.UnionOf):
        return [n for m in ref.members for n in refs_in(m)]
    return []


def rename(ref: ir.TypeRef, mapping: dict[str, str]) -> ir.TypeRef:
    """`ref` with every Ref name replaced through `mapping` (the same object where nothing
    changes: the nodes are immutable, and most refs are left alone)."""
    if isinstance(ref, ir.Ref):
        name = mapping.get(ref.name)
        return ref if name is None or name == ref.name else ir.Ref(name)  # type: ignore[arg-type]
    if isinstance(ref, ir.ListOf):
        item = rename(ref.item, mapping)
        return ref if item is ref.item else ir.ListOf(item)
    if isinstance(ref, ir.MapOf):
        value = rename(ref.value, mapping)
        return ref if value is ref.value else ir.MapOf(value)
    if isinstance(ref, ir.UnionOf):
        members = tuple(rename(m, mapping) for m in ref.members)
        if all(new is old for new, old in zip(members, ref.members, strict=True)):
            return ref
        return ir.UnionOf(members, ref.discriminator)
    return ref
