"""Reader for the two markdown flavors of the reference: HTTP and Python SDK.

One file in, `DocumentFacts` out; syntax only. `# Title` names the resource, each `## Title`
is an operation (`## Domain Types` holds the types), `###` headings are an operation's sections.
Every problem becomes a diagnostic; the reader never raises on bad input.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from generator import jsontext
from generator.diagnostics import Diagnostics
from generator.facts import (
    DeclEntry,
    DocumentFacts,
    Entry,
    Example,
    FieldEntry,
    Location,
    OperationFacts,
    Param,
    SdkCall,
    Section,
    TObject,
    TRef,
    TypeEntry,
)
from generator.readers.bullets import (
    Fence,
    ListContext,
    Paragraphs,
    fence_closes,
    fence_open,
    read_bullets,
    split_lines,
)
from generator.readers.sdkcall import looks_like_call, looks_like_client_call, parse_sdk_call
from generator.readers.typeexpr import parse_http, parse_python
from generator.source import Span

MarkdownFlavor = Literal["http", "python"]

_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*")
_METHOD = re.compile(r"\*\*(get|post|put|patch|delete|head|options|trace)\*\*\s+`([^`]+)`", re.I)
_CODE_LINE = re.compile(r"`([^`]+)`")
_PY_GENERIC_NAMES = ("Optional", "List", "Dict", "Literal", "Union", "Sequence", "Iterable")
_PY_TYPE = re.compile(
    rf"\b(?:{'|'.join(_PY_GENERIC_NAMES)})\[|:\s*(?:str|int|float|bool)$|^class\s+\w+\s*:"
)
# What a file must contain somewhere for _PY_TYPE to match one of its bullets or for a code line
# to hold an SDK call (supersets, checked by substring searches and two regexes with a literal
# first character, which run fast; one alternation of them all ran at a few MB/s). A code line
# is searched after a `\n`, with `\r` read as `\n` and a `\n` put before the first line.
_PY_GENERICS = tuple(f"{name}[" for name in _PY_GENERIC_NAMES)
_PY_TYPED_END = re.compile(r":\s*(?:str|int|float|bool)`")
_PY_CALL_LINE = re.compile(r"\n[^\S\n]*`[^`\n]*\([^`\n]*`[^\S\n]*(?=\n|\Z)")
_HTTP_TYPE = re.compile(r"(?:^|[\s:])optional\s|\barray of\b|\bmap\[|\bobject \{")
_DOMAIN_TYPES = "Domain Types"
_HEADING_NAME = re.compile(r"[A-Za-z_]\w*")  # a heading that names a type (words joined)
_PARAMS: dict[str, Location | None] = {
    "Path Parameters": "path",
    "Query Parameters": "query",
    "Body Parameters": "body",
    "Header Parameters": "header",
    "Parameters": None,
}


def detect(text: str) -> MarkdownFlavor | None:
    """Which markdown flavor a file's content is in (by content, not by file name); None if neither."""
    # Python evidence wins wherever it is (outside code fences). Where the whole text has no hint
    # of it (one regex pass), the first HTTP evidence settles the flavor: no scan to the end.
    maybe_python = _may_be_python(text)
    method = domain = http_bullets = False
    fence: Fence | None = None
    for line in split_lines(text):
        s = line.strip()
        if not s:
            continue
        if fence is not None:
            fence = None if fence_closes(s, fence) else fence
        elif s[0] in "`~" and (fence := fence_open(s)) is not None:
            continue
        elif s[0] == "`":
            code = _CODE_LINE.fullmatch(s) if maybe_python else None
            if code and looks_like_call(code.group(1)):
                return "python"
        elif s.startswith("- `") and s.endswith("`"):
            if maybe_python and _PY_TYPE.search(s[3:-1]):
                return "python"
            http_bullets = http_bullets or bool(_HTTP_TYPE.search(s[3:-1]))
        elif s[0] == "*":
            method = method or bool(_METHOD.fullmatch(s))
        elif s[0] == "#":
            domain = domain or s == f"## {_DOMAIN_TYPES}"
        if not maybe_python and (method or (domain and http_bullets)):
            return "http"
    return "http" if method or (domain and http_bullets) else None


def _may_be_python(text: str) -> bool:
    """False only where no line of `text` can be Python evidence for `detect`."""
    if "`class" in text or any(g in text for g in _PY_GENERICS) or _PY_TYPED_END.search(text):
        return True
    return _PY_CALL_LINE.search("\n" + text.replace("\r", "\n")) is not None


def read(path: str, text: str, diags: Diagnostics, flavor: MarkdownFlavor) -> DocumentFacts:
    """Read one markdown file. Never raises on bad input: problems become diagnostics."""
    lines = split_lines(text)
    return _DocReader(path, lines, diags, flavor).run(_sections(path, lines, diags))


def _named_by_heading(entry: TypeEntry, heading: str) -> Entry:
    """A domain type written as a bare type (`### Agent Type` over `Literal["a", "b"]`, as the
    Python flavor writes enums, lists and aliases) is named by its heading: `AgentType = …`. A
    type that names itself (`class Agent: …`, `AgentType`) stays as it is."""
    name = "".join(w[:1].upper() + w[1:] for w in heading.split())
    own = entry.type.name if isinstance(entry.type, TObject | TRef) else None
    if own or not _HEADING_NAME.fullmatch(name):
        return entry
    return DeclEntry(name, entry.type, entry.span, entry.description, entry.children)


# --- sections ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Section:
    """A heading (level 0: the text before the first heading) and its body lines [start, end)."""

    level: int
    title: str
    line: int
    start: int
    end: int


def _sections(path: str, lines: list[str], diags: Diagnostics) -> list[_Section]:
    """Split at headings outside code fences; report a fence left open (D009)."""
    heads: list[tuple[int, str, int]] = [(0, "", -1)]
    fence: Fence | None = None
    fence_line = 0
    # only headings and fence lines matter (a fence closes on a line of its own characters)
    marked = [
        i for i, line in enumerate(lines) if line[:1] == "#" or "```" in line or "~~~" in line
    ]
    for i in marked:
        line = lines[i]
        if fence is not None:
            fence = None if fence_closes(line, fence) else fence
            continue
        fence, fence_line = fence_open(line), i + 1
        m = _HEADING.fullmatch(line) if fence is None and line[:1] == "#" else None
        if m:
            heads.append((len(m.group(1)), m.group(2), i))
    if fence is not None:
        diags.error(Span(path, fence_line), "D009", "code block is never closed")
    ends = [i for _, _, i in heads[1:]] + [len(lines)]
    sections = [
        _Section(lv, t, i + 1, i + 1, end) for (lv, t, i), end in zip(heads, ends, strict=True)
    ]
    last = sections[-1]
    if last.level and not any(s.strip() for s in lines[last.start :]):
        msg = f"file ends right after the heading {last.title!r}"
        diags.error(Span(path, last.line), "D009", msg)
    return sections


# --- documents and operations ------------------------------------------------------------------


@dataclass(slots=True)
class _Op:
    """An operation being read."""

    title: str
    line: int
    method: str | None = None
    path: str | None = None
    sdk: SdkCall | None = None
    description: str = ""
    params: list[Param] = field(default_factory=list)
    returns: tuple[Entry, ...] | None = None
    examples: list[Example] = field(default_factory=list)


class _DocReader:
    def __init__(self, path: str, lines: list[str], diags: Diagnostics, flavor: MarkdownFlavor):
        self.path, self.lines, self.diags, self.flavor = path, lines, diags, flavor
        last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)
        # types repeat a lot (same classes inlined many times): parse each text once per file
        parse = functools.lru_cache(maxsize=4096)(
            parse_python if flavor == "python" else parse_http
        )
        self.ctx = ListContext(path, lines, diags, parse, last)
        self.title = ""
        self.ops: list[OperationFacts] = []
        self.types: list[Entry] = []
        self.sections: list[Section] = []
        self.op: _Op | None = None
        self.in_types = False

    def run(self, sections: list[_Section]) -> DocumentFacts:
        for sec in sections:
            self._section(sec)
        self._finish_op()
        return DocumentFacts(
            path=self.path,
            flavor=self.flavor,
            span=Span(self.path, 1),
            title=self.title,
            operations=tuple(self.ops),
            types=tuple(self.types),
            sections=tuple(self.sections),
            flat=False,
            python_names=self.flavor == "python",
        )

    def _span(self, line: int) -> Span:
        return Span(self.path, line)

    def _ignored(self, sec: _Section, what: str) -> None:
        self.diags.warning(self._span(sec.line), "D001", f"{what} {sec.title!r} is ignored")

    def _stray_text(self, sec: _Section) -> None:
        """Warn (once per section) about text where only headings belong."""
        for i in range(sec.start, sec.end):
            if self.lines[i].strip():
                self.diags.warning(self._span(i + 1), "D001", "text here is ignored")
                return

    def _section(self, sec: _Section) -> None:
        if sec.level == 0:
            self._stray_text(sec)
        elif sec.level == 1:
            self._h1(sec)
        elif sec.level == 2:
            self._h2(sec)
        elif sec.level == 3:
            self._h3(sec)
        elif sec.level == 4 and self.op is not None and sec.title == "Response":
            self._examples(sec, "response")
        else:
            self._ignored(sec, f"heading level {sec.level}")

    def _h1(self, sec: _Section) -> None:
        """The page's title; a later one opens a section of its own (a parent page embeds its
        subresources' pages, each with its `# Title`)."""
        self.sections.append(Section(sec.title, self._span(sec.line)))
        self._finish_op()
        self.in_types = False
        if not self.title:
            self.title = sec.title
        self._stray_text(sec)

    def _h2(self, sec: _Section) -> None:
        self._finish_op()
        self.in_types = sec.title == _DOMAIN_TYPES
        if self.in_types:
            self._stray_text(sec)
        else:
            self.op = _Op(sec.title, sec.line)
            self._intro(sec)

    def _h3(self, sec: _Section) -> None:
        if self.in_types:
            self.types.extend(self._type_entries(sec))
        elif self.op is None:
            self._ignored(sec, "section outside any operation")
        elif sec.title in _PARAMS:
            self._params(sec, _PARAMS[sec.title])
        elif sec.title == "Returns":
            self._returns(sec)
        elif sec.title in ("Example", "Examples"):
            self._examples(sec, "request")
        else:
            self._ignored(sec, "unknown section")

    def _finish_op(self) -> None:
        op, self.op = self.op, None
        if op is None:
            return
        if op.method is None:
            msg = f"operation {op.title!r} has no **method** `path` line"
            self.diags.error(self._span(op.line), "D004", msg)
        self.ops.append(
            OperationFacts(
                title=op.title,
                span=self._span(op.line),
                method=op.method,
                path=op.path,
                sdk=op.sdk,
                description=op.description,
                params=tuple(op.params),
                returns=op.returns,
                examples=tuple(op.examples),
            )
        )

    # --- operation parts ---

    def _intro(self, sec: _Section) -> None:
        """The lines before an operation's first `###`: SDK call, method and path, description."""
        op = self.op
        assert op is not None
        desc = Paragraphs()
        for i in range(sec.start, sec.end):
            s = self.lines[i].strip()
            method = _METHOD.fullmatch(s)
            code = _CODE_LINE.fullmatch(s)
            if not s:
                continue
            if method and op.method is None:
                op.method, op.path = method.group(1).lower(), method.group(2)
            elif method:
                self.diags.warning(self._span(i + 1), "D001", "second method line is ignored")
            elif code and self._is_call(code.group(1)):
                self._sdk(op, code.group(1), i + 1)
            else:
                desc.add(i, self.lines[i].rstrip())
        op.description = desc.text()

    def _is_call(self, code: str) -> bool:
        """An SDK signature line: `resource.method(...)`, or in the Python flavor a method of
        the client itself (`health()  -> HealthResponse`)."""
        return looks_like_call(code) or (self.flavor == "python" and looks_like_client_call(code))

    def _sdk(self, op: _Op, text: str, line: int) -> None:
        try:
            op.sdk = parse_sdk_call(text, self._span(line))
        except ValueError as exc:
            self.diags.error(self._span(line), "D005", str(exc))

    def _params(self, sec: _Section, location: Location | None) -> None:
        assert self.op is not None
        for entry in read_bullets(self.ctx, sec.start, sec.end):
            if isinstance(entry, FieldEntry):
                self.op.params.append(Param(location, entry))
            else:
                msg = f"a parameter must be a `name: type` bullet ({sec.title!r})"
                self.diags.error(entry.span, "D001", msg)

    def _returns(self, sec: _Section) -> None:
        assert self.op is not None
        if self.op.returns is not None:
            self._ignored(sec, "second section")
            return
        self.op.returns = tuple(read_bullets(self.ctx, sec.start, sec.end))

    def _type_entries(self, sec: _Section) -> list[Entry]:
        kept: list[Entry] = []
        entries = read_bullets(self.ctx, sec.start, sec.end)
        for entry in entries:
            if isinstance(entry, TypeEntry) and len(entries) == 1:
                kept.append(_named_by_heading(entry, sec.title))
            elif isinstance(entry, DeclEntry | TypeEntry):
                kept.append(entry)
            else:
                msg = f"a domain type must be a type or `Name = type` bullet ({sec.title!r})"
                self.diags.error(entry.span, "D001", msg)
        return kept

    def _examples(self, sec: _Section, role: Literal["request", "response"]) -> None:
        """Fenced code blocks of an `### Example` or `#### Response` section."""
        assert self.op is not None
        i, stray = sec.start, False
        while i < sec.end:
            fence = fence_open(self.lines[i])
            if fence is None:
                if self.lines[i].strip() and not stray:
                    stray = True
                    self.diags.warning(self._span(i + 1), "D001", "text here is ignored")
                i += 1
                continue
            close = next(
                (j for j in range(i + 1, sec.end) if fence_closes(self.lines[j], fence)), sec.end
            )
            language = fence.info.split()[0] if fence.info else ""
            text = "\n".join(self.lines[i + 1 : close])
            # an unclosed block is truncated (D009), not bad JSON
            value = self._json(role, language, text, i + 1, report=close < sec.end)
            self.op.examples.append(Example(role, language, text, self._span(i + 1), value))
            i = close + 1

    def _json(
        self,
        role: Literal["request", "response"],
        language: str,
        text: str,
        fence_line: int,
        report: bool,
    ) -> jsontext.JsonData | None:
        """A response's JSON, parsed (whatever its fence says: `text` holding JSON is JSON).
        A `json` block that does not parse is reported when `report`, whatever its role."""
        report = report and language.lower() == "json"
        if role != "response" and not report:
            return None
        try:
            value = jsontext.loads(text)
        except jsontext.JsonTooDeep as exc:
            if report:
                self.diags.warning(self._span(fence_line + 1), "D008", f"example JSON is {exc}")
            return None
        except ValueError as exc:
            if report:
                line = fence_line + getattr(exc, "lineno", 1)
                self.diags.warning(self._span(line), "D006", f"example is not valid JSON: {exc}")
            return None
        return jsontext.JsonData(value) if role == "response" else None
