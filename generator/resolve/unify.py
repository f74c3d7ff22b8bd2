"""Unify two descriptions of the same type: the sharper one wins where they agree."""

from __future__ import annotations

from typing import assert_never

from generator import ir, naming
from generator.resolve.observations import RawType

_SHARPER: dict[tuple[str, str], ir.PrimitiveKind] = {
    ("number", "integer"): "integer",
    ("string", "datetime"): "datetime",
    ("string", "date"): "date",
}


def unify(a: RawType, b: RawType) -> RawType | None:
    """The common, sharpest description of `a` and `b`, or None when they conflict."""
    if a == b:
        return a
    if isinstance(a, ir.Unknown):
        return b
    if isinstance(b, ir.Unknown):
        return a
    # a named enum/type and its inline spelling: keep the name (checked when resolving)
    if isinstance(a, ir.Ref) and isinstance(b, (ir.LiteralOf, ir.Primitive)):
        return a
    if isinstance(b, ir.Ref) and isinstance(a, (ir.LiteralOf, ir.Primitive)):
        return b
    match a:
        case ir.Primitive():
            if not isinstance(b, ir.Primitive):
                return None
            kind = _SHARPER.get((a.kind, b.kind)) or _SHARPER.get((b.kind, a.kind))
            return ir.Primitive(kind) if kind else None
        case ir.ListOf():
            if not isinstance(b, ir.ListOf):
                return None
            item = unify(a.item, b.item)
            return ir.ListOf(item) if item is not None else None
        case ir.MapOf():
            if not isinstance(b, ir.MapOf):
                return None
            value = unify(a.value, b.value)
            return ir.MapOf(value) if value is not None else None
        case ir.UnionOf():
            if not isinstance(b, ir.UnionOf) or len(a.members) != len(b.members):
                return None
            members = [unify(x, y) for x, y in zip(a.members, b.members, strict=True)]
            kept = tuple(m for m in members if m is not None)
            return ir.UnionOf(kept) if len(kept) == len(members) else None
        case ir.LiteralOf():
            if not isinstance(b, ir.LiteralOf):
                return None
            return a if set(a.values) == set(b.values) else None
        case ir.Ref():
            # two places' keys of one docs name (`naming.TypeKey`): the same name as far as
            # merging one type's descriptions goes; whether they are one type is decided later
            if not isinstance(b, ir.Ref):
                return None
            if naming.shown(a.name) == naming.shown(b.name):
                return a
            # a name specgen made up for what another place names: the docs' name (whether
            # the two are one shape is checked once types are merged: `resolve.check`)
            if naming.made_up(a.name) != naming.made_up(b.name):
                return b if naming.made_up(a.name) else a
            # the Python flavor's input twin `XParam` of `X` (`resolve.scoping` makes them one)
            if naming.input_twin_of(naming.shown(b.name)) == naming.shown(a.name):
                return a
            if naming.input_twin_of(naming.shown(a.name)) == naming.shown(b.name):
                return b
            return None
        case ir.Null():
            return None  # not equal (checked first)
        case _:
            assert_never(a)
