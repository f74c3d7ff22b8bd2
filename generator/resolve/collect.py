"""Turn documented trees (type expression + nested bullets) into TypeRefs, registering every named
body they describe as an observation. Structure only: merging happens in `resolve.merge`."""

from __future__ import annotations

from typing import NamedTuple, get_args

from generator import ir, naming, speedups
from generator.diagnostics import Diagnostics
from generator.facts import (
    DeclEntry,
    Entry,
    FieldEntry,
    TArray,
    TExpr,
    TLiteral,
    TMap,
    TObject,
    TPrim,
    TRef,
    TUnion,
    TypeEntry,
    ValueEntry,
)
from generator.names import DocName
from generator.resolve.observations import (
    AliasObs,
    CountCheck,
    EnumObs,
    FieldObs,
    ObjectObs,
    RawType,
    Registry,
    UnionObs,
)
from generator.source import Span

MAX_DEPTH = 100


class Ctx(NamedTuple):
    """Where we are: the type being described (for naming inline types) and who says it.
    (A NamedTuple: immutable like a frozen dataclass, and made several times faster; one is made
    for every field of every documented type.)"""

    owner: DocName
    field: str
    rank: int
    python: bool
    depth: int = 0
    declaring: bool = False  # a page's types section, at its top level: the types' own entries
    scope: naming.Scope = ()  # the resource of the page section this is in (`resolve.scoping`)

    def inline_name(self, local: str | None = None) -> DocName:
        """The name of an inline type here (`naming.inline_type`)."""
        return naming.inline_type(self.owner, self.field, local)

    def enter(self, owner: DocName, field: str = "") -> Ctx:
        """Inside the body of `owner` (a docs name, never a key): no longer declaring."""
        return Ctx(owner, field, self.rank, self.python, self.depth + 1, False, self.scope)

    def at(self, field: str) -> Ctx:
        """The context of one field of the current owner, one level deeper."""
        return Ctx(self.owner, field, self.rank, self.python, self.depth + 1, False, self.scope)

    def made_up(self, name: DocName) -> DocName:
        """The key of a name specgen made up here (an inline type's): no docs name, its own site."""
        return naming.type_key(name, self.scope, naming.MADE_UP_SITE)

    def key(self, name: DocName, *, body: bool = False) -> DocName:
        """The type key of `name` spelled here (`naming.TypeKey`): a body described inside a
        field is known by that site until its shape is compared with the others of its name."""
        site = naming.nested_site(self.owner, self.field) if body and self.field else ""
        return naming.type_key(name, self.scope, site)


class _Walked(NamedTuple):
    """What reading one field gave, to give again for a copy of it (`FieldEntry.origin`): the
    observation, and the references and summary counts it made, each at its line's distance
    from the field's (the observations of the types inside are the same as before, and merging
    keeps one of identical observations anyway)."""

    token: FieldEntry  # the entry the key's id is of: held, so no other object takes the id
    obs: FieldObs
    refers: tuple[tuple[DocName, int], ...]
    counts: tuple[tuple[DocName, int, int], ...]
    reach: int  # how much deeper than the field's context the walk went


class _Recording:
    """The references and counts made while a field is read, relative to its line."""

    __slots__ = ("span", "refers", "counts", "ok")

    def __init__(self, span: Span) -> None:
        self.span = span
        self.refers: list[tuple[DocName, int]] = []
        self.counts: list[tuple[DocName, int, int]] = []
        self.ok = True  # False once something was made in another file


class Collector:
    """Walks entries; returns TypeRefs; fills a Registry. Never raises on bad input."""

    def __init__(self, registry: Registry, diags: Diagnostics) -> None:
        self.reg = registry
        self.diags = diags
        self._walked: dict[tuple[int, DocName, int, bool, bool, naming.Scope], _Walked] = {}
        self._recordings: list[_Recording] = []  # the fields being read, outermost first
        self._deepest = 0  # the deepest context seen
        self._memo = speedups.active().field_memo  # off: every field is collected (plain path)

    # --- entry points -------------------------------------------------------------------------

    def declaration(self, entry: Entry, ctx: Ctx) -> DocName | None:
        """A top-level documented type (domain types / models); returns its name."""
        if isinstance(entry, DeclEntry):
            local = DocName(entry.name)
            name = ctx.key(local)
            self.reg.spelled.add(name)
            # `Name = object {...}`: its body is the declaration itself (a level further down)
            inner = ctx.enter(local)._replace(declaring=ctx.declaring)
            target = self.typeref(entry.type, entry.children, inner, entry.span)
            if isinstance(target, ir.LiteralOf):
                self.reg.observe(
                    name,
                    EnumObs(target.values, entry.span, ctx.rank, entry.description, ctx.declaring),
                )
            elif isinstance(target, ir.UnionOf):
                self.reg.observe(
                    name,
                    UnionObs(
                        target.members, entry.span, ctx.rank, entry.description, ctx.declaring
                    ),
                )
            elif not (isinstance(target, ir.Ref) and target.name == name):
                self.reg.observe(
                    name, AliasObs(target, entry.span, ctx.rank, entry.description, ctx.declaring)
                )
            return name
        if isinstance(entry, TypeEntry):
            ref = self.typeref(entry.type, entry.children, ctx, entry.span, entry.description)
            return ref.name if isinstance(ref, ir.Ref) else None
        self.diags.warning(entry.span, "D001", "expected a type declaration here")
        return None

    def fields(self, entries: tuple[Entry, ...], ctx: Ctx) -> list[FieldObs]:
        """Fields of an object (non-field entries are reported)."""
        out: list[FieldObs] = []
        for entry in entries:
            if isinstance(entry, FieldEntry):
                obs = self.field(entry, ctx)
                if obs is not None:
                    out.append(obs)
            else:
                self.diags.error(entry.span, "D001", f"expected a field of {ctx.owner} here")
        return out

    def field(self, entry: FieldEntry, ctx: Ctx) -> FieldObs | None:
        if not entry.children or not self._memo:  # nothing inside worth remembering, or no memo
            return self._field(entry, ctx)
        token = entry.origin or entry
        key = (id(token), ctx.owner, ctx.rank, ctx.python, ctx.declaring, ctx.scope)
        walked = self._walked.get(key)
        if walked is not None and walked.token is token and ctx.depth + walked.reach <= MAX_DEPTH:
            self._deepest = max(self._deepest, ctx.depth + walked.reach)
            return self._again(walked, entry.span)
        recording = _Recording(entry.span)
        self._recordings.append(recording)
        marks = len(self.diags), self._deepest
        self._deepest = ctx.depth
        try:
            obs = self._field(entry, ctx)
        finally:
            self._recordings.pop()
            reach = self._deepest - ctx.depth
            self._deepest = max(marks[1], self._deepest)
        if recording.ok and len(self.diags) == marks[0]:  # a walk that reported nothing
            refers, counts = tuple(recording.refers), tuple(recording.counts)
            self._walked[key] = _Walked(token, obs, refers, counts, reach)
        return obs

    def _field(self, entry: FieldEntry, ctx: Ctx) -> FieldObs:
        fctx = ctx.at(entry.name)
        ref = self.typeref(entry.type, entry.children, fctx, entry.span, entry.description)
        ref, nullable = strip_null(ref)
        nullable = nullable or (ctx.python and entry.optional)  # `Optional[X]` admits None
        return FieldObs(
            name=entry.name,
            type=ref,
            required=not entry.optional,
            nullable=nullable,
            span=entry.span,
            python=ctx.python,
            rank=ctx.rank,
            description=entry.description,
            constraints=entry.constraints,
            default=entry.default,
            unsure=not entry.children and _ambiguous(entry.type),
        )

    def _again(self, walked: _Walked, span: Span) -> FieldObs:
        """A copy of a field read before: its references and counts at the copy's lines."""
        for name, offset in walked.refers:
            self._refer(name, Span(span.file, span.line + offset))
        for name, expected, offset in walked.counts:
            self._count(CountCheck(name, expected, Span(span.file, span.line + offset)))
        obs = walked.obs
        return FieldObs(
            obs.name,
            obs.type,
            obs.required,
            obs.nullable,
            span,
            obs.python,
            obs.rank,
            obs.description,
            obs.constraints,
            obs.default,
            obs.unsure,
        )

    def _refer(self, name: DocName, span: Span) -> None:
        self.reg.refer(name, span)
        for rec in self._recordings:
            if span.file == rec.span.file:
                rec.refers.append((name, span.line - rec.span.line))
            else:
                rec.ok = False

    def _count(self, check: CountCheck) -> None:
        self.reg.counts.append(check)
        for rec in self._recordings:
            if check.span.file == rec.span.file:
                rec.counts.append((check.name, check.expected, check.span.line - rec.span.line))
            else:
                rec.ok = False

    # --- the conversion -----------------------------------------------------------------------

    def typeref(
        self,
        expr: TExpr,
        children: tuple[Entry, ...],
        ctx: Ctx,
        span: Span,
        description: str = "",
    ) -> RawType:
        """The type reference for `expr` whose documented structure is `children`."""
        if ctx.depth > self._deepest:
            self._deepest = ctx.depth
        if ctx.depth > MAX_DEPTH:
            self.diags.error(span, "D008", "types nested deeper than the reader accepts")
            return ir.Unknown()
        if not children and isinstance(expr, TPrim):  # most fields: nothing documented inside
            return _prim(expr)
        variants = tuple(c for c in children if isinstance(c, TypeEntry)) if children else ()
        union_written = isinstance(expr, TUnion) or (
            isinstance(expr, TArray) and isinstance(expr.item, TUnion)
        )
        if variants and (union_written or isinstance(expr, (TPrim, TLiteral))):
            return self._from_variants(expr, variants, ctx, span)
        if isinstance(expr, TPrim):
            return _prim(expr)
        if isinstance(expr, TArray):
            # `Name = array of object {…}`: the item is `NameItem`, not `Name` again
            inner = ctx if ctx.field else ctx._replace(field="item")
            return ir.ListOf(self.typeref(expr.item, children, inner, span, description))
        if isinstance(expr, TMap):
            return ir.MapOf(self.typeref(expr.value, children, ctx, span, description))
        if isinstance(expr, TLiteral):
            return self._literal(expr, children, span)
        if isinstance(expr, TUnion):
            members = tuple(self.typeref(m, (), ctx, span) for m in expr.members)
            return ir.UnionOf(members)
        if isinstance(expr, TRef):
            if any(_names(v, expr.name) for v in variants):
                # `tool_call: ToolCall` whose variants are `class ToolCall` and `class ToolCallDelta`:
                # the union is unnamed (its name is taken by one of its own variants)
                return self._from_variants(TUnion(()), variants, ctx, span)
            local = DocName(expr.name)
            name = ctx.key(local, body=bool(children))
            self.reg.spelled.add(name)
            self._refer(name, span)
            if children:
                self._body(name, None, children, ctx, span, description)
            return ir.Ref(name)
        return self._object(expr, children, ctx, span, description)

    def _object(
        self,
        expr: TObject,
        children: tuple[Entry, ...],
        ctx: Ctx,
        span: Span,
        description: str,
        made_up: DocName | None = None,
    ) -> RawType:
        """An object type: named by the docs, or by specgen (`made_up`, or its owner and field
        where the docs give no name; `naming.MADE_UP_SITE`)."""
        if expr.name is None and not children:
            return ir.MapOf(ir.Unknown())  # `object { a, b }` with nothing said about a and b
        if made_up is None and expr.name:
            name = ctx.key(DocName(expr.name), body=bool(children))
            self.reg.spelled.add(name)
        else:
            name = ctx.made_up(made_up or ctx.inline_name())
        if expr.field_names is not None:
            self._check_summary(name, expr, children, span)
        if children:
            self._body(name, expr, children, ctx, span, description)
        else:
            self._refer(name, span)
        return ir.Ref(name)

    def _body(
        self,
        name: DocName,
        summary: TObject | None,
        children: tuple[Entry, ...],
        ctx: Ctx,
        span: Span,
        description: str,
    ) -> None:
        """Register what `children` say about the type `name` (a key)."""
        if not children:  # nothing said here (a bare variant bullet); referenced only
            return
        self._refer(name, span)  # every place it is described (replayed for a copy's lines)
        inner = ctx.enter(naming.shown(name))
        kinds = {type(c) for c in children}
        if kinds <= {ValueEntry}:
            values = tuple(c.value for c in children if isinstance(c, ValueEntry))
            if values:
                self.reg.observe(name, EnumObs(values, span, ctx.rank, description, ctx.declaring))
                return
        if kinds <= {TypeEntry}:
            variants = tuple(c for c in children if isinstance(c, TypeEntry))
            union = self._from_variants(TUnion(()), variants, inner, span)
            members = union.members if isinstance(union, ir.UnionOf) else (union,)
            self.reg.observe(name, UnionObs(members, span, ctx.rank, description, ctx.declaring))
            return
        fields = self.fields(children, inner)
        self.reg.observe(name, ObjectObs(tuple(fields), span, ctx.rank, description, ctx.declaring))

    def _from_variants(
        self, expr: TExpr, variants: tuple[TypeEntry, ...], ctx: Ctx, span: Span
    ) -> RawType:
        """Variant bullets are the truth about a union; the written expression only hints at
        precedence (`array of A or B or string` lists `array of A or B` and `string`)."""
        written = expr
        wrap_list = False
        if isinstance(written, TArray) and isinstance(written.item, TUnion):
            if len(written.item.members) + written.item.more == len(variants) and not any(
                isinstance(v.type, TArray) for v in variants
            ):
                wrap_list, written = True, written.item
        members_written = written.members if isinstance(written, TUnion) else ()
        if isinstance(written, TUnion) and written.more:
            total = len(written.members) + written.more
            if total != len(variants):
                self.diags.error(
                    span, "D003", f"summary says {total} variants, {len(variants)} are listed"
                )
        refs: list[RawType] = []
        unnamed = sum(1 for v in variants if isinstance(v.type, TObject) and not v.type.name)
        for i, variant in enumerate(variants):
            hint = members_written[i] if i < len(members_written) else None
            vtype = variant.type
            if unnamed > 1 and isinstance(vtype, TObject) and not vtype.name:
                # `object {…} or object {…}`: each variant a type of its own (`…UnionMember0`)
                made_up = ctx.inline_name(naming.union_member(i))
                refs.append(
                    self._object(
                        vtype, variant.children, ctx, variant.span, variant.description, made_up
                    )
                )
                continue
            refs.append(self._variant(variant, hint, ctx))
        result: RawType = ir.UnionOf(tuple(refs)) if len(refs) > 1 else refs[0]
        return ir.ListOf(result) if wrap_list else result

    def _variant(self, variant: TypeEntry, hint: TExpr | None, ctx: Ctx) -> RawType:
        vtype = variant.type
        if isinstance(hint, TRef) and not isinstance(vtype, (TRef, TObject)):
            # `Union[AgentType, ...]` documented by a bare `Literal[...]` bullet: its body
            name = ctx.key(DocName(hint.name), body=True)
            self.reg.spelled.add(name)
            self._refer(name, variant.span)
            self._body(name, None, _as_body(variant), ctx, variant.span, variant.description)
            return ir.Ref(name)
        if isinstance(vtype, TObject) and vtype.name and not ctx.python:
            local = isinstance(hint, TObject) and hint.name is None
            if local:  # `object {...} or ...` whose bullets name variants locally (`URL object`)
                made_up = ctx.inline_name(vtype.name)
                children = variant.children
                return self._object(
                    vtype, children, ctx, variant.span, variant.description, made_up
                )
        if isinstance(vtype, TObject) and vtype.name and variant.children and ctx.owner:
            if not ctx.field:
                # a variant described in place in a union's own entry (a Returns section, a
                # declaration): its site is the union's, so a local title (a search result
                # named like another type) is compared by shape, never merged into it
                ctx = ctx._replace(field=vtype.name)
        return self.typeref(vtype, variant.children, ctx, variant.span, variant.description)

    def _literal(self, expr: TLiteral, children: tuple[Entry, ...], span: Span) -> RawType:
        listed = tuple(c.value for c in children if isinstance(c, ValueEntry))
        total = len(expr.values) + expr.more
        if listed:
            if len(listed) != total:
                self.diags.error(
                    span, "D003", f"summary says {total} values, {len(listed)} are listed"
                )
            elif listed[: len(expr.values)] != expr.values:
                written = ", ".join(repr(v) for v in expr.values)
                shown = ", ".join(repr(v) for v in listed[: len(expr.values)])
                self.diags.error(
                    span,
                    "D003",
                    f"summary names the values {_clip(written)}, the listed"
                    f" values begin {_clip(shown)}",
                )
            return ir.LiteralOf(listed)
        if expr.more:
            self.diags.warning(
                span, "D003", f"{expr.more} values are elided and not listed; typed as string"
            )
            return ir.Primitive("string")
        return ir.LiteralOf(expr.values)

    def _check_summary(
        self, name: DocName, expr: TObject, children: tuple[Entry, ...], span: Span
    ) -> None:
        fields = [c.name for c in children if isinstance(c, FieldEntry)]
        expected = len(expr.field_names or ()) + expr.more
        if not fields:
            self._count(CountCheck(name, expected, span))
            return
        listed = tuple(fields[: len(expr.field_names or ())])
        if len(fields) != expected:
            self.diags.error(
                span,
                "D003",
                f"summary of {naming.shown(name)} says {expected} fields"
                f" ({', '.join(expr.field_names or ())}, ...), {len(fields)} are listed",
            )
        elif listed != expr.field_names:
            self.diags.error(
                span,
                "D003",
                f"summary of {naming.shown(name)} names the fields {', '.join(expr.field_names or ())},"
                f" the listed fields begin {', '.join(listed)}",
            )


def _ambiguous(expr: TExpr) -> bool:
    """An `or` chain with an `array of` in it: where the array ends, only variant bullets say."""
    match expr:
        case TArray():
            return isinstance(expr.item, TUnion) or _ambiguous(expr.item)
        case TUnion():
            return any(_ambiguous(m) for m in expr.members)
        case TMap():
            return _ambiguous(expr.value)
        case _:
            return False


def _clip(text: str, size: int = 120) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _names(variant: TypeEntry, name: str) -> bool:
    return isinstance(variant.type, TObject) and variant.type.name == name


def _as_body(variant: TypeEntry) -> tuple[Entry, ...]:
    """A variant bullet documenting a named type's body: values, or the variant itself."""
    if isinstance(variant.type, TLiteral):
        values = tuple(c for c in variant.children if isinstance(c, ValueEntry))
        if values:
            return values
        return tuple(ValueEntry(v, variant.span) for v in variant.type.values)
    return variant.children


def _prim(expr: TPrim) -> RawType:
    return _PRIMS[expr.name]


# One shared node per kind (IR nodes are immutable): most fields are primitives.
_PRIMS: dict[str, RawType] = {
    "unknown": ir.Unknown(),
    "null": ir.Null(),
    **{kind: ir.Primitive(kind) for kind in get_args(ir.PrimitiveKind)},
}


def strip_null(ref: RawType) -> tuple[RawType, bool]:
    """`Union[X, null]` -> (X, nullable)."""
    if isinstance(ref, ir.Null):
        return ir.Unknown(), True
    if isinstance(ref, ir.UnionOf) and any(isinstance(m, ir.Null) for m in ref.members):
        rest = tuple(m for m in ref.members if not isinstance(m, ir.Null))
        return (rest[0] if len(rest) == 1 else ir.UnionOf(rest)), True
    return ref, False
