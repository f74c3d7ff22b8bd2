"""Resolve the facts of every document into the one IR. The passes, each a module:

1. `declare`: the types each structured document declares, as observations (`collect`);
2. `observe`: each operation's parameters (`params`, keyed by (location, name)) and response
   from its structured places, then the flat web listings aligned against what those said
   (`align`), then the request body;
3. `merge`: every observation of a name into one description (`merge`), undocumented inline
   types folded into the documented ones of the same shape;
4. names and definitions: class names (`generator.naming`), IR definitions and discriminators
   (`finalize`), then each operation (`operations`);
5. `check`: references, counts, SDK names and examples, reported as diagnostics.
"""

from __future__ import annotations

from generator import ir, naming
from generator.diagnostics import Diagnostics
from generator.facts import DocumentFacts
from generator.resolve import check, declare, observe, operations
from generator.resolve.finalize import discriminate, to_typedefs
from generator.resolve.groups import group_operations
from generator.resolve.merge import ProvisionalMerge, fold_synthetic, merge_all
from generator.resolve.state import Resolution


def build_api(docs: list[DocumentFacts], diags: Diagnostics) -> ir.Api:
    """The one IR for all documents. Problems go to `diags`; never raises on bad input."""
    res = Resolution(docs, diags)
    for doc in res.docs:
        if not doc.flat:
            declare.declare(res, doc)
    groups = [g for g in group_operations(res.docs) if check.path_ok(g, diags)]
    for g in groups:
        check.places(g, diags)
    drafts = [observe.draft(res, g) for g in groups]
    provisional = ProvisionalMerge(res.reg.observations)
    for doc in res.docs:
        if doc.flat:
            declare.web_types(res, doc, provisional)
    for d in drafts:
        observe.web_places(res, d, provisional)
    for d in drafts:
        observe.finish_params(res, d)
    merged = merge_all(res.reg.observations, diags)
    check.references(res.reg, merged, diags)
    check.counts(res.reg, merged, diags)
    folded = fold_synthetic(merged, res.synthetic)
    for name in folded:
        del merged[name]
    names = naming.class_names({raw: m.span for raw, m in merged.items()}, diags)
    names.update({k: names[v] for k, v in folded.items()})
    types = discriminate(to_typedefs(merged, names, diags), diags)
    by_name = {t.name: t for t in types}
    resolved = naming.resolver(names)
    ops = tuple(operations.to_operation(res, d, resolved, by_name) for d in drafts)
    check.sdk_names(ops, diags)
    for op, d in zip(ops, drafts, strict=True):
        check.example(op, by_name, d.group.response_example_span() or op.span, diags)
    return ir.Api(
        operations=ops,
        types=tuple(types),
        base_url=operations.base_url(res.docs),
        client_class=operations.client_class(res.docs),
        title=next((doc.title for doc in res.docs if doc.title), ""),
    )
