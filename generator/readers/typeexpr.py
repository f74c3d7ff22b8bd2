"""Type expressions as the docs write them, in two grammars.

HTTP grammar (HTTP reference and web pages): `string`, `number`, `boolean`, `unknown`,
`optional T`, `array of T`, `map[T]`, `"a" or "b"`, `A or B`, `Name object { f1, N more }`,
`object { ... }`, `Name { f1, f2 }` (web), `Name`.

Python grammar (SDK reference): `str`, `int`, `float`, `bool`, `object`, `datetime`, `date`,
`null`/`None`, `Optional[T]`, `List[T]`, `Sequence[T]`, `Iterable[T]`, `Dict[str, T]`,
`Literal["a", 3 more]`, `Union[A, B]`, `Name`.

Both return `(optional, expr)`; a text that fits neither raises `TypeSyntaxError`.
"""

from __future__ import annotations

import json
import math
import re

from generator.facts import (
    PrimName,
    Scalar,
    TArray,
    TExpr,
    TLiteral,
    TMap,
    TObject,
    TPrim,
    TRef,
    TUnion,
)

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
_MORE = re.compile(r"^(\d+) more$")
_FIELD_NAME = re.compile(r"[A-Za-z0-9_$][\w$.\-]*")  # what a field bullet accepts as a name
_SINGLE_TO_JSON = re.compile(r'\\(.)|"')
_MAX_DIGITS = 4000  # Python refuses to convert longer digit strings (int_max_str_digits)
_HTTP_PRIMS: dict[str, PrimName] = {
    "string": "string",
    "number": "number",
    "integer": "integer",
    "boolean": "boolean",
    "unknown": "unknown",
    "null": "null",
    "datetime": "datetime",
    "date": "date",
}
_PY_PRIMS: dict[str, PrimName] = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "object": "unknown",
    "Any": "unknown",
    "datetime": "datetime",
    "date": "date",
    "null": "null",
    "None": "null",
    "FileTypes": "binary",  # the SDK's file input (bytes, a file, a path): a multipart file
}
_PY_LISTS = {"List", "list", "Sequence", "SequenceNotStr", "Iterable", "Tuple", "tuple"}
_PY_MAPS = {"Dict", "dict", "Mapping"}
MAX_DEPTH = 64


class TypeSyntaxError(ValueError):
    """The text is not a type expression of the grammar."""


def _split_top(text: str, sep: str) -> list[str]:
    """Split on `sep` outside brackets, braces and string literals."""
    parts, depth, start, i, quote = [], 0, 0, 0, ""
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in "[({":
            depth += 1
        elif ch in "])}":
            depth -= 1
            if depth < 0:
                raise TypeSyntaxError(f"unbalanced {ch!r}")
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    if depth or quote:
        raise TypeSyntaxError("unbalanced brackets or quotes")
    parts.append(text[start:])
    return [p.strip() for p in parts]


def quoted(text: str) -> str:
    """The value of a quoted literal: `"a\\"b"` (JSON escapes) or `'it\\'s'` (Python quotes).
    A backslash that starts no valid escape stays as written. Raises TypeSyntaxError for a value
    no output can hold (a lone surrogate such as `"\\ud800"`)."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    if text[0] == "'":  # as a JSON string: escape its double quotes, unescape its single ones
        body = _SINGLE_TO_JSON.sub(_single_to_json, body)
    try:
        value = json.loads('"' + body + '"')
    except ValueError:
        return text[1:-1]
    if not isinstance(value, str):  # a JSON string literal always reads as a str
        return text[1:-1]
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        msg = f"{text[:40]!r} holds a lone surrogate, which UTF-8 cannot encode"
        raise TypeSyntaxError(msg) from None
    return value


def _single_to_json(m: re.Match[str]) -> str:
    if m.group(0) == '"':
        return '\\"'
    return "'" if m.group(1) == "'" else m.group(0)


def _literal(text: str) -> Scalar | None:
    """A JSON-style scalar literal, or None if the text is not one."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return quoted(text)
    if re.fullmatch(r"-?\d+", text):
        if len(text.lstrip("-")) > _MAX_DIGITS:
            raise TypeSyntaxError(f"integer literal longer than {_MAX_DIGITS} digits")
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        value = float(text)
        if not math.isfinite(value):
            raise TypeSyntaxError(f"number {text[:40]!r} is too large for a float")
        return value
    if text in ("true", "True"):
        return True
    if text in ("false", "False"):
        return False
    return None


def _count(digits: str) -> int:
    """An elided count (`15 more`)."""
    if len(digits) > _MAX_DIGITS:
        raise TypeSyntaxError(f"count longer than {_MAX_DIGITS} digits")
    return int(digits)


def _is_quoted(text: str) -> bool:
    return len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'"


def _union_of(members: list[TExpr], more: int) -> TExpr:
    """Literal members fold into one TLiteral; a single member stands alone."""
    literals = [m for m in members if isinstance(m, TLiteral)]
    if members and len(literals) == len(members):
        return TLiteral(tuple(v for m in literals for v in m.values), more)
    if len(members) == 1 and not more:
        return members[0]
    return TUnion(tuple(members), more)


def _object_summary(name: str | None, body: str) -> TObject:
    names: list[str] = []
    more = 0
    for part in (p.strip() for p in body.split(",")):
        if not part:
            continue
        m = _MORE.match(part)
        if m:
            more = _count(m.group(1))
        elif _FIELD_NAME.fullmatch(part):
            names.append(part)
        else:
            raise TypeSyntaxError(f"bad field name {part!r} in object summary")
    return TObject(name, tuple(names), more)


# --- HTTP grammar ------------------------------------------------------------------------------


def parse_http(text: str) -> tuple[bool, TExpr]:
    """Parse an HTTP-flavor type: `optional array of string` -> (True, TArray(TPrim(string)))."""
    text = " ".join(text.split())
    optional = False
    if text.startswith("optional "):
        optional, text = True, text[len("optional ") :]
    return optional, _http(text, 0)


def _http(text: str, depth: int) -> TExpr:
    if depth > MAX_DEPTH:
        raise TypeSyntaxError("type expression nested too deeply")
    if not text:
        raise TypeSyntaxError("empty type")
    if text.startswith("array of "):
        return TArray(_http(text[len("array of ") :].strip(), depth + 1))
    parts = _split_top(text, " or ")
    if len(parts) > 1:
        members: list[TExpr] = []
        more = 0
        for i, part in enumerate(parts):
            m = _MORE.match(part)
            if m:
                more = _count(m.group(1))
            elif part.startswith("array of ") and i:
                # `string or array of A or B or 5 more`: `array of` binds the rest of the chain
                members.append(_http(" or ".join(parts[i:]), depth + 1))
                break
            else:
                members.append(_http(part, depth + 1))
        return _union_of(members, more)
    if text.startswith("optional "):
        return TUnion((_http(text[len("optional ") :], depth + 1), TPrim("null")))
    if text.startswith("map[") and text.endswith("]"):
        return TMap(_http(text[4:-1].strip(), depth + 1))
    m = re.fullmatch(r"(?:([A-Za-z_][\w.]*)\s+)?(?:object\s*)?\{(.*)\}", text)
    if m and ("object" in text.split("{")[0] or m.group(1)):
        name = m.group(1) if m.group(1) != "object" else None
        return _object_summary(name, m.group(2))
    if text in _HTTP_PRIMS:
        return TPrim(_HTTP_PRIMS[text])
    if text == "object":
        return TMap(TPrim("unknown"))
    value = _literal(text)
    if value is not None:
        return TLiteral((value,))
    m = re.fullmatch(r"([A-Za-z_][\w.]*)\s+object", text)
    if m:
        return TObject(m.group(1), None)
    if _NAME.match(text):
        return TRef(text)
    raise TypeSyntaxError(f"not a type expression: {text!r}")


# --- Python grammar ----------------------------------------------------------------------------


def parse_python(text: str) -> tuple[bool, TExpr]:
    """Parse a Python-annotation type: `Optional[List[str]]` -> (True, TArray(TPrim(string)))."""
    text = " ".join(text.split())
    m = re.fullmatch(r"Optional\[(.*)\]", text)
    if m:
        return True, _py(m.group(1).strip(), 0)
    return False, _py(text, 0)


def _py(text: str, depth: int) -> TExpr:
    if depth > MAX_DEPTH:
        raise TypeSyntaxError("type expression nested too deeply")
    if not text:
        raise TypeSyntaxError("empty type")
    if text in _PY_PRIMS:
        return TPrim(_PY_PRIMS[text])
    parts = _split_top(text, "|")
    if len(parts) > 1:
        return _union_of([_py(p, depth + 1) for p in parts], 0)
    m = re.fullmatch(r"([A-Za-z_][\w.]*)\[(.*)\]", text)
    if not m:
        if _is_quoted(text):
            return TLiteral((_literal(text),))
        m2 = re.fullmatch(r"class\s+([A-Za-z_]\w*)\s*:?\s*(?:…|\.\.\.)?", text)
        if m2:
            return TObject(m2.group(1), None)
        if _NAME.match(text):
            return TRef(text)
        raise TypeSyntaxError(f"not a type expression: {text!r}")
    head, args = m.group(1), _split_top(m.group(2), ",")
    if head == "Optional" and len(args) == 1:
        return TUnion((_py(args[0], depth + 1), TPrim("null")))
    if (head in _PY_LISTS or head.endswith("Page")) and len(args) >= 1:
        return TArray(_py(args[0], depth + 1))
    if head in _PY_MAPS and len(args) == 2:
        if args[0] != "str":
            raise TypeSyntaxError(f"map keys must be str, got {args[0]!r}")
        return TMap(_py(args[1], depth + 1))
    if head in ("Literal", "Union"):
        members: list[TExpr] = []
        more = 0
        for arg in args:
            mm = _MORE.match(arg)
            if mm:
                more = _count(mm.group(1))
            elif head == "Literal":
                value = _literal(arg)
                if value is None and arg not in ("None", "null"):
                    raise TypeSyntaxError(f"not a literal value: {arg!r}")
                members.append(TLiteral((value,)))
            else:
                members.append(_py(arg, depth + 1))
        if head == "Literal":
            literals = [m for m in members if isinstance(m, TLiteral)]  # all of them
            return TLiteral(tuple(v for lit in literals for v in lit.values), more)
        return _union_of(members, more) if more or len(members) != 1 else members[0]
    if head in ("Annotated", "Required", "NotRequired") and args:
        return _py(args[0], depth + 1)
    raise TypeSyntaxError(f"unknown generic {head!r}")
