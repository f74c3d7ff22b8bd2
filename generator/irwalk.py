"""The generic walks over the IR's type references and definitions, written once.

Every walk dispatches exhaustively over the closed unions (`assert_never`): a new node kind is a
type error here and in every other walk, never a silent fall-through. The walks are generic in the
kind of name a `Ref` holds, so the resolver uses them on the names the docs spell and the writers
on validated class names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, assert_never

from generator import ir
from generator.names import ClassName

A = TypeVar("A", bound=str)
B = TypeVar("B", bound=str)


def children(ref: ir.TypeRefOf[A]) -> tuple[ir.TypeRefOf[A], ...]:
    """The type references directly inside `ref`."""
    match ref:
        case ir.ListOf():
            return (ref.item,)
        case ir.MapOf():
            return (ref.value,)
        case ir.UnionOf():
            return ref.members
        case ir.Primitive() | ir.Unknown() | ir.Null() | ir.LiteralOf() | ir.Ref():
            return ()
        case _:
            assert_never(ref)


def refs_in(ref: ir.TypeRefOf[A]) -> list[A]:
    """Names of every type `ref` mentions, in order (repeats kept)."""
    if isinstance(ref, ir.Ref):
        return [ref.name]
    out: list[A] = []
    for child in children(ref):
        out.extend(refs_in(child))
    return out


def rename(ref: ir.TypeRefOf[A], name: Callable[[A], B]) -> ir.TypeRefOf[B]:
    """`ref` with every Ref's name replaced by `name(old)`. Nodes that hold no name are shared
    (they are immutable and the same in every name kind)."""
    match ref:
        case ir.Ref():
            return ir.Ref(name(ref.name))
        case ir.ListOf():
            return ir.ListOf(rename(ref.item, name))
        case ir.MapOf():
            return ir.MapOf(rename(ref.value, name))
        case ir.UnionOf():
            members = tuple(rename(m, name) for m in ref.members)
            return ir.UnionOf(members, ref.discriminator)
        case ir.Primitive() | ir.Unknown() | ir.Null() | ir.LiteralOf():
            return ref
        case _:
            assert_never(ref)


def rename_within(ref: ir.TypeRefOf[A], mapping: dict[A, A]) -> ir.TypeRefOf[A]:
    """`ref` with the names in `mapping` replaced, the same object where none occurs (most refs
    are left alone)."""
    if not mapping or not any(n in mapping for n in refs_in(ref)):
        return ref
    return rename(ref, lambda n: mapping.get(n, n))


def map_unions(ref: ir.TypeRef, f: Callable[[ir.UnionOf[ClassName]], ir.TypeRef]) -> ir.TypeRef:
    """`ref` with every anonymous union (innermost first) replaced by `f(union)`; the same node
    where `f` changes nothing."""
    match ref:
        case ir.ListOf():
            item = map_unions(ref.item, f)
            return ref if item is ref.item else ir.ListOf(item)
        case ir.MapOf():
            value = map_unions(ref.value, f)
            return ref if value is ref.value else ir.MapOf(value)
        case ir.UnionOf():
            members = tuple(map_unions(m, f) for m in ref.members)
            same = all(new is old for new, old in zip(members, ref.members, strict=True))
            return f(ref if same else ir.UnionOf(members, ref.discriminator))
        case ir.Primitive() | ir.Unknown() | ir.Null() | ir.LiteralOf() | ir.Ref():
            return ref
        case _:
            assert_never(ref)


def typedef_refs(t: ir.TypeDef) -> tuple[ir.TypeRef, ...]:
    """The type references a definition holds directly."""
    match t:
        case ir.ObjectType():
            return tuple(f.type for f in t.fields)
        case ir.UnionType():
            return t.members
        case ir.AliasType():
            return (t.target,)
        case ir.EnumType():
            return ()
        case _:
            assert_never(t)


def typedef_deps(t: ir.TypeDef) -> list[ClassName]:
    """Names a definition mentions, in order."""
    return [n for ref in typedef_refs(t) for n in refs_in(ref)]


def show(ref: ir.TypeRefOf[A]) -> str:
    """A short human spelling of a type reference, for messages."""
    match ref:
        case ir.Ref():
            return str(ref.name)
        case ir.ListOf():
            return f"a list of {show(ref.item)}"
        case ir.MapOf():
            return f"a map of {show(ref.value)}"
        case ir.Primitive():
            return ref.kind
        case ir.Unknown() | ir.Null() | ir.LiteralOf() | ir.UnionOf():
            return type(ref).__name__.lower()
        case _:
            assert_never(ref)
