"""Resolve the facts of every document into the one IR. The passes, each a module:

0. `scoping`: which resource each section of each page is about (its operations' SDK paths);
1. `declare`: the types each structured document declares, as observations (`collect`), each
   known by its key (name, scope, site) until shapes are compared;
2. `observe`: each operation's parameters (`params`, keyed by (location, name)) and response
   from its structured places, then the flat web listings aligned against what those said
   (`align`), then the request body;
3. `scoping` then `merge`: keys of one name told apart by shape and named (`tell_apart`), then
   every observation of a type into one description (`merge`), undocumented inline types
   folded into the documented ones of the same shape;
4. names and definitions: class names (`generator.naming`), IR definitions and discriminators
   (`finalize`), then each operation (`operations`);
5. `check`: references, counts, SDK names and examples, reported as diagnostics.
"""

from __future__ import annotations

from generator import ir, naming
from generator.diagnostics import Diagnostics
from generator.facts import DocumentFacts
from generator.resolve import check, declare, kinds, observe, operations
from generator.resolve.finalize import discriminate, reachable, to_typedefs
from generator.resolve.groups import group_operations
from generator.resolve.merge import ProvisionalMerge, fold_synthetic, merge_all, rename_refs
from generator.resolve.scoping import SectionScopes, tell_apart
from generator.resolve.state import Resolution


def build_api(docs: list[DocumentFacts], diags: Diagnostics) -> ir.Api:
    """The one IR for all documents. Problems go to `diags`; never raises on bad input."""
    res = Resolution(docs, diags)
    every_group = group_operations(res.docs)
    res.scopes = SectionScopes(res.docs, every_group)
    for doc in res.docs:
        if not doc.flat:
            declare.declare(res, doc)
    groups = [g for g in every_group if check.path_ok(g, diags)]
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
    scoped = tell_apart(res.reg.observations, res.reg.references, diags)
    merged = merge_all(scoped.observations, diags)
    rename_refs(merged, scoped.final)
    check.references(res.reg, scoped.final, merged, diags)
    check.counts(res.reg, scoped.final, merged, diags)
    made_up = {k for k in (*res.synthetic, *res.reg.observations) if res.made_up(k)}
    spelled = {scoped.final[k] for k in res.reg.spelled if k in scoped.final}
    same = [
        (scoped.final[made], scoped.final[named])
        for _, made, named in res.same_type
        if made in scoped.final and named in scoped.final
    ]
    folded = fold_synthetic(
        merged, {f for k in made_up if (f := scoped.final.get(k)) and f not in spelled}, same
    )
    for name in folded:
        del merged[name]
    check.same_types(res.same_type, scoped.final, folded, diags)
    check.spelled_unions(merged, {k: folded.get(v, v) for k, v in scoped.final.items()}, diags)
    names = naming.class_names({raw: m.span for raw, m in merged.items()}, diags)
    names.update({k: names[v] for k, v in folded.items()})
    names.update({k: names[v] for k, v in scoped.final.items()})
    typedefs = to_typedefs(merged, names, diags, scoped.scope, scoped.local)
    types = discriminate(typedefs, diags)
    by_name = {t.name: t for t in types}
    resolved = naming.resolver(names)
    ops = tuple(operations.to_operation(res, d, resolved, by_name) for d in drafts)
    ops = kinds.link_switches(ops)  # a stream switch's events, from the streaming operation
    check.sdk_names(ops, diags)
    for op, d in zip(ops, drafts, strict=True):
        check.example(op, by_name, d.group.response_example_span() or op.span, diags)
    kept = reachable(types, ops, {names[k] for k in made_up if k in names})
    check.dropped(types, kept, diags)
    return ir.Api(
        operations=ops,
        types=tuple(kept),
        base_url=operations.base_url(res.docs),
        client_class=operations.client_class(res.docs),
        title=next((doc.title for doc in res.docs if doc.title), ""),
    )
