"""Reader for scraped web text: the text of the rendered reference pages, markup and indentation
gone. One file in, `DocumentFacts` out (`flavor="web"`, `flat=True`); syntax only.

How lines are read (every line is classified by its own shape, see `web_lines`):

- Examples come first: an `import` line, a `curl` line or a `{`/`[` line opens a code block that
  extends as far as its own syntax does (`web_examples`). A Title Case label right before one
  (`Returns Examples`, a repeated page title) is chrome.
- Constructs: a method line glued to its path (`GET/v1/tools`), an SDK call line, a section label
  (`Path ParametersExpand Collapse`), and inside sections field lines (`name: TYPE`), glued
  constraints (`minLength1`), `One of the following:` plus value lines, type lines (`class Tool:`,
  `Tool object { … }`, `Name = T`).
- An operation's title is the plain line right before its method line (or before its SDK call).
- Any other line is description text of the entry before it (paragraphs split by blank lines).
  With no entry before it, the line is ignored: that is the page frame before the first
  construct (navigation, theme toggles, a table of contents of operation titles) and text after
  an example. Unmistakable site chrome (`Skip to content`, `Copy Markdown`) and repeats of a
  title seen in the page are ignored anywhere.

Listings are flat: a header (`class Tool:` / `Tool object {…}` / `Name = T`) takes every entry
after it as children, in order, until the next header or the section's end. Field entries only
own their enum values; variant type lines are markers in the flat sequence. Without indentation
a type line's role is inferred: in Returns the first type line is the header and later ones are
variants; in Models a named type line is a variant when a field of the current header mentions it
inline or in a union, or after a `One of the following:` that listed types; else a new header.
"""

from __future__ import annotations

import re

from generator.diagnostics import Diagnostics
from generator.facts import (
    Constraint,
    DocumentFacts,
    Location,
    Scalar,
    TExpr,
    TObject,
    TPrim,
    TRef,
)
from generator.readers import web_lines as wl
from generator.readers.sdkcall import parse_sdk_call
from generator.readers.typeexpr import TypeSyntaxError
from generator.readers.web_entries import Builder, FieldB, OpB, TypeB, ValueB
from generator.readers.web_survey import Survey, survey
from generator.source import Span

_MARKDOWN = re.compile(r"^[ \t]*(?:- `|```|\*\*(?:get|post|put|patch|delete)\*\*)", re.M | re.I)
_WEB = re.compile(
    r"^[ \t]*(?:(?:get|post|put|patch|delete|head|options)/\S*"
    r"|[A-Za-z][A-Za-z ]*Expand ?Collapse|(?:[A-Za-z]+ )?one of the following:)[ \t]*\r?$",
    re.M | re.I,
)


def detect(text: str) -> bool:
    """True when the content is scraped web text of the reference docs (by content, not name)."""
    return not _MARKDOWN.search(text) and bool(_WEB.search(text))


def split_lines(text: str) -> list[str]:
    """Lines without their ends; CRLF and lone CR count as LF, a leading BOM is dropped."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start another
    return lines


class _Reader:
    """Second pass: a line-by-line state machine over the surveyed lines."""

    def __init__(self, path: str, lines: list[str], diags: Diagnostics, sv: Survey) -> None:
        self.path, self.lines, self.diags, self.sv = path, lines, diags, sv
        self.ops: list[OpB] = []
        self.types: list[Builder] = []
        self.op: OpB | None = None
        self.fresh: str | None = None  # "verb"/"sdk": the operation line just read
        self._section("")

    def _span(self, i: int) -> Span:
        return Span(self.path, i + 1)

    def _section(self, kind: str, location: Location | None = None) -> None:
        """Start a section ("" none, "skip" ignored, "params", "returns", "models")."""
        self.kind, self.location = kind, location
        self.top: list[Builder] | None = None
        self.header: TypeB | None = None
        self.field: FieldB | None = None
        self.loose = False  # the section has entries outside any header
        self.refs: set[str] = set()
        self.one_of = self.variants = False
        self.last: OpB | Builder | None = None

    def run(self) -> DocumentFacts:
        i, lines = 0, self.lines
        read = -1  # the last line read as a construct or text (not an example, not a title)
        while i < len(lines):
            block = self.sv.blocks.get(i)
            if block is not None:
                if block.example is not None and self.op is not None:
                    self.op.add_example(block.example)
                elif block.example is not None:  # the page's own samples, not an operation's
                    msg = f"{block.example.role} example outside any operation is ignored"
                    self.diags.warning(block.example.span, "D001", msg)
                self._section("")
                self.fresh, i = None, block.end
                continue
            s = lines[i].strip()
            if not s:
                if self.last is not None:
                    self.last.text.brk()
            elif i not in self.sv.skip:
                self._line(i, s)
                read = i
            i += 1
        self._truncated(read)
        return DocumentFacts(
            path=self.path,
            flavor="web",
            span=Span(self.path, 1),
            title=self.sv.title,
            operations=tuple(op.freeze() for op in self.ops),
            types=tuple(b.freeze() for b in self.types),
            flat=True,
            python_names=self.sv.python,
        )

    def _truncated(self, read: int) -> None:
        """The file's last line is a field cut short (a bracket or quote left open): truncated."""
        last = next((j for j in range(len(self.lines) - 1, -1, -1) if self.lines[j].strip()), -1)
        if last >= 0 and last == read and wl.cut_short(self.lines[last].strip()):
            msg = f"file ends inside the field line {wl.clip(self.lines[last].strip(), 60)!r}"
            self.diags.error(self._span(last), "D009", msg)

    def _line(self, i: int, s: str) -> None:
        fresh, self.fresh = self.fresh, None
        mark = self.sv.marks.get(i)
        if mark is not None and mark[0] == "verb":
            self._verb(i, mark[1], mark[2], join=fresh == "sdk")
        elif mark is not None and mark[0] == "sdk":
            self._sdk(i, s, join=fresh == "verb")
        elif mark is not None:
            self._start_section(i, *mark[1:])
        elif self.kind in ("params", "returns", "models") and self._listing(i, s):
            return
        elif self.last is not None and not wl.is_chrome(s) and s not in self.sv.known:
            self.last.text.add(s)

    # --- operations and sections ---------------------------------------------------------------

    def _new_op(self, i: int) -> OpB:
        t = self.sv.titles.get(i)
        title = self.lines[t].strip() if t is not None else ""
        op = OpB(title, self._span(t if t is not None else i))
        self.ops.append(op)
        self.op = op
        return op

    def _verb(self, i: int, method: str, path: str, join: bool) -> None:
        op = self.op if join and self.op is not None else self._new_op(i)
        if wl.valid_path(path):
            op.method, op.path = method, path
        else:
            self.diags.error(
                self._span(i), "D004", f"malformed path {wl.clip(path)!r} in method line"
            )
        self._section("")
        self.last, self.fresh = op, None if join else "verb"

    def _sdk(self, i: int, s: str, join: bool) -> None:
        op = self.op if join and self.op is not None else self._new_op(i)
        try:
            op.sdk = parse_sdk_call(s, self._span(i))
        except ValueError as exc:  # SdkCallError, or a number too long for int()
            self.diags.warning(self._span(i), "D005", wl.clip(str(exc)))
        self._section("")
        self.last, self.fresh = op, None if join else "sdk"

    def _start_section(self, i: int, kind: str, label: str, location: Location | None) -> None:
        if not kind or (kind != "models" and self.op is None):
            where = "is not understood" if not kind else "is outside any operation"
            self.diags.warning(
                self._span(i), "D001", f"section {wl.clip(label)!r} {where}; ignored"
            )
            self._section("skip")
            return
        self._section(kind, location)
        if kind == "returns" and self.op is not None:
            if self.op.returns is None:
                self.op.returns = []
            self.top = self.op.returns
        elif kind == "models":
            self.top = self.types

    # --- listings ------------------------------------------------------------------------------

    def _listing(self, i: int, s: str) -> bool:
        """Read one line of a section; False when it is plain text."""
        if wl.is_one_of(s):
            self.one_of = True
            return True
        is_value, value = wl.value_literal(s, self.one_of)
        if is_value:
            self._value(i, value)
            return True
        field = wl.field_candidate(s)
        if field:
            self._field(i, *field)
            return True
        constraint = wl.constraint_line(s)
        if constraint and self.field is not None:
            self._constraint(i, *constraint)
            return True
        decl = wl.decl_line(s) if self.kind != "params" else None
        if decl:
            self._decl(i, *decl)
            return True
        if wl.type_line(s, self.one_of and self._bare_variant_allowed()):
            self._type(i, s)
            return True
        return False

    def _bare_variant_allowed(self) -> bool:
        """A bare name (`Tool`, `string`) is a variant only right after `One of the following:`
        or after another value/variant that has no description yet: else it is text."""
        last = self.last
        return last is None or last is self.field or last.text.paras is None

    def _append(self, b: Builder) -> None:
        """Into the current header's flat listing, else loose into the section."""
        if self.header is not None:
            self.header.children.append(b)
        elif self.top is not None:
            self.top.append(b)
            self.loose = True

    def _value(self, i: int, value: Scalar) -> None:
        b = ValueB(value, self._span(i))
        owner = self.field or self.header
        if owner is not None:
            owner.children.append(b)
        elif self.top is not None:
            self._append(b)
        else:
            self.diags.warning(self._span(i), "D001", "value outside any field; ignored")
            return
        self.last = b

    def _field(self, i: int, name: str, text: str) -> None:
        self.one_of = False
        try:
            optional, expr = wl.parse_type(text, self.sv.python)
        except TypeSyntaxError as exc:
            self.diags.warning(
                self._span(i),
                "D002",
                f"cannot read the type of {wl.clip(name)!r}: {wl.clip(str(exc))}",
            )
            self.field = self.last = None
            return
        f = FieldB(name, expr, optional, self._span(i))
        if self.kind == "params":
            assert self.op is not None
            self.op.params.append((self.location, f))
        else:
            self._append(f)
            if self.header is not None:
                self.refs |= wl.nested_names(expr)
        self.field = self.last = f

    def _constraint(self, i: int, key: str, raw: str) -> None:
        assert self.field is not None
        try:
            value = wl.constraint_value(key, raw)
        except (ValueError, RecursionError) as exc:
            self.diags.warning(
                self._span(i), "D010", f"cannot read constraint {key!r}: {wl.clip(str(exc))}"
            )
            return
        self.field.constraints.append(Constraint(key, value, self._span(i)))
        if key == "default":
            self.field.default = value

    def _new_header(self, b: TypeB, keep: bool = True) -> None:
        if keep and self.top is not None:
            self.top.append(b)
        self.header, self.field, self.last = b, None, b if keep else None
        self.refs = set(wl.nested_names(b.type))
        self.one_of = self.variants = False

    def _decl(self, i: int, name: str, text: str) -> None:
        try:
            expr = wl.parse_type(text, self.sv.python)[1]
        except TypeSyntaxError as exc:
            self.diags.warning(
                self._span(i),
                "D002",
                f"cannot read declaration {wl.clip(name)!r}: {wl.clip(str(exc))}",
            )
            self._new_header(TypeB(TPrim("unknown"), self._span(i)), keep=False)  # a sink
            return
        self._new_header(TypeB(expr, self._span(i), decl=name))

    def _type(self, i: int, s: str) -> None:
        name = wl.class_line(s)
        try:
            expr: TExpr = TObject(name, None) if name else wl.parse_type(s, self.sv.python)[1]
        except TypeSyntaxError as exc:
            self.diags.warning(self._span(i), "D002", f"cannot read type line: {wl.clip(str(exc))}")
            self.last = None
            return
        b = TypeB(expr, self._span(i))
        if self.kind == "params":
            if self.field is None:
                self.diags.warning(self._span(i), "D001", "type line outside any parameter")
                return
            self.field.children.append(b)
        elif self.header is None and not self.loose and not self.one_of:
            self._new_header(b)
        elif self._is_variant(expr):
            self.variants = self.variants or self.one_of
            self._append(b)
        else:
            self._new_header(b)
        self.last = b

    def _is_variant(self, expr: TExpr) -> bool:
        if self.kind == "returns" or self.one_of or self.variants or self.header is None:
            return True
        name = expr.name if isinstance(expr, TObject | TRef) else None
        return name is None or name in self.refs


def read(path: str, text: str, diags: Diagnostics) -> DocumentFacts:
    """Never raises on bad input: every problem becomes a diagnostic with Span(path, line)."""
    lines = split_lines(text)
    return _Reader(path, lines, diags, survey(lines, path, diags)).run()
