"""The build driver: two passes over all documents (declare and observe, then merge and resolve)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator import ir
from generator.resolve import align as aligner
from generator.resolve.collect import Collector, Ctx
from generator.resolve.examples import example_problems
from generator.resolve.finalize import class_names, constraints, discriminate, to_typedefs
from generator.resolve.merge import (
    Merged,
    MergedField,
    MergedObject,
    ProvisionalMerge,
    field_key,
    merge_all,
    merge_one,
)
from generator.resolve.observations import AliasObs, FieldObs, ObjectObs, Registry
from generator.resolve.operations import (
    OpGroup,
    conventional_name,
    doc_key,
    group_operations,
    rank,
    synthetic_name,
)
from generator.resolve.unify import refs_in, rename, unify
from generator.diagnostics import Diagnostics
from generator.facts import DeclEntry, DocumentFacts, Entry, FieldEntry, SdkCall, TypeEntry
from generator.names import CLIENT_ATTRS, RESERVED_PARAMS, RESOURCE_ATTRS, PyName, pascal
from generator.source import Span

_BODY_METHODS = {"post", "put", "patch"}
MAX_PATH_SEGMENTS = 32  # /v1/a/{b}/c...: real paths have fewer than 10
MAX_RESOURCES = 16  # SDK resource nesting (client.a.b.c.method)


@dataclass
class OpDraft:
    """An operation between the passes: params merged, body and response still raw names."""

    group: OpGroup
    resource: tuple[str, ...]
    method: str
    params: MergedObject
    locations: dict[str, str]
    body_name: str | None
    response: ir.TypeRef | None


class ApiBuilder:
    def __init__(self, docs: list[DocumentFacts], diags: Diagnostics) -> None:
        self.docs = sorted(docs, key=doc_key)
        self.order = {d.path: i for i, d in enumerate(self.docs)}  # ties between equal ranks
        self.diags = diags
        self.reg = Registry()
        self.collector = Collector(self.reg, diags)
        self.synthetic: set[str] = set()
        self.declared_in: dict[str, set[str]] = {}  # doc path -> names it declares
        self._renamed: set[tuple[str, str]] = set()  # (role, docs name) rewrites reported once

    # --- driver -------------------------------------------------------------------------------

    def build(self) -> ir.Api:
        for doc in self.docs:
            if not doc.flat:
                self._declare(doc)
        groups = [g for g in group_operations(self.docs) if self._path_ok(g)]
        for g in groups:
            self._check_places(g)
        drafts = [self._operation(g) for g in groups]
        provisional = ProvisionalMerge(self.reg.observations, self.order)
        for doc in self.docs:
            if doc.flat:
                self._web_types(doc, provisional)
        for draft in drafts:
            self._web_operation(draft, provisional)
        for draft in drafts:
            self._finish_params(draft)
        merged = merge_all(self.reg.observations, self.diags, self.order)
        self._check_references(merged)
        self._check_counts(merged)
        mapping = self._dedupe_synthetic(merged)
        for name in mapping:
            del merged[name]
        names = class_names(merged, self.diags)
        names.update({k: names[v] for k, v in mapping.items()})
        types = discriminate(to_typedefs(merged, names, self.diags), self.diags)
        by_name = {t.name: t for t in types}
        ops = tuple(self._to_operation(d, names, by_name) for d in drafts)
        self._check_sdk_names(ops)
        for op, draft in zip(ops, drafts, strict=True):
            self._check_example(op, by_name, draft.group.response_example_span() or op.span)
        return ir.Api(
            operations=ops,
            types=tuple(types),
            base_url=self._base_url(),
            client_class=self._client_class(),
            title=next((d.title for d in self.docs if d.title), ""),
        )

    def _ctx(self, doc: DocumentFacts, owner: str = "") -> Ctx:
        return Ctx(owner=owner, field="", rank=rank(doc), python=doc.python_names)

    # --- pass 1: declarations -----------------------------------------------------------------

    def _declare(self, doc: DocumentFacts) -> None:
        for entry in doc.types:
            name = self.collector.declaration(entry, self._ctx(doc))
            if name:
                self.declared_in.setdefault(doc.path, set()).add(name)

    def _path_ok(self, g: OpGroup) -> bool:
        segments = g.path.count("/")
        if segments > MAX_PATH_SEGMENTS:
            msg = f"path has {segments} segments; the reader accepts at most {MAX_PATH_SEGMENTS}"
            self.diags.error(g.span, "D008", msg)
        return segments <= MAX_PATH_SEGMENTS

    def _operation(self, g: OpGroup) -> OpDraft:
        resource, method = g.resource_and_method()
        if len(resource) > MAX_RESOURCES:  # each is a nested SDK resource (and a folder)
            msg = f"SDK resources nested {len(resource)} deep; at most {MAX_RESOURCES}"
            self.diags.error(g.span, "D008", msg)
            resource = resource[:MAX_RESOURCES]
        owner = synthetic_name(resource, method, "Params")
        place_obs: list[ObjectObs] = []
        locations: dict[str, str] = {}
        for op, doc in g.places:
            if doc.flat:
                continue
            fields = []
            for p in op.params:
                obs = self.collector.field(p.field, self._ctx(doc, owner))
                if obs is not None:
                    fields.append(obs)
                    if p.location:
                        locations.setdefault(field_key(p.field.name), p.location)
            place_obs.append(ObjectObs(tuple(fields), op.span, rank(doc)))
        params = self._merge_params(owner, place_obs, g)
        response = self._structured_response(g, resource, method)
        return OpDraft(g, resource, method, params, locations, None, response)

    def _merge_params(self, owner: str, obs: list[ObjectObs], g: OpGroup) -> MergedObject:
        merged = merge_one(owner, obs, self.diags, self.order) if obs else None
        if isinstance(merged, MergedObject):
            return merged
        return MergedObject(owner, [], g.span, "")

    def _structured_response(
        self, g: OpGroup, resource: tuple[str, ...], method: str
    ) -> ir.TypeRef | None:
        """The first structured place's Returns; later places are read too and must agree."""
        response: ir.TypeRef | None = None
        first = None
        for op, doc in g.places:
            if doc.flat or not op.returns:
                continue
            ref = self._returns(op.returns, doc, g, resource, method)
            if first is None:
                response, first = ref, op.span
            elif unify(response, ref) is None:
                self.diags.warning(
                    op.span,
                    "M003",
                    f"{g.method.upper()} {g.path} returns {_show(ref)} here but {_show(response)}"
                    f" at {first}; keeping the one at {first}",
                )
        return response

    def _check_places(self, g: OpGroup) -> None:
        """An operation documented twice in one file (M004); SDK methods that disagree (M003)."""
        first_in: dict[str, Span] = {}
        sdk: SdkCall | None = None
        for op, doc in g.places:
            first = first_in.setdefault(doc.path, op.span)
            if first != op.span:
                self.diags.warning(
                    op.span,
                    "M004",
                    f"{g.method.upper()} {g.path} is documented again in this file (first at line"
                    f" {first.line}); both places are read",
                )
            if op.sdk is None:
                continue
            if sdk is None:
                sdk = op.sdk
            elif op.sdk.method_path != sdk.method_path:
                self.diags.warning(
                    op.sdk.span,
                    "M003",
                    f"{g.method.upper()} {g.path} is the SDK method {'.'.join(op.sdk.method_path)}"
                    f" here but {'.'.join(sdk.method_path)} at {sdk.span}; keeping the one at"
                    f" {sdk.span}",
                )

    def _returns(
        self,
        entries: tuple[Entry, ...],
        doc: DocumentFacts,
        g: OpGroup,
        resource: tuple[str, ...],
        method: str,
    ) -> ir.TypeRef:
        owner = synthetic_name(resource, method, "Response")
        ctx = self._ctx(doc, owner)
        if len(entries) == 1 and isinstance(entries[0], (TypeEntry, DeclEntry)):
            e = entries[0]
            if isinstance(e, DeclEntry):
                name = self.collector.declaration(e, ctx)
                return ir.Ref(name) if name else ir.Unknown()  # type: ignore[arg-type]
            return self.collector.typeref(e.type, e.children, ctx, e.span, e.description)
        example, _ = g.examples()
        is_list = example is not None and isinstance(example.value, list)
        if is_list:
            owner += "Item"
        fields = self.collector.fields(entries, ctx.enter(owner))
        self.reg.observe(owner, ObjectObs(tuple(fields), entries[0].span, rank(doc)))
        self.synthetic.add(owner)
        ref = ir.Ref(owner)  # type: ignore[arg-type]
        return ir.ListOf(ref) if is_list else ref

    # --- pass 1b: flat web listings -----------------------------------------------------------

    def _web_types(self, doc: DocumentFacts, provisional: Mapping[str, Merged]) -> None:
        for entry in doc.types:
            if not isinstance(entry, (DeclEntry, TypeEntry)):
                continue
            header = _without_children(entry)
            name = self.collector.declaration(header, self._ctx(doc))
            if name:
                self.declared_in.setdefault(doc.path, set()).add(name)
            root = self._alignment_root(name, header, provisional)
            if root and entry.children:
                self._align(root, entry.children, doc, provisional)

    def _alignment_root(
        self, name: str | None, header: Entry, provisional: Mapping[str, Merged]
    ) -> str | None:
        """The object type a flat listing describes: the header's own type, or what it aliases."""
        if isinstance(header, DeclEntry):
            for obs in self.reg.observations.get(header.name, []):
                if isinstance(obs, AliasObs):
                    return next(iter(refs_in(obs.target)), None)
        return name

    def _align(
        self,
        root: str,
        entries: tuple[Entry, ...],
        doc: DocumentFacts,
        provisional: Mapping[str, Merged],
    ) -> None:
        ctx = self._ctx(doc)
        if not isinstance(provisional.get(root), MergedObject):
            fields = [e for e in entries if isinstance(e, FieldEntry)]
            if fields:
                self.diags.warning(
                    fields[0].span,
                    "M006",
                    f"{root} is documented only by a flat web listing; fields taken as top-level",
                )
                obs = [o for f in fields if (o := self.collector.field(f, ctx.enter(root)))]
                self.reg.observe(root, ObjectObs(tuple(obs), fields[0].span, ctx.rank))
            return
        found = aligner.align(root, entries, provisional, self.collector, ctx, self.diags)
        for owner, fields in found.items():
            self.reg.observe(owner, ObjectObs(tuple(fields), fields[0].span, ctx.rank))

    def _web_operation(self, draft: OpDraft, provisional: Mapping[str, Merged]) -> None:
        g = draft.group
        for op, doc in g.places:
            if not doc.flat:
                continue
            self._web_params(draft, [p.field for p in op.params], doc, provisional)
            for p in op.params:
                if p.location:
                    draft.locations.setdefault(field_key(p.field.name), p.location)
            if draft.response is None and op.returns:
                draft.response = self._web_returns(op.returns, doc, provisional)

    def _web_params(
        self,
        draft: OpDraft,
        entries: list[FieldEntry],
        doc: DocumentFacts,
        provisional: Mapping[str, Merged],
    ) -> None:
        """Web params: top-level where the name is a known (or the only) parameter listing;
        anything else is a nested field of the latest object-typed parameter."""
        known = {f.key: f for f in draft.params.fields}
        ctx = self._ctx(doc, draft.params.name)
        top: list[FieldObs] = []
        current_root: str | None = None
        for e in entries:
            key = field_key(e.name)
            if key in known or not draft.params.fields or current_root is None:
                obs = self.collector.field(e, ctx)
                if obs is not None:
                    top.append(obs)
                    roots = [n for n in refs_in(obs.type) if n in provisional]
                    current_root = roots[0] if roots else None
            else:
                self._align(current_root, (e,), doc, provisional)
        if top:
            obs_all = ObjectObs(tuple(top), top[0].span, ctx.rank)
            merged = merge_one(
                draft.params.name, [_as_obs(draft.params), obs_all], self.diags, self.order
            )
            if isinstance(merged, MergedObject):
                draft.params = merged

    def _web_returns(
        self, entries: tuple[Entry, ...], doc: DocumentFacts, provisional: Mapping[str, Merged]
    ) -> ir.TypeRef | None:
        header = entries[0]
        if not isinstance(header, (TypeEntry, DeclEntry)):
            return None
        bare = _without_children(header)
        ref = self.collector.typeref(bare.type, (), self._ctx(doc), bare.span)
        roots = refs_in(ref)
        if roots and header.children:
            self._align(roots[0], header.children, doc, provisional)
        return ref

    # --- pass 2: merge, resolve, finish -------------------------------------------------------

    def _finish_params(self, draft: OpDraft) -> None:
        """Locations (documented, else implied), and the request body as a named type."""
        g = draft.group
        path_params = {field_key(p) for p in g.path_params()}
        for f in draft.params.fields:
            if f.key in path_params:
                draft.locations[f.key] = "path"
            elif f.key not in draft.locations:
                draft.locations[f.key] = "body" if g.method in _BODY_METHODS else "query"
        for p in g.path_params():
            if field_key(p) not in {f.key for f in draft.params.fields}:
                self.diags.note(g.span, "M008", f"path parameter {p} is not documented")
                draft.params.fields.append(_path_param(p, g))
                draft.locations[field_key(p)] = "path"
        body = [f for f in draft.params.fields if draft.locations[f.key] == "body"]
        if body:
            sdk = g.sdk
            name = (sdk.params_type if sdk and sdk.params_type else None) or synthetic_name(
                draft.resource, draft.method, "Params"
            )
            fields = tuple(o for f in body for o in _to_field_obs(f))
            self.reg.observe(name, ObjectObs(fields, g.span, 0, ""))
            self.synthetic.add(name)
            draft.body_name = name
        if draft.response is None:
            draft.response = self._conventional_response(draft)

    def _conventional_response(self, draft: OpDraft) -> ir.TypeRef | None:
        sdk = draft.group.sdk
        if sdk is not None and sdk.returns is not None:
            ctx = Ctx(owner="", field="", rank=1, python=True)
            return self.collector.typeref(sdk.returns, (), ctx, sdk.span)
        name = conventional_name(draft.resource, draft.method, "Response")
        for _, doc in draft.group.places:
            if name in self.declared_in.get(doc.path, set()):
                self.diags.note(
                    draft.group.span, "M007", f"response taken to be {name} by naming convention"
                )
                return ir.Ref(name)  # type: ignore[arg-type]
        return None

    def _check_references(self, merged: dict[str, Merged]) -> None:
        for name in sorted(self.reg.references):
            if name not in merged:
                for span in sorted(set(self.reg.references[name]))[:1]:
                    self.diags.error(span, "M001", f"{name} is documented nowhere")

    def _check_counts(self, merged: dict[str, Merged]) -> None:
        for check in self.reg.counts:
            m = merged.get(check.name)
            if isinstance(m, MergedObject) and len(m.fields) != check.expected:
                self.diags.error(
                    check.span,
                    "D003",
                    f"summary says {check.name} has {check.expected} fields,"
                    f" {len(m.fields)} are documented",
                )

    def _dedupe_synthetic(self, merged: dict[str, Merged]) -> dict[str, str]:
        """Undocumented inline types that a documented one describes too become that one:
        same fields, same required/nullable, compatible types (first documented name wins)."""
        by_shape: dict[tuple[tuple[str, bool], ...], list[tuple[str, MergedObject]]] = {}
        for name, m in sorted(merged.items()):  # indexed by shape: linear, not quadratic
            if isinstance(m, MergedObject) and name not in self.synthetic:
                by_shape.setdefault(_shape(m), []).append((name, m))
        mapping: dict[str, str] = {}
        for name in sorted(self.synthetic):
            m = merged.get(name)
            if not isinstance(m, MergedObject):
                continue
            candidates = by_shape.get(_shape(m), [])
            match = next((n for n, d in candidates if _compatible(m, d)), None)
            if match is not None:
                mapping[name] = match
        for m in merged.values():
            if isinstance(m, MergedObject):
                for f in m.fields:
                    f.type = rename(f.type, mapping)
        return mapping

    def _to_operation(
        self, d: OpDraft, names: dict[str, str], types: dict[str, ir.TypeDef]
    ) -> ir.Operation:
        g = d.group
        params = []
        used: set[str] = set()
        by_raw: dict[str, PyName] = {}
        reserved = RESERVED_PARAMS if d.body_name else RESERVED_PARAMS - {"body"}
        for f in d.params.fields:
            raw = f.python or f.key
            py = self._py_name(raw, f.span, f"{g.summary}: parameter")
            while py in used or py in reserved:
                taken = "another parameter" if py in used else "a name the generated code uses"
                self.diags.warning(
                    f.span, "M009", f"{g.summary}: parameter {raw!r} collides with {taken}; renamed"
                )
                py = PyName(py + "_")
            used.add(py)
            for spelling in (f.python, f.wire, f.key):
                if spelling:
                    by_raw.setdefault(spelling, py)
            params.append(
                ir.Parameter(
                    name=py,
                    wire_name=f.wire or f.python or f.key,
                    location=d.locations[f.key],  # type: ignore[arg-type]
                    type=rename(f.type, names),
                    required=f.required or d.locations[f.key] == "path",
                    nullable=f.nullable,
                    span=f.span,
                    description=f.description,
                    constraints=constraints(f.constraints, f"{g.summary} {py}", self.diags),
                    default=f.default,
                )
            )
        response = rename(d.response, names) if d.response is not None else None
        sdk = g.sdk

        def param_name(raw: str) -> PyName:
            return by_raw.get(raw) or by_raw.get(field_key(raw)) or PyName.sanitize(raw)[0]

        path_names = [param_name(p) for p in g.path_params()]
        positional = tuple(param_name(p) for p in sdk.positional) if sdk else ()
        if not sdk and path_names:
            positional = (path_names[-1],)
        for raw, name in zip(sdk.positional if sdk else (), positional, strict=False):
            if name not in used:
                msg = f"the signature's argument {raw!r} is not a documented parameter; ignored"
                self.diags.warning(sdk.span, "D005", msg)  # type: ignore[union-attr]
        positional = tuple(dict.fromkeys(n for n in positional if n in used))
        example, requests = g.examples()
        resource = tuple(
            self._py_name(r, g.span, "resource", CLIENT_ATTRS if i == 0 else RESOURCE_ATTRS)
            for i, r in enumerate(d.resource)
        )
        return ir.Operation(
            operation_id=PyName.sanitize("_".join((*resource, d.method)))[0],
            method=g.method,  # type: ignore[arg-type]
            path=g.path,
            resource=resource,
            sdk_name=self._py_name(d.method, g.span, "SDK method", RESOURCE_ATTRS),
            summary=g.summary,
            span=g.span,
            description=g.description,
            params=tuple(params),
            body=ir.Ref(names[d.body_name]) if d.body_name else None,  # type: ignore[arg-type]
            response=response,
            positional=positional,
            pagination=_pagination(params, response, types),
            response_example=example,
            request_examples=requests,
        )

    def _py_name(
        self, raw: str, span: Span, what: str, reserved: frozenset[str] = frozenset()
    ) -> PyName:
        """A Python name for a docs name; a rewrite is reported (M010) once per name and role."""
        name, changed = PyName.sanitize(raw)
        if name in reserved:  # an attribute of the generated client or resource base class
            name, changed = PyName(name + "_"), True
        if changed and (what, raw) not in self._renamed:
            self._renamed.add((what, raw))
            self.diags.warning(
                span, "M010", f"{what} {raw!r} is not usable as a Python name; using {name}"
            )
        return name

    def _check_sdk_names(self, ops: tuple[ir.Operation, ...]) -> None:
        """Two operations must not become one SDK method (the second would replace the first)."""
        seen: dict[tuple[str, ...], ir.Operation] = {}
        ids: dict[str, ir.Operation] = {}
        for op in ops:
            key = (*op.resource, op.sdk_name)
            first = seen.setdefault(key, op)
            same_id = ids.setdefault(op.operation_id.lower(), op)  # also spelled in upper case
            if first is not op:
                self.diags.error(
                    op.span,
                    "M009",
                    f"{op.method.upper()} {op.path} and {first.method.upper()} {first.path}"
                    f" (at {first.span}) both become the SDK method {'.'.join(key)}",
                )
            elif same_id is not op:
                self.diags.error(
                    op.span,
                    "M009",
                    f"{op.method.upper()} {op.path} and {same_id.method.upper()} {same_id.path}"
                    f" (at {same_id.span}) both get the operation id {op.operation_id}",
                )
        self._check_resources(ops)

    def _check_resources(self, ops: tuple[ir.Operation, ...]) -> None:
        """The SDK's resource tree: each resource (`client.a.b`) becomes a class named after its
        path (`ABResource`), and is an attribute of its parent next to the parent's methods."""
        first_op: dict[tuple[str, ...], ir.Operation] = {}
        methods: dict[tuple[str, ...], set[str]] = {}
        for op in ops:
            methods.setdefault(op.resource, set()).add(op.sdk_name)
            for i in range(1, len(op.resource) + 1):
                first_op.setdefault(op.resource[:i], op)
        classes: dict[str, tuple[str, ...]] = {}
        for path, op in first_op.items():
            cname = "".join(pascal(p) for p in path)
            other = classes.setdefault(cname, path)
            if other != path:
                self.diags.error(
                    op.span,
                    "M009",
                    f"the SDK resources {'.'.join(path)} and {'.'.join(other)} both become"
                    f" the class {cname}Resource",
                )
            if path[-1] in methods.get(path[:-1], set()):
                self.diags.error(
                    op.span,
                    "M009",
                    f"{'.'.join(path)} is both an SDK method and a resource of {'.'.join(path[:-1])}",
                )

    def _check_example(self, op: ir.Operation, types: dict[str, ir.TypeDef], span: Span) -> None:
        if op.response_example is None or op.response is None:
            return
        for problem in example_problems(op.response_example.value, op.response, types)[:5]:
            self.diags.warning(span, "M012", f"{op.summary} response example: {problem}")

    def _base_url(self) -> str | None:
        for doc in self.docs:
            for op in doc.operations:
                for ex in op.examples:
                    m = re.search(r"curl\s+['\"]?(https?://[^/\s'\"]+)", ex.text)
                    if ex.role == "request" and m:
                        return m.group(1)
        return None

    def _client_class(self) -> str | None:
        for doc in self.docs:
            for op in doc.operations:
                for ex in op.examples:
                    m = re.search(r"^\s*client\s*=\s*([A-Z]\w*)\(", ex.text, re.M)
                    if ex.role == "request" and m:
                        return m.group(1)
        return None


def _show(ref: ir.TypeRef) -> str:
    """A short human spelling of a TypeRef for messages."""
    if isinstance(ref, ir.Ref):
        return str(ref.name)
    if isinstance(ref, ir.ListOf):
        return f"a list of {_show(ref.item)}"
    if isinstance(ref, ir.MapOf):
        return f"a map of {_show(ref.value)}"
    if isinstance(ref, ir.Primitive):
        return ref.kind
    return type(ref).__name__.lower()


def _without_children(entry: DeclEntry | TypeEntry) -> DeclEntry | TypeEntry:
    if isinstance(entry, DeclEntry):
        return DeclEntry(entry.name, entry.type, entry.span, entry.description)
    return TypeEntry(entry.type, entry.span, entry.description)


def _as_obs(m: MergedObject) -> ObjectObs:
    fields = tuple(o for f in m.fields for o in _to_field_obs(f))
    return ObjectObs(fields, m.span, 0, m.description)


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
        key=field_key(name),
        wire=name,
        python=None,
        type=ir.Primitive("string"),
        required=True,
        nullable=False,
        span=g.span,
    )


def _shape(m: MergedObject) -> tuple[tuple[str, bool], ...]:
    """Field keys and required flags, in order: objects of different shapes never match."""
    return tuple((f.key, f.required) for f in m.fields)


def _compatible(a: MergedObject, b: MergedObject) -> bool:
    """Same shape (the caller's index) and field types that unify."""
    return all(unify(x.type, y.type) is not None for x, y in zip(a.fields, b.fields, strict=True))


def _pagination(
    params: list[ir.Parameter], response: ir.TypeRef | None, types: dict[str, ir.TypeDef]
) -> ir.Pagination | None:
    """Cursor pagination: a list response whose items have an `id`, and an `after` cursor."""
    if not isinstance(response, ir.ListOf) or not isinstance(response.item, ir.Ref):
        return None
    if not any(p.wire_name == "after" and p.location == "query" for p in params):
        return None
    item = types.get(response.item.name)
    if isinstance(item, ir.ObjectType) and any(f.wire_name == "id" for f in item.fields):
        return ir.Pagination(cursor_param="after", item_id="id")
    return None
