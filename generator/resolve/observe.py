"""Pass 2, observe: each operation's parameters and response, from every place that documents it
(structured places first, then flat web places aligned against them), into an `OpDraft` whose
names are still the docs' own; the request body becomes a named type's observations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator import ir, irwalk, naming
from generator.facts import (
    DeclEntry,
    DocumentFacts,
    Entry,
    FieldEntry,
    Location,
    TUnion,
    TypeEntry,
)
from generator.names import DocName
from generator.resolve import kinds, wirenames
from generator.resolve.collect import Ctx
from generator.resolve.declare import align, without_children
from generator.resolve.groups import OpGroup, own_page, rank
from generator.resolve.merge import Merged, MergedField, MergedObject
from generator.resolve.observations import FieldObs, ObjectObs, RawType, UnionObs
from generator.resolve.params import draft_params, merge_web, whole_body, whole_body_obs
from generator.resolve.state import NO_OWNER, Resolution
from generator.resolve.unify import unify
from generator.source import Span

BODY_METHODS = {"post", "put", "patch"}
MAX_RESOURCES = 16  # SDK resource nesting (client.a.b.c.method)


@dataclass
class OpDraft:
    """An operation between the passes: params merged, body and response still docs names."""

    group: OpGroup
    resource: tuple[str, ...]
    method: str
    params: MergedObject
    locations: dict[str, Location]
    body_name: DocName | None
    response: RawType | None


def draft(res: Resolution, g: OpGroup) -> OpDraft:
    """The structured places of an operation: parameters merged, the response observed."""
    resource, method = g.resource_and_method()
    if len(resource) > MAX_RESOURCES:  # each is a nested SDK resource (and a folder)
        msg = f"SDK resources nested {len(resource)} deep; at most {MAX_RESOURCES}"
        res.diags.error(g.span, "D008", msg)
        resource = resource[:MAX_RESOURCES]
    owner = naming.operation_type(resource, method, "Params")
    params, locations = draft_params(res, owner, g)  # keyed by (location, name)
    response = _structured_response(res, g, resource, method)
    return OpDraft(g, resource, method, params, locations, None, response)


def _structured_response(
    res: Resolution, g: OpGroup, resource: tuple[str, ...], method: str
) -> RawType | None:
    """The first structured place's Returns; later places are read too and must agree."""
    response: RawType | None = None
    first: Span | None = None
    for op, doc in g.places:
        if doc.flat or not op.returns:
            continue
        ref = _returns(res, op.returns, doc, g, resource, method)
        if doc.python_names:  # `-> SyncArrayPage[X]` showing `class X`: a list of X
            ref = kinds.listed_by_signature(ref, g.sdk) or ref
        if response is None or first is None:
            response, first = ref, op.span
        elif (item := _envelope_item(res, response, ref)) is not None:
            # a page of X (the Python signature) whose wire shape is an envelope listing X (the
            # HTTP Returns): the envelope, its items X; that they are X is checked once merged
            res.same_type.append((op.span, *item))
        elif (named := _named_instead(res, response, ref)) is not None:
            # one place names what the other spells out (a Python response class, a union the
            # docs name): the name is kept; that both are one type is checked once merged
            made, kept = named
            res.same_type.append((op.span, made, kept))
            response = irwalk.rename_within(response, {made: kept})
        elif unify(response, ref) is None:
            res.diags.warning(
                op.span,
                "M003",
                f"{g.method.upper()} {g.path} returns {_show(ref)} here but"
                f" {_show(response)} at {first}; keeping the one at {first}",
            )
    return response


def _envelope_item(
    res: Resolution, envelope: RawType, page: RawType
) -> tuple[DocName, DocName] | None:
    """(the envelope's item name, the page's item name) where `envelope` is a made-up object with
    one list field and `page` a list of a named type."""
    if not (isinstance(envelope, ir.Ref) and res.made_up(envelope.name)):
        return None
    if not (isinstance(page, ir.ListOf) and isinstance(page.item, ir.Ref)):
        return None
    lists = [
        f.type.item
        for o in res.reg.observations.get(envelope.name, [])
        if isinstance(o, ObjectObs)
        for f in o.fields
        if isinstance(f.type, ir.ListOf) and isinstance(f.type.item, ir.Ref)
    ]
    items = {r.name for r in lists if isinstance(r, ir.Ref)}
    if len(items) != 1:
        return None
    return items.pop(), page.item.name


def _named_instead(res: Resolution, a: RawType, b: RawType) -> tuple[DocName, DocName] | None:
    """(synthesized name, documented name) where `a` and `b` are the same but for one naming
    the type that the other gave a name specgen made up."""
    while isinstance(a, ir.ListOf) and isinstance(b, ir.ListOf):
        a, b = a.item, b.item
    if not (isinstance(a, ir.Ref) and isinstance(b, ir.Ref)):
        return None
    if res.made_up(a.name) and not res.made_up(b.name):
        return a.name, b.name
    if res.made_up(b.name) and not res.made_up(a.name):
        return b.name, a.name
    return None


def _show(ref: RawType) -> str:
    return irwalk.show(irwalk.rename(ref, naming.shown))


def _returns(
    res: Resolution,
    entries: tuple[Entry, ...],
    doc: DocumentFacts,
    g: OpGroup,
    resource: tuple[str, ...],
    method: str,
) -> RawType:
    owner = naming.operation_type(resource, method, "Response")
    ctx = res.ctx(doc, entries[0].span.line, owner)
    if len(entries) == 1 and isinstance(entries[0], (TypeEntry, DeclEntry)):
        e = entries[0]
        if isinstance(e, DeclEntry):
            name = res.collector.declaration(e, ctx)
            return ir.Ref(name) if name else ir.Unknown()
        return res.collector.typeref(e.type, e.children, ctx, e.span, e.description)
    example, _ = g.examples()
    is_list = example is not None and isinstance(example.value, list)
    if is_list:
        owner = DocName(owner + "Item")
    key = ctx.key(owner)
    variants = tuple(e for e in entries if isinstance(e, TypeEntry))
    if len(variants) == len(entries) > 1:  # sibling `X object {…}` bullets: a union of them
        union = res.collector.typeref(TUnion(()), variants, ctx, entries[0].span)
        members = union.members if isinstance(union, ir.UnionOf) else (union,)
        res.reg.observe(key, UnionObs(members, entries[0].span, rank(doc), own=own_page(doc)))
    else:
        fields = res.collector.fields(entries, ctx.enter(owner))
        obs = ObjectObs(tuple(fields), entries[0].span, rank(doc), own=own_page(doc))
        res.reg.observe(key, obs)
    res.synthetic.add(key)
    ref: RawType = ir.Ref(key)
    return ir.ListOf(ref) if is_list else ref


def web_places(res: Resolution, d: OpDraft, provisional: Mapping[DocName, Merged]) -> None:
    """The flat web places of an operation, aligned against what the structured ones said."""
    g = d.group
    for op, doc in g.places:
        if not doc.flat:
            continue
        _web_params(res, d, [p.field for p in op.params], doc, provisional)
        for p in op.params:
            if p.location:
                d.locations.setdefault(wirenames.key(p.field.name), p.location)
        if d.response is None and op.returns:
            d.response = _web_returns(res, op.returns, doc, provisional)


def _web_params(
    res: Resolution,
    d: OpDraft,
    entries: list[FieldEntry],
    doc: DocumentFacts,
    provisional: Mapping[DocName, Merged],
) -> None:
    """Web params: top-level where the name is a known (or the only) parameter listing;
    anything else is a nested field of the latest object-typed parameter."""
    known = {f.key: f for f in d.params.fields}
    ctx = res.ctx(doc, entries[0].span.line if entries else 1, d.params.name)
    top: list[FieldObs] = []
    current_root: DocName | None = None
    for e in entries:
        key = wirenames.key(e.name)
        if key in known or not d.params.fields or current_root is None:
            obs = res.collector.field(e, ctx)
            if obs is not None:
                top.append(obs)
                roots = [
                    n for r in irwalk.refs_in(obs.type) if (n := res.nearest(r)) in provisional
                ]
                current_root = roots[0] if roots else None
        else:
            align(res, current_root, (e,), doc, provisional)
    merge_web(res, d.params, top)  # by (location, name), as the structured places were


def _web_returns(
    res: Resolution,
    entries: tuple[Entry, ...],
    doc: DocumentFacts,
    provisional: Mapping[DocName, Merged],
) -> RawType | None:
    header = entries[0]
    if not isinstance(header, (TypeEntry, DeclEntry)):
        return None
    bare = without_children(header)
    ref = res.collector.typeref(bare.type, (), res.ctx(doc, bare.span.line), bare.span)
    roots = irwalk.refs_in(ref)
    if roots and header.children:
        align(res, roots[0], header.children, doc, provisional)
    return ref


def finish_params(res: Resolution, d: OpDraft) -> None:
    """Locations (documented, else implied), and the request body as a named type."""
    g = d.group
    path_params = {wirenames.key(p) for p in g.path_params()}
    for f in d.params.fields:
        if f.key in path_params:
            d.locations[f.key] = "path"
        elif f.key not in d.locations:
            d.locations[f.key] = "body" if g.method in BODY_METHODS else "query"
    for p in g.path_params():
        if wirenames.key(p) not in {f.key for f in d.params.fields}:
            res.diags.note(g.span, "M008", f"path parameter {p} is not documented")
            d.params.fields.append(_path_param(p, g))
            d.locations[wirenames.key(p)] = "path"
    body = [f for f in d.params.fields if d.locations[f.key] == "body"]
    if body:
        sdk = g.sdk
        own = naming.operation_type(d.resource, d.method, "Params")
        documented = DocName(sdk.params_type) if sdk and sdk.params_type else own
        # a request body is its operation's alone: never one type with another's
        name = naming.type_key(documented, d.resource, naming.BODY_SITE + own)
        whole = whole_body(body, d.locations)  # `body: A or B`: the body is that type
        if whole is not None:
            res.reg.observe(name, whole_body_obs(whole, g.span))
        else:
            fields = tuple(o for f in body for o in _to_field_obs(f))
            res.reg.observe(name, ObjectObs(fields, g.span, 0, ""))
        res.synthetic.add(name)
        d.body_name = name
    if d.response is None:
        d.response = _conventional_response(res, d)


def _conventional_response(res: Resolution, d: OpDraft) -> RawType | None:
    sdk = d.group.sdk
    if sdk is not None and sdk.returns is not None:
        ctx = Ctx(owner=NO_OWNER, field="", rank=1, python=True, scope=d.resource)
        return res.collector.typeref(sdk.returns, (), ctx, sdk.span)
    name = naming.conventional_type(d.resource, d.method, "Response")
    for _, doc in d.group.places:
        declared = sorted(
            k for k in res.declared_in.get(doc.path, set()) if naming.shown(k) == name
        )
        if declared:
            res.diags.note(
                d.group.span, "M007", f"response taken to be {name} by naming convention"
            )
            return ir.Ref(declared[0])
    return None


def _to_field_obs(f: MergedField) -> list[FieldObs]:
    """A merged field as observations again: one per spelling (wire, SDK) it has."""
    spellings = [(f.wire, False)] if f.wire else []
    if f.python and f.python != f.wire:
        spellings.append((f.python, True))
    return [
        FieldObs(
            name=name,
            type=f.type,
            required=f.required,
            nullable=f.nullable,
            span=f.span,
            python=python,
            rank=0,
            description=f.description,
            constraints=tuple(f.constraints.values()),
            default=f.default,
        )
        for name, python in spellings or [(f.key, False)]
    ]


def _path_param(name: str, g: OpGroup) -> MergedField:
    return MergedField(
        key=wirenames.key(name),
        wire=name,
        python=None,
        type=ir.Primitive("string"),
        required=True,
        nullable=False,
        span=g.span,
    )
