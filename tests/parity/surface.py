"""What an SDK offers, read by introspection: its methods and its models.

Both sides (the official client and the generated one) are read by the same code, so a
difference in the report is a difference between the SDKs, never between two readers. Nothing
here knows a resource, a method or a model by name: an API method is any public function of the
client or of a resource reached from it (a `cached_property`) that takes the per-request options
(`extra_headers`); a model is a pydantic model or a `TypedDict` defined in the SDK's package.
"""

from __future__ import annotations

import functools
import inspect
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pydantic
import typing_extensions

# Plumbing properties of a client or resource that lead to wrappers, not to sub-resources.
PLUMBING = frozenset({"with_raw_response", "with_streaming_response"})
# Per-request options every API method takes, on either side: not API parameters. (The
# generated SDK adds `max_retries`, the official one has it only on the client.)
REQUEST_OPTIONS = frozenset(
    {"extra_headers", "extra_query", "extra_body", "timeout", "max_retries"}
)
# A function is an API method when it takes this keyword.
API_METHOD_MARK = "extra_headers"


@dataclass(frozen=True, order=True)
class Param:
    name: str
    required: bool

    def __str__(self) -> str:
        return self.name if self.required else f"{self.name}=?"


@dataclass(frozen=True)
class Method:
    """One API method: where it is (`("mcp_servers", "tools", "run")`) and its surface."""

    path: tuple[str, ...]
    positional: tuple[Param, ...]
    keywords: tuple[Param, ...]  # sorted by name
    returns: str  # the return annotation, rendered by `render`
    annotations: tuple[Any, ...]  # resolved parameter and return annotations (to find models)

    @property
    def resource(self) -> tuple[str, ...]:
        return self.path[:-1]

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


@dataclass(frozen=True)
class Field:
    """One field of a model: Python name, wire name, requiredness, nullability."""

    name: str
    wire: str
    required: bool
    nullable: bool


def api_methods(client: object) -> list[Method]:
    """Every API method reachable from a client instance, sorted by path."""
    return sorted(_walk(client, ()), key=lambda m: m.path)


def _walk(obj: object, path: tuple[str, ...]) -> Iterator[Method]:
    for name in sorted(dir(type(obj))):
        if name.startswith("_") or name in PLUMBING:
            continue
        try:
            attr = inspect.getattr_static(obj, name)
        except AttributeError:
            continue
        if isinstance(attr, functools.cached_property):
            yield from _walk(getattr(obj, name), (*path, name))
        elif inspect.isfunction(attr):
            method = describe_method(attr, (*path, name))
            if method is not None:
                yield method


def describe_method(func: Callable[..., Any], path: tuple[str, ...]) -> Method | None:
    """The surface of one function, or None when it is not an API method."""
    sig = inspect.signature(func)
    if API_METHOD_MARK not in sig.parameters:
        return None
    hints = resolve_hints(func)
    positional: list[Param] = []
    keywords: list[Param] = []
    annotations: list[Any] = []
    for i, p in enumerate(sig.parameters.values()):
        if i == 0 and p.name in ("self", "cls"):
            continue
        if p.name in REQUEST_OPTIONS or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        param = Param(p.name, p.default is inspect.Parameter.empty)
        if p.kind is p.KEYWORD_ONLY:
            keywords.append(param)
        else:
            positional.append(param)
        if p.name in hints:
            annotations.append(hints[p.name])
    returns = hints.get("return", sig.return_annotation)
    annotations.append(returns)
    return Method(
        path, tuple(positional), tuple(sorted(keywords)), render(returns), tuple(annotations)
    )


def resolve_hints(obj: Any) -> dict[str, Any]:
    """`typing.get_type_hints`, one annotation at a time when the whole fails (a name only
    imported under TYPE_CHECKING): what cannot be resolved stays a string."""
    try:
        return typing.get_type_hints(obj, include_extras=True)
    except Exception:
        pass
    target = inspect.unwrap(obj) if callable(obj) and not isinstance(obj, type) else obj
    if isinstance(target, type):
        raw: dict[str, Any] = {}
        for klass in reversed(target.__mro__):
            raw.update(getattr(klass, "__annotations__", {}))
        globalns = vars(sys.modules.get(target.__module__, types.ModuleType("x")))
    else:
        raw = dict(getattr(target, "__annotations__", {}))
        globalns = getattr(target, "__globals__", {})
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if isinstance(value, str):
            try:
                value = eval(value, dict(globalns))  # noqa: S307 - annotations of installed code
            except Exception:
                pass
        out[name] = value
    return out


_QUALIFIER = re.compile(r"\b(?:[A-Za-z_]\w*\.)+(?=[A-Za-z_])")


def render(tp: Any) -> str:
    """An annotation as names only (no module paths), union members sorted: what is compared of
    a return type. `List[X]` and `list[X]` render alike; a pydantic generic `Page[X]` too."""
    if tp is None or tp is type(None):
        return "None"
    if isinstance(tp, str):
        return _QUALIFIER.sub("", tp).replace("typing.", "")
    if isinstance(tp, typing.ForwardRef):
        return render(tp.__forward_arg__)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return render(args[0])
    if origin is typing.Union or origin is types.UnionType:
        return " | ".join(sorted({render(a) for a in args}))
    if origin is typing.Literal:
        return f"Literal[{', '.join(sorted(repr(a) for a in args))}]"
    if origin is not None:
        name = getattr(origin, "__name__", None) or str(origin).replace("typing.", "")
        return f"{name}[{', '.join(render(a) for a in args)}]" if args else name
    meta = getattr(tp, "__pydantic_generic_metadata__", None)
    if isinstance(tp, type) and meta and meta.get("origin") is not None:
        return f"{meta['origin'].__name__}[{', '.join(render(a) for a in meta['args'])}]"
    if tp is typing.Any:
        return "Any"
    if isinstance(tp, type):
        return tp.__name__
    return _QUALIFIER.sub("", str(tp)).replace("typing.", "")


def is_model(obj: Any) -> bool:
    """A pydantic model or a TypedDict class (not a generic container such as a page)."""
    if not isinstance(obj, type):
        return False
    if issubclass(obj, pydantic.BaseModel):
        meta = getattr(obj, "__pydantic_generic_metadata__", None) or {}
        return (
            obj is not pydantic.BaseModel and not meta.get("parameters") and not meta.get("origin")
        )
    return typing_extensions.is_typeddict(obj)


def models_in(tp: Any, package: str) -> Iterator[type]:
    """The model classes of `package` an annotation names, at any depth (unions, lists,
    `Annotated`, arguments of generic pages)."""
    seen: set[int] = set()

    def visit(t: Any) -> Iterator[type]:
        if id(t) in seen:
            return
        seen.add(id(t))
        if is_model(t):
            if _in_package(t, package):
                yield t
            return
        meta = getattr(t, "__pydantic_generic_metadata__", None)
        if isinstance(t, type) and meta and meta.get("origin") is not None:
            for a in meta.get("args", ()):
                yield from visit(a)
            return
        for a in typing.get_args(t):
            yield from visit(a)

    yield from visit(tp)


def _in_package(cls: type, package: str) -> bool:
    return cls.__module__ == package or cls.__module__.startswith(package + ".")


def module_path(cls: type, package: str) -> str:
    """The module of a class relative to its SDK package (`types.tool`)."""
    return cls.__module__[len(package) + 1 :] if _in_package(cls, package) else cls.__module__


def fields(cls: type) -> dict[str, Field]:
    """The fields of a model, by Python name."""
    if issubclass(cls, pydantic.BaseModel):
        return {
            name: Field(
                name,
                info.alias or name,
                info.is_required(),
                _nullable(info.annotation),
            )
            for name, info in cls.model_fields.items()
        }
    hints = resolve_hints(cls)
    # Under `from __future__ import annotations` a TypedDict cannot see `Required[...]` when it
    # is created: the resolved annotation says it.
    required_keys = getattr(cls, "__required_keys__", frozenset())
    out: dict[str, Field] = {}
    for name, tp in hints.items():
        wrappers = _wrappers(tp)
        required = (name in required_keys or typing.Required in wrappers) and (
            typing.NotRequired not in wrappers
        )
        out[name] = Field(name, _alias(tp) or name, required, _nullable(tp))
    return out


def field_annotations(cls: type) -> list[Any]:
    """The annotations of a model's fields, resolved (to walk to the models they name)."""
    if issubclass(cls, pydantic.BaseModel):
        return [info.annotation for info in cls.model_fields.values()]
    return list(resolve_hints(cls).values())


def _strip(tp: Any) -> Any:
    """Without `Annotated`, `Required`, `NotRequired` wrappers."""
    while True:
        origin = typing.get_origin(tp)
        if origin in (typing.Annotated, typing.Required, typing.NotRequired):
            tp = typing.get_args(tp)[0]
        else:
            return tp


def _wrappers(tp: Any) -> set[Any]:
    """The `Annotated` / `Required` / `NotRequired` origins around an annotation."""
    found = set()
    while (origin := typing.get_origin(tp)) in (
        typing.Annotated,
        typing.Required,
        typing.NotRequired,
    ):
        found.add(origin)
        tp = typing.get_args(tp)[0]
    return found


def _alias(tp: Any) -> str | None:
    """The wire name an `Annotated[..., PropertyInfo(alias=...)]` carries (any metadata object
    with a string `alias`)."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            for meta in tp.__metadata__:
                alias = getattr(meta, "alias", None)
                if isinstance(alias, str):
                    return alias
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Required, typing.NotRequired):
            tp = typing.get_args(tp)[0]
        else:
            return None


def _nullable(tp: Any) -> bool:
    tp = _strip(tp)
    if tp is None or tp is type(None) or tp is typing.Any or tp is object:
        return True
    if isinstance(tp, str):
        return bool(re.search(r"\bNone\b|\bOptional\[", tp))
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return any(_nullable(a) for a in typing.get_args(tp))
    return False


def model_closure(roots: Iterable[Any], package: str) -> list[type]:
    """Every model of `package` reachable from the annotations `roots`, through model fields,
    in a stable order (module, name)."""
    found: dict[type, None] = {}
    stack = [m for tp in roots for m in models_in(tp, package)]
    while stack:
        cls = stack.pop()
        if cls in found:
            continue
        found[cls] = None
        for tp in field_annotations(cls):
            stack.extend(m for m in models_in(tp, package) if m not in found)
    return sorted(found, key=lambda c: (module_path(c, package), c.__qualname__))
