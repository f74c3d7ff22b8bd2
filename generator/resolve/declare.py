"""Pass 1, declare: every type a document declares (domain types, models sections) becomes
observations in the registry; flat web listings, which carry no nesting, are aligned against
what the structured flavors declared (`align`) so their extra facts land on the right field."""

from __future__ import annotations

from collections.abc import Mapping

from generator import irwalk, naming
from generator.facts import DeclEntry, DocumentFacts, Entry, FieldEntry, TypeEntry
from generator.names import DocName
from generator.resolve import align as aligner
from generator.resolve.collect import Ctx
from generator.resolve.merge import Merged, MergedObject
from generator.resolve.observations import AliasObs, ObjectObs
from generator.resolve.state import Resolution


def declare(res: Resolution, doc: DocumentFacts) -> None:
    """The declarations of a structured document."""
    for entry in doc.types:
        name = res.collector.declaration(entry, res.ctx(doc, entry.span.line, declaring=True))
        if name:
            res.declared(doc, name)


def web_types(res: Resolution, doc: DocumentFacts, provisional: Mapping[DocName, Merged]) -> None:
    """The model listings of a flat web document."""
    for entry in doc.types:
        if not isinstance(entry, (DeclEntry, TypeEntry)):
            continue
        header = without_children(entry)
        ctx = res.ctx(doc, entry.span.line, declaring=True)
        name = res.collector.declaration(header, ctx)
        if name:
            res.declared(doc, name)
        root = _alignment_root(res, name, header, ctx)
        if root and entry.children:
            align(res, root, entry.children, doc, provisional)


def _alignment_root(
    res: Resolution, name: DocName | None, header: Entry, ctx: Ctx
) -> DocName | None:
    """The object type a flat listing describes: the header's own type, or what it aliases."""
    if isinstance(header, DeclEntry):
        for obs in res.reg.observations.get(ctx.key(DocName(header.name)), []):
            if isinstance(obs, AliasObs):
                return next(iter(irwalk.refs_in(obs.target)), None)
    return name


def align(
    res: Resolution,
    root: DocName,
    entries: tuple[Entry, ...],
    doc: DocumentFacts,
    provisional: Mapping[DocName, Merged],
) -> None:
    """Observations from flat `entries` describing `root` (its fields and theirs, in pre-order)."""
    ctx = res.ctx(doc, entries[0].span.line if entries else 1)
    root = res.nearest(root)
    if not isinstance(provisional.get(root), MergedObject):
        fields = [e for e in entries if isinstance(e, FieldEntry)]
        if fields:
            res.diags.warning(
                fields[0].span,
                "M006",
                f"{naming.shown(root)} is documented only by a flat web listing; fields taken"
                " as top-level",
            )
            inner = ctx.enter(naming.shown(root))
            obs = [o for f in fields if (o := res.collector.field(f, inner))]
            res.reg.observe(root, ObjectObs(tuple(obs), fields[0].span, ctx.rank))
        return
    found = aligner.align(root, entries, provisional, res.collector, ctx, res.diags)
    for owner, owned in found.items():
        res.reg.observe(owner, ObjectObs(tuple(owned), owned[0].span, ctx.rank))


def without_children(entry: DeclEntry | TypeEntry) -> DeclEntry | TypeEntry:
    if isinstance(entry, DeclEntry):
        return DeclEntry(entry.name, entry.type, entry.span, entry.description)
    return TypeEntry(entry.type, entry.span, entry.description)
