"""Observations: what the docs say about one named type, one place at a time, before merging."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.facts import Constraint, Scalar
from generator.ir import TypeRefOf
from generator.names import DocName
from generator.source import Span

# A type reference as the docs spell it: its names are not yet validated nor resolved.
RawType = TypeRefOf[DocName]


@dataclass(frozen=True, slots=True)
class FieldObs:
    """One field of one object as one place documents it. `python`: the name is an SDK name."""

    name: str
    type: RawType
    required: bool
    nullable: bool
    span: Span
    python: bool
    rank: int  # lower is more authoritative for structure (see resolve.rank)
    description: str = ""
    constraints: tuple[Constraint, ...] = ()
    default: Scalar = None
    # the type is read from the text alone where the text is ambiguous (`array of A or B or C`
    # with no variant bullets: `List[A | B] | C`?): a documented copy decides (`merge`)
    unsure: bool = False


@dataclass(frozen=True, slots=True)
class ObjectObs:
    fields: tuple[FieldObs, ...]
    span: Span
    rank: int
    description: str = ""
    own: bool = False  # see `Obs`


@dataclass(frozen=True, slots=True)
class EnumObs:
    values: tuple[Scalar, ...]
    span: Span
    rank: int
    description: str = ""
    own: bool = False  # see `Obs`


@dataclass(frozen=True, slots=True)
class UnionObs:
    members: tuple[RawType, ...]
    span: Span
    rank: int
    description: str = ""
    own: bool = False  # see `Obs`


@dataclass(frozen=True, slots=True)
class AliasObs:
    target: RawType
    span: Span
    rank: int
    description: str = ""
    own: bool = False  # see `Obs`


# An observation's authority: `rank` (the flavor: HTTP, Python, web; lower is more authoritative
# for structure) and `own`: True where the place declares the thing (a type's entry in a page's
# types section; an operation's parameters and response on the page of that operation alone),
# False for a copy embedded in another description (a nested class, a resource page that repeats
# its methods). Merging orders observations by (rank, not own), then by content.
Obs = ObjectObs | EnumObs | UnionObs | AliasObs


@dataclass(frozen=True, slots=True)
class CountCheck:
    """A summary count (`15 more`) to verify against the merged type."""

    name: DocName
    expected: int
    span: Span


@dataclass
class Registry:
    """Observations by raw type name, references to check, counts to verify."""

    observations: dict[DocName, list[Obs]] = field(default_factory=dict)
    references: dict[DocName, list[Span]] = field(default_factory=dict)
    counts: list[CountCheck] = field(default_factory=list)
    spelled: set[DocName] = field(default_factory=set)  # keys of names the docs spell out

    def observe(self, name: DocName, obs: Obs) -> None:
        self.observations.setdefault(name, []).append(obs)

    def refer(self, name: DocName, span: Span) -> None:
        self.references.setdefault(name, []).append(span)
