"""An operation's parameters from its structured places, keyed by (location, name).

The HTTP flavor says where each parameter goes (`### Path Parameters`, `### Query Parameters`,
`### Header Parameters`, `### Body Parameters`); the Python flavor lists them all under one
`### Parameters`, by their SDK names. One name can be documented in two locations of one
operation (`requires_approval` as a query and as a body parameter): those are two parameters.
A Python parameter is the located one whose wire name it spells (`generator.resolve.wirenames`:
`expires_at` is `expiresAt`, `x_override_embedding_model` is `"x-override-embedding-model"`,
`path_job_id` is the path's `job_id`); listed twice, its two entries are the two locations (each
the one whose type it agrees with, else in HTTP order). A name in two locations gets the SDK's
names, prefixed by the location (`query_requires_approval`, `body_requires_approval`). A Python
parameter that spells no located one is kept, its location implied later
(`observe.finish_params`).

A whole body written as one body parameter `body` of a union or of any JSON (`body: A or B`,
`body: optional unknown`) is the request body type itself, not a property named `body`; the
Python flavor, which spells out a union body's variant fields as parameters, is read as
describing those fields (a note, M015).

What each flavor knows: the HTTP flavor says whether a parameter is required (the Python
flavor writes `Optional[X]` for a required parameter that admits null, and `bool` for an
optional query flag); the Python flavor says more about types: `Literal[False]` where HTTP says
`boolean`, `Union[str, datetime]` where HTTP says `string` (a date-time string).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from generator import ir
from generator.facts import FieldEntry, Location, TypeEntry
from generator.names import DocName
from generator.resolve import wirenames
from generator.resolve.groups import OpGroup, own_page
from generator.resolve.merge import (
    MergedField,
    MergedObject,
    add_facts,
    authority,
    ranked_observations,
    why,
)
from generator.resolve.observations import (
    AliasObs,
    FieldObs,
    ObjectObs,
    Obs,
    RawType,
    UnionObs,
)
from generator.resolve.state import Resolution
from generator.resolve.unify import unify
from generator.source import Span


@dataclass
class _Slot:
    """One parameter: its location (None: no place says) and every observation of it."""

    location: Location | None
    name: str  # as first documented
    obs: list[ObjectObs] = field(default_factory=list)  # each of the one field, with its authority


def draft_params(
    res: Resolution, owner: DocName, g: OpGroup
) -> tuple[MergedObject, dict[str, Location]]:
    """The parameters of `g`'s structured places, merged, and the location of each by its key."""
    slots: list[_Slot] = []
    variant_fields: set[str] = set()  # the fields of a whole body's variants (`body: A or B`)
    for op, doc in g.places:
        if doc.flat:
            continue
        taken: set[int] = set()  # the slots this place has spoken for
        for p in op.params:
            obs = res.collector.field(p.field, res.ctx(doc, op.span.line, owner))
            if obs is None:
                continue
            if p.location == "body" and _is_whole_body(obs):
                variant_fields |= _variant_fields(p.field)
            elif p.location is None and wirenames.key(obs.name) in variant_fields:
                if _whole_body_slot(slots) is not None:  # the Python flavor spells them out
                    msg = f"{obs.name} is a field of the request body {owner}, not a parameter"
                    res.diags.note(obs.span, "M015", msg)
                    continue
            slot = _slot_for(slots, p.location, obs, taken)
            taken.add(id(slot))
            slot.obs.append(ObjectObs((obs,), obs.span, obs.rank, own=own_page(doc)))
    fields: list[MergedField] = []
    locations: dict[str, Location] = {}
    by_key: dict[str, set[Location | None]] = {}
    for slot in slots:
        by_key.setdefault(wirenames.key(slot.name), set()).add(slot.location)
    for slot in slots:
        merged = _merge(res, owner, slot)
        if len(by_key[merged.key]) > 1 and slot.location is not None:
            _tell_apart(merged, slot.location)
        fields.append(merged)
        if slot.location is not None:
            locations[merged.key] = slot.location
    return MergedObject(owner, fields, g.span, ""), locations


def _is_whole_body(obs: FieldObs) -> bool:
    """`body: A or B` / `body: unknown`: a body parameter that is the whole body, not a field."""
    return wirenames.key(obs.name) == "body" and not obs.python and not isinstance(obs.type, ir.Ref)


def _variant_fields(entry: FieldEntry) -> set[str]:
    """The field names a whole body's variant bullets document."""
    return {
        wirenames.key(f.name)
        for v in entry.children
        if isinstance(v, TypeEntry)
        for f in v.children
        if isinstance(f, FieldEntry)
    }


def _whole_body_slot(slots: list[_Slot]) -> _Slot | None:
    body = [s for s in slots if s.location == "body"]
    if len(body) == 1 and wirenames.key(body[0].name) == "body":
        if body[0].obs and _is_whole_body(body[0].obs[0].fields[0]):
            return body[0]
    return None


def whole_body(
    fields: Sequence[MergedField], locations: Mapping[str, Location]
) -> MergedField | None:
    """The whole request body, where the docs write it as the one body parameter `body` whose
    type is not a named object (`body: A or B`, `body: optional unknown`); None otherwise."""
    body = [f for f in fields if locations.get(f.key) == "body"]
    if len(body) == 1 and body[0].key == "body" and body[0].wire == "body":
        if not isinstance(body[0].type, ir.Ref):
            return body[0]
    return None


def whole_body_obs(f: MergedField, span: Span) -> Obs:
    """What the whole body says about the request body type: that union, or an alias."""
    if isinstance(f.type, ir.UnionOf):
        return UnionObs(f.type.members, span, 0, f.description)
    return AliasObs(f.type, span, 0, f.description)


def _slot_for(
    slots: list[_Slot], location: Location | None, obs: FieldObs, taken: set[int]
) -> _Slot:
    """The parameter an observation is of: located, by location and name; unlocated (Python),
    a located one not yet taken by its place that it names (by its location prefix first:
    `path_job_id`; then one whose type it agrees with, then the first), else an unlocated one of
    its name."""
    if location is not None:
        found = _find(slots, lambda s: s.location == location and _same(s.name, obs.name))
        if found is None:
            found = _Slot(location, obs.name)
            slots.append(found)
        return found
    free = [s for s in slots if id(s) not in taken]
    found = _find(
        free,
        lambda s: (
            s.location is not None
            and obs.name == wirenames.located(s.location, wirenames.python_spelling(s.name))
        ),
    )
    named = [s for s in free if s.location is not None and _spells(obs, s.name)]
    # a name in two locations: the one whose type it agrees with, else the first in HTTP order
    found = found or _find(named, lambda s: _agrees(s, obs)) or (named[0] if named else None)
    found = found or _find(free, lambda s: s.location is None and _same(s.name, obs.name))
    if found is None:
        found = _Slot(None, obs.name)
        slots.append(found)
    return found


def _agrees(slot: _Slot, obs: FieldObs) -> bool:
    kept = slot.obs[0].fields[0].type
    return (unify(kept, obs.type) or _sharper(kept, obs.type)) is not None


def _find(slots: Sequence[_Slot], match: Callable[[_Slot], bool]) -> _Slot | None:
    return next((s for s in slots if match(s)), None)


def _same(a: str, b: str) -> bool:
    return wirenames.key(a) == wirenames.key(b)


def _spells(obs: FieldObs, wire: str) -> bool:
    return wirenames.spells(obs.name, wire) if obs.python else _same(obs.name, wire)


def _tell_apart(f: MergedField, location: Location) -> None:
    """A name documented in several locations: the SDK prefixes it with the location
    (`query_requires_approval`, `body_requires_approval`), where the docs do not already. The
    path parameter keeps its key (the path's placeholder); the others are keyed by the SDK name.
    A body parameter's field of the body type keeps the wire name alone (`python` None): the
    name is taken only among the method's arguments, not in the body."""
    wire = f.wire or f.python or f.key
    python = f.python
    prefixed = wirenames.located(location, wirenames.python_spelling(wirenames.key(wire)))
    if python is None or wirenames.key(python) == wirenames.key(wire) or python == wire:
        python = prefixed
    if location == "path":
        f.python = python
        return
    f.key = python
    f.python = None if location == "body" else python
    f.wire = wire


def _merge(res: Resolution, owner: DocName, slot: _Slot) -> MergedField:
    """One parameter from its observations, most authoritative first, then by content, as
    types' descriptions are (`merge.ranked_observations`). Requiredness is the located places'
    (HTTP) where there are any; types are unified, a sharper Python type kept (`_sharper`);
    nullable where any place says so."""
    ranked = [o for o in ranked_observations(slot.obs) if isinstance(o, ObjectObs)]
    said = [(o.fields[0], authority(o)) for o in ranked]
    first, kept_by = said[0]
    located = [o for o, _ in said if not o.python] if slot.location is not None else []
    m = _new(first, wirenames.key(slot.name), kept_by)
    for o, source in said[1:]:
        decides = not located or not o.python  # requiredness: the located places'
        _merge_into(res, f"{owner}.{first.name}", m, o, why(kept_by, source), decides)
    return m


def _new(o: FieldObs, key: str, source: tuple[int, bool]) -> MergedField:
    return MergedField(
        key=key,
        wire=None if o.python else o.name,
        python=o.name if o.python else None,
        type=o.type,
        required=o.required,
        nullable=o.nullable,
        span=o.span,
        description=o.description,
        constraints={c.name: c for c in o.constraints},
        default=o.default,
        authority=source,
    )


def _merge_into(
    res: Resolution, what: str, m: MergedField, o: FieldObs, why_kept: str, decides: bool
) -> None:
    """What one more observation `o` says about the parameter `m` (`decides`: its requiredness
    counts; where it differs from `m`'s, the parameter is optional, reported)."""
    if o.python:
        m.python = m.python or o.name
    else:
        m.wire = m.wire or o.name
    kept = unify(m.type, o.type) or _sharper(m.type, o.type)
    if kept is None:
        res.diags.warning(
            o.span,
            "M002",
            f"{what} has another type here than at {m.span}; keeping the one at"
            f" {m.span} ({why_kept})",
        )
    else:
        m.type = kept
    if m.required != o.required and decides:
        res.diags.warning(
            o.span,
            "M002",
            f"{what} is {'required' if o.required else 'optional'} here but not at"
            f" {m.span}; treated as optional",
        )
        m.required = False
    add_facts(m, o, what, why_kept, res.diags)


def merge_web(res: Resolution, params: MergedObject, obs: Sequence[FieldObs]) -> None:
    """Parameters a flat web page lists (by wire name) into the ones the structured places
    gave: each into the one of its name, a new one appended; reported as types' fields are."""
    for o in obs:
        found = next((f for f in params.fields if f.wire and _same(f.wire, o.name)), None)
        found = found or next((f for f in params.fields if _same(f.key, o.name)), None)
        if found is None:
            params.fields.append(_new(o, wirenames.key(o.name), (o.rank, False)))
            continue
        why_kept = why(found.authority, (o.rank, False))
        _merge_into(res, f"{params.name}.{o.name}", found, o, why_kept, True)


_LITERAL_KINDS: dict[str, tuple[type, ...]] = {
    "boolean": (bool,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
}


def _sharper(a: RawType, b: RawType) -> RawType | None:
    """Where one description narrows the other's primitive: a literal of its kind
    (`Literal[False]` for `boolean`), or `str | datetime` for `string` (a date-time string)."""
    for wide, narrow in ((a, b), (b, a)):
        if not isinstance(wide, ir.Primitive):
            continue
        if isinstance(narrow, ir.LiteralOf) and narrow.values:
            kinds = _LITERAL_KINDS.get(wide.kind, ())
            if all(_is_kind(v, kinds) for v in narrow.values):
                return narrow
        if isinstance(narrow, ir.UnionOf) and wide.kind == "string":
            prims = {m.kind for m in narrow.members if isinstance(m, ir.Primitive)}
            if len(narrow.members) == 2 and prims == {"string", "datetime"}:
                return ir.Primitive("datetime")
    return None


def _is_kind(value: object, kinds: tuple[type, ...]) -> bool:
    if isinstance(value, bool):
        return bool in kinds
    return isinstance(value, kinds)
