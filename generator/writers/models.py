"""Pydantic models in `<sdk>/types/`: one module per named type (mutually recursive types share
one), a lazy `types/__init__.py`, all rendered from `templates/models/`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from generator import ir
from generator.config import Config
from generator.writers.imports import import_block
from generator.writers.pytypes import (
    CONSTRAINT_KWARGS,
    Import,
    Printer,
    module_map,
    pyrepr,
    type_deps,
)
from generator.writers.render import render

RUNTIME = ".._runtime"  # from <sdk>/types/<module>.py


@dataclass(frozen=True)
class FieldView:
    name: str
    annotation: str
    default: str | None  # Python expression, None when the field is required
    description: str


@dataclass(frozen=True)
class DefView:
    """A class (fields set) or a type alias (annotation set)."""

    name: str
    description: str
    fields: tuple[FieldView, ...] = ()
    annotation: str | None = None


def field_view(f: ir.Field, printer: Printer, imports: set[Import]) -> FieldView:
    """Annotation and default of one attribute: required fields have no default; an optional
    single-value literal (a union tag) defaults to its value; other optional fields to None.
    (A null sent for a tag is still parsed: the runtime's lenient path keeps it.)"""
    annotation = printer.annotation(f.type, imports)
    tag = f.type.values if isinstance(f.type, ir.LiteralOf) and len(f.type.values) == 1 else None
    args: list[str] = []
    if not f.required and tag:  # a union tag: pydantic discriminators need a plain Literal
        args.append(f"default={pyrepr(tag[0])}")
    else:
        if f.nullable or not f.required:
            annotation = printer.optional(annotation, imports)
        if not f.required:
            args.append("default=None")
    if f.wire_name != f.name:
        args.append(f"alias={pyrepr(f.wire_name)}")
    args.extend(
        f"{CONSTRAINT_KWARGS[name]}={pyrepr(value)}" for name, value in f.constraints.items()
    )
    default = _default_expr(args, imports)
    return FieldView(str(f.name), annotation, default, f.description)


def _default_expr(args: list[str], imports: set[Import]) -> str | None:
    if not args:
        return None
    if args == ["default=None"]:
        return "None"
    if len(args) == 1 and args[0].startswith("default="):
        return args[0][len("default=") :]
    imports.add(Import("pydantic", "Field"))
    return f"Field({', '.join(args)})"


def def_view(t: ir.TypeDef, printer: Printer, imports: set[Import]) -> DefView:
    ref: ir.TypeRef
    match t:
        case ir.ObjectType():
            return _class_view(t, printer, imports)
        case ir.EnumType():
            ref = ir.LiteralOf(t.values)
        case ir.UnionType():
            ref = ir.UnionOf(t.members, t.discriminator)
        case ir.AliasType():
            ref = t.target
        case _:
            assert_never(t)
    imports.add(Import("typing", "TypeAlias"))
    return DefView(str(t.name), t.description, annotation=printer.annotation(ref, imports))


def _class_view(t: ir.ObjectType, printer: Printer, imports: set[Import]) -> DefView:
    # a field named like a builtin (`str`, `list`) would hide it from the annotations after it
    shadowed = Printer(
        printer.modules,
        printer.types_pkg,
        printer.here,
        shadowed=frozenset(str(f.name) for f in t.fields),
    )
    fields = tuple(field_view(f, shadowed, imports) for f in t.fields)
    imports.add(Import(RUNTIME, "BaseModel"))
    return DefView(str(t.name), t.description, fields=fields)


def _ordered(defs: list[ir.TypeDef]) -> list[ir.TypeDef]:
    """Within one module, dependencies first where the graph allows (aliases must precede use)."""
    names = {t.name for t in defs}
    done: set[str] = set()
    out: list[ir.TypeDef] = []
    pending = sorted(defs, key=lambda t: (isinstance(t, ir.ObjectType), t.name))
    while pending:
        ready = [
            t
            for t in pending
            if all(d in done or d not in names or d == t.name for d in type_deps(t))
        ]
        pick = ready[0] if ready else pending[0]
        out.append(pick)
        done.add(pick.name)
        pending.remove(pick)
    return out


def render_models(api: ir.Api, config: Config) -> dict[str, str]:
    """Path (relative to the output folder) -> source text."""
    pkg = config.sdk_package
    modules = module_map(api)
    by_module: dict[str, list[ir.TypeDef]] = {}
    for t in api.types:
        by_module.setdefault(modules[t.name], []).append(t)
    files: dict[str, str] = {}
    for module, defs in sorted(by_module.items()):
        printer = Printer(modules, types_pkg="", here=module)
        imports: set[Import] = set()
        views = [def_view(t, printer, imports) for t in _ordered(defs)]
        text = render(
            "models/module.py.jinja",
            imports=import_block(imports, (config.sdk_package, config.server_package)),
            defs=views,
            rebuild=[v.name for v in views if v.fields] if len(defs) > 1 else [],
        )
        files[f"{pkg}/types/{module}.py"] = text.rstrip("\n") + "\n"  # as the formatter ends it
    exports = sorted((str(t.name), modules[t.name]) for t in api.types)
    files[f"{pkg}/types/__init__.py"] = render("models/init.py.jinja", exports=exports)
    return files
