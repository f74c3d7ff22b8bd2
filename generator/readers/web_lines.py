"""Line shapes of scraped web text: each function recognizes one construct on one stripped line.

Web text has no markup and no indentation, so a line is classified by its own shape only. All
patterns are anchored and backtrack-free enough to stay linear on very long lines.
"""

from __future__ import annotations

import functools
import json
import math
import re

from generator import jsontext
from generator.facts import Location, Scalar, TArray, TExpr, TMap, TObject, TRef, TUnion
from generator.readers.sdkcall import looks_like_call
from generator.readers.typeexpr import TypeSyntaxError, parse_http, parse_python, quoted

MAX_TYPE_CHARS = 20_000  # longer "types" are prose or garbage; parsing them is not attempted

_VERB = re.compile(r"^(get|post|put|patch|delete|head|options|trace)[ \t]*(/\S*)$", re.I)
_PATH = re.compile(r"^(?:/(?:[\w.~:@%+\-!$&'*,;=]|\{[A-Za-z_][\w.\-]*\})+)+/?$|^/$")
_LABEL = re.compile(r"^[A-Za-z][A-Za-z ]*$")
_ONE_OF = re.compile(r"^(?:[A-Za-z]+\s+)?(?:one|any)\s+of\s+the\s+following:?$", re.I)
_QUOTED = re.compile(r'^"(?:[^"\\]|\\.)*"$')
_BARE_SCALAR = re.compile(r"^(?:-?\d+(?:\.\d+)?|true|false|null)$")
_FIELD = re.compile(r"^(?P<name>[A-Za-z_][\w.\-]*):\s+(?P<type>\S.*)$")
_FIRST_WORD = re.compile(r"^[A-Za-z_]+")
_TYPE_WORDS = frozenset(
    "optional array map string number integer boolean unknown null datetime date object "
    "str int float bool true false".split()
)
_PY_TYPE = re.compile(
    r"^(?:Optional|List|Dict|Literal|Union|Sequence|Iterable)\[|^(?:str|int|float|bool)$"
)
_CLASS = re.compile(r"^class\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?:…|\.\.\.)?$")
_DECL = re.compile(r"^(?P<name>[A-Z][\w.]*)\s*=\s*(?P<type>\S.*)$")
_TYPE_LINE = re.compile(
    r"^(?:array of\s|map\[|(?:Optional|List|Dict|Union|Literal|Sequence|Iterable)\["
    r"|[A-Za-z_][\w.]*\s+object$"
    r"|(?:[A-Za-z_][\w.]*\s+)?(?:object\s*)?\{.*\}(?:\s+or\s.*)?$)"
)
_BARE_TYPE = re.compile(
    r"^(?:[A-Z]\w*(?:\.[A-Za-z_]\w*)*|string|number|integer|boolean|unknown|str|int|float)$"
)

_INT_KEYS = ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")
_NUM_KEYS = ("exclusiveMinimum", "exclusiveMaximum", "minimum", "maximum", "multipleOf")
_CONSTRAINT = re.compile(
    r"^(?P<key>"
    + "|".join(_INT_KEYS + _NUM_KEYS + ("uniqueItems", "pattern", "format", "default"))
    + r")(?P<value>.*)$"
)
_CONSTRAINT_INITIALS = frozenset("mepfdu")
_INT = re.compile(r"^-?\d+$")
_MAX_NUMBER_CHARS = 100  # a longer "number" is garbage (and int() refuses 4300+ digits)
_NUM = re.compile(r"^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_FORMATS = frozenset(
    "date-time date time duration uri uri-reference url email uuid ipv4 ipv6 hostname "
    "byte binary int32 int64 float double password regex".split()
)

_SECTIONS: dict[str, tuple[str, Location | None]] = {
    "parameters": ("params", None),
    "path parameters": ("params", "path"),
    "query parameters": ("params", "query"),
    "body parameters": ("params", "body"),
    "header parameters": ("params", "header"),
    "headers": ("params", "header"),
    "returns": ("returns", None),
    "response": ("returns", None),
    "responses": ("returns", None),
    "models": ("models", None),
    "domain types": ("models", None),
    "types": ("models", None),
}

# Unmistakable page chrome (buttons and links of the site frame), ignored wherever it appears.
_CHROME = re.compile(
    r"^(?:skip to (?:main )?content|sign (?:up|in)|log (?:in|out)|view as markdown"
    r"|copy (?:markdown|page|link)|open in \w+|ask ai|on this page|edit this page"
    r"|was this page helpful\??|returns examples?)$",
    re.I,
)


def clip(text: str, limit: int = 160) -> str:
    """A message-sized excerpt of input text."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def verb_line(s: str) -> tuple[str, str] | None:
    """`GET/v1/tools` (verb glued to the path, any case) -> ("get", "/v1/tools").

    The whole line must be the verb and one path-like word, so prose such as `Get/set the
    value` is not a method line."""
    if "/" not in s or s[0] not in "GgPpDdHhOoTt":
        return None
    m = _VERB.match(s)
    return (m.group(1).lower(), m.group(2).strip()) if m else None


def valid_path(path: str) -> bool:
    """A URL path template: non-empty `/`-separated segments, `{name}` placeholders."""
    return bool(_PATH.match(path))


def section_label(s: str) -> tuple[str, str, Location | None] | None:
    """`Path ParametersExpand Collapse` -> ("params", label, "path"); unknown labels -> kind ""."""
    if not s.endswith("Collapse"):
        return None
    head = s[: -len("Collapse")].rstrip()
    label = head[: -len("Expand")].strip()
    if not head.endswith("Expand") or not _LABEL.match(label):
        return None
    kind, location = _SECTIONS.get(label.lower(), ("", None))
    return kind, label, location


def is_one_of(s: str) -> bool:
    """`One of the following:` / `Accepts one of the following:`."""
    return s[-1:] == ":" and "following" in s and bool(_ONE_OF.match(s))


def value_literal(s: str, bare: bool) -> tuple[bool, Scalar]:
    """An enum value line: `"custom"` always; numbers/true/false/null when `bare` is allowed."""
    if s[:1] == '"' and _QUOTED.match(s):
        try:
            return True, quoted(s)
        except TypeSyntaxError:  # a lone surrogate: kept as written
            return True, s[1:-1]
    if bare and _BARE_SCALAR.match(s) and len(s) <= 100:  # int() refuses absurdly long numbers
        return True, json.loads(s)
    return False, None


def field_candidate(s: str) -> tuple[str, str] | None:
    """`name: TYPE` -> (name, type text), unless the text after the colon reads as prose.

    Prose: it ends like a sentence, or it has several words and starts with a word that is not
    a type keyword while either that word is lower-case (`Args: id (str): ...`) or the "name"
    is capitalized (`Note: Use ...`).
    """
    m = _FIELD.match(s) if ": " in s or ":\t" in s else None
    if not m:
        return None
    name, text = m.group("name"), m.group("type").strip()
    if text[-1] in ".!?;,":
        return None
    word = _FIRST_WORD.match(text)
    if word and " " in text and word.group(0) not in _TYPE_WORDS:
        if word.group(0)[0].islower() or name[0].isupper():
            return None
    return name, text


def cut_short(s: str) -> bool:
    """A `name: TYPE` line whose type leaves a bracket or a quote open (`kind: Literal["a",`):
    what a page cut in the middle of a field looks like."""
    m = _FIELD.match(s) if ": " in s or ":\t" in s else None
    if not m:
        return False
    depth, quote, escaped = 0, False, False
    for ch in m.group("type"):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quote = False
        elif ch == '"':
            quote = True
        elif ch in "[({":
            depth += 1
        elif ch in "])}":
            depth -= 1
    return quote or depth > 0


def python_typed(text: str) -> bool:
    """A type text that only the Python grammar writes (`Optional[...]`, `str`, ...)."""
    return bool(_PY_TYPE.match(text))


def parse_type(text: str, python_first: bool) -> tuple[bool, TExpr]:
    """Parse with the page's grammar first, then the other; raises TypeSyntaxError."""
    if len(text) > MAX_TYPE_CHARS:
        raise TypeSyntaxError(f"type text is longer than {MAX_TYPE_CHARS} characters")
    if len(text) <= 200:  # pages repeat the same short types; results are immutable
        return _parse_cached(text, python_first)
    return _parse(text, python_first)


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str, python_first: bool) -> tuple[bool, TExpr]:
    return _parse(text, python_first)


def _parse(text: str, python_first: bool) -> tuple[bool, TExpr]:
    first, second = (parse_python, parse_http) if python_first else (parse_http, parse_python)
    try:
        return first(text)
    except ValueError:  # TypeSyntaxError, or a number too long for int()
        pass
    try:
        return second(text)
    except ValueError as exc:
        raise TypeSyntaxError(str(exc)) from exc


def class_line(s: str) -> str | None:
    """`class Tool:` (optionally `…`) -> "Tool"."""
    m = _CLASS.match(s) if s.startswith("class") else None
    return m.group("name") if m else None


def decl_line(s: str) -> tuple[str, str] | None:
    """`ToolListResponse = array of Tool { ... }` -> (name, type text)."""
    m = _DECL.match(s) if "=" in s and s[0].isupper() else None
    return (m.group("name"), m.group("type")) if m else None


def type_line(s: str, loose: bool) -> bool:
    """A line that is a type, not a field: `Name object { … }`, `array of …`, `class X:`.

    `loose` (after `One of the following:`) also admits a bare type name or primitive.
    """
    if loose and _BARE_TYPE.match(s):
        return True
    if not ("{" in s or "[" in s or s.endswith("object") or s.startswith(("class", "array of"))):
        return False
    return bool(_CLASS.match(s) or _TYPE_LINE.match(s))


def constraint_line(s: str) -> tuple[str, str] | None:
    """A glued constraint (`minLength1`, `pattern^[a-z]+$`) -> (key, raw value), else None.

    The value must be glued (no space) and must not start with a lower-case letter, so prose
    such as `minimum of three` or `defaults to x` is not taken; `pattern` takes any glued
    value, `format` only a known format name.
    """
    m = _CONSTRAINT.match(s) if s[:1] in _CONSTRAINT_INITIALS else None
    if not m:
        return None
    key, raw = m.group("key"), m.group("value")
    if not raw or raw[0].isspace():
        return None
    if key == "format":
        return (key, raw) if raw in _FORMATS else None
    if key == "pattern":
        return (key, raw) if " " not in raw or raw[0] == "^" else None
    if key == "default" and raw in ("true", "false", "null"):
        return key, raw
    if key == "uniqueItems" and raw in ("true", "false"):
        return key, raw
    return None if raw[0].islower() else (key, raw)


def constraint_value(key: str, raw: str) -> Scalar:
    """The typed value of a constraint; raises ValueError when it does not fit the key."""
    if key in _INT_KEYS:
        if not _INT.match(raw) or len(raw) > _MAX_NUMBER_CHARS:
            raise ValueError(f"{key} needs an integer, got {clip(raw, 40)!r}")
        return int(raw)
    if key in _NUM_KEYS:
        if not _NUM.match(raw) or len(raw) > _MAX_NUMBER_CHARS:
            raise ValueError(f"{key} needs a number, got {clip(raw, 40)!r}")
        value = int(raw) if _INT.match(raw) else float(raw)
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"{key} {clip(raw, 40)!r} is too large for a float")
        return value
    if key == "uniqueItems":
        if raw not in ("true", "false"):
            raise ValueError(f"uniqueItems needs true or false, got {raw!r}")
        return raw == "true"
    if key == "default":
        parsed = jsontext.loads(raw)  # not NaN, not too large, not too deep: else ValueError
        if isinstance(parsed, dict | list):
            return raw  # a structured default stays as its JSON text
        return parsed
    return raw


@functools.lru_cache(maxsize=4096)
def nested_names(expr: TExpr) -> frozenset[str]:
    """Type names whose bodies a flat listing may describe inline after a field of this type:
    named object summaries anywhere and names that are union members (not a plain reference)."""
    names: set[str] = set()
    stack: list[tuple[TExpr, bool]] = [(expr, False)]
    while stack:
        node, in_union = stack.pop()
        if isinstance(node, TObject) and node.name:
            names.add(node.name)
        elif isinstance(node, TRef) and in_union:
            names.add(node.name)
        elif isinstance(node, TUnion):
            stack.extend((m, True) for m in node.members)
        elif isinstance(node, TArray | TMap):
            stack.append((node.item if isinstance(node, TArray) else node.value, in_union))
    return frozenset(names)


def is_chrome(s: str) -> bool:
    """A site-frame button or link (`Skip to content`, `Copy Markdown`, `Open in Claude`)."""
    return len(s) < 40 and bool(_CHROME.match(s))


def heading_like(s: str) -> bool:
    """A short Title Case line (`Retrieve Mcp Tool`, `Tools`) that is not chrome: every word
    capitalized, no word repeated (a scraped logo repeats its text), no end punctuation."""
    words = s.split()
    if not 1 <= len(words) <= 8 or is_chrome(s) or s[-1] in ".:;,!?":
        return False
    if len({w.lower() for w in words}) != len(words):
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def is_construct(s: str) -> bool:
    """Any recognized construct (as opposed to plain text that may be a title or description)."""
    return bool(
        verb_line(s)
        or looks_like_call(s)
        or section_label(s)
        or is_one_of(s)
        or value_literal(s, False)[0]
        or field_candidate(s)
        or constraint_line(s)
        or decl_line(s)
        or type_line(s, False)
    )
