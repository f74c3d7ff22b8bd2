"""Observations: what the docs say about one named type, one place at a time, before merging."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.facts import Constraint, Scalar
from generator.ir import TypeRef
from generator.source import Span


@dataclass(frozen=True, slots=True)
class FieldObs:
    """One field of one object as one place documents it. `python`: the name is an SDK name."""

    name: str
    type: TypeRef
    required: bool
    nullable: bool
    span: Span
    python: bool
    rank: int  # lower is more authoritative for structure (see resolve.rank)
    description: str = ""
    constraints: tuple[Constraint, ...] = ()
    default: Scalar = None


@dataclass(frozen=True, slots=True)
class ObjectObs:
    fields: tuple[FieldObs, ...]
    span: Span
    rank: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class EnumObs:
    values: tuple[Scalar, ...]
    span: Span
    rank: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class UnionObs:
    members: tuple[TypeRef, ...]
    span: Span
    rank: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class AliasObs:
    target: TypeRef
    span: Span
    rank: int
    description: str = ""


Obs = ObjectObs | EnumObs | UnionObs | AliasObs


@dataclass(frozen=True, slots=True)
class CountCheck:
    """A summary count (`15 more`) to verify against the merged type."""

    name: str
    expected: int
    span: Span


@dataclass
class Registry:
    """Observations by raw type name, references to check, counts to verify."""

    observations: dict[str, list[Obs]] = field(default_factory=dict)
    references: dict[str, list[Span]] = field(default_factory=dict)
    counts: list[CountCheck] = field(default_factory=list)

    def observe(self, name: str, obs: Obs) -> None:
        self.observations.setdefault(name, []).append(obs)

    def refer(self, name: str, span: Span) -> None:
        self.references.setdefault(name, []).append(span)
