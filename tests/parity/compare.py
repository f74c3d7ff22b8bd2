"""The comparison: the official client's methods and models against the generated ones.

Scope: the official methods of the resources the docs document (a set of resource paths, the
client itself being `()`; a documented resource that the official client has as a method puts
that method in scope), and every official model reachable from their parameter and return
annotations. Each figure is `count / total`, higher is better; `mismatches` says what differs,
one line each, in a stable order (methods, then models in the order of their module paths);
`module_mismatches` the models found under their name in another module.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from . import surface
from .loading import ClassIndex
from .surface import Field, Method

# Figure names, in report order, with what they count.
FIGURES: dict[str, str] = {
    "resources_found": "documented resources that the official client has",
    "methods_found": "official methods found at the same path in the generated client",
    "signatures_equal": "official methods with equal positional and keyword parameters "
    "(names, requiredness)",
    "returns_equal": "official methods with an equal return type (model names)",
    "methods_known": "generated methods (of those resources) that the official client has",
    "models_found": "official models with a generated model of the same name",
    "models_same_module": "official models whose generated model is in the same module",
    "fields_found": "official model fields found in the generated model",
    "fields_equal": "official fields with equal alias, requiredness and nullability",
    "aliases_equal": "official fields with an equal alias (wire name)",
    "requiredness_equal": "official fields with equal requiredness",
    "nullability_equal": "official fields with equal nullability",
    "fields_known": "fields of found generated models that the official model has",
}


@dataclass
class Report:
    figures: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in FIGURES})
    mismatches: list[str] = field(default_factory=list)
    # models found under the same name in another module: reported apart
    module_mismatches: list[str] = field(default_factory=list)

    def count(self, figure: str, ok: bool) -> None:
        self.figures[figure][0] += int(ok)
        self.figures[figure][1] += 1

    def render(self, limit: int = 40) -> str:
        width = max(len(k) for k in FIGURES)
        lines = ["parity with the official client:"]
        for key, (count, total) in self.figures.items():
            pct = f"{100 * count / total:5.1f}%" if total else "    -"
            lines.append(f"  {key:<{width}}  {count:>5} / {total:<5} {pct}  {FIGURES[key]}")
        for title, found in (
            ("mismatches", self.mismatches),
            ("models in another module", self.module_mismatches),
        ):
            shown = found[:limit]
            lines.append(f"{title}: {len(found)} (first {len(shown)})")
            lines.extend(f"  {m}" for m in shown)
        return "\n".join(lines)


def compare(
    official: object,
    official_package: str,
    generated: object,
    index: ClassIndex,
    resources: Collection[tuple[str, ...]],
) -> Report:
    """Compare two client instances over `resources`; `index` finds the generated models."""
    scope = set(resources)
    report = Report()
    everything = surface.api_methods(official)
    # What the official client has at a path: a resource (any prefix of a method's path) or a
    # method. A documented resource that is a method there (the docs' `health` resource of the
    # client's `health()`) puts that method in scope: the generated one is then missing.
    official_paths = {m.path[:i] for m in everything for i in range(len(m.path) + 1)}
    for resource in sorted(scope):
        found = resource in official_paths
        report.count("resources_found", found)
        if not found:
            report.mismatches.append(f"resource {'.'.join(resource)}: not in the official client")
    theirs = [m for m in everything if m.resource in scope or m.path in scope]
    ours = {m.path: m for m in surface.api_methods(generated) if m.resource in scope}
    their_paths = {m.path for m in theirs}
    for method in theirs:
        _compare_method(method, ours.get(method.path), report)
    for path, method in sorted(ours.items()):
        known = path in their_paths
        report.count("methods_known", known)
        if not known:
            report.mismatches.append(f"method {method.dotted}: not in the official client")
    roots = [tp for m in theirs for tp in m.annotations]
    for cls in surface.model_closure(roots, official_package):
        _compare_model(cls, official_package, index, report)
    return report


def _compare_method(theirs: Method, ours: Method | None, report: Report) -> None:
    name = theirs.dotted
    report.count("methods_found", ours is not None)
    if ours is None:
        report.mismatches.append(f"method {name}: missing")
        report.count("signatures_equal", False)
        report.count("returns_equal", False)
        return
    problems = []
    if theirs.positional != ours.positional:
        problems.append(
            f"positional ({', '.join(map(str, theirs.positional))}) "
            f"!= ({', '.join(map(str, ours.positional))})"
        )
    their_kw = {p.name: p for p in theirs.keywords}
    our_kw = {p.name: p for p in ours.keywords}
    if missing := sorted(their_kw.keys() - our_kw.keys()):
        problems.append(f"keywords missing {missing}")
    if extra := sorted(our_kw.keys() - their_kw.keys()):
        problems.append(f"keywords not official {extra}")
    if differ := [k for k in sorted(their_kw.keys() & our_kw.keys()) if their_kw[k] != our_kw[k]]:
        problems.append(
            "requiredness of "
            + ", ".join(f"{k} (official {_req(their_kw[k].required)})" for k in differ)
        )
    report.count("signatures_equal", not problems)
    report.mismatches.extend(f"method {name}: {p}" for p in problems)
    report.count("returns_equal", theirs.returns == ours.returns)
    if theirs.returns != ours.returns:
        report.mismatches.append(f"method {name}: returns {theirs.returns} != {ours.returns}")


def _req(required: bool) -> str:
    return "required" if required else "optional"


def _compare_model(cls: type, package: str, index: ClassIndex, report: Report) -> None:
    module = surface.module_path(cls, package)
    label = f"model {module}.{cls.__name__}"
    their_fields = surface.fields(cls)
    found = _find(cls.__name__, module, index, label, report)
    report.count("models_found", found is not None)
    if found is None:
        report.mismatches.append(f"{label}: missing")
        for _ in their_fields:
            for figure in (
                "fields_found",
                "fields_equal",
                "aliases_equal",
                "requiredness_equal",
                "nullability_equal",
            ):
                report.count(figure, False)
        return
    our_module, our_cls = found
    report.count("models_same_module", our_module == module)
    if our_module != module:
        report.module_mismatches.append(f"{label}: generated in {our_module}")
    our_fields = surface.fields(our_cls)
    by_wire = {f.wire: f for f in our_fields.values()}
    for name, theirs in their_fields.items():
        ours = our_fields.get(name)
        _compare_field(f"{label}.{name}", theirs, ours, by_wire.get(theirs.wire), report)
    for name in sorted(our_fields.keys() - their_fields.keys()):
        report.mismatches.append(f"{label}.{name}: field not in the official model")
    for name in our_fields:
        report.count("fields_known", name in their_fields)


def _compare_field(
    label: str, theirs: Field, ours: Field | None, same_wire: Field | None, report: Report
) -> None:
    report.count("fields_found", ours is not None)
    if ours is None:
        hint = f" (the generated field {same_wire.name!r} has its wire name)" if same_wire else ""
        report.mismatches.append(f"{label}: field missing{hint}")
        for figure in ("fields_equal", "aliases_equal", "requiredness_equal", "nullability_equal"):
            report.count(figure, False)
        return
    alias = theirs.wire == ours.wire
    required = theirs.required == ours.required
    nullable = theirs.nullable == ours.nullable
    report.count("aliases_equal", alias)
    report.count("requiredness_equal", required)
    report.count("nullability_equal", nullable)
    report.count("fields_equal", alias and required and nullable)
    if not alias:
        report.mismatches.append(f"{label}: wire name {theirs.wire!r} != {ours.wire!r}")
    if not required:
        report.mismatches.append(
            f"{label}: official {_req(theirs.required)}, generated {_req(ours.required)}"
        )
    if not nullable:
        state = "nullable" if theirs.nullable else "not nullable"
        report.mismatches.append(f"{label}: official {state}, generated the opposite")


def _find(
    name: str, module: str, index: ClassIndex, label: str, report: Report
) -> tuple[str, type] | None:
    """The generated model of that name: in the same module if there is one there, else in the
    module whose path shares the most with `module` (then by module path). A module that fails
    to import is reported and passed over."""
    parts = module.split(".")

    def closeness(candidate: str) -> tuple[int, str]:
        shared = 0
        for a, b in zip(parts, candidate.split("."), strict=False):
            if a != b:
                break
            shared += 1
        return (-(shared + 1000 * (candidate == module)), candidate)

    for candidate in sorted(index.modules_of(name), key=closeness):
        try:
            cls = index.load(candidate, name)
        except Exception as err:  # generated code that does not import: a finding, not a crash
            report.mismatches.append(
                f"{label}: generated module {candidate} fails to import "
                f"({type(err).__name__}: {err})"
            )
            continue
        if surface.is_model(cls):
            assert isinstance(cls, type)
            return candidate, cls
    return None
