"""No silent merge, no silent loss, on the whole reference (`spec/`): every summary the docs give
(`Name object { a, b, N more }`, `A or B or N more`, `Literal["a", N more]`) is a checksum that
some IR type satisfies, and every operation each flavor documents is in the IR. Checked against
the reader's facts, not against the resolver's own bookkeeping."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from paths import SPEC

from generator import ir, irwalk
from generator.diagnostics import Diagnostics
from generator.facts import (
    DeclEntry,
    DocumentFacts,
    Entry,
    FieldEntry,
    TArray,
    TExpr,
    TLiteral,
    TMap,
    TObject,
    TUnion,
    TypeEntry,
)
from generator.pipeline import load
from generator.readers import read_spec


@pytest.fixture(scope="module")
def docs() -> list[DocumentFacts]:
    return read_spec(SPEC, Diagnostics())


@pytest.fixture(scope="module")
def api() -> ir.Api:
    loaded = load(SPEC)
    assert not loaded.diags.has_errors, loaded.diags.render()
    return loaded.api


def _entries(doc: DocumentFacts) -> Iterator[Entry]:
    todo: list[Entry] = list(doc.types)
    for op in doc.operations:
        todo.extend(p.field for p in op.params)
        todo.extend(op.returns or ())
    while todo:
        e = todo.pop()
        yield e
        if isinstance(e, (FieldEntry, TypeEntry, DeclEntry)):
            todo.extend(e.children)


def _exprs(expr: TExpr) -> Iterator[TExpr]:
    yield expr
    match expr:
        case TArray():
            yield from _exprs(expr.item)
        case TMap():
            yield from _exprs(expr.value)
        case TUnion():
            for m in expr.members:
                yield from _exprs(m)
        case _:
            pass


def _written(docs: list[DocumentFacts]) -> Iterator[tuple[str, TExpr]]:
    for doc in docs:
        for e in _entries(doc):
            if isinstance(e, (FieldEntry, TypeEntry, DeclEntry)):
                for x in _exprs(e.type):
                    yield str(e.span), x


def _refs(ref: ir.TypeRef) -> Iterator[ir.TypeRef]:
    yield ref
    for child in irwalk.children(ref):
        yield from _refs(child)


def _all_refs(api: ir.Api) -> Iterator[ir.TypeRef]:
    for t in api.types:
        for r in irwalk.typedef_refs(t):
            yield from _refs(r)
    for op in api.operations:
        for p in op.params:
            yield from _refs(p.type)
        if op.response is not None:
            yield from _refs(op.response)


def _fits(t: ir.ObjectType, total: int, listed: set[str]) -> bool:
    names = {f.wire_name for f in t.fields} | {f.name for f in t.fields}
    return len(t.fields) == total and listed <= names


def test_every_object_summary_names_a_type_with_those_fields(docs, api) -> None:
    objects = [t for t in api.types if isinstance(t, ir.ObjectType)]
    checked, wrong = 0, []
    for where, x in _written(docs):
        if not (isinstance(x, TObject) and x.name and x.field_names is not None):
            continue
        checked += 1
        total, listed = len(x.field_names) + x.more, set(x.field_names)

        # some type has exactly those fields: a copy merged with another shape has more. (By
        # shape, not name: a variant titled locally, `URL object`, takes the Python flavor's
        # name, and one told apart from a type of its title is named after its place.)
        if not any(_fits(t, total, listed) for t in objects):
            wrong.append(f"{where}: {x.name} {{ {', '.join(x.field_names)}, {x.more} more }}")
    assert checked
    assert not wrong, "\n".join(wrong[:20])


def test_every_elided_union_or_literal_is_whole_in_the_ir(docs, api) -> None:
    unions: set[int] = set()
    literals: set[tuple[object, ...]] = set()
    for r in _all_refs(api):
        if isinstance(r, ir.UnionOf):
            unions.add(len([m for m in r.members if not isinstance(m, ir.Null)]))
        elif isinstance(r, ir.LiteralOf):
            literals.add(r.values)
    for t in api.types:
        if isinstance(t, ir.UnionType):
            unions.add(len(t.members))
        elif isinstance(t, ir.EnumType):
            literals.add(t.values)
    checked, wrong = 0, []
    for where, x in _written(docs):
        if isinstance(x, TUnion) and x.more:
            checked += 1
            total = len(x.members) + x.more
            if total not in unions:
                wrong.append(f"{where}: a union of {total} members")
        elif isinstance(x, TLiteral) and x.more:
            checked += 1
            total = len(x.values) + x.more
            if not any(len(v) == total and v[: len(x.values)] == x.values for v in literals):
                wrong.append(f"{where}: {total} values beginning {x.values}")
    assert checked
    assert not wrong, "\n".join(wrong[:20])


def test_every_operation_each_flavor_documents_is_in_the_ir(docs, api) -> None:
    ops = {(op.method, op.path.rstrip("/") or "/") for op in api.operations}
    for flavor in ("http", "python"):
        documented = {
            (op.method, (op.path or "").rstrip("/") or "/")
            for doc in docs
            if doc.flavor == flavor
            for op in doc.operations
            if op.method and op.path
        }
        assert documented == ops, (flavor, sorted(documented ^ ops)[:10])
    signatures = {
        (op.method, (op.path or "").rstrip("/") or "/")
        for doc in docs
        for op in doc.operations
        if op.sdk is not None and op.method and op.path
    }
    assert signatures == ops
