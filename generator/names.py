"""Identifiers: validating constructors so that no raw docs string reaches a template as a name."""

from __future__ import annotations

import keyword
import re

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z0-9]|\b|_|$)|[A-Z]?[a-z0-9]+|[A-Z]+|[0-9]+")
_SOFT_KEYWORDS = {"type", "match", "case", "_"}
_RESERVED_ATTRS = {
    # pydantic BaseModel attributes a field must not shadow
    "model_config",
    "model_fields",
    "model_dump",
    "model_validate",
    "model_copy",
    "model_extra",
    "model_fields_set",
    "model_construct",
    "model_json_schema",
    "dict",
    "json",
    "copy",
    "schema",
    "construct",
    "validate",
    "parse_obj",
    "fields",
    "register",
}


def words(raw: str) -> list[str]:
    """Split any spelling (`mcp-servers`, `McpServers`, `tool_id`, `URL object`) into words."""
    return [w for w in _WORD.findall(raw.replace("-", " ").replace(".", " ")) if w]


def snake(raw: str) -> str:
    """`McpServers` -> `mcp_servers`; `tool-id` -> `tool_id`."""
    return "_".join(w.lower() for w in words(raw))


def pascal(raw: str) -> str:
    """`mcp_servers` -> `McpServers`; keeps inner capitals of an already Pascal word (`URL`)."""
    return "".join(w[:1].upper() + w[1:] for w in words(raw))


class PyName(str):
    """A valid, non-keyword Python identifier in snake_case spelling (attributes, params, modules)."""

    __slots__ = ()

    def __new__(cls, raw: str) -> PyName:
        if not raw.isidentifier() or keyword.iskeyword(raw):
            raise ValueError(f"not a usable Python name: {raw!r}")
        return super().__new__(cls, raw)

    @classmethod
    def sanitize(cls, raw: str) -> tuple[PyName, bool]:
        """Make a usable name from any docs string; the flag says whether it had to change."""
        name = re.sub(r"\W", "_", raw.strip())
        name = re.sub(r"_+", "_", name) if name != raw else name
        if not name or name[0].isdigit():
            name = f"n_{name}"
        if keyword.iskeyword(name) or name in _RESERVED_ATTRS:
            name = f"{name}_"
        return cls(name), name != raw


class ClassName(str):
    """A valid PascalCase Python class name."""

    __slots__ = ()

    def __new__(cls, raw: str) -> ClassName:
        if not raw.isidentifier() or keyword.iskeyword(raw) or not raw[0].isupper():
            raise ValueError(f"not a usable class name: {raw!r}")
        return super().__new__(cls, raw)

    @classmethod
    def sanitize(cls, raw: str) -> tuple[ClassName, bool]:
        """Make a class name from any docs string (`URL object` -> `URL`, `sg-lang` -> `SgLang`)."""
        if raw.isidentifier() and raw[:1].isupper() and not keyword.iskeyword(raw):
            return cls(raw), False
        name = pascal(raw) or "Model"
        if name[0].isdigit():
            name = f"N{name}"
        return cls(name), True


def is_soft_keyword(name: str) -> bool:
    """Names that are legal but read badly as bare identifiers in some positions."""
    return name in _SOFT_KEYWORDS
