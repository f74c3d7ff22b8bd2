"""The IR: what the API is, independent of how the docs spell it and of any output language.

Frozen dataclasses forming closed unions (`TypeRef`, `TypeDef`). Every named node carries the
source span it was first documented at. Names are validated identifiers (`generator.names`).

Type references are generic in the kind of name a `Ref` holds: the resolver builds them with the
names the docs spell (`TypeRefOf[DocName]`, see `generator.resolve`), and the IR holds only
validated class names (`TypeRef`, that is `TypeRefOf[ClassName]`). The walks over both are in
`generator.irwalk`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from generator.jsontext import JsonData
from generator.names import ClassName, PyName
from generator.source import Span

Scalar = str | int | float | bool | None

Scope = tuple[str, ...]  # an SDK resource path: ("agents", "passages"); () for the client's own
PrimitiveKind = Literal["string", "integer", "number", "boolean", "datetime", "date", "binary"]
N = TypeVar("N", bound=str)  # what a `Ref` names: a `ClassName` in the IR

# --- type references ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Primitive:
    """A scalar JSON type, sharpened where the docs allow (`integer`, `datetime`)."""

    kind: PrimitiveKind


@dataclass(frozen=True, slots=True)
class Unknown:
    """Any JSON value."""


@dataclass(frozen=True, slots=True)
class Null:
    """JSON null, only as a union member (a nullable field sets `Field.nullable` instead)."""


@dataclass(frozen=True, slots=True)
class ListOf(Generic[N]):
    item: TypeRefOf[N]


@dataclass(frozen=True, slots=True)
class MapOf(Generic[N]):
    """An object with string keys and values of one type."""

    value: TypeRefOf[N]


@dataclass(frozen=True, slots=True)
class LiteralOf:
    """One of a fixed set of scalar values, not named by the docs."""

    values: tuple[Scalar, ...]


@dataclass(frozen=True, slots=True)
class UnionOf(Generic[N]):
    """An anonymous union (named unions are `UnionType` definitions). Only the IR's unions have
    a discriminator (the resolver finds it once every name is resolved)."""

    members: tuple[TypeRefOf[N], ...]
    discriminator: Discriminator | None = None


@dataclass(frozen=True, slots=True)
class Ref(Generic[N]):
    """A reference to a named type definition."""

    name: N


TypeRefOf = Primitive | Unknown | Null | ListOf[N] | MapOf[N] | LiteralOf | UnionOf[N] | Ref[N]
TypeRef = TypeRefOf[ClassName]  # the IR's: every name validated and defined


# --- type definitions --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Constraints:
    """Validation constraints the docs give; None where not documented."""

    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None

    def items(self) -> tuple[tuple[str, int | float | str], ...]:
        """The documented constraints as (name, value) pairs, in declaration order."""
        return tuple(
            (name, value) for name in _CONSTRAINTS if (value := getattr(self, name)) is not None
        )

    @classmethod
    def of(
        cls, texts: Mapping[str, str], counts: Mapping[str, int], bounds: Mapping[str, float]
    ) -> Constraints:
        """From attribute names to values, by kind: `TEXT_CONSTRAINTS`, `COUNT_CONSTRAINTS`, and
        numeric bounds. A name of another kind, or no constraint's, is a ValueError."""
        for names, kind in ((texts, TEXT_CONSTRAINTS), (counts, COUNT_CONSTRAINTS)):
            if set(names) - kind:
                raise ValueError(f"not constraints of that kind: {sorted(set(names) - kind)}")
        if set(bounds) - BOUND_CONSTRAINTS:
            raise ValueError(f"not bounds: {sorted(set(bounds) - BOUND_CONSTRAINTS)}")
        return cls(
            min_length=counts.get("min_length"),
            max_length=counts.get("max_length"),
            minimum=bounds.get("minimum"),
            maximum=bounds.get("maximum"),
            exclusive_minimum=bounds.get("exclusive_minimum"),
            exclusive_maximum=bounds.get("exclusive_maximum"),
            pattern=texts.get("pattern"),
            min_items=counts.get("min_items"),
            max_items=counts.get("max_items"),
        )


_CONSTRAINTS = tuple(Constraints.__dataclass_fields__)
TEXT_CONSTRAINTS = frozenset({"pattern"})
COUNT_CONSTRAINTS = frozenset({"min_length", "max_length", "min_items", "max_items"})
BOUND_CONSTRAINTS = frozenset(_CONSTRAINTS) - TEXT_CONSTRAINTS - COUNT_CONSTRAINTS
NO_CONSTRAINTS = Constraints()


@dataclass(frozen=True, slots=True)
class Field:
    """A property of an object type. `required`: must be present; `nullable`: may be null."""

    name: PyName
    wire_name: str
    type: TypeRef
    required: bool
    nullable: bool
    span: Span
    description: str = ""
    constraints: Constraints = NO_CONSTRAINTS
    default: Scalar = None


@dataclass(frozen=True, slots=True)
class Discriminator:
    """A tag property that tells union variants apart: wire name and tag value -> variant."""

    property: str
    mapping: tuple[tuple[Scalar, ClassName], ...]


@dataclass(frozen=True, slots=True)
class ObjectType:
    name: ClassName
    fields: tuple[Field, ...]
    span: Span
    description: str = ""
    scope: Scope = ()  # the SDK resource whose pages declare it (the type's identity: scope, name)
    local_name: ClassName | None = None  # its name in its scope, where the flat `name` differs


@dataclass(frozen=True, slots=True)
class EnumType:
    """A named set of literal values (`ToolType`, `AgentType`)."""

    name: ClassName
    values: tuple[Scalar, ...]
    span: Span
    description: str = ""
    scope: Scope = ()  # the SDK resource whose pages declare it (the type's identity: scope, name)
    local_name: ClassName | None = None  # its name in its scope, where the flat `name` differs


@dataclass(frozen=True, slots=True)
class UnionType:
    """A named union (`ResponseFormat`, `ToolRule`), with a discriminator where one exists."""

    name: ClassName
    members: tuple[TypeRef, ...]
    span: Span
    description: str = ""
    discriminator: Discriminator | None = None
    scope: Scope = ()  # the SDK resource whose pages declare it (the type's identity: scope, name)
    local_name: ClassName | None = None  # its name in its scope, where the flat `name` differs


@dataclass(frozen=True, slots=True)
class AliasType:
    """A named alias of another type (`ToolSearchResponse = array of ToolSearchResult`)."""

    name: ClassName
    target: TypeRef
    span: Span
    description: str = ""
    scope: Scope = ()  # the SDK resource whose pages declare it (the type's identity: scope, name)
    local_name: ClassName | None = None  # its name in its scope, where the flat `name` differs


TypeDef = ObjectType | EnumType | UnionType | AliasType


# --- operations --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parameter:
    """An operation parameter; body parameters are the fields of the request body, but for a
    `whole_body` one: the body itself (a union, or any JSON), the operation's only body parameter."""

    name: PyName
    wire_name: str
    location: Literal["path", "query", "header", "body"]
    type: TypeRef
    required: bool
    nullable: bool
    span: Span
    description: str = ""
    constraints: Constraints = NO_CONSTRAINTS
    default: Scalar = None
    whole_body: bool = False
    deprecated: bool = False  # its description says so (`Deprecated: …`, `(deprecated, …)`)


# --- request and response kinds, pagination (derived in `generator.resolve.kinds`) -------------
# Each node keeps the span of the place that decided it. Wire names are the docs' spelling.


@dataclass(frozen=True, slots=True)
class JsonBody:
    """An `application/json` request body: the body parameters (`Operation.body` names their
    type)."""

    span: Span


@dataclass(frozen=True, slots=True)
class MultipartBody:
    """A `multipart/form-data` request body: the parts in `files` (wire names) are files, sent
    as binary; every other body parameter is a form field. A file part may be documented only
    by the request example (curl `-F 'file=@…'`): then it is in `files` and no parameter."""

    files: tuple[str, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class NoBody:
    """No request body."""

    span: Span


RequestKind = JsonBody | MultipartBody | NoBody


@dataclass(frozen=True, slots=True)
class JsonResponse:
    """An `application/json` body of type `Operation.response`."""

    span: Span


@dataclass(frozen=True, slots=True)
class EventStream:
    """A `text/event-stream` of Server-Sent Events; each event's `data` is a JSON value of type
    `Operation.response` (the event type: a union of the event kinds, as documented)."""

    span: Span


@dataclass(frozen=True, slots=True)
class PlainText:
    """A `text/plain` body: the whole response is one string (`Operation.response` is it)."""

    span: Span


@dataclass(frozen=True, slots=True)
class Untyped:
    """A body the docs show (an example, `-> object`) without saying its type: any JSON value."""

    span: Span


@dataclass(frozen=True, slots=True)
class NoContent:
    """No documented response body: no Returns, no return type, no response example."""

    span: Span


ResponseKind = JsonResponse | EventStream | PlainText | Untyped | NoContent


@dataclass(frozen=True, slots=True)
class StreamSwitch:
    """A body flag documented as switching the response to Server-Sent Events: with `param`
    (wire name) true, the operation answers a `text/event-stream` instead of its response.
    `event` is the type of each event where documented (None: not said on this operation)."""

    param: str
    span: Span
    event: TypeRef | None = None


@dataclass(frozen=True, slots=True)
class CursorList:
    """A JSON array of items paged by cursor: the next page passes the last item's `item_id`
    property as `cursor_param` (`after`); `before` and `limit` are the other paging parameters
    where documented (SDK: `SyncArrayPage`)."""

    cursor_param: str
    item_id: str
    span: Span
    before: str | None = None
    limit: str | None = None


@dataclass(frozen=True, slots=True)
class CursorEnvelope:
    """An object holding the page's items in its list field `items`, with a more-pages flag
    (`has_more`) and/or the next cursor (`next_cursor`); the next page passes the last item's
    `item_id` (or `next_cursor`) as `cursor_param` (SDK: `SyncNextFilesPage`)."""

    items: str
    cursor_param: str
    span: Span
    item_id: str | None = None
    has_more: str | None = None
    next_cursor: str | None = None
    before: str | None = None
    limit: str | None = None


@dataclass(frozen=True, slots=True)
class OffsetEnvelope:
    """An object holding the page's items in its list field `items` and a more-pages flag
    (`has_more`, e.g. `hasNextPage`); the next page passes `offset_param` advanced by the
    number of items."""

    items: str
    offset_param: str
    has_more: str
    span: Span
    limit: str | None = None


Pagination = CursorList | CursorEnvelope | OffsetEnvelope


HttpMethod = Literal["get", "post", "put", "patch", "delete", "head", "options"]
HTTP_METHODS: tuple[HttpMethod, ...] = ("get", "post", "put", "patch", "delete", "head", "options")


@dataclass(frozen=True, slots=True)
class Operation:
    """One HTTP operation with its SDK surface."""

    operation_id: PyName
    method: HttpMethod
    path: str
    resource: tuple[PyName, ...]  # SDK resource path: ("mcp_servers", "tools")
    sdk_name: PyName  # SDK method name: "run"
    summary: str
    span: Span
    description: str = ""
    params: tuple[Parameter, ...] = ()
    body: Ref[ClassName] | None = None  # named request body type (its fields are the body params)
    response: TypeRef | None = None  # the body's type; for an `EventStream`, each event's
    positional: tuple[PyName, ...] = ()  # parameters taken positionally by the SDK method
    pagination: Pagination | None = None
    response_example: JsonData | None = None  # parsed by the reader (None: not documented)
    request_examples: tuple[tuple[str, str], ...] = ()  # (language, code)
    # what the request and the response carry (`generator.resolve.kinds` derives them)
    request_kind: RequestKind = field(kw_only=True)
    response_kind: ResponseKind = field(kw_only=True)
    stream_switch: StreamSwitch | None = None
    deprecated: bool = False  # its description says so (`Deprecated: …`)


@dataclass(frozen=True, slots=True)
class Api:
    """The whole API: operations in documented order, type definitions sorted by name."""

    operations: tuple[Operation, ...]
    types: tuple[TypeDef, ...]
    base_url: str | None = None
    client_class: str | None = None
    title: str = ""

    def type_named(self, name: str) -> TypeDef:
        """The definition a `Ref` points at."""
        for t in self.types:
            if t.name == name:
                return t
        raise KeyError(name)
