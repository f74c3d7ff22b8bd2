"""Markdown line primitives and the nested bullet lists of the reference docs.

A bullet is ``- `TEXT` `` at indentation 2k (level k). Its description is the following
non-bullet lines indented by 2k+2; its children are the bullets at 2k+2. The list reader is a
single pass over the lines with an explicit stack: no recursion, whatever the nesting depth.

The docs repeat whole blocks (a type is spelled out wherever it is used). A bullet whose lines,
indentation included, repeat a block already read in the file, and which ends the same way, is
not read again: its entries are copied with their lines moved (`_Block`). Reading it again
would give the same entries, since nothing else in the reader's state bears on them; blocks
that reported anything are always read again, so every diagnostic is still made where it is.
The seam `block_reuse` of `generator.speedups` turns this off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from generator import jsontext, speedups
from generator.diagnostics import Diagnostics
from generator.facts import (
    DeclEntry,
    Entry,
    FieldEntry,
    Scalar,
    TExpr,
    TPrim,
    TUnion,
    TypeEntry,
    ValueEntry,
)
from generator.readers.typeexpr import TypeSyntaxError, quoted
from generator.source import Span

MAX_LEVELS = 100  # bullets nested deeper than this are reported (D008) and skipped

TypeParser = Callable[[str], tuple[bool, TExpr]]

_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*(.*)")
_BULLET_CODE = re.compile(r"`(.*)`[ \t]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_FIELD = re.compile(r"([A-Za-z0-9_$][\w$.\-]*)\s*:\s*(\S.*)")
# `"x-override-embedding-model": optional string`: a name the docs quote (a header's)
_QUOTED_FIELD = re.compile(r'("(?:[^"\\]|\\.)*")\s*:\s*(\S.*)')
_DECL = re.compile(r"([A-Za-z_][\w.]*)\s*=\s*(\S.*)")
_BOOLS = {"true": True, "True": True, "false": False, "False": False}
_SCALAR_STARTS = frozenset("\"'-0123456789tTfF")


# --- lines -------------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """Lines without their terminators; CRLF and CR read the same as LF."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


@dataclass(frozen=True, slots=True)
class Fence:
    """An open code fence: its character, its length and its info string."""

    char: str
    size: int
    info: str


def fence_open(line: str) -> Fence | None:
    """The fence a line opens (```` ```json ````), or None."""
    if "```" not in line and "~~~" not in line:  # most lines: a substring search in C
        return None
    if not line.lstrip(" \t").startswith(("```", "~~~")):
        return None
    m = _FENCE.fullmatch(line)
    if not m or (m.group(1)[0] == "`" and "`" in m.group(2)):
        return None
    return Fence(m.group(1)[0], len(m.group(1)), m.group(2).strip())


def fence_closes(line: str, fence: Fence) -> bool:
    """Whether a line closes an open fence."""
    s = line.strip()
    return len(s) >= fence.size and s == fence.char * len(s)


class Paragraphs:
    """Description text: lines on consecutive source lines form one paragraph."""

    __slots__ = ("_paras", "_last")

    def __init__(self) -> None:
        self._paras: list[list[str]] = []
        self._last = -2

    def add(self, index: int, text: str, *, glue: bool = False) -> None:
        """Add the text of line `index`; `glue` keeps it in the current paragraph (code)."""
        if self._paras and (glue or index == self._last + 1):
            self._paras[-1].append(text)
        else:
            self._paras.append([text])
        self._last = index

    def text(self) -> str:
        if len(self._paras) == 1:  # the usual case
            return "\n".join(self._paras[0])
        return "\n\n".join(["\n".join(p) for p in self._paras])


# --- bullet lists ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListContext:
    """What a bullet list reader needs from its file."""

    path: str
    lines: list[str]
    diags: Diagnostics
    parse_type: TypeParser
    last_text: int  # index of the file's last non-blank line: a broken bullet there is truncation
    known: dict[str, _Kind] = field(default_factory=dict)  # bullet text -> classification
    blocks: dict[str, list[_Block]] = field(default_factory=dict)  # first line -> blocks read


class _Block(NamedTuple):
    """A bullet's whole block as read once: its lines (the bullet's first), where they started,
    and the entry they gave."""

    lines: list[str]
    start: int
    entry: Entry


MAX_BLOCKS_PER_LINE = 8  # blocks remembered per first line: bounds the comparisons on a miss


# What a bullet's text was classified as: kind, name, type, optional, value (see _Node).
_Kind = tuple[str, str, "TExpr | None", bool, Scalar]


@dataclass(slots=True)
class _Node:
    """An open bullet: becomes an Entry when the list moves past it."""

    kind: str  # "field" | "value" | "decl" | "type"
    line: int  # 1-based
    name: str = ""
    type: TExpr | None = None
    optional: bool = False
    value: Scalar = None
    desc: Paragraphs | None = None  # created on the first description line
    children: list[Entry] = field(default_factory=list)
    mark: int = -1  # how many diagnostics there were when it opened (-1: not to remember)

    def describe(self, index: int, text: str, *, glue: bool = False) -> None:
        if self.desc is None:
            self.desc = Paragraphs()
        self.desc.add(index, text, glue=glue)

    def entry(self, path: str) -> Entry:
        desc = self.desc.text() if self.desc is not None else ""
        span, children = Span(path, self.line), tuple(self.children)
        if self.kind == "value":
            return ValueEntry(self.value, span, desc)
        expr = self.type
        if expr is None:  # every other kind is classified with its type
            raise ValueError(f"a {self.kind} bullet without a type at line {self.line}")
        if self.kind == "field":
            return FieldEntry(self.name, expr, self.optional, span, desc, children=children)
        if self.kind == "decl":
            return DeclEntry(self.name, expr, span, desc, children)
        return TypeEntry(expr, span, desc, children)


def read_bullets(ctx: ListContext, start: int, end: int) -> list[Entry]:
    """The entries of the bullet list in lines [start, end) (0-based, end exclusive)."""
    return _ListReader(ctx).run(start, end)


class _ListReader:
    def __init__(self, ctx: ListContext) -> None:
        self.ctx = ctx
        self.roots: list[Entry] = []
        self.stack: list[_Node] = []  # stack[k] is the open bullet at level k
        self.skip: int | None = None  # indentation of a rejected bullet: drop its subtree
        self.fence: Fence | None = None  # code fence open inside a description
        self.fence_owner: _Node | None = None
        self.fence_cut = 0  # indentation of the fenced description's text
        self.stray = -2  # last line of text outside any bullet
        self.last = -1  # last line read that is not blank (or is in a fence)
        self.resume = 0  # after a repeated block: the first line not yet read
        self.reuse = speedups.active().block_reuse  # off: every block is read (the plain path)

    def run(self, start: int, end: int) -> list[Entry]:
        self.end, lines = end, self.ctx.lines
        for i in range(start, end):
            if i >= self.resume:
                self._line(i, lines[i])
        self._close(0)
        return self.roots

    def _line(self, i: int, raw: str) -> None:
        if self.fence is not None:
            self._fenced(i, raw, self.fence)
            self.last = i
            return
        body = raw.lstrip(" \t")
        if not body or body.isspace():  # blank (isspace and strip agree on what is a space)
            return
        ws, indent = _indentation(raw, body)
        if self.skip is not None:
            if indent > self.skip:
                return
            self.skip = None
        if body.startswith("- `"):
            self._bullet(i, ws, indent, body[2:])
        else:
            self._text(i, indent, raw.expandtabs(4) if "\t" in ws else raw)
        if i >= self.last:  # not a repeated block's bullet, whose last line is already set
            self.last = i

    def _close(self, level: int) -> None:
        """Finish the open bullets at `level` and deeper, innermost first."""
        while len(self.stack) > level:
            node = self.stack.pop()
            entry = node.entry(self.ctx.path)
            (self.stack[-1].children if self.stack else self.roots).append(entry)
            if node.children and node.mark == len(self.ctx.diags) and self.fence is None:
                self._remember(node.line - 1, entry)  # (a bullet alone is as quick to read)

    # --- repeated blocks ----------------------------------------------------------------------

    def _remember(self, start: int, entry: Entry) -> None:
        """A bullet block read with nothing to report: lines [start, last]."""
        if not self.reuse:
            return
        lines = self.ctx.lines[start : self.last + 1]
        known = self.ctx.blocks.setdefault(lines[0], [])
        if len(known) < MAX_BLOCKS_PER_LINE and all(b.lines != lines for b in known):
            known.append(_Block(lines, start, entry))

    def _repeated(self, i: int, level: int) -> bool:
        """Line i starts a block read before: add its entry (lines moved) and skip its lines."""
        lines = self.ctx.lines
        for block in self.ctx.blocks.get(lines[i], ()):
            after = i + len(block.lines)
            if (
                after <= self.end
                and lines[after - 1] == block.lines[-1]  # most misses, without a slice
                and lines[i:after] == block.lines
                and self._ends(after, level)
            ):
                delta = i - block.start
                moved = _moved(block.entry, delta, self.ctx.path) if delta else block.entry
                (self.stack[-1].children if self.stack else self.roots).append(moved)
                self.resume, self.last = after, after - 1
                return True
        return False

    def _ends(self, k: int, level: int) -> bool:
        """Whether what follows line k-1 closes a bullet of `level` opened before, as it closed
        the block that was remembered (which then went on no further than line k-1)."""
        lines = self.ctx.lines
        while k < self.end:
            raw = lines[k]
            body = raw.lstrip(" \t")
            if body and not body.isspace():  # the first line that is not blank, as `_line` sees it
                ws, indent = _indentation(raw, body)
                if not body.startswith("- `"):
                    return indent // 2 <= level  # text there goes to an outer bullet
                return "\t" not in ws and indent % 2 == 0 and indent // 2 <= level
            k += 1
        return True  # the end of the list closes everything

    def _bullet(self, i: int, ws: str, indent: int, content: str) -> None:
        level = indent // 2
        problem = self._structure_problem(ws, indent, level)
        if problem is None:
            self._close(level)
            if self.stack and self.stack[-1].kind == "value":
                problem = ("D007", "a value bullet cannot have nested bullets")
        if problem is not None:
            self.ctx.diags.error(Span(self.ctx.path, i + 1), *problem)
            self.skip = indent
            return
        if self.reuse and self._repeated(i, level):
            return
        mark = len(self.ctx.diags)
        node = self._parse(i, content)
        if node is None:
            self.skip = indent
            return
        node.mark = mark
        self.stack.append(node)

    def _structure_problem(self, ws: str, indent: int, level: int) -> tuple[str, str] | None:
        if "\t" in ws:
            return ("D007", "bullet indented with a tab")
        if indent % 2:
            return ("D007", f"bullet indented by {indent} spaces, not a multiple of 2")
        if level > len(self.stack):
            expected = 2 * len(self.stack)
            return ("D007", f"bullet indented by {indent} spaces, at most {expected} expected")
        if level >= MAX_LEVELS:
            return ("D008", f"bullets nested deeper than {MAX_LEVELS} levels")
        return None

    def _parse(self, i: int, content: str) -> _Node | None:
        m = _BULLET_CODE.fullmatch(content)
        if m:
            return self._classify(m.group(1), i + 1)
        span = Span(self.ctx.path, i + 1)
        if "`" not in content[1:] and i >= self.ctx.last_text:
            self.ctx.diags.error(span, "D009", "file ends inside a bullet")
        else:
            self.ctx.diags.error(span, "D001", f"bullet not understood: {_clip(content)}")
        return None

    def _classify(self, text: str, line: int) -> _Node | None:
        """`classify`, remembering texts already read (the same classes recur many times)."""
        known = self.ctx.known.get(text)
        if known is not None:
            kind, name, texpr, optional, value = known
            return _Node(kind, line, name, texpr, optional, value)
        node = classify(text, Span(self.ctx.path, line), self.ctx.parse_type, self.ctx.diags)
        if node is not None:
            self.ctx.known[text] = (node.kind, node.name, node.type, node.optional, node.value)
        return node

    def _text(self, i: int, indent: int, line: str) -> None:
        level = min(len(self.stack), indent // 2) - 1  # deepest bullet with 2k+2 <= indent
        if level < 0:
            self._close(0)
            if i != self.stray + 1:
                msg = "text outside any bullet is ignored"
                self.ctx.diags.warning(Span(self.ctx.path, i + 1), "D001", msg)
            self.stray = i
            owner = None
        else:
            self._close(level + 1)
            owner = self.stack[level]
            owner.describe(i, line[2 * level + 2 :].rstrip())
        self.fence = fence_open(line)
        self.fence_owner, self.fence_cut = owner, 2 * level + 2

    def _fenced(self, i: int, raw: str, fence: Fence) -> None:
        owner = self.fence_owner
        if owner is not None:
            cut = self.fence_cut
            text = raw[cut:] if raw[:cut].strip() == "" else raw.lstrip()
            owner.describe(i, text.rstrip(), glue=True)
        if fence_closes(raw, fence):
            self.fence = None


def _indentation(raw: str, body: str) -> tuple[str, int]:
    """The leading whitespace of a line (`body` is the rest) and its width, tabs at 4."""
    ws = raw[: len(raw) - len(body)]
    return ws, len(ws) if "\t" not in ws else len(ws.expandtabs(4))


def _moved(entry: Entry, delta: int, path: str) -> Entry:
    """`entry` with every line moved by `delta` (a repeated block read once)."""
    span = Span(path, entry.span.line + delta)
    if isinstance(entry, ValueEntry):
        return ValueEntry(entry.value, span, entry.description)
    children = tuple([_moved(c, delta, path) for c in entry.children])
    if isinstance(entry, FieldEntry):
        return FieldEntry(
            entry.name,
            entry.type,
            entry.optional,
            span,
            entry.description,
            entry.constraints,
            entry.default,
            children,
            entry.origin or entry,
        )
    if isinstance(entry, DeclEntry):
        return DeclEntry(entry.name, entry.type, span, entry.description, children)
    return TypeEntry(entry.type, span, entry.description, children)


def _clip(text: str, size: int = 80) -> str:
    return repr(text if len(text) <= size else text[: size - 1] + "…")


def _scalar(text: str) -> tuple[bool, Scalar]:
    """A value bullet's literal: `"custom"`, `3`, `true`; (False, None) if the text is not one."""
    if text[:1] not in _SCALAR_STARTS:
        return False, None
    if _STRING.fullmatch(text):
        try:
            return True, quoted(text)
        except TypeSyntaxError:
            return False, None
    if _NUMBER.fullmatch(text):
        try:
            return True, jsontext.scalar(text)  # not NaN, not too large for a float
        except ValueError:
            return False, None
    if len(text) >= 2 and text[0] == text[-1] == "'":
        try:
            return True, quoted(text)  # as the type expression reads it (`'it\\'s'`)
        except TypeSyntaxError:
            return False, None
    if text in _BOOLS:
        return True, _BOOLS[text]
    return False, None


def _nullable(optional: bool, expr: TExpr) -> TExpr:
    return TUnion((expr, TPrim("null"))) if optional else expr


def classify(text: str, span: Span, parse_type: TypeParser, diags: Diagnostics) -> _Node | None:
    """Read one bullet's text (inside the backticks); None (and a diagnostic) if unreadable."""
    is_value, value = _scalar(text)
    if is_value:
        return _Node("value", span.line, value=value)
    for kind, pattern in (("field", _FIELD), ("field", _QUOTED_FIELD), ("decl", _DECL)):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        name = m.group(1)
        if pattern is _QUOTED_FIELD:
            try:
                name = quoted(name)
            except TypeSyntaxError as exc:
                diags.error(span, "D002", f"cannot read the field name {_clip(name)}: {exc}")
                return None
            if not name.strip():
                diags.error(span, "D001", f"a field name cannot be empty: {_clip(text)}")
                return None
        try:
            optional, expr = parse_type(m.group(2))
        except (TypeSyntaxError, ValueError, RecursionError) as exc:
            diags.error(span, "D002", f"cannot read the type of {name!r}: {exc}")
            return None
        if kind == "decl":
            return _Node(kind, span.line, name=name, type=_nullable(optional, expr))
        return _Node(kind, span.line, name=name, type=expr, optional=optional)
    try:
        optional, expr = parse_type(text)
    except (TypeSyntaxError, ValueError, RecursionError):
        msg = f"bullet is not a field, value, declaration or type: {_clip(text)}"
        diags.error(span, "D001", msg)
        return None
    return _Node("type", span.line, type=_nullable(optional, expr))
