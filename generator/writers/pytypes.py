"""The one place that spells IR types in Python: TypeRef -> annotation text plus the imports it
needs (structured values, not strings), and which module of `types/` defines each named type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

from generator import ir, irwalk, naming
from generator.names import ClassName

_PRIMS = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "datetime": "datetime",
    "date": "date",
    "binary": "bytes",
}


# IR constraint -> keyword of pydantic's Field and FastAPI's Path/Query/Header markers
CONSTRAINT_KWARGS = {
    "min_length": "min_length",
    "max_length": "max_length",
    "minimum": "ge",
    "maximum": "le",
    "exclusive_minimum": "gt",
    "exclusive_maximum": "lt",
    "pattern": "pattern",
    "min_items": "min_length",
    "max_items": "max_length",
}


@dataclass(frozen=True, slots=True, order=True)
class Import:
    """`from {module} import {name}`; `module` may be relative (`.tool`)."""

    module: str
    name: str


def pyrepr(value: object) -> str:
    """A Python literal for a docs value: repr (always a safe literal), in double quotes when
    that needs no escape (the formatter's preference)."""
    text = repr(value)
    if isinstance(value, str) and text[0] == "'" and '"' not in value and "'" not in value:
        return f'"{text[1:-1]}"'  # the same escapes inside either quote
    return text


def type_deps(t: ir.TypeDef) -> list[ClassName]:
    """Names a definition mentions."""
    return irwalk.typedef_deps(t)


def module_map(api: ir.Api) -> dict[str, str]:
    """Type name -> module name in `types/`: one module per type, except that mutually recursive
    types share one module (strongly connected components; `naming.type_module`)."""
    graph: dict[str, list[str]] = {t.name: sorted(set(type_deps(t))) for t in api.types}
    out: dict[str, str] = {}
    for component in _components(graph):
        module = naming.type_module(component)
        for name in component:
            out[name] = module
    return out


def _components(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (no recursion limit on deep type graphs)."""
    graph = {node: [e for e in deps if e in graph] for node, deps in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = graph[node]
            if i < len(edges):
                work.append((node, i + 1))
                nxt = edges[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                result.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


class Printer:
    """Annotations for one module: knows where each named type lives."""

    def __init__(
        self,
        modules: dict[str, str],
        types_pkg: str,
        here: str | None = None,
        *,
        accept_dicts: bool = False,
        objects: frozenset[str] = frozenset(),
        shadowed: frozenset[str] = frozenset(),
    ) -> None:
        self.shadowed = shadowed  # names a class scope rebinds (a method named `list`)
        self.modules = modules
        self.accept_dicts = accept_dicts  # request side: a plain dict may stand for a model
        self.objects = objects  # names of object types (for accept_dicts)
        self.types_pkg = types_pkg  # import path of the types package as seen from the module
        self.here = here  # this module's name in types/, when printing inside types/

    def annotation(self, ref: ir.TypeRef, imports: set[Import]) -> str:
        """The annotation text for `ref`, adding what it needs to `imports`."""
        if isinstance(ref, ir.Primitive):
            text = _PRIMS[ref.kind]
            if ref.kind not in ("datetime", "date"):
                return self._builtin(text, imports)
            if text in self.shadowed:  # a field named `date`: spell the type through its module
                imports.add(Import("", "datetime as _datetime"))
                text = f"_datetime.{text}"
            else:
                imports.add(Import("datetime", text))
            if self.accept_dicts:  # request side: its ISO 8601 string stands for it too
                return f"{self._builtin('str', imports)} | {text}"
            return text
        if isinstance(ref, ir.Unknown):
            return self._builtin("object", imports)
        if isinstance(ref, ir.Null):
            return "None"
        if isinstance(ref, ir.ListOf):
            return f"{self._builtin('list', imports)}[{self.annotation(ref.item, imports)}]"
        if isinstance(ref, ir.MapOf):
            return f"{self._builtin('dict', imports)}[str, {self.annotation(ref.value, imports)}]"
        if isinstance(ref, ir.LiteralOf):
            imports.add(Import("typing", "Literal"))
            return f"Literal[{', '.join(pyrepr(v) for v in ref.values)}]"
        if isinstance(ref, ir.UnionOf):
            inner = " | ".join(self.annotation(m, imports) for m in ref.members)
            if ref.discriminator is None:
                return inner
            imports.add(Import("typing", "Annotated"))
            imports.add(Import("pydantic", "Field"))
            return f"Annotated[{inner}, Field(discriminator={pyrepr(ref.discriminator.property)})]"
        if isinstance(ref, ir.Ref):
            return self._named(ref.name, imports)
        assert_never(ref)

    def _named(self, name: ClassName, imports: set[Import]) -> str:
        module = self.modules[name]
        if module != self.here:
            where = f"{self.types_pkg}.{module}" if self.types_pkg else f".{module}"
            imports.add(Import(where, name))
        if self.accept_dicts and name in self.objects:
            return f"{name} | {self._builtin('dict', imports)}[str, object]"
        return str(name)

    def _builtin(self, name: str, imports: set[Import]) -> str:
        if name in self.shadowed:
            imports.add(Import("", "builtins"))
            return f"builtins.{name}"
        return name

    def optional(self, text: str, imports: set[Import]) -> str:
        """`X | None` (generated code targets Python 3.10+, where this also works at run time)."""
        return f"{text} | None"
