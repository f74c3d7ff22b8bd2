"""Merge every observation of a named type into one definition; report real conflicts."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from generator import ir, irwalk
from generator.diagnostics import Diagnostics
from generator.facts import Constraint, Scalar
from generator.names import DocName
from generator.resolve.observations import (
    AliasObs,
    EnumObs,
    FieldObs,
    ObjectObs,
    Obs,
    RawType,
    UnionObs,
)
from generator.resolve.unify import unify
from generator.source import Span


@dataclass
class MergedField:
    """A field as all places together describe it; names still raw."""

    key: str
    wire: str | None
    python: str | None
    type: RawType
    required: bool
    nullable: bool
    span: Span
    description: str = ""
    constraints: dict[str, Constraint] = field(default_factory=dict)
    default: Scalar = None


@dataclass
class MergedObject:
    name: DocName
    fields: list[MergedField]
    span: Span
    description: str


Merged = MergedObject | EnumObs | UnionObs | AliasObs


def field_key(name: str) -> str:
    """Wire and SDK spellings of one field share a key (`metadata_` and `metadata`)."""
    return name.rstrip("_") or name


def merge_all(
    observations: Mapping[DocName, Sequence[Obs]],
    diags: Diagnostics,
    order: Mapping[str, int] | None = None,
) -> dict[DocName, Merged]:
    """One merged description per type name."""
    out: dict[DocName, Merged] = {}
    for name in sorted(observations):
        merged = merge_one(name, observations[name], diags, order)
        if merged is not None:
            out[name] = merged
    return out


class ProvisionalMerge(Mapping[DocName, Merged]):
    """What `merge_all` would give for the observations made so far, merged name by name on first
    use (the web pass looks up only the types it aligns against). Later observations do not change
    it; its diagnostics are dropped (the final merge reports them)."""

    def __init__(
        self, observations: Mapping[DocName, Sequence[Obs]], order: Mapping[str, int]
    ) -> None:
        self._obs = {name: list(obs) for name, obs in observations.items()}
        self._order = order
        self._done: dict[DocName, Merged | None] = {}

    def __getitem__(self, name: DocName) -> Merged:
        if name not in self._done:
            if name not in self._obs:
                raise KeyError(name)
            self._done[name] = merge_one(name, self._obs[name], Diagnostics(), self._order)
        merged = self._done[name]
        if merged is None:
            raise KeyError(name)
        return merged

    def __iter__(self) -> Iterator[DocName]:
        return (name for name in sorted(self._obs) if name in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def merge_one(
    name: DocName, obs: Sequence[Obs], diags: Diagnostics, order: Mapping[str, int] | None = None
) -> Merged | None:
    """`order` (document path -> reading position) breaks ties between equally ranked places; by
    default they are ordered by file path, which depends on the folder layout."""
    ranked = sorted(_dedupe(obs), key=_precedence(order))
    kinds = {type(o) for o in ranked}
    if kinds == {ObjectObs}:
        return _merge_object(name, [o for o in ranked if isinstance(o, ObjectObs)], diags)
    first = ranked[0]
    for other in ranked[1:]:
        if type(other) is not type(first):
            diags.error(
                other.span,
                "M002",
                f"{name} is described as {_kind(other)} here and as {_kind(first)} at {first.span}",
            )
        elif not _same(first, other):
            diags.error(
                other.span,
                "M002",
                f"{name} is described differently here and at {first.span}",
            )
    if isinstance(first, ObjectObs):  # an object wins over other kinds: its observations merge
        objects = [o for o in ranked if isinstance(o, ObjectObs)]
        return _merge_object(name, objects, diags)
    return first


def _precedence(order: Mapping[str, int] | None) -> Callable[[Obs], tuple[int, int, Span]]:
    if order is None:
        return lambda o: (o.rank, 0, o.span)
    last = len(order)
    return lambda o: (o.rank, order.get(o.span.file, last), o.span)


def _kind(o: Obs) -> str:
    return {ObjectObs: "an object", EnumObs: "an enum", UnionObs: "a union", AliasObs: "an alias"}[
        type(o)
    ]


def _same(a: Obs, b: Obs) -> bool:
    if isinstance(a, EnumObs) and isinstance(b, EnumObs):
        return a.values == b.values
    if isinstance(a, UnionObs) and isinstance(b, UnionObs):
        return unify(ir.UnionOf(a.members), ir.UnionOf(b.members)) is not None
    if isinstance(a, AliasObs) and isinstance(b, AliasObs):
        return unify(a.target, b.target) is not None
    return False


def _dedupe(obs: Sequence[Obs]) -> list[Obs]:
    """Identical repeats (the same class documented again and again) count once."""
    seen: set[object] = set()
    out: list[Obs] = []
    for o in obs:
        key = _fingerprint(o)
        if key not in seen:
            seen.add(key)
            out.append(o)
    return out


def _fingerprint(o: Obs) -> object:
    if isinstance(o, ObjectObs):
        return (
            "object",
            o.rank,
            tuple(
                (f.name, f.type, f.required, f.nullable, f.python, f.description, f.constraints)
                for f in o.fields
            ),
        )
    if isinstance(o, EnumObs):
        return ("enum", o.values)
    if isinstance(o, UnionObs):
        return ("union", o.members)
    return ("alias", o.target)


def _merge_object(name: DocName, obs: list[ObjectObs], diags: Diagnostics) -> MergedObject:
    fields: dict[str, MergedField] = {}
    description = next((o.description for o in obs if o.description), "")
    for o in obs:
        for f in o.fields:
            key = field_key(f.name)
            if key not in fields:
                fields[key] = _new_field(key, f)
            else:
                _merge_field(name, fields[key], f, diags)
    return MergedObject(name, list(fields.values()), obs[0].span, description)


def _new_field(key: str, f: FieldObs) -> MergedField:
    return MergedField(
        key=key,
        wire=None if f.python else f.name,
        python=f.name if f.python else None,
        type=f.type,
        required=f.required,
        nullable=f.nullable,
        span=f.span,
        description=f.description,
        constraints={c.name: c for c in f.constraints},
        default=f.default,
    )


def _merge_field(owner: str, m: MergedField, f: FieldObs, diags: Diagnostics) -> None:
    if f.python:
        m.python = m.python or f.name
    else:
        m.wire = m.wire or f.name
    unified = unify(m.type, f.type)
    if unified is None:
        diags.warning(
            f.span,
            "M002",
            f"{owner}.{f.name} has another type here than at {m.span}; keeping the one at {m.span}",
        )
    else:
        m.type = unified
    if m.required != f.required:
        diags.warning(
            f.span,
            "M002",
            f"{owner}.{f.name} is {'required' if f.required else 'optional'} here but not at"
            f" {m.span}; treated as optional",
        )
        m.required = False
    m.nullable = m.nullable or f.nullable
    m.description = m.description or f.description
    m.default = m.default if m.default is not None else f.default
    for c in f.constraints:
        known = m.constraints.get(c.name)
        if known is None:
            m.constraints[c.name] = c
        elif known.value != c.value:
            diags.warning(
                c.span,
                "M002",
                f"{owner}.{f.name}: {c.name} is {c.value!r} here but {known.value!r} at {known.span}",
            )


def fold_synthetic(
    merged: dict[DocName, Merged], synthetic: set[DocName]
) -> dict[DocName, DocName]:
    """Undocumented inline types that a documented one describes too become that one (same
    fields, same required flags, field types that unify; the first documented name by sorted
    order wins). Returns the mapping; references to folded names are rewritten in `merged`."""
    by_shape: dict[tuple[tuple[str, bool], ...], list[tuple[DocName, MergedObject]]] = {}
    for name, m in sorted(merged.items()):  # indexed by shape: linear, not quadratic
        if isinstance(m, MergedObject) and name not in synthetic:
            by_shape.setdefault(_shape(m), []).append((name, m))
    mapping: dict[DocName, DocName] = {}
    for name in sorted(synthetic):
        made = merged.get(name)
        if not isinstance(made, MergedObject):
            continue
        candidates = by_shape.get(_shape(made), [])
        match = next((n for n, d in candidates if _compatible(made, d)), None)
        if match is not None:
            mapping[name] = match
    if mapping:
        for m in merged.values():
            if isinstance(m, MergedObject):
                for f in m.fields:
                    f.type = irwalk.rename_within(f.type, mapping)
    return mapping


def _shape(m: MergedObject) -> tuple[tuple[str, bool], ...]:
    """Field keys and required flags, in order: objects of different shapes never match."""
    return tuple((f.key, f.required) for f in m.fields)


def _compatible(a: MergedObject, b: MergedObject) -> bool:
    """Same shape (the caller's index) and field types that unify."""
    return all(unify(x.type, y.type) is not None for x, y in zip(a.fields, b.fields, strict=True))
