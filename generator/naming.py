"""Every rule that makes a name, in one place: the names of types the docs leave unnamed, the
SDK resource and method a page implies, the class and module names of the generated code, and
what happens when two names collide. The resolver and the writers ask here; neither derives a
name itself. (`generator.names` holds the validated identifier types these rules produce.)

Rules (the official SDK's conventions, where the docs are silent):
- an inline object type is named after its owner and field (`Tool` + `return_type` ->
  `ToolReturnType`), plus the docs' local variant name where one is given;
- an undocumented request or response type of an operation is `{Parents}{Singular}{Method}{Suffix}`
  (`mcp_servers.tools.run` -> `McpServersToolRunParams`); a documented one is found by the
  shorter `{Singular}{Method}{Suffix}` (`tools.delete` -> `ToolDeleteResponse`);
- the SDK resource `client.a.b` is the class `ABResource` (sync), its server protocol `ABHandler`;
- a docs name that is not a usable Python name is rewritten (reported as M010); two docs names
  that become one class name are an error (M009); a field or parameter that collides with
  another, or with a name the generated code uses, gets a trailing underscore (M009).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from generator.diagnostics import Diagnostics
from generator.names import ClassName, DocName, PyName, pascal, snake
from generator.source import Span

_PATH_PARAM = re.compile(r"\{([^{}]+)\}")
_VERSION = re.compile(r"^v\d+$")

# --- names of types the docs leave unnamed -----------------------------------------------------


def inline_type(owner: DocName, field: str, local: str | None = None) -> DocName:
    """An inline type: owner + field (+ the docs' local variant name, `URL object`)."""
    return DocName(owner + pascal(field) + (pascal(local) if local else ""))


def union_member(index: int) -> str:
    """The local name of the `index`th unnamed object variant of a union (the Python flavor's
    `…UnionMember0`, `…UnionMember1`)."""
    return f"union_member{index}"


def singular(word: str) -> str:
    """English singular of a resource name: `tools` -> `tool`, `policies` -> `policy`."""
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def conventional_type(resource: tuple[str, ...], method: str, suffix: str) -> DocName:
    """Stainless's convention, `{Singular}{Method}{Suffix}`: `tools.delete` -> ToolDeleteResponse
    (a method of the client itself, `{Method}{Suffix}`: `health` -> HealthResponse)."""
    stem = pascal(singular(resource[-1])) if resource else ""
    return DocName(stem + pascal(method) + suffix)


def operation_type(resource: tuple[str, ...], method: str, suffix: str) -> DocName:
    """An undocumented inline type of an operation, unique across resources."""
    head = "".join(pascal(r) for r in resource[:-1])
    return DocName(head + conventional_type(resource, method, suffix))


# --- the SDK surface a page implies ------------------------------------------------------------


def implied_resource_and_method(
    summary: str, http_method: str, path: str
) -> tuple[tuple[str, ...], str]:
    """Where no Python signature says it: the resource from the path's literal segments, the
    method from the title's verb (`Retrieve Tool` on `/v1/tools/{id}` -> `tools.retrieve`)."""
    method = snake(summary.split()[0]) if summary.split() else http_method
    literal = [
        snake(s)
        for s in path.split("/")
        if s and not _PATH_PARAM.fullmatch(s) and not _VERSION.match(s)
    ]
    if len(literal) > 1 and literal[-1] == method:
        literal = literal[:-1]
    return tuple(literal) or ("api",), method


def operation_id(resource: tuple[str, ...], method: str) -> PyName:
    """`("mcp_servers", "tools")`, `run` -> `mcp_servers_tools_run`."""
    return PyName.sanitize("_".join((*resource, method)))[0]


def path_params(path: str) -> list[str]:
    """The `{name}` parameters of a path template, in order."""
    return _PATH_PARAM.findall(path)


def resource_stem(resource: tuple[str, ...]) -> str:
    """`("mcp_servers", "tools")` -> `McpServersTools`: the stem of its generated classes
    (`Client` for the methods of the client itself, whose resource path is empty)."""
    return "".join(pascal(p) for p in resource) or "Client"


def resource_class(resource: tuple[str, ...]) -> str:
    """The SDK resource class: `McpServersToolsResource`."""
    return resource_stem(resource) + "Resource"


def handler_protocol(resource: tuple[str, ...]) -> str:
    """The server's handler protocol: `McpServersToolsHandler`."""
    return resource_stem(resource) + "Handler"


def type_module(names: Iterable[str]) -> str:
    """The module in `types/` of a group of mutually recursive types: the first name's."""
    return snake(min(names))


# --- scopes: a type's identity is (scope, name) ----------------------------------------------

Scope = tuple[str, ...]  # the SDK resource whose pages declare a type: ("agents", "passages")
_KEY = "\x1f"  # separates the parts of a type key; never in a docs name (an identifier)


class TypeKey(NamedTuple):
    """What the resolver knows a docs type name by until types are told apart: the name, the
    scope of the page section that spells it, and, for a body described inside another type's
    field (a nested class) or an operation's own request body, that site. One key's
    observations are merged into one type; keys of one name are one type only when their
    shapes are equal (`resolve.scoping`)."""

    name: DocName
    scope: Scope
    site: str = ""  # "": a declaration or a bare reference; "Owner.field"; BODY_SITE + name


BODY_SITE = "body:"  # the site of an operation's request body: never shared with another
MADE_UP_SITE = "~"  # the site of a name specgen made up (an inline type's): no docs name


def made_up(key: DocName) -> bool:
    """A key of a name specgen made up, that no page spells."""
    return split_key(key).site == MADE_UP_SITE


def type_key(name: DocName, scope: Scope, site: str = "") -> DocName:
    """The key of `name` as spelled in `scope` (at `site`)."""
    return DocName(_KEY.join((name, ".".join(scope), site)))


def split_key(key: DocName) -> TypeKey:
    """The parts of a key; a name that is no key (already resolved) is its own name, unscoped."""
    if _KEY not in key:
        return TypeKey(key, ())
    name, scope, site = key.split(_KEY, 2)
    return TypeKey(DocName(name), tuple(scope.split(".")) if scope else (), site)


def shown(name: DocName) -> DocName:
    """A key as users read it in messages: the docs name."""
    return split_key(name).name


def nested_site(owner: DocName, field: str) -> str:
    """The site of a body described inside `owner`'s `field`."""
    return f"{shown(owner)}.{field.rstrip('_') or field}"


def site_type(site: str) -> DocName | None:
    """The name a nested body takes when its own name is another type's in the same scope: the
    owner and field (`Board` + `task` -> `BoardTask`); an operation's body takes the
    operation's own type name. None for a site that names nothing."""
    if site.startswith(BODY_SITE):
        return DocName(site[len(BODY_SITE) :])
    owner, _, field = site.partition(".")
    return inline_type(DocName(owner), field) if owner and field else None


def input_twin_of(name: DocName) -> DocName | None:
    """The type whose input twin the Python flavor names `name` (`BulbParam` -> `Bulb`: the
    official SDK's TypedDict of a model), or None."""
    stem = name[: -len("Param")] if name.endswith("Param") else ""
    return DocName(stem) if stem else None


def scoped_type(scope: Scope, name: DocName) -> DocName:
    """A unique flat name for `name` of `scope` where another scope has a type of that name:
    the scope's resources in front (`agents.passages` + `PassageSearchResponse` ->
    `AgentsPassageSearchResponse`; the last resource is left out where the name starts with it,
    as the official SDK's names do)."""
    parts = list(scope)
    if parts and name.startswith(pascal(singular(parts[-1]))):
        parts.pop()
    return DocName("".join(pascal(p) for p in parts) + name)


# --- validated names from docs names, with the collision rules ---------------------------------


def class_names(raw_names: Mapping[DocName, Span], diags: Diagnostics) -> dict[DocName, ClassName]:
    """Docs type name -> class name; rewrites (M010) and collisions (M009) are reported."""
    out: dict[DocName, ClassName] = {}
    taken: dict[ClassName, DocName] = {}
    for raw in sorted(raw_names):
        name, changed = ClassName.sanitize(raw)
        span = raw_names[raw]
        if changed:
            diags.warning(span, "M010", f"type name {raw!r} is not a class name; using {name}")
        if name in taken:
            diags.error(span, "M009", f"type name {raw!r} collides with {taken[name]!r} as {name}")
        taken[name] = raw
        out[raw] = name
    return out


def unique(name: PyName, taken: set[str]) -> PyName:
    """`name`, or `name_`, `name__`, ... until it is not in `taken`."""
    while name in taken:
        name = PyName(name + "_")
    return name


Resolver = Callable[[DocName], ClassName]


def resolver(names: Mapping[DocName, ClassName]) -> Resolver:
    """The class name of each docs name; a name documented nowhere (an M001 error already) gets
    its sanitized spelling, so that a failing build still ends with a well-formed IR."""

    def resolve(raw: DocName) -> ClassName:
        return names.get(raw) or ClassName.sanitize(raw)[0]

    return resolve


class Spelling(NamedTuple):
    """How the docs spell one field: its Python name (if a Python page gives one), its wire name,
    the key both share (`metadata_` and `metadata`: `metadata`), and where."""

    python: str | None
    wire: str
    key: str
    span: Span


def attribute_names(
    owner: str, fields: Sequence[Spelling], diags: Diagnostics, classes: frozenset[str]
) -> list[PyName]:
    """SDK attribute names: the Python docs' spelling, else the wire name without a trailing
    underscore (`metadata_` -> `metadata`, as the Python docs spell such fields) when free.
    A name equal to a type's class name is suffixed: it would hide the class in annotations."""
    wires = {f.wire for f in fields}
    names: list[PyName] = []
    used: set[str] = set()
    for f in fields:
        raw = f.python or (f.key if f.key not in wires or f.key == f.wire else f.wire)
        name, changed = PyName.sanitize(raw)
        docs_name = f.python or f.wire  # as the docs spell it
        if name in classes:
            name = PyName(name + "_")
            diags.warning(f.span, "M009", f"{owner}.{docs_name} is a type's name; using {name}")
        elif changed:
            diags.warning(f.span, "M010", f"{owner}.{docs_name} is not a Python name; using {name}")
        while name in used:
            diags.warning(
                f.span, "M009", f"{owner}.{docs_name} collides with another field; renamed"
            )
            name = PyName(name + "_")
        used.add(name)
        names.append(name)
    return names


class PyNames:
    """Python names for docs names of operations (parameters, resources, SDK methods): a rewrite
    is reported (M010) once per name and role."""

    def __init__(self, diags: Diagnostics) -> None:
        self.diags = diags
        self._renamed: set[tuple[str, str]] = set()

    def name(
        self, raw: str, span: Span, what: str, reserved: frozenset[str] = frozenset()
    ) -> PyName:
        name, changed = PyName.sanitize(raw)
        if name in reserved:  # an attribute of the generated client or resource base class
            name, changed = PyName(name + "_"), True
        if changed and (what, raw) not in self._renamed:
            self._renamed.add((what, raw))
            self.diags.warning(
                span, "M010", f"{what} {raw!r} is not usable as a Python name; using {name}"
            )
        return name

    def parameter(
        self, raw: str, span: Span, operation: str, used: set[str], reserved: frozenset[str]
    ) -> PyName:
        """A parameter's Python name: not another parameter's, nor one the generated methods
        use themselves (`RESERVED_PARAMS`); a collision is renamed with a trailing underscore."""
        py = self.name(raw, span, f"{operation}: parameter")
        while py in used or py in reserved:
            taken = "another parameter" if py in used else "a name the generated code uses"
            self.diags.warning(
                span, "M009", f"{operation}: parameter {raw!r} collides with {taken}; renamed"
            )
            py = PyName(py + "_")
        return py
