"""Merge every observation of a named type into one definition; report real conflicts."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import assert_never

from generator import ir, irwalk, naming
from generator.diagnostics import Diagnostics
from generator.facts import Constraint, Scalar
from generator.names import DocName
from generator.resolve import wirenames
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
    authority: tuple[int, bool] = (0, False)  # of the observation it was first taken from
    unsure: bool = False  # the type is an ambiguous text's reading (`FieldObs.unsure`)
    spelled: RawType | None = None  # a union spelled out elsewhere that `type` names
    # (made-up name, docs name): one place spells out inline what another names here
    twins: list[tuple[DocName, DocName]] = field(default_factory=list)


@dataclass
class MergedObject:
    name: DocName
    fields: list[MergedField]
    span: Span
    description: str


Merged = MergedObject | EnumObs | UnionObs | AliasObs


def field_key(name: str) -> str:
    """Wire and SDK spellings of one field share a key (`metadata_` and `metadata`); a Python
    name that spells a wire name otherwise (`expires_at`, `expiresAt`) is matched to it when
    merging (`resolve.wirenames`), never two wire names to each other (`fooBar`, `foo_bar`)."""
    return wirenames.key(name)


def shape_key(key: str) -> str:
    """A field key as shapes are compared across flavors (`expiresAt` is `expires_at`)."""
    return wirenames.python_spelling(key)


def merge_all(
    observations: Mapping[DocName, Sequence[Obs]], diags: Diagnostics
) -> dict[DocName, Merged]:
    """One merged description per type name."""
    return {name: merge_one(name, observations[name], diags) for name in sorted(observations)}


class ProvisionalMerge(Mapping[DocName, Merged]):
    """What `merge_all` would give for the observations made so far, merged name by name on first
    use (the web pass looks up only the types it aligns against). Later observations do not change
    it; its diagnostics are dropped (the final merge reports them)."""

    def __init__(self, observations: Mapping[DocName, Sequence[Obs]]) -> None:
        self._obs = {name: list(obs) for name, obs in observations.items()}
        self._done: dict[DocName, Merged] = {}

    def __getitem__(self, name: DocName) -> Merged:
        if name not in self._done:
            if name not in self._obs:
                raise KeyError(name)
            self._done[name] = merge_one(name, self._obs[name], Diagnostics())
        return self._done[name]

    def __iter__(self) -> Iterator[DocName]:
        return iter(sorted(self._obs))

    def __len__(self) -> int:
        return len(self._obs)


def merge_one(name: DocName, obs: Sequence[Obs], diags: Diagnostics) -> Merged:
    """One description from every observation of `name`, most authoritative first (`ranked`);
    a conflict is reported with the one kept and why."""
    ranked = ranked_observations(obs)
    described = sorted((o for o in obs if o.description), key=lambda o: (o.rank, not o.own))
    kinds = {type(o) for o in ranked}
    if kinds == {ObjectObs}:
        objects = [o for o in ranked if isinstance(o, ObjectObs)]
        return _merge_object(name, objects, _description(objects[0], described), diags)
    first = ranked[0]
    for other in ranked[1:]:
        if type(other) is not type(first):
            diags.error(
                other.span,
                "M002",
                f"{name} is described as {_kind(other)} here and as {_kind(first)} at"
                f" {first.span}; keeping the one at {first.span} ({why(authority(first), authority(other))})",
            )
        elif (
            isinstance(first, AliasObs)
            and isinstance(other, AliasObs)
            and (named := named_union(first.target, other.target))
        ):
            # `array of A or B` and `List[XItem]`: the name the docs give the union is kept
            # (`check.spelled_unions`-like: its variants are the same ones, as merged)
            first = replace(first, target=named[0])
        elif not _same(first, other):
            diags.error(
                other.span,
                "M002",
                f"{name} is described differently here and at {first.span}; keeping the one at"
                f" {first.span} ({why(authority(first), authority(other))})",
            )
    if isinstance(first, ObjectObs):  # an object wins over other kinds: its observations merge
        objects = [o for o in ranked if isinstance(o, ObjectObs)]
        return _merge_object(name, objects, _description(first, described), diags)
    description = _description(first, described)
    return first if description == first.description else replace(first, description=description)


def _description(first: Obs, described: list[Obs]) -> str:
    """The most authoritative description among the places that agree with `first` (identical
    copies are merged before this, so the description of any copy counts)."""
    if first.description:
        return first.description
    agreeing = (o for o in described if type(o) is type(first))
    if isinstance(first, ObjectObs):
        return next((o.description for o in agreeing), "")
    return next((o.description for o in agreeing if _same(first, o)), "")


Authority = tuple[int, bool]  # (rank, own): see `observations.Obs`
_FLAVORS = ("HTTP", "Python", "web")


def authority(o: Obs) -> Authority:
    return (o.rank, o.own)


def _spell(a: Authority, plural: bool = False) -> str:
    rank, own = a
    flavor = _FLAVORS[rank] if 0 <= rank < len(_FLAVORS) else f"rank {rank}"
    kind = (
        ("declarations" if plural else "declaration") if own else ("copies" if plural else "copy")
    )
    return f"{flavor} {kind}"


def why(kept: Authority, other: Authority) -> str:
    """Why the description kept wins over another, for the messages."""
    if kept == other:
        return f"both are {_spell(kept, plural=True)}; the first in content order is kept"
    return f"{_spell(kept)} over {_spell(other)}"


def ranked_observations(obs: Sequence[Obs]) -> list[Obs]:
    """Distinct observations, most authoritative first: by flavor rank, a declaration before a
    copy, and between equals by their content (never by file names, paths or hashes, so an
    edit elsewhere in a page or a renamed file cannot change which description wins)."""
    tiers: dict[tuple[int, bool], list[Obs]] = {}
    for o in obs:
        tiers.setdefault((o.rank, not o.own), []).append(o)
    out: list[Obs] = []
    for tier in sorted(tiers):
        distinct = _dedupe(tiers[tier])
        if len(distinct) > 1:
            distinct.sort(key=_content)
        out.extend(distinct)
    return _dedupe(out) if len(tiers) > 1 else out


def _content(o: Obs) -> str:
    """A canonical spelling of what an observation says (no spans): orders equals."""
    match o:
        case ObjectObs():
            return repr(("object", tuple(_said(f) for f in o.fields), o.description))
        case EnumObs():
            return repr(("enum", o.values, o.description))
        case UnionObs():
            return repr(("union", o.members, o.description))
        case AliasObs():
            return repr(("alias", o.target, o.description))
        case _:
            assert_never(o)


def _said(f: FieldObs) -> tuple[object, ...]:
    """What a field observation says, without where it says it."""
    constraints = tuple((c.name, c.value) for c in f.constraints)
    return (f.name, f.type, f.required, f.nullable, f.python, f.description, constraints, f.default)


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
        return ("object", o.rank, tuple(_said(f) for f in o.fields))
    if isinstance(o, EnumObs):
        return ("enum", o.values)
    if isinstance(o, UnionObs):
        return ("union", o.members)
    return ("alias", o.target)


def _merge_object(
    name: DocName, obs: list[ObjectObs], description: str, diags: Diagnostics
) -> MergedObject:
    fields: dict[str, MergedField] = {}
    for o in obs:
        for f in o.fields:
            key = _spelled_key(fields, f)
            if key not in fields:
                fields[key] = _new_field(key, f, authority(o))
            else:
                _merge_field(name, fields[key], f, authority(o), diags)
    return MergedObject(name, list(fields.values()), obs[0].span, description)


def _spelled_key(fields: Mapping[str, MergedField], f: FieldObs) -> str:
    """The key of the field `f` spells: its own, else the one a Python name spells the wire
    name of (or the wire name the Python name of), in one flavor only on each side."""
    key = field_key(f.name)
    if key in fields:
        return key
    for k, m in fields.items():
        if f.python and m.python is None and m.wire and wirenames.spells(f.name, m.wire):
            return k
        if not f.python and m.wire is None and m.python and wirenames.spells(m.python, f.name):
            return k
    return key


def _new_field(key: str, f: FieldObs, source: Authority) -> MergedField:
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
        authority=source,
        unsure=f.unsure,
    )


def named_union(a: RawType, b: RawType) -> tuple[RawType, RawType] | None:
    """(the named type, the spelled-out union) where one of `a`, `b` is a docs-named reference
    and the other an anonymous union (in lists alike)."""
    if isinstance(a, ir.ListOf) and isinstance(b, ir.ListOf):
        inner = named_union(a.item, b.item)
        return None if inner is None else (ir.ListOf(inner[0]), ir.ListOf(inner[1]))
    for named, spelled in ((a, b), (b, a)):
        if isinstance(named, ir.Ref) and isinstance(spelled, ir.UnionOf):
            if not naming.made_up(named.name):
                return named, spelled
    return None


def _twins(a: RawType, b: RawType, kept: RawType) -> list[tuple[DocName, DocName]]:
    """(made-up, docs name) where unifying `a` and `b` kept a docs name over a made-up one."""
    while isinstance(a, ir.ListOf) and isinstance(b, ir.ListOf) and isinstance(kept, ir.ListOf):
        a, b, kept = a.item, b.item, kept.item
    if isinstance(a, ir.Ref) and isinstance(b, ir.Ref) and isinstance(kept, ir.Ref):
        other = a if kept.name == b.name else b
        if other.name != kept.name and naming.made_up(other.name):
            return [(other.name, kept.name)]
    return []


def _merge_field(
    owner: str, m: MergedField, f: FieldObs, source: Authority, diags: Diagnostics
) -> None:
    if f.python:
        m.python = m.python or f.name
    else:
        m.wire = m.wire or f.name
    unified = unify(m.type, f.type)
    if unified is None and (named := named_union(m.type, f.type)) is not None:
        # one place spells a union out, another names it (`Optional[ResponseFormat]`): the
        # name; that its variants are the spelled-out ones is checked once merged
        m.type, m.spelled = named
    elif unified is None and (m.unsure or f.unsure):
        # an ambiguous text and a copy whose variant bullets say how to read it: the bullets
        if m.unsure and not f.unsure:
            m.type, m.unsure = f.type, False
    elif unified is None:
        diags.warning(
            f.span,
            "M002",
            f"{owner}.{f.name} has another type here than at {m.span}; keeping the one at"
            f" {m.span} ({why(m.authority, source)})",
        )
    else:
        m.twins.extend(_twins(m.type, f.type, unified))
        m.type = unified
    # requiredness is the HTTP flavor's: Python's `Optional[X]` says null, not absent (c17)
    if m.required != f.required and not (f.python and m.wire is not None):
        diags.warning(
            f.span,
            "M002",
            f"{owner}.{f.name} is {'required' if f.required else 'optional'} here but not at"
            f" {m.span}; treated as optional",
        )
        m.required = False
    add_facts(m, f, f"{owner}.{f.name}", why(m.authority, source), diags)


def add_facts(m: MergedField, f: FieldObs, what: str, why_kept: str, diags: Diagnostics) -> None:
    """What another place says of a field besides its type: null allowed, description, default,
    constraints (a constraint of another value is reported, the known one kept)."""
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
                f"{what}: {c.name} is {c.value!r} here but {known.value!r} at {known.span};"
                f" keeping {known.value!r} ({why_kept})",
            )


def fold_synthetic(
    merged: dict[DocName, Merged],
    synthetic: set[DocName],
    twins: Sequence[tuple[DocName, DocName]] = (),
) -> dict[DocName, DocName]:
    """Undocumented inline types that a documented one describes too become that one: objects
    with the same fields, required flags and field types that unify; unions of the same
    variants (a Returns section's sibling variant bullets and the union the docs name). The
    first documented name by sorted order wins. Returns the mapping; references to folded names
    are rewritten in `merged`."""
    mapping: dict[DocName, DocName] = {}
    _fold_twins(merged, synthetic, mapping, twins)
    by_shape: dict[tuple[tuple[str, bool], ...], list[tuple[DocName, MergedObject]]] = {}
    unions: dict[frozenset[RawType], DocName] = {}
    for name, m in sorted(merged.items()):  # indexed by shape: linear, not quadratic
        if name in synthetic:
            continue
        if isinstance(m, MergedObject):
            by_shape.setdefault(_shape(m), []).append((name, m))
        elif isinstance(m, UnionObs):
            unions.setdefault(frozenset(m.members), name)
    found = True
    while found:  # until no more: a parent matches once its inline fields are folded
        found = False
        for name in sorted(synthetic - mapping.keys()):
            made = merged.get(name)
            match: DocName | None = None
            if isinstance(made, MergedObject):
                candidates = by_shape.get(_shape(made), [])
                match = next((n for n, d in candidates if _compatible(made, d, merged)), None)
                documented = merged.get(match) if match is not None else None
                if isinstance(documented, MergedObject):
                    _absorb(documented, made)
            elif isinstance(made, UnionObs):
                match = unions.get(frozenset(made.members))
            if match is not None:
                mapping[name] = match
                found = True
        if found:
            rename_refs(merged, mapping)
    return mapping


def _fold_twins(
    merged: dict[DocName, Merged],
    synthetic: set[DocName],
    mapping: dict[DocName, DocName],
    known: Sequence[tuple[DocName, DocName]],
) -> None:
    """Made-up copies folded into the type another place names at the same place (merging
    kept the name: `MergedField.twins`), field by field down their fields, where the fields
    are the same ones; their wire names and descriptions go into the named type."""
    todo = [
        t for m in merged.values() if isinstance(m, MergedObject) for f in m.fields for t in f.twins
    ]
    todo.extend(reversed(known))  # an operation's response one place names: taken first
    while todo:
        made, named = todo.pop()
        if made in mapping or made not in synthetic or made == named:
            continue
        a, b = merged.get(made), merged.get(named)
        if not (isinstance(a, MergedObject) and isinstance(b, MergedObject)):
            continue
        if {shape_key(f.key) for f in a.fields} != {shape_key(f.key) for f in b.fields}:
            continue
        mapping[made] = named
        _absorb(b, a)
        theirs = {shape_key(f.key): f for f in b.fields}
        for f in a.fields:
            other = theirs[shape_key(f.key)]
            x, y = f.type, other.type
            while isinstance(x, ir.ListOf) and isinstance(y, ir.ListOf):
                x, y = x.item, y.item
            if isinstance(x, ir.Ref) and isinstance(y, ir.Ref):
                todo.append((x.name, y.name))
    rename_refs(merged, mapping)


def _absorb(documented: MergedObject, made: MergedObject) -> None:
    """What a folded copy knows that the documented type lacks: the wire names (a type only the
    Python flavor names, spelled out by the HTTP flavor: `expires_at` is `expiresAt` on the
    wire) and descriptions."""
    theirs = {shape_key(f.key): f for f in made.fields}
    for f in documented.fields:
        other = theirs.get(shape_key(f.key))
        if other is None:
            continue
        if f.wire is None and other.wire is not None:
            f.wire = other.wire
        f.description = f.description or other.description


def rename_refs(merged: dict[DocName, Merged], mapping: dict[DocName, DocName]) -> None:
    """The references in `merged` to the names in `mapping`, renamed."""
    if mapping:
        for key, m in merged.items():
            if isinstance(m, MergedObject):
                for f in m.fields:
                    f.type = irwalk.rename_within(f.type, mapping)
                    if f.twins:
                        f.twins = [(mapping.get(a, a), mapping.get(b, b)) for a, b in f.twins]
            elif isinstance(m, UnionObs):
                members = tuple(irwalk.rename_within(x, mapping) for x in m.members)
                if members != m.members:
                    merged[key] = replace(m, members=members)
            elif isinstance(m, AliasObs):
                target = irwalk.rename_within(m.target, mapping)
                if target is not m.target:
                    merged[key] = replace(m, target=target)


def _shape(m: MergedObject) -> tuple[tuple[str, bool], ...]:
    """Field keys and required flags (in any order: the flavors list fields in their own):
    objects of different shapes never match."""
    return tuple(sorted((shape_key(f.key), f.required) for f in m.fields))


def _compatible(a: MergedObject, b: MergedObject, merged: Mapping[DocName, Merged]) -> bool:
    """Same shape (the caller's index: field names in any order) and field types that unify, a
    spelled-out union matching the named union of the same variants."""
    theirs = {shape_key(f.key): f for f in b.fields}
    for x in a.fields:
        y = theirs.get(shape_key(x.key))
        if y is None:
            return False
        if unify(x.type, y.type) is not None:
            continue
        named = named_union(x.type, y.type)
        if named is None or not same_variants(named[0], named[1], merged):
            return False
    return True


def same_variants(named: RawType, spelled: RawType, merged: Mapping[DocName, Merged]) -> bool:
    """The union `named` refers to (a union, or an alias of one) has the members `spelled`
    lists, in lists alike."""
    while isinstance(named, ir.ListOf) and isinstance(spelled, ir.ListOf):
        named, spelled = named.item, spelled.item
    target = merged.get(named.name) if isinstance(named, ir.Ref) else None
    if isinstance(target, AliasObs) and isinstance(target.target, ir.UnionOf):
        members: set[RawType] = set(target.target.members)
    elif isinstance(target, UnionObs):
        members = set(target.members)
    else:
        return False
    return isinstance(spelled, ir.UnionOf) and members == set(spelled.members)
