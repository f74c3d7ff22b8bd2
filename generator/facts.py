"""Document facts: what a reader saw in one file, before any merging.

This is the document model (syntax); the IR (`generator.ir`) is the semantic model. Readers of
every flavor produce these values and nothing else. Type expressions here are spelled in a
flavor-neutral vocabulary (`string`, `integer`, `datetime`, ...): readers never spell Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from generator.jsontext import JsonData
from generator.picklable import by_fields
from generator.source import Span

Scalar = str | int | float | bool | None

PrimName = Literal["string", "integer", "number", "boolean", "unknown", "datetime", "date", "null"]
Flavor = Literal["http", "python", "web"]
Location = Literal["path", "query", "body", "header"]


# --- type expressions, as written -------------------------------------------------------------


@by_fields
@dataclass(frozen=True, slots=True)
class TPrim:
    """A primitive: `string`/`str`, `number`/`float`, `int`, `boolean`/`bool`, `unknown`/`object`,
    `datetime`, `date`, `null`."""

    name: PrimName


@by_fields
@dataclass(frozen=True, slots=True)
class TArray:
    """`array of T` / `List[T]`."""

    item: TExpr


@by_fields
@dataclass(frozen=True, slots=True)
class TMap:
    """`map[T]` / `Dict[str, T]` (keys are always strings)."""

    value: TExpr


@by_fields
@dataclass(frozen=True, slots=True)
class TLiteral:
    """`"a" or "b"` / `Literal["a", "b", 3 more]`; `more` is the elided count (a checksum)."""

    values: tuple[Scalar, ...]
    more: int = 0


@by_fields
@dataclass(frozen=True, slots=True)
class TUnion:
    """`A or B` / `Union[A, B]`."""

    members: tuple[TExpr, ...]
    more: int = 0


@by_fields
@dataclass(frozen=True, slots=True)
class TRef:
    """A name of a documented type (`NpmRequirement`, `AgentType`, `ResponseFormat`)."""

    name: str


@by_fields
@dataclass(frozen=True, slots=True)
class TObject:
    """An object summary: `Name object { a, b, N more }`, `object { ... }`, `Name { a, b }` (web),
    or `class Name: …` (Python; `field_names` is None there: no summary was given)."""

    name: str | None
    field_names: tuple[str, ...] | None
    more: int = 0


TExpr = TPrim | TArray | TMap | TLiteral | TUnion | TRef | TObject


# --- entries: the nodes of a documented tree (nested bullets) ---------------------------------


@by_fields
@dataclass(frozen=True, slots=True)
class Constraint:
    """A validation constraint as documented (`minLength1` -> name="minLength", value=1)."""

    name: str
    value: Scalar
    span: Span


@by_fields
@dataclass(frozen=True, slots=True)
class FieldEntry:
    """`name: T` (`optional T` / `Optional[T]` sets `optional`). Children are the documented
    structure of T: fields of an object, enum values, union variants."""

    name: str
    type: TExpr
    optional: bool
    span: Span
    description: str = ""
    constraints: tuple[Constraint, ...] = ()
    default: Scalar | None = None
    children: tuple[Entry, ...] = ()
    # The entry this one is a copy of, lines moved (a block the docs repeat, read once): the
    # same content, so what is derived from it can be reused. Not part of the value. Only the
    # reader sets it; an entry made from another with other content (`dataclasses.replace`
    # too) must not keep it, or the builder would reuse what it derived from the original.
    origin: FieldEntry | None = field(default=None, compare=False, repr=False)


@by_fields
@dataclass(frozen=True, slots=True)
class ValueEntry:
    """An enum/literal value bullet: `"custom"`."""

    value: Scalar
    span: Span
    description: str = ""


@by_fields
@dataclass(frozen=True, slots=True)
class TypeEntry:
    """A bullet that is a type, not a field: a union variant (`class X: …`,
    `TextContent object { ... }`, `List[ToolCall]`, `string`) or a returned type."""

    type: TExpr
    span: Span
    description: str = ""
    children: tuple[Entry, ...] = ()


@by_fields
@dataclass(frozen=True, slots=True)
class DeclEntry:
    """A named declaration `Name = T` (e.g. `ToolType = "custom" or ...`,
    `ToolSearchResponse = array of ToolSearchResult`)."""

    name: str
    type: TExpr
    span: Span
    description: str = ""
    children: tuple[Entry, ...] = ()


Entry = FieldEntry | ValueEntry | TypeEntry | DeclEntry


# --- operations and documents ------------------------------------------------------------------


@by_fields
@dataclass(frozen=True, slots=True)
class SdkCall:
    """`resource.sub.method(positional..., Params**kwargs) -> Return` from the Python flavor."""

    method_path: tuple[str, ...]  # ("mcp_servers", "tools", "run")
    positional: tuple[str, ...]  # ("tool_id",)
    params_type: str | None  # "ToolRunParams"
    returns: TExpr | None
    span: Span


@by_fields
@dataclass(frozen=True, slots=True)
class Param:
    """A documented parameter. `location` is None where the flavor does not say (Python)."""

    location: Location | None
    field: FieldEntry


@by_fields
@dataclass(frozen=True, slots=True)
class Example:
    """A code example: `role` says whether it shows a request or a response. A response's JSON
    is parsed by the reader, once: `value` (None when the text is not JSON the outputs can carry,
    and for requests: those are code, kept as text)."""

    role: Literal["request", "response"]
    language: str  # "http" (curl), "python", "json", ...
    text: str
    span: Span
    value: JsonData | None = None


@by_fields
@dataclass(frozen=True, slots=True)
class OperationFacts:
    """One documented operation as one file describes it."""

    title: str
    span: Span
    method: str | None = None  # lower-case HTTP verb
    path: str | None = None
    sdk: SdkCall | None = None
    description: str = ""
    params: tuple[Param, ...] = ()
    returns: tuple[Entry, ...] | None = None  # None: no Returns section
    examples: tuple[Example, ...] = ()


@by_fields
@dataclass(frozen=True, slots=True)
class Section:
    """A `# Title` that opens a resource's section of a page (a parent page embeds each
    subresource's page under its own title). What follows it, up to the next one, is that
    resource's: the resolver scopes the types declared there by the section's operations."""

    title: str
    span: Span


@by_fields
@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """Everything one file says. `flat` marks flavors whose field listings carry no nesting
    (scraped web text): their entries are aligned against the structured flavors when merging."""

    path: str
    flavor: Flavor
    span: Span
    title: str = ""
    operations: tuple[OperationFacts, ...] = ()
    types: tuple[Entry, ...] = ()  # domain types / models sections: DeclEntry or TypeEntry
    sections: tuple[Section, ...] = ()  # in line order; none: the whole file is one section
    flat: bool = False
    python_names: bool = False  # field names are SDK names (Python flavor) rather than wire names
    digest: str = ""  # sha256 of the file's bytes: orders documents independently of folders
