"""What kind of page a file is, by its content alone (never its path or name).

A docs tree holds more than the reference flavors specgen reads. Beside the HTTP and Python
reference pages there are the TypeScript SDK's reference pages, guides, tables of contents and
SDK README pages. `survey` finds, outside code fences, the first construct of three kinds
(and the first HTTP method line outside any operation, `loose`, for the note that says why a
page that looks like a reference page in places was skipped):

- **reference**: what makes a page a reference page, in any flavor. A heading whose body
  begins (blank lines skipped) with an HTTP method line (``**get** `/v1/tools` ``, even cut off
  in its path), or with an SDK method signature (a line that is one code span opening a call,
  ``tools.retrieve(…)``, even cut off; an HTTP method line may follow it), or with a typed
  bullet (a bullet that is one code span: a field ``name: TYPE`` / ``name?: TYPE`` whose type
  is written like a type of one of the flavors, `typelike`, or a declaration ``class X:``,
  ``X object {…}``, ``X = TYPE``); or a ``Domain Types`` heading. An endpoint mentioned in
  prose, a method line in the middle of a section's text, a request in a code fence: none of
  these is a reference construct.
- **typescript**: a construct only the TypeScript SDK flavor writes: a method signature with a
  `: Type` return (``client.tools.retrieve(stringtoolID, …): Tool``), a field marked optional
  with `?:`, or a field type in TypeScript syntax (`Array<…>`, `Record<…>`, `A | B`, `=>`).
- **other**: a construct only the HTTP or the Python flavor writes: a signature with a `-> Type`
  return, a field type in their syntax (`optional string`, `array of`, `map[…]`, `object {…}`,
  `Optional[…]`, `List[…]`, `str`, `class X:`), a `Path/Query/Body/Header Parameters` heading.

A page is a TypeScript page when it has a TypeScript construct and no construct of the other
flavors: a page that mixes them is read in its flavor (its TypeScript parts are then errors),
never skipped. Code fences do not count either way (a `typescript` example proves nothing: a
page of any flavor may carry one; the SDK README pages are made of them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.readers.bullets import Fence, fence_closes, fence_open, split_lines

_HEADING = re.compile(r"#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?")
# An HTTP method line, `**get** `/v1/tools``, also cut off inside its path.
_METHOD = re.compile(r"\*\*(?:get|post|put|patch|delete|head|options|trace)\*\*\s+`/[^`]*`?", re.I)
# A line that is one code span opening a call (`a.b(`, `health(`), closed or cut off.
_SIGNATURE = re.compile(r"`([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\([^`]*)`?")
_TS_RETURN = re.compile(r"\)\s*:\s*\S")
_PY_RETURN = re.compile(r"\)\s*->\s*\S")
_BULLET = re.compile(r"[-*+][ \t]+`([^`]+)`")
_FIELD = re.compile(r'(?:[A-Za-z_$][\w$.\-]*|"[^"]+")(\??)\s*:\s*(\S.*)')
# A type's name in a declaration: CamelCase (`ToolDeleteResponse`), not a constant (`API_KEY`).
_TYPE_NAME = r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*"
_DECL = re.compile(rf"class\s+[A-Za-z_]\w*\s*[:(].*|{_TYPE_NAME}\s+object\s*\{{.*")
_ALIAS = re.compile(rf"{_TYPE_NAME}\s*=\s*(\S.*)")
# Words a type is written with in the three flavors; any other lowercase word is prose.
_TYPE_WORDS = frozenset(
    "optional array map object string number integer boolean unknown null any str int float"
    " bool bytes datetime date None Optional List Dict Union Literal Iterable Sequence Mapping"
    " Array Record Promise true false True False".split()
)
_TYPE_GLUE = frozenset(("or", "of", "more"))  # `A or B`, `array of A`, `A or B or 5 more`
_TYPE_PUNCT = frozenset("[]<>{}(),|&?=.-:*…'")
_TYPE_TOKEN = re.compile(r"[A-Za-z_$][\w$.]*|\d+|\S")
_TYPE_SKIP = re.compile(r'"(?:[^"\\]|\\.)*"|\{[^{}]*\}')  # literals; `{ id, name, 3 more }`
_TS_TYPE = re.compile(r"\w<|\s\|\s|=>")
_HTTP_TYPE = re.compile(r"(?:^|\s)optional\s|\barray of\b|\bmap\[|\bobject\s*\{")
_PY_TYPE = re.compile(
    r"\b(?:Optional|List|Dict|Union|Literal|Sequence|Iterable)\[|^(?:str|int|float|bool)$"
)
# Every bullet `_HTTP_TYPE`, `_PY_TYPE` or `_DECL` finds a construct of the other flavors in
# holds one of these words, or ends with one of those types.
_OTHER_WORDS = ("[", "optional", "array of", "object", "class")
_PY_ENDS = tuple(f": {name}" for name in ("str", "int", "float", "bool"))
_PARAM_HEADINGS = frozenset(f"{where} Parameters" for where in ("Path", "Query", "Body", "Header"))
_QUOTE_MAX = 80


@dataclass(frozen=True, slots=True)
class Clue:
    """One construct that tells what a page is: its 1-based line and what it is, in words."""

    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


@dataclass(frozen=True, slots=True)
class Survey:
    """The first construct of each kind on a page (None: the page has none). The scan stops
    once a page is known to be a reference page of the HTTP or Python flavor, so `typescript`
    tells nothing about such a page."""

    reference: Clue | None = None
    typescript: Clue | None = None
    other: Clue | None = None
    loose: Clue | None = None  # a method line not right under a heading: prose, not an operation

    @property
    def typescript_only(self) -> Clue | None:
        """The TypeScript construct of a page written in that flavor and in no other."""
        return self.typescript if self.other is None else None


def typelike(text: str) -> bool:
    """Whether `text` is written like a type of one of the flavors (`optional string`,
    `Optional[List[Tool]]`, `Array<Tool> | null`, `"asc" or "desc"`, `Tool`), not like a value
    or prose (`30`, `gpt-4`, `Bearer $TOKEN`): every word a type word, a capitalized name, a
    literal, a number or a connective, and at least one that is no connective or number."""
    text = _TYPE_SKIP.sub('"', _TYPE_SKIP.sub('"', text))
    typed = False
    for token in _TYPE_TOKEN.findall(text):
        if token in _TYPE_WORDS or token[0].isupper() or token == '"':
            typed = True
        elif token not in _TYPE_GLUE and not token.isdigit() and token not in _TYPE_PUNCT:
            return False
    return typed


def _quote(code: str) -> str:
    code = code if len(code) <= _QUOTE_MAX else code[: _QUOTE_MAX - 1] + "…"
    return f"`{code}`"


class _Scan:
    """One pass over the lines; stops as soon as the verdict cannot change."""

    def __init__(self) -> None:
        self.reference: Clue | None = None
        self.typescript: Clue | None = None
        self.other: Clue | None = None
        self.loose: Clue | None = None

    def found(self, kind: str, line: int, what: str) -> None:
        if getattr(self, kind) is None:
            setattr(self, kind, Clue(line, what))

    def signature(self, line: int, code: str, under_heading: bool) -> None:
        if _TS_RETURN.search(code):
            self.found("typescript", line, f"TypeScript method signature {_quote(code)}")
        elif _PY_RETURN.search(code):
            self.found("other", line, f"Python method signature {_quote(code)}")
        if under_heading:
            self.found("reference", line, f"SDK method signature {_quote(code)} under a heading")

    def bullet(self, line: int, code: str, under_heading: bool) -> None:
        if self.typescript is not None and self.reference is not None and not under_heading:
            # Only a construct of the other flavors can change the verdict now: most bullets of
            # a TypeScript page hold none of the words one needs (substring tests, in C).
            if not any(word in code for word in _OTHER_WORDS) and not code.endswith(_PY_ENDS):
                return
        field = _FIELD.fullmatch(code)
        if field is not None:
            optional, type_text = field.group(1), field.group(2).strip()
            if not typelike(type_text):
                return  # `key: value` in a guide, not a typed field
            if optional or _TS_TYPE.search(type_text):
                self.found("typescript", line, f"TypeScript field {_quote(code)}")
            elif _HTTP_TYPE.search(type_text) or _PY_TYPE.search(type_text):
                self.found("other", line, f"field {_quote(code)}")
        elif _DECL.fullmatch(code):
            self.found("other", line, f"type declaration {_quote(code)}")
        elif (alias := _ALIAS.fullmatch(code)) is None or not typelike(alias.group(1)):
            return
        elif _TS_TYPE.search(alias.group(1)):
            self.found("typescript", line, f"TypeScript type alias {_quote(code)}")
        elif _HTTP_TYPE.search(alias.group(1)) or _PY_TYPE.search(alias.group(1)):
            self.found("other", line, f"type alias {_quote(code)}")
        else:
            return
        if under_heading:
            self.found("reference", line, f"typed bullet {_quote(code)} under a heading")


def survey(text: str) -> Survey:
    """The first reference, TypeScript and other-flavor construct of a page (see the module)."""
    scan = _Scan()
    fence: Fence | None = None
    # What the last non-blank line was: "heading", "signature" (an SDK signature right under a
    # heading), or "" (anything else).
    after = ""
    for index, raw in enumerate(split_lines(text)):
        s = raw.strip()
        if not s:
            continue
        if fence is not None:
            if fence_closes(s, fence):
                fence = None
            continue
        line, state, after = index + 1, after, ""
        first = s[0]
        if first in "`~" and (fence := fence_open(s)) is not None:
            continue
        if first == "#":
            heading = _HEADING.fullmatch(s)
            if heading is None:
                continue
            title = heading.group(1).strip()
            if title == "Domain Types":
                scan.found("reference", line, "Domain Types heading")
            elif title in _PARAM_HEADINGS:
                scan.found("other", line, f"{title} heading")
            after = "heading"
        elif first == "*" and _METHOD.fullmatch(s):
            if state in ("heading", "signature"):
                scan.found("reference", line, f"operation heading with the method line {s}")
            else:
                scan.found("loose", line, f"the method line {s} is under no operation heading")
        elif first == "`" and (sig := _SIGNATURE.fullmatch(s)) is not None:
            scan.signature(line, sig.group(1), state == "heading")
            after = "signature" if state == "heading" else ""
        elif first in "-*+" and (bullet := _BULLET.fullmatch(s)) is not None:
            scan.bullet(line, bullet.group(1).strip(), state == "heading")
        if scan.reference is not None and scan.other is not None:
            break  # a reference page in the HTTP or Python flavor: nothing can change that
    return Survey(scan.reference, scan.typescript, scan.other, scan.loose)
