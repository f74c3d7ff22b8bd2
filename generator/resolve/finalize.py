"""From merged descriptions to IR definitions: validated names, constraints, discriminators."""

from __future__ import annotations

from generator import ir
from generator.resolve.merge import Merged, MergedField, MergedObject
from generator.resolve.observations import AliasObs, EnumObs, UnionObs
from generator.resolve.unify import rename
from generator.diagnostics import Diagnostics
from generator.facts import Constraint
from generator.names import ClassName, PyName

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


def class_names(merged: dict[str, Merged], diags: Diagnostics) -> dict[str, str]:
    """Raw docs name -> valid class name; rewrites and collisions are reported."""
    out: dict[str, str] = {}
    taken: dict[str, str] = {}
    for raw in sorted(merged):
        name, changed = ClassName.sanitize(raw)
        span = merged[raw].span
        if changed:
            diags.warning(span, "M010", f"type name {raw!r} is not a class name; using {name}")
        if name in taken:
            diags.error(span, "M009", f"type name {raw!r} collides with {taken[name]!r} as {name}")
        taken[name] = raw
        out[raw] = name
    return out


def constraints(found: dict[str, Constraint], owner: str, diags: Diagnostics) -> ir.Constraints:
    """Documented constraints in IR form; unknown ones are reported, not dropped silently."""
    if not found:
        return ir.NO_CONSTRAINTS  # most fields (IR nodes are immutable: one shared value)
    values: dict[str, object] = {}
    for name in sorted(found):
        c = found[name]
        attr = _CONSTRAINTS.get(name)
        if attr is None:
            diags.warning(c.span, "D010", f"{owner}: constraint {name!r} is not understood")
            continue
        if attr == "pattern":
            if not isinstance(c.value, str):
                diags.warning(c.span, "D010", f"{owner}: pattern must be text")
                continue
        elif isinstance(c.value, bool) or not isinstance(c.value, (int, float)):
            diags.warning(c.span, "D010", f"{owner}: {name} must be a number, got {c.value!r}")
            continue
        values[attr] = c.value
    return ir.Constraints(**values)  # type: ignore[arg-type]


def field_names(
    owner: str,
    fields: list[MergedField],
    diags: Diagnostics,
    classes: frozenset[str] = frozenset(),
) -> list[PyName]:
    """SDK attribute names: the Python docs' spelling, else the wire name without a trailing
    underscore (`metadata_` -> `metadata`, as the Python docs spell such fields) when free.
    A name equal to a type's class name is suffixed: it would hide the class in annotations."""
    wires = {f.wire or f.python or f.key for f in fields}
    names: list[PyName] = []
    used: set[str] = set()
    for f in fields:
        wire = f.wire or f.python or f.key
        raw = f.python or (f.key if f.key not in wires or f.key == wire else wire)
        name, changed = PyName.sanitize(raw)
        docs_name = f.python or wire  # as the docs spell it
        if name in classes:
            name = PyName(name + "_")
            diags.warning(f.span, "M009", f"{owner}.{docs_name} is a type's name; using {name}")
        elif changed:
            diags.warning(f.span, "M010", f"{owner}.{docs_name} is not a Python name; using {name}")
        while name in used:
            diags.warning(
                f.span, "M009", f"{owner}.{docs_name} collides with another field; renamed"
            )
            name = PyName(name + "_")
        used.add(name)
        names.append(name)
    return names


def to_typedefs(
    merged: dict[str, Merged], names: dict[str, str], diags: Diagnostics
) -> list[ir.TypeDef]:
    """IR definitions for every merged type, with Refs renamed to valid class names."""
    out: list[ir.TypeDef] = []
    classes = frozenset(names.values())
    for raw in sorted(merged, key=lambda r: names[r]):
        m = merged[raw]
        cname = ClassName(names[raw])
        if isinstance(m, MergedObject):
            fields = []
            py_names = field_names(raw, m.fields, diags, classes)
            for f, py in zip(m.fields, py_names, strict=True):
                fields.append(
                    ir.Field(
                        name=py,
                        wire_name=f.wire or f.python or f.key,
                        type=rename(f.type, names),
                        required=f.required,
                        nullable=f.nullable,
                        span=f.span,
                        description=f.description,
                        constraints=constraints(f.constraints, f"{raw}.{py}", diags),
                        default=f.default,
                    )
                )
            out.append(ir.ObjectType(cname, tuple(fields), m.span, m.description))
        elif isinstance(m, EnumObs):
            out.append(ir.EnumType(cname, m.values, m.span, m.description))
        elif isinstance(m, UnionObs):
            members = tuple(rename(x, names) for x in m.members)
            out.append(ir.UnionType(cname, members, m.span, m.description))
        elif isinstance(m, AliasObs):
            out.append(ir.AliasType(cname, rename(m.target, names), m.span, m.description))
    return out


def discriminate(types: list[ir.TypeDef], diags: Diagnostics) -> list[ir.TypeDef]:
    """Give every union whose object members carry distinct literal tags its discriminator."""
    by_name = {t.name: t for t in types}

    def visit(ref: ir.TypeRef) -> ir.TypeRef:
        """`ref` with its unions' discriminators; the same node where nothing changes."""
        if isinstance(ref, ir.ListOf):
            item = visit(ref.item)
            return ref if item is ref.item else ir.ListOf(item)
        if isinstance(ref, ir.MapOf):
            value = visit(ref.value)
            return ref if value is ref.value else ir.MapOf(value)
        if isinstance(ref, ir.UnionOf):
            members = tuple(visit(m) for m in ref.members)
            disc = find_discriminator(members, by_name)
            if disc == ref.discriminator and members == ref.members:
                return ref
            return ir.UnionOf(members, disc)
        return ref

    types = _tags_default_to_their_value(types, by_name)
    by_name = {t.name: t for t in types}
    out: list[ir.TypeDef] = []
    for t in types:
        if isinstance(t, ir.UnionType):
            members = tuple(visit(m) for m in t.members)
            disc = find_discriminator(members, by_name)
            if disc is None and all(_object(m, by_name) for m in members):
                diags.note(t.span, "M011", f"{t.name}: variants share no distinct tag")
            out.append(ir.UnionType(t.name, members, t.span, t.description, disc))
        elif isinstance(t, ir.ObjectType):
            fields = tuple(_replace_type(f, visit(f.type)) for f in t.fields)
            out.append(ir.ObjectType(t.name, fields, t.span, t.description))
        elif isinstance(t, ir.AliasType):
            out.append(ir.AliasType(t.name, visit(t.target), t.span, t.description))
        else:
            out.append(t)
    return out


def _tags_default_to_their_value(
    types: list[ir.TypeDef], by_name: dict[str, ir.TypeDef]
) -> list[ir.TypeDef]:
    """In a discriminated union, a member's optional tag means its one value: it defaults to it
    and is never null (what a tag is for; pydantic and OpenAPI discriminators require it)."""
    tags: dict[str, set[str]] = {}  # object name -> tag properties

    def collect(members: tuple[ir.TypeRef, ...]) -> None:
        disc = find_discriminator(members, by_name)
        if disc is not None:
            for _, name in disc.mapping:
                tags.setdefault(name, set()).add(disc.property)

    def walk(ref: ir.TypeRef) -> None:
        if isinstance(ref, ir.UnionOf):
            collect(ref.members)
        for child in _children(ref):
            walk(child)

    for t in types:
        if isinstance(t, ir.UnionType):
            collect(t.members)
        elif isinstance(t, ir.ObjectType):
            for f in t.fields:
                walk(f.type)
        elif isinstance(t, ir.AliasType):
            walk(t.target)
    out: list[ir.TypeDef] = []
    for t in types:
        if isinstance(t, ir.ObjectType) and t.name in tags:
            fields = tuple(
                _as_tag(f) if f.wire_name in tags[t.name] and not f.required else f
                for f in t.fields
            )
            t = ir.ObjectType(t.name, fields, t.span, t.description)
        out.append(t)
    return out


def _children(ref: ir.TypeRef) -> tuple[ir.TypeRef, ...]:
    if isinstance(ref, ir.ListOf):
        return (ref.item,)
    if isinstance(ref, ir.MapOf):
        return (ref.value,)
    if isinstance(ref, ir.UnionOf):
        return ref.members
    return ()


def _as_tag(f: ir.Field) -> ir.Field:
    value = f.type.values[0]  # type: ignore[union-attr]
    return ir.Field(
        f.name, f.wire_name, f.type, f.required, False, f.span, f.description, f.constraints, value
    )


def _replace_type(f: ir.Field, new: ir.TypeRef) -> ir.Field:
    if new is f.type:
        return f
    return ir.Field(
        f.name, f.wire_name, new, f.required, f.nullable, f.span, f.description,
        f.constraints, f.default,
    )  # fmt: skip


def _object(ref: ir.TypeRef, by_name: dict[str, ir.TypeDef]) -> ir.ObjectType | None:
    if isinstance(ref, ir.Ref):
        t = by_name.get(ref.name)
        return t if isinstance(t, ir.ObjectType) else None
    return None


def find_discriminator(
    members: tuple[ir.TypeRef, ...], by_name: dict[str, ir.TypeDef]
) -> ir.Discriminator | None:
    """A property every member has as a one-value literal, distinct per member; `type` first."""
    objects = [_object(m, by_name) for m in members]
    if len(objects) < 2 or any(o is None for o in objects):
        return None
    tags: dict[str, list[tuple[object, ClassName]]] = {}
    for obj in objects:
        assert obj is not None
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
    return ir.Discriminator(prop, tuple(tags[prop]))  # type: ignore[arg-type]
