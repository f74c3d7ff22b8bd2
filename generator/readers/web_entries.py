"""Mutable builders the web reader fills line by line, frozen into facts at the end.

Nesting is at most operation -> header -> field -> value/variant, so freezing never recurses on
the input's shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.facts import (
    Constraint,
    DeclEntry,
    Entry,
    Example,
    FieldEntry,
    Location,
    OperationFacts,
    Param,
    Scalar,
    SdkCall,
    TExpr,
    TypeEntry,
    ValueEntry,
)
from generator.source import Span


@dataclass(slots=True)
class Text:
    """Description paragraphs: lines join with "\\n", paragraphs (split by blanks) with "\\n\\n"."""

    paras: list[list[str]] | None = None
    gap: bool = True

    def add(self, line: str) -> None:
        if self.paras is None:
            self.paras = [[line]]
        elif self.gap:
            self.paras.append([line])
        else:
            self.paras[-1].append(line)
        self.gap = False

    def brk(self) -> None:
        self.gap = True

    def value(self) -> str:
        return "\n\n".join("\n".join(p) for p in self.paras) if self.paras else ""


@dataclass(slots=True)
class ValueB:
    value: Scalar
    span: Span
    text: Text = field(default_factory=Text)

    def freeze(self) -> ValueEntry:
        return ValueEntry(self.value, self.span, self.text.value())


@dataclass(slots=True)
class TypeB:
    """A header (`class Tool:`, `Tool object {…}`, `Name = T` when `decl` is set) or a variant
    marker; headers collect the flat listing that follows them as children."""

    type: TExpr
    span: Span
    decl: str | None = None
    text: Text = field(default_factory=Text)
    children: list[Builder] = field(default_factory=list)

    def freeze(self) -> Entry:
        kids = tuple(c.freeze() for c in self.children)
        if self.decl is not None:
            return DeclEntry(self.decl, self.type, self.span, self.text.value(), kids)
        return TypeEntry(self.type, self.span, self.text.value(), kids)


@dataclass(slots=True)
class FieldB:
    name: str
    type: TExpr
    optional: bool
    span: Span
    text: Text = field(default_factory=Text)
    constraints: list[Constraint] = field(default_factory=list)
    default: Scalar | None = None
    children: list[Builder] = field(default_factory=list)

    def freeze(self) -> FieldEntry:
        return FieldEntry(
            self.name,
            self.type,
            self.optional,
            self.span,
            self.text.value(),
            tuple(self.constraints),
            self.default,
            tuple(c.freeze() for c in self.children),
        )


Builder = ValueB | TypeB | FieldB


@dataclass(slots=True)
class OpB:
    title: str
    span: Span
    method: str | None = None
    path: str | None = None
    sdk: SdkCall | None = None
    text: Text = field(default_factory=Text)
    params: list[tuple[Location | None, FieldB]] = field(default_factory=list)
    returns: list[Builder] | None = None
    examples: list[Example] = field(default_factory=list)
    seen: set[tuple[str, str, str]] = field(default_factory=set)

    def add_example(self, example: Example) -> None:
        """Identical copies (the page repeats its response under `Returns Examples`) once."""
        key = (example.role, example.language, example.text)
        if key not in self.seen:
            self.seen.add(key)
            self.examples.append(example)

    def freeze(self) -> OperationFacts:
        returns = None if self.returns is None else tuple(b.freeze() for b in self.returns)
        return OperationFacts(
            title=self.title,
            span=self.span,
            method=self.method,
            path=self.path,
            sdk=self.sdk,
            description=self.text.value(),
            params=tuple(Param(loc, f.freeze()) for loc, f in self.params),
            returns=returns,
            examples=tuple(self.examples),
        )
