"""From merged descriptions to IR definitions: validated names, constraints, discriminators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import assert_never

from generator import ir, irwalk, naming
from generator.diagnostics import Diagnostics
from generator.facts import Constraint
from generator.names import ClassName, DocName
from generator.resolve.merge import Merged, MergedObject
from generator.resolve.observations import AliasObs, EnumObs, UnionObs

_CONSTRAINTS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "pattern": "pattern",
    "minItems": "min_items",
    "maxItems": "max_items",
}


def constraints(found: dict[str, Constraint], owner: str, diags: Diagnostics) -> ir.Constraints:
    """Documented constraints in IR form; unknown ones are reported, not dropped silently."""
    if not found:
        return ir.NO_CONSTRAINTS  # most fields (IR nodes are immutable: one shared value)
    texts: dict[str, str] = {}
    counts: dict[str, int] = {}
    bounds: dict[str, float] = {}
    for name in sorted(found):
        c = found[name]
        attr = _CONSTRAINTS.get(name)
        if attr is None:
            diags.warning(c.span, "D010", f"{owner}: constraint {name!r} is not understood")
        elif attr in ir.TEXT_CONSTRAINTS:
            if isinstance(c.value, str):
                texts[attr] = c.value
            else:
                diags.warning(c.span, "D010", f"{owner}: {name} must be text")
        elif isinstance(c.value, bool) or not isinstance(c.value, (int, float)):
            diags.warning(c.span, "D010", f"{owner}: {name} must be a number, got {c.value!r}")
        elif attr in ir.COUNT_CONSTRAINTS:
            if isinstance(c.value, int) or c.value.is_integer():
                counts[attr] = int(c.value)
            else:
                diags.warning(c.span, "D010", f"{owner}: {name} must be a whole number")
        else:
            bounds[attr] = c.value
    return ir.Constraints.of(texts, counts, bounds)


def to_typedefs(
    merged: Mapping[DocName, Merged],
    names: Mapping[DocName, ClassName],
    diags: Diagnostics,
    scopes: Mapping[DocName, ir.Scope] | None = None,
    local: Mapping[DocName, DocName] | None = None,
) -> list[ir.TypeDef]:
    """IR definitions for every merged type, with Refs renamed to valid class names, each with
    its scope and, where the flat name differs, its name in that scope."""
    out: list[ir.TypeDef] = []
    classes = frozenset(names.values())
    resolved = naming.resolver(names)
    for raw in sorted(merged, key=lambda r: names[r]):
        m = merged[raw]
        cname = names[raw]
        scope = scopes.get(raw, ()) if scopes else ()
        own = (local or {}).get(raw)
        lname = ClassName.sanitize(own)[0] if own and own != raw else None
        match m:
            case MergedObject():
                t: ir.TypeDef = _object_type(raw, cname, m, resolved, classes, diags)
            case EnumObs():
                t = ir.EnumType(cname, m.values, m.span, m.description)
            case UnionObs():
                members = tuple(irwalk.rename(x, resolved) for x in m.members)
                t = ir.UnionType(cname, members, m.span, m.description)
            case AliasObs():
                target = irwalk.rename(m.target, resolved)
                t = ir.AliasType(cname, target, m.span, m.description)
            case _:
                assert_never(m)
        out.append(replace(t, scope=scope, local_name=lname) if scope or lname else t)
    return out


def _object_type(
    raw: DocName,
    cname: ClassName,
    m: MergedObject,
    resolved: naming.Resolver,
    classes: frozenset[str],
    diags: Diagnostics,
) -> ir.ObjectType:
    spellings = [
        naming.Spelling(f.python, f.wire or f.python or f.key, f.key, f.span) for f in m.fields
    ]
    py_names = naming.attribute_names(raw, spellings, diags, classes)
    fields = tuple(
        ir.Field(
            name=py,
            wire_name=f.wire or f.python or f.key,
            type=irwalk.rename(f.type, resolved),
            required=f.required,
            nullable=f.nullable,
            span=f.span,
            description=f.description,
            constraints=constraints(f.constraints, f"{raw}.{py}", diags),
            default=f.default,
        )
        for f, py in zip(m.fields, py_names, strict=True)
    )
    return ir.ObjectType(cname, fields, m.span, m.description)


Types = Mapping[ClassName, ir.TypeDef]


def discriminate(types: list[ir.TypeDef], diags: Diagnostics) -> list[ir.TypeDef]:
    """Give every union whose object members carry distinct literal tags its discriminator."""
    by_name: Types = {t.name: t for t in types}

    def tagged(union: ir.UnionOf[ClassName]) -> ir.TypeRef:
        disc = find_discriminator(union.members, by_name)
        return union if disc == union.discriminator else ir.UnionOf(union.members, disc)

    types = _tags_default_to_their_value(types, by_name)
    by_name = {t.name: t for t in types}
    out: list[ir.TypeDef] = []
    for t in types:
        match t:
            case ir.UnionType():
                members = tuple(irwalk.map_unions(m, tagged) for m in t.members)
                disc = find_discriminator(members, by_name)
                if disc is None and all(_object(m, by_name) for m in members):
                    diags.note(t.span, "M011", f"{t.name}: variants share no distinct tag")
                out.append(replace(t, members=members, discriminator=disc))
            case ir.ObjectType():
                fields = tuple(
                    _replace_type(f, irwalk.map_unions(f.type, tagged)) for f in t.fields
                )
                out.append(replace(t, fields=fields))
            case ir.AliasType():
                target = irwalk.map_unions(t.target, tagged)
                out.append(replace(t, target=target))
            case ir.EnumType():
                out.append(t)
            case _:
                assert_never(t)
    return out


def _tags_default_to_their_value(types: list[ir.TypeDef], by_name: Types) -> list[ir.TypeDef]:
    """In a discriminated union, a member's optional tag means its one value: it defaults to it
    and is never null (what a tag is for; pydantic and OpenAPI discriminators require it)."""
    tags: dict[ClassName, set[str]] = {}  # object name -> tag properties

    def collect(members: tuple[ir.TypeRef, ...]) -> None:
        disc = find_discriminator(members, by_name)
        if disc is not None:
            for _, name in disc.mapping:
                tags.setdefault(name, set()).add(disc.property)

    def walk(ref: ir.TypeRef) -> None:
        if isinstance(ref, ir.UnionOf):
            collect(ref.members)
        for child in irwalk.children(ref):
            walk(child)

    for t in types:
        if isinstance(t, ir.UnionType):
            collect(t.members)
        else:
            for ref in irwalk.typedef_refs(t):
                walk(ref)
    out: list[ir.TypeDef] = []
    for t in types:
        if isinstance(t, ir.ObjectType) and t.name in tags:
            fields = tuple(
                _as_tag(f, f.type) if f.wire_name in tags[t.name] and not f.required else f
                for f in t.fields
            )
            t = replace(t, fields=fields)  # keeps its scope and name in scope
        out.append(t)
    return out


def _as_tag(f: ir.Field, tag: ir.TypeRef) -> ir.Field:
    """A tag field (a one-value literal: `find_discriminator` chose it) that defaults to its value."""
    if not isinstance(tag, ir.LiteralOf) or len(tag.values) != 1:
        raise ValueError(f"{f.name} is not a tag")
    return ir.Field(
        f.name, f.wire_name, tag, f.required, False, f.span, f.description, f.constraints,
        tag.values[0],
    )  # fmt: skip


def _replace_type(f: ir.Field, new: ir.TypeRef) -> ir.Field:
    if new is f.type:
        return f
    return ir.Field(
        f.name, f.wire_name, new, f.required, f.nullable, f.span, f.description,
        f.constraints, f.default,
    )  # fmt: skip


def _object(ref: ir.TypeRef, by_name: Types) -> ir.ObjectType | None:
    if isinstance(ref, ir.Ref):
        t = by_name.get(ref.name)
        return t if isinstance(t, ir.ObjectType) else None
    return None


def find_discriminator(members: tuple[ir.TypeRef, ...], by_name: Types) -> ir.Discriminator | None:
    """A property every member has as a one-value literal, distinct per member; `type` first."""
    objects = [o for m in members if (o := _object(m, by_name)) is not None]
    if len(objects) < 2 or len(objects) != len(members):
        return None
    tags: dict[str, list[tuple[ir.Scalar, ClassName]]] = {}
    for obj in objects:
        for f in obj.fields:
            if isinstance(f.type, ir.LiteralOf) and len(f.type.values) == 1:
                tags.setdefault(f.wire_name, []).append((f.type.values[0], obj.name))
    candidates = [
        p
        for p, pairs in tags.items()
        if len(pairs) == len(objects) and len({v for v, _ in pairs}) == len(pairs)
    ]
    if not candidates:
        return None
    prop = "type" if "type" in candidates else sorted(candidates)[0]
    return ir.Discriminator(prop, tuple(tags[prop]))


def reachable(
    types: list[ir.TypeDef], ops: tuple[ir.Operation, ...], made_up: set[ClassName]
) -> list[ir.TypeDef]:
    """The types, without those specgen made up that nothing uses any more (a synthesized copy
    folded into a documented type, a spelled-out response the docs name elsewhere)."""
    by_name = {t.name: t for t in types}
    seen: set[ClassName] = set()
    todo: list[ClassName] = [t.name for t in types if t.name not in made_up]
    for op in ops:
        refs = [p.type for p in op.params]
        refs += [r for r in (op.body, op.response) if r is not None]
        todo.extend(n for r in refs for n in irwalk.refs_in(r))
    while todo:
        name = todo.pop()
        if name in seen or name not in by_name:
            continue
        seen.add(name)
        todo.extend(irwalk.typedef_deps(by_name[name]))
    return [t for t in types if t.name in seen]
