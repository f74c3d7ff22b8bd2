"""The type model of the synthetic docs: one field description renders the HTTP flavor
(`optional array of string`), the Python flavor (`Optional[List[str]]`), the nested bullets that
document a type's structure, and JSON values for the response examples."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class F:
    """A field. `kind`: str, int, float, bool, map, strs, enum, literal, object, objects, union,
    prims. `ref` names enum/object types; `fields` is an object's body; `variants` a union's."""

    name: str
    kind: str
    required: bool = False
    desc: str = ""
    ref: str = ""
    values: tuple[str, ...] = ()
    fields: tuple[F, ...] = ()
    variants: tuple[tuple[str, tuple[F, ...]], ...] = ()


_HTTP_SCALARS = {"str": "string", "int": "number", "float": "number", "bool": "boolean"}
_PY_SCALARS = {"str": "str", "int": "int", "float": "float", "bool": "bool"}


def summary(names: list[str], sep: str, more_after: int) -> str:
    """Stainless summaries: all names up to `more_after`, else three and `N more`."""
    if len(names) <= more_after:
        return sep.join(names)
    return sep.join([*names[:3], f"{len(names) - 3} more"])


def obj_summary(name: str, fields: tuple[F, ...]) -> str:
    return f"{name} object {{ {summary([f.name for f in fields], ', ', 4)} }}"


def http_type(f: F) -> str:
    """The HTTP-grammar type of a field (`optional array of string`)."""
    if f.kind in _HTTP_SCALARS:
        t = _HTTP_SCALARS[f.kind]
    else:
        t = {
            "map": "map[unknown]",
            "strs": "array of string",
            "enum": f.ref,
            "literal": summary([json.dumps(v) for v in f.values], " or ", 3),
            "object": f.ref,
            "objects": f"array of {f.ref}",
            "union": " or ".join(name for name, _ in f.variants),
            "prims": "string or number",
        }[f.kind]
    return t if f.required else f"optional {t}"


def py_type(f: F) -> str:
    """The Python-grammar type of a field (`Optional[List[str]]`)."""
    if f.kind in _PY_SCALARS:
        t = _PY_SCALARS[f.kind]
    else:
        t = {
            "map": "Dict[str, object]",
            "strs": "List[str]",
            "enum": f.ref,
            "literal": "Literal[" + summary([json.dumps(v) for v in f.values], ", ", 4) + "]",
            "object": f.ref,
            "objects": f"List[{f.ref}]",
            "union": "Union[" + ", ".join(name for name, _ in f.variants) + "]",
            "prims": "Union[str, float]",
        }[f.kind]
    return t if f.required else f"Optional[{t}]"


class Lines:
    """Markdown being written: blank-line separated blocks, like the published pages."""

    def __init__(self) -> None:
        self.out: list[str] = []

    def block(self, text: str, indent: int = 0) -> None:
        pad = " " * indent
        self.out.extend(pad + line if line else "" for line in text.split("\n"))
        self.out.append("")

    def bullet(self, code: str, indent: int, desc: str = "") -> None:
        self.block(f"- `{code}`", indent)
        if desc:
            self.block(desc, indent + 2)

    def text(self) -> str:
        return "\n".join(self.out).rstrip("\n") + "\n"


def field_bullets(out: Lines, f: F, indent: int, python: bool) -> None:
    """A field bullet with its description and its documented structure (values, body, variants)."""
    out.bullet(f"{f.name}: {py_type(f) if python else http_type(f)}", indent, f.desc)
    body_bullets(out, f, indent + 2, python)


def body_bullets(out: Lines, f: F, indent: int, python: bool) -> None:
    """What a field's type is made of, as nested bullets."""
    if f.kind in ("enum", "literal"):
        for v in f.values:
            out.bullet(json.dumps(v), indent)
    elif f.kind in ("object", "objects"):
        for sub in f.fields:
            field_bullets(out, sub, indent, python)
    elif f.kind == "union":
        for name, body in f.variants:
            out.bullet(f"class {name}: …" if python else obj_summary(name, body), indent)
            for sub in body:
                field_bullets(out, sub, indent + 2, python)
    elif f.kind == "prims":
        for t in ("str", "float") if python else ("string", "number"):
            out.bullet(t, indent)


def example(f: F, seed: int = 0) -> object:
    """A JSON value of the field's type (for the documented response examples)."""
    if f.kind == "str":
        return f.name if f.name != "id" else f"item-{seed:08d}"
    if f.kind == "int":
        return seed % 7 + 1
    if f.kind == "float":
        return 0.5
    if f.kind == "bool":
        return True
    if f.kind == "map":
        return {"foo": "bar"}
    if f.kind == "strs":
        return ["string"]
    if f.kind in ("enum", "literal"):
        return f.values[0]
    if f.kind == "object":
        return object_example(f.fields, seed)
    if f.kind == "objects":
        return [object_example(f.fields, seed)]
    if f.kind == "union":
        return object_example(f.variants[0][1], seed)
    return "string"  # prims


def object_example(fields: tuple[F, ...], seed: int = 0) -> dict[str, object]:
    return {f.name: example(f, seed) for f in fields}
