"""The checks between and after the passes: references to undocumented types, summary counts,
paths, operations documented twice or with disagreeing SDK methods, SDK names that collide,
and response examples that disagree with the resolved types. Each reports; none changes."""

from __future__ import annotations

from collections.abc import Mapping

from generator import ir, irwalk, naming
from generator.diagnostics import Diagnostics
from generator.facts import SdkCall
from generator.names import ClassName, DocName
from generator.resolve.examples import example_problems
from generator.resolve.groups import OpGroup
from generator.resolve.merge import Merged, MergedObject, same_variants
from generator.resolve.observations import Registry
from generator.source import Span

MAX_PATH_SEGMENTS = 32  # /v1/a/{b}/c...: real paths have fewer than 10


def path_ok(g: OpGroup, diags: Diagnostics) -> bool:
    segments = g.path.count("/")
    if segments > MAX_PATH_SEGMENTS:
        msg = f"path has {segments} segments; the reader accepts at most {MAX_PATH_SEGMENTS}"
        diags.error(g.span, "D008", msg)
    return segments <= MAX_PATH_SEGMENTS


def places(g: OpGroup, diags: Diagnostics) -> None:
    """An operation documented twice in one file (M004); SDK methods that disagree (M003)."""
    first_in: dict[str, Span] = {}
    sdk: SdkCall | None = None
    for op, doc in g.places:
        first = first_in.setdefault(doc.path, op.span)
        if first != op.span:
            diags.warning(
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
            diags.warning(
                op.sdk.span,
                "M003",
                f"{g.method.upper()} {g.path} is the SDK method {'.'.join(op.sdk.method_path)}"
                f" here but {'.'.join(sdk.method_path)} at {sdk.span}; keeping the one at"
                f" {sdk.span}",
            )


def references(
    reg: Registry,
    final: Mapping[DocName, DocName],
    merged: Mapping[DocName, Merged],
    diags: Diagnostics,
) -> None:
    """Every reference resolves to a type (`final`: a key's type, `resolve.scoping`)."""
    for key in sorted(reg.references):
        if final.get(key) not in merged:
            for span in sorted(set(reg.references[key]))[:1]:
                diags.error(span, "M001", f"{naming.shown(key)} is documented nowhere")


def spelled_unions(
    merged: Mapping[DocName, Merged], final: dict[DocName, DocName], diags: Diagnostics
) -> None:
    """A union one place spells out and another names: the named union has those variants."""
    for owner, m in merged.items():
        if not isinstance(m, MergedObject):
            continue
        for f in m.fields:
            if f.spelled is None:
                continue
            spelled = irwalk.rename_within(f.spelled, final)
            if same_variants(f.type, spelled, merged):
                continue
            named = irwalk.refs_in(f.type)
            diags.warning(
                f.span,
                "M002",
                f"{naming.shown(owner)}.{f.key}: the union spelled out at one place is named"
                f" {naming.shown(named[0]) if named else '?'} at another, with other variants;"
                " the named one is kept",
            )


def dropped(types: list[ir.TypeDef], kept: list[ir.TypeDef], diags: Diagnostics) -> None:
    """An inline type specgen named that nothing uses any more: another place names the same
    thing and that name was kept (same shapes fold silently; these did not)."""
    left = {t.name for t in kept}
    for t in types:
        if t.name not in left:
            diags.warning(
                t.span,
                "M002",
                f"the inline type described here ({t.name}) is named otherwise at another place"
                " that describes it differently; that place's description is kept",
            )


def same_types(
    pairs: list[tuple[Span, DocName, DocName]],
    final: Mapping[DocName, DocName],
    folded: Mapping[DocName, DocName],
    diags: Diagnostics,
) -> None:
    """A response one place spells out and another names must be the named type's shape."""
    for span, made, named in pairs:
        a, b = final.get(made, made), final.get(named, named)
        if folded.get(a, a) != b:
            diags.warning(
                span,
                "M003",
                f"the response named {naming.shown(named)} here has another shape than the one"
                f" spelled out elsewhere ({naming.shown(made)}); keeping {naming.shown(named)}",
            )


def counts(
    reg: Registry,
    final: Mapping[DocName, DocName],
    merged: Mapping[DocName, Merged],
    diags: Diagnostics,
) -> None:
    """Every `N more` summary against the type it names."""
    for check in reg.counts:
        m = merged.get(final.get(check.name, check.name))
        if isinstance(m, MergedObject) and len(m.fields) != check.expected:
            diags.error(
                check.span,
                "D003",
                f"summary says {naming.shown(check.name)} has {check.expected} fields,"
                f" {len(m.fields)} are documented",
            )


def sdk_names(ops: tuple[ir.Operation, ...], diags: Diagnostics) -> None:
    """Two operations must not become one SDK method (the second would replace the first)."""
    seen: dict[tuple[str, ...], ir.Operation] = {}
    ids: dict[str, ir.Operation] = {}
    for op in ops:
        key = (*op.resource, op.sdk_name)
        first = seen.setdefault(key, op)
        same_id = ids.setdefault(op.operation_id.lower(), op)  # also spelled in upper case
        if first is not op:
            diags.error(
                op.span,
                "M009",
                f"{op.method.upper()} {op.path} and {first.method.upper()} {first.path}"
                f" (at {first.span}) both become the SDK method {'.'.join(key)}",
            )
        elif same_id is not op:
            diags.error(
                op.span,
                "M009",
                f"{op.method.upper()} {op.path} and {same_id.method.upper()} {same_id.path}"
                f" (at {same_id.span}) both get the operation id {op.operation_id}",
            )
    _resources(ops, diags)


def _resources(ops: tuple[ir.Operation, ...], diags: Diagnostics) -> None:
    """The SDK's resource tree: each resource (`client.a.b`) becomes a class
    (`naming.resource_class`), and is an attribute of its parent next to the parent's methods."""
    first_op: dict[tuple[str, ...], ir.Operation] = {}
    methods: dict[tuple[str, ...], set[str]] = {}
    for op in ops:
        methods.setdefault(op.resource, set()).add(op.sdk_name)
        for i in range(1, len(op.resource) + 1):
            first_op.setdefault(op.resource[:i], op)
    classes: dict[str, tuple[str, ...]] = {}
    for path, op in first_op.items():
        cname = naming.resource_class(path)
        other = classes.setdefault(cname, path)
        if other != path:
            diags.error(
                op.span,
                "M009",
                f"the SDK resources {'.'.join(path)} and {'.'.join(other)} both become"
                f" the class {cname}",
            )
        if path[-1] in methods.get(path[:-1], set()):
            diags.error(
                op.span,
                "M009",
                f"{'.'.join(path)} is both an SDK method and a resource of {'.'.join(path[:-1])}",
            )


def example(
    op: ir.Operation, types: Mapping[ClassName, ir.TypeDef], span: Span, diags: Diagnostics
) -> None:
    if op.response_example is None or op.response is None:
        return
    for problem in example_problems(op.response_example.value, op.response, types)[:5]:
        diags.warning(span, "M012", f"{op.summary} response example: {problem}")
