"""Scopes: a type's identity is (scope, name), the scope being the SDK resource whose pages
declare it. Two passes use this module:

- before anything is collected, `SectionScopes` says which resource each part of a page
  belongs to: a page's `# Title` sections (a parent page embeds its subresources' pages) are
  scoped by the operations documented in them (their SDK method paths), never by file paths;
- once every place is observed, `tell_apart` decides which keys (`naming.TypeKey`) of one name
  are one type: the observations of one key are one type (merged as always); keys of one name
  are the same type only when their shapes are equal (same field names, required flags and field
  types, names compared as the docs spell them); an operation's request body is never shared.
  Each type then gets its name: the docs name in its scope; a nested body whose name is taken in
  its scope by another shape is named after its owner and field (`BoardTask`); where several
  scopes have a type of one name, the one of the shortest scope keeps the bare name in the flat
  namespace and the others are prefixed with their scope (`naming.scoped_type`).

References by name (a bare `Name` or `class Name: …`) resolve to the type of that name in the
nearest scope: the reference's own, then its parents, then the only one there is; among several
unrelated ones, the declared type that comes first in the order below.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from generator import ir, irwalk, naming
from generator.diagnostics import Diagnostics
from generator.facts import DocumentFacts
from generator.names import DocName
from generator.resolve.groups import OpGroup
from generator.resolve.merge import (
    Merged,
    MergedObject,
    merge_one,
    named_union,
    shape_key,
)
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

Scope = naming.Scope


class SectionScopes:
    """The scope of each line of each document: its section's resource."""

    def __init__(self, docs: Sequence[DocumentFacts], groups: Sequence[OpGroup]) -> None:
        resource_of: dict[tuple[str, int], Scope] = {}
        for g in groups:
            resource, _ = g.resource_and_method()
            for op, doc in g.places:
                resource_of[(doc.path, op.span.line)] = resource
        self._starts: dict[str, list[int]] = {}
        self._scopes: dict[str, list[Scope]] = {}
        for doc in docs:
            starts = [s.span.line for s in doc.sections] or [1]
            starts[0] = min(starts[0], 1)
            found: list[list[Scope]] = [[] for _ in starts]
            for op in doc.operations:
                found[max(bisect_right(starts, op.span.line) - 1, 0)].append(
                    resource_of.get((doc.path, op.span.line), ())
                )
            scopes = [_common(s) for s in found]
            for i in range(1, len(scopes)):  # a section with no operation: its page's first one
                if not found[i]:
                    scopes[i] = scopes[0]
            self._starts[doc.path], self._scopes[doc.path] = starts, scopes

    def at(self, doc: DocumentFacts, line: int) -> Scope:
        starts = self._starts.get(doc.path)
        if not starts:
            return ()
        return self._scopes[doc.path][max(bisect_right(starts, line) - 1, 0)]


def _common(resources: list[Scope]) -> Scope:
    """The resource all of a section's operations are on (their common prefix)."""
    if not resources:
        return ()
    first = resources[0]
    n = len(first)
    for r in resources[1:]:
        n = min(n, len(r))
        while n and r[:n] != first[:n]:
            n -= 1
    return first[:n]


def nearest_key(key: DocName, known: Iterable[DocName]) -> DocName | None:
    """The observed key a reference from `key`'s scope means before shapes are compared (the web
    pass aligns its flat listings against it): the key itself, else one of its name in its
    scope, then its parents' scopes, then any, declarations first. None if none is known."""
    want = naming.split_key(key)
    candidates = sorted(
        (k for k in map(naming.split_key, known) if k.name == want.name),
        key=lambda k: (k.site != "", len(k.scope), k.scope, k.site),
    )
    for n in range(len(want.scope), -1, -1):
        here = [k for k in candidates if k.scope == want.scope[:n]]
        if here:
            return _key(here[0])
    return _key(candidates[0]) if candidates else None


# --- telling types apart ----------------------------------------------------------------------


@dataclass(frozen=True)
class Scoped:
    """The types told apart: observations by final docs name (their references still keys:
    merging compares them as the docs spell them, then `merge.rename_refs` renames), each
    key's final name, and each final name's scope and name in that scope."""

    observations: dict[DocName, list[Obs]]
    final: dict[DocName, DocName]  # key -> final name (keys documented nowhere are absent)
    scope: dict[DocName, Scope]
    local: dict[DocName, DocName]


@dataclass
class _Cluster:
    name: DocName  # the docs name
    keys: list[naming.TypeKey]
    shape: Merged
    declared: bool  # some place declares it (`_declares`), not only copies it

    @property
    def scope(self) -> Scope:
        return self.keys[0].scope


def _order(k: naming.TypeKey, obs: Sequence[Obs]) -> tuple[object, ...]:
    """Which key speaks first for a name: a declaration before a nested body, the more
    authoritative flavor, the shorter scope; then by the key itself (content, never files)."""
    best = min((o.rank, not o.own) for o in obs)
    return (k.site != "", best, len(k.scope), k.scope, k.site)


def tell_apart(
    observations: Mapping[DocName, Sequence[Obs]],
    references: Mapping[DocName, Sequence[Span]],
    diags: Diagnostics,
) -> Scoped:
    """Which keys are one type, and the name of each (see the module's docstring)."""
    observations, renamed = _same_variants(observations)
    by_name: dict[DocName, list[naming.TypeKey]] = {}
    for key in observations:
        k = naming.split_key(key)
        by_name.setdefault(k.name, []).append(k)
    shapes: dict[DocName, Merged] = {}
    attached: set[DocName] = set()  # copies taken to be the declared type, whatever they say
    clusters_of = {
        name: _cluster(name, by_name[name], observations, shapes, attached)
        for name in sorted(by_name)
    }
    declaring = {key for key, obs in observations.items() if _declares(obs)}
    _refine(clusters_of, shapes, attached, declaring, references)
    final: dict[DocName, DocName] = {}
    scopes: dict[DocName, Scope] = {}
    local: dict[DocName, DocName] = {}
    used: set[DocName] = set()  # flat names given: never two types under one
    # names the docs spell (a name only specgen made up yields: its type folds into the named)
    spelled = {
        name for name, keys in by_name.items() if any(not naming.made_up(_key(k)) for k in keys)
    }
    for name, clusters in clusters_of.items():
        for cluster, named in zip(clusters, _names(name, clusters), strict=True):
            flat, in_scope = named
            if flat in used or (flat != name and flat in spelled):
                flat = _free(naming.scoped_type(cluster.scope, in_scope), used, spelled)
            used.add(flat)
            if cluster is not clusters[0]:
                _told_apart(name, clusters[0], cluster, flat, observations, references, diags)
            for k in cluster.keys:
                final[_key(k)] = flat
            scopes[flat], local[flat] = cluster.scope, in_scope
    out: dict[DocName, list[Obs]] = {}
    for key, obs in observations.items():  # in the order they were made, as one key's are
        out.setdefault(final[key], []).extend(obs)
    for old, new in renamed.items():
        final[old] = final[new]
    for ref in references:
        if ref not in final:
            k = naming.split_key(ref)
            home = _nearest(clusters_of.get(k.name, []), k.scope)
            if home is not None:
                final[ref] = final[_key(home.keys[0])]
    return Scoped({name: out[name] for name in sorted(out)}, final, scopes, local)


def _same_variants(
    observations: Mapping[DocName, Sequence[Obs]],
) -> tuple[dict[DocName, list[Obs]], dict[DocName, DocName]]:
    """One union as the flavors spell it, variant by variant: where the HTTP flavor titles a
    variant otherwise than the Python flavor (`Heartbeat`, `FeedHeartbeat`) and both describe
    the same fields, the variant is one type under the Python name (the SDK's)."""
    quiet = Diagnostics()
    renames: dict[DocName, DocName] = {}
    for obs in observations.values():
        http = next((o for o in obs if isinstance(o, UnionObs) and o.rank == 0), None)
        python = next((o for o in obs if isinstance(o, UnionObs) and o.rank == 1), None)
        if http is None or python is None or len(http.members) != len(python.members):
            continue
        for a, b in zip(http.members, python.members, strict=True):
            if not (isinstance(a, ir.Ref) and isinstance(b, ir.Ref)) or a.name in renames:
                continue
            if naming.shown(a.name) == naming.shown(b.name):
                continue
            if a.name not in observations or b.name not in observations:
                continue
            mine = merge_one(a.name, observations[a.name], quiet)
            theirs = merge_one(b.name, observations[b.name], quiet)
            if _same_fields(mine, theirs):
                renames[a.name] = b.name
    renames.update(_input_twins(observations, renames))
    if not renames:
        return {k: list(v) for k, v in observations.items()}, renames
    out: dict[DocName, list[Obs]] = {}
    for key, obs in observations.items():
        out.setdefault(renames.get(key, key), []).extend(_rename_obs(o, renames) for o in obs)
    return out, renames


def _input_twins(
    observations: Mapping[DocName, Sequence[Obs]], taken: Mapping[DocName, DocName]
) -> dict[DocName, DocName]:
    """The Python flavor's `XParam` (the SDK's input twin of `X`, a TypedDict there) where `X`
    of the same fields is documented in the same scope (at the same place, else anywhere in
    it): one type, `X`."""
    quiet = Diagnostics()
    by_scope: dict[tuple[DocName, Scope], list[naming.TypeKey]] = {}
    for key in observations:
        k = naming.split_key(key)
        by_scope.setdefault((k.name, k.scope), []).append(k)
    out: dict[DocName, DocName] = {}
    for key in observations:
        k = naming.split_key(key)
        model = naming.input_twin_of(k.name)
        if key in taken or model is None:
            continue
        twins = by_scope.get((model, k.scope), [])
        twins = sorted(twins, key=lambda t: (t.site != k.site, t.site))
        for twin in twins:
            mine = merge_one(key, observations[key], quiet)
            theirs = merge_one(_key(twin), observations[_key(twin)], quiet)
            if _same_fields(mine, theirs):
                out[key] = _key(twin)
                break
    return out


def _same_names(a: Merged, b: Merged) -> bool:
    """The same kind, and for objects the same field names: a copy that may differ in what it
    says of them (merging reports it), not another type of the same title."""
    if isinstance(a, MergedObject) or isinstance(b, MergedObject):
        return _same_fields(a, b)
    return type(a) is type(b)


def _same_fields(a: Merged, b: Merged) -> bool:
    return (
        isinstance(a, MergedObject)
        and isinstance(b, MergedObject)
        and {shape_key(f.key) for f in a.fields} == {shape_key(f.key) for f in b.fields}
    )


def _cluster(
    name: DocName,
    found: list[naming.TypeKey],
    observations: Mapping[DocName, Sequence[Obs]],
    shapes: dict[DocName, Merged],
    attached: set[DocName],
) -> list[_Cluster]:
    """The keys of one name grouped by their own shapes (references compared by docs name; see
    `_refine` for the types they name)."""
    quiet = Diagnostics()  # shapes are compared on throwaway merges: the final merge reports
    keys = sorted(found, key=lambda k: _order(k, observations[_key(k)]))
    for k in keys:
        shapes[_key(k)] = merge_one(_key(k), observations[_key(k)], quiet)
    # a copy (a type spelled out where it is not declared: an operation's Returns) is the type
    # declared in its scope or a scope containing it, whatever it says (merging reports what
    # disagrees); elsewhere, only an equal shape makes two keys one type
    copies = [k for k in keys if not k.site and not _declares(observations[_key(k)])]
    clusters: list[_Cluster] = []
    for k in [k for k in keys if k not in copies] + copies:
        above = [c for c in clusters if c.declared and k.scope[: len(c.scope)] == c.scope]
        own = _declares(observations[_key(k)])
        home = _nearest(above, k.scope) if k in copies else None
        if home is not None and not _same_names(home.shape, shapes[_key(k)]):
            home = None  # a local title (a 6-field result named like an 11-field type)
        if home is not None:
            attached.add(_key(k))
        else:
            shape = shapes[_key(k)]
            body = k.site.startswith(naming.BODY_SITE)
            home = None if body else next((c for c in clusters if _fits(c, shape)), None)
            if home is None:
                clusters.append(_Cluster(name, [k], shape, own))
                continue
        home.keys.append(k)
        home.declared = home.declared or own
    return clusters


def _refine(
    clusters_of: dict[DocName, list[_Cluster]],
    shapes: Mapping[DocName, Merged],
    attached: set[DocName],
    declaring: set[DocName],
    references: Iterable[DocName],
) -> None:
    """Split clusters until every key of one refers to the same types as the others: equal
    shapes are equal all the way down (a nested variant told apart makes its parents differ).
    A partition refinement: it ends, since clusters only ever split."""
    anchors: dict[DocName, DocName] = {}  # a bare reference -> the key it resolves to
    for ref in references:
        if ref not in shapes:
            k = naming.split_key(ref)
            home = _nearest(clusters_of.get(k.name, []), k.scope)
            if home is not None:
                anchors[ref] = _key(home.keys[0])
    changed = True
    while changed:
        changed = False
        cid = {
            _key(k): (name, i)
            for name, cs in clusters_of.items()
            for i, c in enumerate(cs)
            for k in c.keys
        }

        def target(ref: DocName, cid: dict[DocName, tuple[DocName, int]] = cid) -> object:
            return cid.get(anchors.get(ref, ref), ref)

        for name, clusters in clusters_of.items():
            refined: list[_Cluster] = []
            for c in clusters:
                groups: dict[object, list[naming.TypeKey]] = {}
                loose = _made_up_fields(c, shapes)
                for k in c.keys:
                    key = _key(k)
                    sig = (
                        None
                        if key in attached
                        else _signature(shapes[key], target, shapes, anchors, loose)
                    )
                    groups.setdefault(sig, []).append(k)
                if None in groups and len(groups) > 1:  # attached copies go with the first
                    rest = groups.pop(None)
                    next(iter(groups.values())).extend(rest)
                if len(groups) == 1:
                    refined.append(c)
                    continue
                changed = True
                for ks in groups.values():
                    own = any(_key(k) in declaring for k in ks)
                    refined.append(_Cluster(name, ks, shapes[_key(ks[0])], own))
            clusters_of[name] = refined


def _made_up_fields(c: _Cluster, shapes: Mapping[DocName, Merged]) -> frozenset[str]:
    """The fields that some key of `c` types with a name specgen made up: it yields to the docs'
    name at the same place (`unify`), so which type the others name there cannot split them."""
    out: set[str] = set()
    for k in c.keys:
        shape = shapes[_key(k)]
        if isinstance(shape, MergedObject):
            for f in shape.fields:
                if any(naming.made_up(n) for n in irwalk.refs_in(f.type)):
                    out.add(shape_key(f.key))
    return frozenset(out)


def _signature(
    shape: Merged,
    target: Callable[[DocName], object],
    shapes: Mapping[DocName, Merged],
    anchors: Mapping[DocName, DocName],
    loose: frozenset[str] = frozenset(),
) -> object:
    """The types a shape refers to, as clusters: what must be equal for two keys to be one.
    Fields by name in any order (the flavors order them their own way); a named union counts
    as its variants, as a place that spells the union out lists them."""

    def refs(t: RawType) -> tuple[object, ...]:
        out: list[object] = []
        for n in irwalk.refs_in(t):
            inner = shapes.get(anchors.get(n, n))
            if isinstance(inner, UnionObs):
                out.extend(target(v) for m in inner.members for v in irwalk.refs_in(m))
            else:
                out.append(target(n))
        return tuple(sorted(out, key=repr))

    match shape:
        case MergedObject():
            fields = (
                (shape_key(f.key), () if shape_key(f.key) in loose else refs(f.type))
                for f in shape.fields
            )
            return tuple(sorted(fields, key=repr))
        case UnionObs():
            return tuple(sorted((r for m in shape.members for r in refs(m)), key=repr))
        case AliasObs():
            return refs(shape.target)
        case EnumObs():
            return ()


def _told_apart(
    name: DocName,
    first: _Cluster,
    other: _Cluster,
    flat: DocName,
    observations: Mapping[DocName, Sequence[Obs]],
    references: Mapping[DocName, Sequence[Span]],
    diags: Diagnostics,
) -> None:
    """A note where a name is told apart: the first place of the other shape, and its type's
    name. (The first of every place that mentions it: the same whether or not a copy's
    observations were collected again.)"""

    def first_place(k: naming.TypeKey) -> Span:
        key = _key(k)
        return min((*references.get(key, ()), *(o.span for o in observations[key])))

    there, here = first_place(first.keys[0]), first_place(other.keys[0])
    where = f" of {'.'.join(other.scope)}" if other.scope else ""
    diags.note(
        here,
        "M013",
        f"{name}{where} has another shape here than at {there}: a type of its own, {flat}",
    )


def _declares(obs: Sequence[Obs]) -> bool:
    """Some place declares the type here (a types section's entry), not only copies it."""
    return any(o.own for o in obs)


def _key(k: naming.TypeKey) -> DocName:
    return naming.type_key(k.name, k.scope, k.site)


def _names(name: DocName, clusters: list[_Cluster]) -> list[tuple[DocName, DocName]]:
    """(flat name, name in its scope) of each of one docs name's clusters, in their order."""
    in_scope: list[DocName] = []
    taken: set[tuple[Scope, DocName]] = set()
    for c in clusters:
        chosen = name
        if (c.scope, chosen) in taken:  # another shape of this name holds it in this scope
            sites = (n for k in c.keys if (n := naming.site_type(k.site)) is not None)
            chosen = next((n for n in sites if (c.scope, n) not in taken), None) or _numbered(
                name, c.scope, taken
            )
        taken.add((c.scope, chosen))
        in_scope.append(chosen)
    # the bare name: a declared type before one only spelled out in place, then the shortest
    # scope (a type of the client's own before one of a resource)
    by_depth = sorted(
        zip(clusters, in_scope, strict=True),
        key=lambda p: (not p[0].declared, len(p[0].scope), p[0].scope),
    )
    first_scope: dict[DocName, Scope] = {}
    for c, n in by_depth:
        first_scope.setdefault(n, c.scope)
    return [
        (n if first_scope[n] == c.scope else _flat(c, n), n)
        for c, n in zip(clusters, in_scope, strict=True)
    ]


def _flat(c: _Cluster, name: DocName) -> DocName:
    """The flat name of a type whose name another scope's type holds: a nested body's owner and
    field (`ThingOwner`), else its scope in front (`AgentsPassageSearchResponse`)."""
    if not c.declared:
        site = next((n for k in c.keys if (n := naming.site_type(k.site)) is not None), None)
        if site is not None:
            return site
    return naming.scoped_type(c.scope, name)


def _free(name: DocName, used: set[DocName], docs: set[DocName]) -> DocName:
    """`name`, or `name2`, `name3`, ... : a flat name no other type has or the docs use."""
    candidate, i = name, 2
    while candidate in used or candidate in docs:
        candidate, i = DocName(f"{name}{i}"), i + 1
    return candidate


def _numbered(name: DocName, scope: Scope, taken: set[tuple[Scope, DocName]]) -> DocName:
    i = 2
    while (scope, DocName(f"{name}{i}")) in taken:
        i += 1
    return DocName(f"{name}{i}")


def _nearest(clusters: list[_Cluster], scope: Scope) -> _Cluster | None:
    """The type a bare reference from `scope` means: its own scope's, then its parents', then
    the only one; among unrelated ones, the first declared one."""
    if not clusters:
        return None
    for n in range(len(scope), -1, -1):
        here = [c for c in clusters if c.scope == scope[:n]]
        if here:
            return next((c for c in here if c.declared), here[0])
    if len(clusters) == 1:
        return clusters[0]
    return next((c for c in clusters if c.declared), clusters[0])


def _fits(c: _Cluster, shape: Merged) -> bool:
    """Equal shapes: same kind; objects with the same field names, required flags and field
    types; enums with the same values; unions and aliases whose types unify (keys compare as
    the docs spell them: `unify`)."""
    a = c.shape
    if isinstance(a, MergedObject) and isinstance(shape, MergedObject):
        theirs = {shape_key(f.key): f for f in shape.fields}
        if set(theirs) != {shape_key(f.key) for f in a.fields}:
            return False
        for f in a.fields:
            g = theirs[shape_key(f.key)]
            # required flags compare within a flavor: Python's `Optional[X]` says nullable, and
            # says nothing of required (`merge` reconciles the flavors)
            if (f.python is None) == (g.python is None) and f.required != g.required:
                return False
            # (keys compare as the docs spell them; a made-up name yields to a docs name, a
            # spelled-out union to the one that names it: `unify`, `merge._named_union`)
            if unify(f.type, g.type) is None and named_union(f.type, g.type) is None:
                return False
        return True
    if isinstance(a, EnumObs) and isinstance(shape, EnumObs):
        return set(a.values) == set(shape.values)
    if isinstance(a, UnionObs) and isinstance(shape, UnionObs):
        return unify(ir.UnionOf(a.members), ir.UnionOf(shape.members)) is not None
    if isinstance(a, AliasObs) and isinstance(shape, AliasObs):
        return unify(a.target, shape.target) is not None
    return False


def _rename_obs(o: Obs, mapping: dict[DocName, DocName]) -> Obs:
    match o:
        case ObjectObs():
            return replace(o, fields=tuple(_rename_field(f, mapping) for f in o.fields))
        case UnionObs():
            return replace(o, members=tuple(irwalk.rename_within(m, mapping) for m in o.members))
        case AliasObs():
            return replace(o, target=irwalk.rename_within(o.target, mapping))
        case EnumObs():
            return o


def _rename_field(f: FieldObs, mapping: dict[DocName, DocName]) -> FieldObs:
    renamed = irwalk.rename_within(f.type, mapping)
    return f if renamed is f.type else replace(f, type=renamed)


__all__ = ["Scoped", "SectionScopes", "tell_apart"]
